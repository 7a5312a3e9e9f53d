//! The client: shared state behind an `Arc`, resource groups, and id resolution through IAM.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::auth::token::{CachedToken, TemporaryKey, TokenCache, UNKNOWN_EXPIRY_LIFETIME};
use crate::auth::Credentials;
use crate::config::{ClientBuilder, Config};
use crate::error::{Error, Result};
use crate::secret::SecretString;
use crate::transport::{AuthMode, Request, Response, RetryBudget, Service};

/// The SDK version, sent in the User-Agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A UCS/HSS client. Cheap to clone; clones share connections, tokens and resolved ids.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) http: reqwest::Client,
    pub(crate) user_agent: String,
    domain_token: TokenCache,
    project_token: TokenCache,
    /// Temporary AK/SK of federated credentials (one pair serves UCS, HSS and IAM).
    federated_key: TokenCache,
    domain_id: tokio::sync::OnceCell<String>,
    project_id: tokio::sync::OnceCell<String>,
    /// Shared by every call of this client and its clones.
    pub(crate) retry_budget: RetryBudget,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.inner.config;
        f.debug_struct("Client")
            .field("endpoint", &c.ucs_endpoint())
            .field("region", &c.region)
            .field("credentials", &c.credentials)
            .field("domain_id", &c.domain_id)
            .field("project_id", &c.project_id)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment and the profile file, like the official SDK.
    pub fn from_env() -> Result<Self> {
        ClientBuilder::new().from_env()?.build()
    }

    /// Builds a client from a configuration; fails on unusable settings, never on the network.
    pub fn from_config(config: Config) -> Result<Self> {
        if let Some(c) = &config.credentials {
            c.validate()?;
        }
        if let Some(region) = &config.region {
            crate::config::check_region(region)?;
        }
        for (field, value) in [
            ("endpoint", &config.endpoint),
            ("hss_endpoint", &config.hss_endpoint),
            ("iam_endpoint", &config.iam_endpoint),
        ] {
            if let Some(v) = value {
                let url = url::Url::parse(v)
                    .map_err(|e| Error::invalid(field, format!("{v:?} is not a URL: {e}")))?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err(Error::invalid(field, "must be an http:// or https:// URL"));
                }
            }
        }
        let http = http_builder(&config)?
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        let user_agent = format!(
            "ucs-sdk/{VERSION} ({})",
            config.user_agent_suffix.as_deref().unwrap_or("rust")
        );
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                http,
                user_agent,
                domain_token: TokenCache::default(),
                project_token: TokenCache::default(),
                federated_key: TokenCache::default(),
                domain_id: tokio::sync::OnceCell::new(),
                project_id: tokio::sync::OnceCell::new(),
                retry_budget: RetryBudget::default(),
            }),
        })
    }

    /// The configuration this client was built from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The User-Agent sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// Cluster operations.
    pub fn clusters(&self) -> crate::ops::Clusters {
        crate::ops::Clusters::new(self.clone())
    }

    /// Fleet (cluster group) operations.
    pub fn fleets(&self) -> crate::ops::Fleets {
        crate::ops::Fleets::new(self.clone())
    }

    /// Add-on instances of clusters.
    pub fn addons(&self) -> crate::ops::Addons {
        crate::ops::Addons::new(self.clone())
    }

    /// GitOps on clusters (Flux installed by the service).
    pub fn gitops(&self) -> crate::ops::GitOps {
        crate::ops::GitOps::new(self.clone())
    }

    /// GitOps config sets (Flux Kustomizations).
    pub fn configsets(&self) -> crate::ops::ConfigSets {
        crate::ops::ConfigSets::new(self.clone())
    }

    /// GitOps source repositories (Flux GitRepositories).
    pub fn repos(&self) -> crate::ops::Repos {
        crate::ops::Repos::new(self.clone())
    }

    /// The account's quotas and the service's configuration.
    pub fn account(&self) -> crate::ops::Account {
        crate::ops::Account::new(self.clone())
    }

    /// DNS record sets of traffic management.
    pub fn traffic(&self) -> crate::ops::Traffic {
        crate::ops::Traffic::new(self.clone())
    }

    /// Policy (Gatekeeper) operations: enabling, jobs, definitions, instances.
    pub fn policies(&self) -> crate::ops::Policies {
        crate::ops::Policies::new(self.clone())
    }

    /// Permission rule operations.
    pub fn rules(&self) -> crate::ops::Rules {
        crate::ops::Rules::new(self.clone())
    }

    /// HSS operations.
    pub fn hss(&self) -> crate::ops::Hss {
        crate::ops::Hss::new(self.clone())
    }

    /// IAM helpers: token, project id, domain id.
    pub fn iam(&self) -> crate::ops::Iam {
        crate::ops::Iam::new(self.clone())
    }

    // ---- request helpers shared by every operation ----

    pub(crate) fn request(
        &self,
        service: Service,
        method: Method,
        path: String,
    ) -> Result<Request> {
        let base = match service {
            Service::Ucs => self.inner.config.ucs_endpoint(),
            Service::Hss => self.inner.config.hss_endpoint()?,
            Service::Iam => self.inner.config.iam_endpoint(),
        };
        Ok(Request::new(method, base, path, AuthMode::Client(service)))
    }

    pub(crate) async fn send(&self, req: Request) -> Result<Response> {
        self.inner.execute(req).await
    }

    /// Sends and decodes a JSON answer.
    pub(crate) async fn call<T: DeserializeOwned>(&self, req: Request) -> Result<T> {
        self.send(req).await?.json()
    }

    /// Sends and ignores the answer body.
    pub(crate) async fn call_empty(&self, req: Request) -> Result<()> {
        self.send(req).await.map(|_| ())
    }
}

