//! Credentials and where they come from: explicit values, the environment, the profile file.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::secret::SecretString;

/// Environment variable names, as the official SDK reads them.
pub mod env {
    /// Access key.
    pub const AK: &str = "HUAWEICLOUD_SDK_AK";
    /// Secret key.
    pub const SK: &str = "HUAWEICLOUD_SDK_SK";
    /// Temporary credentials' security token.
    pub const SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
    /// Account (domain) id.
    pub const DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
    /// Project id.
    pub const PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
    /// Path of the profile file.
    pub const CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
    /// IAM endpoint (`huaweicloudsdkcore` `IamHelper`).
    pub const IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
    /// The project's older name for [`IAM_ENDPOINT`], still read; the official name wins.
    pub const IAM_ENDPOINT_ALIAS: &str = "UCS_IAM_ENDPOINT";
    /// Identity provider id of federated (OpenID Connect id token) credentials.
    pub const IDP_ID: &str = "HUAWEICLOUD_SDK_IDP_ID";
    /// File holding the OpenID Connect id token of federated credentials.
    pub const ID_TOKEN_FILE: &str = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";
}

/// Profile sections holding a key pair, in the order they are tried: the official default
/// chain's `[basiccredentials]`/`[globalcredentials]` (section = the credentials class name,
/// lower-cased), then the project's older `[basic]`/`[global]`, still accepted.
pub const PAIR_SECTIONS: [&str; 4] = ["basiccredentials", "globalcredentials", "basic", "global"];
/// Sections whose `project_id` is read (BasicCredentials), official name first.
const PROJECT_SECTIONS: [&str; 2] = ["basiccredentials", "basic"];
/// Sections whose `domain_id` is read (GlobalCredentials), official name first.
const DOMAIN_SECTIONS: [&str; 2] = ["globalcredentials", "global"];

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// AK/SK signing, optionally with temporary credentials' security token.
    AkSk {
        /// Access key id.
        ak: String,
        /// Secret access key.
        sk: SecretString,
        /// Security token of temporary credentials.
        security_token: Option<SecretString>,
    },
    /// A ready IAM token (`X-Auth-Token`).
    Token(SecretString),
    /// IAM user name and password; a token is obtained, cached and refreshed.
    Password {
        /// IAM user name.
        user: String,
        /// Password.
        password: SecretString,
        /// Account (domain) name.
        domain_name: String,
    },
    /// Federated identity by OpenID Connect id token, as the official `FederalAccessor`: the id
    /// token read from `id_token_file` is exchanged at IAM
    /// (`POST /v3.0/OS-AUTH/id-token/tokens` with `X-Idp-Id`) for an unscoped token, that for
    /// a temporary AK/SK (`POST /v3.0/OS-CREDENTIAL/securitytokens`, 6 h), which signs the
    /// calls. The file is read again at every refresh, so a rotated token is picked up.
    Federated {
        /// Identity provider id (`X-Idp-Id`).
        idp_id: String,
        /// Path of the file holding the id token; the token itself is never kept here.
        id_token_file: PathBuf,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AkSk {
                ak, security_token, ..
            } => f
                .debug_struct("AkSk")
                .field("ak", ak)
                .field("sk", &"***")
                .field("security_token", &security_token.as_ref().map(|_| "***"))
                .finish(),
            Self::Token(_) => f.debug_tuple("Token").field(&"***").finish(),
            Self::Password {
                user, domain_name, ..
            } => f
                .debug_struct("Password")
                .field("user", user)
                .field("password", &"***")
                .field("domain_name", domain_name)
                .finish(),
            // Holds no secret: the token stays in its file.
            Self::Federated {
                idp_id,
                id_token_file,
            } => f
                .debug_struct("Federated")
                .field("idp_id", idp_id)
                .field("id_token_file", id_token_file)
                .finish(),
        }
    }
}

