//! Client configuration: endpoints, credentials, timeouts, retries, TLS and proxy.

pub mod regions;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::auth::credentials::{self, Credentials};
use crate::error::{Error, Result};
use regions::{RegionService, RegionsFile};

/// UCS endpoint of the China site.
pub const UCS_ENDPOINT_CHINA: &str = "https://ucs.myhuaweicloud.com";
/// UCS endpoint of the international site.
pub const UCS_ENDPOINT_INTERNATIONAL: &str = "https://ucs-intl.myhuaweicloud.com";
/// The Karmada gateway address template (reference chapter 4).
pub const KARMADA_ENDPOINT_TEMPLATE: &str =
    "https://{fleet}.fleet.ucs.{region}-dev.myhuaweicloud.com";

/// Which UCS site to talk to when no endpoint is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Site {
    /// `ucs.myhuaweicloud.com`.
    #[default]
    China,
    /// `ucs-intl.myhuaweicloud.com`.
    International,
}

/// Retry behaviour for throttling, server errors and connection failures.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 switches retries off).
    pub max_retries: u32,
    /// Delay before the first retry; doubled each time, with jitter.
    pub base_delay: Duration,
    /// Longest delay between two attempts (a longer `Retry-After` is capped to it).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
        }
    }
}

/// Deadlines.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeouts {
    /// Establishing a connection.
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Duration,
    /// The whole call, retries and waits included (default 120 s); `None` for no limit beyond
    /// the attempts'. A retry whose wait would cross it is not made: the last error is returned.
    pub call: Option<Duration>,
}

/// Default deadline of a whole call.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(120);

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(60),
            call: Some(DEFAULT_CALL_TIMEOUT),
        }
    }
}

/// Default cap of a successful response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Longest region name accepted.
pub const REGION_MAX: usize = 64;

/// A region goes into host names (`iam.{region}.myhuaweicloud.com`): only `a-z`, `0-9` and
/// inner single `-` (`cn-north-4`), so it can never point a signed request elsewhere.
pub fn check_region(region: &str) -> Result<()> {
    let shaped = !region.is_empty()
        && region.len() <= REGION_MAX
        && region.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if shaped {
        Ok(())
    } else {
        Err(Error::invalid(
            "region",
            format!(
                "{:?} is not a region name (lowercase letters and digits in groups joined by '-', at most {REGION_MAX} characters, e.g. cn-north-4)",
                region.chars().take(REGION_MAX + 8).collect::<String>()
            ),
        ))
    }
}

/// A proxy URL with any user name and password replaced by `***`, for Debug output.
fn redacted_proxy(proxy: &str) -> String {
    match url::Url::parse(proxy) {
        Ok(mut url) => {
            if !url.username().is_empty() || url.password().is_some() {
                let _ = url.set_username("***");
                let _ = url.set_password(None);
            }
            url.to_string()
        }
        // Unparsable: it may still hold a password, so show nothing of it.
        Err(_) => "<unparsable proxy URL>".to_owned(),
    }
}

