//! The metadata store: domain operations written once over a small [`Backend`] trait that each
//! database implements (SQLite embedded; PostgreSQL and Oracle as central stores).

#[cfg(feature = "oracle")]
pub mod oracle;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sqlite;
pub mod sync;

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::error::{invalid, store as store_error};
use crate::schedule::{CronExpr, Frequency, Rule};
use crate::units::check_id;

/// Where the metadata lives. A URL never carries a password (see [`StoreUrl::parse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreUrl {
    Sqlite(PathBuf),
    Postgres(String),
    Oracle(String),
}

impl StoreUrl {
    /// `sqlite:PATH` or a bare path; `postgres://user@host:port/db`; `oracle://user@host:port/service`
    /// or `oracle:///@alias` (wallet). A password in the URL is refused, without echoing it.
    pub fn parse(text: &str) -> anyhow::Result<StoreUrl> {
        let t = text.trim();
        let expected =
            "expected sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service";
        if t.is_empty() {
            return Err(invalid(format!("empty store URL: {expected}")));
        }
        if let Some(rest) = t.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(invalid(format!(
                    "store URL \"{t}\" has no path: {expected}"
                )));
            }
            return Ok(StoreUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, rest)) = t.split_once("://") {
            let authority = rest.split('/').next().unwrap_or_default();
            if let Some((userinfo, _)) = authority.rsplit_once('@') {
                if userinfo.contains(':') {
                    return Err(invalid(format!(
                        "store URL for {scheme} must not contain a password: remove it and set BACKUPCTL_STORE_PASSWORD (or BACKUPCTL_MASTER_PASSWORD for master)"
                    )));
                }
            }
            return match scheme {
                "postgres" | "postgresql" => Ok(StoreUrl::Postgres(t.to_string())),
                "oracle" => Ok(StoreUrl::Oracle(t.to_string())),
                "sqlite" => Ok(StoreUrl::Sqlite(PathBuf::from(rest))),
                other => Err(invalid(format!(
                    "unsupported store URL scheme \"{other}\": {expected}"
                ))),
            };
        }
        Ok(StoreUrl::Sqlite(PathBuf::from(t)))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            StoreUrl::Sqlite(_) => Dialect::Sqlite,
            StoreUrl::Postgres(_) => Dialect::Postgres,
            StoreUrl::Oracle(_) => Dialect::Oracle,
        }
    }
}

impl fmt::Display for StoreUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreUrl::Sqlite(p) => write!(f, "sqlite:{}", p.display()),
            StoreUrl::Postgres(u) | StoreUrl::Oracle(u) => f.write_str(u),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    Sqlite,
    Postgres,
    Oracle,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
            Dialect::Oracle => "oracle",
        })
    }
}

/// Versioned migrations, applied in order by `install-schema`.
pub fn migrations(dialect: Dialect) -> &'static [(u32, &'static str)] {
    match dialect {
        Dialect::Sqlite => &[
            (1, include_str!("../../sql/sqlite/0001_initial.sql")),
            (2, include_str!("../../sql/sqlite/0002_fleet.sql")),
            (3, include_str!("../../sql/sqlite/0003_partial_indexes.sql")),
            (4, include_str!("../../sql/sqlite/0004_quarantine.sql")),
            (5, include_str!("../../sql/sqlite/0005_rman.sql")),
        ],
        Dialect::Postgres => &[
            (1, include_str!("../../sql/postgres/0001_initial.sql")),
            (2, include_str!("../../sql/postgres/0002_fleet.sql")),
            (
                3,
                include_str!("../../sql/postgres/0003_partial_indexes.sql"),
            ),
            (4, include_str!("../../sql/postgres/0004_quarantine.sql")),
            (5, include_str!("../../sql/postgres/0005_rman.sql")),
        ],
        Dialect::Oracle => &[
            (1, include_str!("../../sql/oracle/0001_initial.sql")),
            (2, include_str!("../../sql/oracle/0002_fleet.sql")),
            (3, include_str!("../../sql/oracle/0003_partial_indexes.sql")),
            (4, include_str!("../../sql/oracle/0004_quarantine.sql")),
            (5, include_str!("../../sql/oracle/0005_rman.sql")),
        ],
    }
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
    #[cfg_attr(
        not(any(feature = "postgres", feature = "oracle")),
        allow(dead_code)
    )]
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
pub fn open_existing(url: &StoreUrl) -> anyhow::Result<Store> {
    if let StoreUrl::Sqlite(path) = url {
        if !path.exists() {
            return Err(store_error(format!(
                "store {url} does not exist: check --store (or store in the profile), or create it with backupctl install-schema"
            )));
        }
    }
    open(url)
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
    if store.dialect() == Dialect::Sqlite {
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
        StoreUrl::Sqlite(path) => Box::new(sqlite::SqliteBackend::open(path)?),
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
#[cfg_attr(
    not(any(feature = "postgres", feature = "oracle")),
    allow(dead_code)
)]
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