impl Credentials {
    /// AK/SK credentials.
    pub fn aksk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Self::AkSk {
            ak: ak.into(),
            sk: SecretString::new(sk),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with a security token.
    pub fn temporary(
        ak: impl Into<String>,
        sk: impl Into<String>,
        token: impl Into<String>,
    ) -> Self {
        Self::AkSk {
            ak: ak.into(),
            sk: SecretString::new(sk),
            security_token: Some(SecretString::new(token)),
        }
    }

    /// A ready IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Self::Token(SecretString::new(token))
    }

    /// IAM password credentials.
    pub fn password(
        user: impl Into<String>,
        password: impl Into<String>,
        domain_name: impl Into<String>,
    ) -> Self {
        Self::Password {
            user: user.into(),
            password: SecretString::new(password),
            domain_name: domain_name.into(),
        }
    }

    /// Federated credentials: an identity provider id and the file holding its id token.
    pub fn federated(idp_id: impl Into<String>, id_token_file: impl Into<PathBuf>) -> Self {
        Self::Federated {
            idp_id: idp_id.into(),
            id_token_file: id_token_file.into(),
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            Self::AkSk { ak, sk, .. } => {
                if ak.is_empty() {
                    return Err(Error::invalid("ak", "must not be empty"));
                }
                if sk.is_empty() {
                    return Err(Error::invalid("sk", "must not be empty"));
                }
            }
            Self::Token(t) if t.is_empty() => {
                return Err(Error::invalid("token", "must not be empty"))
            }
            Self::Password {
                user,
                password,
                domain_name,
            } => {
                if user.is_empty() {
                    return Err(Error::invalid("user", "must not be empty"));
                }
                if password.is_empty() {
                    return Err(Error::invalid("password", "must not be empty"));
                }
                if domain_name.is_empty() {
                    return Err(Error::invalid("domain_name", "must not be empty"));
                }
            }
            Self::Federated {
                idp_id,
                id_token_file,
            } => {
                if idp_id.trim().is_empty() {
                    return Err(Error::invalid("idp_id", "must not be empty"));
                }
                if id_token_file.as_os_str().is_empty() {
                    return Err(Error::invalid("id_token_file", "must not be empty"));
                }
            }
            Self::Token(_) => {}
        }
        Ok(())
    }
}

