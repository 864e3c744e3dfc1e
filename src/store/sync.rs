//! What a slave pushes to its master, table by table: unpushed rows out of the local store,
//! idempotent upserts into the master, and the pushed marks set only for the revision sent.

use chrono::{DateTime, Utc};

use super::definitions::Defined;
use super::{db_err, Backend, Kind, Row, Store, Value, ROWS_PER_STATEMENT};
use crate::error::store as store_error;
use crate::model::RunStatus;

/// A table a slave pushes: its key, its columns, and whether rows change after they are written.
pub struct Synced {
    pub table: &'static str,
    keys: &'static [&'static str],
    cols: &'static [(&'static str, Kind)],
    /// Rows that change carry `rev`; immutable ones (logs, errors) only `pushed`.
    revised: bool,
}

use Kind::{Clob, Int, Text, Time};

pub const CONNECTIONS: Synced = Synced {
    table: "connection",
    keys: &["node", "conn_id"],
    cols: &[
        ("node", Text),
        ("conn_id", Text),
        ("conn_name", Text),
        ("database_instance", Text),
        ("ip", Text),
        ("port", Int),
        ("credential", Text),
        ("alive", Int),
        ("created_at", Time),
        ("privilege", Text),
        ("oracle_home", Text),
        ("catalog", Text),
    ],
    revised: true,
};

pub const STRATEGIES: Synced = Synced {
    table: "strategy",
    keys: &["node", "strategy_id"],
    cols: &[
        ("node", Text),
        ("strategy_id", Text),
        ("connection", Text),
        ("priority", Text),
        ("alive", Int),
        ("timeout_secs", Int),
        ("created_at", Time),
        ("name", Text),
        ("max_age_secs", Int),
    ],
    revised: true,
};

/// Connections and strategies removed on the node: the master drops its copy (and, with
/// `purge`, their history) when it receives them.
pub const REMOVALS: Synced = Synced {
    table: "removal",
    keys: &["node", "kind", "object_id"],
    cols: &[
        ("node", Text),
        ("kind", Text),
        ("object_id", Text),
        ("connection", Text),
        ("removed_at", Time),
        ("purge", Int),
    ],
    revised: true,
};

pub const RUNS: Synced = Synced {
    table: "run",
    keys: &["run_id"],
    cols: &[
        ("run_id", Text),
        ("node", Text),
        ("strategy_id", Text),
        ("scheduled_for", Time),
        ("started_at", Time),
        ("finished_at", Time),
        ("status", Text),
        ("exit_code", Int),
        ("run_trigger", Text),
        ("host", Text),
        ("pid", Int),
        ("owner_lock", Text),
        ("warnings", Text),
        ("pieces", Int),
        ("script", Clob),
    ],
    revised: true,
};

pub const LOGS: Synced = Synced {
    table: "log",
    keys: &["run_id"],
    cols: &[
        ("run_id", Text),
        ("node", Text),
        ("strategy_id", Text),
        ("moment", Time),
        ("log", Clob),
    ],
    revised: false,
};

pub const ERRORS: Synced = Synced {
    table: "error",
    keys: &["error_id"],
    cols: &[
        ("error_id", Text),
        ("run_id", Text),
        ("node", Text),
        ("strategy_id", Text),
        ("moment", Time),
        ("message", Text),
        ("codes", Text),
    ],
    revised: false,
};

/// Every table a slave pushes, in the order it pushes them.
pub const PUSHED: [&Synced; 6] = [&CONNECTIONS, &STRATEGIES, &REMOVALS, &RUNS, &LOGS, &ERRORS];

/// Rows of one table not yet on the master. The last value of a revised row is its `rev`.
pub struct Batch<'a> {
    pub spec: &'a Synced,
    pub rows: Vec<Row>,
}

impl Batch<'_> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Counts per pushed table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub connections: u64,
    pub strategies: u64,
    pub removals: u64,
    pub runs: u64,
    pub logs: u64,
    pub errors: u64,
}

impl Counts {
    /// The count of `spec`'s table.
    pub fn of_mut(&mut self, spec: &Synced) -> &mut u64 {
        match spec.table {
            "connection" => &mut self.connections,
            "strategy" => &mut self.strategies,
            "removal" => &mut self.removals,
            "run" => &mut self.runs,
            "log" => &mut self.logs,
            "error" => &mut self.errors,
            other => unreachable!("{other} is not a pushed table"),
        }
    }

