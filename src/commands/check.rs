//! `check`: a read-only diagnosis of this node, one line per item — what a DBA wants to know
//! before trusting it with backups, and what Nagios can watch.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::schedule_install::{current_crontab, CRON_MARKER, TASK, UNIT};
use crate::commands::Ctx;
use crate::error::exit;
use crate::executor::instances::{self, Instance};
use crate::executor::{self, Secret};
use crate::model::RunStatus;
use crate::model::{judge, State as StatusState};
use crate::output::{count_of, print_json, print_table};
use crate::profile::Role;
use crate::runner::Settings;
use crate::store::{Credential, Store, Which};
use crate::tick::{settings, TickEnv};
use crate::units::{local_minute, new_id};

/// In JSON lower case, as `status` writes its states; the table shows it in capitals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum State {
    Ok,
    Warning,
    Failed,
}

#[derive(Serialize)]
struct Item {
    item: String,
    state: State,
    detail: String,
}

fn item(item: impl Into<String>, state: State, detail: impl Into<String>) -> Item {
    Item {
        item: item.into(),
        state,
        detail: detail.into(),
    }
}

pub fn run(ctx: &Ctx, args: &CheckArgs) -> anyhow::Result<u8> {
    let mut items = Vec::new();
    let mut store = check_store(ctx, &mut items);
    // RMAN here sees no connection's credential variable, as in a backup.
    let scrub = store
        .as_mut()
        .and_then(|s| s.credential_vars().ok())
        .unwrap_or_default();
    let settings = settings(
        &ctx.profile,
        &TickEnv::this_host(std::sync::Arc::clone(&ctx.clock)),
        scrub,
    );
    // The home of each connection that names none, by the rule a backup follows.
    let node_home = executor::default_oracle_home(settings.rman.get().as_deref().ok(), &|k| {
        std::env::var(k).ok()
    });
    check_rman(&settings, node_home.as_deref(), &mut items);
    if let Some(supervisor) = executor::supervisor_in_use() {
        items.push(item("supervisor", State::Ok, supervisor));
    }
    let mut ticking = false;
    if let Some(mut store) = store {
        check_connections(ctx, node_home.as_deref(), &mut store, &mut items);
        ticking = check_ticks(ctx, &mut store, &mut items);
        check_backups(ctx, &mut store, &mut items);
        if ctx.profile.role == Role::Master {
            check_fleet(ctx, &mut store, &mut items);
        }
        if ctx.profile.role == Role::Slave {
            check_master(ctx, &mut store, &mut items);
        }
    }
    check_scheduler(ticking, &mut items);
    let worst = items
        .iter()
        .map(|i| i.state)
        .fold(State::Ok, |w, s| match (w, s) {
            (State::Failed, _) | (_, State::Failed) => State::Failed,
            (State::Warning, _) | (_, State::Warning) => State::Warning,
            _ => State::Ok,
        });
    match args.format {
        CheckFormat::Json => print_json(&items)?,
        CheckFormat::Table => print_table(
            &["item", "state", "detail"],
            items
                .iter()
                .map(|i| {
                    vec![
                        i.item.clone(),
                        format!("{:?}", i.state).to_uppercase(),
                        i.detail.clone(),
                    ]
                })
                .collect(),
        ),
        CheckFormat::Nagios => {
            let bad: Vec<String> = items
                .iter()
                .filter(|i| i.state != State::Ok)
                .map(|i| format!("{}: {}", i.item, i.detail))
                .collect();
            let (word, code) = match worst {
                State::Ok => ("OK", 0),
                State::Warning => ("WARNING", 1),
                State::Failed => ("CRITICAL", 2),
            };
            let summary = if bad.is_empty() {
                format!("{} items fine", items.len())
            } else {
                bad.join("; ")
            };
            println!("BACKUPCTL CHECK {word} - {summary}");
            return Ok(code);
        }
    }
    Ok(if worst == State::Failed {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    })
}

fn check_store(ctx: &Ctx, items: &mut Vec<Item>) -> Option<Store> {
    match ctx.open_existing_store() {
        Ok(mut s) => {
            let (state, detail) = match s.can_write(&ctx.profile.node) {
                Ok(()) => (
                    State::Ok,
                    format!("{} reachable, schema current", ctx.profile.store),
                ),
                Err(e) => (
                    State::Failed,
                    format!(
                        "{}: no run can be claimed or recorded",
                        crate::error::one_line(&e)
                    ),
                ),
            };
            items.push(item("store", state, detail));
            Some(s)
        }
        Err(e) => {
            items.push(item("store", State::Failed, crate::error::one_line(&e)));
            None
        }
    }
}

