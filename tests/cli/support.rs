//! A scratch home, profile and store for each test.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store_path(&self) -> PathBuf {
        self.path().join("store.db")
    }

    /// `backupctl` with a private home, store, node and UTC, and nothing from the caller's environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same, as a plain process to spawn and kill.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("backupctl"));
        for (k, _) in std::env::vars() {
            if k.starts_with("BACKUPCTL_") || k == "ORACLE_HOME" || k == "ORACLE_SID" {
                c.env_remove(k);
            }
        }
        c.env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env(
                "BACKUPCTL_STORE",
                format!("sqlite:{}", self.store_path().display()),
            )
            .env("BACKUPCTL_NODE", "node1")
            .env("BACKUPCTL_TIMEZONE", "UTC")
            // A slave pushes at once: the spread over the minute is its own test's.
            .env("BACKUPCTL_PUSH_SPREAD", "0s");
        c
    }

    /// A run of backupctl in this environment, to describe and check in one chain.
    pub fn test(&self) -> Test {
        Test::new(self.std_cmd())
    }

    /// Run and return (exit code, stdout, stderr); the caller asserts the code.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let ran = self.test().args(args).any_status().run();
        (ran.status, ran.stdout, ran.stderr)
    }

    /// Run, expect success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.test().args(args).run().stdout
    }

    /// Run, expect `code` and (but for clap's usage errors, exit 2) a one-line error; return
    /// stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let test = self.test().args(args).status(code);
        let test = if code == 2 {
            test
        } else {
            test.one_line_error()
        };
        test.run().stderr
    }

    /// A script of the test's own, executable.
    pub fn executable(&self, name: &str, text: &str) -> PathBuf {
        let p = self.write(name, text);
        std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
        p
    }

    /// An `on_failure` hook running `script` (a shell script), set in the profile after `profile`.
    pub fn hook(&self, script: &str, profile: &str) {
        let hook = self.executable("hook.sh", &format!("#!/bin/sh\n{script}"));
        self.write(
            "profile.toml",
            &format!("{profile}on_failure = \"{}\"\n", hook.display()),
        );
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.store_path()).expect("open store")
    }

    pub fn count(&self, table: &str) -> i64 {
        self.db()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }

    /// A connection on instance XE of host h.
    pub fn connection(&self, id: &str) {
        let (code, _, err) = self.add_connection(id, "XE", "h", &[]);
        assert_eq!(code, 0, "{err}");
    }

    /// A connection `id` to ORCL on db1 whose credential is the environment variable `var`,
    /// with any further add-connection flags.
    pub fn env_connection(&self, id: &str, var: &str, more: &[&str]) {
        let credential = format!("env:{var}");
        let mut args = vec!["--credential", &credential];
        args.extend_from_slice(more);
        let (code, _, err) = self.add_connection(id, "ORCL", "db1", &args);
        assert_eq!(code, 0, "{err}");
    }

    /// `add-connection` of `id` (named after it) to `instance` on `host`, with any further flags:
    /// (exit code, stdout, stderr).
    pub fn add_connection(
        &self,
        id: &str,
        instance: &str,
        host: &str,
        more: &[&str],
    ) -> (i32, String, String) {
        let mut args = vec![
            "add-connection",
            "--id",
            id,
            "--name",
            id,
            "--instance",
            instance,
            "--host",
            host,
        ];
        args.extend_from_slice(more);
        self.run(&args)
    }

    /// A connection `C_1` and a strategy `EST_1` with a two-line script.
    pub fn seed(&self) {
        self.ok(&[
            "add-connection",
            "--id",
            "C_1",
            "--name",
            "local",
            "--instance",
            "XE",
            "--host",
            "127.0.0.1",
        ]);
        self.ok(&[
            "add-strategy",
            "--id",
            "EST_1",
            "--connection",
            "C_1",
            "--line",
            "crosscheck archivelog all;",
            "--line",
            "backup tablespace users;",
        ]);
    }

    /// A shell command that waits until [`Env::release`]: a backup, a hook or anything else the
    /// test holds open while it looks, so that nothing depends on how fast children run.
    pub fn held(&self) -> String {
        format!(
            "while [ ! -e {} ]; do sleep 0.02; done",
            self.path().join("release").display()
        )
    }

    /// Let every [`Env::held`] command end.
    pub fn release(&self) {
        std::fs::write(self.path().join("release"), "").expect("write the release file");
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p
    }
}

