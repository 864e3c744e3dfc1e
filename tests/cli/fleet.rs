//! A real master — PostgreSQL, or Oracle when BACKUPCTL_TEST_ORACLE_URL is set — and slave nodes
//! with their own SQLite stores and profiles: pushes, an unreachable master, a push killed
//! half-way, the master's missed-backup check. Skipped, saying so, when neither is set.

use std::process::Stdio;

use crate::pooler::PgBouncer;
use crate::support::{Env, PgSchema, Test};
use crate::tick::{standin, wait_for};

/// The master's store: a PostgreSQL schema of the test's own, or the Oracle test schema emptied
/// for this test (one test at a time, shared with the conformance suite).
pub struct Master {
    pub url: String,
    db: MasterDb,
}

enum MasterDb {
    Postgres(PgSchema),
    /// A database of its own behind a PgBouncer in transaction pooling mode.
    Pooled(PgBouncer),
    Oracle {
        conn: oracle::Connection,
        password: String,
        _turn: std::sync::MutexGuard<'static, ()>,
    },
}

impl Master {
    pub fn new() -> Option<Master> {
        match std::env::var("BACKUPCTL_TEST_ORACLE_URL") {
            Ok(url) if !url.is_empty() => return Some(Master::oracle(url)),
            _ => {}
        }
        let pg = PgSchema::create("the fleet test")?;
        Some(Master {
            url: pg.url.clone(),
            db: MasterDb::Postgres(pg),
        })
    }

    /// A PostgreSQL master behind a PgBouncer in transaction pooling mode (two server
    /// connections).
    pub fn pooled() -> Option<Master> {
        Master::pooled_with(2)
    }

    /// A PostgreSQL master behind a PgBouncer in transaction pooling mode with `servers` server
    /// connections.
    pub fn pooled_with(servers: u32) -> Option<Master> {
        let b = PgBouncer::with_pool("the fleet test through PgBouncer", servers)?;
        Some(Master {
            url: b.url.clone(),
            db: MasterDb::Pooled(b),
        })
    }

    fn oracle(url: String) -> Master {
        let turn = crate::conformance::oracle_turn();
        crate::conformance::reset_oracle(&backupctl::store::StoreUrl::parse(&url).unwrap());
        let password = std::env::var("BACKUPCTL_STORE_PASSWORD")
            .expect("BACKUPCTL_TEST_ORACLE_URL needs BACKUPCTL_STORE_PASSWORD");
        // oracle://USER@HOST:PORT/SERVICE, as the conformance suite takes it.
        let (user, at) = url
            .strip_prefix("oracle://")
            .and_then(|rest| rest.split_once('@'))
            .expect("BACKUPCTL_TEST_ORACLE_URL is oracle://USER@HOST:PORT/SERVICE");
        let conn = oracle::Connection::connect(user, &password, format!("//{at}"))
            .expect("BACKUPCTL_TEST_ORACLE_URL is set but unreachable");
        Master {
            url,
            db: MasterDb::Oracle {
                conn,
                password,
                _turn: turn,
            },
        }
    }

