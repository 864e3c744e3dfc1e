//! Entry point: parse, run, print the error chain on one line, exit with its documented code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // backupctl runs RMAN under a copy of itself (executor::supervisor), never parsed as a command.
    #[cfg(any(target_os = "linux", windows))]
    if let Some(code) = backupctl::executor::supervisor::from_args() {
        return ExitCode::from(code);
    }
    // A Nagios check speaks only Nagios: bad input, a usage error or any failure is one
    // `BACKUPCTL UNKNOWN - …` line on stdout and exit 3 (Monitoring Plugins guidelines).
    let nagios = wants_nagios();
    let cli = match backupctl::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if nagios && e.use_stderr() => {
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            println!("BACKUPCTL UNKNOWN - {first}");
            return ExitCode::from(3);
        }
        Err(e) => e.exit(),
    };
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
        Err(err) if nagios => {
            println!("BACKUPCTL UNKNOWN - {}", backupctl::error::one_line(&err));
            ExitCode::from(3)
        }
        Err(err) => {
            eprintln!("error: {}", backupctl::error::one_line(&err));
            ExitCode::from(backupctl::error::exit_code(&err))
        }
    }
}

/// Whether the command line asks for Nagios output (`--format nagios` or `--format=nagios`).
fn wants_nagios() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().any(|a| a == "--format=nagios")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "nagios")
}
