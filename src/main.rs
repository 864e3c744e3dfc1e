//! Entry point: parse, run, print the error chain on one line, exit with its documented code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // backupctl runs RMAN under a copy of itself (executor::supervisor), never parsed as a command.
    #[cfg(any(target_os = "linux", windows))]
    if let Some(code) = backupctl::executor::supervisor::from_args() {
        return ExitCode::from(code);
    }
    let cli = backupctl::cli::Cli::parse();
    // A reader that goes away (`backupctl logs | head -1`) ends a listing quietly, as it ends
    // ls; a tick or a run, whose backups must be recorded, ignores it and goes on (Rust's
    // default: writes fail, and those commands ignore the failure).
    #[cfg(unix)]
    if !matches!(
        cli.command,
        backupctl::cli::Command::RunDue(_) | backupctl::cli::Command::Run(_)
    ) {
        // SAFETY: restores the default action of one signal before any thread is started.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    match backupctl::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {}", backupctl::error::one_line(&err));
            ExitCode::from(backupctl::error::exit_code(&err))
        }
    }
}
