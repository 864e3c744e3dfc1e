//! `status`: each strategy's state as of TIME — its latest finished run, its last success against
//! its `max_age` — with the failures and misses of the 24 h before TIME and the next due time; as a
//! table, JSON, a Nagios check or Prometheus metrics. Nothing after TIME counts.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::cli::{StatusArgs, StatusFormat};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::model::{judge, state_word, Health, RunStatus, State};
use crate::output::{count_of, or_dash, print_columns, print_json, print_or_write, Show};
use crate::schedule::{minute_of, next_of};
use crate::store::sync::NodeRecord;
use crate::store::Store;
use crate::units::{local_minute, parse_time};

#[derive(Serialize)]
struct Line {
    node: String,
    strategy_id: String,
    name: Option<String>,
    connection: String,
    priority: String,
    alive: bool,
    state: State,
    /// Why the state is not ok.
    reason: Option<String>,
    #[serde(serialize_with = "crate::units::db_time_or_null")]
    last_run_at: Option<DateTime<Utc>>,
    last_status: Option<RunStatus>,
    last_duration_secs: Option<i64>,
    /// One entry per warning line, as `warnings` is everywhere else.
    last_warnings: Vec<String>,
    #[serde(serialize_with = "crate::units::db_time_or_null")]
    last_success_at: Option<DateTime<Utc>>,
    max_age_secs: Option<u64>,
    failures_24h: u64,
    missed_24h: u64,
    #[serde(serialize_with = "crate::units::db_time_or_null")]
    next_due: Option<DateTime<Utc>>,
}

struct Fleet {
    lines: Vec<Line>,
    nodes: Vec<NodeRecord>,
    /// (node, status, runs) for Prometheus.
    totals: Vec<(String, String, u64)>,
    /// This node's rows not yet on its master.
    pending: Option<u64>,
}

pub fn run(ctx: &Ctx, args: &StatusArgs) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let now = match &args.now {
        Some(t) => parse_time(t, tz, ctx.clock.now())?,
        None => ctx.clock.now(),
    };
    if args.output.is_some() && args.format != StatusFormat::Prometheus {
        return Err(invalid(
            "--output FILE goes with --format prometheus (for node_exporter's textfile collector)",
        ));
    }
    let mut read_only = None;
    let gathered = ctx.open_existing_store().and_then(|mut s| {
        let fleet = gather(&mut s, ctx, now, args.format)?;
        if args.format == StatusFormat::Nagios {
            read_only = s.can_write(&ctx.profile.node).err();
        }
        // Rows the master refused wait here: say so beside any view of this node.
        let aside = s.set_aside_counts(&ctx.profile.node)?.total();
        if aside > 0 && args.format != StatusFormat::Prometheus {
            eprintln!(
                "warning: {} of node {} set aside after the master refused them: see backupctl errors, and push-logs to offer them again",
                crate::output::count_of(aside as usize, "row"),
                ctx.profile.node
            );
        }
        Ok(fleet)
    });
    let fleet = match gathered {
        Ok(f) => f,
        Err(e) => {
            return match cannot_read(args, &e)? {
                Some(code) => Ok(code),
                None => Err(e),
            }
        }
    };
    let critical = fleet.lines.iter().any(|l| l.state == State::Critical);
    let code = if critical {
        exit::BACKUP_FAILED
    } else {
        exit::OK
    };
    match args.format {
        StatusFormat::Json => {
            print_json(&fleet.lines)?;
            Ok(code)
        }
        StatusFormat::Table => {
            print_status_table(&fleet, ctx, now, args.wide);
            Ok(code)
        }
        StatusFormat::Nagios => {
            let (code, line) = match read_only {
                Some(e) => read_only_nagios(&e),
                None => nagios(&fleet, ctx, now),
            };
            println!("{line}");
            Ok(code)
        }
        StatusFormat::Prometheus => {
            print_or_write(args.output.as_deref(), &prometheus(&fleet))?;
            Ok(exit::OK)
        }
    }
}

