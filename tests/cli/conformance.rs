//! One conformance suite for every store backend: SQLite always; PostgreSQL when
//! BACKUPCTL_TEST_POSTGRES_URL is set (each test in a schema of its own); Oracle when
//! BACKUPCTL_TEST_ORACLE_URL is set (its tables are dropped and re-created, one test at a time).

use std::sync::{Arc, Barrier, Mutex};

use backupctl::schedule::{CronExpr, Rule};
use backupctl::store::{
    self, Claim, Connection, Credential, ErrorFilter, FrequencyRow, IdRequest, Limits, NewError,
    NewRun, Priority, Privilege, RunEnd, RunError, RunFilter, RunStatus, Store, StoreUrl, Strategy,
    Trigger,
};
use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::support::PgSchema;

/// A store for one test, removed afterwards.
pub struct Scratch {
    pub name: &'static str,
    pub url: StoreUrl,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<PgSchema>,
    _oracle_turn: Option<std::sync::MutexGuard<'static, ()>>,
}

impl Scratch {
    pub fn open(&self) -> Store {
        let mut s = store::open_raw(&self.url).unwrap_or_else(|e| panic!("{}: {e:#}", self.name));
        s.install_schema()
            .unwrap_or_else(|e| panic!("{}: {e:#}", self.name));
        s
    }
}

static ORACLE_TURN: Mutex<()> = Mutex::new(());

/// The Oracle test schema, for one test at a time (the conformance suite and the fleet tests).
pub fn oracle_turn() -> std::sync::MutexGuard<'static, ()> {
    ORACLE_TURN.lock().unwrap_or_else(|p| p.into_inner())
}

/// Every backend this machine can test.
pub fn stores() -> Vec<Scratch> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = vec![Scratch {
        name: "sqlite",
        url: StoreUrl::Sqlite(dir.path().join("conformance.db")),
        _dir: Some(dir),
        _pg: None,
        _oracle_turn: None,
    }];
    if let Some(pg) = PgSchema::create("the store conformance suite") {
        out.push(Scratch {
            name: "postgres",
            url: StoreUrl::parse(&pg.url).unwrap(),
            _dir: None,
            _pg: Some(pg),
            _oracle_turn: None,
        });
    }
    match std::env::var("BACKUPCTL_TEST_ORACLE_URL") {
        Ok(url) if !url.is_empty() => {
            let turn = oracle_turn();
            let url = StoreUrl::parse(&url).unwrap();
            reset_oracle(&url);
            out.push(Scratch {
                name: "oracle",
                url,
                _dir: None,
                _pg: None,
                _oracle_turn: Some(turn),
            });
        }
        _ => crate::support::skip_notice(
            "skipping the store conformance suite on Oracle: BACKUPCTL_TEST_ORACLE_URL is not set",
        ),
    }
    out
}

/// Empty the Oracle test schema so each test starts from nothing: every table (with its indexes
/// and triggers), then every PL/SQL unit, view and sequence left; a failure, or a table still there
/// afterwards, stops the test here rather than letting it read an earlier test's rows.
pub fn reset_oracle(url: &StoreUrl) {
    let mut s = store::open_raw(url).expect("BACKUPCTL_TEST_ORACLE_URL is set but unreachable");
    s.exec_ddl(ORACLE_RESET)
        .unwrap_or_else(|e| panic!("cannot empty the Oracle test schema {url}: {e:#}"));
}

/// Tables first (CASCADE CONSTRAINTS: in any order; PURGE: nothing left in the recycle bin), then
/// from a fresh query what outlives them; anything still there raises an error.
const ORACLE_RESET: &str = "DECLARE
    left_over NUMBER;
BEGIN
    FOR t IN (SELECT table_name FROM user_tables WHERE nested = 'NO' AND table_name NOT LIKE 'BIN$%') LOOP
        EXECUTE IMMEDIATE 'DROP TABLE \"' || t.table_name || '\" CASCADE CONSTRAINTS PURGE';
    END LOOP;
    FOR o IN (SELECT object_type, object_name FROM user_objects
              WHERE object_type IN ('VIEW', 'SEQUENCE', 'FUNCTION', 'PROCEDURE', 'PACKAGE', 'TRIGGER')) LOOP
        EXECUTE IMMEDIATE 'DROP ' || o.object_type || ' \"' || o.object_name || '\"';
    END LOOP;
    SELECT COUNT(*) INTO left_over FROM user_objects
    WHERE object_type IN ('TABLE', 'VIEW', 'SEQUENCE', 'FUNCTION', 'PROCEDURE', 'PACKAGE', 'TRIGGER');
    IF left_over > 0 THEN
        RAISE_APPLICATION_ERROR(-20000, left_over || ' objects are left after the reset');
    END IF;
END;";

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, h, m, 0).unwrap()
}

pub fn conn(id: &str) -> Connection {
    Connection {
        node: "n1".into(),
        conn_id: id.into(),
        conn_name: "prod".into(),
        database_instance: "ORCL".into(),
        host: "db1".into(),
        port: 1521,
        credential: Credential::Wallet("PROD".into()),
        alive: true,
        privilege: Privilege::Sysbackup,
        oracle_home: Some("/u01/app/oracle/product/19c/dbhome_1".into()),
        catalog: Some("RCAT".into()),
    }
}

pub fn strategy(id: &str, connection: &str, priority: Priority, lines: &[&str]) -> Strategy {
    Strategy {
        node: "n1".into(),
        strategy_id: id.into(),
        connection: connection.into(),
        priority,
        alive: true,
        timeout_secs: Some(3600),
        name: Some(format!("{id} nightly")),
        max_age_secs: Some(26 * 3600),
        lines: lines.iter().map(|l| l.to_string()).collect(),
    }
}

pub fn run(id: &str, strategy: &str, at: DateTime<Utc>, status: RunStatus) -> NewRun {
    NewRun {
        run_id: id.into(),
        node: "n1".into(),
        strategy_id: strategy.into(),
        scheduled_for: at,
        status,
        trigger: Trigger::Scheduled,
        host: Some("h".into()),
        pid: Some(42),
        owner_lock: Some("/tmp/x.lock".into()),
    }
}