/// Everything a [`crate::Client`] is built from.
#[derive(Clone)]
pub struct Config {
    /// UCS endpoint; defaults from `site`.
    pub endpoint: Option<String>,
    /// UCS site used when no endpoint is given.
    pub site: Site,
    /// Region, for HSS, IAM and the Karmada gateway.
    pub region: Option<String>,
    /// HSS endpoint; defaults to the official table's host for the region
    /// ([`regions::HSS_REGIONS`]), else `https://hss.{region}.myhuaweicloud.com`.
    pub hss_endpoint: Option<String>,
    /// IAM endpoint; defaults to the official table's host for the region
    /// ([`regions::IAM_REGIONS`]), else `https://iam.{region}.myhuaweicloud.com`, or the global
    /// `https://iam.myhuaweicloud.com` without a region.
    pub iam_endpoint: Option<String>,
    /// Karmada gateway template with `{fleet}` and `{region}`; defaults to the reference's.
    pub karmada_endpoint: Option<String>,
    /// How to authenticate.
    pub credentials: Option<Credentials>,
    /// Account id (`X-Domain-Id`); resolved through IAM when missing.
    pub domain_id: Option<String>,
    /// Project id (HSS paths, `X-Project-Id`); resolved through IAM when missing.
    pub project_id: Option<String>,
    /// Deadlines.
    pub timeouts: Timeouts,
    /// Retries.
    pub retry: RetryPolicy,
    /// Skip TLS certificate verification (only when switched off explicitly).
    pub insecure_skip_tls_verify: bool,
    /// Extra CA bundle (PEM).
    pub ca_file: Option<PathBuf>,
    /// HTTP(S) proxy URL.
    pub proxy: Option<String>,
    /// Appended to the User-Agent, e.g. `python/3.12` from a binding.
    pub user_agent_suffix: Option<String>,
    /// Largest successful response body read, in bytes (default 64 MiB); a larger one ends the
    /// call with [`Error::Decode`] naming the limit. Error bodies are capped at 64 KiB.
    pub max_response_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            endpoint: None,
            site: Site::default(),
            region: None,
            hss_endpoint: None,
            iam_endpoint: None,
            karmada_endpoint: None,
            credentials: None,
            domain_id: None,
            project_id: None,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            insecure_skip_tls_verify: false,
            ca_file: None,
            proxy: None,
            user_agent_suffix: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

// By hand: a proxy URL may carry a user name and password.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoint", &self.endpoint)
            .field("site", &self.site)
            .field("region", &self.region)
            .field("hss_endpoint", &self.hss_endpoint)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("karmada_endpoint", &self.karmada_endpoint)
            .field("credentials", &self.credentials)
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("insecure_skip_tls_verify", &self.insecure_skip_tls_verify)
            .field("ca_file", &self.ca_file)
            .field("proxy", &self.proxy.as_deref().map(redacted_proxy))
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Config {
    /// The base URL UCS calls go to.
    pub fn ucs_endpoint(&self) -> String {
        trim_base(self.endpoint.as_deref().unwrap_or(match self.site {
            Site::China => UCS_ENDPOINT_CHINA,
            Site::International => UCS_ENDPOINT_INTERNATIONAL,
        }))
    }

    /// The base URL HSS calls go to; an error without a region or an HSS endpoint.
    pub fn hss_endpoint(&self) -> Result<String> {
        if let Some(e) = &self.hss_endpoint {
            return Ok(trim_base(e));
        }
        match &self.region {
            Some(r) => Ok(regions::builtin(RegionService::Hss, r).map_or_else(
                || format!("https://hss.{r}.myhuaweicloud.com"),
                str::to_owned,
            )),
            None => Err(Error::Config(
                "HSS needs a region or an hss_endpoint".to_owned(),
            )),
        }
    }

    /// The base URL IAM calls go to.
    pub fn iam_endpoint(&self) -> String {
        if let Some(e) = &self.iam_endpoint {
            return trim_base(e);
        }
        match &self.region {
            Some(r) => regions::builtin(RegionService::Iam, r).map_or_else(
                || format!("https://iam.{r}.myhuaweicloud.com"),
                str::to_owned,
            ),
            None => "https://iam.myhuaweicloud.com".to_owned(),
        }
    }

    pub(crate) fn karmada_base(&self, fleet: &str) -> Result<String> {
        let template = self
            .karmada_endpoint
            .as_deref()
            .unwrap_or(KARMADA_ENDPOINT_TEMPLATE);
        if template.contains("{region}") && self.region.is_none() {
            return Err(Error::Config(
                "the Karmada gateway needs a region or a karmada_endpoint".to_owned(),
            ));
        }
        let region = self.region.as_deref().unwrap_or("");
        Ok(trim_base(
            &template
                .replace("{fleet}", fleet)
                .replace("{region}", region),
        ))
    }
}

fn trim_base(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// Builds a [`crate::Client`].
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ClientBuilder {
    pub(crate) config: Config,
}

impl ClientBuilder {
    /// A builder with defaults: China site, 3 retries, TLS verified.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fills what is still unset the way the official SDKs do: credentials and ids from
    /// `HUAWEICLOUD_SDK_*` variables, then from the profile file (`[basiccredentials]`,
    /// `[globalcredentials]`, or the older `[basic]`, `[global]`); `HUAWEICLOUD_SDK_IAM_ENDPOINT`
    /// (or the older `UCS_IAM_ENDPOINT`); `UCS_ENDPOINT`, `UCS_REGION`, `UCS_HSS_ENDPOINT`,
    /// `UCS_KARMADA_ENDPOINT`; then, for the region, the official overrides
    /// `HUAWEICLOUD_SDK_REGION_{UCS,HSS,IAM}_{REGION}` and `regions.yaml`
    /// (`$HUAWEICLOUD_SDK_REGIONS_FILE` or `~/.huaweicloud/regions.yaml`). A client built without
    /// this reads no variable and no file.
    pub fn from_env(self) -> Result<Self> {
        self.from_env_with(|k| std::env::var(k).ok())
    }

    /// [`Self::from_env`], reading variables through `get` (the environment, or a map in
    /// tests); the files are read from the paths the variables (`HOME` included) give.
    pub fn from_env_with(mut self, get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let var = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        // A URL from a variable is checked here, so the error names the variable.
        let url_var = |k: &str| -> Result<Option<String>> {
            let v = var(k).map(|v| v.trim().to_owned());
            if let Some(v) = &v {
                regions::check_url(v, k)?;
            }
            Ok(v)
        };
        let c = &mut self.config;
        if c.endpoint.is_none() {
            c.endpoint = url_var("UCS_ENDPOINT")?;
        }
        c.region = c.region.take().or_else(|| var("UCS_REGION"));
        if c.hss_endpoint.is_none() {
            c.hss_endpoint = url_var("UCS_HSS_ENDPOINT")?;
        }
        c.karmada_endpoint = c
            .karmada_endpoint
            .take()
            .or_else(|| var("UCS_KARMADA_ENDPOINT"));
        let env_source = credentials::from_env_with(var)?;
        let (profile_source, profile) = match credentials::profile_path_with(var) {
            Some(path) => (
                credentials::from_profile(&path)?,
                path.display().to_string(),
            ),
            None => Default::default(),
        };
        if let Some(e) = &profile_source.iam_endpoint {
            regions::check_url(e, &format!("credentials file {profile}, iam_endpoint"))?;
        }
        // The official chain takes the profile's iam_endpoint with the credentials it gives,
        // ahead of HUAWEICLOUD_SDK_IAM_ENDPOINT; otherwise it only fills in.
        let credentials_from_profile = c.credentials.is_none()
            && env_source.credentials.is_none()
            && profile_source.credentials.is_some();
        if credentials_from_profile && c.iam_endpoint.is_none() {
            c.iam_endpoint = profile_source.iam_endpoint.clone();
        }
        for name in [
            credentials::env::IAM_ENDPOINT,
            credentials::env::IAM_ENDPOINT_ALIAS,
        ] {
            if c.iam_endpoint.is_none() {
                c.iam_endpoint = url_var(name)?;
            }
        }
        for src in [env_source, profile_source] {
            if c.credentials.is_none() {
                c.credentials = src.credentials;
            }
            c.domain_id = c.domain_id.take().or(src.domain_id);
            c.project_id = c.project_id.take().or(src.project_id);
            c.iam_endpoint = c.iam_endpoint.take().or(src.iam_endpoint);
        }
        // A malformed region is reported by `build`; it names no variable or file entry.
        if let Some(region) = c.region.clone().filter(|r| check_region(r).is_ok()) {
            let mut file: Option<RegionsFile> = None;
            for (service, slot) in [
                (RegionService::Ucs, &mut c.endpoint),
                (RegionService::Hss, &mut c.hss_endpoint),
                (RegionService::Iam, &mut c.iam_endpoint),
            ] {
                if slot.is_some() {
                    continue;
                }
                if let Some(e) = regions::env_override(service, &region, var)? {
                    *slot = Some(e);
                    continue;
                }
                // Read once, and only when an endpoint is still to be found.
                if file.is_none() {
                    file = Some(match regions::regions_path_with(var) {
                        Some(path) => RegionsFile::read(&path)?,
                        None => RegionsFile::default(),
                    });
                }
                *slot = file
                    .as_ref()
                    .and_then(|f| f.get(service, &region))
                    .map(str::to_owned);
            }
        }
        Ok(self)
    }

    /// UCS endpoint (an emulator, a proxy); `http://` is allowed.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint = Some(url.into());
        self
    }

    /// UCS site used when no endpoint is given.
    pub fn site(mut self, site: Site) -> Self {
        self.config.site = site;
        self
    }

    /// Region, e.g. `cn-north-4`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// HSS endpoint.
    pub fn hss_endpoint(mut self, url: impl Into<String>) -> Self {
        self.config.hss_endpoint = Some(url.into());
        self
    }

    /// IAM endpoint.
    pub fn iam_endpoint(mut self, url: impl Into<String>) -> Self {
        self.config.iam_endpoint = Some(url.into());
        self
    }

    /// Karmada gateway template with `{fleet}` and `{region}` placeholders.
    pub fn karmada_endpoint(mut self, template: impl Into<String>) -> Self {
        self.config.karmada_endpoint = Some(template.into());
        self
    }

    /// Credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.config.credentials = Some(credentials);
        self
    }

