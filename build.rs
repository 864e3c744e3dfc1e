//! Link the backupctl executable as a fixed-address (non-PIE) program on Linux with glibc.
//!
//! `run-due` starts every minute, so its start-up is paid 1,440 times a day on every host. As a
//! position-independent executable, the dynamic loader must patch ~39,000 pointers before `main`,
//! 32,000 of them in chrono-tz's tables of every time zone's transitions (1 MiB of
//! `.data.rel.ro`), copying each page it writes: 488 page faults and 2.4 ms for
//! `backupctl --version`, against 200 and 1.4 ms linked at a fixed address (BENCHMARKS.md,
//! "Start-up"). Shared libraries, the stack and the heap are still placed at random; the
//! executable's own code is not. RELRO and immediate binding are kept.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=backupctl=-no-pie");
    }
}
