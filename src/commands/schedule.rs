//! `schedule add|list|remove|next`: when strategies run.

use serde::Serialize;

use crate::cli::{
    ScheduleAddArgs, ScheduleCommand, ScheduleListArgs, ScheduleNextArgs, ScheduleRemoveArgs,
};
use crate::commands::Ctx;
use crate::error::exit;
use crate::output::{or_dash, print_json, print_table};
use crate::schedule::{day_name, rules_from, upcoming, Rule};
use crate::units::{check_id, parse_time};

pub fn run(ctx: &Ctx, cmd: &ScheduleCommand) -> anyhow::Result<u8> {
    match cmd {
        ScheduleCommand::Add(a) => add(ctx, a),
        ScheduleCommand::List(a) => list(&ctx.viewing(a.node.as_deref())?, a),
        ScheduleCommand::Remove(a) => remove(ctx, a),
        ScheduleCommand::Next(a) => next(&ctx.viewing(a.node.as_deref())?, a),
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
    let mut store = ctx.open_existing_store()?;
    let rows = store.frequencies(Some(&ctx.profile.node), args.strategy.as_deref())?;
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
    due: String,
    strategy_id: String,
}

fn next(ctx: &Ctx, args: &ScheduleNextArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let from = match &args.from {
        Some(t) => parse_time(t, tz, ctx.clock.now())?,
        None => ctx.clock.now(),
    };
    let from = crate::schedule::minute_of(from);
    let mut store = ctx.open_existing_store()?;
    let mut freqs = store.live_frequencies(&ctx.profile.node, None)?;
    if let Some(id) = &args.strategy {
        check_id("strategy", id)?;
        freqs.retain(|f| &f.strategy_id == id);
        if freqs.is_empty() {
            store.known_in_filter(Some(id), None, Some(&ctx.profile.node))?;
        }
    }
    let occ = upcoming(&freqs, tz, from, args.count as usize);
    let listed: Vec<NextOccurrence> = occ
        .into_iter()
        .map(|o| NextOccurrence {
            // RFC 3339 with Z, as every JSON output writes times; the table shows local time.
            due: o.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            strategy_id: o.strategy_id,
        })
        .collect();
    if args.json {
        print_json(&listed)?;
    } else {
        let rows = listed
            .into_iter()
            .map(|o| {
                let at = chrono::DateTime::parse_from_rfc3339(&o.due)
                    .map(|d| {
                        d.with_timezone(&tz)
                            .format("%Y-%m-%d %H:%M %:z")
                            .to_string()
                    })
                    .unwrap_or(o.due);
                vec![at, o.strategy_id]
            })
            .collect();
        print_table(&[&format!("due ({tz})"), "strategy"], rows);
    }
    Ok(exit::OK)
}
