//! `schedule install --cron | --systemd | --windows [--print]`: the OS scheduler entry that calls
//! `backupctl run-due` every minute with this profile.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cli::ScheduleInstallArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};

/// Marks the crontab line backupctl manages, so that installing again replaces it.
pub const CRON_MARKER: &str = "# backupctl run-due";
pub const UNIT: &str = "backupctl-run-due";
/// The name the Windows task is created under.
pub const TASK: &str = "backupctl run-due";

pub fn run(ctx: &Ctx, args: &ScheduleInstallArgs) -> anyhow::Result<u8> {
    let argv = command_line(ctx)?;
    if !args.kind.systemd && (args.group.is_some() || args.harden) {
        return Err(invalid(
            "--group and --harden apply to systemd units: add --systemd",
        ));
    }
    if args.kind.cron {
        // As root, the same guard as a system unit: the entry goes to the crontab of `--user`
        // (or the profile's owner), never root's by accident.
        let account = entry_account(
            ctx,
            args,
            "--user applies as root (the crontab of that user): as another user the entry goes to your own crontab",
        )?;
        can_open_store(ctx, account.as_ref(), args.print)?;
        let line = cron_line(&argv);
        if args.print {
            println!("{line}");
        } else {
            install_cron(ctx, &line, account.as_ref())?;
        }
        name_variables(ctx, "the crontab (VAR=value lines above the entry; cron starts jobs with almost no environment)");
    } else if args.kind.systemd {
        // A system unit runs as root unless told otherwise: name the user, or take the
        // profile's owner; a user unit runs as its user.
        let account = entry_account(
            ctx,
            args,
            "--user and --group apply to system units, written as root: a user unit runs as the user who installs it",
        )?;
        if let Some(g) = &args.group {
            check_group(g)?;
        }
        can_open_store(ctx, account.as_ref(), args.print)?;
        let run = ServiceRun {
            account: account.as_ref(),
            group: args.group.as_deref(),
            harden: args.harden,
        };
        let (service, timer) = systemd_units(&argv, &run);
        if args.print {
            print!("# {UNIT}.service\n{service}\n# {UNIT}.timer\n{timer}");
        } else {
            install_systemd(ctx, args.dir.as_deref(), &service, &timer)?;
        }
        name_variables(ctx, ENVIRONMENT_FILE);
    } else {
        if args.print {
            // Printed as UTF-8 text, and declared so; the file `install` writes is UTF-16.
            print!("{}", task_xml(&argv, "UTF-8"));
            eprintln!(
                "load it with: {}",
                schtasks_command(Path::new("backupctl-run-due.xml"))
            );
        } else {
            install_windows(ctx, args.dir.as_deref(), &task_xml(&argv, "UTF-16"))?;
        }
    }
    Ok(exit::OK)
}

/// Who an entry written as root runs as: `--user`, else the profile's owner, never root by
/// accident. Written as another user, the entry runs as that user: `--user` and `--group` are
/// refused with `not_root`. (`--group` reaches here only with `--systemd`.)
fn entry_account(
    ctx: &Ctx,
    args: &ScheduleInstallArgs,
    not_root: &str,
) -> anyhow::Result<Option<Account>> {
    if is_root() {
        return Ok(Some(service_account(ctx, args.user.as_deref())?));
    }
    if args.user.is_some() || args.group.is_some() {
        return Err(invalid(not_root));
    }
    Ok(None)
}

/// The file the systemd service reads its environment from (passwords: root's, mode 0600).
const ENVIRONMENT_FILE: &str = "/etc/backupctl/environment";

