//! `push-logs`: a slave sends the master everything it does not have yet.

use crate::cli::PushLogsArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid, store as store_error};
use crate::fleet::{PushJob, PushReport};
use crate::output::print_json;
use crate::store::sync::Counts;

pub fn run(ctx: &Ctx, args: &PushLogsArgs) -> anyhow::Result<u8> {
    if ctx.profile.master.is_none() {
        return Err(invalid(
            "push-logs needs a master: set role = \"slave\" and master = \"postgres://user@host:5432/db\" in the profile",
        ));
    }
    ctx.note(&format!("store: {}", ctx.profile.store));
    // Bounded like the tick's push: a master that stops answering is given up after master_timeout.
    let report = PushJob::run(&ctx.profile, true, std::sync::Arc::clone(&ctx.clock));
    if args.json {
        print_json(&report)?;
    } else if !ctx.quiet || report.error.is_some() {
        println!("{}", describe(&report));
    }
    if let Some(e) = &report.error {
        // The rows stay marked unpushed; say so and exit as a store failure.
        return Err(store_error(format!(
            "push to {} incomplete: {e}",
            report.master
        )));
    }
    report.warn_refused();
    let aside = report.set_aside.total();
    if aside > 0 {
        return Err(store_error(format!(
            "the master refused {} ({}); they are set aside and tried again when they change or with the next push-logs: see backupctl errors",
            crate::output::count_of(aside as usize, "row"),
            counts(&report.set_aside)
        )));
    }
    Ok(exit::OK)
}

fn counts(c: &Counts) -> String {
    format!(
        "{} runs, {} logs, {} errors, {} strategies, {} connections, {} removals",
        c.runs, c.logs, c.errors, c.strategies, c.connections, c.removals
    )
}

/// `pushed 3 runs, … to MASTER; pending: nothing` — one line for people.
pub fn describe(r: &PushReport) -> String {
    let pending = if r.pending.total() == 0 {
        "nothing".to_string()
    } else {
        counts(&r.pending)
    };
    format!(
        "pushed {} to {}; pending: {pending}",
        counts(&r.pushed),
        r.master
    )
}
