//! Global flags: endpoints, credentials, timeouts, output format; and building the client.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use ucs_sdk::{Client, Credentials};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum OutputFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// The wire JSON, pretty-printed.
    Json,
    /// The wire JSON as YAML.
    Yaml,
}

/// Flags every subcommand takes. Unset values come from the environment and the profile file,
/// as the official SDKs read them (`HUAWEICLOUD_SDK_*`, `~/.huaweicloud/credentials`).
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// UCS endpoint (default: https://ucs.myhuaweicloud.com).
    #[arg(long, global = true, env = "UCS_ENDPOINT")]
    pub endpoint: Option<String>,
    /// Region, for HSS and IAM endpoints and project id lookup.
    #[arg(long, global = true, env = "UCS_REGION")]
    pub region: Option<String>,
    /// HSS endpoint override.
    #[arg(long, global = true, env = "UCS_HSS_ENDPOINT")]
    pub hss_endpoint: Option<String>,
    /// IAM endpoint override.
    #[arg(long, global = true, env = "UCS_IAM_ENDPOINT")]
    pub iam_endpoint: Option<String>,
    /// Karmada gateway template with `{fleet}` and `{region}`.
    #[arg(long, global = true, env = "UCS_KARMADA_ENDPOINT")]
    pub karmada_endpoint: Option<String>,
    /// Access key (or HUAWEICLOUD_SDK_AK).
    #[arg(long, global = true)]
    pub ak: Option<String>,
    /// Secret key (or HUAWEICLOUD_SDK_SK). Prefer the environment: flags show up in `ps`.
    #[arg(long, global = true, hide_env_values = true)]
    pub sk: Option<String>,
    /// Security token of temporary credentials.
    #[arg(long, global = true, hide_env_values = true)]
    pub security_token: Option<String>,
    /// An IAM token to send as X-Auth-Token.
    #[arg(long, global = true, hide_env_values = true)]
    pub token: Option<String>,
    /// IAM user name, for password authentication.
    #[arg(long, global = true)]
    pub user: Option<String>,
    /// IAM password (or UCS_PASSWORD).
    #[arg(long, global = true, env = "UCS_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Account name of the IAM user.
    #[arg(long, global = true)]
    pub domain_name: Option<String>,
    /// Account (domain) id; resolved through IAM when missing.
    #[arg(long, global = true)]
    pub domain_id: Option<String>,
    /// Project id (HSS); resolved through IAM when missing.
    #[arg(long, global = true)]
    pub project_id: Option<String>,
    /// Skip TLS certificate verification (never in production).
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Extra CA bundle (PEM).
    #[arg(long, global = true)]
    pub ca_file: Option<PathBuf>,
    /// HTTP(S) proxy URL.
    #[arg(long, global = true)]
    pub proxy: Option<String>,
    /// Deadline of a whole call, retries included, in seconds.
    #[arg(long, global = true)]
    pub timeout: Option<f64>,
    /// Retries of retryable failures.
    #[arg(long, global = true)]
    pub max_retries: Option<u32>,
    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, default_value_t)]
    pub output: OutputFormat,
    /// Log requests to stderr (-v info, -vv debug).
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl GlobalArgs {
    fn explicit_credentials(&self) -> Result<Option<Credentials>, String> {
        if let Some(token) = &self.token {
            return Ok(Some(Credentials::token(token.clone())));
        }
        if let (Some(user), Some(password)) = (&self.user, &self.password) {
            let domain = self
                .domain_name
                .clone()
                .ok_or("--user and --password need --domain-name")?;
            return Ok(Some(Credentials::password(
                user.clone(),
                password.clone(),
                domain,
            )));
        }
        match (&self.ak, &self.sk, &self.security_token) {
            (Some(ak), Some(sk), Some(st)) => Ok(Some(Credentials::temporary(
                ak.clone(),
                sk.clone(),
                st.clone(),
            ))),
            (Some(ak), Some(sk), None) => Ok(Some(Credentials::aksk(ak.clone(), sk.clone()))),
            (Some(_), None, _) | (None, Some(_), _) => Err("--ak and --sk go together".to_owned()),
            _ => Ok(None),
        }
    }

    /// The client these flags describe, completed from the environment and profile.
    pub fn client(&self) -> Result<Client, ucs_sdk::Error> {
        let mut b = Client::builder();
        if let Some(v) = &self.endpoint {
            b = b.endpoint(v.clone());
        }
        if let Some(v) = &self.region {
            b = b.region(v.clone());
        }
        if let Some(v) = &self.hss_endpoint {
            b = b.hss_endpoint(v.clone());
        }
        if let Some(v) = &self.iam_endpoint {
            b = b.iam_endpoint(v.clone());
        }
        if let Some(v) = &self.karmada_endpoint {
            b = b.karmada_endpoint(v.clone());
        }
        match self.explicit_credentials() {
            Ok(Some(c)) => b = b.credentials(c),
            Ok(None) => {}
            Err(reason) => return Err(ucs_sdk::Error::Config(reason)),
        }
        if let Some(v) = &self.domain_id {
            b = b.domain_id(v.clone());
        }
        if let Some(v) = &self.project_id {
            b = b.project_id(v.clone());
        }
        if self.insecure {
            b = b.danger_skip_tls_verify(true);
        }
        if let Some(v) = &self.ca_file {
            b = b.ca_file(v.clone());
        }
        if let Some(v) = &self.proxy {
            b = b.proxy(v.clone());
        }
        if let Some(secs) = self.timeout {
            if !(secs.is_finite() && secs > 0.0) {
                return Err(ucs_sdk::Error::invalid(
                    "--timeout",
                    "must be a positive number of seconds",
                ));
            }
            b = b.call_timeout(Duration::from_secs_f64(secs));
        }
        if let Some(n) = self.max_retries {
            b = b.max_retries(n);
        }
        b.user_agent_suffix(format!("ucs-cli/{}", env!("CARGO_PKG_VERSION")))
            .from_env()?
            .build()
    }
}

/// Logs to stderr at the level `-v` asks for (or `RUST_LOG`).
pub(crate) fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "ucs_sdk=info,ucs_emulator=info",
        _ => "ucs_sdk=debug,ucs_emulator=debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
