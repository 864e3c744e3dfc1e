//! Values and rows crossing the backend boundary, typed by column kind.

use chrono::{DateTime, Utc};

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

/// A result row, read by column position.
#[derive(Clone, Debug)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn get(&self, i: usize) -> &Value {
        self.0.get(i).unwrap_or(&Value::NULL)
    }
    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.get(i) {
            Value::Text(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Time(t) => Some(crate::units::to_db_time(*t)),
            Value::Null(_) => None,
        }
    }
    /// A text column borrowed, without a copy (`None` for NULL or another type).
    pub fn str(&self, i: usize) -> Option<&str> {
        match self.get(i) {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn text(&self, i: usize) -> String {
        self.opt_text(i).unwrap_or_default()
    }
    pub fn opt_int(&self, i: usize) -> Option<i64> {
        match self.get(i) {
            Value::Int(n) => Some(*n),
            Value::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn int(&self, i: usize) -> i64 {
        self.opt_int(i).unwrap_or_default()
    }
    pub fn opt_time(&self, i: usize) -> anyhow::Result<Option<DateTime<Utc>>> {
        match self.get(i) {
            Value::Time(t) => Ok(Some(*t)),
            Value::Text(s) => crate::units::from_db_time(s).map(Some),
            _ => Ok(None),
        }
    }
    pub fn time(&self, i: usize) -> anyhow::Result<DateTime<Utc>> {
        self.opt_time(i)?
            .ok_or_else(|| anyhow::anyhow!("a required timestamp is missing in the store"))
    }
}
