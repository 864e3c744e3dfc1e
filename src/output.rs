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

fn boxed(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(headers.to_vec());
    // Per column: are all cells single words, and how long is its longest word?
    let shape: Vec<(bool, usize)> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cells = rows.iter().filter_map(|r| r.get(i).map(String::as_str));
            let single = cells.clone().all(|c| !c.contains(char::is_whitespace));
            let longest = cells
                .chain(std::iter::once(*h))
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

/// Print one JSON document on stdout, and nothing else there.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    // Buffered: stdout is line-buffered, and a pretty document of 10,000 strategies has 200,000 lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Print a table followed by a newline.
pub fn print_table(headers: &[&str], rows: Vec<Vec<String>>) {
    println!("{}", table(headers, rows));
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
