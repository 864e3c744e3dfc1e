//! Definitions: connections, strategies with their lines, frequencies, and node renames.

use chrono::{DateTime, Utc};

use super::{db_err, limit_clause, Backend, Credential, DbError, Kind, Listing, Row, Store, Value};
use crate::error::{invalid, store as store_error};
use crate::model::{Connection, Priority, Privilege, RunStatus, Strategy};
use crate::schedule::{CronExpr, Frequency, Rule};
use crate::units::check_id;

/// A stored priority; anything but HIGH, MEDIUM or LOW is a damaged store, never a default.
fn priority_from_db(text: &str) -> anyhow::Result<Priority> {
    Priority::parse(text).map_err(|e| store_error(format!("the store holds an {e}")))
}

fn privilege_from_db(text: &str) -> anyhow::Result<Privilege> {
    Privilege::parse(text)
        .map_err(|e| store_error(format!("the store holds an {e} for a connection")))
}

/// The kinds of definitions that can be disabled and enabled.
#[derive(Clone, Copy, Debug)]
pub(super) enum Defined {
    Connection,
    Strategy,
}

/// A frequency row as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrequencyRow {
    pub node: String,
    pub strategy_id: String,
    pub rule: Rule,
}

/// An id to use, or a prefix for one allocated as `<prefix><unix seconds>` (the next free second).
pub enum IdRequest<'a> {
    Given(&'a str),
    Next { prefix: &'a str, now: DateTime<Utc> },
}

/// The node record of a renamed node: its last tick and check carry over; the host that pushes
/// as the new name is recorded afresh by the next push.
fn move_node_record(
    db: &mut dyn Backend,
    old: &str,
    new: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let err = |e| db_err(format!("failed to rename node {old} to {new}"), e);
    let has_new = !db
        .query("SELECT 1 FROM node WHERE node = ?", &[new.into()])
        .map_err(err)?
        .is_empty();
    if has_new {
        let old_row = db
            .query(
                "SELECT last_tick, last_check FROM node WHERE node = ?",
                &[old.into()],
            )
            .map_err(err)?;
        if let Some(r) = old_row.first() {
            db.execute(
                "UPDATE node SET last_tick = COALESCE(last_tick, ?), last_check = COALESCE(last_check, ?), host = NULL WHERE node = ?",
                &[
                    r.get::<Option<DateTime<Utc>>>("last_tick")?.into(),
                    r.get::<Option<DateTime<Utc>>>("last_check")?.into(),
                    new.into(),
                ],
            )
            .map_err(err)?;
        }
        db.execute("DELETE FROM node WHERE node = ?", &[old.into()])
            .map_err(err)?;
    } else {
        db.execute(
            "UPDATE node SET node = ?, host = NULL, last_seen = ? WHERE node = ?",
            &[new.into(), now.into(), old.into()],
        )
        .map_err(err)?;
    }
    Ok(())
}

/// A frequency row's rule: its cron expression, else its day, hour and minutes (each within
/// its range, or the store is damaged).
fn rule_from_row(row: &Row) -> anyhow::Result<Rule> {
    if let Some(expr) = row.get::<Option<String>>("cron")? {
        return Ok(Rule::Cron(CronExpr::parse(&expr)?));
    }
    let field = |name: &str, min: i64, max: i64| -> anyhow::Result<i64> {
        let n: i64 = row.get(name)?;
        if (min..=max).contains(&n) {
            Ok(n)
        } else {
            Err(store_error(format!(
                "the store holds a frequency whose {name} is {n}: expected {min} to {max}"
            )))
        }
    };
    Ok(Rule::At {
        day: field("day", -1, 6)? as i8,
        hour: field("hour", 0, 23)? as u8,
        minute: field("minutes", 0, 59)? as u8,
    })
}

/// A strategy's lines or frequencies changed: its definition must be pushed again.
fn touch_strategy(db: &mut dyn Backend, node: &str, strategy: &str) -> anyhow::Result<()> {
    db.execute(
        "UPDATE strategy SET rev = rev + 1, pushed = 0 WHERE node = ? AND strategy_id = ?",
        &[node.into(), strategy.into()],
    )
    .map_err(|e| db_err(format!("failed to update strategy {strategy}"), e))?;
    Ok(())
}

fn insert_lines(
    db: &mut dyn Backend,
    node: &str,
    strategy: &str,
    lines: &[String],
) -> anyhow::Result<()> {
    for (i, line) in lines.iter().enumerate() {
        db.execute(
            "INSERT INTO strategy_line (node, strategy_id, line_no, line) VALUES (?, ?, ?, ?)",
            &[
                node.into(),
                strategy.into(),
                (i as i64 + 1).into(),
                line.as_str().into(),
            ],
        )
        .map_err(|e| {
            db_err(
                format!("failed to store line {} of strategy {strategy}", i + 1),
                e,
            )
        })?;
    }
    Ok(())
}

impl Defined {
    /// Its table, and its name in messages.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Defined::Connection => "connection",
            Defined::Strategy => "strategy",
        }
    }

    /// Its id column (beside `node`).
    fn key(self) -> &'static str {
        match self {
            Defined::Connection => "conn_id",
            Defined::Strategy => "strategy_id",
        }
    }
}

