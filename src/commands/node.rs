//! `node rename OLD NEW`: after a host rename, move this store's definitions and history to the
//! new node name; on a slave, the master's copy moves too.

use crate::cli::{NodeCommand, NodeRenameArgs};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::profile::Role;
use crate::store::{self, Which};
use crate::units::check_node;

pub fn run(ctx: &Ctx, cmd: &NodeCommand) -> anyhow::Result<u8> {
    match cmd {
        NodeCommand::Rename(a) => rename(ctx, a),
    }
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
