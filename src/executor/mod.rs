//! The RMAN child: command file assembly, capture, timeout, outcome classification.
//!
//! RMAN runs the strategy as a command file (`rman cmdfile='FILE'`), never as commands piped on
//! its stdin: Oracle documents that a command file is parsed whole before anything runs, that RMAN
//! stops at its first failed command and that it never prompts, while piped commands run one by one
//! in interactive mode, carry on after errors and let `DELETE` eat the next line as its answer. The
//! connect string (with any password) is in the file — owner-only, removed after the run — never on
//! a command line, and it is redacted from everything RMAN prints.

pub mod capture;
pub mod instances;
pub mod outcome;
#[cfg(any(target_os = "linux", windows))]
pub mod supervisor;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::model::{Connection, Credential, Privilege, RunStatus};
use capture::Capture;
use outcome::{classify, Exit, Outcome};

/// Text that must never be shown: `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// The rman executable to use: configured path, else `$ORACLE_HOME/bin/rman`, else `rman` on PATH.
/// The error says which paths were tried and how to set one.
pub fn resolve_rman(
    configured: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<PathBuf, String> {
    if let Some(p) = configured {
        return Ok(p.to_path_buf());
    }
    let exe = format!("rman{}", std::env::consts::EXE_SUFFIX);
    let mut tried = Vec::new();
    match env("ORACLE_HOME").filter(|h| !h.is_empty()) {
        Some(home) => {
            let p = Path::new(&home).join("bin").join(&exe);
            if p.is_file() {
                return Ok(p);
            }
            tried.push(p.display().to_string());
        }
        None => tried.push("$ORACLE_HOME/bin/rman (ORACLE_HOME is not set)".to_string()),
    }
    if let Some(path) = env("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(&exe);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    tried.push("rman on PATH".to_string());
    Err(format!(
        "rman not found: tried {}; set rman in the profile, --rman PATH or BACKUPCTL_RMAN",
        tried.join(" and ")
    ))
}

/// What RMAN is fed and the environment it runs in.
pub struct Invocation {
    /// The command file: `CONNECT TARGET …;` (and `CONNECT CATALOG …;`), the lines, `EXIT;`.
    pub script: Secret,
    pub env: Vec<(String, String)>,
    pub env_remove: Vec<String>,
    /// Every form in which a secret could appear in the output.
    pub secrets: Vec<String>,
}

impl std::fmt::Debug for Invocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invocation")
            .field("script", &self.script)
            .field("env", &self.env)
            .field("env_remove", &self.env_remove)
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

/// The Oracle home RMAN runs in: the connection's, else `ORACLE_HOME` of the environment, else the
/// folder above the `bin` folder that holds rman. RMAN reads its message files there, and a
/// bequeath (`/`) connection needs it.
pub fn oracle_home(
    conn: &Connection,
    rman: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    conn.oracle_home
        .clone()
        .or_else(|| default_oracle_home(Some(rman), env))
}

/// The Oracle home of a connection that names none: `ORACLE_HOME` of the environment, else the
/// folder above the `bin` folder that holds rman (when rman was found).
pub fn default_oracle_home(
    rman: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    env("ORACLE_HOME").filter(|h| !h.is_empty()).or_else(|| {
        let bin = rman?.parent()?;
        (bin.file_name()? == "bin").then(|| bin.parent().map(|h| h.display().to_string()))?
    })
}

/// The user and password an `env:VAR` credential holds, as `user/password`: refused (with a
/// message that names the variable and never its value) when RMAN's connect string could not carry
/// them — a user of other than letters, digits, `_ $ #`, or a password with a quotation mark or a
/// line break.
pub fn env_credential<'a>(
    conn: &Connection,
    var: &str,
    value: &'a str,
) -> Result<(&'a str, &'a str), String> {
    let (user, password) = value
        .split_once('/')
        .filter(|(u, p)| !u.is_empty() && !p.is_empty())
        .ok_or_else(|| {
            format!(
                "environment variable {var} (credential of connection {}) must hold user/password",
                conn.conn_id
            )
        })?;
    let plain_user = user
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'#'));
    if !plain_user {
        return Err(format!(
            "environment variable {var} (credential of connection {}) holds a user name with characters an RMAN connect string cannot carry: expected letters, digits, _ $ #",
            conn.conn_id
        ));
    }
    if password.contains(['"', '\'', '\n', '\r']) {
        return Err(format!(
            "environment variable {var} (credential of connection {}) holds a password with a quotation mark or a line break, which an RMAN connect string cannot carry",
            conn.conn_id
        ));
    }
    // Inside a command file `#` starts a comment "at any point in a line" (Backup and Recovery
    // Reference, Format of RMAN Commands) and `&1`, `&2`… are substitution variables (CREATE
    // SCRIPT, Substitution Variables): neither is documented to stay literal inside quotes.
    let substitution = password
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'&' && w[1].is_ascii_digit());
    if password.contains('#') || substitution {
        return Err(format!(
            "environment variable {var} (credential of connection {}) holds a password with # (RMAN's comment character) or & followed by a digit (an RMAN substitution variable), which a command file cannot carry: change the password, or keep it in an Oracle wallet and use --credential wallet:ALIAS",
            conn.conn_id
        ));
    }
    Ok((user, password))
}

