//! One module per subcommand; this one dispatches and holds what they share.

mod add_connection;
mod add_strategy;
mod check;
mod completions;
mod connection;
mod connection_edit;
mod errors;
mod install_schema;
mod logs;
mod node;
mod prune;
pub(crate) mod push_logs;
mod report;
mod run;
mod run_due;
mod schedule;
pub(crate) mod schedule_install;
mod status;
mod strategy;
mod strategy_edit;

use std::sync::Arc;

use crate::cli::{Cli, Command};
use crate::clock::{Clock, SystemClock};
use crate::error::exit;
use crate::profile::{Overrides, Profile};
use crate::store::{self, Store};

/// What every command gets: the resolved profile and the output switches.
pub struct Ctx {
    /// Where the command reads the time: the wall clock in the binary.
    pub clock: Arc<dyn Clock>,
    pub profile: Profile,
    /// What the command line (or its environment variables) set, to repeat in scheduler entries.
    pub overrides: Overrides,
    pub quiet: bool,
    pub verbose: bool,
}

impl Ctx {
    /// This context looking at `node`'s definitions instead of this node's (`--node` on the
    /// listings: on a master, whose store holds every node's). Only for commands that read.
    pub fn viewing(&self, node: Option<&str>) -> anyhow::Result<Ctx> {
        let Some(n) = node.filter(|n| *n != self.profile.node) else {
            return Ok(self.as_node(None));
        };
        crate::units::check_node(n)?;
        // Its schedules are in its own time zone, as it recorded it.
        let mut store = self.open_existing_store()?;
        let record = store.nodes()?.into_iter().find(|r| r.node == n);
        let Some(record) = record else {
            return Err(crate::error::invalid(format!(
                "unknown node \"{n}\" in store {}: a node is known once it has pushed (on a master) or ticked",
                self.profile.store
            )));
        };
        Ok(self.as_node(Some(&record)))
    }

    /// This context as the node of `record` (its name and time zone), or as itself.
    fn as_node(&self, record: Option<&crate::store::sync::NodeRecord>) -> Ctx {
        let mut profile = self.profile.clone();
        if let Some(r) = record {
            profile.node = r.node.clone();
            if let Ok(tz) = r.timezone.parse() {
                profile.timezone = tz;
            }
        }
        Ctx {
            clock: Arc::clone(&self.clock),
            profile,
            overrides: self.overrides.clone(),
            quiet: self.quiet,
            verbose: self.verbose,
        }
    }

    /// The nodes a definition listing shows: this one, `--node NODE`, or with `--all-nodes` every
    /// node the store knows (this one first), each with its own time zone.
    pub fn views(&self, node: Option<&str>, all: bool) -> anyhow::Result<Vec<Ctx>> {
        if !all {
            return Ok(vec![self.viewing(node)?]);
        }
        let mut records = self.open_existing_store()?.nodes()?;
        records.retain(|r| r.node != self.profile.node);
        records.sort_by(|a, b| a.node.cmp(&b.node));
        let others = records.iter().map(|r| self.as_node(Some(r)));
        Ok(std::iter::once(self.as_node(None)).chain(others).collect())
    }

    /// `show ID --all-nodes`: what `find` finds of `id` (a `what`) on each node viewed, in order,
    /// printed one node after another under its name, or as one JSON array; found on no node, an
    /// error pointing at the listing.
    pub fn show_on_every_node<T: serde::Serialize>(
        &self,
        views: &[Ctx],
        (what, id): (&str, &str),
        json: bool,
        mut find: impl FnMut(&Ctx) -> anyhow::Result<Option<T>>,
        print: impl Fn(&Ctx, &T),
    ) -> anyhow::Result<u8> {
        let mut found = Vec::new();
        for v in views {
            if let Some(shown) = find(v)? {
                found.push((v, shown));
            }
        }
        if found.is_empty() {
            return Err(crate::error::invalid(format!(
                "unknown {what} \"{id}\" on every node of store {}: see backupctl {what} list --all-nodes",
                self.profile.store
            )));
        }
        if json {
            crate::output::print_json(&found.iter().map(|(_, s)| s).collect::<Vec<_>>())?;
            return Ok(exit::OK);
        }
        for (i, (v, shown)) in found.iter().enumerate() {
            if i > 0 {
                println!();
            }
            println!("node {}:", v.profile.node);
            print(v, shown);
        }
        Ok(exit::OK)
    }

