//! RMAN as Oracle documents it, through the stand-in that models both of its input modes: the
//! command file backupctl uses (parsed whole, stopped at the first failure, never prompting) and
//! the interactive stdin mode it must not use (each command run as it comes, errors carried past,
//! DELETE answered by the next line).

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::Env;
use crate::tick::{records, standin, wait_for};

/// Feed a script to the stand-in on its stdin (interactive mode), as backupctl once did.
fn interactive(env: &Env, script: &str) -> String {
    let mut child = Command::new(standin())
        .env("ORACLE_HOME", standin().parent().unwrap().parent().unwrap())
        .env("ORACLE_SID", "XE")
        .env("STANDIN_RECORD", env.path().join("standin.jsonl"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

fn hosts(env: &Env) -> Vec<String> {
    records(env)
        .iter()
        .filter(|r| r["event"] == "host")
        .map(|r| r["command"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_script_with_a_syntax_error_runs_nothing() {
    let env = Env::ticking();
    env.connection("C_0");
    env.ok(&[
        "add-strategy",
        "--id",
        "BROKEN",
        "--connection",
        "C_0",
        "--force",
        "--line",
        "host 'echo before';",
        "--line",
        "run{;",
        "--line",
        "backup database;",
        "--line",
        "}",
    ]);
    let (code, _, err) = env.tick(&["run", "BROKEN"]);
    assert_eq!(code, 5, "{err}");
    assert!(hosts(&env).is_empty(), "a line before the error ran");
    assert!(
        !records(&env).iter().any(|r| r["event"] == "connect"),
        "nothing ran, not even the connect"
    );
    // Piped on stdin, the same script runs its first line before the parser meets the error.
    interactive(
        &env,
        "connect target /;\nhost 'echo before';\nrun{;\nbackup database;\n}\n",
    );
    assert_eq!(hosts(&env), ["echo before"]);
}

#[test]
fn a_failed_command_stops_the_script_and_the_archived_logs_stay() {
    let env = Env::ticking();
    let script = [
        "backup tablespace nope;",
        "delete noprompt archivelog all;",
        "host 'echo after';",
    ];
    env.strategy("S", "C_1", "medium", "35 12 * * *", &script);
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 5, "{out}");
    assert!(
        !records(&env).iter().any(|r| r["event"] == "delete"),
        "archived logs deleted after a failed backup"
    );
    assert!(hosts(&env).is_empty());
    // Interactive mode carries on after the failure: the logs go, the last line runs.
    interactive(&env, &format!("connect target /;\n{}\n", script.join("\n")));
    assert!(records(&env).iter().any(|r| r["event"] == "delete"));
    assert_eq!(hosts(&env), ["echo after"]);
}

#[test]
fn delete_without_noprompt_never_eats_the_next_line() {
    let env = Env::ticking();
    env.strategy(
        "S",
        "C_1",
        "medium",
        "35 12 * * *",
        &["delete archivelog all;", "host 'echo next';"],
    );
    let (code, out, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{out}{err}");
    let deletes: Vec<_> = records(&env)
        .into_iter()
        .filter(|r| r["event"] == "delete")
        .collect();
    assert_eq!(deletes.len(), 1);
    assert_eq!(
        deletes[0]["prompted"], false,
        "a command file never prompts"
    );
    assert_eq!(hosts(&env), ["echo next"]);
    // On stdin, DELETE asks, takes the next line as its answer, and that command never runs.
    let out = interactive(
        &env,
        "connect target /;\ndelete archivelog all;\nhost 'echo eaten';\n",
    );
    assert!(out.contains("Do you really want to delete the above objects (enter YES or NO)?"));
    let last = records(&env)
        .into_iter()
        .rfind(|r| r["event"] == "delete")
        .unwrap();
    assert_eq!(last["answer"], "host 'echo eaten';");
    assert_eq!(hosts(&env), ["echo next"], "the eaten line never ran");
}

#[test]
fn a_password_with_at_signs_connects_and_an_unquoted_one_would_not() {
    let env = Env::ticking();
    let pw = "Pa@ss1";
    env.env_connection("C_PW", "RMAN_TARGET", &["--privilege", "sysbackup"]);
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_PW",
        "--line",
        "backup spfile;",
    ]);
    let out = env
        .tick_cmd()
        .env("RMAN_TARGET", format!("backup_admin/{pw}"))
        .env("STANDIN_PASSWORD", pw)
        .args(["run", "S"])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    let connect = records(&env)
        .into_iter()
        .find(|r| r["event"] == "connect")
        .unwrap();
    assert_eq!(connect["user"], "backup_admin");
    assert_eq!(connect["privilege"], "SYSBACKUP");
    assert_eq!(connect["identifier"], "//db1:1521/ORCL");
    // Without the double quotes, "@" ends the password: Oracle Net cannot resolve the rest.
    let out = interactive(
        &env,
        "connect target 'backup_admin/Pa@ss1@//db1:1521/ORCL';\n",
    );
    assert!(out.contains("ORA-12154"), "{out}");
}

#[test]
fn the_command_file_is_owner_only_while_it_runs_and_gone_afterwards() {
    let env = Env::ticking();
    // The run goes on until the test has looked at its command file.
    let wait = format!("host '{}';", env.held());
    env.strategy(
        "S",
        "C_1",
        "medium",
        "35 12 * * *",
        &[&wait, "backup spfile;"],
    );
    let child = env
        .tick_test()
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .spawn();
    wait_for("rman to run its command file", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    let start = records(&env)
        .into_iter()
        .find(|r| r["event"] == "start")
        .unwrap();
    let arg = start["argv"][1].as_str().unwrap();
    let path = std::path::PathBuf::from(
        arg.strip_prefix("cmdfile='")
            .and_then(|a| a.strip_suffix('\''))
            .unwrap(),
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("CONNECT TARGET /;\n{wait}\nbackup spfile;\nEXIT;\n")
    );
    env.release();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(!path.exists(), "the command file outlived its run");
}

#[test]
fn no_child_sees_any_connection_credential_variable() {
    let env = Env::ticking();
    let seen = env.path().join("hook-env.txt");
    env.hook(&format!("env | sort > {}\n", seen.display()), "");
    for (id, var) in [("C_A", "PW_A"), ("C_B", "PW_B")] {
        env.env_connection(id, var, &[]);
    }
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_A",
        "--line",
        "backup tablespace nope;",
    ]);
    let out = env
        .tick_cmd()
        .env("PW_A", "u/secret-a")
        .env("PW_B", "u/secret-b")
        .env("BACKUPCTL_STORE_PASSWORD", "store-secret")
        .env("STANDIN_PASSWORD", "secret-a")
        .args(["run", "S"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let start = records(&env)
        .into_iter()
        .find(|r| r["event"] == "start")
        .unwrap();
    let rman_env: Vec<&str> = start["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let hook_env = std::fs::read_to_string(&seen).unwrap();
    for var in ["PW_A", "PW_B", "BACKUPCTL_STORE_PASSWORD"] {
        assert!(!rman_env.contains(&var), "rman saw {var}");
        assert!(
            !hook_env.lines().any(|l| l.starts_with(&format!("{var}="))),
            "the hook saw {var}"
        );
    }
    assert!(hook_env.contains("BACKUPCTL_CONNECTION=C_A"), "{hook_env}");
}

#[test]
fn a_disk_full_failure_keeps_both_channels_and_the_cause_and_a_warning_is_shown() {
    let env = Env::ticking();
    env.strategy(
        "FULL",
        "C_1",
        "medium",
        "35 12 * * *",
        &["backup database;"],
    );
    let out = env
        .tick_cmd()
        .env("STANDIN_PLAY", "diskfull")
        .args(["run-due", "--now", "2026-11-25 12:35"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let (codes, message): (String, String) = env
        .db()
        .query_row(
            "SELECT codes, message FROM error WHERE strategy_id = 'FULL'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(codes, "RMAN-03009,ORA-19502,ORA-27072");
    for part in [
        "on ORA_DISK_1 channel",
        "on ORA_DISK_2 channel",
        "ORA-27072: File I/O error",
        "Linux-x86_64 Error: 28: No space left on device",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }

    env.strategy(
        "WARN",
        "C_2",
        "medium",
        "36 12 * * *",
        &["backup database;"],
    );
    let out = env
        .tick_cmd()
        .env("STANDIN_PLAY", "unreadable")
        .args(["run-due", "--now", "2026-11-25 12:36", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warning = "RMAN-06169: could not read file header for datafile 7 error reason 4";
    assert_eq!(json["runs"][0]["status"], "succeeded");
    assert_eq!(json["runs"][0]["warnings"][0], warning);
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--strategy", "WARN", "--json"])).unwrap();
    assert_eq!(listed[0]["warnings"][0], warning);
    let table = env.ok(&["logs", "--strategy", "WARN"]);
    assert!(table.contains("RMAN-06169"), "{table}");
    let run_id = listed[0]["run_id"].as_str().unwrap();
    let (code, log, err) = env.run(&["logs", "--run", run_id]);
    assert_eq!(code, 0);
    assert!(
        log.contains(warning) && err.contains(&format!("warning: {warning}")),
        "{err}"
    );
}

#[test]
fn a_media_manager_failure_keeps_every_channel_and_the_vendor_text_across_blank_lines() {
    let env = Env::ticking();
    env.strategy("SBT", "C_1", "medium", "35 12 * * *", &["backup database;"]);
    let ran = env
        .tick_test()
        .env("STANDIN_PLAY", "mediamanager")
        .args(&["run-due", "--now", "2026-11-25 12:35", "--json"])
        .status(5)
        .run();
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let run = &json["runs"][0];
    assert_eq!(run["status"], "failed");
    assert_eq!(
        run["codes"],
        serde_json::json!(["RMAN-03009", "ORA-19506", "ORA-27028", "ORA-19511"])
    );
    let message = run["message"].as_str().unwrap();
    for part in [
        "on ORA_SBT_TAPE_1 channel",
        "on ORA_SBT_TAPE_2 channel",
        "Access to the client 1 was not granted.",
        "Access to the client 2 was not granted.",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    assert!(run["warnings"].is_null(), "{run}");
}

#[test]
fn backupctl_as_pid_1_starts_rman() {
    // A container's entrypoint is PID 1: its children all see a parent of 1.
    let env = Env::ticking();
    let ok = Command::new("unshare")
        .args(["--pid", "--fork", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        crate::support::skip_notice("skipping the PID 1 test: unshare --pid is not permitted here");
        return;
    }
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let mut cmd = Command::new("unshare");
    cmd.args(["--pid", "--fork", "--"]);
    let inner = env.tick_std();
    cmd.arg(inner.get_program());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd.args(["run", "S"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.runs_of("S")[0].1, "succeeded");
}

#[test]
fn connection_test_connects_or_names_the_oracle_error() {
    let env = Env::ticking();
    env.connection("C_OS");
    let (code, out, err) = env.tick(&["connection", "test", "C_OS"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("connection C_OS: connected with"), "{out}");
    let start = records(&env)
        .into_iter()
        .find(|r| r["event"] == "start")
        .unwrap();
    assert!(start["argv"][1].as_str().unwrap().starts_with("cmdfile='"));
    env.env_connection("C_PW", "RMAN_TARGET", &[]);
    let out = env
        .tick_cmd()
        .env("RMAN_TARGET", "backup_admin/wrong")
        .env("STANDIN_PASSWORD", "right")
        .args(["connection", "test", "C_PW", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"], "failed");
    assert_eq!(
        json["codes"],
        serde_json::json!(["RMAN-04005", "ORA-01017"])
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("wrong"));
    assert_eq!(env.count("run"), 0, "a test records no run");
    let err = env.fails(3, &["connection", "test", "C_NOPE"]);
    assert!(err.contains("unknown connection \"C_NOPE\""), "{err}");
}

#[test]
fn a_sid_that_matches_no_running_instance_fails_the_connection_test_naming_it() {
    let env = Env::ticking();
    // `connection` makes instance XE; the host runs `xe` (Unix SIDs are case-sensitive).
    env.connection("C_OS");
    let ran = env
        .tick_test()
        .env("STANDIN_INSTANCES", "xe")
        .args(&["connection", "test", "C_OS"])
        .status(5)
        .run();
    for part in [
        "connection C_OS: failed: no instance XE is running on this host",
        "connected to target database (not started)",
        "the SID is case-sensitive",
        "pluggable database",
    ] {
        assert!(ran.stdout.contains(part), "{part}: {}", ran.stdout);
    }
    // The same connection with the running SID's case connects.
    env.ok(&["connection", "edit", "C_OS", "--instance", "xe"]);
    env.tick_test()
        .env("STANDIN_INSTANCES", "xe")
        .args(&["connection", "test", "C_OS"])
        .stdout_has("connection C_OS: connected with")
        .run();
    // A backup through the idle instance fails with ORA-01034, as RMAN's would.
    env.ok(&["connection", "edit", "C_OS", "--instance", "XE"]);
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_OS",
        "--line",
        "backup database;",
    ]);
    env.ok(&["schedule", "add", "S", "--cron", "35 12 * * *"]);
    env.tick_test()
        .env("STANDIN_INSTANCES", "xe")
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .status(5)
        .stdout_has("ORA-01034: ORACLE not available")
        .run();
}

/// A script line that starts a process in a session of its own (as `setsid` does, and as an
/// Oracle instance's background processes are), and leaves it running; the line ends once the
/// process has written its pid to `file`.
fn escapee(file: &std::path::Path) -> String {
    format!(
        "host 'setsid sh -c \"echo \\$\\$ > {f}; exec sleep 300\" > /dev/null 2>&1 & while [ ! -s {f} ]; do sleep 0.01; done';",
        f = file.display()
    )
}

/// A script line that leaves a process running in RMAN's own session, orphaned (its shell exits);
/// the line ends once the process has written its pid to `file`.
fn straggler(file: &std::path::Path) -> String {
    format!(
        "host 'sh -c \"echo \\$\\$ > {f}; exec sleep 300\" > /dev/null 2>&1 & while [ ! -s {f} ]; do sleep 0.01; done';",
        f = file.display()
    )
}

/// The process whose pid is in `file` ends (it was killed, not left to run on).
fn gone(file: &std::path::Path, when: &str) {
    let pid = pid_in(file);
    wait_for(&format!("{} to be gone {when}", file.display()), || {
        !crate::tick::process_alive(pid)
    });
}

/// The process whose pid is in `file` still runs; then the test ends it.
fn still_runs(file: &std::path::Path, when: &str) {
    let pid = pid_in(file);
    let alive = crate::tick::process_alive(pid);
    // SAFETY: kill(2) on a process this test started.
    unsafe {
        libc::kill(i32::try_from(pid).unwrap(), libc::SIGKILL);
    }
    assert!(alive, "{} was killed {when}", file.display());
}

fn pid_in(file: &std::path::Path) -> i64 {
    let mut text = String::new();
    wait_for("a process to write its pid", || {
        text = std::fs::read_to_string(file).unwrap_or_default();
        text.trim().parse::<i64>().is_ok()
    });
    text.trim().parse().unwrap()
}

#[test]
fn what_stays_in_rman_s_session_ends_with_the_run_and_what_left_it_runs_on() {
    let env = Env::ticking();
    let (mine, away) = (
        env.path().join("straggler.pid"),
        env.path().join("escapee.pid"),
    );
    env.strategy(
        "S",
        "C_1",
        "medium",
        "35 12 * * *",
        &[&straggler(&mine), &escapee(&away), "backup spfile;"],
    );
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:35"]);
    gone(&mine, "after the run");
    // SPEC §3.5: at RMAN's normal exit nothing outside its session is touched.
    still_runs(&away, "after the run");
}

/// An orphan of RMAN's tree comes to the supervisor (a child subreaper) and, when it exits while
/// RMAN still runs, is reaped at once rather than left a zombie until RMAN ends.
#[test]
#[cfg(target_os = "linux")]
fn an_orphan_that_exits_while_rman_runs_is_reaped_at_once() {
    let env = Env::ticking();
    let (pids, go) = (env.path().join("orphan.pids"), env.path().join("orphan.go"));
    // The orphan writes its pid and its parent's (the host command's shell, which exits at
    // once), then waits for the test's word to exit.
    let orphan = format!(
        "host 'sh -c \"echo \\$\\$ \\$PPID > {p}; while [ ! -e {g} ]; do sleep 0.02; done\" > /dev/null 2>&1 & while [ ! -s {p} ]; do sleep 0.01; done';",
        p = pids.display(),
        g = go.display()
    );
    let held = format!("host '{}';", env.held());
    env.strategy("S", "C_1", "medium", "0 3 * * *", &[&orphan, &held]);
    let run = env.spawn_tick(&["run", "S"]);
    let mut text = String::new();
    wait_for("the orphan to write its pids", || {
        text = std::fs::read_to_string(&pids).unwrap_or_default();
        text.split_whitespace().count() == 2
    });
    let (pid, shell) = text.trim().split_once(' ').unwrap();
    let gone = |pid: &str| !std::path::Path::new(&format!("/proc/{pid}")).exists();
    wait_for("the orphan's shell to exit", || gone(shell));
    std::fs::write(&go, "").unwrap();
    // A zombie keeps its /proc entry until it is reaped.
    wait_for("the orphan to be reaped while rman still runs", || {
        gone(pid)
    });
    assert!(
        records(&env).iter().all(|r| r["event"] != "end"),
        "rman ended before the orphan was reaped"
    );
    env.release();
    assert!(run.wait_with_output().unwrap().status.success());
}

#[test]
fn at_the_timeout_rman_and_its_session_end_and_what_left_it_runs_on() {
    let env = Env::ticking();
    let (mine, away) = (
        env.path().join("straggler.pid"),
        env.path().join("escapee.pid"),
    );
    env.ok(&[
        "add-connection",
        "--id",
        "C_1",
        "--name",
        "c",
        "--instance",
        "XE",
    ]);
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_1",
        "--timeout",
        "5s",
        "--line",
        &straggler(&mine),
        "--line",
        &escapee(&away),
        // Hangs until the time limit (5 s, so that the two lines above are done by then even on a
        // loaded machine).
        "--line",
        "host 'sleep 300';",
    ]);
    env.tick_test()
        .args(&["run", "S"])
        .status(5)
        .stdout_has("timed_out")
        .stdout_has("RMAN-03099")
        .run();
    gone(&mine, "after the timeout");
    still_runs(&away, "at the timeout");
}

#[test]
fn what_stays_in_rman_s_session_ends_with_a_killed_tick() {
    let env = Env::ticking();
    let file = env.path().join("straggler.pid");
    env.strategy(
        "S",
        "C_1",
        "medium",
        "35 12 * * *",
        &[&straggler(&file), "host 'sleep 300';"],
    );
    let mut tick = env
        .tick_test()
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .spawn();
    let pid = pid_in(&file);
    wait_for("rman's second host command", || {
        hosts(&env).iter().any(|h| h == "sleep 300")
    });
    tick.kill().unwrap(); // SIGKILL: no chance to clean up itself
    tick.wait().unwrap();
    wait_for("the straggler to be gone after kill -9 of the tick", || {
        !crate::tick::process_alive(pid)
    });
}

#[test]
fn a_cold_backup_leaves_the_instance_it_started_running() {
    // The usual consistent backup of a NOARCHIVELOG database: the instance's background
    // processes, started by RMAN's STARTUP, leave RMAN's session and must outlive the run.
    let env = Env::ticking();
    env.strategy(
        "COLD",
        "C_1",
        "medium",
        "35 12 * * *",
        &[
            "shutdown immediate;",
            "startup mount;",
            "backup database;",
            "sql 'alter database open';",
        ],
    );
    env.tick_test()
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .stdout_has("COLD  2026-11-25 12:35 +00:00  succeeded")
        .run();
    let instance = records(&env)
        .into_iter()
        .find(|r| r["event"] == "instance")
        .expect("STARTUP started the instance");
    let pid = instance["instance_pid"].as_i64().unwrap();
    let alive = crate::tick::process_alive(pid);
    // SAFETY: kill(2) on the stand-in's instance process, which this test made.
    unsafe {
        libc::kill(i32::try_from(pid).unwrap(), libc::SIGKILL);
    }
    assert!(alive, "the instance was killed with the run");
}

#[test]
fn a_tick_starts_rman_after_its_own_binary_was_replaced() {
    // A package upgrade replaces backupctl while a tick is running a backup: the runs that tick
    // starts later still go (the supervisor is this very program, not the path it came from).
    let env = Env::ticking();
    env.write("profile.toml", "jobs = 1\n");
    // FIRST goes on until the binary has been replaced.
    let first = format!("host '{}';", env.held());
    env.strategy("FIRST", "C_1", "high", "35 12 * * *", &[&first]);
    env.strategy("SECOND", "C_1", "low", "35 12 * * *", &["backup spfile;"]);
    let bin = env.path().join("bin/backupctl");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin("backupctl"), &bin).unwrap();
    // The small supervisor beside it, replaced too.
    let small = env.path().join("bin/backupctl-supervisor");
    std::fs::copy(assert_cmd::cargo::cargo_bin("backupctl-supervisor"), &small).unwrap();
    let cmd = env.tick_std();
    let mut tick = Command::new(&bin);
    tick.args(["run-due", "--now", "2026-11-25 12:35"])
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in cmd.get_envs() {
        if v.is_none() {
            tick.env_remove(k);
        }
    }
    let child = tick.spawn().unwrap();
    wait_for("the first backup to start", || {
        records(&env).iter().any(|r| r["event"] == "start")
    });
    assert!(
        child_named(child.id(), "backupctl-super"),
        "the first backup runs under the small supervisor"
    );
    // What an upgrade does: a new file renamed over the old one; here, files that cannot start.
    for file in [&bin, &small] {
        std::fs::remove_file(file).unwrap();
        std::fs::write(file, "not backupctl any more").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    env.release();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("SECOND  2026-11-25 12:35 +00:00  succeeded"),
        "{stdout}"
    );
}

/// Whether a child of `parent` runs under the name `comm` (its first 15 bytes, proc(5)).
fn child_named(parent: u32, comm: &str) -> bool {
    std::fs::read_dir("/proc").unwrap().flatten().any(|p| {
        // pid (comm) state ppid …
        std::fs::read_to_string(p.path().join("stat")).is_ok_and(|stat| {
            stat.split_once(" (")
                .and_then(|(_, rest)| rest.rsplit_once(") "))
                .is_some_and(|(name, rest)| {
                    name == comm && rest.split(' ').nth(1) == Some(&parent.to_string())
                })
        })
    })
}

#[test]
fn an_ipv6_host_is_bracketed_in_the_connect_string_and_unsafe_passwords_are_refused() {
    let env = Env::ticking();
    let add = |id: &str, host: &str| {
        env.add_connection(id, "ORCL", host, &["--credential", "env:RMAN_TARGET"])
    };
    assert_eq!(add("C_V6", "[fd00::5]").0, 0);
    let (code, _, err) = add("C_BAD", "fd00::zz");
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("invalid --host \"fd00::zz\""), "{err}");
    assert!(env.ok(&["connection", "list"]).contains("[fd00::5]:1521"));
    let test = |password: &str| {
        env.tick_cmd()
            .env("RMAN_TARGET", format!("backup_admin/{password}"))
            .env("STANDIN_PASSWORD", password)
            .args(["connection", "test", "C_V6"])
            .output()
            .unwrap()
    };
    let out = test("S3cret é/ @x");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let connect = records(&env)
        .into_iter()
        .find(|r| r["event"] == "connect")
        .unwrap();
    assert_eq!(connect["identifier"], "//[fd00::5]:1521/ORCL");
    // `#` starts an RMAN comment anywhere on a line, `&1` is a substitution variable: refused
    // before RMAN starts, naming the wallet, never the password.
    for password in ["Se#cret", "Se&1cret"] {
        let before = records(&env).len();
        let out = test(password);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(5), "{out:?}");
        assert!(text.starts_with("connection C_V6: failed: environment variable RMAN_TARGET"));
        assert!(
            text.contains("wallet:ALIAS") && !text.contains(password),
            "{text}"
        );
        assert_eq!(text.trim().lines().count(), 1, "{text}");
        assert_eq!(records(&env).len(), before, "RMAN never started");
    }
}

#[test]
fn command_files_a_killed_connection_test_or_check_left_are_swept_once_no_probe_can_run() {
    let env = Env::ticking();
    let dir = env.path().join("data/backupctl/run");
    std::fs::create_dir_all(&dir).unwrap();
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    let file = |name: &str, old: bool| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            "CONNECT TARGET 'u/\"secret\"@//db1:1521/ORCL';\nEXIT;\n",
        )
        .unwrap();
        if old {
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(day_ago).unwrap();
        }
        path
    };
    let stale_test = file("test-20261125T123500-00aa.rman", true);
    let stale_check = file("check-20261125T123500-00bb.rman", true);
    let fresh_test = file("test-20261125T123500-00cc.rman", false);
    let other = file("notes.txt", true);
    // A dry run changes nothing.
    env.tick_exits(0, &["run-due", "--dry-run", "--now", "2026-11-25 12:35"]);
    assert!(stale_test.exists() && stale_check.exists());
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:35"]);
    assert!(!stale_test.exists() && !stale_check.exists());
    assert!(fresh_test.exists(), "a probe may still be running with it");
    assert!(
        other.exists(),
        "only command files are backupctl's to remove"
    );
}

#[test]
fn a_run_that_left_warnings_says_so_on_its_line_also_under_quiet() {
    let env = Env::ticking();
    env.strategy(
        "WARN",
        "C_1",
        "medium",
        "36 12 * * *",
        &["backup database;"],
    );
    env.strategy("W2", "C_2", "medium", "0 3 * * *", &["backup database;"]);
    let warning = "RMAN-06169: could not read file header for datafile 7 error reason 4";
    // -q, as every generated cron, systemd and Windows entry runs it: on stderr, for the mail.
    let ran = env
        .tick_test()
        .env("STANDIN_PLAY", "unreadable")
        .args(&["-q", "run-due", "--now", "2026-11-25 12:36"])
        .status(0)
        .stdout("")
        .run();
    assert!(
        ran.stderr
            .contains("WARN  2026-11-25 12:36 +00:00  succeeded with warnings  run ")
            && ran.stderr.contains(&format!(": {warning}")),
        "{}",
        ran.stderr
    );
    let ran = env
        .tick_test()
        .env("STANDIN_PLAY", "unreadable")
        .args(&["run", "W2"])
        .status(0)
        .run();
    assert!(
        ran.stdout.contains("succeeded with warnings") && ran.stdout.contains(warning),
        "{}",
        ran.stdout
    );
    // A clean run says nothing under -q.
    env.tick_test()
        .args(&["-q", "run", "W2"])
        .status(0)
        .stdout("")
        .run();
}

#[test]
fn ctrl_c_on_run_cancels_rman_and_records_the_run_interrupted_at_once() {
    let env = Env::ticking();
    let line = format!("host '{}';", env.held());
    env.strategy("S", "C_1", "medium", "0 3 * * *", &[&line]);
    let child = env.spawn_tick(&["run", "S"]);
    crate::tick::wait_for("rman to run its host command", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    // Ctrl-C at the terminal: SIGINT to backupctl (RMAN, in a session of its own, hears it
    // only from its supervisor).
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: a signal to the child this test started.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("cancelling: rman is sent its Ctrl-C"), "{err}");
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--strategy", "S", "--json"])).unwrap();
    let run = &listed[0];
    assert_eq!(run["status"], "interrupted", "{run}");
    assert!(run["finished_at"].is_string(), "{run}");
    let errors: serde_json::Value =
        serde_json::from_str(&env.ok(&["errors", "--strategy", "S", "--json"])).unwrap();
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("cancelled by Ctrl-C: rman was sent its Ctrl-C"),
        "{message}"
    );
    assert!(
        errors[0]["codes"].to_string().contains("RMAN-03099"),
        "{}",
        errors[0]
    );
}

#[test]
fn logs_shows_a_running_backups_output_so_far_and_follows_it_to_its_end() {
    let env = Env::ticking();
    let line = format!("host 'echo LIVE-MARKER; {}';", env.held());
    env.strategy(
        "S",
        "C_1",
        "medium",
        "0 3 * * *",
        &[&line, "backup spfile;"],
    );
    let child = env.spawn_tick(&["run", "S"]);
    crate::tick::wait_for("rman to run its host command", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--strategy", "S", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "running");
    let id = listed[0]["run_id"].as_str().unwrap().to_string();
    // The output so far, as the stored log will have it.
    // (In the log, after the header: the script above it names the marker too.)
    crate::tick::wait_for("the host command's output", || {
        env.ok(&["logs", "--run", &id])
            .split_once("--- log ---")
            .is_some_and(|(_, log)| log.contains("LIVE-MARKER"))
    });
    let so_far = env.ok(&["logs", "--run", &id]);
    assert!(so_far.contains("connected to target database"), "{so_far}");
    assert!(!so_far.contains("Recovery Manager complete"), "{so_far}");
    let live = env.path().join(format!("data/backupctl/run/{id}.log"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&live).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Followed to the end.
    let follow = env.spawn_tick(&["logs", "--run", &id, "--follow"]);
    env.release();
    let out = follow.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("Recovery Manager complete"), "{stdout}");
    assert!(
        stderr.contains(&format!("run {id} ended: succeeded")),
        "{stderr}"
    );
    assert!(child.wait_with_output().unwrap().status.success());
    assert!(!live.exists(), "the live log outlived its run");
    assert!(env
        .ok(&["logs", "--run", &id])
        .contains("Recovery Manager complete"));
}

/// A runaway output does not fill the host's disk: the live log stops at `log_limit`, saying so,
/// and a follower is shown the end of the output from the stored log once the run ends.
#[test]
fn the_live_log_stops_at_log_limit_and_a_follower_sees_the_end() {
    let env = Env::ticking();
    env.write("profile.toml", "log_limit = \"4KiB\"\n");
    // About 48 KiB of output before the hold, one line after it.
    let line = format!(
        "host 'seq 1 8000 | sed s/^/LINE-/; {}; echo AFTER-HOLD';",
        env.held()
    );
    env.strategy("S", "C_1", "medium", "0 3 * * *", &[&line]);
    let child = env.spawn_tick(&["run", "S"]);
    crate::tick::wait_for("rman to run its host command", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--strategy", "S", "--json"])).unwrap();
    let id = listed[0]["run_id"].as_str().unwrap().to_string();
    let live = env.path().join(format!("data/backupctl/run/{id}.log"));
    crate::tick::wait_for("the live log to stop", || {
        std::fs::read_to_string(&live).is_ok_and(|l| l.contains("the live log stops here"))
    });
    let size = std::fs::metadata(&live).unwrap().len();
    assert!(size <= 4096 + 200, "the live log holds {size} bytes");
    let so_far = env.ok(&["logs", "--run", &id]);
    assert!(
        so_far.contains("[backupctl: the live log stops here, after "),
        "{so_far}"
    );
    assert!(!so_far.contains("LINE-8000"), "{so_far}");
    let follow = env.spawn_tick(&["logs", "--run", &id, "--follow"]);
    env.release();
    let out = follow.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // What the live log showed, then the stored log's end from the line that says it was cut.
    let (shown, end) = stdout
        .split_once("[backupctl: the live log stops here")
        .expect("the live log's note");
    assert!(
        shown.contains("LINE-1\n") && !shown.contains("LINE-8000"),
        "{stdout}"
    );
    assert!(end.contains("bytes of output cut here"), "{stdout}");
    assert!(end.contains("LINE-8000\nAFTER-HOLD\n"), "{stdout}");
    assert!(end.contains("Recovery Manager complete"), "{stdout}");
    assert!(child.wait_with_output().unwrap().status.success());
}

#[test]
fn a_run_keeps_the_script_it_ran_after_its_strategy_is_edited() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "0 3 * * *", &["backup spfile;"]);
    let (code, out, err) = env.tick(&["run", "S", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&[
        "strategy",
        "edit",
        "S",
        "--line",
        "backup database plus archivelog;",
    ]);
    let shown = env.ok(&["logs", "--run", &id]);
    assert!(
        shown.contains("script, as it ran") && shown.contains("    1  backup spfile;"),
        "{shown}"
    );
    assert!(!shown.contains("plus archivelog"), "{shown}");
}

/// One instant, one spelling: what run --json prints is what logs --json reads back, and times
/// in JSON are RFC 3339 with Z (schedule next included), warnings arrays everywhere.
#[test]
fn json_times_and_warnings_are_spelled_one_way_everywhere() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "0 3 * * *", &["backup database;"]);
    let ran = env
        .tick_test()
        .env("STANDIN_PLAY", "unreadable")
        .args(&["run", "S", "--json"])
        .status(0)
        .run();
    let ran: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--strategy", "S", "--json"])).unwrap();
    for key in ["started_at", "finished_at"] {
        assert_eq!(ran[key], listed[0][key], "{key}");
        assert!(ran[key].as_str().unwrap().ends_with('Z'), "{key}: {ran}");
    }
    let next: serde_json::Value =
        serde_json::from_str(&env.ok(&["schedule", "next", "--count", "1", "--json"])).unwrap();
    assert!(next[0]["due"].as_str().unwrap().ends_with('Z'), "{next}");
    let status: serde_json::Value =
        serde_json::from_str(&env.ok(&["status", "--format", "json"])).unwrap();
    assert!(status[0]["last_warnings"][0]
        .as_str()
        .unwrap()
        .starts_with("RMAN-06169"));
    assert!(listed[0]["warnings"].is_array());
}
