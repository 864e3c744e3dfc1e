# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_backupctl_global_optspecs
    string join \n profile= store= rman= role= q/quiet v/verbose h/help V/version
end

function __fish_backupctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_backupctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_backupctl_using_subcommand
    set -l cmd (__fish_backupctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c backupctl -n "__fish_backupctl_needs_command" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_needs_command" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_needs_command" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_needs_command" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_needs_command" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c backupctl -n "__fish_backupctl_needs_command" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "install-schema" -d 'Create or upgrade the schema in the store, or print its DDL for a DBA'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "add-connection" -d 'Register a target database; prints its id'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "add-strategy" -d 'Store an RMAN script for a connection; prints its id'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "run-due" -d 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "run" -d 'Run one strategy now'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "push-logs" -d 'Slave: send everything the master does not have yet'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "status" -d 'Per node and strategy: last run, last success, failures and misses in 24 h, next due'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "report" -d 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "prune" -d 'Delete runs, logs and errors older than a duration (keeps each strategy\'s latest success)'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "schedule" -d 'Add, list, remove and preview when strategies run'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "logs" -d 'List runs, newest first; --run prints one run\'s whole log'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "errors" -d 'List errors with their RMAN-/ORA- codes, newest first'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "check" -d 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "strategy" -d 'Stored strategies'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "connection" -d 'Registered connections'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "node" -d 'This node\'s name in the store'
complete -c backupctl -n "__fish_backupctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l dialect -d 'SQL dialect to print (default: the store\'s)' -r -f -a "sqlite\t''
postgres\t''
oracle\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l tablespace -d 'Oracle: create this tablespace and put every table and index in it' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l datafile -d 'Oracle: the data file of --tablespace' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l user -d 'Oracle, with --print: also create this user (the store\'s owner), its quota and grants' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -l print -d 'Write the DDL to stdout instead of applying it'
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand install-schema" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l id -d 'Connection id (default: C_<unix seconds>)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l name -d 'A name for people' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l instance -d 'Database instance / service name (ORACLE_SID for os credentials)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l host -d 'Database host name or address (needed only for env: credentials)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l port -d 'Listener port' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l credential -d 'How RMAN authenticates: os, wallet:ALIAS or env:VAR (VAR holds user/password on the node)' -r -f -a "os\t''
wallet:\t''
env:\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l privilege -d 'The administrative privilege RMAN connects with (SYSBACKUP is Oracle\'s least-privilege role for backups)' -r -f -a "sysdba\t''
sysbackup\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l oracle-home -d 'The Oracle home whose bin/rman runs this database\'s backups (RMAN must match the target\'s version)' -r -f -a "(__fish_complete_directories)"
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l catalog -d 'A recovery catalog to connect, as an Oracle wallet alias: wallet:ALIAS' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l node -d 'The node that runs backups of this database (default: this node)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-connection" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l id -d 'Strategy id (default: EST_<unix seconds>)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l name -d 'A name for people, shown beside the id' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l connection -d 'The connection the script runs against' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l priority -d 'Queue order when several strategies are due together' -r -f -a "high\t''
medium\t''
low\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l line -d 'One script line; repeat in order' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l script -d 'Read the script from FILE, or from stdin with -' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l template -d 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N' -r -f -a "full\t''
incremental:0\t''
incremental:1\t''
compressed\t''
plus-archivelog\t''
archivelog\t''
archivelog:delete\t''
tablespace:\t''
controlfile\t''
spfile\t''
crosscheck\t''
obsolete\t''
validate\t''
channels:2\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l timeout -d 'Kill the run after this long (90s, 15m, 6h, 1d; default: the profile\'s default_timeout)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l max-age -d 'Call the strategy stale when its last success is older than this (26h, 8d)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l schedule -d 'The first schedule, saved with the strategy: "every 02:00", "mon,thu 23:30" or "cron 0 1 * * 1-5" (the wizard then does not ask)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -l force -d 'Store the script even if its structure looks wrong to RMAN'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand add-strategy" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l now -d 'Tick as if it were TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); default: the clock' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l dry-run -d 'Claim and run nothing; show what would start, be skipped or be missed'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand run-due" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand run" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand push-logs" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l format -d 'Output format' -r -f -a "table\t''
json\t''
nagios\t''
prometheus\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l now -d 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l output -d 'Prometheus: write FILE atomically instead of stdout (for node_exporter\'s textfile collector)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l html -d 'Write the page to FILE (atomically), or to stdout with -' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l days -d 'How many days the grid shows, up to today' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l now -d 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand report" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l older-than -d 'Delete what was scheduled longer ago than this (90s, 15m, 6h, 1d)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -l dry-run -d 'Only count what would be deleted'
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand prune" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "add" -d 'Add frequencies to a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "list" -d 'List frequencies'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "remove" -d 'Remove frequencies from a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "install" -d 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "next" -d 'Show the next occurrences across all live strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and not __fish_seen_subcommand_from add list remove install next help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l day -d 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)' -r -f -a "every\t''
sun\t''
mon\t''
tue\t''
wed\t''
thu\t''
fri\t''
sat\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l at -d 'Local time of day, HH:MM in the profile\'s time zone' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l cron -d 'Standard 5-field cron: min hour day-of-month month day-of-week (Sunday = 0)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l strategy -d 'Only this strategy' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l day -d 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)' -r -f -a "every\t''
sun\t''
mon\t''
tue\t''
wed\t''
thu\t''
fri\t''
sat\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l at -d 'Local time of day, HH:MM' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l cron -d 'The cron expression to remove' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -l all -d 'Remove every frequency of the strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l dir -d 'systemd / windows: write the files into DIR instead of the default place' -r -f -a "(__fish_complete_directories)"
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l user -d 'As root: the user the systemd service runs as, or whose crontab gets the entry (default: the owner of the profile; never root by accident)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l group -d 'systemd: the group the service runs as (default: the user\'s own primary group, such as oinstall)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l cron -d 'A crontab line, merged into this user\'s crontab'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l systemd -d 'A systemd service and timer, written to the system (root) or user unit directory'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l windows -d 'A Windows Task Scheduler task (XML) and the schtasks command that loads it'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l print -d 'Write the entry to stdout and change nothing'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l harden -d 'systemd: add NoNewPrivileges= and PrivateTmp= (they break bequeath connections and Oracle\'s IPC on Grid Infrastructure hosts)'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l count -d 'How many occurrences' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l from -d 'Start from this TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l strategy -d 'Only this strategy' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from next" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add frequencies to a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "list" -d 'List frequencies'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove frequencies from a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "next" -d 'Show the next occurrences across all live strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l strategy -d 'Only this strategy' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l connection -d 'Only strategies of this connection' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l node -d 'Only this node' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l status -d 'Only this status: running, succeeded, failed, timed_out, missed, skipped, interrupted' -r -f -a "running\t''
succeeded\t''
failed\t''
timed_out\t''
missed\t''
skipped\t''
interrupted\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l since -d 'Only runs scheduled at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l limit -d 'At most N runs (0: all)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l run -d 'Print this run\'s whole log' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l follow -d 'With --run: follow a running backup\'s output until the run ends (as tail -f)'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l full -d 'Include each run\'s log'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand logs" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l strategy -d 'Only this strategy' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l connection -d 'Only strategies of this connection' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l node -d 'Only this node' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l code -d 'Only errors carrying this code (RMAN-06169, ORA-19502)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l since -d 'Only errors at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l limit -d 'At most N errors (0: all)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand errors" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -l format -d 'Output format' -r -f -a "table\t''
json\t''
nagios\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand check" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "list" -d 'The strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "show" -d 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "disable" -d 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "enable" -d 'Let a disabled strategy run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "edit" -d 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "remove" -d 'Remove a strategy and its frequencies; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and not __fish_seen_subcommand_from list show disable enable edit remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l connection -d 'Only the strategies of this connection' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l name -d 'A name for people, shown beside the id (\'\' to clear it)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l line -d 'One script line; repeat in order' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l script -d 'Read the script from FILE, or from stdin with -' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l template -d 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N' -r -f -a "full\t''
incremental:0\t''
incremental:1\t''
compressed\t''
plus-archivelog\t''
archivelog\t''
archivelog:delete\t''
tablespace:\t''
controlfile\t''
spfile\t''
crosscheck\t''
obsolete\t''
validate\t''
channels:2\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l priority -d 'Queue order when several strategies are due together' -r -f -a "high\t''
medium\t''
low\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l timeout -d 'Kill the run after this long, or default for the profile\'s default_timeout' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l max-age -d 'Call the strategy stale when its last success is older than this, or none' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l connection -d 'The connection the script runs against' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -l force -d 'Store the script even if its structure looks wrong to RMAN'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -l purge -d 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "list" -d 'The strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "show" -d 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Let a disabled strategy run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a strategy and its frequencies; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "list" -d 'The connections of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "show" -d 'One connection, with its strategies and their last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "disable" -d 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "enable" -d 'Let a disabled connection\'s strategies run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "test" -d 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "edit" -d 'Change a connection; the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "remove" -d 'Remove a connection no strategy uses; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and not __fish_seen_subcommand_from list show disable enable test edit remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l node -d 'Another node\'s (on a master, whose store holds every node\'s)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l wide -d 'Every column, whole run ids (piped output always has them all)'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -l all-nodes -d 'On a master: every node\'s, each in its own time zone'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -l json -d 'Print a JSON object'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l name -d 'A name for people' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l instance -d 'Database instance / service name (ORACLE_SID for os credentials)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l host -d 'Database host name or address' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l port -d 'Listener port' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l credential -d 'How RMAN authenticates: os, wallet:ALIAS or env:VAR' -r -f -a "os\t''
wallet:\t''
env:\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l privilege -d 'The administrative privilege RMAN connects with' -r -f -a "sysdba\t''
sysbackup\t''"
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l oracle-home -d 'The Oracle home whose bin/rman runs this database\'s backups, or none for the default' -r -f -a "(__fish_complete_directories)"
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l catalog -d 'A recovery catalog as wallet:ALIAS, or none to stop connecting one' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -l purge -d 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "list" -d 'The connections of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "show" -d 'One connection, with its strategies and their last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Let a disabled connection\'s strategies run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "test" -d 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a connection; the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a connection no strategy uses; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand connection; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -f -a "rename" -d 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -f -a "grant" -d 'Master: let the database role ROLE write only NODE\'s rows (PostgreSQL: row-level security; Oracle: triggers)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -f -a "list" -d 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and not __fish_seen_subcommand_from rename grant list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -l print -d 'Write the SQL to stdout for a DBA instead of running it'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -l profile -d 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -l store -d 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -l rman -d 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)' -r -F
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -l role -d 'This node\'s role in a fleet: standalone, master or slave (for node grant: the database role)' -r
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print what backupctl reads and decides, on stderr'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Master: let the database role ROLE write only NODE\'s rows (PostgreSQL: row-level security; Oracle: triggers)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
complete -c backupctl -n "__fish_backupctl_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "install-schema" -d 'Create or upgrade the schema in the store, or print its DDL for a DBA'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "add-connection" -d 'Register a target database; prints its id'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "add-strategy" -d 'Store an RMAN script for a connection; prints its id'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "run-due" -d 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "run" -d 'Run one strategy now'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "push-logs" -d 'Slave: send everything the master does not have yet'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "status" -d 'Per node and strategy: last run, last success, failures and misses in 24 h, next due'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "report" -d 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "prune" -d 'Delete runs, logs and errors older than a duration (keeps each strategy\'s latest success)'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "schedule" -d 'Add, list, remove and preview when strategies run'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "logs" -d 'List runs, newest first; --run prints one run\'s whole log'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "errors" -d 'List errors with their RMAN-/ORA- codes, newest first'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "completions" -d 'Print a shell completion script'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "check" -d 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "strategy" -d 'Stored strategies'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "connection" -d 'Registered connections'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "node" -d 'This node\'s name in the store'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and not __fish_seen_subcommand_from install-schema add-connection add-strategy run-due run push-logs status report prune schedule logs errors completions check strategy connection node help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "add" -d 'Add frequencies to a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "list" -d 'List frequencies'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "remove" -d 'Remove frequencies from a strategy'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "install" -d 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "next" -d 'Show the next occurrences across all live strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "list" -d 'The strategies of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "show" -d 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "disable" -d 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "enable" -d 'Let a disabled strategy run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "edit" -d 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "remove" -d 'Remove a strategy and its frequencies; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "list" -d 'The connections of this node'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "show" -d 'One connection, with its strategies and their last runs'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "disable" -d 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "enable" -d 'Let a disabled connection\'s strategies run again'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "test" -d 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "edit" -d 'Change a connection; the change reaches the master with the next push'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from connection" -f -a "remove" -d 'Remove a connection no strategy uses; its history is kept unless --purge'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "rename" -d 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "grant" -d 'Master: let the database role ROLE write only NODE\'s rows (PostgreSQL: row-level security; Oracle: triggers)'
complete -c backupctl -n "__fish_backupctl_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "list" -d 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
