//! Checks of the GitOps bodies and ids, shared by the client (before sending) and the emulator.

use super::{
    CreateConfigSet, CreateRepo, GitOpsSecretInfo, GitRepositorySpec, KustomizationSpec,
    UpdateConfigSet, UpdateRepo, GITOPS_CONFIG_SET_TYPES, GITOPS_REPO_TYPES, GITOPS_SOURCE_KINDS,
};
use crate::error::{InvalidInput, Result};
use crate::validate;

/// A Kubernetes object name or namespace (RFC 1123 label): 1 to 63 lowercase letters, digits
/// and `-`, starting and ending with a letter or digit.
pub fn k8s_name(field: &str, value: &str) -> Result<()> {
    validate::length(field, value, 1, 63)?;
    let ok_char = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = value.as_bytes();
    let edges =
        bytes.first().is_some_and(|b| ok_char(*b)) && bytes.last().is_some_and(|b| ok_char(*b));
    if !edges || !bytes.iter().all(|b| ok_char(*b) || *b == b'-') {
        return Err(InvalidInput::new(
            field,
            format!(
                "{value:?} is not a Kubernetes name: lowercase letters, digits and '-', \
                 starting and ending with a letter or digit"
            ),
        ));
    }
    Ok(())
}

/// A Go duration as Flux takes it (`30s`, `1m`, `1h30m`, `1.5h`).
pub fn duration(field: &str, value: &str) -> Result<()> {
    let bad = || {
        InvalidInput::new(
            field,
            format!("{value:?} is not a duration such as 30s, 5m or 1h30m"),
        )
    };
    let mut rest = value;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let number = &rest[..digits];
        if number.is_empty()
            || number.starts_with('.')
            || number.ends_with('.')
            || number.matches('.').count() > 1
        {
            return Err(bad());
        }
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .iter()
            // The longest unit first, so `ms` is not read as `m` then `s`.
            .filter(|u| rest.starts_with(*u))
            .max_by_key(|u| u.len())
            .ok_or_else(bad)?;
        rest = &rest[unit.len()..];
    }
    Ok(())
}

/// A repository URL: `https://`, `http://` or `ssh://` with a host, no spaces or control
/// characters.
pub fn repo_url(field: &str, value: &str) -> Result<()> {
    validate::length(field, value, 1, 2048)?;
    let rest = ["https://", "http://", "ssh://"]
        .iter()
        .find_map(|s| value.strip_prefix(s));
    let host = rest.map(|r| r.split(['/', ':']).next().unwrap_or_default());
    match host {
        Some(h) if !h.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Ok(())
        }
        _ => Err(InvalidInput::new(
            field,
            format!("{value:?} is not an https://, http:// or ssh:// repository URL with a host"),
        )),
    }
}

/// The parts of a repository spec that are given.
fn repo_spec(prefix: &str, spec: &GitRepositorySpec, url_required: bool) -> Result<()> {
    match spec.url.as_deref() {
        Some(url) => repo_url(&format!("{prefix}.url"), url)?,
        None if url_required => {
            return Err(InvalidInput::new(format!("{prefix}.url"), "is required"))
        }
        None => {}
    }
    if let Some(branch) = spec.git_ref.as_ref().and_then(|r| r.branch.as_deref()) {
        validate::length(&format!("{prefix}.ref.branch"), branch, 1, 255)?;
        if branch.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(InvalidInput::new(
                format!("{prefix}.ref.branch"),
                "must not contain spaces or control characters",
            ));
        }
    }
    if let Some(name) = spec.secret_ref.as_ref().and_then(|r| r.name.as_deref()) {
        k8s_name(&format!("{prefix}.secretRef.name"), name)?;
    }
    if let Some(v) = spec.interval.as_deref() {
        duration(&format!("{prefix}.interval"), v)?;
    }
    if let Some(v) = spec.timeout.as_deref() {
        duration(&format!("{prefix}.timeout"), v)?;
    }
    Ok(())
}

/// Credentials are an object (`username`/`password`, `token`, ...) or a string; the message never
/// shows them.
fn secret_info(info: &GitOpsSecretInfo) -> Result<()> {
    if let Some(mode) = info.auth_mode.as_deref() {
        validate::length("secretInfo.authMode", mode, 1, 63)?;
    }
    match &info.secret {
        None | Some(serde_json::Value::Object(_)) | Some(serde_json::Value::String(_)) => Ok(()),
        Some(_) => Err(InvalidInput::new(
            "secretInfo.secret",
            "must be an object (username, password, token, ...) or a string",
        )),
    }
}

/// A Kustomization spec's given parts.
fn kustomization(spec: &KustomizationSpec) -> Result<()> {
    if let Some(source) = &spec.source_ref {
        validate::one_of(
            "kustomizationSpec.sourceRef.kind",
            &source.kind,
            GITOPS_SOURCE_KINDS,
        )?;
        k8s_name("kustomizationSpec.sourceRef.name", &source.name)?;
    }
    if let Some(path) = spec.path.as_deref() {
        validate::length("kustomizationSpec.path", path, 1, 1024)?;
        if path.split('/').any(|s| s == "..") {
            return Err(InvalidInput::new(
                "kustomizationSpec.path",
                "must stay inside the source (no `..` segment)",
            ));
        }
    }
    if let Some(ns) = spec.target_namespace.as_deref() {
        k8s_name("kustomizationSpec.targetNamespace", ns)?;
    }
    if let Some(v) = spec.interval.as_deref() {
        duration("kustomizationSpec.interval", v)?;
    }
    if let Some(v) = spec.timeout.as_deref() {
        duration("kustomizationSpec.timeout", v)?;
    }
    Ok(())
}

