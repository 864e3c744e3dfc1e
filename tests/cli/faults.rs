//! The tick under real schedulers and faults: a tick that keeps ticking through a long backup,
//! limits held across concurrent processes, a master that never answers, a clock ahead or set
//! back, an outage of days, a hung hook, a store locked when a run ends, a closed pipe.

use std::collections::HashMap;
use std::io::Read;
use std::net::TcpListener;
use std::process::Child;
use std::time::{Duration, Instant};

use backupctl::fleet::PushJob;

use crate::clocked::{at, Clocked};
use crate::support::Env;
use crate::tick::{process_alive, records, wait_for, wait_up_to};

/// One RMAN (stand-in) run: the strategy it ran (from its `host '… # NAME'` line), its instance,
/// and when it started and ended.
#[derive(Debug, Clone)]
struct Span {
    strategy: String,
    sid: String,
    start: f64,
    end: f64,
}

fn spans(env: &Env) -> Vec<Span> {
    let recs = records(env);
    let mut by_pid: HashMap<i64, Span> = HashMap::new();
    for r in &recs {
        let pid = r["pid"].as_i64().unwrap();
        let t = r["time"].as_f64().unwrap();
        match r["event"].as_str().unwrap() {
            "start" => {
                by_pid.insert(
                    pid,
                    Span {
                        strategy: String::new(),
                        sid: r["oracle_sid"].as_str().unwrap_or_default().to_string(),
                        start: t,
                        end: f64::INFINITY,
                    },
                );
            }
            "host" => {
                let cmd = r["command"].as_str().unwrap();
                let name = cmd.rsplit('#').next().unwrap().trim().to_string();
                by_pid.get_mut(&pid).unwrap().strategy = name;
            }
            "end" => by_pid.get_mut(&pid).unwrap().end = t,
            _ => {}
        }
    }
    by_pid.into_values().collect()
}

