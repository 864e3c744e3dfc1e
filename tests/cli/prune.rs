//! prune: old history goes, each strategy's latest success and running runs stay.

use crate::support::Env;

fn seed(env: &Env) {
    env.seed();
    let old = |d: u32| format!("2020-01-{d:02}T02:00:00.000000Z");
    let db = env.db();
    for (id, strategy, at, status) in [
        ("OLD_OK", "EST_1", old(1), "succeeded"),
        ("OLD_FAIL", "EST_1", old(2), "failed"),
        ("LATEST_OK", "EST_1", old(3), "succeeded"),
        ("OLD_FAIL_2", "EST_1", old(4), "failed"),
        ("STILL_RUNNING", "EST_2", old(1), "running"),
        (
            "RECENT",
            "EST_1",
            "2099-01-01T00:00:00.000000Z".to_string(),
            "failed",
        ),
    ] {
        db.execute(
            "INSERT INTO run (run_id, node, strategy_id, scheduled_for, status, run_trigger) VALUES (?1, 'node1', ?2, ?3, ?4, 'scheduled')",
            [id, strategy, at.as_str(), status],
        )
        .unwrap();
        db.execute("INSERT INTO log (run_id, node, strategy_id, moment, log) VALUES (?1, 'node1', ?2, ?3, 'x')", [id, strategy, at.as_str()])
            .unwrap();
        db.execute(
            "INSERT INTO error (error_id, run_id, node, strategy_id, moment, message) VALUES ('E' || ?1, ?1, 'node1', ?2, ?3, 'm')",
            [id, strategy, at.as_str()],
        )
        .unwrap();
    }
}

fn run_ids(env: &Env) -> Vec<String> {
    env.db()
        .prepare("SELECT run_id FROM run ORDER BY run_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn prune_keeps_the_latest_success_and_running_runs() {
    let env = Env::new();
    seed(&env);
    let out = env.ok(&["prune", "--older-than", "30d", "--dry-run"]);
    assert!(
        out.starts_with("would delete 3 runs, 3 logs and 3 errors"),
        "{out}"
    );
    assert_eq!(run_ids(&env).len(), 6, "a dry run deletes nothing");
    let out = env.ok(&["prune", "--older-than", "30d"]);
    assert!(
        out.starts_with("deleted 3 runs, 3 logs and 3 errors"),
        "{out}"
    );
    assert_eq!(run_ids(&env), vec!["LATEST_OK", "RECENT", "STILL_RUNNING"]);
    assert_eq!(env.count("log"), 3);
    assert_eq!(env.count("error"), 3);
    let out = env.ok(&["prune", "--older-than", "30d"]);
    assert!(out.starts_with("deleted 0 runs"), "{out}");
}

#[test]
fn a_slave_keeps_what_its_master_does_not_have() {
    let env = Env::new();
    seed(&env);
    env.db()
        .execute("UPDATE run SET pushed = 1 WHERE run_id = 'OLD_OK'", [])
        .unwrap();
    env.db()
        .execute("UPDATE log SET pushed = 1 WHERE run_id = 'OLD_OK'", [])
        .unwrap();
    env.db()
        .execute("UPDATE error SET pushed = 1 WHERE run_id = 'OLD_OK'", [])
        .unwrap();
    let p = env.write(
        "slave.toml",
        "role = \"slave\"\nmaster = \"postgres://backupctl@central:5432/backups\"\n",
    );
    let out = env.ok(&[
        "--profile",
        p.to_str().unwrap(),
        "prune",
        "--older-than",
        "30d",
    ]);
    assert!(
        out.starts_with("deleted 1 runs, 1 logs and 1 errors"),
        "{out}"
    );
    assert!(!run_ids(&env).contains(&"OLD_OK".to_string()));
    assert!(run_ids(&env).contains(&"OLD_FAIL".to_string()));
}

#[test]
fn prune_needs_a_duration() {
    let env = Env::new();
    let err = env.fails(3, &["prune", "--older-than", "a while"]);
    assert!(
        err.contains("invalid --older-than: invalid duration \"a while\""),
        "{err}"
    );
    env.fails(2, &["prune"]);
}

/// `backupctl_runs_total` is a counter: prune takes back nothing it counted, a run moving on from
/// `running` counts under its new status, and `status --now` leaves out the runs scheduled later.
#[test]
fn runs_total_never_goes_down_and_honours_now() {
    let env = Env::new();
    seed(&env);
    let totals = |now: &str| -> Vec<String> {
        let out = env.ok(&["status", "--format", "prometheus", "--now", now]);
        out.lines()
            .filter(|l| l.starts_with("backupctl_runs_total{"))
            .map(str::to_string)
            .collect()
    };
    let before = totals("2030-01-01 00:00");
    assert_eq!(
        before,
        [
            "backupctl_runs_total{node=\"node1\",status=\"failed\"} 2",
            "backupctl_runs_total{node=\"node1\",status=\"succeeded\"} 2",
        ],
        "RECENT (2099) is after --now; a running run is not counted"
    );
    env.ok(&["prune", "--older-than", "30d"]);
    assert_eq!(
        totals("2030-01-01 00:00"),
        before,
        "prune took nothing back"
    );
    // The run still running ends: it counts, once, under its status.
    env.db()
        .execute_batch("UPDATE run SET status = 'succeeded' WHERE run_id = 'STILL_RUNNING'")
        .unwrap();
    assert_eq!(
        totals("2030-01-01 00:00")[1],
        "backupctl_runs_total{node=\"node1\",status=\"succeeded\"} 3"
    );
    assert_eq!(
        totals("2100-01-01 00:00")[0],
        "backupctl_runs_total{node=\"node1\",status=\"failed\"} 3"
    );
}
