//! `backupctl-supervisor`: the small program backupctl runs RMAN under, for each run (see
//! `backupctl::executor::supervisor`). It does only what `backupctl __supervise` does, and starts
//! in less time, since it carries none of the rest of backupctl. Not a command for people.

use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(any(target_os = "linux", windows))]
    if let Some(code) = backupctl::executor::supervisor::from_args() {
        return ExitCode::from(code);
    }
    eprintln!("backupctl-supervisor: started by backupctl for each run, never by hand");
    ExitCode::from(2)
}
