//! Optional persistence: the store as one JSON file, replaced atomically after every change.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::server::lock;
use crate::state::Store;
use crate::EmulatorError;

/// Writes snapshots in version order: an older snapshot never overwrites a newer one.
pub(crate) struct Persister {
    path: PathBuf,
    written: Mutex<u64>,
}

impl Persister {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            written: Mutex::new(0),
        }
    }

    /// Writes `bytes` to a temporary file beside the target, syncs it, then renames it over the
    /// target, so a crash leaves either the old or the new file, never a torn one.
    pub fn save(&self, version: u64, bytes: &[u8]) {
        let mut written = lock(&self.written);
        if *written >= version {
            return;
        }
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        let result = std::fs::File::create(&tmp)
            .and_then(|mut f| {
                f.write_all(bytes)?;
                f.sync_all()
            })
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        match result {
            Ok(()) => *written = version,
            Err(e) => {
                tracing::error!(path = %self.path.display(), error = %e, "cannot persist emulator state")
            }
        }
    }
}

/// Loads the store; a missing file is an empty store.
pub(crate) fn load(path: &Path) -> Result<Store, EmulatorError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| EmulatorError::State {
            path: path.to_owned(),
            reason: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Store::default()),
        Err(e) => Err(EmulatorError::State {
            path: path.to_owned(),
            reason: e.to_string(),
        }),
    }
}
