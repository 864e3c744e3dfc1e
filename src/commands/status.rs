//! `status`: per node and strategy, the last run, last success, failures and misses in the 24 h
//! before TIME, and the next due time; as a table, JSON, a Nagios check or Prometheus metrics.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::cli::{StatusArgs, StatusFormat};
use crate::commands::Ctx;
use crate::error::exit;
use crate::output::{or_dash, print_json, print_table};
use crate::schedule::{minute_of, upcoming, Frequency};
use crate::store::sync::NodeRecord;
use crate::store::Store;
use crate::units::{local_minute, parse_time};

#[derive(Serialize)]
struct Line {
    node: String,
    strategy_id: String,
    connection: String,
    priority: String,
    alive: bool,
    last_run_at: Option<DateTime<Utc>>,
    last_status: Option<String>,
    last_success_at: Option<DateTime<Utc>>,
    failures_24h: u64,
    missed_24h: u64,
    next_due: Option<DateTime<Utc>>,
}

struct Fleet {
    lines: Vec<Line>,
    nodes: Vec<NodeRecord>,
}

pub fn run(ctx: &Ctx, args: &StatusArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let now = match &args.now {
        Some(t) => parse_time(t, tz)?,
        None => Utc::now(),
    };
    let gathered = ctx.open_existing_store().and_then(|mut s| {
        let fleet = gather(&mut s, ctx, now)?;
        // Rows the master refused wait here: say so beside any view of this node.
        let aside = s.set_aside_counts(&ctx.profile.node)?.total();
        if aside > 0 && args.format != StatusFormat::Prometheus {
            eprintln!(
                "warning: {} of node {} set aside after the master refused them: see backupctl errors, and push-logs to offer them again",
                crate::output::count_of(aside, "row"),
                ctx.profile.node
            );
        }
        Ok(fleet)
    });
    let fleet = match (gathered, args.format) {
        (Ok(f), _) => f,
        (Err(e), StatusFormat::Nagios) => {
            println!("BACKUPCTL UNKNOWN - {}", crate::error::one_line(&e));
            return Ok(3);
        }
        (Err(e), _) => return Err(e),
    };
    let bad = fleet
        .lines
        .iter()
        .any(|l| l.failures_24h + l.missed_24h > 0);
    match args.format {
        StatusFormat::Json => {
            print_json(&fleet.lines)?;
            Ok(if bad { exit::BACKUP_FAILED } else { exit::OK })
        }
        StatusFormat::Table => {
            let rows = fleet
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.node.clone(),
                        l.strategy_id.clone(),
                        or_dash(l.last_run_at.map(|t| local_minute(t, tz))),
                        or_dash(l.last_status.as_ref()),
                        or_dash(l.last_success_at.map(|t| local_minute(t, tz))),
                        l.failures_24h.to_string(),
                        l.missed_24h.to_string(),
                        if l.alive {
                            or_dash(l.next_due.map(|t| local_minute(t, tz)))
                        } else {
                            "dead".into()
                        },
                    ]
                })
                .collect();
            print_table(
                &[
                    "node",
                    "strategy",
                    "last run",
                    "status",
                    "last success",
                    "failed 24h",
                    "missed 24h",
                    "next due",
                ],
                rows,
            );
            Ok(if bad { exit::BACKUP_FAILED } else { exit::OK })
        }
        StatusFormat::Nagios => {
            let (code, line) = nagios(&fleet, ctx, now);
            println!("{line}");
            Ok(code)
        }
        StatusFormat::Prometheus => {
            print!("{}", prometheus(&fleet));
            Ok(exit::OK)
        }
    }
}

