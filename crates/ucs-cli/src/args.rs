//! Global flags: endpoints, credentials, timeouts, output format; and building the client.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use ucs_sdk::{Client, CredentialSource, Credentials};

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
/// Its Debug shows whether a secret flag was given, never its value.
#[derive(Args)]
pub(crate) struct GlobalArgs {
    /// Section `[NAME]` of the credentials file (ak, sk, security_token, or idp_id and
    /// id_token_file for federated login; project_id, domain_id, iam_endpoint); it wins over
    /// HUAWEICLOUD_SDK_* variables, flags win over it.
    #[arg(
        long,
        global = true,
        env = "UCS_PROFILE",
        value_name = "NAME",
        help_heading = "Connection"
    )]
    pub profile: Option<String>,
    /// UCS endpoint (default: https://ucs.myhuaweicloud.com).
    #[arg(long, global = true, help_heading = "Connection", env = "UCS_ENDPOINT")]
    pub endpoint: Option<String>,
    /// Region, for HSS and IAM endpoints and project id lookup.
    #[arg(long, global = true, help_heading = "Connection", env = "UCS_REGION")]
    pub region: Option<String>,
    /// HSS endpoint override.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        env = "UCS_HSS_ENDPOINT"
    )]
    pub hss_endpoint: Option<String>,
    /// IAM endpoint override.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        env = "UCS_IAM_ENDPOINT"
    )]
    pub iam_endpoint: Option<String>,
    /// Karmada gateway template with `{fleet}` and `{region}`.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        env = "UCS_KARMADA_ENDPOINT"
    )]
    pub karmada_endpoint: Option<String>,
    /// Access key (or HUAWEICLOUD_SDK_AK).
    #[arg(long, global = true, help_heading = "Connection")]
    pub ak: Option<String>,
    /// Secret key (or HUAWEICLOUD_SDK_SK). Prefer the environment: flags show up in `ps`.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        hide_env_values = true
    )]
    pub sk: Option<String>,
    /// Security token of temporary credentials.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        hide_env_values = true
    )]
    pub security_token: Option<String>,
    /// An IAM token to send as X-Auth-Token.
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// IAM user name, for password authentication.
    #[arg(long, global = true, help_heading = "Connection")]
    pub user: Option<String>,
    /// IAM password (or UCS_PASSWORD).
    #[arg(
        long,
        global = true,
        help_heading = "Connection",
        env = "UCS_PASSWORD",
        hide_env_values = true
    )]
    pub password: Option<String>,
    /// Account name of the IAM user.
    #[arg(long, global = true, help_heading = "Connection")]
    pub domain_name: Option<String>,
    /// Account (domain) id; resolved through IAM when missing.
    #[arg(long, global = true, help_heading = "Connection")]
    pub domain_id: Option<String>,
    /// Project id (HSS); resolved through IAM when missing.
    #[arg(long, global = true, help_heading = "Connection")]
    pub project_id: Option<String>,
    /// Skip TLS certificate verification (never in production).
    #[arg(long, global = true, help_heading = "Connection")]
    pub insecure: bool,
    /// Extra CA bundle (PEM).
    #[arg(long, global = true, help_heading = "Connection")]
    pub ca_file: Option<PathBuf>,
    /// HTTP(S) proxy URL.
    #[arg(long, global = true, help_heading = "Connection")]
    pub proxy: Option<String>,
    /// Deadline of a whole call, retries included, in seconds.
    #[arg(long, global = true, help_heading = "Connection")]
    pub timeout: Option<f64>,
    /// Retries of retryable failures.
    #[arg(long, global = true, help_heading = "Connection")]
    pub max_retries: Option<u32>,
    /// Output format.
    #[arg(
        long,
        short = 'o',
        global = true,
        value_enum,
        default_value_t,
        help_heading = "Output"
    )]
    pub output: OutputFormat,
    /// JMESPath expression applied to the result before printing (JSON, YAML and tables).
    #[arg(long, global = true, value_name = "JMESPATH", help_heading = "Output")]
    pub query: Option<String>,
    /// Log requests to stderr (-v info, -vv debug).
    #[arg(
        long,
        short = 'v',
        global = true,
        action = clap::ArgAction::Count,
        help_heading = "Output"
    )]
    pub verbose: u8,
}

impl std::fmt::Debug for GlobalArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |v: &Option<String>| v.as_ref().map(|_| "***");
        f.debug_struct("GlobalArgs")
            .field("profile", &self.profile)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("hss_endpoint", &self.hss_endpoint)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("karmada_endpoint", &self.karmada_endpoint)
            .field("ak", &self.ak)
            .field("sk", &hidden(&self.sk))
            .field("security_token", &hidden(&self.security_token))
            .field("token", &hidden(&self.token))
            .field("user", &self.user)
            .field("password", &hidden(&self.password))
            .field("domain_name", &self.domain_name)
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .field("insecure", &self.insecure)
            .field("ca_file", &self.ca_file)
            .field("proxy", &self.proxy)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("output", &self.output)
            .field("query", &self.query)
            .field("verbose", &self.verbose)
            .finish()
    }
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
        let profile = match &self.profile {
            Some(name) => crate::profile::load(name)?,
            None => CredentialSource::default(),
        };
        match self.explicit_credentials() {
            Ok(Some(c)) => b = b.credentials(c),
            Ok(None) => {
                if let Some(c) = profile.credentials {
                    b = b.credentials(c);
                }
            }
            Err(reason) => return Err(ucs_sdk::Error::Config(reason)),
        }
        if let Some(v) = self.domain_id.clone().or(profile.domain_id) {
            b = b.domain_id(v);
        }
        if let Some(v) = self.project_id.clone().or(profile.project_id) {
            b = b.project_id(v);
        }
        if let (None, Some(v)) = (&self.iam_endpoint, profile.iam_endpoint) {
            b = b.iam_endpoint(v);
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
            // `from_secs_f64` panics past u64 seconds; a huge value is refused instead.
            let d = Duration::try_from_secs_f64(secs).map_err(|_| {
                ucs_sdk::Error::invalid("--timeout", "is too large a number of seconds")
            })?;
            b = b.call_timeout(d);
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

#[cfg(test)]
mod debug_tests {
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        global: super::GlobalArgs,
    }

    #[test]
    fn debug_hides_every_secret_flag() {
        let cli = Cli::try_parse_from([
            "ucs",
            "--ak=AKID",
            "--sk=sk-s3cr3t",
            "--security-token=st-s3cr3t",
            "--token=tok-s3cr3t",
            "--user=alice",
            "--password=pw-s3cr3t",
        ]);
        let text = format!("{:?}", cli.map(|c| c.global));
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("AKID") && text.contains("alice"), "{text}");
    }
}

#[cfg(test)]
mod timeout_tests {
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        global: super::GlobalArgs,
    }

    #[test]
    fn a_huge_timeout_is_refused_not_a_panic() {
        let cli = Cli::try_parse_from(["ucs", "--timeout", "1e300"]).expect("parses");
        let err = cli.global.client().expect_err("too large");
        assert!(err.to_string().contains("--timeout"), "{err}");
    }
}
