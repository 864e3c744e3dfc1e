//! add-connection, add-strategy and schedule: good input stored, bad input refused with nothing written.

use crate::support::Env;

#[test]
fn connections_get_distinct_default_ids_even_within_one_second() {
    let env = Env::new();
    let a = env.ok(&[
        "add-connection",
        "--name",
        "a",
        "--instance",
        "XE",
        "--host",
        "h",
    ]);
    let b = env.ok(&[
        "add-connection",
        "--name",
        "b",
        "--instance",
        "XE",
        "--host",
        "h",
    ]);
    let (a, b) = (a.trim(), b.trim());
    assert!(
        a.starts_with("C_") && b.starts_with("C_") && a != b,
        "{a} {b}"
    );
    let secs: i64 = a[2..].parse().unwrap();
    assert!((secs - chrono::Utc::now().timestamp()).abs() < 60);
    let row: (String, String, String, i64, String, i64) = env
        .db()
        .query_row(
            "SELECT conn_name, database_instance, ip, port, credential, alive FROM connection WHERE conn_id = ?1",
            [a],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        ("a".into(), "XE".into(), "h".into(), 1521, "os".into(), 1)
    );
}

#[test]
fn connection_input_is_checked_and_nothing_is_written_on_error() {
    let env = Env::new();
    env.connection("C_1");
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--id",
                "C_1",
                "--name",
                "a",
                "--instance",
                "XE",
                "--host",
                "h",
            ],
            "connection C_1 already exists",
        ),
        (
            &[
                "--id",
                "bad id",
                "--name",
                "a",
                "--instance",
                "XE",
                "--host",
                "h",
            ],
            "invalid connection id \"bad id\"",
        ),
        (
            &[
                "--name",
                "a",
                "--instance",
                "XE",
                "--host",
                "h",
                "--credential",
                "sys/Secret1@XE",
            ],
            "expected os, wallet:ALIAS or env:VAR",
        ),
        (
            &[
                "--name",
                "a",
                "--instance",
                "XE",
                "--host",
                "h",
                "--port",
                "0",
            ],
            "invalid --port 0",
        ),
        (
            &["--name", "a", "--instance", "X E", "--host", "h"],
            "invalid --instance",
        ),
        (
            &["--name", "a", "--instance", "XE", "--host", "db host"],
            "invalid --host",
        ),
        (
            &[
                "--name",
                "a",
                "--instance",
                "XE",
                "--host",
                "h",
                "--node",
                "a/b",
            ],
            "invalid node name",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["add-connection"];
        all.extend_from_slice(args);
        let err = env.fails(3, &all);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            !err.contains("Secret1"),
            "a password is never echoed: {err}"
        );
    }
    assert_eq!(env.count("connection"), 1);
    env.fails(
        2,
        &[
            "add-connection",
            "--name",
            "a",
            "--instance",
            "XE",
            "--host",
            "h",
            "--port",
            "70000",
        ],
    );
}

