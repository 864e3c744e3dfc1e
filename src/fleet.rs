//! The fleet: a slave pushes its store to the master, and the master reports every occurrence a
//! node was expected to run but has no run for.

use std::sync::{mpsc, Arc};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::clock::Clock;
use crate::model::ReportStatus;
use crate::profile::Profile;
use crate::runner::Report;
use crate::schedule::{candidate_minutes, minute_of, occurrences_between};
use crate::store::sync::{Batch, Counts, Synced, PUSHED};
use crate::store::{self, NewError, NewRun, Row, RunStatus, Store, StoreUrl, Which};
use crate::units::{local_minute, new_id};

/// Rows per master transaction.
const BATCH: u64 = 1000;
/// No more than this many bytes of logs per transaction (two batches are in hand at a time: one
/// on its way to the master, the next one read).
const LOG_BATCH_BYTES: u64 = 16 << 20;

/// What a push did.
#[derive(Debug, Default, Serialize)]
pub struct PushReport {
    pub master: String,
    pub pushed: Counts,
    pub pending: Counts,
    /// Rows set aside because the master refused them (all of them, not only this push's).
    pub set_aside: Counts,
    /// Why each row this push set aside was refused.
    pub refused: Vec<String>,
    /// Why the push stopped early, if it did.
    pub error: Option<String>,
}

impl PushReport {
    /// Fill in what waits to be pushed (and what is set aside) from the local store.
    pub fn count_pending(&mut self, local: &mut Store, node: &str) -> anyhow::Result<()> {
        self.pending = local.pending(node)?;
        self.set_aside = local.set_aside_counts(node)?;
        Ok(())
    }

    /// Each refusal of this push on stderr, whatever -q says: the master is missing those rows.
    pub fn warn_refused(&self) {
        for why in &self.refused {
            eprintln!("warning: {why}");
        }
    }
}

/// What a push under way tells whoever started it.
pub enum PushEvent {
    /// The master answered (connected, or a statement returned).
    Heard,
    /// The push ended.
    Done(Box<PushReport>),
}

/// A push under way on a thread of its own, with its own connections to the local store and
/// the master. Whoever started it is never held up by it: it hears of the push through the
/// `notify` it gave [`PushJob::start`], and gives up a master silent for longer than
/// `master_timeout` (no statement answered) at [`PushJob::give_up_at`].
pub struct PushJob {
    timeout: std::time::Duration,
    master: String,
    clock: Arc<dyn Clock>,
    heard_at: DateTime<Utc>,
}

impl PushJob {
    /// Start a push; `notify` hears from the push's thread. With `retry_set_aside`, rows set
    /// aside after earlier refusals are offered again.
    pub fn start(
        profile: &Profile,
        retry_set_aside: bool,
        clock: Arc<dyn Clock>,
        notify: impl Fn(PushEvent) + Send + 'static,
    ) -> PushJob {
        let pusher = Arc::clone(&clock);
        let profile = profile.clone();
        let master = profile
            .master
            .as_ref()
            .map(|m| m.to_string())
            .unwrap_or_default();
        // A failover list is tried host by host, each within master_timeout.
        let hosts = profile.master.as_ref().map_or(1, |m| m.host_count());
        let job = PushJob {
            timeout: profile.master_timeout * hosts,
            master: master.clone(),
            heard_at: clock.wall(),
            clock,
        };
        std::thread::spawn(move || {
            let timeout = profile.store_timeout;
            let opened = store::open_existing(&profile.store, timeout).and_then(|mut local| {
                if retry_set_aside {
                    local.retry_set_aside(&profile.node)?;
                }
                Ok(local)
            });
            let report = match opened {
                Ok(mut local) => push(&mut local, &profile, pusher.wall(), &|| {
                    notify(PushEvent::Heard)
                }),
                Err(e) => PushReport {
                    master,
                    error: Some(crate::error::one_line(&e)),
                    ..Default::default()
                },
            };
            notify(PushEvent::Done(Box::new(report)));
        });
        job
    }

