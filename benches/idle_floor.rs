//! The floor an idle `run-due` is measured against (`cargo bench --bench tick -- idle`): the least
//! an idle tick must do, as a program of its own. It opens the same store file with the same
//! settings, reads the node's last tick, its running runs and the frequencies that could fire at
//! the minute (the same statements as backupctl's store), and writes the tick. No profile, no
//! command line parser, no time zone but UTC, no owner lock, no cron evaluation.
//!
//! idle_floor STORE NODE MINUTE   (MINUTE as RFC 3339 UTC, `2026-11-25T23:05:00Z`)

use rusqlite::{params, Connection};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [store, node, minute] = args.as_slice() else {
        eprintln!("usage: idle_floor STORE NODE MINUTE");
        std::process::exit(2);
    };
    // "2026-11-25T23:05:00Z": weekday and time read from the text (the bench ticks in UTC).
    let (hour, min): (i64, i64) = (
        minute[11..13].parse().expect("hour"),
        minute[14..16].parse().expect("minute"),
    );
    let day = weekday(minute);
    let at = format!("{}.000000Z", &minute[..19]);

    let db = Connection::open(store).expect("open the store");
    db.busy_timeout(std::time::Duration::from_secs(30))
        .expect("busy timeout");
    db.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )
    .expect("pragmas");
    db.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("no checkpoint on close");

    let last: Option<String> = db
        .query_row(
            "SELECT last_tick FROM node WHERE node = ?",
            params![node],
            |r| r.get(0),
        )
        .unwrap_or(None);
    let mut running = db
        .prepare(
            "SELECT r.run_id, r.strategy_id, r.scheduled_for, r.started_at, r.host, r.pid, \
             r.owner_lock, s.connection FROM run r \
             LEFT JOIN strategy s ON s.node = r.node AND s.strategy_id = r.strategy_id \
             WHERE r.node = ? AND r.status = 'running'",
        )
        .expect("running runs");
    let running = running
        .query_map(params![node], |r| r.get::<_, String>(0))
        .expect("running runs")
        .count();
    let select = "SELECT f.strategy_id, f.day, f.hour, f.minutes, f.cron FROM frequency f \
         JOIN strategy s ON s.node = f.node AND s.strategy_id = f.strategy_id \
         JOIN connection c ON c.node = s.node AND c.conn_id = s.connection \
         WHERE f.node = ? AND s.alive = 1 AND c.alive = 1";
    let mut due = db
        .prepare(&format!(
            "{select} AND f.cron IS NOT NULL UNION ALL \
             {select} AND f.hour = ? AND f.minutes = ? AND f.day IN (?, ?)"
        ))
        .expect("due frequencies");
    let due = due
        .query_map(params![node, node, hour, min, -1, day], |r| {
            r.get::<_, String>(0)
        })
        .expect("due frequencies")
        .count();
    db.execute(
        "UPDATE node SET last_tick = ?, last_seen = ? WHERE node = ?",
        params![at, at, node],
    )
    .expect("write the tick");
    if std::env::var_os("IDLE_FLOOR_SAY").is_some() {
        println!("last {last:?}, {running} running, {due} due");
    }
}

/// Days from Sunday of a `YYYY-MM-DD…` date (Sakamoto's method).
fn weekday(date: &str) -> i64 {
    let (mut y, m, d): (i64, i64, i64) = (
        date[0..4].parse().expect("year"),
        date[5..7].parse().expect("month"),
        date[8..10].parse().expect("day"),
    );
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    if m < 3 {
        y -= 1;
    }
    (y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d) % 7
}