/// One backupctl run and what it must give — its exit status (0 unless said), and exact or
/// partial stdout and stderr — in one chain, as just's `Test` does:
/// `env.test().args(&["logs"]).status(3).stderr("error: …\n").run()`.
pub struct Test {
    cmd: std::process::Command,
    stdin: Option<String>,
    status: Option<i32>,
    stdout: Vec<Expect>,
    stderr: Vec<Expect>,
    one_line_error: bool,
}

enum Expect {
    Exactly(String),
    Has(String),
}

/// What a run gave.
pub struct Ran {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new(cmd: std::process::Command) -> Test {
        Test {
            cmd,
            stdin: None,
            status: Some(0),
            stdout: Vec::new(),
            stderr: Vec::new(),
            one_line_error: false,
        }
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Test {
        self.cmd.env(key, value);
        self
    }

    pub fn stdin(mut self, text: &str) -> Test {
        self.stdin = Some(text.to_string());
        self
    }

    /// The exit status it must end with.
    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// Whatever status: the caller looks at [`Ran::status`].
    pub fn any_status(mut self) -> Test {
        self.status = None;
        self
    }

    pub fn stdout(mut self, exactly: &str) -> Test {
        self.stdout.push(Expect::Exactly(exactly.to_string()));
        self
    }

    pub fn stdout_has(mut self, part: &str) -> Test {
        self.stdout.push(Expect::Has(part.to_string()));
        self
    }

    pub fn stderr(mut self, exactly: &str) -> Test {
        self.stderr.push(Expect::Exactly(exactly.to_string()));
        self
    }

    pub fn stderr_has(mut self, part: &str) -> Test {
        self.stderr.push(Expect::Has(part.to_string()));
        self
    }

    /// The error must be one line on stderr, as every error but clap's usage is.
    pub fn one_line_error(mut self) -> Test {
        self.one_line_error = true;
        self
    }

    /// Run to the end and check everything said; what it gave.
    pub fn run(mut self) -> Ran {
        use std::io::Write;
        use std::process::Stdio;
        let what = format!("{:?}", self.cmd.get_args().collect::<Vec<_>>());
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("start backupctl");
        if let Some(text) = self.stdin.take() {
            let mut input = child.stdin.take().expect("stdin");
            let _ = input.write_all(text.as_bytes());
        }
        let out = child.wait_with_output().expect("run backupctl");
        let ran = Ran {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        if let Some(code) = self.status {
            assert_eq!(
                ran.status, code,
                "backupctl {what}: expected exit {code}, got {}; stdout {} stderr {}",
                ran.status, ran.stdout, ran.stderr
            );
        }
        for (name, got, wanted) in [
            ("stdout", &ran.stdout, &self.stdout),
            ("stderr", &ran.stderr, &self.stderr),
        ] {
            for e in wanted {
                match e {
                    Expect::Exactly(text) => {
                        assert_eq!(got, text, "backupctl {what}: {name}")
                    }
                    Expect::Has(part) => assert!(
                        got.contains(part.as_str()),
                        "backupctl {what}: {name} lacks {part:?}: {got}"
                    ),
                }
            }
        }
        if self.one_line_error {
            assert_eq!(
                ran.stderr.trim_end().lines().count(),
                1,
                "backupctl {what}: error is one line: {}",
                ran.stderr
            );
        }
        ran
    }

    /// Start it and return at once, its output piped (a tick to kill, or to wait for later).
    pub fn spawn(mut self) -> std::process::Child {
        use std::process::Stdio;
        self.cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start backupctl")
    }
}

/// A PostgreSQL schema of its own for one test (from BACKUPCTL_TEST_POSTGRES_URL), dropped
/// afterwards; `None`, saying so, when the variable is not set.
pub struct PgSchema {
    pub url: String,
    base: String,
    schema: String,
}

impl PgSchema {
    pub fn create(what: &str) -> Option<PgSchema> {
        let base = match std::env::var("BACKUPCTL_TEST_POSTGRES_URL") {
            Ok(u) if !u.is_empty() => u,
            _ => {
                skip_notice(&format!(
                    "skipping {what} on PostgreSQL: BACKUPCTL_TEST_POSTGRES_URL is not set"
                ));
                return None;
            }
        };
        let id = backupctl::units::new_id("", chrono::Utc::now());
        let schema = format!("bctl_{}", id.replace('-', "_").to_lowercase());
        let mut c = postgres::Client::connect(&base, postgres::NoTls).unwrap_or_else(|e| {
            panic!("BACKUPCTL_TEST_POSTGRES_URL={base} is set but unreachable: {e}")
        });
        c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        Some(PgSchema {
            url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
            base,
            schema,
        })
    }

