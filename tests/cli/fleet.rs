//! A real PostgreSQL master and slave nodes with their own SQLite stores and profiles: pushes,
//! an unreachable master, a push killed half-way, the master's missed-backup check.
//! Skipped, saying so, when BACKUPCTL_TEST_POSTGRES_URL is not set.

use std::process::Stdio;

use crate::support::{Env, PgSchema};
use crate::tick::{standin, wait_for};

/// The master's PostgreSQL store, in a schema of the test's own.
pub struct Master {
    pub url: String,
    pg: PgSchema,
}

impl Master {
    pub fn new() -> Option<Master> {
        let pg = PgSchema::create("the fleet test")?;
        Some(Master {
            url: pg.url.clone(),
            pg,
        })
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.pg.client().query_one(sql, &[]).unwrap().get(0)
    }
}

/// A node: its own folder and profile; its store is `store`, or SQLite in its folder.
fn node(name: &str, role: &str, store: Option<&str>, master: &str) -> Env {
    let env = Env::new();
    let store = store
        .map(str::to_string)
        .unwrap_or_else(|| format!("sqlite:{}", env.store_path().display()));
    let master_line = if master.is_empty() {
        String::new()
    } else {
        format!("master = \"{master}\"\n")
    };
    env.write(
        "profile.toml",
        &format!(
            "role = \"{role}\"\nnode = \"{name}\"\nstore = \"{store}\"\n{master_line}timezone = \"UTC\"\nrman = \"{}\"\nmonitor_grace = \"10m\"\n",
            standin().display()
        ),
    );
    env
}

fn slave(name: &str, master: &str) -> Env {
    node(name, "slave", None, master)
}

impl Env {
    /// backupctl with this node's profile only (no store or node from the test environment).
    pub fn as_node(&self, args: &[&str]) -> (i32, String, String) {
        let out = self
            .cmd()
            .env_remove("BACKUPCTL_STORE")
            .env_remove("BACKUPCTL_NODE")
            .env_remove("BACKUPCTL_TIMEZONE")
            .env("BACKUPCTL_PROFILE", self.path().join("profile.toml"))
            .env("STANDIN_RECORD", self.path().join("standin.jsonl"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn node_ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.as_node(args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        out
    }

    fn define(&self, strategy: &str, cron: &str, line: &str) {
        if self.count_local("connection") == 0 {
            self.node_ok(&[
                "add-connection",
                "--id",
                "C_1",
                "--name",
                "db",
                "--instance",
                "XE",
                "--host",
                "h",
            ]);
        }
        self.node_ok(&[
            "add-strategy",
            "--id",
            strategy,
            "--connection",
            "C_1",
            "--line",
            line,
        ]);
        self.node_ok(&["schedule", "add", strategy, "--cron", cron]);
    }

    fn count_local(&self, table: &str) -> i64 {
        if !self.store_path().exists() {
            return 0;
        }
        self.count(table)
    }
}

#[test]
fn runs_logs_errors_and_definitions_of_two_slaves_reach_the_master() {
    let Some(m) = Master::new() else { return };
    let master = node("central", "master", Some(&m.url), "");
    master.node_ok(&["install-schema"]);
    let a = slave("db01", &m.url);
    let b = slave("db02", &m.url);
    a.define("NIGHTLY", "35 12 * * *", "backup spfile;");
    b.define("NIGHTLY", "35 12 * * *", "backup tablespace nope;");
    let (code, _, err) = a.as_node(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = b.as_node(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 5);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'succeeded'"),
        1
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db02' AND status = 'failed'"),
        1
    );
    assert_eq!(m.count("SELECT COUNT(*) FROM log"), 2);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM error WHERE node = 'db02' AND codes LIKE 'RMAN-03002%'"),
        1
    );
    assert_eq!(m.count("SELECT COUNT(*) FROM strategy_line WHERE node = 'db02' AND line = 'backup tablespace nope;'"), 1);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM frequency WHERE cron = '35 12 * * *'"),
        2
    );
    assert_eq!(
        m.count(
            "SELECT COUNT(*) FROM node WHERE node IN ('db01', 'db02') AND last_tick IS NOT NULL"
        ),
        2
    );
    // Nothing is left to push; a second push sends nothing and changes nothing.
    let json: serde_json::Value =
        serde_json::from_str(&a.node_ok(&["push-logs", "--json"])).unwrap();
    assert_eq!(json["pushed"]["runs"], 0);
    assert_eq!(json["pending"]["runs"], 0);
    assert_eq!(m.count("SELECT COUNT(*) FROM run"), 2);
    // A schedule change on the slave reaches the master's copy.
    a.node_ok(&["schedule", "remove", "NIGHTLY", "--all"]);
    a.node_ok(&["push-logs"]);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM frequency WHERE node = 'db01'"),
        0
    );
    // The master lists the fleet.
    let logs: serde_json::Value =
        serde_json::from_str(&master.node_ok(&["logs", "--json"])).unwrap();
    assert_eq!(logs.as_array().unwrap().len(), 2);
}

