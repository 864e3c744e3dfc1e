//! The tick's decisions as plain data. From what was read — the window's occurrences, the
//! strategies' priorities and connections, the runs still running and the occurrences held back
//! earlier — and the limits, decide what is recorded missed or skipped, what is claimed to start
//! and what waits for a slot. No clock, no store: `t` and everything else are parameters.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use crate::schedule::{Occurrence, TickPlan};
use crate::store::{Limits, Priority};

/// A due occurrence of a strategy that could start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub occ: Occurrence,
    pub priority: Priority,
    pub connection: String,
}

/// A run the store says is running on this node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Busy {
    pub run_id: String,
    pub strategy_id: String,
    pub connection: Option<String>,
    pub scheduled_for: DateTime<Utc>,
}

/// The missed occurrences of one strategy in one tick: one record, one hook call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    pub strategy_id: String,
    pub count: usize,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
    /// Why, when it was not simply too late (a limit held it back past `catch_up`).
    pub held_by: Option<String>,
}

/// Why an occurrence is recorded `skipped`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Merged into the strategy's later occurrence, which runs instead.
    Coalesced { into: DateTime<Utc> },
    /// The strategy's previous run has not ended: a strategy never runs twice at once.
    StillRunning {
        run_id: String,
        scheduled_for: DateTime<Utc>,
    },
}

/// What one tick will do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub missed: Vec<Missed>,
    pub skipped: Vec<(Occurrence, Skip)>,
    /// To claim and start now, in order: priority, then due time, then strategy id.
    pub start: Vec<Candidate>,
    /// Over a limit as the store was read: wait for a slot, with the limit that holds them.
    pub hold: Vec<(Candidate, String)>,
}

/// Decide one tick at minute `t`. `window` is the schedule's view of the window (startable,
/// coalesced, too old); `targets` gives each startable strategy's priority and connection (a
/// strategy absent from it is dead or gone and is dropped); `held` are occurrences held back
/// by an earlier tick of this process.
pub fn plan(
    window: TickPlan,
    targets: &HashMap<String, (Priority, String)>,
    running: &[Busy],
    held: Vec<(Candidate, String)>,
    limits: Limits,
    t: DateTime<Utc>,
    catch_up: Duration,
) -> Plan {
    let mut out = Plan::default();
    let oldest_startable = t - catch_up;

    // Too old to start: one record per strategy, for the latest, naming the count and span.
    let mut missed: BTreeMap<String, Missed> = BTreeMap::new();
    let mut add_missed = |occ: &Occurrence, held_by: Option<String>| {
        let m = missed
            .entry(occ.strategy_id.clone())
            .or_insert_with(|| Missed {
                strategy_id: occ.strategy_id.clone(),
                count: 0,
                first: occ.at,
                last: occ.at,
                held_by: None,
            });
        m.count += 1;
        m.first = m.first.min(occ.at);
        m.last = m.last.max(occ.at);
        if held_by.is_some() {
            m.held_by = held_by;
        }
    };
    for occ in &window.missed {
        add_missed(occ, None);
    }
    for (occ, into) in window.coalesced {
        out.skipped.push((occ, Skip::Coalesced { into }));
    }

    // Candidates: this window's startable occurrences and those still held from before; of
    // one strategy, only the latest runs and the others coalesce into it.
    let mut latest: BTreeMap<String, Candidate> = BTreeMap::new();
    let fresh = window.start.into_iter().filter_map(|occ| {
        let (priority, connection) = targets.get(&occ.strategy_id)?.clone();
        Some(Candidate {
            occ,
            priority,
            connection,
        })
    });
    let held = held.into_iter().filter_map(|(c, why)| {
        if c.occ.at < oldest_startable {
            add_missed(&c.occ, Some(why));
            None
        } else {
            Some(c)
        }
    });
    let mut all: Vec<Candidate> = held.chain(fresh).collect();
    all.sort_by(|a, b| a.occ.cmp(&b.occ));
    for c in all {
        if let Some(prev) = latest.insert(c.occ.strategy_id.clone(), c.clone()) {
            if prev.occ != c.occ {
                out.skipped
                    .push((prev.occ, Skip::Coalesced { into: c.occ.at }));
            }
        }
    }
    out.missed = missed.into_values().collect();

    let mut queue: Vec<Candidate> = latest.into_values().collect();
    queue.sort_by(|a, b| {
        (a.priority, a.occ.at, &a.occ.strategy_id).cmp(&(b.priority, b.occ.at, &b.occ.strategy_id))
    });

    let mut total = running.len();
    let mut per_conn: HashMap<String, usize> = HashMap::new();
    for r in running {
        if let Some(c) = &r.connection {
            *per_conn.entry(c.clone()).or_default() += 1;
        }
    }
    let busy: HashMap<&str, &Busy> = running
        .iter()
        .map(|r| (r.strategy_id.as_str(), r))
        .collect();
    for c in queue {
        if let Some(prev) = busy.get(c.occ.strategy_id.as_str()) {
            out.skipped.push((
                c.occ,
                Skip::StillRunning {
                    run_id: prev.run_id.clone(),
                    scheduled_for: prev.scheduled_for,
                },
            ));
            continue;
        }
        let on_conn = per_conn.get(c.connection.as_str()).copied().unwrap_or(0);
        if total >= limits.jobs {
            let why = format!("jobs = {} backups already run on this node", limits.jobs);
            out.hold.push((c, why));
        } else if on_conn >= limits.per_connection {
            let why = format!(
                "per_connection = {} backups already run against connection {}",
                limits.per_connection, c.connection
            );
            out.hold.push((c, why));
        } else {
            total += 1;
            *per_conn.entry(c.connection.clone()).or_default() += 1;
            out.start.push(c);
        }
    }
    out
}
