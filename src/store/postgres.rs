//! The PostgreSQL backend (`tokio-postgres` on a single-threaded runtime of its own): a central
//! store for a fleet. Every round trip — the connect, each statement, each batch of rows — is
//! bounded on the client side by the timeout it was opened with, so that a server that accepts
//! and then never answers (stopped, overloaded, a pooler with no server to give) costs a command
//! that timeout and no more; after a timeout the connection is given up for good.

use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{Format, IsNull, ToSql, Type};
use tokio_postgres::{Client, NoTls};

use super::{failed, number_placeholders, Backend, DbError, Dialect, Kind, Row, Value};
use crate::error::{invalid, store as store_error};
use crate::units::to_db_time;

pub struct PostgresBackend {
    // Declared before the driver's runtime: dropped first, while nothing polls its connection.
    client: Client,
    driver: Driver,
    /// What starts a transaction: `BEGIN`, with the server-side bounds set for it when the
    /// connection could not carry them (a pooler).
    begin: String,
    /// A transaction begun and not yet sent: its BEGIN goes out with the first statement, in the
    /// same round trip (pipelined), and an empty one costs nothing.
    pending_begin: bool,
}

/// What drives the client's round trips: the runtime its connection runs on, the bound of each
/// round trip, and whether one already timed out.
struct Driver {
    runtime: tokio::runtime::Runtime,
    url: String,
    timeout: Option<Duration>,
    /// Set once a round trip timed out: the connection's state is unknown, nothing more is sent.
    gave_up: bool,
}

impl Driver {
    /// Drive one round trip to its end, or to the timeout, which gives the connection up.
    fn drive<T>(
        &mut self,
        work: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, DbError> {
        self.answering()?;
        match self.runtime.block_on(within(self.timeout, work)) {
            Ok(done) => done.map_err(map_err),
            Err(why) => {
                self.gave_up = true;
                Err(DbError::Failed(why))
            }
        }
    }
}

impl Driver {
    /// Nothing more is sent once a round trip timed out.
    fn answering(&self) -> Result<(), DbError> {
        if self.gave_up {
            return Err(DbError::Failed(format!(
                "store {} stopped answering earlier in this command",
                self.url
            )));
        }
        Ok(())
    }

