//! Integration tests: the real binary, driven as a DBA would, asserting exit codes, output and
//! the rows left in the store.

mod conformance;
mod definitions;
mod listings;
mod setup;
mod support;
mod tick;