/// Whether the connection or strategy `id` of `node` is stored.
fn exists(db: &mut dyn Backend, what: Defined, node: &str, id: &str) -> anyhow::Result<bool> {
    let (table, key) = (what.as_str(), what.key());
    let found = db
        .query(
            &format!("SELECT 1 FROM {table} WHERE node = ? AND {key} = ?"),
            &[node.into(), id.into()],
        )
        .map_err(|e| db_err(format!("failed to look up {table} {id}"), e))?;
    Ok(!found.is_empty())
}

fn unknown(what: Defined, node: &str, id: &str) -> anyhow::Error {
    let table = what.as_str();
    invalid(format!(
        "unknown {table} \"{id}\" on node {node}: see backupctl {table} list"
    ))
}

/// Refuse (`what`, and why) while a run of this node matching `filter` (over `run r` and its
/// `strategy s`, one `?` for `value`) is running. The node's record is locked first, as claims
/// lock it: no run can start between this look and the change.
fn refuse_while_running(
    db: &mut dyn Backend,
    node: &str,
    filter: &str,
    value: &str,
    what: &str,
) -> anyhow::Result<()> {
    let err = |e| db_err(format!("failed to look for running runs ({what})"), e);
    super::runs::lock_node(db, node).map_err(err)?;
    let running = db
        .query(
            &format!(
                "SELECT r.run_id, r.strategy_id FROM run r JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
                 WHERE r.node = ? AND r.status = {} AND {filter} ORDER BY r.run_id",
                RunStatus::Running.sql()
            ),
            &[node.into(), value.into()],
        )
        .map_err(err)?;
    let Some(r) = running.first() else {
        return Ok(());
    };
    Err(invalid(format!(
        "{what} while strategy {} is running (run {}): it runs on against the database it started on, and the limits count it there; change it once the run has ended (backupctl logs --status running)",
        r.text_of("strategy_id")?,
        r.text_of("run_id")?
    )))
}

/// Keep a removal until it is pushed (a second removal under the same id replaces the first).
fn record_removal(
    db: &mut dyn Backend,
    node: &str,
    what: Defined,
    id: &str,
    connection: Option<&str>,
    purge: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let err = |e| db_err(format!("failed to remove {} {id}", what.as_str()), e);
    forget_removal(db, node, what, id)?;
    db.execute(
        "INSERT INTO removal (node, kind, object_id, connection, removed_at, purge) VALUES (?, ?, ?, ?, ?, ?)",
        &[
            node.into(),
            what.as_str().into(),
            id.into(),
            connection.into(),
            now.into(),
            i64::from(purge).into(),
        ],
    )
    .map_err(err)?;
    Ok(())
}

/// A definition added again under an id removed earlier: its removal, if not yet pushed, must not
/// reach the master after the new definition does.
fn forget_removal(db: &mut dyn Backend, node: &str, what: Defined, id: &str) -> anyhow::Result<()> {
    db.execute(
        "DELETE FROM removal WHERE node = ? AND kind = ? AND object_id = ?",
        &[node.into(), what.as_str().into(), id.into()],
    )
    .map_err(|e| db_err(format!("failed to add {} {id}", what.as_str()), e))?;
    Ok(())
}

/// Remove a definition and what hangs on it; with `purge`, its history too. The same on a node
/// (after the checks of `remove_*`) and on the master, which receives the removal with a push.
/// A connection's history is that of the strategies removed from it (their removals name it).
pub(super) fn apply_removal(
    db: &mut dyn Backend,
    node: &str,
    what: Defined,
    id: &str,
    purge: bool,
) -> anyhow::Result<()> {
    let err = |e| db_err(format!("failed to remove {} {id}", what.as_str()), e);
    let strategies: Vec<String> = match what {
        Defined::Strategy => vec![id.to_string()],
        Defined::Connection => db
            .query(
                "SELECT strategy_id FROM strategy WHERE node = ? AND connection = ?",
                &[node.into(), id.into()],
            )
            .map_err(err)?
            .iter()
            .map(|r| r.get("strategy_id"))
            .collect::<anyhow::Result<_>>()?,
    };
    for sid in &strategies {
        for table in ["strategy_line", "frequency", "strategy"] {
            db.execute(
                &format!("DELETE FROM {table} WHERE node = ? AND strategy_id = ?"),
                &[node.into(), sid.into()],
            )
            .map_err(err)?;
        }
    }
    if let Defined::Connection = what {
        db.execute(
            "DELETE FROM connection WHERE node = ? AND conn_id = ?",
            &[node.into(), id.into()],
        )
        .map_err(err)?;
    }
    if purge {
        let mut history = strategies;
        if let Defined::Connection = what {
            history.extend(
                db.query(
                    "SELECT object_id FROM removal WHERE node = ? AND kind = 'strategy' AND connection = ?",
                    &[node.into(), id.into()],
                )
                .map_err(err)?
                .iter()
                .map(|r| r.get("object_id"))
                .collect::<anyhow::Result<Vec<String>>>()?,
            );
        }
        for sid in &history {
            for table in ["log", "error", "run"] {
                db.execute(
                    &format!("DELETE FROM {table} WHERE node = ? AND strategy_id = ?"),
                    &[node.into(), sid.into()],
                )
                .map_err(err)?;
            }
        }
    }
    Ok(())
}