    pub fn total(&self) -> u64 {
        self.connections + self.strategies + self.removals + self.runs + self.logs + self.errors
    }
}

/// Values as the column kinds say (SQLite hands times back as text).
fn typed(spec: &Synced, row: &Row) -> anyhow::Result<Vec<Value>> {
    spec.cols
        .iter()
        .map(|(name, kind)| {
            Ok(match kind {
                Text | Clob => row
                    .get::<Option<String>>(name)?
                    .map(Value::Text)
                    .unwrap_or(Value::Null(*kind)),
                Int => row
                    .get::<Option<i64>>(name)?
                    .map(Value::Int)
                    .unwrap_or(Value::Null(Int)),
                Time => row
                    .get::<Option<DateTime<Utc>>>(name)?
                    .map(Value::Time)
                    .unwrap_or(Value::Null(Time)),
            })
        })
        .collect()
}

/// Set the pushed mark of a batch's rows to `value`, unless they changed since they were read.
fn set_pushed(db: &mut dyn Backend, batch: &Batch<'_>, value: i64) -> anyhow::Result<()> {
    let spec = batch.spec;
    let keys = spec
        .keys
        .iter()
        .map(|k| format!("{k} = ?"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = if spec.revised {
        format!(
            "UPDATE {} SET pushed = ? WHERE {keys} AND rev = ?",
            spec.table
        )
    } else {
        format!("UPDATE {} SET pushed = ? WHERE {keys}", spec.table)
    };
    let key_idx: Vec<usize> = spec
        .keys
        .iter()
        .map(|k| {
            spec.cols
                .iter()
                .position(|c| c.0 == *k)
                .expect("key is a column")
        })
        .collect();
    for row in &batch.rows {
        let mut params: Vec<Value> = vec![Value::Int(value)];
        params.extend(key_idx.iter().map(|i| row.values[*i].clone()));
        if spec.revised {
            params.push(row.values[spec.cols.len()].clone());
        }
        db.execute(&sql, &params)
            .map_err(|e| db_err(format!("failed to mark {} rows pushed", spec.table), e))?;
    }
    Ok(())
}

/// `AND (k1, k2, …) > (v1, v2, …)` for the keys other than `node` (fixed in every read), with
/// the values of row `after`: written out term by term, which every dialect reads.
fn past(keys: &[&str], after: Option<&Row>) -> anyhow::Result<(String, Vec<Value>)> {
    let Some(after) = after else {
        return Ok((String::new(), Vec::new()));
    };
    let keys: Vec<&str> = keys.iter().copied().filter(|k| *k != "node").collect();
    let mut terms = Vec::new();
    let mut params = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let mut term: Vec<String> = keys[..i].iter().map(|k| format!("{k} = ?")).collect();
        term.push(format!("{key} > ?"));
        terms.push(format!("({})", term.join(" AND ")));
        for k in &keys[..=i] {
            params.push(Value::Text(after.text_of(k)?.to_string()));
        }
    }
    Ok((format!(" AND ({})", terms.join(" OR ")), params))
}

fn upsert_all(db: &mut dyn Backend, spec: &Synced, rows: &[Vec<Value>]) -> anyhow::Result<()> {
    db.upsert_rows(spec.table, spec.cols, spec.keys, rows)
        .map_err(|e| {
            db_err(
                format!("failed to push {} {} rows", rows.len(), spec.table),
                e,
            )
        })
}

impl Store {
    /// How many rows of `node` wait to be pushed.
    pub fn pending(&mut self, node: &str) -> anyhow::Result<Counts> {
        self.count_where("pushed = 0", node)
    }

    fn count_where(&mut self, cond: &str, node: &str) -> anyhow::Result<Counts> {
        let mut c = Counts::default();
        for spec in PUSHED {
            let sql = format!(
                "SELECT COUNT(*) AS n FROM {} WHERE {cond} AND node = ?",
                spec.table
            );
            let rows = self.query("count rows to push", &sql, &[node.into()])?;
            *c.of_mut(spec) = rows.first().map_or(Ok(0), |r| r.get("n"))?;
        }
        Ok(c)
    }

    /// Up to `limit` rows of `node` not yet pushed, in key order, after the row `after` (the
    /// last of the batch before, when reading ahead of the marks).
    pub fn unpushed<'a>(
        &mut self,
        spec: &'a Synced,
        node: &str,
        after: Option<&Row>,
        limit: u64,
    ) -> anyhow::Result<Batch<'a>> {
        let mut cols: Vec<&str> = spec.cols.iter().map(|c| c.0).collect();
        if spec.revised {
            cols.push("rev");
        }
        let (past, mut params) = past(spec.keys, after)?;
        params.insert(0, node.into());
        let sql = format!(
            "SELECT {} FROM {} WHERE pushed = 0 AND node = ?{past} ORDER BY {}{}",
            cols.join(", "),
            spec.table,
            spec.keys.join(", "),
            super::limit_clause(self.dialect(), limit)
        );
        let rows = self.query(&format!("read unpushed {} rows", spec.table), &sql, &params)?;
        Ok(Batch { spec, rows })
    }

    /// How many of the next unpushed logs (after the log `after`) fit in `max_bytes` (at least
    /// one, at most `max_rows`), so that a batch of large logs stays small in memory.
    pub fn logs_within(
        &mut self,
        node: &str,
        after: Option<&Row>,
        max_rows: u64,
        max_bytes: u64,
    ) -> anyhow::Result<u64> {
        let (past, mut params) = past(LOGS.keys, after)?;
        params.insert(0, node.into());
        let sql = format!(
            "SELECT LENGTH(log) AS bytes FROM log WHERE pushed = 0 AND node = ?{past} ORDER BY run_id{}",
            super::limit_clause(self.dialect(), max_rows)
        );
        let rows = self.query("size unpushed logs", &sql, &params)?;
        let mut total = 0u64;
        let mut n = 0u64;
        for r in &rows {
            // An empty log is stored as NULL.
            total += r.get::<Option<u64>>("bytes")?.unwrap_or(0);
            if n > 0 && total > max_bytes {
                break;
            }
            n += 1;
        }
        Ok(n.max(1))
    }

    /// Set the pushed mark of the rows sent, unless they changed since they were read.
    pub fn mark_pushed(&mut self, batch: &Batch<'_>) -> anyhow::Result<()> {
        self.tx(&format!("mark {} rows pushed", batch.spec.table), |db| {
            set_pushed(db, batch, 1)
        })
    }

    /// Set aside rows the master refused (`pushed = -1`) with a local error saying why, until
    /// they change or `push-logs` tries them again. The error is pushed like any other, so the
    /// master hears of the refusal.
    pub fn set_aside(
        &mut self,
        batch: &Batch<'_>,
        node: &str,
        why: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<String>> {
        let spec = batch.spec;
        let col = |row: &Row, name: &str| row.get::<Option<String>>(name).ok().flatten();
        // What no store can keep is never copied into the error about it.
        let why = why.replace('\0', "\u{FFFD}");
        self.tx(&format!("set aside refused {} rows", spec.table), |db| {
            set_pushed(db, batch, -1)?;
            let mut said = Vec::new();
            for row in &batch.rows {
                let key: Vec<String> = spec.keys.iter().filter_map(|k| col(row, k)).collect();
                let message = format!(
                    "the master refused {} {}: {why}; it is set aside until it changes (backupctl push-logs tries it again)",
                    spec.table,
                    key.join("/")
                );
                // A refused error row gets no error of its own: that could be refused in turn.
                if spec.table != "error" {
                    let run_id = matches!(spec.table, "run" | "log")
                        .then(|| col(row, "run_id"))
                        .flatten();
                    let strategy = col(row, "strategy_id");
                    let e = super::NewError { message: &message, codes: &[] };
                    super::insert_error(db, run_id.as_deref(), node, strategy.as_deref(), now, &e)?;
                }
                said.push(message);
            }
            Ok(said)
        })
    }

    /// Rows of `node` set aside after the master refused them.
    pub fn set_aside_counts(&mut self, node: &str) -> anyhow::Result<Counts> {
        self.count_where("pushed < 0", node)
    }

    /// Offer every set-aside row of `node` to the master again with the next push.
    pub fn retry_set_aside(&mut self, node: &str) -> anyhow::Result<u64> {
        self.tx("retry the rows set aside", |db| {
            let mut n = 0;
            for spec in PUSHED {
                let sql = format!(
                    "UPDATE {} SET pushed = 0 WHERE pushed < 0 AND node = ?",
                    spec.table
                );
                n += db
                    .execute(&sql, &[node.into()])
                    .map_err(|e| db_err("failed to retry the rows set aside", e))?;
            }
            Ok(n)
        })
    }

    /// The time on the store's server: the master's clock, for a slave whose own may be wrong.
    pub fn server_now(&mut self) -> anyhow::Result<DateTime<Utc>> {
        let sql = self.dialect().sql().server_now();
        let rows = self.query("read the store's clock", sql, &[])?;
        rows.first()
            .map(|r| r.get("now"))
            .unwrap_or_else(|| Err(store_error("the store did not say what time it is")))
    }

    /// Whether the store answers at all (to tell a refused row from a master that is down).
    pub fn ping(&mut self) -> anyhow::Result<()> {
        let sql = self.dialect().sql().ping();
        self.query("reach the store", sql, &[])?;
        Ok(())
    }

    /// Master side: only the host that first pushed as `node` may push as `node`; two hosts
    /// under one name would overwrite each other's runs.
    pub fn claim_node_host(
        &mut self,
        node: &str,
        host: &str,
        timezone: &str,
    ) -> anyhow::Result<()> {
        // Every minute's push starts here: when the master already knows this host under this
        // name (all but the first push), one read settles it.
        let known = self.query(
            "check the host of the node",
            "SELECT host FROM node WHERE node = ?",
            &[node.into()],
        )?;
        if known
            .first()
            .map(|r| r.get::<Option<String>>("host"))
            .transpose()?
            .flatten()
            .is_some_and(|h| h == host)
        {
            return Ok(());
        }
        self.tx("check the host of the node", |db| {
            let err = |e| db_err(format!("failed to check the host of node {node}"), e);
            let rows = db
                .query("SELECT host FROM node WHERE node = ?", &[node.into()])
                .map_err(err)?;
            match rows
                .first()
                .map(|r| r.get::<Option<String>>("host"))
                .transpose()?
            {
                None => {
                    db.execute(
                        "INSERT INTO node (node, timezone, host) VALUES (?, ?, ?)",
                        &[node.into(), timezone.into(), host.into()],
                    )
                    .map_err(err)?;
                }
                Some(None) => {
                    db.execute(
                        "UPDATE node SET host = ? WHERE node = ? AND host IS NULL",
                        &[host.into(), node.into()],
                    )
                    .map_err(err)?;
                }
                Some(Some(h)) if h == host => {}
                Some(Some(h)) => {
                    return Err(crate::error::invalid(format!(
                        "the master refuses node name {node} from host {host}: host {h} pushes under that name; give this host a node name of its own (node = \"...\" in the profile), or if {h} was renamed to {host}, clear the master's record with: UPDATE node SET host = NULL WHERE node = '{node}'"
                    )))
                }
            }
            Ok(())
        })
    }

    /// Master side: write a batch from a slave, each row exactly once however often it comes.
    /// A strategy brings its lines and frequencies (`children`, read from the slave's store); a
    /// run replaces a `missed` record the master made for the same occurrence before it arrived.
    pub fn receive(
        &mut self,
        batch: &Batch<'_>,
        children: &[(Vec<Row>, Vec<Row>)],
    ) -> anyhow::Result<()> {
        let spec = batch.spec;
        let rows = batch
            .rows
            .iter()
            .map(|r| typed(spec, r))
            .collect::<anyhow::Result<Vec<_>>>()?;
        self.tx(&format!("receive {} rows", spec.table), |db| {
            if spec.table == "run" {
                replace_monitor_records(db, &rows)?;
            }
            upsert_all(db, spec, &rows)?;
            if spec.table == "strategy" {
                replace_children(db, &rows, children)?;
            }
            if spec.table == "removal" {
                apply_removals(db, &rows)?;
            }
            Ok(())
        })
    }

    /// A strategy's lines and frequencies, as rows to push with it.
    pub fn strategy_children(
        &mut self,
        node: &str,
        strategy: &str,
    ) -> anyhow::Result<(Vec<Row>, Vec<Row>)> {
        let lines = self.query(
            "read strategy lines",
            "SELECT line_no, line FROM strategy_line WHERE node = ? AND strategy_id = ? ORDER BY line_no",
            &[node.into(), strategy.into()],
        )?;
        let freqs = self.query(
            "read frequencies",
            "SELECT freq_key, day, hour, minutes, cron FROM frequency WHERE node = ? AND strategy_id = ? ORDER BY freq_key",
            &[node.into(), strategy.into()],
        )?;
        Ok((lines, freqs))
    }

    /// Master side: a slave's node record (its times already bounded by the master's clock,
    /// `master_now`). The last tick never moves backwards, except from a time ahead of the
    /// master's clock (a node whose clock was fast); a last check ahead of it starts again at
    /// the node's last tick.
    pub fn receive_node(
        &mut self,
        node: &str,
        timezone: &str,
        last_tick: Option<DateTime<Utc>>,
        seen: DateTime<Utc>,
        master_now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        // The master's check of a node starts at the node's first pushed tick, whatever the
        // master's own clock says: the occurrence of that tick itself is checked too.
        let first_check = Value::from(last_tick.map(|t| t - chrono::Duration::minutes(1)));
        self.tx("receive the node record", |db| {
            let err = |e: super::DbError| {
                // PostgreSQL's row-level security (`node grant`): this push logs in as a role
                // that may write another node's rows only.
                // On Oracle, the grant's trigger (ORA-20042).
                if matches!(&e, super::DbError::Failed(m) if m.contains("row-level security") || m.contains("ORA-20042")) {
                    return store_error(format!(
                        "the master refused the record of node {node}: the role this node logs in as may not write node {node}'s rows (node grant on the master names the node each role may write)"
                    ));
                }
                db_err(format!("failed to receive the record of node {node}"), e)
            };
            let n = db
                .execute(
                    "UPDATE node SET timezone = ?, last_seen = ?, \
                     last_tick = CASE WHEN last_tick IS NULL OR last_tick < ? OR last_tick > ? THEN ? ELSE last_tick END, \
                     last_check = CASE WHEN last_check IS NULL OR last_check > ? THEN ? ELSE last_check END WHERE node = ?",
                    &[
                        timezone.into(),
                        seen.into(),
                        last_tick.into(),
                        master_now.into(),
                        last_tick.into(),
                        master_now.into(),
                        first_check.clone(),
                        node.into(),
                    ],
                )
                .map_err(err)?;
            if n == 0 {
                db.execute(
                    "INSERT INTO node (node, timezone, last_tick, last_seen, last_check) VALUES (?, ?, ?, ?, ?)",
                    &[node.into(), timezone.into(), last_tick.into(), seen.into(), first_check.clone()],
                )
                .map_err(err)?;
            }
            Ok(())
        })
    }
}

