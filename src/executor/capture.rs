//! Capturing RMAN's output as it arrives: bounded memory (head and tail kept, the cut marked),
//! secrets redacted, the error stack scanned on the way past.

use super::outcome::ErrorScan;

/// Lines longer than this are processed in pieces; a secret is far shorter than the overlap kept.
const MAX_LINE: usize = 64 * 1024;
const OVERLAP: usize = 1024;

pub struct Capture {
    head_cap: usize,
    tail_cap: usize,
    /// What is kept, in one buffer: the first `head_cap` bytes, then the last `tail_cap` as a
    /// ring whose oldest byte is at `head_cap + ring_at` once it is full. The log is made of it
    /// in place at the end, so that memory never holds the kept output twice.
    kept: Vec<u8>,
    ring_at: usize,
    cut: u64,
    pending: Vec<u8>,
    secrets: Vec<String>,
    invalid_utf8: bool,
    nul: bool,
    limit: u64,
    pub scan: ErrorScan,
    /// Every line, redacted, as it comes (the live log of a run under way). Written out when
    /// its buffer fills, and otherwise by [`Capture::flush_live`], which the supervising thread
    /// calls a moment after output arrives: one write per 64 KiB of a fast stream, not one per
    /// read, and a quiet RMAN's last lines still reach the file.
    live: Option<std::io::BufWriter<std::fs::File>>,
    /// The live log holds lines not yet written out.
    live_pending: bool,
    /// How many more bytes the live log may take: it stops at `log_limit`, so that a runaway
    /// output cannot fill the disk of the host it runs on.
    live_room: u64,
    /// The secrets, each searched for in a whole read at once.
    finders: Vec<memchr::memmem::Finder<'static>>,
}

/// Replace every occurrence of each secret (longest first) in raw bytes by `***`.
fn redact_bytes(buf: &mut Vec<u8>, secrets: &[String]) {
    for secret in secrets {
        let needle = secret.as_bytes();
        if needle.is_empty() || buf.len() < needle.len() {
            continue;
        }
        let mut out = Vec::with_capacity(buf.len());
        let mut i = 0;
        let mut found = false;
        while i < buf.len() {
            if buf[i..].starts_with(needle) {
                out.extend_from_slice(b"***");
                i += needle.len();
                found = true;
            } else {
                out.push(buf[i]);
                i += 1;
            }
        }
        if found {
            *buf = out;
        }
    }
}

impl Capture {
    /// `limit` bytes at most are kept; `secrets` are replaced by `***` wherever they appear.
    pub fn new(limit: u64, secrets: Vec<String>) -> Capture {
        let limit_usize = usize::try_from(limit).unwrap_or(usize::MAX);
        let head_cap = limit_usize / 2;
        let mut secrets: Vec<String> = secrets.into_iter().filter(|s| !s.is_empty()).collect();
        // Longest first, so a connect string is replaced whole before the password inside it.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let finders = secrets
            .iter()
            .map(|s| memchr::memmem::Finder::new(s.as_bytes()).into_owned())
            .collect();
        Capture {
            head_cap,
            tail_cap: limit_usize - head_cap,
            kept: Vec::new(),
            ring_at: 0,
            cut: 0,
            pending: Vec::new(),
            secrets,
            invalid_utf8: false,
            nul: false,
            limit,
            scan: ErrorScan::default(),
            live: None,
            live_pending: false,
            live_room: limit,
            finders,
        }
    }

    /// Also write every line, redacted, to `path` as it comes: a file only its owner may read,
    /// in the owner-only folder of the command files. Nothing stops the run if it cannot be.
    pub fn tee(&mut self, path: &std::path::Path) {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        self.live = options
            .open(path)
            .ok()
            .map(|f| std::io::BufWriter::with_capacity(64 * 1024, f));
    }

