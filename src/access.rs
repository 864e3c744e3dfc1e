//! Why a user may not open the SQLite store: the folder it cannot enter, the file it cannot read
//! or write, each named with its owner, group and mode — so that a permission problem reads as
//! one, not as "does not exist" or SQLite's "unable to open database file".
//!
//! Judged from the owner, group and mode bits as `path_resolution(7)` describes them (root passes
//! every check but execute; ACLs are not read: a host that grants access by ACL may be told no
//! where the OS says yes, so callers only explain a failure or warn, never refuse on this alone).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A user as the kernel sees it for permission checks: uid and every group.
#[derive(Clone, Debug)]
pub struct Who {
    pub name: String,
    pub uid: u32,
    pub gids: Vec<u32>,
}

impl Who {
    /// This process.
    pub fn me() -> Who {
        let uid = rustix::process::geteuid().as_raw();
        let mut gids: Vec<u32> = rustix::process::getgroups()
            .unwrap_or_default()
            .into_iter()
            .map(|g| g.as_raw())
            .collect();
        gids.push(rustix::process::getegid().as_raw());
        let name = Accounts::read()
            .user_name(uid)
            .unwrap_or_else(|| format!("uid {uid}"));
        Who { name, uid, gids }
    }

    /// The account `name` of this host, with its primary and supplementary groups.
    pub fn named(name: &str) -> Option<Who> {
        let accounts = Accounts::read();
        let (uid, gid) = accounts.user(name)?;
        let mut gids = accounts.groups_of(name);
        gids.push(gid);
        Some(Who {
            name: name.to_string(),
            uid,
            gids,
        })
    }

    fn may(&self, m: &std::fs::Metadata, bits: u32) -> bool {
        let mode = m.mode();
        if self.uid == 0 {
            // Root reads, writes and searches every file and folder (CAP_DAC_OVERRIDE).
            return true;
        }
        let shift = if m.uid() == self.uid {
            6
        } else if self.gids.contains(&m.gid()) {
            3
        } else {
            0
        };
        (mode >> shift) & bits == bits
    }
}

/// /etc/passwd and /etc/group, read once.
struct Accounts {
    passwd: String,
    group: String,
}

impl Accounts {
    fn read() -> Accounts {
        Accounts {
            passwd: std::fs::read_to_string("/etc/passwd").unwrap_or_default(),
            group: std::fs::read_to_string("/etc/group").unwrap_or_default(),
        }
    }

    fn fields(text: &str) -> impl Iterator<Item = Vec<&str>> {
        text.lines().map(|l| l.split(':').collect::<Vec<_>>())
    }

