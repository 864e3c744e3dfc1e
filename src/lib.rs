//! backupctl: manage and fulfil scheduled Oracle RMAN backups across a fleet of database hosts.

// Past 80 lines (clippy.toml) a function is doing two things.
#![warn(clippy::too_many_lines)]

#[cfg(unix)]
pub mod access;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod error;
pub mod executor;
pub mod fleet;
pub mod hook;
pub mod lock;
pub mod manual;
pub mod model;
pub mod output;
pub mod profile;
pub mod runner;
pub mod schedule;
pub mod script;
pub mod spool;
pub mod store;
pub mod tick;
pub mod units;

pub use commands::run;