/// The end of a claimed run, without an error.
pub fn ended(r: &NewRun, status: RunStatus, at: DateTime<Utc>) -> RunEnd {
    RunEnd {
        run_id: r.run_id.clone(),
        node: r.node.clone(),
        strategy_id: r.strategy_id.clone(),
        status,
        exit_code: Some(0),
        started_at: r.scheduled_for,
        finished_at: at,
        log: "log".into(),
        error: None,
        warnings: Vec::new(),
        pieces: Some(1),
    }
}

/// A store with connection C_1 and strategy S (lines L1, L2).
pub fn seeded(s: &mut Store) {
    s.add_connection(&conn("C_1"), IdRequest::Given("C_1"), t(0, 0))
        .unwrap();
    s.add_strategy(
        &strategy("S", "C_1", Priority::High, &["L1;", "L2;"]),
        IdRequest::Given("S"),
        &[],
        t(0, 0),
    )
    .unwrap();
}

#[test]
fn the_schema_installs_once_and_then_is_current() {
    for sc in stores() {
        let mut s = store::open_raw(&sc.url).unwrap();
        assert_eq!(s.schema_version().unwrap(), 0, "{}", sc.name);
        let latest = store::latest_version(s.dialect());
        assert_eq!(s.install_schema().unwrap(), (0, latest), "{}", sc.name);
        assert_eq!(s.install_schema().unwrap(), (latest, latest), "{}", sc.name);
        s.require_schema().unwrap();
    }
}

#[test]
fn connections_get_free_ids_and_duplicates_are_refused() {
    for sc in stores() {
        let mut s = sc.open();
        let now = t(12, 0);
        let a = s
            .add_connection(&conn(""), IdRequest::Next { prefix: "C_", now }, now)
            .unwrap();
        let b = s
            .add_connection(&conn(""), IdRequest::Next { prefix: "C_", now }, now)
            .unwrap();
        assert_eq!(a, format!("C_{}", now.timestamp()), "{}", sc.name);
        assert_eq!(b, format!("C_{}", now.timestamp() + 1), "{}", sc.name);
        let err = s
            .add_connection(&conn(""), IdRequest::Given(&a), now)
            .unwrap_err();
        assert_eq!(backupctl::error::exit_code(&err), 3, "{}: {err:#}", sc.name);
        let listed = s.connections("n1").unwrap();
        assert_eq!(listed.len(), 2, "{}", sc.name);
        assert_eq!(listed[0].credential, Credential::Wallet("PROD".into()));
        assert_eq!(s.connection("n1", &b).unwrap().unwrap().port, 1521);
        assert!(
            s.connection("n2", &b).unwrap().is_none(),
            "{}: ids are per node",
            sc.name
        );
    }
}

#[test]
fn the_credential_variables_are_each_named_once_whatever_the_node() {
    for sc in stores() {
        let mut s = sc.open();
        let now = t(12, 0);
        let with = |node: &str, credential: Credential| {
            let mut c = conn("");
            c.node = node.into();
            c.credential = credential;
            c
        };
        for c in [
            with("n1", Credential::Env("RMAN_PROD".into())),
            with("n2", Credential::Env("RMAN_PROD".into())),
            with("n2", Credential::Env("RMAN_DG".into())),
            with("n1", Credential::Wallet("ENV_NOT_A_VAR".into())),
            with("n1", Credential::Os),
        ] {
            s.add_connection(&c, IdRequest::Next { prefix: "C_", now }, now)
                .unwrap();
        }
        assert_eq!(
            s.credential_vars().unwrap(),
            ["RMAN_DG", "RMAN_PROD"],
            "{}",
            sc.name
        );
    }
}

#[test]
fn strategies_keep_their_line_order_and_need_their_connection() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let lines: Vec<String> = (1..=12).map(|i| format!("line {i};")).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let rules = [Rule::At {
            day: -1,
            hour: 2,
            minute: 0,
        }];
        s.add_strategy(
            &strategy("LONG", "C_1", Priority::Low, &refs),
            IdRequest::Given("LONG"),
            &rules,
            t(0, 0),
        )
        .unwrap();
        let got = s.strategy("n1", "LONG").unwrap().unwrap();
        assert_eq!(got.lines, lines, "{}", sc.name);
        assert_eq!(
            (got.priority, got.timeout_secs),
            (Priority::Low, Some(3600))
        );
        assert_eq!(s.frequencies(Some("n1"), Some("LONG")).unwrap().len(), 1);
        let err = s
            .add_strategy(
                &strategy("X", "C_9", Priority::Low, &["a;"]),
                IdRequest::Given("X"),
                &[],
                t(0, 0),
            )
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("unknown connection \"C_9\""),
            "{}: {err:#}",
            sc.name
        );
        assert!(s.strategy("n1", "X").unwrap().is_none());
    }
}

#[test]
fn frequencies_are_added_once_and_removed_all_or_nothing() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let mon = Rule::At {
            day: 1,
            hour: 23,
            minute: 30,
        };
        let cron = Rule::Cron(CronExpr::parse("0 1 * * 1-5").unwrap());
        assert_eq!(
            s.add_frequencies("n1", "S", &[mon.clone(), cron.clone()])
                .unwrap(),
            2,
            "{}",
            sc.name
        );
        assert_eq!(
            s.add_frequencies("n1", "S", std::slice::from_ref(&mon))
                .unwrap(),
            0,
            "{}",
            sc.name
        );
        let tue = Rule::At {
            day: 2,
            hour: 23,
            minute: 30,
        };
        assert!(s
            .remove_frequencies("n1", "S", Some(&[mon.clone(), tue]))
            .is_err());
        assert_eq!(
            s.frequencies(None, Some("S")).unwrap().len(),
            2,
            "{}: nothing removed",
            sc.name
        );
        assert_eq!(s.remove_frequencies("n1", "S", Some(&[cron])).unwrap(), 1);
        assert_eq!(s.remove_frequencies("n1", "S", None).unwrap(), 1);
        assert!(s.frequencies(None, None).unwrap().is_empty());
        assert!(s.add_frequencies("n1", "NOPE", &[mon]).is_err());
    }
}

