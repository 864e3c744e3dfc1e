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
    match backupctl::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {}", backupctl::error::one_line(&err));
            ExitCode::from(backupctl::error::exit_code(&err))
        }
    }
}
