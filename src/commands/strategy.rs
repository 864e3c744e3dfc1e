//! `strategy list|show|disable|enable|remove`: what is stored, switching a strategy off and on,
//! and removing it (`edit` is in `strategy_edit`).

use chrono::Utc;
use serde::Serialize;

use crate::cli::{StrategyCommand, StrategyListArgs};
use crate::commands::logs::warning_codes;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::model::{age, judge, state_word, State};
use crate::output::{or_dash, print_columns, print_json, run_id_cell, wrapped, yes_no, Show};
use crate::schedule::{minute_of, upcoming, Frequency};
use crate::store::{RunFilter, RunRow, Store, Strategy};
use crate::units::{check_id, format_duration, local_minute};

/// How many coming occurrences and past runs `show` lists.
const SHOWN: usize = 5;

pub fn run(ctx: &Ctx, cmd: &StrategyCommand) -> anyhow::Result<u8> {
    match cmd {
        StrategyCommand::List(a) => list(ctx, a),
        StrategyCommand::Show(a) => show(ctx, a),
        StrategyCommand::Disable(a) => set_alive(ctx, &a.id, false),
        StrategyCommand::Enable(a) => set_alive(ctx, &a.id, true),
        StrategyCommand::Edit(a) => super::strategy_edit::run(ctx, a),
        StrategyCommand::Remove(a) => remove(ctx, &a.id, a.purge),
    }
}

fn remove(ctx: &Ctx, id: &str, purge: bool) -> anyhow::Result<u8> {
    check_id("strategy", id)?;
    let mut store = ctx.open_existing_store()?;
    store.remove_strategy(&ctx.profile.node, id, purge, ctx.clock.now())?;
    ctx.say(&super::connection::removed_message("strategy", id, purge));
    Ok(exit::OK)
}

fn list(ctx: &Ctx, args: &StrategyListArgs) -> anyhow::Result<u8> {
    if let Some(c) = &args.connection {
        check_id("connection", c)?;
    }
    let views = ctx.views(args.node.as_deref(), args.all_nodes)?;
    let mut store = ctx.open_existing_store()?;
    let mut strategies = Vec::new();
    for v in &views {
        strategies.extend(store.strategies(&v.profile.node, args.connection.as_deref())?);
    }
    if args.json {
        print_json(&strategies)?;
        return Ok(exit::OK);
    }
    let rows = strategies
        .iter()
        .map(|s| {
            vec![
                s.node.clone(),
                s.strategy_id.clone(),
                or_dash(s.name.as_ref()),
                s.connection.clone(),
                s.priority.as_str().to_string(),
                yes_no(s.alive),
                timeout(ctx, s),
                or_dash(s.max_age_secs.map(format_duration)),
                s.lines.len().to_string(),
            ]
        })
        .collect();
    print_columns(
        &[
            ("node", node_column(&views)),
            ("id", Show::Always),
            ("name", Show::Always),
            ("connection", Show::Always),
            ("priority", Show::Always),
            ("alive", Show::Always),
            ("timeout", Show::Wide),
            ("max age", Show::Always),
            ("lines", Show::Wide),
        ],
        rows,
        crate::output::wide(args.wide),
    );
    Ok(exit::OK)
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    strategy: Strategy,
    frequencies: Vec<String>,
    next: Vec<chrono::DateTime<Utc>>,
    /// ok, warning, critical or disabled, judged as `status` judges it, and why.
    state: String,
    reason: Option<String>,
    last_success_at: Option<chrono::DateTime<Utc>>,
    last_runs: Vec<RunRow>,
}

fn show(ctx: &Ctx, args: &crate::cli::ShowArgs) -> anyhow::Result<u8> {
    let (id, json) = (args.id.as_str(), args.json);
    check_id("strategy", id)?;
    let views = ctx.views(args.node.as_deref(), args.all_nodes)?;
    let mut store = ctx.open_existing_store()?;
    if !args.all_nodes {
        let shown = gather(&views[0], &mut store, id)?;
        if json {
            print_json(&shown)?;
        } else {
            print_shown(&views[0], &shown, crate::output::wide(args.wide));
        }
        return Ok(exit::OK);
    }
    let wide = crate::output::wide(args.wide);
    ctx.show_on_every_node(
        &views,
        ("strategy", id),
        json,
        |v| {
            store
                .strategy(&v.profile.node, id)?
                .map(|s| gather_of(v, &mut store, s))
                .transpose()
        },
        |v, shown| print_shown(v, shown, wide),
    )
}

/// The node column of a listing: shown when it spans nodes, else only with `--wide`.
pub(super) fn node_column(views: &[Ctx]) -> Show {
    if views.len() > 1 {
        Show::Always
    } else {
        Show::Wide
    }
}

/// The strategy's catalog view: definition, frequencies, next occurrences, state as `status`
/// judges it, and its last runs.
fn gather(ctx: &Ctx, store: &mut Store, id: &str) -> anyhow::Result<Shown> {
    let strategy = stored(store, &ctx.profile.node, id)?;
    gather_of(ctx, store, strategy)
}