/// The most spans matching `f` that were running at one instant.
fn most_at_once(spans: &[Span], f: impl Fn(&Span) -> bool) -> usize {
    let chosen: Vec<&Span> = spans.iter().filter(|s| f(s)).collect();
    chosen
        .iter()
        .map(|s| {
            chosen
                .iter()
                .filter(|o| o.start <= s.start && s.start < o.end)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// Wait for a child, killing it and failing if it has not exited within `limit` (a hang).
pub fn exits_within(mut child: Child, limit: Duration, what: &str) -> (i32, String, String) {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), out, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not end within {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Env {
    /// backupctl as a tick would run, its output captured, not waited for.
    pub fn spawn_tick(&self, args: &[&str]) -> Child {
        self.tick_test().args(args).spawn()
    }
}

#[test]
fn a_tick_keeps_ticking_while_a_long_backup_runs() {
    let node = Clocked::new("2026-11-25T12:00:58Z");
    let env = &node.env;
    // LONG runs until the test lets it end: nothing here depends on how fast anything runs.
    let long = format!("host '{} # LONG';", env.held());
    env.strategy("LONG", "C_1", "medium", "0 12 * * *", &[&long]);
    env.strategy(
        "NEXT",
        "C_2",
        "medium",
        "1 12 * * *",
        &["host 'true # NEXT';"],
    );
    env.strategy(
        "LATER",
        "C_3",
        "medium",
        "2 12 * * *",
        &["host 'true # LATER';"],
    );
    // A systemd timer, or a task with MultipleInstancesPolicy IgnoreNew, starts no tick while
    // one runs: this one tick, started two seconds before 12:01, is all there is until LONG ends.
    let tick = node.spawn_tick();
    wait_for("LONG to start", || {
        records(env).iter().any(|r| r["event"] == "start")
    });
    for (id, minute) in [("NEXT", "12:01"), ("LATER", "12:02")] {
        node.clock.set(at(&format!("2026-11-25T{minute}:00Z")));
        wait_for(&format!("{id} to succeed while LONG runs"), || {
            env.runs_of(id).first().is_some_and(|r| r.1 == "succeeded")
        });
        assert_eq!(env.runs_of("LONG")[0].1, "running", "LONG ended early");
    }
    env.release();
    let result = tick.join();
    let lines: Vec<(String, String, String)> = result
        .reports
        .iter()
        .map(|r| {
            (
                r.strategy_id.clone(),
                r.scheduled_for.format("%H:%M").to_string(),
                r.status.to_string(),
            )
        })
        .collect();
    let line = |id: &str, at: &str| (id.to_string(), at.to_string(), "succeeded".to_string());
    assert_eq!(
        lines,
        vec![
            line("NEXT", "12:01"),
            line("LATER", "12:02"),
            line("LONG", "12:00")
        ]
    );
    for (id, at) in [("LONG", "12:00"), ("NEXT", "12:01"), ("LATER", "12:02")] {
        assert_eq!(
            env.runs_of(id),
            vec![(format!("2026-11-25T{at}:00.000000Z"), "succeeded".into())],
        );
    }
    assert_eq!(env.count("run"), 3, "nothing missed, nothing twice");
    assert_eq!(
        env.count_where("node", "last_tick = '2026-11-25T12:02:00.000000Z'"),
        1,
        "the tick ticked 12:01 and 12:02 itself"
    );
}

#[test]
fn concurrent_ticks_and_manual_runs_never_exceed_the_limits() {
    let env = Env::ticking();
    env.write(
        "profile.toml",
        "catch_up = \"15m\"\njobs = 2\nper_connection = 1\n",
    );
    let ids = [
        ("A1", "DB_A"),
        ("A2", "DB_A"),
        ("A3", "DB_A"),
        ("B1", "DB_B"),
        ("B2", "DB_B"),
        ("C1", "DB_C"),
    ];
    for (id, conn) in ids {
        let line = format!("host 'sleep 0.5 # {id}';");
        env.strategy(id, conn, "medium", "35 12 * * *", &[&line]);
    }
    let spawn = |args: &[&str]| env.tick_test().args(args).spawn();
    // The node ticked at 12:34, so that every tick below has 12:35 in its window whichever
    // records its own tick first (a node's very first tick considers only its own minute).
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:34"]);
    let mut children = Vec::new();
    for _ in 0..4 {
        children.push(spawn(&["run-due", "--now", "2026-11-25 12:35"]));
    }
    for _ in 0..2 {
        children.push(spawn(&["run-due", "--now", "2026-11-25 12:36"]));
    }
    let manual = ["A1", "B1", "C1"];
    for id in manual {
        children.push(spawn(&["run", id]));
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        let code = out.status.code().unwrap();
        // A manual run of a strategy the tick is running is refused (3); nothing else fails.
        assert!(
            code == 0 || code == 3,
            "exit {code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if code == 3 {
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("is already running"),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let spans = spans(&env);
    assert!(spans.iter().all(|s| s.end.is_finite()), "{spans:?}");
    assert!(most_at_once(&spans, |_| true) <= 2, "jobs = 2: {spans:?}");
    for sid in ["DB_A", "DB_B", "DB_C"] {
        assert_eq!(
            most_at_once(&spans, |s| s.sid == sid),
            1,
            "per_connection = 1 on {sid}: {spans:?}"
        );
    }
    for (id, _) in ids {
        assert_eq!(
            most_at_once(&spans, |s| s.strategy == id),
            1,
            "{id} ran beside itself: {spans:?}"
        );
        let scheduled = env.count_where(
            "run",
            &format!("strategy_id = '{id}' AND run_trigger = 'scheduled'"),
        );
        assert_eq!(scheduled, 1, "{id} at 12:35 claimed once");
        let ran = env.count_where(
            "run",
            &format!("strategy_id = '{id}' AND run_trigger = 'scheduled' AND status = 'succeeded'"),
        );
        if ran == 0 {
            // SPEC §3.3: an occurrence due while the strategy's previous run (here a manual
            // `run`, which won the race) is still running is recorded skipped, not started.
            assert!(
                manual.contains(&id),
                "{id} at 12:35 neither ran nor was held by a manual run"
            );
            let skipped = env.count_where(
                "run",
                &format!(
                    "strategy_id = '{id}' AND run_trigger = 'scheduled' AND status = 'skipped'"
                ),
            );
            let by_hand = env.count_where(
                "run",
                &format!(
                    "strategy_id = '{id}' AND run_trigger = 'manual' AND status = 'succeeded'"
                ),
            );
            assert_eq!(
                (skipped, by_hand),
                (1, 1),
                "{id}: skipped beside its manual run"
            );
        }
    }
    assert_eq!(env.count_where("run", "status = 'running'"), 0);
}

/// A master that accepts every connection and never says a word, as a hung server would: its
/// port, and a message for each connection that arrives.
fn silent_master() -> (u16, std::sync::mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (accepted_tx, accepted) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
            let _ = accepted_tx.send(());
        }
    });
    (port, accepted)
}

/// A slave's push waits for its place in the minute (push_spread, by node name), after its
/// backup has started, so that a fleet's pushes reach the master spread over the minute.
#[test]
fn a_slaves_push_starts_at_its_place_in_the_minute_after_the_backup() {
    let (port, accepted) = silent_master();
    let mut node = Clocked::new("2026-11-25T12:35:00Z");
    node.push_spread = Some("20s".into());
    let place = backupctl::tick::push_offset("node1", std::time::Duration::from_secs(20));
    assert!(
        place > chrono::Duration::seconds(1),
        "node1's place: {place}"
    );
    let env = &node.env;
    env.write(
        "profile.toml",
        &format!(
            "role = \"slave\"\nmaster = \"postgres://backupctl@127.0.0.1:{port}/backups\"\nmaster_timeout = \"20s\"\n"
        ),
    );
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let tick = node.spawn_tick();
    // The backup runs and ends before the push's place comes.
    wait_for("the backup to end", || {
        env.count_where("run", "status = 'succeeded'") == 1
    });
    node.clock.advance(place - chrono::Duration::seconds(1));
    assert!(accepted.try_recv().is_err(), "pushed before its place");
    node.clock.advance(chrono::Duration::seconds(1));
    wait_for("the push at its place", || accepted.try_recv().is_ok());
    node.clock.advance(chrono::Duration::seconds(25));
    let result = tick.join();
    assert!(result.push.and_then(|p| p.error).is_some());
}

#[test]
fn a_master_that_never_answers_is_given_up_and_the_backup_runs() {
    let (port, accepted) = silent_master();
    let node = Clocked::new("2026-11-25T12:35:00Z");
    let env = &node.env;
    // The master's time limit passes on the test's clock, not the wall clock's: the push is
    // given up when the clock says so, never by waiting 20 s.
    env.write(
        "profile.toml",
        &format!(
            "role = \"slave\"\nmaster = \"postgres://backupctl@127.0.0.1:{port}/backups\"\nmaster_timeout = \"20s\"\n"
        ),
    );
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let tick = node.spawn_tick();
    // Each push the tick starts (one after the minute's claims, one after the run's end unless
    // the first came after it) reaches the silent master; the clock then passes its time limit.
    let mut pushes = 0;
    wait_for("the tick to give up the master and end", || {
        if accepted.try_recv().is_ok() {
            pushes += 1;
            node.clock.advance(chrono::Duration::seconds(25));
        }
        tick.is_finished()
    });
    // One push a minute: the run's end does not start a second wait on a master found silent.
    assert_eq!(pushes, 1, "{pushes} pushes");
    let result = tick.join();
    assert_eq!(result.reports.len(), 1);
    assert_eq!(
        (
            result.reports[0].strategy_id.as_str(),
            result.reports[0].status.as_str()
        ),
        ("S", "succeeded")
    );
    let push = result.push.expect("the tick pushed");
    let error = push.error.unwrap_or_default();
    assert!(
        error.contains("did not answer within master_timeout (20s): given up for now"),
        "{error}"
    );
    // What waits is counted, not reported as nothing.
    assert_eq!(
        (
            push.pending.runs,
            push.pending.strategies,
            push.pending.connections
        ),
        (1, 1, 1),
        "{:?}",
        push.pending
    );
    assert_eq!(env.runs_of("S")[0].1, "succeeded");

    // push-logs gives up the same way.
    let profile = node.profile();
    let clock = node.clock.clone();
    let push = std::thread::spawn(move || PushJob::run(&profile, true, clock));
    accepted
        .recv_timeout(Duration::from_secs(30))
        .expect("push-logs to reach the master");
    node.clock.advance(chrono::Duration::seconds(25));
    let report = push.join().unwrap();
    assert!(
        report
            .error
            .as_deref()
            .is_some_and(|e| e.contains("did not answer within master_timeout (20s)")),
        "{:?}",
        report.error
    );
    assert_eq!(report.pending.runs, 1, "{:?}", report.pending);
}

#[test]
fn a_tick_ahead_of_the_clock_is_refused_and_a_clock_set_back_is_survived() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "* * * * *", &["backup spfile;"]);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let err = env.tick(&["run-due", "--now", &tomorrow]).2;
    assert!(
        err.contains("is later than the clock") && err.contains("--dry-run"),
        "{err}"
    );
    assert_eq!(env.tick(&["run-due", "--now", &tomorrow]).0, 3);
    assert_eq!(env.count("run"), 0);
    assert_eq!(env.count_where("node", "last_tick IS NOT NULL"), 0);
    let (code, out, _) = env.tick(&["run-due", "--now", &tomorrow, "--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("would_start"), "{out}");

    // A tick made while the clock was a day ahead (by an older backupctl, or by hand).
    let ahead = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M:00.000000Z")
        .to_string();
    env.db()
        .execute(
            "INSERT OR REPLACE INTO node (node, timezone, last_tick) VALUES ('node1', 'UTC', ?1)",
            [&ahead],
        )
        .unwrap();
    let (code, out, err) = env.tick(&["run-due"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("is ahead of the clock"), "{err}");
    assert!(out.contains("succeeded"), "the due backup ran: {out}");
    let last: String = env
        .db()
        .query_row("SELECT last_tick FROM node", [], |r| r.get(0))
        .unwrap();
    assert!(
        last.as_str()
            <= chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
                .as_str(),
        "the last tick came back to the clock: {last}"
    );
}

#[test]
fn an_outage_of_three_days_gives_one_missed_record_and_one_hook_call_per_strategy() {
    let env = Env::ticking();
    let calls = env.path().join("hook.log");
    env.hook(
        // A call waits until the test lets it end, so that the backups can only have run
        // beside the hooks, not behind them.
        &format!("echo \"$BACKUPCTL_STRATEGY $BACKUPCTL_STATUS $BACKUPCTL_CONNECTION $BACKUPCTL_SCHEDULED_FOR start\" >> {}\n{}\n", calls.display(), env.held()),
        "catch_up = \"15m\"\n",
    );
    env.strategy("S", "C_1", "low", "*/5 * * * *", &["host 'true # S';"]);
    env.strategy("T", "C_2", "high", "*/5 * * * *", &["host 'true # T';"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-20 12:00"]);
    let tick = env.spawn_tick(&["run-due", "--now", "2026-11-23 12:00"]);
    // The due backups end while both hooks still wait.
    wait_for("both backups to end beside the hooks", || {
        ["S", "T"].iter().all(|id| {
            env.runs_of(id)
                .iter()
                .any(|r| r.0 == "2026-11-23T12:00:00.000000Z" && r.1 == "succeeded")
        })
    });
    // Hooks run one after another: the first waits.
    wait_for("the first hook to be called", || {
        std::fs::read_to_string(&calls).is_ok_and(|l| l.lines().count() == 1)
    });
    env.release();
    let (code, out, err) = exits_within(tick, Duration::from_secs(60), "run-due");
    assert_eq!(code, 5, "a missed backup exits 5: {out}{err}");
    for id in ["S", "T"] {
        let runs = env.runs_of(id);
        let status = |s: &str| runs.iter().filter(|r| r.1 == s).count();
        assert_eq!(status("missed"), 1, "{id}: {runs:?}");
        assert_eq!(status("skipped"), 3, "{id}: 11:45, 11:50, 11:55 coalesced");
        assert_eq!(status("succeeded"), 2, "{id}: day one and 12:00");
        let message: String = env
            .db()
            .query_row(
                "SELECT message FROM error WHERE strategy_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(message, format!("{id} missed 860 occurrences, due from 2026-11-20 12:05 +00:00 to 2026-11-23 11:40 +00:00 and was not started: more than catch_up (15m) before the tick at 2026-11-23 12:00 +00:00"));
    }
    let log = std::fs::read_to_string(&calls).unwrap();
    let mut calls: Vec<&str> = log.lines().collect();
    calls.sort_unstable();
    assert_eq!(
        calls,
        [
            "S missed C_1 2026-11-23T11:40:00Z start",
            "T missed C_2 2026-11-23T11:40:00Z start"
        ],
        "one hook call per strategy"
    );
}

#[test]
fn a_hung_hook_is_killed_with_its_children_and_holds_no_backup() {
    let env = Env::ticking();
    let pids = env.path().join("hook-pids");
    env.hook(
        &format!("sleep 300 &\necho $! >> {}\nwait\n", pids.display()),
        "hook_timeout = \"1s\"\n",
    );
    env.strategy(
        "BAD",
        "C_1",
        "medium",
        "35 12 * * *",
        &["backup tablespace nope;"],
    );
    let child = env.spawn_tick(&["run-due", "--now", "2026-11-25 12:35"]);
    let (code, _, err) = exits_within(child, Duration::from_secs(60), "run-due");
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("on_failure hook") && err.contains("was killed after 1s"),
        "{err}"
    );
    let pid: i64 = std::fs::read_to_string(&pids)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    wait_for("the hook's child to be gone", || !process_alive(pid));
}

/// A tick whose backup S (due 12:35 on C_1) ends once the test has locked the store: the tick,
/// and the test's connection holding the lock (`ROLLBACK` frees it).
fn run_ending_under_a_lock(env: &Env) -> (Child, rusqlite::Connection) {
    let line = format!("host '{} # S';", env.held());
    env.strategy("S", "C_1", "medium", "35 12 * * *", &[&line]);
    let child = env.spawn_tick(&["run-due", "--now", "2026-11-25 12:35"]);
    wait_for("rman to start", || {
        records(env).iter().any(|r| r["event"] == "host")
    });
    let db = env.db();
    db.execute_batch("BEGIN EXCLUSIVE").unwrap();
    env.release();
    (child, db)
}

#[test]
fn a_run_that_ends_while_the_store_is_locked_is_recorded_once_it_is_free() {
    let env = Env::ticking();
    // store_timeout bounds SQLite's wait for another process's lock (30 s unless set lower).
    env.write("profile.toml", "store_timeout = \"1s\"\n");
    // Locked past the busy timeout (store_timeout, 1 s) for the moment the run ends.
    let (child, db) = run_ending_under_a_lock(&env);
    let spool = env.path().join("data/backupctl/spool");
    wait_up_to(
        "the run's end to be kept aside",
        Duration::from_secs(90),
        || std::fs::read_dir(&spool).is_ok_and(|mut d| d.next().is_some()),
    );
    db.execute_batch("ROLLBACK").unwrap();
    drop(db);
    let (code, out, err) = exits_within(child, Duration::from_secs(120), "run-due");
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("could not be recorded yet"), "{err}");
    assert_eq!(
        env.runs_of("S"),
        vec![("2026-11-25T12:35:00.000000Z".into(), "succeeded".into())]
    );
    assert!(env.log_of("S").contains("host command complete"));
    assert!(std::fs::read_dir(&spool).unwrap().next().is_none());
    assert_eq!(env.count("error"), 0);
}

#[test]
fn a_listing_piped_into_head_ends_quietly() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "* * * * *", &["backup spfile;"]);
    env.db()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) \
             INSERT INTO run (run_id, node, strategy_id, scheduled_for, finished_at, status, run_trigger) \
             SELECT 'R' || i, 'node1', 'S', strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2026-11-01', '+' || i || ' minutes'), \
                    strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2026-11-01', '+' || i || ' minutes'), 'succeeded', 'scheduled' FROM n;",
        )
        .unwrap();
    for listing in ["logs", "errors", "schedule list"] {
        let script = format!(
            "\"$BCTL\" {listing} --limit 5000 2>/dev/null | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        );
        let script = script.replace("schedule list --limit 5000", "schedule list");
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .envs(env.tick_std().get_envs().filter_map(|(k, v)| Some((k, v?))))
            .env("BCTL", assert_cmd::cargo::cargo_bin("backupctl"))
            .output()
            .unwrap();
        let status = String::from_utf8_lossy(&out.stdout).trim().to_string();
        // 141: ended by SIGPIPE as `ls | head` does; never 101 (a panic).
        assert!(status == "141" || status == "0", "{listing}: {status}");
    }
    let out = std::process::Command::new("bash")
        .args(["-c", "\"$BCTL\" logs --limit 5000 | head -1"])
        .envs(env.tick_std().get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("BCTL", assert_cmd::cargo::cargo_bin("backupctl"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_renamed_host_is_told_why_nothing_runs_and_node_rename_moves_its_definitions() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "40 12 * * *", &["backup spfile;"]);
    let as_new = |args: &[&str]| {
        let out = env
            .tick_cmd()
            .env("BACKUPCTL_NODE", "node1.example.com")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, err) = as_new(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("holds strategies only for node1")
            && err.contains("backupctl node rename node1 node1.example.com"),
        "{err}"
    );
    assert_eq!(env.count("run"), 0);
    let (code, _, err) = as_new(&["node", "rename", "node1", "node1.example.com"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("moved 1 connections, 1 strategies"), "{err}");
    let (code, out, err) = as_new(&["run-due", "--now", "2026-11-25 12:40"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(
        out.contains("S  2026-11-25 12:40 +00:00  succeeded"),
        "{out}"
    );
    assert_eq!(env.count_where("run", "node = 'node1.example.com'"), 1);
    assert_eq!(env.count_where("strategy", "node = 'node1'"), 0);
}

#[test]
fn what_a_tick_with_the_clock_a_day_ahead_recorded_is_given_back_and_runs_when_due() {
    let node = Clocked::new("2026-11-25T13:38:00Z");
    let env = &node.env;
    env.strategy("E", "C_1", "medium", "* * * * *", &["backup spfile;"]);
    node.spawn_tick().join();
    // One tick with the clock a day fast: it records tomorrow's minutes (a coalesced miss, the
    // catch-up's skips, one run).
    node.clock.set(at("2026-11-26T13:39:00Z"));
    node.spawn_tick().join();
    let ahead = |runs: &[(String, String)]| {
        runs.iter()
            .filter(|(t, _)| t.as_str() > "2026-11-25T13:40:00.000000Z")
            .cloned()
            .collect::<Vec<_>>()
    };
    let before = ahead(&env.runs_of("E"));
    assert!(before.iter().any(|(_, s)| s == "skipped"), "{before:?}");
    assert!(before.iter().any(|(_, s)| s == "missed"), "{before:?}");
    // The clock set right: what was recorded for minutes not come yet is given back; the run
    // that did happen keeps its record.
    node.clock.set(at("2026-11-25T13:40:00Z"));
    node.spawn_tick().join();
    let after = ahead(&env.runs_of("E"));
    assert_eq!(
        after,
        vec![(
            "2026-11-26T13:39:00.000000Z".to_string(),
            "succeeded".to_string()
        )],
        "{before:?}"
    );
    assert!(env.runs_of("E").contains(&(
        "2026-11-25T13:40:00.000000Z".to_string(),
        "succeeded".to_string()
    )));
    // Tomorrow, a minute the fast tick had skipped runs.
    node.clock.set(at("2026-11-26T13:30:00Z"));
    node.spawn_tick().join();
    assert!(env.runs_of("E").contains(&(
        "2026-11-26T13:30:00.000000Z".to_string(),
        "succeeded".to_string()
    )));
}

#[test]
fn what_a_running_backup_connects_to_cannot_change_under_it() {
    let env = Env::ticking();
    let line = format!("host '{} # S';", env.held());
    env.strategy("S", "C_1", "medium", "35 12 * * *", &[&line]);
    env.connection("C_2");
    let child = env.spawn_tick(&["run-due", "--now", "2026-11-25 12:35"]);
    wait_for("rman to start", || {
        records(&env).iter().any(|r| r["event"] == "host")
    });
    for args in [
        &["strategy", "edit", "S", "--connection", "C_2"][..],
        &["connection", "edit", "C_1", "--instance", "OTHER"],
        &["connection", "edit", "C_1", "--host", "db9"],
    ] {
        let ran = env
            .test()
            .args(args)
            .status(3)
            .one_line_error()
            .stderr_has("while strategy S is running")
            .run();
        assert!(
            ran.stderr.contains("once the run has ended"),
            "{}",
            ran.stderr
        );
    }
    // A name is not where the backup goes: it may change.
    env.ok(&["connection", "edit", "C_1", "--name", "prod"]);
    assert_eq!(env.count_where("strategy", "connection = 'C_1'"), 1);
    env.release();
    let (code, out, err) = exits_within(child, Duration::from_secs(120), "run-due");
    assert_eq!(code, 0, "{out}{err}");
    env.ok(&["strategy", "edit", "S", "--connection", "C_2"]);
    env.ok(&["connection", "edit", "C_1", "--instance", "OTHER"]);
}

#[test]
fn a_run_whose_end_waits_in_the_spool_holds_no_slot_for_a_manual_run() {
    let env = Env::ticking();
    env.write(
        "profile.toml",
        "store_timeout = \"1s\"\nper_connection = 1\n",
    );
    env.strategy("T", "C_1", "medium", "0 3 * * *", &["backup spfile;"]);
    // The store is locked when S ends, and still when the tick gives up and exits: S's end is
    // in the spool, its row still `running`.
    let (child, db) = run_ending_under_a_lock(&env);
    let (code, out, err) = exits_within(child, Duration::from_secs(120), "run-due");
    db.execute_batch("ROLLBACK").unwrap();
    drop(db);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(env.count_where("run", "status = 'running'"), 1);
    // A manual run on the same connection (per_connection = 1) records S's end and starts.
    let child = env.spawn_tick(&["run", "T"]);
    let (code, out, err) = exits_within(child, Duration::from_secs(60), "run T");
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(env.runs_of("S")[0].1, "succeeded");
    assert_eq!(env.runs_of("T").len(), 1);
}
