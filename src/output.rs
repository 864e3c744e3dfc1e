//! Tables and JSON: the one place that formats for people and for scripts.

use std::io::{IsTerminal, Write};
use std::path::Path;

use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

/// A table: on a terminal, boxed and fitted to its width — free text wraps between words, and a
/// column whose cells are single words (ids, statuses, codes) is never wrapped, so nothing is
/// split mid-word; piped, tab-separated rows under a header line, for `cut`, `awk` and spreadsheets.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    if std::io::stdout().is_terminal() {
        boxed(headers, rows)
    } else {
        tab_separated(headers, rows)
    }
}

/// Whether a column is in the compact set a terminal shows by default, shown there only when the
/// terminal has room for it, or only with `--wide`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Always,
    Room,
    Wide,
}

/// Whether a listing shows every column and whole ids: with `--wide`, and always when piped (a
/// script reads columns by position, whatever the width).
pub fn wide(asked: bool) -> bool {
    asked || !std::io::stdout().is_terminal()
}

/// Print a table of the columns `wide` asks for: all of them; or those shown [`Show::Always`] and,
/// in their order, each [`Show::Room`] column the terminal still has room for.
pub fn print_columns(columns: &[(&str, Show)], rows: Vec<Vec<String>>, wide: bool) {
    let width_of = |i: usize| -> usize {
        let header = columns[i].0.chars().count().min(12);
        let cells = rows.iter().filter_map(|r| r.get(i)).map(|c| {
            c.split('\n')
                // A time loses its offset to the header (see `hoist_offsets`).
                .map(|l| split_offset(l).map_or(l, |(time, _)| time).chars().count())
                .max()
                .unwrap_or(0)
        });
        // A border and a space either side.
        cells.fold(header, usize::max).min(42) + 3
    };
    let mut kept: Vec<bool> = columns
        .iter()
        .map(|(_, show)| wide || *show == Show::Always)
        .collect();
    if !wide {
        let room = usize::from(Table::new().width().unwrap_or(u16::MAX));
        let mut used = 1
            + (0..columns.len())
                .filter(|i| kept[*i])
                .map(width_of)
                .sum::<usize>();
        for (i, (_, show)) in columns.iter().enumerate() {
            if *show == Show::Room && used + width_of(i) <= room {
                used += width_of(i);
                kept[i] = true;
            }
        }
    }
    let headers: Vec<&str> = columns
        .iter()
        .zip(&kept)
        .filter(|(_, k)| **k)
        .map(|((h, _), _)| *h)
        .collect();
    let rows = rows
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&kept)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        })
        .collect();
    print_table(&headers, rows);
}

/// How many hex digits of a run id's random part a compact table shows: as git abbreviates, and
/// `logs --run` takes them back (a prefix of the random part, 6 digits at least).
pub const SHORT_ID: usize = 8;

/// A run id as a table shows it: whole when `wide`; else the start of its random part, which is
/// what tells runs apart (the time part repeats the scheduled column).
pub fn run_id_cell(id: &str, wide: bool) -> String {
    match id.rsplit_once('-') {
        Some((_, random)) if !wide && random.len() > SHORT_ID => random[..SHORT_ID].to_string(),
        _ => id.to_string(),
    }
}

/// `2026-12-02 08:00 -06:00` → (`2026-12-02 08:00`, `-06:00`): a time cell and its offset.
fn split_offset(cell: &str) -> Option<(&str, &str)> {
    let (time, offset) = cell.rsplit_once(' ')?;
    let b = offset.as_bytes();
    let is_offset = b.len() == 6
        && matches!(b[0], b'+' | b'-')
        && b[3] == b':'
        && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
    (is_offset && time.len() == 16).then_some((time, offset))
}

/// `2026-12-02 08:00`, with or without its offset.
fn is_time(cell: &str) -> bool {
    let time = split_offset(cell).map_or(cell, |(t, _)| t);
    time.len() == 16 && chrono::NaiveDateTime::parse_from_str(time, "%Y-%m-%d %H:%M").is_ok()
}