/// The reqwest builder every transport of a client starts from (the Karmada gateway's own,
/// for a kubeconfig's CA, included): no redirects, the client's timeouts, TLS and proxy options.
pub(crate) fn http_builder(config: &Config) -> Result<reqwest::ClientBuilder> {
    // UCS never redirects an API call: a followed redirect would carry X-Auth-Token,
    // X-Security-Token and a POST body to another host. Every transport of a client (IAM
    // and Karmada included) is built here.
    let mut http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(config.timeouts.connect)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true);
    if config.insecure_skip_tls_verify {
        http = http.tls_danger_accept_invalid_certs(true);
    }
    if let Some(path) = &config.ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            Error::invalid("ca_file", format!("cannot read {}: {e}", path.display()))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| Error::invalid("ca_file", format!("not a PEM bundle: {e}")))?;
        if certs.is_empty() {
            return Err(Error::invalid("ca_file", "holds no certificate"));
        }
        for cert in certs {
            http = http.add_root_certificate(cert);
        }
    }
    if let Some(proxy) = &config.proxy {
        let p = reqwest::Proxy::all(proxy).map_err(|e| Error::invalid("proxy", format!("{e}")))?;
        http = http.proxy(p);
    }
    Ok(http)
}

/// Serializes a request body.
pub(crate) fn body_of<B: Serialize>(body: &B) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(|e| Error::invalid("body", e.to_string()))
}

impl Inner {
    /// Adds the auth headers of `service`; returns the AK/SK when the request must be signed.
    pub(crate) async fn add_auth_headers(
        self: &Inner,
        service: Service,
        headers: &mut Vec<(String, String)>,
    ) -> Result<Option<(String, SecretString)>> {
        let Some(creds) = self.config.credentials.clone() else {
            return Err(Error::Auth(
                "no credentials: give ak/sk, a token or user/password, or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE)".to_owned(),
            ));
        };
        match creds {
            Credentials::AkSk {
                ak,
                sk,
                security_token,
            } => self.signed(service, headers, ak, sk, security_token).await,
            Credentials::Federated { .. } => {
                let cached = self.federated_key().await?;
                let Some(key) = cached.temporary else {
                    return Err(Error::Auth(
                        "federated credentials gave no temporary access key".to_owned(),
                    ));
                };
                self.signed(service, headers, key.ak, key.sk, Some(cached.token))
                    .await
            }
            Credentials::Token(t) => {
                headers.push(("X-Auth-Token".to_owned(), t.expose().to_owned()));
                Ok(None)
            }
            Credentials::Password { .. } => {
                let token = self.password_token(service == Service::Hss).await?;
                headers.push(("X-Auth-Token".to_owned(), token.token.expose().to_owned()));
                Ok(None)
            }
        }
    }

    /// The headers of an AK/SK-signed request: the account or project of the service and the
    /// security token of temporary keys; returns the pair to sign with.
    async fn signed(
        &self,
        service: Service,
        headers: &mut Vec<(String, String)>,
        ak: String,
        sk: SecretString,
        security_token: Option<SecretString>,
    ) -> Result<Option<(String, SecretString)>> {
        match service {
            Service::Ucs => {
                let id = self.domain_id().await?;
                headers.push(("X-Domain-Id".to_owned(), id));
            }
            Service::Hss => {
                let id = self.project_id().await?;
                headers.push(("X-Project-Id".to_owned(), id));
            }
            Service::Iam => {}
        }
        if let Some(t) = security_token {
            headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
        }
        Ok(Some((ak, sk)))
    }