/// The entry's user (`account`, or whoever installs it) must be able to open a SQLite store:
/// a tick that cannot fails every minute. Refused when writing the entry, a warning with
/// `--print`. (Judged by owner, group and mode: a host that grants access by ACL can print the
/// entry and install it by hand.)
fn can_open_store(ctx: &Ctx, account: Option<&Account>, print: bool) -> anyhow::Result<()> {
    #[cfg(unix)]
    if let crate::store::StoreUrl::Sqlite(path) = &ctx.profile.store {
        let who = match account {
            Some(a) => crate::access::Who::named(&a.user),
            None => Some(crate::access::Who::me()),
        };
        let who = who.ok_or_else(|| invalid("the entry's user has no account in /etc/passwd"))?;
        if let Some(problem) = crate::access::store_problem(path, &who) {
            let folder = std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(|d| d.display().to_string()))
                .unwrap_or_default();
            let said = format!(
                "the tick could not open its store: {problem}; give the store's folder to that user (chown -R {} {folder}) or pass --user",
                who.name
            );
            if !print {
                return Err(invalid(said));
            }
            eprintln!("warning: {said}");
        }
    }
    #[cfg(not(unix))]
    let _ = (ctx, account, print);
    Ok(())
}

/// Say which variables the tick needs in its environment, and where: the store's and master's
/// passwords when set here, and every `env:` credential of this node's live connections. A store
/// that cannot be read yet is no reason to fail the install (`check` says more).
fn name_variables(ctx: &Ctx, place: &str) {
    let mut vars: Vec<String> = ["BACKUPCTL_STORE_PASSWORD", "BACKUPCTL_MASTER_PASSWORD"]
        .into_iter()
        .filter(|v| std::env::var_os(v).is_some())
        .map(str::to_string)
        .collect();
    if let Ok(mut store) = ctx.open_existing_store() {
        for c in store.connections(&ctx.profile.node).unwrap_or_default() {
            if let (true, crate::store::Credential::Env(var)) = (c.alive, &c.credential) {
                if !vars.contains(var) {
                    vars.push(var.clone());
                }
            }
        }
    }
    if vars.is_empty() {
        return;
    }
    let missing_from_file = if place == ENVIRONMENT_FILE {
        let file = std::fs::read_to_string(ENVIRONMENT_FILE).unwrap_or_default();
        let set = |v: &str| {
            file.lines().any(|l| {
                l.trim_start()
                    .strip_prefix(v)
                    .is_some_and(|r| r.starts_with('='))
            })
        };
        let missing: Vec<&str> = vars
            .iter()
            .map(String::as_str)
            .filter(|v| !set(v))
            .collect();
        if missing.is_empty() {
            String::new()
        } else {
            format!(" (not there yet: {})", missing.join(", "))
        }
    } else {
        String::new()
    };
    ctx.say(&format!(
        "the tick needs {} in its environment: set them in {place}{missing_from_file}",
        vars.join(", ")
    ));
}

/// `backupctl [--profile P] [--store U] [--rman R] run-due --quiet`, with absolute paths.
fn command_line(ctx: &Ctx) -> anyhow::Result<Vec<String>> {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| invalid(format!("cannot find the backupctl executable: {e}")))?;
    let abs = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let mut argv = vec![exe.display().to_string()];
    if let Some(p) = &ctx.profile.source {
        argv.extend(["--profile".to_string(), abs(p)]);
    }
    if let Some(s) = &ctx.overrides.store {
        argv.extend(["--store".to_string(), s.clone()]);
    }
    if let Some(r) = &ctx.overrides.rman {
        argv.extend(["--rman".to_string(), abs(r)]);
    }
    argv.extend(["run-due".to_string(), "--quiet".to_string()]);
    Ok(argv)
}

/// Oracle variables of the installing session that cron and systemd would not have.
fn oracle_env() -> Vec<(&'static str, String)> {
    ["ORACLE_HOME", "TNS_ADMIN"]
        .into_iter()
        .filter_map(|k| {
            std::env::var(k)
                .ok()
                .filter(|v| !v.is_empty())
                .map(|v| (k, v))
        })
        .collect()
}

fn sh_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-:=@".contains(&b))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// One crontab line; `%` is escaped because cron turns it into a newline.
pub fn cron_line(argv: &[String]) -> String {
    let env: Vec<String> = oracle_env()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", sh_quote(&v)))
        .collect();
    let cmd: Vec<String> = argv.iter().map(|a| sh_quote(a)).collect();
    let mut line = String::from("* * * * * ");
    if !env.is_empty() {
        line.push_str(&env.join(" "));
        line.push(' ');
    }
    line.push_str(&cmd.join(" "));
    format!("{} {CRON_MARKER}", line.replace('%', "\\%"))
}

