//! Running claimed runs: each RMAN on a thread of its own, its end sent back to the thread that
//! owns the store; and the reports that say what happened.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::clock::Clock;
use crate::executor::{self, Finished};
use crate::hook;
use crate::model::{NewRun, ReportStatus, RunEnd, RunError, RunStatus, Runnable};

/// A claimed run and what it runs.
pub struct Job {
    pub run: NewRun,
    pub target: Runnable,
}

/// What to run RMAN with.
#[derive(Clone)]
pub struct Settings {
    /// The rman to run, or why there is none (each run then fails saying so).
    pub rman: Rman,
    /// The time limit of a run whose strategy sets none.
    pub default_timeout: std::time::Duration,
    /// After the cancel at a timeout, how long RMAN may take to end before it is killed.
    pub cancel_grace: std::time::Duration,
    pub log_limit: u64,
    /// Variables no child may see: every connection's credential variable, the store passwords.
    pub scrub: Vec<String>,
    /// Where command files are written (owner-only).
    pub cmdfile_dir: PathBuf,
    /// What a run's start and end are stamped with.
    pub clock: Arc<dyn Clock>,
    /// The backupctl that RMAN runs under ([`executor::supervisor_exe`]).
    pub supervisor: Option<PathBuf>,
    /// Set to cancel the runs under way (`backupctl run`'s Ctrl-C).
    pub cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
}

/// The rman executable, looked for the first time a run asks: an idle tick starts no RMAN and looks
/// for none (on a host without `ORACLE_HOME` in its environment, that was a look in every `PATH`
/// folder every minute).
#[derive(Clone)]
pub struct Rman {
    configured: Option<PathBuf>,
    found: Arc<std::sync::OnceLock<Result<PathBuf, String>>>,
}

impl Rman {
    /// The configured path, else `$ORACLE_HOME/bin/rman`, else `rman` on `PATH`
    /// ([`executor::resolve_rman`]), from this process's environment.
    pub fn new(configured: Option<&std::path::Path>) -> Rman {
        Rman {
            configured: configured.map(PathBuf::from),
            found: Arc::default(),
        }
    }

    /// The resolved rman, or why there is none.
    pub fn get(&self) -> &Result<PathBuf, String> {
        self.found.get_or_init(|| {
            executor::resolve_rman(self.configured.as_deref(), &|k| std::env::var(k).ok())
        })
    }
}

impl Settings {
    /// How one RMAN start of `timeout_secs` runs under these settings.
    pub fn execution(&self, timeout_secs: u64) -> executor::Execution<'_> {
        executor::Execution {
            timeout_secs,
            cancel_grace: self.cancel_grace,
            log_limit: self.log_limit,
            clock: &*self.clock,
            supervisor: self.supervisor.as_deref(),
            cancel: self.cancel.as_deref(),
        }
    }
}

/// One line of a tick's or a run's report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub run_id: Option<String>,
    pub strategy_id: String,
    /// The node, when it is another than this one (a master's findings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    pub scheduled_for: DateTime<Utc>,
    pub status: ReportStatus,
    pub exit_code: Option<i64>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub message: String,
    pub codes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Recorded and reported, but no hook call of its own: one call already stands for it (a
    /// node gone silent, another occurrence of the same strategy in the same check).
    #[serde(skip)]
    pub unpaged: bool,
}

impl Report {
    /// A report for something that did not run: missed, skipped, held, or a node gone silent.
    pub fn unstarted(
        run_id: Option<String>,
        strategy_id: String,
        scheduled_for: DateTime<Utc>,
        status: ReportStatus,
        message: String,
    ) -> Report {
        Report {
            run_id,
            strategy_id,
            node: None,
            connection: None,
            scheduled_for,
            status,
            exit_code: None,
            started_at: None,
            finished_at: None,
            message,
            codes: Vec::new(),
            warnings: Vec::new(),
            unpaged: false,
        }
    }

    /// The report of a run's recorded end.
    pub fn ended(end: &RunEnd, scheduled_for: DateTime<Utc>, connection: &str) -> Report {
        let (message, codes) = end
            .error
            .as_ref()
            .map(|e| (e.message.clone(), e.codes.clone()))
            .unwrap_or_default();
        Report {
            run_id: Some(end.run_id.clone()),
            strategy_id: end.strategy_id.clone(),
            node: None,
            connection: Some(connection.to_string()),
            scheduled_for,
            status: end.status.into(),
            exit_code: end.exit_code,
            started_at: Some(end.started_at),
            finished_at: Some(end.finished_at),
            message,
            codes,
            warnings: end.warnings.clone(),
            unpaged: false,
        }
    }

    /// A backup that did not happen as it should: failed, timed out, missed or interrupted,
    /// or a node of the fleet gone silent.
    pub fn is_failure(&self) -> bool {
        self.status.is_failure()
    }

