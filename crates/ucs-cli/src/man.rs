//! `ucs man`: the top-level man page on stdout, or with `--dir` one page per subcommand too
//! (`ucs-clusters.1`, `ucs-clusters-list.1`, ...), as git and kubectl ship theirs.

use std::path::Path;

use crate::{write_stdout, CliResult, Failure};

/// `ucs man [--dir DIR]`.
pub(crate) fn run(cmd: clap::Command, dir: Option<&Path>) -> CliResult {
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|e| Failure::Other(format!("cannot render the man page: {e}")))?;
            write_stdout(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Other(format!("cannot create {}: {e}", dir.display())))?;
            let written = write_pages(&cmd, dir)
                .map_err(|e| Failure::Other(format!("cannot write to {}: {e}", dir.display())))?;
            eprintln!("{written} man pages written to {}", dir.display());
            Ok(())
        }
    }
}

/// Writes the page of `cmd` and of every visible subcommand below it; answers how many.
/// `cmd` must be built, so each subcommand's display name is its page's (`ucs-clusters-list`).
fn write_pages(cmd: &clap::Command, dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    // clap's implicit `help` subcommand would get a page of its own per level: not a command.
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        written += write_pages(sub, dir)?;
    }
    clap_mangen::Man::new(cmd.clone()).generate_to(dir)?;
    Ok(written + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_visible_subcommand_gets_a_page_named_by_its_path() {
        let dir = std::env::temp_dir().join(format!("ucs-man-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        run(crate::command(), Some(&dir)).expect("pages written");
        let list = std::fs::read_to_string(dir.join("ucs-clusters-list.1")).expect("list page");
        assert!(list.contains(".TH ucs-clusters-list 1"), "{list}");
        assert!(std::fs::read_to_string(dir.join("ucs.1"))
            .expect("top page")
            .contains("Exit codes"));
        for page in [
            "ucs-clusters.1",
            "ucs-fleets-enable-federation.1",
            "ucs-emulator.1",
        ] {
            assert!(dir.join(page).is_file(), "{page} missing");
        }
        // Hidden commands and clap's help are not pages.
        for page in [
            "ucs-help.1",
            "ucs-clusters-help.1",
            "ucs-man.1",
            "ucs-completions.1",
        ] {
            assert!(!dir.join(page).exists(), "{page} written");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
