//! run-due and run against the RMAN stand-in: at-most-once claims, catch-up, coalescing, missed,
//! overlap, interrupted, timeouts, limits and order, capture bounds and secrets.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use backupctl::store::RunFilter;
use backupctl::units::to_db_time;

use crate::clocked::Clocked;
use crate::support::{Env, Test};

pub fn standin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rman-standin/bin/rman")
}

/// The stand-in's record: one JSON object per start, host command and end.
pub fn records(env: &Env) -> Vec<serde_json::Value> {
    std::fs::read_to_string(env.path().join("standin.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// How many times RMAN (the stand-in) was started.
pub fn rman_starts(env: &Env) -> usize {
    records(env)
        .iter()
        .filter(|r| r["event"] == "start")
        .count()
}

/// Poll (never sleep for luck) until `cond` holds, failing after 30 s.
pub fn wait_for(what: &str, cond: impl FnMut() -> bool) {
    wait_up_to(what, Duration::from_secs(30), cond)
}

/// Poll until `cond` holds, failing after `limit`.
pub fn wait_up_to(what: &str, limit: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Env {
    /// A tick environment: the stand-in as rman, recording into the test's folder.
    pub fn ticking() -> Env {
        let env = Env::new();
        env.write(
            "profile.toml",
            "catch_up = \"15m\"\njobs = 4\nper_connection = 1\n",
        );
        env.ok(&["install-schema"]);
        env
    }

    pub fn tick_cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.tick_std())
    }

    /// A run with the stand-in as rman, to describe and check in one chain.
    pub fn tick_test(&self) -> Test {
        Test::new(self.tick_std())
    }

    pub fn tick_std(&self) -> std::process::Command {
        let mut c = self.std_cmd();
        c.env("BACKUPCTL_RMAN", standin())
            .env("BACKUPCTL_PROFILE", self.path().join("profile.toml"))
            .env("STANDIN_RECORD", self.path().join("standin.jsonl"));
        c
    }

    /// Run with the stand-in; the caller asserts the exit code it expects.
    #[must_use = "assert the exit code, or use tick_exits"]
    pub fn tick(&self, args: &[&str]) -> (i32, String, String) {
        let ran = self.tick_test().args(args).any_status().run();
        (ran.status, ran.stdout, ran.stderr)
    }

    /// Run with the stand-in, expect exit `code`, return (stdout, stderr).
    pub fn tick_exits(&self, code: i32, args: &[&str]) -> (String, String) {
        let ran = self.tick_test().args(args).status(code).run();
        (ran.stdout, ran.stderr)
    }

    /// A connection and a strategy with these lines, scheduled by cron.
    pub fn strategy(&self, id: &str, conn: &str, priority: &str, cron: &str, lines: &[&str]) {
        if self.count_where("connection", &format!("conn_id = '{conn}'")) == 0 {
            self.ok(&[
                "add-connection",
                "--id",
                conn,
                "--name",
                conn,
                "--instance",
                conn,
                "--host",
                "db",
            ]);
        }
        let mut args = vec![
            "add-strategy",
            "--id",
            id,
            "--connection",
            conn,
            "--priority",
            priority,
        ];
        for l in lines {
            args.push("--line");
            args.push(l);
        }
        self.ok(&args);
        self.ok(&["schedule", "add", id, "--cron", cron]);
    }

    pub fn count_where(&self, table: &str, cond: &str) -> i64 {
        self.db()
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE {cond}"),
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// The store, read through the library as the commands read it.
    pub fn store(&self) -> backupctl::store::Store {
        let url = backupctl::store::StoreUrl::Sqlite(self.store_path());
        backupctl::store::open_existing(&url, Duration::from_secs(10)).expect("open the store")
    }

    /// (scheduled_for, status) of a strategy's runs, oldest first, as `logs` lists them.
    pub fn runs_of(&self, id: &str) -> Vec<(String, String)> {
        let filter = RunFilter {
            strategy: Some(id.to_string()),
            ..Default::default()
        };
        let mut runs: Vec<(String, String)> = self
            .store()
            .runs(&filter)
            .expect("list the runs")
            .into_iter()
            .map(|r| (to_db_time(r.scheduled_for), r.status.to_string()))
            .collect();
        runs.reverse();
        runs
    }

    /// The message of the store's one error row.
    pub fn only_error_message(&self) -> String {
        assert_eq!(self.count("error"), 1, "one error row");
        self.db()
            .query_row("SELECT message FROM error", [], |r| r.get(0))
            .unwrap()
    }

    /// The log of a strategy's latest run, as `logs --run` shows it.
    pub fn log_of(&self, id: &str) -> String {
        let mut store = self.store();
        let filter = RunFilter {
            strategy: Some(id.to_string()),
            limit: Some(1),
            ..Default::default()
        };
        let latest = store.runs(&filter).expect("list the runs");
        let run = latest.first().unwrap_or_else(|| panic!("{id} has no run"));
        store
            .run_log(&run.run_id)
            .expect("read the log")
            .unwrap_or_else(|| panic!("run {} has no log", run.run_id))
    }
}

const GOOD: &[&str] = &[
    "crosscheck archivelog all;",
    "run{",
    "SQL \"alter system switch logfile\";",
    "backup tablespace users;",
    "}",
];

#[test]
fn the_good_strategy_succeeds_and_the_erroneous_one_fails_with_rman_codes() {
    let env = Env::ticking();
    env.strategy("GOOD", "C_1", "medium", "35 12 * * 1", GOOD);
    env.ok(&[
        "add-strategy",
        "--id",
        "BAD",
        "--connection",
        "C_1",
        "--force",
        "--line",
        "crosscheck archivelog all;",
        "--line",
        "run{;",
        "--line",
        "backup tablespace users;",
        "--line",
        "}",
    ]);
    env.ok(&["schedule", "add", "BAD", "--day", "mon", "--at", "12:35"]);
    env.tick_test()
        .args(&["run-due", "--now", "2026-11-23 12:35"])
        .status(5)
        .stdout_has("GOOD  2026-11-23 12:35 +00:00  succeeded")
        .stdout_has("BAD  2026-11-23 12:35 +00:00  failed")
        .run();
    assert_eq!(
        env.runs_of("GOOD"),
        vec![("2026-11-23T12:35:00.000000Z".into(), "succeeded".into())]
    );
    assert_eq!(env.runs_of("BAD")[0].1, "failed");
    assert!(env.log_of("GOOD").contains("Finished backup at"));
    assert!(env
        .log_of("BAD")
        .contains("RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS"));
    let (codes, message): (String, String) = env
        .db()
        .query_row(
            "SELECT codes, message FROM error WHERE strategy_id = 'BAD'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(codes, "RMAN-00558,RMAN-01009,RMAN-01007");
    assert!(message.starts_with("RMAN-00558: error encountered while parsing input commands; RMAN-01009: syntax error: found \";\""), "{message}");
    let exit: i64 = env
        .db()
        .query_row(
            "SELECT exit_code FROM run WHERE strategy_id = 'BAD'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(exit, 1);
    // RMAN got only its command file, the instance as ORACLE_SID, the Oracle home above its bin
    // folder and an ISO date format; the command files are gone.
    let starts: Vec<_> = records(&env)
        .into_iter()
        .filter(|r| r["event"] == "start")
        .collect();
    assert_eq!(starts.len(), 2);
    let run_dir = env.path().join("data/backupctl/run");
    for s in &starts {
        let argv = s["argv"].as_array().unwrap();
        assert_eq!(argv.len(), 2, "{s}");
        let arg = argv[1].as_str().unwrap();
        assert!(
            arg.starts_with(&format!("cmdfile='{}/", run_dir.display())) && arg.ends_with(".rman'"),
            "{arg}"
        );
        assert_eq!(s["oracle_sid"], "C_1");
        assert_eq!(
            s["oracle_home"].as_str().unwrap(),
            standin()
                .parent()
                .unwrap()
                .parent()
                .unwrap()
                .display()
                .to_string()
        );
        assert_eq!(s["nls_date_format"], "YYYY-MM-DD HH24:MI:SS");
    }
    assert_eq!(std::fs::read_dir(&run_dir).unwrap().count(), 0);
    // The tick is recorded: the same minute again does nothing.
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-23 12:35"]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(env.count("run"), 2);
}

#[test]
fn every_day_schedules_run() {
    let env = Env::ticking();
    env.strategy("DAILY", "C_1", "medium", "0 3 * * *", &["backup spfile;"]);
    env.ok(&["schedule", "remove", "DAILY", "--all"]);
    env.ok(&[
        "schedule", "add", "DAILY", "--day", "every", "--at", "02:00",
    ]);
    for day in ["2026-11-21", "2026-11-22", "2026-11-23"] {
        let (code, _, err) = env.tick(&["run-due", "--now", &format!("{day} 02:00")]);
        assert_eq!(code, 0, "{err}");
    }
    let runs = env.runs_of("DAILY");
    assert_eq!(runs.len(), 3);
    assert!(runs.iter().all(|r| r.1 == "succeeded"));
}

#[test]
fn missed_minutes_within_catch_up_still_run() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "33 12 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:30"]);
    assert_eq!(env.count("run"), 0);
    // The ticks of 12:31..12:35 were lost; at 12:36 the 12:33 occurrence is 3 minutes late.
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:36"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("S  2026-11-25 12:33 +00:00  succeeded"),
        "{out}"
    );
    assert_eq!(
        env.runs_of("S"),
        vec![("2026-11-25T12:33:00.000000Z".into(), "succeeded".into())]
    );
}

#[test]
fn several_missed_occurrences_coalesce_into_the_latest() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "31-33 12 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:30"]);
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:34", "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["tick"], "2026-11-25T12:34:00.000000Z");
    assert_eq!(json["runs"].as_array().unwrap().len(), 3);
    assert_eq!(
        env.runs_of("S"),
        vec![
            ("2026-11-25T12:31:00.000000Z".into(), "skipped".into()),
            ("2026-11-25T12:32:00.000000Z".into(), "skipped".into()),
            ("2026-11-25T12:33:00.000000Z".into(), "succeeded".into()),
        ]
    );
    let note: String = env
        .db()
        .query_row("SELECT l.log FROM log l JOIN run r ON r.run_id = l.run_id WHERE r.scheduled_for LIKE '%12:31%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        note,
        "[backupctl: coalesced into 2026-11-25 12:33 +00:00]\n"
    );
    assert_eq!(rman_starts(&env), 1);
}

