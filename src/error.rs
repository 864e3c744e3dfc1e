//! Error kinds that decide the exit code, and the one place that maps them.

use std::fmt;

/// Exit codes documented in the README and relied upon by scripts and monitoring.
pub mod exit {
    pub const OK: u8 = 0;
    pub const INTERNAL: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INVALID: u8 = 3;
    pub const STORE: u8 = 4;
    pub const BACKUP_FAILED: u8 = 5;
    /// Cancelled by Ctrl-C, as a shell reports SIGINT (128 + 2).
    pub const CANCELLED: u8 = 130;
}

/// A failure a caller can branch on. Everything else is an internal error (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input or configuration (exit 3). The message names the thing and the expected form.
    #[error("{0}")]
    Invalid(String),
    /// The store is unreachable or failing (exit 4).
    #[error("{0}")]
    Store(String),
    /// Ctrl-C (exit 130).
    #[error("{0}")]
    Cancelled(String),
}

/// Shorthand for an exit-3 error.
pub fn invalid(msg: impl fmt::Display) -> anyhow::Error {
    Error::Invalid(msg.to_string()).into()
}

/// Shorthand for an exit-4 error.
pub fn store(msg: impl fmt::Display) -> anyhow::Error {
    Error::Store(msg.to_string()).into()
}

/// The exit code for an error chain: the innermost typed cause decides.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Error>() {
            return match e {
                Error::Invalid(_) => exit::INVALID,
                Error::Store(_) => exit::STORE,
                Error::Cancelled(_) => exit::CANCELLED,
            };
        }
    }
    exit::INTERNAL
}

/// One line for the terminal: the context chain joined with ": ", with any newline folded
/// so that a multi-line driver message cannot break the one-line contract.
pub fn one_line(err: &anyhow::Error) -> String {
    let text = format!("{err:#}");
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{exit, exit_code, invalid, one_line, store};
    use anyhow::Context;

    #[test]
    fn the_innermost_typed_cause_decides_the_exit_code() {
        let err = Err::<(), _>(invalid("bad day"))
            .context("failed to add schedule")
            .unwrap_err();
        assert_eq!(exit_code(&err), exit::INVALID);
        let err = Err::<(), _>(store("database is locked"))
            .context("failed to claim EST_1")
            .unwrap_err();
        assert_eq!(exit_code(&err), exit::STORE);
        assert_eq!(exit_code(&anyhow::anyhow!("boom")), exit::INTERNAL);
    }

    #[test]
    fn messages_stay_on_one_line() {
        let err = anyhow::anyhow!("first\nsecond").context("outer");
        assert_eq!(one_line(&err), "outer: first second");
    }
}
