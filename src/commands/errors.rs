//! `errors`: errors with their RMAN-/ORA- codes, newest first.

use crate::cli::ErrorsArgs;
use crate::commands::Ctx;
use crate::error::exit;
use crate::output::{or_dash, print_json, print_table};
use crate::store::ErrorFilter;
use crate::units::{check_id, check_node, local_full, parse_time};

pub fn run(ctx: &Ctx, args: &ErrorsArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let now = ctx.clock.wall();
    if let Some(s) = &args.strategy {
        check_id("strategy", s)?;
    }
    if let Some(n) = &args.node {
        check_node(n)?;
    }
    let since = args
        .since
        .as_deref()
        .map(|t| parse_time(t, tz, now))
        .transpose()?;
    let filter = ErrorFilter {
        strategy: args.strategy.clone(),
        node: args.node.clone(),
        since,
        limit: (args.limit > 0).then_some(args.limit.min(i64::MAX as u64)),
    };
    let mut store = ctx.open_existing_store()?;
    let errors = store.errors(&filter)?;
    if errors.is_empty() {
        store.known_in_filter(filter.strategy.as_deref(), None, filter.node.as_deref())?;
    }
    if args.json {
        print_json(&errors)?;
        return Ok(exit::OK);
    }
    let rows = errors
        .into_iter()
        .map(|e| {
            vec![
                local_full(e.moment, tz),
                or_dash(e.strategy_id),
                or_dash(e.run_id),
                e.node,
                e.codes.join(" "),
                e.message,
            ]
        })
        .collect();
    print_table(
        &["moment", "strategy", "run", "node", "codes", "message"],
        rows,
    );
    Ok(exit::OK)
}