/// The kind of a column, for a NULL bound to it (Oracle types every bind, and a NULL of the wrong
/// type fails in a `CASE` or a `UNION ALL`) and for the pushed tables' columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Time,
    /// Text that may be longer than any VARCHAR2 (run logs).
    Clob,
}

/// A value crossing the backend boundary.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null(Kind),
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
}

impl Value {
    /// A NULL of text (the kind of most columns).
    pub const NULL: Value = Value::Null(Kind::Text);
}

/// Rust types that map to one column kind.
pub trait Typed: Into<Value> {
    const KIND: Kind;
}
impl Typed for &str {
    const KIND: Kind = Kind::Text;
}
impl Typed for String {
    const KIND: Kind = Kind::Text;
}
impl Typed for &String {
    const KIND: Kind = Kind::Text;
}
impl Typed for i64 {
    const KIND: Kind = Kind::Int;
}
impl Typed for DateTime<Utc> {
    const KIND: Kind = Kind::Time;
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<DateTime<Utc>> for Value {
    fn from(v: DateTime<Utc>) -> Self {
        Value::Time(v)
    }
}
impl<T: Typed> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Value::Null(T::KIND))
    }
}

/// A result row, read by column position.
#[derive(Clone, Debug)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn get(&self, i: usize) -> &Value {
        self.0.get(i).unwrap_or(&Value::NULL)
    }
    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.get(i) {
            Value::Text(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Time(t) => Some(crate::units::to_db_time(*t)),
            Value::Null(_) => None,
        }
    }
    pub fn text(&self, i: usize) -> String {
        self.opt_text(i).unwrap_or_default()
    }
    pub fn opt_int(&self, i: usize) -> Option<i64> {
        match self.get(i) {
            Value::Int(n) => Some(*n),
            Value::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn int(&self, i: usize) -> i64 {
        self.opt_int(i).unwrap_or_default()
    }
    pub fn opt_time(&self, i: usize) -> anyhow::Result<Option<DateTime<Utc>>> {
        match self.get(i) {
            Value::Time(t) => Ok(Some(*t)),
            Value::Text(s) => crate::units::from_db_time(s).map(Some),
            _ => Ok(None),
        }
    }
    pub fn time(&self, i: usize) -> anyhow::Result<DateTime<Utc>> {
        self.opt_time(i)?
            .ok_or_else(|| anyhow::anyhow!("a required timestamp is missing in the store"))
    }
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
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
    /// Start a write transaction (SQLite: `BEGIN IMMEDIATE`, so writers queue instead of failing).
    fn begin(&mut self) -> Result<(), DbError>;
    fn commit(&mut self) -> Result<(), DbError>;
    fn rollback(&mut self) -> Result<(), DbError>;
}

/// How a connection authenticates. The store never holds a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// OS authentication: `CONNECT TARGET /` with `ORACLE_SID` set to the instance.
    Os,
    /// An Oracle wallet entry: `CONNECT TARGET /@ALIAS`.
    Wallet(String),
    /// An environment variable of the node holding `user/password`.
    Env(String),
}

impl Credential {
    pub fn parse(text: &str) -> anyhow::Result<Credential> {
        let bad = || {
            invalid(format!(
                "invalid credential \"{}\": expected os, wallet:ALIAS or env:VAR (a password is never stored)",
                text.split('/').next().unwrap_or_default()
            ))
        };
        let t = text.trim();
        if t.eq_ignore_ascii_case("os") {
            return Ok(Credential::Os);
        }
        if let Some(alias) = t.strip_prefix("wallet:") {
            let ok = !alias.is_empty()
                && alias.len() <= 128
                && alias
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            return if ok {
                Ok(Credential::Wallet(alias.to_string()))
            } else {
                Err(bad())
            };
        }
        if let Some(var) = t.strip_prefix("env:") {
            let ok = !var.is_empty()
                && !var.as_bytes()[0].is_ascii_digit()
                && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            return if ok {
                Ok(Credential::Env(var.to_string()))
            } else {
                Err(bad())
            };
        }
        Err(bad())
    }
}

impl fmt::Display for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Os => f.write_str("os"),
            Credential::Wallet(a) => write!(f, "wallet:{a}"),
            Credential::Env(v) => write!(f, "env:{v}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "HIGH",
            Priority::Medium => "MEDIUM",
            Priority::Low => "LOW",
        }
    }
    fn from_db(s: &str) -> Priority {
        match s.trim().to_ascii_uppercase().as_str() {
            "HIGH" => Priority::High,
            "LOW" => Priority::Low,
            _ => Priority::Medium,
        }
    }
}

