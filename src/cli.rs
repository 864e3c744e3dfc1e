//! The command line: clap structures only. Every field's `///` is its `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::store::{Dialect, Priority};

/// Manage and fulfil scheduled Oracle RMAN backups.
///
/// Strategies (ordered RMAN scripts bound to a database connection) and their frequencies live in a
/// metadata store. An OS scheduler calls `backupctl run-due` every minute; it starts whatever is due.
#[derive(Debug, Parser)]
#[command(
    name = "backupctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Valid before or after the subcommand; listed under their own heading in every `--help`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile (TOML) to read instead of <config dir>/backupctl/profile.toml
    #[arg(long, global = true, env = "BACKUPCTL_PROFILE", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub profile: Option<PathBuf>,
    /// Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service
    #[arg(
        long,
        global = true,
        env = "BACKUPCTL_STORE",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub store: Option<String>,
    /// The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)
    #[arg(long, global = true, env = "BACKUPCTL_RMAN", value_name = "PATH", value_hint = clap::ValueHint::ExecutablePath)]
    pub rman: Option<PathBuf>,
    /// This node's role in a fleet: standalone, master or slave (for node grant: the database role)
    #[arg(long, global = true, value_name = "ROLE")]
    pub role: Option<String>,
    /// Print only results and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what backupctl reads and decides, on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or upgrade the schema in the store, or print its DDL for a DBA
    #[command(
        after_help = "Examples:\n  backupctl install-schema\n  backupctl install-schema --print --dialect oracle \\\n      --tablespace BACKUP_METADATA --datafile /u02/oradata/ORCL/bkmeta01.dbf"
    )]
    InstallSchema(InstallSchemaArgs),
    /// Register a target database; prints its id
    #[command(
        after_help = "Example:\n  backupctl add-connection --name prod --instance ORCL \\\n      --host db1.example.com --credential wallet:PROD"
    )]
    AddConnection(AddConnectionArgs),
    /// Store an RMAN script for a connection; prints its id
    #[command(
        after_help = "Examples:\n  backupctl add-strategy --connection C_1509986176 --priority high \\\n      --template incremental:0 --template archivelog\n  backupctl add-strategy --connection C_1509986176 \\\n      --script weekly.rman --timeout 4h\n  backupctl add-strategy      (on a terminal: a wizard builds the script)"
    )]
    AddStrategy(AddStrategyArgs),
    /// The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)
    #[command(
        after_help = "Examples:\n  backupctl run-due\n  backupctl run-due --now '2026-11-23 12:35' --dry-run\n  * * * * * /usr/local/bin/backupctl run-due --quiet     (crontab)"
    )]
    RunDue(RunDueArgs),
    /// Run one strategy now
    #[command(after_help = "Example:\n  backupctl run EST_1509986176")]
    Run(RunArgs),
    /// Slave: send everything the master does not have yet
    #[command(after_help = "Example:\n  backupctl push-logs --json")]
    PushLogs(PushLogsArgs),
    /// Per node and strategy: last run, last success, failures and misses in 24 h, next due
    #[command(
        after_help = "Examples:\n  backupctl status\n  backupctl status --format nagios  (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)\n  backupctl status --format prometheus \\\n      --output /var/lib/node_exporter/textfile/backupctl.prom"
    )]
    Status(StatusArgs),
    /// A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures
    #[command(
        after_help = "Examples:\n  backupctl report --html /var/www/backups/index.html\n  backupctl report --html - --days 30 > fleet.html"
    )]
    Report(ReportArgs),
    /// Delete runs, logs and errors older than a duration (keeps each strategy's latest success)
    #[command(
        after_help = "Examples:\n  backupctl prune --older-than 90d --dry-run\n  backupctl prune --older-than 90d"
    )]
    Prune(PruneArgs),
    /// Add, list, remove and preview when strategies run
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// List runs, newest first; --run prints one run's whole log
    #[command(
        after_help = "Examples:\n  backupctl logs --status failed --since '2026-11-01 00:00'\n  backupctl logs --run 20261125T183500-1f2e3d4c"
    )]
    Logs(LogsArgs),
    /// List errors with their RMAN-/ORA- codes, newest first
    #[command(after_help = "Example:\n  backupctl errors --strategy EST_1509986180 --limit 5")]
    Errors(ErrorsArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  backupctl completions bash > /etc/bash_completion.d/backupctl"
    )]
    Completions(CompletionsArgs),
    /// Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age
    #[command(
        after_help = "Examples:\n  backupctl check\n  backupctl check --format nagios     (exit 0 OK, 1 WARNING, 2 CRITICAL)"
    )]
    Check(CheckArgs),
    /// Stored strategies
    #[command(
        subcommand,
        after_help = "Example:\n  backupctl strategy show EST_1764072001"
    )]
    Strategy(StrategyCommand),
    /// Registered connections
    #[command(
        subcommand,
        after_help = "Example:\n  backupctl connection test C_1764072000"
    )]
    Connection(ConnectionCommand),
    /// This node's name in the store
    #[command(
        subcommand,
        after_help = "Example:\n  backupctl node rename db-host-01 db-host-01.example.com"
    )]
    Node(NodeCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConnectionCommand {
    /// The connections of this node
    #[command(after_help = "Example:\n  backupctl connection list --json")]
    List(ConnectionListArgs),
    /// One connection, with its strategies and their last runs
    #[command(after_help = "Example:\n  backupctl connection show C_1764072000")]
    Show(ShowArgs),
    /// Stop every backup of a connection (alive = 0); the change reaches the master with the next push
    #[command(after_help = "Example:\n  backupctl connection disable C_1764072000")]
    Disable(IdArgs),
    /// Let a disabled connection's strategies run again
    #[command(after_help = "Example:\n  backupctl connection enable C_1764072000")]
    Enable(IdArgs),
    /// Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes
    #[command(after_help = "Example:\n  backupctl connection test C_1764072000")]
    Test(ConnectionTestArgs),
    /// Change a connection; the change reaches the master with the next push
    #[command(
        after_help = "Examples:\n  backupctl connection edit C_1764072000 --privilege sysbackup\n  backupctl connection edit C_1764072000 --catalog none"
    )]
    Edit(ConnectionEditArgs),
    /// Remove a connection no strategy uses; its history is kept unless --purge
    #[command(after_help = "Example:\n  backupctl connection remove C_1764072000")]
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct ConnectionEditArgs {
    /// Connection id
    pub id: String,
    /// A name for people
    #[arg(long)]
    pub name: Option<String>,
    /// Database instance / service name (ORACLE_SID for os credentials)
    #[arg(long, value_name = "SERVICE")]
    pub instance: Option<String>,
    /// Database host name or address
    #[arg(long)]
    pub host: Option<String>,
    /// Listener port
    #[arg(long)]
    pub port: Option<u16>,
    /// How RMAN authenticates: os, wallet:ALIAS or env:VAR
    #[arg(long, value_name = "CREDENTIAL", value_parser = Suggest(CREDENTIALS), hide_possible_values = true)]
    pub credential: Option<String>,
    /// The administrative privilege RMAN connects with
    #[arg(long, value_enum)]
    pub privilege: Option<crate::store::Privilege>,
    /// The Oracle home whose bin/rman runs this database's backups, or none for the default
    #[arg(long, value_name = "DIR|none", value_hint = clap::ValueHint::DirPath)]
    pub oracle_home: Option<PathBuf>,
    /// A recovery catalog as wallet:ALIAS, or none to stop connecting one
    #[arg(long, value_name = "wallet:ALIAS|none")]
    pub catalog: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The id
    pub id: String,
    /// Also delete the history: runs, logs and errors (here and, with the next push, on the master)
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Subcommand)]
pub enum StrategyCommand {
    /// The strategies of this node
    #[command(after_help = "Example:\n  backupctl strategy list --connection C_1764072000")]
    List(StrategyListArgs),
    /// One strategy: its numbered script, frequencies, next five occurrences and last runs
    #[command(after_help = "Example:\n  backupctl strategy show EST_1764072001 --json")]
    Show(ShowArgs),
    /// Stop a strategy from running (alive = 0); the change reaches the master with the next push
    #[command(after_help = "Example:\n  backupctl strategy disable EST_1764072001")]
    Disable(IdArgs),
    /// Let a disabled strategy run again
    #[command(after_help = "Example:\n  backupctl strategy enable EST_1764072001")]
    Enable(IdArgs),
    /// Change a strategy; a new script replaces the old one whole, validated as add-strategy does
    #[command(
        after_help = "Examples:\n  backupctl strategy edit EST_1764072001 --priority high --max-age 26h\n  backupctl strategy edit EST_1764072001 --script weekly.rman\n  backupctl strategy edit EST_1764072001  (on a terminal: $VISUAL or $EDITOR)"
    )]
    Edit(StrategyEditArgs),
    /// Remove a strategy and its frequencies; its history is kept unless --purge
    #[command(after_help = "Example:\n  backupctl strategy remove EST_1764072001 --purge")]
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct StrategyEditArgs {
    /// Strategy id
    pub id: String,
    /// A name for people, shown beside the id ('' to clear it)
    #[arg(long)]
    pub name: Option<String>,
    /// A new script, replacing the old one whole
    #[command(flatten)]
    pub script: ScriptArgs,
    /// Queue order when several strategies are due together
    #[arg(long, value_enum)]
    pub priority: Option<Priority>,
    /// Kill the run after this long, or default for the profile's default_timeout
    #[arg(long, value_name = "DURATION|default")]
    pub timeout: Option<String>,
    /// Call the strategy stale when its last success is older than this, or none
    #[arg(long, value_name = "DURATION|none")]
    pub max_age: Option<String>,
    /// The connection the script runs against
    #[arg(long, value_name = "ID")]
    pub connection: Option<String>,
    /// Store the script even if its structure looks wrong to RMAN
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct StrategyListArgs {
    /// Only the strategies of this connection
    #[arg(long, value_name = "ID")]
    pub connection: Option<String>,
    /// Another node's (on a master, whose store holds every node's)
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
    /// On a master: every node's, each in its own time zone
    #[arg(long, conflicts_with = "node")]
    pub all_nodes: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: CheckFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Table,
    Json,
    Nagios,
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConnectionListArgs {
    /// Another node's (on a master, whose store holds every node's)
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
    /// On a master: every node's, each in its own time zone
    #[arg(long, conflicts_with = "node")]
    pub all_nodes: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Its id
    pub id: String,
    /// Another node's (on a master, whose store holds every node's)
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
    /// On a master: every node's, each in its own time zone
    #[arg(long, conflicts_with = "node")]
    pub all_nodes: bool,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// The id
    pub id: String,
}

#[derive(Debug, Args)]
pub struct ConnectionTestArgs {
    /// Connection id
    pub id: String,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master
    #[command(after_help = "Example:\n  backupctl node rename db-host-01 db-host-01.example.com")]
    Rename(NodeRenameArgs),
    /// Master: let the database role ROLE write only NODE's rows (PostgreSQL: row-level security; Oracle: triggers)
    #[command(
        after_help = "Examples:\n  backupctl node grant db-host-01 --role bctl_db_host_01\n  backupctl node grant db-host-01 --role bctl_db_host_01 --print > grant.sql"
    )]
    Grant(NodeGrantArgs),
    /// Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)
    #[command(after_help = "Examples:\n  backupctl node list\n  backupctl node list --json")]
    List(JsonArgs),
}