#[test]
fn credentials_are_stored_as_references() {
    let env = Env::new();
    env.ok(&[
        "add-connection",
        "--id",
        "W",
        "--name",
        "w",
        "--instance",
        "PROD",
        "--host",
        "h",
        "--credential",
        "wallet:PROD_DB",
    ]);
    env.ok(&[
        "add-connection",
        "--id",
        "E",
        "--name",
        "e",
        "--instance",
        "PROD",
        "--host",
        "h",
        "--credential",
        "env:RMAN_PROD",
    ]);
    let creds: Vec<String> = env
        .db()
        .prepare("SELECT credential FROM connection ORDER BY conn_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(creds, vec!["env:RMAN_PROD", "wallet:PROD_DB"]);
}

fn lines(env: &Env, id: &str) -> Vec<(i64, String)> {
    env.db()
        .prepare("SELECT line_no, line FROM strategy_line WHERE strategy_id = ?1 ORDER BY line_no")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn strategy_lines_keep_their_order_from_every_source() {
    let env = Env::new();
    env.connection("C_1");
    let id = env.ok(&[
        "add-strategy",
        "--connection",
        "C_1",
        "--priority",
        "high",
        "--timeout",
        "2h",
        "--line",
        "crosscheck archivelog all;",
        "--line",
        "run{",
        "--line",
        "SQL \"alter system switch logfile\";",
        "--line",
        "backup tablespace users;",
        "--line",
        "}",
    ]);
    let id = id.trim();
    assert!(id.starts_with("EST_"), "{id}");
    let got = lines(&env, id);
    assert_eq!(got.len(), 5);
    assert_eq!(got[1], (2, "run{".to_string()));
    assert_eq!(got[4], (5, "}".to_string()));
    let (prio, timeout): (String, i64) = env
        .db()
        .query_row(
            "SELECT priority, timeout_secs FROM strategy WHERE strategy_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((prio.as_str(), timeout), ("HIGH", 7200));

    let file = env.write(
        "weekly.rman",
        "# weekly\nrun {\n  backup incremental level 0 database;\n\n  backup spfile;\n}\n",
    );
    env.ok(&[
        "add-strategy",
        "--id",
        "FROM_FILE",
        "--connection",
        "C_1",
        "--script",
        file.to_str().unwrap(),
    ]);
    assert_eq!(lines(&env, "FROM_FILE").len(), 5);

    env.test()
        .args(&[
            "add-strategy",
            "--id",
            "FROM_STDIN",
            "--connection",
            "C_1",
            "--script",
            "-",
        ])
        .stdin("backup current controlfile;\nbackup spfile;\n")
        .stdout("FROM_STDIN\n")
        .run();
    assert_eq!(
        lines(&env, "FROM_STDIN"),
        vec![
            (1, "backup current controlfile;".to_string()),
            (2, "backup spfile;".to_string())
        ]
    );

    env.ok(&[
        "add-strategy",
        "--id",
        "TPL",
        "--connection",
        "C_1",
        "--template",
        "incremental:1",
        "--template",
        "tablespace:USERS",
    ]);
    let tpl: Vec<String> = lines(&env, "TPL").into_iter().map(|l| l.1).collect();
    assert_eq!(
        tpl,
        vec![
            "run {",
            "  backup incremental level 1 database;",
            "  backup tablespace USERS;",
            "}"
        ]
    );
}

#[test]
fn scripts_rman_would_reject_are_refused_unless_forced() {
    let env = Env::new();
    env.connection("C_1");
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--line",
                "crosscheck archivelog all;",
                "--line",
                "run{;",
                "--line",
                "backup database;",
                "--line",
                "}",
            ],
            "line 2: stray \";\" right after \"{\"",
        ),
        (
            &["--line", "run {", "--line", "backup database;"],
            "line 1: \"run {\" is never closed",
        ),
        (
            &["--line", "backup database;", "--line", "}"],
            "line 2: \"}\" without a matching \"run {\"",
        ),
        (
            &["--line", "backup database"],
            "line 1: command not terminated by \";\"",
        ),
        (&["--line", "   "], "empty script"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["add-strategy", "--connection", "C_1"];
        all.extend_from_slice(args);
        let err = env.fails(3, &all);
        assert!(
            err.contains(expected) && err.contains("--force"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(env.count("strategy"), 0);
    assert_eq!(env.count("strategy_line"), 0);
    env.ok(&[
        "add-strategy",
        "--id",
        "EST_1509986180",
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
    assert_eq!(lines(&env, "EST_1509986180")[1].1, "run{;");
}

#[test]
fn what_no_store_can_keep_is_refused_even_with_force() {
    let env = Env::new();
    env.connection("C_1");
    let long = format!("backup database tag '{}';", "x".repeat(4000));
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--line",
                "backup database;",
                "--line",
                "connect target sys/pw@x;",
            ],
            "line 2: CONNECT is written by backupctl",
        ),
        (&["--line", &long], "a stored line holds at most 4000 bytes"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["add-strategy", "--connection", "C_1", "--force"];
        all.extend_from_slice(args);
        let (code, _, err) = env.run(&all);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            !err.contains("pw@x"),
            "the refused line is not echoed: {err}"
        );
    }
    // A NUL cannot travel in argv; it can in a script on stdin.
    env.test()
        .args(&[
            "add-strategy",
            "--connection",
            "C_1",
            "--force",
            "--script",
            "-",
        ])
        .stdin("backup spfile;\nbackup\0database;\n")
        .status(3)
        .one_line_error()
        .stderr_has("line 2: holds a NUL byte")
        .run();
    assert_eq!(env.count("strategy"), 0);
}

#[test]
fn strategy_input_errors_write_nothing() {
    let env = Env::new();
    env.connection("C_1");
    let ok_line = ["--line", "backup database;"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--connection", "C_9"],
            "unknown connection \"C_9\" on node node1",
        ),
        (
            vec!["--connection", "C_1", "--timeout", "forever"],
            "invalid --timeout",
        ),
        (vec!["--connection", "C_1", "--timeout", "0m"], "above zero"),
        (
            vec![
                "--connection",
                "C_1",
                "--id",
                "way_too_long_for_an_id_column",
            ],
            "invalid strategy id",
        ),
        (vec![], "missing --connection"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["add-strategy"];
        all.extend_from_slice(&args);
        all.extend_from_slice(&ok_line);
        let err = env.fails(3, &all);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let err = env.fails(
        3,
        &[
            "add-strategy",
            "--connection",
            "C_1",
            "--template",
            "weekly",
        ],
    );
    assert!(
        err.contains("invalid template \"weekly\": expected full, incremental:0"),
        "{err}"
    );
    let err = env.fails(
        3,
        &[
            "add-strategy",
            "--connection",
            "C_1",
            "--script",
            "/no/such/file.rman",
        ],
    );
    assert!(
        err.contains("cannot read script /no/such/file.rman"),
        "{err}"
    );
    let bad = env.path().join("latin1.rman");
    std::fs::write(&bad, b"backup tablespace caf\xe9;\n").unwrap();
    let err = env.fails(
        3,
        &[
            "add-strategy",
            "--connection",
            "C_1",
            "--script",
            bad.to_str().unwrap(),
        ],
    );
    assert!(err.contains("is not UTF-8"), "{err}");
    // No terminal on stdin and nothing given: no wizard, a clear error.
    let err = env.fails(3, &["add-strategy", "--connection", "C_1"]);
    assert!(err.contains("no script given"), "{err}");
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_1",
        "--line",
        "backup database;",
    ]);
    let err = env.fails(
        3,
        &[
            "add-strategy",
            "--id",
            "S",
            "--connection",
            "C_1",
            "--line",
            "backup database;",
        ],
    );
    assert!(err.contains("strategy S already exists"), "{err}");
    assert_eq!(env.count("strategy"), 1);
    assert_eq!(env.count("strategy_line"), 1);
}

/// (day, hour, minutes, cron) of every frequency.
type FrequencyRow = (Option<i64>, Option<i64>, Option<i64>, Option<String>);

fn frequencies(env: &Env) -> Vec<FrequencyRow> {
    env.db()
        .prepare("SELECT day, hour, minutes, cron FROM frequency ORDER BY cron, day")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn schedules_are_added_idempotently_listed_and_removed() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "schedule", "add", "EST_1", "--day", "mon,thu", "--at", "23:30",
    ]);
    env.ok(&[
        "schedule", "add", "EST_1", "--day", "every", "--at", "02:00",
    ]);
    env.ok(&["schedule", "add", "EST_1", "--cron", "0 1 * * 1-5"]);
    let (code, _, err) = env.run(&["schedule", "add", "EST_1", "--day", "1", "--at", "23:30"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 new, 1 already present"), "{err}");
    assert_eq!(
        frequencies(&env),
        vec![
            (Some(-1), Some(2), Some(0), None),
            (Some(1), Some(23), Some(30), None),
            (Some(4), Some(23), Some(30), None),
            (None, None, None, Some("0 1 * * 1-5".into())),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["schedule", "list", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["day"] == "every" && f["at"] == "02:00"));
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["cron"] == "0 1 * * 1-5" && f["strategy_id"] == "EST_1"));

    let err = env.fails(
        3,
        &[
            "schedule", "remove", "EST_1", "--day", "mon,tue", "--at", "23:30",
        ],
    );
    assert!(err.contains("has no frequency \"tue 23:30\""), "{err}");
    assert_eq!(
        frequencies(&env).len(),
        4,
        "a failed remove removes nothing"
    );
    env.ok(&[
        "schedule", "remove", "EST_1", "--day", "mon", "--at", "23:30",
    ]);
    env.ok(&["schedule", "remove", "EST_1", "--cron", "0 1 * * 1-5"]);
    assert_eq!(frequencies(&env).len(), 2);
    env.ok(&["schedule", "remove", "EST_1", "--all"]);
    assert_eq!(frequencies(&env).len(), 0);
}

#[test]
fn bad_schedules_name_the_field_and_write_nothing() {
    let env = Env::new();
    env.seed();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--day", "funday", "--at", "02:00"],
            "invalid day \"funday\": expected every, sun..sat or 0..6",
        ),
        (&["--day", "7", "--at", "02:00"], "invalid day \"7\""),
        (
            &["--day", "mon", "--at", "24:00"],
            "invalid time of day \"24:00\": expected HH:MM",
        ),
        (
            &["--day", "mon", "--at", "12:61"],
            "invalid time of day \"12:61\"",
        ),
        (&["--cron", "0 2 * *"], "expected 5 fields"),
        (&["--cron", "0 0 2 * * *"], "found 6 fields"),
        (
            &["--cron", "61 2 * * *"],
            "invalid cron expression \"61 2 * * *\"",
        ),
        (&["--cron", "0 2 * * 9"], "day-of-week \"9\""),
    ];
    for (args, expected) in cases {
        let mut all = vec!["schedule", "add", "EST_1"];
        all.extend_from_slice(args);
        let err = env.fails(3, &all);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let err = env.fails(
        3,
        &["schedule", "add", "EST_9", "--day", "mon", "--at", "02:00"],
    );
    assert!(err.contains("unknown strategy \"EST_9\""), "{err}");
    assert_eq!(env.count("frequency"), 0);
    env.fails(
        2,
        &[
            "schedule",
            "add",
            "EST_1",
            "--day",
            "mon",
            "--at",
            "02:00",
            "--cron",
            "0 2 * * *",
        ],
    );
}