/// Columns of times that all carry one offset say it once, in the header (`started (-06:00)`),
/// which keeps them narrow; a column that spans a DST change keeps it in every cell.
fn hoist_offsets(headers: &[&str], rows: &mut [Vec<String>]) -> Vec<String> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cells = || rows.iter().filter_map(|r| r.get(i)).filter(|c| *c != "-");
            let mut offsets = cells().map(|c| split_offset(c).map(|(_, o)| o.to_string()));
            let Some(Some(first)) = offsets.next() else {
                return h.to_string();
            };
            if !offsets.all(|o| o.as_deref() == Some(first.as_str())) {
                return h.to_string();
            }
            for r in rows.iter_mut() {
                if let Some(c) = r.get_mut(i) {
                    if let Some((time, _)) = split_offset(c) {
                        *c = time.to_string();
                    }
                }
            }
            // On a line of its own: the header is no wider than the times under it.
            format!("{h}\n({first})")
        })
        .collect()
}

fn boxed(headers: &[&str], mut rows: Vec<Vec<String>>) -> String {
    let headers = hoist_offsets(headers, &mut rows);
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(headers.clone());
    // Per column: are all cells single words, and how long is its longest word?
    let shape: Vec<(bool, usize)> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cells = rows.iter().filter_map(|r| r.get(i).map(String::as_str));
            // A time (`2026-12-02 08:00`) is one word too: never cut between its date and hour.
            let single = cells
                .clone()
                .all(|c| !c.contains(char::is_whitespace) || is_time(c));
            let longest = cells
                .chain(std::iter::once(h.as_str()))
                .flat_map(str::split_whitespace)
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1);
            (single, longest)
        })
        .collect();
    for r in rows {
        t.add_row(r);
    }
    for (i, (single, longest)) in shape.into_iter().enumerate() {
        let Some(c) = t.column_mut(i) else { continue };
        if single {
            c.set_constraint(ColumnConstraint::ContentWidth);
        } else {
            // Wrapped between words, never narrower than its longest word and its padding (a path longer
            // than 40 characters may still be cut): a narrow terminal scrolls instead.
            let min = u16::try_from(longest.min(40) + 2).unwrap_or(42);
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(min)));
        }
    }
    t.to_string()
}

fn tab_separated(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let clean = |c: &str| c.replace(['\t', '\n', '\r'], " ");
    let mut out = headers.join("\t");
    for r in rows {
        out.push('\n');
        out.push_str(&r.iter().map(|c| clean(c)).collect::<Vec<_>>().join("\t"));
    }
    out
}

/// Print one JSON document on stdout, and nothing else there. Every time in it is RFC 3339 in UTC
/// with one precision, microseconds, as the store keeps them (`2026-12-02T08:00:00.000000Z`):
/// chrono alone writes as many digits as a time needs, so that two times of one document would
/// differ in form.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    // Written as text, then copied out with its times rewritten: no tree of the whole document
    // (for 10,000 strategies, a map per object held it three times over).
    let text = serde_json::to_vec_pretty(value)?;
    // Buffered: stdout is line-buffered, and a pretty document of 10,000 strategies has 200,000 lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_one_precision(&text, &mut out)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// `json` (as serde_json writes it) to `out`, every string value that is a UTC time (`…T…Z`, as
/// chrono serializes one) written with microseconds; keys and everything else as they are.
fn write_one_precision(json: &[u8], out: &mut impl Write) -> std::io::Result<()> {
    let mut copied = 0;
    let mut i = 0;
    // Quotes and backslashes found by memchr: a document of 10,000 strategies is 5 MB, read
    // byte by byte it took 8 % of `status --format json`.
    while let Some(q) = json.get(i..).and_then(|rest| memchr::memchr(b'"', rest)) {
        let start = i + q + 1;
        let (end, plain) = string_end(json, start);
        let text = &json[start..end];
        if plain
            && (20..=30).contains(&text.len())
            && text.ends_with(b"Z")
            && !is_key(&json[end..])
            && !is_db_time(text)
        {
            let time = std::str::from_utf8(text)
                .ok()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
            if let Some(t) = time {
                out.write_all(&json[copied..start])?;
                out.write_all(crate::units::to_db_time(t.with_timezone(&chrono::Utc)).as_bytes())?;
                copied = end;
            }
        }
        i = end + 1;
    }
    out.write_all(&json[copied..])
}

/// Where the JSON string whose text begins at `start` ends (its closing quote, or the end of
/// `json`), and whether it is plain: closed, with no escape in it.
fn string_end(json: &[u8], start: usize) -> (usize, bool) {
    let mut at = start;
    let mut escaped = false;
    while at < json.len() {
        match memchr::memchr2(b'"', b'\\', &json[at..]) {
            Some(k) if json[at + k] == b'\\' => {
                escaped = true;
                at += k + 2;
            }
            Some(k) => return (at + k, !escaped),
            None => break,
        }
    }
    (json.len(), false)
}

