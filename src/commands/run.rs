//! `run STRATEGY`: run one strategy now, with a spinner on a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use chrono::Utc;

use crate::cli::RunArgs;
use crate::commands::run_due::summary_line;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::lock::OwnerLock;
use crate::output::print_json;
use crate::runner::{run_jobs, Job};
use crate::store::NewRun;
use crate::tick::{host_name, settings, sweep_stale};
use crate::units::{check_id, new_id};

pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.strategy)?;
    let node = ctx.profile.node.clone();
    let mut store = ctx.open_store()?;
    let Some(target) = store
        .runnables(&node, std::slice::from_ref(&args.strategy))?
        .pop()
    else {
        return Err(invalid(format!(
            "unknown strategy \"{}\" on node {node}",
            args.strategy
        )));
    };
    if !target.strategy.alive {
        return Err(invalid(format!(
            "strategy {} is not alive: it never runs",
            args.strategy
        )));
    }
    if !target.connection.alive {
        return Err(invalid(format!(
            "connection {} of strategy {} is not alive: it never runs",
            target.connection.conn_id, args.strategy
        )));
    }
    let lock = OwnerLock::acquire()?;
    let now = Utc::now();
    let (stale, running) = sweep_stale(&mut store, &ctx.profile, Some(&lock), false, now)?;
    for r in &stale {
        crate::runner::notify(ctx.profile.on_failure.as_ref(), &node, r);
    }
    if let Some(prev) = running.iter().find(|r| r.strategy_id == args.strategy) {
        return Err(invalid(format!(
            "strategy {} is already running as run {}: not started again",
            args.strategy, prev.run_id
        )));
    }
    let run = NewRun {
        run_id: new_id("", now),
        node: node.clone(),
        strategy_id: args.strategy.clone(),
        scheduled_for: now,
        status: "running",
        trigger: "manual",
        host: Some(host_name()),
        pid: Some(std::process::id()),
        owner_lock: Some(lock.path().to_string_lossy().into_owned()),
    };
    if !store.claim(&run, None, None, now)? {
        return Err(invalid(format!(
            "strategy {} was started by another process just now",
            args.strategy
        )));
    }
    let spinner = (std::io::stderr().is_terminal() && !ctx.quiet).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.set_message(format!(
            "running {} on {}",
            args.strategy, target.connection.conn_id
        ));
        pb.enable_steady_tick(Duration::from_millis(100));
        pb
    });
    let (reports, store_error) = run_jobs(
        &mut store,
        vec![Job { run, target }],
        &settings(&ctx.profile),
        |_| {},
    );
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    drop(lock);
    let report = reports.into_iter().next();
    if let Some(r) = &report {
        if args.json {
            print_json(r)?;
        } else {
            println!("{}", summary_line(r, ctx.profile.timezone));
        }
    }
    if let Some(e) = store_error {
        return Err(e);
    }
    Ok(if report.is_some_and(|r| r.is_failure()) {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    })
}
