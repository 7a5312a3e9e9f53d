//! The credential and region chain as the official SDKs run it, through `from_env_with`: env
//! maps and temporary files only, never the real environment or HOME.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ucs_sdk::models::ListClustersQuery;
use ucs_sdk::{ClientBuilder, Credentials, Error};

/// A fresh temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ucs-credential-chain-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    /// Writes `name` (private mode, as a credentials file should be) and returns its path.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(&path, text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        path.display().to_string()
    }

    fn home(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `from_env_with` over exactly `vars` (HOME included when given).
fn from_vars(builder: ClientBuilder, vars: &[(&str, &str)]) -> ucs_sdk::Result<ClientBuilder> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    builder.from_env_with(|k| map.get(k).cloned())
}

fn config_err(r: ucs_sdk::Result<ClientBuilder>) -> String {
    match r {
        Err(Error::Config(m)) => m,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn the_profile_file_official_sections_fill_the_client() {
    let dir = TempDir::new();
    let path = dir.file(
        "creds",
        "[basiccredentials]\nak = BA\nsk = BS\nproject_id = p1\n[globalcredentials]\nak = BA\nsk = BS\ndomain_id = d1\n",
    );
    let b = from_vars(
        ClientBuilder::new(),
        &[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &path)],
    )
    .expect("from_env");
    let c = b.config();
    assert_eq!(c.credentials, Some(Credentials::aksk("BA", "BS")));
    assert_eq!(c.project_id.as_deref(), Some("p1"));
    assert_eq!(c.domain_id.as_deref(), Some("d1"));

    // The default path is under HOME; environment credentials win over the file's.
    dir.file(
        ".huaweicloud/credentials",
        "[globalcredentials]\nak = FA\nsk = FS\ndomain_id = d-file\n",
    );
    let b = from_vars(
        ClientBuilder::new(),
        &[
            ("HOME", &dir.home()),
            ("HUAWEICLOUD_SDK_AK", "EA"),
            ("HUAWEICLOUD_SDK_SK", "ES"),
        ],
    )
    .expect("from_env");
    assert_eq!(b.config().credentials, Some(Credentials::aksk("EA", "ES")));
    assert_eq!(b.config().domain_id.as_deref(), Some("d-file"));
}

#[test]
fn the_official_iam_variable_wins_over_the_old_one() {
    let none = [(
        "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
        "/nonexistent/credentials",
    )];
    let both = [
        none[0],
        (
            "HUAWEICLOUD_SDK_IAM_ENDPOINT",
            "https://iam.official.example/",
        ),
        ("UCS_IAM_ENDPOINT", "https://iam.old.example"),
    ];
    let b = from_vars(ClientBuilder::new(), &both).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.official.example");
    let old = [none[0], ("UCS_IAM_ENDPOINT", "https://iam.old.example")];
    let b = from_vars(ClientBuilder::new(), &old).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.old.example");
    // An explicit option wins over both.
    let b = from_vars(
        ClientBuilder::new().iam_endpoint("https://mine.example"),
        &both,
    )
    .expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://mine.example");
    // A bad value is refused naming the variable.
    let m = config_err(from_vars(
        ClientBuilder::new(),
        &[none[0], ("HUAWEICLOUD_SDK_IAM_ENDPOINT", "iam.example")],
    ));
    assert!(m.contains("HUAWEICLOUD_SDK_IAM_ENDPOINT"), "{m}");
}

#[test]
fn the_profile_iam_endpoint_goes_with_its_credentials() {
    let dir = TempDir::new();
    let path = dir.file(
        "creds",
        "[globalcredentials]\nak = FA\nsk = FS\niam_endpoint = https://iam.profile.example\n",
    );
    let vars = [
        ("HUAWEICLOUD_SDK_CREDENTIALS_FILE", path.as_str()),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.env.example"),
    ];
    // Credentials from the profile: its iam_endpoint comes first, as in the official chain.
    let b = from_vars(ClientBuilder::new(), &vars).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.profile.example");
    // Credentials from the environment: the variable wins, the profile's only fills in.
    let with_env_keys = [
        vars[0],
        vars[1],
        ("HUAWEICLOUD_SDK_AK", "EA"),
        ("HUAWEICLOUD_SDK_SK", "ES"),
    ];
    let b = from_vars(ClientBuilder::new(), &with_env_keys).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.env.example");
    let b = from_vars(ClientBuilder::new(), &with_env_keys[..1]).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.profile.example");
    // A bad one names the file and the key, never the secret key.
    let bad = dir.file(
        "bad",
        "[basiccredentials]\nak = FA\nsk = s3cret\niam_endpoint = not a url\n",
    );
    let m = config_err(from_vars(
        ClientBuilder::new(),
        &[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &bad)],
    ));
    assert!(
        m.contains(&bad) && m.contains("iam_endpoint") && !m.contains("s3cret"),
        "{m}"
    );
}

