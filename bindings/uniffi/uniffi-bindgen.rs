//! The uniffi bindings generator, pinned to this crate's uniffi version. For Kotlin it also makes
//! the generated library initializer keep Rust's runtime threads attached to the JVM, and lifts
//! answers from one heap copy of each Rust buffer, strings decoded in place from it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The line of the generated Kotlin library initializer that the call is added after.
const KOTLIN_ANCHOR: &str = "Native.register(UniffiLib::class.java, ";
/// Defined in kotlin/src/main/kotlin/com/huaweicloud/ucs/RuntimeThreads.kt.
const KOTLIN_CALL: &str = "        keepRuntimeThreadsAttached()\n";

/// The generated Kotlin files: each uniffi component has its own copy of the converters.
const KOTLIN_FILES: [&str; 2] = [
    "com/huaweicloud/ucs/ucs_uniffi.kt",
    "com/huaweicloud/ucs/models/ucs_models.kt",
];

/// Records, lists and optionals are lifted by `liftFromRustBuffer` through a direct (native)
/// `ByteBuffer`; each string then costs a native copy into a new array and a second copy in
/// `String(bytes)`. One bulk copy to the heap, with strings decoded in place from it, lifts a
/// 500-cluster page in about 0.45-0.75 ms instead of 0.95 ms (bench/kotlin Profile.kt, lift500).
const KOTLIN_LIFT: [(&str, &str); 2] = [
    (
        "    fun liftFromRustBuffer(rbuf: RustBuffer.ByValue): KotlinType {\n        val byteBuf = rbuf.asByteBuffer()!!\n",
        "    fun liftFromRustBuffer(rbuf: RustBuffer.ByValue): KotlinType {\n        \
         // One bulk copy to the heap (uniffi-bindgen.rs): the reads are then array reads.\n        \
         val byteBuf = rbuf.asByteBuffer()!!.let { native ->\n            \
         ByteBuffer.allocate(native.remaining()).also { it.put(native); it.flip() }\n        }\n",
    ),
    (
        "    override fun read(buf: ByteBuffer): String {\n        val len = buf.getInt()\n",
        "    override fun read(buf: ByteBuffer): String {\n        val len = buf.getInt()\n        \
         if (buf.hasArray()) {\n            \
         // Decoded in place from the heap copy (uniffi-bindgen.rs), no intermediate array.\n            \
         if (len < 0 || len > buf.remaining()) throw java.nio.BufferUnderflowException()\n            \
         val start = buf.position()\n            \
         buf.position(start + len)\n            \
         return String(buf.array(), buf.arrayOffset() + start, len, Charsets.UTF_8)\n        }\n",
    ),
];

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
            let out_dir = Path::new(out_dir);
            match attach_runtime_threads(out_dir).and_then(|()| lift_from_heap(out_dir)) {
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

/// Applies `KOTLIN_LIFT` to every generated file; an anchor missing (a changed uniffi template)
/// fails the build rather than silently losing the faster lifting.
fn lift_from_heap(out_dir: &Path) -> Result<(), String> {
    for name in KOTLIN_FILES {
        let file = out_dir.join(name);
        let mut text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        for (anchor, replacement) in KOTLIN_LIFT {
            if text.contains(replacement) {
                continue;
            }
            if text.matches(anchor).count() != 1 {
                return Err(format!(
                    "expected one `{}` in {}",
                    anchor.lines().next().unwrap_or(anchor).trim(),
                    file.display()
                ));
            }
            text = text.replacen(anchor, replacement, 1);
        }
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}