    /// Drive a read of many rows in one pass of the runtime, handing each to `each` until it
    /// says stop: each wait for the server's next rows is bounded by the timeout, as a round trip
    /// is, but rows already received are taken without a timer or a new pass of the runtime.
    fn drive_rows(
        &mut self,
        rows: impl futures_util::Stream<Item = Result<tokio_postgres::Row, tokio_postgres::Error>>,
        mut each: impl FnMut(tokio_postgres::Row) -> Result<bool, DbError>,
    ) -> Result<(), DbError> {
        use futures_util::{FutureExt, StreamExt};
        self.answering()?;
        let timeout = self.timeout;
        let read = self.runtime.block_on(async move {
            let mut rows = std::pin::pin!(rows);
            loop {
                let next = match rows.next().now_or_never() {
                    Some(next) => next,
                    None => within(timeout, rows.next()).await?,
                };
                let more = match next {
                    None => Ok(false),
                    Some(Ok(row)) => each(row),
                    Some(Err(e)) => Err(map_err(e)),
                };
                match more {
                    Ok(true) => {}
                    done => return Ok(done.map(|_| ())),
                }
            }
        });
        read.unwrap_or_else(|why| {
            self.gave_up = true;
            Err(DbError::Failed(why))
        })
    }
}

impl PostgresBackend {
    /// Connect to `url` (which carries no password); the password, if any, comes from
    /// `password_var` in the environment.
    /// With `timeout`: the connect and every round trip after it must finish within it on this
    /// side; each statement (also a wait for a lock) within it on the server; TCP keepalives and
    /// TCP_USER_TIMEOUT find a peer that vanished.
    pub fn connect(
        url: &str,
        password_var: &str,
        timeout: Option<Duration>,
    ) -> anyhow::Result<PostgresBackend> {
        let (plain_url, tls) = Tls::from_url(url)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| store_error(format!("cannot connect to store {url}: {e}")))?;
        let cannot = |why: String| {
            store_error(format!(
                "cannot connect to store {url}{}: {why}",
                tls.mode.explain()
            ))
        };
        // Made at the first dial that wants TLS (sslrootcert read once), kept for a second dial.
        let mut connector: Option<tokio_postgres_rustls::MakeRustlsConnect> = None;
        let mut dial = |server_bounds: bool| -> anyhow::Result<_> {
            let mut config = tokio_postgres::Config::from_str(&plain_url).map_err(|e| {
                invalid(format!(
                    "invalid PostgreSQL URL {url}: {e}: expected postgres://user@host:port/db"
                ))
            })?;
            if let Ok(pw) = std::env::var(password_var) {
                if !pw.is_empty() {
                    config.password(pw);
                }
            }
            bounds(&mut config, timeout, server_bounds);
            config.application_name("backupctl");
            // Several hosts (`host1:5432,host2:5432` with `target_session_attrs=read-write`, as
            // libpq takes them for a failover pair): tried in order, each within the connect
            // timeout as libpq bounds each ("connect_timeout ... applies separately to each host
            // name or IP address"), so the whole connect may take that for each.
            let hosts = u32::try_from(config.get_hosts().len().max(1)).unwrap_or(1);
            let connect_bound = timeout.map(|t| t * hosts);
            let dialed = match tls.mode {
                SslMode::Disable => {
                    config.ssl_mode(tokio_postgres::config::SslMode::Disable);
                    established(&runtime, connect_bound, config.connect(NoTls))
                }
                mode => {
                    config.ssl_mode(if mode == SslMode::Prefer {
                        tokio_postgres::config::SslMode::Prefer
                    } else {
                        tokio_postgres::config::SslMode::Require
                    });
                    let made = match &connector {
                        Some(made) => made.clone(),
                        None => connector.insert(tls.connector(url)?).clone(),
                    };
                    established(&runtime, connect_bound, config.connect(made))
                }
            };
            dialed.map_err(cannot)
        };
        // The server-side bounds go in the startup packet's `options`, which a pooler may refuse
        // (PgBouncer before 1.20 takes no `options`, later ones only for the settings it tracks:
        // "unsupported startup parameter"). Then the connection is made without them, and each
        // transaction sets them for itself (SET LOCAL, which ends with the transaction: nothing
        // is left on a server connection the pooler hands to another client).
        let mut dialed = dial(true)?;
        let mut per_transaction = None;
        if let (Err(e), Some(t)) = (&dialed, timeout) {
            let refused = e
                .as_db_error()
                .is_some_and(|d| d.message().contains("unsupported startup parameter"));
            if refused {
                dialed = dial(false)?;
                let ms = t.as_millis();
                per_transaction = Some(format!(
                    "BEGIN; SET LOCAL statement_timeout = {ms}; SET LOCAL lock_timeout = {ms}"
                ));
            }
        }
        let client = dialed.map_err(|e| cannot(describe(&e)))?;
        Ok(PostgresBackend {
            client,
            driver: Driver {
                runtime,
                url: url.to_string(),
                timeout,
                gave_up: false,
            },
            begin: per_transaction.unwrap_or_else(|| "BEGIN".to_string()),
            pending_begin: false,
        })
    }
}

