//! Benchmarks of whole `backupctl` processes, reporting medians of repeated runs.
//!
//! cargo bench --bench tick -- idle      idle run-due on 10,000 strategies / 50,000 frequencies,
//!                                       at 1,000 → 1,000,000 runs with ~2 KiB logs
//! cargo bench --bench tick -- burst     100 strategies due at once, against the RMAN stand-in
//! cargo bench --bench tick -- capture   100 and 200 MiB of RMAN output: throughput, CPU, peak RSS
//!                                       (BENCH_BASELINE=PATH runs another build beside this one)
//! cargo bench --bench tick -- perrun    CPU per run: 50 backups in one tick, less an idle tick and
//!                                       the script that stands for RMAN (BENCH_BASELINE as above)
//! cargo bench --bench tick -- push      a slave pushing 10,000 runs to PostgreSQL
//!                                       (BACKUPCTL_TEST_POSTGRES_URL)
//! cargo bench --bench tick -- slave     a slave's tick with nothing to push, beside the same tick
//!                                       standalone (BACKUPCTL_TEST_POSTGRES_URL)
//! cargo bench --bench tick -- keep      the CPU a tick spends per minute while its backup runs on
//!                                       (it ticks each minute itself), at 1,000 and 100,000 runs
//! cargo bench --bench tick -- fleet     500 slaves (BENCH_NODES) ticking the same minute and pushing
//!                                       through PgBouncer (20 server connections) to PostgreSQL,
//!                                       the master answering status and report meanwhile
//! cargo bench --bench tick -- all
//!
//! BENCH_RUNS=1000,1000000 limits the idle sizes; BENCH_REPEAT sets the repetitions.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};

#[allow(dead_code)]
#[path = "../tests/cli/pooler.rs"]
mod pooler;

const BIN: &str = env!("CARGO_BIN_EXE_backupctl");

/// The one connection of the benches that need only one.
const ADD_C: [&str; 9] = [
    "add-connection",
    "--id",
    "C",
    "--name",
    "c",
    "--instance",
    "XE",
    "--host",
    "h",
];

fn standin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rman-standin/bin/rman")
}

fn backupctl(dir: &Path) -> Command {
    backupctl_at(Path::new(BIN), dir)
}

/// `exe` (a backupctl build) with its state under `dir`.
fn backupctl_at(exe: &Path, dir: &Path) -> Command {
    let mut c = Command::new(exe);
    for (k, _) in std::env::vars() {
        if k.starts_with("BACKUPCTL_") {
            c.env_remove(k);
        }
    }
    c.env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("BACKUPCTL_NODE", "bench")
        .env("BACKUPCTL_TIMEZONE", "UTC");
    c
}

