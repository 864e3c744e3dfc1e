//! `strategy edit`: change a strategy. A new script — from lines, a file, stdin, templates, or
//! `$VISUAL`/`$EDITOR` on a terminal — replaces the old one whole and is validated as
//! `add-strategy` validates it; on a terminal the change to the script is shown as a diff first.

use std::io::IsTerminal;

use dialoguer::{theme::ColorfulTheme, Confirm};

use crate::cli::StrategyEditArgs;
use crate::commands::add_strategy::{
    check_name, check_script, parse_max_age, parse_timeout, script_from,
};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::script::normalize;
use crate::units::check_id;

pub fn run(ctx: &Ctx, args: &StrategyEditArgs) -> anyhow::Result<u8> {
    check_id("strategy", &args.id)?;
    if let Some(c) = &args.connection {
        check_id("connection", c)?;
    }
    let Changes {
        name,
        timeout,
        max_age,
    } = changes(args)?;
    let given = script_from(&args.script)?;
    let nothing_else = name.is_none()
        && timeout.is_none()
        && max_age.is_none()
        && args.priority.is_none()
        && args.connection.is_none();
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if given.is_none() && nothing_else && !interactive {
        return Err(invalid(
            "nothing to change: give --name, --line, --script, --template, --priority, --timeout, --max-age or --connection (or run on a terminal to edit the script in $VISUAL or $EDITOR)",
        ));
    }
    let mut store = ctx.open_existing_store()?;
    let node = &ctx.profile.node;
    let old = crate::commands::strategy::stored(&mut store, node, &args.id)?;
    let mut new = old.clone();
    let from_editor = given.is_none() && nothing_else;
    let lines = match given {
        Some(lines) => Some(lines),
        None if from_editor => match edit_until_valid(ctx, &old.lines, args.force)? {
            Some(lines) => Some(lines),
            None => {
                ctx.say("nothing changed");
                return Ok(exit::OK);
            }
        },
        None => None,
    };
    if let Some(lines) = &lines {
        if !from_editor {
            check_script(ctx, lines, args.force)?;
        }
        new.lines = lines.clone();
    }
    if let Some(n) = name {
        new.name = n;
    }
    if let Some(t) = timeout {
        new.timeout_secs = t;
    }
    if let Some(m) = max_age {
        new.max_age_secs = m;
    }
    if let Some(p) = args.priority {
        new.priority = p;
    }
    if let Some(c) = &args.connection {
        new.connection = c.clone();
    }
    let new_script = new.lines != old.lines;
    if new_script && interactive {
        eprint!("{}", diff(&old.lines, &new.lines));
        if from_editor && !confirm()? {
            ctx.say("nothing saved");
            return Ok(exit::OK);
        }
    }
    if new == old {
        ctx.say(&format!("strategy {} unchanged", args.id));
        return Ok(exit::OK);
    }
    store.update_strategy(&new, new_script)?;
    ctx.say(&format!("strategy {} changed", args.id));
    Ok(exit::OK)
}

/// What the flags change besides the script and priority: each `None` when not given,
/// `Some(None)` when cleared (`--name ''`, `--timeout default`, `--max-age none`).
struct Changes {
    name: Option<Option<String>>,
    timeout: Option<Option<u64>>,
    max_age: Option<Option<u64>>,
}

fn changes(args: &StrategyEditArgs) -> anyhow::Result<Changes> {
    Ok(Changes {
        name: match args.name.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(text) => Some(Some(check_name(text)?)),
        },
        timeout: match args.timeout.as_deref() {
            None => None,
            Some("default") => Some(None),
            Some(text) => Some(Some(parse_timeout(text)?)),
        },
        max_age: match args.max_age.as_deref() {
            None => None,
            Some("none") => Some(None),
            Some(text) => Some(Some(parse_max_age(text)?)),
        },
    })
}

/// The script as a unified diff of numbered lines (old `-`, new `+`).
fn diff(old: &[String], new: &[String]) -> String {
    let (a, b) = (old.join("\n") + "\n", new.join("\n") + "\n");
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(2)
        .header("stored script", "new script")
        .to_string()
}

fn confirm() -> anyhow::Result<bool> {
    Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt("Save the new script?")
        .default(false)
        .interact_opt()
        .map(|a| a.unwrap_or(false))
        .map_err(|e| invalid(format!("cannot read the answer: {e}")))
}

/// The editor, again and again while the edited script is one RMAN would reject, as `crontab -e`
/// offers: the reason is shown, and "no" leaves with nothing saved (exit 3). `None` when the
/// script did not change.
fn edit_until_valid(
    ctx: &Ctx,
    lines: &[String],
    force: bool,
) -> anyhow::Result<Option<Vec<String>>> {
    let mut current = lines.to_vec();
    loop {
        let edited = edit_in_editor(&current)?.unwrap_or_else(|| current.clone());
        if edited == lines {
            return Ok(None);
        }
        match check_script(ctx, &edited, force) {
            Ok(()) => return Ok(Some(edited)),
            Err(e) => {
                eprintln!("error: {}", crate::error::one_line(&e));
                let again = Confirm::with_theme(&ColorfulTheme::default())
                    .with_prompt("Edit it again?")
                    .default(true)
                    .interact_opt()
                    .map_err(|e| invalid(format!("cannot read the answer: {e}")))?
                    .unwrap_or(false);
                if !again {
                    return Err(e.context("nothing saved"));
                }
                current = edited;
            }
        }
    }
}

/// Open the script in the user's editor; the edited script, or `None` when it did not change.
fn edit_in_editor(lines: &[String]) -> anyhow::Result<Option<Vec<String>>> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|e| !e.trim().is_empty()))
        .ok_or_else(|| {
            invalid("no editor: set VISUAL or EDITOR, or give the script with --line, --script or --template")
        })?;
    // Owner-only, removed when dropped: the script may name a wallet alias or a path worth keeping private.
    let mut file = tempfile::Builder::new()
        .prefix("backupctl-")
        .suffix(".rman")
        .tempfile()
        .map_err(|e| invalid(format!("cannot create a file to edit: {e}")))?;
    let text = lines.join("\n") + "\n";
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| invalid(format!("cannot write the script to edit: {e}")))?;
    // The editor setting may carry arguments ("code --wait"), as git and crontab -e allow.
    #[cfg(unix)]
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    #[cfg(not(unix))]
    let status = std::process::Command::new("cmd")
        .arg("/c")
        .arg(format!("{editor} \"{}\"", file.path().display()))
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            return Err(invalid(format!(
                "the editor ({editor}) exited with {s}: nothing saved"
            )))
        }
        Err(e) => return Err(invalid(format!("cannot start the editor ({editor}): {e}"))),
    }
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| invalid(format!("cannot read the edited script: {e}")))?;
    let edited = normalize(&edited);
    Ok((edited != lines).then_some(edited))
}
