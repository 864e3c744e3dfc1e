//! The `on_failure` hook: run after a failed, timed-out, missed or interrupted run. Hooks run
//! one after another on a thread of their own, so that a slow or hung hook never delays a
//! backup; each runs in its own process group, killed whole at its time limit. A hook that fails
//! or hangs is reported on stderr, never fatal.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::executor::process;
use crate::model::ReportStatus;

/// What a hook is told, as `BACKUPCTL_*` variables.
#[derive(Clone, Debug)]
pub struct Event {
    pub strategy: String,
    pub run_id: String,
    pub status: ReportStatus,
    /// The node whose backup it was (for a master's finding, the node that missed it).
    pub node: String,
    pub connection: Option<String>,
    pub scheduled_for: DateTime<Utc>,
    pub codes: Vec<String>,
    pub message: String,
}

/// The hook queue of one process: calls run one after another on a thread of their own, and
/// `done` hears of each one's end.
pub struct Hooks {
    tx: Option<mpsc::Sender<Event>>,
    worker: Option<JoinHandle<()>>,
}

/// What a caller that only needs to be told does with a call's end: say its warning.
pub fn warn(warning: Option<String>) {
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
}

impl Hooks {
    /// `scrub`: variables no hook may see (every credential variable, the store passwords).
    /// `done` is called after each call with a warning when it failed, was killed or could not
    /// start.
    pub fn new(
        hook: Option<PathBuf>,
        scrub: Vec<String>,
        timeout: Duration,
        done: impl Fn(Option<String>) + Send + 'static,
    ) -> Hooks {
        let Some(hook) = hook else {
            return Hooks {
                tx: None,
                worker: None,
            };
        };
        let (tx, rx) = mpsc::channel::<Event>();
        let worker = std::thread::spawn(move || {
            for ev in rx {
                done(fire(&hook, &ev, &scrub, timeout));
            }
        });
        Hooks {
            tx: Some(tx),
            worker: Some(worker),
        }
    }

    /// Queue a call; returns at once, and whether a call was queued (whose end `done` hears).
    pub fn fire(&self, ev: Event) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(ev).is_ok())
    }
}

impl Drop for Hooks {
    /// Every queued call runs (each within its time limit) before the process goes on.
    fn drop(&mut self) {
        self.tx.take();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// Run the hook once; returns a warning to show when it could not run or did not succeed.
fn fire(hook: &Path, ev: &Event, scrub: &[String], timeout: Duration) -> Option<String> {
    let mut cmd = Command::new(hook);
    for k in scrub {
        cmd.env_remove(k);
    }
    cmd.env("BACKUPCTL_STRATEGY", &ev.strategy)
        .env("BACKUPCTL_RUN_ID", &ev.run_id)
        .env("BACKUPCTL_STATUS", ev.status.as_str())
        .env("BACKUPCTL_NODE", &ev.node)
        .env(
            "BACKUPCTL_CONNECTION",
            ev.connection.as_deref().unwrap_or(""),
        )
        .env(
            "BACKUPCTL_SCHEDULED_FOR",
            ev.scheduled_for
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        )
        .env("BACKUPCTL_CODES", ev.codes.join(","))
        .env("BACKUPCTL_MESSAGE", &ev.message)
        .stdin(Stdio::null())
        // stdout may carry --json: the hook's output goes to stderr.
        .stdout(Stdio::from(std::io::stderr()));
    process::isolate(&mut cmd, true);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Some(format!(
                "on_failure hook {} could not start: {e}",
                hook.display()
            ))
        }
    };
    let deadline = Instant::now() + timeout;
    let mut nap = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(s)) if s.success() => return None,
            Ok(Some(s)) => {
                return Some(format!(
                    "on_failure hook {} failed ({s}) for {} run {}",
                    hook.display(),
                    ev.strategy,
                    ev.run_id
                ))
            }
            Ok(None) if Instant::now() >= deadline => {
                process::kill_tree(child.id());
                let _ = child.wait();
                return Some(format!(
                    "on_failure hook {} was killed after {}s for {} run {}",
                    hook.display(),
                    timeout.as_secs(),
                    ev.strategy,
                    ev.run_id
                ));
            }
            Ok(None) => {
                std::thread::sleep(nap);
                nap = (nap * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Some(format!("on_failure hook {}: {e}", hook.display())),
        }
    }
}