/// `work`, preceded by the transaction's BEGIN when that is still to be sent: both requests go out
/// before either answer is awaited (tokio-postgres pipelines requests that are polled together),
/// so a transaction costs no round trip of its own. The server runs them in order; should BEGIN
/// fail, its error is the one returned.
fn pipelined<T>(
    driver: &mut Driver,
    pending_begin: &mut bool,
    begin: &str,
    client: &Client,
    work: impl Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, DbError> {
    if !std::mem::take(pending_begin) {
        return driver.drive(work);
    }
    let begin = client.batch_execute(begin);
    driver.drive(async move {
        let (begun, done) = futures_util::future::join(begin, work).await;
        begun?;
        done
    })
}

/// A connect driven to its end within `timeout`; its connection then runs on `runtime` (polled
/// while a round trip is driven), and the client is returned.
fn established<C>(
    runtime: &tokio::runtime::Runtime,
    timeout: Option<Duration>,
    connecting: impl Future<Output = Result<(Client, C), tokio_postgres::Error>>,
) -> Result<Result<Client, tokio_postgres::Error>, String>
where
    C: Future<Output = Result<(), tokio_postgres::Error>> + Send + 'static,
{
    let done = runtime.block_on(within(timeout, connecting))?;
    Ok(done.map(|(client, connection)| {
        runtime.spawn(connection);
        client
    }))
}

/// The connect and TCP bounds of `timeout` set on `config` (without a timeout: only the connect,
/// 10 s unless the URL sets one); `timeout` itself bounds every round trip on the client side.
/// `server_bounds`: also the statement and lock timeouts, in the startup packet's `options`.
fn bounds(config: &mut tokio_postgres::Config, timeout: Option<Duration>, server_bounds: bool) {
    match timeout {
        Some(t) => {
            config
                .connect_timeout(t)
                .keepalives(true)
                .keepalives_idle(t.max(Duration::from_secs(1)))
                .tcp_user_timeout(t);
            if server_bounds {
                let ms = t.as_millis();
                let options = format!(
                    "{} -c statement_timeout={ms} -c lock_timeout={ms}",
                    config.get_options().unwrap_or_default()
                );
                config.options(options.trim());
            }
        }
        None => {
            if config.get_connect_timeout().is_none() {
                // An unreachable central store must not hold a command for long.
                config.connect_timeout(Duration::from_secs(10));
            }
        }
    }
}

/// `work` within `timeout` (a whole second at least, so that a busy machine is not called silent).
async fn within<T>(timeout: Option<Duration>, work: impl Future<Output = T>) -> Result<T, String> {
    match timeout {
        None => Ok(work.await),
        Some(t) => {
            let t = t.max(Duration::from_secs(1));
            tokio::time::timeout(t, work).await.map_err(|_| {
                format!(
                    "no answer within {}",
                    crate::units::format_duration(t.as_secs())
                )
            })
        }
    }
}

/// libpq's `sslmode` (PostgreSQL, "SSL Support" in the libpq chapter): `disable` never uses TLS;
/// `prefer` (the default) uses it when the server offers it, without checking the certificate;
/// `require` insists on it, still without checking; `verify-ca` also checks that the server's
/// certificate chains to `sslrootcert`; `verify-full` also checks that it names the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> anyhow::Result<SslMode> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(invalid(format!(
                    "invalid sslmode \"{other}\" in the store URL: expected disable, prefer, require, verify-ca or verify-full"
                )))
            }
        })
    }

    /// What the connection demanded, for an error that comes from the TLS layer.
    fn explain(self) -> &'static str {
        match self {
            SslMode::VerifyCa => " (sslmode=verify-ca: the server's certificate must chain to sslrootcert)",
            SslMode::VerifyFull => {
                " (sslmode=verify-full: the server's certificate must chain to sslrootcert and name the host)"
            }
            SslMode::Require => " (sslmode=require)",
            SslMode::Disable | SslMode::Prefer => "",
        }
    }
}

/// The TLS part of a store URL, taken out of it: tokio-postgres knows only disable, prefer and
/// require, and nothing of certificates.
struct Tls {
    mode: SslMode,
    root_cert: Option<String>,
}

