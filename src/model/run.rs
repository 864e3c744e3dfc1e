//! A run as the tick claims, starts and ends it: what to insert, what it runs, how it ended,
//! and the limits a start is held to.

use chrono::{DateTime, Utc};

use super::{Connection, RunStatus, Strategy, Trigger};

/// A run row to insert: a claim (`running`) or a record of an occurrence that did not run.
#[derive(Clone, Debug)]
pub struct NewRun {
    pub run_id: String,
    pub node: String,
    pub strategy_id: String,
    pub scheduled_for: DateTime<Utc>,
    pub status: RunStatus,
    pub trigger: Trigger,
    pub host: Option<String>,
    pub pid: Option<u32>,
    pub owner_lock: Option<String>,
}

/// What the tick needs to start a strategy.
#[derive(Clone, Debug)]
pub struct Runnable {
    pub strategy: Strategy,
    pub connection: Connection,
}

impl Limits {
    /// Why one more run may not start while `on_node` runs go on on this node, `on_conn` of
    /// them against `connection`, and whether the limit is node-wide (`jobs`: nothing else can
    /// start either); `None` when it may. The one place the limits are judged, by the plan and
    /// by the store's claim alike.
    pub fn refusal(
        &self,
        on_node: usize,
        connection: &str,
        on_conn: usize,
    ) -> Option<(String, bool)> {
        if on_node >= self.jobs {
            Some((
                format!("jobs = {} backups already run on this node", self.jobs),
                true,
            ))
        } else if on_conn >= self.per_connection {
            Some((
                format!(
                    "per_connection = {} backups already run against connection {connection}",
                    self.per_connection
                ),
                false,
            ))
        } else {
            None
        }
    }
}

/// The process that owns a run while it goes on: a later tick that can take its lock knows the
/// owner is gone.
#[derive(Clone, Debug)]
pub struct Owner {
    pub host: String,
    pub pid: u32,
    pub lock: String,
}

impl NewRun {
    /// A due occurrence: claimed by a tick to start (`running`), or recorded as not run
    /// (`missed`, `skipped`).
    pub fn scheduled(
        run_id: String,
        node: &str,
        strategy_id: &str,
        at: DateTime<Utc>,
        status: RunStatus,
        owner: &Owner,
    ) -> NewRun {
        NewRun {
            run_id,
            node: node.to_string(),
            strategy_id: strategy_id.to_string(),
            scheduled_for: at,
            status,
            trigger: Trigger::Scheduled,
            host: Some(owner.host.clone()),
            pid: Some(owner.pid),
            owner_lock: Some(owner.lock.clone()),
        }
    }

    /// `backupctl run`: due now, started by hand.
    pub fn manual(
        run_id: String,
        node: &str,
        strategy_id: &str,
        now: DateTime<Utc>,
        owner: &Owner,
    ) -> NewRun {
        NewRun {
            trigger: Trigger::Manual,
            ..NewRun::scheduled(run_id, node, strategy_id, now, RunStatus::Running, owner)
        }
    }

    /// A master's record of an occurrence a node never logged: missed, owned by no process.
    pub fn monitored(run_id: String, node: &str, strategy_id: &str, at: DateTime<Utc>) -> NewRun {
        NewRun {
            run_id,
            node: node.to_string(),
            strategy_id: strategy_id.to_string(),
            scheduled_for: at,
            status: RunStatus::Missed,
            trigger: Trigger::Monitor,
            host: None,
            pid: None,
            owner_lock: None,
        }
    }

    /// (run id, node, strategy), as the log and error rows carry them.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.run_id, &self.node, &self.strategy_id)
    }
}

/// The limits a claim to start is checked against, node-wide.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub jobs: usize,
    pub per_connection: usize,
}

/// An error to keep with a run's end (owned, so that it can wait in the spool).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunError {
    pub message: String,
    pub codes: Vec<String>,
}

/// How a run ended, as [`Store::finish_run`] records it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunEnd {
    pub run_id: String,
    pub node: String,
    pub strategy_id: String,
    pub status: RunStatus,
    pub exit_code: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub log: String,
    pub error: Option<RunError>,
    /// Lines with a code RMAN printed outside an error stack.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Backup pieces RMAN reported written (absent in a spooled end of an older backupctl).
    #[serde(default)]
    pub pieces: Option<u64>,
}

/// How much of a log a run's end keeps when the whole of it could be written nowhere.
pub const LOG_TAIL_BYTES: usize = 64 << 10;

impl RunEnd {
    /// The same end with only the last [`LOG_TAIL_BYTES`] of its log (cut on a character
    /// boundary, said at its head): what is kept when the disk has no room for the whole log.
    /// The status, exit code, error and warnings are all there.
    pub fn with_log_tail(&self) -> RunEnd {
        let mut end = self.clone();
        if end.log.len() > LOG_TAIL_BYTES {
            let mut from = end.log.len() - LOG_TAIL_BYTES;
            while !end.log.is_char_boundary(from) {
                from += 1;
            }
            end.log = format!(
                "[backupctl: no room to keep this log whole: its first {} bytes are dropped]\n{}",
                from,
                &end.log[from..]
            );
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::{RunEnd, LOG_TAIL_BYTES};
    use crate::model::RunStatus;

    #[test]
    fn a_log_tail_is_cut_on_a_character_boundary_and_says_so() {
        let at = chrono::DateTime::UNIX_EPOCH;
        let end = RunEnd {
            run_id: "R".into(),
            node: "n".into(),
            strategy_id: "S".into(),
            status: RunStatus::Failed,
            exit_code: Some(1),
            started_at: at,
            finished_at: at,
            log: format!("{}RMAN-03009 é\n", "é".repeat(LOG_TAIL_BYTES)),
            error: None,
            warnings: vec!["RMAN-06169".into()],
            pieces: None,
        };
        let tail = end.with_log_tail();
        assert!(tail
            .log
            .starts_with("[backupctl: no room to keep this log whole"));
        assert!(tail.log.ends_with("RMAN-03009 é\n"));
        assert!(tail.log.len() < LOG_TAIL_BYTES + 200);
        assert_eq!((tail.status, tail.exit_code), (end.status, end.exit_code));
        assert_eq!(tail.warnings, end.warnings);
        let short = RunEnd {
            log: "short".into(),
            ..end
        };
        assert_eq!(short.with_log_tail(), short);
    }
}
