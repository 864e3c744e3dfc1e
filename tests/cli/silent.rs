//! A PostgreSQL store that accepts and never answers, from the start or in the middle of a
//! session (a stopped server, a pooler with no server to give): every command gives up at
//! `store_timeout` with exit 4 (Nagios: UNKNOWN, 3) instead of hanging.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support::{Env, PgSchema};

/// Accepts every connection and never says a word.
fn silent_peer() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
        }
    });
    port
}

/// Forwards to `target`; once frozen, each connection is let through its start-up (until the
/// server's first ReadyForQuery) and then hears nothing more: its session is open and its first
/// statement never answered. Needs `sslmode=disable` to see the messages.
struct FreezingProxy {
    port: u16,
    frozen: Arc<AtomicBool>,
}

impl FreezingProxy {
    fn start(target: u16) -> FreezingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let frozen = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&frozen);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let server = TcpStream::connect(("127.0.0.1", target)).unwrap();
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || pump(c2, s2, None));
                let flag = Arc::clone(&flag);
                std::thread::spawn(move || pump(server, client, Some(&flag)));
            }
        });
        FreezingProxy { port, frozen }
    }

    fn freeze(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }
}

/// Copy `from` to `to`; for the server's side (`frozen` given), swallow what follows the first
/// ReadyForQuery (`Z`, length 5) once frozen.
fn pump(mut from: TcpStream, mut to: TcpStream, frozen: Option<&AtomicBool>) {
    let mut buf = [0u8; 16384];
    let mut ready = false;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let mut pass = n;
        if let Some(frozen) = frozen {
            if ready && frozen.load(Ordering::SeqCst) {
                continue;
            }
            if let Some(at) = buf[..n].windows(5).position(|w| w == b"Z\0\0\0\x05") {
                ready = true;
                if frozen.load(Ordering::SeqCst) {
                    pass = (at + 6).min(n);
                }
            }
        }
        if to.write_all(&buf[..pass]).is_err() {
            return;
        }
    }
}

fn against(env: &Env, store: &str, args: &[&str]) -> (i32, String, String) {
    let child = env
        .tick_std()
        .env("BACKUPCTL_STORE", store)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command still running after a minute has hung: the bound under test is a second or two.
    crate::faults::exits_within(child, Duration::from_secs(60), &args.join(" "))
}

/// The schema and one connection, through `store` as given.
fn seeded(env: &Env, store: &str) {
    let (code, _, err) = against(env, store, &["install-schema"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = against(
        env,
        store,
        &[
            "add-connection",
            "--id",
            "C_1",
            "--name",
            "x",
            "--instance",
            "XE",
            "--host",
            "h",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

const COMMANDS: [&[&str]; 5] = [
    &["logs"],
    &["strategy", "list"],
    &["check"],
    &["run-due"],
    &["status", "--format", "nagios"],
];

fn gives_up(env: &Env, store: &str, what: &str) {
    for args in COMMANDS {
        let (code, out, err) = against(env, store, args);
        if args[0] == "status" {
            assert_eq!(code, 3, "{what}: {args:?}: {out}{err}");
            assert!(out.starts_with("BACKUPCTL UNKNOWN - "), "{what}: {out}");
            assert_eq!(out.trim_end().lines().count(), 1, "{what}: {out}");
        } else if args[0] == "check" {
            // check reports the store as a failed item (exit 5) or gives up on it (4).
            assert!([4, 5].contains(&code), "{what}: {args:?}: {out}{err}");
        } else {
            assert_eq!(code, 4, "{what}: {args:?}: {out}{err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{what}: {args:?}: {err}");
        }
    }
}

#[test]
fn a_store_that_never_answers_costs_each_command_its_store_timeout() {
    let env = Env::ticking();
    env.write("profile.toml", "store_timeout = \"1s\"\n");
    let store = format!("postgres://backupctl@127.0.0.1:{}/backups", silent_peer());
    gives_up(&env, &store, "silent from the start");
}

#[test]
fn a_store_that_stops_answering_mid_session_is_given_up_at_its_timeout() {
    let Some(pg) = PgSchema::create("the stopped-store test") else {
        return;
    };
    let target: u16 = pg
        .url
        .split_once("127.0.0.1:")
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(5432);
    let proxy = FreezingProxy::start(target);
    let store = pg.url.replacen(
        &format!("127.0.0.1:{target}"),
        &format!("127.0.0.1:{}", proxy.port),
        1,
    ) + "&sslmode=disable";
    let env = Env::ticking();
    env.write("profile.toml", "store_timeout = \"1s\"\n");
    seeded(&env, &store);
    proxy.freeze();
    gives_up(&env, &store, "stopped mid-session");
    // Past the connect: the session was open, its statement never answered.
    let (_, _, err) = against(&env, &store, &["logs"]);
    assert!(
        err.contains("no answer within 1s") && !err.contains("cannot connect"),
        "{err}"
    );
}

/// A store that answers reads and refuses writes (a PostgreSQL standby after a failover, or
/// `default_transaction_read_only`): check and Nagios say so instead of OK.
#[test]
fn check_and_nagios_report_a_store_that_takes_no_writes() {
    let Some(pg) = PgSchema::create("the read-only store test") else {
        return;
    };
    let env = Env::ticking();
    seeded(&env, &pg.url);
    let read_only = pg.url.replace(
        "options=",
        "options=-c%20default_transaction_read_only%3Don%20",
    );
    let (code, out, err) = against(&env, &read_only, &["check", "--format", "json"]);
    assert_eq!(code, 5, "{out}{err}");
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let store = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "store")
        .unwrap();
    assert_eq!(store["state"], "failed", "{store}");
    assert!(
        store["detail"]
            .as_str()
            .unwrap()
            .contains("takes no writes"),
        "{store}"
    );
    let (code, out, _) = against(&env, &read_only, &["status", "--format", "nagios"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.starts_with("BACKUPCTL CRITICAL - ") && out.contains("takes no writes"),
        "{out}"
    );
    // The same store, writable: no such complaint.
    let (_, out, _) = against(&env, &pg.url, &["status", "--format", "nagios"]);
    assert!(!out.contains("takes no writes"), "{out}");
}
