//! `Options`: every way a binding can configure a client, as one record (JSON-decodable), and the
//! core client it builds. Shared by the Python, Node and uniffi bindings.

use std::time::Duration;

use serde::Deserialize;
use ucs_sdk::{Client, ClientBuilder, Credentials, Error, Result, SecretString};

/// Calls `$callback! { public { rows } internal { rows } }` with every client option: the one
/// declaration the bridge's [`Options`], the uniffi `ClientOptions`, the Python keyword arguments
/// and the Node `ClientOptions` are expanded or generated from (`cargo run -p xtask -- options`).
///
/// A row reads `/// doc` `name: Type [as "wire"] [, python kwarg in unit];`: every option is an
/// `Option<Type>`; `name` is the Rust (and uniffi) field, `wire` the JSON key when it differs
/// (Python and Node spell the wire key), `python` a Python keyword with a different unit.
/// `SecretString` options are secrets. `internal` options are set by the bindings themselves,
/// never by a caller.
#[macro_export]
macro_rules! for_each_client_option {
    ($callback:ident) => {
        $callback! {
            public {
                /// UCS endpoint (an emulator: `http://127.0.0.1:PORT`); defaults to the China site.
                endpoint: String;
                /// Access key id.
                ak: String;
                /// Secret access key.
                sk: SecretString;
                /// Account id (`X-Domain-Id`); resolved through IAM when missing.
                domain_id: String;
                /// Project id (HSS); resolved through IAM when missing.
                project_id: String;
                /// Security token of temporary AK/SK credentials.
                security_token: SecretString;
                /// A ready IAM token.
                token: SecretString;
                /// IAM user name (password credentials).
                user: String;
                /// IAM password.
                password: SecretString;
                /// Account name of the IAM user.
                domain_name: String;
                /// Region (HSS, IAM, Karmada gateway).
                region: String;
                /// HSS endpoint; defaults from the region.
                hss_endpoint: String;
                /// IAM endpoint; defaults from the region.
                iam_endpoint: String;
                /// Karmada gateway template with `{fleet}` and `{region}`.
                karmada_endpoint: String;
                /// Deadline of a whole call (retries included), in milliseconds (default 120000).
                timeout_ms: u64, python timeout in seconds;
                /// Retries after the first attempt (default 3; 0 switches retries off).
                max_retries: u32;
                /// Verify TLS certificates (default true).
                verify_tls: bool as "verify";
                /// Extra CA bundle (PEM file).
                ca_file: String;
                /// HTTP(S) proxy URL.
                proxy: String;
                /// Largest successful response body read, in bytes (default 64 MiB); more is a decode error.
                max_response_bytes: u64;
            }
            internal {
                /// Read what is not given from the environment and the profile file.
                from_env: bool;
                /// Appended to the User-Agent (`python`, `node`, `uniffi`).
                user_agent: String;
            }
        }
    };
}

/// The JSON type and secrecy of an option's value; an option of another type does not compile.
pub trait OptionValue {
    /// `string`, `integer` or `boolean`.
    const KIND: &'static str;
    /// Whether the value is a secret (never shown).
    const SECRET: bool = false;
}

impl OptionValue for String {
    const KIND: &'static str = "string";
}

impl OptionValue for SecretString {
    const KIND: &'static str = "string";
    const SECRET: bool = true;
}

impl OptionValue for u32 {
    const KIND: &'static str = "integer";
}

impl OptionValue for u64 {
    const KIND: &'static str = "integer";
}

impl OptionValue for bool {
    const KIND: &'static str = "boolean";
}

/// `domain_id` as Node, Kotlin and Swift spell it: `domainId`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One option of the table, as `xtask options` describes it.
fn option_json<T: OptionValue>(
    rust: &str,
    wire: Option<&str>,
    python: Option<(&str, &str)>,
    doc: &[&str],
    internal: bool,
) -> serde_json::Value {
    let name = wire.unwrap_or(rust);
    serde_json::json!({
        "name": name,
        "type": T::KIND,
        "secret": T::SECRET,
        "doc": doc_text(doc),
        "internal": internal,
        "python": python.map_or(name, |(kwarg, _)| kwarg),
        "python_unit": python.map(|(_, unit)| unit),
        "node": camel(name),
        "uniffi": (!internal).then(|| camel(rust)),
    })
}