/// Remove `missed` records the master made for occurrences whose real run arrives now, and the
/// `missed` and `skipped` records a node sent and then gave back (a tick with its clock ahead
/// recorded them: the node removed them, and its record of the occurrence arrives now).
fn replace_monitor_records(db: &mut dyn Backend, runs: &[Vec<Value>]) -> anyhow::Result<()> {
    // run: run_id, node, strategy_id, scheduled_for, …
    let times = || {
        runs.iter().filter_map(|r| match &r[3] {
            Value::Time(t) => Some(*t),
            _ => None,
        })
    };
    let (Some(first), Some(last)) = (times().min(), times().max()) else {
        return Ok(());
    };
    let node = runs[0][1].clone();
    let err = |e| {
        db_err(
            "failed to replace a missed record with the run that arrived",
            e,
        )
    };
    let reports = db
        .query(
            &format!(
                "SELECT run_id, strategy_id, scheduled_for FROM run WHERE node = ? AND (run_trigger = 'monitor' OR status IN ({})) AND scheduled_for >= ? AND scheduled_for <= ?",
                RunStatus::sql_list(&RunStatus::UNRUN)
            ),
            &[node, first.into(), last.into()],
        )
        .map_err(err)?;
    for report in reports {
        let at = Value::Time(report.get("scheduled_for")?);
        let (id, strategy) = (
            Value::Text(report.get("run_id")?),
            Value::Text(report.get("strategy_id")?),
        );
        if runs
            .iter()
            .any(|r| r[2] == strategy && r[3] == at && r[0] != id)
        {
            let id = [id];
            db.execute("DELETE FROM error WHERE run_id = ?", &id)
                .map_err(err)?;
            db.execute("DELETE FROM log WHERE run_id = ?", &id)
                .map_err(err)?;
            db.execute("DELETE FROM run WHERE run_id = ?", &id)
                .map_err(err)?;
        }
    }
    Ok(())
}

