//! Runs: claims under the occurrence key and the node's limits, ends, logs, errors, listings.

use chrono::{DateTime, Utc};

use super::{db_err, Backend, DbError, Listing, Store, Value};
use crate::error::store as store_error;
use crate::model::{Limits, NewRun, RunEnd, RunStatus, Runnable, Trigger};
use crate::units::{within_bytes, MAX_TEXT_BYTES};

/// An occurrence recorded ahead of the clock (see [`Store::release_ahead`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Released {
    pub strategy_id: String,
    pub scheduled_for: DateTime<Utc>,
    pub status: RunStatus,
}

impl From<RunStatus> for Value {
    fn from(v: RunStatus) -> Self {
        Value::Text(v.as_str().to_string())
    }
}

impl From<Trigger> for Value {
    fn from(v: Trigger) -> Self {
        Value::Text(v.as_str().to_string())
    }
}

/// A run as listed by `logs`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RunRow {
    pub run_id: String,
    pub strategy_id: String,
    pub connection: Option<String>,
    pub node: String,
    pub scheduled_for: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub status: RunStatus,
    pub exit_code: Option<i64>,
    pub trigger: Trigger,
    /// Lines with a code RMAN printed outside an error stack.
    pub warnings: Vec<String>,
    /// Backup pieces RMAN reported written.
    pub pieces: Option<u64>,
    /// From start to end.
    pub duration_secs: Option<i64>,
}

/// An error as listed by `errors`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorRow {
    pub strategy_id: Option<String>,
    pub run_id: Option<String>,
    pub node: String,
    pub moment: DateTime<Utc>,
    pub message: String,
    pub codes: Vec<String>,
}

/// Filters of `logs`.
#[derive(Clone, Debug, Default)]
pub struct RunFilter {
    pub strategy: Option<String>,
    pub connection: Option<String>,
    pub node: Option<String>,
    pub status: Option<RunStatus>,
    pub since: Option<DateTime<Utc>>,
    pub run_id: Option<String>,
    pub limit: Option<u64>,
}

/// Filters of `errors`.
#[derive(Clone, Debug, Default)]
pub struct ErrorFilter {
    pub strategy: Option<String>,
    pub connection: Option<String>,
    pub node: Option<String>,
    /// One RMAN-/ORA- code, upper case.
    pub code: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
}

/// The occurrence was claimed by another tick first.
#[derive(Debug, thiserror::Error)]
#[error("already claimed")]
struct AlreadyClaimed;

/// A run still marked `running`, with what tells whether its owner is alive.
#[derive(Clone, Debug)]
pub struct RunningRun {
    pub run_id: String,
    pub strategy_id: String,
    pub scheduled_for: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub host: Option<String>,
    pub pid: Option<i64>,
    pub owner_lock: Option<String>,
    pub connection: Option<String>,
}

/// An error to record with a run.
#[derive(Clone, Debug)]
pub struct NewError<'a> {
    pub message: &'a str,
    pub codes: &'a [String],
}

/// What [`Store::claim_start`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The run row is in, `running`: start it.
    Claimed,
    /// Another process claimed this occurrence first: nothing to do.
    Taken,
    /// The strategy's previous run is still running.
    StrategyRunning {
        run_id: String,
        scheduled_for: DateTime<Utc>,
    },
    /// A limit is reached; the text says which. `node_wide` when it is `jobs` (nothing else can
    /// start either), not `per_connection`.
    Full { why: String, node_wide: bool },
}