    /// Feed bytes as they were read. True when the live log has just come to hold lines not
    /// yet written out: the caller then has [`Capture::flush_live`] called a moment later.
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        self.take(bytes);
        let pending = self.live.as_ref().is_some_and(|l| !l.buffer().is_empty());
        let news = pending && !self.live_pending;
        self.live_pending = pending;
        news
    }

    /// Write out what the live log holds.
    pub fn flush_live(&mut self) {
        self.live_pending = false;
        if let Some(live) = &mut self.live {
            if std::io::Write::flush(live).is_err() {
                self.live = None;
            }
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        // Whole lines are taken where they lie (the read buffer, or the pending part line
        // completed by it): no copy of each line on the way.
        let mut bytes = bytes;
        if !self.pending.is_empty() {
            let Some(nl) = memchr::memchr(b'\n', bytes) else {
                self.pending.extend_from_slice(bytes);
                return self.cut_long_line();
            };
            let mut first = std::mem::take(&mut self.pending);
            first.extend_from_slice(&bytes[..=nl]);
            self.line(&first);
            first.clear();
            self.pending = first;
            bytes = &bytes[nl + 1..];
        }
        if let Some(last) = memchr::memrchr(b'\n', bytes) {
            self.lines(&bytes[..=last]);
            bytes = &bytes[last + 1..];
        }
        self.pending.extend_from_slice(bytes);
        self.cut_long_line();
    }

    /// Whole lines. Most output is valid UTF-8 without NUL bytes or secrets: such a block is
    /// checked, kept and written out at once, and only scanned line by line where something in
    /// it may matter to the error scan. Anything else goes line by line.
    fn lines(&mut self, block: &[u8]) {
        let clean = match std::str::from_utf8(block) {
            Ok(text)
                if memchr::memchr(0, block).is_none()
                    && self.finders.iter().all(|f| f.find(block).is_none()) =>
            {
                Some(text)
            }
            _ => None,
        };
        let Some(text) = clean else {
            let mut start = 0;
            for nl in memchr::memchr_iter(b'\n', block) {
                self.line(&block[start..=nl]);
                start = nl + 1;
            }
            return;
        };
        if self.scan.may_change(block) {
            for line in text.split_inclusive('\n') {
                self.scan.line(line.trim_end_matches(['\n', '\r']));
            }
        }
        self.live_write(block);
        self.keep(block);
    }

    /// Append to the live log, up to `log_limit` bytes in all: there it ends at the last whole
    /// line that fits, with [`LIVE_STOPPED`] saying how many bytes came before it.
    fn live_write(&mut self, bytes: &[u8]) {
        let Some(live) = &mut self.live else {
            return;
        };
        let fits = u64::try_from(bytes.len()).is_ok_and(|n| n <= self.live_room);
        let end = if fits {
            bytes.len()
        } else {
            let room = usize::try_from(self.live_room).unwrap_or(usize::MAX);
            match memchr::memrchr(b'\n', &bytes[..room]) {
                Some(nl) => nl + 1,
                None => room - split_char_end(&bytes[..room]),
            }
        };
        let mut written = std::io::Write::write_all(live, &bytes[..end]);
        self.live_room -= end as u64;
        if !fits {
            let shown = self.limit - self.live_room;
            let newline = if end == 0 || bytes[end - 1] == b'\n' {
                ""
            } else {
                "\n"
            };
            let note = format!(
                "{newline}{LIVE_STOPPED}{shown} bytes of output (log_limit); the run goes on, and the end of its output is shown when it ends]\n"
            );
            written = written
                .and_then(|()| std::io::Write::write_all(live, note.as_bytes()))
                .and_then(|()| std::io::Write::flush(live));
        }
        // Stopped, or it cannot be written: no more of it.
        if !fits || written.is_err() {
            self.live = None;
        }
    }

    fn cut_long_line(&mut self) {
        if self.pending.len() > MAX_LINE {
            // A line too long to hold: emit its start. Every whole secret in the buffer is
            // replaced first; then what stays behind is longer than any secret but one byte, so
            // a secret cut by this boundary is still whole (and replaced) when the rest arrives.
            redact_bytes(&mut self.pending, &self.secrets);
            let longest = self.secrets.iter().map(String::len).max().unwrap_or(0);
            let keep = longest.saturating_sub(1).max(OVERLAP);
            let take = self.pending.len().saturating_sub(keep);
            let piece: Vec<u8> = self.pending.drain(..take).collect();
            self.line(&piece);
        }
    }

    fn line(&mut self, raw: &[u8]) {
        let text = match std::str::from_utf8(raw) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => {
                self.invalid_utf8 = true;
                String::from_utf8_lossy(raw)
            }
        };
        let mut text = text;
        // PostgreSQL text cannot hold a NUL byte (nor can Oracle's VARCHAR2 binds safely): a log
        // with one would be refused by the store or the master, so it is stored replaced.
        if text.contains('\0') {
            self.nul = true;
            text = std::borrow::Cow::Owned(text.replace('\0', "\u{FFFD}"));
        }
        for s in &self.secrets {
            if text.contains(s.as_str()) {
                text = std::borrow::Cow::Owned(text.replace(s.as_str(), "***"));
            }
        }
        self.scan.line(text.trim_end_matches(['\n', '\r']));
        self.live_write(text.as_bytes());
        self.keep(text.as_bytes());
    }

    fn keep(&mut self, mut bytes: &[u8]) {
        let full = self.head_cap + self.tail_cap;
        if self.kept.len() < full {
            let n = (full - self.kept.len()).min(bytes.len());
            if self.kept.len() + n > RESERVE_PAST && self.kept.capacity() < full + ROOM {
                // Past a small log, the whole buffer at once, with room for the notes added at
                // the end: no reallocation later that would hold two copies.
                self.kept.reserve_exact(full + ROOM - self.kept.len());
            }
            self.kept.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
        }
        if bytes.is_empty() {
            return;
        }
        if self.tail_cap == 0 {
            self.cut += bytes.len() as u64;
            return;
        }
        // Overwrite the oldest bytes of the ring.
        if bytes.len() > self.tail_cap {
            self.cut += (bytes.len() - self.tail_cap) as u64;
            bytes = &bytes[bytes.len() - self.tail_cap..];
        }
        self.cut += bytes.len() as u64;
        let ring = &mut self.kept[self.head_cap..];
        let first = (self.tail_cap - self.ring_at).min(bytes.len());
        ring[self.ring_at..self.ring_at + first].copy_from_slice(&bytes[..first]);
        ring[..bytes.len() - first].copy_from_slice(&bytes[first..]);
        self.ring_at = (self.ring_at + bytes.len()) % self.tail_cap;
    }

    /// The log to store: head, a marker where output was cut, tail, and a note on bad encoding.
    /// Made in place in the buffer that kept it: memory peaks near `log_limit` whatever the
    /// output size.
    pub fn finish(mut self) -> (String, ErrorScan) {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.line(&rest);
        }
        self.flush_live();
        self.live = None;
        let mut kept = std::mem::take(&mut self.kept);
        if self.cut > 0 {
            // The ring in order, then the marker in place of the cut: a character split by
            // either end of it goes with the cut.
            kept[self.head_cap..].rotate_left(self.ring_at);
            let head_end = self.head_cap - split_char_end(&kept[..self.head_cap]);
            let tail_start = self.head_cap + split_char_start(&kept[self.head_cap..]);
            let cut = self.cut + (tail_start - head_end) as u64;
            let newline = if head_end == 0 || kept[head_end - 1] == b'\n' {
                ""
            } else {
                "\n"
            };
            let marker = format!(
                "{newline}[backupctl: {cut}{CUT_HERE} ({} bytes)]\n",
                self.limit
            );
            kept.splice(head_end..tail_start, marker.into_bytes());
        }
        let mut out = match String::from_utf8(kept) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        if self.invalid_utf8 {
            if !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
            out.push_str("[backupctl: rman output was not valid UTF-8; invalid bytes were replaced. Set NLS_LANG to an .AL32UTF8 character set]\n");
        }
        if self.nul {
            if !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
            out.push_str("[backupctl: rman output held NUL bytes, which no store can keep; they were replaced by U+FFFD]\n");
        }
        (out, self.scan)
    }
}

