//! Region endpoints as the official SDKs find them: `HUAWEICLOUD_SDK_REGION_*`, `regions.yaml`, built-in tables.
//!
//! Read from `huaweicloudsdkcore` 3.1.219 (`region/provider.py`, `region/cache.py`) and the
//! region files of `huaweicloudsdkucs`, `huaweicloudsdkhss` and `huaweicloudsdkiam` 3.1.219.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Environment variable names the official region providers read.
pub mod env {
    /// Prefix of the per-region overrides: `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}`.
    pub const REGION_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";
    /// Path of the regions file (default `~/.huaweicloud/regions.yaml`).
    pub const REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";
}

/// A service whose endpoint can be chosen from a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionService {
    /// UCS (`UCS` in variable names and `ucs` in `regions.yaml`).
    Ucs,
    /// HSS.
    Hss,
    /// IAM.
    Iam,
}

impl RegionService {
    /// The upper-case name the official providers use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ucs => "UCS",
            Self::Hss => "HSS",
            Self::Iam => "IAM",
        }
    }
}

/// `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}`, the region upper-cased with `-` turned into `_`
/// (`HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4`).
pub fn env_var_name(service: RegionService, region: &str) -> String {
    format!(
        "{}_{}_{}",
        env::REGION_PREFIX,
        service.name(),
        region.replace('-', "_").to_ascii_uppercase()
    )
}

/// The official built-in HSS endpoints (`huaweicloudsdkhss` 3.1.219, `v5/region/hss_region.py`).
pub const HSS_REGIONS: &[(&str, &str)] = &[
    ("cn-north-9", "https://hss.cn-north-9.myhuaweicloud.com"),
    ("cn-north-1", "https://hss.cn-north-1.myhuaweicloud.com"),
    ("cn-north-4", "https://hss.cn-north-4.myhuaweicloud.com"),
    (
        "cn-southwest-2",
        "https://hss.cn-southwest-2.myhuaweicloud.com",
    ),
    ("cn-east-2", "https://hss.cn-east-2.myhuaweicloud.com"),
    ("cn-east-3", "https://hss.cn-east-3.myhuaweicloud.com"),
    ("cn-east-4", "https://hss.cn-east-4.myhuaweicloud.com"),
    ("cn-south-1", "https://hss.cn-south-1.myhuaweicloud.com"),
    ("cn-south-2", "https://hss.cn-south-2.myhuaweicloud.com"),
    (
        "ap-southeast-1",
        "https://hss.ap-southeast-1.myhuaweicloud.com",
    ),
    (
        "ap-southeast-2",
        "https://hss.ap-southeast-2.myhuaweicloud.com",
    ),
    (
        "ap-southeast-3",
        "https://hss.ap-southeast-3.myhuaweicloud.com",
    ),
    ("na-mexico-1", "https://hss.na-mexico-1.myhuaweicloud.com"),
    ("af-south-1", "https://hss.af-south-1.myhuaweicloud.com"),
    ("sa-brazil-1", "https://hss.sa-brazil-1.myhuaweicloud.com"),
    ("la-south-2", "https://hss.la-south-2.myhuaweicloud.com"),
    ("cn-south-4", "https://hss.cn-south-4.myhuaweicloud.com"),
    ("la-north-2", "https://hss.la-north-2.myhuaweicloud.com"),
    ("tr-west-1", "https://hss.tr-west-1.myhuaweicloud.com"),
    ("cn-north-2", "https://hss.cn-north-2.myhuaweicloud.com"),
    (
        "ap-southeast-4",
        "https://hss.ap-southeast-4.myhuaweicloud.com",
    ),
    ("ae-ad-1", "https://hss.ae-ad-1.myhuaweicloud.com"),
    ("me-east-1", "https://hss.me-east-1.myhuaweicloud.com"),
    ("cn-east-5", "https://hss.cn-east-5.myhuaweicloud.com"),
    (
        "my-kualalumpur-1",
        "https://hss.my-kualalumpur-1.myhuaweicloud.com",
    ),
    ("eu-west-101", "https://hss.eu-west-101.myhuaweicloud.eu"),
    ("ru-moscow-1", "https://hss.ru-moscow-1.myhuaweicloud.com"),
    ("cn-north-12", "https://hss.cn-north-12.myhuaweicloud.com"),
    (
        "cn-southwest-3",
        "https://hss.cn-southwest-3.myhuaweicloud.com",
    ),
    ("cn-north-11", "https://hss.cn-north-11.myhuaweicloud.com"),
    ("af-north-1", "https://hss.af-north-1.myhuaweicloud.com"),
    (
        "ap-southeast-5",
        "https://hss.ap-southeast-5.myhuaweicloud.com",
    ),
];