/// The target cluster: `clusterInfo.clusterID`, a Kubernetes UUID.
fn cluster_info_id(info: Option<&super::GitOpsClusterInfo>) -> Result<()> {
    let id = info
        .and_then(|c| c.cluster_id.as_deref())
        .unwrap_or_default();
    validate::required("clusterInfo.clusterID", id)?;
    validate::cluster_id("clusterInfo.clusterID", id)
}

/// `gitops.create_repo`.
pub fn create_repo(body: &CreateRepo) -> Result<()> {
    k8s_name("name", body.name.as_deref().unwrap_or_default())?;
    k8s_name("namespace", body.namespace.as_deref().unwrap_or_default())?;
    let Some(spec) = &body.git_repository_spec else {
        return Err(InvalidInput::new(
            "gitRepositorySpec",
            "is required (the repository URL)",
        ));
    };
    repo_spec("gitRepositorySpec", spec, true)?;
    if let Some(info) = &body.secret_info {
        secret_info(info)?;
    }
    cluster_info_id(body.cluster_info.as_ref())
}

/// `gitops.update_repo`.
pub fn update_repo(body: &UpdateRepo) -> Result<()> {
    if let Some(name) = body.name.as_deref() {
        k8s_name("name", name)?;
    }
    if let Some(ns) = body.namespace.as_deref() {
        k8s_name("namespace", ns)?;
    }
    validate::opt_one_of("repoType", body.repo_type.as_deref(), GITOPS_REPO_TYPES)?;
    if let Some(spec) = &body.git_repository_spec {
        repo_spec("gitRepositorySpec", spec, false)?;
    }
    if let Some(info) = &body.secret_info {
        secret_info(info)?;
    }
    Ok(())
}

/// `gitops.create_config_set`: a Kustomization of an existing repository (`repoName`).
pub fn create_config_set(body: &CreateConfigSet) -> Result<()> {
    k8s_name("name", &body.name)?;
    k8s_name("namespace", &body.namespace)?;
    validate::opt_one_of(
        "configSetType",
        body.config_set_type.as_deref(),
        GITOPS_CONFIG_SET_TYPES,
    )?;
    let repo = body.repo_name.as_deref().unwrap_or_default();
    validate::required("repoName", repo)?;
    k8s_name("repoName", repo)?;
    if let Some(spec) = &body.kustomization_spec {
        kustomization(spec)?;
        if let Some(source) = &spec.source_ref {
            if source.name != repo {
                return Err(InvalidInput::new(
                    "kustomizationSpec.sourceRef.name",
                    format!(
                        "{:?} is not the config set's repository {repo:?}",
                        source.name
                    ),
                ));
            }
        }
    }
    if let Some(spec) = &body.git_repository_spec {
        repo_spec("gitRepositorySpec", spec, false)?;
    }
    if let Some(info) = &body.secret_info {
        secret_info(info)?;
    }
    cluster_info_id(body.cluster_info.as_ref())
}

/// `gitops.update_config_set`.
pub fn update_config_set(body: &UpdateConfigSet) -> Result<()> {
    if let Some(name) = body.name.as_deref() {
        k8s_name("name", name)?;
    }
    if let Some(ns) = body.namespace.as_deref() {
        k8s_name("namespace", ns)?;
    }
    if body.helm_release_spec.is_some() {
        return Err(InvalidInput::new(
            "helmReleaseSpec",
            "HelmRelease config sets are not supported (only Kustomization)",
        ));
    }
    if let Some(spec) = &body.kustomization_spec {
        kustomization(spec)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in ["30s", "1m", "1h30m", "1.5h", "250ms", "10us"] {
            assert!(duration("d", ok).is_ok(), "{ok}");
        }
        for bad in ["", "1", "m", "1x", "1.m", ".5s", "1..5s", "-1s", "1m 2s"] {
            let e = duration("interval", bad).err();
            assert_eq!(e.map(|e| e.field), Some("interval".to_owned()), "{bad}");
        }
    }

    #[test]
    fn names_and_urls() {
        assert!(k8s_name("n", "flux-system").is_ok());
        for bad in ["", "Upper", "-a", "a-", "a_b", "a.b", &"a".repeat(64)] {
            assert!(k8s_name("n", bad).is_err(), "{bad}");
        }
        assert!(repo_url("u", "https://github.com/x/y.git").is_ok());
        assert!(repo_url("u", "ssh://git@host:22/x.git").is_ok());
        for bad in ["", "ftp://x", "https://", "https:// x", "github.com/x"] {
            assert!(repo_url("u", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refusals_name_the_field_and_never_the_secret() {
        let mut body = CreateRepo {
            name: Some("apps".into()),
            namespace: Some("default".into()),
            git_repository_spec: Some(GitRepositorySpec {
                url: Some("https://example.com/a.git".into()),
                ..Default::default()
            }),
            secret_info: Some(GitOpsSecretInfo {
                auth_mode: Some("basic".into()),
                secret: Some(serde_json::json!(["hunter2"])),
            }),
            cluster_info: None,
        };
        let e = create_repo(&body)
            .err()
            .map(|e| (e.field.clone(), e.to_string()));
        assert_eq!(e.as_ref().map(|e| e.0.as_str()), Some("secretInfo.secret"));
        assert!(!e.map(|e| e.1).unwrap_or_default().contains("hunter2"));
        body.secret_info = None;
        let e = create_repo(&body).err().map(|e| e.field);
        assert_eq!(e.as_deref(), Some("clusterInfo.clusterID"));
    }
}
