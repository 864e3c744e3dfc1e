//! `node rename OLD NEW`: after a host rename, move this store's definitions and history to the
//! new node name; on a slave, the master's copy moves too.

use crate::cli::{NodeCommand, NodeGrantArgs, NodeRenameArgs};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::profile::Role;
use crate::store::{self, Which};
use crate::units::check_node;

/// `role`: the global `--role`, which `node grant` reads as the database role.
pub fn run(ctx: &Ctx, cmd: &NodeCommand, role: Option<&str>) -> anyhow::Result<u8> {
    match cmd {
        NodeCommand::Rename(a) => rename(ctx, a),
        NodeCommand::List(a) => list(ctx, a.json),
        NodeCommand::Grant(a) => {
            let role = role.ok_or_else(|| {
                invalid(
                    "node grant needs --role ROLE: the database role the node's pushes log in as",
                )
            })?;
            grant(ctx, a, role)
        }
    }
}

/// A node as `node list` shows it.
#[derive(serde::Serialize)]
struct Listed {
    node: String,
    timezone: String,
    host: Option<String>,
    last_tick: Option<chrono::DateTime<chrono::Utc>>,
    last_push: Option<chrono::DateTime<chrono::Utc>>,
    /// `ok`, `silent` (not heard of within monitor_grace, as `status` judges) or `clock ahead`
    /// (its last tick is later than this host's clock).
    state: &'static str,
}

/// `node list`: every node the store knows (on a master, the fleet).
fn list(ctx: &Ctx, json: bool) -> anyhow::Result<u8> {
    let now = ctx.clock.now();
    let grace = super::status::silence_grace(ctx);
    let nodes = ctx.open_existing_store()?.nodes()?;
    let listed: Vec<Listed> = nodes
        .into_iter()
        .map(|n| {
            let heard = super::status::last_heard(&n, &ctx.profile.node);
            let state = match (n.last_tick, heard) {
                (Some(t), _) if t > now + chrono::Duration::minutes(1) => "clock ahead",
                (_, Some(h)) if now - h <= grace => "ok",
                _ => "silent",
            };
            // This node writes the store itself: it has no push.
            let mine = n.node == ctx.profile.node;
            Listed {
                last_push: if mine { None } else { n.last_seen },
                node: n.node,
                timezone: n.timezone,
                host: n.host,
                last_tick: n.last_tick,
                state,
            }
        })
        .collect();
    if json {
        crate::output::print_json(&listed)?;
        return Ok(exit::OK);
    }
    let tz = ctx.profile.timezone;
    let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
        crate::output::or_dash(t.map(|t| crate::units::local_minute(t, tz)))
    };
    let rows = listed
        .iter()
        .map(|l| {
            vec![
                l.node.clone(),
                l.timezone.clone(),
                crate::output::or_dash(l.host.as_ref()),
                at(l.last_tick),
                at(l.last_push),
                l.state.to_string(),
            ]
        })
        .collect();
    crate::output::print_table(
        &[
            "node",
            "time zone",
            "host",
            "last tick",
            "last push",
            "state",
        ],
        rows,
    );
    Ok(exit::OK)
}

/// The tables a node's push writes, each with its `node` column (the summaries too: the triggers
/// that keep them run as the pushing role).
const PUSHED: [&str; 11] = [
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
];

/// `node grant NODE --role ROLE`: on a PostgreSQL master, ROLE may read every row and write only
/// NODE's (row-level security, PostgreSQL "Row Security Policies"): a compromised host cannot
/// rewrite, delete or hide another host's history, and its push under another node's name is
/// refused row by row (and set aside on the slave). A role with no grant keeps writing every node's
/// rows, as before, so that a fleet moves to one role per node at its own pace; the table owner
/// (the master itself) is never restricted.
///
/// On an Oracle master the same rule is kept by a row trigger on each of those tables and a
/// definer's-rights procedure (no Enterprise Edition feature: Virtual Private Database is one).
/// ROLE is then an Oracle user, which names the master's schema in its URL (`?schema=OWNER`).
fn grant(ctx: &Ctx, args: &NodeGrantArgs, role: &str) -> anyhow::Result<u8> {
    check_node(&args.node)?;
    let dialect = ctx.profile.store.dialect();
    let sql = if dialect == store::Dialect::Oracle {
        if !store::oracle_name(role) {
            return Err(invalid(format!(
                "invalid --role \"{role}\": expected an Oracle user name of 1 to 128 characters from letters, digits, _ $ #, starting with a letter"
            )));
        }
        grant_sql_oracle(&args.node, &role.to_ascii_uppercase())
    } else {
        if !is_role_name(role) {
            return Err(invalid(format!(
                "invalid --role \"{role}\": expected a PostgreSQL role name of 1 to 63 characters from a-z, 0-9 and _, starting with a letter"
            )));
        }
        grant_sql(&args.node, role)
    };
    if args.print {
        // For SQL*Plus: each PL/SQL unit's compile errors shown where it is made (backupctl
        // itself reads them from USER_ERRORS).
        if dialect == store::Dialect::Oracle {
            print!(
                "WHENEVER SQLERROR EXIT FAILURE\n{}COMMIT;\n",
                store::dialect::show_errors(&sql)
            );
        } else {
            print!("{sql}");
        }
        return Ok(exit::OK);
    }
    if dialect == store::Dialect::Sqlite {
        return Err(invalid(format!(
            "node grant needs a PostgreSQL or Oracle master store, not {}: a node's pushes write to the master (on another store, --print the SQL for PostgreSQL)",
            ctx.profile.store
        )));
    }
    let mut master = ctx.open_existing_store()?;
    master.grant_node(&sql)?;
    ctx.say(&format!(
        "role {role} may now write only node {}'s rows in {}",
        args.node, ctx.profile.store
    ));
    Ok(exit::OK)
}