    /// Open the profile's store (the embedded one is created on first use).
    pub fn open_store(&self) -> anyhow::Result<Store> {
        self.note(&format!("store: {}", self.profile.store));
        store::open_within(
            &self.profile.store,
            store::Which::Store,
            Some(self.store_timeout()),
        )
    }

    /// Open the profile's store, which must exist already (see [`store::open_existing`]).
    pub fn open_existing_store(&self) -> anyhow::Result<Store> {
        self.note(&format!("store: {}", self.profile.store));
        store::open_existing(&self.profile.store, self.store_timeout())
    }

    fn store_timeout(&self) -> std::time::Duration {
        self.profile.store_timeout
    }

    /// `strategy S disabled`, or `… was already disabled` (which is not an error).
    pub fn say_switched(&self, what: &str, id: &str, alive: bool, changed: bool) {
        let state = if alive { "enabled" } else { "disabled" };
        self.say(&if changed {
            format!("{what} {id} {state}")
        } else {
            format!("{what} {id} was already {state}")
        });
    }

    /// A diagnostic on stderr with --verbose.
    pub fn note(&self, msg: &str) {
        if self.verbose {
            eprintln!("backupctl: {msg}");
        }
    }

    /// A confirmation on stderr unless --quiet; stdout stays for results.
    pub fn say(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }
}

/// `backupctl logs | head`: a listing whose reader went away just ends, as `ls` does, instead
/// of failing on the write. Only for commands that list: a tick must outlive its reader.
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Run a parsed command line on the wall clock; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    run_with(cli, Arc::new(SystemClock))
}

/// Run a parsed command line reading the time from `clock`; returns the exit code.
pub fn run_with(cli: Cli, clock: Arc<dyn Clock>) -> anyhow::Result<u8> {
    // Completions need no profile and no store.
    if let Command::Completions(args) = &cli.command {
        end_quietly_on_a_closed_pipe();
        completions::run(args)?;
        return Ok(exit::OK);
    }
    // `--role` is this node's role, except for `node grant`, where it names the database role.
    let grant = matches!(
        &cli.command,
        Command::Node(crate::cli::NodeCommand::Grant(_))
    );
    let role = match &cli.global.role {
        Some(r) if !grant => Some(crate::profile::Role::parse("--role", r)?),
        _ => None,
    };
    let over = Overrides {
        profile: cli.global.profile.clone(),
        store: cli.global.store.clone(),
        rman: cli.global.rman.clone(),
        role,
    };
    if cli.command.only_lists() {
        end_quietly_on_a_closed_pipe();
    }
    let profile = match Profile::load(&over) {
        Ok(p) => p,
        // A monitoring check must answer in its own terms even without a profile.
        Err(e) => match &cli.command {
            Command::Status(a) => match status::cannot_read(a, &e)? {
                Some(code) => return Ok(code),
                None => return Err(e),
            },
            _ => return Err(e),
        },
    };
    let ctx = Ctx {
        clock,
        profile,
        overrides: over,
        quiet: cli.global.quiet,
        verbose: cli.global.verbose,
    };
    if let Some(src) = &ctx.profile.source {
        ctx.note(&format!("profile: {}", src.display()));
    }
    ctx.note(&format!(
        "node {} ({:?}), time zone {}",
        ctx.profile.node, ctx.profile.role, ctx.profile.timezone
    ));
    match cli.command {
        Command::InstallSchema(a) => install_schema::run(&ctx, &a),
        Command::AddConnection(a) => add_connection::run(&ctx, &a),
        Command::AddStrategy(a) => add_strategy::run(&ctx, &a),
        Command::RunDue(a) => run_due::run(&ctx, &a),
        Command::Run(a) => run::run(&ctx, &a),
        Command::PushLogs(a) => push_logs::run(&ctx, &a),
        Command::Status(a) => status::run(&ctx, &a),
        Command::Report(a) => report::run(&ctx, &a),
        Command::Prune(a) => prune::run(&ctx, &a),
        Command::Schedule(c) => schedule::run(&ctx, &c),
        Command::Logs(a) => logs::run(&ctx, &a),
        Command::Errors(a) => errors::run(&ctx, &a),
        Command::Node(c) => node::run(&ctx, &c, cli.global.role.as_deref()),
        Command::Connection(c) => connection::run(&ctx, &c),
        Command::Strategy(c) => strategy::run(&ctx, &c),
        Command::Check(a) => check::run(&ctx, &a),
        Command::Completions(_) => unreachable!("handled above"),
    }
}
