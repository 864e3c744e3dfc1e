//! Profile, store URLs, schema installation, completions, exit codes.

use crate::support::Env;

#[test]
fn install_schema_is_idempotent() {
    let env = Env::new();
    let (_, _, err) = env.run(&["install-schema"]);
    assert!(err.contains("upgraded from version 0 to 10"), "{err}");
    let (code, _, err) = env.run(&["install-schema"]);
    assert_eq!(code, 0);
    assert!(err.contains("up to date (version 10)"), "{err}");
    let versions: i64 = env
        .db()
        .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 10);
}

#[test]
fn the_default_store_is_created_on_first_use_in_the_data_dir() {
    let env = Env::new();
    let run = |args: &[&str]| {
        env.cmd()
            .env_remove("BACKUPCTL_STORE")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "add-connection",
        "--id",
        "C_1",
        "--name",
        "x",
        "--instance",
        "XE",
        "--host",
        "h",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env.path().join("data/backupctl/metadata.db").is_file());
    let out = run(&["logs", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn printed_sqlite_ddl_builds_a_store_backupctl_accepts() {
    let env = Env::new();
    let ddl = env.ok(&["install-schema", "--print", "--dialect", "sqlite"]);
    assert!(
        !env.store_path().exists(),
        "--print must not open the store"
    );
    env.db().execute_batch(&ddl).unwrap();
    let (_, _, err) = env.run(&["install-schema"]);
    assert!(err.contains("up to date (version 10)"), "{err}");
}

#[test]
fn printed_oracle_ddl_has_tablespace_types_and_functions() {
    let env = Env::new();
    let ddl = env.ok(&[
        "install-schema",
        "--print",
        "--dialect",
        "oracle",
        "--tablespace",
        "BACKUP_METADATA",
        "--datafile",
        "/u02/oradata/XE/backup_metadata01.dbf",
    ]);
    assert!(ddl.contains(
        "CREATE TABLESPACE BACKUP_METADATA\n  DATAFILE '/u02/oradata/XE/backup_metadata01.dbf'"
    ));
    for table in [
        "node",
        "connection",
        "strategy",
        "strategy_line",
        "frequency",
        "run",
        "log",
        "error",
    ] {
        assert!(ddl.contains(&format!("CREATE TABLE {table} (")), "{table}");
    }
    assert!(ddl.contains(") TABLESPACE BACKUP_METADATA;"));
    assert!(ddl.contains("ON frequency (node, hour, minutes, day) TABLESPACE BACKUP_METADATA;"));
    assert!(
        ddl.contains("TIMESTAMP WITH TIME ZONE")
            && ddl.contains("CLOB")
            && ddl.contains("VARCHAR2")
    );
    assert!(ddl.contains("CREATE OR REPLACE FUNCTION scheduled_backups"));
    assert!(ddl.contains("(f.day = p_day OR f.day = -1)"));
    assert!(ddl.contains("ORDER BY line_no"));
    assert!(!ddl.contains("/*TABLESPACE*/"));
    let plain = env.ok(&["install-schema", "--print", "--dialect", "oracle"]);
    assert!(
        !plain.contains("TABLESPACE") && !plain.contains("/*"),
        "no tablespace clause without --tablespace"
    );
    let pg = env.ok(&["install-schema", "--print", "--dialect", "postgres"]);
    assert!(pg.contains("TIMESTAMPTZ") && pg.contains("CREATE INDEX run_node_status_idx"));
}

#[test]
fn tablespace_needs_the_oracle_dialect_and_a_sane_name() {
    let env = Env::new();
    let err = env.fails(
        3,
        &[
            "install-schema",
            "--print",
            "--tablespace",
            "TS",
            "--datafile",
            "/x.dbf",
        ],
    );
    assert!(err.contains("apply to the oracle dialect"), "{err}");
    let err = env.fails(
        3,
        &[
            "install-schema",
            "--print",
            "--dialect",
            "oracle",
            "--tablespace",
            "TS; DROP",
            "--datafile",
            "/x.dbf",
        ],
    );
    assert!(err.contains("invalid tablespace name"), "{err}");
    env.fails(
        2,
        &[
            "install-schema",
            "--print",
            "--dialect",
            "oracle",
            "--tablespace",
            "TS",
        ],
    );
}

#[test]
fn profile_keys_are_checked_by_name() {
    let env = Env::new();
    let p = env.write("p.toml", "node = \"n1\"\nretention = \"30d\"\n");
    let err = env.fails(3, &["--profile", p.to_str().unwrap(), "logs"]);
    assert!(
        err.contains("line 2: unknown key \"retention\": expected one of role, node"),
        "{err}"
    );
    let p = env.write("p2.toml", "catch_up = \"quarter hour\"\n");
    let err = env.fails(3, &["logs", "--profile", p.to_str().unwrap()]);
    assert!(
        err.contains("catch_up") && err.contains("expected a whole number with a unit"),
        "{err}"
    );
    let err = env.fails(
        3,
        &[
            "logs",
            "--profile",
            env.path().join("missing.toml").to_str().unwrap(),
        ],
    );
    assert!(err.contains("cannot read profile"), "{err}");
    assert!(!env.store_path().exists());
}

#[test]
fn the_profile_sets_the_store_and_the_environment_overrides_it() {
    let env = Env::new();
    let file_store = env.path().join("from-profile.db");
    let p = env.write(
        "p.toml",
        &format!(
            "store = \"sqlite:{}\"\nnode = \"alpha\"\n",
            file_store.display()
        ),
    );
    let out = env
        .cmd()
        .env_remove("BACKUPCTL_STORE")
        .env_remove("BACKUPCTL_NODE")
        .args([
            "--profile",
            p.to_str().unwrap(),
            "add-connection",
            "--name",
            "x",
            "--instance",
            "XE",
            "--host",
            "h",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let node: String = rusqlite::Connection::open(&file_store)
        .unwrap()
        .query_row("SELECT node FROM connection", [], |r| r.get(0))
        .unwrap();
    assert_eq!(node, "alpha");
    // BACKUPCTL_STORE (set by cmd()) wins over the profile's store.
    env.ok(&[
        "--profile",
        p.to_str().unwrap(),
        "add-connection",
        "--name",
        "y",
        "--instance",
        "XE",
        "--host",
        "h",
    ]);
    assert_eq!(env.count("connection"), 1);
}

#[test]
fn store_urls_are_checked_and_never_echo_a_password() {
    let env = Env::new();
    let err = env.fails(
        3,
        &["--store", "postgres://backup:Hunter2@central/db", "logs"],
    );
    assert!(
        err.contains("must not contain a password") && !err.contains("Hunter2"),
        "{err}"
    );
    let err = env.fails(3, &["--store", "mysql://central/db", "logs"]);
    assert!(
        err.contains("unsupported store URL scheme \"mysql\""),
        "{err}"
    );
}

#[test]
fn an_unusable_store_exits_4() {
    let env = Env::new();
    let blocker = env.write("not-a-dir", "x");
    let url = format!("sqlite:{}/store.db", blocker.display());
    let err = env.fails(
        4,
        &[
            "--store",
            &url,
            "add-connection",
            "--name",
            "x",
            "--instance",
            "XE",
            "--host",
            "h",
        ],
    );
    assert!(err.contains("cannot create the store folder"), "{err}");
    let garbage = env.write("garbage.db", "this is not a database file, not at all, no.........................................................................");
    let err = env.fails(
        4,
        &["--store", &format!("sqlite:{}", garbage.display()), "logs"],
    );
    assert!(err.contains("garbage.db"), "{err}");
}

/// A store this user may not use is a permission problem, said as one: which folder or file, its
/// owner, group and mode, and the user — never "does not exist" or SQLite's "unable to open".
/// As root the command runs as nobody (setpriv), since root passes every check; as another user
/// the store file is made mode 0000.
#[test]
fn a_store_this_user_may_not_use_is_named_with_owner_mode_and_user() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["install-schema"]);
    let root = effective_uid() == 0;
    for args in [
        &["logs"][..],
        &["add-connection", "--name", "x", "--instance", "XE"],
    ] {
        let out = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(assert_cmd::cargo::cargo_bin("backupctl"))
                .args(args)
                .envs(
                    env.std_cmd()
                        .get_envs()
                        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
                );
            match c.output() {
                Ok(o) => o,
                Err(_) => {
                    crate::support::skip_notice(
                        "skipping the permission test: setpriv not installed",
                    );
                    return;
                }
            }
        } else {
            std::fs::set_permissions(env.store_path(), std::fs::Permissions::from_mode(0o000))
                .unwrap();
            env.std_cmd().args(args).output().unwrap()
        };
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {err}");
        let said = if root {
            "user nobody may not ".to_string()
        } else {
            format!(
                "may not read and write the store {}",
                env.store_path().display()
            )
        };
        assert!(
            err.contains(&said) && err.contains("mode 0"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("does not exist") && !err.contains("unable to open"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// The effective uid, from /proc (Linux) — without a dependency in the tests.
fn effective_uid() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|u| u.parse().ok())
        .unwrap_or(u32::MAX)
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let (code, _, _) = env.run(&["schedule", "add", "EST_1", "--day", "mon"]);
    assert_eq!(code, 2);
    let (code, _, _) = env.run(&["no-such-command"]);
    assert_eq!(code, 2);
}

#[test]
fn help_and_completions_never_open_the_store() {
    let env = Env::new();
    let out = env.ok(&["--help"]);
    assert!(out.contains("run-due") || out.contains("install-schema"));
    let out = env.ok(&["completions", "bash"]);
    assert!(out.contains("backupctl"));
    assert!(!env.store_path().exists());
}

#[test]
fn committed_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("BACKUPCTL_UPDATE_GENERATED").is_some();
    let env = Env::new();
    for (shell, file) in [
        ("bash", "backupctl.bash"),
        ("zsh", "_backupctl"),
        ("fish", "backupctl.fish"),
        ("powershell", "_backupctl.ps1"),
        ("elvish", "backupctl.elv"),
    ] {
        let fresh = env.ok(&["completions", shell]);
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "completions/{file} is stale: run BACKUPCTL_UPDATE_GENERATED=1 cargo test committed_completions_are_current"
        );
    }
}

#[test]
fn an_oracle_store_without_oracle_client_exits_4_naming_instant_client() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("BACKUPCTL_STORE_PASSWORD", "Secr3t-pw")
        .args(["--store", "oracle://backupctl@127.0.0.1:1/XE", "logs"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("Secr3t-pw"), "{err}");
    // Where Oracle Client is installed, the connection itself fails instead.
    assert!(
        err.contains("install Oracle Instant Client") || err.contains("cannot connect to store"),
        "{err}"
    );
    let err = env.fails(3, &["--store", "oracle://backupctl@127.0.0.1:1/XE", "logs"]);
    assert!(
        err.contains("set BACKUPCTL_STORE_PASSWORD, or use a wallet with oracle:///@alias"),
        "{err}"
    );
}

/// Every man page: backupctl(1) and one per subcommand, e.g. backupctl-schedule-add(1).
/// Text as roff prints it: backslashes and hyphens escaped, no line taken for a request.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
}

fn man_pages() -> Vec<(String, Vec<u8>)> {
    use clap::CommandFactory;
    fn walk(cmd: clap::Command, name: String, bin: String, out: &mut Vec<(String, Vec<u8>)>) {
        let static_name: &'static str = Box::leak(name.clone().into_boxed_str());
        let cmd = cmd.name(static_name).bin_name(bin.clone());
        let mut buf = Vec::new();
        let man = clap_mangen::Man::new(cmd.clone());
        if name == "backupctl" {
            // The main page also says what the options cannot: profile keys, exit status,
            // environment and files (from backupctl::manual).
            man.render_title(&mut buf).unwrap();
            man.render_name_section(&mut buf).unwrap();
            man.render_synopsis_section(&mut buf).unwrap();
            man.render_description_section(&mut buf).unwrap();
            man.render_options_section(&mut buf).unwrap();
            man.render_subcommands_section(&mut buf).unwrap();
            for (title, entries) in backupctl::manual::sections() {
                buf.extend(format!(".SH \"{title}\"\n").bytes());
                for (term, text) in entries {
                    buf.extend(format!(".TP\n{}\n{}\n", roff(&term), roff(&text)).bytes());
                }
            }
            man.render_version_section(&mut buf).unwrap();
        } else {
            man.render(&mut buf).unwrap();
        }
        // clap_mangen titles `after_help` EXTRA: here it always holds examples.
        let text = String::from_utf8(buf)
            .unwrap()
            .replace(".SH EXTRA\n", ".SH EXAMPLES\n");
        out.push((format!("{name}.1"), text.into_bytes()));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(
                sub.clone(),
                format!("{name}-{}", sub.get_name()),
                format!("{bin} {}", sub.get_name()),
                out,
            );
        }
    }
    let mut out = Vec::new();
    // No `help` subcommands: they have no page of their own, and would be listed as if they did.
    fn without_help(cmd: clap::Command) -> clap::Command {
        let cmd = cmd.disable_help_subcommand(true);
        let subs: Vec<clap::Command> = cmd.get_subcommands().cloned().collect();
        subs.into_iter().fold(cmd, |cmd, sub| {
            cmd.mut_subcommand(sub.get_name(), |_| without_help(sub.clone()))
        })
    }
    let mut cmd = without_help(backupctl::cli::Cli::command());
    cmd.build();
    walk(
        cmd,
        "backupctl".to_string(),
        "backupctl".to_string(),
        &mut out,
    );
    out
}

#[test]
fn every_page_a_man_page_names_exists_and_examples_are_titled_so() {
    let pages = man_pages();
    let names: std::collections::HashSet<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    for (name, text) in &pages {
        let text = String::from_utf8_lossy(text);
        assert!(!text.contains(".SH EXTRA"), "{name}");
        for (i, _) in text.match_indices("backupctl\\-") {
            let rest = &text[i..];
            let Some(end) = rest.find("(1)") else {
                continue;
            };
            let page = rest[..end].replace("\\-", "-");
            if page.contains(char::is_whitespace) {
                continue;
            }
            assert!(
                names.contains(&format!("{page}.1")),
                "{name} names {page}(1), which does not exist"
            );
        }
    }
}

#[test]
fn the_main_man_page_has_exit_status_environment_files_and_every_profile_key() {
    let pages = man_pages();
    let main = &pages.iter().find(|(n, _)| n == "backupctl.1").unwrap().1;
    let text = String::from_utf8_lossy(main);
    for heading in ["PROFILE KEYS", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
        assert!(text.contains(&format!(".SH \"{heading}\"")), "{heading}");
    }
    for (key, _, _) in backupctl::manual::PROFILE_KEYS {
        assert!(text.contains(&format!(".TP\n{key}\n")), "{key}");
    }
    for var in [
        "BACKUPCTL_STORE_PASSWORD",
        "BACKUPCTL_MASTER_PASSWORD",
        "BACKUPCTL_PROFILE",
    ] {
        assert!(text.contains(var), "{var}");
    }
}

#[test]
fn committed_man_pages_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let update = std::env::var_os("BACKUPCTL_UPDATE_GENERATED").is_some();
    let pages = man_pages();
    assert!(pages.iter().any(|(n, _)| n == "backupctl.1"));
    assert!(pages
        .iter()
        .any(|(n, _)| n == "backupctl-schedule-install.1"));
    for (name, fresh) in &pages {
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, fresh).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            &committed == fresh,
            "man/{name} is stale: run BACKUPCTL_UPDATE_GENERATED=1 cargo test committed_man_pages_are_current"
        );
    }
    let committed = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        committed,
        pages.len(),
        "man/ holds a page no command has any more"
    );
}

