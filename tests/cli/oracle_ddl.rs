//! Static guards on the Oracle DDL that `install-schema --print --dialect oracle` prints (all the
//! migrations): the traps Oracle's SQL Reference documents, checked here where no Oracle runs.

use std::collections::HashMap;

use crate::support::Env;

/// Oracle's reserved words (SQL Language Reference, "Oracle SQL Reserved Words"): none may name a
/// table, column, constraint or index.
const RESERVED: &[&str] = &[
    "ACCESS",
    "ADD",
    "ALL",
    "ALTER",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "AUDIT",
    "BETWEEN",
    "BY",
    "CHAR",
    "CHECK",
    "CLUSTER",
    "COLUMN",
    "COMMENT",
    "COMPRESS",
    "CONNECT",
    "CREATE",
    "CURRENT",
    "DATE",
    "DECIMAL",
    "DEFAULT",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DROP",
    "ELSE",
    "EXCLUSIVE",
    "EXISTS",
    "FILE",
    "FLOAT",
    "FOR",
    "FROM",
    "GRANT",
    "GROUP",
    "HAVING",
    "IDENTIFIED",
    "IMMEDIATE",
    "IN",
    "INCREMENT",
    "INDEX",
    "INITIAL",
    "INSERT",
    "INTEGER",
    "INTERSECT",
    "INTO",
    "IS",
    "LEVEL",
    "LIKE",
    "LOCK",
    "LONG",
    "MAXEXTENTS",
    "MINUS",
    "MLSLABEL",
    "MODE",
    "MODIFY",
    "NOAUDIT",
    "NOCOMPRESS",
    "NOT",
    "NOWAIT",
    "NULL",
    "NUMBER",
    "OF",
    "OFFLINE",
    "ON",
    "ONLINE",
    "OPTION",
    "OR",
    "ORDER",
    "PCTFREE",
    "PRIOR",
    "PUBLIC",
    "RAW",
    "RENAME",
    "RESOURCE",
    "REVOKE",
    "ROW",
    "ROWID",
    "ROWNUM",
    "ROWS",
    "SELECT",
    "SESSION",
    "SET",
    "SHARE",
    "SIZE",
    "SMALLINT",
    "START",
    "SUCCESSFUL",
    "SYNONYM",
    "SYSDATE",
    "TABLE",
    "THEN",
    "TO",
    "TRIGGER",
    "UID",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USER",
    "VALIDATE",
    "VALUES",
    "VARCHAR",
    "VARCHAR2",
    "VIEW",
    "WHENEVER",
    "WHERE",
    "WITH",
];

fn printed() -> String {
    Env::new().ok(&["install-schema", "--print", "--dialect", "oracle"])
}

