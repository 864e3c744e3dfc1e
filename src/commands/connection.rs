//! `connection list|show|disable|enable|remove|test` (`edit` is in `connection_edit`). `test` starts RMAN against a connection with only
//! the connect and `EXIT;`, as a backup would (command file, environment, credential), and
//! reports what RMAN said; it records nothing in the store.

use std::sync::Arc;

use serde::Serialize;

use crate::cli::{ConnectionCommand, ConnectionTestArgs};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::executor::outcome::reached_idle_instance;
use crate::executor::{self, Finished};
use crate::model::RunStatus;
use crate::output::{or_dash, print_columns, print_json, yes_no, Show};
use crate::runner::rman_for;
use crate::store::{Connection, RunFilter, RunRow, Store};
use crate::tick::{settings, TickEnv};
use crate::units::local_minute;
use crate::units::{check_id, new_id};

pub fn run(ctx: &Ctx, cmd: &ConnectionCommand) -> anyhow::Result<u8> {
    match cmd {
        ConnectionCommand::List(a) => list(ctx, a),
        ConnectionCommand::Show(a) => {
            let views = ctx.views(a.node.as_deref(), a.all_nodes)?;
            if !a.all_nodes {
                return show(&views[0], &a.id, a.json, a.wide);
            }
            check_id("connection", &a.id)?;
            let mut store = ctx.open_existing_store()?;
            let wide = crate::output::wide(a.wide);
            ctx.show_on_every_node(
                &views,
                ("connection", &a.id),
                a.json,
                |v| {
                    store
                        .connection(&v.profile.node, &a.id)?
                        .map(|c| gather_of(v, &mut store, c))
                        .transpose()
                },
                |v, shown| print_shown(v, shown, wide),
            )
        }
        ConnectionCommand::Disable(a) => set_alive(ctx, &a.id, false),
        ConnectionCommand::Enable(a) => set_alive(ctx, &a.id, true),
        ConnectionCommand::Test(a) => test(ctx, a),
        ConnectionCommand::Edit(a) => super::connection_edit::run(ctx, a),
        ConnectionCommand::Remove(a) => remove(ctx, &a.id, a.purge),
    }
}

fn remove(ctx: &Ctx, id: &str, purge: bool) -> anyhow::Result<u8> {
    check_id("connection", id)?;
    let mut store = ctx.open_existing_store()?;
    store.remove_connection(&ctx.profile.node, id, purge, ctx.clock.wall())?;
    ctx.say(&removed_message("connection", id, purge));
    Ok(exit::OK)
}

/// What `remove` did, in the words of both kinds.
pub(super) fn removed_message(what: &str, id: &str, purge: bool) -> String {
    if purge {
        format!("{what} {id} removed, with its history")
    } else {
        format!("{what} {id} removed; its history is kept (backupctl logs)")
    }
}

fn list(ctx: &Ctx, args: &crate::cli::ConnectionListArgs) -> anyhow::Result<u8> {
    let views = ctx.views(args.node.as_deref(), args.all_nodes)?;
    let mut store = ctx.open_existing_store()?;
    let mut conns = Vec::new();
    for v in &views {
        conns.extend(store.connections(&v.profile.node)?);
    }
    if args.json {
        print_json(&conns)?;
        return Ok(exit::OK);
    }
    let rows = conns
        .iter()
        .map(|c| {
            vec![
                c.node.clone(),
                c.conn_id.clone(),
                c.conn_name.clone(),
                c.database_instance.clone(),
                c.host_port(),
                c.credential.to_string(),
                c.privilege.as_str().to_string(),
                yes_no(c.alive),
            ]
        })
        .collect();
    print_columns(
        &[
            ("node", super::strategy::node_column(&views)),
            ("id", Show::Always),
            ("name", Show::Always),
            ("instance", Show::Always),
            ("host", Show::Wide),
            ("credential", Show::Always),
            ("privilege", Show::Wide),
            ("alive", Show::Always),
        ],
        rows,
        crate::output::wide(args.wide),
    );
    Ok(exit::OK)
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    connection: Connection,
    strategies: Vec<StrategyLine>,
}

#[derive(Serialize)]
struct StrategyLine {
    strategy_id: String,
    priority: String,
    alive: bool,
    last_run: Option<RunRow>,
}

fn show(ctx: &Ctx, id: &str, json: bool, wide: bool) -> anyhow::Result<u8> {
    check_id("connection", id)?;
    let mut store = ctx.open_existing_store()?;
    let connection = stored(&mut store, &ctx.profile.node, id)?;
    let shown = gather_of(ctx, &mut store, connection)?;
    if json {
        print_json(&shown)?;
        return Ok(exit::OK);
    }
    print_shown(ctx, &shown, wide);
    Ok(exit::OK)
}

/// A connection with its strategies and each one's last run.
fn gather_of(ctx: &Ctx, store: &mut Store, connection: Connection) -> anyhow::Result<Shown> {
    let node = &ctx.profile.node;
    let mut strategies = Vec::new();
    for (strategy_id, priority, alive) in store.strategies_of(node, &connection.conn_id)? {
        let last_run = store
            .runs(&RunFilter {
                strategy: Some(strategy_id.clone()),
                node: Some(node.clone()),
                limit: Some(1),
                ..Default::default()
            })?
            .pop();
        strategies.push(StrategyLine {
            strategy_id,
            priority: priority.as_str().to_string(),
            alive,
            last_run,
        });
    }
    Ok(Shown {
        connection,
        strategies,
    })
}

