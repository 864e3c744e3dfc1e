//! The pure scheduler: frequencies + window + time zone → occurrences. No clock, no I/O.
//!
//! A frequency yields local wall-clock minutes in the node's time zone. Each local minute is
//! turned into one instant by [`resolve_local`]: a minute that exists twice (fall-back fold)
//! fires the first time; a minute that does not exist (spring-forward gap) fires at the first
//! minute after the gap. Everything here works on those instants.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::error::invalid;

/// How far local wall-clock time can sit from the instant's "expected" local time across a
/// transition (the largest DST or zone shift in use is 2 h); candidates are searched this much
/// beyond each end of a window.
const TRANSITION_MARGIN: Duration = Duration::hours(3);

/// Windows longer than this are planned from all frequencies instead of an indexed look-up.
const INDEXED_WINDOW: Duration = Duration::hours(3);

pub const DAY_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// When a frequency fires, in local wall-clock terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `day` is -1 for every day, else 0..=6 with Sunday = 0 (the reference schema's encoding).
    At {
        day: i8,
        hour: u8,
        minute: u8,
    },
    Cron(CronExpr),
}

impl Rule {
    /// The key that makes a frequency unique within its strategy (and idempotent to push).
    pub fn key(&self) -> String {
        match self {
            Rule::At { day, hour, minute } => format!("{day}@{hour:02}:{minute:02}"),
            Rule::Cron(c) => format!("cron:{}", c.source()),
        }
    }

    /// Human form: `every 02:00`, `mon 23:30`, `cron 0 2 * * 1-5`.
    pub fn describe(&self) -> String {
        match self {
            Rule::At { day, hour, minute } => {
                format!("{} {hour:02}:{minute:02}", day_name(*day))
            }
            Rule::Cron(c) => format!("cron {}", c.source()),
        }
    }

    /// Local minutes this rule matches in `[start, end]`, ascending.
    fn matches_between(&self, start: NaiveDateTime, end: NaiveDateTime) -> Vec<NaiveDateTime> {
        match self {
            Rule::At { day, hour, minute } => {
                let mut out = Vec::new();
                let mut date = start.date();
                while date <= end.date() {
                    if day_matches(*day, date) {
                        let n = at(date, *hour, *minute);
                        if n >= start && n <= end {
                            out.push(n);
                        }
                    }
                    date = date.succ_opt().expect("date in range");
                }
                out
            }
            Rule::Cron(c) => c.matches_between(start, end),
        }
    }

