//! logs and errors: the real queries with their filters, newest first.

use crate::support::Env;

/// Runs, logs and errors as a tick would leave them.
fn seed_runs(env: &Env) {
    env.seed();
    env.ok(&[
        "add-connection",
        "--id",
        "C_2",
        "--name",
        "other",
        "--instance",
        "ORCL",
        "--host",
        "h2",
    ]);
    env.ok(&[
        "add-strategy",
        "--id",
        "EST_2",
        "--connection",
        "C_2",
        "--line",
        "backup database;",
    ]);
    let db = env.db();
    db.execute_batch(
        "INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, host, pid, owner_lock) VALUES ('R1', 'node1', 'EST_1', '2026-11-23T12:35:00.000000Z', '2026-11-23T12:35:01.000000Z', '2026-11-23T12:40:00.000000Z', 'succeeded', 0, 'scheduled', 'h', 1, NULL);
         INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, host, pid, owner_lock) VALUES ('R2', 'node1', 'EST_2', '2026-11-24T12:35:00.000000Z', '2026-11-24T12:35:01.000000Z', '2026-11-24T12:35:03.000000Z', 'failed', 1, 'scheduled', 'h', 2, NULL);
         INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, host, pid, owner_lock) VALUES ('R3', 'node2', 'EST_1', '2026-11-25T12:35:00.000000Z', NULL, NULL, 'missed', NULL, 'monitor', NULL, NULL, NULL);
         INSERT INTO log (run_id, node, strategy_id, moment, log) VALUES ('R1', 'node1', 'EST_1', '2026-11-23T12:40:00.000000Z', 'Recovery Manager: stand-in\nFinished backup\n');
         INSERT INTO log (run_id, node, strategy_id, moment, log) VALUES ('R2', 'node1', 'EST_2', '2026-11-24T12:35:03.000000Z', 'RMAN-00571: ===\nRMAN-00558: error encountered while parsing input commands\n');
         INSERT INTO error (error_id, run_id, node, strategy_id, moment, message, codes) VALUES ('E1', 'R2', 'node1', 'EST_2', '2026-11-24T12:35:03.000000Z', 'RMAN-00558 error encountered while parsing input commands; RMAN-01009 syntax error: found \";\"', 'RMAN-00558,RMAN-01009');
         INSERT INTO error (error_id, run_id, node, strategy_id, moment, message, codes) VALUES ('E2', 'R3', 'node2', 'EST_1', '2026-11-25T12:45:00.000000Z', 'node2 EST_1 was due at 2026-11-25 12:35 and never ran', NULL);",
    )
    .unwrap();
}

#[test]
fn an_empty_store_lists_nothing() {
    let env = Env::new();
    env.ok(&["install-schema"]);
    assert_eq!(env.ok(&["logs", "--json"]).trim(), "[]");
    assert_eq!(env.ok(&["errors", "--json"]).trim(), "[]");
    let table = env.ok(&["logs"]);
    assert!(
        table.starts_with("run\tstrategy\t") && table.lines().count() == 1,
        "only the header: {table}"
    );
}

#[test]
fn reading_commands_never_create_a_store() {
    let env = Env::new();
    for args in [
        &["logs"][..],
        &["errors", "--json"],
        &["status", "--format", "json"],
        &["schedule", "list"],
        &["schedule", "next"],
        &["run-due"],
        &["run", "EST_1"],
    ] {
        let err = env.fails(4, args);
        assert!(
            err.contains(&format!(
                "store sqlite:{} does not exist",
                env.store_path().display()
            )) && err.contains("backupctl install-schema"),
            "{args:?}: {err}"
        );
        assert!(!env.store_path().exists(), "{args:?} created the store");
    }
}

#[test]
fn logs_are_newest_first_with_stable_json_fields() {
    let env = Env::new();
    seed_runs(&env);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["logs", "--json"])).unwrap();
    let runs = json.as_array().unwrap();
    let ids: Vec<&str> = runs.iter().map(|r| r["run_id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["R3", "R2", "R1"]);
    let keys: Vec<&String> = runs[1].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        vec![
            "run_id",
            "strategy_id",
            "connection",
            "node",
            "scheduled_for",
            "started_at",
            "finished_at",
            "status",
            "exit_code",
            "trigger",
            "warnings",
            "pieces",
            "duration_secs"
        ]
    );
    assert_eq!(runs[1]["connection"], "C_2");
    assert_eq!(runs[1]["scheduled_for"], "2026-11-24T12:35:00.000000Z");
    assert_eq!(runs[1]["exit_code"], 1);
    assert!(runs[0]["started_at"].is_null());
    // One form for every time of every JSON output: UTC, microseconds (a time stored with a
    // fraction and one without read alike).
    env.db()
        .execute_batch("UPDATE run SET started_at = '2026-11-24T12:35:01.5Z' WHERE run_id = 'R2'")
        .unwrap();
    for args in [
        &["logs", "--json"][..],
        &["errors", "--json"],
        &["status", "--format", "json"],
    ] {
        // (status exits 5: EST_2's latest run failed.)
        let (_, out, _) = env.run(args);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut times = Vec::new();
        collect_times(&json, &mut times);
        assert!(!times.is_empty(), "{args:?}");
        for t in times {
            assert!(t.len() == 27 && t.as_bytes()[19] == b'.', "{args:?}: {t}");
        }
    }
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["logs", "--json"])).unwrap();
    assert_eq!(json[1]["started_at"], "2026-11-24T12:35:01.500000Z");
}