/// Credentials plus the ids that go with them, as found in one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CredentialSource {
    /// The credentials, when the source had them.
    pub credentials: Option<Credentials>,
    /// Account (domain) id.
    pub domain_id: Option<String>,
    /// Project id.
    pub project_id: Option<String>,
    /// IAM endpoint given by the profile.
    pub iam_endpoint: Option<String>,
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// Federated credentials from an identity provider id and a token file, both or neither; one
/// without the other is refused naming both (`idp`, `file`: where each comes from).
fn federated_pair(
    idp_id: Option<String>,
    id_token_file: Option<String>,
    names: (&str, &str),
) -> Result<Option<Credentials>> {
    match (idp_id, id_token_file) {
        (Some(idp_id), Some(file)) => Ok(Some(Credentials::federated(idp_id, file.trim()))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(half_federated(names.0, names.1)),
        (None, Some(_)) => Err(half_federated(names.1, names.0)),
    }
}

fn half_federated(has: &str, lacks: &str) -> Error {
    Error::Config(format!(
        "{has} is set but {lacks} is not: federated credentials need both"
    ))
}

/// Reads `HUAWEICLOUD_SDK_*` variables through `get` (the environment, or a map in tests).
/// As the official `EnvCredentialProvider`, `HUAWEICLOUD_SDK_IDP_ID` with
/// `HUAWEICLOUD_SDK_ID_TOKEN_FILE` (federated) win over `HUAWEICLOUD_SDK_AK`/`_SK`; one of
/// the two federated variables alone is refused, naming both.
pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Result<CredentialSource> {
    let ak = non_empty(get(env::AK));
    let sk = non_empty(get(env::SK));
    let token = non_empty(get(env::SECURITY_TOKEN));
    let federated = federated_pair(
        non_empty(get(env::IDP_ID)),
        non_empty(get(env::ID_TOKEN_FILE)),
        (env::IDP_ID, env::ID_TOKEN_FILE),
    )?;
    let aksk = match (ak, sk) {
        (Some(ak), Some(sk)) => Some(Credentials::AkSk {
            ak,
            sk: SecretString::new(sk),
            security_token: token.map(SecretString::new),
        }),
        _ => None,
    };
    Ok(CredentialSource {
        credentials: federated.or(aksk),
        domain_id: non_empty(get(env::DOMAIN_ID)),
        project_id: non_empty(get(env::PROJECT_ID)),
        iam_endpoint: None,
    })
}

/// Reads the process environment.
pub fn from_env() -> Result<CredentialSource> {
    from_env_with(|k| std::env::var(k).ok())
}

/// The profile file path: `$HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`.
pub fn profile_path() -> Option<PathBuf> {
    profile_path_with(|k| std::env::var(k).ok())
}

/// [`profile_path`], reading variables through `get`.
pub fn profile_path_with(get: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = non_empty(get(env::CREDENTIALS_FILE)) {
        return Some(PathBuf::from(p));
    }
    home_with(get).map(|home| home.join(".huaweicloud").join("credentials"))
}

/// The home directory: `$HOME`, else `$USERPROFILE`, read through `get`.
pub(crate) fn home_with(get: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    non_empty(get("HOME"))
        .or_else(|| non_empty(get("USERPROFILE")))
        .map(PathBuf::from)
}

/// Parses the INI profile file. `[basiccredentials]` (or `[basic]`) carries `project_id`,
/// `[globalcredentials]` (or `[global]`) carries `domain_id`; all take `ak`, `sk`,
/// `security_token` and `iam_endpoint`, or, for federated credentials, `idp_id` and
/// `id_token_file` (which win over a key pair in the same section, as in the official
/// `ProfileCredentialProvider`). Section names are matched case-insensitively. The credentials
/// come whole from one section (the first of [`PAIR_SECTIONS`] with any of those four keys),
/// never mixed across them, and `iam_endpoint` comes from that section first; a section with
/// only one key of a pair is refused, naming it and both keys.
pub fn parse_profile(text: &str) -> Result<CredentialSource> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current = String::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_ascii_lowercase();
            continue;
        }
        if let Some((k, v)) = line.split_once('=').or_else(|| line.split_once(':')) {
            sections
                .entry(current.clone())
                .or_default()
                .insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let value = |s: &HashMap<String, String>, key: &str| non_empty(s.get(key).cloned());
    let pick = |names: &[&str], key: &str| {
        names
            .iter()
            .find_map(|name| sections.get(*name).and_then(|s| value(s, key)))
    };
    let mut credentials = None;
    let mut iam_endpoint = None;
    for name in PAIR_SECTIONS {
        let Some(section) = sections.get(name) else {
            continue;
        };
        let federated = federated_pair(
            value(section, "idp_id"),
            value(section, "id_token_file"),
            (
                &format!("[{name}] idp_id"),
                &format!("[{name}] id_token_file"),
            ),
        )
        .map_err(|e| match e {
            Error::Config(m) => Error::Config(format!("credentials file: {m}")),
            other => other,
        })?;
        credentials = match (value(section, "ak"), value(section, "sk")) {
            _ if federated.is_some() => federated,
            (None, None) => continue,
            (Some(ak), Some(sk)) => Some(Credentials::AkSk {
                ak,
                sk: SecretString::new(sk),
                security_token: value(section, "security_token").map(SecretString::new),
            }),
            (Some(_), None) => return Err(half_pair(name, "ak", "sk")),
            (None, Some(_)) => return Err(half_pair(name, "sk", "ak")),
        };
        iam_endpoint = value(section, "iam_endpoint");
        break;
    }
    Ok(CredentialSource {
        credentials,
        domain_id: pick(&DOMAIN_SECTIONS, "domain_id"),
        project_id: pick(&PROJECT_SECTIONS, "project_id"),
        iam_endpoint: iam_endpoint.or_else(|| pick(&PAIR_SECTIONS, "iam_endpoint")),
    })
}

fn half_pair(section: &str, has: &str, lacks: &str) -> Error {
    Error::Config(format!(
        "credentials file: section [{section}] has {has} but no {lacks} (both must be in the same section)"
    ))
}

