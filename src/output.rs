//! Tables and JSON: the one place that formats for people and for scripts.

use std::io::{IsTerminal, Write};

use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;

/// A table for the terminal; plain ASCII when stdout is not a terminal.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    if std::io::stdout().is_terminal() {
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.load_style(presets::ASCII_MARKDOWN);
    }
    t.set_header(headers.to_vec());
    for r in rows {
        t.add_row(r);
    }
    t.to_string()
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

/// "1 row", "2 rows": a count with its noun.
pub fn count_of(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
