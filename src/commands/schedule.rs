//! `schedule add|list|remove|next`: when strategies run.

use serde::Serialize;

use crate::cli::{
    ScheduleAddArgs, ScheduleCommand, ScheduleListArgs, ScheduleNextArgs, ScheduleRemoveArgs,
};
use crate::commands::Ctx;
use crate::error::exit;
use crate::output::{self, or_dash, print_columns, print_json, print_table, Show};
use crate::schedule::{day_name, rules_from, upcoming, Rule};
use crate::units::{check_id, local_minute, parse_time};

pub fn run(ctx: &Ctx, cmd: &ScheduleCommand) -> anyhow::Result<u8> {
    match cmd {
        ScheduleCommand::Add(a) => add(ctx, a),
        ScheduleCommand::List(a) => list(ctx, a),
        ScheduleCommand::Remove(a) => remove(ctx, a),
        ScheduleCommand::Next(a) => next(ctx, a),
        ScheduleCommand::Install(a) => crate::commands::schedule_install::run(ctx, a),
    }
}

fn add(ctx: &Ctx, args: &ScheduleAddArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.strategy)?;
    let r = &args.rule;
    let rules = rules_from(r.day.as_deref(), r.at.as_deref(), r.cron.as_deref())?;
    let mut store = ctx.open_existing_store()?;
    let added = store.add_frequencies(&ctx.profile.node, &args.strategy, &rules)?;
    let described: Vec<String> = rules.iter().map(Rule::describe).collect();
    ctx.say(&format!(
        "{}: {} ({added} new, {} already present)",
        args.strategy,
        described.join(", "),
        rules.len() - added
    ));
    Ok(exit::OK)
}

fn remove(ctx: &Ctx, args: &ScheduleRemoveArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.strategy)?;
    let rules = if args.all {
        None
    } else {
        Some(rules_from(
            args.day.as_deref(),
            args.at.as_deref(),
            args.cron.as_deref(),
        )?)
    };
    let mut store = ctx.open_existing_store()?;
    let removed = store.remove_frequencies(&ctx.profile.node, &args.strategy, rules.as_deref())?;
    ctx.say(&format!("{}: removed {removed} frequencies", args.strategy));
    Ok(exit::OK)
}

#[derive(Serialize)]
struct ListedFrequency {
    node: String,
    strategy_id: String,
    day: Option<&'static str>,
    at: Option<String>,
    cron: Option<String>,
}

fn list(ctx: &Ctx, args: &ScheduleListArgs) -> anyhow::Result<u8> {
    if let Some(s) = &args.strategy {
        check_id("strategy", s)?;
    }
    let views = ctx.views(args.node.as_deref(), args.all_nodes)?;
    let mut store = ctx.open_existing_store()?;
    let mut rows = Vec::new();
    for v in &views {
        rows.extend(store.frequencies(Some(&v.profile.node), args.strategy.as_deref())?);
    }
    let listed: Vec<ListedFrequency> = rows
        .into_iter()
        .map(|f| {
            let (day, at, cron) = match &f.rule {
                Rule::At { day, hour, minute } => (
                    Some(day_name(*day)),
                    Some(format!("{hour:02}:{minute:02}")),
                    None,
                ),
                Rule::Cron(c) => (None, None, Some(c.source().to_string())),
            };
            ListedFrequency {
                node: f.node,
                strategy_id: f.strategy_id,
                day,
                at,
                cron,
            }
        })
        .collect();
    if args.json {
        print_json(&listed)?;
    } else {
        let rows = listed
            .into_iter()
            .map(|f| {
                vec![
                    f.node,
                    f.strategy_id,
                    or_dash(f.day),
                    or_dash(f.at),
                    or_dash(f.cron),
                ]
            })
            .collect();
        print_table(&["node", "strategy", "day", "at", "cron"], rows);
    }
    Ok(exit::OK)
}

#[derive(Serialize)]
struct NextOccurrence {
    due: chrono::DateTime<chrono::Utc>,
    node: String,
    strategy_id: String,
}

/// The next occurrences of the live strategies of the nodes viewed (each in its own time zone),
/// merged in time order.
fn next(ctx: &Ctx, args: &ScheduleNextArgs) -> anyhow::Result<u8> {
    let from = match &args.from {
        Some(t) => parse_time(t, ctx.profile.timezone, ctx.clock.now())?,
        None => ctx.clock.now(),
    };
    let from = crate::schedule::minute_of(from);
    if let Some(id) = &args.strategy {
        check_id("strategy", id)?;
    }
    let views = ctx.views(args.node.as_deref(), args.all_nodes)?;
    let mut store = ctx.open_existing_store()?;
    let mut listed: Vec<(NextOccurrence, chrono_tz::Tz)> = Vec::new();
    for v in &views {
        let node = &v.profile.node;
        let mut freqs = store.live_frequencies(node, None)?;
        if let Some(id) = &args.strategy {
            freqs.retain(|f| &f.strategy_id == id);
            if freqs.is_empty() && !args.all_nodes {
                store.known_in_filter(Some(id), None, Some(node))?;
            }
        }
        let tz = v.profile.timezone;
        listed.extend(
            upcoming(&freqs, tz, from, args.count as usize)
                .into_iter()
                .map(|o| {
                    let due = NextOccurrence {
                        due: o.at,
                        node: node.clone(),
                        strategy_id: o.strategy_id,
                    };
                    (due, tz)
                }),
        );
    }
    listed.sort_by(|a, b| (a.0.due, &a.0.node).cmp(&(b.0.due, &b.0.node)));
    listed.truncate(args.count as usize);
    if args.json {
        print_json(&listed.iter().map(|(o, _)| o).collect::<Vec<_>>())?;
    } else {
        let rows = listed
            .into_iter()
            .map(|(o, tz)| vec![local_minute(o.due, tz), o.node, o.strategy_id])
            .collect();
        print_columns(
            &[
                ("due", Show::Always),
                ("node", crate::commands::strategy::node_column(&views)),
                ("strategy", Show::Always),
            ],
            rows,
            output::wide(false),
        );
    }
    Ok(exit::OK)
}
