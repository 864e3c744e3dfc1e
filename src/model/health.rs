//! A strategy's health as of an instant — its latest run, latest finished run, last success and
//! recent failures — and the judgement `status`, `check`, the report and `strategy show` share:
//! ok, warning, critical or disabled, and why.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::RunStatus;
use crate::units::format_duration;

/// One run, as far as health cares.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LastRun {
    pub run_id: String,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub status: RunStatus,
    pub warnings: Option<String>,
    /// From start to end, when it started and ended.
    pub duration_secs: Option<i64>,
}

/// One strategy's state, as of an instant.
#[derive(Clone, Debug, Default)]
pub struct Health {
    pub node: String,
    pub strategy_id: String,
    pub name: Option<String>,
    pub connection: String,
    pub priority: String,
    /// The strategy and its connection are both alive.
    pub alive: bool,
    pub max_age_secs: Option<u64>,
    pub created_at: Option<DateTime<Utc>>,
    /// The latest run that was not skipped (it may still be running).
    pub last_run: Option<LastRun>,
    /// The latest run that ended (not skipped, not running): what the strategy's state is.
    pub last_finished: Option<LastRun>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Failed, timed out or interrupted in the window.
    pub failures: u64,
    pub misses: u64,
}

/// A strategy's state, worst last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Not alive (or its connection is not): never run, never judged.
    Disabled,
    Ok,
    Warning,
    Critical,
}

/// A strategy's state at `now` and why: critical while its latest finished run failed, timed out,
/// was interrupted or missed, or its last success (or, with none, its creation) is older than its
/// `max_age`; warning while its latest run succeeded with warnings.
pub fn judge(h: &Health, now: DateTime<Utc>, tz: chrono_tz::Tz) -> (State, Option<String>) {
    if !h.alive {
        return (State::Disabled, None);
    }
    if let Some(f) = &h.last_finished {
        if f.status.is_failure() {
            let due = f
                .scheduled_for
                .map(|t| format!(" (due {})", crate::units::local_minute(t, tz)))
                .unwrap_or_default();
            return (
                State::Critical,
                Some(format!("latest run {}{due}", f.status)),
            );
        }
    }
    if let Some(max) = h.max_age_secs {
        let max_age = Duration::seconds(max as i64);
        match (h.last_success_at, h.created_at) {
            (Some(t), _) if now - t > max_age => {
                return (
                    State::Critical,
                    Some(format!(
                        "last success {} ago, over max_age {}",
                        age(now - t),
                        format_duration(max)
                    )),
                )
            }
            (None, Some(c)) if now - c > max_age => {
                return (
                    State::Critical,
                    Some(format!(
                        "no success in the {} since it was added, over max_age {}",
                        age(now - c),
                        format_duration(max)
                    )),
                )
            }
            _ => {}
        }
    }
    if let Some(f) = &h.last_finished {
        if f.status == RunStatus::Succeeded {
            if let Some(w) = &f.warnings {
                return (
                    State::Warning,
                    Some(format!("latest run succeeded with {w}")),
                );
            }
        }
    }
    (State::Ok, None)
}

/// An age in whole days and hours, or minutes under an hour: "3d 2h", "5h", "12m".
pub fn age(d: Duration) -> String {
    let m = d.num_minutes().max(0);
    match (m / 1440, (m % 1440) / 60) {
        (0, 0) => format!("{m}m"),
        (0, h) => format!("{h}h"),
        (d, 0) => format!("{d}d"),
        (d, h) => format!("{d}d {h}h"),
    }
}

/// The state as a word: `ok`, `warning`, `critical`, `disabled`.
pub fn state_word(s: State) -> &'static str {
    match s {
        State::Disabled => "disabled",
        State::Ok => "ok",
        State::Warning => "warning",
        State::Critical => "critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ran(status: RunStatus, due: &str, warnings: Option<&str>) -> LastRun {
        LastRun {
            run_id: "R".into(),
            scheduled_for: Some(at(due)),
            status,
            warnings: warnings.map(str::to_string),
            duration_secs: Some(60),
        }
    }

    fn health(last: Option<LastRun>, success: Option<&str>, max_age: Option<u64>) -> Health {
        Health {
            node: "n".into(),
            strategy_id: "S".into(),
            alive: true,
            max_age_secs: max_age,
            created_at: Some(at("2026-11-01T00:00:00Z")),
            last_run: last.clone(),
            last_finished: last,
            last_success_at: success.map(at),
            ..Default::default()
        }
    }

    #[test]
    fn the_latest_finished_run_then_max_age_then_warnings_decide() {
        let now = at("2026-11-25T03:00:00Z");
        let failed = health(
            Some(ran(RunStatus::TimedOut, "2026-11-25T02:00:00Z", None)),
            Some("2026-11-24T02:00:00Z"),
            None,
        );
        assert_eq!(
            judge(&failed, now, chrono_tz::UTC),
            (
                State::Critical,
                Some("latest run timed_out (due 2026-11-25 02:00 +00:00)".into())
            )
        );
        let stale = health(
            Some(ran(RunStatus::Succeeded, "2026-11-16T02:00:00Z", None)),
            Some("2026-11-16T02:00:00Z"),
            Some(8 * 86_400),
        );
        assert_eq!(
            judge(&stale, now, chrono_tz::UTC),
            (
                State::Critical,
                Some("last success 9d 1h ago, over max_age 8d".into())
            )
        );
        let never = health(None, None, Some(3600));
        assert_eq!(judge(&never, now, chrono_tz::UTC).0, State::Critical);
        let warned = health(
            Some(ran(
                RunStatus::Succeeded,
                "2026-11-25T02:00:00Z",
                Some("RMAN-06169: could not read file header"),
            )),
            Some("2026-11-25T02:00:00Z"),
            None,
        );
        assert_eq!(judge(&warned, now, chrono_tz::UTC).0, State::Warning);
        let fine = health(
            Some(ran(RunStatus::Succeeded, "2026-11-25T02:00:00Z", None)),
            Some("2026-11-25T02:00:00Z"),
            Some(86_400),
        );
        assert_eq!(judge(&fine, now, chrono_tz::UTC), (State::Ok, None));
        let off = Health {
            alive: false,
            ..failed
        };
        assert_eq!(judge(&off, now, chrono_tz::UTC), (State::Disabled, None));
        assert_eq!(age(Duration::minutes(12)), "12m");
        assert_eq!(state_word(State::Warning), "warning");
    }
}