    pub fn count(&self, sql: &str) -> i64 {
        match &self.db {
            MasterDb::Postgres(pg) => pg.client().query_one(sql, &[]).unwrap().get(0),
            MasterDb::Pooled(b) => b.client().query_one(sql, &[]).unwrap().get(0),
            MasterDb::Oracle { conn, .. } => conn
                .query_row_as::<i64>(sql, &[])
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    pub fn exec(&self, sql: &str) {
        match &self.db {
            MasterDb::Postgres(pg) => pg.client().batch_execute(sql).unwrap(),
            MasterDb::Pooled(b) => b.client().batch_execute(sql).unwrap(),
            MasterDb::Oracle { conn, .. } => {
                conn.execute(sql, &[])
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
                conn.commit().unwrap();
            }
        }
    }

    /// A UTC minute as a TIMESTAMP WITH TIME ZONE literal of the master's dialect.
    pub fn at(&self, minute: &str) -> String {
        match &self.db {
            MasterDb::Postgres(_) | MasterDb::Pooled(_) => {
                format!("TIMESTAMPTZ '{minute}:00+00'")
            }
            // SQL Language Reference, "Datetime Literals": TIMESTAMP '… +00:00' is WITH TIME ZONE.
            MasterDb::Oracle { .. } => format!("TIMESTAMP '{minute}:00 +00:00'"),
        }
    }

    /// The master's clock `hours` ago.
    pub fn hours_ago(&self, hours: u32) -> String {
        match &self.db {
            MasterDb::Postgres(_) | MasterDb::Pooled(_) => {
                format!("now() - interval '{hours} hours'")
            }
            MasterDb::Oracle { .. } => format!("SYSTIMESTAMP - INTERVAL '{hours}' HOUR"),
        }
    }

    pub fn has_table(&self, name: &str) -> bool {
        let sql = match &self.db {
            MasterDb::Postgres(_) | MasterDb::Pooled(_) => format!("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{name}'"),
            MasterDb::Oracle { .. } => format!(
                "SELECT COUNT(*) FROM user_tables WHERE table_name = '{}'",
                name.to_uppercase()
            ),
        };
        self.count(&sql) > 0
    }

    /// The variables a node needs to reach this master (and, for the master node, its store).
    pub fn passwords(&self) -> Vec<(&'static str, String)> {
        match &self.db {
            MasterDb::Postgres(_) | MasterDb::Pooled(_) => Vec::new(),
            MasterDb::Oracle { password, .. } => vec![
                ("BACKUPCTL_STORE_PASSWORD", password.clone()),
                ("BACKUPCTL_MASTER_PASSWORD", password.clone()),
            ],
        }
    }
}

/// A node: its own folder and profile, and the passwords its master (or Oracle store) needs.
pub struct Node {
    env: Env,
    vars: Vec<(&'static str, String)>,
}

impl std::ops::Deref for Node {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.env
    }
}

impl Master {
    /// The master node, on this master's store.
    fn master_node(&self) -> Node {
        node("central", "master", Some(&self.url), "", self.passwords())
    }

    /// A slave pushing to this master.
    fn slave(&self, name: &str) -> Node {
        self.slave_of(name, &self.url)
    }

    /// A slave pushing to `master` (which may be down), with this master's passwords at hand.
    fn slave_of(&self, name: &str, master: &str) -> Node {
        node(name, "slave", None, master, self.passwords())
    }
}

/// A node whose store is `store`, or SQLite in its folder.
fn node(
    name: &str,
    role: &str,
    store: Option<&str>,
    master: &str,
    vars: Vec<(&'static str, String)>,
) -> Node {
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
    Node { env, vars }
}

impl Node {
    /// backupctl with this node's profile only (no store or node from the test environment).
    pub fn node_cmd(&self) -> std::process::Command {
        let mut c = self.std_cmd();
        c.env_remove("BACKUPCTL_STORE")
            .env_remove("BACKUPCTL_NODE")
            .env_remove("BACKUPCTL_TIMEZONE")
            .env("BACKUPCTL_PROFILE", self.path().join("profile.toml"))
            .env("STANDIN_RECORD", self.path().join("standin.jsonl"))
            .envs(self.vars.iter().map(|(k, v)| (*k, v.as_str())));
        c
    }

    pub fn as_node(&self, args: &[&str]) -> (i32, String, String) {
        let ran = Test::new(self.node_cmd()).args(args).any_status().run();
        (ran.status, ran.stdout, ran.stderr)
    }

    pub fn node_ok(&self, args: &[&str]) -> String {
        Test::new(self.node_cmd()).args(args).run().stdout
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
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let a = m.slave("db01");
    let b = m.slave("db02");
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
    m.master_node().node_ok(&["install-schema"]);
    let down = "postgres://postgres@127.0.0.1:1/test";
    let s = m.slave_of("db01", down);
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
        .node_cmd()
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
    m.master_node().node_ok(&["install-schema"]);
    let s = m.slave_of("db01", "postgres://postgres@127.0.0.1:1/test");
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
        .node_cmd()
        .env("BACKUPCTL_MASTER", &m.url)
        .args(["push-logs"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the push to reach the master", || {
        m.has_table("run") && m.count("SELECT COUNT(*) FROM run") > 0
    });
    push.kill().unwrap();
    push.wait().unwrap();
    let at_kill = m.count("SELECT COUNT(*) FROM run") + m.count("SELECT COUNT(*) FROM error");
    assert!(
        at_kill < local_runs + local_errors,
        "the push was cut off half-way ({at_kill} rows on the master)"
    );
    let out = s
        .node_cmd()
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
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("S", "*/10 * * * *", "backup spfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:00"]);
    // The master checks up to now − 10 minutes: 12:20 has no run from db01.
    for now in ["2026-11-25 12:30", "2026-11-25 12:31", "2026-11-25 12:32"] {
        master.as_node(&["run-due", "--now", now]);
    }
    // Checked from db01's first pushed tick (12:00, which it ran): 12:10 and 12:20 have no run.
    let missed = "SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'missed' AND run_trigger = 'monitor'";
    assert_eq!(m.count(missed), 2);
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'node db01: S was due at 2026-11-25 12:20 +00:00%'"), 1);
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'node db01: S was due at 2026-11-25 12:10 +00:00%'"), 1);
    // db01 ran it after all (its own catch-up) and pushes: the real run replaces the report.
    s.node_ok(&["run-due", "--now", "2026-11-25 12:20"]);
    assert_eq!(m.count(missed), 0);
    assert_eq!(
        m.count(&format!(
            "SELECT COUNT(*) FROM run WHERE node = 'db01' AND scheduled_for = {}",
            m.at("2026-11-25 12:20")
        )),
        1
    );
    assert_eq!(m.count("SELECT COUNT(*) FROM error WHERE node = 'db01'"), 0);
}

#[test]
fn a_node_that_stops_pushing_is_reported_once() {
    let Some(m) = Master::new() else { return };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("S", "0 3 * * *", "backup spfile;");
    s.node_ok(&["push-logs"]);
    // db01 last pushed two hours ago (a tick cannot run ahead of the clock to get there).
    m.exec(&format!(
        "UPDATE node SET last_seen = {} WHERE node = 'db01'",
        m.hours_ago(2)
    ));
    let (code, out, _) = master.as_node(&["run-due"]);
    assert_eq!(code, 5, "{out}");
    assert!(
        out.contains("node db01 has stopped pushing to the master"),
        "{out}"
    );
    let (code, out, _) = master.as_node(&["run-due"]);
    assert_eq!(code, 0, "{out}");
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
    m.master_node().node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("S1", "*/10 * * * *", "backup spfile;");
    s.define("S2", "*/10 * * * *", "backup current controlfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:00"]);
    // Rows an older backupctl could have stored: a script line longer than the master keeps
    // (refused), and a log holding a NUL byte (stored with it replaced, SPEC §4).
    let refused: i64 = 1;
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
    assert!(!err.contains("warning: the master refused log"), "{err}");
    // Everything else arrived: both 12:10 runs, their logs, the refusals themselves.
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'succeeded'"),
        4
    );
    // (12:00's S1 log is there; its NUL-laden rewrite replaced it, the NUL replaced.)
    assert_eq!(m.count("SELECT COUNT(*) FROM log WHERE node = 'db01'"), 4);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'the master refused %'"),
        refused
    );
    assert_eq!(s.count_where("strategy", "pushed < 0"), 1);
    assert_eq!(s.count_where("log", "pushed < 0"), refused - 1);
    // push-logs tries them again, says so and fails while the master still refuses them.
    let (code, _, err) = s.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{err}");
    let rows = if refused == 1 { "1 row" } else { "2 rows" };
    assert!(err.contains(&format!("the master refused {rows}")), "{err}");
    let (code, _, err) = s.as_node(&["status"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{rows} of node db01 set aside")),
        "{err}"
    );
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
    m.master_node().node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("S", "0 3 * * *", "backup spfile;");
    s.node_ok(&["push-logs"]);
    // Another host took the name db01 first.
    m.exec("UPDATE node SET host = 'db01-old.example.com' WHERE node = 'db01'");
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

#[test]
fn edits_and_removals_reach_the_master_with_the_next_push() {
    let Some(m) = Master::new() else { return };
    m.master_node().node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("KEEP", "*/10 * * * *", "backup spfile;");
    s.define("GONE", "*/10 * * * *", "backup spfile;");
    s.define("PURGED", "*/10 * * * *", "backup spfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:00"]);
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db01'"), 3);

    s.node_ok(&[
        "strategy",
        "edit",
        "KEEP",
        "--name",
        "nightly",
        "--line",
        "backup current controlfile;",
    ]);
    s.node_ok(&["connection", "edit", "C_1", "--privilege", "sysbackup"]);
    s.node_ok(&["strategy", "remove", "GONE"]);
    s.node_ok(&["strategy", "remove", "PURGED", "--purge"]);
    let json: serde_json::Value =
        serde_json::from_str(&s.node_ok(&["push-logs", "--json"])).unwrap();
    assert_eq!(json["pushed"]["removals"], 2, "{json}");
    assert_eq!(json["pending"]["removals"], 0, "{json}");

    assert_eq!(
        m.count("SELECT COUNT(*) FROM strategy WHERE node = 'db01' AND strategy_id = 'KEEP' AND name = 'nightly'"),
        1
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM strategy_line WHERE node = 'db01' AND strategy_id = 'KEEP' AND line = 'backup current controlfile;'"),
        1
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM connection WHERE node = 'db01' AND privilege = 'sysbackup'"),
        1
    );
    // Gone from the master's definitions, so never reported missed; history as the node chose.
    assert_eq!(
        m.count("SELECT COUNT(*) FROM strategy WHERE node = 'db01' AND strategy_id IN ('GONE', 'PURGED')"),
        0
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM frequency WHERE node = 'db01' AND strategy_id IN ('GONE', 'PURGED')"),
        0
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND strategy_id = 'GONE'"),
        1
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND strategy_id = 'PURGED'"),
        0
    );
    let master = m.master_node();
    master.as_node(&["run-due", "--now", "2026-11-25 12:45"]);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'missed' AND strategy_id IN ('GONE', 'PURGED')"),
        0,
        "a removed strategy is never expected"
    );
}

