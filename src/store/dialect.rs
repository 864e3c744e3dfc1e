//! Every SQL difference between the databases, behind one trait with one implementation per
//! database, so that the store's domain code reads the same for all: `dialect.sql().limit(1)`,
//! never a match on the dialect. (Not behind the drivers' cargo features: `install-schema --print`
//! writes any database's DDL from any build.)

use super::{Dialect, Kind};

/// What differs between the databases' SQL.
pub trait Sql: Sync {
    /// The versioned migrations, in order.
    fn migrations(&self) -> &'static [(u32, &'static str)];

    /// The table that records which migrations a store has.
    fn schema_version_table(&self) -> &'static str;

    /// The current time, as a column of the schema_version table takes it in printed DDL.
    fn now(&self) -> &'static str {
        "CURRENT_TIMESTAMP"
    }

    /// The clause that keeps the first `n` rows of an ordered query.
    fn limit(&self, n: u64) -> String {
        format!(" LIMIT {n}")
    }

    /// A statement that only proves the store answers.
    fn ping(&self) -> &'static str {
        "SELECT 1"
    }

    /// Statements (run as a batch, their rows unread) that hold, and then release, a lock every
    /// `install-schema` of this database
    /// takes, so that installers on many hosts at once apply each version once, one after the
    /// other; `None` where the database's own locking already does it.
    fn install_lock(&self) -> Option<(&'static str, &'static str)> {
        None
    }

    /// The database server's own time, as a column `now`.
    fn server_now(&self) -> &'static str {
        "SELECT CURRENT_TIMESTAMP AS now"
    }

    /// One statement that inserts `n` rows of `table`, or updates those whose `keys` exist:
    /// `INSERT … ON CONFLICT (keys) DO UPDATE`, as SQLite and PostgreSQL take it.
    fn upsert(&self, table: &str, cols: &[(&str, Kind)], keys: &[&str], n: usize) -> String {
        on_conflict(table, cols, keys, n)
    }

    /// Whether the store is made (and upgraded) on first use rather than installed by a DBA.
    fn made_on_first_use(&self) -> bool {
        false
    }

    /// Whether opening a second connection costs less than a read it could take over (a file
    /// open, not a server's login).
    fn cheap_to_open_again(&self) -> bool {
        false
    }

    /// Whether the schema takes a tablespace and an owner of its own (`--tablespace`, `--user`).
    fn has_tablespaces(&self) -> bool {
        false
    }

    /// The printed DDL as the database's own client runs it (`ts` is ` TABLESPACE NAME` or
    /// empty).
    fn client_script(&self, ddl: String, _ts: &str) -> String {
        ddl.replace("/*TABLESPACE*/", "")
    }
}

impl Dialect {
    /// This database's SQL.
    pub fn sql(self) -> &'static dyn Sql {
        match self {
            Dialect::Sqlite => &Sqlite,
            Dialect::Postgres => &Postgres,
            Dialect::Oracle => &Oracle,
        }
    }
}

fn columns(cols: &[(&str, Kind)]) -> Vec<String> {
    cols.iter().map(|c| c.0.to_string()).collect()
}

/// `INSERT … VALUES (…), (…) ON CONFLICT (keys) DO UPDATE SET …`, as SQLite and PostgreSQL take it.
fn on_conflict(table: &str, cols: &[(&str, Kind)], keys: &[&str], n: usize) -> String {
    let names = columns(cols);
    let row = format!("({})", vec!["?"; names.len()].join(", "));
    format!(
        "INSERT INTO {table} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {}",
        names.join(", "),
        vec![row; n].join(", "),
        keys.join(", "),
        updated_from_excluded(cols, keys)
    )
}

/// `c = excluded.c, …` for every column but the keys: an upsert's update.
pub(super) fn updated_from_excluded(cols: &[(&str, Kind)], keys: &[&str]) -> String {
    cols.iter()
        .map(|c| c.0)
        .filter(|c| !keys.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Sqlite;

impl Sql for Sqlite {
    fn migrations(&self) -> &'static [(u32, &'static str)] {
        &[
            (1, include_str!("../../sql/sqlite/0001_initial.sql")),
            (2, include_str!("../../sql/sqlite/0002_fleet.sql")),
            (3, include_str!("../../sql/sqlite/0003_partial_indexes.sql")),
            (4, include_str!("../../sql/sqlite/0004_quarantine.sql")),
            (5, include_str!("../../sql/sqlite/0005_rman.sql")),
            (6, include_str!("../../sql/sqlite/0006_names_removals.sql")),
            (7, include_str!("../../sql/sqlite/0007_run_tally.sql")),
            (8, include_str!("../../sql/sqlite/0008_run_script.sql")),
            (
                9,
                include_str!("../../sql/sqlite/0009_run_tally_counts.sql"),
            ),
            (
                10,
                include_str!("../../sql/sqlite/0010_unpushed_in_key_order.sql"),
            ),
        ]
    }

    fn schema_version_table(&self) -> &'static str {
        "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)"
    }

    fn now(&self) -> &'static str {
        "strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now')"
    }

    fn made_on_first_use(&self) -> bool {
        true
    }

    fn server_now(&self) -> &'static str {
        "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now"
    }

    /// A second connection is a file open.
    fn cheap_to_open_again(&self) -> bool {
        true
    }
}

