//! The metadata store: domain operations written once over a small [`Backend`] trait that each
//! database implements (SQLite embedded; PostgreSQL and Oracle as central stores).

//!
//! One module per domain: `url` (where the store is, how connections authenticate), `value`
//! (values and rows), `definitions`, `runs`, `health`, `prune`, `sync` (the fleet); one module per
//! dialect (`sqlite`, `postgres`, `oracle`) for everything dialect-specific.

mod definitions;
pub mod dialect;
mod health;
#[cfg(feature = "oracle")]
pub mod oracle;
#[cfg(feature = "postgres")]
pub mod postgres;
mod prune;
mod runs;
pub mod sqlite;
pub mod sync;
#[cfg(feature = "postgres")]
mod tls;
mod url;
mod value;

use std::fmt;

use chrono::Utc;

use crate::error::{invalid, store as store_error};

pub use crate::model::{
    Connection, Credential, Health, LastRun, Limits, NewRun, Priority, Privilege, RunEnd, RunError,
    RunStatus, Runnable, Strategy, Trigger,
};
pub use definitions::{FrequencyRow, IdRequest, Moved};
pub use health::Positions;
pub use prune::Pruned;
use runs::insert_error;
pub use runs::{Claim, ErrorFilter, ErrorRow, NewError, Released, RunFilter, RunRow, RunningRun};
pub use url::{Dialect, StoreUrl};
pub use value::{Kind, Row, Typed, Value};

/// An Oracle name used unquoted (SQL Language Reference, "Database Object Naming Rules"): a user
/// in `node grant`, a schema in an Oracle URL.
pub fn oracle_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name.as_bytes()[0].is_ascii_alphabetic()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_$#".contains(&b))
}

/// Versioned migrations, applied in order by `install-schema`.
pub fn migrations(dialect: Dialect) -> &'static [(u32, &'static str)] {
    dialect.sql().migrations()
}

/// The newest schema version this build knows.
pub fn latest_version(dialect: Dialect) -> u32 {
    migrations(dialect).last().map(|m| m.0).unwrap_or(0)
}

/// The environment variable holding the password of the store (`Store`) or of the master.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Store,
    Master,
}

impl Which {
    #[cfg_attr(not(any(feature = "postgres", feature = "oracle")), allow(dead_code))]
    fn password_var(self) -> &'static str {
        match self {
            Which::Store => "BACKUPCTL_STORE_PASSWORD",
            Which::Master => "BACKUPCTL_MASTER_PASSWORD",
        }
    }
}

/// Open the store a URL names. The embedded SQLite store is created and upgraded on first use;
/// a central store must have had `install-schema` run.
pub fn open(url: &StoreUrl) -> anyhow::Result<Store> {
    open_as(url, Which::Store)
}

/// Open a store that must already exist: commands that only read, or act on what is stored,
/// never create an empty store out of a mistyped path (and then report that all is well).
/// A central store must connect and answer each statement within `timeout`.
pub fn open_existing(url: &StoreUrl, timeout: std::time::Duration) -> anyhow::Result<Store> {
    if let StoreUrl::Sqlite(path) = url {
        match std::fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(store_error(format!(
                    "cannot open store {url}: {}",
                    sqlite::access_problem(path).unwrap_or_else(|| e.to_string())
                )));
            }
            Err(_) => {
                return Err(store_error(format!(
                    "store {url} does not exist: check --store (or store in the profile), or create it with backupctl install-schema"
                )));
            }
        }
    }
    open_within(url, Which::Store, Some(timeout))
}

/// Open a store with the password variable of its role.
pub fn open_as(url: &StoreUrl, which: Which) -> anyhow::Result<Store> {
    open_within(url, which, None)
}

/// Open a store whose every step — connecting, and each statement — must finish within
/// `timeout` (for a slave's master: a master that does not answer is given up, never waited on).
pub fn open_within(
    url: &StoreUrl,
    which: Which,
    timeout: Option<std::time::Duration>,
) -> anyhow::Result<Store> {
    let mut store = open_raw_as(url, which, timeout)?;
    if store.dialect().sql().made_on_first_use() {
        store.install_schema()?;
    } else {
        store.require_schema()?;
    }
    Ok(store)
}

/// Open without touching the schema (for `install-schema`).
pub fn open_raw(url: &StoreUrl) -> anyhow::Result<Store> {
    open_raw_as(url, Which::Store, None)
}

