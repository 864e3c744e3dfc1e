//! Parsing of the value forms users type: DURATION, size, TIME, HH:MM and ids.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::invalid;

/// `90s`, `15m`, `6h`, `1d` → seconds.
pub fn parse_duration(text: &str) -> anyhow::Result<u64> {
    let bad = || {
        invalid(format!(
            "invalid duration \"{text}\": expected a whole number with a unit s, m, h or d (90s, 15m, 6h, 1d)"
        ))
    };
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let mult = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    // A century is more than any schedule needs, and keeps time arithmetic far from overflow.
    match n.checked_mul(mult) {
        Some(secs) if secs <= MAX_DURATION_SECS => Ok(secs),
        _ => Err(invalid(format!(
            "invalid duration \"{text}\": expected at most 36500d"
        ))),
    }
}

const MAX_DURATION_SECS: u64 = 36_500 * 86_400;

/// Seconds → the shortest exact DURATION text (`3600` → `1h`).
/// What a stored VARCHAR2(4000) holds: 4,000 bytes on a standard Oracle database, whatever
/// `CHAR` says (SQL Language Reference, Data Types: "VARCHAR2(size [BYTE | CHAR])", with
/// MAX_STRING_SIZE = STANDARD the maximum is 4000 bytes), and every text a run writes is kept
/// within it on every database.
pub const MAX_TEXT_BYTES: usize = 4000;

/// `text` within `max` UTF-8 bytes, cut on a character boundary with a marker, or as it is.
pub fn within_bytes(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    const MARK: &str = " [cut]";
    if text.len() <= max {
        return text.into();
    }
    let mut end = max.saturating_sub(MARK.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{MARK}", &text[..end]).into()
}

/// A time limit or window as a span of the calendar (chrono's), for arithmetic on instants.
pub fn span(d: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

pub fn format_duration(secs: u64) -> String {
    match secs {
        0 => "0s".to_string(),
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// How long something took, the one way every output says it: `45s`, `12m 5s`, `2h 3m`.
pub fn took(secs: i64) -> String {
    let s = secs.max(0);
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m {s}s"),
        (h, m, _) => format!("{h}h {m}m"),
    }
}

/// `16MiB`, `512KiB`, `1GiB`, `4096B`, `10MB` → bytes.
pub fn parse_size(text: &str) -> anyhow::Result<u64> {
    let bad = || {
        invalid(format!(
            "invalid size \"{text}\": expected a whole number with a unit B, KiB, MiB, GiB, KB, MB or GB (16MiB)"
        ))
    };
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let mult: u64 = match unit.trim() {
        "B" | "" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        "KB" => 1_000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        _ => return Err(bad()),
    };
    n.checked_mul(mult).ok_or_else(bad)
}

/// TIME: RFC 3339; `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` read as wall-clock time in `tz`; or
/// relative to `now`: `now`, `today` and `yesterday` (local midnight), or a span ago (`90m`,
/// `2h`, `3d`).
pub fn parse_time(text: &str, tz: Tz, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    let midnight = |days_back: i64| {
        let today = tz.from_utc_datetime(&now.naive_utc()).date_naive();
        let day = today - chrono::Duration::days(days_back);
        crate::schedule::resolve_local(tz, day.and_time(chrono::NaiveTime::MIN))
    };
    match t.to_ascii_lowercase().as_str() {
        "now" => return Ok(now),
        "today" => return Ok(midnight(0)),
        "yesterday" => return Ok(midnight(1)),
        _ => {}
    }
    if t.ends_with(['m', 'h', 'd']) && t.starts_with(|c: char| c.is_ascii_digit()) {
        if let Ok(secs) = parse_duration(t) {
            return Ok(now - chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX)));
        }
    }
    // A bare date is its local midnight (`logs --since 2026-11-01`).
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN)))
        .map_err(|_| {
            invalid(format!(
                "invalid time \"{text}\": expected RFC 3339 (2026-11-25T02:00:00-06:00), YYYY-MM-DD HH:MM, YYYY-MM-DD, today, yesterday or a span ago (90m, 2h, 3d)"
            ))
        })?;
    Ok(crate::schedule::resolve_local(tz, naive))
}