fn insert_rules(
    db: &mut dyn Backend,
    node: &str,
    strategy: &str,
    rules: &[Rule],
) -> anyhow::Result<usize> {
    let mut added = 0;
    for rule in rules {
        let key = rule.key();
        let exists = db
            .query(
                "SELECT 1 FROM frequency WHERE node = ? AND strategy_id = ? AND freq_key = ?",
                &[node.into(), strategy.into(), key.as_str().into()],
            )
            .map_err(|e| db_err(format!("failed to read frequencies of {strategy}"), e))?;
        if !exists.is_empty() {
            continue;
        }
        let (day, hour, minute, cron): (Value, Value, Value, Value) = match rule {
            Rule::At { day, hour, minute } => (
                i64::from(*day).into(),
                i64::from(*hour).into(),
                i64::from(*minute).into(),
                Value::NULL,
            ),
            Rule::Cron(c) => (
                Value::Null(Kind::Int),
                Value::Null(Kind::Int),
                Value::Null(Kind::Int),
                c.source().into(),
            ),
        };
        db.execute(
            "INSERT INTO frequency (node, strategy_id, freq_key, day, hour, minutes, cron) VALUES (?, ?, ?, ?, ?, ?, ?)",
            &[node.into(), strategy.into(), key.as_str().into(), day, hour, minute, cron],
        )
        .map_err(|e| db_err(format!("failed to add frequency {} to {strategy}", rule.describe()), e))?;
        added += 1;
    }
    Ok(added)
}

/// What `node rename` moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub connections: u64,
    pub strategies: u64,
    pub runs: u64,
}

/// The tables that hold definitions, parents first, with the key of each row within its node.
const DEFINITIONS: [(&str, &str); 4] = [
    ("connection", "conn_id"),
    ("strategy", "strategy_id"),
    ("strategy_line", "strategy_id, line_no"),
    ("frequency", "strategy_id, freq_key"),
];

/// Every column of `table` but `node`, as the store has them: a rename copies them all, also
/// those a later schema version adds (a fixed list once lost each strategy's name and max_age).
/// Empty when `node` has no row there.
fn columns_but_node(db: &mut dyn Backend, table: &str, node: &str) -> Result<Vec<String>, DbError> {
    let sql = format!(
        "SELECT * FROM {table} WHERE node = ?{}",
        limit_clause(db.dialect(), 1)
    );
    let rows = db.query(&sql, &[node.into()])?;
    Ok(rows.first().map_or_else(Vec::new, |r| {
        r.columns()
            .iter()
            .filter(|c| *c != "node")
            .cloned()
            .collect()
    }))
}

impl Store {
    fn allocate_id(
        db: &mut dyn Backend,
        what: &str,
        table: &str,
        column: &str,
        node: &str,
        id: IdRequest<'_>,
    ) -> anyhow::Result<String> {
        let sql = format!("SELECT 1 FROM {table} WHERE node = ? AND {column} = ?");
        let taken = |db: &mut dyn Backend, id: &str| -> anyhow::Result<bool> {
            let rows = db
                .query(&sql, &[node.into(), id.into()])
                .map_err(|e| db_err(format!("failed to look up {what} {id}"), e))?;
            Ok(!rows.is_empty())
        };
        match id {
            IdRequest::Given(id) => {
                check_id(what, id)?;
                if taken(db, id)? {
                    return Err(invalid(format!(
                        "{what} {id} already exists on node {node}: choose another --id"
                    )));
                }
                Ok(id.to_string())
            }
            IdRequest::Next { prefix, now } => {
                let mut secs = now.timestamp();
                loop {
                    let candidate = format!("{prefix}{secs}");
                    if !taken(db, &candidate)? {
                        return Ok(candidate);
                    }
                    secs += 1;
                }
            }
        }
    }