#[derive(Debug, Args)]
pub struct NodeGrantArgs {
    /// The node whose rows the role may write (the role itself: --role ROLE)
    pub node: String,
    /// Write the SQL to stdout for a DBA instead of running it
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Args)]
pub struct NodeRenameArgs {
    /// The node name the definitions are stored under now
    pub old: String,
    /// The node name to move them to (usually this host's name, or node in the profile)
    pub new: String,
}

impl Command {
    /// Commands whose whole job is to print what is stored.
    pub fn only_lists(&self) -> bool {
        match self {
            Command::Logs(_) | Command::Errors(_) | Command::Status(_) | Command::Report(_) => true,
            Command::Schedule(s) => {
                matches!(s, ScheduleCommand::List(_) | ScheduleCommand::Next(_))
            }
            _ => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct InstallSchemaArgs {
    /// Write the DDL to stdout instead of applying it
    #[arg(long)]
    pub print: bool,
    /// SQL dialect to print (default: the store's)
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// Oracle: create this tablespace and put every table and index in it
    #[arg(long, value_name = "NAME", requires = "datafile")]
    pub tablespace: Option<String>,
    /// Oracle: the data file of --tablespace
    #[arg(long, value_name = "PATH", requires = "tablespace")]
    pub datafile: Option<String>,
    /// Oracle, with --print: also create this user (the store's owner), its quota and grants
    #[arg(long, value_name = "NAME", requires = "print")]
    pub user: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddConnectionArgs {
    /// Connection id (default: C_<unix seconds>)
    #[arg(long)]
    pub id: Option<String>,
    /// A name for people
    #[arg(long)]
    pub name: String,
    /// Database instance / service name (ORACLE_SID for os credentials)
    #[arg(long, value_name = "SERVICE")]
    pub instance: String,
    /// Database host name or address (needed only for env: credentials)
    #[arg(long)]
    pub host: Option<String>,
    /// Listener port
    #[arg(long, default_value_t = 1521)]
    pub port: u16,
    /// How RMAN authenticates: os, wallet:ALIAS or env:VAR (VAR holds user/password on the node)
    #[arg(long, default_value = "os", value_name = "CREDENTIAL", value_parser = Suggest(CREDENTIALS), hide_possible_values = true)]
    pub credential: String,
    /// The administrative privilege RMAN connects with (SYSBACKUP is Oracle's least-privilege role for backups)
    #[arg(long, value_enum, default_value = "sysdba")]
    pub privilege: crate::store::Privilege,
    /// The Oracle home whose bin/rman runs this database's backups (RMAN must match the target's version)
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub oracle_home: Option<PathBuf>,
    /// A recovery catalog to connect, as an Oracle wallet alias: wallet:ALIAS
    #[arg(long, value_name = "wallet:ALIAS")]
    pub catalog: Option<String>,
    /// The node that runs backups of this database (default: this node)
    #[arg(long)]
    pub node: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddStrategyArgs {
    /// Strategy id (default: EST_<unix seconds>)
    #[arg(long)]
    pub id: Option<String>,
    /// A name for people, shown beside the id
    #[arg(long)]
    pub name: Option<String>,
    /// The connection the script runs against
    #[arg(long, value_name = "ID")]
    pub connection: Option<String>,
    /// Queue order when several strategies are due together
    #[arg(long, value_enum, default_value = "medium")]
    pub priority: Priority,
    #[command(flatten)]
    pub script: ScriptArgs,
    /// Kill the run after this long (90s, 15m, 6h, 1d; default: the profile's default_timeout)
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Call the strategy stale when its last success is older than this (26h, 8d)
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
    /// The first schedule, saved with the strategy: "every 02:00", "mon,thu 23:30" or "cron 0 1 * * 1-5" (the wizard then does not ask)
    #[arg(long, value_name = "WHEN")]
    pub schedule: Option<String>,
    /// Store the script even if its structure looks wrong to RMAN
    #[arg(long)]
    pub force: bool,
}

/// A script given on the command line: lines, a file or stdin, or templates.
#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// One script line; repeat in order
    #[arg(long = "line", value_name = "LINE", conflicts_with_all = ["script", "template"])]
    pub lines: Vec<String>,
    /// Read the script from FILE, or from stdin with -
    #[arg(long, value_name = "FILE", conflicts_with = "template", value_hint = clap::ValueHint::FilePath)]
    pub script: Option<PathBuf>,
    /// Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N
    #[arg(long = "template", value_name = "T", value_parser = Suggest(TEMPLATES), hide_possible_values = true)]
    pub template: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Add frequencies to a strategy
    #[command(
        after_help = "Examples:\n  backupctl schedule add EST_1509986176 --day mon,thu --at 23:30\n  backupctl schedule add EST_1509986176 --day every --at 02:00\n  backupctl schedule add EST_1509986176 --cron '0 1 * * 1-5'"
    )]
    Add(ScheduleAddArgs),
    /// List frequencies
    #[command(after_help = "Example:\n  backupctl schedule list --strategy EST_1509986176 --json")]
    List(ScheduleListArgs),
    /// Remove frequencies from a strategy
    #[command(
        after_help = "Examples:\n  backupctl schedule remove EST_1509986176 --day mon --at 23:30\n  backupctl schedule remove EST_1509986176 --all"
    )]
    Remove(ScheduleRemoveArgs),
    /// Install (or print) the OS scheduler entry that calls run-due every minute with this profile
    #[command(
        after_help = "Examples:\n  backupctl --profile /etc/backupctl/profile.toml schedule install --cron\n  backupctl schedule install --systemd --print\n  backupctl schedule install --windows"
    )]
    Install(ScheduleInstallArgs),
    /// Show the next occurrences across all live strategies of this node
    #[command(
        after_help = "Example:\n  backupctl schedule next --count 5 --from '2026-11-25 00:00'"
    )]
    Next(ScheduleNextArgs),
}