fn table_row(l: &Line, tz: Tz) -> Vec<String> {
    vec![
        l.node.clone(),
        match &l.name {
            Some(n) => format!("{} ({n})", l.strategy_id),
            None => l.strategy_id.clone(),
        },
        match (&l.state, &l.reason) {
            (State::Disabled, _) => "disabled".into(),
            (s, Some(r)) => format!("{}: {r}", state_word(*s)),
            (s, None) => state_word(*s).into(),
        },
        or_dash(l.last_run_at.map(|t| local_minute(t, tz))),
        or_dash(l.last_status.as_ref()),
        or_dash(l.last_duration_secs.map(crate::units::took)),
        or_dash(l.last_success_at.map(|t| local_minute(t, tz))),
        l.failures_24h.to_string(),
        l.missed_24h.to_string(),
        if l.alive {
            or_dash(l.next_due.map(|t| local_minute(t, tz)))
        } else {
            "-".into()
        },
    ]
}

/// When the store (or the profile) cannot be read: Nagios says UNKNOWN in one line on stdout
/// (exit 3), Prometheus says `backupctl_up 0` (in `--output FILE` too, so the collector sees the
/// failure instead of stale figures). `None`: the other formats fail as any command does.
pub fn cannot_read(args: &StatusArgs, e: &anyhow::Error) -> anyhow::Result<Option<u8>> {
    match args.format {
        StatusFormat::Nagios => {
            println!("BACKUPCTL UNKNOWN - {}", crate::error::one_line(e));
            Ok(Some(3))
        }
        StatusFormat::Prometheus => {
            eprintln!("error: {}", crate::error::one_line(e));
            print_or_write(args.output.as_deref(), &up(0))?;
            Ok(Some(exit::STORE))
        }
        _ => Ok(None),
    }
}

/// The table: the compact columns, the node's when the fleet spans nodes, every one with
/// `--wide`; a silent node said first, on stderr.
fn print_status_table(fleet: &Fleet, ctx: &Ctx, now: DateTime<Utc>, wide: bool) {
    let tz = ctx.profile.timezone;
    // A node that went silent is said first (on stderr: the table stays a table).
    for n in stale_nodes(fleet, ctx, now) {
        eprintln!("warning: run-due is not running: {n}");
    }
    let wide = crate::output::wide(wide);
    let mut columns = [
        ("node", Show::Wide),
        ("strategy", Show::Always),
        ("state", Show::Always),
        ("last run", Show::Wide),
        ("status", Show::Wide),
        ("took", Show::Wide),
        ("last success", Show::Room),
        ("failed 24h", Show::Wide),
        ("missed 24h", Show::Wide),
        ("next due", Show::Room),
    ];
    // A fleet's status (on a master) names each strategy's node.
    if fleet.lines.iter().any(|l| l.node != ctx.profile.node) {
        columns[0].1 = Show::Always;
    }
    let rows = fleet.lines.iter().map(|l| table_row(l, tz)).collect();
    print_columns(&columns, rows, wide);
}

/// A strategy's status line, judged at `now`.
fn line_of(h: Health, next_due: Option<DateTime<Utc>>, now: DateTime<Utc>, tz: Tz) -> Line {
    let (state, reason) = judge(&h, now, tz);
    let last = h.last_run.as_ref();
    Line {
        state,
        reason,
        last_run_at: last.and_then(|r| r.scheduled_for),
        last_status: last.map(|r| r.status),
        last_duration_secs: last.and_then(|r| r.duration_secs),
        last_warnings: last
            .and_then(|r| r.warnings.as_deref())
            .map(|w| w.lines().map(str::to_string).collect())
            .unwrap_or_default(),
        last_success_at: h.last_success_at,
        max_age_secs: h.max_age_secs,
        failures_24h: h.failures,
        missed_24h: h.misses,
        next_due,
        node: h.node,
        strategy_id: h.strategy_id,
        name: h.name,
        connection: h.connection,
        priority: h.priority,
        alive: h.alive,
    }
}