/// What the line that replaces the cut part of a log says after its count of bytes.
const CUT_HERE: &str = " bytes of output cut here to keep this log within log_limit";

/// What a follower of a run whose live log stopped after `shown` bytes has not seen, from the
/// run's stored log: the rest of it, or where the stored log was cut, from the line that says so
/// (what the log kept of the end may repeat a part of what the live log showed).
pub fn unseen_end(stored: &str, shown: u64) -> &str {
    if let Some(at) = stored.find(CUT_HERE) {
        let line = stored[..at].rfind("[backupctl: ").unwrap_or(at);
        return &stored[line..];
    }
    let mut from = usize::try_from(shown)
        .unwrap_or(usize::MAX)
        .min(stored.len());
    while !stored.is_char_boundary(from) {
        from -= 1;
    }
    &stored[from..]
}

/// How the live log's last line starts when it stopped at `log_limit`; the number of bytes of
/// output before it follows.
pub const LIVE_STOPPED: &str = "[backupctl: the live log stops here, after ";

/// A log grows as it comes up to this size; past it, its whole buffer is reserved at once.
const RESERVE_PAST: usize = 1 << 20;

/// Room reserved beyond `log_limit` for what the end adds: the cut marker and the notes.
const ROOM: usize = 1024;

/// How many bytes at the end of `bytes` are the start of a character cut off.
fn split_char_end(bytes: &[u8]) -> usize {
    // The last lead byte within the last 3 bytes, if its character does not fit.
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let width = match b {
            0xF0..=0xF7 => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        return if width > back { back } else { 0 };
    }
    0
}