/// Statements of the script, without comments (PL/SQL blocks end with a lone `/`).
fn statements(ddl: &str) -> Vec<String> {
    let text: String = ddl
        .lines()
        .map(|l| l.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    text.split(";\n")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every problem the guards find in an Oracle script.
fn traps(ddl: &str) -> Vec<String> {
    let mut found = Vec::new();
    let upper = ddl.to_uppercase();
    if !upper
        .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
        .lines()
        .any(|l| l.trim() == "WHENEVER SQLERROR EXIT FAILURE")
    {
        // EXIT SQL.SQLCODE gives the shell the code modulo 256: 0 for ORA-01536.
        found.push(
            "the script does not stop at the first error with a failure status (WHENEVER SQLERROR EXIT FAILURE)"
                .into(),
        );
    }
    // Column types per table, for the key checks.
    let mut types: HashMap<String, HashMap<String, String>> = HashMap::new();
    let ident = regex_lite_words;
    for stmt in statements(ddl) {
        let s = stmt.to_uppercase();
        let words = ident(&s);
        if (s.starts_with("CREATE INDEX") || s.starts_with("CREATE UNIQUE INDEX"))
            && s.contains(" WHERE ")
        {
            found.push(format!(
                "a partial index (CREATE INDEX … WHERE), which Oracle has not: {stmt}"
            ));
        }
        if s.starts_with("CREATE TABLE") || s.starts_with("ALTER TABLE") {
            let table = words.get(2).cloned().unwrap_or_default();
            let cols = types.entry(table.clone()).or_default();
            let body = s.split_once('(').map(|(_, b)| b).unwrap_or_default();
            for line in top_level_items(body) {
                let line = line.as_str();
                let w = ident(line);
                let Some(first) = w.first() else { continue };
                let is_column = w.get(1).is_some_and(|t| {
                    matches!(
                        t.as_str(),
                        "VARCHAR2" | "NUMBER" | "TIMESTAMP" | "CLOB" | "DATE" | "INTEGER" | "CHAR"
                    )
                });
                if !is_column {
                    continue;
                }
                if let Some(ty) = w.get(1) {
                    let ty = if line.contains("TIMESTAMP WITH TIME ZONE") {
                        "TSTZ".to_string()
                    } else {
                        ty.clone()
                    };
                    cols.insert(first.clone(), ty);
                    if line.contains("PRIMARY KEY") && cols[first] == "TSTZ" {
                        found.push(format!("{table}.{first}: TIMESTAMP WITH TIME ZONE in a primary key (ORA-02329)"));
                    }
                }
            }
            for key in ["PRIMARY KEY", "UNIQUE"] {
                let mut rest = s.as_str();
                while let Some(i) = rest.find(key) {
                    rest = &rest[i + key.len()..];
                    let Some(list) = rest.trim_start().strip_prefix('(') else {
                        continue;
                    };
                    let list = list.split(')').next().unwrap_or_default();
                    for col in list.split(',').map(str::trim) {
                        if cols.get(col).is_some_and(|t| t == "TSTZ") {
                            found.push(format!("{table}.{col}: TIMESTAMP WITH TIME ZONE in a {key} constraint (ORA-02329)"));
                        }
                    }
                }
            }
        }
        if s.contains("VARCHAR2(") {
            let mut rest = s.as_str();
            while let Some(i) = rest.find("VARCHAR2(") {
                rest = &rest[i + "VARCHAR2(".len()..];
                let inside = rest.split(')').next().unwrap_or_default();
                if !inside.trim().ends_with("CHAR") {
                    found.push(format!("VARCHAR2({inside}) counts bytes, not characters: write VARCHAR2({inside} CHAR)"));
                }
            }
        }
        // Names given to tables, columns, constraints and indexes.
        let named: Vec<&String> = words
            .windows(2)
            .filter(|w| matches!(w[0].as_str(), "TABLE" | "CONSTRAINT" | "INDEX"))
            .map(|w| &w[1])
            .collect();
        for n in named {
            if n.len() > 30 {
                found.push(format!(
                    "identifier {n} is over 30 bytes (Oracle before 12.2)"
                ));
            }
        }
    }
    for (table, cols) in &types {
        for name in std::iter::once(table).chain(cols.keys()) {
            if RESERVED.contains(&name.as_str()) {
                found.push(format!("{name} is an Oracle reserved word"));
            }
        }
    }
    // Stored units (an anonymous block's errors stop the script by themselves).
    let plsql_blocks = ["FUNCTION", "PROCEDURE", "TRIGGER", "PACKAGE"]
        .iter()
        .map(|kind| upper.matches(&format!("CREATE OR REPLACE {kind} ")).count())
        .sum::<usize>();
    let show_errors = upper.matches("SHOW ERRORS").count();
    if show_errors < plsql_blocks {
        found.push(format!(
            "{plsql_blocks} PL/SQL blocks but {show_errors} SHOW ERRORS: a block compiled with errors would go unnoticed"
        ));
    }
    found.sort();
    found.dedup();
    found
}

/// The comma-separated items of a parenthesised list, commas inside nested parentheses kept.
fn top_level_items(body: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => break,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(String::new());
                continue;
            }
            _ => {}
        }
        items.last_mut().unwrap().push(c);
    }
    items
}

