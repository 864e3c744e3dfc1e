//! `prune --older-than DURATION`: delete old runs, logs and errors in one transaction.

use anyhow::Context;
use chrono::Duration;

use crate::cli::PruneArgs;
use crate::commands::Ctx;
use crate::error::exit;
use crate::profile::Role;
use crate::units::{local_minute, parse_duration};

pub fn run(ctx: &Ctx, args: &PruneArgs) -> anyhow::Result<u8> {
    let secs = parse_duration(&args.older_than).context("invalid --older-than")?;
    let cutoff = ctx.clock.now() - Duration::seconds(secs as i64);
    let mut store = ctx.open_existing_store()?;
    // A slave keeps what its master does not have yet.
    let keep_unpushed = ctx.profile.role == Role::Slave;
    let p = store.prune(cutoff, keep_unpushed, args.dry_run)?;
    let verb = if args.dry_run {
        "would delete"
    } else {
        "deleted"
    };
    println!(
        "{verb} {} runs, {} logs and {} errors scheduled before {} (kept each strategy's latest successful run{})",
        p.runs,
        p.logs,
        p.errors,
        local_minute(cutoff, ctx.profile.timezone),
        if keep_unpushed { " and everything not yet on the master" } else { "" }
    );
    Ok(exit::OK)
}