/// How many bytes at the start of `bytes` are the end of a character cut off.
fn split_char_start(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take(3)
        .take_while(|b| *b & 0xC0 == 0x80)
        .count()
}

#[cfg(test)]
mod tests {
    use super::Capture;

    #[test]
    fn a_secret_on_the_cut_of_an_over_long_line_is_never_kept() {
        use super::{MAX_LINE, OVERLAP};
        let secret = "S3cr3t-Pa@ss-w0rd";
        let n = secret.len();
        // The first read ends past MAX_LINE without a newline, so its start is emitted up to
        // `first - OVERLAP`: put the secret at every offset across that cut, and across the end
        // of the first read too.
        let first = MAX_LINE + 10;
        let cut = first - OVERLAP;
        let starts = (cut - n - 1..=cut + 1).chain(first - n - 1..=first + 1);
        for start in starts {
            let mut c = Capture::new(1 << 20, vec![secret.to_string()]);
            let mut data = vec![b'x'; start];
            data.extend_from_slice(secret.as_bytes());
            data.resize(2 * MAX_LINE, b'y');
            data.push(b'\n');
            c.feed(&data[..first]);
            c.feed(&data[first..]);
            let (log, _) = c.finish();
            assert!(!log.contains(&secret[..n / 2]), "secret at {start}");
            assert!(!log.contains(&secret[n / 2..]), "secret at {start}");
            assert_eq!(log.matches("***").count(), 1, "secret at {start}");
        }
    }

    #[test]
    fn nul_bytes_are_replaced_and_noted() {
        let mut c = Capture::new(1024, vec![]);
        c.feed(b"piece handle=\0\0x\n");
        let (log, _) = c.finish();
        assert!(!log.contains('\0'), "{log:?}");
        assert!(
            log.starts_with("piece handle=\u{FFFD}\u{FFFD}x\n"),
            "{log:?}"
        );
        assert!(log.contains("held NUL bytes"), "{log:?}");
    }

    #[test]
    fn small_output_is_kept_whole() {
        let mut c = Capture::new(1024, vec![]);
        c.feed(b"Recovery Manager\nconnected");
        c.feed(b" to target database: XE\n");
        let (log, _) = c.finish();
        assert_eq!(log, "Recovery Manager\nconnected to target database: XE\n");
    }