#[test]
fn live_frequencies_come_by_candidate_minute_and_skip_dead_strategies() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        s.add_strategy(
            &strategy("DEAD", "C_1", Priority::Low, &["a;"]),
            IdRequest::Given("DEAD"),
            &[],
            t(0, 0),
        )
        .unwrap();
        s.add_frequencies(
            "n1",
            "S",
            &[
                Rule::At {
                    day: -1,
                    hour: 12,
                    minute: 35,
                },
                Rule::At {
                    day: 3,
                    hour: 12,
                    minute: 36,
                },
            ],
        )
        .unwrap();
        s.add_frequencies(
            "n1",
            "S",
            &[Rule::At {
                day: 4,
                hour: 12,
                minute: 35,
            }],
        )
        .unwrap();
        s.add_frequencies(
            "n1",
            "S",
            &[Rule::Cron(CronExpr::parse("*/5 * * * *").unwrap())],
        )
        .unwrap();
        s.add_frequencies(
            "n1",
            "DEAD",
            &[Rule::At {
                day: -1,
                hour: 12,
                minute: 35,
            }],
        )
        .unwrap();
        s.set_strategy_alive("n1", "DEAD", false).unwrap();
        // Wednesday (3) 12:35: the every-day rule and the cron; not Thursday's, not 12:36.
        let got = s.live_frequencies("n1", Some(&[(3, 12, 35)])).unwrap();
        let mut keys: Vec<String> = got
            .iter()
            .map(|f| format!("{}:{}", f.strategy_id, f.rule.key()))
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            vec!["S:-1@12:35", "S:cron:*/5 * * * *"],
            "{}",
            sc.name
        );
        assert_eq!(
            s.live_frequencies("n1", None).unwrap().len(),
            4,
            "{}",
            sc.name
        );
    }
}

#[test]
fn an_occurrence_is_claimed_once_even_by_concurrent_ticks() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let url = sc.url.clone();
        let threads = 6;
        let barrier = Arc::new(Barrier::new(threads));
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let url = url.clone();
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let mut s = store::open(&url).unwrap();
                    barrier.wait();
                    s.claim(
                        &mut run(&format!("R{i}"), "S", t(12, 35), RunStatus::Running),
                        None,
                        None,
                        t(12, 35),
                    )
                    .unwrap()
                })
            })
            .collect();
        let won = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|w| *w)
            .count();
        assert_eq!(won, 1, "{}", sc.name);
        assert_eq!(
            s.runs(&RunFilter::default()).unwrap().len(),
            1,
            "{}",
            sc.name
        );
        // A later claim of the same occurrence writes nothing, not even its note or error.
        let again = s
            .claim(
                &mut run("LATE", "S", t(12, 35), RunStatus::Skipped),
                Some("note"),
                Some(NewError {
                    message: "m",
                    codes: &[],
                }),
                t(12, 36),
            )
            .unwrap();
        assert!(!again, "{}", sc.name);
        assert!(
            s.errors(&ErrorFilter::default()).unwrap().is_empty(),
            "{}",
            sc.name
        );
    }
}

#[test]
fn a_run_s_texts_are_kept_within_4000_bytes_cut_on_a_character_boundary() {
    // SPEC §3.7: VARCHAR2(4000) holds 4,000 bytes on a standard Oracle database; a multibyte
    // message of 4,000 characters would fail the run's end (ORA-12899) again at every retry.
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let mut r = run("R1", "S", t(12, 35), RunStatus::Running);
        assert!(s.claim(&mut r, None, None, t(12, 35)).unwrap());
        let message = format!("RMAN-03002: fallo {}", "é".repeat(3000));
        let warning = format!("RMAN-06169: {}", "ü".repeat(400));
        s.finish_run(&RunEnd {
            run_id: r.run_id.clone(),
            node: r.node.clone(),
            strategy_id: r.strategy_id.clone(),
            status: RunStatus::Failed,
            exit_code: Some(1),
            started_at: t(12, 35),
            finished_at: t(12, 40),
            log: "log".into(),
            error: Some(RunError {
                message: message.clone(),
                codes: vec!["RMAN-03002".into()],
            }),
            warnings: vec![warning; 20],
            pieces: None,
        })
        .unwrap_or_else(|e| panic!("{}: {e:#}", sc.name));
        let errs = s.errors(&ErrorFilter::default()).unwrap();
        let stored = &errs[0].message;
        assert!(stored.len() <= 4000, "{}: {} bytes", sc.name, stored.len());
        assert!(stored.starts_with("RMAN-03002: fallo é"), "{}", sc.name);
        assert!(stored.ends_with(" [cut]"), "{}", sc.name);
        let runs = s.runs(&RunFilter::default()).unwrap();
        let warnings: usize = runs[0].warnings.iter().map(|w| w.len() + 1).sum();
        assert!(warnings <= 4001, "{}: {warnings} bytes", sc.name);
        assert!(!runs[0].warnings.is_empty(), "{}", sc.name);
    }
}

/// A log of megabytes (up to `log_limit`, 16 MiB by default) is kept whole, byte for byte:
/// SQLite writes one past 1 MiB in place, and reads it back as the same text.
#[test]
fn a_log_of_megabytes_is_kept_whole() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let mut r = run("R1", "S", t(12, 35), RunStatus::Running);
        assert!(s.claim(&mut r, None, None, t(12, 35)).unwrap());
        let log = "channel ORA_DISK_1: pièce écrite — 𝄞\n".repeat(70_000);
        assert!(log.len() > 2 << 20);
        let mut end = ended(&r, RunStatus::Succeeded, t(12, 40));
        end.log = log.clone();
        s.finish_run(&end)
            .unwrap_or_else(|e| panic!("{}: {e:#}", sc.name));
        let stored = s.run_log(&r.run_id).unwrap();
        assert!(stored.as_deref() == Some(log.as_str()), "{}", sc.name);
    }
}