/// Warnings as stored: one per line, whole lines within what every store keeps (4,000 bytes).
fn warnings_text(warnings: &[String]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let mut text = String::new();
    for w in warnings {
        let clean = w.replace('\0', "\u{FFFD}");
        let line = within_bytes(&clean, 500);
        if text.len() + line.len() + 1 > MAX_TEXT_BYTES {
            break;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
    }
    Some(text)
}

fn claim_what(run: &NewRun) -> String {
    format!(
        "claim {} at {}",
        run.strategy_id,
        crate::units::to_db_time(run.scheduled_for)
    )
}

/// Insert a run row; a unique violation becomes [`AlreadyClaimed`] (the transaction is then
/// rolled back: PostgreSQL refuses anything more in it).
fn insert_run(db: &mut dyn Backend, run: &NewRun, now: DateTime<Utc>) -> anyhow::Result<()> {
    let inserted = db.execute(
        "INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, host, pid, owner_lock) VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?)",
        &[
            run.run_id.as_str().into(),
            run.node.as_str().into(),
            run.strategy_id.as_str().into(),
            run.scheduled_for.into(),
            (run.status != RunStatus::Running).then_some(now).into(),
            run.status.into(),
            run.trigger.into(),
            run.host.clone().into(),
            run.pid.map(i64::from).into(),
            run.owner_lock.clone().into(),
        ],
    );
    match inserted {
        Ok(_) => Ok(()),
        Err(DbError::Conflict(_)) => Err(AlreadyClaimed.into()),
        Err(e) => Err(db_err(format!("failed to {}", claim_what(run)), e)),
    }
}

/// Lock the node's record for the transaction, by a change that changes nothing: the row lock on
/// PostgreSQL and Oracle (SQLite's BEGIN IMMEDIATE already serialises writers). Claims take it
/// to count running runs one after the other, and so does every check of what runs that a
/// change must not race.
pub(super) fn lock_node(db: &mut dyn Backend, node: &str) -> Result<u64, DbError> {
    db.execute(
        "UPDATE node SET timezone = timezone WHERE node = ?",
        &[node.into()],
    )
}

/// The one log row of a run: RMAN's output, or why the run did not happen (none when empty).
fn insert_log(
    db: &mut dyn Backend,
    (run_id, node, strategy_id): (&str, &str, &str),
    moment: DateTime<Utc>,
    text: &str,
) -> anyhow::Result<()> {
    let err = |e| db_err(format!("failed to record the log of run {run_id}"), e);
    let key = [
        run_id.into(),
        node.into(),
        strategy_id.into(),
        moment.into(),
    ];
    if text.is_empty() {
        db.execute(
            "INSERT INTO log (run_id, node, strategy_id, moment, log) VALUES (?, ?, ?, ?, NULL)",
            &key,
        )
        .map_err(err)?;
    } else {
        db.insert_with_text(
            "log",
            &["run_id", "node", "strategy_id", "moment", "log"],
            &key,
            text,
        )
        .map_err(err)?;
    }
    Ok(())
}

pub(super) fn insert_error(
    db: &mut dyn Backend,
    run: Option<&str>,
    node: &str,
    strategy: Option<&str>,
    at: DateTime<Utc>,
    e: &NewError<'_>,
) -> anyhow::Result<()> {
    // Within the columns' bytes (VARCHAR2(1000) and VARCHAR2(4000) on Oracle): the start is kept,
    // where the codes and the first cause are.
    let codes = (!e.codes.is_empty()).then(|| within_bytes(&e.codes.join(","), 1000).into_owned());
    let message = within_bytes(e.message, MAX_TEXT_BYTES).into_owned();
    db.execute(
        "INSERT INTO error (error_id, run_id, node, strategy_id, moment, message, codes) VALUES (?, ?, ?, ?, ?, ?, ?)",
        &[
            crate::units::new_id("E", at).into(),
            run.into(),
            node.into(),
            strategy.into(),
            at.into(),
            message.into(),
            codes.into(),
        ],
    )
    .map_err(|e| db_err("failed to record an error", e))?;
    Ok(())
}

impl Store {
    /// Runs, newest first.
    pub fn runs(&mut self, f: &RunFilter) -> anyhow::Result<Vec<RunRow>> {
        let mut q = Listing::new(
            "SELECT r.run_id, r.strategy_id, s.connection, r.node, r.scheduled_for, r.started_at, r.finished_at, r.status, r.exit_code, r.run_trigger, r.warnings, r.pieces \
             FROM run r LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id",
        );
        q.and(" AND r.run_id = ?", f.run_id.as_ref())
            .and(" AND r.strategy_id = ?", f.strategy.as_ref())
            .and(" AND s.connection = ?", f.connection.as_ref())
            .and(" AND r.node = ?", f.node.as_ref())
            .and(" AND r.status = ?", f.status)
            .and(" AND r.scheduled_for >= ?", f.since);
        let (sql, params) = q.finish(
            " ORDER BY r.scheduled_for DESC, r.run_id DESC",
            f.limit,
            self.dialect(),
        );
        let rows = self.query("list runs", &sql, &params)?;
        rows.iter()
            .map(|r| {
                let started_at: Option<DateTime<Utc>> = r.get("started_at")?;
                let finished_at: Option<DateTime<Utc>> = r.get("finished_at")?;
                Ok(RunRow {
                    run_id: r.get("run_id")?,
                    strategy_id: r.get("strategy_id")?,
                    connection: r.get("connection")?,
                    node: r.get("node")?,
                    scheduled_for: r.get("scheduled_for")?,
                    started_at,
                    finished_at,
                    status: r.get("status")?,
                    exit_code: r.get("exit_code")?,
                    trigger: r.get("run_trigger")?,
                    warnings: r
                        .get::<Option<String>>("warnings")?
                        .map(|w| w.lines().map(str::to_string).collect())
                        .unwrap_or_default(),
                    pieces: r.get("pieces")?,
                    duration_secs: match (started_at, finished_at) {
                        (Some(s), Some(f)) => Some((f - s).num_seconds()),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    /// The ids of at most two runs whose random part (after the id's last `-`) starts with the
    /// lower-case hex digits `prefix`: a scan of the run ids, done only for a short id.
    pub fn runs_abbreviated(&mut self, prefix: &str) -> anyhow::Result<Vec<String>> {
        debug_assert!(prefix.bytes().all(|b| b.is_ascii_hexdigit()));
        let sql = format!(
            "SELECT run_id FROM run WHERE run_id LIKE ? ORDER BY run_id{}",
            super::limit_clause(self.dialect(), 2)
        );
        let rows = self.query(
            "look up a short run id",
            &sql,
            &[format!("%-{prefix}%").into()],
        )?;
        rows.iter().map(|r| r.get("run_id")).collect()
    }

    /// The stored log of one run.
    pub fn run_log(&mut self, run_id: &str) -> anyhow::Result<Option<String>> {
        let rows = self.query(
            "read the run's log",
            "SELECT log FROM log WHERE run_id = ?",
            &[run_id.into()],
        )?;
        rows.first().map(|r| r.get("log")).transpose()
    }

    /// Errors, newest first.
    pub fn errors(&mut self, f: &ErrorFilter) -> anyhow::Result<Vec<ErrorRow>> {
        let mut q =
            Listing::new("SELECT strategy_id, run_id, node, moment, message, codes FROM error");
        // Codes are stored comma-separated: `RMAN-03009,ORA-19502`.
        let code = f.code.as_ref().map(|c| format!("%,{c},%"));
        q.and(" AND strategy_id = ?", f.strategy.as_ref())
            .and(
                " AND EXISTS (SELECT 1 FROM strategy s WHERE s.node = error.node \
                 AND s.strategy_id = error.strategy_id AND s.connection = ?)",
                f.connection.as_ref(),
            )
            .and(" AND node = ?", f.node.as_ref())
            .and(" AND (',' || codes || ',') LIKE ?", code.as_ref())
            .and(" AND moment >= ?", f.since);
        let (sql, params) = q.finish(
            " ORDER BY moment DESC, run_id DESC, error_id DESC",
            f.limit,
            self.dialect(),
        );
        let rows = self.query("list errors", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(ErrorRow {
                    strategy_id: r.get("strategy_id")?,
                    run_id: r.get("run_id")?,
                    node: r.get("node")?,
                    moment: r.get("moment")?,
                    message: r.get("message")?,
                    codes: r
                        .get::<Option<String>>("codes")?
                        .map(|c| {
                            c.split(',')
                                .filter(|s| !s.is_empty())
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default(),
                })
            })
            .collect()
    }
    /// This node's last tick, if it ever ticked.
    pub fn last_tick(&mut self, node: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
        let rows = self.query(
            "read the last tick",
            "SELECT last_tick FROM node WHERE node = ?",
            &[node.into()],
        )?;
        match rows.first() {
            Some(r) => r.get("last_tick"),
            None => Ok(None),
        }
    }

    /// Make sure this node has its record (the row claims lock to count running runs).
    pub fn ensure_node(&mut self, node: &str, timezone: &str) -> anyhow::Result<()> {
        let found = self.query(
            "read the node record",
            "SELECT 1 FROM node WHERE node = ?",
            &[node.into()],
        )?;
        if !found.is_empty() {
            return Ok(());
        }
        match self.db.execute(
            "INSERT INTO node (node, timezone) VALUES (?, ?)",
            &[node.into(), timezone.into()],
        ) {
            // Another process made it first: just as good.
            Ok(_) | Err(DbError::Conflict(_)) => Ok(()),
            Err(e) => Err(db_err(format!("failed to record node {node}"), e)),
        }
    }

    /// Record a tick at `at` and the node's time zone. The last tick never moves backwards,
    /// except from a time ahead of the wall clock `now` (a clock that was wrong and was set right).
    pub fn record_tick(
        &mut self,
        node: &str,
        timezone: &str,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.tx("record the tick", |db| {
            let err = |e| db_err(format!("failed to record the tick of node {node}"), e);
            let updated = db
                .execute(
                    "UPDATE node SET last_tick = CASE WHEN last_tick IS NULL OR last_tick < ? OR last_tick > ? THEN ? ELSE last_tick END, timezone = ?, last_seen = ? WHERE node = ?",
                    &[at.into(), now.into(), at.into(), timezone.into(), now.into(), node.into()],
                )
                .map_err(err)?;
            if updated == 0 {
                db.execute(
                    "INSERT INTO node (node, timezone, last_tick, last_seen) VALUES (?, ?, ?, ?)",
                    &[node.into(), timezone.into(), at.into(), now.into()],
                )
                .map_err(err)?;
            }
            Ok(())
        })
    }

    /// The script a run ran, as it was at its start; `None` for a run that ran none (missed,
    /// skipped) or was recorded before runs kept their scripts.
    pub fn run_script(&mut self, run_id: &str) -> anyhow::Result<Option<Vec<String>>> {
        let rows = self.query(
            "read the run's script",
            "SELECT script FROM run WHERE run_id = ?",
            &[run_id.into()],
        )?;
        let script: Option<String> = rows.first().map(|r| r.get("script")).transpose()?.flatten();
        Ok(script.map(|s| s.lines().map(str::to_string).collect()))
    }

    /// Give back the occurrences after `wall` that a tick whose clock was ahead recorded without
    /// running anything (`missed`, `skipped`), with their logs and errors, so that each runs when
    /// it is really due. Returns them, and apart the runs after `wall` that did run (RMAN ran
    /// them: their records stay, and their occurrences do not run again).
    pub fn release_ahead(
        &mut self,
        node: &str,
        wall: DateTime<Utc>,
    ) -> anyhow::Result<(Vec<Released>, Vec<Released>)> {
        let unrun = RunStatus::sql_list(&RunStatus::UNRUN);
        let ahead = "FROM run WHERE node = ? AND scheduled_for > ?";
        let p = [node.into(), wall.into()];
        self.tx("give back occurrences claimed ahead of the clock", |db| {
            let err = |e| db_err("failed to give back occurrences claimed ahead of the clock", e);
            let rows = db
                .query(
                    &format!("SELECT run_id, strategy_id, scheduled_for, status {ahead} ORDER BY scheduled_for, strategy_id"),
                    &p,
                )
                .map_err(err)?;
            let (mut released, mut kept) = (Vec::new(), Vec::new());
            for r in &rows {
                let one = Released {
                    strategy_id: r.get("strategy_id")?,
                    scheduled_for: r.get("scheduled_for")?,
                    status: r.get("status")?,
                };
                if RunStatus::UNRUN.contains(&one.status) {
                    released.push(one);
                } else {
                    kept.push(one);
                }
            }
            if !released.is_empty() {
                let mine = format!("SELECT run_id {ahead} AND status IN ({unrun})");
                for table in ["error", "log"] {
                    db.execute(&format!("DELETE FROM {table} WHERE run_id IN ({mine})"), &p)
                        .map_err(err)?;
                }
                db.execute(&format!("DELETE {ahead} AND status IN ({unrun})"), &p)
                    .map_err(err)?;
            }
            Ok((released, kept))
        })
    }

    /// Whether the store takes writes, by a change that changes nothing, rolled back: a store
    /// that answers reads but refuses writes (a read-only file, a PostgreSQL standby, a
    /// read-only transaction default) claims and records no run.
    pub fn can_write(&mut self, node: &str) -> anyhow::Result<()> {
        let probe = self
            .db
            .begin()
            .and_then(|()| lock_node(self.db.as_mut(), node));
        let _ = self.db.rollback();
        probe
            .map(|_| ())
            .map_err(|e| db_err(format!("store {} takes no writes", self.describe()), e))
    }

    /// Whether an occurrence already has its run row.
    fn occurrence_taken(&mut self, run: &NewRun) -> anyhow::Result<bool> {
        let rows = self.query(
            "look up an occurrence",
            "SELECT 1 FROM run WHERE strategy_id = ? AND node = ? AND scheduled_for = ?",
            &[
                run.strategy_id.as_str().into(),
                run.node.as_str().into(),
                run.scheduled_for.into(),
            ],
        )?;
        Ok(!rows.is_empty())
    }

    /// Run `attempt` (one transaction that inserts `run`) until it lands or the occurrence is
    /// found taken. A unique violation means "claimed" only when the occurrence key is the one
    /// taken: a run id met twice gets a fresh id and another attempt.
    fn claim_with<T>(
        &mut self,
        run: &mut NewRun,
        taken: T,
        mut attempt: impl FnMut(&mut Self, &NewRun) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        for _ in 0..5 {
            match attempt(self, run) {
                Err(e) if e.is::<AlreadyClaimed>() => {
                    if self.occurrence_taken(run)? {
                        return Ok(taken);
                    }
                    run.run_id = crate::units::new_id("", run.scheduled_for);
                }
                other => return other,
            }
        }
        Err(store_error(format!(
            "failed to claim {} at {}: the store kept refusing new run ids",
            run.strategy_id,
            crate::units::to_db_time(run.scheduled_for)
        )))
    }

    /// Insert a run row under the occurrence's unique key, with its note and error if any, in
    /// one transaction. Returns false, writing nothing, when the occurrence is already claimed.
    pub fn claim(
        &mut self,
        run: &mut NewRun,
        note: Option<&str>,
        error: Option<NewError<'_>>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        self.claim_with(run, false, |store, run| {
            store.tx(&claim_what(run), |db| {
                insert_run(db, run, now)?;
                if let Some(note) = note {
                    insert_log(db, run.key(), now, &format!("[backupctl: {note}]\n"))?;
                }
                if let Some(e) = &error {
                    insert_error(
                        db,
                        Some(&run.run_id),
                        &run.node,
                        Some(&run.strategy_id),
                        now,
                        e,
                    )?;
                }
                Ok(true)
            })
        })
    }

    /// Claim an occurrence to start it now, within the node's limits as the store sees them:
    /// every `running` run of the node counts, whichever process started it. The node's record
    /// is locked for the transaction, so concurrent claims count one after the other.
    pub fn claim_start(
        &mut self,
        run: &mut NewRun,
        connection: &str,
        limits: Limits,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Claim> {
        // The claim is the at-most-once promise: it must outlive a power cut, or the occurrence
        // could run again after the reboot.
        self.db
            .durable(true)
            .map_err(|e| db_err("failed to make the claim durable", e))?;
        let claimed = self.claim_start_tx(run, connection, limits, now);
        let _ = self.db.durable(false);
        claimed
    }

    fn claim_start_tx(
        &mut self,
        run: &mut NewRun,
        connection: &str,
        limits: Limits,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Claim> {
        self.claim_with(run, Claim::Taken, |store, run| {
            store.tx(&claim_what(run), |db| {
                let what = claim_what(run);
                let err = |e| db_err(format!("failed to {what}"), e);
                lock_node(db, &run.node).map_err(err)?;
                let taken = db
                    .query(
                        "SELECT 1 FROM run WHERE strategy_id = ? AND node = ? AND scheduled_for = ?",
                        &[run.strategy_id.as_str().into(), run.node.as_str().into(), run.scheduled_for.into()],
                    )
                    .map_err(err)?;
                if !taken.is_empty() {
                    return Ok(Claim::Taken);
                }
                let running = db
                    .query(
                        &format!(
                            "SELECT r.run_id, r.strategy_id, s.connection, r.scheduled_for FROM run r \
                             LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
                             WHERE r.node = ? AND r.status = {}",
                            RunStatus::Running.sql()
                        ),
                        &[run.node.as_str().into()],
                    )
                    .map_err(err)?;
                let running = running
                    .iter()
                    .map(|r| {
                        Ok((
                            r.get::<String>("run_id")?,
                            r.get::<String>("strategy_id")?,
                            r.get::<Option<String>>("connection")?,
                            r.get::<DateTime<Utc>>("scheduled_for")?,
                        ))
                    })
                    .collect::<anyhow::Result<Vec<_>>>()?;
                if let Some((run_id, _, _, at)) = running.iter().find(|r| r.1 == run.strategy_id) {
                    return Ok(Claim::StrategyRunning {
                        run_id: run_id.clone(),
                        scheduled_for: *at,
                    });
                }
                let on_conn = running
                    .iter()
                    .filter(|r| r.2.as_deref() == Some(connection))
                    .count();
                if let Some((why, node_wide)) = limits.refusal(running.len(), connection, on_conn) {
                    return Ok(Claim::Full { why, node_wide });
                }
                insert_run(db, run, now)?;
                Ok(Claim::Claimed)
            })
        })
    }

    /// The moment RMAN really started for a claimed run, and the script it runs (the strategy's
    /// lines then).
    pub fn mark_started(
        &mut self,
        run_id: &str,
        at: DateTime<Utc>,
        script: &[String],
    ) -> anyhow::Result<()> {
        let script = Value::Text(script.join("\n"));
        self.tx(&format!("mark run {run_id} started"), |db| {
            db.execute(
                "UPDATE run SET started_at = ?, script = ?, rev = rev + 1, pushed = 0 WHERE run_id = ?",
                &[at.into(), script, run_id.into()],
            )
            .map_err(|e| db_err(format!("failed to mark run {run_id} started"), e))?;
            Ok(())
        })
    }

    /// Record a run's end: status, exit code, log and error, in one transaction. The real end
    /// wins over an `interrupted` mark made while it could not be written (its error goes);
    /// any other finished status stays, and the log is still kept.
    pub fn finish_run(&mut self, end: &RunEnd) -> anyhow::Result<()> {
        let run_id = end.run_id.as_str();
        self.tx(&format!("record the end of run {run_id}"), |db| {
            let err = |e| db_err(format!("failed to record the end of run {run_id}"), e);
            let was = db
                .query("SELECT status FROM run WHERE run_id = ?", &[run_id.into()])
                .map_err(err)?;
            let was: Option<RunStatus> = was.first().map(|r| r.get("status")).transpose()?;
            if was == Some(RunStatus::Interrupted) {
                db.execute("DELETE FROM error WHERE run_id = ?", &[run_id.into()])
                    .map_err(err)?;
            }
            db.execute(
                &format!("UPDATE run SET status = ?, exit_code = ?, started_at = ?, finished_at = ?, warnings = ?, pieces = ?, rev = rev + 1, pushed = 0 WHERE run_id = ? AND status IN ({})", RunStatus::sql_list(&[RunStatus::Running, RunStatus::Interrupted])),
                &[end.status.into(), end.exit_code.into(), end.started_at.into(), end.finished_at.into(), warnings_text(&end.warnings).into(), end.pieces.map(|p| p as i64).into(), run_id.into()],
            )
            .map_err(err)?;
            let done = db
                .query("SELECT 1 FROM log WHERE run_id = ?", &[run_id.into()])
                .map_err(err)?;
            if done.is_empty() {
                insert_log(db, (run_id, &end.node, &end.strategy_id), end.finished_at, &end.log)?;
                if let Some(e) = &end.error {
                    let e = NewError { message: &e.message, codes: &e.codes };
                    insert_error(db, Some(run_id), &end.node, Some(&end.strategy_id), end.finished_at, &e)?;
                }
            }
            Ok(())
        })
    }

    /// Runs of `node` still marked `running`.
    pub fn running_runs(&mut self, node: &str) -> anyhow::Result<Vec<RunningRun>> {
        let rows = self.query(
            "list running runs",
            &format!(
                "SELECT r.run_id, r.strategy_id, r.scheduled_for, r.started_at, r.host, r.pid, r.owner_lock, s.connection FROM run r \
                 LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
                 WHERE r.node = ? AND r.status = {}",
                RunStatus::Running.sql()
            ),
            &[node.into()],
        )?;
        rows.iter()
            .map(|r| {
                Ok(RunningRun {
                    run_id: r.get("run_id")?,
                    strategy_id: r.get("strategy_id")?,
                    scheduled_for: r.get("scheduled_for")?,
                    started_at: r.get("started_at")?,
                    host: r.get("host")?,
                    pid: r.get("pid")?,
                    owner_lock: r.get("owner_lock")?,
                    connection: r.get("connection")?,
                })
            })
            .collect()
    }

    /// Mark a `running` run whose owner is gone as `interrupted`, with an error. Returns false
    /// when it was no longer running.
    pub fn interrupt_run(
        &mut self,
        run: &RunningRun,
        node: &str,
        message: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        self.tx(&format!("mark run {} interrupted", run.run_id), |db| {
            let n = db
                .execute(
                    &format!(
                        "UPDATE run SET status = {}, finished_at = ?, rev = rev + 1, pushed = 0 WHERE run_id = ? AND status = {}",
                        RunStatus::Interrupted.sql(),
                        RunStatus::Running.sql()
                    ),
                    &[now.into(), run.run_id.as_str().into()],
                )
                .map_err(|e| db_err(format!("failed to mark run {} interrupted", run.run_id), e))?;
            if n == 0 {
                return Ok(false);
            }
            insert_error(db, Some(&run.run_id), node, Some(&run.strategy_id), now, &NewError { message, codes: &[] })?;
            Ok(true)
        })
    }

    /// Strategies of `node` with their lines and connections, alive or not.
    pub fn runnables(&mut self, node: &str, ids: &[String]) -> anyhow::Result<Vec<Runnable>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(strategy) = self.strategy(node, id)? else {
                continue;
            };
            let Some(connection) = self.connection(node, &strategy.connection)? else {
                continue;
            };
            out.push(Runnable {
                strategy,
                connection,
            });
        }
        Ok(out)
    }
}
