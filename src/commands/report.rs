//! `report --html FILE`: one self-contained page of the fleet — no script, style sheet, font or
//! image from anywhere else — for a DBA's morning look: open failures first, then a heat map of
//! strategies × days coloured by each day's worst outcome (the counts on hover), then the nodes
//! with their last tick. Everything shown is escaped; nothing after `--now` counts.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::cli::{ReportArgs, STATUSES};
use crate::commands::status::{last_heard, silence_grace, silent_nodes};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::model::RunStatus;
use crate::model::{age, judge, State};
use crate::output::{count_of, print_or_write};
use crate::store::{Health, Positions};
use crate::units::{format_duration, local_minute, parse_time};

/// How bad a day was, worst last: the cell's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Day {
    Skipped,
    Running,
    Succeeded,
    Warned,
    Failed,
}

impl Day {
    fn of(status: RunStatus, warned: bool) -> Day {
        match status {
            RunStatus::Succeeded if warned => Day::Warned,
            RunStatus::Succeeded => Day::Succeeded,
            RunStatus::Running => Day::Running,
            RunStatus::Skipped => Day::Skipped,
            RunStatus::Failed
            | RunStatus::TimedOut
            | RunStatus::Missed
            | RunStatus::Interrupted => Day::Failed,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Day::Skipped => "skipped",
            Day::Running => "running",
            Day::Succeeded => "ok",
            Day::Warned => "warned",
            Day::Failed => "failed",
        }
    }
}

/// One cell: the worst outcome of the day and how many runs ended each way (in the order of
/// [`STATUSES`]).
#[derive(Clone, Copy, Default)]
struct Cell {
    worst: Option<Day>,
    counts: [u32; STATUSES.len()],
}

pub fn run(ctx: &Ctx, args: &ReportArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let now = match &args.now {
        Some(t) => parse_time(t, tz, ctx.clock.now())?,
        None => ctx.clock.now(),
    };
    if !(1..=366).contains(&args.days) {
        return Err(invalid(format!(
            "invalid --days {}: expected 1 to 366",
            args.days
        )));
    }
    let mut store = ctx.open_existing_store()?;
    let health = store.health(now - Duration::hours(24), now)?;
    let nodes = store.nodes()?;
    let today = now.with_timezone(&tz).date_naive();
    let first = today - Duration::days(i64::from(args.days) - 1);
    let since = first
        .and_hms_opt(0, 0, 0)
        .and_then(|n| n.and_local_timezone(tz).earliest())
        .map(|t| t.with_timezone(&Utc) - Duration::seconds(1))
        .unwrap_or(now - Duration::days(i64::from(args.days)));
    let days: Vec<NaiveDate> = (0..args.days)
        .map(|i| first + Duration::days(i64::from(i)))
        .collect();
    // One row of cells per strategy, in the order of `health`, one cell per day.
    let mut grid = vec![Cell::default(); health.len() * days.len()];
    let mut positions = Positions::of(&health);
    store.each_run_between(since, now, |r| {
        let day = (r.scheduled_for.with_timezone(&tz).date_naive() - first).num_days();
        let (Some(i), Some(day)) = (
            positions.find(r.node, r.strategy_id),
            usize::try_from(day).ok().filter(|d| *d < days.len()),
        ) else {
            return;
        };
        let cell = &mut grid[i * days.len() + day];
        let d = Day::of(r.status, r.warned);
        cell.worst = Some(cell.worst.map_or(d, |w| w.max(d)));
        if let Some(k) = RunStatus::ALL.iter().position(|s| *s == r.status) {
            cell.counts[k] += 1;
        }
    })?;
    let mut failures = Vec::new();
    for h in &health {
        let (state, reason) = judge(h, now, tz);
        if state == State::Critical {
            let error = match h.last_finished.as_ref() {
                Some(f) if !f.run_id.is_empty() => store.run_error(&f.run_id)?,
                _ => None,
            };
            failures.push((h, reason.unwrap_or_default(), error));
        }
    }
    let live = |node: &str| health.iter().any(|h| h.node == node && h.alive);
    let silent = silent_nodes(&nodes, live, ctx, now);
    let page = render(&Page {
        now,
        tz,
        grace: silence_grace(ctx),
        silent: &silent,
        health: &health,
        failures: &failures,
        grid: &grid,
        days: &days,
        nodes: &nodes,
        this_node: &ctx.profile.node,
    });
    let out = (args.html.as_os_str() != "-").then_some(args.html.as_path());
    print_or_write(out, &page)?;
    if let Some(path) = out {
        ctx.say(&format!("wrote {}", path.display()));
    }
    Ok(exit::OK)
}

