//! The `on_failure` hook: run after a failed, timed-out, missed or interrupted run. A hook that
//! fails or hangs is reported, never fatal.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A hook gets this long before it is killed.
const HOOK_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Event<'a> {
    pub strategy: &'a str,
    pub run_id: &'a str,
    pub status: &'a str,
    pub node: &'a str,
    pub message: &'a str,
}

/// Run the hook; returns a warning to show when it could not run or did not succeed.
pub fn fire(hook: &Path, ev: &Event<'_>) -> Option<String> {
    let mut child = match Command::new(hook)
        .env("BACKUPCTL_STRATEGY", ev.strategy)
        .env("BACKUPCTL_RUN_ID", ev.run_id)
        .env("BACKUPCTL_STATUS", ev.status)
        .env("BACKUPCTL_NODE", ev.node)
        .env("BACKUPCTL_MESSAGE", ev.message)
        .env_remove("BACKUPCTL_STORE_PASSWORD")
        .env_remove("BACKUPCTL_MASTER_PASSWORD")
        .stdin(Stdio::null())
        // stdout may carry --json: the hook's output goes to stderr.
        .stdout(Stdio::from(std::io::stderr()))
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return Some(format!(
                "on_failure hook {} could not start: {e}",
                hook.display()
            ))
        }
    };
    let deadline = Instant::now() + HOOK_TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(s)) if s.success() => return None,
            Ok(Some(s)) => {
                return Some(format!(
                    "on_failure hook {} failed ({s}) for run {}",
                    hook.display(),
                    ev.run_id
                ))
            }
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Some(format!(
                    "on_failure hook {} was killed after {}s for run {}",
                    hook.display(),
                    HOOK_TIMEOUT.as_secs(),
                    ev.run_id
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Some(format!("on_failure hook {}: {e}", hook.display())),
        }
    }
}