macro_rules! options_struct {
    (
        public { $(
            $(#[doc = $doc:literal])*
            $name:ident : $ty:ty $(as $wire:literal)? $(, python $py:ident in $unit:ident)?;
        )* }
        internal { $(
            $(#[doc = $idoc:literal])*
            $iname:ident : $ity:ty;
        )* }
    ) => {
        /// How to reach and authenticate to UCS; every field is optional.
        ///
        /// Credentials, in order of precedence: `token`; `user` + `password` (+ `domain_name`);
        /// `ak` + `sk` (+ `security_token` for temporary credentials). With `from_env`, what is not
        /// given is read from the environment and the profile file, as the official SDK does.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Options {
            $(
                $(#[doc = $doc])*
                $(#[serde(rename = $wire)])?
                pub $name: Option<$ty>,
            )*
            $(
                $(#[doc = $idoc])*
                pub $iname: Option<$ity>,
            )*
        }

        /// Every option (public ones first, in the table's order), for the bindings' generators.
        pub fn options_json() -> serde_json::Value {
            serde_json::Value::Array(vec![
                $(option_json::<$ty>(
                    stringify!($name),
                    None $(.or(Some($wire)))?,
                    None $(.or(Some((stringify!($py), stringify!($unit)))))?,
                    &[$($doc),*],
                    false,
                ),)*
                $(option_json::<$ity>(stringify!($iname), None, None, &[$($idoc),*], true),)*
            ])
        }
    };
}

for_each_client_option!(options_struct);

fn credentials(o: &Options) -> Result<Option<Credentials>> {
    if let Some(token) = &o.token {
        return Ok(Some(Credentials::token(token.expose())));
    }
    match (&o.user, &o.password) {
        (Some(user), Some(password)) => {
            return Ok(Some(Credentials::password(
                user.as_str(),
                password.expose(),
                o.domain_name.clone().unwrap_or_default(),
            )))
        }
        (Some(_), None) => return Err(Error::invalid("password", "is needed with user")),
        (None, Some(_)) => return Err(Error::invalid("user", "is needed with password")),
        (None, None) => {}
    }
    Ok(match (&o.ak, &o.sk, &o.security_token) {
        (Some(ak), Some(sk), Some(token)) => Some(Credentials::temporary(
            ak.as_str(),
            sk.expose(),
            token.expose(),
        )),
        (Some(ak), Some(sk), None) => Some(Credentials::aksk(ak.as_str(), sk.expose())),
        (Some(_), None, _) => return Err(Error::invalid("sk", "is needed with ak")),
        (None, Some(_), _) => return Err(Error::invalid("ak", "is needed with sk")),
        (None, None, _) => None,
    })
}

impl Options {
    /// Decodes options from JSON, naming the refused field (a secret's value is never quoted).
    pub fn from_json(value: serde_json::Value) -> Result<Self> {
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "options".to_owned()
            } else {
                path
            };
            Error::invalid(field, e.into_inner().to_string())
        })
    }

    /// The core builder these options describe: the one place options become builder calls.
    pub fn builder(&self) -> Result<ClientBuilder> {
        let mut b = Client::builder();
        if let Some(c) = credentials(self)? {
            b = b.credentials(c);
        }
        // Exhaustive, so an option added to the table without a builder call does not compile.
        let Options {
            endpoint,
            ak: _,
            sk: _,
            domain_id,
            project_id,
            security_token: _,
            token: _,
            user: _,
            password: _,
            domain_name: _,
            region,
            hss_endpoint,
            iam_endpoint,
            karmada_endpoint,
            timeout_ms,
            max_retries,
            max_response_bytes,
            verify_tls,
            ca_file,
            proxy,
            from_env,
            user_agent,
        } = self.clone();
        if let Some(suffix) = user_agent {
            b = b.user_agent_suffix(suffix);
        }
        if let Some(v) = endpoint {
            b = b.endpoint(v);
        }
        if let Some(v) = domain_id {
            b = b.domain_id(v);
        }
        if let Some(v) = project_id {
            b = b.project_id(v);
        }
        if let Some(v) = region {
            b = b.region(v);
        }
        if let Some(v) = hss_endpoint {
            b = b.hss_endpoint(v);
        }
        if let Some(v) = iam_endpoint {
            b = b.iam_endpoint(v);
        }
        if let Some(v) = karmada_endpoint {
            b = b.karmada_endpoint(v);
        }
        if let Some(ms) = timeout_ms {
            b = b.call_timeout(Duration::from_millis(ms));
        }
        if let Some(n) = max_retries {
            b = b.max_retries(n);
        }
        if let Some(n) = max_response_bytes {
            b = b.max_response_bytes(n);
        }
        if let Some(verify) = verify_tls {
            b = b.danger_skip_tls_verify(!verify);
        }
        if let Some(v) = ca_file {
            b = b.ca_file(v);
        }
        if let Some(v) = proxy {
            b = b.proxy(v);
        }
        if from_env == Some(true) {
            b = b.from_env()?;
        }
        Ok(b)
    }
}

/// What a client shows of itself (`repr`, `util.inspect`): never a secret.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// The UCS endpoint, or `default`.
    pub endpoint: String,
    /// The credential kind: `token`, `password`, `aksk`, `env` or `none`.
    pub auth: &'static str,
    /// The access key id's first four characters, with AK/SK credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ak: Option<String>,
}