#[test]
fn every_command_help_shows_an_example() {
    for (name, page) in man_pages() {
        let text = String::from_utf8_lossy(&page);
        if name == "backupctl.1" || name == "backupctl-schedule.1" {
            continue;
        }
        assert!(text.contains("Example"), "{name} has no example");
    }
}

#[test]
fn help_examples_fit_80_columns_and_global_options_have_their_heading() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, long: &mut Vec<String>) {
        if let Some(after) = cmd.get_after_help() {
            for line in after.to_string().lines() {
                if line.chars().count() > 80 {
                    long.push(format!("{path}: {line}"));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), long);
        }
    }
    let mut long = Vec::new();
    walk(&backupctl::cli::Cli::command(), "backupctl", &mut long);
    assert!(
        long.is_empty(),
        "examples wider than 80 columns:\n{}",
        long.join("\n")
    );
    let env = Env::new();
    let help = env.ok(&["logs", "--help"]);
    let (own, global) = help
        .split_once("Global options:")
        .expect("a Global options heading");
    assert!(
        own.contains("--status") && !own.contains("--profile"),
        "{help}"
    );
    assert!(
        global.contains("--profile") && global.contains("--verbose"),
        "{help}"
    );
}

#[test]
fn a_new_store_and_its_folder_are_its_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let store = env.path().join("private/backupctl/metadata.db");
    env.ok(&[
        "--store",
        &format!("sqlite:{}", store.display()),
        "add-connection",
        "--id",
        "C_1",
        "--name",
        "c",
        "--instance",
        "XE",
    ]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store), 0o600);
    assert_eq!(mode(store.parent().unwrap()), 0o700);
    // SQLite gives its write-ahead log and shared-memory files the database file's mode.
    for side in ["metadata.db-wal", "metadata.db-shm"] {
        assert_eq!(mode(&store.with_file_name(side)), 0o600, "{side}");
    }
}