#[test]
fn next_lists_occurrences_of_live_strategies_in_the_profile_zone() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "schedule", "add", "EST_1", "--day", "every", "--at", "02:30",
    ]);
    // New York springs forward on 2026-03-08: 02:30 does not exist and fires at 03:00 EDT.
    let out = env
        .test()
        .env("BACKUPCTL_TIMEZONE", "America/New_York")
        .args(&[
            "schedule",
            "next",
            "--count",
            "3",
            "--from",
            "2026-03-07 00:00",
            "--json",
        ])
        .run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let due: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["due"].as_str().unwrap())
        .collect();
    assert_eq!(
        due,
        vec![
            // The local 02:30 of America/New_York around the spring-forward gap, in Z.
            "2026-03-07T07:30:00.000000Z",
            "2026-03-08T07:00:00.000000Z",
            "2026-03-09T06:30:00.000000Z"
        ]
    );
    // A dead strategy is not listed.
    env.db()
        .execute("UPDATE strategy SET alive = 0", [])
        .unwrap();
    assert_eq!(env.ok(&["schedule", "next", "--json"]).trim(), "[]");
    let err = env.fails(3, &["schedule", "next", "--from", "next tuesday"]);
    assert!(
        err.contains("invalid time \"next tuesday\": expected RFC 3339"),
        "{err}"
    );
}

