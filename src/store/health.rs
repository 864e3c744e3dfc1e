//! Each strategy's state as of an instant, for `status`, `check` and the report.
//!
//! The cost follows the number of strategies, not of runs. Each strategy's latest run, latest
//! finished run and latest success are kept in `run_latest` by triggers (SQLite and PostgreSQL
//! schema v7, Oracle v8), one row per strategy and kind; only a strategy whose summary lies after
//! the instant (a report as of the past) is looked up in `run`, by a seek on the covering index
//! (strategy_id, node, scheduled_for, status, run_id) read backwards from the instant. The
//! failures and misses of the window are a range of the scheduled_for index.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{limit_clause, Row, Store, Value};
use crate::model::{Health, LastRun, RunStatus};

/// A run of the report's window, as read (borrowed from the row).
#[derive(Clone, Copy, Debug)]
pub struct WindowRun<'a> {
    pub node: &'a str,
    pub strategy_id: &'a str,
    pub scheduled_for: DateTime<Utc>,
    pub status: RunStatus,
    /// It printed warnings.
    pub warned: bool,
}

/// Where each (node, strategy) is in what [`Store::health`] returned: one hash lookup per row read
/// (a binary search over 10,000 strategies was 7 % of `status` on PostgreSQL).
pub struct Positions {
    at: HashMap<Vec<u8>, usize>,
    /// The key being looked up, built in place.
    key: Vec<u8>,
}

impl Positions {
    pub fn of(list: &[Health]) -> Positions {
        let mut p = Positions {
            at: HashMap::with_capacity(list.len()),
            key: Vec::new(),
        };
        for (i, h) in list.iter().enumerate() {
            let key = p.key_of(&h.node, &h.strategy_id).to_vec();
            p.at.insert(key, i);
        }
        p
    }

    pub fn find(&mut self, node: &str, strategy: &str) -> Option<usize> {
        self.key_of(node, strategy);
        self.at.get(&self.key).copied()
    }

    /// The node's length, the node, then the strategy: no two pairs share a key.
    fn key_of(&mut self, node: &str, strategy: &str) -> &[u8] {
        self.key.clear();
        self.key.extend_from_slice(&node.len().to_le_bytes());
        self.key.extend_from_slice(node.as_bytes());
        self.key.extend_from_slice(strategy.as_bytes());
        &self.key
    }

    /// Where the strategy of a row (with node and strategy_id) is.
    fn of_row(&mut self, r: &Row) -> Option<usize> {
        self.find(r.text_of("node").ok()?, r.text_of("strategy_id").ok()?)
    }
}

/// Which strategies a health read covers: all of them, one node's, or one strategy.
#[derive(Clone, Copy, Default)]
struct Scope<'a> {
    node: Option<&'a str>,
    strategy: Option<&'a str>,
}

impl Scope<'_> {
    /// ` AND <alias>node = ?…` for what is set, to append to a WHERE clause.
    fn sql(&self, alias: &str) -> String {
        let mut out = String::new();
        if self.node.is_some() {
            out.push_str(&format!(" AND {alias}node = ?"));
        }
        if self.strategy.is_some() {
            out.push_str(&format!(" AND {alias}strategy_id = ?"));
        }
        out
    }

    /// The values of [`Scope::sql`]'s placeholders.
    fn params(&self) -> Vec<Value> {
        [self.node, self.strategy]
            .into_iter()
            .flatten()
            .map(Value::from)
            .collect()
    }
}

