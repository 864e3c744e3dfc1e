//! `errors`: errors with their RMAN-/ORA- codes, newest first.

use crate::cli::ErrorsArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::output::{self, or_dash, print_columns, print_json, Show};
use crate::store::ErrorFilter;
use crate::units::{check_id, check_node, local_minute, parse_time};

pub fn run(ctx: &Ctx, args: &ErrorsArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let now = ctx.clock.wall();
    if let Some(s) = &args.strategy {
        check_id("strategy", s)?;
    }
    if let Some(n) = &args.node {
        check_node(n)?;
    }
    if let Some(c) = &args.connection {
        check_id("connection", c)?;
    }
    let code = args.code.as_deref().map(code_of).transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|t| parse_time(t, tz, now))
        .transpose()?;
    let filter = ErrorFilter {
        strategy: args.strategy.clone(),
        connection: args.connection.clone(),
        node: args.node.clone(),
        code,
        since,
        limit: (args.limit > 0).then_some(args.limit.min(i64::MAX as u64)),
    };
    let mut store = ctx.open_existing_store()?;
    let errors = store.errors(&filter)?;
    if errors.is_empty() {
        store.known_in_filter(
            filter.strategy.as_deref(),
            filter.connection.as_deref(),
            filter.node.as_deref(),
        )?;
    }
    if args.json {
        print_json(&errors)?;
        return Ok(exit::OK);
    }
    let wide = output::wide(args.wide);
    let rows = errors
        .into_iter()
        .map(|e| {
            vec![
                local_minute(e.moment, tz),
                or_dash(e.strategy_id),
                or_dash(e.run_id.map(|r| output::run_id_cell(&r, wide))),
                e.node,
                e.codes.join(" "),
                e.message,
            ]
        })
        .collect();
    print_columns(
        &[
            ("moment", Show::Always),
            ("strategy", Show::Always),
            ("run", Show::Wide),
            ("node", Show::Wide),
            ("codes", Show::Always),
            ("message", Show::Always),
        ],
        rows,
        wide,
    );
    Ok(exit::OK)
}

/// `--code`: an RMAN- or ORA- code as outcome.rs records them, five digits (Oracle's Error Messages
/// number both so: `rman-6169` is read as `RMAN-06169`).
fn code_of(text: &str) -> anyhow::Result<String> {
    let upper = text.trim().to_ascii_uppercase();
    let parsed = upper.split_once('-').and_then(|(facility, number)| {
        let known = ["RMAN", "ORA"].contains(&facility);
        let n: u32 = number.parse().ok().filter(|_| known && number.len() <= 5)?;
        Some(format!("{facility}-{n:05}"))
    });
    parsed.ok_or_else(|| {
        invalid(format!(
            "invalid --code \"{text}\": expected an RMAN- or ORA- code such as RMAN-06169 or ORA-19502"
        ))
    })
}
