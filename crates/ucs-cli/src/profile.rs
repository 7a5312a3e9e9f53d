//! `--profile NAME`: one named section of the official credentials file, read by the core's parser.

use std::path::Path;

use ucs_sdk::auth::credentials::{parse_profile, profile_path};
use ucs_sdk::{CredentialSource, Error};

/// Normalised section name, as the core compares them (trimmed, case-insensitive).
fn section_name(line: &str) -> Option<String> {
    let name = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    Some(name.trim().to_ascii_lowercase())
}

/// The lines of every `[name]` section of `text`, or `None` when it has none; also the names seen.
fn section(text: &str, name: &str) -> (Option<String>, Vec<String>) {
    let wanted = name.trim().to_ascii_lowercase();
    let mut names = Vec::new();
    let mut body: Option<String> = None;
    let mut inside = false;
    for line in text.lines() {
        if let Some(found) = section_name(line) {
            inside = found == wanted;
            if inside {
                body.get_or_insert_with(String::new);
            }
            if !names.contains(&found) {
                names.push(found);
            }
        } else if let (true, Some(body)) = (inside, body.as_mut()) {
            body.push_str(line);
            body.push('\n');
        }
    }
    (body, names)
}

/// Parses section `[name]` of `text` (the file at `path`) into credentials and ids.
pub(crate) fn from_text(text: &str, name: &str, path: &Path) -> Result<CredentialSource, Error> {
    let (body, names) = section(text, name);
    let Some(body) = body else {
        let known = if names.is_empty() {
            "it has no sections".to_owned()
        } else {
            format!("its sections: {}", names.join(", "))
        };
        return Err(Error::invalid(
            "--profile",
            format!("no section [{name}] in {} ({known})", path.display()),
        ));
    };
    // The core reads the key pair and project_id from [basic] and domain_id from [global]; the
    // section given as both yields all of them, with the core's checks (a half key pair, ...).
    parse_profile(&format!("[basic]\n{body}[global]\n{body}")).map_err(|e| match e {
        Error::Config(m) => Error::Config(m.replace("[basic]", &format!("[{name}]"))),
        other => other,
    })
}

/// Reads section `[name]` of `$HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`.
pub(crate) fn load(name: &str) -> Result<CredentialSource, Error> {
    let path = profile_path().ok_or_else(|| {
        Error::invalid(
            "--profile",
            "no credentials file: set HUAWEICLOUD_SDK_CREDENTIALS_FILE or HOME",
        )
    })?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::invalid(
            "--profile",
            format!("cannot read the credentials file {}: {e}", path.display()),
        )
    })?;
    from_text(&text, name, &path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ucs_sdk::Credentials;

    const FILE: &str = "[basic]\nak = BA\nsk = BS\n\n[Dev]\nak = DA\nsk = DS\nproject_id = p-dev\ndomain_id = d-dev\n[half]\nak = HA\n";

    #[test]
    fn a_named_section_gives_its_keys_and_ids() {
        let src = from_text(FILE, "dev", Path::new("creds")).expect("parsed");
        assert_eq!(src.credentials, Some(Credentials::aksk("DA", "DS")));
        assert_eq!(src.project_id.as_deref(), Some("p-dev"));
        assert_eq!(src.domain_id.as_deref(), Some("d-dev"));
    }

    #[test]
    fn a_missing_section_is_refused_naming_it_and_the_ones_there() {
        let e = from_text(FILE, "prod", Path::new("creds")).expect_err("missing");
        let text = e.to_string();
        assert!(
            text.contains("--profile") && text.contains("[prod]"),
            "{text}"
        );
        assert!(text.contains("basic, dev, half"), "{text}");
    }

    #[test]
    fn a_half_key_pair_names_the_section_not_basic() {
        let e = from_text(FILE, "half", Path::new("creds")).expect_err("half");
        let text = e.to_string();
        assert!(
            text.contains("[half]") && !text.contains("[basic]"),
            "{text}"
        );
        assert!(!text.contains("HA"), "{text}");
    }
}