fn open_raw_as(
    url: &StoreUrl,
    which: Which,
    timeout: Option<std::time::Duration>,
) -> anyhow::Result<Store> {
    let backend: Box<dyn Backend> = match url {
        StoreUrl::Sqlite(path) => Box::new(sqlite::SqliteBackend::open(
            path,
            timeout.unwrap_or(sqlite::MAX_BUSY),
        )?),
        #[cfg(feature = "postgres")]
        StoreUrl::Postgres(u) => Box::new(postgres::PostgresBackend::connect(
            u,
            which.password_var(),
            timeout,
        )?),
        #[cfg(feature = "oracle")]
        StoreUrl::Oracle(u) => Box::new(oracle::OracleBackend::connect(
            u,
            which.password_var(),
            timeout,
        )?),
        #[allow(unreachable_patterns)]
        other => {
            let _ = (which, timeout);
            return Err(invalid(format!(
                "store {other} needs {} support, which this backupctl was built without: build it with cargo's default features",
                other.dialect()
            )));
        }
    };
    Ok(Store { db: backend })
}

/// `?` → `{prefix}1`, `{prefix}2`, … outside quoted text (`$` for PostgreSQL, `:` for Oracle).
#[cfg_attr(not(any(feature = "postgres", feature = "oracle")), allow(dead_code))]
pub(crate) fn number_placeholders(sql: &str, prefix: char) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push(prefix);
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// What a backend reports when a statement fails.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique or primary key was already taken.
    #[error("{0}")]
    Conflict(String),
    /// Anything else: unreachable, locked, malformed.
    #[error("{0}")]
    Failed(String),
}

/// One database dialect. SQL uses `?` placeholders; a backend rewrites them as it needs.
pub trait Backend: Send {
    fn dialect(&self) -> Dialect;
    /// Where this backend is connected, without any secret.
    fn describe(&self) -> String;
    fn has_table(&mut self, name: &str) -> Result<bool, DbError>;
    /// Run a DDL script (several statements).
    fn batch(&mut self, sql: &str) -> Result<(), DbError>;
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError>;
    /// Insert or update `rows` of `table` (values in the order of `cols`), each row kept once by
    /// its `keys`: multi-row statements of the dialect's upsert, a hundred rows each.
    fn upsert_rows(
        &mut self,
        table: &str,
        cols: &[(&str, Kind)],
        keys: &[&str],
        rows: &[Vec<Value>],
    ) -> Result<(), DbError> {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = self.dialect().sql().upsert(table, cols, keys, chunk.len());
            let params: Vec<Value> = chunk.iter().flatten().cloned().collect();
            self.execute(&sql, &params)?;
        }
        Ok(())
    }
    /// `INSERT INTO table (columns) VALUES (params…, text)`: a row whose last column holds a
    /// text that may be large (a run's log, up to `log_limit`), borrowed rather than copied into
    /// a parameter. A backend that can write it without holding a copy of its own does (SQLite).
    fn insert_with_text(
        &mut self,
        table: &str,
        columns: &[&str],
        params: &[Value],
        text: &str,
    ) -> Result<(), DbError> {
        insert_bound(self, table, columns, params, text)
    }
    /// Each row of a query in turn, until `f` says stop (returns false); a backend may hand `f`
    /// the same `Row`, refilled, so that reads of many rows need not hold them all.
    fn each_row(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<(), DbError>;
    /// Every row of a query.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let mut out = Vec::new();
        self.each_row(sql, params, &mut |r| {
            out.push(r.clone());
            true
        })?;
        Ok(out)
    }
    /// Start a write transaction (SQLite: `BEGIN IMMEDIATE`, so writers queue instead of failing).
    fn begin(&mut self) -> Result<(), DbError>;
    fn commit(&mut self) -> Result<(), DbError>;
    fn rollback(&mut self) -> Result<(), DbError>;
    /// Make the commits that follow survive a power cut, not only a crash (SQLite: synchronous =
    /// FULL instead of NORMAL). Servers always commit durably: nothing to do.
    fn durable(&mut self, _on: bool) -> Result<(), DbError> {
        Ok(())
    }
}

/// Rows per multi-row statement of [`Backend::upsert_rows`]: well under every dialect's limit
/// on bound values.
pub(crate) const ROWS_PER_STATEMENT: usize = 100;

/// [`Backend::insert_with_text`] with the text bound as a parameter like any other.
fn insert_bound<B: Backend + ?Sized>(
    db: &mut B,
    table: &str,
    columns: &[&str],
    params: &[Value],
    text: &str,
) -> Result<(), DbError> {
    let mut all = params.to_vec();
    all.push(Value::Text(text.to_owned()));
    db.execute(&insert_sql(table, columns, "?"), &all)?;
    Ok(())
}

/// `INSERT INTO table (columns) VALUES (?, …, ?, last)`: `last` is the last column's value
/// (`?`, or an expression of it such as `zeroblob(?)`).
fn insert_sql(table: &str, columns: &[&str], last: &str) -> String {
    let mut marks = vec!["?"; columns.len().saturating_sub(1)];
    marks.push(last);
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    )
}