fn gather(
    store: &mut Store,
    ctx: &Ctx,
    now: DateTime<Utc>,
    format: StatusFormat,
) -> anyhow::Result<Fleet> {
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
    // A Nagios line says nothing of next due times: it reads no frequency. The others work out
    // the next due times from every frequency: on a second connection while this one reads each
    // strategy's state when a second connection is cheap (SQLite: a file open; the two reads cost
    // about the same), else in turn on this one (a server's second login, TLS or Oracle's
    // authentication, would cost more than it saves).
    let from = minute_of(now) + Duration::minutes(1);
    let wanted = format != StatusFormat::Nagios;
    let (health, next) = if wanted && store.cheap_to_open_again() {
        std::thread::scope(|scope| {
            let next = scope.spawn(|| -> anyhow::Result<NextDue> {
                // The same store again, without saying so twice under --verbose.
                let mut other =
                    crate::store::open_existing(&ctx.profile.store, ctx.store_timeout())?;
                next_due_times(&mut other, &zone_of, from)
            });
            let health = store.health(since, now);
            let next = next
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("reading the frequencies failed")))?;
            anyhow::Ok((health?, next))
        })?
    } else if wanted {
        (
            store.health(since, now)?,
            next_due_times(store, &zone_of, from)?,
        )
    } else {
        (store.health(since, now)?, NextDue::new())
    };
    let next_due: Vec<Option<DateTime<Utc>>> = health
        .iter()
        .map(|h| {
            next.get(&h.node)
                .and_then(|n| n.get(&h.strategy_id))
                .copied()
                .filter(|_| h.alive)
        })
        .collect();
    let lines = health
        .into_iter()
        .zip(next_due)
        .map(|(h, next_due)| line_of(h, next_due, now, ctx.profile.timezone))
        .collect();
    let (totals, pending) = if format == StatusFormat::Prometheus {
        let pending = match ctx.profile.role {
            crate::profile::Role::Slave => Some(store.pending(&ctx.profile.node)?.total()),
            _ => None,
        };
        (store.run_totals(now)?, pending)
    } else {
        (Vec::new(), None)
    };
    Ok(Fleet {
        lines,
        nodes,
        totals,
        pending,
    })
}

/// Each strategy's next due time, by node and strategy.
type NextDue = HashMap<String, HashMap<String, DateTime<Utc>>>;

/// Every strategy's next due time at or after `from`: the earliest of its rules' next instants,
/// each frequency taken as it is read. (Whether the strategy is live is for the caller.)
fn next_due_times(
    store: &mut Store,
    zone_of: &dyn Fn(&str) -> Tz,
    from: DateTime<Utc>,
) -> anyhow::Result<NextDue> {
    let mut out = NextDue::new();
    let keep = |out: &mut NextDue, node: &str, strategy: &str, t: DateTime<Utc>| {
        let of_node = match out.get_mut(node) {
            Some(n) => n,
            None => out.entry(node.to_string()).or_default(),
        };
        match of_node.get_mut(strategy) {
            Some(next) => *next = (*next).min(t),
            None => {
                of_node.insert(strategy.to_string(), t);
            }
        }
    };
    // A strategy's frequencies mostly come one after another (they are added together), and a
    // node's strategies too: the earliest of the strategy in hand is kept here and goes into
    // `out` when another starts, a lookup per strategy rather than per frequency. In any other
    // order it is still right, a lookup per frequency. (Asking the database for that order cost a
    // sort that PostgreSQL may spill to disk: 64 ms for 50,000 rows without statistics.)
    let (mut zone, mut zone_node) = (Tz::UTC, None::<String>);
    let (mut node_in_hand, mut strategy_in_hand) = (String::new(), String::new());
    let mut next_in_hand: Option<DateTime<Utc>> = None;
    store.each_frequency(|node, strategy, rule| {
        if zone_node.as_deref() != Some(node) {
            zone = zone_of(node);
            zone_node = Some(node.to_string());
        }
        let Some(t) = next_of(&rule, zone, from) else {
            return Ok(());
        };
        match next_in_hand {
            Some(next) if node_in_hand == node && strategy_in_hand == strategy => {
                next_in_hand = Some(next.min(t));
            }
            _ => {
                if let Some(next) = next_in_hand {
                    keep(&mut out, &node_in_hand, &strategy_in_hand, next);
                }
                node_in_hand.clear();
                strategy_in_hand.clear();
                node_in_hand.push_str(node);
                strategy_in_hand.push_str(strategy);
                next_in_hand = Some(t);
            }
        }
        Ok(())
    })?;
    if let Some(next) = next_in_hand {
        keep(&mut out, &node_in_hand, &strategy_in_hand, next);
    }
    Ok(out)
}