/// `HH:MM` → (hour, minute).
pub fn parse_hh_mm(text: &str) -> anyhow::Result<(u8, u8)> {
    let bad = || {
        invalid(format!(
            "invalid time of day \"{text}\": expected HH:MM from 00:00 to 23:59"
        ))
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u8 = h.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok((h, m))
}

/// A name of 1 to `max` characters from A-Z, a-z, 0-9, `_ . -`.
fn is_plain_name(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Ids of connections and strategies: `[A-Za-z0-9_.-]{1,25}`, as the reference schema's VARCHAR2(25).
pub fn check_id(what: &str, id: &str) -> anyhow::Result<()> {
    if is_plain_name(id, 25) {
        return Ok(());
    }
    Err(invalid(format!(
        "invalid {what} id \"{id}\": expected 1 to 25 characters from A-Z, a-z, 0-9, _ . -"
    )))
}

/// Node names: host-name-like, up to 64 characters.
pub fn check_node(node: &str) -> anyhow::Result<()> {
    if is_plain_name(node, 64) {
        return Ok(());
    }
    Err(invalid(format!(
        "invalid node name \"{node}\": expected 1 to 64 characters from A-Z, a-z, 0-9, _ . -"
    )))
}

/// An unquoted Oracle identifier of up to `max` characters (tablespace names).
pub fn is_oracle_identifier(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text.as_bytes()[0].is_ascii_alphabetic()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'#'))
}

/// A new unique id: `<prefix><yyyymmddTHHMMSS of at>-<20 hex>`, e.g.
/// `20261123T183500-1f2e3d4c5b6a79880716`. The hex part is 80 bits from the operating system's
/// random source: among a billion ids of one second the chance of any two alike stays below
/// one in a million, on one node or across a fleet.
pub fn new_id(prefix: &str, at: DateTime<Utc>) -> String {
    let mut bits = [0u8; 10];
    // The OS random source failing is not something a tick can work around.
    getrandom::fill(&mut bits).expect("the operating system's random source failed");
    let hex: String = bits.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{}-{hex}", at.format("%Y%m%dT%H%M%S"))
}

/// Serde's `serialize_with` for an optional time: written as [`to_db_time`] writes it, the form
/// every JSON document has ([`crate::output::print_json`]), so that a large document's times need
/// no second pass.
pub fn db_time_or_null<S: serde::Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&to_db_time(*t)),
        None => s.serialize_none(),
    }
}

/// Stored timestamps: fixed-width UTC text, so that text order is time order in every dialect.
pub fn to_db_time(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let (date, time) = (t.date_naive(), t.time());
    let year = match u32::try_from(date.year()) {
        Ok(year) if year <= 9999 => year,
        _ => return t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
    };
    // Written digit by digit: chrono's `format` reads its pattern again at every call, which a
    // listing of thousands of times pays for each one. A leap second (nanoseconds past 10⁹) is
    // second 60, as `%S` writes it.
    let nanos = time.nanosecond();
    let (second, nanos) = if nanos >= 1_000_000_000 {
        (60, nanos - 1_000_000_000)
    } else {
        (time.second(), nanos)
    };
    let mut out = String::with_capacity(27);
    for (n, width, after) in [
        (year, 4, '-'),
        (date.month(), 2, '-'),
        (date.day(), 2, 'T'),
        (time.hour(), 2, ':'),
        (time.minute(), 2, ':'),
        (second, 2, '.'),
        (nanos / 1000, 6, 'Z'),
    ] {
        push_digits(&mut out, n, width);
        out.push(after);
    }
    out
}

/// The inverse of [`to_db_time`]; also accepts any RFC 3339 text.
pub fn from_db_time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| anyhow::anyhow!("stored timestamp \"{text}\" is not RFC 3339: {e}"))
}

