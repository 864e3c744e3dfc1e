//! `install-schema`: create or upgrade the schema, or print the DDL for a DBA to run.

use crate::cli::InstallSchemaArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::store::{self, migrations, Dialect};

pub fn run(ctx: &Ctx, args: &InstallSchemaArgs) -> anyhow::Result<u8> {
    let store_dialect = ctx.profile.store.dialect();
    let dialect = args.dialect.unwrap_or(store_dialect);
    if args.tablespace.is_some() && dialect != Dialect::Oracle {
        return Err(invalid(format!(
            "--tablespace and --datafile apply to the oracle dialect, not {dialect}: add --dialect oracle"
        )));
    }
    if args.print {
        print!(
            "{}",
            ddl(
                dialect,
                args.tablespace.as_deref(),
                args.datafile.as_deref()
            )?
        );
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
            out.push_str(&format!(
                "\nCREATE TABLESPACE {ts}\n  DATAFILE '{file}' SIZE 50M\n  AUTOEXTEND ON NEXT 10M MAXSIZE 2G;\n"
            ));
            format!(" TABLESPACE {ts}")
        }
        _ => String::new(),
    };
    let version_table = match dialect {
        Dialect::Sqlite => "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);",
        Dialect::Postgres => "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL);",
        Dialect::Oracle => "CREATE TABLE schema_version (version NUMBER(10) NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)/*TABLESPACE*/;",
    };
    out.push('\n');
    out.push_str(version_table);
    out.push('\n');
    for (version, sql) in migrations(dialect) {
        out.push('\n');
        out.push_str(sql);
        let now = match dialect {
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now')",
            Dialect::Postgres | Dialect::Oracle => "CURRENT_TIMESTAMP",
        };
        out.push_str(&format!(
            "\nINSERT INTO schema_version (version, applied_at) VALUES ({version}, {now});\n"
        ));
    }
    if dialect == Dialect::Oracle {
        out.push_str("COMMIT;\n");
        // For SQL*Plus: stop at the first failed statement, so that no version is stamped over a
        // half-made schema, and show the compile errors of each PL/SQL block.
        out = format!(
            "WHENEVER SQLERROR EXIT SQL.SQLCODE\n{}",
            out.replace("\n/\n", "\n/\nSHOW ERRORS\n")
        );
    }
    Ok(out.replace("/*TABLESPACE*/", &ts_clause))
}
