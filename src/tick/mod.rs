//! The minute tick behind `run-due`. Each minute: sweep runs whose process died, read the
//! window and the node's state, let [`plan::plan`] decide, then apply the plan — record misses and
//! skips, claim and start runs within the node's limits (counted in the store, across every
//! process), hold back what a limit stops. A tick whose runs go on keeps ticking: at each
//! following minute it does that minute's tick itself, because systemd timers and Task Scheduler
//! (`IgnoreNew`) start no tick while one runs. Hooks and the slave's push run on threads of their
//! own and never delay a backup.

pub mod plan;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

use chrono::{DateTime, Duration, Utc};

use crate::clock::Clock;
use crate::executor::Finished;
use crate::fleet::{PushEvent, PushJob, PushReport};
use crate::hook::Hooks;
use crate::lock::{owner_alive, OwnerLock};
use crate::model::{Owner, ReportStatus};
use crate::profile::{Profile, Role};
use crate::runner::{self, Job, Report, Settings};
use crate::schedule::{candidate_minutes, minute_of, plan_tick, Occurrence};
use crate::spool::Spool;
use crate::store::{
    Claim, Limits, NewError, NewRun, RunEnd, RunStatus, Runnable, RunningRun, Store,
};
use crate::units::{format_duration, local_minute, new_id, span};
use plan::{Busy, Candidate, Missed, Plan, Skip};

/// What the tick knows of the machine it runs on, passed in rather than read deep inside.
pub struct TickEnv {
    pub host: String,
    /// Owner locks live in `locks/` under it, kept run ends in `spool/`.
    pub state_dir: PathBuf,
    /// The tick's clock: the wall clock, shifted by `--now` if one was given.
    pub clock: Arc<dyn Clock>,
    /// The backupctl that RMAN runs under (see [`crate::executor::supervisor_exe`]).
    pub supervisor: Option<PathBuf>,
}