/// One status line and the plugin exit code (Nagios plugin guidelines: 0 OK, 1 WARNING,
/// 2 CRITICAL, 3 UNKNOWN; perfdata after `|` as 'label'=value;warn;crit;min;max).
/// A store that takes no writes: nothing can be claimed or recorded, every backup stops.
fn read_only_nagios(e: &anyhow::Error) -> (u8, String) {
    (
        2,
        format!(
            "BACKUPCTL CRITICAL - {}: no backup can be claimed or recorded",
            crate::error::one_line(e)
        ),
    )
}

fn nagios(f: &Fleet, ctx: &Ctx, now: DateTime<Utc>) -> (u8, String) {
    let count = |s: State| f.lines.iter().filter(|l| l.state == s).count();
    let (critical, warning, ok) = (
        count(State::Critical),
        count(State::Warning),
        count(State::Ok),
    );
    let failed: u64 = f.lines.iter().map(|l| l.failures_24h).sum();
    let missed: u64 = f.lines.iter().map(|l| l.missed_24h).sum();
    let perf = format!(
        // Thresholds as the state judges (Monitoring Plugins guidelines: "0" alerts above 0):
        // one critical strategy is CRITICAL, one warning WARNING.
        "| critical={critical};;0;0; warning={warning};0;;0; ok={ok};;;0; failed_24h={failed};;;0; missed_24h={missed};;;0;"
    );
    // A node that stopped ticking or pushing is named first: its strategies' misses follow
    // from it.
    let stale = stale_nodes(f, ctx, now);
    if critical > 0 {
        let list = in_state(f, State::Critical);
        let head = count_of(critical, "strategy");
        let silent = if stale.is_empty() {
            String::new()
        } else {
            format!("run-due is not running: {}; ", stale.join(", "))
        };
        return (
            2,
            format!("BACKUPCTL CRITICAL - {silent}{head}: {list} {perf}"),
        );
    }
    if !stale.is_empty() {
        let nodes = stale.join(", ");
        return (
            1,
            format!("BACKUPCTL WARNING - run-due is not running: {nodes} {perf}"),
        );
    }
    if warning > 0 {
        let list = in_state(f, State::Warning);
        let head = count_of(warning, "strategy");
        return (1, format!("BACKUPCTL WARNING - {head}: {list} {perf}"));
    }
    if ok == 0 {
        return (
            1,
            format!("BACKUPCTL WARNING - no live strategy in the store: nothing is being backed up {perf}"),
        );
    }
    let nodes: BTreeSet<&str> = f.lines.iter().map(|l| l.node.as_str()).collect();
    (
        0,
        format!(
            "BACKUPCTL OK - {} on {}, each latest run succeeded within its max_age {perf}",
            count_of(ok, "strategy"),
            count_of(nodes.len(), "node")
        ),
    )
}

/// The first five strategies in state `s` with why, and how many more there are.
fn in_state(f: &Fleet, s: State) -> String {
    let mut all = f.lines.iter().filter(|l| l.state == s);
    let mut said: Vec<String> = all
        .by_ref()
        .take(5)
        .map(|l| {
            format!(
                "{}/{} {}",
                l.node,
                l.strategy_id,
                l.reason.as_deref().unwrap_or_default()
            )
        })
        .collect();
    let more = all.count();
    if more > 0 {
        said.push(format!("and {more} more"));
    }
    said.join(", ")
}

