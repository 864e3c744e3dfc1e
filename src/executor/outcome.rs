//! Turning a finished RMAN process into an outcome: a pure function of (exit status, what the
//! output said, timed out?), tested on RMAN output samples.
//!
//! RMAN prints an error as a stack (Backup and Recovery User's Guide, "Interpreting RMAN Message
//! Output": the RMAN-00571/RMAN-00569 banner, then the messages, read from the bottom up — the
//! last lines are the first cause): RMAN- and ORA- lines, lines without a code that carry on the
//! one above (`Linux-x86_64 Error: 28: No space left on device`, `Additional information: 4`,
//! `O/S-Error: …`, `OSD-04026: …`), and for each failed channel its own RMAN-03009 block. A stack
//! stays open across blank lines — a media manager's text (ORA-19511) comes with blank lines around
//! it, and the next failed channel's block follows — until the next prompt, `Recovery Manager
//! complete.` or a line that starts another command's output. Codes printed outside a stack
//! (`RMAN-06169`, `RMAN-08138`) are warnings of a run that may still succeed.

use crate::model::RunStatus;

/// What the output scan keeps: whether an error stack was printed, its lines, and the warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorScan {
    /// Saw `ERROR MESSAGE STACK FOLLOWS` (RMAN-00569).
    pub stack_seen: bool,
    /// Lines of the error stacks (banner lines excluded), in order: the first [`HEAD_LINES`] and
    /// the last [`TAIL_LINES`], where the causes are.
    pub stack_lines: Vec<String>,
    /// Stack lines left out between the head and the tail.
    pub stack_cut: usize,
    /// Lines with an RMAN-/ORA- code printed outside a stack, once each, bounded.
    pub warnings: Vec<String>,
    /// Backup pieces RMAN reported written: one `piece handle=…` line each (Backup and Recovery
    /// Reference, BACKUP; the sizes are not printed: V$RMAN_BACKUP_JOB_DETAILS holds them).
    pub pieces: u64,
    tail: std::collections::VecDeque<String>,
    in_stack: bool,
}

const HEAD_LINES: usize = 40;
const TAIL_LINES: usize = 60;
const MAX_WARNINGS: usize = 40;

/// `RMAN-01009` from `RMAN-01009: syntax error…`, if the line starts with a code.
pub fn code_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let (code, rest) = code_at(t)?;
    rest.starts_with(':').then_some(code)
}