impl Tls {
    fn from_url(url: &str) -> anyhow::Result<(String, Tls)> {
        let mut tls = Tls {
            mode: SslMode::Prefer,
            root_cert: None,
        };
        let Some((base, query)) = url.split_once('?') else {
            return Ok((url.to_string(), tls));
        };
        let mut kept = Vec::new();
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            match kv.split_once('=') {
                Some(("sslmode", v)) => tls.mode = SslMode::parse(v)?,
                Some(("sslrootcert", v)) => tls.root_cert = Some(percent_decoded(v)),
                _ => kept.push(kv),
            }
        }
        if tls.root_cert.is_some() && !matches!(tls.mode, SslMode::VerifyCa | SslMode::VerifyFull) {
            // As libpq: a root certificate alone checks nothing; say so rather than pretend.
            return Err(invalid(
                "sslrootcert in the store URL needs sslmode=verify-ca or sslmode=verify-full",
            ));
        }
        let plain = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        Ok((plain, tls))
    }

    /// The TLS connector for this mode, built when a connection asks for TLS: the roots of
    /// sslrootcert only (store::tls).
    fn connector(&self, url: &str) -> anyhow::Result<tokio_postgres_rustls::MakeRustlsConnect> {
        use super::tls::Check;
        let check = match self.mode {
            SslMode::VerifyCa => Check::Chain,
            SslMode::VerifyFull => Check::ChainAndName,
            SslMode::Disable | SslMode::Prefer | SslMode::Require => Check::Nothing,
        };
        if check != Check::Nothing && self.root_cert.is_none() {
            return Err(invalid(format!(
                "store URL {url} asks to verify the server's certificate: add sslrootcert=/path/to/root.crt"
            )));
        }
        let config = super::tls::client_config(check, self.root_cert.as_deref())
            .map_err(|e| invalid(format!("{e} (store {url})")))?;
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }
}

/// `%2F` → `/` in a URL query value.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(inner) = src {
                s.push_str(&format!(": {inner}"));
                src = inner.source();
            }
            s
        }
    }
}

fn map_err(e: tokio_postgres::Error) -> DbError {
    if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
        DbError::Conflict(describe(&e))
    } else {
        DbError::Failed(describe(&e))
    }
}

/// A parameter as libpq's `PQexecParams` sends one with no type given: its text, in text format,
/// typed `unknown`, so that the server infers its type from where it stands (PostgreSQL, "Message
/// Formats", Parse: an unspecified parameter type is left for the server to resolve) — the same
/// inference a prepared statement gets, without a statement kept by name. Statements go unnamed
/// (Parse, Bind, Describe, Execute and Sync in one round trip: tokio-postgres' `query_typed`), so
/// that each is whole within one transaction: what a pooler in transaction mode needs (PgBouncer,
/// "Features": protocol-level named prepared statements are not kept across transactions).
#[derive(Debug)]
struct TextParam(Option<String>);

impl TextParam {
    fn of(v: &Value) -> TextParam {
        TextParam(match v {
            Value::Null(_) => None,
            Value::Int(n) => Some(n.to_string()),
            Value::Text(s) => Some(stored_text(s).into_owned()),
            Value::Time(t) => Some(to_db_time(*t)),
        })
    }
}

impl ToSql for TextParam {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match &self.0 {
            None => Ok(IsNull::Yes),
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> Format {
        Format::Text
    }