/// rman found, and its banner when started with a command file holding only `EXIT;`.
fn check_rman(settings: &Settings, home: Option<&str>, items: &mut Vec<Item>) {
    let rman = match settings.rman.get() {
        Ok(p) => p.clone(),
        Err(e) => {
            items.push(item("rman", State::Failed, e.clone()));
            return;
        }
    };
    match home {
        Some(h) if Path::new(h).is_dir() => items.push(item("ORACLE_HOME", State::Ok, h)),
        Some(h) => items.push(item("ORACLE_HOME", State::Failed, format!("{h} is not a folder"))),
        None => items.push(item(
            "ORACLE_HOME",
            State::Failed,
            "not set, and rman is not in an Oracle home's bin folder: set ORACLE_HOME or --oracle-home on each connection",
        )),
    }
    let mut env_vars: Vec<(String, String)> = Vec::new();
    if let Some(h) = home {
        env_vars.push(("ORACLE_HOME".into(), h.to_string()));
    }
    let inv = executor::Invocation {
        script: Secret::new("EXIT;\n"),
        env: env_vars,
        env_remove: settings.scrub.clone(),
        secrets: Vec::new(),
    };
    let name = new_id("check-", settings.clock.wall());
    let fin = executor::run_command_file(
        &rman,
        &inv,
        &settings.cmdfile_dir,
        &name,
        &executor::Execution {
            log_limit: 1 << 20,
            ..settings.execution(60)
        },
    );
    let banner = fin
        .log
        .lines()
        .find(|l| l.contains("Release"))
        .map(|l| l.trim().to_string());
    match (fin.outcome.status, banner) {
        (RunStatus::Succeeded, Some(b)) => {
            items.push(item("rman", State::Ok, format!("{}: {b}", rman.display())))
        }
        (RunStatus::Succeeded, None) => items.push(item(
            "rman",
            State::Warning,
            format!("{} ran but printed no release banner", rman.display()),
        )),
        _ => items.push(item(
            "rman",
            State::Failed,
            format!("{}: {}", rman.display(), fin.outcome.message),
        )),
    }
}

/// The tnsnames.ora a wallet alias is looked up in: TNS_ADMIN, else the Oracle home's.
fn tnsnames(home: Option<&str>) -> Option<PathBuf> {
    let dir = std::env::var("TNS_ADMIN")
        .ok()
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.map(|h| Path::new(h).join("network").join("admin")))?;
    Some(dir.join("tnsnames.ora"))
}

fn check_connections(ctx: &Ctx, node_home: Option<&str>, store: &mut Store, items: &mut Vec<Item>) {
    let conns = match store.connections(&ctx.profile.node) {
        Ok(c) => c,
        Err(e) => {
            items.push(item(
                "connections",
                State::Failed,
                crate::error::one_line(&e),
            ));
            return;
        }
    };
    let running = instances::running_sids();
    for c in conns.iter().filter(|c| c.alive) {
        let name = format!("connection {}", c.conn_id);
        let home = c.oracle_home.as_deref().or(node_home);
        if let Some(h) = &c.oracle_home {
            if !Path::new(h).join("bin").is_dir() {
                items.push(item(
                    &name,
                    State::Failed,
                    format!("--oracle-home {h} has no bin folder"),
                ));
                continue;
            }
        }
        let (state, detail) = match &c.credential {
            Credential::Os => os_instance(&c.database_instance, running.as_deref()),
            // The same rule a backup's connect string is built by.
            Credential::Env(var) => match std::env::var(var) {
                Ok(v) => match executor::env_credential(c, var, &v) {
                    Ok(_) => (State::Ok, format!("{var} holds user/password")),
                    Err(msg) => (State::Failed, msg),
                },
                Err(_) => (
                    State::Failed,
                    format!("{var} is not set in this environment"),
                ),
            },
            Credential::Wallet(alias) => match tnsnames(home) {
                Some(file) => match std::fs::read_to_string(&file) {
                    Ok(text)
                        if text.lines().any(|l| {
                            l.trim_start()
                                .to_ascii_uppercase()
                                .starts_with(&format!("{} ", alias.to_ascii_uppercase()))
                                || l.trim_start()
                                    .to_ascii_uppercase()
                                    .starts_with(&format!("{}=", alias.to_ascii_uppercase()))
                        }) =>
                    {
                        (
                            State::Ok,
                            format!("wallet alias {alias} is in {}", file.display()),
                        )
                    }
                    Ok(_) => (
                        State::Failed,
                        format!("wallet alias {alias} is not in {}", file.display()),
                    ),
                    Err(e) => (
                        State::Failed,
                        format!("cannot read {}: {e}", file.display()),
                    ),
                },
                None => (
                    State::Failed,
                    format!(
                        "wallet alias {alias}: set TNS_ADMIN or ORACLE_HOME to find tnsnames.ora"
                    ),
                ),
            },
        };
        items.push(item(name, state, detail));
    }
}

