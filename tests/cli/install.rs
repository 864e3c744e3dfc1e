//! schedule install: the crontab line, the systemd units and the Task Scheduler task.

use crate::support::Env;

fn with_profile(env: &Env) -> std::path::PathBuf {
    env.write("profile.toml", "node = \"n1\"\ntimezone = \"UTC\"\n")
}

#[test]
fn cron_print_is_one_line_calling_run_due_with_this_profile() {
    let env = Env::new();
    let p = with_profile(&env);
    let user = service_user(&env);
    let out = env
        .cmd()
        .env_remove("BACKUPCTL_STORE")
        .args([
            "--profile",
            p.to_str().unwrap(),
            "schedule",
            "install",
            "--cron",
            "--print",
        ])
        .args(user)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.lines().count(), 1, "{out}");
    let profile = p.canonicalize().unwrap();
    assert!(out.starts_with("* * * * * "), "{out}");
    assert!(
        out.contains(&format!(
            "--profile {} run-due --quiet # backupctl run-due",
            profile.display()
        )),
        "{out}"
    );
    assert!(out.contains("/backupctl "), "{out}");
    // A store given by flag or environment is repeated in the entry, a profile's is not.
    let with_store = env.ok(&[
        &[
            "--profile",
            p.to_str().unwrap(),
            "schedule",
            "install",
            "--cron",
            "--print",
        ][..],
        user,
    ]
    .concat());
    assert!(
        with_store.contains(&format!(
            "--store sqlite:{} run-due",
            env.store_path().display()
        )),
        "{with_store}"
    );
    assert!(!env.store_path().exists(), "--print opens no store");
}

