//! `add-strategy`: store an RMAN script for a connection, from lines, a file, stdin, templates,
//! or (on a terminal, with none of those) an interactive wizard.

use std::io::{IsTerminal, Read};

use anyhow::Context;
use dialoguer::{theme::ColorfulTheme, Confirm, Input, MultiSelect, Select};

use crate::cli::{AddStrategyArgs, ScriptArgs, TEMPLATES as TEMPLATE_CHOICES};
use crate::commands::Ctx;
use crate::error::{exit, invalid};
use crate::schedule::{rules_from, Rule};
use crate::script::{check_storable, compose, normalize, validate};
use crate::store::{IdRequest, Priority, Store, Strategy};
use crate::units::{format_duration, parse_duration};

/// Everything a strategy is made of, however it was given.
struct Draft {
    connection: String,
    priority: Priority,
    lines: Vec<String>,
    timeout_secs: Option<u64>,
    rules: Vec<Rule>,
    /// What the wizard asked for when the flags did not say: (name, max-age).
    asked: (Option<String>, Option<u64>),
}

/// The script given by `--line`, `--script` or `--template`, if any.
pub(crate) fn script_from(given: &ScriptArgs) -> anyhow::Result<Option<Vec<String>>> {
    Ok(if !given.template.is_empty() {
        Some(compose(&given.template)?)
    } else if let Some(path) = &given.script {
        Some(normalize(&read_script(path)?))
    } else if !given.lines.is_empty() {
        Some(given.lines.iter().flat_map(|l| normalize(l)).collect())
    } else {
        None
    })
}

/// Refuse a script no store can keep, and one RMAN would reject unless `force`.
pub(crate) fn check_script(ctx: &Ctx, lines: &[String], force: bool) -> anyhow::Result<()> {
    if let Err(e) = check_storable(lines) {
        return Err(invalid(format!("invalid script, {e}")));
    }
    if let Err(e) = validate(lines) {
        if !force {
            return Err(invalid(format!(
                "invalid script, {e}; fix it, or pass --force to store it anyway"
            )));
        }
        ctx.say(&format!("warning: script stored despite {e} (--force)"));
    }
    Ok(())
}

/// A strategy's name for people: 1 to 100 characters.
pub(crate) fn check_name(text: &str) -> anyhow::Result<String> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(invalid(format!(
            "invalid --name \"{}\": expected 1 to 100 printable characters such as \"nightly level 0\"",
            name.escape_debug()
        )));
    }
    Ok(name.to_string())
}

/// `--max-age`: how long a strategy may go without a success.
pub(crate) fn parse_max_age(text: &str) -> anyhow::Result<u64> {
    positive_duration("--max-age", text, "26h")
}

pub fn run(ctx: &Ctx, args: &AddStrategyArgs) -> anyhow::Result<u8> {
    if let Some(id) = &args.id {
        crate::units::check_id("strategy", id)?;
    }
    let timeout_secs = args.timeout.as_deref().map(parse_timeout).transpose()?;
    let name = args.name.as_deref().map(check_name).transpose()?;
    let max_age_secs = args.max_age.as_deref().map(parse_max_age).transpose()?;
    let script = script_from(&args.script)?;
    let draft = if let Some(lines) = script {
        let connection = args.connection.clone().ok_or_else(|| {
            invalid("missing --connection ID: the connection the script runs against")
        })?;
        crate::units::check_id("connection", &connection)?;
        Draft {
            connection,
            priority: args.priority,
            lines,
            timeout_secs,
            rules: args
                .schedule
                .as_deref()
                .map(parse_schedule_text)
                .transpose()?
                .unwrap_or_default(),
            asked: (None, None),
        }
    } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        let mut store = ctx.open_store()?;
        restore_cursor_on_interrupt();
        let Some(draft) = wizard(ctx, &mut store, args, timeout_secs)? else {
            ctx.say("nothing saved");
            return Ok(exit::OK);
        };
        let named = (
            name.or(draft.asked.0.clone()),
            max_age_secs.or(draft.asked.1),
        );
        return save(ctx, &mut store, args, draft, named);
    } else {
        return Err(invalid(
            "no script given: pass --line LINE (repeatable), --script FILE, --script - (stdin) or --template T (or run on a terminal for the wizard)",
        ));
    };
    check_script(ctx, &draft.lines, args.force)?;
    let mut store = ctx.open_store()?;
    save(ctx, &mut store, args, draft, (name, max_age_secs))
}

