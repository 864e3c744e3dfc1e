//! The Oracle backend (`oracle` crate): a central or local store on Oracle Database 12c or later.
//! Oracle Client libraries (Instant Client) are loaded at run time; their absence is reported as
//! a store error that says how to install and point to them.

use chrono::{DateTime, Utc};
use oracle::sql_type::{OracleType, ToSql};
use oracle::{Connection, Connector};

use super::{failed, number_placeholders, Backend, DbError, Dialect, Kind, Row, Value};
use crate::error::{invalid, store as store_error};
use crate::units::from_db_time;

pub struct OracleBackend {
    conn: Connection,
    url: String,
}

/// Where and as whom to connect, parsed from an `oracle://` URL.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// `oracle://user@host:port/service`: password from the environment.
    Password {
        user: String,
        host: String,
        port: u16,
        service: String,
    },
    /// `oracle:///@alias`: an Oracle wallet entry (external authentication).
    Wallet { alias: String },
}

/// `?schema=OWNER` taken off an Oracle URL: the schema that holds backupctl's tables when the URL's
/// user is another (a node's own user, `node grant`). The session then names tables in it
/// (`ALTER SESSION SET CURRENT_SCHEMA`; Oracle Database Administrator's Guide, "Switching to a
/// Different Schema": "The session retains its original privileges and does not acquire any
/// extra privileges").
pub fn split_schema(url: &str) -> anyhow::Result<(&str, Option<String>)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url, None));
    };
    let expected = "expected ?schema=OWNER, OWNER a plain Oracle name (a letter, then letters, digits, _ $ #; up to 128)";
    let schema = query
        .strip_prefix("schema=")
        .filter(|s| super::oracle_name(s))
        .ok_or_else(|| invalid(format!("invalid Oracle URL {url}: {expected}")))?;
    Ok((base, Some(schema.to_ascii_uppercase())))
}

pub fn parse_url(url: &str) -> anyhow::Result<Target> {
    let expected = "expected oracle://user@host:port/service or oracle:///@alias (wallet)";
    let rest = url
        .strip_prefix("oracle://")
        .ok_or_else(|| invalid(format!("invalid Oracle URL {url}: {expected}")))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.is_empty() {
        let alias = path.strip_prefix('@').unwrap_or_default();
        if alias.is_empty() {
            return Err(invalid(format!("invalid Oracle URL {url}: {expected}")));
        }
        return Ok(Target::Wallet {
            alias: alias.to_string(),
        });
    }
    let (user, hostport) = authority
        .rsplit_once('@')
        .ok_or_else(|| invalid(format!("invalid Oracle URL {url}: no user; {expected}")))?;
    if user.is_empty() || hostport.is_empty() || path.is_empty() {
        return Err(invalid(format!("invalid Oracle URL {url}: {expected}")));
    }
    let (host, port) = match hostport.strip_prefix('[') {
        // An IPv6 address, bracketed as in any URL.
        Some(v6) => match v6.split_once(']') {
            Some((h, "")) => (h, None),
            Some((h, rest)) => (h, Some(rest.strip_prefix(':').unwrap_or(rest))),
            None => (v6, Some("")),
        },
        None => match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        },
    };
    let port = match port {
        None => 1521,
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
            invalid(format!(
                "invalid Oracle URL {url}: port \"{p}\" is not 1 to 65535; {expected}"
            ))
        })?,
    };
    // Nothing that could close or open a part of the connect descriptor.
    let plain = |t: &str, extra: &[u8]| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b) || extra.contains(&b))
    };
    if !plain(host, b":") {
        return Err(invalid(format!(
            "invalid Oracle URL {url}: host \"{host}\"; {expected}"
        )));
    }
    if !plain(path, b"$#") {
        return Err(invalid(format!(
            "invalid Oracle URL {url}: service \"{path}\" (letters, digits, _ . $ # -); {expected}"
        )));
    }
    Ok(Target::Password {
        user: user.to_string(),
        host: host.to_string(),
        port,
        service: path.to_string(),
    })
}