#[test]
fn cron_install_merges_into_the_crontab_idempotently() {
    let env = Env::new();
    let p = with_profile(&env);
    let bin = env.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let tab = env.path().join("crontab.txt");
    // A stand-in for crontab(1) that keeps the table in a file.
    env.executable(
        "bin/crontab",
        &format!(
            "#!/bin/sh\nif [ \"$1\" = -u ]; then shift 2; fi\nif [ \"$1\" = -l ]; then cat {0} 2>/dev/null || {{ echo 'no crontab for user' >&2; exit 1; }}; else cat > {0}; fi\n",
            tab.display()
        ),
    );
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let user = service_user(&env);
    let install = || {
        let out = env
            .cmd()
            .env("PATH", &path)
            .args([
                "--profile",
                p.to_str().unwrap(),
                "schedule",
                "install",
                "--cron",
            ])
            .args(user)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = install();
    assert!(err.contains("installed in the crontab"), "{err}");
    assert_eq!(std::fs::read_to_string(&tab).unwrap().lines().count(), 1);
    // Other lines stay; a second install replaces its own line only.
    let other = "0 5 * * * /usr/local/bin/rotate-logs\n";
    let ours = std::fs::read_to_string(&tab).unwrap();
    std::fs::write(&tab, format!("{other}{ours}")).unwrap();
    let err = install();
    assert!(err.contains("already has this entry"), "{err}");
    let table = std::fs::read_to_string(&tab).unwrap();
    assert_eq!(table, format!("{other}{ours}"));
}

/// As root, the arguments that name the account the entries run as (daemon), after giving it the
/// test's folder so that it can open the store there; as another user, none.
fn service_user(env: &Env) -> &'static [&'static str] {
    if !running_as_root() {
        return &[];
    }
    let id = |flag: &str| -> u32 {
        let out = std::process::Command::new("id")
            .args([flag, "daemon"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    let (uid, gid) = (Some(id("-u")), Some(id("-g")));
    std::os::unix::fs::chown(env.path(), uid, gid).unwrap();
    for store in ["store.db", "store.db-wal", "store.db-shm"] {
        let _ = std::os::unix::fs::chown(env.path().join(store), uid, gid);
    }
    &["--user", "daemon"]
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn systemd_units_fire_every_minute_persistently_and_never_as_root_by_accident() {
    let env = Env::new();
    let p = with_profile(&env);
    let root = running_as_root();
    let install = |extra: &[&str]| {
        let mut args = vec![
            "--profile",
            p.to_str().unwrap(),
            "schedule",
            "install",
            "--systemd",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    // As root, a profile owned by root gives no user to run as: refused, not run as root.
    let user: &[&str] = if root {
        let (code, _, err) = install(&["--print"]);
        assert_eq!(code, 3, "{err}");
        assert!(
            err.contains("would run RMAN as root: pass --user NAME"),
            "{err}"
        );
        service_user(&env)
    } else {
        &[]
    };
    let (code, out, err) = install(&[&["--print"][..], user].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("# backupctl-run-due.service\n[Unit]"), "{out}");
    assert!(out.contains("Type=oneshot"));
    assert!(out.contains("TimeoutStartSec=infinity"));
    // An instance a cold backup starts outlives the tick; nothing that breaks bequeath
    // connections or Oracle's IPC unless asked for.
    assert!(out.contains("\nKillMode=process\n"), "{out}");
    assert!(out.contains("\nProtectSystem=full\n"), "{out}");
    for hardening in ["NoNewPrivileges=", "PrivateTmp="] {
        assert!(
            !out.contains(hardening),
            "{hardening} without --harden: {out}"
        );
    }
    let err = env.fails(3, &["schedule", "install", "--cron", "--print", "--harden"]);
    assert!(
        err.contains("--group and --harden apply to systemd units"),
        "{err}"
    );
    let (code, hardened, err) = install(&[&["--print", "--harden"][..], user].concat());
    assert_eq!(code, 0, "{err}");
    for hardening in ["\nNoNewPrivileges=yes\n", "\nPrivateTmp=yes\n", "ORA-27140"] {
        assert!(hardened.contains(hardening), "{hardening}: {hardened}");
    }
    if root {
        // The user's own primary group unless --group names one (that exists).
        assert!(
            out.contains("User=daemon\n") && !out.contains("Group="),
            "{out}"
        );
        let (code, grouped, err) = install(&[&["--print", "--group", "daemon"][..], user].concat());
        assert_eq!(code, 0, "{err}");
        assert!(grouped.contains("User=daemon\nGroup=daemon\n"), "{grouped}");
        let (code, _, err) =
            install(&[&["--print", "--group", "no_such_group"][..], user].concat());
        assert_eq!(code, 3, "{err}");
        assert!(err.contains("unknown --group \"no_such_group\""), "{err}");
    } else {
        assert!(
            !out.contains("User="),
            "a user unit runs as its user: {out}"
        );
    }
    assert!(out.contains(" run-due --quiet\n"), "{out}");
    assert!(out.contains("# backupctl-run-due.timer\n[Unit]"));
    assert!(out.contains("OnCalendar=*-*-* *:*:00\nPersistent=true"));
    assert!(out.contains("WantedBy=timers.target"));
    let dir = env.path().join("units");
    let (code, _, err) = install(&[&["--dir", dir.to_str().unwrap()][..], user].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("systemctl") && err.contains("enable --now backupctl-run-due.timer"),
        "{err}"
    );
    // The page the unit names is either installed, or where to get it is said.
    let page_installed = std::process::Command::new("man")
        .args(["-w", "backupctl"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert_eq!(
        err.contains("Documentation= names man:backupctl(1), which is not installed: install -m 0644 man/*.1"),
        !page_installed,
        "{err}"
    );
    let service = std::fs::read_to_string(dir.join("backupctl-run-due.service")).unwrap();
    let timer = std::fs::read_to_string(dir.join("backupctl-run-due.timer")).unwrap();
    assert!(
        out.contains(&service) && out.contains(&timer),
        "the files are what --print shows"
    );
    // systemd's own check of both units, where systemd-analyze is installed.
    let verify = std::process::Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(dir.join("backupctl-run-due.service"))
        .arg(dir.join("backupctl-run-due.timer"))
        .output();
    match verify {
        Ok(o) => {
            let said = String::from_utf8_lossy(&o.stderr);
            let ours: Vec<&str> = said
                .lines()
                .filter(|l| l.contains("backupctl-run-due"))
                .collect();
            assert!(
                o.status.success() && ours.is_empty(),
                "systemd-analyze verify: {said}"
            );
        }
        Err(_) => crate::support::skip_notice("skipping systemd-analyze verify: not installed"),
    }
}

#[test]
fn windows_task_repeats_every_minute_and_ignores_new_instances() {
    let env = Env::new();
    let p = with_profile(&env);
    let (code, out, err) = env.run(&[
        "--profile",
        p.to_str().unwrap(),
        "schedule",
        "install",
        "--windows",
        "--print",
    ]);
    assert_eq!(code, 0);
    for part in [
        "<Interval>PT1M</Interval>",
        "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
        "<LogonType>Password</LogonType>",
        "run-due --quiet</Arguments>",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    assert!(
        err.contains("schtasks /Create /TN \"backupctl run-due\" /XML"),
        "{err}"
    );
    let dir = env.path().join("task");
    let (code, _, err) = env.run(&[
        "--profile",
        p.to_str().unwrap(),
        "schedule",
        "install",
        "--windows",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(dir.join("backupctl-run-due.xml")).unwrap();
    assert_eq!(
        &bytes[..2],
        &[0xFF, 0xFE],
        "UTF-16LE with a byte-order mark"
    );
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    assert!(text.contains("<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>"));
    assert!(err.contains("load it with: schtasks /Create"), "{err}");
    // Both documents are well-formed XML in the encoding they declare (Python's expat parser
    // reads the bytes as they are, BOM and declaration included).
    let printed = env.write("printed.xml", &out);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    for file in [printed, dir.join("backupctl-run-due.xml")] {
        let parsed = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(d.documentElement.tagName)",
            ])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&parsed.stdout).trim(),
            "Task",
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&parsed.stderr)
        );
    }
}

#[test]
fn one_scheduler_must_be_named() {
    let env = Env::new();
    env.fails(2, &["schedule", "install"]);
    env.fails(2, &["schedule", "install", "--cron", "--systemd"]);
}

/// The entry's user must be able to open the store (else every tick fails): refused when
/// writing, a warning with --print; the variables `env:` credentials need are named with where
/// they go; as root a crontab entry has the same guard as a system unit.
#[test]
fn install_checks_the_store_for_its_user_and_names_the_variables_it_needs() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let p = with_profile(&env);
    env.ok(&[
        "add-connection",
        "--id",
        "C_PW",
        "--name",
        "prod",
        "--instance",
        "ORCL",
        "--host",
        "db1",
        "--credential",
        "env:PROD_RMAN_PW",
    ]);
    let root = running_as_root();
    let dir = env.path().join("units");
    let systemd = |extra: &[&str]| {
        let mut args = vec![
            "--profile",
            p.to_str().unwrap(),
            "schedule",
            "install",
            "--systemd",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    // A store its user may not use: as root, daemon (the folder is root's, mode 0700 or 0755);
    // as another user, a store file of mode 0000.
    let user: &[&str] = if root {
        std::fs::set_permissions(env.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        &["--user", "daemon"]
    } else {
        std::fs::set_permissions(env.store_path(), std::fs::Permissions::from_mode(0o000)).unwrap();
        &[]
    };
    let (code, _, err) = systemd(&[&["--dir", dir.to_str().unwrap()][..], user].concat());
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("the tick could not open its store: user ") && err.contains(" may not "),
        "{err}"
    );
    assert!(!dir.exists(), "nothing written");
    let (code, out, err) = systemd(&[&["--print"][..], user].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ExecStart="), "{out}");
    assert!(
        err.starts_with("warning: the tick could not open its store"),
        "{err}"
    );
    // Made usable, the install goes through and names the variable and where it goes.
    let user = if root {
        service_user(&env)
    } else {
        std::fs::set_permissions(env.store_path(), std::fs::Permissions::from_mode(0o600)).unwrap();
        &[]
    };
    let (code, _, err) = systemd(&[&["--dir", dir.to_str().unwrap()][..], user].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "the tick needs PROD_RMAN_PW in its environment: set them in /etc/backupctl/environment"
        ),
        "{err}"
    );
    let (code, _, err) = env.run(
        &[
            &[
                "--profile",
                p.to_str().unwrap(),
                "schedule",
                "install",
                "--cron",
                "--print",
            ][..],
            user,
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the tick needs PROD_RMAN_PW in its environment: set them in the crontab"),
        "{err}"
    );
    if root {
        // The profile is root's: a root crontab entry is refused as a root unit is.
        let (code, _, err) = env.run(&[
            "--profile",
            p.to_str().unwrap(),
            "schedule",
            "install",
            "--cron",
            "--print",
        ]);
        assert_eq!(code, 3, "{err}");
        assert!(
            err.contains("would run RMAN as root: pass --user NAME"),
            "{err}"
        );
    } else {
        let err = env.fails(
            3,
            &[
                "schedule", "install", "--cron", "--print", "--user", "oracle",
            ],
        );
        assert!(err.contains("--user applies as root"), "{err}");
    }
}