fn run_ok(c: &mut Command) -> Duration {
    let start = Instant::now();
    let out = c.output().expect("run backupctl");
    let took = start.elapsed();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 5),
        "{:?}: {}",
        c,
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn pct(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn repeat(default: usize) -> usize {
    std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The wall time of a command that must succeed, and the CPU time of its whole process tree.
fn timed(c: &mut Command) -> (Duration, Duration) {
    let before = children_cpu();
    let wall = run_ok(c);
    (wall, children_cpu().saturating_sub(before))
}

/// The backupctl builds a bench compares: this one, and BENCH_BASELINE=PATH if set.
fn builds() -> Vec<PathBuf> {
    let mut builds = vec![PathBuf::from(BIN)];
    builds.extend(std::env::var_os("BENCH_BASELINE").map(PathBuf::from));
    builds
}

/// Peak resident set of the largest child waited for so far, in KiB.
fn children_peak_kib() -> i64 {
    // SAFETY: getrusage fills the struct it is given.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u.ru_maxrss
    }
}

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

/// 10,000 strategies with 5 frequencies each (never at 23:xx), on 100 connections.
fn seed_definitions(db: &rusqlite::Connection) {
    let tx = db.unchecked_transaction().unwrap();
    let t = "2026-01-01T00:00:00.000000Z";
    let mut rng = 42u64;
    for c in 0..100 {
        tx.execute(
            "INSERT INTO connection (node, conn_id, conn_name, database_instance, ip, created_at) VALUES ('bench', ?1, 'c', 'XE', 'h', ?2)",
            rusqlite::params![format!("C_{c}"), t],
        )
        .unwrap();
    }
    for s in 0..10_000 {
        let id = format!("EST_{s}");
        tx.execute(
            "INSERT INTO strategy (node, strategy_id, connection, priority, created_at) VALUES ('bench', ?1, ?2, 'MEDIUM', ?3)",
            rusqlite::params![id, format!("C_{}", s % 100), t],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO strategy_line (node, strategy_id, line_no, line) VALUES ('bench', ?1, 1, 'backup database;')",
            [&id],
        )
        .unwrap();
        for _ in 0..5 {
            let (day, hour, minute) = (
                (lcg(&mut rng) % 8) as i64 - 1,
                (lcg(&mut rng) % 23) as i64,
                (lcg(&mut rng) % 60) as i64,
            );
            tx.execute(
                "INSERT OR IGNORE INTO frequency (node, strategy_id, freq_key, day, hour, minutes) VALUES ('bench', ?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![id, format!("{day}@{hour:02}:{minute:02}"), day, hour, minute],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Add runs (each with a ~2 KiB log) until the store holds `total`.
fn grow_runs(db: &rusqlite::Connection, from: u64, total: u64) {
    let log = "RMAN> backup database;\nStarting backup at 2026-01-01 02:00:00\n".repeat(34);
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut run = tx
            .prepare("INSERT INTO run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, pushed) VALUES (?1, 'bench', ?2, ?3, ?3, ?3, 'succeeded', 0, 'scheduled', 1)")
            .unwrap();
        let mut lg = tx
            .prepare("INSERT INTO log (run_id, node, strategy_id, moment, log, pushed) VALUES (?1, 'bench', ?2, ?3, ?4, 1)")
            .unwrap();
        let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        for i in from..total {
            let id = format!("R{i:09}");
            let strategy = format!("EST_{}", i % 10_000);
            let at = backupctl::units::to_db_time(base + chrono::Duration::minutes(i as i64));
            run.execute(rusqlite::params![id, strategy, at]).unwrap();
            lg.execute(rusqlite::params![id, strategy, at, log])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// The floor program, built as the bench is (release): target/release/examples/idle_floor.
fn idle_floor() -> PathBuf {
    let built = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--example", "idle_floor"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo build --example idle_floor");
    assert!(built.success(), "cannot build benches/idle_floor.rs");
    let exe = std::env::current_exe().unwrap();
    // target/release/deps/tick-… → target/release/examples/idle_floor
    exe.parent()
        .and_then(Path::parent)
        .unwrap()
        .join("examples/idle_floor")
}

fn idle() {
    let sizes: Vec<u64> = std::env::var("BENCH_RUNS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000, 1_000_000]);
    let mut dir = tempfile::tempdir().unwrap();
    // BENCH_KEEP=1 leaves the seeded store behind for a closer look.
    if std::env::var_os("BENCH_KEEP").is_some() {
        dir.disable_cleanup(true);
        println!("store kept in {}\n", dir.path().display());
    }
    let store = dir.path().join("idle.db");
    let url = format!("sqlite:{}", store.display());
    run_ok(backupctl(dir.path()).args(["--store", &url, "install-schema"]));
    let mut db = rusqlite::Connection::open(&store).unwrap();
    seed_definitions(&db);
    let floor = idle_floor();
    println!("## idle run-due: 10,000 strategies, 50,000 frequencies (nothing due)\n");
    println!(
        "Each minute: `backupctl run-due`, then the floor program (benches/idle_floor.rs) on the same store.\n"
    );
    println!("| runs in store | store size | run-due median | p90 | min | floor median | ratio |");
    println!("|---|---|---|---|---|---|---|");
    let mut have = 0;
    for size in sizes {
        grow_runs(&db, have, size);
        have = size;
        // Statistics as a DBA's ANALYZE leaves them, and the seeding written out, so that
        // background writeback does not land in the timings.
        db.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        // Every size ticks through the same idle hour (23:xx, when nothing is due): forget the last
        // tick so that the hour's first tick considers only itself, as a node's first tick does.
        db.execute_batch("DELETE FROM node").unwrap();
        // SAFETY: sync(2) has no preconditions.
        unsafe { libc::sync() };
        // Ticks then run as they do in production: each the only connection to the store.
        drop(db);
        let (mut times, mut floors) = (Vec::new(), Vec::new());
        for i in 0..repeat(41).min(60) {
            // Each tick advances one minute, as cron would; 41 ticks stay within 23:xx.
            let now = Utc.with_ymd_and_hms(2026, 11, 25, 23, 0, 0).unwrap()
                + chrono::Duration::minutes(i as i64);
            let t = run_ok(backupctl(dir.path()).args([
                "--store",
                &url,
                "run-due",
                "--now",
                &now.to_rfc3339(),
            ]));
            let f = run_ok(Command::new(&floor).args([
                store.to_str().unwrap(),
                "bench",
                &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ]));
            if i > 0 {
                // the first warms the page cache
                times.push(t);
                floors.push(f);
            }
        }
        db = rusqlite::Connection::open(&store).unwrap();
        let size_mib = std::fs::metadata(&store)
            .map(|m| m.len() >> 20)
            .unwrap_or(0);
        let (tick, floor) = (median(times.clone()), median(floors));
        println!(
            "| {size} | {size_mib} MiB | {} | {} | {} | {} | {:.2}× |",
            ms(tick),
            ms(pct(times.clone(), 0.9)),
            ms(*times.iter().min().unwrap()),
            ms(floor),
            tick.as_secs_f64() / floor.as_secs_f64()
        );
    }
    println!();
}

/// An idle tick as the minutes go by: another node ticks (a process a minute, as on a real host),
/// and every so often this node's tick is timed, beside the size of the store's WAL. Every
/// process closes the store without a checkpoint; what keeps the WAL from growing without end
/// is `SqliteBackend`'s `Drop`.
fn wal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("wal.db");
    let url = format!("sqlite:{}", store.display());
    run_ok(backupctl(dir.path()).args(["--store", &url, "install-schema"]));
    let db = rusqlite::Connection::open(&store).unwrap();
    seed_definitions(&db);
    grow_runs(&db, 0, 10_000);
    db.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(db);
    let wal = dir.path().join("wal.db-wal");
    let tick = |node: &str, now: &str| {
        run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_NODE", node)
                .args(["--store", &url, "-q", "run-due", "--now", now]),
        )
    };
    println!("## idle run-due as the WAL ages: 10,000 strategies, 10,000 runs\n");
    println!("Another node ticks between the timings, a process each (its tick at one minute, again and again).\n");
    println!("| ticks so far | mean of the other node's ticks since | WAL size | idle tick median (7 ticks) |\n|---|---|---|---|");
    let (mut ticks, mut minute) = (0, 0);
    for more in [0, 500, 500, 500, 500] {
        // The mean, not the median: it counts the ticks that empty the WAL.
        let others: Duration = (0..more)
            .map(|_| tick("other", "2026-11-25T23:00:00Z"))
            .sum();
        let mean = if more > 0 {
            ms(others / more)
        } else {
            "".into()
        };
        ticks += more;
        let times: Vec<Duration> = (0..7)
            .map(|k| tick("bench", &format!("2026-11-25T23:{:02}:00Z", minute + k)))
            .collect();
        minute += 7;
        ticks += 7;
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        println!(
            "| {ticks} | {mean} | {} KiB | {} |",
            size >> 10,
            ms(median(times))
        );
    }
    println!();
}

fn burst() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("burst.db");
    let url = format!("sqlite:{}", store.display());
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, "jobs = 4\nper_connection = 1\n").unwrap();
    let bc = |args: &[&str]| {
        run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_PROFILE", &profile)
                .args(["--store", &url])
                .args(args),
        );
    };
    for c in 0..25 {
        bc(&[
            "add-connection",
            "--id",
            &format!("C_{c}"),
            "--name",
            "c",
            "--instance",
            "XE",
            "--host",
            "h",
        ]);
    }
    for s in 0..100 {
        let id = format!("EST_{s}");
        bc(&[
            "add-strategy",
            "--id",
            &id,
            "--connection",
            &format!("C_{}", s % 25),
            "--line",
            "backup spfile;",
        ]);
        bc(&["schedule", "add", &id, "--day", "every", "--at", "02:00"]);
    }
    let mut ticks = Vec::new();
    for day in 1..=repeat(5) {
        let now = format!("2026-11-{day:02} 02:00");
        ticks.push(run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_PROFILE", &profile)
                .args([
                    "--store",
                    &url,
                    "--rman",
                    standin().to_str().unwrap(),
                    "run-due",
                    "--now",
                    &now,
                ]),
        ));
    }
    // The stand-in alone, fed the same script.
    let mut alone = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let mut child = Command::new(standin())
            .env("ORACLE_SID", "XE")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"CONNECT TARGET /;\nbackup spfile;\nEXIT;\n")
            .unwrap();
        child.wait().unwrap();
        alone.push(start.elapsed());
    }
    // With one job at a time, the tick's time beyond the stand-in's own is backupctl's overhead.
    std::fs::write(&profile, "jobs = 1\nper_connection = 1\n").unwrap();
    let mut serial = Vec::new();
    for day in 11..11 + repeat(3) {
        let now = format!("2026-11-{day:02} 02:00");
        serial.push(run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_PROFILE", &profile)
                .args([
                    "--store",
                    &url,
                    "--rman",
                    standin().to_str().unwrap(),
                    "run-due",
                    "--now",
                    &now,
                ]),
        ));
    }
    // A stand-in that costs nothing: cat echoes the script and exits at its end.
    let mut bare = Vec::new();
    for day in 21..21 + repeat(5) {
        let now = format!("2026-11-{day:02} 02:00");
        bare.push(run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_PROFILE", &profile)
                .args([
                    "--store", &url, "--rman", "/bin/cat", "run-due", "--now", &now,
                ]),
        ));
    }
    let bare = median(bare);
    let tick = median(ticks);
    let serial = median(serial);
    let rman = median(alone);
    let overhead = (serial.as_secs_f64() / 100.0 - rman.as_secs_f64()).max(0.0);
    println!("## 100 strategies due at once (RMAN stand-in, per_connection = 1)\n");
    println!("| measure | median |\n|---|---|");
    println!("| whole tick, jobs = 4 (100 runs) | {} |", ms(tick));
    println!("| wall time per run, jobs = 4 | {} |", ms(tick / 100));
    println!("| whole tick, jobs = 1 (100 runs) | {} |", ms(serial));
    println!("| one stand-in process alone | {} |", ms(rman));
    println!(
        "| backupctl overhead per run (jobs = 1 tick / 100 − stand-in alone) | {:.2} ms |",
        overhead * 1000.0
    );
    println!(
        "| whole tick, jobs = 1, with /bin/cat as rman (claim, spawn, capture, record) | {} ({} per run) |\n",
        ms(bare),
        ms(bare / 100)
    );
}