#[test]
fn with_the_master_down_backups_still_run_and_arrive_later_exactly_once() {
    let Some(m) = Master::new() else { return };
    node("central", "master", Some(&m.url), "").node_ok(&["install-schema"]);
    let down = "postgres://postgres@127.0.0.1:1/test";
    let s = slave("db01", down);
    s.define("S", "*/5 * * * *", "backup spfile;");
    for minute in ["12:35", "12:40"] {
        let (code, out, err) = s.as_node(&["run-due", "--now", &format!("2026-11-25 {minute}")]);
        assert_eq!(
            code, 0,
            "the backup's outcome decides the exit code: {out}{err}"
        );
        assert!(out.contains("succeeded"), "{out}");
        assert!(err.contains("warning: push to master pending"), "{err}");
    }
    let (code, _, err) = s.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("push to postgres://postgres@127.0.0.1:1/test incomplete"),
        "{err}"
    );
    // The master is back (the environment points the slave at it).
    let out = s
        .cmd()
        .env_remove("BACKUPCTL_STORE")
        .env_remove("BACKUPCTL_NODE")
        .env("BACKUPCTL_PROFILE", s.path().join("profile.toml"))
        .env("BACKUPCTL_MASTER", &m.url)
        .args(["push-logs", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["pushed"]["runs"], 2);
    assert_eq!(json["pending"]["runs"], 0);
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db01'"), 2);
    assert_eq!(m.count("SELECT COUNT(*) FROM log WHERE node = 'db01'"), 2);
}

