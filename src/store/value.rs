//! Values and rows crossing the backend boundary, typed by column kind.

use std::cell::Cell;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::error::store as store_error;
use crate::model::{Priority, RunStatus, Trigger};

/// The kind of a column, for a NULL bound to it (Oracle types every bind, and a NULL of the wrong
/// type fails in a `CASE` or a `UNION ALL`) and for the pushed tables' columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Time,
    /// Text that may be longer than any VARCHAR2 (run logs).
    Clob,
}

/// A value crossing the backend boundary.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null(Kind),
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
}

impl Value {
    /// A NULL of text (the kind of most columns).
    pub const NULL: Value = Value::Null(Kind::Text);
}

/// Rust types that map to one column kind.
pub trait Typed: Into<Value> {
    const KIND: Kind;
}

impl Typed for &str {
    const KIND: Kind = Kind::Text;
}

impl Typed for String {
    const KIND: Kind = Kind::Text;
}

impl Typed for &String {
    const KIND: Kind = Kind::Text;
}

impl Typed for i64 {
    const KIND: Kind = Kind::Int;
}

impl Typed for DateTime<Utc> {
    const KIND: Kind = Kind::Time;
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<DateTime<Utc>> for Value {
    fn from(v: DateTime<Utc>) -> Self {
        Value::Time(v)
    }
}

impl<T: Typed> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Value::Null(T::KIND))
    }
}

/// A result row: its values and the names of its columns (lowercase, as every dialect is read).
#[derive(Clone, Debug, Default)]
pub struct Row {
    columns: Arc<[String]>,
    pub values: Vec<Value>,
    /// The column after the one last asked for: readers mostly ask in the SELECT's order, so a
    /// name is found at the first comparison.
    next: Cell<usize>,
}

/// A Rust type a column decodes into; anything else — a NULL where none may be, a number where
/// text belongs — is an error naming the column, never a silent `""` or `0`.
pub trait FromColumn: Sized {
    /// What the column should hold, for the error.
    fn expected() -> String;
    fn from_value(v: &Value) -> Option<Self>;
}

impl Row {
    /// An empty row with these columns (any case; kept lowercase).
    pub fn with_columns<S: AsRef<str>>(columns: impl IntoIterator<Item = S>) -> Row {
        Row {
            columns: columns
                .into_iter()
                .map(|c| c.as_ref().to_ascii_lowercase())
                .collect(),
            values: Vec::new(),
            next: Cell::new(0),
        }
    }

    /// The names of the columns, lowercase.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The column `name` decoded as `T`.
    pub fn get<T: FromColumn>(&self, name: &str) -> anyhow::Result<T> {
        let v = self.value_of(name)?;
        T::from_value(v).ok_or_else(|| {
            store_error(format!(
                "the store's column {name} holds {}, expected {}",
                describe(v),
                T::expected()
            ))
        })
    }

    /// The text column `name` borrowed, without a copy; NULL or another type is an error.
    pub fn text_of(&self, name: &str) -> anyhow::Result<&str> {
        match self.value_of(name)? {
            Value::Text(s) => Ok(s),
            v => Err(store_error(format!(
                "the store's column {name} holds {}, expected text",
                describe(v)
            ))),
        }
    }

    fn value_of(&self, name: &str) -> anyhow::Result<&Value> {
        let hint = self.next.get();
        let at = match self.columns.get(hint) {
            Some(c) if c == name => Some(hint),
            _ => self.columns.iter().position(|c| c == name),
        };
        match at {
            Some(i) => {
                self.next.set((i + 1) % self.columns.len());
                Ok(self.get_at(i))
            }
            None => Err(store_error(format!(
                "the store's answer has no column {name} (it has {})",
                self.columns.join(", ")
            ))),
        }
    }

    fn get_at(&self, i: usize) -> &Value {
        self.values.get(i).unwrap_or(&Value::NULL)
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null(_) => "NULL".into(),
        Value::Int(n) => format!("the number {n}"),
        Value::Text(t) => format!("the text \"{}\"", t.chars().take(40).collect::<String>()),
        Value::Time(t) => format!("the time {}", crate::units::to_db_time(*t)),
    }
}

impl<T: FromColumn> FromColumn for Option<T> {
    fn expected() -> String {
        T::expected()
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null(_) => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

impl FromColumn for String {
    fn expected() -> String {
        "text".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl FromColumn for i64 {
    fn expected() -> String {
        "a whole number".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(n) => Some(*n),
            // PostgreSQL's NUMERIC and SQLite's loosely typed columns can answer a number as text.
            Value::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

impl FromColumn for u64 {
    fn expected() -> String {
        "a whole number of zero or more".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).and_then(|n| u64::try_from(n).ok())
    }
}

/// Stored as 0 or 1 (`alive`).
impl FromColumn for bool {
    fn expected() -> String {
        "0 or 1".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        match i64::from_value(v)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl FromColumn for DateTime<Utc> {
    fn expected() -> String {
        "a time".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Time(t) => Some(*t),
            Value::Text(s) => crate::units::from_db_time(s).ok(),
            _ => None,
        }
    }
}

impl FromColumn for RunStatus {
    fn expected() -> String {
        format!("a run status ({})", RunStatus::expected())
    }
    fn from_value(v: &Value) -> Option<Self> {
        String::from_value(v)?.parse().ok()
    }
}

impl FromColumn for Trigger {
    fn expected() -> String {
        "a run trigger (scheduled, manual, monitor)".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        String::from_value(v)?.parse().ok()
    }
}

impl FromColumn for Priority {
    fn expected() -> String {
        "a priority (HIGH, MEDIUM, LOW)".into()
    }
    fn from_value(v: &Value) -> Option<Self> {
        Priority::parse(&String::from_value(v)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_read_by_name_and_a_null_or_a_wrong_type_is_an_error() {
        let mut row = Row::with_columns(["STATUS", "Alive", "warnings", "n"]);
        row.values = vec![
            Value::from("succeeded"),
            Value::Int(1),
            Value::NULL,
            Value::from("x"),
        ];
        assert_eq!(
            row.get::<RunStatus>("status").unwrap(),
            RunStatus::Succeeded
        );
        assert!(row.get::<bool>("alive").unwrap());
        assert_eq!(row.get::<Option<String>>("warnings").unwrap(), None);
        let null = row.get::<String>("warnings").unwrap_err().to_string();
        assert_eq!(
            null,
            "the store's column warnings holds NULL, expected text"
        );
        let wrong = row.get::<i64>("n").unwrap_err().to_string();
        assert_eq!(
            wrong,
            "the store's column n holds the text \"x\", expected a whole number"
        );
        let missing = row.get::<i64>("pieces").unwrap_err().to_string();
        assert_eq!(
            missing,
            "the store's answer has no column pieces (it has status, alive, warnings, n)"
        );
        row.values[0] = Value::from("success");
        assert!(row.get::<RunStatus>("status").is_err());
    }
}