fn capture() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("capture.db");
    let url = format!("sqlite:{}", store.display());
    // The RMAN stand-in's `python3` found directly, not through a version manager's shims (on
    // this machine pyenv's run 0.2 s of bash before Python): the start of Python is then the same
    // small cost in `run` and in the stand-in piped into cat.
    let python = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .unwrap();
    let python = String::from_utf8(python.stdout).unwrap().trim().to_string();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(&python, bin.join("python3")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let builds = builds();
    let bc = |exe: &Path, args: &[&str]| {
        let mut c = backupctl_at(exe, dir.path());
        c.env("PATH", &path)
            .args(["--store", &url, "--rman", standin().to_str().unwrap()])
            .args(args);
        timed(&mut c)
    };
    bc(Path::new(BIN), &ADD_C);
    // The same output at two sizes: what is left between them is the cost of streaming 100 MiB,
    // without the fixed costs (the starts, storing the 16 MiB log durably).
    let make = |mib: u64| {
        format!(
            "head -c {} /dev/zero | tr '\\000' x | fold -w 99",
            mib << 20
        )
    };
    for (id, mib) in [("MID", 100), ("BIG", 200)] {
        bc(
            Path::new(BIN),
            &[
                "add-strategy",
                "--id",
                id,
                "--connection",
                "C",
                "--line",
                &format!("host '{}';", make(mib).replace('\'', "\"")),
            ],
        );
    }
    // The references: the same output made by the same commands, piped into cat; and the
    // same RMAN stand-in on the same script (its Python start included), piped into cat.
    let piped = |mib: u64| {
        timed(Command::new("sh").args(["-c", &format!("{} | cat > /dev/null", make(mib))]))
    };
    let standin_piped = |mib: u64| {
        let script = dir.path().join(format!("{mib}.rman"));
        std::fs::write(
            &script,
            format!(
                "connect target /;\nhost '{}';\n",
                make(mib).replace('\'', "\"")
            ),
        )
        .unwrap();
        timed(
            Command::new("sh")
                .args(["-c", "\"$0\" cmdfile=\"$1\" | cat > /dev/null"])
                .arg(standin())
                .arg(&script)
                .env("PATH", &path)
                .env("ORACLE_HOME", dir.path())
                .env("ORACLE_SID", "XE"),
        )
    };
    // Per size: each build's `run`, then cat, then the stand-in into cat; wall and CPU times
    // (the CPU of the whole process tree, from getrusage).
    let n = builds.len();
    let mut times: Vec<Vec<Vec<(Duration, Duration)>>> = vec![vec![Vec::new(); n + 2]; 2];
    for _ in 0..repeat(5) {
        for (k, (id, mib)) in [("MID", 100), ("BIG", 200)].into_iter().enumerate() {
            for (b, exe) in builds.iter().enumerate() {
                times[k][b].push(bc(exe, &["run", id]));
            }
            times[k][n].push(piped(mib));
            times[k][n + 1].push(standin_piped(mib));
        }
    }
    let wall = |k: usize, i: usize| median(times[k][i].iter().map(|t| t.0).collect());
    let cpu = |k: usize, i: usize| median(times[k][i].iter().map(|t| t.1).collect());
    println!("## log capture of RMAN output at 100 and 200 MiB (log_limit 16 MiB)\n");
    let names: Vec<String> = builds
        .iter()
        .enumerate()
        .map(|(b, exe)| match b {
            0 => "`run`".to_string(),
            _ => format!("`run` ({})", exe.display()),
        })
        .chain([
            "the same output into `cat`".into(),
            "the RMAN stand-in into `cat`".into(),
        ])
        .collect();
    println!(
        "| command | wall 100 MiB | wall 200 MiB | the second 100 MiB | CPU of the tree, 200 MiB |"
    );
    println!("|---|---|---|---|---|");
    for (i, name) in names.iter().enumerate() {
        println!(
            "| {name} | {} | {} | {} | {} |",
            ms(wall(0, i)),
            ms(wall(1, i)),
            ms(wall(1, i).saturating_sub(wall(0, i))),
            ms(cpu(1, i))
        );
    }
    let ratio = |a: Duration, b: Duration| 100.0 * a.as_secs_f64() / b.as_secs_f64();
    println!();
    for (b, name) in names.iter().enumerate().take(n) {
        let more = wall(1, b).saturating_sub(wall(0, b));
        println!(
            "- {}: 200 MiB at {:.0} % of the pipe into `cat`'s throughput, {:.0} % of the stand-in into `cat`'s; the second 100 MiB at {:.0} % of `cat`'s; {:+.0} ms of CPU against the stand-in into `cat`",
            name,
            ratio(wall(1, n), wall(1, b)),
            ratio(wall(1, n + 1), wall(1, b)),
            ratio(wall(1, n).saturating_sub(wall(0, n)), more),
            (cpu(1, b).as_secs_f64() - cpu(1, n + 1).as_secs_f64()) * 1000.0
        );
    }
    println!(
        "- peak RSS of the largest process: {} MiB\n",
        children_peak_kib() / 1024
    );
}

