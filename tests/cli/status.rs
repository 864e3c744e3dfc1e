//! status in every format, on a standalone node's store: each strategy's state as of TIME.

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
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 02:00"]);
    env.tick_exits(5, &["run-due", "--now", "2026-11-25 03:00"]);
    env
}

fn json_status(env: &Env, now: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = env.tick(&["status", "--format", "json", "--now", now]);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    (code, json)
}

fn line<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json.as_array()
        .unwrap()
        .iter()
        .find(|l| l["strategy_id"] == id)
        .unwrap_or_else(|| panic!("no {id}: {json}"))
}

fn nagios(env: &Env, now: &str) -> (i32, String) {
    let (code, out, _) = env.tick(&["status", "--format", "nagios", "--now", now]);
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    (code, out)
}

#[test]
fn the_table_and_json_show_state_last_runs_failures_and_next_due() {
    let env = node_with_history();
    let (code, json) = json_status(&env, "2026-11-25 03:05");
    assert_eq!(code, 5, "a strategy is critical: {json}");
    let bad = line(&json, "BAD");
    assert_eq!(bad["state"], "critical");
    assert_eq!(
        bad["reason"],
        "latest run failed (due 2026-11-25 03:00 +00:00)"
    );
    assert_eq!(bad["last_status"], "failed");
    assert_eq!(bad["failures_24h"], 1);
    assert_eq!(bad["missed_24h"], 0);
    assert_eq!(bad["next_due"], "2026-11-26T03:00:00.000000Z");
    assert!(bad["last_success_at"].is_null());
    assert!(bad["last_duration_secs"].is_i64(), "{bad}");
    let good = line(&json, "GOOD");
    assert_eq!(good["state"], "ok");
    assert_eq!(good["last_success_at"], "2026-11-25T02:00:00.000000Z");
    let (table, _) = env.tick_exits(5, &["status", "--now", "2026-11-25 03:05"]);
    assert!(
        table.contains("BAD") && table.contains("critical: latest run failed"),
        "{table}"
    );
    // A day later the failure is out of the 24 h counts, but BAD's latest run still failed.
    let (code, json) = json_status(&env, "2026-11-26 03:01");
    assert_eq!(code, 5);
    assert_eq!(line(&json, "BAD")["failures_24h"], 0);
    assert_eq!(line(&json, "BAD")["state"], "critical");
}

#[test]
fn nothing_after_now_counts() {
    let env = node_with_history();
    // As of 02:30, BAD had not run yet and GOOD had just succeeded.
    let (code, json) = json_status(&env, "2026-11-25 02:30");
    assert_eq!(code, 0, "{json}");
    let bad = line(&json, "BAD");
    assert!(bad["last_status"].is_null(), "{bad}");
    assert_eq!(bad["failures_24h"], 0);
    assert_eq!(bad["state"], "ok");
    // Before anything ran, GOOD has no success either.
    let (code, json) = json_status(&env, "2026-11-25 01:00");
    assert_eq!(code, 0, "{json}");
    assert!(line(&json, "GOOD")["last_success_at"].is_null());
}

#[test]
fn nagios_is_state_based() {
    // Failed, then succeeded: OK, though the failure is within 24 h.
    let env = Env::ticking();
    env.strategy(
        "S",
        "C_1",
        "high",
        "0 2 * * *",
        &["backup tablespace nope;"],
    );
    env.tick_exits(5, &["run-due", "--now", "2026-11-25 02:00"]);
    let (code, out) = nagios(&env, "2026-11-25 02:05");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with(
            "BACKUPCTL CRITICAL - 1 strategy: node1/S latest run failed (due 2026-11-25 02:00 +00:00)"
        ),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with(
            "| critical=1;;0;0; warning=0;0;;0; ok=0;;;0; failed_24h=1;;;0; missed_24h=0;;;0;"
        ),
        "{out}"
    );
    env.ok(&["strategy", "edit", "S", "--line", "backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-26 02:00"]);
    let (code, out) = nagios(&env, "2026-11-26 02:01");
    assert_eq!(code, 0, "failed then succeeded is OK: {out}");
    assert!(
        out.starts_with("BACKUPCTL OK - 1 strategy on 1 node"),
        "{out}"
    );

    // The node stopped ticking: WARNING.
    let (code, out) = nagios(&env, "2026-11-26 05:00");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(
            "BACKUPCTL WARNING - run-due is not running: node1 last ticked 2026-11-26 02:00 +00:00"
        ),
        "{out}"
    );
}

