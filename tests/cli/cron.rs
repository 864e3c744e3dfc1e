//! Cron read as cronie reads it (cronie 1.7: src/entry.c, src/cron.c), against an independent
//! reading of those rules written here: a day field that *starts* with `*` leaves the day
//! rule to the other field (both must match), two restricted day fields match either; `N/STEP`
//! is `N-max/STEP` in every field; day-of-week 7 is Sunday.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

use crate::support::Env;

/// One field as cronie parses it: the values it allows, and whether it started with `*`.
fn field(spec: &str, lo: u32, hi: u32, names: &[&str]) -> (Vec<bool>, bool) {
    let value = |s: &str| -> u32 {
        let lower = s.to_ascii_lowercase();
        match names.iter().position(|n| *n == lower) {
            Some(i) => lo + i as u32,
            None => s.parse().unwrap(),
        }
    };
    let mut allowed = vec![false; hi as usize + 1];
    for item in spec.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, Some(s.parse::<u32>().unwrap())),
            None => (item, None),
        };
        let (a, b) = match range {
            "*" => (lo, hi),
            r => match r.split_once('-') {
                Some((a, b)) => (value(a), value(b)),
                None if step.is_some() => (value(r), hi),
                None => (value(r), value(r)),
            },
        };
        let mut v = a;
        while v <= b {
            allowed[v as usize] = true;
            v += step.unwrap_or(1);
        }
    }
    (allowed, spec.starts_with('*'))
}

/// An expression read as cronie reads it, to match minutes against.
struct Cronie {
    min: Vec<bool>,
    hour: Vec<bool>,
    dom: Vec<bool>,
    month: Vec<bool>,
    dow: Vec<bool>,
    /// Either day field started with `*`: both day fields must match.
    both_days: bool,
}

impl Cronie {
    fn new(expr: &str) -> Cronie {
        let f: Vec<&str> = expr.split_whitespace().collect();
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        let (dom, dom_star) = field(f[2], 1, 31, &[]);
        let (mut dow, dow_star) = field(f[4], 0, 7, &days);
        dow[0] |= dow[7];
        Cronie {
            min: field(f[0], 0, 59, &[]).0,
            hour: field(f[1], 0, 23, &[]).0,
            dom,
            month: field(f[3], 1, 12, &months).0,
            dow,
            both_days: dom_star || dow_star,
        }
    }

    fn matches(&self, t: DateTime<Utc>) -> bool {
        let on_dom = self.dom[t.day() as usize];
        let on_dow = self.dow[t.weekday().num_days_from_sunday() as usize];
        let day = if self.both_days {
            on_dom && on_dow
        } else {
            on_dom || on_dow
        };
        self.min[t.minute() as usize]
            && self.hour[t.hour() as usize]
            && self.month[t.month() as usize]
            && day
    }
}

#[test]
fn schedule_next_follows_cronie_on_expressions_that_mix_the_day_fields() {
    let exprs = [
        "0 0 */2 * 1",
        "0 0 1,15 * 1",
        "30 6 */3 * mon-fri",
        "0 12 1-7 * */2",
        "15 3 */10 * 5/1",
        "0 0 13 * 5",
        "0 */6 * jan,jul 0",
        "5 4 * * 7",
        "0 0 2/5 * *",
        "45 23 * * 1/2",
        "0 2 29 2 *",
    ];
    let env = Env::new();
    env.connection("C");
    for (i, expr) in exprs.iter().enumerate() {
        let id = format!("S{i}");
        env.ok(&[
            "add-strategy",
            "--id",
            &id,
            "--connection",
            "C",
            "--line",
            "backup spfile;",
        ]);
        env.ok(&["schedule", "add", &id, "--cron", expr]);
    }
    let out = env.ok(&[
        "schedule",
        "next",
        "--from",
        "2026-11-01",
        "--count",
        "600",
        "--json",
    ]);
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let end = NaiveDate::from_ymd_opt(2027, 1, 31)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for (i, expr) in exprs.iter().enumerate() {
        let id = format!("S{i}");
        let got: Vec<DateTime<Utc>> = listed
            .iter()
            .filter(|o| o["strategy_id"] == id.as_str())
            .map(|o| {
                DateTime::parse_from_rfc3339(o["due"].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc)
            })
            .filter(|t| *t < end)
            .collect();
        let cronie = Cronie::new(expr);
        let mut want = Vec::new();
        let mut t = NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        while t < end {
            if cronie.matches(t) {
                want.push(t);
            }
            t += Duration::minutes(1);
        }
        assert_eq!(got, want, "{expr}");
    }
}
