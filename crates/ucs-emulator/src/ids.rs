//! Identifiers in the service's formats: Kubernetes UUIDs and request ids.

/// A new Kubernetes-style UUID (`8-4-4-4-12` lowercase hex), as cluster, fleet and rule ids are.
pub(crate) fn new_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A request id: 32 hex digits, as the service's `X-Request-Id`.
pub(crate) fn new_request_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A token the emulator hands out (IAM tokens, kubeconfig bearer tokens).
pub(crate) fn new_token(prefix: &str) -> String {
    format!(
        "{prefix}{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}