/// rman is looked for when a run needs it: with none anywhere, an idle tick goes on as ever, and the
/// due run fails saying where rman was looked for.
#[test]
fn a_due_run_without_rman_anywhere_fails_naming_where_it_looked() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let no_rman = |minute: &str| {
        let mut c = env.tick_std();
        c.env_remove("BACKUPCTL_RMAN")
            .env("PATH", env.path().join("no-such-folder"))
            .args(["run-due", "--now", minute]);
        let out = c.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(no_rman("2026-11-25 12:34").0, Some(0), "nothing due");
    let (code, out) = no_rman("2026-11-25 12:35");
    assert_eq!(code, Some(5), "{out}");
    assert_eq!(
        env.runs_of("S"),
        vec![("2026-11-25T12:35:00.000000Z".into(), "failed".into())]
    );
    let message = env.only_error_message();
    assert!(
        message.contains("rman not found") && message.contains("ORACLE_HOME is not set"),
        "{message}"
    );
    assert!(records(&env).is_empty(), "rman never started");
}

#[test]
fn occurrences_beyond_catch_up_are_recorded_missed_once() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "0 11 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 10:00"]);
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:00"]);
    assert_eq!(code, 5, "a missed backup exits 5: {out}");
    assert!(out.contains("S  2026-11-25 11:00 +00:00  missed"), "{out}");
    assert_eq!(
        env.runs_of("S"),
        vec![("2026-11-25T11:00:00.000000Z".into(), "missed".into())]
    );
    let message = env.only_error_message();
    assert_eq!(message, "S was due at 2026-11-25 11:00 +00:00 and was not started: more than catch_up (15m) before the tick at 2026-11-25 12:00 +00:00");
    let (code, _, _) = env.tick(&["run-due", "--now", "2026-11-25 12:01"]);
    assert_eq!(code, 0);
    assert_eq!(env.count("run"), 1);
    assert_eq!(env.count("error"), 1);
    assert!(records(&env).is_empty(), "rman never started");
}

