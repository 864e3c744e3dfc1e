//! The tick in this process on a clock the test sets: minutes pass when the test says so, never
//! by waiting for the wall clock, and children (the RMAN stand-in) still run for real.

use std::sync::Arc;
use std::thread::JoinHandle;

use backupctl::clock::ManualClock;
use backupctl::profile::{Overrides, Profile};
use backupctl::runner::Report;
use backupctl::tick::{run_due, TickEnv};
use chrono::{DateTime, Utc};

use crate::support::Env;
use crate::tick::standin;

/// A node whose ticks run in this process on a [`ManualClock`].
pub struct Clocked {
    pub env: Env,
    pub clock: Arc<ManualClock>,
    /// `push_spread` for the tick (BACKUPCTL_PUSH_SPREAD): at once unless a test sets it.
    pub push_spread: Option<String>,
}

/// A tick running on a thread of its own.
pub struct RunningTick {
    handle: JoinHandle<anyhow::Result<backupctl::tick::TickResult>>,
}

impl RunningTick {
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Wait for the tick to end; its result.
    pub fn join(self) -> backupctl::tick::TickResult {
        self.handle
            .join()
            .expect("the tick thread panicked")
            .expect("the tick failed")
    }
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 time")
        .with_timezone(&Utc)
}

impl Clocked {
    /// A ticking node (as [`Env::ticking`]) whose clock reads `now`.
    pub fn new(now: &str) -> Clocked {
        let env = Env::ticking();
        // RMAN is the stand-in, recording into the test's folder: the variable is set by a
        // wrapper, not in this process's environment, which every test shares.
        let bin = env.path().join("home/bin");
        std::fs::create_dir_all(&bin).expect("create home/bin");
        env.executable(
            "home/bin/rman",
            &format!(
                "#!/bin/sh\nSTANDIN_RECORD='{}' exec '{}' \"$@\"\n",
                env.path().join("standin.jsonl").display(),
                standin().display()
            ),
        );
        Clocked {
            env,
            clock: ManualClock::new(at(now)),
            push_spread: Some("0s".into()),
        }
    }

    /// The profile the binary would load in [`Env::tick_std`]'s environment.
    pub fn profile(&self) -> Profile {
        let over = Overrides {
            profile: Some(self.env.path().join("profile.toml")),
            store: Some(format!("sqlite:{}", self.env.store_path().display())),
            rman: Some(self.env.path().join("home/bin/rman")),
            role: None,
        };
        let vars = |k: &str| match k {
            "BACKUPCTL_NODE" => Some("node1".to_string()),
            "BACKUPCTL_TIMEZONE" => Some("UTC".to_string()),
            "BACKUPCTL_PUSH_SPREAD" => self.push_spread.clone(),
            _ => None,
        };
        Profile::load_with(&over, &vars).expect("load the profile")
    }

    pub fn tick_env(&self) -> TickEnv {
        TickEnv {
            host: "testhost".into(),
            state_dir: self.env.path().join("state"),
            clock: self.clock.clone(),
            supervisor: Some(assert_cmd::cargo::cargo_bin("backupctl")),
        }
    }

    /// Start `run-due` at the clock's time on a thread of its own.
    pub fn spawn_tick(&self) -> RunningTick {
        let profile = self.profile();
        let env = self.tick_env();
        let handle = std::thread::spawn(move || {
            let mut store = backupctl::store::open_existing(
                &profile.store,
                std::time::Duration::from_secs(10),
            )?;
            let now = env.clock.now();
            run_due(&mut store, &profile, &env, now, &mut |_: &Report| {})
        });
        RunningTick { handle }
    }
}