/// [`gather`] for a strategy already read.
fn gather_of(ctx: &Ctx, store: &mut Store, strategy: Strategy) -> anyhow::Result<Shown> {
    let node = &ctx.profile.node;
    let id = strategy.strategy_id.as_str();
    let now = ctx.clock.now();
    let rules: Vec<Frequency> = store
        .frequencies(Some(node), Some(id))?
        .into_iter()
        .map(|f| Frequency {
            strategy_id: f.strategy_id,
            rule: f.rule,
        })
        .collect();
    let next = if strategy.alive {
        upcoming(&rules, ctx.profile.timezone, minute_of(now), SHOWN)
            .into_iter()
            .map(|o| o.at)
            .collect()
    } else {
        Vec::new()
    };
    let last_runs = store.runs(&RunFilter {
        strategy: Some(id.to_string()),
        node: Some(node.clone()),
        limit: Some(SHOWN as u64),
        ..Default::default()
    })?;
    let health = store.health_of(node, id, now - chrono::Duration::hours(24), now)?;
    let last_success_at = health.as_ref().and_then(|h| h.last_success_at);
    let (state, reason) = health
        .as_ref()
        .map(|h| judge(h, now, ctx.profile.timezone))
        .unwrap_or((State::Disabled, None));
    Ok(Shown {
        frequencies: rules.iter().map(|f| f.rule.describe()).collect(),
        strategy,
        next,
        state: state_word(state).to_string(),
        reason,
        last_success_at,
        last_runs,
    })
}

/// `none` or `-` for an empty list, else the items joined.
fn joined(items: &[String], empty: &str) -> String {
    if items.is_empty() {
        empty.to_string()
    } else {
        items.join(", ")
    }
}

fn print_shown(ctx: &Ctx, shown: &Shown, wide: bool) {
    let tz = ctx.profile.timezone;
    let s = &shown.strategy;
    println!(
        "strategy {}{} on connection {} ({}, {}, timeout {}, max age {})",
        s.strategy_id,
        s.name
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default(),
        s.connection,
        s.priority.as_str(),
        if s.alive { "alive" } else { "disabled" },
        timeout(ctx, s),
        or_dash(s.max_age_secs.map(format_duration))
    );
    println!("script:");
    for (i, line) in s.lines.iter().enumerate() {
        println!("  {:>3}  {line}", i + 1);
    }
    println!(
        "{}",
        wrapped("frequencies: ", &joined(&shown.frequencies, "none"))
    );
    let next: Vec<String> = shown.next.iter().map(|t| local_minute(*t, tz)).collect();
    println!("{}", wrapped("next: ", &joined(&next, "-")));
    let now = ctx.clock.now();
    let reason = shown
        .reason
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    println!(
        "{}",
        wrapped("state: ", &format!("{}{reason}", shown.state))
    );
    println!(
        "last success: {}",
        shown
            .last_success_at
            .map(|t| format!("{} ({} ago)", local_minute(t, tz), age(now - t)))
            .unwrap_or_else(|| "never".into())
    );
    let rows = shown
        .last_runs
        .iter()
        .map(|r| {
            vec![
                run_id_cell(&r.run_id, wide),
                local_minute(r.scheduled_for, tz),
                r.status.to_string(),
                or_dash(r.duration_secs.map(crate::units::took)),
                or_dash(r.pieces),
                or_dash(r.exit_code),
                warning_codes(&r.warnings),
            ]
        })
        .collect();
    print_columns(
        &[
            ("run", Show::Always),
            ("scheduled", Show::Always),
            ("status", Show::Always),
            ("took", Show::Always),
            ("pieces", Show::Wide),
            ("exit", Show::Wide),
            ("warnings", Show::Always),
        ],
        rows,
        wide,
    );
}

/// A stored strategy, or the error that points at `strategy list`.
pub(super) fn stored(store: &mut Store, node: &str, id: &str) -> anyhow::Result<Strategy> {
    store.strategy(node, id)?.ok_or_else(|| {
        invalid(format!(
            "unknown strategy \"{id}\" on node {node}: see backupctl strategy list"
        ))
    })
}

/// The timeout a run of `s` gets: its own, else the profile's default.
fn timeout(ctx: &Ctx, s: &Strategy) -> String {
    format_duration(
        s.timeout_secs
            .unwrap_or(ctx.profile.default_timeout.as_secs()),
    )
}

fn set_alive(ctx: &Ctx, id: &str, alive: bool) -> anyhow::Result<u8> {
    check_id("strategy", id)?;
    let mut store = ctx.open_existing_store()?;
    let changed = store.set_strategy_alive(&ctx.profile.node, id, alive)?;
    ctx.say_switched("strategy", id, alive, changed);
    Ok(exit::OK)
}