/// BackupExecutor's own tables, as its README creates them (two of them are enough).
const BACKUPEXECUTOR_TABLES: &str = "
CREATE TABLE connection (conn_id VARCHAR(25) NOT NULL PRIMARY KEY, conn_name VARCHAR(70) NOT NULL,
    database_instance VARCHAR(70) NOT NULL, ip VARCHAR(70) NOT NULL, port VARCHAR(6) DEFAULT '1521' NOT NULL,
    alive INTEGER DEFAULT 1 NOT NULL);
CREATE TABLE log (strategy_id VARCHAR(25) NOT NULL, moment TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, log TEXT);
INSERT INTO connection (conn_id, conn_name, database_instance, ip) VALUES ('1', 'prod', 'XE', '10.0.0.5');
";

fn refuses_another_applications_tables(env: &Env, store: &str) {
    env.test()
        .env("BACKUPCTL_STORE", store)
        .args(&["install-schema"])
        .status(3)
        .one_line_error()
        .stderr_has("connection, log: no node column")
        .stderr_has("nothing was created")
        .run();
}

#[test]
fn a_store_holding_another_applications_tables_of_the_same_names_is_refused_untouched() {
    let env = Env::new();
    env.db().execute_batch(BACKUPEXECUTOR_TABLES).unwrap();
    let store = format!("sqlite:{}", env.store_path().display());
    refuses_another_applications_tables(&env, &store);
    // Made on first use, SQLite is refused by every command, not only install-schema.
    env.fails(3, &["strategy", "list"]);
    let tables: Vec<String> = env
        .db()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["connection", "log"], "nothing may be created");
    let rows: i64 = env
        .db()
        .query_row("SELECT COUNT(*) FROM connection", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);

    let Some(pg) = crate::support::PgSchema::create("the foreign-tables test") else {
        return;
    };
    pg.client().batch_execute(BACKUPEXECUTOR_TABLES).unwrap();
    refuses_another_applications_tables(&env, &pg.url);
    let made: i64 = pg
        .client()
        .query_one(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(made, 2, "nothing may be created on PostgreSQL either");
}

