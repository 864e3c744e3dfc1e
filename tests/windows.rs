//! Windows only (run by the Windows CI job): RMAN's supervisor keeps its exit code and ends
//! every process RMAN started, whether RMAN exits or backupctl gives up on it. Elsewhere this
//! file is empty; Linux has its own tests in `tests/cli/rman.rs`.
#![cfg(windows)]

use std::os::windows::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A grandchild that would run for a minute, started in the background by `cmd`, which then
/// does `then`: what RMAN's `HOST` command or a media manager's helper could leave behind.
fn supervised(exe: &str, then: &str) -> Command {
    let mut c = Command::new(exe);
    c.args(["__supervise", "--", "cmd"])
        .raw_arg(format!("/d /c start /b ping -n 60 127.0.0.1 >nul & {then}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn pings_alive() -> bool {
    let out = Command::new("tasklist")
        .args(["/FI", "IMAGENAME eq PING.EXE", "/NH"])
        .output()
        .expect("tasklist runs");
    String::from_utf8_lossy(&out.stdout)
        .to_ascii_uppercase()
        .contains("PING.EXE")
}

fn no_ping_within(limit: Duration) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if !pings_alive() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

/// One test, not two: both watch every ping.exe on the machine. Both supervisors: the small one
/// backupctl uses when it is beside it, and backupctl itself.
#[test]
fn the_supervisor_keeps_rmans_code_and_ends_the_whole_tree() {
    for exe in [
        env!("CARGO_BIN_EXE_backupctl-supervisor"),
        env!("CARGO_BIN_EXE_backupctl"),
    ] {
        rman_exit_code_is_kept_and_what_it_left_running_ends(exe);
        closing_the_supervisors_stdin_ends_the_whole_tree(exe);
    }
}

fn rman_exit_code_is_kept_and_what_it_left_running_ends(exe: &str) {
    assert!(
        !pings_alive(),
        "a ping.exe from elsewhere would blur this test"
    );
    let mut child = supervised(exe, "exit 3").spawn().unwrap();
    // The tick holds the supervisor's stdin open while the run may go on.
    let _stdin = child.stdin.take();
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(3),
        "the supervisor exits with rman's code"
    );
    assert!(
        no_ping_within(Duration::from_secs(10)),
        "the background ping outlived the supervisor"
    );
}

fn closing_the_supervisors_stdin_ends_the_whole_tree(exe: &str) {
    let mut child = supervised(exe, "ping -n 60 127.0.0.1 >nul")
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    assert!(pings_alive(), "the tree started");
    // What the tick does at the timeout, and what happens when the tick dies.
    drop(child.stdin.take());
    let end = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < end, "the supervisor did not end");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_ne!(status.code(), Some(0));
    assert!(
        no_ping_within(Duration::from_secs(10)),
        "a ping outlived the supervisor"
    );
}