    /// After a 401: drops the cached token if it is the one that failed (a concurrent call may
    /// have replaced it already); true when a retry with a fresh token is worth making.
    pub(crate) async fn invalidate_cached_token(
        &self,
        auth: &AuthMode,
        failed: Option<&SecretString>,
    ) -> bool {
        let Some(failed) = failed else {
            return false;
        };
        let cache = match (&self.config.credentials, auth) {
            // `failed` is then the temporary key's security token.
            (Some(Credentials::Federated { .. }), AuthMode::Client(_)) => &self.federated_key,
            (Some(Credentials::Password { .. }), AuthMode::Client(Service::Hss)) => {
                &self.project_token
            }
            (Some(Credentials::Password { .. }), AuthMode::Client(_)) => &self.domain_token,
            _ => return false,
        };
        cache.clear_if(failed).await;
        true
    }

    /// The account id: configured, or resolved once through `GET /v3/auth/domains`.
    pub(crate) async fn domain_id(&self) -> Result<String> {
        if let Some(id) = &self.config.domain_id {
            return Ok(id.clone());
        }
        self.domain_id
            .get_or_try_init(|| async {
                let req = Request::new(
                    Method::GET,
                    self.config.iam_endpoint(),
                    "/v3/auth/domains".to_owned(),
                    AuthMode::Client(Service::Iam),
                );
                let answer: Value = Box::pin(self.execute_nested(req)).await?.json()?;
                answer["domains"][0]["id"]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        Error::Auth("IAM answered no domain for these credentials".to_owned())
                    })
            })
            .await
            .cloned()
    }

    /// The project id: configured, or resolved once through IAM from the region.
    pub(crate) async fn project_id(&self) -> Result<String> {
        if let Some(id) = &self.config.project_id {
            return Ok(id.clone());
        }
        let Some(region) = self.config.region.clone() else {
            return Err(Error::Config(
                "no project id: give project_id, or a region to resolve it through IAM".to_owned(),
            ));
        };
        self.project_id
            .get_or_try_init(|| async {
                if matches!(self.config.credentials, Some(Credentials::Password { .. })) {
                    if let Some(id) = self.password_token(true).await?.project_id {
                        return Ok(id);
                    }
                }
                let mut req = Request::new(
                    Method::GET,
                    self.config.iam_endpoint(),
                    "/v3/projects".to_owned(),
                    AuthMode::Client(Service::Iam),
                );
                req.query.push(("name".to_owned(), region.clone()));
                let answer: Value = Box::pin(self.execute_nested(req)).await?.json()?;
                answer["projects"][0]["id"]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| Error::Config(format!("IAM knows no project named {region:?}")))
            })
            .await
            .cloned()
    }

    /// A password-obtained token, domain- or project-scoped, from the cache or IAM.
    pub(crate) async fn password_token(&self, project_scoped: bool) -> Result<CachedToken> {
        let Some(Credentials::Password {
            user,
            password,
            domain_name,
        }) = self.config.credentials.clone()
        else {
            return Err(Error::Auth(
                "an IAM token needs user, password and domain_name".to_owned(),
            ));
        };
        let scope = if project_scoped {
            match (&self.config.project_id, &self.config.region) {
                (Some(id), _) => json!({"project": {"id": id}}),
                (None, Some(region)) => json!({"project": {"name": region}}),
                (None, None) => {
                    return Err(Error::Config(
                        "a project-scoped token needs project_id or region".to_owned(),
                    ))
                }
            }
        } else {
            json!({"domain": {"name": domain_name}})
        };
        let cache = if project_scoped {
            &self.project_token
        } else {
            &self.domain_token
        };
        cache
            .get_or_fetch(|| async {
                let body = json!({"auth": {
                    "identity": {"methods": ["password"], "password": {"user": {
                        "name": user, "password": password.expose(), "domain": {"name": domain_name}}}},
                    "scope": scope}});
                let resp = self.iam_post("/v3/auth/tokens", None, &body).await?;
                let token = subject_token(&resp)
                    .ok_or_else(|| Error::Auth("IAM answered without an X-Subject-Token".to_owned()))?
                    .to_owned();
                let answer: Value = resp.json().unwrap_or(Value::Null);
                let valid_for = valid_for(&answer["token"]["expires_at"]);
                let project_id = answer["token"]["project"]["id"].as_str().map(str::to_owned);
                Ok(CachedToken::new(SecretString::new(token), valid_for, project_id))
            })
            .await
    }

    /// An unauthenticated `POST` of `body` to IAM's `path` (the credentials are in the body),
    /// with one extra header if given.
    async fn iam_post(
        &self,
        path: &str,
        header: Option<(&str, &str)>,
        body: &Value,
    ) -> Result<Response> {
        let mut req = Request::new(
            Method::POST,
            self.config.iam_endpoint(),
            path.to_owned(),
            AuthMode::None,
        );
        if let Some((name, value)) = header {
            req.headers.push((name.to_owned(), value.to_owned()));
        }
        req.body = Some(body_of(body)?);
        Box::pin(self.execute_nested(req)).await
    }

    /// The temporary AK/SK of federated credentials, from the cache or IAM, as the official
    /// `FederalAccessor` gets them: the id token, read from its file at every refresh (tokens
    /// in files rotate), is exchanged for an unscoped token
    /// (`POST /v3.0/OS-AUTH/id-token/tokens`, `X-Idp-Id`), and that token for a 6 h temporary
    /// key (`POST /v3.0/OS-CREDENTIAL/securitytokens`). UCS and HSS calls are then signed with
    /// it, with `X-Domain-Id` or `X-Project-Id` as for any AK/SK.
    pub(crate) async fn federated_key(&self) -> Result<CachedToken> {
        let Some(Credentials::Federated {
            idp_id,
            id_token_file,
        }) = self.config.credentials.clone()
        else {
            return Err(Error::Auth(
                "a temporary key needs federated (idp_id, id_token_file) credentials".to_owned(),
            ));
        };
        self.federated_key
            .get_or_fetch(|| async {
                let id_token = read_id_token(&id_token_file).await?;
                let resp = self
                    .iam_post(
                        "/v3.0/OS-AUTH/id-token/tokens",
                        Some(("X-Idp-Id", idp_id.as_str())),
                        &json!({"auth": {"id_token": {"id": id_token.expose()}}}),
                    )
                    .await?;
                let unscoped = subject_token(&resp)
                    .filter(|v| !v.is_empty())
                    .map(SecretString::new)
                    .ok_or_else(|| {
                        Error::Auth(format!(
                            "IAM answered the id token of identity provider {idp_id:?} without an X-Subject-Token"
                        ))
                    })?;
                // The official request: the token in the body, no X-Auth-Token header.
                let body = json!({"auth": {"identity": {"methods": ["token"], "token": {
                    "id": unscoped.expose(), "duration_seconds": FEDERATED_KEY_SECONDS}}}});
                let answer: Value = self
                    .iam_post("/v3.0/OS-CREDENTIAL/securitytokens", None, &body)
                    .await?
                    .json()?;
                let credential = &answer["credential"];
                let field = |name: &str| {
                    credential[name]
                        .as_str()
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            Error::Auth(format!(
                                "IAM answered securitytokens without credential.{name}"
                            ))
                        })
                };
                let key = TemporaryKey {
                    ak: field("access")?,
                    sk: SecretString::new(field("secret")?),
                };
                let security_token = SecretString::new(field("securitytoken")?);
                Ok(CachedToken::temporary(
                    key,
                    security_token,
                    valid_for(&credential["expires_at"]),
                ))
            })
            .await
    }
}