/// The one way text shows a time: the profile's wall clock to the minute with its offset,
/// `2026-11-25 02:00 -06:00`, so that no reader has to guess the zone and the hour a DST change
/// repeats reads twice, differently. (A boxed table whose column shares one offset says it once,
/// in the header: see `output::table`.)
pub fn local_minute(t: DateTime<Utc>, tz: Tz) -> String {
    use chrono::{Datelike, Offset, Timelike};
    let local = tz.from_utc_datetime(&t.naive_utc());
    let offset = local.offset().fix().local_minus_utc();
    let year = match u32::try_from(local.year()) {
        // Written digit by digit, as `to_db_time`; an offset with seconds (a zone's local mean
        // time before 1900) as chrono writes it.
        Ok(year) if year <= 9999 && offset % 60 == 0 => year,
        _ => return local.format("%Y-%m-%d %H:%M %:z").to_string(),
    };
    let minutes = offset.unsigned_abs() / 60;
    let sign = if offset < 0 { '-' } else { '+' };
    let mut out = String::with_capacity(23);
    for (n, width, after) in [
        (year, 4, "-"),
        (local.month(), 2, "-"),
        (local.day(), 2, " "),
        (local.hour(), 2, ":"),
        (local.minute(), 2, " "),
    ] {
        push_digits(&mut out, n, width);
        out.push_str(after);
    }
    out.push(sign);
    push_digits(&mut out, minutes / 60, 2);
    out.push(':');
    push_digits(&mut out, minutes % 60, 2);
    out
}