/// A code (`RMAN-` or `ORA-` and 4 or 5 digits) at the start of `text`, and what follows it.
fn code_at(text: &str) -> Option<(&str, &str)> {
    let prefix_len = if text.starts_with("RMAN-") {
        5
    } else if text.starts_with("ORA-") {
        4
    } else {
        return None;
    };
    let digits = text[prefix_len..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (4..=5)
        .contains(&digits)
        .then(|| text.split_at(prefix_len + digits))
}

/// Every code in a line, wherever it stands (`ORA-00205` inside an `RMAN-06003` line too).
pub fn codes_in(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = line[i..].find(['R', 'O']) {
        let at = i + found;
        let boundary = at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric();
        match code_at(&line[at..]) {
            Some((code, rest)) if boundary && !rest.starts_with(|c: char| c.is_ascii_digit()) => {
                out.push(code);
                i = at + code.len();
            }
            _ => i = at + 1,
        }
    }
    out
}

/// RMAN reached an instance that is not started: `CONNECT TARGET /` with a SID that matches no
/// running instance connects to an idle one and says so (Backup and Recovery User's Guide,
/// "Starting and Shutting Down a Database with RMAN"); every command that needs the database then
/// fails with ORA-01034.
pub fn reached_idle_instance(log: &str) -> bool {
    log.lines()
        .any(|l| l.trim() == "connected to target database (not started)")
}

/// A line that starts another command's output (a job's first lines), which ends a stack.
fn starts_output(line: &str) -> bool {
    const STARTS: [&str; 6] = [
        "Starting ",
        "Finished ",
        "allocated channel:",
        "released channel:",
        "using target database",
        "using channel ",
    ];
    STARTS.iter().any(|s| line.starts_with(s))
}

/// A prompt RMAN prints between commands: `RMAN>` or a numbered continuation `3>`.
fn is_prompt(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("RMAN>")
        || t.split_once('>')
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What in a line may matter to [`ErrorScan::line`] outside an error stack: a code, a piece, the
/// stack's banner. Every other line outside a stack changes nothing.
const SCAN_MARKS: [&str; 4] = [
    "RMAN-",
    "ORA-",
    "piece handle=",
    "ERROR MESSAGE STACK FOLLOWS",
];

impl ErrorScan {
    /// Whether feeding the lines of `block` may change the scan: false for output with none of
    /// [`SCAN_MARKS`] while outside a stack, which then need not be scanned line by line.
    pub fn may_change(&self, block: &[u8]) -> bool {
        static MARKS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        self.in_stack
            || MARKS
                .get_or_init(|| {
                    aho_corasick::AhoCorasick::new(SCAN_MARKS).expect("four short literals")
                })
                .is_match(block)
    }

    /// Feed one line of output (without its newline).
    pub fn line(&mut self, line: &str) {
        if line.contains("piece handle=") {
            self.pieces += 1;
        }
        if line.contains("ERROR MESSAGE STACK FOLLOWS") || code_of(line) == Some("RMAN-00569") {
            self.stack_seen = true;
            self.in_stack = true;
            return;
        }
        if code_of(line) == Some("RMAN-00571") {
            return;
        }
        let text = line.trim();
        if text.is_empty() {
            return;
        }
        if is_prompt(text) || text.starts_with("Recovery Manager complete") || starts_output(text) {
            self.in_stack = false;
            return;
        }
        if self.in_stack {
            self.keep(text.to_string());
        } else if code_of(text).is_some()
            && self.warnings.len() < MAX_WARNINGS
            && !self.warnings.iter().any(|w| w == text)
        {
            self.warnings.push(text.to_string());
        }
    }

    fn keep(&mut self, line: String) {
        if self.stack_lines.len() < HEAD_LINES {
            self.stack_lines.push(line);
            return;
        }
        self.tail.push_back(line);
        if self.tail.len() > TAIL_LINES {
            self.tail.pop_front();
            self.stack_cut += 1;
        }
    }

    /// The stack lines kept, head then tail.
    pub fn stack(&self) -> impl Iterator<Item = &String> {
        self.stack_lines.iter().chain(self.tail.iter())
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
pub struct Outcome {
    /// Succeeded, failed or timed out.
    pub status: RunStatus,
    /// Distinct RMAN-/ORA- codes of the error stack, in order of appearance.
    pub codes: Vec<String>,
    /// One line for the error record; empty on success.
    pub message: String,
    /// Lines with a code printed outside an error stack: kept with the run whatever its status.
    pub warnings: Vec<String>,
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

/// The stack as one line within about `budget` characters. When it is longer, the first line, every
/// failed channel's line and the bottom lines (the first cause) are kept, in their order, with `…`
/// where lines were left out.
fn summary(lines: &[String], budget: usize) -> String {
    let short: Vec<String> = lines.iter().map(|l| shorten(l)).collect();
    let whole = short.join("; ");
    if whole.chars().count() <= budget {
        return whole;
    }
    let mut keep = vec![false; short.len()];
    keep[0] = true;
    for (i, l) in short.iter().enumerate() {
        if l.starts_with("RMAN-03009") || l.starts_with("RMAN-3009") {
            keep[i] = true;
        }
    }
    let mut used: usize = keep
        .iter()
        .zip(&short)
        .filter(|(k, _)| **k)
        .map(|(_, l)| l.chars().count() + 2)
        .sum();
    for i in (0..short.len()).rev() {
        if keep[i] {
            continue;
        }
        let cost = short[i].chars().count() + 2;
        if used + cost > budget {
            break;
        }
        keep[i] = true;
        used += cost;
    }
    let mut out: Vec<&str> = Vec::new();
    let mut gap = false;
    for (i, l) in short.iter().enumerate() {
        if keep[i] {
            if gap {
                out.push("…");
                gap = false;
            }
            out.push(l);
        } else {
            gap = true;
        }
    }
    out.join("; ")
}

/// About how long an error message gets; the log keeps everything.
const MESSAGE_BUDGET: usize = 1800;

/// Succeeded only if RMAN exited 0 and printed no error stack; otherwise failed (or timed out),
/// naming every code of the stack, every failed channel and the operating system's cause.
pub fn classify(exit: Exit, timed_out: bool, timeout_secs: u64, scan: &ErrorScan) -> Outcome {
    let lines: Vec<String> = scan.stack().cloned().collect();
    let mut codes: Vec<String> = Vec::new();
    for l in &lines {
        for c in codes_in(l) {
            if !codes.iter().any(|x| x == c) {
                codes.push(c.to_string());
            }
        }
    }
    let mut stack = if lines.is_empty() {
        String::new()
    } else {
        summary(&lines, MESSAGE_BUDGET)
    };
    if scan.stack_cut > 0 {
        stack = format!("{stack} ({} more stack lines in the log)", scan.stack_cut);
    }
    // A channel's failure printed as it happened comes again in the stack: not a warning.
    let warnings: Vec<String> = scan
        .warnings
        .iter()
        .filter(|w| !lines.contains(w))
        .cloned()
        .collect();
    if timed_out {
        let limit = crate::units::format_duration(timeout_secs);
        // Cancelled as Oracle documents (SIGINT, RMAN's Ctrl-C), RMAN says RMAN-03099.
        let mut message = if codes.iter().any(|c| c == "RMAN-03099") {
            format!("rman was cancelled at the timeout of {limit}")
        } else {
            format!("rman was killed after the timeout of {limit}")
        };
        if !stack.is_empty() {
            message.push_str(&format!("; it reported {stack}"));
        }
        return Outcome {
            status: RunStatus::TimedOut,
            codes,
            message,
            warnings,
        };
    }
    let clean_exit = exit == Exit::Code(0);
    if clean_exit && !scan.stack_seen {
        return Outcome {
            status: RunStatus::Succeeded,
            codes: Vec::new(),
            message: String::new(),
            warnings,
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
        status: RunStatus::Failed,
        codes,
        message,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::{classify, code_of, ErrorScan, Exit};
    use crate::model::RunStatus;

    /// `may_change` is what lets the capture skip the scan of whole reads: a line it calls
    /// harmless must leave every scan state as it was, in a stack or not.
    #[test]
    fn a_line_without_a_mark_outside_a_stack_changes_nothing() {
        let lines = [
            "channel ORA_DISK_1: starting piece 1 at 03-DEC-26",
            "piece handle=/u01/fra/XE/backupset/o1_mf_nnndf.bkp tag=TAG20261203",
            "RMAN-00571: ===========================================================",
            "RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============",
            "RMAN-03009: failure of backup command on ORA_DISK_1 channel",
            "ORA-19502: write error on file \"/u01/fra/x.bkp\", block number 1",
            "Linux-x86_64 Error: 28: No space left on device",
            "Additional information: 4",
            "",
            "   ",
            "RMAN> ",
            "3> backup database;",
            "Starting backup at 03-DEC-26",
            "Recovery Manager complete.",
            "input datafile file number=00001 name=/u01/oradata/XE/system01.dbf",
        ];
        // Every line after every prefix of the sample: the scan in each state it reaches.
        for n in 0..=lines.len() {
            let mut scan = ErrorScan::default();
            for l in &lines[..n] {
                scan.line(l);
            }
            for l in lines {
                if !scan.may_change(l.as_bytes()) {
                    let mut after = scan.clone();
                    after.line(l);
                    assert_eq!(after, scan, "{l:?} after {n} lines");
                }
            }
        }
        let mut scan = ErrorScan::default();
        assert!(!scan.may_change(b"channel ORA_DISK_1: backup set complete\n"));
        scan.line("RMAN-00569: === ERROR MESSAGE STACK FOLLOWS ===");
        assert!(scan.may_change(b"Linux-x86_64 Error: 28\n"));
    }

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

    // Stacks in the shape Oracle's RMAN prints them. Sources: a four-channel disk-full failure
    // (https://syedanwarahmedoracle.blog/2026/04/28/p1-incident-dbbackup-filesystem-100-full-how-we-traced-fixed-and-recovered-two-failed-rman-backups-in-one-night/),
    // with the operating system line Linux prints for ENOSPC (error 28) as ORA-27072 is followed;
    // a media-manager failure with the 4-digit RMAN-3009 form
    // (https://www.databasejournal.com/oracle/tivoli-and-rman-in-oracle-11-2-0-3/); the messages
    // themselves from Oracle's Database Error Messages (RMAN-00550 to RMAN-20512, ORA-).
    const DISK_FULL: &str = "\
channel c4: starting piece 1 at 2026-11-25 22:30:02
RMAN-03009: failure of backup command on c4 channel at 11/25/2026 22:32:13
ORA-19502: write error on file \"/dbbackup/DBPRC02/rman/DiffInc_DBPRC02_4u4mi8bf\", block number 1046400 (block size=8192)
ORA-27072: File I/O error
Linux-x86_64 Error: 28: No space left on device
Additional information: 4
Additional information: 1046400
continuing other job steps, job failed will not be re-run
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03009: failure of backup command on c1 channel at 11/25/2026 22:32:48
ORA-19502: write error on file \"/dbbackup/DBPRC02/rman/DiffInc_DBPRC02_4r4mi8bf\", block number 1046912 (block size=8192)
ORA-27072: File I/O error
Linux-x86_64 Error: 28: No space left on device
Additional information: 4
Additional information: 1046912
RMAN-03009: failure of backup command on c4 channel at 11/25/2026 22:32:13
ORA-19502: write error on file \"/dbbackup/DBPRC02/rman/DiffInc_DBPRC02_4u4mi8bf\", block number 1046400 (block size=8192)
ORA-27072: File I/O error
Linux-x86_64 Error: 28: No space left on device
Additional information: 4

Recovery Manager complete.
";

    const INLINE_CODES: &str = "\
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03002: failure of backup command at 11/25/2026 02:00:05
RMAN-06003: ORACLE error from target database: ORA-00205: error in identifying control file, check alert log for more info
RMAN-06004: ORACLE error from recovery catalog database: RMAN-20242: specification does not match any archived log in the repository
";

    const NOT_MOUNTED: &str = "\
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03002: failure of backup command at 11/25/2026 02:00:05
RMAN-06403: could not obtain a fully authorized session
ORA-01034: ORACLE not available
ORA-27101: shared memory realm does not exist
Linux-x86_64 Error: 2: No such file or directory
Additional information: 4376
Additional information: 1477066791
RMAN> 
";

    const MEDIA_MANAGER: &str = "\
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-3009: failure of backup command on ORA_SBT_TAPE_12 channel at 12/18/2013 00:43:32
ORA-19502: write error on file \"0morpg92_1_1\", block number 385 (block size=8192)
ORA-27030: skgfwrt: sbtwrite2 returned error
ORA-19511: Error received from media manager layer, error text:
   ANS1311E (RC11) Server out of data storage space
";

    /// Two SBT channels failing in a media manager: the vendor's text and a blank line after each,
    /// inside one stack.
    const MEDIA_MANAGER_TWO_CHANNELS: &str = "\
RMAN-00571: ===========================================================
RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============
RMAN-00571: ===========================================================
RMAN-03009: failure of backup command on ORA_SBT_TAPE_1 channel at 11/25/2026 02:00:05
ORA-19506: failed to create sequential file, name=\"0a1b2c3d_1_1\", parms=\"\"
ORA-27028: skgfqcre: sbtbackup returned error
ORA-19511: non RMAN, but media manager or vendor specific failure, error text:
   VxBSAValidateFeatureId: Failed with error:
   Server Status:  Access to the client was not granted.

RMAN-03009: failure of backup command on ORA_SBT_TAPE_2 channel at 11/25/2026 02:00:06
ORA-19506: failed to create sequential file, name=\"0b1b2c3d_1_1\", parms=\"\"
ORA-27028: skgfqcre: sbtbackup returned error
ORA-19511: non RMAN, but media manager or vendor specific failure, error text:
   VxBSAValidateFeatureId: Failed with error:
   Server Status:  Cannot connect on socket.


Recovery Manager complete.
";

    const WARNING_ONLY_UNREADABLE: &str = "\
RMAN-06169: could not read file header for datafile 7 error reason 4
Starting backup at 2026-11-25 02:00:01
channel ORA_DISK_1: backup set complete, elapsed time: 00:00:01
Finished backup at 2026-11-25 02:00:03

Recovery Manager complete.
";

    fn failed(text: &str) -> super::Outcome {
        classify(Exit::Code(1), false, 60, &ErrorScan::of_text(text))
    }

    #[test]
    fn a_disk_full_failure_names_every_channel_and_the_operating_system_cause() {
        let o = failed(DISK_FULL);
        assert_eq!(o.status, RunStatus::Failed);
        assert_eq!(o.codes, ["RMAN-03009", "ORA-19502", "ORA-27072"]);
        assert!(
            o.message
                .contains("RMAN-03009: failure of backup command on c1 channel"),
            "{}",
            o.message
        );
        assert!(
            o.message
                .contains("RMAN-03009: failure of backup command on c4 channel"),
            "{}",
            o.message
        );
        assert!(
            o.message
                .contains("Linux-x86_64 Error: 28: No space left on device"),
            "{}",
            o.message
        );
        // The channel's failure printed as it happened is in the stack: not a warning too.
        assert!(o.warnings.is_empty(), "{:?}", o.warnings);
        assert!(o
            .message
            .ends_with("Additional information: 4 (rman exited with code 1)"));
    }

    #[test]
    fn codes_inside_a_line_are_named() {
        let o = failed(INLINE_CODES);
        assert_eq!(
            o.codes,
            [
                "RMAN-03002",
                "RMAN-06003",
                "ORA-00205",
                "RMAN-06004",
                "RMAN-20242"
            ]
        );
    }

    #[test]
    fn a_database_not_started_keeps_its_cause_lines() {
        let o = failed(NOT_MOUNTED);
        assert_eq!(
            o.codes,
            ["RMAN-03002", "RMAN-06403", "ORA-01034", "ORA-27101"]
        );
        assert!(
            o.message.contains(
                "Linux-x86_64 Error: 2: No such file or directory; Additional information: 4376"
            ),
            "{}",
            o.message
        );
    }

    #[test]
    fn media_manager_errors_with_four_digit_codes_and_indented_text() {
        let o = failed(MEDIA_MANAGER);
        assert_eq!(
            o.codes,
            ["RMAN-3009", "ORA-19502", "ORA-27030", "ORA-19511"]
        );
        assert!(
            o.message
                .contains("ANS1311E (RC11) Server out of data storage space"),
            "{}",
            o.message
        );
    }

    #[test]
    fn a_stack_stays_open_across_blank_lines_so_every_channel_and_vendor_text_is_in_the_error() {
        let o = failed(MEDIA_MANAGER_TWO_CHANNELS);
        assert_eq!(o.status, RunStatus::Failed);
        assert_eq!(
            o.codes,
            ["RMAN-03009", "ORA-19506", "ORA-27028", "ORA-19511"]
        );
        for part in [
            "ORA_SBT_TAPE_1",
            "ORA_SBT_TAPE_2",
            "Access to the client was not granted.",
            "Cannot connect on socket.",
        ] {
            assert!(o.message.contains(part), "{part}: {}", o.message);
        }
        assert!(o.warnings.is_empty(), "{:?}", o.warnings);
        // A stack still ends where another command's output starts: later codes are warnings.
        let then = format!(
            "{}Starting backup at 2026-11-25 02:00:07\nRMAN-06169: could not read file header for datafile 7 error reason 4\n",
            NOT_MOUNTED.trim_end_matches("RMAN> \n")
        );
        let o = failed(&then);
        assert_eq!(
            o.warnings,
            ["RMAN-06169: could not read file header for datafile 7 error reason 4"]
        );
    }

    #[test]
    fn a_warning_only_run_succeeds_with_its_warning() {
        let o = classify(
            Exit::Code(0),
            false,
            60,
            &ErrorScan::of_text(WARNING_ONLY_UNREADABLE),
        );
        assert_eq!(o.status, RunStatus::Succeeded);
        assert_eq!(
            o.warnings,
            ["RMAN-06169: could not read file header for datafile 7 error reason 4"]
        );
    }

    #[test]
    fn a_long_stack_keeps_its_first_line_every_channel_and_its_bottom() {
        let mut text = String::from(
            "RMAN-00569: =============== ERROR MESSAGE STACK FOLLOWS ===============\n",
        );
        for ch in 1..=40 {
            text.push_str(&format!(
                "RMAN-03009: failure of backup command on c{ch} channel at 11/25/2026 22:32:48\n"
            ));
            text.push_str(&format!("ORA-19502: write error on file \"/dbbackup/piece_{ch}\", block number 1046912 (block size=8192)\n"));
            text.push_str("ORA-27072: File I/O error\nLinux-x86_64 Error: 28: No space left on device\nAdditional information: 4\n");
        }
        let o = failed(&text);
        assert!(
            o.message
                .starts_with("RMAN-03009: failure of backup command on c1 channel"),
            "{}",
            o.message
        );
        assert!(o.message.contains("on c40 channel"), "{}", o.message);
        assert!(
            o.message.contains("more stack lines in the log"),
            "{}",
            o.message
        );
        assert!(
            o.message.contains("Linux-x86_64 Error: 28"),
            "{}",
            o.message
        );
        assert!(o.message.chars().count() < 4000, "{}", o.message.len());
    }

    #[test]
    fn codes_are_found_anywhere_but_not_inside_other_words() {
        assert_eq!(
            super::codes_in("RMAN-06003: ORACLE error from target database: ORA-00205: error"),
            ["RMAN-06003", "ORA-00205"]
        );
        assert!(super::codes_in("XORA-00205 and ORA-123456 and ORA-12").is_empty());
    }

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
        assert_eq!(o.status, RunStatus::Failed);
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
        assert_eq!(o.status, RunStatus::Failed);
        assert!(o
            .message
            .ends_with("(rman exited 0 but printed an error stack)"));
    }

    #[test]
    fn warnings_with_exit_0_succeed_and_are_kept() {
        let scan = ErrorScan::of_text(WARNING_ONLY);
        let o = classify(Exit::Code(0), false, 60, &scan);
        assert_eq!(o.status, RunStatus::Succeeded);
        assert!(o.codes.is_empty() && o.message.is_empty());
        assert_eq!(
            o.warnings,
            ["RMAN-08138: warning: archived log not deleted - must create more backups"]
        );
    }

    #[test]
    fn a_nonzero_exit_without_a_stack_fails() {
        let o = classify(Exit::Code(3), false, 60, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (RunStatus::Failed, "rman exited with code 3")
        );
    }

    #[test]
    fn killed_processes() {
        let o = classify(Exit::Signal(9), false, 60, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (RunStatus::Failed, "rman was killed by signal 9")
        );
        let o = classify(Exit::Signal(9), true, 7200, &ErrorScan::default());
        assert_eq!(
            (o.status, o.message.as_str()),
            (
                RunStatus::TimedOut,
                "rman was killed after the timeout of 2h"
            )
        );
    }
}