/// Drop the master's copy of what the node removed (removal rows: node, kind, id, connection,
/// removed_at, purge): strategies before connections, which they may still refer to.
fn apply_removals(db: &mut dyn Backend, removals: &[Vec<Value>]) -> anyhow::Result<()> {
    let text = |v: &Value| match v {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    };
    for kind in [Defined::Strategy, Defined::Connection] {
        for r in removals.iter().filter(|r| text(&r[1]) == kind.as_str()) {
            let purge = matches!(r[5], Value::Int(1));
            super::definitions::apply_removal(db, &text(&r[0]), kind, &text(&r[2]), purge)?;
        }
    }
    Ok(())
}

/// Replace the lines and frequencies of the strategies received (strategy rows: node, id, …).
fn replace_children(
    db: &mut dyn Backend,
    strategies: &[Vec<Value>],
    children: &[(Vec<Row>, Vec<Row>)],
) -> anyhow::Result<()> {
    let err = |e| db_err("failed to push the strategies' lines and frequencies", e);
    for (chunk_no, chunk) in strategies.chunks(ROWS_PER_STATEMENT).enumerate() {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut params = vec![chunk[0][0].clone()];
        params.extend(chunk.iter().map(|s| s[1].clone()));
        db.execute(
            &format!("DELETE FROM strategy_line WHERE node = ? AND strategy_id IN ({marks})"),
            &params,
        )
        .map_err(err)?;
        db.execute(
            &format!("DELETE FROM frequency WHERE node = ? AND strategy_id IN ({marks})"),
            &params,
        )
        .map_err(err)?;
        let mut lines = Vec::new();
        let mut freqs = Vec::new();
        for (i, s) in chunk.iter().enumerate() {
            let (ls, fs) = &children[chunk_no * ROWS_PER_STATEMENT + i];
            for l in ls {
                lines.push(vec![
                    s[0].clone(),
                    s[1].clone(),
                    l.get::<i64>("line_no")?.into(),
                    l.get::<String>("line")?.into(),
                ]);
            }
            for f in fs {
                freqs.push(vec![
                    s[0].clone(),
                    s[1].clone(),
                    f.get::<String>("freq_key")?.into(),
                    f.get::<Option<i64>>("day")?.into(),
                    f.get::<Option<i64>>("hour")?.into(),
                    f.get::<Option<i64>>("minutes")?.into(),
                    f.get::<Option<String>>("cron")?.into(),
                ]);
            }
        }
        upsert_all(db, &LINES, &lines)?;
        upsert_all(db, &FREQUENCIES, &freqs)?;
    }
    Ok(())
}

