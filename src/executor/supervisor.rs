//! The process between backupctl and RMAN that ends RMAN's job, and only RMAN's.
//!
//! RMAN runs in a session of its own. What it starts stays in that session (a `HOST` command, a
//! media manager's helper), except what leaves it on purpose: above all an Oracle instance that a
//! strategy starts (a cold backup: `shutdown immediate; startup mount; …; alter database open;`),
//! whose background processes (`ora_pmon_SID`, …) run in sessions of their own and must outlive
//! the run. So:
//!
//! - at RMAN's normal exit, what is left of RMAN's session is ended, and nothing outside it;
//! - at the timeout (the tick closes the supervisor's stdin) or when the tick dies, RMAN is
//!   cancelled as Oracle documents — Ctrl-C, SIGINT, "this will also terminate allocated
//!   channels" (Backup and Recovery User's Guide, "Terminating an RMAN Command") — given
//!   `cancel_grace` to end, then killed, and what is left of its session ended;
//! - never a process of an Oracle instance (`ora_*` or `$ORACLE_HOME/bin/oracle`), even in RMAN's
//!   session.
//!
//! On Windows RMAN leads a console process group of its own and is sent Ctrl-Break at the
//! timeout (never tried against a real RMAN on Windows); the supervisor puts itself in a job object marked
//! `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE` (through the `win32job` crate) before it starts RMAN; every
//! process RMAN starts is in the job too, and ends when the supervisor ends (an Oracle instance on
//! Windows is a service, never RMAN's child).

use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// When backupctl was started as `backupctl __supervise [--grace SECS] -- PROGRAM ARGS…` (by
/// itself, for a run), supervise PROGRAM and return the code to exit with. Not a command for
/// people: it is never parsed as one, and has no help, man page or completion.
pub fn from_args() -> Option<u8> {
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_none_or(|a| a != super::SUPERVISE) {
        return None;
    }
    let (grace, rest) = match args.get(2).and_then(|a| a.to_str()) {
        Some("--grace") => {
            let secs = args
                .get(3)
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u64>().ok());
            (secs.map(Duration::from_secs), 4)
        }
        _ => (Some(DEFAULT_GRACE), 2),
    };
    let grace = grace?;
    args.get(rest)
        .is_some_and(|a| a == "--")
        .then(|| supervise(&args[rest + 1..], grace))
}

/// How long a cancelled RMAN may take to end when no grace is given.
const DEFAULT_GRACE: Duration = Duration::from_secs(60);

