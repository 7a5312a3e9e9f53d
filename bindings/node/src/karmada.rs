//! `NativeKarmada`: a fleet's Karmada gateway over `ucs_bridge::karmada`, one cancellable `call`
//! for every verb; `writeKubeconfig` saves a kubeconfig for standard tools.

use napi_derive::napi;
use serde_json::Value;
use ucs_bridge::karmada::{karmada_call, karmada_handle, KarmadaAuth, KarmadaCall};

use crate::calls::Calls;
use crate::client::NativeClient;
use crate::errors::{guard, to_js};

/// A gateway handle; made by the package's `client.karmada(...)`.
#[napi]
pub struct NativeKarmada {
    karmada: ucs_sdk::karmada::Karmada,
    calls: Calls,
}

#[napi]
impl NativeKarmada {
    /// The gateway of `fleet_name` with a bearer `token`, the gateway a federation `kubeconfig`
    /// (object or text) names, or, with neither, the client's IAM token.
    #[napi(constructor)]
    pub fn new(
        client: &NativeClient,
        fleet_name: Option<String>,
        token: Option<String>,
        kubeconfig: Option<Value>,
    ) -> napi::Result<Self> {
        guard(|| {
            let auth = match (token, kubeconfig) {
                (Some(_), Some(_)) => {
                    let e =
                        ucs_sdk::Error::invalid("token", "give a token or a kubeconfig, not both");
                    return Err(to_js(&e));
                }
                (Some(t), None) => KarmadaAuth::Token(t),
                (None, Some(k)) => KarmadaAuth::Kubeconfig(k),
                (None, None) => KarmadaAuth::Iam,
            };
            let karmada = karmada_handle(client.core(), fleet_name.as_deref(), auth)
                .map_err(|e| to_js(&e))?;
            Ok(Self {
                karmada,
                calls: Calls::default(),
            })
        })
    }

    /// The gateway base URL.
    #[napi]
    pub fn base_url(&self) -> napi::Result<String> {
        guard(|| Ok(self.karmada.base_url().to_owned()))
    }

    /// Runs one gateway call (`ucs_bridge::karmada::KarmadaCall`) and answers its JSON text;
    /// `call_id` (non-zero) lets `cancel` stop it.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub async fn call(
        &self,
        call_id: u32,
        verb: String,
        kind_or_uri: String,
        namespace: Option<String>,
        name: Option<String>,
        params: Option<Value>,
        body: Option<Value>,
    ) -> napi::Result<String> {
        let call = KarmadaCall {
            verb,
            kind_or_uri,
            namespace,
            name,
            params,
            body,
        };
        let karmada = self.karmada.clone();
        self.calls
            .run(call_id, async move {
                karmada_call(&karmada, call)
                    .await
                    .and_then(|answer| ucs_bridge::json_text(&answer))
            })
            .await
    }

    /// Cancels the call started with `call_id` (its Promise rejects with an abort error).
    #[napi]
    pub fn cancel(&self, call_id: u32) -> napi::Result<()> {
        guard(|| {
            self.calls.cancel(call_id);
            Ok(())
        })
    }
}

/// Writes `kubeconfig` (object or text) to `path` as the YAML file kubectl reads: mode 0600,
/// atomically.
#[napi]
pub fn write_kubeconfig(kubeconfig: Value, path: String) -> napi::Result<()> {
    guard(|| {
        ucs_bridge::karmada::write_kubeconfig(kubeconfig, std::path::Path::new(&path))
            .map_err(|e| to_js(&e))
    })
}
