//! Running claimed runs: in priority order, at most `jobs` at once and `per_connection` per
//! connection, each RMAN in its own thread; the calling thread alone writes to the store.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::executor::{self, outcome::Status, Finished};
use crate::hook;
use crate::store::{NewError, NewRun, Runnable, Store};

/// A claimed run waiting for its turn.
pub struct Job {
    pub run: NewRun,
    pub target: Runnable,
}

/// What to run RMAN with.
pub struct Settings {
    /// The resolved rman, or why there is none (each run then fails saying so).
    pub rman: Result<PathBuf, String>,
    pub default_timeout_secs: u64,
    pub log_limit: u64,
    pub jobs: usize,
    pub per_connection: usize,
    pub on_failure: Option<PathBuf>,
}

/// One line of a tick's or a run's report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub run_id: Option<String>,
    pub strategy_id: String,
    pub scheduled_for: DateTime<Utc>,
    pub status: String,
    pub exit_code: Option<i64>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub message: String,
    pub codes: Vec<String>,
}

impl Report {
    /// A report for something that did not run: missed, skipped, or a node gone silent.
    pub fn unstarted(
        run_id: Option<String>,
        strategy_id: String,
        scheduled_for: DateTime<Utc>,
        status: &str,
        message: String,
    ) -> Report {
        Report {
            run_id,
            strategy_id,
            scheduled_for,
            status: status.to_string(),
            exit_code: None,
            started_at: None,
            finished_at: None,
            message,
            codes: Vec::new(),
        }
    }

    /// A backup that did not happen as it should: failed, timed out, missed or interrupted.
    pub fn is_failure(&self) -> bool {
        matches!(
            self.status.as_str(),
            "failed" | "timed_out" | "missed" | "interrupted" | "silent"
        )
    }
}

/// Fire the hook for a failure; a problem with the hook is printed, never returned.
pub fn notify(settings_hook: Option<&PathBuf>, node: &str, r: &Report) {
    let Some(hook) = settings_hook else { return };
    if !r.is_failure() {
        return;
    }
    let ev = hook::Event {
        strategy: &r.strategy_id,
        run_id: r.run_id.as_deref().unwrap_or_default(),
        status: &r.status,
        node,
        message: &r.message,
    };
    if let Some(warning) = hook::fire(hook, &ev) {
        eprintln!("warning: {warning}");
    }
}

/// Run every job to its end and record each outcome. Returns the reports in completion order,
/// and the first store error met (the other runs still go on and are recorded if possible).
pub fn run_jobs(
    store: &mut Store,
    mut queue: Vec<Job>,
    settings: &Settings,
    mut on_start: impl FnMut(&Job),
) -> (Vec<Report>, Option<anyhow::Error>) {
    let mut reports = Vec::with_capacity(queue.len());
    let mut first_error: Option<anyhow::Error> = None;
    let mut active = 0usize;
    let mut per_conn: HashMap<String, usize> = HashMap::new();
    let (tx, rx) = mpsc::channel::<(Job, Finished)>();
    let env = |k: &str| std::env::var(k).ok();
    loop {
        let mut i = 0;
        while active < settings.jobs && i < queue.len() {
            let conn = queue[i].target.connection.conn_id.clone();
            if per_conn.get(&conn).copied().unwrap_or(0) >= settings.per_connection {
                i += 1;
                continue;
            }
            let job = queue.remove(i);
            on_start(&job);
            if let Err(e) = store.mark_started(&job.run.run_id, Utc::now()) {
                first_error.get_or_insert(e);
            }
            *per_conn.entry(conn).or_default() += 1;
            active += 1;
            let timeout = job
                .target
                .strategy
                .timeout_secs
                .unwrap_or(settings.default_timeout_secs);
            let rman = settings.rman.clone();
            let inv =
                executor::invocation(&job.target.connection, &job.target.strategy.lines, &env);
            let log_limit = settings.log_limit;
            let tx = tx.clone();
            std::thread::spawn(move || {
                let finished = match (rman, inv) {
                    (Err(msg), _) | (_, Err(msg)) => Finished::not_started(msg, Utc::now()),
                    (Ok(rman), Ok(inv)) => executor::execute(&rman, &inv, timeout, log_limit),
                };
                let _ = tx.send((job, finished));
            });
        }
        if active == 0 {
            break;
        }
        let Ok((job, mut fin)) = rx.recv() else { break };
        active -= 1;
        if let Some(n) = per_conn.get_mut(&job.target.connection.conn_id) {
            *n -= 1;
        }
        let status = fin.outcome.status.as_str();
        let error = (fin.outcome.status != Status::Succeeded).then(|| NewError {
            message: &fin.outcome.message,
            codes: &fin.outcome.codes,
        });
        if let Err(e) = store.finish_run(
            &job.run,
            status,
            fin.exit_code,
            fin.started_at,
            fin.finished_at,
            std::mem::take(&mut fin.log),
            error,
        ) {
            eprintln!("error: {}", crate::error::one_line(&e));
            first_error.get_or_insert(e);
        }
        let report = Report {
            run_id: Some(job.run.run_id.clone()),
            strategy_id: job.run.strategy_id.clone(),
            scheduled_for: job.run.scheduled_for,
            status: status.to_string(),
            exit_code: fin.exit_code,
            started_at: Some(fin.started_at),
            finished_at: Some(fin.finished_at),
            message: fin.outcome.message.clone(),
            codes: fin.outcome.codes.clone(),
        };
        notify(settings.on_failure.as_ref(), &job.run.node, &report);
        reports.push(report);
    }
    (reports, first_error)
}
