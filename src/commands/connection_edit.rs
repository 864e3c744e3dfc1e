//! `connection edit`: change a connection, each value checked as `add-connection` checks it.

use crate::cli::ConnectionEditArgs;
use crate::commands::add_connection::{
    check_host, check_instance, check_name, check_oracle_home, check_port, parse_catalog,
};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::store::{Connection, Credential};
use crate::units::check_id;

pub fn run(ctx: &Ctx, args: &ConnectionEditArgs) -> anyhow::Result<u8> {
    check_id("connection", &args.id)?;
    // Every value is checked before the store is opened: bad input writes nothing.
    let name = args.name.as_deref().map(check_name).transpose()?;
    let instance = args.instance.as_deref().map(check_instance).transpose()?;
    let host = args.host.as_deref().map(check_host).transpose()?;
    if let Some(p) = args.port {
        check_port(p)?;
    }
    let credential = args
        .credential
        .as_deref()
        .map(Credential::parse)
        .transpose()?;
    let oracle_home = match &args.oracle_home {
        None => None,
        Some(dir) if dir.as_os_str() == "none" => Some(None),
        Some(dir) => Some(Some(check_oracle_home(dir)?)),
    };
    let catalog = match args.catalog.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(text) => Some(Some(parse_catalog(text)?)),
    };
    let nothing = name.is_none()
        && instance.is_none()
        && host.is_none()
        && args.port.is_none()
        && credential.is_none()
        && args.privilege.is_none()
        && oracle_home.is_none()
        && catalog.is_none();
    if nothing {
        return Err(invalid(
            "nothing to change: give --name, --instance, --host, --port, --credential, --privilege, --oracle-home or --catalog",
        ));
    }
    let mut store = ctx.open_existing_store()?;
    let node = &ctx.profile.node;
    let old = crate::commands::connection::stored(&mut store, node, &args.id)?;
    let mut new = old.clone();
    if let Some(v) = name {
        new.conn_name = v;
    }
    if let Some(v) = instance {
        new.database_instance = v;
    }
    if let Some(v) = host {
        new.host = v;
    }
    if let Some(v) = args.port {
        new.port = v;
    }
    if let Some(v) = credential {
        new.credential = v;
    }
    if let Some(v) = args.privilege {
        new.privilege = v;
    }
    if let Some(v) = oracle_home {
        new.oracle_home = v;
    }
    if let Some(v) = catalog {
        new.catalog = v;
    }
    if new == old {
        ctx.say(&format!("connection {} unchanged", args.id));
        return Ok(exit::OK);
    }
    let moves_target = Connection {
        conn_name: old.conn_name.clone(),
        ..new.clone()
    } != old;
    store.update_connection(&new, moves_target)?;
    ctx.say(&format!("connection {} changed", args.id));
    Ok(exit::OK)
}
