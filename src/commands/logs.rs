//! `logs`: runs, newest first; `--run` prints one run's whole log.

use serde::Serialize;

use crate::cli::LogsArgs;
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::output::{self, or_dash, print_columns, print_json, Show};
use crate::store::{RunFilter, RunRow, RunStatus, Store};
use crate::units::{self, check_id, check_node, local_minute, parse_time};

#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    run: RunRow,
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<String>,
}

pub fn run(ctx: &Ctx, args: &LogsArgs) -> anyhow::Result<u8> {
    let mut filter = filter_of(args, ctx.profile.timezone, ctx.clock.wall())?;
    let mut store = ctx.open_existing_store()?;
    if let Some(id) = &args.run_id {
        filter.run_id = Some(whole_run_id(&mut store, id)?);
    }
    let runs = store.runs(&filter)?;
    if runs.is_empty() {
        store.known_in_filter(
            filter.strategy.as_deref(),
            filter.connection.as_deref(),
            filter.node.as_deref(),
        )?;
    }
    match &args.run_id {
        Some(run_id) => show_one(ctx, &mut store, args, run_id, runs),
        None => list(ctx, &mut store, args, runs),
    }
}

/// The run `id` names: itself, or the one run whose random part starts with it (the short id a
/// compact table shows, 6 hex digits at least); two such runs are an error naming both.
fn whole_run_id(store: &mut Store, id: &str) -> anyhow::Result<String> {
    let short = (6..=20).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit());
    let exact = RunFilter {
        run_id: Some(id.to_string()),
        limit: Some(1),
        ..Default::default()
    };
    if !short || !store.runs(&exact)?.is_empty() {
        return Ok(id.to_string());
    }
    let mut found = store.runs_abbreviated(&id.to_ascii_lowercase())?;
    match found.len() {
        0 => Ok(id.to_string()),
        1 => Ok(found.remove(0)),
        _ => Err(invalid(format!(
            "run id \"{id}\" is ambiguous: it starts {} and {}; give more digits or the whole id",
            found[0], found[1]
        ))),
    }
}

/// The filter the flags ask for, each checked (an unknown status names the expected ones).
fn filter_of(
    args: &LogsArgs,
    tz: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<RunFilter> {
    if let Some(s) = &args.strategy {
        check_id("strategy", s)?;
    }
    if let Some(c) = &args.connection {
        check_id("connection", c)?;
    }
    if let Some(n) = &args.node {
        check_node(n)?;
    }
    let status = args
        .status
        .as_deref()
        .map(|st| {
            st.parse::<RunStatus>().map_err(|_| {
                invalid(format!(
                    "invalid --status \"{st}\": expected one of {}",
                    RunStatus::expected()
                ))
            })
        })
        .transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|t| parse_time(t, tz, now))
        .transpose()?;
    Ok(RunFilter {
        strategy: args.strategy.clone(),
        connection: args.connection.clone(),
        node: args.node.clone(),
        status,
        since,
        run_id: args.run_id.clone(),
        limit: (args.limit > 0).then_some(args.limit.min(i64::MAX as u64)),
    })
}

/// `--run`: one run's header, script and whole log.
fn show_one(
    ctx: &Ctx,
    store: &mut Store,
    args: &LogsArgs,
    run_id: &str,
    runs: Vec<RunRow>,
) -> anyhow::Result<u8> {
    let Some(run) = runs.into_iter().next() else {
        return Err(invalid(format!(
            "unknown run \"{run_id}\": see backupctl logs for run ids"
        )));
    };
    if run.status == RunStatus::Running {
        return show_running(ctx, store, args, run);
    }
    let log = store.run_log(run_id)?.unwrap_or_default();
    if args.json {
        return print_one(run, log);
    }
    let script = script_of(store, &run)?;
    print!("{}", header(&run, &script, ctx.profile.timezone));
    for w in &run.warnings {
        eprintln!("warning: {w}");
    }
    print!("{log}");
    if !log.is_empty() && !log.ends_with('\n') {
        println!();
    }
    Ok(exit::OK)
}

/// One run with its log, as `--json` lists runs.
fn print_one(run: RunRow, log: String) -> anyhow::Result<u8> {
    print_json(&[Listed {
        run,
        log: Some(log),
    }])?;
    Ok(exit::OK)
}