/// Every string of `v` that looks like a UTC time.
fn collect_times(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.ends_with('Z') && s.get(10..11) == Some("T") => {
            out.push(s.clone())
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_times(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_times(x, out)),
        _ => {}
    }
}

#[test]
fn logs_filters_combine() {
    let env = Env::new();
    seed_runs(&env);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["logs", "--json"];
        all.extend_from_slice(args);
        let json: serde_json::Value = serde_json::from_str(&env.ok(&all)).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|r| r["run_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--strategy", "EST_1"]), vec!["R3", "R1"]);
    assert_eq!(ids(&["--connection", "C_2"]), vec!["R2"]);
    assert_eq!(ids(&["--node", "node2"]), vec!["R3"]);
    assert_eq!(ids(&["--status", "failed"]), vec!["R2"]);
    assert_eq!(ids(&["--since", "2026-11-24 00:00"]), vec!["R3", "R2"]);
    assert_eq!(
        ids(&[
            "--since",
            "2026-11-24T00:00:00.000000Z",
            "--strategy",
            "EST_1"
        ]),
        vec!["R3"]
    );
    assert_eq!(ids(&["--limit", "1"]), vec!["R3"]);
    let full: serde_json::Value =
        serde_json::from_str(&env.ok(&["logs", "--json", "--full", "--status", "succeeded"]))
            .unwrap();
    assert_eq!(
        full[0]["log"],
        "Recovery Manager: stand-in\nFinished backup\n"
    );
}

#[test]
fn one_runs_whole_log() {
    let env = Env::new();
    seed_runs(&env);
    let shown = env.ok(&["logs", "--run", "R2"]);
    let (head, log) = shown
        .split_once("--- log ---\n")
        .expect("a header, then the log");
    assert_eq!(
        log,
        "RMAN-00571: ===\nRMAN-00558: error encountered while parsing input commands\n"
    );
    assert!(
        head.starts_with("run R2: strategy EST_2 on connection C_2, node node1, scheduled\n"),
        "{head}"
    );
    assert!(
        head.contains("scheduled 2026-11-24 12:35 +00:00, started 2026-11-24 12:35 +00:00, finished 2026-11-24 12:35 +00:00, took 2s"),
        "{head}"
    );
    assert!(
        head.contains("status failed, exit code 1, - backup pieces"),
        "{head}"
    );
    assert!(head.contains("    1  backup database;"), "{head}");
    let err = env.fails(3, &["logs", "--run", "R9"]);
    assert!(err.contains("unknown run \"R9\""), "{err}");
}

#[test]
fn logs_and_errors_refuse_bad_filters() {
    let env = Env::new();
    let err = env.fails(3, &["logs", "--status", "exploded"]);
    assert!(
        err.contains("invalid --status \"exploded\": expected one of running, succeeded"),
        "{err}"
    );
    let err = env.fails(3, &["logs", "--since", "the day before"]);
    assert!(err.contains("invalid time \"the day before\""), "{err}");
    let err = env.fails(3, &["errors", "--since", "2026-13-01 00:00"]);
    assert!(err.contains("invalid time"), "{err}");
    let err = env.fails(3, &["errors", "--strategy", "no good"]);
    assert!(err.contains("invalid strategy id"), "{err}");
    env.fails(2, &["logs", "--limit", "-1"]);
}

