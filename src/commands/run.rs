//! `run STRATEGY`: run one strategy now, with a spinner on a terminal. The run counts against
//! the node's limits like any other: it waits for a slot, and never runs beside itself.

use std::io::IsTerminal;
use std::time::Duration;

use crate::cli::RunArgs;
use crate::commands::run_due::summary_line;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::hook::Hooks;
use crate::output::print_json;
use crate::runner::{self, Job, Report};
use crate::store::{Claim, NewRun, RunStatus, Trigger};
use crate::tick::{limits, settings, sweep_stale, TickEnv};
use crate::units::{check_id, new_id};

pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.strategy)?;
    let node = ctx.profile.node.clone();
    let mut store = ctx.open_existing_store()?;
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
    let env = TickEnv::this_host(std::sync::Arc::clone(&ctx.clock));
    store.ensure_node(&node, ctx.profile.timezone.name())?;
    let scrub = store.credential_vars()?;
    let settings = settings(&ctx.profile, &env, scrub);
    let hooks = Hooks::new(
        ctx.profile.on_failure.clone(),
        settings.scrub.clone(),
        std::time::Duration::from_secs(ctx.profile.hook_timeout_secs),
    );
    let lock = env.lock()?;
    let (stale, _) = sweep_stale(&mut store, &ctx.profile, &env, Some(&lock), false)?;
    for ev in stale.iter().filter_map(|r| r.hook_event(&node)) {
        hooks.fire(ev);
    }
    let spinner = (std::io::stderr().is_terminal() && !ctx.quiet).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.enable_steady_tick(Duration::from_millis(100));
        pb
    });
    let say = |msg: String| match &spinner {
        Some(pb) => pb.set_message(msg),
        None => ctx.note(&msg),
    };
    // Claim within the node's limits; wait while they are full.
    let mut waiting = None;
    let run = loop {
        let now = env.wall();
        let mut run = NewRun {
            run_id: new_id("", now),
            node: node.clone(),
            strategy_id: args.strategy.clone(),
            scheduled_for: now,
            status: RunStatus::Running,
            trigger: Trigger::Manual,
            host: Some(env.host.clone()),
            pid: Some(std::process::id()),
            owner_lock: Some(lock.path().to_string_lossy().into_owned()),
        };
        let conn = &target.connection.conn_id;
        match store.claim_start(&mut run, conn, limits(&ctx.profile), now)? {
            Claim::Claimed => break run,
            Claim::StrategyRunning { run_id, .. } => {
                return Err(invalid(format!(
                    "strategy {} is already running as run {run_id}: not started again",
                    args.strategy
                )))
            }
            Claim::Taken => {}
            Claim::Full { why, .. } => {
                if waiting.as_ref() != Some(&why) {
                    say(format!("waiting for a slot: {why}"));
                    waiting = Some(why);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    };
    say(format!(
        "running {} on {}",
        args.strategy, target.connection.conn_id
    ));
    store.mark_started(&run.run_id, env.wall())?;
    let (tx, rx) = std::sync::mpsc::channel();
    let conn_id = target.connection.conn_id.clone();
    runner::spawn(Job { run, target }, &settings, tx);
    let (job, fin) = rx.recv()?;
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    let end = runner::run_end(&job.run, fin);
    let recorded = store.finish_run(&end);
    if let Err(e) = &recorded {
        env.spool().keep(&end)?;
        eprintln!(
            "warning: the end of run {} is kept in {} until the store takes it: {}",
            end.run_id,
            env.state_dir.join("spool").display(),
            crate::error::one_line(e)
        );
    }
    let report = Report::ended(&end, job.run.scheduled_for, &conn_id);
    if let Some(ev) = report.hook_event(&node) {
        hooks.fire(ev);
    }
    if args.json {
        print_json(&report)?;
    } else if !ctx.quiet || report.is_failure() {
        println!("{}", summary_line(&report, ctx.profile.timezone));
    }
    drop(hooks);
    drop(lock);
    Ok(if report.is_failure() {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    })
}