/// The official built-in IAM endpoints (`huaweicloudsdkiam` 3.1.219, `v3/region/iam_region.py`;
/// the core's `auth/endpoint.py` lists the same regions but `eu-west-101`).
pub const IAM_REGIONS: &[(&str, &str)] = &[
    ("cn-north-2", "https://iam.cn-north-2.myhuaweicloud.com"),
    ("cn-north-4", "https://iam.cn-north-4.myhuaweicloud.com"),
    ("cn-north-1", "https://iam.cn-north-1.myhuaweicloud.com"),
    ("cn-east-2", "https://iam.cn-east-2.myhuaweicloud.com"),
    ("cn-east-3", "https://iam.cn-east-3.myhuaweicloud.com"),
    ("cn-south-1", "https://iam.cn-south-1.myhuaweicloud.com"),
    ("cn-south-2", "https://iam.cn-south-2.myhuaweicloud.com"),
    (
        "cn-southwest-2",
        "https://iam.cn-southwest-2.myhuaweicloud.com",
    ),
    (
        "ap-southeast-1",
        "https://iam.ap-southeast-1.myhuaweicloud.com",
    ),
    (
        "ap-southeast-2",
        "https://iam.ap-southeast-2.myhuaweicloud.com",
    ),
    (
        "ap-southeast-3",
        "https://iam.ap-southeast-3.myhuaweicloud.com",
    ),
    ("af-south-1", "https://iam.af-south-1.myhuaweicloud.com"),
    ("sa-brazil-1", "https://iam.sa-brazil-1.myhuaweicloud.com"),
    ("la-south-2", "https://iam.la-south-2.myhuaweicloud.com"),
    ("na-mexico-1", "https://iam.na-mexico-1.myhuaweicloud.com"),
    ("la-north-2", "https://iam.la-north-2.myhuaweicloud.com"),
    ("cn-north-9", "https://iam.cn-north-9.myhuaweicloud.com"),
    ("eu-west-101", "https://iam.eu-west-101.myhuaweicloud.eu"),
    ("eu-west-0", "https://iam.eu-west-0.myhuaweicloud.com"),
    (
        "my-kualalumpur-1",
        "https://iam.my-kualalumpur-1.myhuaweicloud.com",
    ),
    ("ru-moscow-1", "https://iam.ru-moscow-1.myhuaweicloud.com"),
    ("me-east-1", "https://iam.me-east-1.myhuaweicloud.com"),
    (
        "ap-southeast-4",
        "https://iam.ap-southeast-4.myhuaweicloud.com",
    ),
    ("ae-ad-1", "https://iam.ae-ad-1.myhuaweicloud.com"),
    ("cn-east-4", "https://iam.cn-east-4.myhuaweicloud.com"),
    ("cn-east-5", "https://iam.cn-east-5.myhuaweicloud.com"),
    ("tr-west-1", "https://iam.tr-west-1.myhuaweicloud.com"),
    ("cn-north-12", "https://iam.cn-north-12.myhuaweicloud.com"),
];

/// The official built-in endpoint of `service` in `region`, if the official tables list it.
/// UCS has none here: its official table holds only `cn-north-4` → `https://ucs.myhuaweicloud.com`,
/// which is the China site's default already.
pub fn builtin(service: RegionService, region: &str) -> Option<&'static str> {
    let table = match service {
        RegionService::Ucs => return None,
        RegionService::Hss => HSS_REGIONS,
        RegionService::Iam => IAM_REGIONS,
    };
    table.iter().find(|(id, _)| *id == region).map(|(_, e)| *e)
}