    /// Push and wait for the end (`push-logs`), bounded by the master's silence as in a tick.
    pub fn run(profile: &Profile, retry_set_aside: bool, clock: Arc<dyn Clock>) -> PushReport {
        let mut report = Self::wait_for(profile, retry_set_aside, clock);
        if report.error.is_some() {
            // A push given up reports no counts of its own: what waits is read here.
            if let Ok(mut local) = store::open_existing(&profile.store, profile.store_timeout) {
                let _ = report.count_pending(&mut local, &profile.node);
            }
        }
        report
    }

    fn wait_for(profile: &Profile, retry_set_aside: bool, clock: Arc<dyn Clock>) -> PushReport {
        let (tx, rx) = mpsc::channel();
        let mut job = PushJob::start(profile, retry_set_aside, clock, move |e| {
            let _ = tx.send(e);
        });
        loop {
            let wait = (job.give_up_at() - job.clock.wall())
                .to_std()
                .unwrap_or_default();
            match rx.recv_timeout(job.clock.real_wait(wait)) {
                Ok(PushEvent::Heard) => job.heard(),
                Ok(PushEvent::Done(r)) => return *r,
                Err(mpsc::RecvTimeoutError::Disconnected) => return job.lost(),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(r) = job.given_up() {
                        return r;
                    }
                }
            }
        }
    }

    /// The master answered.
    pub fn heard(&mut self) {
        self.heard_at = self.clock.wall();
    }

    /// When the master will have been silent too long: `master_timeout` after it last answered,
    /// and a second more. A backstop: each round trip of the push is bounded by master_timeout
    /// itself (the store's backend), so the push's own report normally comes first.
    pub fn give_up_at(&self) -> DateTime<Utc> {
        self.heard_at
            + Duration::from_std(self.timeout).unwrap_or(Duration::MAX)
            + Duration::seconds(1)
    }

    /// The report of a push whose thread ended without one.
    pub fn lost(&self) -> PushReport {
        PushReport {
            master: self.master.clone(),
            error: Some("the push ended without a report".into()),
            ..Default::default()
        }
    }

    /// A report saying the master was given up, once it has been silent too long.
    pub fn given_up(&self) -> Option<PushReport> {
        (self.clock.wall() > self.give_up_at()).then(|| PushReport {
            master: self.master.clone(),
            error: Some(format!(
                "master {} did not answer within master_timeout ({}): given up for now; the rows wait for the next push",
                self.master,
                crate::units::format_duration(self.timeout.as_secs())
            )),
            ..Default::default()
        })
    }
}

/// The node's last tick and the time of its push, no later than the master's clock: a node
/// whose clock is fast would otherwise hold back the master's checks of it (misses unchecked,
/// silence unseen) until the real time caught up. Said on stderr past a minute ahead.
fn bounded_by_master(
    node: &str,
    last_tick: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    master_now: DateTime<Utc>,
) -> (Option<DateTime<Utc>>, DateTime<Utc>) {
    let ahead = now - master_now;
    if ahead > Duration::minutes(1) {
        eprintln!(
            "warning: the clock of node {node} is {} ahead of the master's: its last tick and this push are recorded at the master's time; set the node's clock right (NTP)",
            crate::units::took(ahead.num_seconds())
        );
    }
    (last_tick.map(|t| t.min(master_now)), now.min(master_now))
}

/// Push everything of this node the master does not have yet. Never fails: a master that is
/// down leaves the rows marked unpushed for the next push, and the report says why. `beat` is
/// called each time the master answers.
pub fn push(
    local: &mut Store,
    profile: &Profile,
    now: DateTime<Utc>,
    beat: &dyn Fn(),
) -> PushReport {
    let Some(master_url) = &profile.master else {
        return PushReport {
            error: Some("no master is configured (set master in the profile)".into()),
            ..Default::default()
        };
    };
    let mut report = PushReport {
        master: master_url.to_string(),
        ..Default::default()
    };
    let mut refused = Vec::new();
    if let Err(e) = push_all(
        local,
        master_url,
        profile,
        now,
        &mut report.pushed,
        &mut refused,
        beat,
    ) {
        report.error = Some(crate::error::one_line(&e));
    }
    report.refused = refused;
    if let Err(e) = report.count_pending(local, &profile.node) {
        report.error.get_or_insert(crate::error::one_line(&e));
    }
    report
}

