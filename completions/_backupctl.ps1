
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'backupctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'backupctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'backupctl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install-schema', 'install-schema', [CompletionResultType]::ParameterValue, 'Create or upgrade the schema in the store, or print its DDL for a DBA')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Register a target database; prints its id')
            [CompletionResult]::new('add-strategy', 'add-strategy', [CompletionResultType]::ParameterValue, 'Store an RMAN script for a connection; prints its id')
            [CompletionResult]::new('run-due', 'run-due', [CompletionResultType]::ParameterValue, 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one strategy now')
            [CompletionResult]::new('push-logs', 'push-logs', [CompletionResultType]::ParameterValue, 'Slave: send everything the master does not have yet')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per node and strategy: last run, last success, failures and misses in 24 h, next due')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete runs, logs and errors older than a duration (keeps each strategy''s latest success)')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Add, list, remove and preview when strategies run')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List runs, newest first; --run prints one run''s whole log')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'List errors with their RMAN-/ORA- codes, newest first')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age')
            [CompletionResult]::new('strategy', 'strategy', [CompletionResultType]::ParameterValue, 'Stored strategies')
            [CompletionResult]::new('connection', 'connection', [CompletionResultType]::ParameterValue, 'Registered connections')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'This node''s name in the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;install-schema' {
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'SQL dialect to print (default: the store''s)')
            [CompletionResult]::new('--tablespace', '--tablespace', [CompletionResultType]::ParameterName, 'Oracle: create this tablespace and put every table and index in it')
            [CompletionResult]::new('--datafile', '--datafile', [CompletionResultType]::ParameterName, 'Oracle: the data file of --tablespace')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Oracle, with --print: also create this user (the store''s owner), its quota and grants')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Write the DDL to stdout instead of applying it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;add-connection' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Connection id (default: C_<unix seconds>)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for people')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Database instance / service name (ORACLE_SID for os credentials)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Database host name or address (needed only for env: credentials)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Listener port')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'How RMAN authenticates: os, wallet:ALIAS or env:VAR (VAR holds user/password on the node)')
            [CompletionResult]::new('--privilege', '--privilege', [CompletionResultType]::ParameterName, 'The administrative privilege RMAN connects with (SYSBACKUP is Oracle''s least-privilege role for backups)')
            [CompletionResult]::new('--oracle-home', '--oracle-home', [CompletionResultType]::ParameterName, 'The Oracle home whose bin/rman runs this database''s backups (RMAN must match the target''s version)')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'A recovery catalog to connect, as an Oracle wallet alias: wallet:ALIAS')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The node that runs backups of this database (default: this node)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;add-strategy' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Strategy id (default: EST_<unix seconds>)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for people, shown beside the id')
            [CompletionResult]::new('--connection', '--connection', [CompletionResultType]::ParameterName, 'The connection the script runs against')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Queue order when several strategies are due together')
            [CompletionResult]::new('--line', '--line', [CompletionResultType]::ParameterName, 'One script line; repeat in order')
            [CompletionResult]::new('--script', '--script', [CompletionResultType]::ParameterName, 'Read the script from FILE, or from stdin with -')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Kill the run after this long (90s, 15m, 6h, 1d; default: the profile''s default_timeout)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Call the strategy stale when its last success is older than this (26h, 8d)')
            [CompletionResult]::new('--schedule', '--schedule', [CompletionResultType]::ParameterName, 'The first schedule, saved with the strategy: "every 02:00", "mon,thu 23:30" or "cron 0 1 * * 1-5" (the wizard then does not ask)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Store the script even if its structure looks wrong to RMAN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;run-due' {
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Tick as if it were TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); default: the clock')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Claim and run nothing; show what would start, be skipped or be missed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;run' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;push-logs' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Prometheus: write FILE atomically instead of stdout (for node_exporter''s textfile collector)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;report' {
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Write the page to FILE (atomically), or to stdout with -')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the grid shows, up to today')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete what was scheduled longer ago than this (90s, 15m, 6h, 1d)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only count what would be deleted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add frequencies to a strategy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List frequencies')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove frequencies from a strategy')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Show the next occurrences across all live strategies of this node')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;schedule;add' {
            [CompletionResult]::new('--day', '--day', [CompletionResultType]::ParameterName, 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Local time of day, HH:MM in the profile''s time zone')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'Standard 5-field cron: min hour day-of-month month day-of-week (Sunday = 0)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule;list' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Only this strategy')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule;remove' {
            [CompletionResult]::new('--day', '--day', [CompletionResultType]::ParameterName, 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Local time of day, HH:MM')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'The cron expression to remove')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every frequency of the strategy')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule;install' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'systemd / windows: write the files into DIR instead of the default place')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'As root: the user the systemd service runs as, or whose crontab gets the entry (default: the owner of the profile; never root by accident)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'systemd: the group the service runs as (default: the user''s own primary group, such as oinstall)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'A crontab line, merged into this user''s crontab')
            [CompletionResult]::new('--systemd', '--systemd', [CompletionResultType]::ParameterName, 'A systemd service and timer, written to the system (root) or user unit directory')
            [CompletionResult]::new('--windows', '--windows', [CompletionResultType]::ParameterName, 'A Windows Task Scheduler task (XML) and the schtasks command that loads it')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Write the entry to stdout and change nothing')
            [CompletionResult]::new('--harden', '--harden', [CompletionResultType]::ParameterName, 'systemd: add NoNewPrivileges= and PrivateTmp= (they break bequeath connections and Oracle''s IPC on Grid Infrastructure hosts)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule;next' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many occurrences')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start from this TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Only this strategy')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;schedule;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add frequencies to a strategy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List frequencies')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove frequencies from a strategy')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Show the next occurrences across all live strategies of this node')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;schedule;help;add' {
            break
        }
        'backupctl;schedule;help;list' {
            break
        }
        'backupctl;schedule;help;remove' {
            break
        }
        'backupctl;schedule;help;install' {
            break
        }
        'backupctl;schedule;help;next' {
            break
        }
        'backupctl;schedule;help;help' {
            break
        }
        'backupctl;logs' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Only this strategy')
            [CompletionResult]::new('--connection', '--connection', [CompletionResultType]::ParameterName, 'Only strategies of this connection')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only this node')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status: running, succeeded, failed, timed_out, missed, skipped, interrupted')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only runs scheduled at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N runs (0: all)')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Print this run''s whole log')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'With --run: follow a running backup''s output until the run ends (as tail -f)')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Include each run''s log')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;errors' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Only this strategy')
            [CompletionResult]::new('--connection', '--connection', [CompletionResultType]::ParameterName, 'Only strategies of this connection')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only this node')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Only errors carrying this code (RMAN-06169, ORA-19502)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only errors at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N errors (0: all)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The strategies of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One strategy: its numbered script, frequencies, next five occurrences and last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop a strategy from running (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled strategy run again')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a strategy and its frequencies; its history is kept unless --purge')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;strategy;list' {
            [CompletionResult]::new('--connection', '--connection', [CompletionResultType]::ParameterName, 'Only the strategies of this connection')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;show' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;disable' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;enable' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for people, shown beside the id ('''' to clear it)')
            [CompletionResult]::new('--line', '--line', [CompletionResultType]::ParameterName, 'One script line; repeat in order')
            [CompletionResult]::new('--script', '--script', [CompletionResultType]::ParameterName, 'Read the script from FILE, or from stdin with -')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Queue order when several strategies are due together')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Kill the run after this long, or default for the profile''s default_timeout')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Call the strategy stale when its last success is older than this, or none')
            [CompletionResult]::new('--connection', '--connection', [CompletionResultType]::ParameterName, 'The connection the script runs against')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Store the script even if its structure looks wrong to RMAN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;strategy;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The strategies of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One strategy: its numbered script, frequencies, next five occurrences and last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop a strategy from running (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled strategy run again')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a strategy and its frequencies; its history is kept unless --purge')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;strategy;help;list' {
            break
        }
        'backupctl;strategy;help;show' {
            break
        }
        'backupctl;strategy;help;disable' {
            break
        }
        'backupctl;strategy;help;enable' {
            break
        }
        'backupctl;strategy;help;edit' {
            break
        }
        'backupctl;strategy;help;remove' {
            break
        }
        'backupctl;strategy;help;help' {
            break
        }
        'backupctl;connection' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The connections of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One connection, with its strategies and their last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled connection''s strategies run again')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a connection; the change reaches the master with the next push')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a connection no strategy uses; its history is kept unless --purge')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;connection;list' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;show' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Another node''s (on a master, whose store holds every node''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, whole run ids (piped output always has them all)')
            [CompletionResult]::new('--all-nodes', '--all-nodes', [CompletionResultType]::ParameterName, 'On a master: every node''s, each in its own time zone')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;disable' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;enable' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;test' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for people')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Database instance / service name (ORACLE_SID for os credentials)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Database host name or address')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Listener port')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'How RMAN authenticates: os, wallet:ALIAS or env:VAR')
            [CompletionResult]::new('--privilege', '--privilege', [CompletionResultType]::ParameterName, 'The administrative privilege RMAN connects with')
            [CompletionResult]::new('--oracle-home', '--oracle-home', [CompletionResultType]::ParameterName, 'The Oracle home whose bin/rman runs this database''s backups, or none for the default')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'A recovery catalog as wallet:ALIAS, or none to stop connecting one')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;connection;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The connections of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One connection, with its strategies and their last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled connection''s strategies run again')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a connection; the change reaches the master with the next push')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a connection no strategy uses; its history is kept unless --purge')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;connection;help;list' {
            break
        }
        'backupctl;connection;help;show' {
            break
        }
        'backupctl;connection;help;disable' {
            break
        }
        'backupctl;connection;help;enable' {
            break
        }
        'backupctl;connection;help;test' {
            break
        }
        'backupctl;connection;help;edit' {
            break
        }
        'backupctl;connection;help;remove' {
            break
        }
        'backupctl;connection;help;help' {
            break
        }
        'backupctl;node' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;node;rename' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;node;grant' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Write the SQL to stdout for a DBA instead of running it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;node;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service')
            [CompletionResult]::new('--rman', '--rman', [CompletionResultType]::ParameterName, 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print what backupctl reads and decides, on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'backupctl;node;help' {
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;node;help;rename' {
            break
        }
        'backupctl;node;help;grant' {
            break
        }
        'backupctl;node;help;list' {
            break
        }
        'backupctl;node;help;help' {
            break
        }
        'backupctl;help' {
            [CompletionResult]::new('install-schema', 'install-schema', [CompletionResultType]::ParameterValue, 'Create or upgrade the schema in the store, or print its DDL for a DBA')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Register a target database; prints its id')
            [CompletionResult]::new('add-strategy', 'add-strategy', [CompletionResultType]::ParameterValue, 'Store an RMAN script for a connection; prints its id')
            [CompletionResult]::new('run-due', 'run-due', [CompletionResultType]::ParameterValue, 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one strategy now')
            [CompletionResult]::new('push-logs', 'push-logs', [CompletionResultType]::ParameterValue, 'Slave: send everything the master does not have yet')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per node and strategy: last run, last success, failures and misses in 24 h, next due')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete runs, logs and errors older than a duration (keeps each strategy''s latest success)')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Add, list, remove and preview when strategies run')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List runs, newest first; --run prints one run''s whole log')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'List errors with their RMAN-/ORA- codes, newest first')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age')
            [CompletionResult]::new('strategy', 'strategy', [CompletionResultType]::ParameterValue, 'Stored strategies')
            [CompletionResult]::new('connection', 'connection', [CompletionResultType]::ParameterValue, 'Registered connections')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'This node''s name in the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'backupctl;help;install-schema' {
            break
        }
        'backupctl;help;add-connection' {
            break
        }
        'backupctl;help;add-strategy' {
            break
        }
        'backupctl;help;run-due' {
            break
        }
        'backupctl;help;run' {
            break
        }
        'backupctl;help;push-logs' {
            break
        }
        'backupctl;help;status' {
            break
        }
        'backupctl;help;report' {
            break
        }
        'backupctl;help;prune' {
            break
        }
        'backupctl;help;schedule' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add frequencies to a strategy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List frequencies')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove frequencies from a strategy')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Show the next occurrences across all live strategies of this node')
            break
        }
        'backupctl;help;schedule;add' {
            break
        }
        'backupctl;help;schedule;list' {
            break
        }
        'backupctl;help;schedule;remove' {
            break
        }
        'backupctl;help;schedule;install' {
            break
        }
        'backupctl;help;schedule;next' {
            break
        }
        'backupctl;help;logs' {
            break
        }
        'backupctl;help;errors' {
            break
        }
        'backupctl;help;completions' {
            break
        }
        'backupctl;help;check' {
            break
        }
        'backupctl;help;strategy' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The strategies of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One strategy: its numbered script, frequencies, next five occurrences and last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop a strategy from running (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled strategy run again')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a strategy and its frequencies; its history is kept unless --purge')
            break
        }
        'backupctl;help;strategy;list' {
            break
        }
        'backupctl;help;strategy;show' {
            break
        }
        'backupctl;help;strategy;disable' {
            break
        }
        'backupctl;help;strategy;enable' {
            break
        }
        'backupctl;help;strategy;edit' {
            break
        }
        'backupctl;help;strategy;remove' {
            break
        }
        'backupctl;help;connection' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The connections of this node')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One connection, with its strategies and their last runs')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled connection''s strategies run again')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a connection; the change reaches the master with the next push')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a connection no strategy uses; its history is kept unless --purge')
            break
        }
        'backupctl;help;connection;list' {
            break
        }
        'backupctl;help;connection;show' {
            break
        }
        'backupctl;help;connection;disable' {
            break
        }
        'backupctl;help;connection;enable' {
            break
        }
        'backupctl;help;connection;test' {
            break
        }
        'backupctl;help;connection;edit' {
            break
        }
        'backupctl;help;connection;remove' {
            break
        }
        'backupctl;help;node' {
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)')
            break
        }
        'backupctl;help;node;rename' {
            break
        }
        'backupctl;help;node;grant' {
            break
        }
        'backupctl;help;node;list' {
            break
        }
        'backupctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
