//! The nouns of backupctl and their rules, with no I/O: run statuses and triggers, priorities,
//! connections and their credentials, strategies, and runs as the tick claims and ends them.
//! Every other module — the store, the executor, the plan — speaks in these types.

mod definition;
mod health;
mod run;
mod status;

use std::fmt;

pub use definition::{Connection, Credential, Priority, Privilege, Strategy};
pub use health::{age, judge, state_word, Health, LastRun, State};
pub use run::{Limits, NewRun, Owner, RunEnd, RunError, Runnable, LOG_TAIL_BYTES};
pub use status::{ReportStatus, RunStatus, Trigger, UnknownStatus};

/// Serialize a value as its `Display` text (a credential as `env:VAR`).
pub(crate) fn as_display<T: fmt::Display, S: serde::Serializer>(
    v: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}
