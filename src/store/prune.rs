//! Removing old history, keeping what must stay.

use chrono::{DateTime, Utc};

use super::{db_err, Backend, Store, Value};
use crate::model::RunStatus;

/// What `prune` removed (or would remove).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pruned {
    pub runs: u64,
    pub logs: u64,
    pub errors: u64,
}

/// Runs `prune` may delete: finished, older than the cutoff, not a strategy's latest success and,
/// on a slave, already on the master. Each strategy's latest success is its summary row (kind
/// `success` in run_latest, on every database).
fn doomed_runs() -> String {
    let latest_successes = "SELECT run_id FROM run_latest WHERE kind = 'success'";
    format!(
        "SELECT run_id FROM run WHERE scheduled_for < ? AND status <> {running} AND pushed >= ? \
         AND run_id NOT IN ({latest_successes})",
        running = RunStatus::Running.sql()
    )
}

impl Store {
    /// Delete runs, their logs and errors older than `cutoff` in one transaction, always keeping
    /// each strategy's latest successful run and every run still running. With `keep_unpushed`
    /// (a slave), rows the master does not have yet are kept too. With `dry_run`, only count.
    pub fn prune(
        &mut self,
        cutoff: DateTime<Utc>,
        keep_unpushed: bool,
        dry_run: bool,
    ) -> anyhow::Result<Pruned> {
        let min_pushed = Value::Int(i64::from(keep_unpushed));
        let p = [cutoff.into(), min_pushed.clone()];
        let orphan_errors = "FROM error WHERE run_id IS NULL AND moment < ? AND pushed >= ?";
        let doomed = doomed_runs();
        self.tx("prune", |db| {
            let err = |e| db_err("failed to prune", e);
            let count = |db: &mut dyn Backend, sql: String| -> anyhow::Result<u64> {
                let rows = db.query(&sql, &p).map_err(err)?;
                rows.first().map_or(Ok(0), |r| r.get("n"))
            };
            let pruned = Pruned {
                runs: count(db, format!("SELECT COUNT(*) AS n FROM ({doomed}) d"))?,
                logs: count(
                    db,
                    format!("SELECT COUNT(*) AS n FROM log WHERE run_id IN ({doomed})"),
                )?,
                errors: count(
                    db,
                    format!("SELECT COUNT(*) AS n FROM error WHERE run_id IN ({doomed})"),
                )? + count(db, format!("SELECT COUNT(*) AS n {orphan_errors}"))?,
            };
            if !dry_run {
                db.execute(&format!("DELETE FROM error WHERE run_id IN ({doomed})"), &p)
                    .map_err(err)?;
                db.execute(&format!("DELETE {orphan_errors}"), &p)
                    .map_err(err)?;
                db.execute(&format!("DELETE FROM log WHERE run_id IN ({doomed})"), &p)
                    .map_err(err)?;
                // The doomed set is read from run itself: delete through a materialised list.
                let ids = db.query(&doomed, &p).map_err(err)?;
                for chunk in ids.chunks(500) {
                    let marks = vec!["?"; chunk.len()].join(", ");
                    let params = chunk
                        .iter()
                        .map(|r| r.get::<String>("run_id").map(Value::Text))
                        .collect::<anyhow::Result<Vec<Value>>>()?;
                    db.execute(
                        &format!("DELETE FROM run WHERE run_id IN ({marks})"),
                        &params,
                    )
                    .map_err(err)?;
                }
            }
            Ok(pruned)
        })
    }
}