/// The user's crontab as `crontab -l` prints it; empty when the user has none.
pub fn current_crontab() -> anyhow::Result<String> {
    current_crontab_of(&[])
}

/// `crontab [-u USER] -l`, with no crontab yet read as an empty one.
fn current_crontab_of(user: &[&str]) -> anyhow::Result<String> {
    let listed = Command::new("crontab")
        .args(user)
        .arg("-l")
        .output()
        .map_err(|e| {
            invalid(format!(
                "cannot run crontab ({e}): install cron, or use --systemd"
            ))
        })?;
    if listed.status.success() {
        return Ok(String::from_utf8_lossy(&listed.stdout).into_owned());
    }
    let err = String::from_utf8_lossy(&listed.stderr);
    if !err.to_ascii_lowercase().contains("no crontab") {
        return Err(invalid(format!("crontab -l failed: {}", err.trim())));
    }
    Ok(String::new())
}

/// Merge the line into the crontab (of `account`, as root; else the user's own), replacing an
/// earlier backupctl line, touching no other.
fn install_cron(ctx: &Ctx, line: &str, account: Option<&Account>) -> anyhow::Result<()> {
    let user: Vec<&str> = account
        .map(|a| vec!["-u", a.user.as_str()])
        .unwrap_or_default();
    let current = current_crontab_of(&user)?;
    let mut lines: Vec<&str> = current
        .lines()
        .filter(|l| !l.contains(CRON_MARKER))
        .collect();
    lines.push(line);
    let merged = format!("{}\n", lines.join("\n"));
    if merged == current {
        ctx.say("the crontab already has this entry");
        return Ok(());
    }
    let mut child = Command::new("crontab")
        .args(&user)
        .arg("-")
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| invalid(format!("cannot run crontab: {e}")))?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(merged.as_bytes())?;
    let status = child.wait()?;
    if !status.success() {
        return Err(invalid(format!(
            "crontab - failed ({status}): the crontab was not changed"
        )));
    }
    let whose = account
        .map(|a| format!(" of {}", a.user))
        .unwrap_or_default();
    ctx.say(&format!("installed in the crontab{whose}: {line}"));
    Ok(())
}

/// systemd quoting for ExecStart: double quotes, and `%`/`$` doubled so they stay literal.
fn systemd_quote(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    if escaped
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-:=@%$".contains(&b))
    {
        escaped
    } else {
        format!("\"{escaped}\"")
    }
}

/// The account a system unit runs as: (user, its primary group).
pub struct Account {
    pub user: String,
}

/// `--user`, else the owner of the profile; root only when asked for by name.
fn service_account(ctx: &Ctx, user: Option<&str>) -> anyhow::Result<Account> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let entry = |pred: &dyn Fn(&[&str]) -> bool| -> Option<String> {
        passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 4 && pred(&f)).then(|| f[0].to_string())
        })
    };
    let name = match user {
        Some(u) => entry(&|f| f[0] == u).ok_or_else(|| {
            invalid(format!(
                "unknown --user \"{u}\": expected an account of this host, such as oracle"
            ))
        })?,
        None => {
            let owner = owner_uid(ctx)?;
            if owner == 0 {
                return Err(invalid(
                    "the profile belongs to root, so the service would run RMAN as root: pass --user NAME (the Oracle software owner, such as oracle)",
                ));
            }
            entry(&|f| f[2] == owner.to_string()).ok_or_else(|| {
                invalid(format!(
                    "the profile's owner (uid {owner}) has no account in /etc/passwd: pass --user NAME"
                ))
            })?
        }
    };
    Ok(Account { user: name })
}

/// A `--group` that exists on this host: a Group= that does not fails the unit (216/GROUP).
fn check_group(group: &str) -> anyhow::Result<()> {
    let groups = std::fs::read_to_string("/etc/group").unwrap_or_default();
    if groups.lines().any(|l| l.split(':').next() == Some(group)) {
        Ok(())
    } else {
        Err(invalid(format!(
            "unknown --group \"{group}\": expected a group of this host, such as oinstall (or leave it out: the service then runs with the user's own primary group)"
        )))
    }
}

