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

    /// Writes `bytes` to a temporary file beside the target (mode 0600: it holds gateway
    /// tokens), syncs it, renames it over the target and syncs the directory, so a crash leaves
    /// either the old or the new file, never a torn one, and an acknowledged change survives.
    pub fn save(&self, version: u64, bytes: &[u8]) -> std::io::Result<()> {
        let mut written = lock(&self.written);
        if *written >= version {
            // A newer snapshot, which holds this change too, is already on disk.
            return Ok(());
        }
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        let result = write_private(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &self.path))
            .and_then(|()| sync_dir(&self.path));
        match result {
            Ok(()) => {
                *written = version;
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                tracing::error!(path = %self.path.display(), error = %e, "cannot persist emulator state");
                Err(e)
            }
        }
    }
}

/// Creates (or truncates) `path` readable by its owner only, writes `bytes` and syncs them.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        // A leftover file keeps its old mode through `create`: set it again.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(bytes)?;
        file.sync_all()
    }
    #[cfg(not(unix))]
    {
        let mut file = options.open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }
}

/// Syncs the directory holding `path`, so the rename itself is durable.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
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