/// `--timeout`: how long a run may take.
pub(crate) fn parse_timeout(text: &str) -> anyhow::Result<u64> {
    positive_duration("--timeout", text, "4h")
}

/// A duration above zero given with `flag`, such as `example`.
fn positive_duration(flag: &str, text: &str, example: &str) -> anyhow::Result<u64> {
    let secs = parse_duration(text).with_context(|| format!("invalid {flag}"))?;
    if secs == 0 {
        return Err(invalid(format!(
            "invalid {flag} \"0s\": expected a duration above zero such as {example}"
        )));
    }
    Ok(secs)
}

fn read_script(path: &std::path::Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| invalid(format!("cannot read the script from stdin: {e}")))?;
    } else {
        bytes = std::fs::read(path)
            .map_err(|e| invalid(format!("cannot read script {}: {e}", path.display())))?;
    }
    String::from_utf8(bytes).map_err(|_| {
        invalid(format!(
            "script {} is not UTF-8 text: save it as UTF-8",
            if path.as_os_str() == "-" {
                "on stdin".to_string()
            } else {
                path.display().to_string()
            }
        ))
    })
}

fn save(
    ctx: &Ctx,
    store: &mut Store,
    args: &AddStrategyArgs,
    draft: Draft,
    (name, max_age_secs): (Option<String>, Option<u64>),
) -> anyhow::Result<u8> {
    let strategy = Strategy {
        node: ctx.profile.node.clone(),
        strategy_id: String::new(),
        connection: draft.connection,
        priority: draft.priority,
        alive: true,
        timeout_secs: draft.timeout_secs,
        name,
        max_age_secs,
        lines: draft.lines,
    };
    let now = ctx.clock.now();
    let id = match &args.id {
        Some(id) => IdRequest::Given(id),
        None => IdRequest::Next {
            prefix: "EST_",
            now,
        },
    };
    let id = store.add_strategy(&strategy, id, &draft.rules, now)?;
    println!("{id}");
    Ok(exit::OK)
}

/// Ctrl-C in the middle of a prompt ends the wizard without leaving the terminal's cursor hidden
/// (the menus hide it while they draw). Nothing was written: the strategy is saved only after the
/// last answer.
fn restore_cursor_on_interrupt() {
    let _ = ctrlc::set_handler(|| cancelled());
}

/// Show the cursor again (DECTCEM, which undoes the menus' "hide cursor"), say nothing was saved
/// and exit 130, as a shell does for SIGINT.
fn cancelled() -> ! {
    eprint!("\x1b[?25h\nnothing saved\n");
    std::process::exit(i32::from(crate::error::exit::CANCELLED));
}

/// A prompt's error: Ctrl-C read as a key cancels as SIGINT would; anything else stops the wizard.
fn prompt_err(e: dialoguer::Error) -> anyhow::Error {
    // The menus hide the cursor while they draw; an error leaves it hidden unless shown.
    eprint!("\x1b[?25h");
    let dialoguer::Error::IO(io) = &e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        // The terminal is raw while a menu waits.
        cancelled();
    }
    anyhow::anyhow!("the wizard stopped: {e}")
}