/// A slave's tick with nothing to push against the same node's tick standalone, interleaved:
/// what pushing to the master adds to every minute, without TLS and with it (`sslmode=prefer`,
/// the default, against a server with `ssl = on`).
fn slave() {
    let Ok(base) = std::env::var("BACKUPCTL_TEST_POSTGRES_URL") else {
        println!("## slave: skipped (set BACKUPCTL_TEST_POSTGRES_URL)\n");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_c, master) = pg_schema(dir.path(), &base, "bench_slave");
    let local = format!("sqlite:{}", dir.path().join("slave.db").display());
    run_ok(backupctl(dir.path()).args(["--store", &local, "install-schema"]));
    let tick = |role: &str, sslmode: &str| {
        run_ok(
            backupctl(dir.path())
                .env("BACKUPCTL_MASTER", format!("{master}&sslmode={sslmode}"))
                .env("BACKUPCTL_PUSH_SPREAD", "0s")
                .args(["--store", &local, "--role", role, "run-due"]),
        )
    };
    // The first push sends the node record; later ones have nothing to send.
    tick("slave", "disable");
    let (mut alone, mut plain, mut tls) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..repeat(31) {
        alone.push(tick("standalone", "disable"));
        plain.push(tick("slave", "disable"));
        tls.push(tick("slave", "prefer"));
    }
    let alone = median(alone);
    println!(
        "## a slave's tick with nothing to push (interleaved with the same tick standalone)\n"
    );
    println!("| tick | median | over standalone |\n|---|---|---|");
    println!("| standalone | {} | |", ms(alone));
    for (what, times) in [
        ("slave, sslmode=disable", plain),
        ("slave, sslmode=prefer (TLS)", tls),
    ] {
        let m = median(times);
        println!("| {what} | {} | {} |", ms(m), ms(m.saturating_sub(alone)));
    }
    println!();
}

/// A fresh PostgreSQL schema with backupctl's tables: a client, and the store URL that uses it.
fn pg_schema(dir: &Path, base: &str, schema: &str) -> (postgres::Client, String) {
    let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
    run_ok(backupctl(dir).args(["--store", &url, "install-schema"]));
    (c, url)
}

/// A slave pushing its backlog to PostgreSQL, at each size of BENCH_PUSH_RUNS (default 10,000 and
/// 100,000 runs, each with a ~2 KiB log, and 10,000 strategies): runs per second, to show whether
/// the cost per run stays flat as the backlog grows.
fn push() {
    let Ok(base) = std::env::var("BACKUPCTL_TEST_POSTGRES_URL") else {
        println!("## push: skipped (set BACKUPCTL_TEST_POSTGRES_URL)\n");
        return;
    };
    let sizes: Vec<u64> = std::env::var("BENCH_PUSH_RUNS")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![10_000, 100_000]);
    println!("## a slave pushing its backlog (each run with a ~2 KiB log; 10,000 strategies) to PostgreSQL\n");
    println!("| runs | median push-logs wall time | runs per second | COPY of the same rows | COPY runs per second | push ÷ COPY throughput |\n|---|---|---|---|---|---|");
    for size in sizes {
        let (t, copy) = push_backlog(&base, size);
        println!(
            "| {size} | {} | {:.0} | {} | {:.0} | {:.0} % |",
            ms(t),
            size as f64 / t.as_secs_f64(),
            ms(copy),
            size as f64 / copy.as_secs_f64(),
            100.0 * copy.as_secs_f64() / t.as_secs_f64()
        );
    }
    println!();
}