#[test]
fn a_run_moves_from_claimed_to_finished_with_its_log_and_error() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let mut r = run("R1", "S", t(12, 35), RunStatus::Running);
        assert!(s.claim(&mut r, None, None, t(12, 35)).unwrap());
        let running = s.running_runs("n1").unwrap();
        assert_eq!(running.len(), 1, "{}", sc.name);
        assert_eq!(running[0].owner_lock.as_deref(), Some("/tmp/x.lock"));
        let ran = vec!["L1;".to_string(), "L2;".to_string()];
        s.mark_started(&r.run_id, t(12, 35) + Duration::seconds(1), &ran)
            .unwrap();
        // The run keeps the script it ran, whatever the strategy says later.
        s.update_strategy(
            &strategy("S", "C_1", Priority::High, &["backup database;"]),
            true,
        )
        .unwrap();
        assert_eq!(s.run_script(&r.run_id).unwrap(), Some(ran), "{}", sc.name);
        assert_eq!(s.run_script("nope").unwrap(), None, "{}", sc.name);
        let log = "Recovery Manager\nRMAN-03002: failure\n".repeat(400); // past VARCHAR2 limits
        let codes = vec!["RMAN-03002".to_string(), "ORA-00959".to_string()];
        s.finish_run(&RunEnd {
            run_id: r.run_id.clone(),
            node: r.node.clone(),
            strategy_id: r.strategy_id.clone(),
            status: RunStatus::Failed,
            exit_code: Some(1),
            started_at: t(12, 35),
            finished_at: t(12, 40),
            log: log.clone(),
            error: Some(RunError {
                message: "RMAN-03002: failure".into(),
                codes: codes.clone(),
            }),
            warnings: vec![
                "RMAN-06169: could not read file header for datafile 7 error reason 4".into(),
            ],
            pieces: Some(3),
        })
        .unwrap();
        assert!(s.running_runs("n1").unwrap().is_empty(), "{}", sc.name);
        let runs = s
            .runs(&RunFilter {
                status: Some(RunStatus::Failed),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(runs.len(), 1, "{}", sc.name);
        assert_eq!(runs[0].connection.as_deref(), Some("C_1"));
        assert_eq!(runs[0].exit_code, Some(1));
        // The start RMAN's end reports wins over the claim's mark: what run --json printed is
        // what the store keeps.
        assert_eq!(runs[0].started_at, Some(t(12, 35)));
        assert_eq!(runs[0].finished_at, Some(t(12, 40)));
        assert_eq!(runs[0].pieces, Some(3), "{}", sc.name);
        assert_eq!(runs[0].duration_secs, Some(300), "{}", sc.name);
        assert_eq!(
            runs[0].warnings,
            ["RMAN-06169: could not read file header for datafile 7 error reason 4"],
            "{}",
            sc.name
        );
        assert_eq!(s.run_log("R1").unwrap().unwrap(), log, "{}", sc.name);
        let errs = s
            .errors(&ErrorFilter {
                strategy: Some("S".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(errs[0].codes, codes, "{}", sc.name);
        assert_eq!(errs[0].run_id.as_deref(), Some("R1"));
    }
}

#[test]
fn stale_runs_are_interrupted_once() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        assert!(s
            .claim(
                &mut run("R1", "S", t(12, 35), RunStatus::Running),
                None,
                None,
                t(12, 35)
            )
            .unwrap());
        let r = s.running_runs("n1").unwrap().pop().unwrap();
        assert!(
            s.interrupt_run(&r, "n1", "gone", t(12, 50)).unwrap(),
            "{}",
            sc.name
        );
        assert!(
            !s.interrupt_run(&r, "n1", "gone", t(12, 51)).unwrap(),
            "{}",
            sc.name
        );
        let runs = s.runs(&RunFilter::default()).unwrap();
        assert_eq!(runs[0].status, RunStatus::Interrupted);
        assert_eq!(s.errors(&ErrorFilter::default()).unwrap().len(), 1);
    }
}

#[test]
fn listings_filter_and_order_newest_first() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        for (i, (h, m, st)) in [(10, 0, "missed"), (11, 0, "skipped"), (12, 0, "missed")]
            .iter()
            .enumerate()
        {
            let e = NewError {
                message: "due and not started",
                codes: &[],
            };
            s.claim(
                &mut run(
                    &format!("R{i}"),
                    "S",
                    t(*h, *m),
                    RunStatus::parse(st).unwrap(),
                ),
                Some("note"),
                Some(e),
                t(*h, *m),
            )
            .unwrap();
        }
        let all = s.runs(&RunFilter::default()).unwrap();
        let ids: Vec<&str> = all.iter().map(|r| r.run_id.as_str()).collect();
        assert_eq!(ids, vec!["R2", "R1", "R0"], "{}", sc.name);
        let since = s
            .runs(&RunFilter {
                since: Some(t(11, 0)),
                status: Some(RunStatus::Missed),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(since.len(), 1, "{}", sc.name);
        let limited = s
            .runs(&RunFilter {
                limit: Some(2),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(limited.len(), 2, "{}", sc.name);
        assert_eq!(s.run_log("R1").unwrap().unwrap(), "[backupctl: note]\n");
        let errs = s
            .errors(&ErrorFilter {
                since: Some(t(11, 30)),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(errs.len(), 1, "{}", sc.name);
        assert_eq!(
            s.errors(&ErrorFilter {
                limit: Some(1),
                ..Default::default()
            })
            .unwrap()[0]
                .run_id
                .as_deref(),
            Some("R2")
        );
    }
}

#[test]
fn the_last_tick_only_moves_forward() {
    for sc in stores() {
        let mut s = sc.open();
        assert_eq!(s.last_tick("n1").unwrap(), None);
        s.record_tick("n1", "UTC", t(12, 35), t(12, 35)).unwrap();
        s.record_tick("n1", "UTC", t(12, 30), t(12, 36)).unwrap();
        assert_eq!(s.last_tick("n1").unwrap(), Some(t(12, 35)), "{}", sc.name);
        s.record_tick("n1", "UTC", t(12, 36), t(12, 36)).unwrap();
        assert_eq!(s.last_tick("n1").unwrap(), Some(t(12, 36)), "{}", sc.name);
    }
}

#[test]
fn prune_deletes_old_history_but_keeps_latest_success_and_running_runs() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let e = NewError {
            message: "x",
            codes: &[],
        };
        for (id, h, st) in [
            ("OK_OLD", 1, "succeeded"),
            ("OK_LATEST", 2, "succeeded"),
            ("MISSED", 3, "missed"),
        ] {
            let missed = st == "missed";
            let status = if missed {
                RunStatus::Missed
            } else {
                RunStatus::Running
            };
            let mut r = run(id, "S", t(h, 0), status);
            s.claim(
                &mut r,
                missed.then_some("note"),
                missed.then(|| e.clone()),
                t(h, 0),
            )
            .unwrap();
            if !missed {
                s.finish_run(&ended(&r, RunStatus::Succeeded, t(h, 1)))
                    .unwrap();
            }
        }
        s.claim(
            &mut run("RUNNING", "S", t(4, 0), RunStatus::Running),
            None,
            None,
            t(4, 0),
        )
        .unwrap();
        let dry = s.prune(t(12, 0), false, true).unwrap();
        assert_eq!((dry.runs, dry.logs, dry.errors), (2, 2, 1), "{}", sc.name);
        assert_eq!(
            s.runs(&RunFilter::default()).unwrap().len(),
            4,
            "{}",
            sc.name
        );
        assert_eq!(s.prune(t(12, 0), false, false).unwrap(), dry, "{}", sc.name);
        let mut left: Vec<String> = s
            .runs(&RunFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| r.run_id)
            .collect();
        left.sort();
        assert_eq!(left, vec!["OK_LATEST", "RUNNING"], "{}", sc.name);
        assert!(
            s.errors(&ErrorFilter::default()).unwrap().is_empty(),
            "{}",
            sc.name
        );
    }
}

#[test]
fn a_node_renamed_keeps_its_definitions_and_history_and_a_second_rename_merges() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        s.add_frequencies(
            "n1",
            "S",
            &[Rule::Cron(CronExpr::parse("0 1 * * *").unwrap())],
        )
        .unwrap();
        let mut r = run("R1", "S", t(12, 35), RunStatus::Running);
        s.claim(&mut r, None, None, t(12, 35)).unwrap();
        let mut end = ended(&r, RunStatus::Failed, t(12, 40));
        end.error = Some(RunError {
            message: "RMAN-03002".into(),
            codes: vec!["RMAN-03002".into()],
        });
        s.finish_run(&end).unwrap();
        s.record_tick("n1", "UTC", t(12, 35), t(12, 36)).unwrap();
        let moved = s.rename_node("n1", "n2", t(13, 0)).unwrap();
        assert_eq!(
            (moved.connections, moved.strategies, moved.runs),
            (1, 1, 1),
            "{}",
            sc.name
        );
        assert!(s.strategy("n1", "S").unwrap().is_none(), "{}", sc.name);
        let moved_s = s.strategy("n2", "S").unwrap().unwrap();
        assert_eq!(moved_s.lines, vec!["L1;", "L2;"], "{}", sc.name);
        assert_eq!(
            s.frequencies(Some("n2"), None).unwrap().len(),
            1,
            "{}",
            sc.name
        );
        assert_eq!(s.last_tick("n2").unwrap(), Some(t(12, 35)), "{}", sc.name);
        let runs = s.runs(&RunFilter::default()).unwrap();
        assert_eq!(
            (runs[0].node.as_str(), runs[0].connection.as_deref()),
            ("n2", Some("C_1"))
        );
        assert_eq!(s.errors(&ErrorFilter::default()).unwrap()[0].node, "n2");
        assert_eq!(
            s.pending("n2").unwrap().total(),
            5,
            "{}: all to push again",
            sc.name
        );
        // Again, as when the master answers later: nothing left under n1, nothing changes.
        assert_eq!(
            s.rename_node("n1", "n2", t(13, 1)).unwrap().strategies,
            0,
            "{}",
            sc.name
        );
        assert_eq!(
            s.runs(&RunFilter::default()).unwrap().len(),
            1,
            "{}",
            sc.name
        );
    }
}

#[test]
fn a_node_renamed_keeps_every_field_of_its_definitions() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        let mut plain = conn("C_2");
        (plain.credential, plain.privilege) = (Credential::Os, Privilege::Sysdba);
        (plain.oracle_home, plain.catalog, plain.alive) = (None, None, false);
        s.add_connection(&plain, IdRequest::Given("C_2"), t(0, 0))
            .unwrap();
        let mut bare = strategy("S2", "C_2", Priority::Low, &["BACKUP ARCHIVELOG ALL;"]);
        (bare.name, bare.max_age_secs, bare.timeout_secs) = (None, None, None);
        s.add_strategy(&bare, IdRequest::Given("S2"), &[], t(0, 1))
            .unwrap();
        s.add_frequencies(
            "n1",
            "S",
            &[
                Rule::Cron(CronExpr::parse("0 1 * * *").unwrap()),
                Rule::At {
                    day: 1,
                    hour: 21,
                    minute: 30,
                },
            ],
        )
        .unwrap();
        let before = (
            [
                s.connection("n1", "C_1").unwrap(),
                s.connection("n1", "C_2").unwrap(),
            ],
            [
                s.strategy("n1", "S").unwrap(),
                s.strategy("n1", "S2").unwrap(),
            ],
            s.frequencies(Some("n1"), None).unwrap(),
        );
        s.rename_node("n1", "n2", t(13, 0)).unwrap();
        let after = (
            [
                s.connection("n2", "C_1").unwrap(),
                s.connection("n2", "C_2").unwrap(),
            ],
            [
                s.strategy("n2", "S").unwrap(),
                s.strategy("n2", "S2").unwrap(),
            ],
            s.frequencies(Some("n2"), None).unwrap(),
        );
        let renamed = (
            before.0.map(|c| {
                c.map(|c| Connection {
                    node: "n2".into(),
                    ..c
                })
            }),
            before.1.map(|c| {
                c.map(|c| Strategy {
                    node: "n2".into(),
                    ..c
                })
            }),
            before
                .2
                .into_iter()
                .map(|f| FrequencyRow {
                    node: "n2".into(),
                    ..f
                })
                .collect::<Vec<_>>(),
        );
        assert_eq!(after, renamed, "{}", sc.name);
        assert!(renamed.1[0].as_ref().unwrap().max_age_secs.is_some());
        assert_eq!(renamed.2.len(), 2);
    }
}