#[test]
fn two_concurrent_ticks_start_each_occurrence_once() {
    let env = Env::ticking();
    env.strategy(
        "A",
        "C_1",
        "medium",
        "35 12 * * *",
        &["host 'sleep 1';", "backup spfile;"],
    );
    env.strategy("B", "C_2", "medium", "35 12 * * *", &["backup spfile;"]);
    let spawn = || {
        env.tick_test()
            .args(&["run-due", "--now", "2026-11-25 12:35"])
            .spawn()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success(), "{:?} {:?}", a, b);
    assert_eq!(env.runs_of("A").len(), 1);
    assert_eq!(env.runs_of("B").len(), 1);
    assert_eq!(rman_starts(&env), 2);
}

#[test]
fn a_strategy_still_running_is_skipped_and_a_killed_tick_leaves_an_interrupted_run() {
    let env = Env::ticking();
    // LONG runs until its tick is killed.
    env.strategy("LONG", "C_1", "medium", "* * * * *", &["host 'sleep 300';"]);
    let mut first = env
        .tick_test()
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .spawn();
    wait_for("the first run to start rman", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:36"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("LONG  2026-11-25 12:36 +00:00  skipped"),
        "{out}"
    );
    assert!(out.contains("is still running"), "{out}");
    assert_eq!(
        env.runs_of("LONG")[1],
        ("2026-11-25T12:36:00.000000Z".into(), "skipped".into())
    );

    // kill -9 the first tick: the next tick finds its run's owner gone.
    first.kill().unwrap();
    first.wait().unwrap();
    let rman_pid = records(&env)
        .iter()
        .find(|r| r["event"] == "start")
        .unwrap()["pid"]
        .as_i64()
        .unwrap();
    env.ok(&["schedule", "remove", "LONG", "--all"]);
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:37"]);
    assert_eq!(code, 5, "an interrupted backup exits 5: {out}");
    assert!(
        out.contains("LONG  2026-11-25 12:35 +00:00  interrupted"),
        "{out}"
    );
    let statuses: Vec<String> = env.runs_of("LONG").into_iter().map(|r| r.1).collect();
    assert_eq!(statuses, ["interrupted", "skipped"]);
    let message: String = env
        .db()
        .query_row(
            "SELECT message FROM error WHERE message LIKE '%interrupted%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        message.contains("was interrupted: its backupctl process"),
        "{message}"
    );
    // The orphaned rman died with its tick (parent-death signal), not left running.
    wait_for("the orphaned rman to end", || !process_alive(rman_pid));
}

