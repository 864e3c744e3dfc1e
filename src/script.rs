//! RMAN scripts: the structural check `add-strategy` makes before storing one, and the templates
//! a script can be composed from.

use crate::error::invalid;

/// A structural defect RMAN would reject before running anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// 1-based line of the script.
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// The longest script line any store keeps (Oracle's VARCHAR2(4000), in bytes).
pub const MAX_LINE_BYTES: usize = 4000;

/// What no script may hold, `--force` or not: a line no store can keep (a NUL byte, more than
/// [`MAX_LINE_BYTES`]), or a CONNECT (connections carry the credentials, and a stored CONNECT
/// would keep one in plain text).
pub fn check_storable(lines: &[String]) -> Result<(), ScriptError> {
    for (i, line) in lines.iter().enumerate() {
        let problem = if line.contains('\0') {
            "holds a NUL byte, which no store can keep".to_string()
        } else if line.len() > MAX_LINE_BYTES {
            format!(
                "is {} bytes long; a stored line holds at most {MAX_LINE_BYTES} bytes: split the command over several lines",
                line.len()
            )
        } else if line
            .split(|c: char| c.is_whitespace() || c == ';')
            .find(|w| !w.is_empty())
            .is_some_and(|w| w.eq_ignore_ascii_case("connect"))
        {
            "CONNECT is written by backupctl from the connection's credential; remove the line"
                .to_string()
        } else {
            continue;
        };
        return Err(ScriptError {
            line: i + 1,
            problem,
        });
    }
    Ok(())
}

/// Check the structure RMAN's parser needs: commands end with `;`, `run {` … `}` balanced and not
/// nested, no `;` right after `{`, no empty script, no CONNECT (backupctl writes that itself).
/// Quoted text and `#` comments are skipped.
pub fn validate(lines: &[String]) -> Result<(), ScriptError> {
    let mut p = Structure::default();
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        for c in line.chars() {
            if let Some((q, _)) = p.quote {
                p.pending.push(c);
                if c == q {
                    p.quote = None;
                }
                continue;
            }
            match c {
                '#' => break,
                '\'' | '"' => {
                    p.text(c, n);
                    p.quote = Some((c, n));
                }
                '{' => p.open_block(n)?,
                ';' => p.end_command(n)?,
                '}' => p.close_block(n)?,
                c if c.is_whitespace() => p.pending.push(c),
                c => p.text(c, n),
            }
        }
        if p.quote.is_none() {
            p.pending.push('\n');
        }
    }
    p.finish()
}

fn script_err(line: usize, problem: &str) -> Result<(), ScriptError> {
    Err(ScriptError {
        line,
        problem: problem.to_string(),
    })
}

/// What [`validate`] has read so far.
#[derive(Default)]
struct Structure {
    /// The line of the open `run {`, if one is open.
    block_open: Option<usize>,
    /// The text of the command being read, and the line it started on.
    pending: String,
    pending_line: usize,
    after_brace: bool,
    /// An open quote and its line.
    quote: Option<(char, usize)>,
    commands: usize,
}

impl Structure {
    /// A character of a command's text (a quote opens one too).
    fn text(&mut self, c: char, n: usize) {
        if self.pending.trim().is_empty() {
            self.pending_line = n;
        }
        self.pending.push(c);
        self.after_brace = false;
    }

    fn open_block(&mut self, n: usize) -> Result<(), ScriptError> {
        if let Some(open) = self.block_open {
            return script_err(
                n,
                &format!(
                    "\"{{\" inside the run block opened on line {open}; RMAN does not nest blocks"
                ),
            );
        }
        if !self.pending.trim().eq_ignore_ascii_case("run") {
            return script_err(n, "\"{\" must follow RUN (expected run { ... })");
        }
        self.block_open = Some(n);
        self.pending.clear();
        self.after_brace = true;
        Ok(())
    }