/// A run under way: its output so far, from the live log its backupctl keeps on this host; with
/// `--follow`, what comes next as it comes, until the run ends (then its recorded status).
fn show_running(ctx: &Ctx, store: &mut Store, args: &LogsArgs, run: RunRow) -> anyhow::Result<u8> {
    let env = crate::tick::TickEnv::this_host(std::sync::Arc::clone(&ctx.clock));
    let live = crate::executor::CommandFile::live_log_in(&env.cmdfile_dir(), &run.run_id);
    let host = store
        .running_runs(&run.node)?
        .into_iter()
        .find(|r| r.run_id == run.run_id)
        .and_then(|r| r.host);
    let here = host.as_deref() == Some(env.host.as_str());
    let mut file = match std::fs::File::open(&live) {
        Ok(f) => f,
        Err(_) if !here => {
            return Err(invalid(format!(
                "run {} is running on host {}: its output so far is there (backupctl logs --run {} on that host); the store has it once the run ends",
                run.run_id,
                host.as_deref().unwrap_or("?"),
                run.run_id
            )))
        }
        Err(e) => {
            return Err(invalid(format!(
                "run {} is running but its output so far cannot be read from {}: {e}",
                run.run_id,
                live.display()
            )))
        }
    };
    if args.json {
        let mut log = String::new();
        std::io::Read::read_to_string(&mut file, &mut log)?;
        return print_one(run, log);
    }
    let script = script_of(store, &run)?;
    print!("{}", header(&run, &script, ctx.profile.timezone));
    let mut out = Shown::new(std::io::stdout());
    std::io::copy(&mut file, &mut out)?;
    if !args.follow {
        return Ok(exit::OK);
    }
    // As tail -f: what is appended, until the run's end is recorded. The live log goes just
    // before that; if the end is not recorded within a while after (its backupctl died), say so.
    let mut gone_polls = 0;
    loop {
        std::thread::sleep(std::time::Duration::from_millis(500));
        std::io::copy(&mut file, &mut out)?;
        std::io::Write::flush(&mut out)?;
        let status = store
            .runs(&RunFilter {
                run_id: Some(run.run_id.clone()),
                ..Default::default()
            })?
            .into_iter()
            .next()
            .map(|r| r.status);
        match status {
            Some(RunStatus::Running) if live.exists() => {}
            Some(RunStatus::Running) if gone_polls < 20 => gone_polls += 1,
            Some(RunStatus::Running) => {
                eprintln!(
                    "run {}: its output ended and its end is not recorded yet (see backupctl logs --run {} later)",
                    run.run_id, run.run_id
                );
                return Ok(exit::OK);
            }
            Some(status) => {
                if let Some(before) = out.stopped_after() {
                    let log = store.run_log(&run.run_id)?.unwrap_or_default();
                    print!("{}", crate::executor::capture::unseen_end(&log, before));
                }
                eprintln!("run {} ended: {status}", run.run_id);
                return Ok(exit::OK);
            }
            None => return Ok(exit::OK),
        }
    }
}

/// Where a live log is copied to, keeping its last bytes: a live log that stopped at
/// `log_limit` says so there.
struct Shown<W> {
    out: W,
    last: Vec<u8>,
}

impl<W: std::io::Write> Shown<W> {
    const KEPT: usize = 512;

    fn new(out: W) -> Shown<W> {
        Shown {
            out,
            last: Vec::new(),
        }
    }

    /// How many bytes of output the live log held when it stopped at `log_limit`, if it did.
    fn stopped_after(&self) -> Option<u64> {
        let text = String::from_utf8_lossy(&self.last);
        let (_, note) = text.rsplit_once(crate::executor::capture::LIVE_STOPPED)?;
        let digits: String = note.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }
}

impl<W: std::io::Write> std::io::Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.last.extend_from_slice(&buf[..n]);
        let extra = self.last.len().saturating_sub(Self::KEPT);
        self.last.drain(..extra);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The columns of the run listing; a terminal shows the compact set unless `--wide`.
const COLUMNS: [(&str, Show); 12] = [
    ("run", Show::Always),
    ("strategy", Show::Always),
    ("connection", Show::Wide),
    ("node", Show::Wide),
    ("scheduled", Show::Always),
    ("started", Show::Wide),
    ("took", Show::Room),
    ("status", Show::Always),
    ("exit", Show::Wide),
    ("pieces", Show::Wide),
    ("trigger", Show::Wide),
    ("warnings", Show::Always),
];