#[test]
fn errors_carry_their_codes() {
    let env = Env::new();
    seed_runs(&env);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["errors", "--json"])).unwrap();
    let errs = json.as_array().unwrap();
    assert_eq!(errs.len(), 2);
    let keys: Vec<&String> = errs[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        vec![
            "strategy_id",
            "run_id",
            "node",
            "moment",
            "message",
            "codes"
        ]
    );
    assert_eq!(errs[0]["run_id"], "R3", "newest first");
    assert_eq!(
        errs[1]["codes"],
        serde_json::json!(["RMAN-00558", "RMAN-01009"])
    );
    assert_eq!(errs[0]["codes"], serde_json::json!([]));
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["errors", "--json", "--node", "node1"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["errors", "--json", "--strategy", "EST_1"])).unwrap();
    assert_eq!(json[0]["run_id"], "R3");
    let table = env.ok(&["errors"]);
    assert!(table.contains("RMAN-00558 RMAN-01009"), "{table}");
    // By code (read as Oracle numbers it, five digits) and by the strategy's connection.
    for args in [
        &["errors", "--json", "--code", "RMAN-01009"][..],
        &["errors", "--json", "--code", "rman-1009"],
        &["errors", "--json", "--connection", "C_2"],
    ] {
        let json: serde_json::Value = serde_json::from_str(&env.ok(args)).unwrap();
        let ids: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["run_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["R2"], "{args:?}");
    }
    let none = env.ok(&["errors", "--json", "--code", "ORA-19502"]);
    assert_eq!(none.trim(), "[]");
    let err = env.fails(3, &["errors", "--code", "1009"]);
    assert!(err.contains("expected an RMAN- or ORA- code"), "{err}");
    let err = env.fails(3, &["errors", "--connection", "C_NOPE"]);
    assert!(err.contains("unknown connection \"C_NOPE\""), "{err}");
}

/// At 80 columns every table fits (a pseudo-terminal as wide as the smallest a DBA uses): the
/// compact columns, short run ids that `logs --run` takes back, times whose shared offset is said
/// once in the header; `--wide` has every column and whole ids.
#[test]
fn tables_fit_80_columns_and_wide_shows_every_column() {
    let env = Env::new();
    seed_runs(&env);
    let long_id = "20261126T123500-d4010d67a24317e97575";
    env.db()
        .execute_batch(&format!(
            "INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, warnings) VALUES ('{long_id}', 'node1', 'EST_1', '2026-11-26T12:35:00.000000Z', '2026-11-26T12:35:01.000000Z', '2026-11-26T16:35:00.000000Z', 'succeeded', 0, 'scheduled', 'RMAN-06169: could not read file header for datafile 7 error reason 4');
             INSERT INTO run (run_id, node, strategy_id, scheduled_for, status, run_trigger) VALUES ('20261127T000000-aaaaaaaa11111111111a', 'node1', 'EST_1', '2026-11-27T00:00:00.000000Z', 'missed', 'scheduled');
             INSERT INTO run (run_id, node, strategy_id, scheduled_for, status, run_trigger) VALUES ('20261127T000100-aaaaaaaa22222222222a', 'node1', 'EST_1', '2026-11-27T00:01:00.000000Z', 'missed', 'scheduled');"
        ))
        .unwrap();
    let Some(logs) = crate::support::on_terminal_of_width(&env, 80, "logs") else {
        crate::support::skip_notice("skipping the 80-column tables: script(1) not installed");
        return;
    };
    for args in [
        "errors",
        "status --now '2026-11-26 17:00'",
        "strategy list",
        "strategy show EST_1",
        "connection list",
        "connection show C_2",
    ] {
        let out = crate::support::on_terminal_of_width(&env, 80, args).unwrap();
        // (`status` exits with its state, 1 for this warning.)
        assert!(out.contains("CODE=") && out.contains('┆'), "{args}: {out}");
        for l in out.lines() {
            assert!(l.chars().count() <= 80, "{args}: wider than 80: {l}\n{out}");
        }
    }
    for l in logs.lines() {
        assert!(l.chars().count() <= 80, "logs: wider than 80: {l}\n{logs}");
    }
    let header: String = logs.lines().skip(1).take(2).collect();
    assert!(
        header.contains("scheduled") && header.contains("(+00:00)"),
        "the offset said once, under the header: {logs}"
    );
    assert!(!header.contains("connection"), "{logs}");
    // At 120 columns there is room for how long each run took.
    let roomy = crate::support::on_terminal_of_width(&env, 120, "logs").unwrap();
    assert!(roomy.lines().nth(1).unwrap().contains("took"), "{roomy}");
    assert!(
        logs.contains("d4010d67") && !logs.contains(long_id),
        "{logs}"
    );
    assert!(logs.contains("RMAN-06169"), "the warning's code: {logs}");
    // --wide: every column, the whole id.
    let wide = crate::support::on_terminal_of_width(&env, 80, "logs --wide").unwrap();
    let header: String = wide.lines().skip(1).take(2).collect();
    for column in ["connection", "node", "started", "exit", "pieces", "trigger"] {
        assert!(header.contains(column), "{column}: {wide}");
    }
    assert!(wide.contains(long_id), "{wide}");
    // The short id names the run; a prefix two runs share is refused, naming both.
    let one = env.ok(&["logs", "--run", "d4010d67"]);
    assert!(one.starts_with(&format!("run {long_id}:")), "{one}");
    let err = env.fails(3, &["logs", "--run", "aaaaaaaa"]);
    assert!(
        err.contains("ambiguous") && err.contains("aaaaaaaa11111111111a"),
        "{err}"
    );
    // Piped: every column, whole ids, each time with its offset.
    let piped = env.ok(&["logs"]);
    assert!(
        piped.contains(&format!(
            "{long_id}\tEST_1\tC_1\tnode1\t2026-11-26 12:35 +00:00\t"
        )),
        "{piped}"
    );
}

