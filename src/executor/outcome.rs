//! Turning a finished RMAN process into an outcome: a pure function of (exit status, what the
//! output said, timed out?), tested on RMAN output samples.

/// What the output scan keeps: whether an error stack was printed, and its lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorScan {
    /// Saw `ERROR MESSAGE STACK FOLLOWS` (RMAN-00569).
    pub stack_seen: bool,
    /// RMAN-/ORA- lines of the error stacks (banner lines excluded), in order, bounded.
    pub stack_lines: Vec<String>,
    /// Any RMAN-/ORA- line outside a stack (warnings), bounded.
    pub other_codes: Vec<String>,
    in_stack: bool,
}

const MAX_STACK_LINES: usize = 40;

/// `RMAN-01009` from `RMAN-01009: syntax error…`, if the line starts with a code.
pub fn code_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let prefix_len = if t.starts_with("RMAN-") {
        5
    } else if t.starts_with("ORA-") {
        4
    } else {
        return None;
    };
    let digits = t[prefix_len..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (digits >= 4 && t[prefix_len + digits..].starts_with(':')).then(|| &t[..prefix_len + digits])
}

impl ErrorScan {
    /// Feed one line of output (without its newline).
    pub fn line(&mut self, line: &str) {
        if line.contains("ERROR MESSAGE STACK FOLLOWS") || code_of(line) == Some("RMAN-00569") {
            self.stack_seen = true;
            self.in_stack = true;
            return;
        }
        match code_of(line) {
            Some("RMAN-00571") => {}
            Some(code) => {
                let target = if self.in_stack {
                    &mut self.stack_lines
                } else {
                    &mut self.other_codes
                };
                if target.len() < MAX_STACK_LINES {
                    target.push(line.trim().to_string());
                }
                let _ = code;
            }
            // A stack ends at the first line that is neither a code nor blank.
            None if line.trim().is_empty() => {}
            None => {
                if self.in_stack && !self.stack_lines.is_empty() {
                    self.in_stack = false;
                }
            }
        }
    }

    /// Scan a whole text (tests, and logs read back).
    pub fn of_text(text: &str) -> ErrorScan {
        let mut s = ErrorScan::default();
        for l in text.lines() {
            s.line(l);
        }
        s
    }
}

/// How the process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    /// Ended by a signal (Unix) without an exit code.
    Signal(i32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Succeeded,
    Failed,
    TimedOut,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::TimedOut => "timed_out",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// Distinct RMAN-/ORA- codes of the error stack, in order of appearance.
    pub codes: Vec<String>,
    /// One line for the error record; empty on success.
    pub message: String,
}

/// One stack line for the error message: RMAN's long "expecting one of" lists are cut (the log
/// keeps them whole).
fn shorten(line: &str) -> String {
    let line = match line.find(": expecting one of:") {
        Some(i) => &line[..i],
        None => line,
    };
    if line.chars().count() <= 200 {
        return line.to_string();
    }
    let mut s: String = line.chars().take(199).collect();
    s.push('…');
    s
}

