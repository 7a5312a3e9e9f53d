//! Kubeconfig files on disk: render a downloaded kubeconfig, write it atomically with mode 0600,
//! and merge a fleet's entries into `~/.kube/config` the way `aws eks update-kubeconfig` does.
//!
//! [`merge`] touches only the cluster, user and context entries of one name (and, when asked,
//! `current-context`); every other entry and top-level field of the file is kept as it was.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_norway::{Mapping, Value};

use crate::error::{Error, Result};
use crate::models::Kubeconfig;
use crate::secret::SecretString;

/// How [`merge`] names and selects the merged entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOptions {
    /// Name of the merged context, cluster and user entries; `None` keeps the name of the
    /// kubeconfig's own context (its `current-context`, else its first context).
    pub context_name: Option<String>,
    /// Make the merged context the file's `current-context` (as `aws eks update-kubeconfig`).
    pub set_current: bool,
}

impl Default for MergeOptions {
    fn default() -> Self {
        Self {
            context_name: None,
            set_current: true,
        }
    }
}

/// What [`merge`] did to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryChange {
    /// The file had no entry of that name.
    Added,
    /// The entry of that name was replaced by a different one.
    Updated,
    /// The entry of that name was already the same.
    Unchanged,
}

impl EntryChange {
    fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Updated => "updated",
            Self::Unchanged => "unchanged",
        }
    }
}

/// What [`merge`] did to the file. Display gives a one-line summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeOutcome {
    /// The file written.
    pub path: PathBuf,
    /// Name of the merged context (and of its cluster and user entries).
    pub context_name: String,
    /// The cluster entry.
    pub cluster: EntryChange,
    /// The user entry (`Unchanged` too when the context has no user).
    pub user: EntryChange,
    /// The context entry.
    pub context: EntryChange,
    /// The file's `current-context` before the merge.
    pub previous_current_context: Option<String>,
    /// Whether `current-context` now names the merged context.
    pub is_current: bool,
}

impl fmt::Display for MergeOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.context {
            EntryChange::Added => "Added new context",
            EntryChange::Updated | EntryChange::Unchanged => "Updated context",
        };
        write!(
            f,
            "{verb} {} in {} (cluster {}, user {}, context {})",
            self.context_name,
            self.path.display(),
            self.cluster.as_str(),
            self.user.as_str(),
            self.context.as_str()
        )?;
        if self.is_current {
            write!(f, "; current-context is {}", self.context_name)?;
        }
        Ok(())
    }
}

/// The credentials and server of one context of a kubeconfig file, as [`load_context`] finds them.
#[derive(Clone, PartialEq, Eq)]
pub struct ContextInfo {
    /// Name of the context.
    pub context_name: String,
    /// Server of its cluster.
    pub server: Option<String>,
    /// Its default namespace.
    pub namespace: Option<String>,
    /// Bearer token of its user, when it has one.
    pub token: Option<SecretString>,
}

impl fmt::Debug for ContextInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContextInfo")
            .field("context_name", &self.context_name)
            .field("server", &self.server)
            .field("namespace", &self.namespace)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Where kubectl writes: the first path of `$KUBECONFIG`, else `~/.kube/config`.
pub fn default_path() -> Result<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    default_path_from(std::env::var_os("KUBECONFIG"), home)
}