/// An OS-authenticated connection reaches the instance `ORACLE_SID` names on this host: one
/// that is not running (or runs under another case: Unix SIDs are case-sensitive) makes RMAN
/// say "connected to target database (not started)" and every backup fail with ORA-01034.
fn os_instance(sid: &str, running: Option<&[String]>) -> (State, String) {
    let how = format!("os authentication as ORACLE_SID={sid}");
    match instances::lookup(sid, running) {
        Instance::Running => (State::Ok, format!("{how}: instance {sid} is running")),
        Instance::Unknown => (State::Ok, how),
        Instance::OtherCase(other) => (
            State::Failed,
            format!("{how}: no instance {sid} is running, but {other} is: the SID is case-sensitive; set --instance {other}"),
        ),
        Instance::NotRunning(others) => (
            State::Failed,
            format!(
                "{how}: no instance {sid} is running on this host (running: {}); the SID is case-sensitive, and a pluggable database is reached through its container's SID or with a service connection (env: or wallet: credential)",
                if others.is_empty() { "none".to_string() } else { others.join(", ") }
            ),
        ),
    }
}

/// The last tick and the clock; whether the node ticked within the last 2 minutes.
fn check_ticks(ctx: &Ctx, store: &mut Store, items: &mut Vec<Item>) -> bool {
    let tz = ctx.profile.timezone;
    let now = ctx.clock.now();
    let (entry, ticking) = match store.last_tick(&ctx.profile.node) {
        Ok(Some(t)) if t > now => (
            item(
                "clock",
                State::Failed,
                format!(
                    "the last tick ({}) is ahead of the clock ({})",
                    local_minute(t, tz),
                    local_minute(now, tz)
                ),
            ),
            false,
        ),
        // Ticks come every minute: two without one mean no backup is being started.
        Ok(Some(t)) if now - t > chrono::Duration::minutes(2) => (
            item(
                "last tick",
                State::Failed,
                format!(
                    "{}: more than 2 minutes ago, so no backup is being started: is the scheduler entry running?",
                    local_minute(t, tz)
                ),
            ),
            false,
        ),
        Ok(Some(t)) => (item("last tick", State::Ok, local_minute(t, tz)), true),
        Ok(None) => (
            item(
                "last tick",
                State::Warning,
                "this node has never ticked (a new node: wait a minute after installing the scheduler entry)",
            ),
            false,
        ),
        Err(e) => (
            item("last tick", State::Failed, crate::error::one_line(&e)),
            false,
        ),
    };
    items.push(entry);
    ticking
}