/// The runs as a table (with `--full`, each followed by its log) or JSON.
fn list(ctx: &Ctx, store: &mut Store, args: &LogsArgs, runs: Vec<RunRow>) -> anyhow::Result<u8> {
    let tz = ctx.profile.timezone;
    let mut listed = Vec::with_capacity(runs.len());
    for run in runs {
        let log = if args.full {
            Some(store.run_log(&run.run_id)?.unwrap_or_default())
        } else {
            None
        };
        listed.push(Listed { run, log });
    }
    if args.json {
        print_json(&listed)?;
        return Ok(exit::OK);
    }
    let wide = output::wide(args.wide);
    // A listing that spans nodes (on a master) names each run's node.
    let mut columns = COLUMNS;
    if listed.iter().any(|l| l.run.node != listed[0].run.node) {
        columns[3].1 = Show::Always;
    }
    if args.full {
        for l in &listed {
            print_columns(&columns, vec![cells(&l.run, tz, wide)], wide);
            println!("{}", l.log.as_deref().unwrap_or_default().trim_end());
            println!();
        }
    } else {
        let rows = listed.iter().map(|l| cells(&l.run, tz, wide)).collect();
        print_columns(&columns, rows, wide);
    }
    Ok(exit::OK)
}

fn cells(r: &RunRow, tz: chrono_tz::Tz, wide: bool) -> Vec<String> {
    vec![
        output::run_id_cell(&r.run_id, wide),
        r.strategy_id.clone(),
        or_dash(r.connection.as_ref()),
        r.node.clone(),
        local_minute(r.scheduled_for, tz),
        or_dash(r.started_at.map(|t| local_minute(t, tz))),
        or_dash(r.duration_secs.map(units::took)),
        r.status.to_string(),
        or_dash(r.exit_code),
        or_dash(r.pieces),
        r.trigger.to_string(),
        warning_codes(&r.warnings),
    ]
}

/// What `logs --run` prints above the log: what ran, when, how it ended, and the script.
/// Which script to show with a run: the one it ran, kept with it; for a run recorded before
/// runs kept theirs, the strategy's as stored now, said as such.
enum Script {
    Ran(Vec<String>),
    StoredNow(Vec<String>),
}

fn script_of(store: &mut Store, run: &RunRow) -> anyhow::Result<Script> {
    Ok(match store.run_script(&run.run_id)? {
        Some(lines) => Script::Ran(lines),
        None => Script::StoredNow(
            store
                .strategy(&run.node, &run.strategy_id)?
                .map(|s| s.lines)
                .unwrap_or_default(),
        ),
    })
}

fn header(r: &RunRow, script: &Script, tz: chrono_tz::Tz) -> String {
    let mut h = format!(
        "run {}: strategy {} on connection {}, node {}, {}\n",
        r.run_id,
        r.strategy_id,
        or_dash(r.connection.as_ref()),
        r.node,
        r.trigger
    );
    h.push_str(&format!(
        "scheduled {}, started {}, finished {}, took {}\n",
        local_minute(r.scheduled_for, tz),
        or_dash(r.started_at.map(|t| local_minute(t, tz))),
        or_dash(r.finished_at.map(|t| local_minute(t, tz))),
        or_dash(r.duration_secs.map(units::took))
    ));
    h.push_str(&format!(
        "status {}, exit code {}, {} backup pieces, warnings {}\n",
        r.status,
        or_dash(r.exit_code),
        or_dash(r.pieces),
        warning_codes(&r.warnings)
    ));
    // The command file is not kept (it may hold a password): the lines without the CONNECT lines
    // backupctl adds.
    let (said, lines) = match script {
        Script::Ran(l) => ("script, as it ran (without the CONNECT lines backupctl adds):", l),
        Script::StoredNow(l) => (
            "script, as stored now (this run did not keep its own; without the CONNECT lines backupctl adds):",
            l,
        ),
    };
    if !lines.is_empty() {
        h.push_str(said);
        h.push('\n');
        for (i, l) in lines.iter().enumerate() {
            h.push_str(&format!("  {:>3}  {l}\n", i + 1));
        }
    }
    h.push_str("--- log ---\n");
    h
}

/// `RMAN-06169, RMAN-08138` for the table; `-` when there were none.
pub(super) fn warning_codes(warnings: &[String]) -> String {
    let mut codes: Vec<&str> = warnings
        .iter()
        .filter_map(|w| crate::executor::outcome::code_of(w))
        .collect();
    codes.dedup();
    if codes.is_empty() {
        "-".to_string()
    } else {
        codes.join(", ")
    }
}