/// Lines and frequencies travel with their strategy, never on their own.
const LINES: Synced = Synced {
    table: "strategy_line",
    keys: &["node", "strategy_id", "line_no"],
    cols: &[
        ("node", Text),
        ("strategy_id", Text),
        ("line_no", Int),
        ("line", Text),
    ],
    revised: false,
};

const FREQUENCIES: Synced = Synced {
    table: "frequency",
    keys: &["node", "strategy_id", "freq_key"],
    cols: &[
        ("node", Text),
        ("strategy_id", Text),
        ("freq_key", Text),
        ("day", Int),
        ("hour", Int),
        ("minutes", Int),
        ("cron", Text),
    ],
    revised: false,
};

/// A node as the master knows it.
#[derive(Clone, Debug)]
pub struct NodeRecord {
    pub node: String,
    pub timezone: String,
    /// The host that pushes under this name (the first to push it); none for a node that never
    /// pushed.
    pub host: Option<String>,
    pub last_tick: Option<DateTime<Utc>>,
    pub last_check: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    pub silence_reported: Option<DateTime<Utc>>,
}

impl Store {
    /// Every node the store knows.
    pub fn nodes(&mut self) -> anyhow::Result<Vec<NodeRecord>> {
        let rows = self.query(
            "list nodes",
            "SELECT node, timezone, host, last_tick, last_check, last_seen, silence_reported FROM node ORDER BY node",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(NodeRecord {
                    node: r.get("node")?,
                    timezone: r.get("timezone")?,
                    host: r.get("host")?,
                    last_tick: r.get("last_tick")?,
                    last_check: r.get("last_check")?,
                    last_seen: r.get("last_seen")?,
                    silence_reported: r.get("silence_reported")?,
                })
            })
            .collect()
    }

    /// The master checked `node` up to `until`.
    pub fn record_check(&mut self, node: &str, until: DateTime<Utc>) -> anyhow::Result<()> {
        self.tx("record the check", |db| {
            db.execute(
                "UPDATE node SET last_check = ? WHERE node = ? AND (last_check IS NULL OR last_check < ?)",
                &[until.into(), node.into(), until.into()],
            )
            .map_err(|e| db_err(format!("failed to record the check of node {node}"), e))?;
            Ok(())
        })
    }

    /// Record, once per silence, that a node stopped pushing. Returns false when another master
    /// tick reported it already.
    /// Master side: a node reported silent pushes again. Records `message` and clears the
    /// report, once; whether it was this call that did.
    pub fn report_back(
        &mut self,
        node: &str,
        message: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        self.tx("report a node back", |db| {
            let err = |e| db_err(format!("failed to report node {node} back"), e);
            let n = db
                .execute(
                    "UPDATE node SET silence_reported = NULL WHERE node = ? AND silence_reported IS NOT NULL",
                    &[node.into()],
                )
                .map_err(err)?;
            if n == 0 {
                return Ok(false);
            }
            super::insert_error(db, None, node, None, now, &super::NewError { message, codes: &[] })?;
            Ok(true)
        })
    }

    pub fn report_silence(
        &mut self,
        node: &str,
        last_seen: Option<DateTime<Utc>>,
        message: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        self.tx("report a silent node", |db| {
            let err = |e| db_err(format!("failed to report node {node} silent"), e);
            let n = match last_seen {
                Some(seen) => db.execute(
                    "UPDATE node SET silence_reported = ? WHERE node = ? AND (silence_reported IS NULL OR silence_reported <> ?)",
                    &[seen.into(), node.into(), seen.into()],
                ),
                None => db.execute(
                    "UPDATE node SET silence_reported = ? WHERE node = ? AND silence_reported IS NULL",
                    &[now.into(), node.into()],
                ),
            }
            .map_err(err)?;
            if n == 0 {
                return Ok(false);
            }
            super::insert_error(db, None, node, None, now, &super::NewError { message, codes: &[] })?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{past, LOGS, PUSHED, REMOVALS};
    use crate::store::{number_placeholders, Dialect, Row, Value};

    /// A read after a row of a table keyed on two columns (besides the node) returns exactly
    /// the rows after it in key order, whichever row it starts after.
    #[test]
    fn a_read_after_a_row_takes_the_rows_after_it_in_key_order() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        db.execute_batch("CREATE TABLE removal (node TEXT, kind TEXT, object_id TEXT)")
            .unwrap();
        let mut keys = Vec::new();
        for kind in ["connection", "strategy"] {
            for id in ["A", "B", "C"] {
                db.execute("INSERT INTO removal VALUES ('n1', ?1, ?2)", [kind, id])
                    .unwrap();
                keys.push((kind.to_string(), id.to_string()));
            }
        }
        for (i, (kind, id)) in keys.iter().enumerate() {
            let mut after = Row::with_columns(["node", "kind", "object_id"]);
            after.values = vec![
                Value::Text("n1".into()),
                Value::Text(kind.clone()),
                Value::Text(id.clone()),
            ];
            let (cond, params) = past(REMOVALS.keys, Some(&after)).unwrap();
            let sql = format!("SELECT kind, object_id FROM removal WHERE node = 'n1'{cond} ORDER BY kind, object_id");
            let mut stmt = db.prepare(&sql).unwrap();
            let texts: Vec<String> = params
                .into_iter()
                .map(|v| match v {
                    Value::Text(t) => t,
                    other => panic!("{other:?}"),
                })
                .collect();
            let got: Vec<(String, String)> = stmt
                .query_map(rusqlite::params_from_iter(texts), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(got, keys[i + 1..].to_vec(), "after {kind}/{id}: {sql}");
        }
        assert_eq!(past(REMOVALS.keys, None).unwrap().0, "");
    }

    #[test]
    fn every_oracle_upsert_branch_types_every_value() {
        for spec in PUSHED {
            let sql = Dialect::Oracle
                .sql()
                .upsert(spec.table, spec.cols, spec.keys, 3);
            let params = number_placeholders(&sql, ':').matches(':').count();
            let typed = sql.matches("CAST(? AS ").count() + sql.matches("TO_CLOB(?)").count();
            assert_eq!(params, 3 * spec.cols.len(), "{sql}");
            assert_eq!(typed, params, "a bare placeholder in {}: {sql}", spec.table);
        }
        let logs = Dialect::Oracle
            .sql()
            .upsert(LOGS.table, LOGS.cols, LOGS.keys, 2);
        assert_eq!(logs.matches("TO_CLOB(?)").count(), 2, "{logs}");
    }
}