/// The median push of `size` runs, and the median COPY of the same rows (the pushed tables,
/// copied out of the master and into a fresh schema of the same tables and triggers: the fastest
/// way PostgreSQL takes rows).
fn push_backlog(base: &str, size: u64) -> (Duration, Duration) {
    let mut dir = tempfile::tempdir().unwrap();
    // BENCH_KEEP=1 leaves the slave's store and profile behind for a closer look.
    if std::env::var_os("BENCH_KEEP").is_some() {
        dir.disable_cleanup(true);
        println!("slave kept in {}\n", dir.path().display());
    }
    let store = dir.path().join("slave.db");
    let url = format!("sqlite:{}", store.display());
    run_ok(backupctl(dir.path()).args(["--store", &url, "install-schema"]));
    let db = rusqlite::Connection::open(&store).unwrap();
    db.execute_batch(
        "INSERT INTO connection (node, conn_id, conn_name, database_instance, ip, created_at) VALUES ('bench', 'C_0', 'c', 'XE', 'h', '2026-01-01T00:00:00.000000Z');",
    )
    .unwrap();
    for s in 0..10_000 {
        db.execute(
            "INSERT INTO strategy (node, strategy_id, connection, priority, created_at) VALUES ('bench', ?1, 'C_0', 'MEDIUM', '2026-01-01T00:00:00.000000Z')",
            [format!("EST_{s}")],
        )
        .unwrap();
    }
    grow_runs(&db, 0, size);
    let (mut times, mut copies) = (Vec::new(), Vec::new());
    for i in 0..repeat(3) {
        let schema = format!("bctl_bench_{i}_{}", std::process::id());
        let (mut c, master) = pg_schema(dir.path(), base, &schema);
        db.execute_batch("UPDATE run SET pushed = 0; UPDATE log SET pushed = 0; UPDATE strategy SET pushed = 0; UPDATE connection SET pushed = 0;").unwrap();
        let profile = dir.path().join("slave.toml");
        std::fs::write(
            &profile,
            format!("role = \"slave\"\nmaster = \"{master}\"\n"),
        )
        .unwrap();
        times.push(run_ok(backupctl(dir.path()).args([
            "--profile",
            profile.to_str().unwrap(),
            "--store",
            &url,
            "push-logs",
        ])));
        let n: i64 = c
            .query_one(&format!("SELECT COUNT(*) FROM {schema}.run"), &[])
            .unwrap()
            .get(0);
        assert_eq!(n, i64::try_from(size).unwrap());
        copies.push(copy_of(&mut c, dir.path(), base, &schema));
        c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
            .unwrap();
    }
    (median(times), median(copies))
}

/// How long COPY takes to load what a push wrote into `schema`: each pushed table read out first
/// (not timed), then copied into a fresh schema in the order of their keys.
fn copy_of(c: &mut postgres::Client, dir: &Path, base: &str, schema: &str) -> Duration {
    use std::io::{Read, Write};
    let target = format!("{schema}_copy");
    let (mut into, _) = pg_schema(dir, base, &target);
    let tables = ["connection", "strategy", "run", "log"];
    let data: Vec<Vec<u8>> = tables
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            c.copy_out(&format!("COPY {schema}.{t} TO STDOUT"))
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
            out
        })
        .collect();
    let start = Instant::now();
    for (t, bytes) in tables.iter().zip(&data) {
        let mut w = into
            .copy_in(&format!("COPY {target}.{t} FROM STDIN"))
            .unwrap();
        w.write_all(bytes).unwrap();
        w.finish().unwrap();
    }
    let took = start.elapsed();
    into.batch_execute(&format!("DROP SCHEMA {target} CASCADE"))
        .unwrap();
    took
}

/// CPU time (user + system) of every child waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given.
    let u = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// A tick whose one backup lasts 5 s (no minute boundary; median of three) against one that lasts