fn push_all(
    local: &mut Store,
    url: &StoreUrl,
    profile: &Profile,
    now: DateTime<Utc>,
    pushed: &mut Counts,
    refused: &mut Vec<String>,
    beat: &dyn Fn(),
) -> anyhow::Result<()> {
    let node = profile.node.as_str();
    let timeout = profile.master_timeout;
    let mut master = store::open_within(url, Which::Master, Some(timeout))?;
    beat();
    master.claim_node_host(node, &crate::tick::host_name(), profile.timezone.name())?;
    // A second connection to the local store reads the next batch while the master takes the
    // one before, and this one marks what the master took: the slave's reading and marking
    // and the master's writing overlap instead of taking turns.
    let mut reader = store::open_existing(&profile.store, profile.store_timeout)?;
    let marker = &mut *local;
    std::thread::scope(|scope| {
        // Each batch is handed over as it is taken (a rendezvous): one batch in the master's
        // hands, the next one read, never more.
        let (ahead, batches) = mpsc::sync_channel(0);
        let (next_table, go) = mpsc::channel();
        scope.spawn(move || read_ahead(&mut reader, node, &ahead, &go));
        let (marks, to_mark) = mpsc::channel();
        let marking = scope.spawn(move || mark(marker, node, now, to_mark, refused));
        let mut push = Pusher {
            marks,
            master: &mut master,
            beat,
        };
        // Definitions first: runs refer to strategies, strategies to connections. Removals after
        // what was added or changed, before the runs: a purge on the master must not meet runs
        // it is about to receive (the node purged them too). Errors last: they include those
        // about rows set aside on the way.
        let pushing = (|| {
            for spec in PUSHED {
                loop {
                    match batches.recv() {
                        Ok(Ok(Ahead::Batch(batch, children))) => {
                            push.batch(batch, &children, pushed.of_mut(spec))?
                        }
                        Ok(Ok(Ahead::End)) => break,
                        Ok(Err(e)) => return Err(e),
                        Err(_) => anyhow::bail!("the read of the local store stopped"),
                    }
                }
                // The reader starts on the next table only once this one's marks are written:
                // what it set aside (its errors) is read with the errors of this push.
                push.marked()?;
                let _ = next_table.send(());
            }
            Ok(())
        })();
        drop(push);
        let marked = marking
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the marking of pushed rows stopped")));
        // A failed mark stops the push: its error says why, rather than the push's.
        marked.and(pushing)
    })?;
    // The node record last: a last tick on the master means that tick's runs are there too.
    // Its times are taken no later than the master's clock.
    let master_now = master.server_now()?;
    let last_tick = local.last_tick(node)?;
    let (last_tick, seen) = bounded_by_master(node, last_tick, now, master_now);
    master.receive_node(node, profile.timezone.name(), last_tick, seen, master_now)?;
    Ok(())
}

/// One push's connection to the master, and where what the master took is marked.
struct Pusher<'a> {
    marks: mpsc::Sender<Mark>,
    master: &'a mut Store,
    beat: &'a dyn Fn(),
}