#[test]
fn connections_are_listed_shown_disabled_and_enabled() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "high", "35 12 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-24 12:35"]);
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["connection", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["connection"], "C_1");
    assert_eq!(listed[0]["credential"], "os");
    assert_eq!(listed[0]["privilege"], "sysdba");
    let table = env.ok(&["connection", "list"]);
    assert!(table.contains("C_1") && table.contains("sysdba"), "{table}");
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["connection", "show", "C_1", "--json"])).unwrap();
    assert_eq!(shown["strategies"][0]["strategy_id"], "S");
    assert_eq!(shown["strategies"][0]["last_run"]["status"], "succeeded");
    let text = env.ok(&["connection", "show", "C_1"]);
    assert!(text.starts_with("connection C_1 (C_1)"), "{text}");

    // Disabled: its strategy does not run, the change will be pushed; twice is not an error.
    env.db()
        .execute_batch("UPDATE connection SET pushed = 1")
        .unwrap();
    let (code, _, err) = env.run(&["connection", "disable", "C_1"]);
    assert_eq!((code, err.trim()), (0, "connection C_1 disabled"));
    assert_eq!(env.count_where("connection", "alive = 0 AND pushed = 0"), 1);
    let (code, _, err) = env.run(&["connection", "disable", "C_1"]);
    assert_eq!(
        (code, err.trim()),
        (0, "connection C_1 was already disabled")
    );
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "a dead connection's strategy ran: {out}");
    let (code, _, err) = env.tick(&["run", "S"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("connection C_1 of strategy S is not alive"),
        "{err}"
    );
    env.ok(&["connection", "enable", "C_1"]);
    let (code, out, err) = env.tick(&["run", "S"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("succeeded"), "{out}");
    let err = env.fails(3, &["connection", "disable", "C_NOPE"]);
    assert!(err.contains("unknown connection \"C_NOPE\""), "{err}");
    let err = env.fails(3, &["connection", "show", "C_NOPE"]);
    assert!(err.contains("unknown connection \"C_NOPE\""), "{err}");
}

#[test]
fn strategies_are_listed_shown_disabled_and_enabled() {
    let env = crate::support::Env::ticking();
    env.strategy(
        "S",
        "C_1",
        "high",
        "35 12 * * *",
        &["crosscheck archivelog all;", "backup spfile;"],
    );
    env.strategy("T", "C_2", "low", "0 3 1 1 *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-24 12:35"]);
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "list", "--connection", "C_1", "--json"]))
            .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["strategy_id"], "S");
    assert_eq!(listed[0]["priority"], "HIGH");
    assert_eq!(listed[0]["lines"][1], "backup spfile;");
    let table = env.ok(&["strategy", "list"]);
    assert!(
        table.contains("S") && table.contains("T") && table.contains("LOW"),
        "{table}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S", "--json"])).unwrap();
    assert_eq!(shown["frequencies"][0], "cron 35 12 * * *");
    assert_eq!(shown["next"].as_array().unwrap().len(), 5);
    assert_eq!(shown["last_runs"][0]["status"], "succeeded");
    // Its state as status judges it, like a backup tool's catalog view.
    assert_eq!(shown["state"], "ok");
    assert_eq!(
        shown["last_success_at"].as_str().unwrap(),
        shown["last_runs"][0]["scheduled_for"].as_str().unwrap()
    );
    let text = env.ok(&["strategy", "show", "S"]);
    assert!(
        text.contains("    1  crosscheck archivelog all;\n    2  backup spfile;"),
        "{text}"
    );
    assert!(text.contains("frequencies: cron 35 12 * * *"), "{text}");
    assert!(
        text.contains("state: ok\nlast success: 2026-11-24 12:35 +00:00 ("),
        "{text}"
    );
    assert!(
        text.contains("run\tscheduled\tstatus\ttook\tpieces\texit\twarnings"),
        "{text}"
    );

    let (code, _, err) = env.run(&["strategy", "disable", "S"]);
    assert_eq!((code, err.trim()), (0, "strategy S disabled"));
    let (code, _, err) = env.run(&["strategy", "disable", "S"]);
    assert_eq!((code, err.trim()), (0, "strategy S was already disabled"));
    let (code, out, _) = env.tick(&["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(code, 0);
    assert!(
        !out.contains("S  2026-11-25 12:35 +00:00"),
        "a disabled strategy ran: {out}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S", "--json"])).unwrap();
    assert_eq!(shown["alive"], false);
    assert_eq!(shown["state"], "disabled");
    assert!(
        shown["next"].as_array().unwrap().is_empty(),
        "a disabled strategy is never next"
    );
    env.ok(&["strategy", "enable", "S"]);
    let (code, out, _) = env.tick(&["run", "S"]);
    assert_eq!(code, 0, "{out}");
    env.test()
        .args(&["strategy", "enable", "NOPE"])
        .status(3)
        .stdout("")
        .stderr("error: unknown strategy \"NOPE\" on node node1: see backupctl strategy list\n")
        .run();
}

#[test]
fn check_says_what_is_ready_and_what_is_not() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let _instance = crate::support::InstanceProcess::start("C_1");
    let _other = crate::support::InstanceProcess::start("CHK_CDB1");
    for (id, sid) in [("C_CASE", "chk_cdb1"), ("C_PDB", "CHK_PDB1")] {
        assert_eq!(env.add_connection(id, sid, "h", &[]).0, 0);
    }
    env.env_connection("C_PW", "RMAN_PW", &[]);
    let run = |extra: &[(&str, &str)], format: &str| {
        let mut cmd = env.tick_cmd();
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.args(["check", "--format", format]).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&[], "json");
    assert_eq!(code, 5, "a failed item is exit 5: {out}");
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let state = |name: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["item"] == name)
            .map(|i| {
                (
                    i["state"].as_str().unwrap().to_string(),
                    i["detail"].as_str().unwrap().to_string(),
                )
            })
            .unwrap_or_else(|| panic!("no item {name}: {items}"))
    };
    assert_eq!(state("store").0, "ok");
    let rman = state("rman");
    assert_eq!(rman.0, "ok", "{rman:?}");
    assert!(rman.1.contains("Release 19.0.0.0.0"), "{rman:?}");
    let supervisor = state("supervisor");
    assert!(
        supervisor.0 == "ok" && supervisor.1.ends_with("/backupctl-supervisor"),
        "{supervisor:?}"
    );
    assert_eq!(state("ORACLE_HOME").0, "ok");
    let c1 = state("connection C_1");
    assert_eq!(c1.0, "ok", "{c1:?}");
    assert!(c1.1.ends_with("instance C_1 is running"), "{c1:?}");
    // A SID in the wrong case, a PDB's name as a SID: each named, and why.
    let case = state("connection C_CASE");
    assert_eq!(case.0, "failed");
    assert!(
        case.1
            .contains("no instance chk_cdb1 is running, but CHK_CDB1 is")
            && case.1.contains("case-sensitive"),
        "{case:?}"
    );
    let pdb = state("connection C_PDB");
    assert_eq!(pdb.0, "failed");
    assert!(
        pdb.1
            .contains("no instance CHK_PDB1 is running on this host")
            && pdb.1.contains("CHK_CDB1")
            && pdb.1.contains("pluggable database"),
        "{pdb:?}"
    );
    assert_eq!(
        state("connection C_PW"),
        (
            "failed".to_string(),
            "RMAN_PW is not set in this environment".to_string()
        )
    );
    assert_eq!(state("last tick").0, "warning", "never ticked");
    let (code, out) = run(&[("RMAN_PW", "backup_admin/secret")], "nagios");
    assert!(!out.contains("secret"), "{out}");
    // The rman that check starts sees no connection's credential variable, as in a backup.
    let started = crate::tick::records(&env)
        .into_iter()
        .rfind(|r| r["event"] == "start")
        .unwrap();
    assert!(
        !started["env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "RMAN_PW"),
        "{started}"
    );
    assert_eq!(state("store").0, "ok");
    // Left: no scheduler entry on a node that has never ticked, so nothing would ever run.
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with("BACKUPCTL CHECK CRITICAL - ") && !out.contains("C_PW"),
        "{out}"
    );
    assert!(out.contains("scheduler: no crontab line"), "{out}");
    let (code, out) = run(&[], "nagios");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with("BACKUPCTL CHECK CRITICAL - connection C_CASE: ")
            && out.contains("; connection C_PW: RMAN_PW is not set"),
        "{out}"
    );
    // A value a backup's connect string could not carry fails here as it would there.
    let (code, out) = run(&[("RMAN_PW", "backup_admin/se\"cret")], "json");
    assert_eq!(code, 5, "{out}");
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pw = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "connection C_PW")
        .unwrap_or_else(|| panic!("no item connection C_PW: {items}"));
    assert_eq!(pw["state"], "failed", "{pw}");
    assert!(
        pw["detail"].as_str().unwrap().contains("quotation mark"),
        "{pw}"
    );
    assert!(!out.contains("cret"), "{out}");
}