/// A role name used unquoted and as a literal: lower case, digits and `_`.
fn is_role_name(name: &str) -> bool {
    (1..=63).contains(&name.len())
        && name.as_bytes()[0].is_ascii_lowercase()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The SQL of a grant, idempotent: the grants table and rule (once), the role's rights, its row.
fn grant_sql(node: &str, role: &str) -> String {
    let mut sql = String::from(
        "-- backupctl node grant: row-level security on the tables a node's push writes.\n\
         CREATE TABLE IF NOT EXISTS node_grant (\n    role_name VARCHAR(63) NOT NULL,\n    node      VARCHAR(64) NOT NULL,\n    CONSTRAINT node_grant_pk PRIMARY KEY (role_name, node)\n);\n\
         -- A role with grants writes only its nodes' rows; one with none, every row (as before).\n\
         CREATE OR REPLACE FUNCTION backupctl_may_write(row_node TEXT) RETURNS BOOLEAN\n\
         LANGUAGE sql STABLE AS $$\n\
             SELECT NOT EXISTS (SELECT 1 FROM node_grant WHERE role_name = current_user)\n\
                 OR EXISTS (SELECT 1 FROM node_grant WHERE role_name = current_user AND node = row_node)\n\
         $$;\n\
         DO $$\nBEGIN\n    EXECUTE format('ALTER FUNCTION backupctl_may_write(TEXT) SET search_path = %I, pg_temp', current_schema());\nEND\n$$;\n",
    );
    for t in PUSHED {
        sql.push_str(&format!(
            "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;\n\
             DROP POLICY IF EXISTS backupctl_read ON {t};\n\
             CREATE POLICY backupctl_read ON {t} FOR SELECT USING (true);\n\
             DROP POLICY IF EXISTS backupctl_write ON {t};\n\
             CREATE POLICY backupctl_write ON {t} FOR ALL USING (backupctl_may_write(node)) WITH CHECK (backupctl_may_write(node));\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {role};\n"
        ));
    }
    sql.push_str(&format!(
        "GRANT SELECT ON node_grant, schema_version TO {role};\n\
         DO $$\nBEGIN\n    EXECUTE format('GRANT USAGE ON SCHEMA %I TO {role}', current_schema());\nEND\n$$;\n\
         INSERT INTO node_grant (role_name, node) VALUES ('{role}', '{node}') ON CONFLICT DO NOTHING;\n"
    ));
    sql
}

/// The Oracle SQL of a grant, as SQL*Plus takes it (PL/SQL units end with `/`), each statement
/// safe to run again (the table made unless it exists: ORA-00955): the grants table, the check, a row trigger on each pushed table, the user's
/// rights, its row.
///
/// The check runs with its owner's rights (AUTHID DEFINER) and asks who logged in:
/// SYS_CONTEXT('USERENV', 'SESSION_USER'), which a definer's-rights unit leaves as it is (unlike
/// CURRENT_USER; PL/SQL Language Reference, "Invoker's Rights and Definer's Rights"). It reads
/// node_grant only, never the table the trigger fires on (no ORA-04091, "Mutating-Table
/// Restriction"), and refuses with ORA-20042 (RAISE_APPLICATION_ERROR takes -20000 to -20999).
/// The summaries' own trigger writes run_latest and run_tally in the pushing session: their rows
/// are checked the same way.
pub fn grant_sql_oracle(node: &str, user: &str) -> String {
    let mut sql = String::from(
        "-- backupctl node grant (Oracle): a row trigger on each table a node's push writes.\n\
         DECLARE\n\
         \x20   made_before EXCEPTION;\n\
         \x20   PRAGMA EXCEPTION_INIT(made_before, -955);\n\
         BEGIN\n\
         \x20   EXECUTE IMMEDIATE 'CREATE TABLE node_grant (\n\
         \x20       role_name VARCHAR2(128 CHAR) NOT NULL,\n\
         \x20       node      VARCHAR2(64 CHAR)  NOT NULL,\n\
         \x20       CONSTRAINT node_grant_pk PRIMARY KEY (role_name, node))';\n\
         EXCEPTION\n\
         \x20   WHEN made_before THEN NULL;\n\
         END;\n/\n\
         -- A user with grants writes only its nodes' rows; one with none, every row (as before).\n\
         CREATE OR REPLACE PROCEDURE backupctl_may_write(row_node IN VARCHAR2) AUTHID DEFINER AS\n\
         \x20   who     VARCHAR2(128 CHAR) := SYS_CONTEXT('USERENV', 'SESSION_USER');\n\
         \x20   granted NUMBER;\n\
         \x20   mine    NUMBER;\n\
         BEGIN\n\
         \x20   SELECT COUNT(*), COUNT(CASE WHEN node = row_node THEN 1 END) INTO granted, mine\n\
         \x20     FROM node_grant WHERE role_name = who;\n\
         \x20   IF granted > 0 AND mine = 0 THEN\n\
         \x20       RAISE_APPLICATION_ERROR(-20042, 'backupctl node grant: user ' || who || ' may not write the rows of node ' || row_node);\n\
         \x20   END IF;\n\
         END;\n/\n",
    );
    for t in PUSHED {
        sql.push_str(&format!(
            "CREATE OR REPLACE TRIGGER backupctl_grant_{t}\n\
             BEFORE INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW\n\
             BEGIN\n\
             \x20   IF INSERTING OR UPDATING THEN backupctl_may_write(:NEW.node); END IF;\n\
             \x20   IF UPDATING OR DELETING THEN backupctl_may_write(:OLD.node); END IF;\n\
             END;\n/\n\
             GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {user};\n"
        ));
    }
    sql.push_str(&format!(
        "GRANT SELECT ON node_grant TO {user};\n\
         GRANT SELECT ON schema_version TO {user};\n\
         MERGE INTO node_grant g USING (SELECT '{user}' AS role_name, '{node}' AS node FROM dual) s\n\
         \x20   ON (g.role_name = s.role_name AND g.node = s.node)\n\
         \x20   WHEN NOT MATCHED THEN INSERT (role_name, node) VALUES (s.role_name, s.node);\n"
    ));
    sql
}

fn rename(ctx: &Ctx, args: &NodeRenameArgs) -> anyhow::Result<u8> {
    check_node(&args.old)?;
    check_node(&args.new)?;
    if args.old == args.new {
        return Err(invalid(format!(
            "node rename {0} {0}: OLD and NEW are the same name",
            args.old
        )));
    }
    let mut store = ctx.open_existing_store()?;
    let moved = store.rename_node(&args.old, &args.new, ctx.clock.now())?;
    ctx.say(&format!(
        "moved {} connections, {} strategies and {} runs from node {} to {}",
        moved.connections, moved.strategies, moved.runs, args.old, args.new
    ));
    if args.new != ctx.profile.node {
        eprintln!(
            "warning: this host runs as node {}, not {}: set node = \"{}\" in the profile for these definitions to run here",
            ctx.profile.node, args.new, args.new
        );
    }
    if ctx.profile.role != Role::Slave {
        return Ok(exit::OK);
    }
    // The master keeps the node's history too: move it there in the same way, so that the next
    // push (which sends everything again under the new name) finds it in place.
    let Some(master) = &ctx.profile.master else {
        return Ok(exit::OK);
    };
    let timeout = ctx.profile.master_timeout;
    let on_master = store::open_within(master, Which::Master, Some(timeout))
        .and_then(|mut m| m.rename_node(&args.old, &args.new, ctx.clock.now()));
    match on_master {
        Ok(m) => ctx.say(&format!(
            "on the master {master}: moved {} connections, {} strategies and {} runs",
            m.connections, m.strategies, m.runs
        )),
        Err(e) => eprintln!(
            "warning: the master {master} still holds node {} ({}); run this command again when it answers",
            args.old,
            crate::error::one_line(&e)
        ),
    }
    Ok(exit::OK)
}