    tokio_postgres::types::to_sql_checked!();
}

/// A text as PostgreSQL can hold it. Its text holds no NUL ("invalid byte sequence for encoding
/// UTF8: 0x00"): a row carrying one (an older log, a SQLite store edited by hand) is stored with
/// it replaced rather than refused.
fn stored_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        std::borrow::Cow::Owned(s.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// One column of a batch as an array parameter.
enum Column<'a> {
    Text(Vec<Option<std::borrow::Cow<'a, str>>>),
    Int(Vec<Option<i64>>),
    Time(Vec<Option<DateTime<Utc>>>),
}

impl<'a> Column<'a> {
    fn of(kind: Kind, values: impl Iterator<Item = &'a Value>) -> Result<Column<'a>, DbError> {
        // NULL, or what `pick` takes of a value of the column's kind; anything else is an error.
        fn each<'a, T>(
            kind: Kind,
            values: impl Iterator<Item = &'a Value>,
            pick: impl Fn(&'a Value) -> Option<T>,
        ) -> Result<Vec<Option<T>>, DbError> {
            values
                .map(|v| match v {
                    Value::Null(_) => Ok(None),
                    v => pick(v).map(Some).ok_or_else(|| {
                        DbError::Failed(format!("a {kind:?} column was given {v:?}"))
                    }),
                })
                .collect()
        }
        Ok(match kind {
            Kind::Text | Kind::Clob => Column::Text(each(kind, values, |v| match v {
                Value::Text(s) => Some(stored_text(s)),
                _ => None,
            })?),
            Kind::Int => Column::Int(each(kind, values, |v| match v {
                Value::Int(n) => Some(*n),
                _ => None,
            })?),
            Kind::Time => Column::Time(each(kind, values, |v| match v {
                Value::Time(t) => Some(*t),
                _ => None,
            })?),
        })
    }

    fn sql_type(&self) -> &'static str {
        match self {
            Column::Text(_) => "text[]",
            Column::Int(_) => "int8[]",
            Column::Time(_) => "timestamptz[]",
        }
    }

    fn param(&self) -> (&(dyn ToSql + Sync), Type) {
        match self {
            Column::Text(v) => (v, Type::TEXT_ARRAY),
            Column::Int(v) => (v, Type::INT8_ARRAY),
            Column::Time(v) => (v, Type::TIMESTAMPTZ_ARRAY),
        }
    }
}

/// Every parameter as text of type `unknown`.
fn params_of(params: &[Value]) -> Vec<(TextParam, Type)> {
    params
        .iter()
        .map(|v| (TextParam::of(v), Type::UNKNOWN))
        .collect()
}

/// Column `i` of `row` into `slot`; a text goes into the string `slot` already holds, so that a
/// long read allocates next to nothing (as the SQLite backend does).
fn read_into(row: &tokio_postgres::Row, i: usize, slot: &mut Value) -> Result<(), DbError> {
    let err = |e: tokio_postgres::Error| DbError::Failed(describe(&e));
    let value = match *row.columns()[i].type_() {
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)
            .map_err(err)?
            .map(|n| Value::Int(n.into())),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)
            .map_err(err)?
            .map(|n| Value::Int(n.into())),
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)
            .map_err(err)?
            .map(Value::Int),
        Type::TIMESTAMPTZ => row
            .try_get::<_, Option<DateTime<Utc>>>(i)
            .map_err(err)?
            .map(Value::Time),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)
            .map_err(err)?
            .map(|b| Value::Int(b.into())),
        _ => match row.try_get::<_, Option<&str>>(i).map_err(err)? {
            Some(text) => {
                match slot {
                    Value::Text(s) => {
                        s.clear();
                        s.push_str(text);
                    }
                    _ => *slot = Value::Text(text.to_owned()),
                }
                return Ok(());
            }
            None => None,
        },
    };
    *slot = value.unwrap_or(Value::NULL);
    Ok(())
}