struct Postgres;

impl Sql for Postgres {
    fn migrations(&self) -> &'static [(u32, &'static str)] {
        &[
            (1, include_str!("../../sql/postgres/0001_initial.sql")),
            (2, include_str!("../../sql/postgres/0002_fleet.sql")),
            (
                3,
                include_str!("../../sql/postgres/0003_partial_indexes.sql"),
            ),
            (4, include_str!("../../sql/postgres/0004_quarantine.sql")),
            (5, include_str!("../../sql/postgres/0005_rman.sql")),
            (
                6,
                include_str!("../../sql/postgres/0006_names_removals.sql"),
            ),
            (7, include_str!("../../sql/postgres/0007_run_latest.sql")),
            (8, include_str!("../../sql/postgres/0008_run_script.sql")),
            (
                9,
                include_str!("../../sql/postgres/0009_run_tally_counts.sql"),
            ),
            (
                10,
                include_str!("../../sql/postgres/0010_unpushed_in_key_order.sql"),
            ),
        ]
    }

    fn schema_version_table(&self) -> &'static str {
        "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    }

    /// A session-level advisory lock (PostgreSQL, Advisory Locks): DDL takes its own locks only
    /// as it goes, and concurrent installers deadlock or collide on the version's key. The key
    /// is backupctl's own number, per database.
    fn install_lock(&self) -> Option<(&'static str, &'static str)> {
        Some((
            "SELECT pg_advisory_lock(4242560871)",
            "SELECT pg_advisory_unlock(4242560871)",
        ))
    }
}

/// What the printed Oracle script starts with, for SQL*Plus.
/// - `WHENEVER SQLERROR EXIT FAILURE`: stop at the first error with a failure status.
///   `EXIT SQL.SQLCODE` would give the shell the code modulo 256, 0 for ORA-01536 (6 × 256)
///   (SQL*Plus User's Guide and Reference, WHENEVER SQLERROR, EXIT).
/// - A guard that stops in the container root: a script run as `sqlplus / as sysdba` lands in
///   CDB$ROOT, where a local user cannot be made (ORA-65096) and objects would go into SYS.
pub const ORACLE_SCRIPT_HEAD: &str = "WHENEVER SQLERROR EXIT FAILURE
BEGIN
    IF SYS_CONTEXT('USERENV', 'CON_NAME') = 'CDB$ROOT' THEN
        RAISE_APPLICATION_ERROR(-20000, 'backupctl: this session is in CDB$ROOT: connect to the pluggable database that will hold the store, or run ALTER SESSION SET CONTAINER = <pdb> first');
    END IF;
END;
/
";