#[cfg(unix)]
fn owner_uid(ctx: &Ctx) -> anyhow::Result<u32> {
    use std::os::unix::fs::MetadataExt;
    let Some(profile) = &ctx.profile.source else {
        return Err(invalid(
            "no profile file to take the service's user from: pass --user NAME or --profile FILE",
        ));
    };
    std::fs::metadata(profile)
        .map(|m| m.uid())
        .map_err(|e| invalid(format!("cannot read {}: {e}", profile.display())))
}

#[cfg(not(unix))]
fn owner_uid(_ctx: &Ctx) -> anyhow::Result<u32> {
    Err(invalid("systemd units are for Linux: pass --user NAME"))
}

/// How the service runs: its account (a system unit), its group, and whether it is hardened.
pub struct ServiceRun<'a> {
    pub account: Option<&'a Account>,
    pub group: Option<&'a str>,
    pub harden: bool,
}

pub fn systemd_units(argv: &[String], run: &ServiceRun<'_>) -> (String, String) {
    let exec: Vec<String> = argv.iter().map(|a| systemd_quote(a)).collect();
    // systemd.exec(5): with User= and no Group=, the user's own primary group is used — for the
    // Oracle software owner usually oinstall. A Group= that does not exist fails the unit
    // (status 216/GROUP) and no backup would ever run, so none is written unless asked for.
    let mut account_lines = run
        .account
        .map(|a| format!("User={}\n", a.user))
        .unwrap_or_default();
    if let Some(g) = run.group {
        account_lines.push_str(&format!("Group={g}\n"));
    }
    let hardening = if run.harden {
        "# --harden: NoNewPrivileges= defeats the setgid bit of $ORACLE_HOME/bin/oracle on hosts\n\
         # with role separation (Grid Infrastructure: asmadmin), so bequeath connections fail with\n\
         # ORA-27140/ORA-27300; PrivateTmp= hides Oracle's IPC sockets in /var/tmp/.oracle.\n\
         NoNewPrivileges=yes\n\
         PrivateTmp=yes\n"
    } else {
        ""
    };
    let env: String = oracle_env()
        .into_iter()
        .map(|(k, v)| format!("Environment={}\n", systemd_quote(&format!("{k}={v}"))))
        .collect();
    let service = format!(
        "[Unit]\n\
         Description=backupctl: start the RMAN backups that are due\n\
         Documentation=man:backupctl(1)\n\
         After=network-online.target\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         # The tick keeps ticking while its backups run (each bounded by its own timeout), and the\n\
         # timer starts no tick meanwhile. systemd.service(5): a oneshot has no start timeout unless\n\
         # one is set; it is stated here so that no drop-in or default cuts a backup short.\n\
         TimeoutStartSec=infinity\n\
         # An instance a strategy starts (a cold backup: shutdown, startup mount, backup, open) must\n\
         # outlive the tick: systemd.kill(5), KillMode=process ends only the tick itself when it\n\
         # stops, not what is left in its control group. backupctl ends RMAN and what RMAN started\n\
         # in its own session itself, at each run's end and timeout.\n\
         KillMode=process\n\
         {account_lines}\
         # /usr, /boot and /etc read-only.\n\
         ProtectSystem=full\n\
         {hardening}\
         {env}\
         # Passwords for the stores (BACKUPCTL_STORE_PASSWORD, BACKUPCTL_MASTER_PASSWORD), if any.\n\
         EnvironmentFile=-/etc/backupctl/environment\n\
         ExecStart={}\n",
        exec.join(" ")
    );
    let timer = "[Unit]\n\
         Description=backupctl: run-due every minute\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* *:*:00\n\
         Persistent=true\n\
         AccuracySec=1s\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
        .to_string();
    (service, timer)
}

fn is_root() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