#[test]
fn region_endpoints_follow_the_official_precedence() {
    let dir = TempDir::new();
    let regions = dir.file(
        "regions.yaml",
        "hss:\n  - id: eu-west-101\n    endpoint: https://hss.file.example\niam:\n  - id: eu-west-101\n    endpoints: [https://iam.file.example]\nucs:\n  - id: eu-west-101\n    endpoint: https://ucs.file.example\n",
    );
    let base = [
        (
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
            "/nonexistent/credentials",
        ),
        ("UCS_REGION", "eu-west-101"),
    ];
    let hss = |b: &ClientBuilder| b.config().hss_endpoint().expect("hss endpoint");

    // Default pattern (an unlisted region), then the built-in table: eu-west-101 is `.eu`.
    let b = from_vars(ClientBuilder::new().region("xx-new-1"), &base[..1]).expect("from_env");
    assert_eq!(hss(&b), "https://hss.xx-new-1.myhuaweicloud.com");
    assert_eq!(
        b.config().iam_endpoint(),
        "https://iam.xx-new-1.myhuaweicloud.com"
    );
    let b = from_vars(ClientBuilder::new(), &base).expect("from_env");
    assert_eq!(hss(&b), "https://hss.eu-west-101.myhuaweicloud.eu");
    assert_eq!(
        b.config().iam_endpoint(),
        "https://iam.eu-west-101.myhuaweicloud.eu"
    );
    assert_eq!(b.config().ucs_endpoint(), "https://ucs.myhuaweicloud.com");

    // regions.yaml beats the table.
    let with_file = [
        base[0],
        base[1],
        ("HUAWEICLOUD_SDK_REGIONS_FILE", regions.as_str()),
    ];
    let b = from_vars(ClientBuilder::new(), &with_file).expect("from_env");
    assert_eq!(hss(&b), "https://hss.file.example");
    assert_eq!(b.config().iam_endpoint(), "https://iam.file.example");
    assert_eq!(b.config().ucs_endpoint(), "https://ucs.file.example");

    // The variables beat the file; the explicit option beats them all.
    let with_env = [
        with_file[0],
        with_file[1],
        with_file[2],
        (
            "HUAWEICLOUD_SDK_REGION_HSS_EU_WEST_101",
            "https://hss.env.example,https://hss.second.example",
        ),
        (
            "HUAWEICLOUD_SDK_REGION_UCS_EU_WEST_101",
            "https://ucs.env.example",
        ),
        (
            "HUAWEICLOUD_SDK_REGION_IAM_EU_WEST_101",
            "https://iam.env.example",
        ),
    ];
    let b = from_vars(ClientBuilder::new(), &with_env).expect("from_env");
    assert_eq!(hss(&b), "https://hss.env.example");
    assert_eq!(b.config().ucs_endpoint(), "https://ucs.env.example");
    assert_eq!(b.config().iam_endpoint(), "https://iam.env.example");
    let b = from_vars(
        ClientBuilder::new()
            .hss_endpoint("https://hss.mine.example")
            .endpoint("https://ucs.mine.example"),
        &with_env,
    )
    .expect("from_env");
    assert_eq!(hss(&b), "https://hss.mine.example");
    assert_eq!(b.config().ucs_endpoint(), "https://ucs.mine.example");
    // HUAWEICLOUD_SDK_IAM_ENDPOINT is not per region and wins over the region overrides.
    let mut iam = with_env.to_vec();
    iam.push(("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.global.example"));
    let b = from_vars(ClientBuilder::new(), &iam).expect("from_env");
    assert_eq!(b.config().iam_endpoint(), "https://iam.global.example");

    // ~/.huaweicloud/regions.yaml is the default file.
    dir.file(
        ".huaweicloud/regions.yaml",
        "HSS:\n  - id: eu-west-101\n    endpoint: https://hss.home.example\n",
    );
    let b = from_vars(
        ClientBuilder::new(),
        &[base[0], base[1], ("HOME", &dir.home())],
    )
    .expect("from_env");
    assert_eq!(hss(&b), "https://hss.home.example");
}

#[test]
fn the_built_in_table_applies_without_from_env() {
    let c = ClientBuilder::new().region("eu-west-101");
    assert_eq!(
        c.config().hss_endpoint().ok().as_deref(),
        Some("https://hss.eu-west-101.myhuaweicloud.eu")
    );
    assert_eq!(
        c.config().iam_endpoint(),
        "https://iam.eu-west-101.myhuaweicloud.eu"
    );
    let c = ClientBuilder::new();
    assert_eq!(c.config().iam_endpoint(), "https://iam.myhuaweicloud.com");
}

