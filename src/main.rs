//! Entry point: parse, run, print the error chain on one line, exit with its documented code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = backupctl::cli::Cli::parse();
    match backupctl::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {}", backupctl::error::one_line(&err));
            ExitCode::from(backupctl::error::exit_code(&err))
        }
    }
}