#[test]
fn a_master_that_is_not_a_server_url_is_refused_and_nothing_is_marked_pushed() {
    let env = Env::new();
    env.seed();
    for master in [
        "central:5432/backups",
        "backups.db",
        "sqlite:/tmp/backups.db",
    ] {
        env.write(
            "profile.toml",
            &format!("role = \"slave\"\nmaster = \"{master}\"\n"),
        );
        let profile = env.path().join("profile.toml");
        let ran = env
            .test()
            .env("BACKUPCTL_PROFILE", &profile)
            .args(&["push-logs"])
            .status(3)
            .one_line_error()
            .stderr_has("expected postgres://")
            .run();
        assert!(ran.stderr.contains(master), "{}", ran.stderr);
    }
    let pushed: i64 = env
        .db()
        .query_row("SELECT COUNT(*) FROM strategy WHERE pushed <> 0", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(pushed, 0);
    assert!(!env.path().join("backups.db").exists());
}

/// Installers on many hosts at once: each version is applied once, and every one exits 0.
#[test]
fn install_schema_from_many_processes_at_once_succeeds_everywhere() {
    let Some(pg) = crate::support::PgSchema::create("the concurrent install-schema test") else {
        return;
    };
    let env = Env::new();
    let children: Vec<_> = (0..12)
        .map(|_| {
            env.std_cmd()
                .env("BACKUPCTL_STORE", &pg.url)
                .arg("install-schema")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let versions: i64 = pg
        .client()
        .query_one("SELECT COUNT(*) FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        versions,
        i64::from(backupctl::store::latest_version(
            backupctl::store::Dialect::Postgres
        ))
    );
}
