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

/// Where owner locks live: the platform's local data folder.
fn lock_dir() -> PathBuf {
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("backupctl")
        .join("locks")
}

impl OwnerLock {
    pub fn acquire() -> anyhow::Result<OwnerLock> {
        let dir = lock_dir();
        std::fs::create_dir_all(&dir).map_err(|e| {
            invalid(format!(
                "cannot create the lock folder {}: {e}",
                dir.display()
            ))
        })?;
        let name = crate::units::new_id(&format!("{}-", std::process::id()), chrono::Utc::now());
        let path = dir.join(format!("{name}.lock"));
        let file = OpenOptions::new()
            .create_new(true)
            .write(true)
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
        let lock = OwnerLock::acquire().unwrap();
        let path = lock.path().to_path_buf();
        assert!(owner_alive(&path));
        drop(lock);
        assert!(!owner_alive(&path));
        assert!(!owner_alive(std::path::Path::new(
            "/nonexistent/backupctl.lock"
        )));
    }
}