    fn end_command(&mut self, n: usize) -> Result<(), ScriptError> {
        if self.after_brace {
            return script_err(
                n,
                "stray \";\" right after \"{\" (RMAN reports a syntax error: found \";\")",
            );
        }
        if self.pending.trim().is_empty() {
            return script_err(n, "\";\" with no command before it");
        }
        let first = self.pending.split_whitespace().next().unwrap_or_default();
        if first.eq_ignore_ascii_case("connect") {
            return script_err(
                self.pending_line,
                "CONNECT is written by backupctl from the connection's credential; remove the line",
            );
        }
        if self.block_open.is_none() && first.eq_ignore_ascii_case("run") {
            return script_err(self.pending_line, "RUN must be followed by a { ... } block");
        }
        self.commands += 1;
        self.pending.clear();
        Ok(())
    }

    fn close_block(&mut self, n: usize) -> Result<(), ScriptError> {
        if self.block_open.is_none() {
            return script_err(n, "\"}\" without a matching \"run {\"");
        }
        if !self.pending.trim().is_empty() {
            return script_err(
                self.pending_line,
                "command not terminated by \";\" before \"}\"",
            );
        }
        if self.after_brace {
            return script_err(n, "empty run block");
        }
        self.block_open = None;
        self.after_brace = false;
        Ok(())
    }

    fn finish(self) -> Result<(), ScriptError> {
        if let Some((q, line)) = self.quote {
            return script_err(line, &format!("quote {q} is never closed"));
        }
        if let Some(open) = self.block_open {
            return script_err(open, "\"run {\" is never closed with \"}\"");
        }
        if !self.pending.trim().is_empty() {
            return script_err(self.pending_line, "command not terminated by \";\"");
        }
        if self.commands == 0 {
            return script_err(1, "empty script: expected at least one RMAN command");
        }
        Ok(())
    }
}