    #[test]
    fn large_output_keeps_head_and_tail_within_the_limit() {
        let mut c = Capture::new(4096, vec![]);
        c.feed(b"FIRST LINE\n");
        for i in 0..100_000 {
            c.feed(format!("line {i}\n").as_bytes());
        }
        // A stack ends at `Recovery Manager complete.` (a blank line does not end it).
        c.feed(b"RMAN-00571: ===\nRMAN-00569: === ERROR MESSAGE STACK FOLLOWS ===\nRMAN-03002: failure of backup command\n\nRecovery Manager complete.\nLAST LINE\n");
        let (log, scan) = c.finish();
        assert!(log.starts_with("FIRST LINE\nline 0\n"));
        assert!(log.ends_with("LAST LINE\n"));
        assert!(
            log.contains("bytes of output cut here to keep this log within log_limit (4096 bytes)")
        );
        assert!(log.len() < 4096 + 200, "{}", log.len());
        assert!(scan.stack_seen);
        assert_eq!(
            scan.stack_lines,
            vec!["RMAN-03002: failure of backup command"]
        );
    }

    #[test]
    fn the_stack_is_seen_even_where_the_log_is_cut() {
        let mut c = Capture::new(4096, vec![]);
        for _ in 0..1000 {
            c.feed(b"padding padding padding\n");
        }
        c.feed(b"RMAN-00569: === ERROR MESSAGE STACK FOLLOWS ===\nRMAN-06019: could not translate tablespace name \"NOPE\"\n\nRMAN> \n");
        for _ in 0..1000 {
            c.feed(b"padding padding padding\n");
        }
        let (log, scan) = c.finish();
        assert!(!log.contains("RMAN-06019"));
        assert_eq!(scan.stack_lines.len(), 1);
    }

    #[test]
    fn secrets_are_redacted_even_across_reads() {
        let spec = "'rman/Pa55word@//db1:1521/XE'".to_string();
        let mut c = Capture::new(
            1 << 20,
            vec!["Pa55word".into(), spec.clone(), "rman/Pa55word".into()],
        );
        c.feed(b"connect target 'rman/Pa5");
        c.feed(b"5word@//db1:1521/XE'\nORA-01017: invalid username/password; the password Pa55word is wrong\n");
        let (log, _) = c.finish();
        assert!(!log.contains("Pa55word"), "{log}");
        assert!(log.contains("connect target ***\n"), "{log}");
        // A long line with no newline is processed in pieces, still redacted.
        let mut c = Capture::new(1 << 20, vec!["Pa55word".into()]);
        let mut long = vec![b'x'; 64 * 1024 - 3];
        long.extend_from_slice(b"Pa55word");
        long.extend(vec![b'y'; 70 * 1024]);
        c.feed(&long);
        let (log, _) = c.finish();
        assert!(!log.contains("Pa55word") && log.contains("***"));
    }

    #[test]
    fn output_read_in_any_pieces_is_kept_as_read_whole() {
        let mut out = Vec::new();
        for i in 0..300 {
            out.extend_from_slice(
                format!("channel ORA_DISK_1: piece {i} of Pa55word\n").as_bytes(),
            );
        }
        out.extend_from_slice(b"RMAN-03009: failure of backup command\nno newline at the end");
        let whole = {
            let mut c = Capture::new(4096, vec!["Pa55word".into()]);
            c.feed(&out);
            c.finish().0
        };
        assert!(whole.contains("piece 299 of ***") && !whole.contains("Pa55word"));
        for size in [1, 2, 7, 40, 41, 1000] {
            let mut c = Capture::new(4096, vec!["Pa55word".into()]);
            for piece in out.chunks(size) {
                c.feed(piece);
            }
            let (log, scan) = c.finish();
            assert_eq!(log, whole, "read {size} bytes at a time");
            assert!(
                format!("{scan:?}").contains("RMAN-03009"),
                "{size}: {scan:?}"
            );
        }
    }

