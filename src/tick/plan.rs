//! The tick's decisions as plain data. From what was read — the window's occurrences, the
//! strategies' priorities and connections, the runs still running and the occurrences held back
//! earlier — and the limits, decide what is recorded missed or skipped, what is claimed to start
//! and what waits for a slot. No clock, no store: `t` and everything else are parameters.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use crate::model::{Limits, Priority};
use crate::schedule::{Occurrence, TickPlan};

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
    let mut missed = MissedSet::default();
    for occ in &window.missed {
        missed.add(occ, None);
    }
    for (occ, into) in window.coalesced {
        out.skipped.push((occ, Skip::Coalesced { into }));
    }
    // Candidates: this window's startable occurrences and those still held from before.
    let fresh = window.start.into_iter().filter_map(|occ| {
        let (priority, connection) = targets.get(&occ.strategy_id)?.clone();
        Some(Candidate {
            occ,
            priority,
            connection,
        })
    });
    let oldest_startable = t - catch_up;
    let held = held.into_iter().filter_map(|(c, why)| {
        if c.occ.at < oldest_startable {
            missed.add(&c.occ, Some(why));
            None
        } else {
            Some(c)
        }
    });
    let all: Vec<Candidate> = held.chain(fresh).collect();
    let queue = latest_of_each(all, &mut out.skipped);
    out.missed = missed.0.into_values().collect();
    admit(queue, running, limits, &mut out);
    out
}

/// Too old to start: one record per strategy, for the latest, naming the count and span.
#[derive(Default)]
struct MissedSet(BTreeMap<String, Missed>);

impl MissedSet {
    fn add(&mut self, occ: &Occurrence, held_by: Option<String>) {
        let m = self
            .0
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
    }
}

/// Of one strategy's candidates only the latest runs; the others coalesce into it. The queue
/// comes out in order: priority, then due time, then strategy id.
fn latest_of_each(
    mut all: Vec<Candidate>,
    skipped: &mut Vec<(Occurrence, Skip)>,
) -> Vec<Candidate> {
    all.sort_by(|a, b| a.occ.cmp(&b.occ));
    let mut latest: BTreeMap<String, Candidate> = BTreeMap::new();
    for c in all {
        if let Some(prev) = latest.insert(c.occ.strategy_id.clone(), c.clone()) {
            if prev.occ != c.occ {
                skipped.push((prev.occ, Skip::Coalesced { into: c.occ.at }));
            }
        }
    }
    let mut queue: Vec<Candidate> = latest.into_values().collect();
    queue.sort_by(|a, b| {
        (a.priority, a.occ.at, &a.occ.strategy_id).cmp(&(b.priority, b.occ.at, &b.occ.strategy_id))
    });
    queue
}