/// Script lines as stored: trailing blanks trimmed, empty lines dropped.
pub fn normalize(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

pub const TEMPLATES: &str = "full, incremental:0, incremental:1, compressed, plus-archivelog, archivelog, archivelog:delete, tablespace:NAME, controlfile, spfile, crosscheck, obsolete, validate or channels:N";

/// One template's RMAN commands. `channels:N` allocates N disk channels, so that RMAN backs up in
/// parallel within the `run { }` block (Backup and Recovery Reference: ALLOCATE CHANNEL, which is
/// allowed only inside RUN).
pub fn template_command(name: &str) -> anyhow::Result<Vec<String>> {
    let bad = || invalid(format!("invalid template \"{name}\": expected {TEMPLATES}"));
    let t = name.trim();
    let lower = t.to_ascii_lowercase();
    let one = |s: &str| Ok(vec![s.to_string()]);
    match lower.as_str() {
        "full" => one("backup database;"),
        "incremental:0" => one("backup incremental level 0 database;"),
        "incremental:1" => one("backup incremental level 1 database;"),
        "compressed" => one("backup as compressed backupset database;"),
        // The archived logs go after they are in a backup, in the same command.
        "plus-archivelog" => one("backup database plus archivelog delete input;"),
        "archivelog" => one("backup archivelog all not backed up 1 times;"),
        "archivelog:delete" => one("backup archivelog all delete input;"),
        "controlfile" => one("backup current controlfile;"),
        "spfile" => one("backup spfile;"),
        "crosscheck" => one("crosscheck archivelog all;"),
        // NOPROMPT: no question to answer, whatever the input mode.
        "obsolete" => one("delete noprompt obsolete;"),
        "validate" => one("backup validate check logical database;"),
        _ => {
            if let Some(n) = lower.strip_prefix("channels:") {
                let n: u8 = n
                    .parse()
                    .ok()
                    .filter(|n| (1..=16).contains(n))
                    .ok_or_else(|| {
                        invalid(format!(
                            "invalid template \"{name}\": expected channels:N with N from 1 to 16"
                        ))
                    })?;
                return Ok((1..=n)
                    .map(|i| format!("allocate channel c{i} device type disk;"))
                    .collect());
            }
            let Some(ts) = lower
                .strip_prefix("tablespace:")
                .map(|_| &t["tablespace:".len()..])
            else {
                return Err(bad());
            };
            let ok = crate::units::is_oracle_identifier(ts, 128);
            if !ok {
                return Err(invalid(format!(
                    "invalid tablespace name \"{ts}\" in template \"{name}\": expected an Oracle identifier such as USERS"
                )));
            }
            Ok(vec![format!("backup tablespace {ts};")])
        }
    }
}

/// Templates composed into one `run { }` block; channels are allocated first, whatever their
/// place on the command line.
pub fn compose(templates: &[String]) -> anyhow::Result<Vec<String>> {
    refuse_conflicts(templates)?;
    let mut channels = Vec::new();
    let mut commands = Vec::new();
    for t in templates {
        let lines = template_command(t)?;
        let target = if t.trim().to_ascii_lowercase().starts_with("channels:") {
            &mut channels
        } else {
            &mut commands
        };
        target.extend(lines.into_iter().map(|l| format!("  {l}")));
    }
    let mut out = vec!["run {".to_string()];
    out.extend(channels);
    out.extend(commands);
    out.push("}".to_string());
    Ok(out)
}

/// Templates that would do one job twice in one run: two backups of the whole database (each
/// of `full`, `incremental:N`, `compressed`, `plus-archivelog` is one), two archived-log backups,
/// two channel counts, or one template twice. Refused naming the two and what to give instead.
fn refuse_conflicts(templates: &[String]) -> anyhow::Result<()> {
    let kind = |t: &str| -> &'static str {
        match t {
            "full" | "incremental:0" | "incremental:1" | "compressed" | "plus-archivelog" => {
                "database"
            }
            "archivelog" | "archivelog:delete" => "archivelog",
            t if t.starts_with("channels:") => "channels",
            _ => "",
        }
    };
    let names: Vec<String> = templates
        .iter()
        .map(|t| t.trim().to_ascii_lowercase())
        .collect();
    for (i, a) in names.iter().enumerate() {
        for (j, b) in names.iter().enumerate().skip(i + 1) {
            let (ka, kb) = (kind(a), kind(b));
            let why = if a == b {
                Some("the same template twice".to_string())
            } else if ka == "database" && kb == "database" {
                Some("both back up the whole database: keep one (plus-archivelog is a full backup with the archived logs; for a level 0 with them, give incremental:0 and archivelog:delete)".to_string())
            } else if ka == "archivelog" && kb == "archivelog" {
                Some("both back up the archived logs: keep one".to_string())
            } else if (ka == "archivelog" && b == "plus-archivelog")
                || (a == "plus-archivelog" && kb == "archivelog")
            {
                Some("plus-archivelog already backs up the archived logs: keep one".to_string())
            } else if ka == "channels" && kb == "channels" {
                Some("two channel counts: give one channels:N".to_string())
            } else {
                None
            };
            if let Some(why) = why {
                let (a, b) = (templates[i].trim(), templates[j].trim());
                return Err(invalid(format!(
                    "templates {a} and {b} conflict: {why}; expected at most one of each job ({TEMPLATES})"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{compose, normalize, validate};

    #[test]
    fn templates_that_would_do_one_job_twice_are_refused() {
        for (a, b, why) in [
            (
                "incremental:0",
                "plus-archivelog",
                "both back up the whole database",
            ),
            ("full", "compressed", "both back up the whole database"),
            (
                "archivelog",
                "archivelog:delete",
                "both back up the archived logs",
            ),
            (
                "plus-archivelog",
                "archivelog",
                "already backs up the archived logs",
            ),
            ("channels:2", "channels:4", "two channel counts"),
            ("spfile", "spfile", "the same template twice"),
        ] {
            let err = compose(&[a.into(), b.into()]).unwrap_err().to_string();
            assert!(
                err.contains(&format!("templates {a} and {b} conflict")) && err.contains(why),
                "{err}"
            );
        }
        assert!(compose(&[
            "incremental:0".into(),
            "archivelog:delete".into(),
            "controlfile".into(),
            "spfile".into(),
            "channels:2".into(),
            "obsolete".into(),
        ])
        .is_ok());
    }

    fn check(text: &str) -> Result<(), String> {
        validate(&normalize(text)).map_err(|e| e.to_string())
    }

    #[test]
    fn the_reference_samples() {
        let good = "crosscheck archivelog all;\nrun{\nSQL \"alter system switch logfile\";\nbackup tablespace users;\n}";
        assert_eq!(check(good), Ok(()));
        let bad = "crosscheck archivelog all;\nrun{;\nSQL \"alter system switch logfile\";\nbackup tablespace users;\n}";
        let err = check(bad).unwrap_err();
        assert!(
            err.starts_with("line 2: stray \";\" right after \"{\""),
            "{err}"
        );
    }

    #[test]
    fn structure_errors_name_the_line() {
        assert_eq!(
            check("run {\nbackup database;\n").unwrap_err(),
            "line 1: \"run {\" is never closed with \"}\""
        );
        assert_eq!(
            check("backup database;\n}").unwrap_err(),
            "line 2: \"}\" without a matching \"run {\""
        );
        assert_eq!(
            check("backup database;\nbackup spfile").unwrap_err(),
            "line 2: command not terminated by \";\""
        );
        assert_eq!(
            check("run {\nbackup database\n}").unwrap_err(),
            "line 2: command not terminated by \";\" before \"}\""
        );
        assert!(check("").unwrap_err().contains("empty script"));
        assert!(check("# only a comment\n")
            .unwrap_err()
            .contains("empty script"));
        assert!(check("run {\nrun {\n}\n}")
            .unwrap_err()
            .contains("does not nest"));
        assert!(check("sql 'alter system switch logfile;\n")
            .unwrap_err()
            .contains("never closed"));
        let lines = |t: &str| t.lines().map(str::to_string).collect::<Vec<_>>();
        let storable = |t: &str| super::check_storable(&lines(t)).map_err(|e| e.to_string());
        assert!(storable("backup database;\ndelete noprompt obsolete;").is_ok());
        let e = storable("backup database;\n  CONNECT TARGET sys/x@p;").unwrap_err();
        assert!(
            e.starts_with("line 2: CONNECT is written by backupctl"),
            "{e}"
        );
        let e = storable("backup\0 database;").unwrap_err();
        assert!(e.contains("line 1: holds a NUL byte"), "{e}");
        let e = storable(&format!("backup tag '{}';", "x".repeat(4000))).unwrap_err();
        assert!(e.contains("at most 4000 bytes"), "{e}");
        assert!(check("connect target sys/secret@prod;\nbackup database;")
            .unwrap_err()
            .contains("CONNECT"));
        assert!(check(";").unwrap_err().contains("no command"));
    }

    #[test]
    fn quotes_and_comments_hide_their_punctuation() {
        assert_eq!(
            check("sql \"begin null; end;\";  # a comment with { and ;\n"),
            Ok(())
        );
        assert_eq!(check("run {\n  allocate channel c1 type disk format '/b/%U{x}';\n  backup\n    database;\n}"), Ok(()));
    }

    #[test]
    fn templates_compose_into_one_run_block() {
        let lines = compose(&[
            "incremental:0".into(),
            "tablespace:USERS".into(),
            "spfile".into(),
        ])
        .unwrap();
        assert_eq!(
            lines,
            vec![
                "run {",
                "  backup incremental level 0 database;",
                "  backup tablespace USERS;",
                "  backup spfile;",
                "}"
            ]
        );
        assert_eq!(validate(&lines), Ok(()));
        let lines = compose(&[
            "plus-archivelog".into(),
            "obsolete".into(),
            "channels:2".into(),
        ])
        .unwrap();
        assert_eq!(
            lines,
            vec![
                "run {",
                "  allocate channel c1 device type disk;",
                "  allocate channel c2 device type disk;",
                "  backup database plus archivelog delete input;",
                "  delete noprompt obsolete;",
                "}"
            ]
        );
        assert_eq!(validate(&lines), Ok(()));
        assert!(compose(&["channels:0".into()]).is_err());
        assert!(compose(&["weekly".into()])
            .unwrap_err()
            .to_string()
            .contains("expected full, incremental:0"));
        assert!(compose(&["tablespace:1bad".into()]).is_err());
    }
}