#[test]
fn bad_region_overrides_name_their_source() {
    let dir = TempDir::new();
    let base = [
        (
            "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
            "/nonexistent/credentials",
        ),
        ("UCS_REGION", "cn-north-4"),
    ];
    let m = config_err(from_vars(
        ClientBuilder::new(),
        &[
            base[0],
            base[1],
            ("HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4", "hss.example"),
        ],
    ));
    assert!(m.contains("HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4"), "{m}");
    let broken = dir.file("regions.yaml", "hss: [ {id: cn-north-4, endpoint: ");
    let m = config_err(from_vars(
        ClientBuilder::new(),
        &[base[0], base[1], ("HUAWEICLOUD_SDK_REGIONS_FILE", &broken)],
    ));
    assert!(m.contains(&broken), "{m}");
    let wrong = dir.file(
        "wrong.yaml",
        "iam:\n  - id: cn-north-4\n    endpoint: ftp://iam.example\n",
    );
    let m = config_err(from_vars(
        ClientBuilder::new(),
        &[base[0], base[1], ("HUAWEICLOUD_SDK_REGIONS_FILE", &wrong)],
    ));
    assert!(
        m.contains(&wrong) && m.contains("IAM region cn-north-4"),
        "{m}"
    );
    // The file is not read when nothing is left to choose from it: no region, or every
    // endpoint given.
    let no_region = [base[0], ("HUAWEICLOUD_SDK_REGIONS_FILE", broken.as_str())];
    assert!(from_vars(ClientBuilder::new(), &no_region).is_ok());
    let all_given = ClientBuilder::new()
        .endpoint("http://u.example")
        .hss_endpoint("http://h.example")
        .iam_endpoint("http://i.example");
    assert!(from_vars(all_given, &[base[0], base[1], no_region[1]]).is_ok());
}

/// End to end: keys from `[basiccredentials]`, endpoints from the region overrides, every call
/// signed with the profile's keys and answered by the emulator.
#[tokio::test]
async fn profile_keys_and_region_overrides_reach_the_emulator() {
    let emu = ucs_emulator::start(ucs_emulator::EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator");
    let base = emu.base_url();
    let dir = TempDir::new();
    let good = dir.file(
        "good",
        &format!(
            "[basiccredentials]\nak = {}\nsk = {}\n[globalcredentials]\ndomain_id = {}\n",
            ucs_emulator::DEMO_AK,
            ucs_emulator::DEMO_SK,
            ucs_emulator::DEMO_DOMAIN_ID
        ),
    );
    let vars = |file: &str| {
        vec![
            (
                "HUAWEICLOUD_SDK_CREDENTIALS_FILE".to_owned(),
                file.to_owned(),
            ),
            ("UCS_REGION".to_owned(), "cn-north-4".to_owned()),
            (
                "HUAWEICLOUD_SDK_REGION_UCS_CN_NORTH_4".to_owned(),
                base.clone(),
            ),
            (
                "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4".to_owned(),
                base.clone(),
            ),
            (
                "HUAWEICLOUD_SDK_REGION_IAM_CN_NORTH_4".to_owned(),
                base.clone(),
            ),
        ]
    };
    let build = |file: &str| {
        let map: HashMap<String, String> = vars(file).into_iter().collect();
        ClientBuilder::new()
            .max_retries(0)
            .from_env_with(|k| map.get(k).cloned())
            .and_then(ClientBuilder::build)
            .expect("client")
    };
    let client = build(&good);
    let page = client
        .clusters()
        .list(&ListClustersQuery::default())
        .await
        .expect("UCS call signed with the profile's keys");
    assert_eq!(page.items.len(), 0);
    // The project id is resolved through IAM at the override, then HSS is called there.
    assert_eq!(
        client.iam().project_id().await.expect("IAM"),
        ucs_emulator::DEMO_PROJECT_ID
    );
    support::calls::create_hss_cluster(&client).await;

    // The same file with a wrong secret key is refused by the emulator: the keys used are the
    // profile's.
    let wrong = dir.file(
        "wrong",
        &format!(
            "[basiccredentials]\nak = {}\nsk = not-the-key\n[globalcredentials]\ndomain_id = {}\n",
            ucs_emulator::DEMO_AK,
            ucs_emulator::DEMO_DOMAIN_ID
        ),
    );
    let err = build(&wrong)
        .clusters()
        .list(&ListClustersQuery::default())
        .await
        .expect_err("wrong key accepted");
    assert_eq!(err.status(), Some(401), "{err}");
}