/// In queue order: skip a strategy still running, hold what a limit stops, start the rest.
fn admit(queue: Vec<Candidate>, running: &[Busy], limits: Limits, out: &mut Plan) {
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
        match limits.refusal(total, &c.connection, on_conn) {
            Some((why, _)) => out.hold.push((c, why)),
            None => {
                total += 1;
                *per_conn.entry(c.connection.clone()).or_default() += 1;
                out.start.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::{DateTime, Duration, TimeZone, Utc};

    use super::{plan, Busy, Candidate, Missed, Skip};
    use crate::model::{Limits, Priority};
    use crate::schedule::{Occurrence, TickPlan};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, h, m, 0).unwrap()
    }

    fn occ(id: &str, h: u32, m: u32) -> Occurrence {
        Occurrence {
            at: at(h, m),
            strategy_id: id.into(),
        }
    }

    fn targets(list: &[(&str, Priority, &str)]) -> HashMap<String, (Priority, String)> {
        list.iter()
            .map(|(id, p, c)| (id.to_string(), (*p, c.to_string())))
            .collect()
    }

    fn started(p: &super::Plan) -> Vec<&str> {
        p.start.iter().map(|c| c.occ.strategy_id.as_str()).collect()
    }

    const ROOMY: Limits = Limits {
        jobs: 4,
        per_connection: 4,
    };

    #[test]
    fn misses_of_one_strategy_make_one_record_with_count_and_span() {
        let window = TickPlan {
            start: vec![],
            coalesced: vec![],
            missed: vec![
                occ("S", 1, 0),
                occ("S", 1, 5),
                occ("S", 1, 10),
                occ("T", 2, 0),
            ],
        };
        let p = plan(
            window,
            &targets(&[]),
            &[],
            vec![],
            ROOMY,
            at(12, 0),
            Duration::minutes(15),
        );
        assert_eq!(
            p.missed,
            vec![
                Missed {
                    strategy_id: "S".into(),
                    count: 3,
                    first: at(1, 0),
                    last: at(1, 10),
                    held_by: None
                },
                Missed {
                    strategy_id: "T".into(),
                    count: 1,
                    first: at(2, 0),
                    last: at(2, 0),
                    held_by: None
                },
            ]
        );
    }

    #[test]
    fn limits_hold_back_in_priority_order_and_running_runs_count() {
        let window = TickPlan {
            start: vec![
                occ("LOW_A", 12, 0),
                occ("HIGH_A", 12, 0),
                occ("MED_B", 12, 0),
                occ("MED_C", 12, 0),
            ],
            ..Default::default()
        };
        let t = targets(&[
            ("LOW_A", Priority::Low, "A"),
            ("HIGH_A", Priority::High, "A"),
            ("MED_B", Priority::Medium, "B"),
            ("MED_C", Priority::Medium, "C"),
        ]);
        // One run on C already, from another process.
        let running = [Busy {
            run_id: "R".into(),
            strategy_id: "OTHER".into(),
            connection: Some("C".into()),
            scheduled_for: at(11, 0),
        }];
        let limits = Limits {
            jobs: 3,
            per_connection: 1,
        };
        let p = plan(
            window,
            &t,
            &running,
            vec![],
            limits,
            at(12, 0),
            Duration::minutes(15),
        );
        assert_eq!(started(&p), ["HIGH_A", "MED_B"]);
        let held: Vec<(&str, &str)> = p
            .hold
            .iter()
            .map(|(c, why)| (c.occ.strategy_id.as_str(), why.as_str()))
            .collect();
        assert_eq!(
            held,
            [
                ("MED_C", "jobs = 3 backups already run on this node"),
                ("LOW_A", "jobs = 3 backups already run on this node"),
            ]
        );
        let limits = Limits {
            jobs: 9,
            per_connection: 1,
        };
        let window = TickPlan {
            start: vec![
                occ("LOW_A", 12, 0),
                occ("HIGH_A", 12, 0),
                occ("MED_C", 12, 0),
            ],
            ..Default::default()
        };
        let p = plan(
            window,
            &t,
            &running,
            vec![],
            limits,
            at(12, 0),
            Duration::minutes(15),
        );
        assert_eq!(started(&p), ["HIGH_A"]);
        assert_eq!(p.hold.len(), 2);
        assert!(p.hold[0]
            .1
            .contains("per_connection = 1 backups already run against connection C"));
        assert!(p.hold[1].1.contains("connection A"));
    }

    #[test]
    fn a_strategy_still_running_is_skipped_and_a_dead_one_dropped() {
        let window = TickPlan {
            start: vec![occ("S", 12, 1), occ("DEAD", 12, 1)],
            ..Default::default()
        };
        let running = [Busy {
            run_id: "R0".into(),
            strategy_id: "S".into(),
            connection: Some("A".into()),
            scheduled_for: at(12, 0),
        }];
        let t = targets(&[("S", Priority::Medium, "A")]);
        let p = plan(
            window,
            &t,
            &running,
            vec![],
            ROOMY,
            at(12, 1),
            Duration::minutes(15),
        );
        assert!(p.start.is_empty() && p.hold.is_empty());
        assert_eq!(
            p.skipped,
            vec![(
                occ("S", 12, 1),
                Skip::StillRunning {
                    run_id: "R0".into(),
                    scheduled_for: at(12, 0)
                }
            )]
        );
    }

    #[test]
    fn a_held_occurrence_coalesces_into_a_newer_one_or_is_missed_past_catch_up() {
        let held = |id: &str, h, m| {
            (
                Candidate {
                    occ: occ(id, h, m),
                    priority: Priority::Medium,
                    connection: "A".into(),
                },
                "jobs = 1 backups already run on this node".to_string(),
            )
        };
        let window = TickPlan {
            start: vec![occ("S", 12, 10)],
            ..Default::default()
        };
        let t = targets(&[("S", Priority::Medium, "A"), ("OLD", Priority::Medium, "A")]);
        let p = plan(
            window,
            &t,
            &[],
            vec![held("S", 12, 5), held("OLD", 11, 40)],
            ROOMY,
            at(12, 10),
            Duration::minutes(15),
        );
        assert_eq!(started(&p), ["S"]);
        assert_eq!(
            p.skipped,
            vec![(occ("S", 12, 5), Skip::Coalesced { into: at(12, 10) })]
        );
        assert_eq!(p.missed.len(), 1);
        assert_eq!(p.missed[0].strategy_id, "OLD");
        assert_eq!(
            p.missed[0].held_by.as_deref(),
            Some("jobs = 1 backups already run on this node")
        );
    }
}