/// Run `command` (rman and its arguments) to its end; returns the exit code to exit with.
pub fn supervise(command: &[OsString], grace: Duration) -> u8 {
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
    let child = match cmd.spawn() {
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
        let _ = waiter.send(platform::wait(child));
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
        // The timeout, or backupctl is gone: cancel as Oracle documents, then kill.
        _ => {
            let grace = if platform::interrupt(pid) {
                grace
            } else {
                Duration::ZERO
            };
            match rx.recv_timeout(grace) {
                Ok(Some(status)) => code_of(status),
                _ => {
                    platform::kill(pid);
                    137
                }
            }
        }
    };
    platform::end_session(pid);
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

    /// Whether this supervisor is a child subreaper (see [`enclose`]).
    static SUBREAPER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    /// RMAN's session is its enclosure. The supervisor also becomes a child subreaper
    /// (prctl(2), PR_SET_CHILD_SUBREAPER, Linux 3.4): what RMAN's tree leaves orphaned comes to
    /// it rather than to init, so that what is left of the session is found among its own
    /// descendants, not by reading every process of the host.
    pub fn enclose() -> std::io::Result<()> {
        // SAFETY: prctl with integer arguments; it touches no memory of ours.
        let set = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) } == 0;
        SUBREAPER.store(set, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// RMAN leads a session of its own (setsid(2)), and is killed if the supervisor is.
    pub fn dies_with_supervisor(cmd: &mut Command) {
        // SAFETY: prctl and setsid are async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    fn signal(pid: u32, sig: i32) {
        if let Ok(p) = i32::try_from(pid) {
            // SAFETY: kill(2) on the pid of our own child.
            unsafe {
                libc::kill(p, sig);
            }
        }
    }

    /// RMAN's Ctrl-C; whether it was sent.
    pub fn interrupt(pid: u32) -> bool {
        signal(pid, libc::SIGINT);
        true
    }

    /// Wait for RMAN to exit. A subreaper also reaps, on the way, each orphan of RMAN's tree
    /// that comes to it and exits first: otherwise each would stay a zombie, holding its process
    /// id, until RMAN ends, however many hours a backup runs.
    pub fn wait(mut child: std::process::Child) -> Option<std::process::ExitStatus> {
        use std::os::unix::process::ExitStatusExt;
        let rman = i32::try_from(child.id()).ok();
        if !SUBREAPER.load(std::sync::atomic::Ordering::SeqCst) || rman.is_none() {
            return child.wait().ok();
        }
        loop {
            let mut status = 0;
            // SAFETY: waitpid(2) with a pointer to an integer of ours.
            let pid = unsafe { libc::waitpid(-1, &mut status, 0) };
            if Some(pid) == rman {
                // Reaped here, not by `child`, which is never waited for after this.
                return Some(std::process::ExitStatus::from_raw(status));
            }
            if pid < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
            {
                return None;
            }
        }
    }

    pub fn kill(pid: u32) {
        signal(pid, libc::SIGKILL);
    }

    /// A process of an Oracle instance (a background process such as `ora_pmon_XE` or
    /// `db_pmon_FREE`, or a server
    /// process, `$ORACLE_HOME/bin/oracle`): never killed here.
    fn is_oracle_instance(pid: i32) -> bool {
        let argv0 = std::fs::read(format!("/proc/{pid}/cmdline"))
            .ok()
            .and_then(|c| c.split(|b| *b == 0).next().map(<[u8]>::to_vec))
            .unwrap_or_default();
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        // `ora_` up to 21c, `db_` from 23ai (db_pmon_FREE).
        argv0.starts_with(b"ora_") || argv0.starts_with(b"db_") || exe.ends_with("bin/oracle")
    }

    /// The processes of session `sid`, from /proc/PID/stat (proc(5): the field after the state,
    /// the parent and the process group). Looked for among the supervisor's descendants, where
    /// every member of RMAN's session is (it is their subreaper); where that cannot be (no
    /// subreaper, or a kernel that does not list children), among every process.
    fn members(sid: i32) -> Vec<i32> {
        let candidates = if SUBREAPER.load(std::sync::atomic::Ordering::SeqCst) {
            descendants()
        } else {
            None
        };
        candidates
            .unwrap_or_else(every_process)
            .into_iter()
            .filter(|pid| session_of(*pid) == Some(sid))
            .collect()
    }

    /// Every process of the host.
    fn every_process() -> Vec<i32> {
        let Ok(all) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        all.flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .collect()
    }

    /// The session of a live process (none for a zombie: it is gone already; its parent reaps it).
    fn session_of(pid: i32) -> Option<i32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
        if fields.next()? == "Z" {
            return None;
        }
        fields.nth(2)?.parse().ok()
    }

    /// The supervisor's descendants, from each thread's list of children
    /// (`/proc/PID/task/TID/children`, proc(5), Linux 3.5 with CONFIG_PROC_CHILDREN); none where
    /// the kernel does not keep those lists.
    fn descendants() -> Option<Vec<i32>> {
        // This thread's own list says whether the kernel keeps them.
        let own = format!("/proc/self/task/{}/children", std::process::id());
        std::fs::metadata(own).ok()?;
        let mut found = children_of("self");
        let mut next = 0;
        // Bounded: a tree that keeps changing while it is read is read again by the caller.
        while next < found.len() && found.len() < 100_000 {
            let more = children_of(&found[next].to_string());
            found.extend(more);
            next += 1;
        }
        Some(found)
    }

    /// The children of every thread of process `pid` (`self` for this one); a thread or process
    /// that ends meanwhile has none.
    fn children_of(pid: &str) -> Vec<i32> {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return Vec::new();
        };
        tasks
            .flatten()
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .flat_map(|list| {
                list.split_whitespace()
                    .filter_map(|p| p.parse::<i32>().ok())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Kill what is left of RMAN's session (RMAN led it: its id is RMAN's pid) but an instance's
    /// processes, and reap what was ours, until none is left.
    pub fn end_session(rman: u32) {
        let Ok(sid) = i32::try_from(rman) else {
            return;
        };
        for _ in 0..200 {
            let left: Vec<i32> = members(sid)
                .into_iter()
                .filter(|p| !is_oracle_instance(*p))
                .collect();
            for p in &left {
                // SAFETY: kill(2) with SIGKILL on a process of RMAN's session.
                unsafe {
                    libc::kill(*p, libc::SIGKILL);
                }
            }
            loop {
                // SAFETY: waitpid(2) with a null status pointer and WNOHANG.
                let reaped = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
                if reaped <= 0 {
                    break;
                }
            }
            if left.is_empty() {
                return;
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

    /// RMAN inherits the supervisor's job, and leads a console process group of its own, so that
    /// a Ctrl-Break can be sent to it alone (its process id is the group's id).
    pub fn dies_with_supervisor(cmd: &mut Command) {
        use std::os::windows::process::CommandExt;
        const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
        cmd.creation_flags(CREATE_NEW_PROCESS_GROUP);
    }

    /// Wait for RMAN to exit.
    pub fn wait(mut child: std::process::Child) -> Option<std::process::ExitStatus> {
        child.wait().ok()
    }

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
    pub fn end_session(_rman: u32) {}

    /// RMAN's Ctrl-Break: GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT) to the process group RMAN
    /// leads (CTRL_C_EVENT cannot be sent to a process group: Microsoft's console documentation,
    /// GenerateConsoleCtrlEvent). It needs a console shared with RMAN; without one (false) RMAN is
    /// killed with its job at once.
    pub fn interrupt(pid: u32) -> bool {
        use windows_sys::Win32::System::Console::{GenerateConsoleCtrlEvent, CTRL_BREAK_EVENT};
        // SAFETY: a plain Win32 call taking two integers; it touches no memory of ours.
        unsafe { GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, pid) != 0 }
    }
}