    /// The first `count` local minutes at or after `start`, ascending.
    fn matches_from(&self, start: NaiveDateTime, count: usize) -> Vec<NaiveDateTime> {
        match self {
            Rule::At { day, hour, minute } => {
                let mut out = Vec::with_capacity(count);
                let mut date = start.date();
                // A weekly rule matches within every 7 days, so this always ends.
                while out.len() < count {
                    if day_matches(*day, date) {
                        let n = at(date, *hour, *minute);
                        if n >= start {
                            out.push(n);
                        }
                    }
                    match date.succ_opt() {
                        Some(d) => date = d,
                        None => break,
                    }
                }
                out
            }
            Rule::Cron(c) => c.matches_from(start, count),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

fn at(date: NaiveDate, hour: u8, minute: u8) -> NaiveDateTime {
    date.and_hms_opt(u32::from(hour), u32::from(minute), 0)
        .expect("hour and minute were validated")
}

fn day_matches(day: i8, date: NaiveDate) -> bool {
    day == -1 || i64::from(day) == i64::from(date.weekday().num_days_from_sunday())
}

/// `-1` → `every`, `0` → `sun`, …
pub fn day_name(day: i8) -> &'static str {
    match day {
        -1 => "every",
        0..=6 => DAY_NAMES[day as usize],
        _ => "?",
    }
}

/// `every`, or a comma list of `sun..sat` / `0..6` (Sunday = 0) → day codes, deduplicated.
pub fn parse_days(text: &str) -> anyhow::Result<Vec<i8>> {
    let bad = |part: &str| {
        invalid(format!(
            "invalid day \"{part}\": expected every, sun..sat or 0..6"
        ))
    };
    if text.trim().eq_ignore_ascii_case("every") {
        return Ok(vec![-1]);
    }
    let mut days = BTreeSet::new();
    for part in text.split(',') {
        let p = part.trim().to_ascii_lowercase();
        let day = match p.as_str() {
            "0" | "sun" | "sunday" => 0,
            "1" | "mon" | "monday" => 1,
            "2" | "tue" | "tuesday" => 2,
            "3" | "wed" | "wednesday" => 3,
            "4" | "thu" | "thursday" => 4,
            "5" | "fri" | "friday" => 5,
            "6" | "sat" | "saturday" => 6,
            _ => return Err(bad(part.trim())),
        };
        days.insert(day);
    }
    Ok(days.into_iter().collect())
}

/// The rules of `--day DAYS --at HH:MM` (one per day) or `--cron EXPR`.
pub fn rules_from(
    day: Option<&str>,
    at: Option<&str>,
    cron: Option<&str>,
) -> anyhow::Result<Vec<Rule>> {
    match (day, at, cron) {
        (Some(day), Some(at), None) => {
            let (hour, minute) = crate::units::parse_hh_mm(at)?;
            Ok(parse_days(day)?
                .into_iter()
                .map(|day| Rule::At { day, hour, minute })
                .collect())
        }
        (None, None, Some(expr)) => Ok(vec![Rule::Cron(CronExpr::parse(expr)?)]),
        _ => Err(invalid(
            "a schedule needs --day DAYS --at HH:MM, or --cron EXPR",
        )),
    }
}

/// A standard 5-field cron expression (`min hour dom month dow`, Sunday = 0), translated for the
/// `cron` crate, which wants a seconds field and numbers Sunday as 1.
#[derive(Clone, Debug)]
pub struct CronExpr {
    source: String,
    /// Standard cron fires when *either* restricted day field matches; the crate requires both,
    /// so such an expression becomes two schedules whose matches are merged.
    schedules: Vec<cron::Schedule>,
}

impl PartialEq for CronExpr {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}
impl Eq for CronExpr {}

impl CronExpr {
    pub fn parse(text: &str) -> anyhow::Result<CronExpr> {
        let bad = |why: &str| {
            invalid(format!(
                "invalid cron expression \"{text}\": {why}; expected 5 fields: min hour day-of-month month day-of-week (Sunday = 0), e.g. \"30 2 * * 1-5\""
            ))
        };
        let expanded = match text.trim() {
            "@hourly" => "0 * * * *",
            "@daily" | "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            "@yearly" | "@annually" => "0 0 1 1 *",
            other => other,
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(bad(&format!("found {} fields", fields.len())));
        }
        let [min, hour, dom, month, dow] = [fields[0], fields[1], fields[2], fields[3], fields[4]];
        for (field, name, lo, hi, names) in [
            (min, "minute", 0, 59, &[][..]),
            (hour, "hour", 0, 23, &[][..]),
            (dom, "day-of-month", 1, 31, &[][..]),
            (month, "month", 1, 12, &MONTH_NAMES[..]),
        ] {
            check_field(field, name, lo, hi, names).map_err(|why| bad(&why))?;
        }
        let days = parse_dow_field(dow).map_err(|why| bad(&why))?;
        let dow_text = if days.len() == 7 {
            "*".to_string()
        } else {
            days.iter()
                .map(|d| DAY_NAMES[*d as usize].to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(",")
        };
        // As cronie reads the day fields (src/entry.c sets DOM_STAR/DOW_STAR when a field
        // *starts* with `*`; src/cron.c then requires both days to match, else either): `*/2`
        // in one day field leaves it unrestricted for this rule, so `0 0 */2 * 1` is an
        // odd-dated Monday, while `0 0 1,15 * 1` is the 1st, the 15th or any Monday.
        let dom_restricted = !dom.starts_with(['*', '?']);
        let dow_restricted = !dow.starts_with(['*', '?']);
        let mut specs = Vec::new();
        if dom_restricted && dow_restricted {
            specs.push(format!("0 {min} {hour} {dom} {month} *"));
            specs.push(format!("0 {min} {hour} * {month} {dow_text}"));
        } else {
            specs.push(format!("0 {min} {hour} {dom} {month} {dow_text}"));
        }
        let mut schedules = Vec::new();
        for spec in specs {
            let s: cron::Schedule = spec
                .parse()
                .map_err(|e: cron::error::Error| bad(&e.to_string()))?;
            schedules.push(s);
        }
        Ok(CronExpr {
            source: fields.join(" "),
            schedules,
        })
    }

    /// The expression as stored: the 5 fields separated by single spaces.
    pub fn source(&self) -> &str {
        &self.source
    }

    fn matches_between(&self, start: NaiveDateTime, end: NaiveDateTime) -> Vec<NaiveDateTime> {
        let mut out = BTreeSet::new();
        for s in &self.schedules {
            // Local wall-clock minutes are walked as if they were UTC: a zone-free calendar.
            let from = Utc.from_utc_datetime(&(start - Duration::seconds(1)));
            for t in s.after(&from) {
                let n = t.naive_utc();
                if n > end {
                    break;
                }
                out.insert(n);
            }
        }
        out.into_iter().collect()
    }

    fn matches_from(&self, start: NaiveDateTime, count: usize) -> Vec<NaiveDateTime> {
        let mut out = BTreeSet::new();
        for s in &self.schedules {
            let from = Utc.from_utc_datetime(&(start - Duration::seconds(1)));
            out.extend(s.after(&from).take(count).map(|t| t.naive_utc()));
        }
        out.into_iter().take(count).collect()
    }
}

const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One of the minute, hour, day-of-month and month fields, checked as cron reads it: a comma
/// list of `*`, `N` or `N-M`, each with an optional `/STEP` (`N/STEP` is `N-max/STEP`), values
/// within `lo..=hi` (or `names`, counted from `lo`). Errors speak of the 5-field form.
fn check_field(field: &str, name: &str, lo: u8, hi: u8, names: &[&str]) -> Result<(), String> {
    let value = |s: &str| -> Result<u8, String> {
        let lower = s.to_ascii_lowercase();
        if let Some(i) = names.iter().position(|n| *n == lower) {
            return Ok(lo + i as u8);
        }
        s.parse::<u8>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| format!("{name} \"{s}\" is not {lo}..{hi}"))
    };
    for item in field.split(',') {
        let range = match item.split_once('/') {
            Some((r, step)) => {
                let ok = step.parse::<u8>().is_ok_and(|n| n > 0 && n <= hi);
                if !ok {
                    return Err(format!(
                        "{name} step \"{step}\" is not a number from 1 to {hi}"
                    ));
                }
                r
            }
            None => item,
        };
        match range {
            "*" | "?" => {}
            r => match r.split_once('-') {
                Some((a, b)) => {
                    if value(a)? > value(b)? {
                        return Err(format!("{name} range \"{r}\" runs backwards"));
                    }
                }
                None => {
                    value(r)?;
                }
            },
        }
    }
    Ok(())
}

/// The day-of-week field of standard cron → days 0..=6 (Sunday = 0; 7 is Sunday too).
fn parse_dow_field(field: &str) -> Result<BTreeSet<u8>, String> {
    let value = |s: &str| -> Result<u8, String> {
        let lower = s.to_ascii_lowercase();
        if let Some(i) = DAY_NAMES.iter().position(|d| *d == lower) {
            return Ok(i as u8);
        }
        match s.parse::<u8>() {
            Ok(n) if n <= 7 => Ok(n),
            _ => Err(format!("day-of-week \"{s}\" is not 0..7 or sun..sat")),
        }
    };
    let mut days = BTreeSet::new();
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step: u8 =
                    s.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("day-of-week step \"{s}\" is not a positive number")
                    })?;
                (r, step)
            }
            None => (item, 1),
        };
        let (lo, hi) = match range {
            "*" | "?" => (0, 6),
            r => match r.split_once('-') {
                Some((a, b)) => (value(a)?, value(b)?),
                // `N/STEP` is `N-7/STEP` as in every other field (`1/1` is Monday to Sunday).
                None => {
                    let v = value(r)?;
                    (v, if item.contains('/') { 7 } else { v })
                }
            },
        };
        if lo > hi {
            return Err(format!("day-of-week range \"{range}\" runs backwards"));
        }
        let mut d = lo;
        while d <= hi {
            days.insert(d % 7);
            d += step;
        }
    }
    Ok(days)
}