#[test]
fn concurrent_claims_to_start_keep_the_limits_and_never_overlap_a_strategy() {
    for sc in stores() {
        let mut s = sc.open();
        s.add_connection(&conn("C_1"), IdRequest::Given("C_1"), t(0, 0))
            .unwrap();
        s.add_connection(&conn("C_2"), IdRequest::Given("C_2"), t(0, 0))
            .unwrap();
        for (id, c) in [
            ("A1", "C_1"),
            ("A2", "C_1"),
            ("A3", "C_1"),
            ("B1", "C_2"),
            ("B2", "C_2"),
        ] {
            s.add_strategy(
                &strategy(id, c, Priority::Medium, &["L1;"]),
                IdRequest::Given(id),
                &[],
                t(0, 0),
            )
            .unwrap();
        }
        s.ensure_node("n1", "UTC").unwrap();
        let limits = Limits {
            jobs: 2,
            per_connection: 1,
        };
        // Eight processes at once, each claiming a strategy (two claim A1) at 12:35.
        let who = ["A1", "A1", "A2", "A3", "B1", "B2", "A2", "B1"];
        let barrier = Arc::new(Barrier::new(who.len()));
        let handles: Vec<_> = who
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let url = sc.url.clone();
                let barrier = Arc::clone(&barrier);
                let id = id.to_string();
                std::thread::spawn(move || {
                    let mut s = store::open(&url).unwrap();
                    let conn = if id.starts_with('A') { "C_1" } else { "C_2" };
                    // Distinct due times for one strategy's claims, so only the limits decide.
                    let mut r = run(
                        &format!("R{i}"),
                        &id,
                        t(12, 35) + Duration::seconds(i as i64),
                        RunStatus::Running,
                    );
                    barrier.wait();
                    s.claim_start(&mut r, conn, limits, t(12, 35)).unwrap()
                })
            })
            .collect();
        let claims: Vec<Claim> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let won = claims.iter().filter(|c| **c == Claim::Claimed).count();
        assert_eq!(won, 2, "{}: {claims:?}", sc.name);
        let running = s.running_runs("n1").unwrap();
        assert_eq!(running.len(), 2, "{}", sc.name);
        let conns: std::collections::HashSet<_> =
            running.iter().map(|r| r.connection.clone()).collect();
        assert_eq!(
            conns.len(),
            2,
            "{}: one per connection: {running:?}",
            sc.name
        );
        // A strategy already running is reported as such, whatever the limits.
        let busy = &running[0];
        let mut again = run("AGAIN", &busy.strategy_id, t(12, 50), RunStatus::Running);
        let roomy = Limits {
            jobs: 9,
            per_connection: 9,
        };
        assert!(
            matches!(
                s.claim_start(&mut again, busy.connection.as_deref().unwrap(), roomy, t(12, 50)).unwrap(),
                Claim::StrategyRunning { ref run_id, .. } if *run_id == busy.run_id
            ),
            "{}",
            sc.name
        );
        // The same occurrence claimed twice is taken, not started twice.
        let mut twin = run(
            "TWIN",
            &busy.strategy_id,
            busy.scheduled_for,
            RunStatus::Running,
        );
        assert_eq!(
            s.claim_start(
                &mut twin,
                busy.connection.as_deref().unwrap(),
                roomy,
                t(12, 50)
            )
            .unwrap(),
            Claim::Taken,
            "{}",
            sc.name
        );
    }
}