fn default_path_from(
    kubeconfig: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Result<PathBuf> {
    if let Some(list) = kubeconfig {
        if let Some(first) = std::env::split_paths(&list).find(|p| !p.as_os_str().is_empty()) {
            return Ok(first);
        }
    }
    match home.filter(|h| !h.is_empty()) {
        Some(home) => Ok(PathBuf::from(home).join(".kube").join("config")),
        None => Err(Error::Config(
            "cannot find the kubeconfig file: neither KUBECONFIG nor HOME is set".to_owned(),
        )),
    }
}

/// The YAML text a Kubernetes client reads; `apiVersion: v1` and `kind: Config` are filled in
/// when the answer left them out.
pub fn render(kubeconfig: &Kubeconfig) -> Result<String> {
    let mut doc = kubeconfig.0.clone();
    doc.api_version.get_or_insert_with(|| "v1".to_owned());
    doc.kind.get_or_insert_with(|| "Config".to_owned());
    to_yaml(&doc)
}

/// Serializes to YAML; the error never quotes the document, which holds credentials.
fn to_yaml<T: Serialize>(value: &T) -> Result<String> {
    serde_norway::to_string(value)
        .map_err(|_| Error::Config("cannot render the kubeconfig as YAML".to_owned()))
}

/// Writes [`render`]'s text to `path`, mode 0600, atomically; the parent directory is created.
pub fn write(kubeconfig: &Kubeconfig, path: &Path) -> Result<()> {
    write_atomic(path, &render(kubeconfig)?)
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Error {
    Error::Config(format!("cannot {what} {}: {e}", path.display()))
}

/// Writes `text` to a temp file next to `path` (mode 0600), syncs it and renames it over
/// `path`, so a reader sees the old file or the new one, never half of one. A symlink at
/// `path` (dotfile managers) is written through, not replaced.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_dir(&dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kubeconfig".to_owned());
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}.");
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder
        .tempfile_in(&dir)
        .map_err(|e| io_error(&dir, "create a temporary file in", &e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io_error(tmp.path(), "write", &e))?;
    // A file the umask or an old mode made wider is narrowed: it holds a bearer token.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io_error(tmp.path(), "restrict the mode of", &e))?;
    }
    tmp.persist(&target)
        .map_err(|e| io_error(&target, "replace", &e.error))?;
    // The rename itself is durable once the directory is synced; not every system allows it.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| io_error(dir, "create the directory", &e))
}

/// A problem with the content of a kubeconfig file, naming the file.
fn bad_file(path: &Path, reason: impl fmt::Display) -> Error {
    Error::Config(format!("kubeconfig file {}: {reason}", path.display()))
}

/// The file as a YAML mapping; absent or empty is an empty mapping. Parse errors give the
/// position only: serde's messages may quote a token.
fn read_mapping(path: &Path) -> Result<Mapping> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Mapping::new()),
        Err(e) => return Err(io_error(path, "read", &e)),
    };
    parse_mapping(&text).map_err(|reason| bad_file(path, reason))
}

fn parse_mapping(text: &str) -> std::result::Result<Mapping, String> {
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    let value: Value = serde_norway::from_str(text).map_err(|e| match e.location() {
        Some(at) => format!(
            "is not valid YAML (line {}, column {})",
            at.line(),
            at.column()
        ),
        None => "is not valid YAML".to_owned(),
    })?;
    match value {
        Value::Mapping(m) => Ok(m),
        Value::Null => Ok(Mapping::new()),
        _ => Err(
            "is not a YAML mapping (expected apiVersion, clusters, contexts, users, ...)".into(),
        ),
    }
}

/// The entries [`merge`] writes, already renamed.
struct Entries {
    name: String,
    cluster: Value,
    user: Option<Value>,
    context: Value,
}

fn named(name: &str, key: &str, body: Value) -> Value {
    let mut m = Mapping::new();
    m.insert(Value::from("name"), Value::from(name));
    m.insert(Value::from(key), body);
    Value::Mapping(m)
}

fn yaml_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_norway::to_value(value)
        .map_err(|_| Error::Config("cannot convert the kubeconfig to YAML".to_owned()))
}