#[test]
fn piped_tables_are_tab_separated_and_terminal_tables_fit_without_splitting_words() {
    let env = Env::new();
    seed_runs(&env);
    let piped = env.ok(&["logs"]);
    let mut lines = piped.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header[0], "run", "{piped}");
    for l in lines {
        assert_eq!(l.split('\t').count(), header.len(), "{l}");
    }
    assert!(piped.contains("R2\tEST_2\tC_2\tnode1\t"), "{piped}");

    // On a terminal (a pseudo-terminal from script(1)) 100 columns wide.
    let mut cmd = env.std_cmd();
    let bin = assert_cmd::cargo::cargo_bin("backupctl");
    cmd.env_remove("COLUMNS");
    let out = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!("stty cols 100; {} errors", bin.display()))
        .arg("/dev/null")
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .output();
    let Ok(out) = out else {
        crate::support::skip_notice("skipping the terminal table check: script(1) not installed");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(text.contains('┆'), "a boxed table: {text}");
    for l in text.lines() {
        assert!(l.chars().count() <= 100, "wider than the terminal: {l}");
    }
    // Every word of the long message is whole in some cell line.
    let cells: Vec<&str> = text
        .lines()
        .flat_map(|l| l.split(['│', '┆']))
        .flat_map(str::split_whitespace)
        .collect();
    for word in
        "RMAN-00558 error encountered while parsing input commands; RMAN-01009 syntax error: found"
            .split_whitespace()
    {
        assert!(cells.contains(&word), "{word} was split: {text}");
    }
}

/// Every listing into a reader that is already gone (as `| head -1` leaves it): it ends without
/// a panic; a tick or a run carries on and records its backup.
#[test]
fn no_command_panics_when_its_reader_is_gone() {
    use std::os::unix::process::ExitStatusExt;
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let closed = |args: &[&str]| {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = env
            .tick_std()
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        (
            out.status,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (status, err) = closed(&["run", "S"]);
    assert_eq!(status.code(), Some(0), "{err}");
    let (status, err) = closed(&["run-due", "--now", "2026-11-25 12:35", "--json"]);
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(env.count_where("run", "status = 'succeeded'"), 2);
    for args in [
        &["logs"][..],
        &["logs", "--json"],
        &["errors"],
        &["status"],
        &["status", "--format", "json"],
        &["status", "--format", "prometheus"],
        &["strategy", "list"],
        &["strategy", "show", "S"],
        &["connection", "list"],
        &["connection", "show", "C_1"],
        &["schedule", "list"],
        &["schedule", "next"],
        &["check"],
    ] {
        let (status, err) = closed(args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
        assert!(
            status.signal() == Some(13) || status.code().is_some_and(|c| c != 101),
            "{args:?}: {status:?}"
        );
    }
}

/// A filter naming an id the store never heard of is a typo, not "never ran": exit 3, one line.
/// A known strategy without runs is an empty listing. TIME takes relative forms.
#[test]
fn unknown_ids_in_filters_are_refused_and_times_may_be_relative() {
    let env = Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    for (args, kind, id) in [
        (
            &["logs", "--strategy", "EST_NOPE"][..],
            "strategy",
            "EST_NOPE",
        ),
        (
            &["errors", "--strategy", "EST_NOPE"],
            "strategy",
            "EST_NOPE",
        ),
        (&["logs", "--connection", "C_NOPE"], "connection", "C_NOPE"),
        (
            &["logs", "--strategy", "S", "--node", "node9"],
            "strategy",
            "S",
        ),
    ] {
        env.test()
            .args(args)
            .status(3)
            .one_line_error()
            .stderr_has(&format!("unknown {kind} \"{id}\""))
            .run();
    }
    assert_eq!(env.ok(&["logs", "--strategy", "S", "--json"]).trim(), "[]");
    assert_eq!(
        env.ok(&["errors", "--strategy", "S", "--json"]).trim(),
        "[]"
    );
    env.ok(&["logs", "--connection", "C_1"]);
    for since in ["2h", "3d", "today", "yesterday", "now"] {
        env.ok(&["logs", "--since", since]);
        env.ok(&["errors", "--since", since]);
    }
    env.test()
        .args(&["logs", "--since", "last week"])
        .status(3)
        .one_line_error()
        .stderr_has("a span ago (90m, 2h, 3d)")
        .run();
}
