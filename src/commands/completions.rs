//! `completions SHELL`: print a completion script. Opens no profile and no store.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    write(args.shell, &mut out);
    Ok(())
}

/// The completion script for one shell (also used to check the committed copies).
pub fn write(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "backupctl", out);
}