/// Picks the kubeconfig's context (its `current-context`, else the first), with its cluster and
/// user, and names all three `options.context_name` when given.
fn entries(kubeconfig: &Kubeconfig, options: &MergeOptions) -> Result<Entries> {
    let doc = &kubeconfig.0;
    let by_current = doc
        .current_context
        .as_deref()
        .and_then(|c| doc.contexts.iter().find(|x| x.name == c));
    let (source_name, cluster_ref, user_ref, namespace) = match by_current.or(doc.contexts.first())
    {
        Some(c) => (
            c.name.clone(),
            c.context.cluster.clone(),
            c.context.user.clone(),
            c.context.namespace.clone(),
        ),
        // No context: one cluster and at most one user still make an unambiguous one.
        None if doc.clusters.len() == 1 && doc.users.len() <= 1 => (
            doc.clusters[0].name.clone(),
            None,
            doc.users.first().map(|u| u.name.clone()),
            None,
        ),
        None => {
            return Err(Error::invalid(
                "kubeconfig.contexts",
                "has no context to merge",
            ))
        }
    };
    let cluster = match &cluster_ref {
        Some(name) => doc.clusters.iter().find(|c| &c.name == name),
        None if doc.clusters.len() == 1 => doc.clusters.first(),
        None => None,
    }
    .ok_or_else(|| {
        Error::invalid(
            "kubeconfig.clusters",
            format!(
                "has no cluster {} for context {source_name:?}",
                cluster_ref
                    .as_deref()
                    .map_or(String::new(), |n| format!("{n:?}"))
            ),
        )
    })?;
    let user = match &user_ref {
        Some(name) => Some(doc.users.iter().find(|u| &u.name == name).ok_or_else(|| {
            Error::invalid(
                "kubeconfig.users",
                format!("has no user {name:?} for context {source_name:?}"),
            )
        })?),
        None => None,
    };
    let name = options.context_name.clone().unwrap_or(source_name);
    if name.trim().is_empty() {
        return Err(Error::invalid("context_name", "must not be empty"));
    }
    let mut context = Mapping::new();
    context.insert(Value::from("cluster"), Value::from(name.as_str()));
    if user.is_some() {
        context.insert(Value::from("user"), Value::from(name.as_str()));
    }
    if let Some(ns) = namespace {
        context.insert(Value::from("namespace"), Value::from(ns));
    }
    Ok(Entries {
        cluster: named(&name, "cluster", yaml_value(&cluster.cluster)?),
        user: user
            .map(|u| yaml_value(&u.user).map(|v| named(&name, "user", v)))
            .transpose()?,
        context: named(&name, "context", Value::Mapping(context)),
        name,
    })
}

/// Replaces the entries of `key` named like `entry` by `entry` (the first keeps its place,
/// duplicates go), or appends it.
fn upsert(
    config: &mut Mapping,
    key: &str,
    entry: Value,
    name: &str,
    path: &Path,
) -> Result<EntryChange> {
    let slot = config
        .entry(Value::from(key))
        .or_insert(Value::Sequence(Vec::new()));
    if slot.is_null() {
        *slot = Value::Sequence(Vec::new());
    }
    let Value::Sequence(items) = slot else {
        return Err(bad_file(path, format!("field `{key}` is not a list")));
    };
    let is_ours = |v: &Value| v.get("name").and_then(Value::as_str) == Some(name);
    let Some(first) = items.iter().position(is_ours) else {
        items.push(entry);
        return Ok(EntryChange::Added);
    };
    let change = if items[first] == entry {
        EntryChange::Unchanged
    } else {
        EntryChange::Updated
    };
    items[first] = entry;
    let mut index = 0;
    items.retain(|v| {
        index += 1;
        index - 1 == first || !is_ours(v)
    });
    Ok(change)
}

/// Merges the fleet's context, cluster and user into the kubeconfig file at `path` (absent is
/// empty), keeping every other entry and field, and writes it back atomically with mode 0600.
pub fn merge(kubeconfig: &Kubeconfig, path: &Path, options: &MergeOptions) -> Result<MergeOutcome> {
    let merged = entries(kubeconfig, options)?;
    let mut config = read_mapping(path)?;
    let (outcome, text) = merge_into(&mut config, merged, options, path)?;
    write_atomic(path, &text)?;
    Ok(outcome)
}

fn merge_into(
    config: &mut Mapping,
    merged: Entries,
    options: &MergeOptions,
    path: &Path,
) -> Result<(MergeOutcome, String)> {
    for (key, value) in [("apiVersion", "v1"), ("kind", "Config")] {
        if !config.contains_key(key) {
            config.insert(Value::from(key), Value::from(value));
        }
    }
    let name = merged.name;
    let cluster = upsert(config, "clusters", merged.cluster, &name, path)?;
    let user = match merged.user {
        Some(u) => upsert(config, "users", u, &name, path)?,
        None => EntryChange::Unchanged,
    };
    let context = upsert(config, "contexts", merged.context, &name, path)?;
    let previous = config
        .get("current-context")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if options.set_current {
        config.insert(Value::from("current-context"), Value::from(name.as_str()));
    }
    let is_current = options.set_current || previous.as_deref() == Some(name.as_str());
    let text = to_yaml(&config)?;
    Ok((
        MergeOutcome {
            path: path.to_path_buf(),
            context_name: name,
            cluster,
            user,
            context,
            previous_current_context: previous,
            is_current,
        },
        text,
    ))
}

