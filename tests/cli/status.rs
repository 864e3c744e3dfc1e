//! status in every format, on a standalone node's store.

use crate::support::Env;

fn node_with_history() -> Env {
    let env = Env::ticking();
    env.strategy("GOOD", "C_1", "high", "0 2 * * *", &["backup spfile;"]);
    env.strategy(
        "BAD",
        "C_2",
        "low",
        "0 3 * * *",
        &["backup tablespace nope;"],
    );
    env.tick(&["run-due", "--now", "2026-11-25 02:00"]);
    env.tick(&["run-due", "--now", "2026-11-25 03:00"]);
    env
}

#[test]
fn the_table_and_json_show_last_runs_failures_and_next_due() {
    let env = node_with_history();
    let (code, out, _) = env.tick(&["status", "--format", "json", "--now", "2026-11-25 03:05"]);
    assert_eq!(code, 5, "a failure in the last 24 h: {out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let bad = json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["strategy_id"] == "BAD")
        .unwrap();
    assert_eq!(bad["last_status"], "failed");
    assert_eq!(bad["failures_24h"], 1);
    assert_eq!(bad["missed_24h"], 0);
    assert_eq!(bad["next_due"], "2026-11-26T03:00:00Z");
    assert!(bad["last_success_at"].is_null());
    let good = json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["strategy_id"] == "GOOD")
        .unwrap();
    assert_eq!(good["last_success_at"], "2026-11-25T02:00:00Z");
    let (_, table, _) = env.tick(&["status", "--now", "2026-11-25 03:05"]);
    assert!(
        table.contains("| node1 | BAD      | 2026-11-25 03:00 | failed"),
        "{table}"
    );
    // A day later the failure is outside the window.
    let (code, _, _) = env.tick(&["status", "--format", "json", "--now", "2026-11-26 03:01"]);
    assert_eq!(code, 0);
}

#[test]
fn nagios_says_ok_warning_critical_or_unknown() {
    let env = node_with_history();
    let (code, out, _) = env.tick(&["status", "--format", "nagios", "--now", "2026-11-25 03:05"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with(
            "BACKUPCTL CRITICAL - 1 failed, 0 missed in the last 24h: node1/BAD failed"
        ),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with("| failed=1 missed=0 strategies=2"),
        "{out}"
    );

    let ok = Env::ticking();
    ok.strategy("GOOD", "C_1", "high", "0 2 * * *", &["backup spfile;"]);
    ok.tick(&["run-due", "--now", "2026-11-25 02:00"]);
    let (code, out, _) = ok.tick(&["status", "--format", "nagios", "--now", "2026-11-25 02:01"]);
    assert_eq!((code, out.lines().count()), (0, 1), "{out}");
    assert!(
        out.starts_with("BACKUPCTL OK - 1 strategies on 1 nodes"),
        "{out}"
    );
    let (code, out, _) = ok.tick(&["status", "--format", "nagios", "--now", "2026-11-25 05:00"]);
    assert_eq!(code, 1, "run-due stopped ticking: {out}");
    assert!(
        out.starts_with(
            "BACKUPCTL WARNING - run-due is not running: node1 last ticked 2026-11-25 02:00Z"
        ),
        "{out}"
    );

    let blocker = ok.write("not-a-dir", "x");
    let (code, out, _) = ok.tick(&[
        "--store",
        &format!("sqlite:{}/s.db", blocker.display()),
        "status",
        "--format",
        "nagios",
    ]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.starts_with("BACKUPCTL UNKNOWN - store sqlite:") && out.contains("does not exist"),
        "{out}"
    );
}

#[test]
fn prometheus_exposes_gauges_per_strategy() {
    let env = node_with_history();
    let (code, out, _) = env.tick(&[
        "status",
        "--format",
        "prometheus",
        "--now",
        "2026-11-25 03:05",
    ]);
    assert_eq!(code, 0);
    for line in [
        "# TYPE backupctl_last_run_success gauge",
        "backupctl_last_run_success{node=\"node1\",strategy=\"BAD\"} 0",
        "backupctl_last_run_success{node=\"node1\",strategy=\"GOOD\"} 1",
        "backupctl_failures_24h{node=\"node1\",strategy=\"BAD\"} 1",
        "backupctl_missed_24h{node=\"node1\",strategy=\"GOOD\"} 0",
        "backupctl_last_success_timestamp_seconds{node=\"node1\",strategy=\"GOOD\"} 1795572000",
        "backupctl_next_due_timestamp_seconds{node=\"node1\",strategy=\"GOOD\"} 1795658400",
        "backupctl_node_last_tick_timestamp_seconds{node=\"node1\"} 1795575600",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line}:\n{out}");
    }
}
