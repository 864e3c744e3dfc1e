//! The process between backupctl and RMAN that takes down everything RMAN started.
//!
//! A process group (or `taskkill /T`) is not enough: a command RMAN runs (`HOST`, a media
//! manager's helper) may leave the group (`setsid`) or lose its parent link, and nothing kills it
//! at the timeout or when the tick dies. The supervisor encloses RMAN's whole tree, starts RMAN,
//! and when RMAN has exited — or when its stdin closes, which is how the tick says "timeout", and
//! what happens when the tick dies, even by `kill -9` or `TerminateProcess` — ends every process
//! left in the enclosure before it exits with RMAN's status.
//!
//! - Linux: the supervisor makes itself a child subreaper (prctl(2) `PR_SET_CHILD_SUBREAPER`), so
//!   every orphan below it becomes its child instead of init's, and kills and reaps them all.
//! - Windows: the supervisor puts itself in a job object marked `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`
//!   (through the `win32job` crate) before it starts RMAN; every process RMAN starts is in the job
//!   too. Microsoft documents that the flag "causes all processes associated with the job to
//!   terminate when the last handle to the job is closed" (JOBOBJECT_BASIC_LIMIT_INFORMATION), and
//!   the only handle is the supervisor's, not inheritable: whenever the supervisor ends — at RMAN's
//!   exit, at the timeout, killed outright — the whole tree ends with it. Nested jobs (Windows 8 and
//!   Server 2012 on) let this work when Task Scheduler already runs backupctl in a job.

use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;

/// When backupctl was started as `backupctl __supervise -- PROGRAM ARGS…` (by itself, for a run),
/// supervise PROGRAM and return the code to exit with. Not a command for people: it is never
/// parsed as one, and has no help, man page or completion.
pub fn from_args() -> Option<u8> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let is_supervisor = args.get(1).is_some_and(|a| a == super::SUPERVISE)
        && args.get(2).is_some_and(|a| a == "--");
    is_supervisor.then(|| supervise(&args[3..]))
}

/// Run `command` (rman and its arguments) to its end; returns the exit code to exit with.
pub fn supervise(command: &[OsString]) -> u8 {
    let Some((program, args)) = command.split_first() else {
        return 2;
    };
    if let Err(e) = platform::enclose() {
        // Said in the run's log (the supervisor's stderr is RMAN's output pipe).
        eprintln!("backupctl: cannot enclose rman's process tree ({e}): what it starts may outlive a timeout");
    }
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::null());
    platform::dies_with_supervisor(&mut cmd);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot start {}: {e}", program.to_string_lossy());
            return 127;
        }
    };
    let pid = child.id();
    let (tx, rx) = mpsc::channel::<Option<std::process::ExitStatus>>();
    let waiter = tx.clone();
    std::thread::spawn(move || {
        let _ = waiter.send(child.wait().ok());
    });
    std::thread::spawn(move || {
        // backupctl holds the other end: EOF means a timeout, or backupctl is gone.
        let _ = std::io::copy(
            &mut std::io::stdin().lock().take(u64::MAX),
            &mut std::io::sink(),
        );
        let _ = tx.send(None);
    });
    let code = match rx.recv() {
        Ok(Some(status)) => code_of(status),
        _ => {
            platform::kill(pid);
            137
        }
    };
    platform::end_leftovers();
    code
}

fn code_of(status: std::process::ExitStatus) -> u8 {
    if let Some(c) = status.code() {
        // A Windows exit code is 32 bits; one that does not fit a byte still says "failed".
        return u8::try_from(c).unwrap_or(1);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(s) = status.signal() {
            return u8::try_from(128 + s).unwrap_or(137);
        }
    }
    1
}

#[cfg(target_os = "linux")]
mod platform {
    use std::os::unix::process::CommandExt;
    use std::process::Command;
    use std::time::Duration;

    pub fn enclose() -> std::io::Result<()> {
        // SAFETY: prctl with PR_SET_CHILD_SUBREAPER takes a plain integer argument.
        if unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }

    pub fn dies_with_supervisor(cmd: &mut Command) {
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // If the supervisor is killed outright, RMAN goes too.
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    pub fn kill(pid: u32) {
        if let Ok(p) = i32::try_from(pid) {
            // SAFETY: kill(2) on the pid of our own child.
            unsafe {
                libc::kill(p, libc::SIGKILL);
            }
        }
    }

    pub fn end_leftovers() {
        kill_descendants();
    }

    /// The children of `pid`, from /proc/PID/task/*/children (Linux 3.5+).
    fn children_of(pid: u32) -> Vec<i32> {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for t in tasks.flatten() {
            if let Ok(text) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(
                    text.split_whitespace()
                        .filter_map(|p| p.parse::<i32>().ok()),
                );
            }
        }
        out
    }

    /// Kill every process below this one, and reap them, until none is left.
    fn kill_descendants() {
        let me = std::process::id();
        for _ in 0..200 {
            let mut all = children_of(me);
            if all.is_empty() {
                return;
            }
            let mut i = 0;
            while i < all.len() {
                let below = u32::try_from(all[i]).map(children_of).unwrap_or_default();
                all.extend(below);
                i += 1;
            }
            for p in &all {
                // SAFETY: kill(2) with SIGKILL on processes below this one.
                unsafe {
                    libc::kill(*p, libc::SIGKILL);
                }
            }
            // Orphans were re-parented to this subreaper: reap them (and anything else ended).
            loop {
                // SAFETY: waitpid(2) with a null status pointer and WNOHANG.
                let reaped = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
                if reaped <= 0 {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[cfg(windows)]
mod platform {
    use std::process::Command;
    use win32job::{ExtendedLimitInfo, Job};

    pub fn enclose() -> std::io::Result<()> {
        let mut info = ExtendedLimitInfo::new();
        info.limit_kill_on_job_close();
        let job = Job::create_with_limit_info(&info)?;
        job.assign_current_process()?;
        // Never closed by hand: the handle closes when the supervisor exits, however it exits,
        // and the job's processes end with it.
        let _ = job.into_handle();
        Ok(())
    }

    /// RMAN inherits the supervisor's job.
    pub fn dies_with_supervisor(_cmd: &mut Command) {}

    pub fn kill(pid: u32) {
        // The job ends RMAN's tree when the supervisor exits; taskkill covers a supervisor that
        // could not enclose it (a parent job that forbids nesting).
        let _ = Command::new("taskkill")
            .args(["/T", "/F", "/PID", &pid.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }

    /// The job's processes end when the supervisor exits.
    pub fn end_leftovers() {}
}
