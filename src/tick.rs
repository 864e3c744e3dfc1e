//! The minute tick behind `run-due`: find stale runs, plan the window, claim each occurrence at
//! most once, then run what was claimed. `now` is a parameter; nothing here reads the clock for
//! planning.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::lock::{owner_alive, OwnerLock};
use crate::profile::Profile;
use crate::runner::{run_jobs, Job, Report, Settings};
use crate::schedule::{candidate_minutes, minute_of, plan_tick, tick_window, Occurrence};
use crate::store::{NewError, NewRun, RunningRun, Store};
use crate::units::{format_duration, local_minute, new_id};

/// What a tick did (or, with `dry_run`, would do).
pub struct TickResult {
    pub tick: DateTime<Utc>,
    pub reports: Vec<Report>,
    /// A store error met while running; the reports still say what happened.
    pub store_error: Option<anyhow::Error>,
}

/// This host's name, as recorded on the runs it owns.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

fn pending(occ: &Occurrence, status: &str, message: String) -> Report {
    Report::unstarted(None, occ.strategy_id.clone(), occ.at, status, message)
}

/// Mark `running` runs of this node whose owning process on this host is gone as interrupted.
/// Returns the reports and the runs still really running.
pub fn sweep_stale(
    store: &mut Store,
    profile: &Profile,
    own_lock: Option<&OwnerLock>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<(Vec<Report>, Vec<RunningRun>)> {
    let host = host_name();
    let mut reports = Vec::new();
    let mut alive = Vec::new();
    for r in store.running_runs(&profile.node)? {
        let mine =
            own_lock.is_some_and(|l| r.owner_lock.as_deref() == Some(&*l.path().to_string_lossy()));
        let here = r.host.as_deref() == Some(host.as_str());
        let gone = !mine
            && here
            && r.owner_lock
                .as_deref()
                .is_some_and(|p| !owner_alive(std::path::Path::new(p)));
        if !gone {
            alive.push(r);
            continue;
        }
        let message = format!(
            "run {} of {} (due {}) was interrupted: its backupctl process {} on {host} ended before the run did",
            r.run_id,
            r.strategy_id,
            local_minute(r.scheduled_for, profile.timezone),
            r.pid.map(|p| format!("(pid {p})")).unwrap_or_default()
        );
        let recorded = dry_run || store.interrupt_run(&r, &profile.node, &message, now)?;
        if recorded {
            reports.push(Report {
                run_id: Some(r.run_id.clone()),
                strategy_id: r.strategy_id.clone(),
                scheduled_for: r.scheduled_for,
                status: if dry_run {
                    "would_interrupt"
                } else {
                    "interrupted"
                }
                .to_string(),
                exit_code: None,
                started_at: r.started_at,
                finished_at: (!dry_run).then_some(now),
                message,
                codes: Vec::new(),
            });
        }
    }
    Ok((reports, alive))
}

/// The settings RMAN runs with, from the profile.
pub fn settings(profile: &Profile) -> Settings {
    let env = |k: &str| std::env::var(k).ok();
    Settings {
        rman: crate::executor::resolve_rman(profile.rman.as_deref(), &env),
        default_timeout_secs: profile.default_timeout_secs,
        log_limit: profile.log_limit,
        jobs: profile.jobs,
        per_connection: profile.per_connection,
        on_failure: profile.on_failure.clone(),
    }
}

/// One tick at `now` (truncated to the minute).
pub fn tick(
    store: &mut Store,
    profile: &Profile,
    now: DateTime<Utc>,
    dry_run: bool,
    on_start: impl FnMut(&Job),
) -> anyhow::Result<TickResult> {
    let t = minute_of(now);
    let tz = profile.timezone;
    let node = profile.node.as_str();
    let wall = Utc::now();
    let lock = if dry_run {
        None
    } else {
        Some(OwnerLock::acquire()?)
    };
    let (mut reports, still_running) = sweep_stale(store, profile, lock.as_ref(), dry_run, wall)?;

    let last = store.last_tick(node)?;
    let (after, until) = tick_window(last, t);
    let candidates = candidate_minutes(tz, after, until);
    let freqs = store.live_frequencies(node, candidates.as_deref())?;
    let catch_up = Duration::seconds(profile.catch_up_secs as i64);
    let plan = plan_tick(&freqs, tz, last, t, catch_up);

    let host = host_name();
    let new_run = |occ: &Occurrence, status: &'static str| NewRun {
        run_id: new_id("", occ.at),
        node: node.to_string(),
        strategy_id: occ.strategy_id.clone(),
        scheduled_for: occ.at,
        status,
        trigger: "scheduled",
        host: Some(host.clone()),
        pid: Some(std::process::id()),
        owner_lock: lock
            .as_ref()
            .map(|l| l.path().to_string_lossy().into_owned()),
    };
    // Records an occurrence that will not run; reports it only if this tick recorded it first.
    let record = |store: &mut Store,
                  occ: &Occurrence,
                  status: &'static str,
                  message: String,
                  reports: &mut Vec<Report>|
     -> anyhow::Result<()> {
        if dry_run {
            reports.push(pending(
                occ,
                &format!("would_{}", if status == "missed" { "miss" } else { "skip" }),
                message,
            ));
            return Ok(());
        }
        let run = new_run(occ, status);
        let error = (status == "missed").then(|| NewError {
            message: &message,
            codes: &[],
        });
        if store.claim(&run, Some(&message), error, wall)? {
            let mut r = pending(occ, status, message.clone());
            r.run_id = Some(run.run_id);
            reports.push(r);
        }
        Ok(())
    };

    for occ in &plan.missed {
        let message = format!(
            "{} was due at {} ({tz}) and was not started: more than catch_up ({}) before the tick at {}",
            occ.strategy_id,
            local_minute(occ.at, tz),
            format_duration(profile.catch_up_secs),
            local_minute(t, tz)
        );
        record(store, occ, "missed", message, &mut reports)?;
    }
    for (occ, into) in &plan.coalesced {
        let message = format!("coalesced into {}", local_minute(*into, tz));
        record(store, occ, "skipped", message, &mut reports)?;
    }

    let ids: Vec<String> = plan.start.iter().map(|o| o.strategy_id.clone()).collect();
    let targets: HashMap<String, _> = store
        .runnables(node, &ids)?
        .into_iter()
        .map(|r| (r.strategy.strategy_id.clone(), r))
        .collect();
    let mut start: Vec<&Occurrence> = plan
        .start
        .iter()
        .filter(|o| targets.contains_key(&o.strategy_id))
        .collect();
    start.sort_by(|a, b| {
        let pa = targets[&a.strategy_id].strategy.priority;
        let pb = targets[&b.strategy_id].strategy.priority;
        (pa, a.at, &a.strategy_id).cmp(&(pb, b.at, &b.strategy_id))
    });

    let mut jobs = Vec::new();
    for occ in start {
        if let Some(prev) = still_running
            .iter()
            .find(|r| r.strategy_id == occ.strategy_id)
        {
            let message = format!(
                "not started: the previous run {} (due {}) is still running",
                prev.run_id,
                local_minute(prev.scheduled_for, tz)
            );
            record(store, occ, "skipped", message, &mut reports)?;
            continue;
        }
        if dry_run {
            reports.push(pending(occ, "would_start", String::new()));
            continue;
        }
        let run = new_run(occ, "running");
        if store.claim(&run, None, None, wall)? {
            jobs.push(Job {
                run,
                target: targets[&occ.strategy_id].clone(),
            });
        }
    }
    if dry_run {
        return Ok(TickResult {
            tick: t,
            reports,
            store_error: None,
        });
    }
    store.record_tick(node, tz.name(), t, wall)?;
    if profile.role == crate::profile::Role::Master {
        reports.extend(crate::fleet::check_nodes(store, profile, t)?);
    }
    for r in &reports {
        crate::runner::notify(profile.on_failure.as_ref(), node, r);
    }
    let (ran, store_error) = run_jobs(store, jobs, &settings(profile), on_start);
    reports.extend(ran);
    drop(lock);
    Ok(TickResult {
        tick: t,
        reports,
        store_error,
    })
}