/// A registered target database.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Connection {
    pub node: String,
    pub conn_id: String,
    pub conn_name: String,
    pub database_instance: String,
    pub host: String,
    pub port: u16,
    #[serde(serialize_with = "as_display")]
    pub credential: Credential,
    pub alive: bool,
    /// The administrative privilege RMAN connects with.
    pub privilege: Privilege,
    /// The Oracle home whose `bin/rman` runs this connection's backups (RMAN's version must match
    /// the target's from 12c on); also the child's `ORACLE_HOME`.
    pub oracle_home: Option<String>,
    /// A recovery catalog, as a wallet alias: `CONNECT CATALOG /@ALIAS`.
    pub catalog: Option<String>,
}

/// The administrative privilege of an RMAN connection (connectStringSpec: SYSDBA is implied;
/// SYSBACKUP, from 12c, holds only what backup and recovery need).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Privilege {
    #[default]
    Sysdba,
    Sysbackup,
}

impl Privilege {
    pub fn as_str(self) -> &'static str {
        match self {
            Privilege::Sysdba => "sysdba",
            Privilege::Sysbackup => "sysbackup",
        }
    }

    fn from_db(text: &str) -> anyhow::Result<Privilege> {
        match text {
            "sysdba" => Ok(Privilege::Sysdba),
            "sysbackup" => Ok(Privilege::Sysbackup),
            other => Err(store_error(format!(
                "the store holds privilege \"{other}\" for a connection: expected sysdba or sysbackup"
            ))),
        }
    }
}

/// An ordered RMAN script bound to a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strategy {
    pub node: String,
    pub strategy_id: String,
    pub connection: String,
    pub priority: Priority,
    pub alive: bool,
    pub timeout_secs: Option<u64>,
    /// In `line_no` order.
    pub lines: Vec<String>,
}

/// A frequency row as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrequencyRow {
    pub node: String,
    pub strategy_id: String,
    pub rule: Rule,
}

/// The state of a run, stored as its lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Missed,
    Skipped,
    Interrupted,
}

impl RunStatus {
    pub const ALL: [RunStatus; 7] = [
        RunStatus::Running,
        RunStatus::Succeeded,
        RunStatus::Failed,
        RunStatus::TimedOut,
        RunStatus::Missed,
        RunStatus::Skipped,
        RunStatus::Interrupted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
            RunStatus::TimedOut => "timed_out",
            RunStatus::Missed => "missed",
            RunStatus::Skipped => "skipped",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(text: &str) -> Option<RunStatus> {
        RunStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// A backup that did not happen as it should.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            RunStatus::Failed | RunStatus::TimedOut | RunStatus::Missed | RunStatus::Interrupted
        )
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<RunStatus> for Value {
    fn from(v: RunStatus) -> Self {
        Value::Text(v.as_str().to_string())
    }
}

/// What started a run, stored as `run_trigger`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A due occurrence, started by `run-due`.
    Scheduled,
    /// `backupctl run`.
    Manual,
    /// A master's record of an occurrence a node never logged.
    Monitor,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Scheduled => "scheduled",
            Trigger::Manual => "manual",
            Trigger::Monitor => "monitor",
        }
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
    pub status: String,
    pub exit_code: Option<i64>,
    pub trigger: String,
    /// Lines with a code RMAN printed outside an error stack.
    pub warnings: Vec<String>,
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
    pub status: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub run_id: Option<String>,
    pub limit: Option<u64>,
}

/// Filters of `errors`.
#[derive(Clone, Debug, Default)]
pub struct ErrorFilter {
    pub strategy: Option<String>,
    pub node: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
}

