//! What the manual says beyond the options: profile keys, exit status, environment, files. One
//! source for the man pages (rendered under `man/`), the profile's unknown-key message and its
//! tests.

/// Every profile key: name, default, meaning. Each can also be set as `BACKUPCTL_<KEY>`.
pub const PROFILE_KEYS: &[(&str, &str, &str)] = &[
    ("role", "standalone", "standalone, master or slave"),
    ("node", "the host name", "this node's name in the store"),
    (
        "store",
        "<data dir>/backupctl/metadata.db",
        "the metadata store: sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service",
    ),
    ("master", "none", "slave only: the master's store URL"),
    ("timezone", "the system's", "IANA time zone the schedules are read in"),
    ("rman", "$ORACLE_HOME/bin/rman, else PATH", "the rman executable"),
    ("catch_up", "15m", "how late a missed occurrence may still start"),
    ("jobs", "4", "backups at once on this node"),
    ("per_connection", "1", "backups at once against one database"),
    ("default_timeout", "6h", "the timeout of strategies without one"),
    ("log_limit", "16MiB", "bytes of one run's log kept (head and tail)"),
    (
        "monitor_grace",
        "10m",
        "master: how long an occurrence may stay without a run before it is reported missed",
    ),
    ("on_failure", "none", "a program called for every failed, timed-out, missed or interrupted run"),
    ("master_timeout", "10s", "slave: how long the master may take to connect or answer one statement"),
    ("hook_timeout", "60s", "how long one on_failure call may run"),
    (
        "store_timeout",
        "5m",
        "how long a PostgreSQL or Oracle store may take to connect or answer one statement; on SQLite, how long a statement waits for another process's lock (at most 30s)",
    ),
    (
        "cancel_grace",
        "60s",
        "after RMAN's cancel (SIGINT, its Ctrl-C) at a timeout, how long it may take to end before it is killed",
    ),
    (
        "push_spread",
        "20s",
        "slave: how far into the minute its push may start, a fixed place for each node name (at most 30s; 0s: at once)",
    ),
];

/// The documented exit codes (see also `error::exit`).
pub const EXIT_STATUS: &[(u8, &str)] = &[
    (0, "success, including \"nothing was due\""),
    (1, "internal error"),
    (2, "usage error: unknown command or flag, missing argument"),
    (
        3,
        "bad input or configuration: id, day, time, cron, duration, URL, profile key, script",
    ),
    (4, "the store is unreachable or failing"),
    (
        5,
        "a backup failed, timed out, was missed or was interrupted; check found a problem",
    ),
];

/// Environment variables backupctl reads (besides `BACKUPCTL_<KEY>` for every profile key).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("BACKUPCTL_PROFILE", "the profile to read (as --profile)"),
    ("BACKUPCTL_STORE", "the metadata store (as --store)"),
    ("BACKUPCTL_RMAN", "the rman executable (as --rman)"),
    (
        "BACKUPCTL_<KEY>",
        "any profile key, upper-cased (BACKUPCTL_CATCH_UP=30m); wins over the profile file",
    ),
    (
        "BACKUPCTL_STORE_PASSWORD",
        "the password of a PostgreSQL or Oracle store (never in a URL)",
    ),
    ("BACKUPCTL_MASTER_PASSWORD", "the password of a slave's master store"),
    (
        "ORACLE_HOME",
        "the Oracle home whose bin/rman runs backups, unless the connection names its own",
    ),
    ("TNS_ADMIN", "where tnsnames.ora and sqlnet.ora (wallet aliases) are found"),
    ("VISUAL, EDITOR", "the editor strategy edit opens on a terminal"),
    (
        "BACKUPCTL_RUN_ID, BACKUPCTL_STRATEGY, BACKUPCTL_CONNECTION, BACKUPCTL_NODE, BACKUPCTL_STATUS, BACKUPCTL_SCHEDULED_FOR, BACKUPCTL_CODES, BACKUPCTL_MESSAGE",
        "set by backupctl for the on_failure program (never read)",
    ),
];

/// Files backupctl reads and writes.
pub const FILES: &[(&str, &str)] = &[
    (
        "<config dir>/backupctl/profile.toml",
        "the profile when none is named (~/.config on Linux, %APPDATA% on Windows)",
    ),
    (
        "<data dir>/backupctl/metadata.db",
        "the embedded SQLite store (owner-only), with its -wal and -shm files",
    ),
    (
        "<data dir>/backupctl/run/",
        "each run's RMAN command file while it runs (owner-only)",
    ),
    (
        "<data dir>/backupctl/spool/",
        "run ends kept while the store could not be written",
    ),
    (
        "<data dir>/backupctl/locks/",
        "one lock file per running tick or run",
    ),
];

/// The sections above, as (title, entries), for the main man page.
pub fn sections() -> Vec<(&'static str, Vec<(String, String)>)> {
    vec![
        (
            "PROFILE KEYS",
            PROFILE_KEYS
                .iter()
                .map(|(k, d, m)| (k.to_string(), format!("{m} (default: {d})")))
                .collect(),
        ),
        (
            "EXIT STATUS",
            EXIT_STATUS
                .iter()
                .map(|(c, m)| (c.to_string(), m.to_string()))
                .collect(),
        ),
        (
            "ENVIRONMENT",
            ENVIRONMENT
                .iter()
                .map(|(k, m)| (k.to_string(), m.to_string()))
                .collect(),
        ),
        (
            "FILES",
            FILES
                .iter()
                .map(|(k, m)| (k.to_string(), m.to_string()))
                .collect(),
        ),
    ]
}

/// The profile keys, comma-separated, for messages.
pub fn key_names() -> String {
    PROFILE_KEYS
        .iter()
        .map(|k| k.0)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_matches_the_codes_in_use() {
        use crate::error::exit;
        let codes: Vec<u8> = EXIT_STATUS.iter().map(|e| e.0).collect();
        assert_eq!(
            codes,
            [
                exit::OK,
                exit::INTERNAL,
                exit::USAGE,
                exit::INVALID,
                exit::STORE,
                exit::BACKUP_FAILED
            ]
        );
    }
}