/// Words of a statement: identifiers and keywords, in order.
fn regex_lite_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_printed_oracle_ddl_avoids_oracles_documented_traps() {
    let ddl = printed();
    let found = traps(&ddl);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let with_user = Env::new().ok(&[
        "install-schema",
        "--print",
        "--dialect",
        "oracle",
        "--tablespace",
        "BACKUP_METADATA",
        "--datafile",
        "/u02/oradata/ORCL/backup_metadata01.dbf",
        "--user",
        "BACKUPCTL",
    ]);
    let found = traps(&with_user);
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The user exists, with its quota and grants, before anything is made in its schema; its
    // password is asked for by SQL*Plus and never written in the script.
    let user_at = with_user.find("CREATE USER BACKUPCTL").unwrap();
    // Nothing is made in CDB$ROOT, and the password is never printed back by SQL*Plus.
    let guard_at = with_user.find("= 'CDB$ROOT' THEN").unwrap();
    assert!(guard_at < user_at, "{with_user}");
    let verify_off = with_user.find("SET VERIFY OFF\nSET ECHO OFF\n").unwrap();
    assert!(verify_off < with_user.find("&backupctl_password").unwrap());
    assert!(with_user.starts_with("WHENEVER SQLERROR EXIT FAILURE\n"));
    assert!(!with_user.contains("SQL.SQLCODE"), "{with_user}");
    assert!(ddl.find("= 'CDB$ROOT' THEN").unwrap() < ddl.find("CREATE TABLE").unwrap());
    assert!(user_at < with_user.find("CREATE TABLE node").unwrap());
    assert!(with_user.find("CREATE TABLESPACE BACKUP_METADATA").unwrap() < user_at);
    // A schema holding another application's tables of the same names is refused before anything
    // is made in it: the guard runs in the schema the script fills, and names every table it makes.
    for script in [&ddl, &with_user] {
        let guard = script
            .find("already holds tables that are not backupctl")
            .unwrap();
        assert!(guard < script.find("CREATE TABLE ").unwrap(), "{script}");
        let created: Vec<String> = script
            .lines()
            .filter_map(|l| l.strip_prefix("CREATE TABLE "))
            .map(|l| l.split([' ', '(']).next().unwrap().to_ascii_uppercase())
            .filter(|t| t != "SCHEMA_VERSION")
            .collect();
        assert!(created.len() >= 11, "{created:?}");
        for t in created {
            assert!(script[..guard].contains(&format!("'{t}'")), "{t} unguarded");
        }
    }
    assert!(
        with_user.find("ALTER SESSION SET CURRENT_SCHEMA").unwrap()
            < with_user.find("already holds tables").unwrap()
    );
    for part in [
        "ACCEPT backupctl_password CHAR PROMPT",
        "IDENTIFIED BY \"&backupctl_password\"",
        "QUOTA UNLIMITED ON BACKUP_METADATA",
        "GRANT CREATE SESSION, CREATE TABLE, CREATE PROCEDURE, CREATE TRIGGER TO BACKUPCTL",
        "ALTER SESSION SET CURRENT_SCHEMA = BACKUPCTL",
        "CONSTRAINT run_pk PRIMARY KEY (run_id) USING INDEX TABLESPACE BACKUP_METADATA,",
        "MAXSIZE UNLIMITED",
    ] {
        assert!(with_user.contains(part), "{part}");
    }
}

/// The text of one PL/SQL unit of the script, from its CREATE to its lone `/`.
fn unit<'a>(ddl: &'a str, create: &str) -> &'a str {
    let start = ddl
        .find(create)
        .unwrap_or_else(|| panic!("{create} is missing"));
    let end = ddl[start..].find("\n/\n").map_or(ddl.len(), |e| start + e);
    &ddl[start..end]
}

#[test]
fn oracle_keeps_the_same_summary_tables_within_its_rules() {
    let ddl = printed();
    // The same tables as SQLite and PostgreSQL, so that status, check, the report and prune read
    // one way everywhere.
    for table in ["CREATE TABLE run_latest (", "CREATE TABLE run_tally ("] {
        assert!(ddl.contains(table), "{table}");
    }
    let trigger = unit(&ddl, "CREATE OR REPLACE TRIGGER run_summary_keep");
    assert!(trigger.contains("COMPOUND TRIGGER"), "{trigger}");
    // A row trigger may not read the table it fires on (ORA-04091): the row part reads only
    // run_latest, and `run` is read again at AFTER STATEMENT (through run_latest_refresh).
    let row_part = &trigger
        [trigger.find("AFTER EACH ROW IS").unwrap()..trigger.find("END AFTER EACH ROW").unwrap()];
    assert!(
        !row_part.to_ascii_uppercase().contains("FROM RUN ")
            && !row_part.contains("run_latest_refresh"),
        "{row_part}"
    );
    let statement_part = &trigger[trigger.find("AFTER STATEMENT IS").unwrap()..];
    assert!(
        statement_part.contains("run_latest_refresh"),
        "{statement_part}"
    );
    // No MERGE (not an atomic upsert in Oracle): every insert of a summary row falls back to
    // the update when a concurrent session inserted it first.
    for name in [
        "CREATE OR REPLACE PROCEDURE run_latest_forward",
        "CREATE OR REPLACE PROCEDURE run_tally_add",
    ] {
        let body = unit(&ddl, name);
        assert!(!body.to_ascii_uppercase().contains("MERGE"), "{body}");
        assert!(body.contains("WHEN DUP_VAL_ON_INDEX THEN"), "{body}");
    }
    // The fill of the rows already kept may run again after a failure without doubling them.
    for fill in [
        "\nINSERT INTO run_tally (node, status, n)\nSELECT",
        "\nINSERT INTO run_latest (node",
    ] {
        let at = ddl.find(fill).unwrap();
        let stmt = &ddl[at..at + ddl[at..].find(";\n").unwrap()];
        assert!(stmt.contains("NOT EXISTS (SELECT 1 FROM run_"), "{stmt}");
    }
}