#[test]
fn a_push_killed_half_way_and_run_again_leaves_every_row_once() {
    let Some(m) = Master::new() else { return };
    node("central", "master", Some(&m.url), "").node_ok(&["install-schema"]);
    let s = slave("db01", "postgres://postgres@127.0.0.1:1/test");
    s.define("S", "* * * * *", "backup spfile;");
    s.as_node(&["run-due", "--now", "2026-11-23 12:00"]);
    // Two days of history the master never received: thousands of runs, logs and errors.
    s.db()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2880) \
             INSERT INTO run (run_id, node, strategy_id, scheduled_for, finished_at, status, run_trigger, rev, pushed) \
             SELECT 'R' || i, 'db01', 'S', strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2026-11-23 12:00', '+' || i || ' minutes'), \
                    strftime('%Y-%m-%dT%H:%M:%S.000000Z', '2026-11-23 12:00', '+' || i || ' minutes'), 'failed', 'scheduled', 1, 0 FROM n; \
             INSERT INTO log (run_id, node, strategy_id, moment, log, pushed) \
             SELECT run_id, node, strategy_id, finished_at, 'RMAN-03002: failure of backup command', 0 FROM run WHERE run_id LIKE 'R%'; \
             INSERT INTO error (error_id, run_id, node, strategy_id, moment, message, codes, pushed) \
             SELECT 'E' || run_id, run_id, node, strategy_id, finished_at, 'RMAN-03002: failure of backup command', 'RMAN-03002', 0 FROM run WHERE run_id LIKE 'R%';",
        )
        .unwrap();
    let local_runs = s.count("run");
    let local_errors = s.count("error");
    assert!(local_runs > 2500, "{local_runs}");
    let mut push = s
        .std_cmd()
        .env_remove("BACKUPCTL_STORE")
        .env_remove("BACKUPCTL_NODE")
        .env("BACKUPCTL_PROFILE", s.path().join("profile.toml"))
        .env("BACKUPCTL_MASTER", &m.url)
        .args(["push-logs"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the push to reach the master", || {
        m.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'run'") > 0
            && m.count("SELECT COUNT(*) FROM run") > 0
    });
    push.kill().unwrap();
    push.wait().unwrap();
    let at_kill = m.count("SELECT COUNT(*) FROM run") + m.count("SELECT COUNT(*) FROM error");
    assert!(
        at_kill < local_runs + local_errors,
        "the push was cut off half-way ({at_kill} rows on the master)"
    );
    let out = s
        .cmd()
        .env_remove("BACKUPCTL_STORE")
        .env_remove("BACKUPCTL_NODE")
        .env("BACKUPCTL_PROFILE", s.path().join("profile.toml"))
        .env("BACKUPCTL_MASTER", &m.url)
        .args(["push-logs"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(m.count("SELECT COUNT(*) FROM run"), local_runs);
    assert_eq!(
        m.count("SELECT COUNT(DISTINCT run_id) FROM run"),
        local_runs
    );
    assert_eq!(m.count("SELECT COUNT(*) FROM error"), local_errors);
    assert_eq!(m.count("SELECT COUNT(*) FROM log"), s.count("log"));
}

#[test]
fn the_master_reports_a_missed_occurrence_once_and_a_late_run_replaces_it() {
    let Some(m) = Master::new() else { return };
    let master = node("central", "master", Some(&m.url), "");
    master.node_ok(&["install-schema"]);
    let s = slave("db01", &m.url);
    s.define("S", "*/10 * * * *", "backup spfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:00"]);
    // The master checks up to now − 10 minutes: 12:20 has no run from db01.
    for now in ["2026-11-25 12:30", "2026-11-25 12:31", "2026-11-25 12:32"] {
        master.as_node(&["run-due", "--now", now]);
    }
    // Checked from db01's first pushed tick (12:00, which it ran): 12:10 and 12:20 have no run.
    let missed = "SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'missed' AND run_trigger = 'monitor'";
    assert_eq!(m.count(missed), 2);
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'node db01: S was due at 2026-11-25 12:20 (UTC)%'"), 1);
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'node db01: S was due at 2026-11-25 12:10 (UTC)%'"), 1);
    // db01 ran it after all (its own catch-up) and pushes: the real run replaces the report.
    s.node_ok(&["run-due", "--now", "2026-11-25 12:20"]);
    assert_eq!(m.count(missed), 0);
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND scheduled_for = '2026-11-25 12:20:00+00'"), 1);
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01'"), 0);
}

#[test]
fn a_node_that_stops_pushing_is_reported_once() {
    let Some(m) = Master::new() else { return };
    let master = node("central", "master", Some(&m.url), "");
    master.node_ok(&["install-schema"]);
    let s = slave("db01", &m.url);
    s.define("S", "0 3 * * *", "backup spfile;");
    s.node_ok(&["push-logs"]);
    // db01 last pushed two hours ago (a tick cannot run ahead of the clock to get there).
    m.pg.client()
        .batch_execute("UPDATE node SET last_seen = now() - interval '2 hours' WHERE node = 'db01'")
        .unwrap();
    let (code, out, _) = master.as_node(&["run-due"]);
    assert_eq!(code, 5, "{out}");
    assert!(
        out.contains("node db01 has stopped pushing to the master"),
        "{out}"
    );
    let (_, out, _) = master.as_node(&["run-due"]);
    assert!(!out.contains("stopped pushing"), "reported once: {out}");
    assert_eq!(
        m.count("SELECT COUNT(*) FROM error WHERE message LIKE 'node db01 has stopped pushing%'"),
        1
    );
    let (code, out, _) = master.as_node(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["node"], "db01");
}