#[test]
fn a_last_success_older_than_max_age_is_critical_however_old_the_failure() {
    let env = Env::ticking();
    env.strategy("WEEKLY", "C_1", "high", "0 2 * * 0", &["backup spfile;"]);
    env.ok(&["strategy", "edit", "WEEKLY", "--max-age", "8d"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-22 02:00"]);
    let (code, out) = nagios(&env, "2026-11-22 02:01");
    assert_eq!(code, 0, "{out}");
    // Nine days on, without a tick in between (a tick would record the 2026-11-29 occurrence as
    // missed, a reason of its own): the last success is too old, not just 24 h ago.
    let (code, out) = nagios(&env, "2026-12-01 02:01");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("node1/WEEKLY last success 9d ago, over max_age 8d"),
        "{out}"
    );
    // A strategy that never succeeded is judged from when it was added.
    let fresh = Env::ticking();
    fresh.strategy("NEW", "C_1", "high", "0 2 1 1 *", &["backup spfile;"]);
    fresh.ok(&["strategy", "edit", "NEW", "--max-age", "1h"]);
    let later = (chrono::Utc::now() + chrono::Duration::hours(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let (code, json) = json_status(&fresh, &later);
    assert_eq!(code, 5);
    let reason = line(&json, "NEW")["reason"].as_str().unwrap().to_string();
    assert!(
        reason.starts_with("no success in the 2h since it was added, over max_age 1h"),
        "{reason}"
    );
}

#[test]
fn a_success_with_warnings_is_a_warning_and_disabled_strategies_are_not_judged() {
    let env = Env::ticking();
    env.strategy("W", "C_1", "high", "0 2 * * *", &["backup database;"]);
    env.strategy(
        "OFF",
        "C_2",
        "low",
        "0 3 * * *",
        &["backup tablespace nope;"],
    );
    let out = env
        .tick_cmd()
        .env("STANDIN_PLAY", "unreadable")
        .args(["run-due", "--now", "2026-11-25 02:00"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    env.tick_exits(5, &["run-due", "--now", "2026-11-25 03:00"]);
    env.ok(&["strategy", "disable", "OFF"]);
    let (code, out) = nagios(&env, "2026-11-25 03:01");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(
            "BACKUPCTL WARNING - 1 strategy: node1/W latest run succeeded with RMAN-06169"
        ),
        "{out}"
    );
    let (code, json) = json_status(&env, "2026-11-25 03:01");
    assert_eq!(
        code, 0,
        "a disabled strategy's failure is not critical: {json}"
    );
    assert_eq!(line(&json, "OFF")["state"], "disabled");
    assert_eq!(line(&json, "W")["state"], "warning");
}

#[test]
fn an_unreadable_store_or_profile_is_unknown_and_an_empty_store_a_warning() {
    let env = Env::ticking();
    let blocker = env.write("not-a-dir", "x");
    let (code, out, _) = env.tick(&[
        "--store",
        &format!("sqlite:{}/s.db", blocker.display()),
        "status",
        "--format",
        "nagios",
    ]);
    assert_eq!((code, out.lines().count()), (3, 1), "{out}");
    assert!(
        out.starts_with("BACKUPCTL UNKNOWN - store sqlite:") && out.contains("does not exist"),
        "{out}"
    );
    let broken = env.write("broken.toml", "jobs = \"many\"\n");
    let (code, out, _) = env.run(&[
        "--profile",
        broken.to_str().unwrap(),
        "status",
        "--format",
        "nagios",
    ]);
    assert_eq!((code, out.lines().count()), (3, 1), "{out}");
    assert!(out.starts_with("BACKUPCTL UNKNOWN - "), "{out}");
    assert!(
        out.contains("broken.toml line 1: key \"jobs\": invalid type"),
        "{out}"
    );
    let (code, out) = nagios(&env, "2026-11-25 03:01");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no live strategy in the store"), "{out}");
}

/// The text exposition format's own rules, for where promtool is not installed: HELP and TYPE
/// before a family's samples, names and labels well formed, values numbers, no family twice.
fn check_exposition(text: &str) {
    let mut typed: Vec<String> = Vec::new();
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap();
            assert!(["gauge", "counter"].contains(&kind), "{l}");
            assert!(!typed.contains(&name.to_string()), "{name} twice");
            typed.push(name.to_string());
            continue;
        }
        if l.starts_with("# HELP ") {
            continue;
        }
        let (series, value) = l.rsplit_once(' ').unwrap();
        value
            .parse::<f64>()
            .unwrap_or_else(|_| panic!("value of {l}"));
        let name = series.split('{').next().unwrap();
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{l}"
        );
        assert_eq!(
            typed.last().map(String::as_str),
            Some(name),
            "{l} outside its family"
        );
        if let Some(labels) = series.strip_prefix(name) {
            if !labels.is_empty() {
                assert!(labels.starts_with('{') && labels.ends_with('}'), "{l}");
            }
        }
    }
}

#[test]
fn prometheus_exposes_the_series_and_writes_its_file_atomically() {
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
        "backupctl_up 1",
        "# TYPE backupctl_runs_total counter",
        "backupctl_last_run_status{node=\"node1\",strategy=\"BAD\",status=\"failed\"} 1",
        "backupctl_last_run_status{node=\"node1\",strategy=\"BAD\",status=\"succeeded\"} 0",
        "backupctl_state{node=\"node1\",strategy=\"BAD\"} 2",
        "backupctl_state{node=\"node1\",strategy=\"GOOD\"} 0",
        "backupctl_failures_24h{node=\"node1\",strategy=\"BAD\"} 1",
        "backupctl_runs_total{node=\"node1\",status=\"succeeded\"} 1",
        "backupctl_runs_total{node=\"node1\",status=\"failed\"} 1",
        "backupctl_last_success_timestamp_seconds{node=\"node1\",strategy=\"GOOD\"} 1795572000",
        "backupctl_last_run_timestamp_seconds{node=\"node1\",strategy=\"BAD\"} 1795575600",
        "backupctl_next_due_timestamp_seconds{node=\"node1\",strategy=\"GOOD\"} 1795658400",
        "backupctl_node_last_tick_timestamp_seconds{node=\"node1\"} 1795575600",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line}:\n{out}");
    }
    assert!(
        out.lines().any(|l| l
            .starts_with("backupctl_last_run_duration_seconds{node=\"node1\",strategy=\"GOOD\"} ")),
        "{out}"
    );
    check_exposition(&out);
    // promtool, Prometheus' own checker, where it is installed.
    match std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(out.as_bytes())
                .unwrap();
            let done = child.wait_with_output().unwrap();
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&done.stdout),
                String::from_utf8_lossy(&done.stderr)
            );
            assert!(done.status.success(), "promtool check metrics: {said}");
        }
        Err(_) => crate::support::skip_notice("skipping promtool check metrics: not installed"),
    }

    // --output: written whole (never half), readable by the collector; a store that cannot be
    // read leaves backupctl_up 0 there instead of stale figures.
    let file = env.path().join("textfile/backupctl.prom");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    env.tick_exits(
        0,
        &[
            "status",
            "--format",
            "prometheus",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("backupctl_up 1\n") && written.contains("backupctl_state{"),
        "{written}"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o644
    );
    let (code, out, err) = env.tick(&[
        "--store",
        "sqlite:/nonexistent/dir/s.db",
        "status",
        "--format",
        "prometheus",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(err.contains("does not exist"), "{err}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.ends_with("backupctl_up 0\n") && !written.contains("backupctl_state"),
        "{written}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    let err = env.fails(3, &["status", "--output", file.to_str().unwrap()]);
    assert!(
        err.contains("--output FILE goes with --format prometheus"),
        "{err}"
    );
}

#[test]
fn the_html_report_is_self_contained_and_renders_in_chromium() {
    let env = node_with_history();
    env.ok(&[
        "strategy",
        "edit",
        "GOOD",
        "--name",
        "<script>alert(1)</script> & co",
        "--max-age",
        "26h",
    ]);
    let file = env.path().join("report.html");
    let (code, _, err) = env.tick(&[
        "report",
        "--html",
        file.to_str().unwrap(),
        "--now",
        "2026-11-25 03:05",
        "--days",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote"), "{err}");
    let html = std::fs::read_to_string(&file).unwrap();
    for outside in [
        "<script", "src=", "href=", "url(", "@import", "http:", "https:",
    ] {
        assert!(!html.contains(outside), "not self-contained: {outside}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    // `-` is stdout, and the same page.
    let (out, _) = env.tick_exits(
        0,
        &[
            "report",
            "--html",
            "-",
            "--now",
            "2026-11-25 03:05",
            "--days",
            "3",
        ],
    );
    assert_eq!(out, html);
    let err = env.fails(3, &["report", "--html", "-", "--days", "0"]);
    assert!(err.contains("invalid --days 0"), "{err}");

    // Chromium parses and lays out the page; its DOM is what a DBA's browser shows.
    let dom = match std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", file.display()))
        .output()
    {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => {
            crate::support::skip_notice(
                "skipping the report's Chromium rendering: chromium not installed",
            );
            return;
        }
    };
    assert!(!dom.contains("<script>"), "a name became markup: {dom}");
    let row = |id: &str| -> String {
        let start = dom
            .find(&format!("<tr data-strategy=\"{id}\""))
            .or_else(|| dom.find(&format!("data-strategy=\"{id}\"")))
            .unwrap_or_else(|| panic!("no row for {id}: {dom}"));
        let end = dom[start..].find("</tr>").unwrap() + start;
        dom[start..end].to_string()
    };
    let bad = row("BAD");
    assert!(
        bad.contains("class=\"day failed\" title=\"2026-11-25: 1 failed\""),
        "{bad}"
    );
    assert!(
        bad.contains("class=\"day none\" title=\"2026-11-24: no run\""),
        "{bad}"
    );
    let good = row("GOOD");
    assert!(
        good.contains("class=\"day ok\" title=\"2026-11-25: 1 succeeded\""),
        "{good}"
    );
    assert!(
        good.contains("1h 5m ago") || good.contains("65m ago") || good.contains("ago"),
        "{good}"
    );
    let failures = &dom[dom.find("id=\"failures\"").unwrap()..];
    let failures = &failures[..failures.find("</table>").unwrap()];
    assert!(
        failures.contains("BAD")
            && failures.contains("latest run failed")
            && failures.contains("RMAN-"),
        "{failures}"
    );
    assert!(!failures.contains(">GOOD<"), "{failures}");
    assert!(
        dom.contains("<table id=\"nodes\">") && dom.contains("node1"),
        "{dom}"
    );
}

#[test]
fn sqlite_keeps_each_strategys_latest_runs_and_the_run_tally_through_every_kind_of_write() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "high", "35 12 * * *", &["backup spfile;"]);
    // run_tally counts each status a run entered, after every write; nothing takes it back.
    let tally = || -> Vec<(String, String, i64)> {
        env.db()
            .prepare("SELECT node, status, n FROM run_tally WHERE n > 0 ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let tally_is = |when: &str, want: &[(&str, &str, i64)]| {
        let want: Vec<(String, String, i64)> = want
            .iter()
            .map(|(n, s, c)| (n.to_string(), s.to_string(), *c))
            .collect();
        assert_eq!(tally(), want, "after {when}");
    };
    tally_is("nothing", &[]);
    let latest = || -> Vec<(String, String, String)> {
        env.db()
            .prepare(
                "SELECT node, kind, run_id FROM run_latest WHERE strategy_id = 'S' ORDER BY kind",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    env.tick_exits(0, &["run-due", "--now", "2026-11-24 12:35"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:35"]);
    // Each entered running, then succeeded.
    tally_is(
        "two runs",
        &[("node1", "running", 2), ("node1", "succeeded", 2)],
    );
    let rows = latest();
    let newest: String = env
        .db()
        .query_row(
            "SELECT run_id FROM run WHERE strategy_id = 'S' ORDER BY scheduled_for DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter().all(|(n, _, id)| n == "node1" && *id == newest),
        "{rows:?}"
    );
    // A run that stops qualifying (here made skipped by hand) gives way to the one before.
    env.db()
        .execute(
            "UPDATE run SET status = 'skipped' WHERE run_id = ?1",
            [&newest],
        )
        .unwrap();
    tally_is(
        "a status change",
        &[
            ("node1", "running", 2),
            ("node1", "skipped", 1),
            ("node1", "succeeded", 2),
        ],
    );
    let rows = latest();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|(_, _, id)| *id != newest), "{rows:?}");
    // A node rename moves them; status reads them under the new name.
    env.ok(&["node", "rename", "node1", "node2"]);
    // Moved runs count under their new node; the old node's counts stay as they were.
    tally_is(
        "a node rename",
        &[
            ("node1", "running", 2),
            ("node1", "skipped", 1),
            ("node1", "succeeded", 2),
            ("node2", "skipped", 1),
            ("node2", "succeeded", 1),
        ],
    );
    let rows = latest();
    assert!(rows.iter().all(|(n, _, _)| n == "node2"), "{rows:?}");
    let out = env
        .tick_cmd()
        .env("BACKUPCTL_NODE", "node2")
        .args(["status", "--format", "json", "--now", "2026-11-25 13:00"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        line(&json, "S")["last_run_at"],
        "2026-11-24T12:35:00.000000Z",
        "{json}"
    );
    // Pruned away entirely: nothing stands for S.
    env.db()
        .execute("DELETE FROM run WHERE strategy_id = 'S'", [])
        .unwrap();
    assert!(latest().is_empty());
    assert_eq!(tally().len(), 5, "a prune takes back no count");
}

/// Nagios hears only Nagios: bad input, a usage error, an unreadable profile — each is one
/// UNKNOWN line on stdout, exit 3.
#[test]
fn every_nagios_failure_is_one_unknown_line() {
    let env = crate::support::Env::ticking();
    for args in [
        &["status", "--format", "nagios", "--now", "garbage"][..],
        &["status", "--format=nagios", "--bogus"],
        &[
            "check",
            "--format",
            "nagios",
            "--profile",
            "/nonexistent/profile.toml",
        ],
        &["status", "--format", "nagios", "--store", "mysql://h/db"],
    ] {
        let ran = env.tick_test().args(args).status(3).stderr("").run();
        assert!(
            ran.stdout.starts_with("BACKUPCTL UNKNOWN - "),
            "{args:?}: {}",
            ran.stdout
        );
        assert_eq!(ran.stdout.lines().count(), 1, "{args:?}: {}", ran.stdout);
    }
}
