//! The fleet: a slave pushes its store to the master, and the master reports every occurrence a
//! node was expected to run but has no run for.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::profile::Profile;
use crate::runner::Report;
use crate::schedule::{candidate_minutes, minute_of, occurrences_between};
use crate::store::sync::{Batch, Counts, Synced, CONNECTIONS, ERRORS, LOGS, RUNS, STRATEGIES};
use crate::store::{self, NewError, NewRun, Store, StoreUrl, Which};
use crate::units::{local_minute, new_id};

/// Rows per master transaction.
const BATCH: u64 = 1000;
/// Logs are large: fewer per transaction, and no more than this many bytes of them at once.
const LOG_BATCH: u64 = 200;
const LOG_BATCH_BYTES: u64 = 32 << 20;

/// What a push did.
#[derive(Debug, Default, Serialize)]
pub struct PushReport {
    pub master: String,
    pub pushed: Counts,
    pub pending: Counts,
    /// Why the push stopped early, if it did.
    pub error: Option<String>,
}

/// Push everything of this node the master does not have yet. Never fails: a master that is
/// down leaves the rows marked unpushed for the next push, and the report says why.
pub fn push(local: &mut Store, profile: &Profile, now: DateTime<Utc>) -> PushReport {
    let Some(master_url) = &profile.master else {
        return PushReport {
            error: Some("no master is configured (set master in the profile)".into()),
            ..Default::default()
        };
    };
    let mut report = PushReport {
        master: master_url.to_string(),
        ..Default::default()
    };
    if let Err(e) = push_all(local, master_url, profile, now, &mut report.pushed) {
        report.error = Some(crate::error::one_line(&e));
    }
    match local.pending(&profile.node) {
        Ok(p) => report.pending = p,
        Err(e) => {
            report.error.get_or_insert(crate::error::one_line(&e));
        }
    }
    report
}

fn push_all(
    local: &mut Store,
    url: &StoreUrl,
    profile: &Profile,
    now: DateTime<Utc>,
    pushed: &mut Counts,
) -> anyhow::Result<()> {
    let node = profile.node.as_str();
    let mut master = store::open_as(url, Which::Master)?;
    // Definitions first: runs refer to strategies, strategies to connections.
    push_table(
        local,
        &mut master,
        &CONNECTIONS,
        node,
        BATCH,
        &mut pushed.connections,
    )?;
    push_table(
        local,
        &mut master,
        &STRATEGIES,
        node,
        BATCH,
        &mut pushed.strategies,
    )?;
    push_table(local, &mut master, &RUNS, node, BATCH, &mut pushed.runs)?;
    push_table(local, &mut master, &LOGS, node, LOG_BATCH, &mut pushed.logs)?;
    push_table(local, &mut master, &ERRORS, node, BATCH, &mut pushed.errors)?;
    // The node record last: a last tick on the master means that tick's runs are there too.
    let last_tick = local.last_tick(node)?;
    master.receive_node(node, profile.timezone.name(), last_tick, now)?;
    Ok(())
}

fn push_table(
    local: &mut Store,
    master: &mut Store,
    spec: &'static Synced,
    node: &str,
    limit: u64,
    count: &mut u64,
) -> anyhow::Result<()> {
    loop {
        let limit = if spec.table == "log" {
            local.logs_within(node, limit, LOG_BATCH_BYTES)?
        } else {
            limit
        };
        let batch: Batch<'_> = local.unpushed(spec, node, limit)?;
        if batch.is_empty() {
            return Ok(());
        }
        let mut children = Vec::new();
        if spec.table == "strategy" {
            for row in &batch.rows {
                children.push(local.strategy_children(node, &row.text(1))?);
            }
        }
        // On the master first, then marked here: a push cut off in between sends the batch
        // again, and the master's upserts keep each row once.
        master.receive(&batch, &children)?;
        local.mark_pushed(&batch)?;
        *count += batch.len() as u64;
        if (batch.len() as u64) < limit {
            return Ok(());
        }
    }
}

/// Master side, at each tick: for every other node, occurrences of its live frequencies since
/// the last check and up to `now − monitor_grace` that have no run are recorded `missed`, once.
/// A node silent for longer than the grace period is reported once per silence.
pub fn check_nodes(
    master: &mut Store,
    profile: &Profile,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Report>> {
    let until = minute_of(now) - Duration::seconds(profile.monitor_grace_secs as i64);
    let mut reports = Vec::new();
    for n in master.nodes()? {
        if n.node == profile.node {
            continue;
        }
        let tz: Tz = n.timezone.parse().unwrap_or(Tz::UTC);
        let after = n.last_check.unwrap_or(until - Duration::minutes(1));
        if after < until {
            let freqs =
                master.live_frequencies(&n.node, candidate_minutes(tz, after, until).as_deref())?;
            for occ in occurrences_between(&freqs, tz, after, until) {
                let seen = n
                    .last_seen
                    .map(|t| local_minute(t, tz))
                    .unwrap_or_else(|| "never".into());
                let message = format!(
                    "node {}: {} was due at {} ({tz}) and has no run on the master (node last seen {seen})",
                    n.node,
                    occ.strategy_id,
                    local_minute(occ.at, tz)
                );
                let run = NewRun {
                    run_id: new_id("", occ.at),
                    node: n.node.clone(),
                    strategy_id: occ.strategy_id.clone(),
                    scheduled_for: occ.at,
                    status: "missed",
                    trigger: "monitor",
                    host: None,
                    pid: None,
                    owner_lock: None,
                };
                let error = NewError {
                    message: &message,
                    codes: &[],
                };
                if master.claim(&run, Some(&message), Some(error), now)? {
                    reports.push(Report::unstarted(
                        Some(run.run_id),
                        occ.strategy_id,
                        occ.at,
                        "missed",
                        message,
                    ));
                }
            }
            master.record_check(&n.node, until)?;
        }
        let silent = n.last_seen.is_none_or(|seen| seen < until);
        if silent && n.silence_reported != n.last_seen {
            let seen = n
                .last_seen
                .map(|t| local_minute(t, tz))
                .unwrap_or_else(|| "never".into());
            let message =
                format!(
                "node {} has stopped pushing to the master: last seen {seen} ({tz}), last tick {}",
                n.node,
                n.last_tick.map(|t| local_minute(t, tz)).unwrap_or_else(|| "never".into())
            );
            if master.report_silence(&n.node, n.last_seen, &message, now)? {
                reports.push(Report::unstarted(
                    None,
                    String::new(),
                    until,
                    "silent",
                    message,
                ));
            }
        }
    }
    Ok(reports)
}