/// Whether a process exists and is not a zombie.
pub fn process_alive(pid: i64) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            stat.rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next())
                != Some("Z")
        }
        Err(_) => false,
    }
}

#[test]
fn a_hung_rman_is_killed_at_its_timeout_with_its_children() {
    let node = Clocked::new("2026-11-25T12:35:00.000000Z");
    let env = &node.env;
    env.connection("C_1");
    env.ok(&[
        "add-strategy",
        "--id",
        "HUNG",
        "--connection",
        "C_1",
        "--timeout",
        "2s",
        "--line",
        "host 'sleep 300';",
    ]);
    env.ok(&["schedule", "add", "HUNG", "--cron", "35 12 * * *"]);
    // The time limit runs on the test's clock: it is up when the test moves the clock past it,
    // once rman has started its child, however slowly the machine runs.
    let tick = node.spawn_tick();
    wait_for("rman to start its child", || {
        records(env).iter().any(|r| r["event"] == "host")
    });
    node.clock.advance(chrono::Duration::seconds(3));
    let result = tick.join();
    assert_eq!(
        (
            result.reports[0].strategy_id.as_str(),
            result.reports[0].status.as_str()
        ),
        ("HUNG", "timed_out")
    );
    assert_eq!(env.runs_of("HUNG")[0].1, "timed_out");
    // Cancelled as Oracle documents — SIGINT, RMAN's Ctrl-C — RMAN says RMAN-03099 and ends.
    let report = &result.reports[0];
    assert!(
        report
            .message
            .starts_with("rman was cancelled at the timeout of 2s; it reported RMAN-03002"),
        "{}",
        report.message
    );
    assert_eq!(report.codes, ["RMAN-03002", "RMAN-03099"]);
    assert!(records(env)
        .iter()
        .any(|r| r["event"] == "end" && r["cancelled"] == true));
    let recs = records(env);
    let rman = recs.iter().find(|r| r["event"] == "start").unwrap()["pid"]
        .as_i64()
        .unwrap();
    let child = recs.iter().find(|r| r["event"] == "host").unwrap()["child"]
        .as_i64()
        .unwrap();
    // Its child, in RMAN's session, is ended with it.
    wait_for("rman and its child to be gone", || {
        !process_alive(rman) && !process_alive(child)
    });
    assert!(env
        .log_of("HUNG")
        .contains("[backupctl: rman was cancelled at the timeout of 2s;"));
}