#[test]
fn a_row_the_master_refuses_is_set_aside_and_the_rest_arrive() {
    let Some(m) = Master::new() else { return };
    node("central", "master", Some(&m.url), "").node_ok(&["install-schema"]);
    let s = slave("db01", &m.url);
    s.define("S1", "*/10 * * * *", "backup spfile;");
    s.define("S2", "*/10 * * * *", "backup current controlfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:00"]);
    // Rows an older backupctl could have stored: a script line longer than the master keeps,
    // and a log holding a NUL byte.
    s.db()
        .execute_batch(&format!(
            "UPDATE strategy_line SET line = 'backup spfile tag ''{}'';' WHERE strategy_id = 'S2'; \
             UPDATE strategy SET rev = rev + 1, pushed = 0 WHERE strategy_id = 'S2'; \
             UPDATE log SET log = 'piece handle=' || char(0) || 'x', pushed = 0 WHERE strategy_id = 'S1';",
            "x".repeat(5000)
        ))
        .unwrap();
    let (code, out, err) = s.as_node(&["-q", "run-due", "--now", "2026-11-25 12:10"]);
    assert_eq!(code, 0, "the backups decide the exit code: {out}{err}");
    assert!(
        err.contains("warning: the master refused strategy db01/S2"),
        "{err}"
    );
    assert!(err.contains("warning: the master refused log"), "{err}");
    // Everything else arrived: both 12:10 runs, their logs, the refusals themselves.
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'succeeded'"),
        4
    );
    // (12:00's S1 log is there as first pushed; its NUL-laden rewrite is the one refused.)
    assert_eq!(m.count("SELECT COUNT(*) FROM log WHERE node = 'db01'"), 4);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'the master refused %'"),
        2
    );
    assert_eq!(s.count_where("strategy", "pushed < 0"), 1);
    assert_eq!(s.count_where("log", "pushed < 0"), 1);
    // push-logs tries them again, says so and fails while the master still refuses them.
    let (code, _, err) = s.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("the master refused 2 rows"), "{err}");
    let (_, _, err) = s.as_node(&["status"]);
    assert!(err.contains("2 rows of node db01 are set aside"), "{err}");
    // A change to the strategy sends it again, and now it is accepted.
    s.db()
        .execute_batch("UPDATE strategy_line SET line = 'backup spfile;' WHERE strategy_id = 'S2'")
        .unwrap();
    s.node_ok(&["schedule", "add", "S2", "--cron", "5 3 * * *"]);
    s.as_node(&["push-logs"]);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM strategy_line WHERE node = 'db01' AND strategy_id = 'S2'"),
        1
    );
    assert_eq!(s.count_where("strategy", "pushed < 0"), 0);
}

#[test]
fn a_second_host_pushing_under_a_taken_node_name_is_refused() {
    let Some(m) = Master::new() else { return };
    node("central", "master", Some(&m.url), "").node_ok(&["install-schema"]);
    let s = slave("db01", &m.url);
    s.define("S", "0 3 * * *", "backup spfile;");
    s.node_ok(&["push-logs"]);
    // Another host took the name db01 first.
    m.pg.client()
        .batch_execute("UPDATE node SET host = 'db01-old.example.com' WHERE node = 'db01'")
        .unwrap();
    s.db()
        .execute_batch("UPDATE strategy SET rev = rev + 1, pushed = 0")
        .unwrap();
    let (code, _, err) = s.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("the master refuses node name db01 from host")
            && err.contains("host db01-old.example.com pushes under that name"),
        "{err}"
    );
    assert_eq!(
        s.count_where("strategy", "pushed = 0"),
        1,
        "nothing overwritten"
    );
}