/// The connect descriptor of a password target, with the connect itself bounded: CONNECT_TIMEOUT
/// (the whole connect, TCP and authentication) and TRANSPORT_CONNECT_TIMEOUT (the TCP connect,
/// whose SYN retries otherwise take the system's ~2 minutes), in seconds (Net Services Reference,
/// Local Naming Parameters in the tnsnames.ora File). A descriptor rather than Easy Connect's
/// `?connect_timeout=`, which clients before 19c do not read.
fn descriptor(
    host: &str,
    port: u16,
    service: &str,
    timeout: Option<std::time::Duration>,
) -> String {
    let bounds = timeout.map_or_else(String::new, |t| {
        let secs = t.as_secs_f64().ceil().max(1.0) as u64;
        format!("(CONNECT_TIMEOUT={secs})(TRANSPORT_CONNECT_TIMEOUT={secs})")
    });
    format!(
        "(DESCRIPTION={bounds}(ADDRESS=(PROTOCOL=TCP)(HOST={host})(PORT={port}))(CONNECT_DATA=(SERVICE_NAME={service})))"
    )
}

/// Split a script as SQL*Plus reads it: plain statements end with `;`, PL/SQL blocks with a line
/// holding only `/`.
pub fn split_statements(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut plsql = false;
    for line in script.lines() {
        let t = line.trim();
        if cur.is_empty() && (t.is_empty() || t.starts_with("--")) {
            continue;
        }
        if cur.is_empty() {
            let upper = t.to_ascii_uppercase();
            plsql = [
                "CREATE OR REPLACE FUNCTION",
                "CREATE OR REPLACE PROCEDURE",
                "CREATE OR REPLACE PACKAGE",
                "CREATE OR REPLACE TRIGGER",
                "BEGIN",
                "DECLARE",
            ]
            .iter()
            .any(|k| upper.starts_with(k));
        }
        if plsql {
            if t == "/" {
                out.push(cur.trim_end().to_string());
                cur.clear();
            } else {
                cur.push_str(line);
                cur.push('\n');
            }
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        if t.ends_with(';') {
            let stmt = cur.trim_end().trim_end_matches(';').trim_end().to_string();
            out.push(stmt);
            cur.clear();
        }
    }
    // What is left has no terminator of its own: a PL/SQL block keeps its `END;` (without it the
    // block is PLS-00103), a plain statement loses its `;` (with it, ORA-00933/ORA-00911).
    if !cur.trim().is_empty() {
        let last = cur.trim_end();
        out.push(if plsql {
            last.to_string()
        } else {
            last.trim_end_matches(';').trim_end().to_string()
        });
    }
    out
}

fn client_missing(e: &oracle::Error) -> bool {
    e.to_string().contains("DPI-1047")
}

fn describe(e: &oracle::Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

/// Errors that mean a DDL statement's object is already there (a migration run again after it
/// failed part-way): ORA-00955 name already used, ORA-01430 column already exists, ORA-01408 column
/// list already indexed, ORA-02260/02261/02264/02275 the constraint already exists.
const ALREADY_DONE: [i32; 7] = [955, 1430, 1408, 2260, 2261, 2264, 2275];

/// The name of the PL/SQL unit a `CREATE [OR REPLACE] FUNCTION|PROCEDURE|PACKAGE|TRIGGER` makes.
fn plsql_unit(stmt: &str) -> Option<String> {
    let words: Vec<String> = stmt
        .split(|c: char| c.is_whitespace() || c == '(')
        .filter(|w| !w.is_empty())
        .take(6)
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let rest = match words.as_slice() {
        [c, o, r, rest @ ..] if c == "CREATE" && o == "OR" && r == "REPLACE" => rest,
        [c, rest @ ..] if c == "CREATE" => rest,
        _ => return None,
    };
    match rest {
        [kind, name, ..]
            if matches!(
                kind.as_str(),
                "FUNCTION" | "PROCEDURE" | "PACKAGE" | "TRIGGER"
            ) =>
        {
            Some(name.trim_matches('"').to_string())
        }
        _ => None,
    }
}

fn map_err(e: oracle::Error) -> DbError {
    match e.db_error() {
        Some(db) if db.code() == 1 => DbError::Conflict(describe(&e)),
        _ => DbError::Failed(describe(&e)),
    }
}

impl OracleBackend {
    /// With `timeout`, every round trip is bounded by it (OCI's call timeout).
    pub fn connect(
        url: &str,
        password_var: &str,
        timeout: Option<std::time::Duration>,
    ) -> anyhow::Result<OracleBackend> {
        let (base, schema) = split_schema(url)?;
        let target = parse_url(base)?;
        let connected = match &target {
            Target::Wallet { alias } => Connector::new("", "", alias.as_str())
                .external_auth(true)
                .connect(),
            Target::Password {
                user,
                host,
                port,
                service,
            } => {
                let password = std::env::var(password_var).map_err(|_| {
                    invalid(format!(
                        "store {url} needs a password: set {password_var}, or use a wallet with oracle:///@alias"
                    ))
                })?;
                Connection::connect(user, password, descriptor(host, *port, service, timeout))
            }
        };
        let conn = connected.map_err(|e| {
            if client_missing(&e) {
                store_error(format!(
                    "cannot load the Oracle Client libraries for store {url} (DPI-1047): install Oracle Instant Client (Basic or Basic Light) and point LD_LIBRARY_PATH (Linux), DYLD_LIBRARY_PATH (macOS) or PATH (Windows) to its folder"
                ))
            } else {
                store_error(format!("cannot connect to store {url}: {}", describe(&e)))
            }
        })?;
        if let Some(owner) = &schema {
            conn.execute(&format!("ALTER SESSION SET CURRENT_SCHEMA = {owner}"), &[])
                .map_err(|e| {
                    store_error(format!(
                        "cannot use schema {owner} of store {url}: {}",
                        describe(&e)
                    ))
                })?;
        }
        if timeout.is_some() {
            // ODPI-C sets call timeouts only with Oracle Client 18.1 or later (DPI-1050 below).
            // Without one a silent store would hold the tick past every later minute: refused
            // rather than run unbounded.
            conn.set_call_timeout(timeout).map_err(|e| {
                if e.to_string().contains("DPI-1050") {
                    store_error(format!(
                        "Oracle Client 18.1 or later is needed for store_timeout and master_timeout (store {url}): the Oracle Client libraries loaded are older (DPI-1050); install Instant Client 19c or later and point LD_LIBRARY_PATH (PATH on Windows) to it"
                    ))
                } else {
                    store_error(format!(
                        "cannot set a call timeout on store {url}: {}",
                        describe(&e)
                    ))
                }
            })?;
        }
        Ok(OracleBackend {
            conn,
            url: url.to_string(),
        })
    }
}

/// Owned parameter values, each bound with an explicit Oracle type. rust-oracle binds a Rust
/// string as NVARCHAR2, which against a VARCHAR2 column makes Oracle convert the column
/// (`SYS_OP_C2C`) and leave its indexes unused; and an untyped NULL fails where its type matters
/// (a `CASE`, a `UNION ALL`: ORA-00932, ORA-01790).
#[derive(Debug, PartialEq)]
enum Param {
    Null(Kind),
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
}

fn params(values: &[Value]) -> Vec<Param> {
    values
        .iter()
        .map(|v| match v {
            Value::Null(kind) => Param::Null(*kind),
            Value::Int(n) => Param::Int(*n),
            // Stored times travel as text in SQLite; bind them as timestamps here.
            Value::Text(s) => match from_db_time(s) {
                Ok(t) if s.len() == 27 && s.ends_with('Z') => Param::Time(t),
                _ => Param::Text(s.clone()),
            },
            Value::Time(t) => Param::Time(*t),
        })
        .collect()
}

/// The most a VARCHAR2 bind holds in SQL (MAX_STRING_SIZE = STANDARD); longer text is a CLOB.
const VARCHAR2_MAX: usize = 4000;

/// The Oracle type a parameter is bound as: never NVARCHAR2, never untyped.
fn oracle_type(p: &Param) -> OracleType {
    match p {
        Param::Null(Kind::Text) => OracleType::Varchar2(1),
        Param::Null(Kind::Clob) => OracleType::CLOB,
        Param::Null(Kind::Int) | Param::Int(_) => OracleType::Int64,
        Param::Null(Kind::Time) | Param::Time(_) => OracleType::TimestampTZ(9),
        Param::Text(s) if s.len() > VARCHAR2_MAX => OracleType::CLOB,
        Param::Text(s) => OracleType::Varchar2(s.len().max(1) as u32),
    }
}

/// A parameter bound with the type [`oracle_type`] gives it.
struct Bound<'a> {
    param: &'a Param,
    ty: OracleType,
}

impl ToSql for Bound<'_> {
    fn oratype(&self, _conn: &Connection) -> oracle::Result<OracleType> {
        Ok(self.ty.clone())
    }

    fn to_sql(&self, val: &mut oracle::SqlValue) -> oracle::Result<()> {
        match self.param {
            Param::Null(_) => val.set_null(),
            Param::Int(n) => n.to_sql(val),
            Param::Text(s) => s.to_sql(val),
            Param::Time(t) => t.to_sql(val),
        }
    }
}