#[test]
fn rman_reads_utf8_whatever_character_set_the_dba_s_nls_lang_names() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    // The command file is UTF-8 and the log is read as UTF-8: the language and territory stay
    // the DBA's, the character set becomes AL32UTF8.
    env.tick_test()
        .env("NLS_LANG", "GERMAN_GERMANY.WE8ISO8859P1")
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .stdout_has("S  2026-11-25 12:35 +00:00  succeeded")
        .run();
    let start = records(&env)
        .into_iter()
        .find(|r| r["event"] == "start")
        .unwrap();
    assert_eq!(start["nls_lang"], "GERMAN_GERMANY.AL32UTF8");
}

#[test]
fn priority_orders_the_queue() {
    let env = Env::ticking();
    env.write("profile.toml", "jobs = 1\n");
    env.strategy("LOW1", "LOWDB", "low", "35 12 * * *", &["backup spfile;"]);
    env.strategy(
        "MED1",
        "MEDDB",
        "medium",
        "35 12 * * *",
        &["backup spfile;"],
    );
    env.strategy(
        "HIGH1",
        "HIGHDB",
        "high",
        "35 12 * * *",
        &["backup spfile;"],
    );
    let (code, _, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    let order: Vec<String> = records(&env)
        .iter()
        .filter(|r| r["event"] == "start")
        .map(|r| r["oracle_sid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(order, vec!["HIGHDB", "MEDDB", "LOWDB"]);
}

#[test]
fn per_connection_limit_serialises_one_database_while_others_run_in_parallel() {
    let env = Env::ticking();
    env.write("profile.toml", "jobs = 4\nper_connection = 1\n");
    // A1 runs until the test lets it end: what runs beside it, and what waits, shows without
    // depending on how fast anything runs.
    let a1 = format!("host '{} # A1';", env.held());
    env.strategy("A1", "DB_A", "high", "35 12 * * *", &[&a1]);
    env.strategy(
        "A2",
        "DB_A",
        "medium",
        "35 12 * * *",
        &["host 'true # A2';"],
    );
    env.strategy("B1", "DB_B", "low", "35 12 * * *", &["host 'true # B1';"]);
    let tick = env
        .tick_test()
        .args(&["run-due", "--now", "2026-11-25 12:35"])
        .spawn();
    wait_for("B1 to run while A1 holds DB_A", || {
        env.runs_of("B1")
            .first()
            .is_some_and(|r| r.1 == "succeeded")
    });
    assert_eq!(env.runs_of("A1")[0].1, "running");
    assert!(env.runs_of("A2").is_empty(), "A2 started beside A1 on DB_A");
    env.release();
    let out = tick.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    for id in ["A1", "A2", "B1"] {
        assert_eq!(env.runs_of(id)[0].1, "succeeded", "{id}");
    }
    // A2 started only once A1 had ended.
    let recs = records(&env);
    let pid_of = |id: &str| {
        recs.iter()
            .find(|r| r["event"] == "host" && r["command"].as_str().unwrap().ends_with(id))
            .unwrap()["pid"]
            .clone()
    };
    let at = |event: &str, id: &str| {
        let pid = pid_of(id);
        recs.iter()
            .position(|r| r["event"] == event && r["pid"] == pid)
            .unwrap()
    };
    assert!(at("end", "A1") < at("start", "A2"), "{recs:?}");
}

#[test]
fn output_beyond_log_limit_keeps_head_and_tail() {
    let env = Env::ticking();
    env.write("profile.toml", "log_limit = \"64KiB\"\n");
    // About 4 MiB of output from a child of rman.
    env.strategy(
        "BIG",
        "C_1",
        "medium",
        "35 12 * * *",
        &[
            "host 'yes RMAN-08138-like output line | head -n 150000';",
            "backup spfile;",
        ],
    );
    let (code, _, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    let log = env.log_of("BIG");
    assert!(log.len() <= 64 * 1024 + 200, "{}", log.len());
    assert!(log.contains("Recovery Manager stand-in"), "head kept");
    assert!(
        log.trim_end().ends_with("Recovery Manager complete."),
        "tail kept"
    );
    assert!(
        log.contains("bytes of output cut here to keep this log within log_limit (65536 bytes)")
    );
}

#[test]
fn non_utf8_output_is_stored_replaced_and_noted() {
    let env = Env::ticking();
    env.strategy(
        "LATIN",
        "C_1",
        "medium",
        "35 12 * * *",
        &["host 'printf \"tablespace caf\\351\\n\"';"],
    );
    let (code, _, _) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0);
    let log = env.log_of("LATIN");
    assert!(log.contains("tablespace caf\u{fffd}"), "{log}");
    assert!(log.contains("not valid UTF-8"), "{log}");
}

#[test]
fn a_password_reaches_no_argv_log_error_or_verbose_output() {
    let env = Env::ticking();
    let pw = "Tr0ub4dor-3x";
    env.env_connection("C_ENV", "RMAN_TARGET", &[]);
    env.ok(&[
        "add-strategy",
        "--id",
        "OK",
        "--connection",
        "C_ENV",
        "--line",
        "backup spfile;",
    ]);
    env.ok(&[
        "add-strategy",
        "--id",
        "FAILS",
        "--connection",
        "C_ENV",
        "--line",
        "backup tablespace nope;",
    ]);
    env.ok(&["schedule", "add", "OK", "--cron", "35 12 * * *"]);
    env.ok(&["schedule", "add", "FAILS", "--cron", "35 12 * * *"]);
    let out = env
        .tick_cmd()
        .env("RMAN_TARGET", format!("backup_admin/{pw}"))
        .env("STANDIN_PASSWORD", pw)
        .env("STANDIN_LEAK", "1")
        .args(["-v", "run-due", "--now", "2026-11-25 12:35", "--json"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(5), "{all}");
    assert!(!all.contains(pw), "{all}");
    assert_eq!(
        env.runs_of("OK")[0].1,
        "succeeded",
        "the stand-in accepted the password"
    );
    for table in ["log", "error", "run", "connection", "strategy_line"] {
        let dump: String = env
            .db()
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap()
            .query_map([], |r| {
                let n = r.as_ref().column_count();
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .join("\n");
        assert!(!dump.contains(pw), "{table}: {dump}");
    }
    assert!(
        env.log_of("OK").contains("RMAN> CONNECT TARGET ***;"),
        "the echoed connect string is redacted"
    );
    for r in records(&env).iter().filter(|r| r["event"] == "start") {
        // rman cmdfile='…': the password is in the file, never on the command line.
        assert_eq!(r["argv"].as_array().unwrap().len(), 2);
        assert!(r["argv"][1].as_str().unwrap().starts_with("cmdfile='"));
        assert!(!r.to_string().contains(pw));
        assert!(
            !r["env"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v == "RMAN_TARGET"),
            "the credential variable is not passed on"
        );
    }
}

#[test]
fn a_missing_rman_fails_the_run_saying_where_it_looked() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let (code, out, _) = env.tick(&[
        "--rman",
        "/opt/oracle/none/bin/rman",
        "run-due",
        "--now",
        "2026-11-25 12:35",
    ]);
    assert_eq!(code, 5);
    assert!(
        out.contains("cannot start rman at /opt/oracle/none/bin/rman"),
        "{out}"
    );
    let message = env.only_error_message();
    assert!(
        message.contains("set rman in the profile, --rman PATH or BACKUPCTL_RMAN"),
        "{message}"
    );
}

#[test]
fn the_on_failure_hook_gets_the_run_and_a_failing_hook_is_not_fatal() {
    let env = Env::ticking();
    let seen = env.path().join("hook.txt");
    env.hook(
        &format!(
            "env | grep ^BACKUPCTL_ | sort >> {}\nexit 3\n",
            seen.display()
        ),
        "",
    );
    env.strategy(
        "BAD",
        "C_1",
        "medium",
        "35 12 * * *",
        &["backup tablespace nope;"],
    );
    env.strategy("GOOD", "C_2", "medium", "35 12 * * *", &["backup spfile;"]);
    let (code, _, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 5);
    assert!(
        err.contains("warning: on_failure hook") && err.contains("failed"),
        "{err}"
    );
    let seen = std::fs::read_to_string(seen).unwrap();
    assert!(seen.contains("BACKUPCTL_STRATEGY=BAD"), "{seen}");
    assert!(seen.contains("BACKUPCTL_STATUS=failed"));
    assert!(seen.contains("BACKUPCTL_NODE=node1"));
    assert!(seen.contains("BACKUPCTL_RUN_ID=2026"));
    assert!(seen.contains("BACKUPCTL_MESSAGE=RMAN-03002: failure of backup command"));
    assert!(
        !seen.contains("BACKUPCTL_STRATEGY=GOOD"),
        "success fires no hook"
    );
}

#[test]
fn dry_run_claims_nothing() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    env.strategy("OLD", "C_2", "medium", "0 11 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 10:00"]);
    let (code, out, _) = env.tick(&[
        "run-due",
        "--now",
        "2026-11-25 12:35",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["dry_run"], true);
    let statuses: Vec<(&str, &str)> = json["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["strategy_id"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(statuses, vec![("OLD", "would_miss"), ("S", "would_start")]);
    assert_eq!(env.count("run"), 0);
    assert!(records(&env).is_empty());
    let last: String = env
        .db()
        .query_row("SELECT last_tick FROM node", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        last, "2026-11-25T10:00:00.000000Z",
        "a dry run does not move the last tick"
    );
}

#[test]
fn dead_strategies_and_connections_never_run() {
    let env = Env::ticking();
    env.strategy("DEAD", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    env.strategy(
        "ONDEAD",
        "C_2",
        "medium",
        "35 12 * * *",
        &["backup spfile;"],
    );
    env.db().execute_batch("UPDATE strategy SET alive = 0 WHERE strategy_id = 'DEAD'; UPDATE connection SET alive = 0 WHERE conn_id = 'C_2';").unwrap();
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(env.count("run"), 0);
    let err = env.fails(3, &["run", "DEAD"]);
    assert!(err.contains("not alive"), "{err}");
}

#[test]
fn run_starts_one_strategy_now() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let out = env
        .tick_cmd()
        .args(["run", "S", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"], "succeeded");
    assert_eq!(json["exit_code"], 0);
    let trigger: String = env
        .db()
        .query_row("SELECT run_trigger FROM run", [], |r| r.get(0))
        .unwrap();
    assert_eq!(trigger, "manual");
    let err = env.fails(3, &["run", "NOPE"]);
    assert!(err.contains("unknown strategy \"NOPE\""), "{err}");
    env.strategy(
        "F",
        "C_2",
        "medium",
        "35 12 * * *",
        &["backup tablespace nope;"],
    );
    let (code, out, _) = env.tick(&["run", "F"]);
    assert_eq!(code, 5);
    assert!(
        out.contains("failed") && out.contains("RMAN-06019"),
        "{out}"
    );
}

/// Every process closes the store without a checkpoint, so the next one to open it rebuilds the
/// WAL's index and never starts the WAL over: it grew by every tick's frames without end, each
/// tick reading all of it. A closing process now empties a WAL past 1 MiB.
#[test]
fn the_wal_is_emptied_after_a_large_log_and_stays_small_over_ticks() {
    let env = Env::ticking();
    // About 3 MiB of output, all of it kept (log_limit 16 MiB): more than 1 MiB of WAL.
    env.strategy(
        "BIG",
        "C_1",
        "medium",
        "35 12 * * *",
        &["host 'head -c 3000000 /dev/zero | tr \"\\000\" x | fold -w 99';"],
    );
    let wal = || {
        std::fs::metadata(format!("{}-wal", env.store_path().display()))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    let (code, _, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    assert!(env.log_of("BIG").len() > 2_900_000);
    assert!(
        wal() <= 1 << 20,
        "the WAL holds {} bytes after the run",
        wal()
    );
    for minute in 36..50 {
        let (code, _, err) = env.tick(&["run-due", "--now", &format!("2026-11-25 12:{minute}")]);
        assert_eq!(code, 0, "{err}");
        assert!(wal() <= 1 << 20, "the WAL holds {} bytes", wal());
    }
}

/// 200 MiB of RMAN output: the log stays within log_limit and backupctl's peak memory stays flat.
/// Ignored by default (it moves 200 MiB through a pipe); run it with
/// `cargo test --release --test cli -- --ignored capture_of_200_mib`.
#[test]
#[ignore]
fn capture_of_200_mib_holds_memory_flat() {
    let env = Env::ticking();
    env.write("profile.toml", "log_limit = \"1MiB\"\n");
    env.strategy(
        "HUGE",
        "C_1",
        "medium",
        "35 12 * * *",
        &["host 'head -c 209715200 /dev/zero | tr \"\\000\" x | fold -w 99';"],
    );
    let (code, _, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    let log = env.log_of("HUGE");
    assert!(log.len() <= (1 << 20) + 300, "{}", log.len());
    assert!(log.contains("bytes of output cut here"));
    // SAFETY: getrusage fills the struct it is given.
    let peak_kib = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    };
    eprintln!(
        "peak RSS of the largest child process: {} MiB",
        peak_kib / 1024
    );
    assert!(
        peak_kib < 32 * 1024,
        "peak RSS {peak_kib} KiB for a 1 MiB log limit"
    );
}

/// Ticks in New York at the given instants; returns the runs of one strategy with this cron.
fn new_york_runs(cron: &str, ticks: &[&str]) -> Vec<(String, String)> {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", cron, &["backup spfile;"]);
    for now in ticks {
        let out = env
            .tick_cmd()
            .env("BACKUPCTL_TIMEZONE", "America/New_York")
            .args(["run-due", "--now", now])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    env.runs_of("S")
}

#[test]
fn daylight_saving_gaps_and_folds_run_once() {
    // 2026-03-08: 02:30 does not exist in New York; it fires at 03:00 EDT (07:00Z).
    let gap = new_york_runs(
        "30 2 * * *",
        &[
            "2026-03-08T06:59:00.000000Z",
            "2026-03-08T07:00:00.000000Z",
            "2026-03-08T07:01:00.000000Z",
        ],
    );
    assert_eq!(
        gap,
        vec![(
            "2026-03-08T07:00:00.000000Z".to_string(),
            "succeeded".to_string()
        )]
    );
    // 2026-11-01: 01:30 happens twice (05:30Z EDT, 06:30Z EST); it fires the first time only.
    let fold = new_york_runs(
        "30 1 * * *",
        &[
            "2026-11-01T05:29:00.000000Z",
            "2026-11-01T05:30:00.000000Z",
            "2026-11-01T06:29:00.000000Z",
            "2026-11-01T06:30:00.000000Z",
        ],
    );
    assert_eq!(
        fold,
        vec![(
            "2026-11-01T05:30:00.000000Z".to_string(),
            "succeeded".to_string()
        )]
    );
}

#[test]
fn a_run_records_how_long_it_took_and_the_pieces_rman_wrote() {
    let env = Env::ticking();
    env.strategy(
        "TWO",
        "C_1",
        "high",
        "35 12 * * *",
        &["backup spfile;", "backup current controlfile;"],
    );
    let (code, out, err) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{out}{err}");
    let listed: serde_json::Value = serde_json::from_str(&env.ok(&["logs", "--json"])).unwrap();
    // The stand-in prints one `piece handle=` line per backup, as RMAN does per piece.
    assert_eq!(listed[0]["pieces"], 2, "{listed}");
    assert!(
        listed[0]["duration_secs"].as_i64().unwrap() >= 0,
        "{listed}"
    );
    let table = env.ok(&["logs"]);
    assert!(
        table.contains("pieces") && table.contains("took"),
        "{table}"
    );
}
