//! Owner locks: each process that runs backups holds an exclusive lock on a file of its own for
//! its whole life and records that file's path on its runs. A later tick that can take the lock
//! knows the owner is gone (crash, kill -9, reboot) and marks its `running` runs interrupted.
//! Unlike a pid, a lock cannot be fooled by pid reuse.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::error::invalid;

pub struct OwnerLock {
    _file: File,
    path: PathBuf,
}

/// This host's folder for owner locks and kept run ends: the platform's local data folder.
pub fn state_dir() -> PathBuf {
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("backupctl")
}

/// Create `dir` (and its parents) if needed; the folder itself only its owner may enter.
pub fn private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
        .map_err(|e| invalid(format!("cannot create the folder {}: {e}", dir.display())))
}

impl OwnerLock {
    /// Take a new lock file in `dir`.
    pub fn acquire(dir: &Path) -> anyhow::Result<OwnerLock> {
        private_dir(dir)?;
        let name = crate::units::new_id(&format!("{}-", std::process::id()), chrono::Utc::now());
        let path = dir.join(format!("{name}.lock"));
        let mut options = OpenOptions::new();
        options.create_new(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(&path)
            .map_err(|e| invalid(format!("cannot create lock file {}: {e}", path.display())))?;
        file.try_lock()
            .map_err(|e| invalid(format!("cannot lock {}: {e}", path.display())))?;
        Ok(OwnerLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OwnerLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the process that holds (or held) the lock at `path` is still alive. A missing file or
/// a lock that can be taken means it is gone; the stale file is then removed.
pub fn owner_alive(path: &Path) -> bool {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return false,
        // Unreadable (another user's): assume alive rather than interrupt someone else's run.
        Err(_) => return true,
    };
    match file.try_lock_shared() {
        Ok(()) => {
            drop(file);
            let _ = std::fs::remove_file(path);
            false
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{owner_alive, OwnerLock};

    #[test]
    fn a_held_lock_is_alive_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let lock = OwnerLock::acquire(dir.path()).unwrap();
        let path = lock.path().to_path_buf();
        assert!(owner_alive(&path));
        drop(lock);
        assert!(!owner_alive(&path));
        assert!(!owner_alive(std::path::Path::new(
            "/nonexistent/backupctl.lock"
        )));
    }
}
