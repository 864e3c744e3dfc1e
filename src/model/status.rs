//! What became of a run, and what started it: the only place their stored words are written.

use std::fmt;
use std::str::FromStr;

/// The state of a run, stored as its lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Missed,
    Skipped,
    Interrupted,
}

impl RunStatus {
    pub const ALL: [RunStatus; 7] = [
        RunStatus::Running,
        RunStatus::Succeeded,
        RunStatus::Failed,
        RunStatus::TimedOut,
        RunStatus::Missed,
        RunStatus::Skipped,
        RunStatus::Interrupted,
    ];

    /// The records of an occurrence RMAN never ran: a tick that recorded them ahead of the clock
    /// may give them back, and a real run of the occurrence replaces them on the master.
    pub const UNRUN: [RunStatus; 2] = [RunStatus::Missed, RunStatus::Skipped];

    /// Every status's word, in the order of [`RunStatus::ALL`].
    pub const NAMES: [&'static str; 7] = {
        let mut names = [""; 7];
        let mut i = 0;
        while i < names.len() {
            names[i] = RunStatus::ALL[i].as_str();
            i += 1;
        }
        names
    };

    pub const fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
            RunStatus::TimedOut => "timed_out",
            RunStatus::Missed => "missed",
            RunStatus::Skipped => "skipped",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(text: &str) -> Option<RunStatus> {
        RunStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The status as an SQL literal (`'succeeded'`): the store's queries spell no status word of
    /// their own.
    pub fn sql(self) -> String {
        format!("'{}'", self.as_str())
    }

    /// Statuses as an SQL list for `IN (…)`: `'failed', 'timed_out'`.
    pub fn sql_list(list: &[RunStatus]) -> String {
        list.iter().map(|s| s.sql()).collect::<Vec<_>>().join(", ")
    }

    /// The words of every status, for an error that lists them.
    pub fn expected() -> String {
        RunStatus::ALL.map(RunStatus::as_str).join(", ")
    }

    /// A backup that did not happen as it should.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            RunStatus::Failed | RunStatus::TimedOut | RunStatus::Missed | RunStatus::Interrupted
        )
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What started a run, stored as `run_trigger`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A due occurrence, started by `run-due`.
    Scheduled,
    /// `backupctl run`.
    Manual,
    /// A master's record of an occurrence a node never logged.
    Monitor,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Scheduled => "scheduled",
            Trigger::Manual => "manual",
            Trigger::Monitor => "monitor",
        }
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a line of a tick's or a run's report says: a run's status, what a dry run would do, or
/// a node of the fleet gone silent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportStatus {
    Run(RunStatus),
    WouldStart,
    WouldWait,
    WouldSkip,
    WouldMiss,
    WouldInterrupt,
    /// A master's finding: a node stopped pushing.
    Silent,
    /// A master's finding: a node reported silent pushes again.
    Back,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Run(s) => s.as_str(),
            ReportStatus::WouldStart => "would_start",
            ReportStatus::WouldWait => "would_wait",
            ReportStatus::WouldSkip => "would_skip",
            ReportStatus::WouldMiss => "would_miss",
            ReportStatus::WouldInterrupt => "would_interrupt",
            ReportStatus::Silent => "silent",
            ReportStatus::Back => "back",
        }
    }

    /// A backup that did not happen as it should, or a node gone silent: what calls the hook
    /// and makes the exit code 5.
    pub fn is_failure(self) -> bool {
        match self {
            ReportStatus::Run(s) => s.is_failure(),
            ReportStatus::Silent => true,
            _ => false,
        }
    }

    /// What calls the hook: every failure, and the end of a silence it was called for.
    pub fn pages(self) -> bool {
        self.is_failure() || self == ReportStatus::Back
    }
}

impl From<RunStatus> for ReportStatus {
    fn from(s: RunStatus) -> Self {
        ReportStatus::Run(s)
    }
}

impl fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ReportStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Text that names no run status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown run status \"{0}\": expected one of {expected}", expected = RunStatus::expected())]
pub struct UnknownStatus(pub String);

impl FromStr for RunStatus {
    type Err = UnknownStatus;

    fn from_str(text: &str) -> Result<RunStatus, UnknownStatus> {
        RunStatus::parse(text).ok_or_else(|| UnknownStatus(text.to_string()))
    }
}

impl FromStr for Trigger {
    type Err = String;

    fn from_str(text: &str) -> Result<Trigger, String> {
        [Trigger::Scheduled, Trigger::Manual, Trigger::Monitor]
            .into_iter()
            .find(|t| t.as_str() == text)
            .ok_or_else(|| {
                format!("unknown run trigger \"{text}\": expected scheduled, manual or monitor")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_and_unknown_text_is_an_error() {
        for s in RunStatus::ALL {
            assert_eq!(s.as_str().parse::<RunStatus>(), Ok(s));
            assert_eq!(s.to_string(), s.as_str());
        }
        let err = "success".parse::<RunStatus>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown run status \"success\": expected one of running, succeeded, failed, timed_out, missed, skipped, interrupted"
        );
        assert_eq!(RunStatus::NAMES[1], "succeeded");
        assert_eq!(ReportStatus::Silent.to_string(), "silent");
        assert!(ReportStatus::Silent.is_failure() && !ReportStatus::WouldMiss.is_failure());
        assert!(ReportStatus::from(RunStatus::Missed).is_failure());
        assert_eq!("manual".parse::<Trigger>(), Ok(Trigger::Manual));
        assert!("cron".parse::<Trigger>().is_err());
    }
}