/// 305 s (five boundaries, each a whole minute's tick done by the running process): the difference
/// in CPU, over five, is what keeping on ticking costs per minute. "RMAN" is `sleep`, so nearly all
/// the CPU measured is backupctl's.
fn keep() {
    let sizes: Vec<u64> = std::env::var("BENCH_RUNS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 100_000]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("keep.db");
    let url = format!("sqlite:{}", store.display());
    let sleeper = dir.path().join("sleeper");
    std::fs::write(&sleeper, "#!/bin/sh\nexec sleep \"$BENCH_SLEEP\"\n").unwrap();
    std::fs::set_permissions(
        &sleeper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    run_ok(backupctl(dir.path()).args(["--store", &url, "install-schema"]));
    let db = rusqlite::Connection::open(&store).unwrap();
    seed_definitions(&db);
    db.execute_batch(
        "INSERT INTO strategy (node, strategy_id, connection, priority, created_at) VALUES ('bench', 'LONG', 'C_0', 'HIGH', '2026-01-01T00:00:00.000000Z'); \
         INSERT INTO strategy_line (node, strategy_id, line_no, line) VALUES ('bench', 'LONG', 1, 'backup database;'); \
         INSERT INTO frequency (node, strategy_id, freq_key, day, hour, minutes) VALUES ('bench', 'LONG', '-1@23:00', -1, 23, 0);",
    )
    .unwrap();
    println!("## a tick that keeps ticking: CPU per minute while its backup runs\n");
    println!("| runs in store | CPU, 5 s backup (no minute passes) | CPU, 305 s backup (5 minutes pass) | CPU per minute kept ticking |");
    println!("|---|---|---|---|");
    let mut have = 0;
    let mut day = 1;
    for size in sizes {
        grow_runs(&db, have, size);
        have = size;
        db.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let mut cpu = Vec::new();
        for secs in [5, 5, 5, 305] {
            db.execute_batch("DELETE FROM node").unwrap();
            let now = format!("2026-10-{day:02}T23:00:00Z");
            day += 1;
            let before = children_cpu();
            run_ok(
                backupctl(dir.path())
                    .env("BENCH_SLEEP", secs.to_string())
                    .args(["--store", &url, "--rman", sleeper.to_str().unwrap()])
                    .args(["run-due", "--now", &now]),
            );
            cpu.push(children_cpu() - before);
        }
        let long = cpu.pop().unwrap();
        let short = median(cpu);
        let per_minute = long.saturating_sub(short) / 5;
        println!(
            "| {size} | {} | {} | {} |",
            ms(short),
            ms(long),
            ms(per_minute)
        );
    }
    println!();
}

/// What monitoring and DBAs call: `status` (JSON and Nagios) and `schedule next`, at growing
/// numbers of runs over the same 10,000 strategies and 50,000 frequencies.
/// The read commands a DBA and monitoring call, each timed as whole processes at `url`; the report
/// is as of the newest run (`last`), so its 14 days hold runs.
fn time_reads(dir: &Path, url: &str, size: u64, last: &str) {
    let now = "2026-11-25T12:00:00Z";
    let report = dir.join("report.html");
    let report = report.to_str().unwrap();
    let commands: [&[&str]; 7] = [
        &["status", "--format", "json", "--now", now],
        &["status", "--format", "table", "--now", now],
        &["status", "--format", "nagios", "--now", now],
        &["status", "--format", "prometheus", "--now", now],
        &["report", "--html", report, "--now", last],
        &["check"],
        &["schedule", "next", "--count", "20", "--from", now],
    ];
    // Round after round, each command once per round, so that a noisy moment of this shared
    // machine falls on all of them alike; the first round warms the page cache and is dropped.
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); commands.len()];
    let before = children_peak_kib();
    for round in 0..repeat(6) {
        for (args, times) in commands.iter().zip(&mut times) {
            let mut cmd = backupctl(dir);
            // check starts rman for its banner: a zero-cost one here, so the store is what is timed.
            cmd.env("BACKUPCTL_RMAN", "/bin/true");
            let t = run_ok(cmd.args(["--store", url]).args(*args));
            if round > 0 {
                times.push(t);
            }
        }
    }
    let peak = children_peak_kib().max(before);
    let cells: Vec<String> = times.into_iter().map(|v| ms(median(v))).collect();
    println!("| {size} | {} | {} MiB |", cells.join(" | "), peak / 1024);
}

const READS_HEADER: &str = "| runs in store | status json | status table | status nagios | status prometheus | report --html | check | schedule next --count 20 | peak RSS |\n|---|---|---|---|---|---|---|---|---|";

/// When the newest of `n` runs written by [`grow_runs`] was due.
fn last_run_at(n: u64) -> String {
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    (base + chrono::Duration::minutes(n.max(1) as i64 - 1)).to_rfc3339()
}