/// The nodes with live strategies whose last tick (this node) or push (another) is older than
/// `monitor_grace` (two minutes at least).
fn stale_nodes(f: &Fleet, ctx: &Ctx, now: DateTime<Utc>) -> Vec<String> {
    let live = |node: &str| f.lines.iter().any(|l| l.node == node && l.alive);
    silent_nodes(&f.nodes, live, ctx, now)
}

/// How long a node may go without a tick (this node) or a push (another) before it is silent:
/// `monitor_grace`, two minutes at least.
pub(super) fn silence_grace(ctx: &Ctx) -> Duration {
    crate::units::span(ctx.profile.monitor_grace).max(Duration::minutes(2))
}

/// When `node` was last heard of: its last tick if it is this node, else its last push.
pub(super) fn last_heard(n: &NodeRecord, this_node: &str) -> Option<DateTime<Utc>> {
    if n.node == this_node {
        n.last_tick
    } else {
        n.last_seen
    }
}

/// Of `nodes`, those with live strategies (`live`) not heard of within [`silence_grace`], each
/// said in a few words (`db01 silent, last pushed 2026-12-02 08:00 -06:00`): what `status`,
/// Nagios and the report name first.
pub(super) fn silent_nodes(
    nodes: &[NodeRecord],
    live: impl Fn(&str) -> bool,
    ctx: &Ctx,
    now: DateTime<Utc>,
) -> Vec<String> {
    let grace = silence_grace(ctx);
    let tz = ctx.profile.timezone;
    nodes
        .iter()
        .filter(|n| live(&n.node))
        .filter_map(|n| match last_heard(n, &ctx.profile.node) {
            Some(t) if now - t <= grace => None,
            Some(t) if n.node == ctx.profile.node => {
                Some(format!("{} last ticked {}", n.node, local_minute(t, tz)))
            }
            Some(t) => Some(format!(
                "{} silent, last pushed {}",
                n.node,
                local_minute(t, tz)
            )),
            None => Some(format!("{} never ticked", n.node)),
        })
        .collect()
}

/// A label value escaped as the exposition format asks (backslash, double quote, line feed).
fn label(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\\', '"', '\n']) {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .into()
    } else {
        s.into()
    }
}

/// The text exposition being written: families of samples, straight into one string.
struct Exposition(String);

impl Exposition {
    fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.0, "# HELP {name} {help}\n# TYPE {name} {kind}");
    }
    /// Every value backupctl exposes is a whole number (seconds, counts, states). `labels` are
    /// written one after another: 150,000 samples for 10,000 strategies each formatted whole with
    /// `writeln!` were 14 % of `status --format prometheus`.
    fn sample(&mut self, name: &str, labels: &[&str], v: i64) {
        let out = &mut self.0;
        out.push_str(name);
        out.push('{');
        for l in labels {
            out.push_str(l);
        }
        let _ = writeln!(out, "}} {v}");
    }
}

/// `backupctl_up` alone: all a collector learns when the store cannot be read.
fn up(v: u8) -> String {
    format!("# HELP backupctl_up 1 if the store could be read, else 0.\n# TYPE backupctl_up gauge\nbackupctl_up {v}\n")
}

/// A per-strategy gauge: its name, its help text and its value for a line, if it has one.
type Gauge = (&'static str, &'static str, fn(&Line) -> Option<i64>);