/// The server, namespace and bearer token of `context` (default: the file's
/// `current-context`) in the kubeconfig file at `path`.
pub fn load_context(path: &Path, context: Option<&str>) -> Result<ContextInfo> {
    let config = match std::fs::read_to_string(path) {
        Ok(text) => parse_mapping(&text).map_err(|reason| bad_file(path, reason))?,
        Err(e) => return Err(io_error(path, "read", &e)),
    };
    context_info(&config, path, context)
}

fn context_info(config: &Mapping, path: &Path, context: Option<&str>) -> Result<ContextInfo> {
    let find = |key: &str, name: &str| -> Option<&Value> {
        config
            .get(key)
            .and_then(Value::as_sequence)
            .and_then(|items| {
                items
                    .iter()
                    .find(|v| v.get("name").and_then(Value::as_str) == Some(name))
            })
    };
    let context_name = match context {
        Some(c) => c.to_owned(),
        None => config
            .get("current-context")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| bad_file(path, "has no current-context; name a context"))?
            .to_owned(),
    };
    let ctx = find("contexts", &context_name)
        .and_then(|c| c.get("context"))
        .ok_or_else(|| bad_file(path, format!("has no context {context_name:?}")))?;
    let field = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let server = field(ctx, "cluster")
        .and_then(|c| find("clusters", &c).and_then(|c| c.get("cluster")).cloned())
        .and_then(|c| field(&c, "server"));
    let token = field(ctx, "user")
        .and_then(|u| find("users", &u).and_then(|u| u.get("user")).cloned())
        .and_then(|u| field(&u, "token"))
        .map(SecretString::new);
    Ok(ContextInfo {
        namespace: field(ctx, "namespace"),
        context_name,
        server,
        token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    const SEED: [u8; 32] = *b"ucs-sdk kubeconfig merge seed!!!";
    /// The lists merge writes into.
    const OURS: [&str; 3] = ["clusters", "users", "contexts"];

    fn cases() -> u32 {
        std::env::var("UCS_PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1024)
    }

    fn runner() -> TestRunner {
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
    }

    fn fleet_kubeconfig(name: &str, server: &str, token: &str) -> Kubeconfig {
        let v = serde_json::json!({
            "kind": "Config", "apiVersion": "v1", "preferences": {},
            "clusters": [{"name": name, "cluster": {"server": server, "certificate-authority-data": "Q0E="}}],
            "users": [{"name": format!("{name}-user"), "user": {"token": token}}],
            "contexts": [{"name": name, "context": {"cluster": name, "user": format!("{name}-user"), "namespace": "default"}}],
            "current-context": name,
            "ucs-emulator-valid-days": 7,
        });
        match serde_json::from_value(v) {
            Ok(k) => k,
            Err(e) => panic!("test kubeconfig: {e}"),
        }
    }

    /// Strings YAML could mistake for something else, and plain ones.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ._:/#\\-]{0,12}",
            "[ -~\u{4e00}-\u{4e0f}\n\t]{0,10}",
            prop::sample::select(vec![
                "yes", "no", "null", "~", "true", "0x1F", "1e3", "012", "- a", "a: b", "", " ",
                "'", "\"", "&x", "*x", "!tag", "%", "@", "`",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn yaml() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            prop::sample::select(vec![0.5_f64, -1.25, 1e300, 3.0]).prop_map(Value::from),
            text().prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
                prop::collection::vec((text(), inner), 0..4).prop_map(|kv| {
                    Value::Mapping(kv.into_iter().map(|(k, v)| (Value::from(k), v)).collect())
                }),
            ]
        })
    }

    /// An entry of a list: usually `{name, <body>}` with extra keys, sometimes anything.
    fn entry(body_key: &'static str, names: Vec<&'static str>) -> impl Strategy<Value = Value> {
        prop_oneof![
            4 => (prop::sample::select(names), yaml(), prop::collection::vec((text(), yaml()), 0..2))
                .prop_map(move |(name, body, extra)| {
                    let mut m = Mapping::new();
                    m.insert(Value::from("name"), Value::from(name));
                    m.insert(Value::from(body_key), body);
                    for (k, v) in extra {
                        if k != "name" && k != body_key {
                            m.insert(Value::from(k), v);
                        }
                    }
                    Value::Mapping(m)
                }),
            1 => yaml(),
        ]
    }

    /// Top-level keys kubeconfigs have besides the three lists, and unknown ones.
    fn top_level_key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec!["apiVersion", "kind", "preferences", "extensions"])
                .prop_map(str::to_owned),
            "[a-z]{1,8}",
        ]
    }

    const NAMES: [&str; 4] = ["ucs-prod", "prod", "other", "dev-cluster"];

    /// An existing kubeconfig: the three lists (absent, null or entries), a current-context,
    /// and unknown top-level fields.
    fn existing() -> impl Strategy<Value = Mapping> {
        let list = |key: &'static str| {
            prop_oneof![
                1 => Just(None),
                1 => Just(Some(Value::Null)),
                6 => prop::collection::vec(entry(key, NAMES.to_vec()), 0..4)
                    .prop_map(|v| Some(Value::Sequence(v))),
            ]
        };
        (
            list("cluster"),
            list("user"),
            list("context"),
            prop::option::of(prop::sample::select(NAMES.to_vec())),
            prop::collection::vec((top_level_key(), yaml()), 0..4),
        )
            .prop_map(|(clusters, users, contexts, current, extra)| {
                let mut m = Mapping::new();
                for (k, v) in extra {
                    if !OURS.contains(&k.as_str()) && k != "current-context" {
                        m.insert(Value::from(k), v);
                    }
                }
                for (k, v) in [
                    ("clusters", clusters),
                    ("users", users),
                    ("contexts", contexts),
                ] {
                    if let Some(v) = v {
                        m.insert(Value::from(k), v);
                    }
                }
                if let Some(c) = current {
                    m.insert(Value::from("current-context"), Value::from(c));
                }
                m
            })
    }

    fn not_named(list: Option<&Value>, name: &str) -> Vec<Value> {
        list.and_then(Value::as_sequence)
            .map(|items| {
                items
                    .iter()
                    .filter(|v| v.get("name").and_then(Value::as_str) != Some(name))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    fn named_in<'a>(list: Option<&'a Value>, name: &str) -> Vec<&'a Value> {
        list.and_then(Value::as_sequence)
            .map(|items| {
                items
                    .iter()
                    .filter(|v| v.get("name").and_then(Value::as_str) == Some(name))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn read_back(path: &Path) -> Mapping {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match parse_mapping(&text) {
            Ok(m) => m,
            Err(e) => panic!("the merged file does not parse: {e}\n{text}"),
        }
    }

    #[test]
    fn merge_keeps_unrelated_entries_is_idempotent_and_parses() {
        let strategy = (
            existing(),
            prop::option::of(prop::sample::select(NAMES.to_vec())),
            any::<bool>(),
            "[a-zA-Z0-9]{8,16}",
        );
        let result = runner().run(&strategy, |(before, name, set_current, token)| {
            let fail = |e: &dyn fmt::Display| TestCaseError::fail(e.to_string());
            let path = Path::new("config");
            let text = serde_norway::to_string(&before).map_err(|e| fail(&e))?;
            let kubeconfig = fleet_kubeconfig("prod", "https://127.0.0.1:1/karmada/prod", &token);
            let options = MergeOptions {
                context_name: name.map(str::to_owned),
                set_current,
            };
            let target = name.unwrap_or("prod");
            // `merge` without the disk: what it writes is `first`.
            let merge_text = |text: &str| {
                let mut config = parse_mapping(text).map_err(|e| fail(&e))?;
                let merged = entries(&kubeconfig, &options).map_err(|e| fail(&e))?;
                merge_into(&mut config, merged, &options, path).map_err(|e| fail(&e))
            };
            let (outcome, first) = merge_text(&text)?;
            prop_assert_eq!(&outcome.context_name, target);
            let after = parse_mapping(&first).map_err(|e| fail(&e))?;
            // Every other top-level field is the same value.
            for (k, v) in &before {
                let key = k.as_str().unwrap_or_default();
                if OURS.contains(&key) || (set_current && key == "current-context") {
                    continue;
                }
                prop_assert_eq!(after.get(k), Some(v), "field {:?}", k);
            }
            if !set_current {
                prop_assert_eq!(after.get("current-context"), before.get("current-context"));
            } else {
                prop_assert_eq!(
                    after.get("current-context").and_then(Value::as_str),
                    Some(target)
                );
            }
            // Every entry of another name is kept, in order; ours is there exactly once.
            for key in OURS {
                prop_assert_eq!(
                    not_named(after.get(key), target),
                    not_named(before.get(key), target),
                    "{}",
                    key
                );
                prop_assert_eq!(named_in(after.get(key), target).len(), 1, "{}", key);
            }
            // The merged context works: its token and server are found through it.
            let info = context_info(&after, path, Some(target)).map_err(|e| fail(&e))?;
            prop_assert_eq!(
                info.token.as_ref().map(SecretString::expose),
                Some(token.as_str())
            );
            prop_assert_eq!(
                info.server.as_deref(),
                Some("https://127.0.0.1:1/karmada/prod")
            );
            prop_assert_eq!(info.namespace.as_deref(), Some("default"));
            // Merging again changes nothing.
            let (again, second) = merge_text(&first)?;
            prop_assert_eq!(first, second);
            prop_assert_eq!(
                (again.cluster, again.user, again.context),
                (
                    EntryChange::Unchanged,
                    EntryChange::Unchanged,
                    EntryChange::Unchanged
                )
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("proptest merge failed: {e}");
        }
    }

    #[test]
    fn a_merged_well_formed_file_parses_as_a_kubeconfig() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("config");
        let other = fleet_kubeconfig("other", "https://other:6443", "t-other");
        write(&other, &path).unwrap_or_else(|e| panic!("write: {e}"));
        let outcome = merge(
            &fleet_kubeconfig("prod", "https://prod:6443", "t-prod"),
            &path,
            &MergeOptions {
                context_name: Some("ucs-prod".into()),
                set_current: true,
            },
        )
        .unwrap_or_else(|e| panic!("merge: {e}"));
        assert_eq!(
            (outcome.cluster, outcome.user, outcome.context),
            (EntryChange::Added, EntryChange::Added, EntryChange::Added)
        );
        assert_eq!(outcome.previous_current_context.as_deref(), Some("other"));
        assert!(
            outcome.to_string().contains("Added new context ucs-prod"),
            "{outcome}"
        );
        let text = std::fs::read(&path).unwrap_or_default();
        let doc = Kubeconfig::from_body(&text).unwrap_or_else(|e| panic!("parse: {e}"));
        let names: Vec<&str> = doc.0.contexts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["other", "ucs-prod"]);
        assert_eq!(doc.0.current_context.as_deref(), Some("ucs-prod"));
        // The file's own unknown field is kept; the merged kubeconfig's are not copied.
        assert_eq!(doc.0.extra.get("ucs-emulator-valid-days"), Some(&7.into()));
        // A new token for the same fleet updates the user only.
        let again = merge(
            &fleet_kubeconfig("prod", "https://prod:6443", "t-prod-2"),
            &path,
            &MergeOptions {
                context_name: Some("ucs-prod".into()),
                set_current: false,
            },
        )
        .unwrap_or_else(|e| panic!("merge: {e}"));
        assert_eq!(
            (again.cluster, again.user, again.context),
            (
                EntryChange::Unchanged,
                EntryChange::Updated,
                EntryChange::Unchanged
            )
        );
        assert!(again.is_current);
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    }

    #[cfg(unix)]
    #[test]
    fn files_are_written_with_mode_0600_even_over_a_wider_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("new/sub/config");
        write(&fleet_kubeconfig("a", "https://a", "t"), &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mode(&path), 0o600);
        let wide = dir.path().join("wide");
        std::fs::write(&wide, "apiVersion: v1\n").unwrap_or_else(|e| panic!("{e}"));
        std::fs::set_permissions(&wide, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        merge(
            &fleet_kubeconfig("a", "https://a", "t"),
            &wide,
            &MergeOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mode(&wide), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn writes_replace_the_file_by_rename_and_leave_no_temp_file() {
        use std::io::Read as _;
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("config");
        let old = "apiVersion: v1\nkind: Config\npadding: ".to_owned() + &"x".repeat(100_000);
        std::fs::write(&path, &old).unwrap_or_else(|e| panic!("{e}"));
        let inode = std::fs::metadata(&path).map(|m| m.ino()).unwrap_or(0);
        // A reader that opened the old file keeps reading the whole old file.
        let mut reader = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        merge(
            &fleet_kubeconfig("a", "https://a", "t"),
            &path,
            &MergeOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut seen = String::new();
        reader
            .read_to_string(&mut seen)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(seen, old);
        assert_ne!(
            std::fs::metadata(&path).map(|m| m.ino()).unwrap_or(0),
            inode
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(names, ["config"]);
        assert!(read_back(&path).contains_key("padding"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_is_written_through() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let real = dir.path().join("real");
        std::fs::write(&real, "apiVersion: v1\n").unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("config");
        std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
        merge(
            &fleet_kubeconfig("a", "https://a", "t"),
            &link,
            &MergeOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(std::fs::symlink_metadata(&link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false));
        assert!(read_back(&real).contains_key("contexts"));
    }

    #[test]
    fn bad_files_are_refused_naming_the_file_and_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let kubeconfig = fleet_kubeconfig("a", "https://a", "tok-s3cr3t");
        for (content, reason) in [
            ("users: [\n  token: tok-s3cr3t", "not valid YAML (line"),
            ("- tok-s3cr3t\n", "not a YAML mapping"),
            ("clusters: tok-s3cr3t\n", "field `clusters` is not a list"),
        ] {
            let path = dir.path().join("config");
            std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
            let err = merge(&kubeconfig, &path, &MergeOptions::default())
                .err()
                .unwrap_or_else(|| panic!("{content:?} was accepted"));
            let text = err.to_string();
            assert!(
                text.contains(&path.display().to_string()) && text.contains(reason),
                "{text}"
            );
            assert!(!text.contains("s3cr3t"), "{text}");
            assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), content);
        }
    }

    #[test]
    fn an_absent_or_empty_file_becomes_a_config_with_only_the_fleet() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("config");
        std::fs::write(&path, "\n").unwrap_or_else(|e| panic!("{e}"));
        merge(
            &fleet_kubeconfig("a", "https://a", "t"),
            &path,
            &MergeOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let m = read_back(&path);
        assert_eq!(m.get("apiVersion").and_then(Value::as_str), Some("v1"));
        assert_eq!(m.get("current-context").and_then(Value::as_str), Some("a"));
        let info = load_context(&path, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(info.context_name, "a");
        assert!(!format!("{info:?}").contains("\"t\""));
    }

    #[test]
    fn render_is_yaml_a_client_reads() {
        let k = fleet_kubeconfig("a", "https://a", "t");
        let text = render(&k).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.contains("apiVersion: v1") && text.contains("current-context: a"),
            "{text}"
        );
        let back = Kubeconfig::from_body(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, k);
    }

    #[test]
    fn the_default_path_is_the_first_of_kubeconfig_else_home() {
        let list = std::env::join_paths(["/tmp/a", "/tmp/b"]).unwrap_or_default();
        assert_eq!(
            default_path_from(Some(list), Some("/home/u".into())).ok(),
            Some(PathBuf::from("/tmp/a"))
        );
        assert_eq!(
            default_path_from(Some("".into()), Some("/home/u".into())).ok(),
            Some(PathBuf::from("/home/u/.kube/config"))
        );
        assert!(default_path_from(None, None).is_err());
    }
}