#[test]
fn check_finds_a_wallet_alias_in_the_home_that_holds_rman() {
    // No ORACLE_HOME or TNS_ADMIN: a backup takes the home above rman's bin folder, and RMAN reads
    // tnsnames.ora from its network/admin folder, so check looks there too.
    let env = crate::support::Env::ticking();
    let home = env.path().join("dbhome");
    std::fs::create_dir_all(home.join("bin")).unwrap();
    std::fs::create_dir_all(home.join("network/admin")).unwrap();
    let rman = home.join("bin/rman");
    std::fs::copy(crate::tick::standin(), &rman).unwrap();
    std::fs::write(
        home.join("network/admin/tnsnames.ora"),
        "BKP_ORCL = (DESCRIPTION = (ADDRESS = (PROTOCOL = TCP)(HOST = db1)(PORT = 1521))\n  (CONNECT_DATA = (SERVICE_NAME = ORCL)))\n",
    )
    .unwrap();
    env.ok(&[
        "add-connection",
        "--id",
        "C_W",
        "--name",
        "C_W",
        "--instance",
        "ORCL",
        "--host",
        "db1",
        "--credential",
        "wallet:BKP_ORCL",
    ]);
    let out = env
        .tick_cmd()
        .env("BACKUPCTL_RMAN", &rman)
        .env_remove("TNS_ADMIN")
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = |name: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["item"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no item {name}: {items}"))
    };
    assert_eq!(item("ORACLE_HOME")["detail"], home.display().to_string());
    let wallet = item("connection C_W");
    assert_eq!(wallet["state"], "ok", "{wallet}");
    assert_eq!(
        wallet["detail"],
        format!(
            "wallet alias BKP_ORCL is in {}",
            home.join("network/admin/tnsnames.ora").display()
        )
    );
}