/// The one instant at which a local wall-clock minute fires (see the module docs).
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: the first local minute after it that exists. Gaps are at most a day long.
    let mut m = local.with_second(0).unwrap_or(local);
    for _ in 0..(48 * 60) {
        m += Duration::minutes(1);
        if let Some(t) = tz.from_local_datetime(&m).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    Utc.from_utc_datetime(&local)
}

fn naive_in(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    tz.from_utc_datetime(&t.naive_utc()).naive_local()
}

/// Truncate to the minute: the tick time T.
pub fn minute_of(t: DateTime<Utc>) -> DateTime<Utc> {
    let secs = t.timestamp().div_euclid(60) * 60;
    DateTime::from_timestamp(secs, 0).expect("in range")
}

/// One frequency of one strategy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frequency {
    pub strategy_id: String,
    pub rule: Rule,
}

/// A strategy due at an instant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub at: DateTime<Utc>,
    pub strategy_id: String,
}

/// Every occurrence with `after < at <= until`, ordered by time then strategy, each once.
pub fn occurrences_between(
    freqs: &[Frequency],
    tz: Tz,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<Occurrence> {
    if after >= until {
        return Vec::new();
    }
    let start = naive_in(tz, after) - TRANSITION_MARGIN;
    let end = naive_in(tz, until) + TRANSITION_MARGIN;
    let mut out = BTreeSet::new();
    for f in freqs {
        for n in f.rule.matches_between(start, end) {
            let at = resolve_local(tz, n);
            if at > after && at <= until {
                out.insert(Occurrence {
                    at,
                    strategy_id: f.strategy_id.clone(),
                });
            }
        }
    }
    out.into_iter().collect()
}

/// The first `count` occurrences at or after `from`, ordered by time then strategy.
///
/// Each frequency's local minutes are walked lazily, in batches, from `TRANSITION_MARGIN` before
/// `from` (a minute in a spring-forward gap fires after it, so it may land at or after `from`). A
/// frequency stops as soon as it is past the `count`-th earliest occurrence found so far:
/// [`resolve_local`] never moves a later local minute to an earlier instant, so nothing after it
/// can enter. However many minutes a gap merges, the walk goes on until `count` are found.
pub fn upcoming(freqs: &[Frequency], tz: Tz, from: DateTime<Utc>, count: usize) -> Vec<Occurrence> {
    // A first batch of `count` + 1 (a daily rule's match before `from`, in the margin, and
    // `count` more: all most rules need), doubling for rules that fire more often.
    let first = (count + 1).min(64);
    let start = naive_in(tz, from) - TRANSITION_MARGIN;
    let mut out: BTreeSet<Occurrence> = BTreeSet::new();
    if count == 0 {
        return Vec::new();
    }
    for f in freqs {
        for at in instants(&f.rule, tz, from, start, first) {
            // Compared before the id is copied: most candidates are past the bound.
            if out.len() == count
                && out.last().is_some_and(|last| {
                    (at, f.strategy_id.as_str()) > (last.at, last.strategy_id.as_str())
                })
            {
                break;
            }
            out.insert(Occurrence {
                at,
                strategy_id: f.strategy_id.clone(),
            });
            if out.len() > count {
                out.pop_last();
            }
        }
    }
    out.into_iter().collect()
}

/// The first instant at or after `from` at which `rule` fires in `tz`: what [`upcoming`] finds
/// for this one rule with a count of one, without a strategy to name.
pub fn next_of(rule: &Rule, tz: Tz, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
    instants(rule, tz, from, naive_in(tz, from) - TRANSITION_MARGIN, 2).next()
}

/// The instants at or after `from` at which `rule` fires in `tz`, in order. Its local minutes
/// are walked lazily from `start` (`TRANSITION_MARGIN` before `from`, local), in batches of
/// `first`, then twice as many each time (at most 1,024); [`resolve_local`] keeps their order,
/// so the instants come out in order too.
fn instants(
    rule: &Rule,
    tz: Tz,
    from: DateTime<Utc>,
    start: NaiveDateTime,
    first: usize,
) -> impl Iterator<Item = DateTime<Utc>> + '_ {
    let mut cursor = Some(start);
    let mut size = first;
    let mut batch = Vec::new().into_iter();
    std::iter::from_fn(move || loop {
        if let Some(n) = batch.next() {
            match resolve_local(tz, n) {
                at if at >= from => return Some(at),
                _ => continue,
            }
        }
        let next = rule.matches_from(cursor?, size);
        // A short batch is the rule's last.
        cursor = match next.last() {
            Some(last) if next.len() == size => Some(*last + Duration::minutes(1)),
            _ => None,
        };
        size = (size * 2).min(1024);
        batch = next.into_iter();
    })
}