impl Options {
    /// The summary these options give a client.
    pub fn summary(&self) -> Summary {
        let auth = if self.token.is_some() {
            "token"
        } else if self.user.is_some() {
            "password"
        } else if self.ak.is_some() {
            "aksk"
        } else if self.from_env == Some(true) {
            "env"
        } else {
            "none"
        };
        let ak = self
            .ak
            .as_deref()
            .filter(|_| auth == "aksk")
            .map(|ak| format!("{}...", ak.chars().take(4).collect::<String>()));
        Summary {
            endpoint: self
                .endpoint
                .clone()
                .unwrap_or_else(|| "default".to_owned()),
            auth,
            ak,
        }
    }
}

/// Builds the core client `options` describe.
pub fn build_client(options: &Options) -> Result<Client> {
    options.builder()?.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_response_bytes_reaches_the_core() {
        let o =
            Options::from_json(serde_json::json!({"max_response_bytes": 1024})).expect("options");
        assert_eq!(
            o.builder().expect("builder").config().max_response_bytes,
            1024
        );
        let o = Options::from_json(serde_json::json!({})).expect("options");
        assert_eq!(
            o.builder().expect("builder").config().max_response_bytes,
            64 * 1024 * 1024
        );
    }

    #[test]
    fn the_description_lists_every_json_key_the_decoder_accepts() {
        let rows = options_json();
        let rows = rows.as_array().expect("an array");
        let mut object = serde_json::Map::new();
        for row in rows {
            let name = row["name"].as_str().expect("a name");
            let value = match row["type"].as_str() {
                Some("string") => serde_json::json!("x"),
                Some("integer") => serde_json::json!(1),
                Some("boolean") => serde_json::json!(false),
                other => panic!("{name}: unexpected type {other:?}"),
            };
            object.insert(name.to_owned(), value);
        }
        // Every described key decodes (with its described type), and there is no other key:
        // the struct and the description come from one table.
        let o = Options::from_json(serde_json::Value::Object(object)).expect("every option");
        assert_eq!(o.verify_tls, Some(false));
        assert_eq!(o.timeout_ms, Some(1));
        let secrets: Vec<&str> = rows
            .iter()
            .filter(|r| r["secret"] == true)
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert_eq!(secrets, ["sk", "security_token", "token", "password"]);
        let verify = rows.iter().find(|r| r["name"] == "verify").expect("verify");
        assert_eq!(verify["uniffi"], "verifyTls");
        assert_eq!(verify["node"], "verify");
        let timeout = rows
            .iter()
            .find(|r| r["name"] == "timeout_ms")
            .expect("timeout");
        assert_eq!(timeout["python"], "timeout");
        assert_eq!(timeout["python_unit"], "seconds");
        assert_eq!(timeout["node"], "timeoutMs");
        let internal = rows.iter().filter(|r| r["internal"] == true).count();
        assert_eq!(internal, 2);
    }
}