fn reads() {
    let sizes: Vec<u64> = std::env::var("BENCH_RUNS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 1_000_000]);
    let mut dir = tempfile::tempdir().unwrap();
    if std::env::var_os("BENCH_KEEP").is_some() {
        dir.disable_cleanup(true);
        println!("store kept in {}\n", dir.path().display());
    }
    let store = dir.path().join("reads.db");
    let url = format!("sqlite:{}", store.display());
    run_ok(backupctl(dir.path()).args(["--store", &url, "install-schema"]));
    let db = rusqlite::Connection::open(&store).unwrap();
    seed_definitions(&db);
    drop(db);
    println!("## reads on SQLite: 10,000 strategies, 50,000 frequencies\n");
    println!("{READS_HEADER}");
    let mut have = 0;
    for &size in &sizes {
        let db = rusqlite::Connection::open(&store).unwrap();
        grow_runs(&db, have, size);
        db.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        drop(db);
        have = size;
        time_reads(dir.path(), &url, size, &last_run_at(size));
    }
    println!();
    reads_postgres(dir.path(), &sizes);
}

/// The same reads on PostgreSQL (when BACKUPCTL_TEST_POSTGRES_URL is set): the same definitions
/// and runs, written by generate_series (runs without logs, which no read here touches).
fn reads_postgres(dir: &Path, sizes: &[u64]) {
    let Ok(base) = std::env::var("BACKUPCTL_TEST_POSTGRES_URL") else {
        println!("## reads on PostgreSQL: skipped (set BACKUPCTL_TEST_POSTGRES_URL)\n");
        return;
    };
    let schema = format!("bctl_reads_{}", std::process::id());
    let (mut c, url) = pg_schema(dir, &base, &schema);
    // 100 connections, 10,000 strategies, 5 frequencies each (never at 23:xx), as on SQLite.
    c.batch_execute(&format!(
        "SET search_path = {schema};
         INSERT INTO connection (node, conn_id, conn_name, database_instance, ip, created_at)
           SELECT 'bench', 'C_' || c, 'c', 'XE', 'h', TIMESTAMPTZ '2026-01-01 00:00:00+00' FROM generate_series(0, 99) c;
         INSERT INTO strategy (node, strategy_id, connection, priority, created_at)
           SELECT 'bench', 'EST_' || s, 'C_' || (s % 100), 'MEDIUM', TIMESTAMPTZ '2026-01-01 00:00:00+00' FROM generate_series(0, 9999) s;
         INSERT INTO strategy_line (node, strategy_id, line_no, line)
           SELECT 'bench', 'EST_' || s, 1, 'backup database;' FROM generate_series(0, 9999) s;
         INSERT INTO frequency (node, strategy_id, freq_key, day, hour, minutes)
           SELECT 'bench', 'EST_' || s, k || '@' || s, (s * 7 + k) % 8 - 1, (s * 13 + k * 5) % 23, (s * 31 + k * 17) % 60
           FROM generate_series(0, 9999) s, generate_series(0, 4) k;
         ANALYZE"
    ))
    .unwrap();
    println!("## reads on PostgreSQL: 10,000 strategies, 50,000 frequencies\n");
    println!("{READS_HEADER}");
    let mut have = 0u64;
    for &size in sizes {
        // 10,000 runs per transaction (one per strategy), as a store gains them over time: the
        // summary's rows move forward once per transaction, not a hundred times in one.
        for from in (have..size).step_by(10_000) {
            let to = (from + 10_000).min(size);
            c.batch_execute(&format!(
                "INSERT INTO {schema}.run (run_id, node, strategy_id, scheduled_for, started_at, finished_at, status, exit_code, run_trigger, pushed)
                   SELECT 'R' || lpad(i::text, 9, '0'), 'bench', 'EST_' || (i % 10000), t, t, t, 'succeeded', 0, 'scheduled', 1
                   FROM generate_series({from}, {to} - 1) i, LATERAL (SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 minute' AS t) x"
            ))
            .unwrap();
        }
        // As autovacuum would have by then (the summary's rows were updated at every run). On its
        // own: VACUUM cannot run inside the transaction a multi-statement batch makes.
        c.batch_execute(&format!(
            "VACUUM ANALYZE {schema}.run, {schema}.run_latest, {schema}.run_tally"
        ))
        .unwrap();
        have = size;
        time_reads(dir, &url, size, &last_run_at(size));
    }
    println!();
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("store kept at {url}\n");
    } else {
        c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
            .unwrap();
    }
}

/// What backupctl costs per run, in CPU: one tick starting 50 due backups one after another,
/// "RMAN" a shell script that prints RMAN's banner, less an idle tick and 50 starts of the
/// script alone, over 50. The whole process tree's CPU (getrusage): the tick, each run's
/// supervisor, the script. BENCH_BASELINE=PATH runs another build beside this one.
fn perrun() {
    const RUNS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("oracle");
    std::fs::create_dir_all(home.join("bin")).unwrap();
    let rman = home.join("bin/rman");
    std::fs::write(
        &rman,
        "#!/bin/sh\necho 'Recovery Manager: Release 19.0.0.0.0 - Production'\necho\necho 'connected to target database: XE (DBID=1)'\necho\necho 'Recovery Manager complete.'\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&rman, std::fs::Permissions::from_mode(0o755)).unwrap();
    let builds = builds();
    // Each build with a store and state of its own, defined alike.
    let places: Vec<PathBuf> = (0..builds.len())
        .map(|b| dir.path().join(format!("build{b}")))
        .collect();
    let bc = |b: usize, args: &[&str]| {
        let place = &places[b];
        let url = format!("sqlite:{}", place.join("store.db").display());
        let profile = place.join("profile.toml");
        timed(
            backupctl_at(&builds[b], place)
                .env("BACKUPCTL_PROFILE", &profile)
                .args(["--store", &url, "--rman", rman.to_str().unwrap()])
                .args(args),
        )
    };
    for (b, place) in places.iter().enumerate() {
        std::fs::create_dir_all(place).unwrap();
        std::fs::write(place.join("profile.toml"), "jobs = 1\nper_connection = 1\n").unwrap();
        bc(b, &ADD_C);
        for s in 0..RUNS {
            let id = format!("S_{s:02}");
            bc(
                b,
                &[
                    "add-strategy",
                    "--id",
                    &id,
                    "--connection",
                    "C",
                    "--line",
                    "backup spfile;",
                ],
            );
            bc(
                b,
                &["schedule", "add", &id, "--day", "every", "--at", "02:00"],
            );
        }
    }
    let script = || {
        let mut c = Command::new(&rman);
        c.stdout(std::process::Stdio::null());
        timed(&mut c).1
    };
    // Per round and build: [a tick of 50 runs, an idle tick]; and 50 starts of the script.
    let mut busy: Vec<Vec<Duration>> = vec![Vec::new(); builds.len()];
    let mut idle: Vec<Vec<Duration>> = vec![Vec::new(); builds.len()];
    let mut alone = Vec::new();
    let rounds = repeat(7);
    for day in 1..=rounds {
        for b in 0..builds.len() {
            // The minute before, so that the timed ticks each look at one minute only.
            bc(b, &["run-due", "--now", &format!("2026-11-{day:02} 01:59")]);
            let due = format!("2026-11-{day:02} 02:00");
            busy[b].push(bc(b, &["run-due", "--now", &due]).1);
            let quiet = format!("2026-11-{day:02} 02:01");
            idle[b].push(bc(b, &["run-due", "--now", &quiet]).1);
        }
        alone.push((0..RUNS).map(|_| script()).sum::<Duration>());
    }
    for place in &places {
        let db = rusqlite::Connection::open(place.join("store.db")).unwrap();
        let done: i64 = db
            .query_row(
                "SELECT count(*) FROM run WHERE status = 'succeeded'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            done as usize,
            RUNS * rounds,
            "every due backup ran and succeeded"
        );
    }
    let alone = median(alone);
    println!("## CPU per run: {RUNS} backups in one tick, \"RMAN\" a shell script\n");
    println!("| build | tick of {RUNS} runs | idle tick | the script, {RUNS} times | per run, beyond the script |");
    println!("|---|---|---|---|---|");
    for (b, exe) in builds.iter().enumerate() {
        let (t, i) = (median(busy[b].clone()), median(idle[b].clone()));
        let per = (t.as_secs_f64() - i.as_secs_f64() - alone.as_secs_f64()) / RUNS as f64;
        println!(
            "| {} | {} | {} | {} | {:.2} ms |",
            if b == 0 {
                "this one".to_string()
            } else {
                exe.display().to_string()
            },
            ms(t),
            ms(i),
            ms(alone),
            per * 1000.0
        );
    }
    println!();
}

fn main() {
    let what: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let all = what.is_empty() || what.iter().any(|w| w == "all");
    let want = |name: &str| all || what.iter().any(|w| w == name);
    println!(
        "backupctl benchmarks — {} cores\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    if want("idle") {
        idle();
    }
    if want("wal") {
        wal();
    }
    if want("reads") {
        reads();
    }
    if want("burst") {
        burst();
    }
    if want("capture") {
        capture();
    }
    if want("perrun") {
        perrun();
    }
    if want("push") {
        push();
    }
    if want("slave") {
        slave();
    }
    if want("keep") {
        keep();
    }
    if want("fleet") {
        fleet();
    }
}

/// BENCH_NODES slaves (default 500), each its own process with its own SQLite store and one
/// strategy, tick the same minute at once and push through a PgBouncer in transaction pooling
/// mode with 20 server connections; meanwhile the master's `status --format nagios` and
/// `report` are timed. Every run must be on the master once, every push complete.
fn fleet() {
    let nodes: usize = std::env::var("BENCH_NODES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let Some(bouncer) = pooler::PgBouncer::with_pool("the fleet bench", 20) else {
        println!("## fleet: skipped (set BACKUPCTL_TEST_POSTGRES_URL; install pgbouncer)\n");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = |name: &str, role: &str, store: &str| -> PathBuf {
        let path = dir.path().join(format!("{name}.toml"));
        let master = if role == "slave" {
            format!("master = \"{}\"\n", bouncer.url)
        } else {
            String::new()
        };
        std::fs::write(
            &path,
            format!(
                "role = \"{role}\"\nnode = \"{name}\"\nstore = \"{store}\"\n{master}timezone = \"UTC\"\nrman = \"{}\"\n",
                standin().display()
            ),
        )
        .unwrap();
        path
    };
    let central = profile("central", "master", &bouncer.url);
    let as_node = |p: &Path| {
        let mut c = backupctl(dir.path());
        c.env_remove("BACKUPCTL_NODE").arg("--profile").arg(p);
        c
    };
    run_ok(as_node(&central).arg("install-schema"));
    // One slave defined, copied (with its write-ahead log) and renamed for the others.
    let store_of = |name: &str| dir.path().join(format!("{name}.db"));
    let tmpl = profile(
        "tmpl",
        "slave",
        &format!("sqlite:{}", store_of("tmpl").display()),
    );
    run_ok(as_node(&tmpl).args([
        "add-connection",
        "--id",
        "C_1",
        "--name",
        "db",
        "--instance",
        "XE",
    ]));
    run_ok(as_node(&tmpl).args([
        "add-strategy",
        "--id",
        "S",
        "--connection",
        "C_1",
        "--line",
        "backup spfile;",
    ]));
    run_ok(as_node(&tmpl).args(["schedule", "add", "S", "--cron", "35 12 * * *"]));
    let slaves: Vec<PathBuf> = (0..nodes)
        .map(|i| {
            let name = format!("db{i:04}");
            let store = store_of(&name);
            std::fs::copy(store_of("tmpl"), &store).unwrap();
            let wal = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));
            if wal(&store_of("tmpl")).exists() {
                std::fs::copy(wal(&store_of("tmpl")), wal(&store)).unwrap();
            }
            let p = profile(&name, "slave", &format!("sqlite:{}", store.display()));
            run_ok(as_node(&p).args(["-q", "node", "rename", "tmpl", &name]));
            p
        })
        .collect();
    let start = Instant::now();
    let mut ticking: Vec<_> = slaves
        .iter()
        .map(|p| {
            as_node(p)
                .args(["run-due", "--now", "2026-11-25 12:35"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // The master is asked, again and again, for as long as the fleet ticks.
    let (mut status, mut report) = (Vec::new(), Vec::new());
    while status.len() < 5 || ticking.iter_mut().any(|t| t.try_wait().unwrap().is_none()) {
        // Nagios exits with the fleet's state (0 to 2); it must answer, in one line.
        let t = Instant::now();
        let out = as_node(&central)
            .args(["status", "--format", "nagios"])
            .output()
            .unwrap();
        status.push(t.elapsed());
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.starts_with("BACKUPCTL ") && out.status.code().is_some_and(|c| c <= 2),
            "{said}"
        );
        report.push(run_ok(as_node(&central).args(["report", "--html", "-"])));
    }
    let mut failed = 0;
    for t in ticking {
        let out = t.wait_with_output().unwrap();
        if !out.status.success() || String::from_utf8_lossy(&out.stderr).contains("pending") {
            failed += 1;
        }
    }
    let all_done = start.elapsed();
    let mut c = bouncer.client();
    let runs: i64 = c
        .query_one("SELECT COUNT(*) FROM run WHERE status = 'succeeded'", &[])
        .unwrap()
        .get(0);
    let distinct: i64 = c
        .query_one("SELECT COUNT(DISTINCT run_id) FROM run", &[])
        .unwrap()
        .get(0);
    println!("## {nodes} slaves ticking and pushing in the same minute through PgBouncer (20 server connections)\n");
    println!("| measure | value |\n|---|---|");
    println!(
        "| all ticks (backup, record, push) ended after | {} |",
        ms(all_done)
    );
    println!("| ticks that failed or left rows pending | {failed} |");
    println!(
        "| succeeded runs on the master (of {nodes}) | {runs} (distinct run ids: {distinct}) |"
    );
    println!(
        "| master status --format nagios meanwhile: median, slowest (of {}) | {}, {} |",
        status.len(),
        ms(median(status.clone())),
        ms(*status.iter().max().unwrap())
    );
    println!(
        "| master report --html meanwhile: median, slowest (of {}) | {}, {} |\n",
        report.len(),
        ms(median(report.clone())),
        ms(*report.iter().max().unwrap())
    );
    assert_eq!((runs, failed), (i64::try_from(nodes).unwrap(), 0));
}