#[test]
fn health_reads_each_strategys_latest_runs_as_of_an_instant() {
    for sc in stores() {
        let mut s = sc.open();
        seeded(&mut s);
        // S: succeeded at 1:00, failed at 2:00 (with its warnings), skipped at 3:00, running at 4:00.
        let mut ok = run("R1", "S", t(1, 0), RunStatus::Running);
        s.claim(&mut ok, None, None, t(1, 0)).unwrap();
        s.finish_run(&ended(&ok, RunStatus::Succeeded, t(1, 30)))
            .unwrap();
        let mut bad = run("R2", "S", t(2, 0), RunStatus::Running);
        s.claim(&mut bad, None, None, t(2, 0)).unwrap();
        let mut end = ended(&bad, RunStatus::Failed, t(2, 5));
        end.warnings = vec!["RMAN-06169".into()];
        s.finish_run(&end).unwrap();
        s.claim(
            &mut run("R3", "S", t(3, 0), RunStatus::Skipped),
            Some("still running"),
            None,
            t(3, 0),
        )
        .unwrap();
        s.claim(
            &mut run("R4", "S", t(4, 0), RunStatus::Running),
            None,
            None,
            t(4, 0),
        )
        .unwrap();
        let of = |s: &mut Store, until: DateTime<Utc>| {
            s.health(until - Duration::hours(24), until)
                .unwrap()
                .into_iter()
                .find(|h| h.strategy_id == "S")
                .unwrap()
        };
        // The runs that reached each status per node (a counter: prune takes none back),
        // however the store keeps them.
        let totals = |s: &mut Store| -> Vec<(String, u64)> {
            s.run_totals(t(23, 59))
                .unwrap()
                .into_iter()
                .filter(|(node, _, _)| node == "n1")
                .map(|(_, status, n)| (status, n))
                .collect()
        };
        let counts = |c: &[(&str, u64)]| -> Vec<(String, u64)> {
            c.iter().map(|(st, n)| (st.to_string(), *n)).collect()
        };
        assert_eq!(
            totals(&mut s),
            counts(&[("failed", 1), ("skipped", 1), ("succeeded", 1)]),
            "{}",
            sc.name
        );
        let h = of(&mut s, t(5, 0));
        // Read for S alone, it is the same.
        let alone = s
            .health_of("n1", "S", t(5, 0) - Duration::hours(24), t(5, 0))
            .unwrap()
            .unwrap();
        assert_eq!(format!("{alone:?}"), format!("{h:?}"), "{}", sc.name);
        // And as one of its node's.
        let of_node = s
            .health_of_node("n1", t(5, 0) - Duration::hours(24), t(5, 0))
            .unwrap();
        let mine = of_node.iter().find(|x| x.strategy_id == "S").unwrap();
        assert_eq!(format!("{mine:?}"), format!("{h:?}"), "{}", sc.name);
        assert!(s.health_of_node("n2", t(4, 0), t(5, 0)).unwrap().is_empty());
        assert!(s
            .health_of("n1", "NOPE", t(4, 0), t(5, 0))
            .unwrap()
            .is_none());
        assert_eq!(h.name.as_deref(), Some("S nightly"), "{}", sc.name);
        assert_eq!(h.max_age_secs, Some(26 * 3600), "{}", sc.name);
        assert!(h.alive, "{}", sc.name);
        let last = h.last_run.unwrap();
        assert_eq!(
            (last.run_id.as_str(), last.status.as_str()),
            ("R4", "running"),
            "{}",
            sc.name
        );
        let finished = h.last_finished.unwrap();
        assert_eq!(finished.run_id, "R2", "{}", sc.name);
        assert_eq!(finished.duration_secs, Some(300), "{}", sc.name);
        assert!(
            finished.warnings.unwrap().contains("RMAN-06169"),
            "{}",
            sc.name
        );
        assert_eq!(h.last_success_at, Some(t(1, 0)), "{}", sc.name);
        assert_eq!((h.failures, h.misses), (1, 0), "{}", sc.name);
        // As of 1:30 nothing later counts: the success is the latest of everything.
        let h = of(&mut s, t(1, 30));
        assert_eq!(h.last_run.unwrap().run_id, "R1", "{}", sc.name);
        assert_eq!(h.last_finished.unwrap().run_id, "R1", "{}", sc.name);
        assert_eq!(h.last_success_at, Some(t(1, 0)), "{}", sc.name);
        assert_eq!(h.failures, 0, "{}", sc.name);
        // Before any run: nothing.
        let h = of(&mut s, t(0, 30));
        assert!(
            h.last_run.is_none() && h.last_success_at.is_none(),
            "{}",
            sc.name
        );
        // Pruned up to 3:30 (the latest success and the running run stay): the failure is gone, so
        // the success is the latest finished run again.
        s.prune(t(3, 30), false, false).unwrap();
        let h = of(&mut s, t(5, 0));
        assert_eq!(h.last_run.unwrap().run_id, "R4", "{}", sc.name);
        assert_eq!(h.last_finished.unwrap().run_id, "R1", "{}", sc.name);
        // The running run ends: it is the latest of every kind.
        let r4 = run("R4", "S", t(4, 0), RunStatus::Running);
        s.finish_run(&ended(&r4, RunStatus::Succeeded, t(4, 9)))
            .unwrap();
        let h = of(&mut s, t(5, 0));
        assert_eq!(h.last_finished.unwrap().run_id, "R4", "{}", sc.name);
        assert_eq!(h.last_success_at, Some(t(4, 0)), "{}", sc.name);
        assert_eq!(
            totals(&mut s),
            counts(&[("failed", 1), ("skipped", 1), ("succeeded", 2)]),
            "pruned, then ended: {}",
            sc.name
        );
        // Removed with its history, then added again: nothing to read.
        s.remove_strategy("n1", "S", true, t(5, 0)).unwrap();
        s.add_strategy(
            &strategy("S", "C_1", Priority::High, &["L1;"]),
            IdRequest::Given("S"),
            &[],
            t(5, 0),
        )
        .unwrap();
        let h = of(&mut s, t(6, 0));
        assert!(
            h.last_run.is_none() && h.last_success_at.is_none(),
            "{}",
            sc.name
        );
        assert_eq!(
            totals(&mut s),
            counts(&[("failed", 1), ("skipped", 1), ("succeeded", 2)]),
            "purged, and still counted: {}",
            sc.name
        );
    }
}