/// Ask for what the flags did not say; `None` when the user declines to save.
fn wizard(
    ctx: &Ctx,
    store: &mut Store,
    args: &AddStrategyArgs,
    timeout_secs: Option<u64>,
) -> anyhow::Result<Option<Draft>> {
    let theme = ColorfulTheme::default();
    // Esc at any question cancels the wizard as Ctrl-C does (exit 130); only "no" to the last
    // question is a deliberate "nothing saved" (exit 0).
    let connection = match &args.connection {
        Some(c) => c.clone(),
        None => ask_connection(ctx, store, &theme)?.unwrap_or_else(|| cancelled()),
    };
    let priorities = [Priority::High, Priority::Medium, Priority::Low];
    let Some(p) = Select::with_theme(&theme)
        .with_prompt("Priority (Esc cancels)")
        .items(["high", "medium", "low"])
        .default(
            priorities
                .iter()
                .position(|p| *p == args.priority)
                .unwrap_or(1),
        )
        .interact_opt()
        .map_err(prompt_err)?
    else {
        cancelled();
    };
    let lines = ask_script(&theme)?;
    let default_timeout = timeout_secs.unwrap_or(ctx.profile.default_timeout.as_secs());
    let timeout: String = Input::with_theme(&theme)
        .with_prompt("Timeout")
        .default(format_duration(default_timeout))
        .validate_with(|s: &String| parse_timeout(s).map(|_| ()).map_err(|e| format!("{e:#}")))
        .interact_text()
        .map_err(prompt_err)?;
    let timeout_secs = parse_timeout(&timeout)?;
    let rules = match &args.schedule {
        Some(text) => parse_schedule_text(text)?,
        None => ask_schedule(&theme)?,
    };
    let asked = ask_name_and_max_age(&theme, args)?;
    eprintln!("\nScript for connection {connection}:");
    for (i, l) in lines.iter().enumerate() {
        eprintln!("{:>4}  {l}", i + 1);
    }
    for r in &rules {
        eprintln!("Schedule: {}", r.describe());
    }
    let ok = Confirm::with_theme(&theme)
        .with_prompt("Save this strategy?")
        .default(true)
        .interact_opt()
        .map_err(prompt_err)?
        .unwrap_or_else(|| cancelled());
    Ok(ok.then_some(Draft {
        connection,
        priority: priorities[p],
        lines,
        timeout_secs: Some(timeout_secs),
        rules,
        asked,
    }))
}

/// A connection of this node, picked from a menu; `None` when cancelled.
fn ask_connection(
    ctx: &Ctx,
    store: &mut Store,
    theme: &ColorfulTheme,
) -> anyhow::Result<Option<String>> {
    let conns = store.connections(&ctx.profile.node)?;
    if conns.is_empty() {
        return Err(invalid(format!(
            "no connections on node {}: add one first with backupctl add-connection",
            ctx.profile.node
        )));
    }
    let items: Vec<String> = conns
        .iter()
        .map(|c| {
            format!(
                "{}  {} ({}@{})",
                c.conn_id,
                c.conn_name,
                c.database_instance,
                c.host_port()
            )
        })
        .collect();
    let picked = Select::with_theme(theme)
        .with_prompt("Connection (Esc cancels)")
        .items(&items)
        .default(0)
        .interact_opt()
        .map_err(prompt_err)?;
    Ok(picked.map(|i| conns[i].conn_id.clone()))
}

