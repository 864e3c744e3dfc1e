//! The embedded SQLite backend (rusqlite, bundled): the default store of every node.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, ErrorCode, ToSql};

use super::{Backend, DbError, Dialect, Row, Value};
use crate::error::store as store_error;
use crate::units::to_db_time;

/// The longest a statement waits for another process's write lock: a tick's writes take
/// milliseconds, so a lock held longer is a stuck writer, and a run's end then waits in the spool.
pub const MAX_BUSY: Duration = Duration::from_secs(30);

pub struct SqliteBackend {
    conn: rusqlite::Connection,
    path: PathBuf,
}

/// What keeps this process from using the store at `path`, by owner, group and mode (Unix).
pub fn access_problem(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        crate::access::store_problem(path, &crate::access::Who::me())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl SqliteBackend {
    /// Open (creating the file and its folder if needed) with WAL and a busy timeout of `busy`
    /// (at most [`MAX_BUSY`]), so that concurrent ticks queue for the write lock instead of failing.
    pub fn open(path: &Path, busy: Duration) -> anyhow::Result<SqliteBackend> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A folder made here is its owner's only (the store holds scripts, logs, and which
            // variables hold credentials); an existing one is left as the DBA set it.
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(dir).map_err(|e| {
                let why = access_problem(path).unwrap_or_else(|| e.to_string());
                store_error(format!(
                    "cannot create the store folder {}: {why}",
                    dir.display()
                ))
            })?;
        }
        #[cfg(unix)]
        if !path.exists() {
            // Made owner-only before SQLite opens it; SQLite gives its -wal and -shm files the
            // permissions of the database file.
            use std::os::unix::fs::OpenOptionsExt;
            let made = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path);
            if let Err(e) = made {
                if e.kind() != std::io::ErrorKind::AlreadyExists {
                    let why = access_problem(path).unwrap_or_else(|| e.to_string());
                    return Err(store_error(format!(
                        "cannot create store sqlite:{}: {why}",
                        path.display()
                    )));
                }
            }
        }
        let fail = |e: rusqlite::Error| {
            // SQLite says "unable to open database file" or "readonly database" for a folder or
            // file this user may not use: say which, with its owner and mode.
            let why = access_problem(path).unwrap_or_else(|| e.to_string());
            store_error(format!(
                "cannot open store sqlite:{}: {why}",
                path.display()
            ))
        };
        let conn = rusqlite::Connection::open(path).map_err(fail)?;
        conn.busy_timeout(busy.min(MAX_BUSY)).map_err(fail)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(fail)?;
        // A tick is one short process a minute. Checkpointing the WAL each time it closes cost
        // fsyncs that grew with the store; SQLite's automatic checkpoint (every 1000 pages of WAL)
        // does it instead, every few hundred ticks. WAL with synchronous = NORMAL stays safe from
        // corruption either way.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .map_err(fail)?;
        Ok(SqliteBackend {
            conn,
            path: path.to_path_buf(),
        })
    }
}

/// The WAL size past which a closing connection empties the WAL ([`SqliteBackend`]'s `Drop`).
const WAL_KEPT_UP_TO: u64 = 1 << 20;

impl Drop for SqliteBackend {
    /// Every process here closes without a checkpoint (`NO_CKPT_ON_CLOSE`), so the next one to
    /// open the store is its first connection: it rebuilds the WAL's index by reading every frame,
    /// and that rebuilt index forgets what was already checkpointed, so the WAL is never started
    /// again from its beginning (SQLite's wal.c, the WAL-index recovery; SQLite, "Write-Ahead
    /// Logging": a checkpoint lets the WAL be reset only when nothing in it is still unbackfilled).
    /// Measured (`cargo bench --bench tick -- wal`): an idle tick's WAL grew by a frame a minute
    /// without end, each tick read all of it and checkpointed all of it again (3.5 ms at 36 KiB,
    /// 7.8 ms at 8 MiB after 2,035 ticks), and a run after one with a 16 MiB log began by reading
    /// 16 MiB. So past 1 MiB a closing connection checkpoints and truncates the WAL
    /// (`sqlite3_wal_checkpoint_v2`, TRUNCATE): without waiting (a busy timeout of zero; a
    /// connection still reading keeps it, and the next close tries again), and only outside a
    /// transaction.
    fn drop(&mut self) {
        let wal = self.path.with_file_name(format!(
            "{}-wal",
            self.path.file_name().unwrap_or_default().to_string_lossy()
        ));
        let big = std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_KEPT_UP_TO);
        if big && self.conn.is_autocommit() && self.conn.busy_timeout(Duration::ZERO).is_ok() {
            let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}

/// A text longer than this is written in place by [`Backend::insert_with_text`].
const IN_PLACE_PAST: usize = 1 << 20;

struct Param<'a>(&'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Value::Null(_) => ToSqlOutput::from(rusqlite::types::Null),
            Value::Int(n) => ToSqlOutput::from(*n),
            Value::Text(s) => ToSqlOutput::from(s.as_str()),
            Value::Time(t) => ToSqlOutput::from(to_db_time(*t)),
        })
    }
}