impl Store {
    /// Every strategy with its runs up to `until` (nothing later counts), and its failures and
    /// misses scheduled in `(since, until]`; sorted by node, then strategy, by bytes (found again
    /// with [`Positions`]).
    pub fn health(
        &mut self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Health>> {
        self.health_where(since, until, Scope::default())
    }

    /// The strategies of one node (`check`), as [`Store::health`] tells them.
    pub fn health_of_node(
        &mut self,
        node: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Health>> {
        let scope = Scope {
            node: Some(node),
            strategy: None,
        };
        self.health_where(since, until, scope)
    }

    /// One strategy's state as [`Store::health`] tells it (`strategy show`), read for it alone.
    pub fn health_of(
        &mut self,
        node: &str,
        strategy: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> anyhow::Result<Option<Health>> {
        let scope = Scope {
            node: Some(node),
            strategy: Some(strategy),
        };
        Ok(self.health_where(since, until, scope)?.pop())
    }

    /// The health of the strategies in `scope`.
    fn health_where(
        &mut self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        scope: Scope<'_>,
    ) -> anyhow::Result<Vec<Health>> {
        let mut out: Vec<Health> = Vec::new();
        self.query_each(
            "list strategies",
            &format!(
                "SELECT s.node, s.strategy_id, s.name, s.connection, s.priority, s.alive, c.alive AS connection_alive, s.max_age_secs, s.created_at \
                 FROM strategy s LEFT JOIN connection c ON c.node = s.node AND c.conn_id = s.connection WHERE 1 = 1{}",
                scope.sql("s.")
            ),
            &scope.params(),
            |r| {
                out.push(Health {
                    node: r.get("node")?,
                    strategy_id: r.get("strategy_id")?,
                    name: r.get("name")?,
                    connection: r.get("connection")?,
                    priority: r.get("priority")?,
                    // A strategy whose connection is gone never runs.
                    alive: r.get::<bool>("alive")?
                        && r.get::<Option<bool>>("connection_alive")?.unwrap_or(false),
                    max_age_secs: r.get("max_age_secs")?,
                    created_at: r.get("created_at")?,
                    ..Default::default()
                });
                Ok(())
            },
        )?;
        // Sorted here, by bytes, whatever the database's collation.
        out.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        let mut positions = Positions::of(&out);
        // The strategies whose latest runs are found by index seeks: those whose summary row
        // lies after `until` (a report as of the past).
        let seek = self.read_summary(&mut out, &mut positions, until, scope)?;
        let not_skipped = format!("x.status <> {}", RunStatus::Skipped.sql());
        if seek.iter().all(|s| *s) {
            for r in self.latest_runs(until, &not_skipped, scope)? {
                if let Some(i) = positions.of_row(&r) {
                    out[i].last_run = Some(last_run(&r)?);
                }
            }
        } else {
            for (h, _) in out.iter_mut().zip(&seek).filter(|(_, s)| **s) {
                h.last_run = self.latest_of(h, until, &not_skipped)?;
            }
        }
        for (h, _) in out.iter_mut().zip(&seek).filter(|(_, s)| **s) {
            self.look_further_back(h, until)?;
        }
        let mut params = vec![since.into(), until.into()];
        params.extend(scope.params());
        let counts = self.query(
            "count recent failures",
            &format!(
                "SELECT node, strategy_id, status, COUNT(*) AS n FROM run \
                 WHERE scheduled_for > ? AND scheduled_for <= ? AND status IN ({}){} \
                 GROUP BY node, strategy_id, status",
                RunStatus::sql_list(&[
                    RunStatus::Failed,
                    RunStatus::TimedOut,
                    RunStatus::Interrupted,
                    RunStatus::Missed
                ]),
                scope.sql("")
            ),
            &params,
        )?;
        for r in &counts {
            if let Some(i) = positions.of_row(r) {
                let n: u64 = r.get("n")?;
                if r.get::<RunStatus>("status")? == RunStatus::Missed {
                    out[i].misses += n;
                } else {
                    out[i].failures += n;
                }
            }
        }
        Ok(out)
    }

    /// Each strategy's latest runs from `run_latest`; returns which strategies still
    /// need a look in `run` (their summary lies after `until`, which therefore does not count).
    fn read_summary(
        &mut self,
        out: &mut [Health],
        positions: &mut Positions,
        until: DateTime<Utc>,
        scope: Scope<'_>,
    ) -> anyhow::Result<Vec<bool>> {
        let mut seek = vec![false; out.len()];
        self.query_each(
            "read the latest runs",
            &format!(
                "SELECT node, strategy_id, run_id, scheduled_for, status, warnings, started_at, finished_at, kind \
                 FROM run_latest WHERE 1 = 1{}",
                scope.sql("")
            ),
            &scope.params(),
            |r| {
                let Some(i) = positions.of_row(r) else {
                    return Ok(());
                };
                let scheduled_for: DateTime<Utc> = r.get("scheduled_for")?;
                if scheduled_for > until {
                    seek[i] = true;
                    return Ok(());
                }
                match r.get::<Option<String>>("kind")?.as_deref() {
                    Some("run") => out[i].last_run = Some(last_run(r)?),
                    Some("ended") => out[i].last_finished = Some(last_run(r)?),
                    _ => out[i].last_success_at = Some(scheduled_for),
                }
                Ok(())
            },
        )?;
        for (h, _) in out.iter_mut().zip(&seek).filter(|(_, s)| **s) {
            (h.last_run, h.last_finished, h.last_success_at) = (None, None, None);
        }
        Ok(seek)
    }

    /// From a strategy's latest run, its last finished run and last success. Most latest runs
    /// succeeded and are all three; only the others need a look further back (one seek each).
    fn look_further_back(&mut self, h: &mut Health, until: DateTime<Utc>) -> anyhow::Result<()> {
        let Some(last) = h.last_run.clone() else {
            return Ok(());
        };
        if last.status == RunStatus::Succeeded {
            h.last_success_at = last.scheduled_for;
            h.last_finished = Some(last);
            return Ok(());
        }
        h.last_finished = if last.status == RunStatus::Running {
            let ended = format!(
                "x.status NOT IN ({})",
                RunStatus::sql_list(&[RunStatus::Skipped, RunStatus::Running])
            );
            self.latest_of(h, until, &ended)?
        } else {
            Some(last)
        };
        h.last_success_at = self
            .latest_of(
                h,
                until,
                &format!("x.status = {}", RunStatus::Succeeded.sql()),
            )?
            .and_then(|r| r.scheduled_for);
        Ok(())
    }

    /// One strategy's latest run at or before `until` that meets `filter`.
    fn latest_of(
        &mut self,
        h: &Health,
        until: DateTime<Utc>,
        filter: &str,
    ) -> anyhow::Result<Option<LastRun>> {
        let one = Scope {
            node: Some(&h.node),
            strategy: Some(&h.strategy_id),
        };
        self.latest_runs(until, filter, one)?
            .first()
            .map(last_run)
            .transpose()
    }

    /// Each strategy's latest run at or before `until` that meets `filter` (on `run x`): one
    /// index seek per strategy of `scope`, read backwards from `until`.
    fn latest_runs(
        &mut self,
        until: DateTime<Utc>,
        filter: &str,
        scope: Scope<'_>,
    ) -> anyhow::Result<Vec<Row>> {
        let mut params = vec![Value::from(until)];
        params.extend(scope.params());
        let only = scope.sql("s.");
        let sql = format!(
            "SELECT s.node, s.strategy_id, r.run_id, r.scheduled_for, r.status, r.warnings, r.started_at, r.finished_at \
             FROM strategy s, run r WHERE r.run_id = ( \
               SELECT x.run_id FROM run x \
               WHERE x.strategy_id = s.strategy_id AND x.node = s.node AND x.scheduled_for <= ? AND {filter} \
               ORDER BY x.scheduled_for DESC{}){only}",
            limit_clause(self.dialect(), 1)
        );
        self.query("read the latest runs", &sql, &params)
    }

    /// Each run scheduled in `(since, until]`, in no particular order, handed to `f` one at a
    /// time: the report's grid of days. A range of the scheduled_for index: the cost follows the
    /// runs of the window, not all of history.
    pub fn each_run_between(
        &mut self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        mut f: impl FnMut(WindowRun<'_>),
    ) -> anyhow::Result<()> {
        self.query_each(
            "read the runs of the report",
            "SELECT node, strategy_id, scheduled_for, status, warnings FROM run \
             WHERE scheduled_for > ? AND scheduled_for <= ?",
            &[since.into(), until.into()],
            |r| {
                f(WindowRun {
                    node: r.text_of("node")?,
                    strategy_id: r.text_of("strategy_id")?,
                    scheduled_for: r.get("scheduled_for")?,
                    status: r.get("status")?,
                    warned: r
                        .get::<Option<String>>("warnings")?
                        .is_some_and(|w| !w.is_empty()),
                });
                Ok(())
            },
        )
    }

    /// The codes and message of a run's error, if it has one.
    pub fn run_error(&mut self, run_id: &str) -> anyhow::Result<Option<(String, String)>> {
        self.query(
            "read the run's error",
            "SELECT codes, message FROM error WHERE run_id = ? ORDER BY moment DESC",
            &[run_id.into()],
        )?
        .first()
        .map(|r| {
            let codes: Option<String> = r.get("codes")?;
            Ok((codes.unwrap_or_default(), r.get("message")?))
        })
        .transpose()
    }

    /// Runs that reached each status, per node, as of `as_of` (for Prometheus' runs_total): the
    /// `run_tally` that triggers keep on every database, which only ever counts up (prune does not
    /// take back what it deletes), less the runs scheduled after `as_of`. `running` is left out:
    /// a counter of runs that once ran says nothing a DBA asks.
    pub fn run_totals(
        &mut self,
        as_of: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(String, String, u64)>> {
        let sql = "SELECT node, status, n FROM run_tally WHERE n > 0 AND status <> 'running' ORDER BY node, status";
        let mut totals: Vec<(String, String, u64)> = self
            .query("count runs", sql, &[])?
            .iter()
            .map(|r| Ok((r.get("node")?, r.get("status")?, r.get("n")?)))
            .collect::<anyhow::Result<_>>()?;
        let later = self.query(
            "count the runs after --now",
            "SELECT node, status, COUNT(*) AS n FROM run WHERE scheduled_for > ? GROUP BY node, status",
            &[as_of.into()],
        )?;
        for r in &later {
            let (node, status, n): (String, String, u64) =
                (r.get("node")?, r.get("status")?, r.get("n")?);
            if let Some(t) = totals.iter_mut().find(|t| t.0 == node && t.1 == status) {
                t.2 = t.2.saturating_sub(n);
            }
        }
        totals.retain(|t| t.2 > 0);
        Ok(totals)
    }
}

fn key(h: &Health) -> (&str, &str) {
    (&h.node, &h.strategy_id)
}

fn last_run(r: &Row) -> anyhow::Result<LastRun> {
    let started: Option<DateTime<Utc>> = r.get("started_at")?;
    let finished: Option<DateTime<Utc>> = r.get("finished_at")?;
    Ok(LastRun {
        run_id: r.get("run_id")?,
        scheduled_for: r.get("scheduled_for")?,
        status: r.get("status")?,
        warnings: r
            .get::<Option<String>>("warnings")?
            .filter(|w| !w.is_empty()),
        duration_secs: match (started, finished) {
            (Some(s), Some(f)) => Some((f - s).num_seconds()),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::Positions;
    use crate::model::Health;

    #[test]
    fn each_node_and_strategy_is_found_and_no_two_pairs_meet() {
        let list: Vec<Health> = [("ab", "c"), ("a", "bc"), ("a", "b"), ("n1", "EST_1")]
            .into_iter()
            .map(|(node, strategy)| Health {
                node: node.into(),
                strategy_id: strategy.into(),
                ..Default::default()
            })
            .collect();
        let mut p = Positions::of(&list);
        for (i, h) in list.iter().enumerate() {
            assert_eq!(p.find(&h.node, &h.strategy_id), Some(i));
        }
        assert_eq!(p.find("abc", ""), None);
        assert_eq!(p.find("n1", "EST_2"), None);
    }
}