/// This node's live strategies judged as `status` judges them: a latest run that failed or a last
/// success older than the strategy's `max_age` fails the item, warnings alone warn. The first few
/// are named; `backupctl status` has them all.
fn check_backups(ctx: &Ctx, store: &mut Store, items: &mut Vec<Item>) {
    const NAMED: usize = 3;
    let now = ctx.clock.now();
    let node = &ctx.profile.node;
    let health = match store.health_of_node(node, now - chrono::Duration::hours(24), now) {
        Ok(h) => h,
        Err(e) => {
            items.push(item("backups", State::Failed, crate::error::one_line(&e)));
            return;
        }
    };
    let mine: Vec<_> = health.iter().filter(|h| h.alive).collect();
    let (mut critical, mut warned) = (Vec::new(), Vec::new());
    for h in &mine {
        match judge(h, now, ctx.profile.timezone) {
            (StatusState::Critical, why) => critical.push((h, why)),
            (StatusState::Warning, why) => warned.push((h, why)),
            _ => {}
        }
    }
    let (state, named) = if !critical.is_empty() {
        (State::Failed, critical)
    } else if !warned.is_empty() {
        (State::Warning, warned)
    } else {
        let detail = format!(
            "{}: none failed its latest run or went past its max_age",
            count_of(mine.len(), "live strategy")
        );
        items.push(item("backups", State::Ok, detail));
        return;
    };
    let mut detail = named
        .iter()
        .take(NAMED)
        .map(|(h, why)| format!("{}: {}", h.strategy_id, why.as_deref().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("; ");
    if named.len() > NAMED {
        detail.push_str(&format!(
            "; {} more: see backupctl status",
            named.len() - NAMED
        ));
    }
    items.push(item("backups", state, detail));
}

/// On a master, the other nodes as its check of them sees them: one that stopped pushing
/// (silent past `monitor_grace`), and the strategies whose latest run failed, was missed or went
/// past its max_age, node by node.
fn check_fleet(ctx: &Ctx, store: &mut Store, items: &mut Vec<Item>) {
    let now = ctx.clock.now();
    let grace = crate::units::span(ctx.profile.monitor_grace);
    let mut problems = Vec::new();
    let mut nodes = 0;
    let judged = store.nodes().and_then(|all| {
        for n in all.into_iter().filter(|n| n.node != ctx.profile.node) {
            nodes += 1;
            match n.last_seen {
                Some(seen) if now - seen <= grace => {}
                Some(seen) => problems.push(format!(
                    "node {} silent since {}",
                    n.node,
                    local_minute(seen, ctx.profile.timezone)
                )),
                None => problems.push(format!("node {} never pushed", n.node)),
            }
            let health = store.health_of_node(&n.node, now - chrono::Duration::hours(24), now)?;
            for h in health.iter().filter(|h| h.alive) {
                if let (StatusState::Critical, why) = judge(h, now, ctx.profile.timezone) {
                    let why = why.unwrap_or_default();
                    problems.push(format!("{}/{}: {why}", n.node, h.strategy_id));
                }
            }
        }
        Ok(())
    });
    let (state, detail) = match judged {
        Err(e) => (State::Failed, crate::error::one_line(&e)),
        Ok(()) if problems.is_empty() => (
            State::Ok,
            format!(
                "{}: each pushing, none with a failed, missed or stale backup",
                count_of(nodes, "other node")
            ),
        ),
        Ok(()) => {
            let more = problems.len().saturating_sub(3);
            let mut detail = problems.into_iter().take(3).collect::<Vec<_>>().join("; ");
            if more > 0 {
                detail.push_str(&format!("; {more} more: see backupctl status"));
            }
            (State::Failed, detail)
        }
    };
    items.push(item("fleet", state, detail));
}

fn check_master(ctx: &Ctx, store: &mut Store, items: &mut Vec<Item>) {
    match store.set_aside_counts(&ctx.profile.node) {
        Ok(c) if c.total() > 0 => items.push(item(
            "set aside",
            State::Warning,
            format!(
                "{} rows the master refused wait: see backupctl errors",
                c.total()
            ),
        )),
        Ok(_) => items.push(item("set aside", State::Ok, "no row refused by the master")),
        Err(e) => items.push(item("set aside", State::Failed, crate::error::one_line(&e))),
    }
    let Some(master) = &ctx.profile.master else {
        return;
    };
    let timeout = ctx.profile.master_timeout;
    match crate::store::open_within(master, Which::Master, Some(timeout)) {
        Ok(_) => items.push(item("master", State::Ok, format!("{master} reachable"))),
        Err(e) => items.push(item("master", State::Failed, crate::error::one_line(&e))),
    }
}

/// The OS scheduler entry: the crontab line, the systemd timer enabled, or (Windows) the task.
/// None found fails, unless ticks still arrive (something else calls run-due): then a warning.
fn check_scheduler(ticking: bool, items: &mut Vec<Item>) {
    let crontab = current_crontab().is_ok_and(|c| c.contains(CRON_MARKER));
    let timer = format!("{UNIT}.timer");
    let systemd = [
        vec!["is-enabled", timer.as_str()],
        vec!["--user", "is-enabled", timer.as_str()],
    ]
    .iter()
    .any(|args| {
        Command::new("systemctl")
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let task = cfg!(windows)
        && Command::new("schtasks")
            .args(["/Query", "/TN", TASK])
            .output()
            .is_ok_and(|o| o.status.success());
    let state = match (crontab, systemd, task) {
        (true, _, _) => item("scheduler", State::Ok, "the crontab has the run-due line"),
        (_, true, _) => item("scheduler", State::Ok, format!("systemd timer {timer} is enabled")),
        (_, _, true) => item("scheduler", State::Ok, format!("scheduled task \"{TASK}\" exists")),
        _ => item(
            "scheduler",
            if ticking { State::Warning } else { State::Failed },
            "no crontab line, enabled systemd timer or scheduled task calls run-due: see backupctl schedule install",
        ),
    };
    items.push(state);
}