#[test]
fn concurrent_runs_of_one_strategy_never_fail_on_the_summary_and_leave_it_right() {
    // Writers in several sessions claim and end runs of the same strategy at once (a tick, a
    // manual run, the master's missed report): the triggers that keep each strategy's latest runs
    // and the counts must never make one of them fail, and must end where a recount ends.
    for sc in stores() {
        seeded(&mut sc.open());
        let threads = 4;
        let per_thread = 15;
        let barrier = Arc::new(Barrier::new(threads));
        let url = Arc::new(sc.url.clone());
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let (barrier, url) = (barrier.clone(), url.clone());
                std::thread::spawn(move || {
                    let mut s = store::open_raw(&url).unwrap();
                    barrier.wait();
                    for i in 0..per_thread {
                        // Interleaved in time across the threads, so the latest moves back and forth.
                        let at = t(1, 0) + Duration::minutes((i * threads + k) as i64);
                        let mut r = run(&format!("C{k}_{i}"), "S", at, RunStatus::Running);
                        s.claim(&mut r, None, None, at).unwrap();
                        let status = if i % 3 == 0 {
                            RunStatus::Failed
                        } else {
                            RunStatus::Succeeded
                        };
                        s.finish_run(&ended(&r, status, at + Duration::seconds(30)))
                            .unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join()
                .unwrap_or_else(|_| panic!("{}: a writer failed", sc.name));
        }
        let mut s = sc.open();
        let until = t(12, 0);
        let h = s
            .health(until - Duration::hours(24), until)
            .unwrap()
            .into_iter()
            .find(|h| h.strategy_id == "S")
            .unwrap();
        // The last of all: thread 3's 15th run (i = 14, k = 3), which succeeded.
        let last = t(1, 0) + Duration::minutes((14 * threads + 3) as i64);
        let latest = h.last_run.unwrap();
        assert_eq!(
            (latest.run_id.as_str(), latest.scheduled_for),
            ("C3_14", Some(last)),
            "{}",
            sc.name
        );
        assert_eq!(h.last_finished.unwrap().run_id, "C3_14", "{}", sc.name);
        assert_eq!(h.last_success_at, Some(last), "{}", sc.name);
        // i = 0, 3, 6, 9, 12 failed in each thread.
        assert_eq!(h.failures, 5 * threads as u64, "{}", sc.name);
        let totals: Vec<(String, u64)> = s
            .run_totals(until)
            .unwrap()
            .into_iter()
            .map(|(_, status, n)| (status, n))
            .collect();
        let failed = 5 * threads as u64;
        let succeeded = (per_thread * threads) as u64 - failed;
        assert_eq!(
            totals,
            vec![
                ("failed".to_string(), failed),
                ("succeeded".to_string(), succeeded)
            ],
            "{}",
            sc.name
        );
    }
}

#[test]
fn postgres_summary_triggers_work_whatever_the_writers_search_path() {
    // The schema's functions pin their search_path: a session that names the tables by schema,
    // with its own search_path elsewhere, still keeps the summary.
    let Some(pg) = PgSchema::create("the summary's search_path test") else {
        return;
    };
    let mut s = store::open_raw(&StoreUrl::parse(&pg.url).unwrap()).unwrap();
    s.install_schema().unwrap();
    seeded(&mut s);
    let mut c = pg.client();
    c.batch_execute("SET search_path = public").unwrap();
    let schema: String = pg.url.rsplit("%3D").next().unwrap().to_string();
    c.batch_execute(&format!(
        "INSERT INTO {schema}.run (run_id, node, strategy_id, scheduled_for, status, run_trigger) \
         VALUES ('X1', 'n1', 'S', TIMESTAMPTZ '2026-11-25 01:00:00+00', 'running', 'manual'); \
         UPDATE {schema}.run SET status = 'succeeded', finished_at = scheduled_for WHERE run_id = 'X1'"
    ))
    .unwrap();
    let rows: Vec<(String, String)> = c
        .query(
            &format!("SELECT kind, run_id FROM {schema}.run_latest ORDER BY kind"),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let want: Vec<(String, String)> = ["ended", "run", "success"]
        .iter()
        .map(|k| (k.to_string(), "X1".to_string()))
        .collect();
    assert_eq!(rows, want);
    let n: i64 = c
        .query_one(
            &format!("SELECT n FROM {schema}.run_tally WHERE status = 'succeeded'"),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

/// The reset reaches Oracle as one PL/SQL block, `END;` included (without it: PLS-00103).
#[cfg(feature = "oracle")]
#[test]
fn the_oracle_reset_is_sent_as_one_whole_block() {
    let stmts = backupctl::store::oracle::split_statements(ORACLE_RESET);
    assert_eq!(stmts, vec![ORACLE_RESET.trim().to_string()]);
    assert!(stmts[0].ends_with("END;"));
}

/// A time the server wrote in another zone (a DBA's UPDATE, a default in the session's zone) is
/// read as the instant it is, offset included.
#[test]
fn a_time_stored_with_another_offset_reads_as_the_same_instant() {
    for sc in stores() {
        let mut s = sc.open();
        s.record_tick("n1", "UTC", t(12, 0), t(12, 1)).unwrap();
        let literal = match s.dialect() {
            store::Dialect::Sqlite => "'2026-11-25T14:35:00+02:00'",
            store::Dialect::Postgres => "TIMESTAMPTZ '2026-11-25 14:35:00+02:00'",
            store::Dialect::Oracle => "TIMESTAMP '2026-11-25 14:35:00 +02:00'",
        };
        s.exec_ddl(&format!(
            "UPDATE node SET last_tick = {literal} WHERE node = 'n1'"
        ))
        .unwrap();
        assert_eq!(s.last_tick("n1").unwrap(), Some(t(12, 35)), "{}", sc.name);
    }
}

/// A full disk: the store takes no run end whole and the spool takes nothing. The end is kept
/// with the tail of its log, status, exit code and all; when nothing takes even that, it fails
/// saying so.
#[test]
fn a_run_end_on_a_full_disk_is_kept_with_the_tail_of_its_log() {
    use backupctl::runner::{keep_end, Kept};
    let dir = tempfile::tempdir().unwrap();
    let url = StoreUrl::parse(&format!("sqlite:{}", dir.path().join("s.db").display())).unwrap();
    let mut s = store::open_raw(&url).unwrap();
    s.install_schema().unwrap();
    seeded(&mut s);
    let mut r = run("R1", "S", t(12, 35), RunStatus::Running);
    s.claim(&mut r, None, None, t(12, 35)).unwrap();
    let mut end = ended(&r, RunStatus::Succeeded, t(12, 40));
    end.log = "channel ORA_DISK_1: starting piece 1\n".repeat(40_000);
    end.log.push_str("Recovery Manager complete.\n");
    // A spool that cannot be written (its folder is a file), and a database with room for
    // about 160 KiB more: SQLite says SQLITE_FULL past max_page_count, as on a full disk.
    let blocked = dir.path().join("spool");
    std::fs::write(&blocked, "").unwrap();
    let spool = backupctl::spool::Spool::new(blocked.join("x"));
    let pages: i64 = rusqlite::Connection::open(dir.path().join("s.db"))
        .unwrap()
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap();
    s.exec_ddl(&format!("PRAGMA max_page_count = {}", pages + 40))
        .unwrap();
    assert_eq!(
        keep_end(&mut s, &spool, &end).unwrap(),
        Kept::Tail { spooled: false }
    );
    let runs = s.runs(&RunFilter::default()).unwrap();
    assert_eq!(runs[0].status, RunStatus::Succeeded);
    let log = s.run_log("R1").unwrap().unwrap_or_default();
    assert!(
        log.starts_with("[backupctl: no room to keep this log whole"),
        "{}",
        &log[..80]
    );
    assert!(log.ends_with("Recovery Manager complete.\n"));
    assert!(log.len() < 70 << 10, "{}", log.len());
    // No room at all: said, nothing half-written.
    let mut r2 = run("R2", "S", t(12, 45), RunStatus::Running);
    s.claim(&mut r2, None, None, t(12, 45)).unwrap();
    let pages: i64 = rusqlite::Connection::open(dir.path().join("s.db"))
        .unwrap()
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap();
    s.exec_ddl(&format!("PRAGMA max_page_count = {pages}"))
        .unwrap();
    let mut end2 = ended(&r2, RunStatus::Succeeded, t(12, 50));
    end2.log = "x".repeat(200_000);
    let err = keep_end(&mut s, &spool, &end2).unwrap_err();
    assert!(
        format!("{err:#}").contains("could be kept neither in the store nor in the spool"),
        "{err:#}"
    );
}
