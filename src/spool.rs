//! The ends of runs the store could not take yet: each is written to a file of its own (readable
//! by its owner only) and replayed by this process or the next tick, so that a store locked or
//! down when a backup finishes never turns that backup into `interrupted` or loses its log.

use std::path::{Path, PathBuf};

use crate::store::{RunEnd, Store};

/// The spool of one host.
pub struct Spool {
    dir: PathBuf,
}

impl Spool {
    pub fn new(dir: PathBuf) -> Spool {
        Spool { dir }
    }

    fn file(&self, run_id: &str) -> PathBuf {
        self.dir.join(format!("{run_id}.json"))
    }

    /// Keep a run's end until the store takes it. Written whole or not at all.
    pub fn keep(&self, end: &RunEnd) -> anyhow::Result<()> {
        crate::lock::private_dir(&self.dir)?;
        let text = serde_json::to_vec(end)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        std::io::Write::write_all(&mut tmp, &text)?;
        tmp.as_file().sync_all()?;
        tmp.persist(self.file(&end.run_id))?;
        Ok(())
    }

    /// Run ids waiting here.
    pub fn run_ids(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".json").map(str::to_string)
            })
            .collect()
    }

    /// Record every kept end of `node` in the store; returns those recorded and the first
    /// failure (the rest stay for the next try).
    pub fn replay(&self, store: &mut Store, node: &str) -> (Vec<RunEnd>, Option<anyhow::Error>) {
        let mut done = Vec::new();
        for id in self.run_ids() {
            let path = self.file(&id);
            let end = match read(&path) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!(
                        "warning: cannot read the kept end of run {id} in {}: {e}",
                        path.display()
                    );
                    continue;
                }
            };
            if end.node != node {
                continue;
            }
            match store.finish_run(&end) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&path);
                    done.push(end);
                }
                Err(e) => return (done, Some(e)),
            }
        }
        (done, None)
    }
}

fn read(path: &Path) -> anyhow::Result<RunEnd> {
    Ok(serde_json::from_slice(&std::fs::read(path)?)?)
}
