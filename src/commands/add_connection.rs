//! `add-connection`: register a target database.

use chrono::Utc;

use crate::cli::AddConnectionArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::store::{Connection, Credential, IdRequest};
use crate::units::check_node;

pub fn run(ctx: &Ctx, args: &AddConnectionArgs) -> anyhow::Result<u8> {
    let node = args
        .node
        .clone()
        .unwrap_or_else(|| ctx.profile.node.clone());
    check_node(&node)?;
    if let Some(id) = &args.id {
        crate::units::check_id("connection", id)?;
    }
    let name = args.name.trim();
    if name.is_empty() || name.chars().count() > 70 {
        return Err(invalid(format!(
            "invalid --name \"{name}\": expected 1 to 70 characters"
        )));
    }
    let instance = args.instance.trim();
    let instance_ok = (1..=70).contains(&instance.len())
        && instance
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$' | b'#' | b'-'));
    if !instance_ok {
        return Err(invalid(format!(
            "invalid --instance \"{instance}\": expected a service or SID name such as ORCL or orclpdb1.example.com"
        )));
    }
    let host = args.host.trim();
    let host_ok = (1..=255).contains(&host.len())
        && host.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'[' | b']')
        });
    if !host_ok {
        return Err(invalid(format!(
            "invalid --host \"{host}\": expected a host name or IP address such as db1.example.com or 10.0.0.5"
        )));
    }
    if args.port == 0 {
        return Err(invalid("invalid --port 0: expected 1 to 65535"));
    }
    let credential = Credential::parse(&args.credential)?;
    let conn = Connection {
        node,
        conn_id: String::new(),
        conn_name: name.to_string(),
        database_instance: instance.to_string(),
        host: host.to_string(),
        port: args.port,
        credential,
        alive: true,
    };
    let mut store = ctx.open_store()?;
    let now = Utc::now();
    let id = match &args.id {
        Some(id) => IdRequest::Given(id),
        None => IdRequest::Next { prefix: "C_", now },
    };
    let id = store.add_connection(&conn, id, now)?;
    println!("{id}");
    Ok(exit::OK)
}
