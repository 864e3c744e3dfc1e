//! `connection test ID`: start RMAN against a connection with only the connect and `EXIT;`, as a
//! backup would (command file, environment, credential), and report what RMAN said. Nothing is
//! recorded in the store.

use serde::Serialize;

use crate::cli::{ConnectionCommand, ConnectionTestArgs};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::executor::outcome::Status;
use crate::executor::{self, CommandFile, Finished};
use crate::output::print_json;
use crate::runner::rman_for;
use crate::tick::{settings, TickEnv};
use crate::units::{check_id, new_id};

/// How long a connect may take before the test gives up on it.
const TEST_TIMEOUT_SECS: u64 = 120;

pub fn run(ctx: &Ctx, cmd: &ConnectionCommand) -> anyhow::Result<u8> {
    match cmd {
        ConnectionCommand::Test(a) => test(ctx, a),
    }
}

#[derive(Serialize)]
struct Tested<'a> {
    connection: &'a str,
    status: &'a str,
    exit_code: Option<i64>,
    codes: &'a [String],
    message: &'a str,
    warnings: &'a [String],
    rman: String,
}

fn test(ctx: &Ctx, args: &ConnectionTestArgs) -> anyhow::Result<u8> {
    check_id("connection", &args.id)?;
    let node = &ctx.profile.node;
    let mut store = ctx.open_existing_store()?;
    let Some(conn) = store.connection(node, &args.id)? else {
        return Err(invalid(format!(
            "unknown connection \"{}\" on node {node}",
            args.id
        )));
    };
    let env = TickEnv::this_host(chrono::Duration::zero());
    let settings = settings(&ctx.profile, &env, store.credential_vars()?);
    drop(store);
    let var = |k: &str| std::env::var(k).ok();
    let rman = rman_for(&conn, &settings.rman);
    let finished = match &rman {
        Err(msg) => Finished::not_started(msg.clone(), chrono::Utc::now()),
        Ok(rman) => match executor::invocation(&conn, &[], rman, &var) {
            Err(msg) => Finished::not_started(msg, chrono::Utc::now()),
            Ok(mut inv) => {
                inv.env_remove.extend(settings.scrub.iter().cloned());
                let id = new_id("test-", chrono::Utc::now());
                match CommandFile::write(&settings.cmdfile_dir, &id, &inv.script) {
                    Err(e) => Finished::not_started(
                        format!(
                            "cannot write the command file in {}: {e}",
                            settings.cmdfile_dir.display()
                        ),
                        chrono::Utc::now(),
                    ),
                    Ok(file) => executor::execute(
                        rman,
                        &inv,
                        file.path(),
                        TEST_TIMEOUT_SECS,
                        settings.log_limit,
                    ),
                }
            }
        },
    };
    let ok = finished.outcome.status == Status::Succeeded;
    let rman_text = match &rman {
        Ok(p) => p.display().to_string(),
        Err(_) => "-".into(),
    };
    if args.json {
        print_json(&Tested {
            connection: &conn.conn_id,
            status: if ok { "connected" } else { "failed" },
            exit_code: finished.exit_code,
            codes: &finished.outcome.codes,
            message: &finished.outcome.message,
            warnings: &finished.outcome.warnings,
            rman: rman_text,
        })?;
    } else if ok {
        if !ctx.quiet {
            println!(
                "connection {}: connected with {} ({})",
                conn.conn_id, rman_text, conn.credential
            );
        }
    } else {
        println!(
            "connection {}: failed: {}",
            conn.conn_id, finished.outcome.message
        );
        ctx.note(&finished.log);
    }
    Ok(if ok { exit::OK } else { exit::BACKUP_FAILED })
}