/// Reads the profile file at `path`; a missing file is an empty source. A file that group or
/// others may read is used but warned about, once per path, as ssh and the AWS CLI do.
pub fn from_profile(path: &Path) -> Result<CredentialSource> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            if let Some(warning) = permission_warning(path) {
                tracing::warn!("{warning}");
            }
            parse_profile(&text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CredentialSource::default()),
        Err(e) => Err(Error::Config(format!(
            "cannot read credentials file {}: {e}",
            path.display()
        ))),
    }
}

/// The warning for a credentials file readable by group or others, the first time `path` is seen
/// so (`None` afterwards, for other files, and where modes do not exist).
fn permission_warning(path: &Path) -> Option<String> {
    let mode = loose_mode(path)?;
    static WARNED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let mut warned = WARNED.lock().ok()?;
    if warned.iter().any(|p| p == path) {
        return None;
    }
    warned.push(path.to_owned());
    Some(format!(
        "credentials file {} has mode {mode:03o}: group or others can read it (chmod 600 it)",
        path.display()
    ))
}

#[cfg(unix)]
fn loose_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_mode(_path: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_source_reads_official_names() {
        let vars: HashMap<&str, &str> = [
            (env::AK, "AK1"),
            (env::SK, "SK1"),
            (env::SECURITY_TOKEN, "ST"),
            (env::DOMAIN_ID, "dom"),
            (env::PROJECT_ID, "proj"),
        ]
        .into_iter()
        .collect();
        let src = from_env_with(|k| vars.get(k).map(|v| v.to_string())).expect("env source");
        assert_eq!(
            src.credentials,
            Some(Credentials::temporary("AK1", "SK1", "ST"))
        );
        assert_eq!(src.domain_id.as_deref(), Some("dom"));
        assert_eq!(src.project_id.as_deref(), Some("proj"));
    }

    fn env_of(vars: &[(&str, &str)]) -> Result<CredentialSource> {
        let vars: HashMap<&str, &str> = vars.iter().copied().collect();
        from_env_with(|k| vars.get(k).map(|v| v.to_string()))
    }

    #[test]
    fn env_federated_credentials_win_over_the_key_pair() {
        let src = env_of(&[
            (env::IDP_ID, "idp-1"),
            (env::ID_TOKEN_FILE, "/var/run/secrets/token"),
            (env::PROJECT_ID, "proj"),
        ])
        .expect("federated env");
        assert_eq!(
            src.credentials,
            Some(Credentials::federated("idp-1", "/var/run/secrets/token"))
        );
        assert_eq!(src.project_id.as_deref(), Some("proj"));
        // As the official EnvCredentialProvider: idp_id & id_token_file are tried first.
        let src = env_of(&[
            (env::AK, "AK1"),
            (env::SK, "SK1"),
            (env::IDP_ID, "idp-1"),
            (env::ID_TOKEN_FILE, "/t"),
        ])
        .expect("both kinds");
        assert_eq!(src.credentials, Some(Credentials::federated("idp-1", "/t")));
        // Blank values count as unset.
        let src =
            env_of(&[(env::AK, "AK1"), (env::SK, "SK1"), (env::IDP_ID, " ")]).expect("blank idp");
        assert_eq!(src.credentials, Some(Credentials::aksk("AK1", "SK1")));
    }

    #[test]
    fn env_half_federated_pair_is_refused_naming_both() {
        for vars in [
            [(env::IDP_ID, "idp-1"), (env::AK, "AK1")],
            [(env::ID_TOKEN_FILE, "/t"), (env::AK, "AK1")],
        ] {
            let Err(Error::Config(m)) = env_of(&vars) else {
                panic!("{vars:?} accepted");
            };
            assert!(
                m.contains(env::IDP_ID) && m.contains(env::ID_TOKEN_FILE),
                "{m}"
            );
        }
    }

    #[test]
    fn profile_reads_federated_keys_with_the_section_rules() {
        let src = parse_profile(
            "[basiccredentials]\nidp_id = idp-1\nid_token_file = /run/token\nproject_id = p1\niam_endpoint = http://iam-b\n[globalcredentials]\ndomain_id = d1\n",
        )
        .expect("federated profile");
        assert_eq!(
            src.credentials,
            Some(Credentials::federated("idp-1", "/run/token"))
        );
        assert_eq!(src.project_id.as_deref(), Some("p1"));
        assert_eq!(src.domain_id.as_deref(), Some("d1"));
        assert_eq!(src.iam_endpoint.as_deref(), Some("http://iam-b"));
        // In one section the federated keys win over a key pair (the official order); the
        // first section with credentials of either kind gives them.
        let src = parse_profile(
            "[basic]\nak = A\nsk = S\n[globalcredentials]\nak = GA\nsk = GS\nidp_id = idp-g\nid_token_file = /g\n",
        )
        .expect("profile");
        assert_eq!(src.credentials, Some(Credentials::federated("idp-g", "/g")));
        let src = parse_profile(
            "[basiccredentials]\nak = A\nsk = S\n[global]\nidp_id = idp-g\nid_token_file = /g\n",
        )
        .expect("profile");
        assert_eq!(src.credentials, Some(Credentials::aksk("A", "S")));
    }

    #[test]
    fn profile_half_federated_pair_is_refused_naming_the_section_and_both_keys() {
        for text in [
            "[basiccredentials]\nidp_id = idp-1\nak = A\nsk = S\n",
            "[global]\nid_token_file = /t\n",
        ] {
            let Err(Error::Config(m)) = parse_profile(text) else {
                panic!("{text:?} accepted");
            };
            let section = if text.starts_with("[global]") {
                "[global]"
            } else {
                "[basiccredentials]"
            };
            assert!(
                m.contains(section) && m.contains("idp_id") && m.contains("id_token_file"),
                "{m}"
            );
        }
    }

    #[test]
    fn federated_credentials_are_validated_and_show_no_secret() {
        let c = Credentials::federated("idp-1", "/run/token");
        assert!(c.validate().is_ok());
        let text = format!("{c:?}");
        assert!(
            text.contains("idp-1") && text.contains("/run/token"),
            "{text}"
        );
        for (bad, field) in [
            (Credentials::federated("", "/t"), "idp_id"),
            (Credentials::federated("idp", ""), "id_token_file"),
        ] {
            let Err(e) = bad.validate() else {
                panic!("{bad:?} accepted");
            };
            assert!(e.to_string().contains(field), "{e}");
        }
    }

    #[test]
    fn profile_reads_basic_and_global() {
        let src = parse_profile(
            "[basic]\nak = A\nsk = S\nproject_id = p1\n\n[global]\nak = A\nsk = S\ndomain_id = d1\niam_endpoint = http://iam\n",
        )
        .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("A", "S")));
        assert_eq!(src.project_id.as_deref(), Some("p1"));
        assert_eq!(src.domain_id.as_deref(), Some("d1"));
        assert_eq!(src.iam_endpoint.as_deref(), Some("http://iam"));
    }

    #[test]
    fn profile_reads_the_official_section_names() {
        // The official default chain's sections: class name lower-cased; any case is accepted.
        let src = parse_profile(
            "[BasicCredentials]\nak = A\nsk = S\nsecurity_token = T\nproject_id = p1\niam_endpoint = http://iam-b\n\n[globalcredentials]\nak = GA\nsk = GS\ndomain_id = d1\niam_endpoint = http://iam-g\n",
        )
        .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::temporary("A", "S", "T")));
        assert_eq!(src.project_id.as_deref(), Some("p1"));
        assert_eq!(src.domain_id.as_deref(), Some("d1"));
        // iam_endpoint goes with the section that gave the pair.
        assert_eq!(src.iam_endpoint.as_deref(), Some("http://iam-b"));
        let src = parse_profile("[globalcredentials]\nak = GA\nsk = GS\ndomain_id = d1\n")
            .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("GA", "GS")));
        assert_eq!(src.domain_id.as_deref(), Some("d1"));
        assert_eq!(src.project_id, None);
    }

    #[test]
    fn official_sections_win_over_the_old_names() {
        let src = parse_profile(
            "[basic]\nak = OLD\nsk = OLDS\nproject_id = p-old\niam_endpoint = http://old\n[global]\ndomain_id = d-old\n\
             [globalcredentials]\ndomain_id = d-new\n[basiccredentials]\nak = NEW\nsk = NEWS\nproject_id = p-new\n",
        )
        .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("NEW", "NEWS")));
        assert_eq!(src.project_id.as_deref(), Some("p-new"));
        assert_eq!(src.domain_id.as_deref(), Some("d-new"));
        // The pair's section has none: the first section that has one fills in.
        assert_eq!(src.iam_endpoint.as_deref(), Some("http://old"));
        // An old section alone still works, and a half pair in an official one is refused.
        let src = parse_profile("[global]\nak = GA\nsk = GS\n").unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("GA", "GS")));
        let Err(Error::Config(m)) = parse_profile("[basiccredentials]\nsk = hidden\n") else {
            panic!("half pair accepted");
        };
        assert!(
            m.contains("[basiccredentials]") && !m.contains("hidden"),
            "{m}"
        );
    }

    #[test]
    fn paths_come_from_the_variables_given() {
        let vars: HashMap<&str, &str> = [("HOME", "/h")].into_iter().collect();
        let get = |k: &str| vars.get(k).map(|v| v.to_string());
        assert_eq!(
            profile_path_with(get),
            Some(PathBuf::from("/h/.huaweicloud/credentials"))
        );
        let get = |k: &str| (k == env::CREDENTIALS_FILE).then(|| "/x/creds".to_owned());
        assert_eq!(profile_path_with(get), Some(PathBuf::from("/x/creds")));
        assert_eq!(profile_path_with(|_| None), None);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let text = format!(
            "{:?} {:?} {:?}",
            Credentials::temporary("AK", "topsecret", "tok3n"),
            Credentials::token("tok3n"),
            Credentials::password("u", "p4ss", "d")
        );
        assert!(!text.contains("topsecret") && !text.contains("tok3n") && !text.contains("p4ss"));
    }

    #[test]
    fn the_key_pair_comes_from_one_section() {
        // `[global]` alone has a whole pair; `[basic]` has none: the pair is global's, whole.
        let src = parse_profile("[basic]\nproject_id = p\n[global]\nak = GA\nsk = GS\n")
            .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("GA", "GS")));
        // The first section with a pair wins, its security token with it.
        let src = parse_profile(
            "[basic]\nak = BA\nsk = BS\n[global]\nak = GA\nsk = GS\nsecurity_token = GT\n",
        )
        .unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("BA", "BS")));
    }

    #[test]
    fn a_half_pair_is_refused_naming_the_section() {
        for (text, section, lacks) in [
            ("[basic]\nak = BA\n[global]\nsk = GS\n", "[basic]", "no sk"),
            ("[global]\nsk = GS\n", "[global]", "no ak"),
        ] {
            let Err(Error::Config(message)) = parse_profile(text) else {
                panic!("{text:?} was accepted");
            };
            assert!(
                message.contains(section) && message.contains(lacks),
                "{message}"
            );
            assert!(
                !message.contains("GS") && !message.contains("BA"),
                "{message}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_file_is_warned_about_once() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("ucs-cred-perm-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let (open, private) = (dir.join("open"), dir.join("private"));
        for (path, mode) in [(&open, 0o644), (&private, 0o600)] {
            std::fs::write(path, "[basic]\nak = A\nsk = topsecret\n").unwrap_or_default();
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        }
        let warning = permission_warning(&open).unwrap_or_default();
        assert!(warning.contains(&open.display().to_string()), "{warning}");
        assert!(
            warning.contains("644") && !warning.contains("topsecret"),
            "{warning}"
        );
        assert_eq!(permission_warning(&open), None, "warned twice");
        assert_eq!(permission_warning(&private), None);
        // The file is still used.
        let src = from_profile(&private).unwrap_or_default();
        assert_eq!(src.credentials, Some(Credentials::aksk("A", "topsecret")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