/// When a strategy runs: weekdays and a time, or a cron expression.
#[derive(Debug, Args)]
#[group(required = true, multiple = true)]
pub struct RuleArgs {
    /// every, or a comma list of sun..sat / 0..6 (Sunday = 0)
    #[arg(long, value_name = "DAYS", requires = "at", conflicts_with = "cron", value_parser = Suggest(DAYS), hide_possible_values = true)]
    pub day: Option<String>,
    /// Local time of day, HH:MM in the profile's time zone
    #[arg(long, value_name = "HH:MM", requires = "day")]
    pub at: Option<String>,
    /// Standard 5-field cron: min hour day-of-month month day-of-week (Sunday = 0)
    #[arg(long, value_name = "EXPR")]
    pub cron: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScheduleAddArgs {
    /// Strategy id
    pub strategy: String,
    #[command(flatten)]
    pub rule: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ScheduleListArgs {
    /// Only this strategy
    #[arg(long, value_name = "S")]
    pub strategy: Option<String>,
    /// Another node's (on a master, whose store holds every node's)
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// On a master: every node's, each in its own time zone
    #[arg(long, conflicts_with = "node")]
    pub all_nodes: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleRemoveArgs {
    /// Strategy id
    pub strategy: String,
    /// every, or a comma list of sun..sat / 0..6 (Sunday = 0)
    #[arg(long, value_name = "DAYS", requires = "at", conflicts_with_all = ["cron", "all"], value_parser = Suggest(DAYS), hide_possible_values = true)]
    pub day: Option<String>,
    /// Local time of day, HH:MM
    #[arg(long, value_name = "HH:MM", requires = "day")]
    pub at: Option<String>,
    /// The cron expression to remove
    #[arg(long, value_name = "EXPR", conflicts_with = "all")]
    pub cron: Option<String>,
    /// Remove every frequency of the strategy
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false, id = "scheduler")]
pub struct SchedulerKind {
    /// A crontab line, merged into this user's crontab
    #[arg(long)]
    pub cron: bool,
    /// A systemd service and timer, written to the system (root) or user unit directory
    #[arg(long)]
    pub systemd: bool,
    /// A Windows Task Scheduler task (XML) and the schtasks command that loads it
    #[arg(long)]
    pub windows: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleInstallArgs {
    #[command(flatten)]
    pub kind: SchedulerKind,
    /// Write the entry to stdout and change nothing
    #[arg(long)]
    pub print: bool,
    /// systemd / windows: write the files into DIR instead of the default place
    #[arg(long, value_name = "DIR", conflicts_with = "print", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// As root: the user the systemd service runs as, or whose crontab gets the entry (default: the owner of the profile; never root by accident)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// systemd: the group the service runs as (default: the user's own primary group, such as oinstall)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// systemd: add NoNewPrivileges= and PrivateTmp= (they break bequeath connections and Oracle's IPC on Grid Infrastructure hosts)
    #[arg(long)]
    pub harden: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleNextArgs {
    /// How many occurrences
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub count: u32,
    /// Start from this TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// Only this strategy
    #[arg(long, value_name = "S")]
    pub strategy: Option<String>,
    /// Another node's (on a master, whose store holds every node's)
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// On a master: every node's, each in its own time zone
    #[arg(long, conflicts_with = "node")]
    pub all_nodes: bool,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only this strategy
    #[arg(long, value_name = "S")]
    pub strategy: Option<String>,
    /// Only strategies of this connection
    #[arg(long, value_name = "C")]
    pub connection: Option<String>,
    /// Only this node
    #[arg(long, value_name = "N")]
    pub node: Option<String>,
    /// Only this status: running, succeeded, failed, timed_out, missed, skipped, interrupted
    #[arg(long, value_name = "ST", value_parser = Suggest(STATUSES), hide_possible_values = true)]
    pub status: Option<String>,
    /// Only runs scheduled at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// At most N runs (0: all)
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u64,
    /// Print this run's whole log
    #[arg(long = "run", value_name = "RUN_ID")]
    pub run_id: Option<String>,
    /// With --run: follow a running backup's output until the run ends (as tail -f)
    #[arg(long, requires = "run_id")]
    pub follow: bool,
    /// Include each run's log
    #[arg(long)]
    pub full: bool,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Args)]
pub struct ErrorsArgs {
    /// Only this strategy
    #[arg(long, value_name = "S")]
    pub strategy: Option<String>,
    /// Only strategies of this connection
    #[arg(long, value_name = "C")]
    pub connection: Option<String>,
    /// Only this node
    #[arg(long, value_name = "N")]
    pub node: Option<String>,
    /// Only errors carrying this code (RMAN-06169, ORA-19502)
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// Only errors at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// At most N errors (0: all)
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u64,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Args)]
pub struct RunDueArgs {
    /// Tick as if it were TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); default: the clock
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Claim and run nothing; show what would start, be skipped or be missed
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Strategy id
    pub strategy: String,
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PushLogsArgs {
    /// Print a JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    Nagios,
    Prometheus,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatusFormat,
    /// Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Prometheus: write FILE atomically instead of stdout (for node_exporter's textfile collector)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Every column, whole run ids (piped output always has them all)
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the page to FILE (atomically), or to stdout with -
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub html: PathBuf,
    /// How many days the grid shows, up to today
    #[arg(long, value_name = "N", default_value_t = 14)]
    pub days: u32,
    /// Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Delete what was scheduled longer ago than this (90s, 15m, 6h, 1d)
    #[arg(long, value_name = "DURATION")]
    pub older_than: String,
    /// Only count what would be deleted
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// A value parser that accepts any text (the command checks it, and a bad value exits 3 with a
/// message naming the expected form, as SPEC says) but offers `values` to shell completion.
#[derive(Clone)]
pub struct Suggest(pub &'static [&'static str]);

impl clap::builder::TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().map(|v| clap::builder::PossibleValue::new(*v)),
        ))
    }
}

/// What `--day` completes to (a comma list of these is accepted too).
pub const DAYS: &[&str] = &["every", "sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/// What `--status` completes to.
pub const STATUSES: &[&str] = &crate::model::RunStatus::NAMES;
/// What `--template` completes to (NAME and N are the user's to fill in).
pub const TEMPLATES: &[&str] = &[
    "full",
    "incremental:0",
    "incremental:1",
    "compressed",
    "plus-archivelog",
    "archivelog",
    "archivelog:delete",
    "tablespace:",
    "controlfile",
    "spfile",
    "crosscheck",
    "obsolete",
    "validate",
    "channels:2",
];
/// What `--credential` completes to (ALIAS and VAR are the user's to fill in).
pub const CREDENTIALS: &[&str] = &["os", "wallet:", "env:"];
