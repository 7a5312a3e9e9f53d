//! The uniffi bindings generator, pinned to this crate's uniffi version. For Kotlin it also makes
//! the generated library initializer keep Rust's runtime threads attached to the JVM.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The line of the generated Kotlin library initializer that the call is added after.
const KOTLIN_ANCHOR: &str = "Native.register(UniffiLib::class.java, ";
/// Defined in kotlin/src/main/kotlin/com/huaweicloud/ucs/RuntimeThreads.kt.
const KOTLIN_CALL: &str = "        keepRuntimeThreadsAttached()\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    uniffi::uniffi_bindgen_main();
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    match (value_of("--language"), value_of("--out-dir")) {
        (Some(language), Some(out_dir)) if language == "kotlin" => {
            match attach_runtime_threads(Path::new(out_dir)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("uniffi-bindgen: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Adds the call to the library initializer of the generated `ucs_uniffi.kt`; a changed template
/// fails the build here rather than silently losing the call.
fn attach_runtime_threads(out_dir: &Path) -> Result<(), String> {
    let file: PathBuf = out_dir.join("com/huaweicloud/ucs/ucs_uniffi.kt");
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if text.contains(KOTLIN_CALL) {
        return Ok(());
    }
    let at = text
        .find(KOTLIN_ANCHOR)
        .and_then(|start| text[start..].find('\n').map(|end| start + end + 1))
        .ok_or_else(|| format!("no `{KOTLIN_ANCHOR}` line in {}", file.display()))?;
    let patched = format!("{}{KOTLIN_CALL}{}", &text[..at], &text[at..]);
    std::fs::write(&file, patched).map_err(|e| format!("cannot write {}: {e}", file.display()))
}