/// `n` in `width` decimal digits (the lowest ones).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        out.push(char::from(b'0' + ((n / 10u32.pow(p)) % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_cut_to_bytes_on_a_character_boundary() {
        use super::within_bytes;

        assert_eq!(within_bytes("short", 10), "short");
        let accents = "é".repeat(10);
        let cut = within_bytes(&accents, 11);
        assert!(cut.len() <= 11, "{cut}");
        assert_eq!(cut, "éé [cut]");
        assert_eq!(within_bytes(&"a".repeat(20), 10), "aaaa [cut]");
    }

    use super::{check_id, format_duration, parse_duration, parse_hh_mm, parse_size, parse_time};
    use chrono::{TimeZone, Utc};

    #[test]
    fn ids_carry_80_random_bits_and_fit_every_store() {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 12, 35, 0).unwrap();
        let ids: std::collections::HashSet<String> =
            (0..200_000).map(|_| super::new_id("E", at)).collect();
        assert_eq!(ids.len(), 200_000, "same-second ids never collide");
        let id = ids.iter().next().unwrap();
        assert!(id.starts_with("E20261125T123500-"), "{id}");
        assert_eq!(id.len(), 37, "{id}: run_id and error_id columns hold 40");
    }

    #[test]
    fn durations_take_their_units() {
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("15m").unwrap(), 900);
        assert_eq!(parse_duration("6h").unwrap(), 21_600);
        assert_eq!(parse_duration("1d").unwrap(), 86_400);
        for bad in ["", "15", "m", "1.5h", "-1m", "15 minutes", "3w"] {
            let err = parse_duration(bad).unwrap_err().to_string();
            assert!(
                err.contains("expected a whole number with a unit"),
                "{bad}: {err}"
            );
        }
        assert!(parse_duration("36501d")
            .unwrap_err()
            .to_string()
            .contains("at most 36500d"));
        assert!(parse_duration("99999999999999999d").is_err());
        assert_eq!(format_duration(21_600), "6h");
        assert_eq!(super::took(86_391), "23h 59m");
        assert_eq!(super::took(150), "2m 30s");
        assert_eq!(super::took(-3), "0s");
        assert_eq!(format_duration(90), "90s");
    }

    #[test]
    fn sizes_take_binary_and_decimal_units() {
        assert_eq!(parse_size("16MiB").unwrap(), 16 << 20);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert_eq!(parse_size("10MB").unwrap(), 10_000_000);
        assert!(parse_size("16 megs").is_err());
    }

    #[test]
    fn times_are_rfc3339_or_local_wall_clock_or_relative() {
        let tz: chrono_tz::Tz = "America/Costa_Rica".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap();
        let at = |text: &str| parse_time(text, tz, now);
        assert_eq!(
            at("2026-11-25 12:35").unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 25, 18, 35, 0).unwrap()
        );
        assert_eq!(
            at("2026-11-25T12:35:00Z").unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 25, 12, 35, 0).unwrap()
        );
        // A bare date is local midnight.
        assert_eq!(
            at("2026-11-25").unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 25, 6, 0, 0).unwrap()
        );
        // Relative to now (03:00 UTC is still the 24th in Costa Rica).
        assert_eq!(at("now").unwrap(), now);
        assert_eq!(at("2h").unwrap(), now - chrono::Duration::hours(2));
        assert_eq!(at("3d").unwrap(), now - chrono::Duration::days(3));
        assert_eq!(
            at("today").unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 24, 6, 0, 0).unwrap()
        );
        assert_eq!(
            at("Yesterday").unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap()
        );
        for bad in [
            "tomorrow",
            "2026-11-31",
            "2026-11-25 25:00",
            "25.11.2026",
            "2w",
            "h",
        ] {
            let err = at(bad).unwrap_err().to_string();
            assert!(
                err.contains("expected RFC 3339") && err.contains("a span ago (90m, 2h, 3d)"),
                "{err}"
            );
        }
    }

    #[test]
    fn hh_mm_and_ids_are_checked() {
        assert_eq!(parse_hh_mm("02:05").unwrap(), (2, 5));
        assert_eq!(parse_hh_mm("2:05").unwrap(), (2, 5));
        for bad in ["24:00", "12:60", "12", "12:5", "ab:cd"] {
            assert!(parse_hh_mm(bad).is_err(), "{bad}");
        }
        assert!(check_id("strategy", "EST_1509986176").is_ok());
        assert!(check_id("strategy", "bad id").is_err());
        assert!(check_id("strategy", "a234567890123456789012345X").is_err());
    }

    #[test]
    fn a_stored_time_is_written_as_chrono_writes_it() {
        use super::to_db_time;
        use chrono::{NaiveDate, TimeZone, Utc};
        let pattern = "%Y-%m-%dT%H:%M:%S%.6fZ";
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let times = [
            Utc.with_ymd_and_hms(2026, 12, 3, 17, 5, 9).unwrap(),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.from_utc_datetime(&day.and_hms_nano_opt(8, 30, 1, 123_456_789).unwrap()),
            Utc.from_utc_datetime(&day.and_hms_micro_opt(23, 59, 59, 999_999).unwrap()),
            // A leap second, as chrono holds it.
            Utc.from_utc_datetime(&day.and_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap()),
            Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-1, 1, 1, 0, 0, 0).unwrap(),
        ];
        for t in times {
            assert_eq!(to_db_time(t), t.format(pattern).to_string(), "{t:?}");
        }
    }

    #[test]
    fn a_local_minute_is_written_as_chrono_writes_it() {
        use super::local_minute;
        use chrono::{TimeZone, Utc};
        let zones: [chrono_tz::Tz; 5] = [
            chrono_tz::UTC,
            chrono_tz::America::Chicago,
            chrono_tz::Asia::Kolkata,
            chrono_tz::America::St_Johns,
            chrono_tz::Europe::Amsterdam,
        ];
        let times = [
            Utc.with_ymd_and_hms(2026, 11, 1, 6, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 1, 7, 30, 59).unwrap(),
            Utc.with_ymd_and_hms(2026, 3, 8, 8, 5, 0).unwrap(),
            // Amsterdam's local mean time: an offset of +00:19:32.
            Utc.with_ymd_and_hms(1900, 1, 1, 12, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
        ];
        for tz in zones {
            for t in times {
                let chrono = tz
                    .from_utc_datetime(&t.naive_utc())
                    .format("%Y-%m-%d %H:%M %:z")
                    .to_string();
                assert_eq!(local_minute(t, tz), chrono, "{t:?} in {tz}");
            }
        }
    }
}
