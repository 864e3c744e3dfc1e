//! Link the backupctl executable as a fixed-address (non-PIE) program on Linux with glibc.
//!
//! `run-due` starts every minute, so its start-up is paid 1,440 times a day on every host. As a
//! position-independent executable, the dynamic loader must patch ~39,000 pointers before `main`,
//! 32,000 of them in chrono-tz's tables of every time zone's transitions (1 MiB of
//! `.data.rel.ro`), copying each page it writes: 488 page faults and 2.5 ms for
//! `backupctl --version`, against 206 and 2.0 ms linked at a fixed address (BENCHMARKS.md,
//! "Start-up"). Shared libraries, the stack and the heap are still placed at random; the
//! executable's own code is not. RELRO and immediate binding are kept.
//!
//! Only when the linker driver takes `-no-pie` (GCC 6 and later, any Clang): an older one builds
//! the usual position-independent executable.
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && takes_no_pie() {
        println!("cargo:rustc-link-arg-bin=backupctl=-no-pie");
        println!("cargo:rustc-link-arg-bin=backupctl-supervisor=-no-pie");
    }
}

/// Whether the linker driver cargo uses for the target (`RUSTC_LINKER`, else `cc`) links an empty
/// C program with `-no-pie`.
fn takes_no_pie() -> bool {
    let linker = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_string());
    let Ok(out) = std::env::var("OUT_DIR") else {
        return false;
    };
    let exe = std::path::Path::new(&out).join("no-pie-probe");
    let child = Command::new(&linker)
        .args(["-no-pie", "-x", "c", "-", "-o"])
        .arg(&exe)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(b"int main(void) { return 0; }\n");
    }
    child.wait().is_ok_and(|s| s.success())
}