/// The guard that follows: the printed script refuses a schema that already holds tables named
/// like backupctl's without the `node` column each of them has (BackupExecutor's `connection`,
/// `strategy`, `log`… in SYSTEM), before anything is created. `CURRENT_SCHEMA`: where the script's
/// objects go, also after `ALTER SESSION SET CURRENT_SCHEMA` (SQL Language Reference, ALTER SESSION).
fn oracle_foreign_guard(tables: &[&str]) -> String {
    let names = tables
        .iter()
        .map(|t| format!("'{}'", t.to_ascii_uppercase()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "DECLARE
    foreign_tables VARCHAR2(4000 CHAR);
BEGIN
    SELECT LISTAGG(t.table_name, ', ') WITHIN GROUP (ORDER BY t.table_name) INTO foreign_tables
    FROM all_tables t
    WHERE t.owner = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')
    AND t.table_name IN ({names})
    AND NOT EXISTS (SELECT 1 FROM all_tab_columns c
                    WHERE c.owner = t.owner AND c.table_name = t.table_name AND c.column_name = 'NODE');
    IF foreign_tables IS NOT NULL THEN
        RAISE_APPLICATION_ERROR(-20001, 'backupctl: schema ' || SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') || ' already holds tables that are not backupctl''s (' || foreign_tables || '): nothing was created; install backupctl into a schema of its own (--user)');
    END IF;
END;
/
"
    )
}

/// For SQL*Plus: each PL/SQL unit (ended by a line holding only `/`) followed by `SHOW ERRORS`,
/// so that its compile errors are shown where it is made.
pub fn show_errors(script: &str) -> String {
    script.replace("\n/\n", "\n/\nSHOW ERRORS\n")
}

/// The tables a migration creates, in its order.
pub fn created_tables(sql: &str) -> Vec<&str> {
    sql.lines()
        .filter_map(|l| l.trim_start().strip_prefix("CREATE TABLE "))
        .filter_map(|rest| rest.split([' ', '(']).next())
        .filter(|name| !name.is_empty())
        .collect()
}

struct Oracle;

impl Sql for Oracle {
    fn migrations(&self) -> &'static [(u32, &'static str)] {
        &[
            (1, include_str!("../../sql/oracle/0001_initial.sql")),
            (2, include_str!("../../sql/oracle/0002_fleet.sql")),
            (3, include_str!("../../sql/oracle/0003_partial_indexes.sql")),
            (4, include_str!("../../sql/oracle/0004_quarantine.sql")),
            (5, include_str!("../../sql/oracle/0005_rman.sql")),
            (6, include_str!("../../sql/oracle/0006_names_removals.sql")),
            (7, include_str!("../../sql/oracle/0007_run_status_idx.sql")),
            (8, include_str!("../../sql/oracle/0008_run_latest.sql")),
            (9, include_str!("../../sql/oracle/0009_run_script.sql")),
            (
                10,
                include_str!("../../sql/oracle/0010_run_tally_counts.sql"),
            ),
        ]
    }

    fn schema_version_table(&self) -> &'static str {
        "CREATE TABLE schema_version (version NUMBER(10) NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)/*TABLESPACE*/"
    }

    fn limit(&self, n: u64) -> String {
        format!(" FETCH FIRST {n} ROWS ONLY")
    }

    fn ping(&self) -> &'static str {
        "SELECT 1 FROM dual"
    }

    fn server_now(&self) -> &'static str {
        "SELECT SYSTIMESTAMP AS now FROM dual"
    }

    /// A MERGE over a UNION ALL of typed rows. Every branch of the UNION ALL types every value
    /// itself: a NULL or a short text in one row and a number, timestamp or CLOB in another
    /// would otherwise make the branches disagree (ORA-01790). CAST takes no LOB, so logs go
    /// through TO_CLOB.
    fn upsert(&self, table: &str, cols: &[(&str, Kind)], keys: &[&str], n: usize) -> String {
        let names = columns(cols);
        let typed: Vec<&str> = cols
            .iter()
            .map(|(_, kind)| match kind {
                Kind::Text => "CAST(? AS VARCHAR2(4000 CHAR))",
                Kind::Int => "CAST(? AS NUMBER)",
                Kind::Time => "CAST(? AS TIMESTAMP WITH TIME ZONE)",
                Kind::Clob => "TO_CLOB(?)",
            })
            .collect();
        let first = format!(
            "SELECT {} FROM dual",
            names
                .iter()
                .zip(&typed)
                .map(|(c, t)| format!("{t} AS {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rest = format!("SELECT {} FROM dual", typed.join(", "));
        let mut source = vec![first];
        source.extend(std::iter::repeat_n(rest, n.saturating_sub(1)));
        let others = names.iter().filter(|c| !keys.contains(&c.as_str()));
        format!(
            "MERGE INTO {table} d USING ({src}) s ON ({on}) WHEN MATCHED THEN UPDATE SET {set} WHEN NOT MATCHED THEN INSERT ({cols}) VALUES ({vals})",
            src = source.join(" UNION ALL "),
            on = keys.iter().map(|k| format!("d.{k} = s.{k}")).collect::<Vec<_>>().join(" AND "),
            set = others.map(|c| format!("d.{c} = s.{c}")).collect::<Vec<_>>().join(", "),
            cols = names.join(", "),
            vals = names.iter().map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", "),
        )
    }

    fn has_tablespaces(&self) -> bool {
        true
    }

    /// For SQL*Plus: stop at the first failed statement, so that no version is stamped over a
    /// half-made schema (see [`ORACLE_SCRIPT_HEAD`]), show the compile errors of each PL/SQL
    /// block, and put the indexes of primary keys in the tablespace with the other indexes, not in
    /// the user's default.
    fn client_script(&self, ddl: String, ts: &str) -> String {
        let tables: Vec<&str> = self
            .migrations()
            .iter()
            .flat_map(|(_, sql)| created_tables(sql))
            .collect();
        let out = format!(
            "{ORACLE_SCRIPT_HEAD}{}{}COMMIT;\n",
            oracle_foreign_guard(&tables),
            show_errors(&ddl)
        );
        let out = out.replace("/*TABLESPACE*/", ts);
        if ts.is_empty() {
            return out;
        }
        out.lines()
            .map(|l| {
                let t = l.trim_end();
                if t.trim_start().starts_with("CONSTRAINT") && t.contains("PRIMARY KEY (") {
                    let (body, comma) = match t.strip_suffix(',') {
                        Some(b) => (b, ","),
                        None => (t, ""),
                    };
                    format!("{body} USING INDEX{ts}{comma}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }
}
