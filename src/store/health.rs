//! Each strategy's recent history, for `status`.

use chrono::{DateTime, Utc};

use super::Store;

/// One strategy's recent history, for `status`.
#[derive(Clone, Debug, Default)]
pub struct Health {
    pub node: String,
    pub strategy_id: String,
    pub connection: String,
    pub priority: String,
    pub alive: bool,
    pub last_run_at: Option<DateTime<Utc>>,
    pub last_status: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub failures: u64,
    pub misses: u64,
}

impl Store {
    /// Every strategy in the store with its last run, last success, and failures and misses
    /// scheduled at or after `since`.
    pub fn health(&mut self, since: DateTime<Utc>) -> anyhow::Result<Vec<Health>> {
        let mut out: Vec<Health> = self
            .query(
                "list strategies",
                "SELECT node, strategy_id, connection, priority, alive FROM strategy ORDER BY node, strategy_id",
                &[],
            )?
            .iter()
            .map(|r| Health {
                node: r.text(0),
                strategy_id: r.text(1),
                connection: r.text(2),
                priority: r.text(3),
                alive: r.int(4) != 0,
                ..Default::default()
            })
            .collect();
        let index: std::collections::HashMap<(String, String), usize> = out
            .iter()
            .enumerate()
            .map(|(i, h)| ((h.node.clone(), h.strategy_id.clone()), i))
            .collect();
        let counts = self.query(
            "count recent failures",
            "SELECT node, strategy_id, \
               SUM(CASE WHEN status IN ('failed', 'timed_out', 'interrupted') AND scheduled_for >= ? THEN 1 ELSE 0 END), \
               SUM(CASE WHEN status = 'missed' AND scheduled_for >= ? THEN 1 ELSE 0 END), \
               MAX(CASE WHEN status = 'succeeded' THEN scheduled_for END) \
             FROM run GROUP BY node, strategy_id",
            &[since.into(), since.into()],
        )?;
        for r in &counts {
            if let Some(i) = index.get(&(r.text(0), r.text(1))) {
                out[*i].failures = r.int(2) as u64;
                out[*i].misses = r.int(3) as u64;
                out[*i].last_success_at = r.opt_time(4)?;
            }
        }
        let last = self.query(
            "read last runs",
            "SELECT r.node, r.strategy_id, r.scheduled_for, r.status FROM run r \
             JOIN (SELECT node, strategy_id, MAX(scheduled_for) AS latest FROM run WHERE status <> 'skipped' GROUP BY node, strategy_id) x \
               ON r.node = x.node AND r.strategy_id = x.strategy_id AND r.scheduled_for = x.latest",
            &[],
        )?;
        for r in &last {
            if let Some(i) = index.get(&(r.text(0), r.text(1))) {
                out[*i].last_run_at = r.opt_time(2)?;
                out[*i].last_status = r.opt_text(3);
            }
        }
        Ok(out)
    }
}