/// The window a tick considers: `(after, until]`. A node's first tick considers only `until`.
pub fn tick_window(
    last_tick: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let t = minute_of(now);
    let after = last_tick.map(minute_of).unwrap_or(t - Duration::minutes(1));
    (after, t)
}

/// The (weekday, hour, minute) local minutes that can fire in `(after, until]`, for an indexed
/// look-up of frequencies; `None` when the window is too long and all frequencies should be read.
pub fn candidate_minutes(
    tz: Tz,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Vec<(i8, u8, u8)>> {
    if until - after > INDEXED_WINDOW {
        return None;
    }
    let mut out = BTreeSet::new();
    let mut n = naive_in(tz, after) - TRANSITION_MARGIN;
    let end = naive_in(tz, until) + TRANSITION_MARGIN;
    while n <= end {
        let at = resolve_local(tz, n);
        if at > after && at <= until {
            out.insert((
                n.weekday().num_days_from_sunday() as i8,
                n.hour() as u8,
                n.minute() as u8,
            ));
        }
        n += Duration::minutes(1);
    }
    Some(out.into_iter().collect())
}

/// What one tick does with the occurrences in its window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TickPlan {
    /// The latest occurrence of each strategy still within `catch_up`: these start.
    pub start: Vec<Occurrence>,
    /// Earlier occurrences within `catch_up`, each with the time of the run it was merged into.
    pub coalesced: Vec<(Occurrence, DateTime<Utc>)>,
    /// Occurrences older than `now − catch_up`: never started, recorded as missed.
    pub missed: Vec<Occurrence>,
}