/// Build the command file and the environment for a connection. Fails (with a message that names
/// the connection and never the secret) when an `env:VAR` credential is missing or malformed.
///
/// Connect strings follow connectStringSpec (Backup and Recovery Reference,
/// https://docs.oracle.com/database/122/RCMRF/connectStringSpec.htm): `/` (operating system
/// authentication through `ORACLE_SID`), `/@ALIAS` (a wallet entry), or
/// `'user/"password"@//host:port/service'` — the password in double quotation marks so that `@`
/// and other punctuation in it stay part of it — with ` AS SYSBACKUP` inside the quotes when the
/// connection uses that privilege.
///
/// `NLS_LANG` is `language_territory.charset`, each part optional (Oracle Database Globalization
/// Support Guide, "Specifying the NLS_LANG Environment Variable"): the DBA's language and territory
/// are kept, and the character set is always AL32UTF8, because the command file is UTF-8 and the
/// captured log is read as UTF-8 (`GERMAN_GERMANY.WE8ISO8859P1` → `GERMAN_GERMANY.AL32UTF8`).
pub fn invocation(
    conn: &Connection,
    lines: &[String],
    rman: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Invocation, String> {
    let mut vars = Vec::new();
    if env("NLS_DATE_FORMAT").is_none() {
        vars.push((
            "NLS_DATE_FORMAT".to_string(),
            "YYYY-MM-DD HH24:MI:SS".to_string(),
        ));
    }
    vars.push((
        "NLS_LANG".to_string(),
        nls_lang_utf8(env("NLS_LANG").as_deref()),
    ));
    match oracle_home(conn, rman, env) {
        Some(home) => vars.push(("ORACLE_HOME".to_string(), home)),
        None => {
            return Err(format!(
                "no ORACLE_HOME for connection {}: rman {} is not in an Oracle home's bin folder; set --oracle-home on the connection or ORACLE_HOME in the environment",
                conn.conn_id,
                rman.display()
            ))
        }
    }
    let mut remove = Vec::new();
    let mut secrets = Vec::new();
    let as_sysbackup = conn.privilege == Privilege::Sysbackup;
    let spec = match &conn.credential {
        Credential::Os => {
            vars.push(("ORACLE_SID".to_string(), conn.database_instance.clone()));
            // Each of these would divert `/` to another database than ORACLE_SID names.
            remove.extend(["TWO_TASK", "LOCAL", "ORACLE_PDB_SID"].map(String::from));
            if as_sysbackup {
                "'/ AS SYSBACKUP'".to_string()
            } else {
                "/".to_string()
            }
        }
        Credential::Wallet(alias) if as_sysbackup => format!("'/@{alias} AS SYSBACKUP'"),
        Credential::Wallet(alias) => format!("/@{alias}"),
        Credential::Env(var) => {
            let value = env(var).filter(|v| !v.is_empty()).ok_or_else(|| {
                format!(
                    "environment variable {var} (credential of connection {}) is not set on this node: it must hold user/password",
                    conn.conn_id
                )
            })?;
            let (user, password) = env_credential(conn, var, &value)?;
            let privilege = if as_sysbackup { " AS SYSBACKUP" } else { "" };
            let spec = format!(
                "'{user}/\"{password}\"@//{}/{}{privilege}'",
                conn.host_port(),
                conn.database_instance
            );
            secrets.push(spec.clone());
            secrets.push(spec.trim_matches('\'').to_string());
            secrets.push(format!("{user}/\"{password}\""));
            secrets.push(format!("{user}/{password}"));
            secrets.push(format!("\"{password}\""));
            secrets.push(password.to_string());
            spec
        }
    };
    let mut script = format!("CONNECT TARGET {spec};\n");
    if let Some(alias) = &conn.catalog {
        script.push_str(&format!("CONNECT CATALOG /@{alias};\n"));
    }
    for l in lines {
        script.push_str(l);
        script.push('\n');
    }
    script.push_str("EXIT;\n");
    Ok(Invocation {
        script: Secret::new(script),
        env: vars,
        env_remove: remove,
        secrets,
    })
}

/// A command file on disk for one run: readable by its owner only, in a folder only its owner can
/// enter, removed when dropped (and, after a crash, by the next tick's sweep).
pub struct CommandFile {
    path: PathBuf,
}

impl CommandFile {
    /// Where the command file of `run_id` lives in `dir`.
    pub fn path_in(dir: &Path, run_id: &str) -> PathBuf {
        dir.join(format!("{run_id}.rman"))
    }

    /// Where the output of `run_id` so far is kept while it runs (`logs --run ID`), beside its
    /// command file: owner-only, redacted as the stored log is, removed at the run's end.
    pub fn live_log_in(dir: &Path, run_id: &str) -> PathBuf {
        dir.join(format!("{run_id}.log"))
    }

    pub fn write(dir: &Path, run_id: &str, script: &Secret) -> std::io::Result<CommandFile> {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
        #[cfg(unix)]
        {
            // A folder made earlier by hand, or by an older version, may be wider.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let path = Self::path_in(dir, run_id);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        // No fsync: the file lives only as long as its run, and a crash removes it anyway.
        let written = file.write_all(script.expose().as_bytes());
        let kept = CommandFile { path };
        written.map(|_| kept)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for CommandFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The name prefixes of the command files of `connection test` and `check`, which have no run
/// record for a sweep to find them by, and the longest either runs RMAN.
pub const PROBE_PREFIXES: [&str; 2] = ["test-", "check-"];
pub const PROBE_TIMEOUT_SECS: u64 = 120;

/// Remove the command files a killed `connection test` or `check` left in `dir` (a test's holds a
/// password), once older than any probe still running could be: `max_age`. Their ages are the
/// file system's, so they are read against the system's time. Returns how many were removed.
pub fn sweep_probe_files(dir: &Path, max_age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            (name.ends_with(".rman") || name.ends_with(".log"))
                && PROBE_PREFIXES.iter().any(|p| name.starts_with(p))
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > max_age))
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// How one RMAN start is bounded, supervised and stamped.
pub struct Execution<'a> {
    pub timeout_secs: u64,
    /// After the cancel (RMAN's Ctrl-C) at the timeout, how long RMAN may take to end.
    pub cancel_grace: Duration,
    /// Bytes of output kept (head and tail).
    pub log_limit: u64,
    /// What the start and end are stamped with.
    pub clock: &'a dyn Clock,
    /// The backupctl that RMAN runs under ([`supervisor_exe`]), or none.
    pub supervisor: Option<&'a Path>,
    /// Set to cancel the run now (Ctrl-C on `backupctl run`): RMAN is cancelled as at a
    /// timeout, and the run ends `interrupted`.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// Write `inv`'s command file as `name` in `dir`, run RMAN on it, and remove it, whatever the
/// outcome: one RMAN start, as backups, `connection test` and `check` make it.
pub fn run_command_file(
    rman: &Path,
    inv: &Invocation,
    dir: &Path,
    name: &str,
    how: &Execution<'_>,
) -> Finished {
    match CommandFile::write(dir, name, &inv.script) {
        Err(e) => Finished::not_started(
            format!("cannot write the command file in {}: {e}", dir.display()),
            how.clock.wall(),
        ),
        // The file is removed when `file` goes, the live log here.
        Ok(file) => {
            let live = CommandFile::live_log_in(dir, name);
            let finished = execute(rman, inv, file.path(), how, Some(&live));
            let _ = std::fs::remove_file(&live);
            finished
        }
    }
}

/// The argument that makes RMAN read a command file: `cmdfile='PATH'` (RMAN command line,
/// https://docs.oracle.com/en/database/oracle/oracle-database/21/rcmrf/RMAN.html: a command file is
/// parsed whole before anything runs, RMAN stops at the first command that fails, and it never
/// prompts). Quoted, so that a folder with a space in its name stays one file name.
pub fn cmdfile_arg(path: &Path) -> Result<String, String> {
    let text = path.display().to_string();
    if text.contains('\'') {
        return Err(format!(
            "the command file path {text} holds a single quote, which RMAN's command line cannot carry: run backupctl with a data folder without one"
        ));
    }
    Ok(format!("cmdfile='{text}'"))
}

/// A finished RMAN run.
#[derive(Debug)]
pub struct Finished {
    pub outcome: Outcome,
    /// Backup pieces RMAN reported written.
    pub pieces: u64,
    pub exit_code: Option<i64>,
    pub log: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

impl Finished {
    /// A run that never got a process (rman missing, credential missing).
    pub fn not_started(message: String, at: DateTime<Utc>) -> Finished {
        Finished {
            pieces: 0,
            log: format!("[backupctl: {message}]\n"),
            outcome: Outcome {
                status: RunStatus::Failed,
                codes: Vec::new(),
                message,
                warnings: Vec::new(),
            },
            exit_code: None,
            started_at: at,
            finished_at: at,
        }
    }
}

/// How long to wait for the output to drain after RMAN exits, before its leftovers are killed.
const DRAIN_GRACE: Duration = Duration::from_secs(5);

/// `NLS_LANG` with its character set forced to AL32UTF8 (see [`invocation`]); unset or empty:
/// `AMERICAN_AMERICA.AL32UTF8`.
pub fn nls_lang_utf8(dba: Option<&str>) -> String {
    let language_territory = dba
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map_or("AMERICAN_AMERICA", |v| {
            v.split('.').next().unwrap_or_default()
        });
    format!("{language_territory}.AL32UTF8")
}

/// The backupctl to run as RMAN's supervisor. On Linux, `/proc/self/exe`: it still starts this
/// very program after a package upgrade replaced or deleted the file (proc(5)), where the path
/// `current_exe` gives would name a file that is gone — and a tick that keeps ticking through a
/// long backup could start no further run.
pub fn supervisor_exe() -> Option<PathBuf> {
    if cfg!(target_os = "linux") {
        Some(PathBuf::from("/proc/self/exe"))
    } else if cfg!(windows) {
        std::env::current_exe().ok()
    } else {
        None
    }
}

/// The name of the small program that does only what `backupctl __supervise` does (its start
/// costs less than backupctl's): looked for beside backupctl for each run.
pub const SMALL_SUPERVISOR: &str = "backupctl-supervisor";

/// [`SMALL_SUPERVISOR`] in the folder backupctl was started from, if it is there. After a package
/// upgrade replaced it, or without it, a run starts under backupctl itself ([`supervisor_exe`]).
fn small_supervisor() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let small = exe.with_file_name(format!(
        "{SMALL_SUPERVISOR}{}",
        std::env::consts::EXE_SUFFIX
    ));
    small.is_file().then_some(small)
}

/// What RMAN runs under on this host, as `check` says it; none where it runs under none.
pub fn supervisor_in_use() -> Option<String> {
    supervisor_exe()?;
    Some(match small_supervisor() {
        Some(small) => small.display().to_string(),
        None => format!("backupctl itself ({SMALL_SUPERVISOR} is not beside it)"),
    })
}

/// The hidden subcommand that runs RMAN under [`supervisor::supervise`].
pub const SUPERVISE: &str = "__supervise";

/// What the capture and waiter threads tell the thread that supervises a run.
enum Event {
    Drained,
    Exited(Exit),
    /// The live log has lines not yet written out.
    Output,
}

/// The most of RMAN's output taken in one read: what its pipe holds once enlarged.
const OUTPUT_READ: usize = 1 << 20;

/// After a read that found little waiting, the reader pauses this long before the next, so that
/// a fast stream is taken in large reads: RMAN and backupctl then wake some hundreds of times a
/// second rather than once for each few KiB RMAN writes. Only where RMAN's pipe could be made to
/// hold [`OUTPUT_READ`] meanwhile (Linux: `F_SETPIPE_SZ`, fcntl(2) and pipe(7), which refuse it
/// with EPERM past `/proc/sys/fs/pipe-max-size` or the user's pipe limits; then reads never
/// pause): a stream of up to 1 GB/s never waits on it. The cost of 200 MiB of output is in
/// BENCHMARKS.md.
const COALESCE: Duration = Duration::from_millis(1);

/// How long lines may wait in the live log's buffer: `logs --follow` looks twice a second.
const LIVE_FLUSH: Duration = Duration::from_millis(200);

/// Run RMAN: feed it the script, capture its output within `log_limit`, kill its process tree
/// at the timeout, and classify the result. The lifecycle in parts: [`spawn`], [`watch`],
/// [`supervise`] (wait with the timeout, sweep what is left), then the pure [`classify`].
pub fn execute(
    rman: &Path,
    inv: &Invocation,
    cmdfile: &Path,
    how: &Execution<'_>,
    live: Option<&Path>,
) -> Finished {
    let started_at = how.clock.wall();
    let Spawned {
        child,
        reader,
        coalesce,
        supervisor_stdin,
    } = match spawn(rman, inv, cmdfile, how.supervisor, how.cancel_grace) {
        Ok(s) => s,
        Err(msg) => return Finished::not_started(msg, started_at),
    };
    let mut capture = Capture::new(how.log_limit, inv.secrets.clone());
    if let Some(path) = live {
        capture.tee(path);
    }
    let capture = Arc::new(Mutex::new(capture));
    let pid = child.id();
    let events = watch(child, reader, coalesce, Arc::clone(&capture));
    let deadline = how.clock.instant() + Duration::from_secs(how.timeout_secs);
    let ended = supervise(&events, &capture, pid, supervisor_stdin, deadline, how);
    let finished_at = how.clock.wall();
    let capture = std::mem::replace(
        &mut *capture.lock().expect("capture lock"),
        Capture::new(0, Vec::new()),
    );
    let (mut log, scan) = capture.finish();
    let exit = ended.exit.unwrap_or(Exit::Signal(9));
    let mut outcome = classify(exit, ended.timed_out, how.timeout_secs, &scan);
    if ended.cancelled {
        outcome.status = RunStatus::Interrupted;
        outcome.message = format!(
            "cancelled by Ctrl-C: rman was {}",
            if outcome.codes.iter().any(|c| c == "RMAN-03099") {
                "sent its Ctrl-C (SIGINT) and ended (RMAN-03099)"
            } else {
                "sent its Ctrl-C (SIGINT), then killed"
            }
        );
    }
    if ended.timed_out {
        log.push_str(&format!("[backupctl: {}]\n", outcome.message));
    }
    Finished {
        exit_code: match exit {
            Exit::Code(n) if !ended.timed_out => Some(i64::from(n)),
            _ => None,
        },
        outcome,
        pieces: scan.pieces,
        log,
        started_at,
        finished_at,
    }
}

/// RMAN started, with the read end of its output and, under a supervisor, the supervisor's
/// stdin (closing it tells the supervisor to end the run).
struct Spawned {
    child: std::process::Child,
    reader: std::io::PipeReader,
    /// Whether reads may wait for more to gather ([`COALESCE`]).
    coalesce: bool,
    supervisor_stdin: Option<std::process::ChildStdin>,
}

/// Start RMAN on `cmdfile` (under `supervisor` when there is one), stdout and stderr into one
/// pipe; the error says what could not be done.
fn spawn(
    rman: &Path,
    inv: &Invocation,
    cmdfile: &Path,
    supervisor: Option<&Path>,
    cancel_grace: Duration,
) -> Result<Spawned, String> {
    let arg = cmdfile_arg(cmdfile)?;
    let pipe_failed = |e: std::io::Error| format!("cannot create a pipe for rman output: {e}");
    let (reader, writer) = std::io::pipe().map_err(pipe_failed)?;
    let coalesce = enlarge(&reader);
    let cannot_start = |e: &dyn std::fmt::Display| {
        format!(
            "cannot start rman at {}: {e}; set rman in the profile, --rman PATH or BACKUPCTL_RMAN",
            rman.display()
        )
    };
    // Said here, with the path, rather than by the supervisor in the log.
    match std::fs::metadata(rman) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(cannot_start(&"not a file")),
        Err(e) => return Err(cannot_start(&e)),
    }
    // On Linux and Windows RMAN runs under a supervisor that takes down whatever RMAN started,
    // even what left its process group or lost its parent; the supervisor's stdin stays open
    // while the run may go on. RMAN reads the command file only: its own stdin is empty, so
    // nothing can ever answer a prompt.
    let command = |program: Option<&Path>| -> std::io::Result<Command> {
        let mut c = match program {
            Some(exe) => {
                let mut c = Command::new(exe);
                c.arg(SUPERVISE)
                    .arg("--grace")
                    .arg(cancel_grace.as_secs().to_string())
                    .arg("--")
                    .arg(rman)
                    .arg(&arg)
                    .stdin(Stdio::piped());
                c
            }
            None => {
                let mut c = Command::new(rman);
                c.arg(&arg).stdin(Stdio::null());
                c
            }
        };
        c.stdout(writer.try_clone()?).stderr(writer.try_clone()?);
        for (k, v) in &inv.env {
            c.env(k, v);
        }
        for k in &inv.env_remove {
            c.env_remove(k);
        }
        // The supervisor must outlive a dying backupctl long enough to clean up: it learns of
        // the death from its stdin, not from a parent-death signal.
        process::isolate(&mut c, program.is_none());
        Ok(c)
    };
    // Each Command holds copies of the pipe's write end until it is dropped, here at once.
    let spawn = |program: Option<&Path>| command(program).and_then(|mut c| c.spawn());
    let spawned = match supervisor {
        // The small supervisor beside backupctl, if one is there and starts; else this program.
        Some(exe) => small_supervisor()
            .and_then(|small| spawn(Some(&small)).ok())
            .map_or_else(|| spawn(Some(exe)), Ok),
        None => spawn(None),
    };
    // Our own write end goes too, so that EOF can arrive.
    drop(writer);
    let mut child = spawned.map_err(|e| cannot_start(&e))?;
    let supervisor_stdin = child.stdin.take();
    Ok(Spawned {
        child,
        reader,
        coalesce,
        supervisor_stdin,
    })
}

/// Make RMAN's pipe hold [`OUTPUT_READ`] bytes; true if it does.
fn enlarge(reader: &std::io::PipeReader) -> bool {
    #[cfg(target_os = "linux")]
    return rustix::pipe::fcntl_setpipe_size(reader, OUTPUT_READ).is_ok_and(|n| n >= OUTPUT_READ);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = reader;
        false
    }
}

/// Two threads report to the one that supervises the run: the output closed, and RMAN exited.
/// Waiting on both costs nothing while a backup runs for hours: no polling.
fn watch(
    mut child: std::process::Child,
    mut reader: std::io::PipeReader,
    coalesce: bool,
    capture: Arc<Mutex<Capture>>,
) -> mpsc::Receiver<Event> {
    let (events, event) = mpsc::channel::<Event>();
    let drained = events.clone();
    thread::spawn(move || {
        let mut buf = vec![0u8; OUTPUT_READ];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if capture.lock().expect("capture lock").feed(&buf[..n]) {
                        let _ = drained.send(Event::Output);
                    }
                    if coalesce && n < OUTPUT_READ / 4 {
                        thread::sleep(COALESCE);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let _ = drained.send(Event::Drained);
    });
    thread::spawn(move || {
        let status = child.wait();
        let _ = events.send(Event::Exited(status.map(exit_of).unwrap_or(Exit::Code(-1))));
    });
    event
}

/// How a supervised run ended.
struct Ended {
    exit: Option<Exit>,
    /// Cancelled at the timeout or by the caller.
    timed_out: bool,
    /// By the caller (`Execution::cancel`).
    cancelled: bool,
}

/// How often a cancel flag is looked at while RMAN runs.
const CANCEL_POLL: Duration = Duration::from_millis(200);

/// Wait for RMAN to exit and its output to close. At the deadline RMAN is cancelled through the
/// supervisor (SIGINT, then after `cancel_grace` a kill, and what is left of RMAN's session
/// ended); without a supervisor, or if it has not ended after that, the group is killed. After
/// RMAN exits, its output may stay open for [`DRAIN_GRACE`] (held by something
/// it started); then what is left of its group is killed, and after one more grace the rest of
/// the output is given up.
fn supervise(
    event: &mpsc::Receiver<Event>,
    capture: &Mutex<Capture>,
    pid: u32,
    mut supervisor_stdin: Option<std::process::ChildStdin>,
    deadline: Instant,
    how: &Execution<'_>,
) -> Ended {
    let clock = how.clock;
    // After the cancel, how long before the group is killed from here: the supervisor's own
    // grace, and a little more for it to end the session.
    let cancel_wait = how.cancel_grace + DRAIN_GRACE;
    let mut drained = false;
    let mut exit: Option<Exit> = None;
    let mut timed_out = false;
    let mut grace: Option<Instant> = None;
    let mut killed_leftovers = false;
    let mut killed_group = false;
    // Until when the supervisor is left to cancel RMAN and end its session itself.
    let mut cancelling_until: Option<Instant> = None;
    let asked = || {
        how.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::SeqCst))
    };
    let mut cancelled = false;
    // When the live log's buffer is next written out.
    let mut flush_at: Option<Instant> = None;
    while !(drained && exit.is_some()) {
        let now = clock.instant();
        if flush_at.is_some_and(|at| now >= at) {
            capture.lock().expect("capture lock").flush_live();
            flush_at = None;
        }
        let until = match (exit, grace) {
            (None, _) if (now >= deadline || asked()) && !timed_out => {
                // The timeout: through the supervisor, which cancels RMAN as Oracle documents and
                // ends its session after the grace; without one, by the group at once.
                timed_out = true;
                cancelled = now < deadline;
                if supervisor_stdin.take().is_none() {
                    process::kill_tree(pid);
                    killed_group = true;
                    now + DRAIN_GRACE
                } else {
                    cancelling_until = Some(now + cancel_wait);
                    now + cancel_wait
                }
            }
            (None, _) if timed_out => match cancelling_until {
                Some(until) if now < until => until,
                _ => {
                    if !killed_group {
                        process::kill_tree(pid);
                        killed_group = true;
                    }
                    now + DRAIN_GRACE
                }
            },
            // A cancel flag is looked at every CANCEL_POLL.
            (None, _) if how.cancel.is_some() => deadline.min(now + CANCEL_POLL),
            (None, _) => deadline,
            (Some(_), Some(g)) if now >= g => {
                if killed_leftovers {
                    break; // the output never closed: give up on the rest of it
                }
                // A Unix process group outlives its leader. On Windows the supervisor's job ended
                // the tree when the supervisor exited, and its pid may already name another
                // process.
                if cfg!(unix) {
                    process::kill_tree(pid);
                }
                killed_leftovers = true;
                grace = Some(now + DRAIN_GRACE);
                now + DRAIN_GRACE
            }
            (Some(_), Some(g)) => g,
            (Some(_), None) => {
                grace = Some(now + DRAIN_GRACE);
                now + DRAIN_GRACE
            }
        };
        let until = flush_at.map_or(until, |at| until.min(at));
        match event.recv_timeout(clock.real_wait(until.saturating_duration_since(now))) {
            Ok(Event::Output) => {
                flush_at.get_or_insert(now + LIVE_FLUSH);
            }
            Ok(Event::Drained) => drained = true,
            Ok(Event::Exited(e)) => exit = Some(e),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    drop(supervisor_stdin);
    Ended {
        exit,
        timed_out,
        cancelled,
    }
}

fn exit_of(status: std::process::ExitStatus) -> Exit {
    if let Some(code) = status.code() {
        return Exit::Code(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return Exit::Signal(sig);
        }
    }
    Exit::Code(-1)
}

/// Platform specifics: a process group to kill as one, and no orphan left if backupctl dies.
pub(crate) mod process {
    use std::process::Command;

    /// A process group of its own; with `die_with_parent`, killed when backupctl dies (Linux).
    #[cfg(unix)]
    pub fn isolate(cmd: &mut Command, die_with_parent: bool) {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
        // Without code to run between fork and exec, the standard library starts the child with
        // posix_spawn (a vfork, process_group included), never copying this process's memory map
        // as fork does: the supervisor, which outlives backupctl on purpose, starts so.
        #[cfg(target_os = "linux")]
        if die_with_parent {
            // Compared with the parent's real pid, not with 1: backupctl may itself be PID 1 (a
            // container's entrypoint), whose children all see a parent of 1.
            let parent = i32::try_from(std::process::id()).unwrap_or(0);
            // SAFETY: prctl and getppid are async-signal-safe; nothing else runs between fork and exec.
            unsafe {
                cmd.pre_exec(move || {
                    // If backupctl is killed, the child goes too: nobody would record its outcome.
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    if libc::getppid() != parent {
                        return Err(std::io::Error::other(
                            "backupctl exited before rman started",
                        ));
                    }
                    Ok(())
                });
            }
        }
    }

    /// Kill the process group that `pid` leads (it was started by [`isolate`]): the process and
    /// everything it started. Safe after the leader was reaped: a group id is not handed out
    /// again while any member of the group lives.
    #[cfg(unix)]
    pub fn kill_tree(pid: u32) {
        if let Ok(pid) = i32::try_from(pid) {
            // SAFETY: kill(2) with a negative pid signals that process group only.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }

    #[cfg(windows)]
    pub fn isolate(cmd: &mut Command, _die_with_parent: bool) {
        use std::os::windows::process::CommandExt;
        const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
        cmd.creation_flags(CREATE_NEW_PROCESS_GROUP);
    }

    #[cfg(windows)]
    pub fn kill_tree(pid: u32) {
        // taskkill /T ends the process and every process it started.
        let _ = Command::new("taskkill")
            .args(["/T", "/F", "/PID", &pid.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
}

#[cfg(test)]
mod tests {
    use super::{invocation, nls_lang_utf8, resolve_rman, CommandFile, Secret};

    #[test]
    fn nls_lang_keeps_language_and_territory_and_forces_al32utf8() {
        for (dba, child) in [
            (
                Some("GERMAN_GERMANY.WE8ISO8859P1"),
                "GERMAN_GERMANY.AL32UTF8",
            ),
            (Some("JAPANESE_JAPAN.JA16SJIS"), "JAPANESE_JAPAN.AL32UTF8"),
            (Some("FRENCH_CANADA"), "FRENCH_CANADA.AL32UTF8"),
            (Some(".WE8MSWIN1252"), ".AL32UTF8"),
            (
                Some("AMERICAN_AMERICA.AL32UTF8"),
                "AMERICAN_AMERICA.AL32UTF8",
            ),
            (Some(""), "AMERICAN_AMERICA.AL32UTF8"),
            (None, "AMERICAN_AMERICA.AL32UTF8"),
        ] {
            assert_eq!(nls_lang_utf8(dba), child, "{dba:?}");
        }
    }
    use crate::model::{Connection, Credential, Privilege};

    fn conn(credential: Credential) -> Connection {
        Connection {
            node: "n".into(),
            conn_id: "C_1".into(),
            conn_name: "local".into(),
            database_instance: "XE".into(),
            host: "db1".into(),
            port: 1521,
            credential,
            alive: true,
            privilege: Privilege::Sysdba,
            oracle_home: None,
            catalog: None,
        }
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "*** ***");
    }

    const RMAN: &str = "/u01/app/oracle/product/19c/dbhome_1/bin/rman";

    fn script(inv: &super::Invocation) -> &str {
        inv.script.expose()
    }

    #[test]
    fn os_and_wallet_connect_strings_and_their_environment() {
        let lines = vec!["backup database;".to_string()];
        let none = |_: &str| None;
        let rman = std::path::Path::new(RMAN);
        let inv = invocation(&conn(Credential::Os), &lines, rman, &none).unwrap();
        assert_eq!(script(&inv), "CONNECT TARGET /;\nbackup database;\nEXIT;\n");
        assert!(inv.env.contains(&("ORACLE_SID".into(), "XE".into())));
        // The Oracle home above rman's bin folder, when neither the connection nor the
        // environment names one.
        assert!(inv.env.contains(&(
            "ORACLE_HOME".into(),
            "/u01/app/oracle/product/19c/dbhome_1".into()
        )));
        assert!(inv
            .env
            .contains(&("NLS_DATE_FORMAT".into(), "YYYY-MM-DD HH24:MI:SS".into())));
        for diverts in ["TWO_TASK", "LOCAL", "ORACLE_PDB_SID"] {
            assert!(inv.env_remove.iter().any(|v| v == diverts), "{diverts}");
        }
        let mut backup = conn(Credential::Os);
        backup.privilege = Privilege::Sysbackup;
        backup.catalog = Some("RCAT".into());
        backup.oracle_home = Some("/u01/app/oracle/product/21c/dbhome_1".into());
        let inv = invocation(&backup, &lines, rman, &none).unwrap();
        assert!(
            script(&inv).starts_with(
                "CONNECT TARGET '/ AS SYSBACKUP';\nCONNECT CATALOG /@RCAT;\nbackup database;\n"
            ),
            "{}",
            script(&inv)
        );
        assert!(inv.env.contains(&(
            "ORACLE_HOME".into(),
            "/u01/app/oracle/product/21c/dbhome_1".into()
        )));
        let inv = invocation(
            &conn(Credential::Wallet("PROD".into())),
            &lines,
            rman,
            &none,
        )
        .unwrap();
        assert!(script(&inv).starts_with("CONNECT TARGET /@PROD;\n"));
        assert!(!inv.env.iter().any(|(k, _)| k == "ORACLE_SID"));
        let mut wallet = conn(Credential::Wallet("PROD".into()));
        wallet.privilege = Privilege::Sysbackup;
        let inv = invocation(&wallet, &lines, rman, &none).unwrap();
        assert!(script(&inv).starts_with("CONNECT TARGET '/@PROD AS SYSBACKUP';\n"));
        // No home anywhere: the run fails saying how to give one.
        let err = invocation(
            &conn(Credential::Os),
            &lines,
            std::path::Path::new("/opt/rman"),
            &none,
        )
        .unwrap_err();
        assert!(
            err.contains("--oracle-home") && err.contains("ORACLE_HOME"),
            "{err}"
        );
    }

    #[test]
    fn a_password_is_double_quoted_so_that_at_signs_stay_in_it() {
        let lines = vec!["backup database;".to_string()];
        let rman = std::path::Path::new(RMAN);
        let env = |k: &str| (k == "RMAN_PW").then(|| "backup_admin/Pa@ss1".to_string());
        let mut c = conn(Credential::Env("RMAN_PW".into()));
        let inv = invocation(&c, &lines, rman, &env).unwrap();
        assert!(
            script(&inv).starts_with("CONNECT TARGET 'backup_admin/\"Pa@ss1\"@//db1:1521/XE';\n"),
            "{}",
            script(&inv)
        );
        assert!(inv.secrets.contains(&"Pa@ss1".to_string()));
        c.privilege = Privilege::Sysbackup;
        let inv = invocation(&c, &lines, rman, &env).unwrap();
        assert!(script(&inv)
            .starts_with("CONNECT TARGET 'backup_admin/\"Pa@ss1\"@//db1:1521/XE AS SYSBACKUP';\n"));
        let none = |_: &str| None;
        let err = invocation(&c, &lines, rman, &none).unwrap_err();
        assert!(err.contains("RMAN_PW") && err.contains("not set"), "{err}");
        let bad = |_: &str| Some("no-slash-S3cret".to_string());
        let err = invocation(&c, &lines, rman, &bad).unwrap_err();
        assert!(
            err.contains("must hold user/password") && !err.contains("S3cret"),
            "{err}"
        );
        for (password, allowed) in [
            ("Se#cret", false),
            ("Se&1cret", false),
            ("Se&cret1", true),
            ("P@ss/w ord é&", true),
        ] {
            let value = format!("u/{password}");
            let env = |_: &str| Some(value.clone());
            match invocation(&c, &lines, rman, &env) {
                Ok(_) => assert!(allowed, "{password} must be refused"),
                Err(err) => {
                    assert!(!allowed, "{password}: {err}");
                    assert!(
                        err.contains("wallet:ALIAS") && !err.contains(password),
                        "{err}"
                    );
                }
            }
        }
        let mut v6 = c.clone();
        v6.host = "fd00::5".into();
        assert!(
            script(&invocation(&v6, &lines, rman, &env).unwrap()).starts_with(
                "CONNECT TARGET 'backup_admin/\"Pa@ss1\"@//[fd00::5]:1521/XE AS SYSBACKUP';\n"
            )
        );
        let quoted = |_: &str| Some("u/Se\"cret".to_string());
        let err = invocation(&c, &lines, rman, &quoted).unwrap_err();
        assert!(
            err.contains("quotation mark") && !err.contains("Se\"cret"),
            "{err}"
        );
    }

    #[test]
    fn a_command_file_is_owner_only_and_gone_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let runs = dir.path().join("run");
        let file =
            CommandFile::write(&runs, "R1", &Secret::new("CONNECT TARGET /;\nEXIT;\n")).unwrap();
        let path = file.path().to_path_buf();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "CONNECT TARGET /;\nEXIT;\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&runs), 0o700);
        }
        assert_eq!(
            super::cmdfile_arg(&path).unwrap(),
            format!("cmdfile='{}'", path.display())
        );
        drop(file);
        assert!(!path.exists());
    }

    #[test]
    fn rman_resolution_says_what_was_tried() {
        let env = |k: &str| match k {
            "PATH" => Some("/nonexistent-a:/nonexistent-b".to_string()),
            _ => None,
        };
        let err = resolve_rman(None, &env).unwrap_err();
        assert!(
            err.contains("ORACLE_HOME is not set")
                && err.contains("rman on PATH")
                && err.contains("BACKUPCTL_RMAN"),
            "{err}"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("bin")).unwrap();
        let exe = dir
            .path()
            .join("bin")
            .join(format!("rman{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&exe, "").unwrap();
        let home = dir.path().display().to_string();
        let env = move |k: &str| (k == "ORACLE_HOME").then(|| home.clone());
        assert_eq!(resolve_rman(None, &env).unwrap(), exe);
    }
}