/// What the marking thread writes in the local store, in order.
enum Mark {
    /// On the master: pushed.
    Pushed(Batch<'static>),
    /// Refused by the master (why): set aside.
    SetAside(Batch<'static>, String),
    /// Everything before is written: say so.
    Written(mpsc::Sender<()>),
}

/// Write the marks as they come, until the pusher is done; `refused` gets what each row set
/// aside was refused for.
fn mark(
    local: &mut Store,
    node: &str,
    now: DateTime<Utc>,
    marks: mpsc::Receiver<Mark>,
    refused: &mut Vec<String>,
) -> anyhow::Result<()> {
    for m in marks {
        match m {
            Mark::Pushed(batch) => local.mark_pushed(&batch)?,
            Mark::SetAside(one, why) => refused.extend(local.set_aside(&one, node, &why, now)?),
            Mark::Written(said) => {
                let _ = said.send(());
            }
        }
    }
    Ok(())
}

/// What the local store's reader hands the pusher: a batch (with a strategy's lines and
/// frequencies), or the end of a table.
enum Ahead {
    Batch(Batch<'static>, Children),
    End,
}

/// Read every table's unpushed rows in key order, a batch at a time, each batch after the last
/// row of the one before (the marks of the rows before are written meanwhile by the pusher, on
/// its own connection). Stops when the pusher stops taking.
fn read_ahead(
    local: &mut Store,
    node: &str,
    ahead: &mpsc::SyncSender<anyhow::Result<Ahead>>,
    go: &mpsc::Receiver<()>,
) {
    for spec in PUSHED {
        let mut after: Option<Row> = None;
        loop {
            let read = read_batch(local, node, spec, after.as_ref());
            let (batch, children, limit) = match read {
                Ok(read) => read,
                Err(e) => {
                    let _ = ahead.send(Err(e));
                    return;
                }
            };
            let last = (batch.len() as u64) < limit;
            after = batch.rows.last().cloned();
            if after.is_none() {
                break;
            }
            if ahead.send(Ok(Ahead::Batch(batch, children))).is_err() {
                return;
            }
            if last {
                break;
            }
        }
        if ahead.send(Ok(Ahead::End)).is_err() || go.recv().is_err() {
            return;
        }
    }
}

/// A strategy's lines and frequencies, pushed with it.
type Children = Vec<(Vec<Row>, Vec<Row>)>;

/// A batch, its children, and the most rows it could have held.
type Read = (Batch<'static>, Children, u64);

/// The next batch of `spec`'s table after row `after` ([`BATCH`] rows, and logs within
/// [`LOG_BATCH_BYTES`]), with each strategy's lines and frequencies, and the most rows it could
/// have held.
fn read_batch(
    local: &mut Store,
    node: &str,
    spec: &'static Synced,
    after: Option<&Row>,
) -> anyhow::Result<Read> {
    let limit = if spec.table == "log" {
        local.logs_within(node, after, BATCH, LOG_BATCH_BYTES)?
    } else {
        BATCH
    };
    let batch = local.unpushed(spec, node, after, limit)?;
    let mut children = Vec::new();
    if spec.table == "strategy" {
        for row in &batch.rows {
            children.push(local.strategy_children(node, row.text_of("strategy_id")?)?);
        }
    }
    Ok((batch, children, limit))
}

impl Pusher<'_> {
    /// Push one batch. A batch the master refuses while it still answers is tried row by row,
    /// and only the rows it refuses alone are set aside: one bad row never holds up the others.
    fn batch(
        &mut self,
        batch: Batch<'static>,
        children: &[(Vec<Row>, Vec<Row>)],
        count: &mut u64,
    ) -> anyhow::Result<()> {
        let spec = batch.spec;
        // On the master first, then marked: a push cut off in between sends the batch again,
        // and the master's upserts keep each row once.
        match self.master.receive(&batch, children) {
            Ok(()) => {
                *count += batch.len() as u64;
                self.mark(Mark::Pushed(batch))?;
            }
            Err(e) => {
                // A master that no longer answers is an outage, not a refusal.
                self.master.ping().map_err(|_| e)?;
                for (i, row) in batch.rows.iter().enumerate() {
                    let one = Batch {
                        spec,
                        rows: vec![row.clone()],
                    };
                    let kids: Vec<_> = children.get(i).cloned().into_iter().collect();
                    match self.master.receive(&one, &kids) {
                        Ok(()) => {
                            *count += 1;
                            self.mark(Mark::Pushed(one))?;
                        }
                        Err(e) => {
                            let why = crate::error::one_line(&e);
                            self.master
                                .ping()
                                .map_err(|_| e.context("the master stopped answering"))?;
                            self.mark(Mark::SetAside(one, why))?;
                        }
                    }
                    (self.beat)();
                }
            }
        }
        (self.beat)();
        Ok(())
    }

    fn mark(&self, mark: Mark) -> anyhow::Result<()> {
        self.marks
            .send(mark)
            .map_err(|_| anyhow::anyhow!("the marking of pushed rows stopped"))
    }

    /// Wait until every mark sent is written.
    fn marked(&self) -> anyhow::Result<()> {
        let (said, written) = mpsc::channel();
        self.mark(Mark::Written(said))?;
        written
            .recv()
            .map_err(|_| anyhow::anyhow!("the marking of pushed rows stopped"))
    }
}

/// A node's occurrences in `window` (after, until) that have no run on the master, recorded
/// `missed` once each. Paged: one call per strategy and check, none while the node is silent
/// (its silence is the one call); every miss is recorded all the same, for status and the report.
fn record_misses(
    master: &mut Store,
    n: &crate::store::sync::NodeRecord,
    tz: Tz,
    seen: &str,
    silent: bool,
    (after, until): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Report>> {
    let mut reports = Vec::new();
    let mut paged = std::collections::HashSet::new();
    // Each strategy's connection, for the hook: read once per check.
    let mut connections: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::new();
    let freqs = master.live_frequencies(&n.node, candidate_minutes(tz, after, until).as_deref())?;
    for occ in occurrences_between(&freqs, tz, after, until) {
        let message = format!(
            "node {}: {} was due at {} and has no run on the master (node last seen {seen})",
            n.node,
            occ.strategy_id,
            local_minute(occ.at, tz)
        );
        let mut run = NewRun::monitored(new_id("", occ.at), &n.node, &occ.strategy_id, occ.at);
        let error = NewError {
            message: &message,
            codes: &[],
        };
        if !master.claim(&mut run, Some(&message), Some(error), now)? {
            continue;
        }
        let mut r = Report::unstarted(
            Some(run.run_id),
            occ.strategy_id,
            occ.at,
            RunStatus::Missed.into(),
            message,
        );
        r.node = Some(n.node.clone());
        r.connection = match connections.get(&r.strategy_id) {
            Some(c) => c.clone(),
            None => {
                let c = master
                    .strategy(&n.node, &r.strategy_id)?
                    .map(|s| s.connection);
                connections.insert(r.strategy_id.clone(), c.clone());
                c
            }
        };
        r.unpaged = silent || !paged.insert(r.strategy_id.clone());
        reports.push(r);
    }
    Ok(reports)
}

/// Master side, at each tick: for every other node, occurrences of its live frequencies since
/// the last check and up to `now − monitor_grace` that have no run are recorded `missed`, once.
/// A node silent for longer than the grace period is reported once per silence.
pub fn check_nodes(
    master: &mut Store,
    profile: &Profile,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Report>> {
    let until = minute_of(now) - crate::units::span(profile.monitor_grace);
    let mut reports = Vec::new();
    for n in master.nodes()? {
        if n.node == profile.node {
            continue;
        }
        let tz: Tz = n.timezone.parse().unwrap_or(Tz::UTC);
        let silent = n.last_seen.is_none_or(|seen| seen < until);
        let seen = n
            .last_seen
            .map(|t| local_minute(t, tz))
            .unwrap_or_else(|| "never".into());
        // A node that never pushed a tick has nothing to check yet (its silence is reported).
        if let Some(after) = n.last_check.filter(|after| *after < until) {
            let window = (after, until);
            reports.extend(record_misses(master, &n, tz, &seen, silent, window, now)?);
            master.record_check(&n.node, until)?;
        }
        // Back from a silence it was paged for: one record and one call, and the next silence
        // is paged again.
        if !silent && n.silence_reported.is_some() {
            let message = format!("node {} pushes again (seen {seen})", n.node);
            if master.report_back(&n.node, &message, now)? {
                let mut r =
                    Report::unstarted(None, String::new(), until, ReportStatus::Back, message);
                r.node = Some(n.node.clone());
                reports.push(r);
            }
        }
        if silent && n.silence_reported != n.last_seen {
            let message = format!(
                "node {} has stopped pushing to the master: last seen {seen}, last tick {}",
                n.node,
                n.last_tick
                    .map(|t| local_minute(t, tz))
                    .unwrap_or_else(|| "never".into())
            );
            if master.report_silence(&n.node, n.last_seen, &message, now)? {
                let mut r =
                    Report::unstarted(None, String::new(), until, ReportStatus::Silent, message);
                r.node = Some(n.node.clone());
                reports.push(r);
            }
        }
    }
    Ok(reports)
}