    /// A client whose search path is this schema.
    pub fn client(&self) -> postgres::Client {
        let mut c = postgres::Client::connect(&self.base, postgres::NoTls).unwrap();
        c.batch_execute(&format!("SET search_path = {}", self.schema))
            .unwrap();
        c
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// Say once per run that a store's tests were skipped. Written to the stderr file itself, past the
/// test harness's capture, so that a plain `cargo test` shows it.
pub fn skip_notice(msg: &str) {
    use std::io::Write;
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|p| p.into_inner());
    if !said.iter().any(|m| m == msg) {
        said.push(msg.to_string());
        let _ = writeln!(std::io::stderr(), "note: {msg}");
    }
}

/// A process named as an instance's process monitor, `ora_pmon_SID` (what `check` looks for in
/// the process table), ended when dropped. SIDs are per test: the process table is the host's.
pub struct InstanceProcess(std::process::Child);

impl InstanceProcess {
    pub fn start(sid: &str) -> InstanceProcess {
        use std::os::unix::process::CommandExt;
        // spawn returns once the exec is done, so the name is already in /proc.
        let child = std::process::Command::new("sleep")
            .arg0(format!("ora_pmon_{sid}"))
            .arg("600")
            .spawn()
            .expect("start sleep");
        InstanceProcess(child)
    }
}

impl Drop for InstanceProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `backupctl ARGS` on a pseudo-terminal (script(1)) with `keys` typed ahead (queued on the
/// terminal, read in order), stdin held open until it has ended; its screen with `CODE=<exit>`
/// at the end. `None` where script(1) is not installed.
pub fn on_terminal(env: &Env, args: &str, keys: &[u8], vars: &[(&str, &Path)]) -> Option<String> {
    in_terminal(env, "", args, keys, vars)
}

/// `backupctl ARGS` on a pseudo-terminal `columns` wide (as `stty cols` sets it), its output.
pub fn on_terminal_of_width(env: &Env, columns: u16, args: &str) -> Option<String> {
    in_terminal(
        env,
        &format!("stty cols {columns} rows 50; "),
        args,
        b"",
        &[],
    )
}

fn in_terminal(
    env: &Env,
    setup: &str,
    args: &str,
    keys: &[u8],
    vars: &[(&str, &Path)],
) -> Option<String> {
    use std::io::{Read, Write};
    let cmd = env.std_cmd();
    let bin = assert_cmd::cargo::cargo_bin("backupctl");
    let mut child = std::process::Command::new("script")
        .args(["-qfec"])
        .arg(format!("{setup}{} {args}; echo CODE=$?", bin.display()))
        .arg("/dev/null")
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .envs(vars.iter().map(|(k, v)| (*k, *v)))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    stdin.write_all(keys).ok()?;
    let mut out = String::new();
    child.stdout.as_mut()?.read_to_string(&mut out).ok()?;
    drop(stdin);
    child.wait().ok()?;
    Some(out.replace('\r', ""))
}