fn bound(params: &[Param]) -> Vec<Bound<'_>> {
    params
        .iter()
        .map(|param| Bound {
            param,
            ty: oracle_type(param),
        })
        .collect()
}

fn read(row: &oracle::Row, i: usize) -> Result<Value, DbError> {
    let ty = row.column_info()[i].oracle_type().clone();
    Ok(match ty {
        OracleType::Number(_, _) | OracleType::Int64 | OracleType::UInt64 => row
            .get::<usize, Option<i64>>(i)
            .map_err(map_err)?
            .map(Value::Int),
        // With its offset: rust-oracle reads a DateTime<Utc> from the value's wall-clock fields
        // and drops the offset, so a value the server wrote (SYSTIMESTAMP, CURRENT_TIMESTAMP in
        // the session's zone) would come back hours off. Read as FixedOffset, then convert.
        OracleType::TimestampTZ(_) | OracleType::TimestampLTZ(_) => row
            .get::<usize, Option<DateTime<chrono::FixedOffset>>>(i)
            .map_err(map_err)?
            .map(|t| Value::Time(t.with_timezone(&Utc))),
        // No zone in the value: backupctl writes none of these; taken as UTC.
        OracleType::Date | OracleType::Timestamp(_) => row
            .get::<usize, Option<DateTime<Utc>>>(i)
            .map_err(map_err)?
            .map(Value::Time),
        _ => row
            .get::<usize, Option<String>>(i)
            .map_err(map_err)?
            .map(Value::Text),
    }
    .unwrap_or(Value::NULL))
}