    /// The hook call for this report, if it is a failure.
    pub fn hook_event(&self, this_node: &str) -> Option<hook::Event> {
        (self.status.pages() && !self.unpaged).then(|| hook::Event {
            strategy: self.strategy_id.clone(),
            run_id: self.run_id.clone().unwrap_or_default(),
            status: self.status,
            node: self.node.clone().unwrap_or_else(|| this_node.to_string()),
            connection: self.connection.clone(),
            scheduled_for: self.scheduled_for,
            codes: self.codes.clone(),
            message: self.message.clone(),
        })
    }
}

/// The rman of a connection: the one in its Oracle home, else the node's.
pub fn rman_for(
    conn: &crate::model::Connection,
    node_rman: &Result<PathBuf, String>,
) -> Result<PathBuf, String> {
    match &conn.oracle_home {
        Some(home) => {
            let exe = std::path::Path::new(home)
                .join("bin")
                .join(format!("rman{}", std::env::consts::EXE_SUFFIX));
            if exe.is_file() {
                Ok(exe)
            } else {
                Err(format!(
                    "rman not found at {} (the Oracle home of connection {}): fix it with --oracle-home",
                    exe.display(),
                    conn.conn_id
                ))
            }
        }
        None => node_rman.clone(),
    }
}

/// Start RMAN for a claimed run on a thread of its own; `done` gets its end there.
pub fn spawn(job: Job, settings: &Settings, done: impl FnOnce(Job, Finished) + Send + 'static) {
    let env = |k: &str| std::env::var(k).ok();
    let timeout = job
        .target
        .strategy
        .timeout_secs
        .unwrap_or(settings.default_timeout.as_secs());
    let prepared = rman_for(&job.target.connection, settings.rman.get()).and_then(|rman| {
        let mut inv = executor::invocation(
            &job.target.connection,
            &job.target.strategy.lines,
            &rman,
            &env,
        )?;
        inv.env_remove.extend(settings.scrub.iter().cloned());
        Ok((rman, inv))
    });
    let settings = settings.clone();
    std::thread::spawn(move || {
        let finished = match prepared {
            Err(msg) => Finished::not_started(msg, settings.clock.wall()),
            Ok((rman, inv)) => executor::run_command_file(
                &rman,
                &inv,
                &settings.cmdfile_dir,
                &job.run.run_id,
                &settings.execution(timeout),
            ),
        };
        done(job, finished);
    });
}

/// What the store is to record of a finished run.
pub fn run_end(run: &NewRun, mut fin: Finished) -> RunEnd {
    let status = fin.outcome.status;
    RunEnd {
        run_id: run.run_id.clone(),
        node: run.node.clone(),
        strategy_id: run.strategy_id.clone(),
        status,
        exit_code: fin.exit_code,
        started_at: fin.started_at,
        finished_at: fin.finished_at,
        log: std::mem::take(&mut fin.log),
        error: (status != RunStatus::Succeeded).then(|| RunError {
            message: std::mem::take(&mut fin.outcome.message),
            codes: std::mem::take(&mut fin.outcome.codes),
        }),
        warnings: std::mem::take(&mut fin.outcome.warnings),
        pieces: Some(fin.pieces),
    }
}

/// Where a run's end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Recorded in the store.
    Recorded,
    /// In the spool, until the store takes it.
    Spooled,
    /// Recorded, or spooled, with only the tail of its log: there was no room for all of it.
    Tail { spooled: bool },
}

impl Kept {
    /// Whether the end waits in the spool for the store to take it.
    pub fn in_spool(self) -> bool {
        matches!(self, Kept::Spooled | Kept::Tail { spooled: true })
    }
}

/// Keep a run's end somewhere, before anything optional (hooks, pushes, output): in the store;
/// else whole in the spool; else — a full disk — with only the tail of its log in the store,
/// then in the spool. Each step it falls back from is said on stderr. Fails only when none
/// took it: the run stays `running` in the store, and the next tick records it interrupted.
pub fn keep_end(
    store: &mut crate::store::Store,
    spool: &crate::spool::Spool,
    end: &RunEnd,
) -> anyhow::Result<Kept> {
    let Err(first) = store.finish_run(end) else {
        return Ok(Kept::Recorded);
    };
    eprintln!(
        "warning: the end of run {} ({}) could not be recorded yet: {}",
        end.run_id,
        end.status,
        crate::error::one_line(&first)
    );
    if spool.keep(end).is_ok() {
        return Ok(Kept::Spooled);
    }
    let tail = end.with_log_tail();
    if store.finish_run(&tail).is_ok() {
        eprintln!(
            "warning: run {} recorded with the last {} KiB of its log only: no room was left for all of it",
            end.run_id,
            crate::model::LOG_TAIL_BYTES >> 10
        );
        return Ok(Kept::Tail { spooled: false });
    }
    match spool.keep(&tail) {
        Ok(()) => {
            eprintln!(
                "warning: run {} kept in the spool with the last {} KiB of its log only: no room was left for all of it",
                end.run_id,
                crate::model::LOG_TAIL_BYTES >> 10
            );
            Ok(Kept::Tail { spooled: true })
        }
        Err(e) => Err(e.context(format!(
            "the end of run {} ({}) could be kept neither in the store nor in the spool ({})",
            end.run_id,
            end.status,
            crate::error::one_line(&first)
        ))),
    }
}