#[test]
fn a_strategy_is_edited_whole_or_in_part_and_bad_edits_write_nothing() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    env.strategy("T", "C_2", "low", "0 3 * * *", &["backup spfile;"]);
    env.db()
        .execute_batch("UPDATE strategy SET pushed = 1")
        .unwrap();
    let rev = |id: &str| {
        env.db()
            .query_row(
                "SELECT rev FROM strategy WHERE strategy_id = ?1",
                [id],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    let before = rev("S");
    let (code, _, err) = env.run(&[
        "strategy",
        "edit",
        "S",
        "--name",
        "nightly level 0",
        "--priority",
        "high",
        "--max-age",
        "26h",
        "--timeout",
        "3h",
        "--connection",
        "C_2",
        "--line",
        "backup incremental level 0 database;",
        "--line",
        "delete noprompt obsolete;",
    ]);
    assert_eq!((code, err.trim()), (0, "strategy S changed"));
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S", "--json"])).unwrap();
    assert_eq!(shown["name"], "nightly level 0");
    assert_eq!(shown["priority"], "HIGH");
    assert_eq!(shown["max_age_secs"], 26 * 3600);
    assert_eq!(shown["timeout_secs"], 3 * 3600);
    assert_eq!(shown["connection"], "C_2");
    assert_eq!(
        shown["lines"],
        serde_json::json!([
            "backup incremental level 0 database;",
            "delete noprompt obsolete;"
        ])
    );
    // The frequencies stay; the change is one new revision, to be pushed.
    assert_eq!(shown["frequencies"][0], "cron 35 12 * * *");
    assert_eq!(rev("S"), before + 1);
    assert_eq!(
        env.count_where("strategy", "strategy_id = 'S' AND pushed = 0"),
        1
    );
    let text = env.ok(&["strategy", "show", "S"]);
    assert!(text.starts_with("strategy S (nightly level 0)"), "{text}");
    let table = env.ok(&["strategy", "list"]);
    assert!(table.contains("nightly level 0"), "{table}");

    // The edited script is what runs.
    let (code, out, err) = env.tick(&["run", "S"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        env.log_of("S")
            .contains("backup incremental level 0 database;"),
        "{}",
        env.log_of("S")
    );

    // Partial edits keep the rest; clearing works; defaults come back.
    env.ok(&[
        "strategy",
        "edit",
        "S",
        "--name",
        "",
        "--max-age",
        "none",
        "--timeout",
        "default",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S", "--json"])).unwrap();
    assert_eq!(shown["name"], serde_json::Value::Null);
    assert_eq!(shown["max_age_secs"], serde_json::Value::Null);
    assert_eq!(shown["timeout_secs"], serde_json::Value::Null);
    assert_eq!(shown["lines"][1], "delete noprompt obsolete;");

    // Bad edits: exit 3, one line naming what is wrong, nothing written.
    let rev_now = rev("S");
    for (args, says) in [
        (
            &["strategy", "edit", "S", "--line", "backup database"][..],
            "invalid script",
        ),
        (
            &["strategy", "edit", "S", "--connection", "C_9"],
            "unknown connection \"C_9\"",
        ),
        (
            &["strategy", "edit", "NOPE", "--priority", "low"],
            "unknown strategy \"NOPE\"",
        ),
        (
            &["strategy", "edit", "S", "--max-age", "0s"],
            "invalid --max-age",
        ),
        (
            &["strategy", "edit", "S", "--timeout", "soon"],
            "invalid --timeout",
        ),
        (&["strategy", "edit", "S"], "nothing to change"),
    ] {
        let err = env.fails(3, args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(rev("S"), rev_now, "a refused edit wrote nothing");
    assert!(env
        .ok(&["strategy", "show", "S", "--json"])
        .contains("delete noprompt obsolete;"));
    // --force stores a script RMAN's parser would refuse, and says so.
    let (code, _, err) = env.run(&[
        "strategy",
        "edit",
        "S",
        "--line",
        "backup database",
        "--force",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: script stored despite"), "{err}");
}

#[test]
fn a_connection_is_edited_and_bad_values_write_nothing() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let (code, _, err) = env.run(&[
        "connection",
        "edit",
        "C_1",
        "--name",
        "payroll",
        "--privilege",
        "sysbackup",
        "--catalog",
        "wallet:RCAT",
        "--oracle-home",
        "/u01/app/oracle/product/19c/dbhome_1",
    ]);
    assert_eq!((code, err.trim()), (0, "connection C_1 changed"));
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["connection", "show", "C_1", "--json"])).unwrap();
    assert_eq!(shown["conn_name"], "payroll");
    assert_eq!(shown["privilege"], "sysbackup");
    assert_eq!(shown["catalog"], "RCAT");
    assert_eq!(shown["oracle_home"], "/u01/app/oracle/product/19c/dbhome_1");
    env.ok(&[
        "connection",
        "edit",
        "C_1",
        "--catalog",
        "none",
        "--oracle-home",
        "none",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["connection", "show", "C_1", "--json"])).unwrap();
    assert_eq!(shown["catalog"], serde_json::Value::Null);
    assert_eq!(shown["oracle_home"], serde_json::Value::Null);
    assert_eq!(shown["conn_name"], "payroll");
    let rev = env.count_where("connection", "rev = 3");
    assert_eq!(rev, 1, "two edits, two revisions");
    for (args, says) in [
        (
            &["connection", "edit", "C_1", "--port", "0"][..],
            "invalid --port 0",
        ),
        (
            &["connection", "edit", "C_1", "--credential", "env:x y"],
            "credential",
        ),
        (
            &["connection", "edit", "C_1", "--catalog", "RCAT"],
            "invalid --catalog",
        ),
        (
            &[
                "connection",
                "edit",
                "C_1",
                "--oracle-home",
                "relative/home",
            ],
            "invalid --oracle-home",
        ),
        (
            &["connection", "edit", "C_NOPE", "--name", "x"],
            "unknown connection \"C_NOPE\"",
        ),
        (&["connection", "edit", "C_1"], "nothing to change"),
    ] {
        let err = env.fails(3, args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(
        env.count_where("connection", "rev = 3"),
        1,
        "nothing written"
    );
}

#[test]
fn removing_refuses_a_connection_in_use_and_keeps_history_unless_purged() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    env.strategy("T", "C_1", "low", "35 12 * * *", &["backup spfile;"]);
    env.tick_exits(0, &["run-due", "--now", "2026-11-25 12:35"]);
    assert_eq!(env.count("run"), 2);

    let err = env.fails(3, &["connection", "remove", "C_1"]);
    assert!(
        err.contains("connection C_1 is used by strategies S, T")
            && err.contains("backupctl strategy remove"),
        "{err}"
    );
    let err = env.fails(3, &["strategy", "remove", "NOPE"]);
    assert!(err.contains("unknown strategy \"NOPE\""), "{err}");

    // Removed, history kept: the run is still listed; nothing of S is defined or due any more.
    let (code, _, err) = env.run(&["strategy", "remove", "S"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("strategy S removed; its history is kept"),
        "{err}"
    );
    assert_eq!(env.count_where("strategy", "strategy_id = 'S'"), 0);
    assert_eq!(env.count_where("frequency", "strategy_id = 'S'"), 0);
    assert_eq!(env.count_where("strategy_line", "strategy_id = 'S'"), 0);
    assert_eq!(env.count_where("run", "strategy_id = 'S'"), 1);
    assert_eq!(
        env.count_where(
            "removal",
            "kind = 'strategy' AND object_id = 'S' AND pushed = 0 AND connection = 'C_1'"
        ),
        1
    );
    let (out, _) = env.tick_exits(0, &["run-due", "--now", "2026-11-26 12:35"]);
    assert!(!out.contains("S  "), "a removed strategy ran: {out}");

    // Purged: the history goes too.
    env.ok(&["strategy", "remove", "T", "--purge"]);
    assert_eq!(env.count_where("run", "strategy_id = 'T'"), 0);
    assert_eq!(env.count_where("log", "strategy_id = 'T'"), 0);
    // Now the connection can go; its purge takes the history of the strategies removed from it.
    env.ok(&["connection", "remove", "C_1", "--purge"]);
    assert_eq!(env.count("connection"), 0);
    assert_eq!(env.count_where("run", "strategy_id = 'S'"), 0);
    let err = env.fails(3, &["connection", "show", "C_1"]);
    assert!(err.contains("unknown connection \"C_1\""), "{err}");

    // The same id can be added again: its earlier removal is forgotten, never pushed after it.
    env.strategy("S", "C_2", "medium", "35 12 * * *", &["backup spfile;"]);
    assert_eq!(env.count_where("removal", "object_id = 'S'"), 0);
}

#[test]
fn add_strategy_saves_its_first_schedule_name_and_max_age_in_one_go() {
    let env = crate::support::Env::new();
    env.seed();
    env.ok(&[
        "add-strategy",
        "--id",
        "S2",
        "--name",
        "weekly full",
        "--max-age",
        "8d",
        "--connection",
        "C_1",
        "--template",
        "full",
        "--schedule",
        "sun 01:30",
    ]);
    let listed = env.ok(&["schedule", "list", "--strategy", "S2", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["day"], "sun", "{listed}");
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S2", "--json"])).unwrap();
    assert_eq!(shown["name"], "weekly full");
    assert_eq!(shown["max_age_secs"], 8 * 86400);
    // A bad first schedule stores nothing at all.
    let err = env.fails(
        3,
        &[
            "add-strategy",
            "--id",
            "S3",
            "--connection",
            "C_1",
            "--template",
            "full",
            "--schedule",
            "someday 25:00",
        ],
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(env.count_where("strategy", "strategy_id = 'S3'"), 0);
}

#[test]
fn check_passes_on_a_healthy_node_and_fails_each_thing_it_checks() {
    let env = crate::support::Env::ticking();
    env.strategy("S", "C_1", "medium", "35 12 * * *", &["backup spfile;"]);
    let _instance = crate::support::InstanceProcess::start("C_1");
    // A crontab that holds the run-due line (a stand-in for crontab(1)).
    let bin = env.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    env.write(
        "crontab.txt",
        "* * * * * backupctl run-due --quiet # backupctl run-due\n",
    );
    env.executable(
        "bin/crontab",
        &format!(
            "#!/bin/sh\ncat {}\n",
            env.path().join("crontab.txt").display()
        ),
    );
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let check = |extra: &[(&str, &str)]| {
        let mut cmd = env.tick_cmd();
        cmd.env("PATH", &path);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let out = cmd.args(["check", "--format", "json"]).output().unwrap();
        let items: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        let failed: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["state"] != "ok")
            .map(|i| format!("{}={}: {}", i["item"], i["state"], i["detail"]))
            .collect();
        (out.status.code().unwrap(), failed)
    };
    // A tick now: the node is healthy.
    env.tick_exits(0, &["run-due"]);
    let (code, failed) = check(&[]);
    assert_eq!(
        (code, failed.clone()),
        (0, Vec::<String>::new()),
        "{failed:?}"
    );

    // rman missing.
    let (code, failed) = check(&[("BACKUPCTL_RMAN", "/nonexistent/bin/rman")]);
    assert_eq!(code, 5);
    assert!(
        failed.iter().any(|f| f.starts_with("\"rman\"=\"failed\"")),
        "{failed:?}"
    );

    // The last tick 10 minutes old: no backup is being started.
    let stale = (chrono::Utc::now() - chrono::Duration::minutes(10))
        .format("%Y-%m-%dT%H:%M:%S.000000Z")
        .to_string();
    env.db()
        .execute("UPDATE node SET last_tick = ?1", [&stale])
        .unwrap();
    let (code, failed) = check(&[]);
    assert_eq!(code, 5);
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("\"last tick\"=\"failed\"")
                && f.contains("more than 2 minutes ago")),
        "{failed:?}"
    );
    env.tick_exits(0, &["run-due"]);

    // Backups judged as status judges them: a last success older than the strategy's max_age
    // fails, a latest run with warnings warns, a latest run that failed fails.
    let run = |id: &str, ago: i64, status: &str, warnings: Option<&str>| {
        let at = (chrono::Utc::now() - chrono::Duration::minutes(ago))
            .format("%Y-%m-%dT%H:%M:00.000000Z")
            .to_string();
        env.db()
            .execute(
                "INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, warnings) \
                 VALUES (?1, 'node1', 'S', ?2, ?2, ?2, ?3, 0, 'scheduled', ?4)",
                rusqlite::params![id, at, status, warnings],
            )
            .unwrap();
    };
    run("OLD_OK", 180, "succeeded", None);
    env.ok(&["strategy", "edit", "S", "--max-age", "1h"]);
    let (code, failed) = check(&[]);
    assert_eq!(code, 5, "{failed:?}");
    assert_eq!(
        failed,
        vec!["\"backups\"=\"failed\": \"S: last success 3h ago, over max_age 1h\""]
    );
    run("WARNED", 5, "succeeded", Some("RMAN-06207"));
    let (code, failed) = check(&[]);
    assert_eq!(code, 0, "{failed:?}");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        failed[0].starts_with("\"backups\"=\"warning\": \"S: latest run succeeded with RMAN-06207"),
        "{failed:?}"
    );
    run("FAILED", 2, "failed", None);
    let (code, failed) = check(&[]);
    assert_eq!(code, 5, "{failed:?}");
    assert!(
        failed[0].starts_with("\"backups\"=\"failed\": \"S: latest run failed"),
        "{failed:?}"
    );
    env.ok(&["strategy", "disable", "S"]);
    let (code, failed) = check(&[]);
    assert_eq!(
        (code, failed.len()),
        (0, 0),
        "a disabled strategy is not judged: {failed:?}"
    );

    // A slave whose master does not answer.
    env.write(
        "profile.toml",
        "role = \"slave\"\nmaster = \"postgres://backupctl@127.0.0.1:1/backups\"\nmaster_timeout = \"2s\"\n",
    );
    let (code, failed) = check(&[]);
    assert_eq!(code, 5);
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("\"master\"=\"failed\"")),
        "{failed:?}"
    );
    assert_eq!(failed.len(), 1, "only the master: {failed:?}");
}

/// Every column of every definition row, `node` and the push bookkeeping (`rev`, `pushed`) aside.
fn definition_rows(env: &Env, node: &str) -> Vec<String> {
    let db = env.db();
    let mut out = Vec::new();
    for table in ["connection", "strategy", "strategy_line", "frequency"] {
        let mut stmt = db
            .prepare(&format!(
                "SELECT * FROM {table} WHERE node = ?1 ORDER BY 2, 3"
            ))
            .unwrap();
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let rows = stmt
            .query_map([node], |r| {
                let mut cells = vec![table.to_string()];
                for (i, name) in names.iter().enumerate() {
                    if !["node", "rev", "pushed"].contains(&name.as_str()) {
                        let v: rusqlite::types::Value = r.get(i)?;
                        cells.push(format!("{name}={v:?}"));
                    }
                }
                Ok(cells.join(" "))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn node_rename_keeps_every_column_of_every_definition() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "strategy",
        "edit",
        "EST_1",
        "--name",
        "nightly level 0",
        "--max-age",
        "26h",
        "--timeout",
        "4h",
    ]);
    env.ok(&["schedule", "add", "EST_1", "--day", "mon", "--at", "21:30"]);
    env.ok(&["schedule", "add", "EST_1", "--cron", "0 1 * * *"]);
    let before = definition_rows(&env, "node1");
    assert!(
        before
            .iter()
            .any(|r| r.contains("max_age_secs=Integer(93600)")),
        "{before:#?}"
    );
    env.ok(&["node", "rename", "node1", "node2"]);
    assert_eq!(definition_rows(&env, "node2"), before);
    assert!(definition_rows(&env, "node1").is_empty());
}

#[test]
fn templates_that_would_back_up_the_database_twice_are_refused() {
    let env = Env::new();
    env.connection("C_1");
    env.test()
        .args(&[
            "add-strategy",
            "--id",
            "S",
            "--connection",
            "C_1",
            "--template",
            "incremental:0",
            "--template",
            "plus-archivelog",
        ])
        .status(3)
        .one_line_error()
        .stderr_has(
            "templates incremental:0 and plus-archivelog conflict: both back up the whole database",
        )
        .run();
    assert_eq!(env.count("strategy"), 0);
}

/// The wizard on a pseudo-terminal (script(1)): keys typed ahead are read in order. It asks a
/// name and a max-age; Esc cancels with exit 130, as Ctrl-C does.
#[test]
fn the_wizard_asks_a_name_and_a_max_age_and_esc_cancels() {
    let env = Env::new();
    env.connection("C_1");
    let typed = |args: &str, keys: &[u8]| {
        crate::support::on_terminal(&env, &format!("add-strategy {args}"), keys, &[])
    };
    // Connection, priority, the first template (full), timeout, schedule, name, max-age, save.
    let Some(out) = typed("--id S1", b"\r\r \r\revery 02:00\rweekly full\r8d\r\r") else {
        crate::support::skip_notice("skipping the wizard test: script(1) not installed");
        return;
    };
    assert!(out.contains("CODE=0"), "{out}");
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S1", "--json"])).unwrap();
    assert_eq!(shown["name"], "weekly full");
    assert_eq!(shown["max_age_secs"], 8 * 86400);
    // Esc at the first question.
    let out = typed("--id S2", b"\x1b").unwrap();
    assert!(
        out.contains("nothing saved") && out.contains("CODE=130"),
        "{out}"
    );
    assert_eq!(env.count_where("strategy", "strategy_id = 'S2'"), 0);
}

/// `strategy edit` in $EDITOR: a script RMAN would reject is shown with why, and offered to edit
/// again (as crontab -e does); the fixed one is saved.
#[test]
fn an_invalid_edit_is_offered_to_edit_again() {
    let env = Env::new();
    env.connection("C_1");
    env.ok(&[
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_1",
        "--line",
        "backup spfile;",
    ]);
    // First pass: an unbalanced block; second: a good script.
    let editor = env.executable(
        "editor.sh",
        &format!(
            "#!/bin/sh\nif [ -e {m} ]; then echo 'backup current controlfile;' > \"$1\"; else touch {m}; printf 'run {{\\n  backup spfile;\\n' > \"$1\"; fi\n",
            m = env.path().join("edited-once").display()
        ),
    );
    // "Edit it again?" yes (the default), then "Save the new script?" yes.
    let vars = [("EDITOR", editor.as_path())];
    let Some(out) = crate::support::on_terminal(&env, "strategy edit S", b"\ry", &vars) else {
        crate::support::skip_notice("skipping the editor test: script(1) not installed");
        return;
    };
    assert!(
        out.contains("Edit it again?") && out.contains("CODE=0"),
        "{out}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&env.ok(&["strategy", "show", "S", "--json"])).unwrap();
    assert_eq!(shown["lines"][0], "backup current controlfile;", "{out}");
}