/// Succeeded only if RMAN exited 0 and printed no error stack; otherwise failed (or timed out),
/// naming the codes and lines of the stack.
pub fn classify(exit: Exit, timed_out: bool, timeout_secs: u64, scan: &ErrorScan) -> Outcome {
    let mut codes: Vec<String> = Vec::new();
    for l in &scan.stack_lines {
        if let Some(c) = code_of(l) {
            if !codes.iter().any(|x| x == c) {
                codes.push(c.to_string());
            }
        }
    }
    let stack = scan
        .stack_lines
        .iter()
        .map(|l| shorten(l))
        .collect::<Vec<_>>()
        .join("; ");
    if timed_out {
        let mut message = format!(
            "rman was killed after the timeout of {}",
            crate::units::format_duration(timeout_secs)
        );
        if !stack.is_empty() {
            message.push_str(&format!("; before that it reported {stack}"));
        }
        return Outcome {
            status: Status::TimedOut,
            codes,
            message,
        };
    }
    let clean_exit = exit == Exit::Code(0);
    if clean_exit && !scan.stack_seen {
        return Outcome {
            status: Status::Succeeded,
            codes: Vec::new(),
            message: String::new(),
        };
    }
    let how = match exit {
        Exit::Code(0) => "rman exited 0 but printed an error stack".to_string(),
        Exit::Code(n) => format!("rman exited with code {n}"),
        Exit::Signal(s) => format!("rman was killed by signal {s}"),
    };
    let message = if stack.is_empty() {
        how
    } else {
        format!("{stack} ({how})")
    };
    Outcome {
        status: Status::Failed,
        codes,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::{classify, code_of, ErrorScan, Exit, Status};

    const PARSE_ERROR: &str = "\
Recovery Manager: Release 19.0.0.0.0 - Production on Mon Nov 23 12:35:01 2026
Version 19.3.0.0.0

Copyright (c) 1982, 2019, Oracle and/or its affiliates.  All rights reserved.

RMAN> 
connected to target database: XE (DBID=2902711431)

RMAN> 
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-00558: error encountered while parsing input commands
RMAN-01009: syntax error: found \";\": expecting one of: \"allocate, alter, backup, beginline, blockrecover, catalog, change, copy, convert, create, crosscheck, configure, duplicate, debug, delete, execute, endinline, flashback, host, mount, open, plsql, recover, release, replicate, report, restore, resync, }, set, setlimit, sql, switch, startup, shutdown, send, show, transport, validate\"
RMAN-01007: at line 3 column 5 file: standard input

RMAN> 

Recovery Manager complete.
";

    const RUNTIME_FAILURE: &str = "\
RMAN> 
Starting backup at 2026-11-23 12:35:02
using target database control file instead of recovery catalog
allocated channel: ORA_DISK_1
channel ORA_DISK_1: SID=35 device type=DISK
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03002: failure of backup command at 11/23/2026 12:35:03
RMAN-20202: Tablespace not found in the recovery catalog
RMAN-06019: could not translate tablespace name \"NOPE\"

RMAN> 

Recovery Manager complete.
";

    const SQL_FAILURE: &str = "\
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03009: failure of sql command on default channel at 11/23/2026 12:35:03
RMAN-11003: failure during parse/execution of SQL statement: alter tablespace nope begin backup
ORA-00959: tablespace 'NOPE' does not exist
";

    const WARNING_ONLY: &str = "\
RMAN> 
released channel: ORA_DISK_1
RMAN-08138: warning: archived log not deleted - must create more backups
archived log file name=/u01/fra/XE/archivelog/1_42_1150000000.dbf thread=1 sequence=42

Recovery Manager complete.
";

    #[test]
    fn codes_are_recognised_only_at_the_start_of_a_line() {
        assert_eq!(code_of("RMAN-01009: syntax error"), Some("RMAN-01009"));
        assert_eq!(code_of("  ORA-00959: tablespace"), Some("ORA-00959"));
        assert_eq!(code_of("see RMAN-01009: x"), None);
        assert_eq!(code_of("RMAN-: x"), None);
    }

    #[test]
    fn parse_errors_fail_with_their_codes() {
        let o = classify(Exit::Code(1), false, 60, &ErrorScan::of_text(PARSE_ERROR));
        assert_eq!(o.status, Status::Failed);
        assert_eq!(o.codes, vec!["RMAN-00558", "RMAN-01009", "RMAN-01007"]);
        assert_eq!(
            o.message,
            "RMAN-00558: error encountered while parsing input commands; RMAN-01009: syntax error: found \";\"; RMAN-01007: at line 3 column 5 file: standard input (rman exited with code 1)"
        );
        assert!(o.message.ends_with("(rman exited with code 1)"));
    }

    #[test]
    fn runtime_failures_name_rman_and_ora_codes() {
        let o = classify(
            Exit::Code(1),
            false,
            60,
            &ErrorScan::of_text(RUNTIME_FAILURE),
        );
        assert_eq!(o.codes, vec!["RMAN-03002", "RMAN-20202", "RMAN-06019"]);
        let o = classify(Exit::Code(1), false, 60, &ErrorScan::of_text(SQL_FAILURE));
        assert_eq!(o.codes, vec!["RMAN-03009", "RMAN-11003", "ORA-00959"]);
        assert!(o
            .message
            .contains("ORA-00959: tablespace 'NOPE' does not exist"));
    }

    #[test]
    fn an_error_stack_fails_the_run_even_with_exit_0() {
        let o = classify(
            Exit::Code(0),
            false,
            60,
            &ErrorScan::of_text(RUNTIME_FAILURE),
        );
        assert_eq!(o.status, Status::Failed);
        assert!(o
            .message
            .ends_with("(rman exited 0 but printed an error stack)"));
    }

    #[test]
    fn warnings_with_exit_0_succeed() {
        let scan = ErrorScan::of_text(WARNING_ONLY);
        assert_eq!(scan.other_codes.len(), 1);
        let o = classify(Exit::Code(0), false, 60, &scan);
        assert_eq!(o.status, Status::Succeeded);
        assert!(o.codes.is_empty() && o.message.is_empty());
    }

    #[test]
    fn a_nonzero_exit_without_a_stack_fails() {
        let o = classify(Exit::Code(3), false, 60, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (Status::Failed, "rman exited with code 3")
        );
    }

    #[test]
    fn killed_processes() {
        let o = classify(Exit::Signal(9), false, 60, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (Status::Failed, "rman was killed by signal 9")
        );
        let o = classify(Exit::Signal(9), true, 7200, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (Status::TimedOut, "rman was killed after the timeout of 2h")
        );
    }
}