/// Plan a tick: occurrences in the window, split into start / coalesced / missed.
pub fn plan_tick(
    freqs: &[Frequency],
    tz: Tz,
    last_tick: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    catch_up: Duration,
) -> TickPlan {
    let (after, until) = tick_window(last_tick, now);
    let oldest_startable = until - catch_up;
    let mut plan = TickPlan::default();
    let mut startable: Vec<Occurrence> = Vec::new();
    for occ in occurrences_between(freqs, tz, after, until) {
        if occ.at < oldest_startable {
            plan.missed.push(occ);
        } else {
            startable.push(occ);
        }
    }
    // Latest per strategy starts; the rest coalesce into it.
    let mut latest: std::collections::BTreeMap<&str, DateTime<Utc>> = Default::default();
    for occ in &startable {
        let e = latest.entry(occ.strategy_id.as_str()).or_insert(occ.at);
        if occ.at > *e {
            *e = occ.at;
        }
    }
    for occ in &startable {
        let last = latest[occ.strategy_id.as_str()];
        if occ.at == last {
            plan.start.push(occ.clone());
        } else {
            plan.coalesced.push((occ.clone(), last));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::{
        candidate_minutes, next_of, occurrences_between, parse_days, plan_tick, resolve_local,
        upcoming, CronExpr, Frequency, Occurrence, Rule,
    };
    use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
    use chrono_tz::Tz;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }
    fn at(id: &str, day: i8, hour: u8, minute: u8) -> Frequency {
        Frequency {
            strategy_id: id.into(),
            rule: Rule::At { day, hour, minute },
        }
    }
    fn cron(id: &str, expr: &str) -> Frequency {
        Frequency {
            strategy_id: id.into(),
            rule: Rule::Cron(CronExpr::parse(expr).unwrap()),
        }
    }
    fn times(occ: &[Occurrence]) -> Vec<DateTime<Utc>> {
        occ.iter().map(|o| o.at).collect()
    }
    const NY: Tz = chrono_tz::America::New_York;

    #[test]
    fn every_day_matches_every_day() {
        let f = [at("S", -1, 2, 0)];
        let occ = occurrences_between(&f, Tz::UTC, utc(2026, 1, 1, 0, 0), utc(2026, 1, 8, 0, 0));
        assert_eq!(occ.len(), 7);
    }

    #[test]
    fn sunday_is_zero_in_days_and_in_cron() {
        // 2026-11-29 is a Sunday.
        let from = utc(2026, 11, 25, 0, 0);
        let by_day = upcoming(&[at("S", 0, 3, 0)], Tz::UTC, from, 1);
        let by_cron = upcoming(&[cron("S", "0 3 * * 0")], Tz::UTC, from, 1);
        let by_cron7 = upcoming(&[cron("S", "0 3 * * 7")], Tz::UTC, from, 1);
        let by_name = upcoming(&[cron("S", "0 3 * * sun")], Tz::UTC, from, 1);
        assert_eq!(times(&by_day), vec![utc(2026, 11, 29, 3, 0)]);
        assert_eq!(by_cron, by_day);
        assert_eq!(by_cron7, by_day);
        assert_eq!(by_name, by_day);
        // Monday = 1 in both forms.
        let mon = upcoming(&[cron("S", "0 3 * * 1")], Tz::UTC, from, 1);
        assert_eq!(times(&mon), vec![utc(2026, 11, 30, 3, 0)]);
        assert_eq!(parse_days("sun,1,SAT").unwrap(), vec![0, 1, 6]);
        assert_eq!(parse_days("every").unwrap(), vec![-1]);
        let err = parse_days("funday").unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid day \"funday\": expected every, sun..sat or 0..6"
        );
    }

    #[test]
    fn cron_ranges_lists_and_steps_translate() {
        let from = utc(2026, 11, 23, 0, 0); // a Monday
        let weekdays = upcoming(&[cron("S", "30 2 * * 1-5")], Tz::UTC, from, 6);
        let days: Vec<u32> = weekdays
            .iter()
            .map(|o| o.at.format("%d").to_string().parse().unwrap())
            .collect();
        assert_eq!(days, vec![23, 24, 25, 26, 27, 30]);
        let weekend = upcoming(&[cron("S", "0 4 * * 6-7")], Tz::UTC, from, 2);
        assert_eq!(
            times(&weekend),
            vec![utc(2026, 11, 28, 4, 0), utc(2026, 11, 29, 4, 0)]
        );
        let quarter = upcoming(&[cron("S", "*/15 * * * *")], Tz::UTC, from, 3);
        assert_eq!(
            times(&quarter),
            vec![
                utc(2026, 11, 23, 0, 0),
                utc(2026, 11, 23, 0, 15),
                utc(2026, 11, 23, 0, 30)
            ]
        );
        assert!(CronExpr::parse("0 2 * *").is_err());
        assert!(CronExpr::parse("0 0 2 * * *").is_err());
        assert!(CronExpr::parse("61 2 * * *").is_err());
        assert!(CronExpr::parse("0 2 * * 8").is_err());
        assert_eq!(
            CronExpr::parse("  0   2 * *  1 ").unwrap().source(),
            "0 2 * * 1"
        );
    }

    #[test]
    fn restricted_day_of_month_and_week_match_either_as_in_standard_cron() {
        // The 1st of the month OR any Friday.
        let f = [cron("S", "0 1 1 * 5")];
        let occ = upcoming(&f, Tz::UTC, utc(2026, 11, 25, 0, 0), 3);
        assert_eq!(
            times(&occ),
            vec![
                utc(2026, 11, 27, 1, 0),
                utc(2026, 12, 1, 1, 0),
                utc(2026, 12, 4, 1, 0)
            ]
        );
    }

    #[test]
    fn month_ends_and_leap_days() {
        let last_of_feb = [cron("S", "0 0 29 2 *")];
        let occ = upcoming(&last_of_feb, Tz::UTC, utc(2026, 1, 1, 0, 0), 2);
        assert_eq!(
            times(&occ),
            vec![utc(2028, 2, 29, 0, 0), utc(2032, 2, 29, 0, 0)]
        );
        let day31 = [cron("S", "15 23 31 * *")];
        let occ = upcoming(&day31, Tz::UTC, utc(2026, 4, 1, 0, 0), 3);
        assert_eq!(
            times(&occ),
            vec![
                utc(2026, 5, 31, 23, 15),
                utc(2026, 7, 31, 23, 15),
                utc(2026, 8, 31, 23, 15)
            ]
        );
        // An every-day rule crosses a month end and a leap day without a gap.
        let daily = [at("S", -1, 0, 30)];
        let occ = occurrences_between(
            &daily,
            Tz::UTC,
            utc(2028, 2, 27, 0, 0),
            utc(2028, 3, 2, 0, 0),
        );
        let days: Vec<String> = occ
            .iter()
            .map(|o| o.at.format("%m-%d").to_string())
            .collect();
        assert_eq!(days, vec!["02-27", "02-28", "02-29", "03-01"]);
    }

    #[test]
    fn spring_forward_gap_fires_once_at_the_first_minute_after_it() {
        // 2026-03-08 02:00 EST → 03:00 EDT in New York; 02:30 does not exist.
        let f = [
            at("S", -1, 2, 30),
            at("T", -1, 3, 0),
            cron("C", "* 2 8 3 *"),
        ];
        let occ = occurrences_between(&f, NY, utc(2026, 3, 8, 6, 0), utc(2026, 3, 8, 8, 0));
        // 03:00 EDT = 07:00Z for all three; the cron's 60 gap minutes merge into one.
        assert_eq!(
            occ,
            vec![
                Occurrence {
                    at: utc(2026, 3, 8, 7, 0),
                    strategy_id: "C".into()
                },
                Occurrence {
                    at: utc(2026, 3, 8, 7, 0),
                    strategy_id: "S".into()
                },
                Occurrence {
                    at: utc(2026, 3, 8, 7, 0),
                    strategy_id: "T".into()
                },
            ]
        );
        let naive = NaiveDate::from_ymd_opt(2026, 3, 8)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(resolve_local(NY, naive), utc(2026, 3, 8, 7, 0));
        // The day before and after, 02:30 is an ordinary minute.
        let occ = occurrences_between(&f[..1], NY, utc(2026, 3, 7, 0, 0), utc(2026, 3, 10, 0, 0));
        assert_eq!(
            times(&occ),
            vec![
                utc(2026, 3, 7, 7, 30),
                utc(2026, 3, 8, 7, 0),
                utc(2026, 3, 9, 6, 30)
            ]
        );
    }

    #[test]
    fn fall_back_fold_fires_once_the_first_time() {
        // 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens at 05:30Z and again at 06:30Z.
        let f = [at("S", -1, 1, 30)];
        let occ = occurrences_between(&f, NY, utc(2026, 11, 1, 4, 0), utc(2026, 11, 1, 8, 0));
        assert_eq!(times(&occ), vec![utc(2026, 11, 1, 5, 30)]);
        // A tick during the second 01:30 starts nothing.
        let plan = plan_tick(
            &f,
            NY,
            Some(utc(2026, 11, 1, 6, 29)),
            utc(2026, 11, 1, 6, 30),
            Duration::minutes(15),
        );
        assert!(plan.start.is_empty() && plan.missed.is_empty());
        let plan = plan_tick(
            &f,
            NY,
            Some(utc(2026, 11, 1, 5, 29)),
            utc(2026, 11, 1, 5, 30),
            Duration::minutes(15),
        );
        assert_eq!(times(&plan.start), vec![utc(2026, 11, 1, 5, 30)]);
    }

    #[test]
    fn first_tick_considers_only_now() {
        let f = [at("S", -1, 12, 34), at("T", -1, 12, 35)];
        let plan = plan_tick(
            &f,
            Tz::UTC,
            None,
            utc(2026, 11, 25, 12, 35) + Duration::seconds(42),
            Duration::minutes(15),
        );
        assert_eq!(
            plan.start,
            vec![Occurrence {
                at: utc(2026, 11, 25, 12, 35),
                strategy_id: "T".into()
            }]
        );
        assert!(plan.missed.is_empty() && plan.coalesced.is_empty());
    }

    #[test]
    fn catch_up_coalesces_and_misses() {
        let f = [cron("S", "*/5 * * * *"), at("D", -1, 11, 0)];
        // Last tick 10:58, now 12:40, catch-up 15 min: 12:25..12:40 are startable.
        let plan = plan_tick(
            &f,
            Tz::UTC,
            Some(utc(2026, 11, 25, 10, 58)),
            utc(2026, 11, 25, 12, 40),
            Duration::minutes(15),
        );
        assert_eq!(
            plan.start,
            vec![Occurrence {
                at: utc(2026, 11, 25, 12, 40),
                strategy_id: "S".into()
            }]
        );
        assert_eq!(
            plan.coalesced
                .iter()
                .map(|(o, into)| (o.at, *into))
                .collect::<Vec<_>>(),
            vec![
                (utc(2026, 11, 25, 12, 25), utc(2026, 11, 25, 12, 40)),
                (utc(2026, 11, 25, 12, 30), utc(2026, 11, 25, 12, 40)),
                (utc(2026, 11, 25, 12, 35), utc(2026, 11, 25, 12, 40)),
            ]
        );
        // 11:00 .. 12:20 every 5 minutes for S (17) plus D at 11:00.
        assert_eq!(plan.missed.len(), 18);
        assert!(plan.missed.iter().all(|o| o.at < utc(2026, 11, 25, 12, 25)));
    }

    #[test]
    fn catch_up_boundary_is_inclusive() {
        let f = [at("S", -1, 12, 25)];
        let plan = plan_tick(
            &f,
            Tz::UTC,
            Some(utc(2026, 11, 25, 12, 0)),
            utc(2026, 11, 25, 12, 40),
            Duration::minutes(15),
        );
        assert_eq!(times(&plan.start), vec![utc(2026, 11, 25, 12, 25)]);
        let plan = plan_tick(
            &f,
            Tz::UTC,
            Some(utc(2026, 11, 25, 12, 0)),
            utc(2026, 11, 25, 12, 41),
            Duration::minutes(15),
        );
        assert_eq!(times(&plan.missed), vec![utc(2026, 11, 25, 12, 25)]);
    }

    #[test]
    fn candidates_cover_exactly_what_can_fire() {
        let c = candidate_minutes(
            Tz::UTC,
            utc(2026, 11, 25, 12, 34),
            utc(2026, 11, 25, 12, 35),
        )
        .unwrap();
        assert_eq!(c, vec![(3, 12, 35)]);
        // The tick right after the New York gap also covers every minute of the gap.
        let c = candidate_minutes(NY, utc(2026, 3, 8, 6, 59), utc(2026, 3, 8, 7, 0)).unwrap();
        assert_eq!(c.len(), 61);
        assert!(c.contains(&(0, 2, 30)) && c.contains(&(0, 3, 0)));
        assert!(
            candidate_minutes(Tz::UTC, utc(2026, 11, 20, 0, 0), utc(2026, 11, 25, 0, 0)).is_none()
        );
    }

    /// Every UTC instant (minute-aligned) in `year` where `tz`'s offset changes.
    fn transitions(tz: Tz, year: i32) -> Vec<DateTime<Utc>> {
        use chrono::Offset;
        let mut out = Vec::new();
        let mut t = utc(year, 1, 1, 0, 0);
        let end = utc(year + 1, 1, 1, 0, 0);
        let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
        let mut was = offset(t);
        while t < end {
            // Offsets change on the quarter hour at most once a day: walk in 15-minute steps.
            let next = t + Duration::minutes(15);
            let now = offset(next);
            if now != was {
                out.push(next);
                was = now;
            }
            t = next;
        }
        out
    }

    #[test]
    fn upcoming_and_next_of_agree_with_the_tick_at_every_transition() {
        // The tick's occurrences (occurrences_between, one window) are the reference: what
        // schedule next and status say is next must be exactly what the tick will start.
        let zones: [Tz; 8] = [
            chrono_tz::Europe::Berlin,
            chrono_tz::America::New_York,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::Santiago,
            chrono_tz::Pacific::Chatham,
            chrono_tz::America::St_Johns,
            chrono_tz::Europe::London,
            chrono_tz::Australia::Sydney,
        ];
        let rules = [
            "* * * * *",
            "*/7 * * * *",
            "30 2 * * *",
            "0 3 * * *",
            "59 1 * * *",
            "15,45 0-4 * * *",
            "0 2 * * 0",
        ];
        let mut freqs: Vec<Frequency> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| Frequency {
                strategy_id: format!("C{i}"),
                rule: Rule::Cron(CronExpr::parse(r).unwrap()),
            })
            .collect();
        for (i, (day, hour, minute)) in [(-1, 2, 30), (0, 1, 59), (-1, 3, 0), (-1, 0, 0)]
            .into_iter()
            .enumerate()
        {
            freqs.push(Frequency {
                strategy_id: format!("A{i}"),
                rule: Rule::At { day, hour, minute },
            });
        }
        let mut checked = 0;
        for tz in zones {
            for year in [2026, 2031] {
                for tr in transitions(tz, year) {
                    for back in [0, 1, 30, 59, 61, 179] {
                        let from = tr - Duration::minutes(back);
                        for count in [1, 5, 40] {
                            let got = upcoming(&freqs, tz, from, count);
                            let window = occurrences_between(
                                &freqs,
                                tz,
                                from - Duration::minutes(1),
                                // The every-minute rule alone fills `count` within hours.
                                from + Duration::hours(6),
                            );
                            let want: Vec<Occurrence> = window.into_iter().take(count).collect();
                            assert_eq!(got, want, "{tz} from {from} count {count}");
                            checked += 1;
                        }
                        // One rule's next instant (what status shows) is the tick's first.
                        for f in &freqs {
                            let one = std::slice::from_ref(f);
                            let first = |hours| {
                                occurrences_between(
                                    one,
                                    tz,
                                    from - Duration::minutes(1),
                                    from + Duration::hours(hours),
                                )
                                .first()
                                .map(|o| o.at)
                            };
                            let want = first(6).or_else(|| first(8 * 24));
                            assert_eq!(
                                next_of(&f.rule, tz, from),
                                want,
                                "{tz} from {from} {}",
                                f.strategy_id
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }
}