fn install_systemd(
    ctx: &Ctx,
    dir: Option<&Path>,
    service: &str,
    timer: &str,
) -> anyhow::Result<()> {
    let system = is_root();
    let dir: PathBuf = match dir {
        Some(d) => d.to_path_buf(),
        None if system => PathBuf::from("/etc/systemd/system"),
        None => dirs::config_dir()
            .ok_or_else(|| invalid("cannot find the user configuration folder: pass --dir DIR"))?
            .join("systemd/user"),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| invalid(format!("cannot create {}: {e}", dir.display())))?;
    for (name, text) in [
        (format!("{UNIT}.service"), service),
        (format!("{UNIT}.timer"), timer),
    ] {
        let path = dir.join(&name);
        std::fs::write(&path, text)
            .map_err(|e| invalid(format!("cannot write {}: {e}", path.display())))?;
        ctx.say(&format!("wrote {}", path.display()));
    }
    let user = if system { "" } else { " --user" };
    ctx.say(&format!(
        "enable it with: systemctl{user} daemon-reload && systemctl{user} enable --now {UNIT}.timer"
    ));
    // The service's Documentation= names man:backupctl(1), which `systemctl help` opens.
    let page_found = Command::new("man")
        .args(["-w", "backupctl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !page_found {
        ctx.say(
            "the unit's Documentation= names man:backupctl(1), which is not installed: install -m 0644 man/*.1 /usr/local/share/man/man1/ (from backupctl's source), or read man -l man/backupctl.1",
        );
    }
    if !system {
        // A user's units stop when the user's last session ends, unless lingering is on.
        let name = std::env::var("USER").unwrap_or_else(|_| "$USER".into());
        ctx.say(&format!(
            "and keep it running without a login session: loginctl enable-linger {name}"
        ));
    }
    Ok(())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn win_quote(s: &str) -> String {
    if s.is_empty() || s.contains([' ', '\t', '"']) {
        format!("\"{}\"", s.replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// A Task Scheduler task: every minute, run whether the user is logged on or not, and a new
/// instance is not started while one still runs (MultipleInstancesPolicy IgnoreNew).
/// `encoding` is what the bytes will really be: `UTF-16` for the file schtasks loads (Task
/// Scheduler's own exports are UTF-16), `UTF-8` for text printed to a terminal.
pub fn task_xml(argv: &[String], encoding: &str) -> String {
    let command = xml_escape(&argv[0]);
    let arguments = xml_escape(
        &argv[1..]
            .iter()
            .map(|a| win_quote(a))
            .collect::<Vec<_>>()
            .join(" "),
    );
    format!(
        r#"<?xml version="1.0" encoding="{encoding}"?>
<Task version="1.4" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>backupctl: start the RMAN backups that are due</Description>
    <URI>\backupctl run-due</URI>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <Repetition>
        <Interval>PT1M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>2026-01-01T00:00:00</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>Password</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{command}</Command>
      <Arguments>{arguments}</Arguments>
    </Exec>
  </Actions>
</Task>
"#
    )
}

/// The command that registers the task; schtasks asks for the account's password (/RP with no
/// value), which "run whether logged on or not" needs.
pub fn schtasks_command(xml: &Path) -> String {
    let user = match (std::env::var("USERDOMAIN"), std::env::var("USERNAME")) {
        (Ok(d), Ok(u)) => format!("{d}\\{u}"),
        _ => "DOMAIN\\user".to_string(),
    };
    format!(
        "schtasks /Create /TN \"{TASK}\" /XML \"{}\" /RU \"{user}\" /RP",
        xml.display()
    )
}

fn install_windows(ctx: &Ctx, dir: Option<&Path>, xml: &str) -> anyhow::Result<()> {
    let dir: PathBuf = match dir {
        Some(d) => d.to_path_buf(),
        None => dirs::config_dir()
            .ok_or_else(|| invalid("cannot find the configuration folder: pass --dir DIR"))?
            .join("backupctl"),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| invalid(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join("backupctl-run-due.xml");
    // Task Scheduler's own exports are UTF-16 with a byte-order mark; schtasks reads them as such.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in xml.replace('\n', "\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, bytes)
        .map_err(|e| invalid(format!("cannot write {}: {e}", path.display())))?;
    ctx.say(&format!("wrote {}", path.display()));
    ctx.say(&format!("load it with: {}", schtasks_command(&path)));
    Ok(())
}
