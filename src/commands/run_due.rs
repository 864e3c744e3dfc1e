//! `run-due`: the minute tick.

use chrono::Utc;
use serde::Serialize;

use crate::cli::RunDueArgs;
use crate::commands::Ctx;
use crate::error::exit;
use crate::fleet::PushReport;
use crate::output::print_json;
use crate::profile::Role;
use crate::runner::Report;
use crate::units::{local_minute, parse_time};

#[derive(Serialize)]
struct TickJson<'a> {
    node: &'a str,
    tick: chrono::DateTime<Utc>,
    dry_run: bool,
    runs: &'a [Report],
    #[serde(skip_serializing_if = "Option::is_none")]
    push: Option<&'a PushReport>,
}

pub fn run(ctx: &Ctx, args: &RunDueArgs) -> anyhow::Result<u8> {
    let now = match &args.now {
        Some(t) => parse_time(t, ctx.profile.timezone)?,
        None => Utc::now(),
    };
    let mut store = ctx.open_store()?;
    let result = crate::tick::tick(&mut store, &ctx.profile, now, args.dry_run, |job| {
        ctx.note(&format!(
            "starting {} (run {})",
            job.run.strategy_id, job.run.run_id
        ));
    })?;
    // A slave pushes after every tick; a master that is down never changes the tick's outcome.
    let push = (ctx.profile.role == Role::Slave && !args.dry_run)
        .then(|| crate::fleet::push(&mut store, &ctx.profile, Utc::now()));
    if let Some(p) = &push {
        match &p.error {
            Some(e) if !ctx.quiet => eprintln!(
                "warning: push to master pending ({} rows wait for the next tick or push-logs): {e}",
                p.pending.total()
            ),
            Some(_) => {}
            None => ctx.note(&crate::commands::push_logs::describe(p)),
        }
    }
    if args.json {
        print_json(&TickJson {
            node: &ctx.profile.node,
            tick: result.tick,
            dry_run: args.dry_run,
            runs: &result.reports,
            push: push.as_ref(),
        })?;
    } else {
        for r in &result.reports {
            println!("{}", summary_line(r, ctx.profile.timezone));
        }
    }
    if result.reports.is_empty() {
        ctx.note(&format!(
            "nothing due at {}",
            local_minute(result.tick, ctx.profile.timezone)
        ));
    }
    if let Some(e) = result.store_error {
        return Err(e);
    }
    let failed = !args.dry_run && result.reports.iter().any(Report::is_failure);
    Ok(if failed {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    })
}

/// `EST_1  2026-11-23 12:35  failed  run 20261123T183500-1f2e3d4c: RMAN-00558: …`
pub fn summary_line(r: &Report, tz: chrono_tz::Tz) -> String {
    let mut line = format!(
        "{}  {}  {}",
        r.strategy_id,
        local_minute(r.scheduled_for, tz),
        r.status
    );
    if let Some(id) = &r.run_id {
        line.push_str(&format!("  run {id}"));
    }
    if let (Some(s), Some(f)) = (r.started_at, r.finished_at) {
        if r.status != "interrupted" {
            line.push_str(&format!(" in {}s", (f - s).num_seconds().max(0)));
        }
    }
    if !r.message.is_empty() {
        line.push_str(&format!(": {}", r.message));
    }
    line
}