/// The first endpoint of a comma-separated list (the official providers keep the others for
/// failover, which this SDK does not do), checked to be an http(s) URL; `source` names where it
/// came from in the error.
fn first_endpoint(list: &str, source: &str) -> Result<Option<String>> {
    let Some(first) = list.split(',').map(str::trim).find(|e| !e.is_empty()) else {
        return Ok(None);
    };
    check_url(first, source)?;
    Ok(Some(first.trim_end_matches('/').to_owned()))
}

/// `value` must be an http:// or https:// URL; the error names `source` and the reason.
pub(crate) fn check_url(value: &str, source: &str) -> Result<()> {
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
        Ok(_) => Err(Error::Config(format!(
            "{source}: {value:?} must be an http:// or https:// URL"
        ))),
        Err(e) => Err(Error::Config(format!(
            "{source}: {value:?} is not a URL: {e}"
        ))),
    }
}

/// The override `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` gives, read through `get`.
pub fn env_override(
    service: RegionService,
    region: &str,
    get: impl Fn(&str) -> Option<String>,
) -> Result<Option<String>> {
    let name = env_var_name(service, region);
    match get(&name) {
        Some(value) => first_endpoint(&value, &name),
        None => Ok(None),
    }
}

/// One entry of `regions.yaml`: `{id, endpoint}` or `{id, endpoints: [...]}`.
#[derive(Debug, Deserialize)]
struct FileRegion {
    id: Option<String>,
    endpoint: Option<String>,
    endpoints: Option<Vec<String>>,
}

/// The endpoints a `regions.yaml` file gives, by service and region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionsFile {
    /// `(SERVICE, region)` → the first endpoint.
    endpoints: HashMap<(String, String), String>,
}

impl RegionsFile {
    /// Parses the official shape `{service: [{id, endpoint | endpoints}]}`; service names are
    /// matched case-insensitively, entries without an id or endpoint are skipped (as the
    /// official SDK does). `source` names the file in errors.
    pub fn parse(text: &str, source: &str) -> Result<Self> {
        let mut out = Self::default();
        if text.trim().is_empty() {
            return Ok(out);
        }
        let services: Option<HashMap<String, Option<Vec<FileRegion>>>> =
            serde_norway::from_str(text).map_err(|e| {
                Error::Config(format!(
                    "regions file {source}: not of the shape {{service: [{{id, endpoint | endpoints}}]}}: {e}"
                ))
            })?;
        for (service, regions) in services.unwrap_or_default() {
            let service = service.to_ascii_uppercase();
            for region in regions.unwrap_or_default() {
                let Some(id) = region.id.filter(|i| !i.trim().is_empty()) else {
                    continue;
                };
                // The official order: `endpoints` first, then `endpoint` appended.
                let mut all = region.endpoints.unwrap_or_default();
                all.extend(region.endpoint);
                let place = format!("regions file {source}, {service} region {id}");
                if let Some(endpoint) = first_endpoint(&all.join(","), &place)? {
                    out.endpoints.insert((service.clone(), id), endpoint);
                }
            }
        }
        Ok(out)
    }

    /// Reads `path`; a missing file gives no endpoints, as in the official SDK.
    pub fn read(path: &Path) -> Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::Config(format!(
                "cannot read regions file {}: {e}",
                path.display()
            ))),
        }
    }

    /// The endpoint the file gives `service` in `region`.
    pub fn get(&self, service: RegionService, region: &str) -> Option<&str> {
        self.endpoints
            .get(&(service.name().to_owned(), region.to_owned()))
            .map(String::as_str)
    }
}