impl Backend for OracleBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Oracle
    }

    fn describe(&self) -> String {
        self.url.clone()
    }

    fn has_table(&mut self, name: &str) -> Result<bool, DbError> {
        let rows = self.query(
            "SELECT COUNT(*) AS n FROM user_tables WHERE table_name = UPPER(?)",
            &[Value::Text(name.to_string())],
        )?;
        let n: i64 = rows.first().map_or(Ok(0), |r| r.get("n")).map_err(failed)?;
        Ok(n > 0)
    }

    /// Oracle commits around every DDL statement, so a migration that failed part-way has left
    /// some of its objects behind: running it again skips what already exists (and only that),
    /// and the version is stamped only once every statement has succeeded. A PL/SQL unit that
    /// compiled with errors fails here (Oracle only warns, ORA-24344) naming the errors.
    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        for stmt in split_statements(&sql.replace("/*TABLESPACE*/", "")) {
            match self.conn.execute(&stmt, &[]) {
                Ok(_) => {}
                Err(e)
                    if e.db_error()
                        .is_some_and(|d| ALREADY_DONE.contains(&d.code())) => {}
                // Compiled with errors: reported below with the errors themselves.
                Err(e) if e.db_error().is_some_and(|d| d.code() == 24344) => {}
                Err(e) => return Err(map_err(e)),
            }
            if let Some(name) = plsql_unit(&stmt) {
                let errors = self.query(
                    "SELECT line || ': ' || text AS error FROM user_errors WHERE name = UPPER(?) ORDER BY sequence",
                    &[Value::Text(name.clone())],
                )?;
                if !errors.is_empty() {
                    let lines = errors
                        .iter()
                        .map(|r| r.get::<String>("error"))
                        .collect::<anyhow::Result<Vec<_>>>()
                        .map_err(failed)?;
                    return Err(DbError::Failed(format!(
                        "PL/SQL {name} compiled with errors: {}",
                        lines.join("; ")
                    )));
                }
            }
        }
        Ok(())
    }

    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<u64, DbError> {
        let owned = params(values);
        let binds = bound(&owned);
        let refs: Vec<&dyn ToSql> = binds.iter().map(|b| b as &dyn ToSql).collect();
        let stmt = self
            .conn
            .execute(&number_placeholders(sql, ':'), &refs)
            .map_err(map_err)?;
        stmt.row_count().map_err(map_err)
    }

    fn each_row(
        &mut self,
        sql: &str,
        values: &[Value],
        f: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<(), DbError> {
        let owned = params(values);
        let binds = bound(&owned);
        let refs: Vec<&dyn ToSql> = binds.iter().map(|b| b as &dyn ToSql).collect();
        let rows = self
            .conn
            .query(&number_placeholders(sql, ':'), &refs)
            .map_err(map_err)?;
        let mut row = Row::with_columns(rows.column_info().iter().map(|c| c.name()));
        for r in rows {
            let r = r.map_err(map_err)?;
            row.values.clear();
            for i in 0..r.column_info().len() {
                row.values.push(read(&r, i)?);
            }
            if !f(&row) {
                break;
            }
        }
        Ok(())
    }

    fn begin(&mut self) -> Result<(), DbError> {
        // Oracle opens a transaction with the first change; autocommit is off.
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DbError> {
        self.conn.commit().map_err(map_err)
    }

    fn rollback(&mut self) -> Result<(), DbError> {
        self.conn.rollback().map_err(map_err)
    }
}

#[cfg(test)]
mod tests {
    use super::{number_placeholders, oracle_type, params, parse_url, split_statements, Target};
    use crate::store::{Kind, Value};
    use oracle::sql_type::OracleType;

    #[test]
    fn plsql_units_are_named_for_their_compile_errors() {
        use super::plsql_unit;
        assert_eq!(
            plsql_unit("CREATE OR REPLACE FUNCTION scheduled_backups(p_node IN VARCHAR2) RETURN x"),
            Some("SCHEDULED_BACKUPS".into())
        );
        assert_eq!(
            plsql_unit("create procedure p is begin null; end;"),
            Some("P".into())
        );
        assert_eq!(plsql_unit("CREATE TABLE t (a NUMBER)"), None);
        assert_eq!(plsql_unit("CREATE UNIQUE INDEX i ON t (a)"), None);
    }

    #[test]
    fn every_parameter_is_bound_with_an_explicit_type_and_never_as_nvarchar2() {
        let at = chrono::Utc::now();
        let values = [
            Value::from("C_1"),
            Value::from("x".repeat(4001)),
            Value::Int(7),
            Value::Time(at),
            Value::from(crate::units::to_db_time(at)),
            Value::from(None::<&str>),
            Value::from(None::<i64>),
            Value::from(None::<chrono::DateTime<chrono::Utc>>),
            Value::Null(Kind::Clob),
        ];
        let types: Vec<OracleType> = params(&values).iter().map(oracle_type).collect();
        assert_eq!(
            types,
            vec![
                OracleType::Varchar2(3),
                OracleType::CLOB,
                OracleType::Int64,
                OracleType::TimestampTZ(9),
                OracleType::TimestampTZ(9),
                OracleType::Varchar2(1),
                OracleType::Int64,
                OracleType::TimestampTZ(9),
                OracleType::CLOB,
            ]
        );
        assert!(!types.iter().any(|t| matches!(t, OracleType::NVarchar2(_))));
    }

    #[test]
    fn urls_name_a_user_and_service_or_a_wallet() {
        let password = |user: &str, host: &str, port: u16, service: &str| Target::Password {
            user: user.into(),
            host: host.into(),
            port,
            service: service.into(),
        };
        assert_eq!(
            parse_url("oracle://backupctl@db1:1522/ORCLPDB1").unwrap(),
            password("backupctl", "db1", 1522, "ORCLPDB1")
        );
        assert_eq!(
            parse_url("oracle://backupctl@db1/XE").unwrap(),
            password("backupctl", "db1", 1521, "XE")
        );
        assert_eq!(
            parse_url("oracle://backupctl@[fd00::5]:1522/XE").unwrap(),
            password("backupctl", "fd00::5", 1522, "XE")
        );
        assert_eq!(
            parse_url("oracle://backupctl@[fd00::5]/XE").unwrap(),
            password("backupctl", "fd00::5", 1521, "XE")
        );
        assert_eq!(
            parse_url("oracle:///@BACKUP_META").unwrap(),
            Target::Wallet {
                alias: "BACKUP_META".into()
            }
        );
        for bad in [
            "oracle://db1/XE",
            "oracle:///",
            "oracle://u@db1:0/XE",
            "oracle://u@db1:x/XE",
            "oracle://u@db1/XE)(HOST=evil",
            "oracle://u@db1(x)/XE",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_schema_other_than_the_users_is_named_in_the_url() {
        assert_eq!(
            super::split_schema("oracle://bctl_db01@db1/XE?schema=backupctl").unwrap(),
            ("oracle://bctl_db01@db1/XE", Some("BACKUPCTL".to_string()))
        );
        assert_eq!(
            super::split_schema("oracle:///@META?schema=BACKUPCTL").unwrap(),
            ("oracle:///@META", Some("BACKUPCTL".to_string()))
        );
        assert_eq!(
            super::split_schema("oracle://u@db1/XE").unwrap(),
            ("oracle://u@db1/XE", None)
        );
        for bad in [
            "oracle://u@db1/XE?schema=",
            "oracle://u@db1/XE?schema=a;drop",
            "oracle://u@db1/XE?schema=1x",
            "oracle://u@db1/XE?owner=x",
        ] {
            let err = super::split_schema(bad).unwrap_err().to_string();
            assert!(err.contains("expected ?schema=OWNER"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_connect_itself_is_bounded_by_the_timeout() {
        assert_eq!(
            super::descriptor("fd00::5", 1522, "XE", Some(std::time::Duration::from_millis(2500))),
            "(DESCRIPTION=(CONNECT_TIMEOUT=3)(TRANSPORT_CONNECT_TIMEOUT=3)(ADDRESS=(PROTOCOL=TCP)(HOST=fd00::5)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=XE)))"
        );
        assert_eq!(
            super::descriptor("db1", 1521, "XE", None),
            "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db1)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=XE)))"
        );
    }

    #[test]
    fn scripts_split_like_sqlplus() {
        let ddl = concat!(
            include_str!("../../sql/oracle/0001_initial.sql"),
            include_str!("../../sql/oracle/0002_fleet.sql")
        );
        let stmts = split_statements(ddl);
        assert!(
            stmts
                .iter()
                .all(|s| !s.ends_with(';') || s.contains("END;")),
            "{stmts:#?}"
        );
        assert_eq!(
            stmts
                .iter()
                .filter(|s| s.starts_with("CREATE TABLE"))
                .count(),
            8
        );
        assert_eq!(
            stmts
                .iter()
                .filter(|s| s.starts_with("CREATE OR REPLACE FUNCTION"))
                .count(),
            3
        );
        let f = stmts
            .iter()
            .find(|s| s.contains("FUNCTION strategy_instructions"))
            .unwrap();
        assert!(f.trim_end().ends_with("END;"), "{f}");
        assert_eq!(
            stmts
                .iter()
                .filter(|s| s.starts_with("ALTER TABLE"))
                .count(),
            6
        );
    }

    #[test]
    fn a_block_without_its_slash_keeps_its_end() {
        let block =
            "BEGIN EXECUTE IMMEDIATE 'DROP TABLE t PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;";
        assert_eq!(split_statements(block), vec![block.to_string()]);
        assert_eq!(
            split_statements("DECLARE\n  n NUMBER;\nBEGIN\n  NULL;\nEND;\n"),
            vec!["DECLARE\n  n NUMBER;\nBEGIN\n  NULL;\nEND;".to_string()]
        );
        assert_eq!(
            split_statements("DROP TABLE t PURGE;"),
            vec!["DROP TABLE t PURGE".to_string()]
        );
        assert_eq!(
            split_statements("DROP TABLE t PURGE"),
            vec!["DROP TABLE t PURGE".to_string()]
        );
    }

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(
            number_placeholders(
                "UPDATE run SET status = 'x?' WHERE run_id = ? AND node = ?",
                ':'
            ),
            "UPDATE run SET status = 'x?' WHERE run_id = :1 AND node = :2"
        );
    }
}