/// The `X-Subject-Token` of an IAM answer, where IAM puts the token it issued.
fn subject_token(resp: &Response) -> Option<&str> {
    resp.headers
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
}

/// Lifetime asked for federated temporary keys: the official `FederalAccessor`'s 6 hours.
const FEDERATED_KEY_SECONDS: u64 = 6 * 3600;

/// How long an IAM `expires_at` leaves: a past one gives zero (used once, not cached); a
/// missing or unreadable one a short lifetime, never the full 24 hours.
fn valid_for(expires_at: &Value) -> Duration {
    expires_at
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map_or(UNKNOWN_EXPIRY_LIFETIME, |t| {
            t.with_timezone(&chrono::Utc)
                .signed_duration_since(chrono::Utc::now())
                .to_std()
                .unwrap_or(Duration::ZERO)
        })
}

/// The id token in `path`, trimmed, as the official SDK reads it; errors name the file and the
/// reason, never the content.
async fn read_id_token(path: &std::path::Path) -> Result<SecretString> {
    let text = tokio::fs::read_to_string(path).await.map_err(|e| {
        Error::Config(format!(
            "id_token_file {}: cannot read the id token: {e}",
            path.display()
        ))
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(Error::Config(format!(
            "id_token_file {}: the file is empty",
            path.display()
        )));
    }
    Ok(SecretString::new(token))
}
