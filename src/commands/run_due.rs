//! `run-due`: the minute tick.

use std::io::Write;
use std::sync::Arc;

use chrono::Utc;
use serde::Serialize;

use crate::cli::RunDueArgs;
use crate::clock::{Clock, ShiftedClock};
use crate::commands::Ctx;
use crate::error::exit;
use crate::error::invalid;
use crate::fleet::PushReport;
use crate::model::RunStatus;
use crate::output::print_json;
use crate::profile::Role;
use crate::runner::Report;
use crate::schedule::minute_of;
use crate::tick::TickEnv;
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
    let wall = ctx.clock.wall();
    let now = match &args.now {
        Some(t) => parse_time(t, ctx.profile.timezone, wall)?,
        None => ctx.clock.now(),
    };
    // A tick never records a last tick ahead of the clock: that would stop the node's backups
    // until the clock caught up.
    if !args.dry_run && minute_of(now) > wall {
        return Err(invalid(format!(
            "--now {} is later than the clock ({}): a tick ahead of the clock would stop this node's backups until then; use --dry-run to see what that tick would do",
            local_minute(now, ctx.profile.timezone),
            local_minute(wall, ctx.profile.timezone)
        )));
    }
    let clock: Arc<dyn Clock> = match &args.now {
        Some(_) => Arc::new(ShiftedClock::starting_at(Arc::clone(&ctx.clock), now)),
        None => Arc::clone(&ctx.clock),
    };
    let env = TickEnv::this_host(clock);
    let mut store = ctx.open_existing_store()?;
    let tz = ctx.profile.timezone;
    if ctx.profile.role != Role::Master {
        let others = store.other_nodes_only(&ctx.profile.node)?;
        if !others.is_empty() {
            eprintln!(
                "warning: this host ticks as node {0}, but the store holds strategies only for {1}: nothing runs here. After a host rename, move them with: backupctl node rename {2} {0}",
                ctx.profile.node,
                others.join(", "),
                others[0]
            );
        }
    }
    let result = if args.dry_run {
        let r = crate::tick::dry_run(&mut store, &ctx.profile, &env, now)?;
        if !args.json {
            for line in r.reports.iter().map(|r| summary_line(r, tz)) {
                let _ = writeln!(std::io::stdout(), "{line}");
            }
        }
        r
    } else {
        let json = args.json;
        let quiet = ctx.quiet;
        crate::tick::run_due(&mut store, &ctx.profile, &env, now, &mut |r: &Report| {
            // As each outcome is final; with -q nothing on success and what went wrong on
            // stderr. A reader that went away never stops the tick: write errors are ignored.
            if !json && !quiet {
                let _ = writeln!(std::io::stdout(), "{}", summary_line(r, tz));
            } else if !json && shown_when_quiet(r) {
                eprintln!("{}", summary_line(r, tz));
            }
        })?
    };
    if let Some(p) = &result.push {
        match &p.error {
            // A push problem is shown even with -q: rows are waiting.
            Some(e) => eprintln!(
                "warning: push to master pending ({} rows wait for the next tick or push-logs): {e}",
                p.pending.total()
            ),
            None => ctx.note(&crate::commands::push_logs::describe(p)),
        }
    }
    if args.json {
        // The tick is recorded: a reader that went away changes nothing (write errors ignored).
        let _ = print_json(&TickJson {
            node: &ctx.profile.node,
            tick: result.tick,
            dry_run: args.dry_run,
            runs: &result.reports,
            push: result.push.as_ref(),
        });
    }
    if result.reports.is_empty() {
        ctx.note(&format!("nothing due at {}", local_minute(result.tick, tz)));
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
    let with_warnings = if r.warnings.is_empty() {
        ""
    } else {
        " with warnings"
    };
    let mut line = format!(
        "{}  {}  {}{with_warnings}",
        r.strategy_id,
        local_minute(r.scheduled_for, tz),
        r.status
    );
    if let Some(id) = &r.run_id {
        line.push_str(&format!("  run {id}"));
    }
    if let (Some(s), Some(f)) = (r.started_at, r.finished_at) {
        if r.status != RunStatus::Interrupted.into() {
            line.push_str(&format!(
                " in {}",
                crate::units::took((f - s).num_seconds())
            ));
        }
    }
    if !r.message.is_empty() {
        line.push_str(&format!(": {}", r.message));
    }
    if !r.warnings.is_empty() {
        let mut said: Vec<&str> = r.warnings.iter().take(3).map(|w| w.trim()).collect();
        let more = r.warnings.len().saturating_sub(said.len());
        let more = (more > 0).then(|| format!("and {more} more (backupctl logs --run ID)"));
        said.extend(more.as_deref());
        line.push_str(&format!(
            "{}{}",
            if r.message.is_empty() { ": " } else { "; " },
            said.join("; ")
        ));
    }
    line
}

/// Whether a report is shown even under `-q` (on stderr): a failure, or a run that left
/// warnings — cron mail and the journal must see an RMAN-06169 too.
pub fn shown_when_quiet(r: &Report) -> bool {
    r.is_failure() || !r.warnings.is_empty()
}