fn map_err(e: rusqlite::Error) -> DbError {
    match &e {
        // Only unique and primary-key violations are conflicts (by SQLite's extended result
        // code); checks and foreign keys are failures.
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == ErrorCode::ConstraintViolation
                && matches!(
                    f.extended_code,
                    rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                        | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                ) =>
        {
            DbError::Conflict(e.to_string())
        }
        _ => DbError::Failed(e.to_string()),
    }
}

impl Backend for SqliteBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn describe(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    fn has_table(&mut self, name: &str) -> Result<bool, DbError> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .map_err(map_err)?;
        Ok(n > 0)
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.conn.execute_batch(sql).map_err(map_err)
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(map_err)?;
        let n = stmt
            .execute(params_from_iter(params.iter().map(Param)))
            .map_err(map_err)?;
        Ok(n as u64)
    }

    /// A large text is inserted as a zero-filled value of its size and written into it in
    /// place (incremental I/O, <https://www.sqlite.org/c3ref/blob_open.html>): bound as a
    /// parameter, SQLite would copy it and then build the row around a second copy, three
    /// copies of a log of `log_limit` bytes at once. The value is then stored as a BLOB, which a
    /// column of TEXT affinity may hold (<https://www.sqlite.org/datatype3.html>, 3.1); every
    /// read here takes a BLOB as the UTF-8 text it is. A smaller text is bound as usual.
    fn insert_with_text(
        &mut self,
        table: &str,
        columns: &[&str],
        params: &[Value],
        text: &str,
    ) -> Result<(), DbError> {
        if text.len() < IN_PLACE_PAST {
            return super::insert_bound(self, table, columns, params, text);
        }
        let len =
            i64::try_from(text.len()).map_err(|_| DbError::Failed("text too large".into()))?;
        let mut all = params.to_vec();
        all.push(Value::Int(len));
        self.execute(&super::insert_sql(table, columns, "zeroblob(?)"), &all)?;
        let rowid = self.conn.last_insert_rowid();
        let column = columns.last().copied().unwrap_or_default();
        let mut blob = self
            .conn
            .blob_open(rusqlite::MAIN_DB, table, column, rowid, false)
            .map_err(map_err)?;
        blob.write_all_at(text.as_bytes(), 0).map_err(map_err)?;
        blob.close().map_err(map_err)
    }

    /// Each row into one `Row` refilled in place: a text column reuses the string of the row
    /// before, so a long read allocates next to nothing.
    fn each_row(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> bool,
    ) -> Result<(), DbError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(map_err)?;
        let width = stmt.column_count();
        let mut row = Row::with_columns(stmt.column_names());
        row.values = vec![Value::NULL; width];
        let mut rows = stmt
            .query(params_from_iter(params.iter().map(Param)))
            .map_err(map_err)?;
        while let Some(r) = rows.next().map_err(map_err)? {
            for (i, slot) in row.values.iter_mut().enumerate() {
                let text = match r.get_ref(i).map_err(map_err)? {
                    ValueRef::Null => {
                        *slot = Value::NULL;
                        continue;
                    }
                    ValueRef::Integer(n) => {
                        *slot = Value::Int(n);
                        continue;
                    }
                    ValueRef::Real(x) => {
                        *slot = Value::Int(x as i64);
                        continue;
                    }
                    // Checked the fast way first (a stored text is UTF-8 but for a damaged row).
                    ValueRef::Text(t) | ValueRef::Blob(t) => match std::str::from_utf8(t) {
                        Ok(s) => std::borrow::Cow::Borrowed(s),
                        Err(_) => String::from_utf8_lossy(t),
                    },
                };
                match slot {
                    Value::Text(s) => {
                        s.clear();
                        s.push_str(&text);
                    }
                    _ => *slot = Value::Text(text.into_owned()),
                }
            }
            if !f(&row) {
                break;
            }
        }
        Ok(())
    }

    fn begin(&mut self) -> Result<(), DbError> {
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(map_err)
    }

    fn commit(&mut self) -> Result<(), DbError> {
        self.conn.execute_batch("COMMIT").map_err(map_err)
    }

    fn rollback(&mut self) -> Result<(), DbError> {
        self.conn.execute_batch("ROLLBACK").map_err(map_err)
    }

    /// In WAL mode with synchronous = NORMAL a commit survives a crash of the process but not
    /// always a power cut (SQLite, "PRAGMA synchronous"); FULL syncs the WAL at each commit.
    fn durable(&mut self, on: bool) -> Result<(), DbError> {
        let mode = if on { "FULL" } else { "NORMAL" };
        self.conn
            .execute_batch(&format!("PRAGMA synchronous = {mode}"))
            .map_err(map_err)
    }
}
