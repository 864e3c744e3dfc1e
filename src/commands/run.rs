//! `run STRATEGY`: run one strategy now, with a spinner on a terminal. The run counts against
//! the node's limits like any other: it waits for a slot, and never runs beside itself. It starts
//! through the tick's own [`Launcher`].

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::ProgressBar;

use crate::cli::RunArgs;
use crate::commands::run_due::summary_line;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::executor::Finished;
use crate::hook::Hooks;
use crate::lock::OwnerLock;
use crate::model::{NewRun, Runnable};
use crate::output::print_json;
use crate::runner::{self, Job, Report};
use crate::store::{Claim, Store};
use crate::tick::{limits, settings, sweep_stale, Launcher, TickEnv};
use crate::units::{check_id, new_id};

pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.strategy)?;
    let node = ctx.profile.node.clone();
    let mut store = ctx.open_existing_store()?;
    let target = runnable(&mut store, &node, &args.strategy)?;
    let env = TickEnv::this_host(std::sync::Arc::clone(&ctx.clock));
    store.ensure_node(&node, ctx.profile.timezone.name())?;
    let mut settings = settings(&ctx.profile, &env, store.credential_vars()?);
    let cancel = cancel_on_ctrl_c();
    settings.cancel = Some(std::sync::Arc::clone(&cancel));
    let hooks = Hooks::new(
        ctx.profile.on_failure.clone(),
        settings.scrub.clone(),
        ctx.profile.hook_timeout,
        crate::hook::warn,
    );
    let lock = env.lock()?;
    // Ends a tick kept aside first: a run that ended holds no slot.
    let _ = env.spool().replay(&mut store, &node);
    let (stale, _) = sweep_stale(&mut store, &ctx.profile, &env, Some(&lock), false)?;
    for ev in stale.iter().filter_map(|r| r.hook_event(&node)) {
        hooks.fire(ev);
    }
    let (ended, ends) = std::sync::mpsc::channel();
    let launcher = Launcher::new(settings, limits(&ctx.profile), move |job, fin| {
        let _ = ended.send((job, fin));
    });
    let spinner = spinner(ctx);
    let conn_id = target.connection.conn_id.clone();
    start_when_free(ctx, &mut store, &launcher, &env, &lock, target, &spinner)?;
    let (job, fin) = ends.recv()?;
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    let report = record_end(&mut store, &env, &job, fin, &conn_id)?;
    if let Some(ev) = report.hook_event(&node) {
        hooks.fire(ev);
    }
    // The run is recorded: a reader that went away changes nothing (write errors ignored).
    if args.json {
        let _ = print_json(&report);
    } else if !ctx.quiet || crate::commands::run_due::shown_when_quiet(&report) {
        use std::io::Write;
        let line = summary_line(&report, ctx.profile.timezone);
        let _ = writeln!(std::io::stdout(), "{line}");
    }
    drop(hooks);
    drop(lock);
    Ok(if cancel.load(std::sync::atomic::Ordering::SeqCst) {
        exit::CANCELLED
    } else if report.is_failure() {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    })
}

/// Ctrl-C (SIGINT, or CTRL_C/CTRL_BREAK on Windows) sets the flag: the run under way is cancelled
/// as Oracle documents (RMAN's own Ctrl-C, then the grace) and recorded `interrupted` at once
/// with its real duration. A second Ctrl-C leaves at once; the run is then swept as interrupted
/// by the next command.
fn cancel_on_ctrl_c() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let flag = std::sync::Arc::new(AtomicBool::new(false));
    let set = std::sync::Arc::clone(&flag);
    let _ = ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(exit::CANCELLED));
        }
        eprintln!("cancelling: rman is sent its Ctrl-C; Ctrl-C again to leave at once");
    });
    flag
}

/// The strategy and its connection, both alive.
fn runnable(store: &mut Store, node: &str, id: &str) -> anyhow::Result<Runnable> {
    let Some(target) = store.runnables(node, &[id.to_string()])?.pop() else {
        return Err(invalid(format!("unknown strategy \"{id}\" on node {node}")));
    };
    if !target.strategy.alive {
        return Err(invalid(format!(
            "strategy {id} is not alive: it never runs"
        )));
    }
    if !target.connection.alive {
        return Err(invalid(format!(
            "connection {} of strategy {id} is not alive: it never runs",
            target.connection.conn_id
        )));
    }
    Ok(target)
}

/// A spinner on a terminal, unless --quiet.
fn spinner(ctx: &Ctx) -> Option<ProgressBar> {
    (std::io::stderr().is_terminal() && !ctx.quiet).then(|| {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb.enable_steady_tick(Duration::from_millis(100));
        pb
    })
}

/// Claim within the node's limits and start; wait while they are full.
fn start_when_free(
    ctx: &Ctx,
    store: &mut Store,
    launcher: &Launcher,
    env: &TickEnv,
    lock: &OwnerLock,
    target: Runnable,
    spinner: &Option<ProgressBar>,
) -> anyhow::Result<()> {
    let say = |msg: String| match spinner {
        Some(pb) => pb.set_message(msg),
        None => ctx.note(&msg),
    };
    let (id, conn) = (&target.strategy.strategy_id, &target.connection.conn_id);
    let mut waiting = None;
    loop {
        let now = env.wall();
        let run = NewRun::manual(
            new_id("", now),
            &ctx.profile.node,
            id,
            now,
            &env.owner(lock),
        );
        match launcher.claim_and_start(store, run, target.clone(), now)? {
            Claim::Claimed => break,
            Claim::StrategyRunning { run_id, .. } => {
                return Err(invalid(format!(
                    "strategy {id} is already running as run {run_id}: not started again"
                )))
            }
            Claim::Taken => {}
            Claim::Full { why, .. } => {
                if waiting.as_ref() != Some(&why) {
                    say(format!("waiting for a slot: {why}"));
                    waiting = Some(why);
                }
                std::thread::sleep(Duration::from_secs(1));
                if launcher.cancelled() {
                    return Err(crate::error::Error::Cancelled(format!(
                        "cancelled by Ctrl-C while waiting for a slot: {id} was not started"
                    ))
                    .into());
                }
                // A slot held by a run whose end waits in the spool is freed once it is recorded.
                let _ = env.spool().replay(store, &ctx.profile.node);
            }
        }
    }
    say(format!("running {id} on {conn}"));
    Ok(())
}

/// Record the run's end (or keep it in the spool until the store takes it); its report.
fn record_end(
    store: &mut Store,
    env: &TickEnv,
    job: &Job,
    fin: Finished,
    conn_id: &str,
) -> anyhow::Result<Report> {
    let end = runner::run_end(&job.run, fin);
    if runner::keep_end(store, &env.spool(), &end)?.in_spool() {
        eprintln!(
            "warning: the end of run {} is kept in {} until the store takes it",
            end.run_id,
            env.state_dir.join("spool").display()
        );
    }
    Ok(Report::ended(&end, job.run.scheduled_for, conn_id))
}
