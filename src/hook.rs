//! The `on_failure` hook: run after a failed, timed-out, missed or interrupted run. Hooks run
//! one after another on a thread of their own, so that a slow or hung hook never delays a
//! backup; each runs in its own process group, killed whole at its time limit. A hook that fails
//! or hangs is reported on stderr, never fatal.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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
/// `done` hears of each one's end. The queue is bounded: a call still waiting for a strategy
/// takes a newer event of the same strategy in its place (the hook hears of the newest, and how
/// many it stands for), and past [`MAX_WAITING`] waiting calls a new one is dropped with a
/// warning — hooks slower than failures never grow it without end.
pub struct Hooks {
    queue: Option<std::sync::Arc<Queue>>,
    worker: Option<JoinHandle<()>>,
}

/// The most calls that wait for the hook at once.
pub const MAX_WAITING: usize = 100;

#[derive(Default)]
struct Queue {
    state: std::sync::Mutex<Waiting>,
    ready: std::sync::Condvar,
}

#[derive(Default)]
struct Waiting {
    events: std::collections::VecDeque<(Event, usize)>,
    closed: bool,
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
                queue: None,
                worker: None,
            };
        };
        let queue = std::sync::Arc::new(Queue::default());
        let mine = std::sync::Arc::clone(&queue);
        let worker = std::thread::spawn(move || {
            while let Some((mut ev, merged)) = mine.next() {
                if merged > 1 {
                    ev.message = format!(
                        "{} (the newest of {merged} events of this strategy while the hook was busy)",
                        ev.message
                    );
                }
                done(fire(&hook, &ev, &scrub, timeout));
            }
        });
        Hooks {
            queue: Some(queue),
            worker: Some(worker),
        }
    }

    /// Queue a call; returns at once, and whether a new call was queued (whose end `done` hears):
    /// not when the event took the place of a waiting one of its strategy, nor when it was
    /// dropped (said on stderr).
    pub fn fire(&self, ev: Event) -> bool {
        let Some(queue) = &self.queue else {
            return false;
        };
        let mut waiting = queue.state.lock().unwrap_or_else(|p| p.into_inner());
        let same = |w: &(Event, usize)| w.0.node == ev.node && w.0.strategy == ev.strategy;
        if let Some(slot) = waiting.events.iter_mut().find(|w| same(w)) {
            let merged = slot.1 + 1;
            *slot = (ev, merged);
            return false;
        }
        if waiting.events.len() >= MAX_WAITING {
            eprintln!(
                "warning: on_failure hook: {MAX_WAITING} calls already wait; the call for {} {} ({}) is dropped",
                ev.strategy,
                ev.run_id,
                ev.status.as_str()
            );
            return false;
        }
        waiting.events.push_back((ev, 1));
        queue.ready.notify_one();
        true
    }
}

impl Queue {
    /// The next call to make, waiting for one; `None` once closed and empty.
    fn next(&self) -> Option<(Event, usize)> {
        let mut waiting = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(ev) = waiting.events.pop_front() {
                return Some(ev);
            }
            if waiting.closed {
                return None;
            }
            waiting = self.ready.wait(waiting).unwrap_or_else(|p| p.into_inner());
        }
    }
}

impl Drop for Hooks {
    /// Every queued call runs (each within its time limit) before the process goes on.
    fn drop(&mut self) {
        if let Some(queue) = self.queue.take() {
            queue.state.lock().unwrap_or_else(|p| p.into_inner()).closed = true;
            queue.ready.notify_all();
        }
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

#[cfg(all(test, unix))]
mod tests {
    use super::{Event, Hooks, MAX_WAITING};
    use crate::model::{ReportStatus, RunStatus};
    use std::time::Duration;

    fn event(strategy: &str, run: &str) -> Event {
        Event {
            strategy: strategy.into(),
            run_id: run.into(),
            status: ReportStatus::Run(RunStatus::Failed),
            node: "n1".into(),
            connection: None,
            scheduled_for: chrono::DateTime::UNIX_EPOCH,
            codes: Vec::new(),
            message: "failed".into(),
        }
    }

    #[test]
    fn waiting_calls_of_a_strategy_coalesce_and_the_queue_is_bounded() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (calls, release, started) = (
            dir.path().join("calls"),
            dir.path().join("release"),
            dir.path().join("started"),
        );
        let hook = dir.path().join("hook.sh");
        std::fs::write(
            &hook,
            format!(
                "#!/bin/sh\necho \"$BACKUPCTL_RUN_ID $BACKUPCTL_MESSAGE\" >> {}\ntouch {}\nwhile [ ! -e {} ]; do sleep 0.02; done\n",
                calls.display(),
                started.display(),
                release.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
        let hooks = Hooks::new(Some(hook), Vec::new(), Duration::from_secs(60), |_| {});
        assert!(hooks.fire(event("S", "R1")));
        // The first call is under way (it holds the hook) before the others are queued.
        while !started.exists() {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(hooks.fire(event("S", "R2")));
        assert!(!hooks.fire(event("S", "R3")), "takes R2's place");
        assert!(hooks.fire(event("T", "R4")));
        for i in 0..MAX_WAITING - 2 {
            assert!(hooks.fire(event(&format!("X{i}"), "RX")));
        }
        assert!(!hooks.fire(event("Y", "R5")), "past the bound: dropped");
        std::fs::write(&release, "").unwrap();
        drop(hooks);
        let text = std::fs::read_to_string(&calls).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + MAX_WAITING - 1, "{text}");
        assert_eq!(lines[0], "R1 failed");
        assert_eq!(
            lines[1],
            "R3 failed (the newest of 2 events of this strategy while the hook was busy)"
        );
        assert_eq!(lines[2], "R4 failed");
        assert!(!text.contains("R5"));
    }
}