/// A slave whose clock was a day fast for one tick: the master takes its times no later than its
/// own clock, and the minutes the slave gave back reach the master when they really run.
#[test]
fn a_slave_once_a_day_fast_is_judged_by_the_masters_clock_and_its_given_back_minutes_arrive() {
    use chrono::{Duration, Utc};
    let Some(pg) = PgSchema::create("the fast-clock fleet test") else {
        return;
    };
    let master = Env::new();
    master
        .test()
        .env("BACKUPCTL_STORE", &pg.url)
        .args(&["install-schema"])
        .run();
    let real = backupctl::schedule::minute_of(Utc::now());
    let slave = crate::clocked::Clocked::new(&(real - Duration::minutes(2)).to_rfc3339());
    slave.env.write(
        "profile.toml",
        &format!(
            "catch_up = \"15m\"\nrole = \"slave\"\nmaster = \"{}\"\nmaster_timeout = \"20s\"\n",
            pg.url
        ),
    );
    slave
        .env
        .strategy("E", "C_1", "medium", "* * * * *", &["backup spfile;"]);
    let tick_at = |t: chrono::DateTime<Utc>| {
        slave.clock.set(t);
        let result = slave.spawn_tick().join();
        let push = result.push.expect("the tick pushed");
        assert!(push.error.is_none(), "{:?}", push.error);
    };
    tick_at(real - Duration::minutes(2));
    tick_at(real + Duration::days(1));
    let ahead = |sql: &str| -> bool { pg.client().query_one(sql, &[]).unwrap().get(0) };
    assert!(
        ahead("SELECT last_tick <= CURRENT_TIMESTAMP AND last_seen <= CURRENT_TIMESTAMP AND last_check <= CURRENT_TIMESTAMP FROM node WHERE node = 'node1'"),
        "the master took the node's times from the future"
    );
    // The clock set right, then the day after: a minute the fast tick had skipped runs, and the
    // master's record of it is that run, not the skip.
    tick_at(real - Duration::minutes(1));
    let skipped = real + Duration::days(1) - Duration::minutes(5);
    tick_at(skipped);
    let statuses: Vec<String> = pg
        .client()
        .query(
            "SELECT status FROM run WHERE node = 'node1' AND strategy_id = 'E' AND scheduled_for = $1",
            &[&skipped],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(statuses, ["succeeded"]);
    let aside = slave.env.store().set_aside_counts("node1").unwrap().total();
    assert_eq!(aside, 0, "nothing may be refused by the master");
}

/// A log holding a NUL (PostgreSQL's text cannot) reaches the master with it replaced, not set
/// aside.
#[test]
fn a_log_holding_a_nul_reaches_the_master_with_it_replaced() {
    let Some(m) = Master::new() else { return };
    m.master_node().node_ok(&["install-schema"]);
    let a = m.slave("db01");
    a.define("NIGHTLY", "35 12 * * *", "backup spfile;");
    let (code, _, err) = a.as_node(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0, "{err}");
    a.db()
        .execute_batch(
            "UPDATE log SET log = 'before' || char(0) || 'after', pushed = 0; UPDATE run SET pushed = 0;",
        )
        .unwrap();
    let (code, _, err) = a.as_node(&["push-logs"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        m.count("SELECT COUNT(*) FROM log WHERE node = 'db01' AND log LIKE 'before%after'"),
        1
    );
    assert_eq!(a.count_where("log", "pushed = 0"), 0);
}

/// A node silent for hours: the master records every occurrence it missed (for status and the
/// report) and pages once, for the silence; a node that pushes but missed a strategy is paged
/// once per strategy and check, with the strategy's connection.
#[test]
fn a_silent_node_is_one_page_and_its_misses_are_recorded_not_paged() {
    use chrono::{Duration, Utc};
    let Some(m) = Master::new() else { return };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let calls = master.path().join("calls.txt");
    let profile = std::fs::read_to_string(master.path().join("profile.toml")).unwrap();
    master.hook(
        &format!(
            "echo \"$BACKUPCTL_NODE $BACKUPCTL_STRATEGY $BACKUPCTL_STATUS [$BACKUPCTL_CONNECTION]\" >> {}\n",
            calls.display()
        ),
        &profile,
    );
    let s = m.slave("db01");
    s.define("S", "*/10 * * * *", "backup spfile;");
    let then = (Utc::now() - Duration::hours(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    s.node_ok(&["run-due", "--now", &then]);
    // db02 pushes (it was just seen) but ran nothing for three hours.
    let t = m.slave("db02");
    t.define("T", "*/10 * * * *", "backup spfile;");
    t.node_ok(&["run-due", "--now", &then]);
    // db01 last pushed two hours ago.
    m.exec(&format!(
        "UPDATE node SET last_seen = {} WHERE node = 'db01'",
        m.hours_ago(2)
    ));
    let (code, out, err) = master.as_node(&["run-due"]);
    assert_eq!(code, 5, "{out}{err}");
    let missed = m.count(
        "SELECT COUNT(*) FROM run WHERE node = 'db01' AND status = 'missed' AND run_trigger = 'monitor'",
    );
    assert!(missed >= 15, "{missed} misses recorded");
    let text = std::fs::read_to_string(&calls).unwrap_or_default();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("db01 ") && lines[0].contains("silent"),
        "{text}"
    );
    assert_eq!(lines[1], "db02 T missed [C_1]", "{text}");
    // Nagios names the silent node before the strategies it left unrun.
    let (code, out, _) = master.as_node(&["status", "--format", "nagios"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with("BACKUPCTL CRITICAL - run-due is not running: db01 silent, last pushed "),
        "{out}"
    );
    // The table says it first too (on stderr: the table stays a table), and the report opens
    // with it and colours the node's row as a failure; the master's own row has no push.
    let (_, _, err) = master.as_node(&["status"]);
    assert!(
        err.starts_with("warning: run-due is not running: db01 silent, last pushed "),
        "{err}"
    );
    let (code, html, err) = master.as_node(&["report", "--html", "-"]);
    assert_eq!(code, 0, "{err}");
    let body = &html[html.find("<body>").unwrap()..];
    let said = body
        .find("<p id=\"silent\" class=\"silent\">run-due is not running: db01 silent")
        .unwrap_or_else(|| panic!("{body}"));
    assert!(
        said < body.find("Open failures").unwrap(),
        "named first: {body}"
    );
    assert!(
        body.contains("<tr class=\"silent\"><td>db01</td>"),
        "{body}"
    );
    assert!(body.contains("<tr><td>db02</td>"), "db02 pushes: {body}");
    assert!(body.contains("<td>- (this node)</td>"), "{body}");
    // node list: each node's state, its host and last push (none for the master itself).
    let nodes: serde_json::Value =
        serde_json::from_str(&master.node_ok(&["node", "list", "--json"])).unwrap();
    let state = |name: &str| -> (String, bool, bool) {
        let n = nodes
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["node"] == name)
            .unwrap_or_else(|| panic!("no {name}: {nodes}"));
        (
            n["state"].as_str().unwrap().to_string(),
            n["host"].is_string(),
            n["last_push"].is_string(),
        )
    };
    assert_eq!(state("db01"), ("silent".into(), true, true), "{nodes}");
    assert_eq!(state("db02"), ("ok".into(), true, true), "{nodes}");
    assert_eq!(state("central"), ("ok".into(), false, false), "{nodes}");
    // check on the master judges the fleet, not only its own node.
    let (_, out, _) = master.as_node(&["check", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fleet = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "fleet")
        .unwrap_or_else(|| panic!("no fleet item: {out}"));
    assert_eq!(fleet["state"], "failed", "{fleet}");
    let detail = fleet["detail"].as_str().unwrap();
    assert!(
        detail.contains("node db01 silent since") && detail.contains("db02/T: "),
        "{detail}"
    );
    // db01 pushes again: one record and one call, once.
    m.exec("UPDATE node SET last_seen = CURRENT_TIMESTAMP WHERE node = 'db01'");
    for _ in 0..2 {
        let (code, out, err) = master.as_node(&["run-due"]);
        assert!([0, 5].contains(&code), "{out}{err}");
    }
    let text = std::fs::read_to_string(&calls).unwrap_or_default();
    let backs: Vec<&str> = text.lines().filter(|l| l.contains(" back ")).collect();
    assert_eq!(backs, ["db01  back []"], "{text}");
    assert_eq!(
        m.count("SELECT COUNT(*) FROM error WHERE node = 'db01' AND message LIKE 'node db01 pushes again%'"),
        1
    );
}

/// The master shows the fleet's definitions: --node on the listings, in that node's time zone.
#[test]
fn the_master_lists_and_shows_another_nodes_definitions() {
    let Some(m) = Master::new() else { return };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let s = m.slave("db01");
    s.define("NIGHTLY", "35 12 * * *", "backup spfile;");
    s.node_ok(&["push-logs"]);
    // Without --node the master shows its own (none).
    assert_eq!(master.node_ok(&["strategy", "list", "--json"]).trim(), "[]");
    let listed: serde_json::Value =
        serde_json::from_str(&master.node_ok(&["strategy", "list", "--node", "db01", "--json"]))
            .unwrap();
    assert_eq!(listed[0]["strategy_id"], "NIGHTLY", "{listed}");
    let shown = master.node_ok(&["strategy", "show", "NIGHTLY", "--node", "db01"]);
    assert!(shown.contains("backup spfile;"), "{shown}");
    let conns = master.node_ok(&["connection", "list", "--node", "db01", "--json"]);
    assert!(conns.contains("\"C_1\""), "{conns}");
    assert!(master
        .node_ok(&["connection", "show", "C_1", "--node", "db01"])
        .contains("NIGHTLY"));
    assert!(master
        .node_ok(&["schedule", "list", "--node", "db01"])
        .contains("35 12 * * *"));
    let next: serde_json::Value = serde_json::from_str(&master.node_ok(&[
        "schedule",
        "next",
        "--node",
        "db01",
        "--strategy",
        "NIGHTLY",
        "--count",
        "2",
        "--from",
        "2026-11-25",
        "--json",
    ]))
    .unwrap();
    assert_eq!(next[0]["due"], "2026-11-25T12:35:00.000000Z", "{next}");
    assert_eq!(next[0]["node"], "db01", "{next}");
    assert_eq!(next.as_array().unwrap().len(), 2);
    // --all-nodes: every node's, merged, each named.
    let t = m.slave("db02");
    t.define("WEEKLY", "0 1 * * 0", "backup spfile;");
    t.node_ok(&["push-logs"]);
    let listed: serde_json::Value =
        serde_json::from_str(&master.node_ok(&["strategy", "list", "--all-nodes", "--json"]))
            .unwrap();
    let names: Vec<(&str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["node"].as_str().unwrap(),
                s["strategy_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, [("db01", "NIGHTLY"), ("db02", "WEEKLY")], "{listed}");
    let table = master.node_ok(&["connection", "list", "--all-nodes"]);
    assert!(
        table.starts_with("node\tid\t") && table.contains("\ndb02\tC_1\t"),
        "{table}"
    );
    let shown: serde_json::Value = serde_json::from_str(&master.node_ok(&[
        "connection",
        "show",
        "C_1",
        "--all-nodes",
        "--json",
    ]))
    .unwrap();
    assert_eq!(shown.as_array().unwrap().len(), 2, "{shown}");
    let shown = master.node_ok(&["strategy", "show", "WEEKLY", "--all-nodes"]);
    assert!(shown.starts_with("node db02:\n"), "{shown}");
    let next: serde_json::Value = serde_json::from_str(&master.node_ok(&[
        "schedule",
        "next",
        "--all-nodes",
        "--count",
        "3",
        "--from",
        "2026-11-28",
        "--json",
    ]))
    .unwrap();
    let order: Vec<&str> = next
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["node"].as_str().unwrap())
        .collect();
    // Saturday 28th 12:35 (db01), Sunday 01:00 (db02), Sunday 12:35 (db01).
    assert_eq!(order, ["db01", "db02", "db01"], "{next}");
    let listed = master.node_ok(&["schedule", "list", "--all-nodes"]);
    assert!(
        listed.contains("db01\tNIGHTLY") && listed.contains("db02\tWEEKLY"),
        "{listed}"
    );
    let (code, _, err) = master.as_node(&["strategy", "show", "NOPE", "--all-nodes"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("on every node"), "{err}");
    let (code, _, err) = master.as_node(&["strategy", "list", "--node", "db99"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("unknown node \"db99\""), "{err}");
    let (code, _, err) =
        master.as_node(&["schedule", "next", "--node", "db01", "--strategy", "NOPE"]);
    assert_eq!(code, 3, "{err}");
}

/// The fleet through PgBouncer in transaction pooling mode, two server connections for all: the
/// schema installed, eight slaves pushing at once, the master's check, and its reads meanwhile —
/// every statement whole within one transaction (no statement kept by name on a server
/// connection another client gets next), the server-side bounds set per transaction (PgBouncer
/// refuses them in the startup packet).
#[test]
fn the_fleet_works_through_pgbouncer_in_transaction_pooling() {
    let Some(m) = Master::pooled() else { return };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let slaves: Vec<Node> = (1..=8).map(|i| m.slave(&format!("db{i:02}"))).collect();
    for s in &slaves {
        s.define("S", "35 12 * * *", "backup spfile;");
        let (code, out, err) = s.as_node(&["run-due", "--now", "2026-11-25 12:35"]);
        assert_eq!(code, 0, "{out}{err}");
    }
    // All push at once, and again (idempotent), while the master reads.
    for _ in 0..2 {
        let pushing: Vec<_> = slaves
            .iter()
            .map(|s| {
                s.node_cmd()
                    .args(["push-logs", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let (code, out, err) = master.as_node(&["status", "--format", "json"]);
        assert!([0, 5].contains(&code), "{out}{err}");
        for p in pushing {
            let out = p.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE status = 'succeeded'"),
        8
    );
    assert_eq!(m.count("SELECT COUNT(DISTINCT node) FROM strategy"), 8);
    assert_eq!(m.count("SELECT COUNT(*) FROM log"), 8);
    // The master's tick (its check of the fleet), its listings and its report.
    let (code, out, err) = master.as_node(&["run-due"]);
    assert!([0, 5].contains(&code), "{out}{err}");
    let listed: serde_json::Value =
        serde_json::from_str(&master.node_ok(&["strategy", "list", "--all-nodes", "--json"]))
            .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 8, "{listed}");
    // (The check also recorded the days each slave has not run since: they were never pushed.)
    let logs: serde_json::Value = serde_json::from_str(&master.node_ok(&[
        "logs",
        "--json",
        "--limit",
        "0",
        "--status",
        "succeeded",
    ]))
    .unwrap();
    assert_eq!(logs.as_array().unwrap().len(), 8, "{logs}");
    let (code, html, err) = master.as_node(&["report", "--html", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("db08"), "{html}");
    let (code, out, err) = master.as_node(&["check", "--format", "json"]);
    assert!(out.contains("\"store\""), "{code} {out}{err}");
}

/// A master URL may list several hosts, as libpq takes them for a failover pair: with
/// `target_session_attrs=read-write` the push passes over a host that is down and one that only
/// reads (a standby, played by a PgBouncer in front of a read-only database) and reaches the
/// writable one; without it, it stops at the read-only one and says so.
#[test]
fn a_failover_list_of_hosts_reaches_the_writable_one() {
    let Some(m) = Master::new() else { return };
    if !matches!(m.db, MasterDb::Postgres(_)) {
        return; // only PostgreSQL takes a list of hosts
    }
    let base: postgres::Config = std::env::var("BACKUPCTL_TEST_POSTGRES_URL")
        .unwrap()
        .parse()
        .unwrap();
    let Some(standby) =
        PgBouncer::read_only_as("the failover test", base.get_dbname().unwrap_or("postgres"))
    else {
        return;
    };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let down = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // The same URL with the down host and the standby listed first.
    let (scheme, rest) = m.url.split_once("://").unwrap();
    let (user, hosts_and_path) = rest.split_once('@').unwrap();
    let listed = |attrs: &str| {
        format!(
            "{scheme}://{user}@127.0.0.1:{down},127.0.0.1:{},{hosts_and_path}&target_session_attrs={attrs}",
            standby.port
        )
    };
    let s = m.slave_of("db01", &listed("read-write"));
    s.define("S", "35 12 * * *", "backup spfile;");
    s.node_ok(&["run-due", "--now", "2026-11-25 12:35"]);
    let report: serde_json::Value =
        serde_json::from_str(&s.node_ok(&["push-logs", "--json"])).unwrap();
    assert!(report["error"].is_null(), "{report}");
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db01'"), 1);
    // Without the attribute the first host that answers is taken: the standby, which refuses.
    let t = m.slave_of("db02", &listed("any"));
    t.define("T", "35 12 * * *", "backup spfile;");
    t.node_ok(&["run-due", "--now", "2026-11-25 12:35"]);
    let (code, out, err) = t.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{out}{err}");
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db02'"), 0);
}

/// `node grant`: a node's database role reads every row and writes only its node's — its push
/// works, a push under another node's name is refused and set aside, and by SQL it can update,
/// delete or insert no other node's row. (PostgreSQL: row-level security.)
#[test]
fn a_nodes_role_writes_only_that_nodes_rows() {
    let Some(m) = Master::new() else { return };
    let MasterDb::Postgres(pg) = &m.db else {
        return; // row-level security is PostgreSQL's
    };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    // db02's history, pushed before any grant.
    let other = m.slave("db02");
    other.define("T", "35 12 * * *", "backup spfile;");
    other.node_ok(&["run-due", "--now", "2026-11-25 12:35"]);
    other.node_ok(&["push-logs"]);
    let role = format!(
        "bctl_{}",
        backupctl::units::new_id("", chrono::Utc::now())
            .replace('-', "_")
            .to_lowercase()
    );
    let _dropped = DropRole(pg, role.clone());
    m.exec(&format!("CREATE ROLE {role} LOGIN"));
    let printed = master.node_ok(&["node", "grant", "db01", "--role", &role, "--print"]);
    assert!(
        printed.contains("ENABLE ROW LEVEL SECURITY")
            && printed.contains(&format!("'{role}', 'db01'")),
        "{printed}"
    );
    let (_, _, said) = master.as_node(&["node", "grant", "db01", "--role", &role]);
    assert!(
        said.contains("may now write only node db01's rows"),
        "{said}"
    );
    let (scheme, rest) = m.url.split_once("://").unwrap();
    let (_, after_user) = rest.split_once('@').unwrap();
    let as_role = format!("{scheme}://{role}@{after_user}");
    pushes_under_a_grant(&m, &as_role, &m.passwords());
    // By SQL as the role: another node's rows neither change nor go, none is added; its own do.
    let mut c = postgres::Client::connect(&as_role, postgres::NoTls).unwrap();
    let updated = c
        .execute("UPDATE run SET status = 'failed' WHERE node = 'db02'", &[])
        .unwrap();
    let deleted = c
        .execute("DELETE FROM run WHERE node = 'db02'", &[])
        .unwrap();
    assert_eq!((updated, deleted), (0, 0));
    let inserted = c.execute(
        "INSERT INTO run (run_id, node, strategy_id, scheduled_for, status, run_trigger) VALUES ('FORGED', 'db02', 'T', now(), 'succeeded', 'manual')",
        &[],
    );
    let moved = c.execute("UPDATE run SET node = 'db02' WHERE node = 'db01'", &[]);
    for refused in [inserted, moved] {
        let e = refused.expect_err("refused");
        let said = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(said.contains("row-level security"), "{e:?}");
    }
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db02' AND status = 'succeeded'"),
        1
    );
    let own = c
        .execute("UPDATE run SET exit_code = 0 WHERE node = 'db01'", &[])
        .unwrap();
    assert_eq!(own, 1);
    assert!(
        c.execute("DELETE FROM node_grant", &[]).is_err(),
        "its grant is not its own to change"
    );
}

/// Pushes through `as_role`, a master URL logging in as the role granted node db01 (with the
/// variables it needs), after db02's first push: db01's push goes through; one under db02's name is
/// refused, set aside, and changes nothing of db02's on the master.
fn pushes_under_a_grant(m: &Master, as_role: &str, vars: &[(&'static str, String)]) {
    let mine = node("db01", "slave", None, as_role, vars.to_vec());
    mine.define("S", "35 12 * * *", "backup spfile;");
    mine.node_ok(&["run-due", "--now", "2026-11-25 12:35"]);
    let report: serde_json::Value =
        serde_json::from_str(&mine.node_ok(&["push-logs", "--json"])).unwrap();
    assert!(report["error"].is_null(), "{report}");
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db01'"), 1);
    let forged = node("db02", "slave", None, as_role, vars.to_vec());
    forged.define("T", "35 12 * * *", "delete noprompt backup;");
    forged.node_ok(&["run-due", "--now", "2026-11-26 12:35"]);
    let (code, out, err) = forged.as_node(&["push-logs"]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(err.contains("the master refused"), "{err}");
    assert_eq!(m.count("SELECT COUNT(*) FROM run WHERE node = 'db02'"), 1);
    assert_eq!(
        m.count("SELECT COUNT(*) FROM strategy_line WHERE node = 'db02' AND line LIKE 'delete%'"),
        0
    );
}

/// Drops a test's role (and what it was granted) when the test ends.
struct DropRole<'a>(&'a PgSchema, String);

impl Drop for DropRole<'_> {
    fn drop(&mut self) {
        let mut c = self.0.client();
        let _ = c.batch_execute(&format!(
            "DROP OWNED BY {0}; DROP ROLE IF EXISTS {0}",
            self.1
        ));
    }
}

/// `node grant` on an Oracle master: the node's own Oracle user (its URL naming the master's
/// schema) pushes its node's rows; under another node's name it is refused and set aside; by SQL
/// it can update, delete or insert no other node's row (the grant's trigger: ORA-20042). Needs
/// SYSTEM's password to make the user (BACKUPCTL_TEST_ORACLE_SYSTEM_PASSWORD, set in CI).
#[test]
fn an_oracle_nodes_user_writes_only_that_nodes_rows() {
    let Some(m) = Master::new() else { return };
    let MasterDb::Oracle { .. } = &m.db else {
        return; // PostgreSQL: a_nodes_role_writes_only_that_nodes_rows
    };
    let Ok(system_password) = std::env::var("BACKUPCTL_TEST_ORACLE_SYSTEM_PASSWORD") else {
        crate::support::skip_notice(
            "skipping the Oracle node grant test: BACKUPCTL_TEST_ORACLE_SYSTEM_PASSWORD is not set (making a user needs SYSTEM)",
        );
        return;
    };
    let (owner, at) = m
        .url
        .strip_prefix("oracle://")
        .and_then(|rest| rest.split_once('@'))
        .unwrap();
    let owner = owner.to_uppercase();
    let system =
        oracle::Connection::connect("system", &system_password, format!("//{at}")).unwrap();
    let user = "BCTL_NODE_DB01";
    let password = "Node-db01-pw1";
    let _ = system.execute(&format!("DROP USER {user} CASCADE"), &[]);
    system
        .execute(
            &format!("CREATE USER {user} IDENTIFIED BY \"{password}\""),
            &[],
        )
        .unwrap();
    system
        .execute(&format!("GRANT CREATE SESSION TO {user}"), &[])
        .unwrap();
    let _dropped = DropOracleUser(system, user);

    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    let other = m.slave("db02");
    other.define("T", "35 12 * * *", "backup spfile;");
    other.node_ok(&["run-due", "--now", "2026-11-25 12:35"]);
    other.node_ok(&["push-logs"]);
    let (_, _, said) = master.as_node(&["node", "grant", "db01", "--role", user]);
    assert!(
        said.contains("may now write only node db01's rows"),
        "{said}"
    );

    let as_user = format!("oracle://{user}@{at}?schema={owner}");
    pushes_under_a_grant(
        &m,
        &as_user,
        &[("BACKUPCTL_MASTER_PASSWORD", password.to_string())],
    );

    let c = oracle::Connection::connect(user, password, format!("//{at}")).unwrap();
    c.execute(&format!("ALTER SESSION SET CURRENT_SCHEMA = {owner}"), &[])
        .unwrap();
    for sql in [
        "UPDATE run SET status = 'failed' WHERE node = 'db02'",
        "DELETE FROM run WHERE node = 'db02'",
        "INSERT INTO run (run_id, node, strategy_id, scheduled_for, status, run_trigger) VALUES ('FORGED', 'db02', 'T', SYSTIMESTAMP, 'succeeded', 'manual')",
        "UPDATE run SET node = 'db02' WHERE node = 'db01'",
    ] {
        let e = c.execute(sql, &[]).expect_err(sql);
        assert!(e.to_string().contains("ORA-20042"), "{sql}: {e}");
    }
    c.rollback().unwrap();
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE node = 'db02' AND status = 'succeeded'"),
        1
    );
    let own = c
        .execute("UPDATE run SET exit_code = 0 WHERE node = 'db01'", &[])
        .unwrap()
        .row_count()
        .unwrap();
    assert_eq!(own, 1);
    c.commit().unwrap();
    assert!(
        c.execute("DELETE FROM node_grant", &[]).is_err(),
        "its grant is not its own to change"
    );
}

/// Drops a test's Oracle user (and what it owns) when the test ends.
struct DropOracleUser(oracle::Connection, &'static str);

impl Drop for DropOracleUser {
    fn drop(&mut self) {
        let _ = self
            .0
            .execute(&format!("DROP USER {} CASCADE", self.1), &[]);
    }
}

/// A hundred slaves, each its own process with its own SQLite store, tick the same minute and
/// push at once through PgBouncer (20 server connections) while the master answers `status` and
/// `report`: every run on the master exactly once, no push refused or given up.
#[test]
fn a_hundred_slaves_tick_and_push_in_the_same_minute_through_pgbouncer() {
    const NODES: usize = 100;
    let Some(m) = Master::pooled_with(20) else {
        return;
    };
    let master = m.master_node();
    master.node_ok(&["install-schema"]);
    // One slave defined the usual way, copied for the others (each then renamed to its own node).
    let template = m.slave("tmpl");
    template.define("S", "35 12 * * *", "backup spfile;");
    let slaves: Vec<Node> = (0..NODES)
        .map(|i| {
            let name = format!("db{i:03}");
            let s = m.slave(&name);
            // The store with its write-ahead log, where the template's last writes still are.
            std::fs::copy(template.store_path(), s.store_path()).unwrap();
            let wal =
                |p: std::path::PathBuf| std::path::PathBuf::from(format!("{}-wal", p.display()));
            if wal(template.store_path()).exists() {
                std::fs::copy(wal(template.store_path()), wal(s.store_path())).unwrap();
            }
            s.node_ok(&["-q", "node", "rename", "tmpl", &name]);
            s
        })
        .collect();
    let ticking: Vec<_> = slaves
        .iter()
        .map(|s| {
            s.node_cmd()
                .args(["run-due", "--now", "2026-11-25 12:35"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // The master answers meanwhile.
    let (code, out, err) = master.as_node(&["status", "--format", "nagios"]);
    assert!([0, 1, 2].contains(&code), "{out}{err}");
    let (code, _, err) = master.as_node(&["report", "--html", "-"]);
    assert_eq!(code, 0, "{err}");
    for (i, t) in ticking.into_iter().enumerate() {
        let out = t.wait_with_output().unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "db{i:03}: {said}");
        assert!(!said.contains("push to master pending"), "db{i:03}: {said}");
    }
    assert_eq!(
        m.count("SELECT COUNT(*) FROM run WHERE status = 'succeeded'"),
        i64::try_from(NODES).unwrap()
    );
    assert_eq!(
        m.count("SELECT COUNT(DISTINCT node) FROM run"),
        i64::try_from(NODES).unwrap()
    );
    assert_eq!(
        m.count("SELECT COUNT(*) FROM log"),
        i64::try_from(NODES).unwrap()
    );
}