    /// Register a target database; returns its id.
    pub fn add_connection(
        &mut self,
        c: &Connection,
        id: IdRequest<'_>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        self.tx("add the connection", |db| {
            let id = Self::allocate_id(db, "connection", "connection", "conn_id", &c.node, id)?;
            db.execute(
                "INSERT INTO connection (node, conn_id, conn_name, database_instance, ip, port, credential, alive, created_at, privilege, oracle_home, catalog) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                &[
                    c.node.as_str().into(),
                    id.as_str().into(),
                    c.conn_name.as_str().into(),
                    c.database_instance.as_str().into(),
                    c.host.as_str().into(),
                    i64::from(c.port).into(),
                    c.credential.to_string().into(),
                    i64::from(c.alive).into(),
                    now.into(),
                    c.privilege.as_str().into(),
                    c.oracle_home.clone().into(),
                    c.catalog.clone().into(),
                ],
            )
            .map_err(|e| db_err(format!("failed to add connection {id}"), e))?;
            forget_removal(db, &c.node, Defined::Connection, &id)?;
            Ok(id)
        })
    }

    /// Change a connection (every field but its node, id and `alive`) in one transaction,
    /// bumping its revision so that the master gets the change with the next push. A change of
    /// the database it reaches (`moves_target`) is refused while one of its strategies runs: the
    /// run goes on against the old database, and the limits would count it against the new one.
    pub fn update_connection(&mut self, c: &Connection, moves_target: bool) -> anyhow::Result<()> {
        let id = c.conn_id.as_str();
        self.tx(&format!("change connection {id}"), |db| {
            if moves_target {
                refuse_while_running(
                    db,
                    &c.node,
                    "s.connection = ?",
                    id,
                    &format!("connection {id} cannot change the database it reaches"),
                )?;
            }
            let changed = db
                .execute(
                    "UPDATE connection SET conn_name = ?, database_instance = ?, ip = ?, port = ?, credential = ?, privilege = ?, oracle_home = ?, catalog = ?, rev = rev + 1, pushed = 0 WHERE node = ? AND conn_id = ?",
                    &[
                        c.conn_name.as_str().into(),
                        c.database_instance.as_str().into(),
                        c.host.as_str().into(),
                        i64::from(c.port).into(),
                        c.credential.to_string().into(),
                        c.privilege.as_str().into(),
                        c.oracle_home.clone().into(),
                        c.catalog.clone().into(),
                        c.node.as_str().into(),
                        id.into(),
                    ],
                )
                .map_err(|e| db_err(format!("failed to change connection {id}"), e))?;
            if changed == 0 {
                return Err(unknown(Defined::Connection, &c.node, id));
            }
            Ok(())
        })
    }

    /// Change a strategy (every field but its node, id and `alive`) in one transaction; with
    /// `new_script`, its lines are replaced whole. Its revision is bumped so that the master gets
    /// the change with the next push.
    pub fn update_strategy(&mut self, st: &Strategy, new_script: bool) -> anyhow::Result<()> {
        let (node, id) = (st.node.as_str(), st.strategy_id.as_str());
        self.tx(&format!("change strategy {id}"), |db| {
            let err = |e| db_err(format!("failed to change strategy {id}"), e);
            if !exists(db, Defined::Connection, node, &st.connection)? {
                return Err(unknown(Defined::Connection, node, &st.connection));
            }
            let moved = db
                .query(
                    "SELECT 1 FROM strategy WHERE node = ? AND strategy_id = ? AND connection <> ?",
                    &[node.into(), id.into(), st.connection.as_str().into()],
                )
                .map_err(err)?;
            if !moved.is_empty() {
                refuse_while_running(
                    db,
                    node,
                    "r.strategy_id = ?",
                    id,
                    &format!("strategy {id} cannot move to connection {}", st.connection),
                )?;
            }
            let changed = db
                .execute(
                    "UPDATE strategy SET connection = ?, priority = ?, timeout_secs = ?, name = ?, max_age_secs = ?, rev = rev + 1, pushed = 0 WHERE node = ? AND strategy_id = ?",
                    &[
                        st.connection.as_str().into(),
                        st.priority.as_str().into(),
                        st.timeout_secs.map(|t| t as i64).into(),
                        st.name.as_deref().into(),
                        st.max_age_secs.map(|t| t as i64).into(),
                        node.into(),
                        id.into(),
                    ],
                )
                .map_err(err)?;
            if changed == 0 {
                return Err(unknown(Defined::Strategy, node, id));
            }
            if new_script {
                db.execute(
                    "DELETE FROM strategy_line WHERE node = ? AND strategy_id = ?",
                    &[node.into(), id.into()],
                )
                .map_err(err)?;
                insert_lines(db, node, id, &st.lines)?;
            }
            Ok(())
        })
    }

    /// Remove a connection that no strategy uses (any strategy, alive or not), and with `purge`
    /// the history of the strategies removed from it. The removal is kept until pushed, so that
    /// the master drops its copy too.
    pub fn remove_connection(
        &mut self,
        node: &str,
        id: &str,
        purge: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.tx(&format!("remove connection {id}"), |db| {
            let err = |e| db_err(format!("failed to remove connection {id}"), e);
            if !exists(db, Defined::Connection, node, id)? {
                return Err(unknown(Defined::Connection, node, id));
            }
            let users: Vec<String> = db
                .query(
                    "SELECT strategy_id FROM strategy WHERE node = ? AND connection = ? ORDER BY strategy_id",
                    &[node.into(), id.into()],
                )
                .map_err(err)?
                .iter()
                .map(|r| r.get("strategy_id"))
                .collect::<anyhow::Result<_>>()?;
            if !users.is_empty() {
                return Err(invalid(format!(
                    "connection {id} is used by strategies {}: remove them first (backupctl strategy remove ID) or move them (backupctl strategy edit ID --connection OTHER)",
                    users.join(", ")
                )));
            }
            apply_removal(db, node, Defined::Connection, id, purge)?;
            record_removal(db, node, Defined::Connection, id, None, purge, now)
        })
    }

    /// Remove a strategy with its lines and frequencies, and with `purge` its runs, logs and
    /// errors. A strategy that is running is not removed. The removal is kept until pushed, so
    /// that the master drops its copy too.
    pub fn remove_strategy(
        &mut self,
        node: &str,
        id: &str,
        purge: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.tx(&format!("remove strategy {id}"), |db| {
            let err = |e| db_err(format!("failed to remove strategy {id}"), e);
            let found = db
                .query(
                    "SELECT connection FROM strategy WHERE node = ? AND strategy_id = ?",
                    &[node.into(), id.into()],
                )
                .map_err(err)?;
            let Some(connection) = found
                .first()
                .map(|r| r.get::<String>("connection"))
                .transpose()?
            else {
                return Err(unknown(Defined::Strategy, node, id));
            };
            let running = db
                .query(
                    &format!(
                        "SELECT run_id FROM run WHERE node = ? AND strategy_id = ? AND status = {}",
                        RunStatus::Running.sql()
                    ),
                    &[node.into(), id.into()],
                )
                .map_err(err)?;
            if let Some(run) = running.first() {
                return Err(invalid(format!(
                    "strategy {id} is running as run {}: remove it when the run has ended (backupctl strategy disable {id} stops further runs now)",
                    run.text_of("run_id")?
                )));
            }
            apply_removal(db, node, Defined::Strategy, id, purge)?;
            record_removal(db, node, Defined::Strategy, id, Some(&connection), purge, now)
        })
    }

    fn connection_rows(
        &mut self,
        sql_where: &str,
        params: &[Value],
    ) -> anyhow::Result<Vec<Connection>> {
        let sql = format!(
            "SELECT node, conn_id, conn_name, database_instance, ip, port, credential, alive, privilege, oracle_home, catalog FROM connection {sql_where} ORDER BY node, conn_id"
        );
        let rows = self.query("list connections", &sql, params)?;
        rows.iter()
            .map(|r| {
                let port: i64 = r.get("port")?;
                Ok(Connection {
                    node: r.get("node")?,
                    conn_id: r.get("conn_id")?,
                    conn_name: r.get("conn_name")?,
                    database_instance: r.get("database_instance")?,
                    host: r.get::<Option<String>>("ip")?.unwrap_or_default(),
                    port: u16::try_from(port).map_err(|_| {
                        store_error(format!(
                            "the store holds port {port} for a connection: expected 1 to 65535"
                        ))
                    })?,
                    credential: Credential::parse(r.text_of("credential")?)?,
                    alive: r.get("alive")?,
                    privilege: privilege_from_db(r.text_of("privilege")?)?,
                    oracle_home: r.get("oracle_home")?,
                    catalog: r.get("catalog")?,
                })
            })
            .collect()
    }

    /// Every environment variable named as a credential by any connection in the store.
    /// Only the credentials that name a variable are read (`env:NAME`, as [`Credential`]'s
    /// Display writes them), each once: a tick asks for them at every minute.
    pub fn credential_vars(&mut self) -> anyhow::Result<Vec<String>> {
        let rows = self.query(
            "read the connections' credentials",
            "SELECT DISTINCT credential FROM connection WHERE credential LIKE 'env:%'",
            &[],
        )?;
        let mut vars = Vec::new();
        for r in &rows {
            if let Credential::Env(v) = Credential::parse(r.text_of("credential")?)? {
                vars.push(v);
            }
        }
        vars.sort();
        Ok(vars)
    }

    pub fn connections(&mut self, node: &str) -> anyhow::Result<Vec<Connection>> {
        self.connection_rows("WHERE node = ?", &[node.into()])
    }

    pub fn connection(&mut self, node: &str, id: &str) -> anyhow::Result<Option<Connection>> {
        Ok(self
            .connection_rows("WHERE node = ? AND conn_id = ?", &[node.into(), id.into()])?
            .pop())
    }

    /// Store a strategy with its lines (and any first frequencies) in one transaction.
    pub fn add_strategy(
        &mut self,
        s: &Strategy,
        id: IdRequest<'_>,
        rules: &[Rule],
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        self.tx("add the strategy", |db| {
            if !exists(db, Defined::Connection, &s.node, &s.connection)? {
                return Err(invalid(format!(
                    "unknown connection \"{}\" on node {}: add it first with backupctl add-connection",
                    s.connection, s.node
                )));
            }
            let id = Self::allocate_id(db, "strategy", "strategy", "strategy_id", &s.node, id)?;
            db.execute(
                "INSERT INTO strategy (node, strategy_id, connection, priority, alive, timeout_secs, created_at, name, max_age_secs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                &[
                    s.node.as_str().into(),
                    id.as_str().into(),
                    s.connection.as_str().into(),
                    s.priority.as_str().into(),
                    i64::from(s.alive).into(),
                    s.timeout_secs.map(|t| t as i64).into(),
                    now.into(),
                    s.name.as_deref().into(),
                    s.max_age_secs.map(|t| t as i64).into(),
                ],
            )
            .map_err(|e| db_err(format!("failed to add strategy {id}"), e))?;
            insert_lines(db, &s.node, &id, &s.lines)?;
            insert_rules(db, &s.node, &id, rules)?;
            forget_removal(db, &s.node, Defined::Strategy, &id)?;
            Ok(id)
        })
    }

    /// A strategy with its lines in order, or `None`.
    pub fn strategy(&mut self, node: &str, id: &str) -> anyhow::Result<Option<Strategy>> {
        let rows = self.query(
            "read the strategy",
            "SELECT node, strategy_id, connection, priority, alive, timeout_secs, name, max_age_secs FROM strategy WHERE node = ? AND strategy_id = ?",
            &[node.into(), id.into()],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let lines = self
            .query(
                "read the strategy's lines",
                "SELECT line FROM strategy_line WHERE node = ? AND strategy_id = ? ORDER BY line_no",
                &[node.into(), id.into()],
            )?
            .iter()
            .map(|l| l.get("line"))
            .collect::<anyhow::Result<_>>()?;
        Ok(Some(Strategy {
            lines,
            ..strategy_of(r)?
        }))
    }

    fn require_strategy(db: &mut dyn Backend, node: &str, id: &str) -> anyhow::Result<()> {
        if !exists(db, Defined::Strategy, node, id)? {
            return Err(invalid(format!("unknown strategy \"{id}\" on node {node}")));
        }
        Ok(())
    }

    /// Add frequencies to a strategy; those it already has are left as they are.
    /// Returns how many were new.
    pub fn add_frequencies(
        &mut self,
        node: &str,
        strategy: &str,
        rules: &[Rule],
    ) -> anyhow::Result<usize> {
        self.tx("add the schedule", |db| {
            Self::require_strategy(db, node, strategy)?;
            let added = insert_rules(db, node, strategy, rules)?;
            if added > 0 {
                touch_strategy(db, node, strategy)?;
            }
            Ok(added)
        })
    }

    /// Remove the given frequencies (all of them when `rules` is `None`). Every given one must
    /// exist, or nothing is removed. Returns how many were removed.
    pub fn remove_frequencies(
        &mut self,
        node: &str,
        strategy: &str,
        rules: Option<&[Rule]>,
    ) -> anyhow::Result<usize> {
        self.tx("remove the schedule", |db| {
            Self::require_strategy(db, node, strategy)?;
            touch_strategy(db, node, strategy)?;
            let err = |e| db_err(format!("failed to remove frequencies of {strategy}"), e);
            match rules {
                None => Ok(db
                    .execute(
                        "DELETE FROM frequency WHERE node = ? AND strategy_id = ?",
                        &[node.into(), strategy.into()],
                    )
                    .map_err(err)? as usize),
                Some(rules) => {
                    let mut removed = 0;
                    for rule in rules {
                        let n = db
                            .execute(
                                "DELETE FROM frequency WHERE node = ? AND strategy_id = ? AND freq_key = ?",
                                &[node.into(), strategy.into(), rule.key().into()],
                            )
                            .map_err(err)?;
                        if n == 0 {
                            return Err(invalid(format!(
                                "strategy {strategy} has no frequency \"{}\": see backupctl schedule list --strategy {strategy}",
                                rule.describe()
                            )));
                        }
                        removed += n as usize;
                    }
                    Ok(removed)
                }
            }
        })
    }

    /// Frequencies as listed, optionally of one node and/or strategy.
    pub fn frequencies(
        &mut self,
        node: Option<&str>,
        strategy: Option<&str>,
    ) -> anyhow::Result<Vec<FrequencyRow>> {
        let mut q =
            Listing::new("SELECT node, strategy_id, day, hour, minutes, cron FROM frequency");
        q.and(" AND node = ?", node)
            .and(" AND strategy_id = ?", strategy);
        let (sql, params) = q.finish(
            " ORDER BY node, strategy_id, cron, day, hour, minutes",
            None,
            self.dialect(),
        );
        let rows = self.query("list frequencies", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(FrequencyRow {
                    node: r.get("node")?,
                    strategy_id: r.get("strategy_id")?,
                    rule: rule_from_row(r)?,
                })
            })
            .collect()
    }

    /// Every frequency of every node, in no particular order, handed to `f` one at a time as
    /// (node, strategy, rule): one pass over the table, no join, nothing held (`status` works out
    /// next due times from them for 10,000s of strategies).
    pub fn each_frequency(
        &mut self,
        mut f: impl FnMut(&str, &str, Rule) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.query_each(
            "read the frequencies",
            // The columns in the order they are read.
            "SELECT cron, day, hour, minutes, node, strategy_id FROM frequency",
            &[],
            |r| {
                let rule = rule_from_row(r)?;
                f(r.text_of("node")?, r.text_of("strategy_id")?, rule)
            },
        )
    }

    /// Frequencies of live strategies on live connections of `node`. With `minutes`, only the
    /// rules that can fire at one of those local (weekday, hour, minute) — plus every cron rule,
    /// which the scheduler evaluates itself.
    pub fn live_frequencies(
        &mut self,
        node: &str,
        minutes: Option<&[(i8, u8, u8)]>,
    ) -> anyhow::Result<Vec<Frequency>> {
        // Each branch of the UNION ALL is one indexed probe: cron rules by (node, cron), the
        // others by (node, hour, minutes, day) for each candidate minute.
        let select = "SELECT f.strategy_id, f.day, f.hour, f.minutes, f.cron FROM frequency f \
             JOIN strategy s ON s.node = f.node AND s.strategy_id = f.strategy_id \
             JOIN connection c ON c.node = s.node AND c.conn_id = s.connection \
             WHERE f.node = ? AND s.alive = 1 AND c.alive = 1";
        let mut params: Vec<Value> = vec![node.into()];
        let sql = match minutes {
            None => select.to_string(),
            Some(minutes) => {
                let mut by_time: std::collections::BTreeMap<(u8, u8), Vec<i8>> = Default::default();
                for (day, hour, minute) in minutes {
                    by_time.entry((*hour, *minute)).or_default().push(*day);
                }
                let mut branches = vec![format!("{select} AND f.cron IS NOT NULL")];
                for ((hour, minute), days) in by_time {
                    let marks = vec!["?"; days.len() + 1].join(", ");
                    branches.push(format!(
                        "{select} AND f.hour = ? AND f.minutes = ? AND f.day IN ({marks})"
                    ));
                    params.push(node.into());
                    params.push(i64::from(hour).into());
                    params.push(i64::from(minute).into());
                    params.push((-1i64).into());
                    params.extend(days.into_iter().map(|d| Value::Int(i64::from(d))));
                }
                branches.join(" UNION ALL ")
            }
        };
        let rows = self.query("read the due frequencies", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(Frequency {
                    strategy_id: r.get("strategy_id")?,
                    rule: rule_from_row(r)?,
                })
            })
            .collect()
    }

    /// Mark a strategy alive or dead: a dead strategy never runs, and the change is pushed.
    pub fn set_strategy_alive(
        &mut self,
        node: &str,
        strategy: &str,
        alive: bool,
    ) -> anyhow::Result<bool> {
        self.set_alive(Defined::Strategy, node, strategy, alive)
    }

    /// Mark a connection alive or dead: none of its strategies runs while it is dead.
    pub fn set_connection_alive(
        &mut self,
        node: &str,
        connection: &str,
        alive: bool,
    ) -> anyhow::Result<bool> {
        self.set_alive(Defined::Connection, node, connection, alive)
    }

    /// Set `alive` in one transaction, bumping the row's revision so that the master hears of
    /// it. Returns whether anything changed: asking for the state a row is already in is not an
    /// error; an unknown id is (exit 3).
    fn set_alive(
        &mut self,
        what: Defined,
        node: &str,
        id: &str,
        alive: bool,
    ) -> anyhow::Result<bool> {
        let (table, key) = (what.as_str(), what.key());
        self.tx(&format!("change {table} {id}"), |db| {
            let err = |e| db_err(format!("failed to change {table} {id}"), e);
            let found = db
                .query(
                    &format!("SELECT alive FROM {table} WHERE node = ? AND {key} = ?"),
                    &[node.into(), id.into()],
                )
                .map_err(err)?;
            let Some(row) = found.first() else {
                return Err(unknown(what, node, id));
            };
            if row.get::<bool>("alive")? == alive {
                return Ok(false);
            }
            db.execute(
                &format!(
                    "UPDATE {table} SET alive = ?, rev = rev + 1, pushed = 0 WHERE node = ? AND {key} = ?"
                ),
                &[i64::from(alive).into(), node.into(), id.into()],
            )
            .map_err(err)?;
            Ok(true)
        })
    }

    /// The strategies of a node, optionally of one connection, with their scripts.
    pub fn strategies(
        &mut self,
        node: &str,
        connection: Option<&str>,
    ) -> anyhow::Result<Vec<Strategy>> {
        // Two reads whatever the count (the strategies, then every line of the node's in key
        // order), never one more per strategy: 10,000 strategies on a PostgreSQL master are two
        // round trips, not 20,001.
        let filter = if connection.is_some() {
            " AND connection = ?"
        } else {
            ""
        };
        let params: Vec<Value> = std::iter::once(node.into())
            .chain(connection.map(Value::from))
            .collect();
        let rows = self.query(
            "list strategies",
            &format!(
                "SELECT node, strategy_id, connection, priority, alive, timeout_secs, name, max_age_secs FROM strategy WHERE node = ?{filter} ORDER BY strategy_id"
            ),
            &params,
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(strategy_of(r)?);
        }
        if out.is_empty() {
            return Ok(out);
        }
        let lines = format!(
            "SELECT l.strategy_id, l.line FROM strategy_line l JOIN strategy s ON s.node = l.node AND s.strategy_id = l.strategy_id \
             WHERE l.node = ?{} ORDER BY l.strategy_id, l.line_no",
            filter.replace("connection", "s.connection")
        );
        // By id, not by walking both in order: the server's collation orders ids, not Rust's.
        let at: std::collections::HashMap<String, usize> = out
            .iter()
            .enumerate()
            .map(|(i, s)| (s.strategy_id.clone(), i))
            .collect();
        self.query_each("read the strategies' lines", &lines, &params, |r| {
            if let Some(&i) = at.get(r.text_of("strategy_id")?) {
                out[i].lines.push(r.get("line")?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The strategies of a connection: (id, priority, alive).
    pub fn strategies_of(
        &mut self,
        node: &str,
        connection: &str,
    ) -> anyhow::Result<Vec<(String, Priority, bool)>> {
        let rows = self.query(
            "list the connection's strategies",
            "SELECT strategy_id, priority, alive FROM strategy WHERE node = ? AND connection = ? ORDER BY strategy_id",
            &[node.into(), connection.into()],
        )?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.get("strategy_id")?,
                    priority_from_db(r.text_of("priority")?)?,
                    r.get("alive")?,
                ))
            })
            .collect()
    }

    /// Move every definition, run, log and error of node `old` to node `new`, in one transaction,
    /// marking them to be pushed again. A row `new` already has (the master may have received it
    /// under the new name before it heard of the rename) is kept, and `old`'s copy dropped.
    pub fn rename_node(
        &mut self,
        old: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Moved> {
        self.tx(&format!("rename node {old} to {new}"), |db| {
            let err = |e| db_err(format!("failed to rename node {old} to {new}"), e);
            let count = |db: &mut dyn Backend, table: &str, node: &str| -> anyhow::Result<u64> {
                let rows = db
                    .query(
                        &format!("SELECT COUNT(*) AS n FROM {table} WHERE node = ?"),
                        &[node.into()],
                    )
                    .map_err(err)?;
                rows.first().map_or(Ok(0), |r| r.get("n"))
            };
            let moved = Moved {
                connections: count(db, "connection", old)?,
                strategies: count(db, "strategy", old)?,
                runs: count(db, "run", old)?,
            };
            for (table, keys) in DEFINITIONS {
                let names = columns_but_node(db, table, old).map_err(err)?;
                if names.is_empty() {
                    continue;
                }
                let cols = names.join(", ");
                let same_key = keys
                    .split(", ")
                    .map(|k| format!("d.{k} = o.{k}"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                // Copied rows go out again with the next push, under the new name.
                let values = names
                    .iter()
                    .map(|c| match c.as_str() {
                        "rev" => "rev + 1",
                        "pushed" => "0",
                        c => c,
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                db.execute(
                    &format!(
                        "INSERT INTO {table} (node, {cols}) SELECT ?, {values} FROM {table} o \
                         WHERE o.node = ? AND NOT EXISTS (SELECT 1 FROM {table} d WHERE d.node = ? AND {same_key})"
                    ),
                    &[new.into(), old.into(), new.into()],
                )
                .map_err(err)?;
            }
            for (table, _) in DEFINITIONS.iter().rev() {
                db.execute(&format!("DELETE FROM {table} WHERE node = ?"), &[old.into()])
                    .map_err(err)?;
            }
            db.execute(
                "UPDATE run SET node = ?, rev = rev + 1, pushed = 0 WHERE node = ? AND NOT EXISTS \
                 (SELECT 1 FROM run d WHERE d.node = ? AND d.strategy_id = run.strategy_id AND d.scheduled_for = run.scheduled_for)",
                &[new.into(), old.into(), new.into()],
            )
            .map_err(err)?;
            db.execute("DELETE FROM run WHERE node = ?", &[old.into()])
                .map_err(err)?;
            for table in ["log", "error"] {
                db.execute(
                    &format!("UPDATE {table} SET node = ?, pushed = 0 WHERE node = ?"),
                    &[new.into(), old.into()],
                )
                .map_err(err)?;
            }
            move_node_record(db, old, new, now)?;
            Ok(moved)
        })
    }

    /// Refuse a filter's strategy or connection id that this store has never heard of (on
    /// `node`, or on any node): neither defined now nor in any run's history. A typo then reads
    /// as a typo, not as "never ran".
    pub fn known_in_filter(
        &mut self,
        strategy: Option<&str>,
        connection: Option<&str>,
        node: Option<&str>,
    ) -> anyhow::Result<()> {
        let on = if node.is_some() { " AND node = ?" } else { "" };
        let one = limit_clause(self.dialect(), 1);
        let checks = [
            (
                "strategy",
                strategy,
                [
                    format!("SELECT 1 AS hit FROM strategy WHERE strategy_id = ?{on}{one}"),
                    format!("SELECT 1 AS hit FROM run WHERE strategy_id = ?{on}{one}"),
                ],
            ),
            (
                "connection",
                connection,
                [
                    format!("SELECT 1 AS hit FROM connection WHERE conn_id = ?{on}{one}"),
                    format!("SELECT 1 AS hit FROM removal WHERE kind = 'connection' AND object_id = ?{on}{one}"),
                ],
            ),
        ];
        for (kind, id, queries) in checks {
            let Some(id) = id else { continue };
            let params: Vec<Value> = [Some(id), node]
                .into_iter()
                .flatten()
                .map(Value::from)
                .collect();
            let mut known = false;
            for sql in queries {
                known = known
                    || !self
                        .query(&format!("look up {kind} {id}"), &sql, &params)?
                        .is_empty();
            }
            if !known {
                let place =
                    node.map_or_else(|| "in this store".to_string(), |n| format!("on node {n}"));
                return Err(invalid(format!(
                    "unknown {kind} \"{id}\" {place}: no {kind} or history of that id; see backupctl {kind} list"
                )));
            }
        }
        Ok(())
    }

    /// Node names holding strategies in this store, when `node` holds none (a renamed host).
    pub fn other_nodes_only(&mut self, node: &str) -> anyhow::Result<Vec<String>> {
        let mine = self.query(
            "look up this node's strategies",
            &format!(
                "SELECT 1 FROM strategy WHERE node = ?{}",
                limit_clause(self.dialect(), 1)
            ),
            &[node.into()],
        )?;
        if !mine.is_empty() {
            return Ok(Vec::new());
        }
        let others = self.query(
            "list the store's nodes",
            "SELECT DISTINCT node FROM strategy ORDER BY node",
            &[],
        )?;
        others.iter().map(|r| r.get("node")).collect()
    }
}

/// A strategy from a row of its table (`SELECT node, strategy_id, connection, priority, alive,
/// timeout_secs, name, max_age_secs`), its lines still to be read.
fn strategy_of(r: &Row) -> anyhow::Result<Strategy> {
    Ok(Strategy {
        node: r.get("node")?,
        strategy_id: r.get("strategy_id")?,
        connection: r.get("connection")?,
        priority: priority_from_db(r.text_of("priority")?)?,
        alive: r.get("alive")?,
        timeout_secs: r.get("timeout_secs")?,
        name: r.get("name")?,
        max_age_secs: r.get("max_age_secs")?,
        lines: Vec::new(),
    })
}
