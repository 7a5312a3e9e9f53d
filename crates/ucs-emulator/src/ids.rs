//! Identifiers in the service's formats: Kubernetes UUIDs and request ids.

/// A new Kubernetes-style UUID (`8-4-4-4-12` lowercase hex), as cluster, fleet and rule ids are.
pub(crate) fn new_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A request id: 32 hex digits, as the service's `X-Request-Id`.
///
/// A v4 UUID from the thread's generator (seeded from the OS, then no system call per id,
/// which `Uuid::new_v4` makes on every request): ids need to be unique, not secret.
pub(crate) fn new_request_id() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .simple()
        .to_string()
}

/// A token the emulator hands out (IAM tokens, kubeconfig bearer tokens).
pub(crate) fn new_token(prefix: &str) -> String {
    format!(
        "{prefix}{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// A UUID derived from another id and a purpose: stable for the same inputs, so records need not
/// keep ids of what the emulator only reports (the load balancer of a federation).
pub(crate) fn derived_uid(from: &str, purpose: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{purpose}/{from}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
