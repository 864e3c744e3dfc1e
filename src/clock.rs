//! Time as a parameter: every command reads *now* from one [`Clock`] handed down from the edge —
//! the wall clock in the binary, a [`ManualClock`] that a test sets and moves. Children (RMAN,
//! hooks) still run in real time; what a clock decides is which minute a tick is at, what a
//! record is stamped with, when the next minute comes, and (through its monotonic reading, which
//! a step of the wall clock never moves) when a child's time limit is up.

use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};

/// Where a command reads the time.
pub trait Clock: Send + Sync {
    /// The time the command acts at: the wall clock, or (`run-due --now`) a time that moves on
    /// with it.
    fn now(&self) -> DateTime<Utc>;

    /// The wall clock itself, never shifted: what records are stamped with, and what a tick
    /// never claims past (SPEC §3.8).
    fn wall(&self) -> DateTime<Utc>;

    /// A monotonic reading for time limits (a child's timeout): an NTP step or a clock set by
    /// hand never moves it.
    fn instant(&self) -> Instant;

    /// How long, in real time, to block while waiting for `d` of this clock's time to pass
    /// before looking at the clock again.
    fn real_wait(&self, d: StdDuration) -> StdDuration {
        d
    }
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        micros(Utc::now())
    }

    fn wall(&self) -> DateTime<Utc> {
        micros(Utc::now())
    }

    fn instant(&self) -> Instant {
        Instant::now()
    }
}

/// Another clock moved by a fixed offset (`run-due --now`): its minutes pass as the base's do,
/// while [`Clock::wall`] stays the base's.
pub struct ShiftedClock {
    base: Arc<dyn Clock>,
    offset: Duration,
}

impl ShiftedClock {
    /// A clock that reads `at` now and moves on with `base`.
    pub fn starting_at(base: Arc<dyn Clock>, at: DateTime<Utc>) -> ShiftedClock {
        let offset = at - base.now();
        ShiftedClock { base, offset }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        self.base.now() + self.offset
    }

    fn wall(&self) -> DateTime<Utc> {
        self.base.wall()
    }

    fn instant(&self) -> Instant {
        self.base.instant()
    }

    fn real_wait(&self, d: StdDuration) -> StdDuration {
        self.base.real_wait(d)
    }
}

/// A clock that stands still until it is set or advanced (tests, benches). A wait on it blocks
/// only briefly in real time, so that a loop waiting for its next minute sees a move at once.
/// Its monotonic reading moves as far as its time has moved forward from where it started.
#[derive(Debug)]
pub struct ManualClock {
    at: Mutex<DateTime<Utc>>,
    start: DateTime<Utc>,
    start_instant: Instant,
}

/// How long a wait on a [`ManualClock`] blocks in real time before it looks again.
const MANUAL_POLL: StdDuration = StdDuration::from_millis(5);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Arc<ManualClock> {
        Arc::new(ManualClock {
            at: Mutex::new(at),
            start: at,
            start_instant: Instant::now(),
        })
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.at.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: Duration) {
        let mut at = self.at.lock().unwrap_or_else(|p| p.into_inner());
        *at += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.at.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wall(&self) -> DateTime<Utc> {
        self.now()
    }

    fn instant(&self) -> Instant {
        let moved = (self.now() - self.start).to_std().unwrap_or_default();
        self.start_instant + moved
    }

    fn real_wait(&self, d: StdDuration) -> StdDuration {
        d.min(MANUAL_POLL)
    }
}

/// A time to the microsecond: what every store keeps (PostgreSQL's TIMESTAMPTZ, the stored text),
/// so that what a command prints (`run --json`) and what a listing reads back (`logs --json`) are
/// the same instant, digit for digit.
fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    chrono::SubsecRound::trunc_subsecs(t, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_shifted_clock_moves_with_its_base_and_keeps_the_base_as_its_wall() {
        let base = ManualClock::new(at("2026-12-02T15:00:00Z"));
        let shifted = ShiftedClock::starting_at(base.clone(), at("2026-11-25T12:35:00Z"));
        assert_eq!(shifted.now(), at("2026-11-25T12:35:00Z"));
        base.advance(Duration::seconds(90));
        assert_eq!(shifted.now(), at("2026-11-25T12:36:30Z"));
        assert_eq!(shifted.wall(), at("2026-12-02T15:01:30Z"));
    }

    #[test]
    fn a_manual_clock_never_blocks_long_in_real_time() {
        let c = ManualClock::new(at("2026-12-02T15:00:00Z"));
        assert_eq!(c.real_wait(StdDuration::from_secs(60)), MANUAL_POLL);
        assert_eq!(
            SystemClock.real_wait(StdDuration::from_secs(60)),
            StdDuration::from_secs(60)
        );
        let before = c.instant();
        c.advance(Duration::seconds(3));
        assert_eq!(c.instant() - before, StdDuration::from_secs(3));
        c.set(at("2030-01-01T00:00:00Z"));
        assert_eq!(c.wall(), at("2030-01-01T00:00:00Z"));
    }
}
