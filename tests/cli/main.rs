//! Integration tests: the real binary, driven as a DBA would, asserting exit codes, output and
//! the rows left in the store.

mod clocked;
mod conformance;
mod cron;
mod definitions;
mod faults;
mod fleet;
mod install;
mod listings;
mod oracle_ddl;
pub mod pooler;
mod prune;
mod rman;
mod setup;
mod silent;
mod status;
mod support;
mod tick;
#[cfg(feature = "postgres")]
mod tls;
#[cfg(feature = "postgres")]
mod transactions;