fn gather(store: &mut Store, ctx: &Ctx, now: DateTime<Utc>) -> anyhow::Result<Fleet> {
    let since = now - Duration::hours(24);
    let nodes = store.nodes()?;
    let zone_of = |node: &str| -> Tz {
        if node == ctx.profile.node {
            return ctx.profile.timezone;
        }
        nodes
            .iter()
            .find(|n| n.node == node)
            .and_then(|n| n.timezone.parse().ok())
            .unwrap_or(Tz::UTC)
    };
    let mut lines = Vec::new();
    // Live frequencies grouped by (node, strategy), read once per node.
    let mut freqs: HashMap<(String, String), Vec<Frequency>> = HashMap::new();
    let mut nodes_read: HashSet<String> = HashSet::new();
    for h in store.health(since)? {
        if nodes_read.insert(h.node.clone()) {
            for f in store.live_frequencies(&h.node, None)? {
                freqs
                    .entry((h.node.clone(), f.strategy_id.clone()))
                    .or_default()
                    .push(f);
            }
        }
        let mine = freqs
            .get(&(h.node.clone(), h.strategy_id.clone()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let next_due = upcoming(
            mine,
            zone_of(&h.node),
            minute_of(now) + Duration::minutes(1),
            1,
        )
        .first()
        .map(|o| o.at);
        lines.push(Line {
            node: h.node,
            strategy_id: h.strategy_id,
            connection: h.connection,
            priority: h.priority,
            alive: h.alive,
            last_run_at: h.last_run_at,
            last_status: h.last_status,
            last_success_at: h.last_success_at,
            failures_24h: h.failures,
            missed_24h: h.misses,
            next_due,
        });
    }
    Ok(Fleet { lines, nodes })
}

/// One status line and the plugin exit code: CRITICAL when a backup failed or was missed in the
/// last 24 h, WARNING when a node has not ticked within `monitor_grace`, else OK.
fn nagios(f: &Fleet, ctx: &Ctx, now: DateTime<Utc>) -> (u8, String) {
    let failed: u64 = f.lines.iter().map(|l| l.failures_24h).sum();
    let missed: u64 = f.lines.iter().map(|l| l.missed_24h).sum();
    let perf = format!(
        "| failed={failed} missed={missed} strategies={}",
        f.lines.len()
    );
    if failed + missed > 0 {
        let worst: Vec<String> = f
            .lines
            .iter()
            .filter(|l| l.failures_24h + l.missed_24h > 0)
            .take(5)
            .map(|l| {
                format!(
                    "{}/{} {}",
                    l.node,
                    l.strategy_id,
                    l.last_status.as_deref().unwrap_or("missed")
                )
            })
            .collect();
        return (
            2,
            format!(
                "BACKUPCTL CRITICAL - {failed} failed, {missed} missed in the last 24h: {} {perf}",
                worst.join(", ")
            ),
        );
    }
    let grace = Duration::seconds(ctx.profile.monitor_grace_secs as i64).max(Duration::minutes(2));
    let stale: Vec<String> = f
        .nodes
        .iter()
        .filter(|n| f.lines.iter().any(|l| l.node == n.node && l.alive))
        .filter_map(|n| {
            let last = if n.node == ctx.profile.node {
                n.last_tick
            } else {
                n.last_seen
            };
            match last {
                Some(t) if now - t <= grace => None,
                Some(t) => Some(format!(
                    "{} last ticked {}",
                    n.node,
                    t.format("%Y-%m-%d %H:%MZ")
                )),
                None => Some(format!("{} never ticked", n.node)),
            }
        })
        .collect();
    if !stale.is_empty() {
        return (
            1,
            format!(
                "BACKUPCTL WARNING - run-due is not running: {} {perf}",
                stale.join(", ")
            ),
        );
    }
    let nodes: std::collections::BTreeSet<&str> = f.lines.iter().map(|l| l.node.as_str()).collect();
    (0, format!("BACKUPCTL OK - {} strategies on {} nodes, no failed or missed backup in the last 24h {perf}", f.lines.len(), nodes.len()))
}

fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Text exposition format, for the node_exporter textfile collector.
fn prometheus(f: &Fleet) -> String {
    let mut out = String::new();
    let mut metric = |name: &str, help: &str, rows: Vec<(String, f64)>| {
        out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
        for (labels, v) in rows {
            out.push_str(&format!("{name}{{{labels}}} {v}\n"));
        }
    };
    let key = |l: &Line| {
        format!(
            "node=\"{}\",strategy=\"{}\"",
            label(&l.node),
            label(&l.strategy_id)
        )
    };
    let ts = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp() as f64);
    metric(
        "backupctl_last_run_timestamp_seconds",
        "When the last run (not skipped) was due, in Unix seconds.",
        f.lines
            .iter()
            .filter_map(|l| ts(l.last_run_at).map(|v| (key(l), v)))
            .collect(),
    );
    metric(
        "backupctl_last_run_success",
        "1 if the last run succeeded, else 0.",
        f.lines
            .iter()
            .filter(|l| l.last_status.is_some())
            .map(|l| {
                (
                    key(l),
                    if l.last_status.as_deref() == Some("succeeded") {
                        1.0
                    } else {
                        0.0
                    },
                )
            })
            .collect(),
    );
    metric(
        "backupctl_last_success_timestamp_seconds",
        "When the last successful run was due, in Unix seconds.",
        f.lines
            .iter()
            .filter_map(|l| ts(l.last_success_at).map(|v| (key(l), v)))
            .collect(),
    );
    metric(
        "backupctl_failures_24h",
        "Runs that failed, timed out or were interrupted in the last 24 hours.",
        f.lines
            .iter()
            .map(|l| (key(l), l.failures_24h as f64))
            .collect(),
    );
    metric(
        "backupctl_missed_24h",
        "Occurrences missed in the last 24 hours.",
        f.lines
            .iter()
            .map(|l| (key(l), l.missed_24h as f64))
            .collect(),
    );
    metric(
        "backupctl_next_due_timestamp_seconds",
        "When the strategy is next due, in Unix seconds.",
        f.lines
            .iter()
            .filter(|l| l.alive)
            .filter_map(|l| ts(l.next_due).map(|v| (key(l), v)))
            .collect(),
    );
    metric(
        "backupctl_node_last_tick_timestamp_seconds",
        "The last run-due tick of each node, in Unix seconds.",
        f.nodes
            .iter()
            .filter_map(|n| ts(n.last_tick).map(|v| (format!("node=\"{}\"", label(&n.node)), v)))
            .collect(),
    );
    out
}