    /// Cut points fall inside characters: what is kept stays whole characters, and the count
    /// in the marker is what is missing, for every limit and piece size.
    #[test]
    fn a_cut_inside_a_character_drops_the_whole_character() {
        let line = "é€𝄞 sauvegarde terminée\n";
        let out = line.repeat(400);
        for limit in [64_u64, 65, 66, 67, 1000, 1001] {
            for size in [1, 3, 50, 4096] {
                let mut c = Capture::new(limit, vec![]);
                for piece in out.as_bytes().chunks(size) {
                    c.feed(piece);
                }
                let (log, _) = c.finish();
                let (head, rest) = log.split_once("[backupctl: ").expect("a cut");
                let (n, tail) = rest.split_once(" bytes of output cut here").unwrap();
                let tail = tail.split_once(")]\n").unwrap().1;
                let n: usize = n.parse().unwrap();
                let head = head
                    .strip_suffix('\n')
                    .filter(|h| !out.starts_with(&format!("{h}\n")))
                    .unwrap_or(head);
                assert!(out.starts_with(head), "{limit}/{size}: {head:?}");
                assert!(out.ends_with(tail), "{limit}/{size}: {tail:?}");
                assert_eq!(head.len() + n + tail.len(), out.len(), "{limit}/{size}");
                assert!(head.len() + tail.len() <= limit as usize, "{limit}/{size}");
                assert!(
                    head.len() + tail.len() + 6 >= limit as usize,
                    "{limit}/{size}"
                );
            }
        }
    }

    /// The live log ends at `log_limit` on a whole line, saying how much it shows; what it did not
    /// show is the rest of the stored log, or its kept end where that was cut.
    #[test]
    fn the_live_log_stops_at_log_limit_and_the_stored_log_has_the_rest() {
        use super::{unseen_end, LIVE_STOPPED};
        let dir = tempfile::tempdir().unwrap();
        let out: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        for limit in [4096_u64, out.len() as u64 - 3] {
            let path = dir.path().join(format!("{limit}.log"));
            let mut c = Capture::new(limit, vec![]);
            c.tee(&path);
            for piece in out.as_bytes().chunks(1000) {
                c.feed(piece);
            }
            let (stored, _) = c.finish();
            let live = std::fs::read_to_string(&path).unwrap();
            let (shown, note) = live.split_once(LIVE_STOPPED).expect("the note");
            assert!(
                shown.len() as u64 <= limit && shown.ends_with('\n'),
                "{limit}"
            );
            assert!(out.starts_with(shown), "{limit}");
            assert!(note.starts_with(&format!("{} bytes of output (log_limit)", shown.len())));
            // The stored log was cut: from the line that says so, its kept end.
            let rest = unseen_end(&stored, shown.len() as u64);
            let (cut_line, end) = rest.split_once(")]\n").unwrap();
            assert!(cut_line.starts_with("[backupctl: "), "{limit}: {cut_line}");
            assert!(
                out.ends_with(end) && end.len() as u64 <= limit.div_ceil(2),
                "{limit}"
            );
        }
        // A stored log without a cut: what follows what was shown.
        assert_eq!(unseen_end("line 1\nline 2\n", 7), "line 2\n");
        // A line longer than the limit is cut within it, on a whole character.
        let path = dir.path().join("long.log");
        let mut c = Capture::new(10, vec![]);
        c.tee(&path);
        c.feed("aaaaaaaaé€\n".as_bytes());
        drop(c.finish());
        let live = std::fs::read_to_string(&path).unwrap();
        assert!(
            live.starts_with(&format!("aaaaaaaaé\n{LIVE_STOPPED}10 bytes")),
            "{live:?}"
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_and_noted() {
        let mut c = Capture::new(1024, vec![]);
        c.feed(b"tablespace caf\xe9\n");
        let (log, _) = c.finish();
        assert!(log.starts_with("tablespace caf\u{fffd}\n"));
        assert!(log.contains("not valid UTF-8"));
    }
}