/// Whether what follows a string's closing quote (`after`, from that quote on) makes it a key.
fn is_key(after: &[u8]) -> bool {
    after.iter().skip(1).find(|b| !b.is_ascii_whitespace()) == Some(&b':')
}

/// Whether `text` is already a time as [`crate::units::to_db_time`] writes it
/// (`2026-12-03T17:05:09.123456Z`): nothing to rewrite.
fn is_db_time(text: &[u8]) -> bool {
    text.len() == 27
        && text.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T',
            13 | 16 => *b == b':',
            19 => *b == b'.',
            26 => *b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// Print a table followed by a newline.
pub fn print_table(headers: &[&str], rows: Vec<Vec<String>>) {
    println!("{}", table(headers, rows));
}

/// The width prose lines keep to: the narrowest terminal a DBA uses.
const PROSE_WIDTH: usize = 80;

/// `label` then `text`, wrapped between words at 80 columns, each further line indented under the
/// first word of `text` (a word longer than the line stays whole).
pub fn wrapped(label: &str, text: &str) -> String {
    let indent = label.chars().count();
    let mut out = label.to_string();
    let mut width = indent;
    for (i, word) in text.split(' ').enumerate() {
        let n = word.chars().count();
        if i > 0 && width + 1 + n > PROSE_WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            width = indent;
        } else if i > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += n;
    }
    out
}

/// `Some(x)` → `x`, `None` → `-`.
pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".to_string())
}

/// `true` → `yes`, `false` → `no`, as listings show an alive flag.
pub fn yes_no(v: bool) -> String {
    if v { "yes" } else { "no" }.to_string()
}

/// "1 row", "2 rows", "3 strategies": a count with its noun.
pub fn count_of(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Print, or write `file` atomically: a new file beside it, renamed over it, so that a reader
/// (node_exporter, a web server) never sees half of it. What it holds is no secret: the file is
/// readable by others, who run the reader.
pub fn print_or_write(file: Option<&Path>, text: &str) -> anyhow::Result<()> {
    let Some(path) = file else {
        print!("{text}");
        return Ok(());
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let write = || -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(".backupctl-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| crate::error::invalid(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod json_tests {
    use super::write_one_precision;

    fn rewritten(json: &str) -> String {
        let mut out = Vec::new();
        write_one_precision(json.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_time_value_is_written_with_microseconds_and_nothing_else_changes() {
        let doc = r#"{
  "tick": "2026-12-02T08:00:00Z",
  "runs": [{"at": "2026-12-02T08:00:00.5Z", "name": "nightly \"full\" 2026-12-02T08:00:00Z"}],
  "2026-12-02T08:00:00Z": "keys stay",
  "local": "2026-12-02T09:00:00+01:00",
  "n": 3
}"#;
        assert_eq!(
            rewritten(doc),
            r#"{
  "tick": "2026-12-02T08:00:00.000000Z",
  "runs": [{"at": "2026-12-02T08:00:00.500000Z", "name": "nightly \"full\" 2026-12-02T08:00:00Z"}],
  "2026-12-02T08:00:00Z": "keys stay",
  "local": "2026-12-02T09:00:00+01:00",
  "n": 3
}"#
        );
        // The same document as serde_json writes it for a value with a time in it.
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-02T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let json = serde_json::to_string(&serde_json::json!({ "t": t, "s": "x" })).unwrap();
        assert_eq!(
            rewritten(&json),
            r#"{"t":"2026-12-02T08:00:00.000000Z","s":"x"}"#
        );
    }

    #[test]
    fn escapes_and_a_cut_document_are_read_to_their_end() {
        // An escaped backslash closes nothing; the string after it is still seen.
        assert_eq!(
            rewritten(r#"["a\\", "2026-12-02T08:00:00Z", "\"2026-12-02T08:00:00Z"]"#),
            r#"["a\\", "2026-12-02T08:00:00.000000Z", "\"2026-12-02T08:00:00Z"]"#
        );
        // Text that ends inside a string, or on a backslash, is copied as it is.
        for cut in [r#"["2026-12-02T08:00:00Z"#, r#"["x\"#, r#"""#, ""] {
            assert_eq!(rewritten(cut), cut);
        }
    }
}