/// A critical strategy, why, and its latest error's (codes, message).
type Failure<'a> = (&'a Health, String, Option<(String, String)>);

struct Page<'a> {
    now: DateTime<Utc>,
    tz: Tz,
    /// How long a node may be quiet, and the nodes quieter than that, said in words.
    grace: Duration,
    silent: &'a [String],
    health: &'a [Health],
    failures: &'a [Failure<'a>],
    /// `health.len()` rows of `days.len()` cells.
    grid: &'a [Cell],
    days: &'a [NaiveDate],
    nodes: &'a [crate::store::sync::NodeRecord],
    this_node: &'a str,
}

/// Text safe inside HTML elements and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}\
table{border-collapse:collapse}th,td{padding:2px 6px;text-align:left;border-bottom:1px solid #eee}\
td.day{width:18px;height:18px;padding:0;border:1px solid #fff}\
.ok{background:#3a3}.warned{background:#e8b000}.failed{background:#d33}.running{background:#49d}\
.skipped{background:#bbb}.none{background:#f4f4f4}\
.critical{color:#b00;font-weight:bold}.warning{color:#a70}.silent{color:#b00;font-weight:bold}\
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}";

fn render(p: &Page<'_>) -> String {
    let tz = p.tz;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>backupctl fleet report</title><style>{STYLE}</style></head><body>\n<h1>Backups of the fleet</h1>\n<p id=\"as-of\">As of {} ({}), {} on {}.</p>\n",
        esc(&local_minute(p.now, tz)),
        esc(tz.name()),
        count_of(p.health.len(), "strategy"),
        count_of(p.nodes.len(), "node")
    );
    // A node gone silent first: its strategies' misses follow from it.
    if !p.silent.is_empty() {
        let _ = writeln!(
            h,
            "<p id=\"silent\" class=\"silent\">run-due is not running: {}.</p>",
            esc(&p.silent.join("; "))
        );
    }
    failures_section(&mut h, p);
    grid_section(&mut h, p);
    nodes_section(&mut h, p);
    h.push_str("</body></html>\n");
    h
}

fn failures_section(h: &mut String, p: &Page<'_>) {
    h.push_str("<h2>Open failures</h2>\n");
    if p.failures.is_empty() {
        h.push_str("<p id=\"failures\">None: every live strategy's latest run succeeded within its max_age.</p>\n");
        return;
    }
    h.push_str("<table id=\"failures\"><tr><th>node</th><th>strategy</th><th>why</th><th>codes</th><th>error</th></tr>\n");
    for (s, why, error) in p.failures {
        let (codes, message) = error.clone().unwrap_or_default();
        let codes = codes.replace(',', ", ");
        let _ = writeln!(
            h,
            "<tr class=\"critical\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.node),
            esc(&s.strategy_id),
            esc(why),
            esc(&codes),
            esc(&message)
        );
    }
    h.push_str("</table>\n");
}

fn grid_section(h: &mut String, p: &Page<'_>) {
    let _ = write!(
        h,
        "<h2>Runs per day</h2>\n<p class=\"legend\">Worst outcome of each day:<span class=\"ok\"></span>succeeded<span class=\"warned\"></span>with warnings<span class=\"failed\"></span>failed, timed out, interrupted or missed<span class=\"running\"></span>running<span class=\"skipped\"></span>skipped<span class=\"none\"></span>no run</p>\n<table id=\"grid\"><tr><th>node</th><th>strategy</th><th>last success</th><th>max age</th>"
    );
    // Each day's text once, not once per cell.
    let dates: Vec<String> = p
        .days
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    for (d, date) in p.days.iter().zip(&dates) {
        let _ = write!(h, "<th title=\"{date}\">{}</th>", d.format("%d"));
    }
    h.push_str("</tr>\n");
    let row_len = p.days.len();
    for (s, row) in p.health.iter().zip(p.grid.chunks(row_len.max(1))) {
        grid_row(h, p, s, row, &dates);
    }
    h.push_str("</table>\n");
}

fn grid_row(h: &mut String, p: &Page<'_>, s: &Health, row: &[Cell], dates: &[String]) {
    let (state, _) = judge(s, p.now, p.tz);
    let class = match state {
        State::Critical => " class=\"critical\"",
        State::Warning => " class=\"warning\"",
        _ => "",
    };
    let success = s
        .last_success_at
        .map(|t| format!("{} ago", age(p.now - t)))
        .unwrap_or_else(|| "never".into());
    let _ = write!(
        h,
        "<tr{class} data-strategy=\"{}\"><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>",
        esc(&s.strategy_id),
        esc(&s.node),
        esc(&s.strategy_id),
        s.name
            .as_ref()
            .map(|n| format!(" ({})", esc(n)))
            .unwrap_or_default(),
        esc(&success),
        esc(&s
            .max_age_secs
            .map(format_duration)
            .unwrap_or_else(|| "-".into()))
    );
    for (cell, date) in row.iter().zip(dates) {
        match cell.worst {
            Some(worst) => {
                let _ = write!(h, "<td class=\"day {}\" title=\"{date}: ", worst.class());
                let mut first = true;
                for (status, n) in STATUSES.iter().zip(cell.counts).filter(|(_, n)| *n > 0) {
                    let sep = if first { "" } else { ", " };
                    let _ = write!(h, "{sep}{n} {status}");
                    first = false;
                }
                h.push_str("\"></td>");
            }
            None => {
                let _ = write!(h, "<td class=\"day none\" title=\"{date}: no run\"></td>");
            }
        }
    }
    h.push_str("</tr>\n");
}

/// The nodes, each with its last tick and (another node) its last push; one with live strategies
/// not heard of within `monitor_grace` in the colour of a failure, as `status` judges it.
fn nodes_section(h: &mut String, p: &Page<'_>) {
    let tz = p.tz;
    h.push_str("<h2>Nodes</h2>\n<table id=\"nodes\"><tr><th>node</th><th>time zone</th><th>last tick</th><th>last push</th><th>silent for</th></tr>\n");
    for n in p.nodes {
        let mine = n.node == p.this_node;
        let quiet = last_heard(n, p.this_node).map(|t| p.now - t);
        let live = p.health.iter().any(|h| h.node == n.node && h.alive);
        let silent = live && quiet.is_none_or(|d| d > p.grace);
        let _ = writeln!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if silent { " class=\"silent\"" } else { "" },
            esc(&n.node),
            esc(&n.timezone),
            esc(&n
                .last_tick
                .map(|t| local_minute(t, tz))
                .unwrap_or_else(|| "never".into())),
            // This node writes the store itself: it has nothing to push.
            esc(&match (mine, n.last_seen) {
                (true, _) => "- (this node)".to_string(),
                (false, Some(t)) => local_minute(t, tz),
                (false, None) => "never".to_string(),
            }),
            esc(&if silent {
                quiet.map(age).unwrap_or_else(|| "always".into())
            } else {
                "-".to_string()
            })
        );
    }
    h.push_str("</table>\n");
}
