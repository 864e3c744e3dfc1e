
use builtin;
use str;

set edit:completion:arg-completer[backupctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'backupctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'backupctl'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install-schema 'Create or upgrade the schema in the store, or print its DDL for a DBA'
            cand add-connection 'Register a target database; prints its id'
            cand add-strategy 'Store an RMAN script for a connection; prints its id'
            cand run-due 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)'
            cand run 'Run one strategy now'
            cand push-logs 'Slave: send everything the master does not have yet'
            cand status 'Per node and strategy: last run, last success, failures and misses in 24 h, next due'
            cand report 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures'
            cand prune 'Delete runs, logs and errors older than a duration (keeps each strategy''s latest success)'
            cand schedule 'Add, list, remove and preview when strategies run'
            cand logs 'List runs, newest first; --run prints one run''s whole log'
            cand errors 'List errors with their RMAN-/ORA- codes, newest first'
            cand completions 'Print a shell completion script'
            cand check 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age'
            cand strategy 'Stored strategies'
            cand connection 'Registered connections'
            cand node 'This node''s name in the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;install-schema'= {
            cand --dialect 'SQL dialect to print (default: the store''s)'
            cand --tablespace 'Oracle: create this tablespace and put every table and index in it'
            cand --datafile 'Oracle: the data file of --tablespace'
            cand --user 'Oracle, with --print: also create this user (the store''s owner), its quota and grants'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --print 'Write the DDL to stdout instead of applying it'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;add-connection'= {
            cand --id 'Connection id (default: C_<unix seconds>)'
            cand --name 'A name for people'
            cand --instance 'Database instance / service name (ORACLE_SID for os credentials)'
            cand --host 'Database host name or address (needed only for env: credentials)'
            cand --port 'Listener port'
            cand --credential 'How RMAN authenticates: os, wallet:ALIAS or env:VAR (VAR holds user/password on the node)'
            cand --privilege 'The administrative privilege RMAN connects with (SYSBACKUP is Oracle''s least-privilege role for backups)'
            cand --oracle-home 'The Oracle home whose bin/rman runs this database''s backups (RMAN must match the target''s version)'
            cand --catalog 'A recovery catalog to connect, as an Oracle wallet alias: wallet:ALIAS'
            cand --node 'The node that runs backups of this database (default: this node)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;add-strategy'= {
            cand --id 'Strategy id (default: EST_<unix seconds>)'
            cand --name 'A name for people, shown beside the id'
            cand --connection 'The connection the script runs against'
            cand --priority 'Queue order when several strategies are due together'
            cand --line 'One script line; repeat in order'
            cand --script 'Read the script from FILE, or from stdin with -'
            cand --template 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N'
            cand --timeout 'Kill the run after this long (90s, 15m, 6h, 1d; default: the profile''s default_timeout)'
            cand --max-age 'Call the strategy stale when its last success is older than this (26h, 8d)'
            cand --schedule 'The first schedule, saved with the strategy: "every 02:00", "mon,thu 23:30" or "cron 0 1 * * 1-5" (the wizard then does not ask)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --force 'Store the script even if its structure looks wrong to RMAN'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;run-due'= {
            cand --now 'Tick as if it were TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); default: the clock'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --dry-run 'Claim and run nothing; show what would start, be skipped or be missed'
            cand --json 'Print a JSON object'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;run'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON object'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;push-logs'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON object'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;status'= {
            cand --format 'Output format'
            cand --now 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts'
            cand --output 'Prometheus: write FILE atomically instead of stdout (for node_exporter''s textfile collector)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;report'= {
            cand --html 'Write the page to FILE (atomically), or to stdout with -'
            cand --days 'How many days the grid shows, up to today'
            cand --now 'Report as of TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d); nothing after TIME counts'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;prune'= {
            cand --older-than 'Delete what was scheduled longer ago than this (90s, 15m, 6h, 1d)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --dry-run 'Only count what would be deleted'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add frequencies to a strategy'
            cand list 'List frequencies'
            cand remove 'Remove frequencies from a strategy'
            cand install 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
            cand next 'Show the next occurrences across all live strategies of this node'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;schedule;add'= {
            cand --day 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)'
            cand --at 'Local time of day, HH:MM in the profile''s time zone'
            cand --cron 'Standard 5-field cron: min hour day-of-month month day-of-week (Sunday = 0)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule;list'= {
            cand --strategy 'Only this strategy'
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule;remove'= {
            cand --day 'every, or a comma list of sun..sat / 0..6 (Sunday = 0)'
            cand --at 'Local time of day, HH:MM'
            cand --cron 'The cron expression to remove'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --all 'Remove every frequency of the strategy'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule;install'= {
            cand --dir 'systemd / windows: write the files into DIR instead of the default place'
            cand --user 'As root: the user the systemd service runs as, or whose crontab gets the entry (default: the owner of the profile; never root by accident)'
            cand --group 'systemd: the group the service runs as (default: the user''s own primary group, such as oinstall)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --cron 'A crontab line, merged into this user''s crontab'
            cand --systemd 'A systemd service and timer, written to the system (root) or user unit directory'
            cand --windows 'A Windows Task Scheduler task (XML) and the schtasks command that loads it'
            cand --print 'Write the entry to stdout and change nothing'
            cand --harden 'systemd: add NoNewPrivileges= and PrivateTmp= (they break bequeath connections and Oracle''s IPC on Grid Infrastructure hosts)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule;next'= {
            cand --count 'How many occurrences'
            cand --from 'Start from this TIME instead of now (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)'
            cand --strategy 'Only this strategy'
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;schedule;help'= {
            cand add 'Add frequencies to a strategy'
            cand list 'List frequencies'
            cand remove 'Remove frequencies from a strategy'
            cand install 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
            cand next 'Show the next occurrences across all live strategies of this node'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;schedule;help;add'= {
        }
        &'backupctl;schedule;help;list'= {
        }
        &'backupctl;schedule;help;remove'= {
        }
        &'backupctl;schedule;help;install'= {
        }
        &'backupctl;schedule;help;next'= {
        }
        &'backupctl;schedule;help;help'= {
        }
        &'backupctl;logs'= {
            cand --strategy 'Only this strategy'
            cand --connection 'Only strategies of this connection'
            cand --node 'Only this node'
            cand --status 'Only this status: running, succeeded, failed, timed_out, missed, skipped, interrupted'
            cand --since 'Only runs scheduled at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)'
            cand --limit 'At most N runs (0: all)'
            cand --run 'Print this run''s whole log'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --follow 'With --run: follow a running backup''s output until the run ends (as tail -f)'
            cand --full 'Include each run''s log'
            cand --json 'Print a JSON array'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;errors'= {
            cand --strategy 'Only this strategy'
            cand --connection 'Only strategies of this connection'
            cand --node 'Only this node'
            cand --code 'Only errors carrying this code (RMAN-06169, ORA-19502)'
            cand --since 'Only errors at or after TIME (RFC 3339, YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago: 2h, 3d)'
            cand --limit 'At most N errors (0: all)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;completions'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;check'= {
            cand --format 'Output format'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The strategies of this node'
            cand show 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
            cand disable 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled strategy run again'
            cand edit 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
            cand remove 'Remove a strategy and its frequencies; its history is kept unless --purge'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;strategy;list'= {
            cand --connection 'Only the strategies of this connection'
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;show'= {
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON object'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;disable'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;enable'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;edit'= {
            cand --name 'A name for people, shown beside the id ('''' to clear it)'
            cand --line 'One script line; repeat in order'
            cand --script 'Read the script from FILE, or from stdin with -'
            cand --template 'Compose the script from templates: full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate, channels:N'
            cand --priority 'Queue order when several strategies are due together'
            cand --timeout 'Kill the run after this long, or default for the profile''s default_timeout'
            cand --max-age 'Call the strategy stale when its last success is older than this, or none'
            cand --connection 'The connection the script runs against'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --force 'Store the script even if its structure looks wrong to RMAN'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;remove'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --purge 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;strategy;help'= {
            cand list 'The strategies of this node'
            cand show 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
            cand disable 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled strategy run again'
            cand edit 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
            cand remove 'Remove a strategy and its frequencies; its history is kept unless --purge'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;strategy;help;list'= {
        }
        &'backupctl;strategy;help;show'= {
        }
        &'backupctl;strategy;help;disable'= {
        }
        &'backupctl;strategy;help;enable'= {
        }
        &'backupctl;strategy;help;edit'= {
        }
        &'backupctl;strategy;help;remove'= {
        }
        &'backupctl;strategy;help;help'= {
        }
        &'backupctl;connection'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The connections of this node'
            cand show 'One connection, with its strategies and their last runs'
            cand disable 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled connection''s strategies run again'
            cand test 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
            cand edit 'Change a connection; the change reaches the master with the next push'
            cand remove 'Remove a connection no strategy uses; its history is kept unless --purge'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;connection;list'= {
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;show'= {
            cand --node 'Another node''s (on a master, whose store holds every node''s)'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON object'
            cand --wide 'Every column, whole run ids (piped output always has them all)'
            cand --all-nodes 'On a master: every node''s, each in its own time zone'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;disable'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;enable'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;test'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON object'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;edit'= {
            cand --name 'A name for people'
            cand --instance 'Database instance / service name (ORACLE_SID for os credentials)'
            cand --host 'Database host name or address'
            cand --port 'Listener port'
            cand --credential 'How RMAN authenticates: os, wallet:ALIAS or env:VAR'
            cand --privilege 'The administrative privilege RMAN connects with'
            cand --oracle-home 'The Oracle home whose bin/rman runs this database''s backups, or none for the default'
            cand --catalog 'A recovery catalog as wallet:ALIAS, or none to stop connecting one'
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;remove'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --purge 'Also delete the history: runs, logs and errors (here and, with the next push, on the master)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;connection;help'= {
            cand list 'The connections of this node'
            cand show 'One connection, with its strategies and their last runs'
            cand disable 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled connection''s strategies run again'
            cand test 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
            cand edit 'Change a connection; the change reaches the master with the next push'
            cand remove 'Remove a connection no strategy uses; its history is kept unless --purge'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;connection;help;list'= {
        }
        &'backupctl;connection;help;show'= {
        }
        &'backupctl;connection;help;disable'= {
        }
        &'backupctl;connection;help;enable'= {
        }
        &'backupctl;connection;help;test'= {
        }
        &'backupctl;connection;help;edit'= {
        }
        &'backupctl;connection;help;remove'= {
        }
        &'backupctl;connection;help;help'= {
        }
        &'backupctl;node'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rename 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
            cand grant 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)'
            cand list 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;node;rename'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;node;grant'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --print 'Write the SQL to stdout for a DBA instead of running it'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;node;list'= {
            cand --profile 'Profile (TOML) to read instead of <config dir>/backupctl/profile.toml'
            cand --store 'Metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service'
            cand --rman 'The rman executable (default: $ORACLE_HOME/bin/rman, else rman on PATH)'
            cand --role 'This node''s role in a fleet: standalone, master or slave (for node grant: the database role)'
            cand --json 'Print a JSON array'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print what backupctl reads and decides, on stderr'
            cand --verbose 'Print what backupctl reads and decides, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'backupctl;node;help'= {
            cand rename 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
            cand grant 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)'
            cand list 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;node;help;rename'= {
        }
        &'backupctl;node;help;grant'= {
        }
        &'backupctl;node;help;list'= {
        }
        &'backupctl;node;help;help'= {
        }
        &'backupctl;help'= {
            cand install-schema 'Create or upgrade the schema in the store, or print its DDL for a DBA'
            cand add-connection 'Register a target database; prints its id'
            cand add-strategy 'Store an RMAN script for a connection; prints its id'
            cand run-due 'The minute tick: start whatever is due (call it every minute from cron, systemd or Task Scheduler)'
            cand run 'Run one strategy now'
            cand push-logs 'Slave: send everything the master does not have yet'
            cand status 'Per node and strategy: last run, last success, failures and misses in 24 h, next due'
            cand report 'A self-contained HTML page of the fleet: runs per strategy and day, nodes, open failures'
            cand prune 'Delete runs, logs and errors older than a duration (keeps each strategy''s latest success)'
            cand schedule 'Add, list, remove and preview when strategies run'
            cand logs 'List runs, newest first; --run prints one run''s whole log'
            cand errors 'List errors with their RMAN-/ORA- codes, newest first'
            cand completions 'Print a shell completion script'
            cand check 'Read-only diagnosis of this node: store, rman, Oracle home, credentials, master, scheduler, ticks, backups against max_age'
            cand strategy 'Stored strategies'
            cand connection 'Registered connections'
            cand node 'This node''s name in the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'backupctl;help;install-schema'= {
        }
        &'backupctl;help;add-connection'= {
        }
        &'backupctl;help;add-strategy'= {
        }
        &'backupctl;help;run-due'= {
        }
        &'backupctl;help;run'= {
        }
        &'backupctl;help;push-logs'= {
        }
        &'backupctl;help;status'= {
        }
        &'backupctl;help;report'= {
        }
        &'backupctl;help;prune'= {
        }
        &'backupctl;help;schedule'= {
            cand add 'Add frequencies to a strategy'
            cand list 'List frequencies'
            cand remove 'Remove frequencies from a strategy'
            cand install 'Install (or print) the OS scheduler entry that calls run-due every minute with this profile'
            cand next 'Show the next occurrences across all live strategies of this node'
        }
        &'backupctl;help;schedule;add'= {
        }
        &'backupctl;help;schedule;list'= {
        }
        &'backupctl;help;schedule;remove'= {
        }
        &'backupctl;help;schedule;install'= {
        }
        &'backupctl;help;schedule;next'= {
        }
        &'backupctl;help;logs'= {
        }
        &'backupctl;help;errors'= {
        }
        &'backupctl;help;completions'= {
        }
        &'backupctl;help;check'= {
        }
        &'backupctl;help;strategy'= {
            cand list 'The strategies of this node'
            cand show 'One strategy: its numbered script, frequencies, next five occurrences and last runs'
            cand disable 'Stop a strategy from running (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled strategy run again'
            cand edit 'Change a strategy; a new script replaces the old one whole, validated as add-strategy does'
            cand remove 'Remove a strategy and its frequencies; its history is kept unless --purge'
        }
        &'backupctl;help;strategy;list'= {
        }
        &'backupctl;help;strategy;show'= {
        }
        &'backupctl;help;strategy;disable'= {
        }
        &'backupctl;help;strategy;enable'= {
        }
        &'backupctl;help;strategy;edit'= {
        }
        &'backupctl;help;strategy;remove'= {
        }
        &'backupctl;help;connection'= {
            cand list 'The connections of this node'
            cand show 'One connection, with its strategies and their last runs'
            cand disable 'Stop every backup of a connection (alive = 0); the change reaches the master with the next push'
            cand enable 'Let a disabled connection''s strategies run again'
            cand test 'Start RMAN against a connection with only the connect and EXIT; report success or the RMAN-/ORA- codes'
            cand edit 'Change a connection; the change reaches the master with the next push'
            cand remove 'Remove a connection no strategy uses; its history is kept unless --purge'
        }
        &'backupctl;help;connection;list'= {
        }
        &'backupctl;help;connection;show'= {
        }
        &'backupctl;help;connection;disable'= {
        }
        &'backupctl;help;connection;enable'= {
        }
        &'backupctl;help;connection;test'= {
        }
        &'backupctl;help;connection;edit'= {
        }
        &'backupctl;help;connection;remove'= {
        }
        &'backupctl;help;node'= {
            cand rename 'Move definitions and history from node name OLD to NEW (after a host rename); pushed to the master'
            cand grant 'Master: let the database role ROLE write only NODE''s rows (PostgreSQL: row-level security; Oracle: triggers)'
            cand list 'Every node the store knows: time zone, host, last tick, last push and state (ok, silent, clock ahead)'
        }
        &'backupctl;help;node;rename'= {
        }
        &'backupctl;help;node;grant'= {
        }
        &'backupctl;help;node;list'= {
        }
        &'backupctl;help;help'= {
        }
    ]
    $completions[$command]
}