/// The regions file path: `$HUAWEICLOUD_SDK_REGIONS_FILE` or `~/.huaweicloud/regions.yaml`,
/// read through `get`.
pub fn regions_path_with(get: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = get(env::REGIONS_FILE).filter(|p| !p.trim().is_empty()) {
        return Some(PathBuf::from(p));
    }
    crate::auth::credentials::home_with(get)
        .map(|home| home.join(".huaweicloud").join("regions.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_follow_the_official_shape() {
        assert_eq!(
            env_var_name(RegionService::Hss, "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4"
        );
        assert_eq!(
            env_var_name(RegionService::Ucs, "eu-west-101"),
            "HUAWEICLOUD_SDK_REGION_UCS_EU_WEST_101"
        );
    }

    #[test]
    fn eu_west_101_hosts_end_in_dot_eu() {
        assert_eq!(
            builtin(RegionService::Hss, "eu-west-101"),
            Some("https://hss.eu-west-101.myhuaweicloud.eu")
        );
        assert_eq!(
            builtin(RegionService::Iam, "eu-west-101"),
            Some("https://iam.eu-west-101.myhuaweicloud.eu")
        );
        assert_eq!(builtin(RegionService::Hss, "xx-nowhere-1"), None);
        // Every other listed host is the `{service}.{region}.myhuaweicloud.com` pattern.
        for (table, service) in [(HSS_REGIONS, "hss"), (IAM_REGIONS, "iam")] {
            for (id, endpoint) in table {
                if *id != "eu-west-101" {
                    assert_eq!(
                        *endpoint,
                        format!("https://{service}.{id}.myhuaweicloud.com")
                    );
                }
                assert!(crate::config::check_region(id).is_ok(), "{id}");
            }
        }
    }

    #[test]
    fn env_override_takes_the_first_endpoint_and_checks_it() {
        let get = |k: &str| {
            (k == "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4")
                .then(|| " http://a.example/ , http://b.example".to_owned())
        };
        assert_eq!(
            env_override(RegionService::Hss, "cn-north-4", get)
                .ok()
                .flatten(),
            Some("http://a.example".to_owned())
        );
        assert_eq!(
            env_override(RegionService::Iam, "cn-north-4", get)
                .ok()
                .flatten(),
            None
        );
        let bad = |_: &str| Some("ftp://x".to_owned());
        let Err(Error::Config(m)) = env_override(RegionService::Ucs, "cn-north-4", bad) else {
            panic!("ftp accepted");
        };
        assert!(
            m.contains("HUAWEICLOUD_SDK_REGION_UCS_CN_NORTH_4") && m.contains("http"),
            "{m}"
        );
    }

    #[test]
    fn regions_file_reads_the_official_shape() {
        let text = "ucs:\n  - id: cn-north-4\n    endpoint: https://ucs.example\nHSS:\n  - id: eu-west-101\n    endpoints:\n      - https://hss1.example/\n      - https://hss2.example\n  - id: cn-north-4\n  - endpoint: https://no-id.example\n";
        let file = RegionsFile::parse(text, "r.yaml").unwrap_or_default();
        assert_eq!(
            file.get(RegionService::Ucs, "cn-north-4"),
            Some("https://ucs.example")
        );
        assert_eq!(
            file.get(RegionService::Hss, "eu-west-101"),
            Some("https://hss1.example")
        );
        assert_eq!(file.get(RegionService::Hss, "cn-north-4"), None);
        assert_eq!(file.get(RegionService::Iam, "cn-north-4"), None);
        assert_eq!(
            RegionsFile::parse("", "r.yaml").ok(),
            Some(RegionsFile::default())
        );
    }

    #[test]
    fn a_bad_regions_file_is_refused_naming_it() {
        for (text, wants) in [
            ("ucs: [1, 2", "r.yaml"),
            (
                "ucs:\n  - id: cn-north-4\n    endpoint: nope\n",
                "UCS region cn-north-4",
            ),
            ("- a\n- b\n", "shape"),
        ] {
            let Err(Error::Config(m)) = RegionsFile::parse(text, "r.yaml") else {
                panic!("{text:?} accepted");
            };
            assert!(m.contains("r.yaml") && m.contains(wants), "{m}");
        }
    }
}
