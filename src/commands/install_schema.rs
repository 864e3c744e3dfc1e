//! `install-schema`: create or upgrade the schema, or print the DDL for a DBA to run.

use crate::cli::InstallSchemaArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::store::dialect::ORACLE_SCRIPT_HEAD;
use crate::store::{self, Dialect};

pub fn run(ctx: &Ctx, args: &InstallSchemaArgs) -> anyhow::Result<u8> {
    let store_dialect = ctx.profile.store.dialect();
    let dialect = args.dialect.unwrap_or(store_dialect);
    if (args.tablespace.is_some() || args.user.is_some()) && !dialect.sql().has_tablespaces() {
        return Err(invalid(format!(
            "--tablespace, --datafile and --user apply to the oracle dialect, not {dialect}: add --dialect oracle"
        )));
    }
    if args.print {
        let mut out = ddl(
            dialect,
            args.tablespace.as_deref(),
            args.datafile.as_deref(),
        )?;
        if let Some(user) = &args.user {
            out = with_user(&out, user, args.tablespace.as_deref())?;
        }
        print!("{out}");
        return Ok(exit::OK);
    }
    if dialect != store_dialect {
        return Err(invalid(format!(
            "--dialect {dialect} does not match the store {} ({store_dialect}): use --print to write {dialect} DDL",
            ctx.profile.store
        )));
    }
    if args.tablespace.is_some() {
        return Err(invalid(
            "--tablespace is applied by a DBA: use install-schema --print --dialect oracle --tablespace NAME --datafile PATH",
        ));
    }
    let mut store = store::open_raw(&ctx.profile.store)?;
    let (before, after) = store.install_schema()?;
    if before == after {
        ctx.say(&format!(
            "schema of {} is up to date (version {after})",
            store.describe()
        ));
    } else {
        ctx.say(&format!(
            "schema of {} upgraded from version {before} to {after}",
            store.describe()
        ));
    }
    Ok(exit::OK)
}

/// The whole DDL of a dialect, with the version bookkeeping, ready for a SQL client.
pub fn ddl(
    dialect: Dialect,
    tablespace: Option<&str>,
    datafile: Option<&str>,
) -> anyhow::Result<String> {
    let mut out = format!(
        "-- backupctl {} schema for {dialect}\n",
        env!("CARGO_PKG_VERSION")
    );
    let ts_clause = match (tablespace, datafile) {
        (Some(ts), Some(file)) => {
            let ok = crate::units::is_oracle_identifier(ts, 30);
            if !ok {
                return Err(invalid(format!(
                    "invalid tablespace name \"{ts}\": expected an Oracle identifier of up to 30 characters such as BACKUP_METADATA"
                )));
            }
            if file.is_empty() || file.contains('\'') {
                return Err(invalid(format!(
                    "invalid datafile \"{file}\": expected a file path without quotes"
                )));
            }
            // Run logs are CLOBs and grow with the history: no ceiling but the disk's.
            out.push_str(&format!(
                "\nCREATE TABLESPACE {ts}\n  DATAFILE '{file}' SIZE 100M\n  AUTOEXTEND ON NEXT 64M MAXSIZE UNLIMITED;\n"
            ));
            format!(" TABLESPACE {ts}")
        }
        _ => String::new(),
    };
    let sql = dialect.sql();
    out.push('\n');
    out.push_str(sql.schema_version_table());
    out.push_str(";\n");
    for (version, ddl) in sql.migrations() {
        out.push('\n');
        out.push_str(ddl);
        out.push_str(&format!(
            "\nINSERT INTO schema_version (version, applied_at) VALUES ({version}, {});\n",
            sql.now()
        ));
    }
    let out = sql.client_script(out, &ts_clause);
    Ok(out)
}

/// The Oracle script with the store's owner created first: the user (its password asked for by
/// SQL*Plus, never written in the file), its quota on the tablespace, the privileges the schema
/// needs (CREATE TRIGGER for the summary's trigger: SQL Language Reference, CREATE TRIGGER,
/// Prerequisites), and the session switched to its schema so that what follows is created there.
fn with_user(ddl: &str, user: &str, tablespace: Option<&str>) -> anyhow::Result<String> {
    if !crate::units::is_oracle_identifier(user, 30) {
        return Err(invalid(format!(
            "invalid --user \"{user}\": expected an Oracle identifier of up to 30 characters such as BACKUPCTL"
        )));
    }
    let ts = tablespace.unwrap_or("USERS");
    // SET VERIFY OFF: SQL*Plus would print the line that uses &backupctl_password before and
    // after the substitution, password included; SET ECHO OFF: nor echo the script's commands.
    let head = format!(
        "{ORACLE_SCRIPT_HEAD}\
         SET VERIFY OFF\n\
         SET ECHO OFF\n\
         ACCEPT backupctl_password CHAR PROMPT 'Password for {user}: ' HIDE\n"
    );
    let rest = ddl.strip_prefix(ORACLE_SCRIPT_HEAD).unwrap_or(ddl);
    // The tablespace, if the script makes one, must exist before the user's quota on it.
    let (tablespace_ddl, rest) = match rest.find("\nCREATE TABLESPACE") {
        Some(i) => {
            let end = rest[i..]
                .find(";\n")
                .map(|j| i + j + 2)
                .unwrap_or(rest.len());
            (&rest[i..end], format!("{}{}", &rest[..i], &rest[end..]))
        }
        None => ("", rest.to_string()),
    };
    Ok(format!(
        "{head}{tablespace_ddl}\n\
         CREATE USER {user} IDENTIFIED BY \"&backupctl_password\"\n  DEFAULT TABLESPACE {ts}\n  QUOTA UNLIMITED ON {ts};\n\
         GRANT CREATE SESSION, CREATE TABLE, CREATE PROCEDURE, CREATE TRIGGER TO {user};\n\
         ALTER SESSION SET CURRENT_SCHEMA = {user};\n{rest}"
    ))
}