/// An id to use, or a prefix for one allocated as `<prefix><unix seconds>` (the next free second).
pub enum IdRequest<'a> {
    Given(&'a str),
    Next { prefix: &'a str, now: DateTime<Utc> },
}

fn as_display<T: fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn db_err(context: impl fmt::Display, e: DbError) -> anyhow::Error {
    match e {
        DbError::Conflict(m) | DbError::Failed(m) => store_error(format!("{context}: {m}")),
    }
}

fn rule_from_row(row: &Row, day: usize) -> anyhow::Result<Rule> {
    match row.opt_text(day + 3) {
        Some(expr) => Ok(Rule::Cron(CronExpr::parse(&expr)?)),
        None => Ok(Rule::At {
            day: row.int(day) as i8,
            hour: row.int(day + 1) as u8,
            minute: row.int(day + 2) as u8,
        }),
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

    /// The installed schema version, 0 when none.
    pub fn schema_version(&mut self) -> anyhow::Result<u32> {
        let has = self
            .db
            .has_table("schema_version")
            .map_err(|e| db_err("failed to read the schema version", e))?;
        if !has {
            return Ok(0);
        }
        let rows = self.query(
            "read the schema version",
            "SELECT MAX(version) FROM schema_version",
            &[],
        )?;
        Ok(rows.first().and_then(|r| r.opt_int(0)).unwrap_or(0) as u32)
    }

    /// Apply every migration newer than the installed version. Returns (before, after).
    pub fn install_schema(&mut self) -> anyhow::Result<(u32, u32)> {
        let dialect = self.dialect();
        let before = self.schema_version()?;
        let latest = latest_version(dialect);
        if before > latest {
            return Err(store_error(format!(
                "store {} has schema version {before}, newer than this backupctl knows ({latest}): upgrade backupctl",
                self.describe()
            )));
        }
        if before == 0 {
            let ddl = match dialect {
                Dialect::Oracle => "CREATE TABLE schema_version (version NUMBER(10) NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)",
                Dialect::Postgres => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
                Dialect::Sqlite => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
            };
            if !self
                .db
                .has_table("schema_version")
                .map_err(|e| db_err("failed to install the schema", e))?
            {
                self.db
                    .batch(ddl)
                    .map_err(|e| db_err("failed to install the schema", e))?;
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
                db.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    &[i64::from(*version).into(), now.into()],
                )
                .map_err(|e| db_err(format!("failed to record schema version {version}"), e))?;
                Ok(())
            })?;
        }
        Ok((before, latest))
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
            Ok(id)
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
                Ok(Connection {
                    node: r.text(0),
                    conn_id: r.text(1),
                    conn_name: r.text(2),
                    database_instance: r.text(3),
                    host: r.text(4),
                    port: r.int(5) as u16,
                    credential: Credential::parse(&r.text(6))?,
                    alive: r.int(7) != 0,
                    privilege: Privilege::from_db(&r.text(8))?,
                    oracle_home: r.opt_text(9),
                    catalog: r.opt_text(10),
                })
            })
            .collect()
    }

    /// Every environment variable named as a credential by any connection in the store.
    pub fn credential_vars(&mut self) -> anyhow::Result<Vec<String>> {
        let mut vars: Vec<String> = self
            .connection_rows("", &[])?
            .into_iter()
            .filter_map(|c| match c.credential {
                Credential::Env(v) => Some(v),
                _ => None,
            })
            .collect();
        vars.sort();
        vars.dedup();
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
            let found = db
                .query(
                    "SELECT 1 FROM connection WHERE node = ? AND conn_id = ?",
                    &[s.node.as_str().into(), s.connection.as_str().into()],
                )
                .map_err(|e| db_err(format!("failed to look up connection {}", s.connection), e))?;
            if found.is_empty() {
                return Err(invalid(format!(
                    "unknown connection \"{}\" on node {}: add it first with backupctl add-connection",
                    s.connection, s.node
                )));
            }
            let id = Self::allocate_id(db, "strategy", "strategy", "strategy_id", &s.node, id)?;
            db.execute(
                "INSERT INTO strategy (node, strategy_id, connection, priority, alive, timeout_secs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                &[
                    s.node.as_str().into(),
                    id.as_str().into(),
                    s.connection.as_str().into(),
                    s.priority.as_str().into(),
                    i64::from(s.alive).into(),
                    s.timeout_secs.map(|t| t as i64).into(),
                    now.into(),
                ],
            )
            .map_err(|e| db_err(format!("failed to add strategy {id}"), e))?;
            for (i, line) in s.lines.iter().enumerate() {
                db.execute(
                    "INSERT INTO strategy_line (node, strategy_id, line_no, line) VALUES (?, ?, ?, ?)",
                    &[s.node.as_str().into(), id.as_str().into(), (i as i64 + 1).into(), line.as_str().into()],
                )
                .map_err(|e| db_err(format!("failed to add line {} of strategy {id}", i + 1), e))?;
            }
            insert_rules(db, &s.node, &id, rules)?;
            Ok(id)
        })
    }

    /// A strategy with its lines in order, or `None`.
    pub fn strategy(&mut self, node: &str, id: &str) -> anyhow::Result<Option<Strategy>> {
        let rows = self.query(
            "read the strategy",
            "SELECT node, strategy_id, connection, priority, alive, timeout_secs FROM strategy WHERE node = ? AND strategy_id = ?",
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
            .map(|l| l.text(0))
            .collect();
        Ok(Some(Strategy {
            node: r.text(0),
            strategy_id: r.text(1),
            connection: r.text(2),
            priority: Priority::from_db(&r.text(3)),
            alive: r.int(4) != 0,
            timeout_secs: r.opt_int(5).map(|t| t as u64),
            lines,
        }))
    }

    fn require_strategy(db: &mut dyn Backend, node: &str, id: &str) -> anyhow::Result<()> {
        let found = db
            .query(
                "SELECT 1 FROM strategy WHERE node = ? AND strategy_id = ?",
                &[node.into(), id.into()],
            )
            .map_err(|e| db_err(format!("failed to look up strategy {id}"), e))?;
        if found.is_empty() {
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
        let mut sql =
            "SELECT node, strategy_id, day, hour, minutes, cron FROM frequency WHERE 1 = 1"
                .to_string();
        let mut params = Vec::new();
        if let Some(n) = node {
            sql.push_str(" AND node = ?");
            params.push(n.into());
        }
        if let Some(s) = strategy {
            sql.push_str(" AND strategy_id = ?");
            params.push(s.into());
        }
        sql.push_str(" ORDER BY node, strategy_id, cron, day, hour, minutes");
        let rows = self.query("list frequencies", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(FrequencyRow {
                    node: r.text(0),
                    strategy_id: r.text(1),
                    rule: rule_from_row(r, 2)?,
                })
            })
            .collect()
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
                    strategy_id: r.text(0),
                    rule: rule_from_row(r, 1)?,
                })
            })
            .collect()
    }

    /// Runs, newest first.
    pub fn runs(&mut self, f: &RunFilter) -> anyhow::Result<Vec<RunRow>> {
        let mut sql = "SELECT r.run_id, r.strategy_id, s.connection, r.node, r.scheduled_for, r.started_at, r.finished_at, r.status, r.exit_code, r.run_trigger, r.warnings \
             FROM run r LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id WHERE 1 = 1"
            .to_string();
        let mut params: Vec<Value> = Vec::new();
        let mut add = |clause: &str, v: Value| {
            sql.push_str(clause);
            params.push(v);
        };
        if let Some(v) = &f.run_id {
            add(" AND r.run_id = ?", v.into());
        }
        if let Some(v) = &f.strategy {
            add(" AND r.strategy_id = ?", v.into());
        }
        if let Some(v) = &f.connection {
            add(" AND s.connection = ?", v.into());
        }
        if let Some(v) = &f.node {
            add(" AND r.node = ?", v.into());
        }
        if let Some(v) = &f.status {
            add(" AND r.status = ?", v.into());
        }
        if let Some(v) = f.since {
            add(" AND r.scheduled_for >= ?", v.into());
        }
        sql.push_str(" ORDER BY r.scheduled_for DESC, r.run_id DESC");
        if let Some(n) = f.limit {
            sql.push_str(&limit_clause(self.dialect(), n));
        }
        let rows = self.query("list runs", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(RunRow {
                    run_id: r.text(0),
                    strategy_id: r.text(1),
                    connection: r.opt_text(2),
                    node: r.text(3),
                    scheduled_for: r.time(4)?,
                    started_at: r.opt_time(5)?,
                    finished_at: r.opt_time(6)?,
                    status: r.text(7),
                    exit_code: r.opt_int(8),
                    trigger: r.text(9),
                    warnings: r
                        .opt_text(10)
                        .map(|w| w.lines().map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The stored log of one run.
    pub fn run_log(&mut self, run_id: &str) -> anyhow::Result<Option<String>> {
        let rows = self.query(
            "read the run's log",
            "SELECT log FROM log WHERE run_id = ?",
            &[run_id.into()],
        )?;
        Ok(rows.first().map(|r| r.text(0)))
    }

    /// Errors, newest first.
    pub fn errors(&mut self, f: &ErrorFilter) -> anyhow::Result<Vec<ErrorRow>> {
        let mut sql =
            "SELECT strategy_id, run_id, node, moment, message, codes FROM error WHERE 1 = 1"
                .to_string();
        let mut params: Vec<Value> = Vec::new();
        if let Some(v) = &f.strategy {
            sql.push_str(" AND strategy_id = ?");
            params.push(v.into());
        }
        if let Some(v) = &f.node {
            sql.push_str(" AND node = ?");
            params.push(v.into());
        }
        if let Some(v) = f.since {
            sql.push_str(" AND moment >= ?");
            params.push(v.into());
        }
        sql.push_str(" ORDER BY moment DESC, run_id DESC, error_id DESC");
        if let Some(n) = f.limit {
            sql.push_str(&limit_clause(self.dialect(), n));
        }
        let rows = self.query("list errors", &sql, &params)?;
        rows.iter()
            .map(|r| {
                Ok(ErrorRow {
                    strategy_id: r.opt_text(0),
                    run_id: r.opt_text(1),
                    node: r.text(2),
                    moment: r.time(3)?,
                    message: r.text(4),
                    codes: r
                        .opt_text(5)
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
}

/// The occurrence was claimed by another tick first.
#[derive(Debug, thiserror::Error)]
#[error("already claimed")]
struct AlreadyClaimed;

/// A run row to insert: a claim (`running`) or a record of an occurrence that did not run.
#[derive(Clone, Debug)]
pub struct NewRun {
    pub run_id: String,
    pub node: String,
    pub strategy_id: String,
    pub scheduled_for: DateTime<Utc>,
    pub status: RunStatus,
    pub trigger: Trigger,
    pub host: Option<String>,
    pub pid: Option<u32>,
    pub owner_lock: Option<String>,
}

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

/// What the tick needs to start a strategy.
#[derive(Clone, Debug)]
pub struct Runnable {
    pub strategy: Strategy,
    pub connection: Connection,
}

impl NewRun {
    /// (run id, node, strategy), as the log and error rows carry them.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.run_id, &self.node, &self.strategy_id)
    }
}

/// The limits a claim to start is checked against, node-wide.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub jobs: usize,
    pub per_connection: usize,
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

/// An error to keep with a run's end (owned, so that it can wait in the spool).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunError {
    pub message: String,
    pub codes: Vec<String>,
}

/// How a run ended, as [`Store::finish_run`] records it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunEnd {
    pub run_id: String,
    pub node: String,
    pub strategy_id: String,
    pub status: RunStatus,
    pub exit_code: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub log: String,
    pub error: Option<RunError>,
    /// Lines with a code RMAN printed outside an error stack.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Warnings as stored: one per line, within what every store keeps (4,000 characters).
fn warnings_text(warnings: &[String]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let mut text = String::new();
    for w in warnings {
        let line: String = w.replace('\0', "\u{FFFD}").chars().take(500).collect();
        if text.chars().count() + line.chars().count() + 1 > 3900 {
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

/// The one log row of a run: RMAN's output, or why the run did not happen.
fn insert_log(
    db: &mut dyn Backend,
    (run_id, node, strategy_id): (&str, &str, &str),
    moment: DateTime<Utc>,
    text: Value,
) -> anyhow::Result<()> {
    db.execute(
        "INSERT INTO log (run_id, node, strategy_id, moment, log) VALUES (?, ?, ?, ?, ?)",
        &[
            run_id.into(),
            node.into(),
            strategy_id.into(),
            moment.into(),
            text,
        ],
    )
    .map_err(|e| db_err(format!("failed to record the log of run {run_id}"), e))?;
    Ok(())
}

fn insert_error(
    db: &mut dyn Backend,
    run: Option<&str>,
    node: &str,
    strategy: Option<&str>,
    at: DateTime<Utc>,
    e: &NewError<'_>,
) -> anyhow::Result<()> {
    let codes = (!e.codes.is_empty()).then(|| e.codes.join(","));
    // Stores cap a message at 4000 characters; keep the start, where the codes are.
    let message: String = e.message.chars().take(3900).collect();
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
    /// This node's last tick, if it ever ticked.
    pub fn last_tick(&mut self, node: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
        let rows = self.query(
            "read the last tick",
            "SELECT last_tick FROM node WHERE node = ?",
            &[node.into()],
        )?;
        match rows.first() {
            Some(r) => r.opt_time(0),
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
                    insert_log(db, run.key(), now, format!("[backupctl: {note}]\n").into())?;
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
        self.claim_with(run, Claim::Taken, |store, run| {
            store.tx(&claim_what(run), |db| {
                let what = claim_what(run);
                let err = |e| db_err(format!("failed to {what}"), e);
                // Takes the row lock on PostgreSQL and Oracle; SQLite's BEGIN IMMEDIATE already
                // serialises writers.
                db.execute(
                    "UPDATE node SET timezone = timezone WHERE node = ?",
                    &[run.node.as_str().into()],
                )
                .map_err(err)?;
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
                        "SELECT r.run_id, r.strategy_id, s.connection, r.scheduled_for FROM run r \
                         LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
                         WHERE r.node = ? AND r.status = 'running'",
                        &[run.node.as_str().into()],
                    )
                    .map_err(err)?;
                if let Some(r) = running.iter().find(|r| r.text(1) == run.strategy_id) {
                    return Ok(Claim::StrategyRunning {
                        run_id: r.text(0),
                        scheduled_for: r.time(3)?,
                    });
                }
                if running.len() >= limits.jobs {
                    return Ok(Claim::Full {
                        why: format!(
                            "jobs = {} backups already run on node {}",
                            limits.jobs, run.node
                        ),
                        node_wide: true,
                    });
                }
                let on_conn = running.iter().filter(|r| r.text(2) == connection).count();
                if on_conn >= limits.per_connection {
                    return Ok(Claim::Full {
                        why: format!(
                            "per_connection = {} backups already run against connection {connection}",
                            limits.per_connection
                        ),
                        node_wide: false,
                    });
                }
                insert_run(db, run, now)?;
                Ok(Claim::Claimed)
            })
        })
    }

    /// The moment RMAN really started for a claimed run.
    pub fn mark_started(&mut self, run_id: &str, at: DateTime<Utc>) -> anyhow::Result<()> {
        self.tx(&format!("mark run {run_id} started"), |db| {
            db.execute(
                "UPDATE run SET started_at = ?, rev = rev + 1, pushed = 0 WHERE run_id = ?",
                &[at.into(), run_id.into()],
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
            if was.first().is_some_and(|r| r.text(0) == RunStatus::Interrupted.as_str()) {
                db.execute("DELETE FROM error WHERE run_id = ?", &[run_id.into()])
                    .map_err(err)?;
            }
            db.execute(
                "UPDATE run SET status = ?, exit_code = ?, started_at = COALESCE(started_at, ?), finished_at = ?, warnings = ?, rev = rev + 1, pushed = 0 WHERE run_id = ? AND status IN ('running', 'interrupted')",
                &[end.status.into(), end.exit_code.into(), end.started_at.into(), end.finished_at.into(), warnings_text(&end.warnings).into(), run_id.into()],
            )
            .map_err(err)?;
            let done = db
                .query("SELECT 1 FROM log WHERE run_id = ?", &[run_id.into()])
                .map_err(err)?;
            if done.is_empty() {
                let log = Value::from((!end.log.is_empty()).then(|| end.log.clone()));
                insert_log(db, (run_id, &end.node, &end.strategy_id), end.finished_at, log)?;
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
            "SELECT r.run_id, r.strategy_id, r.scheduled_for, r.started_at, r.host, r.pid, r.owner_lock, s.connection FROM run r \
             LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
             WHERE r.node = ? AND r.status = 'running'",
            &[node.into()],
        )?;
        rows.iter()
            .map(|r| {
                Ok(RunningRun {
                    run_id: r.text(0),
                    strategy_id: r.text(1),
                    scheduled_for: r.time(2)?,
                    started_at: r.opt_time(3)?,
                    host: r.opt_text(4),
                    pid: r.opt_int(5),
                    owner_lock: r.opt_text(6),
                    connection: r.opt_text(7),
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
                    "UPDATE run SET status = 'interrupted', finished_at = ?, rev = rev + 1, pushed = 0 WHERE run_id = ? AND status = 'running'",
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

impl Store {
    /// Run DDL or a PL/SQL block as it is (tests reset a shared Oracle schema with it).
    pub fn exec_ddl(&mut self, sql: &str) -> anyhow::Result<()> {
        self.db
            .batch(sql)
            .map_err(|e| db_err("failed to run DDL", e))
    }

    /// Mark a strategy alive or dead: a dead strategy never runs, and the change is pushed.
    pub fn set_strategy_alive(
        &mut self,
        node: &str,
        strategy: &str,
        alive: bool,
    ) -> anyhow::Result<()> {
        self.tx("change the strategy", |db| {
            db.execute(
                "UPDATE strategy SET alive = ?, rev = rev + 1, pushed = 0 WHERE node = ? AND strategy_id = ?",
                &[i64::from(alive).into(), node.into(), strategy.into()],
            )
            .map_err(|e| db_err(format!("failed to change strategy {strategy}"), e))?;
            Ok(())
        })
    }
}

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

/// What `prune` removed (or would remove).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pruned {
    pub runs: u64,
    pub logs: u64,
    pub errors: u64,
}

/// Runs `prune` may delete: finished, older than the cutoff, not a strategy's latest success and,
/// on a slave, already on the master.
const DOOMED_RUNS: &str = "SELECT run_id FROM run WHERE scheduled_for < ? AND status <> 'running' AND pushed >= ? \
     AND run_id NOT IN (SELECT r.run_id FROM run r JOIN \
       (SELECT node, strategy_id, MAX(scheduled_for) AS latest FROM run WHERE status = 'succeeded' GROUP BY node, strategy_id) k \
       ON r.node = k.node AND r.strategy_id = k.strategy_id AND r.scheduled_for = k.latest AND r.status = 'succeeded')";

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
        self.tx("prune", |db| {
            let err = |e| db_err("failed to prune", e);
            let count = |db: &mut dyn Backend, sql: String| -> anyhow::Result<u64> {
                let rows = db.query(&sql, &p).map_err(err)?;
                Ok(rows.first().map(|r| r.int(0)).unwrap_or(0) as u64)
            };
            let pruned = Pruned {
                runs: count(db, format!("SELECT COUNT(*) FROM ({DOOMED_RUNS}) d"))?,
                logs: count(
                    db,
                    format!("SELECT COUNT(*) FROM log WHERE run_id IN ({DOOMED_RUNS})"),
                )?,
                errors: count(
                    db,
                    format!("SELECT COUNT(*) FROM error WHERE run_id IN ({DOOMED_RUNS})"),
                )? + count(db, format!("SELECT COUNT(*) {orphan_errors}"))?,
            };
            if !dry_run {
                db.execute(
                    &format!("DELETE FROM error WHERE run_id IN ({DOOMED_RUNS})"),
                    &p,
                )
                .map_err(err)?;
                db.execute(&format!("DELETE {orphan_errors}"), &p)
                    .map_err(err)?;
                db.execute(
                    &format!("DELETE FROM log WHERE run_id IN ({DOOMED_RUNS})"),
                    &p,
                )
                .map_err(err)?;
                // The doomed set is read from run itself: delete through a materialised list.
                let ids = db.query(DOOMED_RUNS, &p).map_err(err)?;
                for chunk in ids.chunks(500) {
                    let marks = vec!["?"; chunk.len()].join(", ");
                    let params: Vec<Value> = chunk.iter().map(|r| Value::Text(r.text(0))).collect();
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

fn limit_clause(dialect: Dialect, n: u64) -> String {
    match dialect {
        Dialect::Oracle => format!(" FETCH FIRST {n} ROWS ONLY"),
        Dialect::Sqlite | Dialect::Postgres => format!(" LIMIT {n}"),
    }
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

#[cfg(test)]
mod tests {
    use super::{Credential, StoreUrl};
    use std::path::PathBuf;

    #[test]
    fn store_urls_parse_and_never_accept_a_password() {
        assert_eq!(
            StoreUrl::parse("sqlite:/var/x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("/var/x.db"))
        );
        assert_eq!(
            StoreUrl::parse("sqlite:///var/x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("/var/x.db"))
        );
        assert_eq!(
            StoreUrl::parse("./x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("./x.db"))
        );
        assert!(matches!(
            StoreUrl::parse("postgres://u@h:5432/db").unwrap(),
            StoreUrl::Postgres(_)
        ));
        let err = StoreUrl::parse("postgres://u:s3cret@h/db")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("must not contain a password") && !err.contains("s3cret"),
            "{err}"
        );
        let err = StoreUrl::parse("mysql://h/db").unwrap_err().to_string();
        assert!(
            err.contains("unsupported store URL scheme \"mysql\""),
            "{err}"
        );
    }

    #[test]
    fn credentials_are_references_never_secrets() {
        assert_eq!(Credential::parse("os").unwrap(), Credential::Os);
        assert_eq!(
            Credential::parse("wallet:PROD_DB").unwrap(),
            Credential::Wallet("PROD_DB".into())
        );
        assert_eq!(
            Credential::parse("env:RMAN_PROD").unwrap(),
            Credential::Env("RMAN_PROD".into())
        );
        let err = Credential::parse("sys/manager@prod")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("expected os, wallet:ALIAS or env:VAR") && !err.contains("manager"),
            "{err}"
        );
        assert!(Credential::parse("env:1X").is_err());
    }
}

/// What `node rename` moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub connections: u64,
    pub strategies: u64,
    pub runs: u64,
}

/// The tables that hold definitions, parents first, with their columns after `node`.
const DEFINITIONS: [(&str, &str, &str); 4] = [
    (
        "connection",
        "conn_id",
        "conn_id, conn_name, database_instance, ip, port, credential, alive, created_at, privilege, oracle_home, catalog, rev, pushed",
    ),
    (
        "strategy",
        "strategy_id",
        "strategy_id, connection, priority, alive, timeout_secs, created_at, rev, pushed",
    ),
    (
        "strategy_line",
        "strategy_id, line_no",
        "strategy_id, line_no, line",
    ),
    (
        "frequency",
        "strategy_id, freq_key",
        "strategy_id, freq_key, day, hour, minutes, cron",
    ),
];

impl Store {
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
                        &format!("SELECT COUNT(*) FROM {table} WHERE node = ?"),
                        &[node.into()],
                    )
                    .map_err(err)?;
                Ok(rows.first().map(|r| r.int(0)).unwrap_or(0) as u64)
            };
            let moved = Moved {
                connections: count(db, "connection", old)?,
                strategies: count(db, "strategy", old)?,
                runs: count(db, "run", old)?,
            };
            for (table, keys, cols) in DEFINITIONS {
                let same_key = keys
                    .split(", ")
                    .map(|k| format!("d.{k} = o.{k}"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                // Copied rows go out again with the next push, under the new name.
                let values = cols.replace("rev, pushed", "rev + 1, 0");
                db.execute(
                    &format!(
                        "INSERT INTO {table} (node, {cols}) SELECT ?, {values} FROM {table} o \
                         WHERE o.node = ? AND NOT EXISTS (SELECT 1 FROM {table} d WHERE d.node = ? AND {same_key})"
                    ),
                    &[new.into(), old.into(), new.into()],
                )
                .map_err(err)?;
            }
            for (table, _, _) in DEFINITIONS.iter().rev() {
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
            // The node record: its last tick and check carry over; the host that pushes as
            // the new name is recorded afresh by the next push.
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
                        &[r.opt_time(0)?.into(), r.opt_time(1)?.into(), new.into()],
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
            Ok(moved)
        })
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
        Ok(others.iter().map(|r| r.text(0)).collect())
    }
}