    fn user(&self, name: &str) -> Option<(u32, u32)> {
        Self::fields(&self.passwd)
            .find(|f| f.len() >= 4 && f[0] == name)
            .and_then(|f| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
    }

    fn user_name(&self, uid: u32) -> Option<String> {
        Self::fields(&self.passwd)
            .find(|f| f.len() >= 4 && f[2] == uid.to_string())
            .map(|f| f[0].to_string())
    }

    fn group_name(&self, gid: u32) -> Option<String> {
        Self::fields(&self.group)
            .find(|f| f.len() >= 3 && f[2] == gid.to_string())
            .map(|f| f[0].to_string())
    }

    fn groups_of(&self, user: &str) -> Vec<u32> {
        Self::fields(&self.group)
            .filter(|f| f.len() >= 4 && f[3].split(',').any(|m| m == user))
            .filter_map(|f| f[2].parse().ok())
            .collect()
    }
}

/// `/var/lib/backupctl (owner root, group root, mode 0700)`.
fn described(path: &Path, m: &std::fs::Metadata) -> String {
    let a = Accounts::read();
    format!(
        "{} (owner {}, group {}, mode {:04o})",
        path.display(),
        a.user_name(m.uid())
            .unwrap_or_else(|| format!("uid {}", m.uid())),
        a.group_name(m.gid())
            .unwrap_or_else(|| format!("gid {}", m.gid())),
        m.mode() & 0o7777
    )
}

/// What keeps `who` from opening the SQLite store `file` to read and write it (SQLite in WAL mode
/// also creates `-wal` and `-shm` files beside it), or `None` when its modes allow it. A file or
/// folder that does not exist yet must be creatable in the folder above it.
pub fn store_problem(file: &Path, who: &Who) -> Option<String> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut folders: Vec<PathBuf> = file.ancestors().skip(1).map(Path::to_path_buf).collect();
    folders.reverse();
    let mut parent_meta: Option<(PathBuf, std::fs::Metadata)> = None;
    for dir in &folders {
        let Ok(m) = std::fs::metadata(dir) else {
            // Not there: it must be made in the last folder that is.
            return parent_meta.and_then(|(p, pm)| {
                (!who.may(&pm, 0o3)).then(|| {
                    format!(
                        "user {} may not create {} in {}",
                        who.name,
                        dir.display(),
                        described(&p, &pm)
                    )
                })
            });
        };
        if !who.may(&m, 0o1) {
            return Some(format!(
                "user {} may not enter the folder {}",
                who.name,
                described(dir, &m)
            ));
        }
        parent_meta = Some((dir.clone(), m));
    }
    let (dir, dm) = parent_meta?;
    let writable_dir = who.may(&dm, 0o3);
    match std::fs::metadata(&file) {
        Ok(m) if !who.may(&m, 0o6) => Some(format!(
            "user {} may not read and write the store {}",
            who.name,
            described(&file, &m)
        )),
        Ok(_) => {
            let shm = PathBuf::from(format!("{}-shm", file.display()));
            let shm_ok = std::fs::metadata(&shm).is_ok_and(|m| who.may(&m, 0o6));
            (!writable_dir && !shm_ok).then(|| {
                format!(
                    "user {} may not create the store's -wal and -shm files in {}",
                    who.name,
                    described(&dir, &dm)
                )
            })
        }
        Err(_) => (!writable_dir).then(|| {
            format!(
                "user {} may not create the store in {}",
                who.name,
                described(&dir, &dm)
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn someone(uid: u32, gids: &[u32]) -> Who {
        Who {
            name: "someone".into(),
            uid,
            gids: gids.to_vec(),
        }
    }

    #[test]
    fn owner_group_and_others_are_judged_by_their_bits() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("metadata.db");
        std::fs::write(&file, b"").unwrap();
        let m = std::fs::metadata(&file).unwrap();
        let (owner, group) = (m.uid(), m.gid());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let other = owner.wrapping_add(4242);
        let not_group = group.wrapping_add(4242);
        // The owner reads and writes; the group only reads; others nothing.
        assert!(store_problem(&file, &someone(owner, &[])).is_none());
        let said = store_problem(&file, &someone(other, &[group])).unwrap();
        assert!(
            said.contains("may not read and write the store") && said.contains("mode 0640"),
            "{said}"
        );
        assert!(store_problem(&file, &someone(other, &[not_group])).is_some());
        // A folder others may not enter is named as such, whatever the file's mode.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let said = store_problem(&file, &someone(other, &[not_group])).unwrap();
        assert!(said.contains("may not enter the folder"), "{said}");
        // Root passes, as the kernel lets it.
        assert!(store_problem(&file, &someone(0, &[])).is_none());
        // A store not made yet needs a folder it may write in.
        let missing = dir.path().join("sub/metadata.db");
        let said = store_problem(&missing, &someone(other, &[group])).unwrap();
        assert!(said.contains("may not enter"), "{said}");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let said = store_problem(&missing, &someone(other, &[not_group])).unwrap();
        assert!(said.contains("may not create"), "{said}");
        assert!(store_problem(&missing, &someone(owner, &[])).is_none());
    }
}