#[test]
fn the_guards_catch_each_trap() {
    let bad = "\
CREATE TABLE t (
    id    VARCHAR2(40) NOT NULL,
    at    TIMESTAMP WITH TIME ZONE NOT NULL,
    size  NUMBER(10),
    CONSTRAINT t_uk UNIQUE (id, at)
);
CREATE INDEX t_idx ON t (id) WHERE size > 0;
CREATE INDEX a_very_long_index_name_beyond_thirty_bytes ON t (id);
CREATE OR REPLACE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;
/
";
    let found = traps(bad).join("\n");
    for expected in [
        "does not stop at the first error",
        "T.AT: TIMESTAMP WITH TIME ZONE in a UNIQUE constraint",
        "VARCHAR2(40) counts bytes",
        "a partial index",
        "is over 30 bytes",
        "SIZE is an Oracle reserved word",
        "1 PL/SQL blocks but 0 SHOW ERRORS",
    ] {
        assert!(found.contains(expected), "{expected}:\n{found}");
    }
}

/// `node grant` on an Oracle master: the same traps avoided, a trigger and the user's rights on
/// every table a push writes, the login user (not the definer) checked.
#[cfg(feature = "oracle")]
#[test]
fn the_printed_oracle_node_grant_avoids_oracles_documented_traps() {
    let sql = Env::new().ok(&[
        "--store",
        "oracle://backupctl@db1/XE",
        "--role",
        "bctl_db01",
        "node",
        "grant",
        "db01",
        "--print",
    ]);
    let found = traps(&sql);
    assert!(found.is_empty(), "{}", found.join("\n"));
    for table in [
        "node",
        "connection",
        "strategy",
        "strategy_line",
        "frequency",
        "run",
        "log",
        "error",
        "removal",
        "run_latest",
        "run_tally",
    ] {
        let trigger = format!("backupctl_grant_{table}");
        assert!(trigger.len() <= 30, "{trigger}");
        assert!(
            sql.contains(&format!(
                "CREATE OR REPLACE TRIGGER {trigger}\nBEFORE INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW"
            )),
            "{table}: {sql}"
        );
        assert!(
            sql.contains(&format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO BCTL_DB01;"
            )),
            "{table}"
        );
    }
    assert!(
        sql.contains("SYS_CONTEXT('USERENV', 'SESSION_USER')") && !sql.contains("CURRENT_USER")
    );
    assert!(sql.contains("SELECT 'BCTL_DB01' AS role_name, 'db01' AS node FROM dual"));
    // What backupctl runs: every unit a statement of its own, as SQL*Plus splits them.
    let script = sql
        .replace("SHOW ERRORS\n", "")
        .replace("WHENEVER SQLERROR EXIT FAILURE\n", "")
        .replace("COMMIT;\n", "");
    let run: Vec<String> = backupctl::store::oracle::split_statements(&script);
    assert_eq!(run.len(), 1 + 1 + 11 * 2 + 2 + 1, "{run:#?}");
    assert!(run.iter().all(|s| !s.trim_start().starts_with('/')));
    // A name Oracle would need quoted is refused.
    let env = Env::new();
    let err = env.fails(
        3,
        &[
            "--store",
            "oracle://backupctl@db1/XE",
            "--role",
            "bctl-db01",
            "node",
            "grant",
            "db01",
            "--print",
        ],
    );
    assert!(err.contains("expected an Oracle user name"), "{err}");
}