/// The templates to run, at least one (a tablespace asks for its name); `None` when cancelled.
fn ask_templates(theme: &ColorfulTheme) -> anyhow::Result<Option<Vec<String>>> {
    let chosen = loop {
        let Some(picks) = MultiSelect::with_theme(theme)
            .with_prompt("Backups to run (space selects, enter confirms, Esc cancels)")
            .items(TEMPLATE_CHOICES)
            .interact_opt()
            .map_err(prompt_err)?
        else {
            return Ok(None);
        };
        if !picks.is_empty() {
            break picks;
        }
        eprintln!("choose at least one");
    };
    let mut templates = Vec::new();
    for i in chosen {
        if TEMPLATE_CHOICES[i] == "tablespace:" {
            let name: String = Input::with_theme(theme)
                .with_prompt("Tablespace name")
                .default("USERS".to_string())
                .validate_with(|s: &String| {
                    crate::script::template_command(&format!("tablespace:{s}"))
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
                .interact_text()
                .map_err(prompt_err)?;
            templates.push(format!("tablespace:{name}"));
        } else {
            templates.push(TEMPLATE_CHOICES[i].to_string());
        }
    }
    Ok(Some(templates))
}

/// The script from templates, asked again while they conflict (two database backups…).
fn ask_script(theme: &ColorfulTheme) -> anyhow::Result<Vec<String>> {
    loop {
        let templates = ask_templates(theme)?.unwrap_or_else(|| cancelled());
        match compose(&templates) {
            Ok(lines) => return Ok(lines),
            Err(e) => eprintln!("{}; choose again", crate::error::one_line(&e)),
        }
    }
}

/// A name and a max-age, unless the flags gave them: without a max-age, `status` can never call
/// the strategy stale. Both may be left empty.
fn ask_name_and_max_age(
    theme: &ColorfulTheme,
    args: &AddStrategyArgs,
) -> anyhow::Result<(Option<String>, Option<u64>)> {
    let name = match &args.name {
        Some(_) => None,
        None => ask_optional(theme, "Name, for people (empty: none)", check_name)?,
    };
    let max_age = match &args.max_age {
        Some(_) => None,
        None => ask_optional(
            theme,
            "Max age: call it stale when its last success is older (26h, 8d; empty: never)",
            parse_max_age,
        )?,
    };
    Ok((name, max_age))
}

/// An answer that may be left empty (`None`), else read by `read`, which also checks it as it
/// is typed.
fn ask_optional<T>(
    theme: &ColorfulTheme,
    prompt: &str,
    read: impl Fn(&str) -> anyhow::Result<T>,
) -> anyhow::Result<Option<T>> {
    let text: String = Input::with_theme(theme)
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|s: &String| {
            if s.trim().is_empty() {
                return Ok(());
            }
            read(s).map(|_| ()).map_err(|e| format!("{e:#}"))
        })
        .interact_text()
        .map_err(prompt_err)?;
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        read(text).map(Some)
    }
}

/// The first schedule, typed as `every 02:00`, `mon,thu 23:30`, `cron …`, or nothing.
fn ask_schedule(theme: &ColorfulTheme) -> anyhow::Result<Vec<Rule>> {
    let schedule: String = Input::with_theme(theme)
        .with_prompt(
            "First schedule (\"every 02:00\", \"mon,thu 23:30\", \"cron 0 1 * * 1-5\", or empty)",
        )
        .allow_empty(true)
        .validate_with(|s: &String| {
            parse_schedule_text(s)
                .map(|_| ())
                .map_err(|e| format!("{e:#}"))
        })
        .interact_text()
        .map_err(prompt_err)?;
    parse_schedule_text(&schedule)
}

/// `every 02:00`, `mon,thu 23:30`, `cron 0 1 * * 1-5`, or empty for none.
fn parse_schedule_text(text: &str) -> anyhow::Result<Vec<Rule>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(expr) = t.strip_prefix("cron ") {
        return rules_from(None, None, Some(expr));
    }
    match t.split_once(' ') {
        Some((days, at)) => rules_from(Some(days), Some(at.trim()), None),
        None => Err(invalid(format!(
            "invalid schedule \"{t}\": expected DAYS HH:MM (every 02:00, mon,thu 23:30) or cron EXPR"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_schedule_text;
    use crate::schedule::Rule;

    #[test]
    fn wizard_schedule_text() {
        assert_eq!(parse_schedule_text("").unwrap(), vec![]);
        assert_eq!(
            parse_schedule_text("mon,thu 23:30").unwrap(),
            vec![
                Rule::At {
                    day: 1,
                    hour: 23,
                    minute: 30
                },
                Rule::At {
                    day: 4,
                    hour: 23,
                    minute: 30
                }
            ]
        );
        assert_eq!(
            parse_schedule_text("cron 0 1 * * 1-5").unwrap()[0].describe(),
            "cron 0 1 * * 1-5"
        );
        assert!(parse_schedule_text("tomorrow").is_err());
    }
}