/// A decoding error met inside a backend, as the backend reports errors.
#[cfg(any(feature = "oracle", feature = "postgres"))]
fn failed(e: anyhow::Error) -> DbError {
    DbError::Failed(crate::error::one_line(&e))
}

fn db_err(context: impl fmt::Display, e: DbError) -> anyhow::Error {
    match e {
        DbError::Conflict(m) | DbError::Failed(m) => store_error(format!("{context}: {m}")),
    }
}

/// The domain operations every command uses, over any backend.
pub struct Store {
    db: Box<dyn Backend>,
}

impl Store {
    pub fn from_backend(db: Box<dyn Backend>) -> Store {
        Store { db }
    }

    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// See [`dialect::Sql::cheap_to_open_again`].
    pub fn cheap_to_open_again(&self) -> bool {
        self.dialect().sql().cheap_to_open_again()
    }

    pub fn describe(&self) -> String {
        self.db.describe()
    }

    /// Run `f` in one transaction: all of its writes land, or none.
    fn tx<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&mut dyn Backend) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.db
            .begin()
            .map_err(|e| db_err(format!("failed to {what}"), e))?;
        match f(self.db.as_mut()) {
            Ok(v) => {
                self.db
                    .commit()
                    .map_err(|e| db_err(format!("failed to {what}"), e))?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.db.rollback();
                Err(e)
            }
        }
    }

    fn query(&mut self, what: &str, sql: &str, params: &[Value]) -> anyhow::Result<Vec<Row>> {
        self.db
            .query(sql, params)
            .map_err(|e| db_err(format!("failed to {what}"), e))
    }

    /// Each row in turn, without holding them all; the first error of `f` ends the read.
    fn query_each(
        &mut self,
        what: &str,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut failed = None;
        self.db
            .each_row(sql, params, &mut |r| match f(r) {
                Ok(()) => true,
                Err(e) => {
                    failed = Some(e);
                    false
                }
            })
            .map_err(|e| db_err(format!("failed to {what}"), e))?;
        failed.map_or(Ok(()), Err)
    }

    /// The installed schema version, 0 when none.
    pub fn schema_version(&mut self) -> anyhow::Result<u32> {
        // One round trip when the schema is there (every command on a central store asks this
        // first); only a failed read asks whether the table exists at all.
        let read = self
            .db
            .query("SELECT MAX(version) AS version FROM schema_version", &[]);
        let rows = match read {
            Ok(rows) => rows,
            // No table: no schema yet. Otherwise the read's own error (a store that stopped
            // answering has given up on the second question too).
            Err(e) => {
                return match self.db.has_table("schema_version") {
                    Ok(false) => Ok(0),
                    Ok(true) | Err(_) => Err(db_err("failed to read the schema version", e)),
                }
            }
        };
        let version: Option<i64> = rows
            .first()
            .map(|r| r.get("version"))
            .transpose()?
            .flatten();
        u32::try_from(version.unwrap_or(0))
            .map_err(|_| store_error(format!("the store holds schema version {version:?}")))
    }

    /// Apply every migration newer than the installed version. Returns (before, after). Many
    /// installers at once apply each version once (see [`dialect::Sql::install_lock`]).
    pub fn install_schema(&mut self) -> anyhow::Result<(u32, u32)> {
        let Some((lock, unlock)) = self.dialect().sql().install_lock() else {
            return self.install_schema_unlocked();
        };
        self.db
            .batch(lock)
            .map_err(|e| db_err("failed to wait for other installers", e))?;
        let installed = self.install_schema_unlocked();
        let _ = self.db.batch(unlock);
        installed
    }

    fn install_schema_unlocked(&mut self) -> anyhow::Result<(u32, u32)> {
        let dialect = self.dialect();
        let before = self.schema_version()?;
        let latest = latest_version(dialect);
        if before > latest {
            return Err(store_error(format!(
                "store {} has schema version {before}, newer than this backupctl knows ({latest}): upgrade backupctl",
                self.describe()
            )));
        }
        let foreign = self.foreign_tables(before)?;
        if !foreign.is_empty() {
            return Err(invalid(format!(
                "store {} already holds tables named like backupctl's that are not backupctl's ({}: no node column; BackupExecutor's schema?): nothing was created; install backupctl's schema in a schema or database of its own",
                self.describe(),
                foreign.join(", ")
            )));
        }
        if before == 0 {
            let ddl = dialect
                .sql()
                .schema_version_table()
                .replace("/*TABLESPACE*/", "");
            if !self
                .db
                .has_table("schema_version")
                .map_err(|e| db_err("failed to install the schema", e))?
            {
                if let Err(e) = self.db.batch(&ddl) {
                    // A concurrent installer may have made it meanwhile.
                    if !self.db.has_table("schema_version").unwrap_or(false) {
                        return Err(db_err("failed to install the schema", e));
                    }
                }
            }
        }
        for (version, sql) in migrations(dialect).iter().filter(|(v, _)| *v > before) {
            let now = Utc::now();
            self.tx(&format!("apply schema version {version}"), |db| {
                // A concurrent installer may have applied it meanwhile.
                let done = db
                    .query(
                        "SELECT 1 FROM schema_version WHERE version = ?",
                        &[i64::from(*version).into()],
                    )
                    .map_err(|e| db_err("failed to read the schema version", e))?;
                if !done.is_empty() {
                    return Ok(());
                }
                db.batch(sql)
                    .map_err(|e| db_err(format!("failed to apply schema version {version}"), e))?;
                match db.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    &[i64::from(*version).into(), now.into()],
                ) {
                    // Oracle commits each DDL statement, so two installers can both get here:
                    // the other stamped it first, after the same statements.
                    Ok(_) | Err(DbError::Conflict(_)) => Ok(()),
                    Err(e) => Err(db_err(
                        format!("failed to record schema version {version}"),
                        e,
                    )),
                }
            })?;
        }
        Ok((before, latest))
    }

    /// The tables that the migrations after `before` create and that already exist without
    /// the `node` column every backupctl table has: another application's (BackupExecutor kept
    /// `connection`, `strategy`, `frequency`, `log` and `error`, often in SYSTEM). Creating around
    /// them would stop half-way, or, on Oracle where an existing name reads as a migration run
    /// again (ORA-00955), carry on over tables of another shape.
    fn foreign_tables(&mut self, before: u32) -> anyhow::Result<Vec<String>> {
        let dialect = self.dialect();
        let mut foreign = Vec::new();
        for (_, sql) in migrations(dialect).iter().filter(|(v, _)| *v > before) {
            for table in dialect::created_tables(sql) {
                let exists = self
                    .db
                    .has_table(table)
                    .map_err(|e| db_err("failed to look for existing tables", e))?;
                if exists
                    && self
                        .db
                        .query(&format!("SELECT node FROM {table} WHERE 1 = 0"), &[])
                        .is_err()
                {
                    foreign.push(table.to_string());
                }
            }
        }
        Ok(foreign)
    }

    /// Fail with a clear message unless the schema is installed and current.
    pub fn require_schema(&mut self) -> anyhow::Result<()> {
        let v = self.schema_version()?;
        let latest = latest_version(self.dialect());
        if v == latest {
            return Ok(());
        }
        Err(store_error(format!(
            "store {} has schema version {v}, this backupctl needs {latest}: run backupctl install-schema",
            self.describe()
        )))
    }
    /// A node's grant (`node grant`): its SQL in one transaction — PostgreSQL's DDL is
    /// transactional, so a failure leaves no half-made rule.
    pub fn grant_node(&mut self, sql: &str) -> anyhow::Result<()> {
        self.tx("grant the node's role", |db| {
            db.batch(sql)
                .map_err(|e| db_err("failed to grant the node's role", e))
        })
    }

    /// Run DDL or a PL/SQL block as it is (tests reset a shared Oracle schema with it).
    pub fn exec_ddl(&mut self, sql: &str) -> anyhow::Result<()> {
        self.db
            .batch(sql)
            .map_err(|e| db_err("failed to run DDL", e))
    }
}

fn limit_clause(dialect: Dialect, n: u64) -> String {
    dialect.sql().limit(n)
}

/// A listing: a SELECT narrowed by whichever optional `AND … = ?` filters were given, their values
/// bound in order, then ordered and limited in the backend's dialect.
struct Listing {
    sql: String,
    params: Vec<Value>,
}

impl Listing {
    fn new(select: &str) -> Self {
        Listing {
            sql: format!("{select} WHERE 1 = 1"),
            params: Vec::new(),
        }
    }

    /// Add `clause` (one `?`) bound to `value`, when there is one.
    fn and<V: Into<Value>>(&mut self, clause: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.sql.push_str(clause);
            self.params.push(v.into());
        }
        self
    }

    /// The SQL with its order and limit, and the values to bind.
    fn finish(mut self, order: &str, limit: Option<u64>, dialect: Dialect) -> (String, Vec<Value>) {
        self.sql.push_str(order);
        if let Some(n) = limit {
            self.sql.push_str(&limit_clause(dialect, n));
        }
        (self.sql, self.params)
    }
}
