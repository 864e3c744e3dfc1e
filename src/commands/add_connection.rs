//! `add-connection`: register a target database.

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
    let name = check_name(&args.name)?;
    let instance = check_instance(&args.instance)?;
    let credential = Credential::parse(&args.credential)?;
    // Only a password connection names the host in its connect string; os and wallet ones find
    // their database through ORACLE_SID or the wallet's alias.
    let host = match (&args.host, &credential) {
        (Some(h), _) => check_host(h)?,
        (None, Credential::Env(_)) => {
            return Err(invalid(
                "missing --host: an env: credential connects to //host:port/service",
            ))
        }
        (None, _) => "localhost".to_string(),
    };
    check_port(args.port)?;
    let oracle_home = args
        .oracle_home
        .as_deref()
        .map(check_oracle_home)
        .transpose()?;
    let catalog = args.catalog.as_deref().map(parse_catalog).transpose()?;
    let conn = Connection {
        node,
        conn_id: String::new(),
        conn_name: name,
        database_instance: instance,
        host,
        port: args.port,
        credential,
        alive: true,
        privilege: args.privilege,
        oracle_home,
        catalog,
    };
    let mut store = ctx.open_store()?;
    let now = ctx.clock.now();
    let id = match &args.id {
        Some(id) => IdRequest::Given(id),
        None => IdRequest::Next { prefix: "C_", now },
    };
    let id = store.add_connection(&conn, id, now)?;
    println!("{id}");
    Ok(exit::OK)
}

/// A connection's name for people: 1 to 70 characters.
pub(crate) fn check_name(text: &str) -> anyhow::Result<String> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 70 {
        return Err(invalid(format!(
            "invalid --name \"{name}\": expected 1 to 70 characters"
        )));
    }
    Ok(name.to_string())
}

/// A service or SID name.
pub(crate) fn check_instance(text: &str) -> anyhow::Result<String> {
    let instance = text.trim();
    let ok = (1..=70).contains(&instance.len())
        && instance
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$' | b'#' | b'-'));
    if !ok {
        return Err(invalid(format!(
            "invalid --instance \"{instance}\": expected a service or SID name such as ORCL or orclpdb1.example.com"
        )));
    }
    Ok(instance.to_string())
}

/// A host name or IP address; an IPv6 address is stored without the brackets it may be given in
/// (`[fd00::5]` → `fd00::5`) and bracketed where a connect string needs them.
pub(crate) fn check_host(text: &str) -> anyhow::Result<String> {
    let host = text.trim();
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let ok = if bare.contains(':') {
        bare.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        (1..=255).contains(&bare.len())
            && bare
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if !ok {
        return Err(invalid(format!(
            "invalid --host \"{host}\": expected a host name or IP address such as db1.example.com, 10.0.0.5 or fd00::5"
        )));
    }
    Ok(bare.to_string())
}

pub(crate) fn check_port(port: u16) -> anyhow::Result<()> {
    if port == 0 {
        return Err(invalid("invalid --port 0: expected 1 to 65535"));
    }
    Ok(())
}

/// An Oracle home: an absolute path.
pub(crate) fn check_oracle_home(dir: &std::path::Path) -> anyhow::Result<String> {
    if !dir.is_absolute() {
        return Err(invalid(format!(
            "invalid --oracle-home {}: expected an absolute path such as /u01/app/oracle/product/19c/dbhome_1",
            dir.display()
        )));
    }
    Ok(dir.display().to_string())
}

/// A recovery catalog: `wallet:ALIAS`; the alias is returned.
pub(crate) fn parse_catalog(text: &str) -> anyhow::Result<String> {
    match Credential::parse(text) {
        Ok(Credential::Wallet(alias)) => Ok(alias),
        _ => Err(invalid(format!(
            "invalid --catalog \"{}\": expected wallet:ALIAS (a recovery catalog connects through an Oracle wallet)",
            text.split('/').next().unwrap_or_default()
        ))),
    }
}