impl Backend for PostgresBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn describe(&self) -> String {
        self.driver.url.clone()
    }

    fn has_table(&mut self, name: &str) -> Result<bool, DbError> {
        let rows = self.query(
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
            &[Value::Text(name.to_string())],
        )?;
        let n: i64 = rows.first().map_or(Ok(0), |r| r.get("n")).map_err(failed)?;
        Ok(n > 0)
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        pipelined(
            &mut self.driver,
            &mut self.pending_begin,
            &self.begin,
            &self.client,
            self.client.batch_execute(sql),
        )
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let sql = number_placeholders(sql, '$');
        let params = params_of(params);
        let refs: Vec<(&(dyn ToSql + Sync), Type)> = params
            .iter()
            .map(|(p, t)| (p as &(dyn ToSql + Sync), t.clone()))
            .collect();
        pipelined(
            &mut self.driver,
            &mut self.pending_begin,
            &self.begin,
            &self.client,
            self.client.execute_typed(&sql, &refs),
        )
    }

    /// One statement for the whole batch: a typed array per column, bound in binary and spread
    /// into rows by `unnest` (PostgreSQL, "Array Functions and Operators": with several
    /// arguments, unnest returns their elements side by side as columns). A thousand rows cost
    /// twelve parameters to parse and bind rather than twelve thousand typed from text, and the
    /// texts are read where they lie rather than copied. Unnamed, as every statement here.
    fn upsert_rows(
        &mut self,
        table: &str,
        cols: &[(&str, Kind)],
        keys: &[&str],
        rows: &[Vec<Value>],
    ) -> Result<(), DbError> {
        if rows.is_empty() {
            return Ok(());
        }
        let arrays = cols
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| Column::of(*kind, rows.iter().map(|r| &r[i])))
            .collect::<Result<Vec<_>, _>>()?;
        let names: Vec<&str> = cols.iter().map(|c| c.0).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) SELECT * FROM unnest({}) ON CONFLICT ({}) DO UPDATE SET {}",
            names.join(", "),
            arrays
                .iter()
                .enumerate()
                .map(|(i, a)| format!("${}::{}", i + 1, a.sql_type()))
                .collect::<Vec<_>>()
                .join(", "),
            keys.join(", "),
            super::dialect::updated_from_excluded(cols, keys)
        );
        let params: Vec<(&(dyn ToSql + Sync), Type)> = arrays.iter().map(Column::param).collect();
        pipelined(
            &mut self.driver,
            &mut self.pending_begin,
            &self.begin,
            &self.client,
            self.client.execute_typed(&sql, &params),
        )?;
        Ok(())
    }

    /// Rows as the server sends them (`query_typed_raw`), one `Row` refilled for each, all in one
    /// pass of the runtime (see [`Driver::drive_rows`]).
    fn each_row(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<(), DbError> {
        let sql = number_placeholders(sql, '$');
        let rows = pipelined(
            &mut self.driver,
            &mut self.pending_begin,
            &self.begin,
            &self.client,
            self.client.query_typed_raw(&sql, params_of(params)),
        )?;
        let mut row: Option<Row> = None;
        self.driver.drive_rows(rows, |r| {
            let row =
                row.get_or_insert_with(|| Row::with_columns(r.columns().iter().map(|c| c.name())));
            row.values.resize(r.len(), Value::NULL);
            for (i, slot) in row.values.iter_mut().enumerate() {
                read_into(&r, i, slot)?;
            }
            Ok(f(row))
        })
    }

    fn begin(&mut self) -> Result<(), DbError> {
        // Sent with the first statement (see `pipelined`).
        self.pending_begin = true;
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DbError> {
        if std::mem::take(&mut self.pending_begin) {
            return Ok(()); // nothing was done in it
        }
        self.batch("COMMIT")
    }

    fn rollback(&mut self) -> Result<(), DbError> {
        if std::mem::take(&mut self.pending_begin) {
            return Ok(());
        }
        self.batch("ROLLBACK")
    }
}

#[cfg(test)]
mod tests {
    use super::{number_placeholders, SslMode, Tls};

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            number_placeholders(
                "SELECT 1 FROM run WHERE status = 'running?' AND node = ? AND run_id = ?",
                '$'
            ),
            "SELECT 1 FROM run WHERE status = 'running?' AND node = $1 AND run_id = $2"
        );
    }

    #[test]
    fn sslmode_and_sslrootcert_are_taken_out_of_the_url() {
        let (plain, tls) = Tls::from_url(
            "postgres://u@db1/x?options=-c%20search_path%3Ds&sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
        )
        .unwrap();
        assert_eq!(plain, "postgres://u@db1/x?options=-c%20search_path%3Ds");
        assert_eq!(tls.mode, SslMode::VerifyFull);
        assert_eq!(tls.root_cert.as_deref(), Some("/etc/ca.pem"));
        let (plain, tls) = Tls::from_url("postgres://u@db1/x").unwrap();
        assert_eq!(
            (plain.as_str(), tls.mode),
            ("postgres://u@db1/x", SslMode::Prefer)
        );
        let err = Tls::from_url("postgres://u@db1/x?sslmode=allow-ish")
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("expected disable, prefer, require, verify-ca or verify-full"),
            "{err}"
        );
        let err = Tls::from_url("postgres://u@db1/x?sslrootcert=/ca.pem")
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("needs sslmode=verify-ca or sslmode=verify-full"),
            "{err}"
        );
    }
}