impl TickEnv {
    pub fn this_host(clock: Arc<dyn Clock>) -> TickEnv {
        TickEnv {
            host: host_name(),
            state_dir: crate::lock::state_dir(),
            clock,
            supervisor: crate::executor::supervisor_exe(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The wall clock: what records are stamped with and what no claim may pass.
    pub fn wall(&self) -> DateTime<Utc> {
        self.clock.wall()
    }

    pub fn lock(&self) -> anyhow::Result<OwnerLock> {
        OwnerLock::acquire(&self.state_dir.join("locks"))
    }

    pub fn spool(&self) -> Spool {
        Spool::new(self.state_dir.join("spool"))
    }

    /// This process, as the owner of the runs it starts while it holds `lock`.
    pub fn owner(&self, lock: &OwnerLock) -> Owner {
        Owner {
            host: self.host.clone(),
            pid: std::process::id(),
            lock: lock.path().to_string_lossy().into_owned(),
        }
    }

    /// Where RMAN command files are written while their runs go on.
    pub fn cmdfile_dir(&self) -> PathBuf {
        self.state_dir.join("run")
    }
}

/// This host's name, as recorded on the runs it owns.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// What a tick did (or, with `dry_run`, would do).
pub struct TickResult {
    pub tick: DateTime<Utc>,
    pub reports: Vec<Report>,
    /// A store error met on the way; the reports still say what happened.
    pub store_error: Option<anyhow::Error>,
    /// The slave's last push, if it pushed.
    pub push: Option<PushReport>,
}

/// The settings RMAN runs with, from the profile; `scrub` as for [`Settings::scrub`].
pub fn settings(profile: &Profile, env: &TickEnv, mut scrub: Vec<String>) -> Settings {
    scrub.extend(["BACKUPCTL_STORE_PASSWORD", "BACKUPCTL_MASTER_PASSWORD"].map(String::from));
    Settings {
        rman: crate::runner::Rman::new(profile.rman.as_deref()),
        default_timeout: profile.default_timeout,
        cancel_grace: profile.cancel_grace,
        log_limit: profile.log_limit,
        scrub,
        cmdfile_dir: env.cmdfile_dir(),
        clock: Arc::clone(&env.clock),
        supervisor: env.supervisor.clone(),
        cancel: None,
    }
}

/// What the end of a run is handed to, on the run's own thread.
type Ended = Arc<dyn Fn(Job, Finished) + Send + Sync>;

/// Starts claimed runs: the one start path of `run-due` and `run`.
pub struct Launcher {
    settings: Settings,
    limits: Limits,
    done: Ended,
}

impl Launcher {
    /// A launcher whose runs hand their ends to `done`.
    pub fn new(
        settings: Settings,
        limits: Limits,
        done: impl Fn(Job, Finished) + Send + Sync + 'static,
    ) -> Launcher {
        Launcher {
            settings,
            limits,
            done: Arc::new(done),
        }
    }

    /// Whether the runs of this launcher were asked to stop (`Settings::cancel`).
    pub fn cancelled(&self) -> bool {
        self.settings
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::SeqCst))
    }

    /// Claim `run` within the node's limits (counted in the store, across every process) and,
    /// once claimed, mark it started and start RMAN on a thread of its own.
    pub fn claim_and_start(
        &self,
        store: &mut Store,
        mut run: NewRun,
        target: Runnable,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Claim> {
        let conn = target.connection.conn_id.clone();
        let claim = store.claim_start(&mut run, &conn, self.limits, now)?;
        if claim == Claim::Claimed {
            store.mark_started(&run.run_id, now, &target.strategy.lines)?;
            let done = Arc::clone(&self.done);
            runner::spawn(Job { run, target }, &self.settings, move |job, fin| {
                done(job, fin);
            });
        }
        Ok(claim)
    }
}

pub fn limits(profile: &Profile) -> Limits {
    Limits {
        jobs: profile.jobs,
        per_connection: profile.per_connection,
    }
}

/// Mark `running` runs of this node whose owning process on this host is gone as interrupted
/// (unless their end waits in the spool). Returns the reports and the runs still really running.
pub fn sweep_stale(
    store: &mut Store,
    profile: &Profile,
    env: &TickEnv,
    own_lock: Option<&OwnerLock>,
    dry_run: bool,
) -> anyhow::Result<(Vec<Report>, Vec<RunningRun>)> {
    if !dry_run {
        // The longest a probe runs: its timeout, RMAN's grace, and a minute to spare.
        let longest = crate::executor::PROBE_TIMEOUT_SECS + profile.cancel_grace.as_secs() + 60;
        crate::executor::sweep_probe_files(
            &env.cmdfile_dir(),
            std::time::Duration::from_secs(longest),
        );
    }
    let spooled = env.spool().run_ids();
    let mut reports = Vec::new();
    let mut alive = Vec::new();
    for r in store.running_runs(&profile.node)? {
        let mine =
            own_lock.is_some_and(|l| r.owner_lock.as_deref() == Some(&*l.path().to_string_lossy()));
        let here = r.host.as_deref() == Some(env.host.as_str());
        let gone = !mine
            && here
            && !spooled.contains(&r.run_id)
            && r.owner_lock
                .as_deref()
                .is_some_and(|p| !owner_alive(std::path::Path::new(p)));
        if !gone {
            alive.push(r);
            continue;
        }
        let message = format!(
            "run {} of {} (due {}) was interrupted: its backupctl process {}on {} ended before the run did",
            r.run_id,
            r.strategy_id,
            local_minute(r.scheduled_for, profile.timezone),
            r.pid.map(|p| format!("(pid {p}) ")).unwrap_or_default(),
            env.host
        );
        let now = env.wall();
        let recorded = dry_run || store.interrupt_run(&r, &profile.node, &message, now)?;
        if !dry_run {
            // Its command file (with any password in it) and live log outlived the process that
            // wrote them.
            let dir = env.cmdfile_dir();
            let _ = std::fs::remove_file(crate::executor::CommandFile::path_in(&dir, &r.run_id));
            let _ =
                std::fs::remove_file(crate::executor::CommandFile::live_log_in(&dir, &r.run_id));
        }
        if recorded {
            let mut report = Report::unstarted(
                Some(r.run_id.clone()),
                r.strategy_id.clone(),
                r.scheduled_for,
                if dry_run {
                    ReportStatus::WouldInterrupt
                } else {
                    RunStatus::Interrupted.into()
                },
                message,
            );
            report.connection = r.connection.clone();
            report.started_at = r.started_at;
            report.finished_at = (!dry_run).then_some(now);
            reports.push(report);
        }
    }
    Ok((reports, alive))
}

/// After a clock that was ahead (a wrong time zone, an NTP step back, faketime), give back what
/// the ticks ahead of it recorded for occurrences that have not come yet: each then runs when it
/// is due. Says which, and which runs that did run keep their occurrences.
fn release_ahead(store: &mut Store, profile: &Profile, wall: DateTime<Utc>) -> anyhow::Result<()> {
    let node = profile.node.as_str();
    if store.last_tick(node)?.is_none_or(|l| l <= wall) {
        return Ok(());
    }
    let (released, kept) = store.release_ahead(node, wall)?;
    let tz = profile.timezone;
    let name = |list: &[crate::store::Released]| {
        let mut names: Vec<String> = list
            .iter()
            .take(10)
            .map(|r| {
                format!(
                    "{} at {} ({})",
                    r.strategy_id,
                    local_minute(r.scheduled_for, tz),
                    r.status
                )
            })
            .collect();
        if list.len() > 10 {
            names.push(format!("and {} more", list.len() - 10));
        }
        names.join(", ")
    };
    if !released.is_empty() {
        eprintln!(
            "warning: a tick with the clock ahead recorded {} for occurrences that have not come yet; given back, each runs when due: {}",
            crate::output::count_of(released.len(), "record"),
            name(&released)
        );
    }
    if !kept.is_empty() {
        eprintln!(
            "warning: a tick with the clock ahead ran {} for occurrences that have not come yet; they keep them and do not run again then: {}",
            crate::output::count_of(kept.len(), "backup"),
            name(&kept)
        );
    }
    Ok(())
}

/// Read the window ending at `t` and the node's state, and decide.
fn decide(
    store: &mut Store,
    profile: &Profile,
    wall: DateTime<Utc>,
    t: DateTime<Utc>,
    running: &[RunningRun],
    held: Vec<(Candidate, String)>,
) -> anyhow::Result<(Plan, HashMap<String, Runnable>)> {
    let tz = profile.timezone;
    let node = profile.node.as_str();
    let mut last = store.last_tick(node)?;
    if let Some(l) = last.filter(|l| *l > wall) {
        eprintln!(
            "warning: the last tick of node {node} ({}) is ahead of the clock ({}): the clock was set back; ticking from now",
            local_minute(l, tz),
            local_minute(wall, tz)
        );
        last = None;
    }
    let (after, until) = crate::schedule::tick_window(last, t);
    let candidates = candidate_minutes(tz, after, until);
    let freqs = store.live_frequencies(node, candidates.as_deref())?;
    let catch_up = span(profile.catch_up);
    let window = plan_tick(&freqs, tz, last, t, catch_up);

    // Also those only missed: their records and hook calls name the connection.
    let mut ids: Vec<String> = window
        .start
        .iter()
        .chain(&window.missed)
        .map(|o| o.strategy_id.clone())
        .chain(held.iter().map(|(c, _)| c.occ.strategy_id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let targets: HashMap<String, Runnable> = store
        .runnables(node, &ids)?
        .into_iter()
        .filter(|r| r.strategy.alive && r.connection.alive)
        .map(|r| (r.strategy.strategy_id.clone(), r))
        .collect();
    let meta: HashMap<String, _> = targets
        .iter()
        .map(|(id, r)| {
            (
                id.clone(),
                (r.strategy.priority, r.connection.conn_id.clone()),
            )
        })
        .collect();
    // A held occurrence whose strategy died meanwhile is dropped with it.
    let held = held
        .into_iter()
        .filter(|(c, _)| meta.contains_key(&c.occ.strategy_id))
        .collect();
    let busy: Vec<Busy> = running
        .iter()
        .map(|r| Busy {
            run_id: r.run_id.clone(),
            strategy_id: r.strategy_id.clone(),
            connection: r.connection.clone(),
            scheduled_for: r.scheduled_for,
        })
        .collect();
    let plan = plan::plan(window, &meta, &busy, held, limits(profile), t, catch_up);
    Ok((plan, targets))
}

fn missed_message(m: &Missed, profile: &Profile, t: DateTime<Utc>) -> String {
    let tz = profile.timezone;
    let when = if m.count == 1 {
        format!("was due at {}", local_minute(m.first, tz))
    } else {
        format!(
            "missed {} occurrences, due from {} to {}",
            m.count,
            local_minute(m.first, tz),
            local_minute(m.last, tz)
        )
    };
    let why = match &m.held_by {
        Some(limit) => format!("held back ({limit}) until more than catch_up"),
        None => "more than catch_up".to_string(),
    };
    format!(
        "{} {when} and was not started: {why} ({}) before the tick at {}",
        m.strategy_id,
        format_duration(profile.catch_up.as_secs()),
        local_minute(t, tz)
    )
}

fn skip_message(skip: &Skip, tz: chrono_tz::Tz) -> String {
    match skip {
        Skip::Coalesced { into } => format!("coalesced into {}", local_minute(*into, tz)),
        Skip::StillRunning {
            run_id,
            scheduled_for,
        } => format!(
            "not started: the previous run {run_id} (due {}) is still running",
            local_minute(*scheduled_for, tz)
        ),
    }
}

/// `--dry-run`: the plan of one tick at `now`, as reports, with nothing written.
pub fn dry_run(
    store: &mut Store,
    profile: &Profile,
    env: &TickEnv,
    now: DateTime<Utc>,
) -> anyhow::Result<TickResult> {
    let t = minute_of(now);
    let tz = profile.timezone;
    let (mut reports, running) = sweep_stale(store, profile, env, None, true)?;
    let (plan, _) = decide(store, profile, env.wall(), t, &running, Vec::new())?;
    let mut would = |id: &str, at: DateTime<Utc>, status: ReportStatus, msg: String| {
        reports.push(Report::unstarted(None, id.to_string(), at, status, msg));
    };
    for m in &plan.missed {
        would(
            &m.strategy_id,
            m.last,
            ReportStatus::WouldMiss,
            missed_message(m, profile, t),
        );
    }
    for (occ, skip) in &plan.skipped {
        would(
            &occ.strategy_id,
            occ.at,
            ReportStatus::WouldSkip,
            skip_message(skip, tz),
        );
    }
    for c in &plan.start {
        would(
            &c.occ.strategy_id,
            c.occ.at,
            ReportStatus::WouldStart,
            String::new(),
        );
    }
    for (c, why) in &plan.hold {
        let msg = format!("would wait for a slot: {why}");
        would(&c.occ.strategy_id, c.occ.at, ReportStatus::WouldWait, msg);
    }
    Ok(TickResult {
        tick: t,
        reports,
        store_error: None,
        push: None,
    })
}

/// How often held-back occurrences and kept run ends are tried again between minutes.
const RETRY_EVERY: Duration = Duration::seconds(2);

/// The tick at `now`, then every following minute's while runs go on. `sink` sees each report
/// as soon as it is final.
pub fn run_due(
    store: &mut Store,
    profile: &Profile,
    env: &TickEnv,
    now: DateTime<Utc>,
    sink: &mut dyn FnMut(&Report),
) -> anyhow::Result<TickResult> {
    let first = minute_of(now);
    store.ensure_node(&profile.node, profile.timezone.name())?;
    let settings = settings(profile, env, store.credential_vars()?);
    let scrub = settings.scrub.clone();
    // One channel for everything the tick's threads report.
    let (events_tx, events) = mpsc::channel::<Event>();
    let ended = events_tx.clone();
    let launcher = Launcher::new(settings, limits(profile), move |job, fin| {
        let _ = ended.send(Event::Ended(Box::new((job, fin))));
    });
    let hooked = events_tx.clone();
    let mut tk = Ticker {
        hooks: Hooks::new(
            profile.on_failure.clone(),
            scrub,
            profile.hook_timeout,
            move |warning| {
                let _ = hooked.send(Event::Hooked(warning));
            },
        ),
        hooks_pending: 0,
        events: events_tx,
        pushes: 0,
        spooled: false,
        launcher,
        lock: env.lock()?,
        spool: env.spool(),
        store,
        profile,
        env,
        held: Vec::new(),
        targets: HashMap::new(),
        active: 0,
        push: None,
        push_wanted: false,
        push_at: DateTime::<Utc>::MIN_UTC,
        master_down: false,
        last_push: None,
        reports: Vec::new(),
        store_error: None,
        sink,
    };
    // The first minute's failure is the command's, unless runs are already under way: nothing
    // may stop those before their ends are recorded.
    if let Err(e) = tk.minute(first) {
        if tk.active == 0 {
            return Err(e);
        }
        tk.store_failed(e);
    }
    let mut t = first;
    let mut last_retry = env.now();
    loop {
        let next = t + Duration::minutes(1);
        loop {
            tk.poll_push();
            if tk.idle() {
                return Ok(tk.finish(first));
            }
            let now = env.now();
            if now >= next {
                break;
            }
            let nap = tk.wake_at(next, last_retry) - now;
            let nap = nap.to_std().unwrap_or_default();
            if let Ok(ev) = events.recv_timeout(env.clock.real_wait(nap)) {
                tk.heard(ev);
            }
            let now = env.now();
            if now - last_retry >= RETRY_EVERY {
                last_retry = now;
                tk.retry();
            }
        }
        t = minute_of(env.now());
        if let Err(e) = tk.minute(t) {
            tk.store_failed(e);
        }
    }
}

/// How far into its minute a slave's push starts: a fixed place for each node name within
/// `spread` (the profile's `push_spread`), so that a fleet's pushes do not all reach the master at
/// second 0 (connections at once ≈ nodes × push time ÷ spread, not the number of nodes). A tick
/// started late (catching up, `--now` in the past) is past it and pushes at once; backups never
/// wait for it, since they start before the push.
pub fn push_offset(node: &str, spread: std::time::Duration) -> Duration {
    let window = u64::try_from(spread.as_millis()).unwrap_or(u64::MAX);
    if window == 0 {
        return Duration::zero();
    }
    // FNV-1a: the same place for a node name on every host and release.
    let hash = node.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    Duration::milliseconds(i64::try_from(hash % window).unwrap_or(0))
}

/// What the tick's threads report, on one channel, to the loop that waits on it (as nextest's
/// dispatcher does): no polling, no shared counters.
enum Event {
    /// A run ended.
    Ended(Box<(Job, Finished)>),
    /// An `on_failure` call ended, with a warning when it failed or was killed.
    Hooked(Option<String>),
    /// Push number n heard from the master.
    PushHeard(u64),
    /// Push number n ended.
    Pushed(u64, Box<PushReport>),
}

struct Ticker<'a> {
    store: &'a mut Store,
    profile: &'a Profile,
    env: &'a TickEnv,
    launcher: Launcher,
    hooks: Hooks,
    /// Hook calls queued or running.
    hooks_pending: usize,
    /// Where the push's thread reports.
    events: mpsc::Sender<Event>,
    /// Pushes started; the current one's number tells its reports from a given-up one's.
    pushes: u64,
    /// Run ends wait in the spool for the store.
    spooled: bool,
    lock: OwnerLock,
    spool: Spool,
    /// Occurrences a limit holds back, waiting for a slot.
    held: Vec<(Candidate, String)>,
    /// What the held and started occurrences run.
    targets: HashMap<String, Runnable>,
    active: usize,
    push: Option<PushJob>,
    push_wanted: bool,
    /// When this minute's push may start: the minute plus this node's place in the spread.
    push_at: DateTime<Utc>,
    /// The master did not take this minute's push.
    master_down: bool,
    last_push: Option<PushReport>,
    reports: Vec<Report>,
    store_error: Option<anyhow::Error>,
    sink: &'a mut dyn FnMut(&Report),
}

impl Ticker<'_> {
    /// Nothing left to do or to wait for.
    fn idle(&self) -> bool {
        self.active == 0
            && self.held.is_empty()
            && self.hooks_pending == 0
            && self.push.is_none()
            && !self.push_wanted
    }

    /// When the loop must look again without an event: the next minute, the next retry while
    /// occurrences are held or run ends wait in the spool, the moment the push is given up.
    fn wake_at(&self, next: DateTime<Utc>, last_retry: DateTime<Utc>) -> DateTime<Utc> {
        let mut at = next;
        if !self.held.is_empty() || self.spooled {
            at = at.min(last_retry + RETRY_EVERY);
        }
        if let Some(job) = &self.push {
            at = at.min(job.give_up_at());
        } else if self.push_wanted {
            at = at.min(self.push_at);
        }
        at
    }

    fn heard(&mut self, ev: Event) {
        match ev {
            Event::Ended(end) => {
                let (job, fin) = *end;
                self.finished(job, fin);
            }
            Event::Hooked(warning) => {
                self.hooks_pending = self.hooks_pending.saturating_sub(1);
                crate::hook::warn(warning);
            }
            Event::PushHeard(n) if n == self.pushes => {
                if let Some(job) = &mut self.push {
                    job.heard();
                }
            }
            Event::Pushed(n, report) if n == self.pushes && self.push.is_some() => {
                self.pushed(*report);
            }
            // From a push given up before: its rows wait for the next one.
            Event::PushHeard(_) | Event::Pushed(..) => {}
        }
    }

    fn emit(&mut self, r: Report) {
        (self.sink)(&r);
        if let Some(ev) = r.hook_event(&self.profile.node) {
            if self.hooks.fire(ev) {
                self.hooks_pending += 1;
            }
        }
        self.reports.push(r);
    }

    fn store_failed(&mut self, e: anyhow::Error) {
        eprintln!("error: {}", crate::error::one_line(&e));
        self.store_error.get_or_insert(e);
    }

    /// One minute's tick.
    fn minute(&mut self, t: DateTime<Utc>) -> anyhow::Result<()> {
        self.replay_spool();
        let (stale, running) =
            sweep_stale(self.store, self.profile, self.env, Some(&self.lock), false)?;
        for r in stale {
            self.emit(r);
        }
        release_ahead(self.store, self.profile, self.env.wall())?;
        let held = std::mem::take(&mut self.held);
        let (plan, targets) = decide(self.store, self.profile, self.env.wall(), t, &running, held)?;
        self.targets.extend(targets);
        self.apply(plan, t)?;
        let profile = self.profile;
        self.store
            .record_tick(&profile.node, profile.timezone.name(), t, self.env.wall())?;
        if self.profile.role == Role::Master {
            for r in crate::fleet::check_nodes(self.store, self.profile, t)? {
                self.emit(r);
            }
        }
        // Once a minute, after the minute's runs have started; a master that was down is tried
        // again.
        self.master_down = false;
        self.push_wanted = self.profile.role == Role::Slave;
        self.push_at = t + push_offset(&self.profile.node, self.profile.push_spread);
        Ok(())
    }

    fn apply(&mut self, plan: Plan, t: DateTime<Utc>) -> anyhow::Result<()> {
        // Starts first: a backup never waits behind the records of what did not run.
        for c in plan.start {
            self.try_start(c)?;
        }
        self.held.extend(plan.hold);
        for m in plan.missed {
            self.record_missed(&m, t)?;
        }
        for (occ, skip) in plan.skipped {
            let message = skip_message(&skip, self.profile.timezone);
            self.record(&occ, RunStatus::Skipped, message)?;
        }
        Ok(())
    }

    fn new_run(&self, occ: &Occurrence, status: RunStatus) -> NewRun {
        NewRun::scheduled(
            new_id("", occ.at),
            &self.profile.node,
            &occ.strategy_id,
            occ.at,
            status,
            &self.env.owner(&self.lock),
        )
    }

    /// Record an occurrence that will not run; reported only if this process recorded it first.
    fn record(
        &mut self,
        occ: &Occurrence,
        status: RunStatus,
        message: String,
    ) -> anyhow::Result<()> {
        let mut run = self.new_run(occ, status);
        let error = (status == RunStatus::Missed).then(|| NewError {
            message: &message,
            codes: &[],
        });
        if self
            .store
            .claim(&mut run, Some(&message), error, self.env.wall())?
        {
            let mut r = Report::unstarted(
                Some(run.run_id),
                occ.strategy_id.clone(),
                occ.at,
                status.into(),
                message,
            );
            r.connection = self
                .targets
                .get(&occ.strategy_id)
                .map(|t| t.connection.conn_id.clone());
            self.emit(r);
        }
        Ok(())
    }

    fn record_missed(&mut self, m: &Missed, t: DateTime<Utc>) -> anyhow::Result<()> {
        let occ = Occurrence {
            at: m.last,
            strategy_id: m.strategy_id.clone(),
        };
        let message = missed_message(m, self.profile, t);
        self.record(&occ, RunStatus::Missed, message)
    }

    /// Claim a candidate within the limits and start it, or hold it back. Returns the limit
    /// that held it back, if one did, and whether that limit is node-wide.
    fn try_start(&mut self, c: Candidate) -> anyhow::Result<Option<bool>> {
        let Some(target) = self.targets.get(&c.occ.strategy_id).cloned() else {
            return Ok(None);
        };
        let run = self.new_run(&c.occ, RunStatus::Running);
        match self
            .launcher
            .claim_and_start(self.store, run, target, self.env.wall())?
        {
            Claim::Claimed => self.active += 1,
            Claim::Taken => {}
            Claim::StrategyRunning {
                run_id,
                scheduled_for,
            } => {
                let skip = Skip::StillRunning {
                    run_id,
                    scheduled_for,
                };
                let message = skip_message(&skip, self.profile.timezone);
                self.record(&c.occ, RunStatus::Skipped, message)?;
            }
            Claim::Full { why, node_wide } => {
                self.held.push((c, why));
                return Ok(Some(node_wide));
            }
        }
        Ok(None)
    }

    /// Between minutes: held-back occurrences that may have a slot now (or have waited past
    /// `catch_up`), and run ends the store could not take before.
    fn retry(&mut self) {
        if !self.held.is_empty() {
            let now = self.env.now();
            let oldest = minute_of(now) - span(self.profile.catch_up);
            let mut held = std::mem::take(&mut self.held);
            held.sort_by(|(a, _), (b, _)| {
                (a.priority, a.occ.at, &a.occ.strategy_id).cmp(&(
                    b.priority,
                    b.occ.at,
                    &b.occ.strategy_id,
                ))
            });
            // Once the node is full, or a connection is, the candidates behind it need no
            // transaction of their own to learn that.
            let mut node_full = false;
            let mut full_connections: Vec<String> = Vec::new();
            for (c, why) in held {
                let result = if c.occ.at < oldest {
                    let m = Missed {
                        strategy_id: c.occ.strategy_id.clone(),
                        count: 1,
                        first: c.occ.at,
                        last: c.occ.at,
                        held_by: Some(why),
                    };
                    self.record_missed(&m, minute_of(now))
                } else if node_full || full_connections.contains(&c.connection) {
                    self.held.push((c, why));
                    Ok(())
                } else {
                    let conn = c.connection.clone();
                    match self.try_start(c) {
                        Ok(Some(true)) => node_full = true,
                        Ok(Some(false)) => full_connections.push(conn),
                        Ok(None) => {}
                        Err(e) => self.store_failed(e),
                    }
                    Ok(())
                };
                if let Err(e) = result {
                    self.store_failed(e);
                }
            }
        }
        self.replay_spool();
    }

    fn replay_spool(&mut self) {
        let (_, failed) = self.spool.replay(self.store, &self.profile.node);
        self.spooled = failed.is_some();
        if let Some(e) = failed {
            eprintln!(
                "warning: run ends kept in {} still wait for the store: {}",
                self.env.state_dir.join("spool").display(),
                crate::error::one_line(&e)
            );
        }
    }

    /// A run ended: record it (or keep it in the spool until the store takes it), report it,
    /// and give its slot to a held-back occurrence.
    fn finished(&mut self, job: Job, fin: Finished) {
        self.active -= 1;
        let end: RunEnd = runner::run_end(&job.run, fin);
        match runner::keep_end(self.store, &self.spool, &end) {
            Ok(kept) => self.spooled |= kept.in_spool(),
            // Said, and the tick exits non-zero; the next one records the run interrupted.
            Err(e) => self.store_failed(e),
        }
        let report = Report::ended(&end, job.run.scheduled_for, &job.target.connection.conn_id);
        self.emit(report);
        self.push_wanted |= self.profile.role == Role::Slave && !self.master_down;
        self.retry();
    }

    /// A push ended or was given up. A master that did not take it is not tried again before
    /// the next minute: run ends wait in the local store, and a silent master costs one
    /// master_timeout a minute, never one for each run that ends.
    fn pushed(&mut self, mut report: PushReport) {
        report.warn_refused();
        if report.error.is_some() {
            self.master_down = true;
            self.push_wanted = false;
            // A push given up reports no counts of its own: what waits is read here.
            let _ = report.count_pending(self.store, &self.profile.node);
        }
        self.push = None;
        self.last_push = Some(report);
    }

    /// Give up a silent master; start the push that is wanted when none goes on.
    fn poll_push(&mut self) {
        if let Some(report) = self.push.as_ref().and_then(PushJob::given_up) {
            self.pushed(report);
        }
        if self.push.is_none() && self.push_wanted && self.env.now() >= self.push_at {
            self.push_wanted = false;
            self.pushes += 1;
            let (n, events) = (self.pushes, self.events.clone());
            self.push = Some(PushJob::start(
                self.profile,
                false,
                Arc::clone(&self.env.clock),
                move |e| {
                    let _ = events.send(match e {
                        PushEvent::Heard => Event::PushHeard(n),
                        PushEvent::Done(report) => Event::Pushed(n, report),
                    });
                },
            ));
        }
    }

    fn finish(self, first: DateTime<Utc>) -> TickResult {
        TickResult {
            tick: first,
            reports: self.reports,
            store_error: self.store_error,
            push: self.last_push,
        }
    }
}

#[cfg(test)]
mod spread_tests {
    use super::push_offset;

    #[test]
    fn pushes_spread_over_the_first_part_of_the_minute_one_place_per_node() {
        let spread = std::time::Duration::from_secs(20);
        assert_eq!(
            push_offset("db-host-01", spread),
            push_offset("db-host-01", spread)
        );
        assert_eq!(
            push_offset("db-host-01", std::time::Duration::ZERO),
            chrono::Duration::zero()
        );
        // 1,000 nodes over the 20 one-second slots of the spread: none empty, none crowded.
        let mut slots = [0_u32; 20];
        for i in 0..1000 {
            let at = push_offset(&format!("db-host-{i:04}"), spread);
            assert!(at >= chrono::Duration::zero() && at < chrono::Duration::seconds(20));
            slots[usize::try_from(at.num_seconds()).unwrap()] += 1;
        }
        assert!(slots.iter().all(|n| (25..=75).contains(n)), "{slots:?}");
    }
}