fn print_shown(ctx: &Ctx, shown: &Shown, wide: bool) {
    let c = &shown.connection;
    let tz = ctx.profile.timezone;
    println!("connection {} ({})", c.conn_id, c.conn_name);
    println!("  instance    {} on {}", c.database_instance, c.host_port());
    println!("  credential  {} as {}", c.credential, c.privilege.as_str());
    println!("  oracle home {}", or_dash(c.oracle_home.as_ref()));
    println!("  catalog     {}", or_dash(c.catalog.as_ref()));
    println!("  alive       {}", yes_no(c.alive));
    let rows = shown
        .strategies
        .iter()
        .map(|s| {
            let run = s.last_run.as_ref();
            vec![
                s.strategy_id.clone(),
                s.priority.clone(),
                yes_no(s.alive),
                or_dash(run.map(|r| local_minute(r.scheduled_for, tz))),
                or_dash(run.map(|r| r.status)),
                or_dash(run.and_then(|r| r.duration_secs).map(crate::units::took)),
            ]
        })
        .collect();
    print_columns(
        &[
            ("strategy", Show::Always),
            ("priority", Show::Always),
            ("alive", Show::Always),
            ("last run", Show::Always),
            ("status", Show::Always),
            ("took", Show::Wide),
        ],
        rows,
        crate::output::wide(wide),
    );
}

/// The connection `id` of `node`, or a one-line error pointing at the listing.
pub(super) fn stored(store: &mut Store, node: &str, id: &str) -> anyhow::Result<Connection> {
    store.connection(node, id)?.ok_or_else(|| {
        invalid(format!(
            "unknown connection \"{id}\" on node {node}: see backupctl connection list"
        ))
    })
}

fn set_alive(ctx: &Ctx, id: &str, alive: bool) -> anyhow::Result<u8> {
    check_id("connection", id)?;
    let mut store = ctx.open_existing_store()?;
    let changed = store.set_connection_alive(&ctx.profile.node, id, alive)?;
    ctx.say_switched("connection", id, alive, changed);
    Ok(exit::OK)
}

#[derive(Serialize)]
struct Tested<'a> {
    connection: &'a str,
    status: &'a str,
    exit_code: Option<i64>,
    codes: &'a [String],
    message: &'a str,
    warnings: &'a [String],
    rman: String,
}

/// Why an idle instance was reached, and what to check.
fn idle_message(conn: &Connection) -> String {
    format!(
        "no instance {sid} is running on this host: RMAN said \"connected to target database (not started)\". On Unix the SID is case-sensitive (ORACLE_SID {sid}, from --instance): check its case against the running ora_pmon_<SID> process; a pluggable database has no instance of its own: reach it through its container's SID, or with a service connection (env: or wallet: credential naming the PDB's service)",
        sid = conn.database_instance
    )
}

fn test(ctx: &Ctx, args: &ConnectionTestArgs) -> anyhow::Result<u8> {
    check_id("connection", &args.id)?;
    let node = &ctx.profile.node;
    let mut store = ctx.open_existing_store()?;
    let conn = stored(&mut store, node, &args.id)?;
    let env = TickEnv::this_host(Arc::clone(&ctx.clock));
    let settings = settings(&ctx.profile, &env, store.credential_vars()?);
    drop(store);
    let var = |k: &str| std::env::var(k).ok();
    let rman = rman_for(&conn, settings.rman.get());
    let finished = match &rman {
        Err(msg) => Finished::not_started(msg.clone(), ctx.clock.wall()),
        Ok(rman) => match executor::invocation(&conn, &[], rman, &var) {
            Err(msg) => Finished::not_started(msg, ctx.clock.wall()),
            Ok(mut inv) => {
                inv.env_remove.extend(settings.scrub.iter().cloned());
                executor::run_command_file(
                    rman,
                    &inv,
                    &settings.cmdfile_dir,
                    &new_id("test-", ctx.clock.wall()),
                    &settings.execution(executor::PROBE_TIMEOUT_SECS),
                )
            }
        },
    };
    let idle = reached_idle_instance(&finished.log);
    let mut finished = finished;
    if idle {
        finished.outcome.status = RunStatus::Failed;
        finished.outcome.message = idle_message(&conn);
    }
    let ok = finished.outcome.status == RunStatus::Succeeded;
    let rman_text = match &rman {
        Ok(p) => p.display().to_string(),
        Err(_) => "-".into(),
    };
    if args.json {
        print_json(&Tested {
            connection: &conn.conn_id,
            status: if ok { "connected" } else { "failed" },
            exit_code: finished.exit_code,
            codes: &finished.outcome.codes,
            message: &finished.outcome.message,
            warnings: &finished.outcome.warnings,
            rman: rman_text,
        })?;
    } else if ok {
        if !ctx.quiet {
            println!(
                "connection {}: connected with {} ({})",
                conn.conn_id, rman_text, conn.credential
            );
        }
    } else {
        println!(
            "connection {}: failed: {}",
            conn.conn_id, finished.outcome.message
        );
        ctx.note(&finished.log);
    }
    Ok(if ok { exit::OK } else { exit::BACKUP_FAILED })
}