fn ts(t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

/// The gauges written before `backupctl_last_run_status`, in order.
const GAUGES_BEFORE_STATUS: [Gauge; 3] = [
    (
        "backupctl_state",
        "The strategy's state: 0 ok, 1 warning, 2 critical, -1 disabled.",
        |l| {
            Some(match l.state {
                State::Disabled => -1,
                State::Ok => 0,
                State::Warning => 1,
                State::Critical => 2,
            })
        },
    ),
    (
        "backupctl_last_run_timestamp_seconds",
        "When the latest run (not skipped) was due, in Unix seconds.",
        |l| ts(l.last_run_at),
    ),
    (
        "backupctl_last_run_duration_seconds",
        "How long the latest run took, from start to end.",
        |l| l.last_duration_secs,
    ),
];

/// The gauges written after `backupctl_last_run_status`, in order.
const GAUGES_AFTER_STATUS: [Gauge; 5] = [
    (
        "backupctl_last_success_timestamp_seconds",
        "When the latest successful run was due, in Unix seconds.",
        |l| ts(l.last_success_at),
    ),
    (
        "backupctl_max_age_seconds",
        "The longest the strategy may go without a success.",
        |l| l.max_age_secs.and_then(|s| i64::try_from(s).ok()),
    ),
    (
        "backupctl_failures_24h",
        "Runs that failed, timed out or were interrupted in the 24 hours before the report.",
        |l| i64::try_from(l.failures_24h).ok(),
    ),
    (
        "backupctl_missed_24h",
        "Occurrences missed in the 24 hours before the report.",
        |l| i64::try_from(l.missed_24h).ok(),
    ),
    (
        "backupctl_next_due_timestamp_seconds",
        "When the strategy is next due, in Unix seconds.",
        |l| if l.alive { ts(l.next_due) } else { None },
    ),
];

/// Text exposition format, for the node_exporter textfile collector.
fn prometheus(f: &Fleet) -> String {
    let mut e = Exposition(up(1));
    // Each strategy's labels, escaped once for all its samples.
    let keys: Vec<String> = f
        .lines
        .iter()
        .map(|l| {
            format!(
                "node=\"{}\",strategy=\"{}\"",
                label(&l.node),
                label(&l.strategy_id)
            )
        })
        .collect();
    let gauges = |e: &mut Exposition, gauges: &[Gauge]| {
        for (name, help, value) in gauges {
            e.family(name, "gauge", help);
            for (l, k) in f.lines.iter().zip(&keys) {
                if let Some(v) = value(l) {
                    e.sample(name, &[k], v);
                }
            }
        }
    };
    gauges(&mut e, &GAUGES_BEFORE_STATUS);
    let name = "backupctl_last_run_status";
    e.family(
        name,
        "gauge",
        "1 for the latest run's status, 0 for the others.",
    );
    let statuses: Vec<(RunStatus, String)> = RunStatus::ALL
        .into_iter()
        .map(|s| (s, format!(",status=\"{s}\"")))
        .collect();
    for (l, k) in f.lines.iter().zip(&keys) {
        let Some(last) = l.last_status else {
            continue;
        };
        for (s, status) in &statuses {
            e.sample(name, &[k, status], i64::from(last == *s));
        }
    }
    gauges(&mut e, &GAUGES_AFTER_STATUS);
    fleet_series(&mut e, f);
    e.0
}

/// The series per node and status, per node, and of this node's push.
fn fleet_series(e: &mut Exposition, f: &Fleet) {
    let name = "backupctl_runs_total";
    e.family(
        name,
        "counter",
        "Runs that reached each status, counted as they are recorded (prune takes none back).",
    );
    for (n, st, c) in &f.totals {
        let labels = format!("node=\"{}\",status=\"{}\"", label(n), label(st));
        e.sample(name, &[&labels], i64::try_from(*c).unwrap_or(i64::MAX));
    }
    let name = "backupctl_node_last_tick_timestamp_seconds";
    e.family(
        name,
        "gauge",
        "The last run-due tick of each node, in Unix seconds.",
    );
    for n in &f.nodes {
        if let Some(v) = ts(n.last_tick) {
            e.sample(name, &[&format!("node=\"{}\"", label(&n.node))], v);
        }
    }
    if let Some(p) = f.pending {
        let name = "backupctl_push_pending_rows";
        e.family(name, "gauge", "Rows of this node not yet on its master.");
        let _ = writeln!(e.0, "{name} {p}");
    }
}