    /// Account (domain) id.
    pub fn domain_id(mut self, id: impl Into<String>) -> Self {
        self.config.domain_id = Some(id.into());
        self
    }

    /// Project id.
    pub fn project_id(mut self, id: impl Into<String>) -> Self {
        self.config.project_id = Some(id.into());
        self
    }

    /// Connect timeout.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.config.timeouts.connect = d;
        self
    }

    /// Timeout of one attempt.
    pub fn attempt_timeout(mut self, d: Duration) -> Self {
        self.config.timeouts.attempt = d;
        self
    }

    /// Timeout of a whole call, retries included (default 120 s).
    pub fn call_timeout(mut self, d: Duration) -> Self {
        self.config.timeouts.call = Some(d);
        self
    }

    /// Deadline of a whole call, or `None` for no limit beyond each attempt's.
    pub fn call_deadline(mut self, d: Option<Duration>) -> Self {
        self.config.timeouts.call = d;
        self
    }

    /// Largest successful response body read, in bytes (default 64 MiB).
    pub fn max_response_bytes(mut self, n: u64) -> Self {
        self.config.max_response_bytes = n;
        self
    }

    /// Retries after the first attempt (0 switches retries off).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.config.retry.max_retries = n;
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// Switches TLS certificate verification off (never the default).
    pub fn danger_skip_tls_verify(mut self, skip: bool) -> Self {
        self.config.insecure_skip_tls_verify = skip;
        self
    }

    /// Extra CA bundle (PEM file).
    pub fn ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.ca_file = Some(path.into());
        self
    }

    /// HTTP(S) proxy URL.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.config.proxy = Some(url.into());
        self
    }

    /// Appended to the User-Agent (bindings name their language here).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.config.user_agent_suffix = Some(suffix.into());
        self
    }

    /// The configuration so far.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Builds the client; fails on unusable settings, never on the network.
    pub fn build(self) -> Result<crate::Client> {
        crate::Client::from_config(self.config)
    }
}
