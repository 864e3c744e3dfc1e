//! What a DBA defines: connections (a target database and how RMAN authenticates to it) and
//! strategies (an ordered RMAN script bound to a connection, with a priority).

use std::fmt;

use super::as_display;
use crate::error::invalid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "HIGH",
            Priority::Medium => "MEDIUM",
            Priority::Low => "LOW",
        }
    }
    /// `HIGH`, `MEDIUM` or `LOW`, in any case; anything else is an error, never a default.
    pub fn parse(text: &str) -> Result<Priority, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "HIGH" => Ok(Priority::High),
            "MEDIUM" => Ok(Priority::Medium),
            "LOW" => Ok(Priority::Low),
            _ => Err(format!(
                "unknown priority \"{text}\": expected HIGH, MEDIUM or LOW"
            )),
        }
    }
}

/// A registered target database.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Connection {
    pub node: String,
    /// `connection` in JSON, as every other output names a connection's id.
    #[serde(rename = "connection")]
    pub conn_id: String,
    pub conn_name: String,
    pub database_instance: String,
    pub host: String,
    pub port: u16,
    #[serde(serialize_with = "as_display")]
    pub credential: Credential,
    pub alive: bool,
    /// The administrative privilege RMAN connects with.
    pub privilege: Privilege,
    /// The Oracle home whose `bin/rman` runs this connection's backups (RMAN's version must match
    /// the target's from 12c on); also the child's `ORACLE_HOME`.
    pub oracle_home: Option<String>,
    /// A recovery catalog, as a wallet alias: `CONNECT CATALOG /@ALIAS`.
    pub catalog: Option<String>,
}

impl Connection {
    /// `host:port`, an IPv6 address in brackets (`[fd00::5]:1521`), as Easy Connect takes it (Net
    /// Services Administrator's Guide, Understanding the Easy Connect Naming Method).
    pub fn host_port(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// The administrative privilege of an RMAN connection (connectStringSpec: SYSDBA is implied;
/// SYSBACKUP, from 12c, holds only what backup and recovery need).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Privilege {
    #[default]
    Sysdba,
    Sysbackup,
}

impl Privilege {
    pub fn as_str(self) -> &'static str {
        match self {
            Privilege::Sysdba => "sysdba",
            Privilege::Sysbackup => "sysbackup",
        }
    }

    pub fn parse(text: &str) -> Result<Privilege, String> {
        match text {
            "sysdba" => Ok(Privilege::Sysdba),
            "sysbackup" => Ok(Privilege::Sysbackup),
            other => Err(format!(
                "unknown privilege \"{other}\": expected sysdba or sysbackup"
            )),
        }
    }
}

/// An ordered RMAN script bound to a connection.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Strategy {
    pub node: String,
    pub strategy_id: String,
    pub connection: String,
    pub priority: Priority,
    pub alive: bool,
    pub timeout_secs: Option<u64>,
    /// A name for people, shown beside the id.
    pub name: Option<String>,
    /// The longest it may go without a success before status and check call it stale.
    pub max_age_secs: Option<u64>,
    /// In `line_no` order.
    pub lines: Vec<String>,
}

/// How a connection authenticates. The store never holds a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// OS authentication: `CONNECT TARGET /` with `ORACLE_SID` set to the instance.
    Os,
    /// An Oracle wallet entry: `CONNECT TARGET /@ALIAS`.
    Wallet(String),
    /// An environment variable of the node holding `user/password`.
    Env(String),
}

impl Credential {
    pub fn parse(text: &str) -> anyhow::Result<Credential> {
        let bad = || {
            invalid(format!(
                "invalid credential \"{}\": expected os, wallet:ALIAS or env:VAR (a password is never stored)",
                text.split('/').next().unwrap_or_default()
            ))
        };
        let t = text.trim();
        if t.eq_ignore_ascii_case("os") {
            return Ok(Credential::Os);
        }
        if let Some(alias) = t.strip_prefix("wallet:") {
            let ok = !alias.is_empty()
                && alias.len() <= 128
                && alias
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
            return if ok {
                Ok(Credential::Wallet(alias.to_string()))
            } else {
                Err(bad())
            };
        }
        if let Some(var) = t.strip_prefix("env:") {
            let ok = !var.is_empty()
                && !var.as_bytes()[0].is_ascii_digit()
                && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            return if ok {
                Ok(Credential::Env(var.to_string()))
            } else {
                Err(bad())
            };
        }
        Err(bad())
    }
}

impl fmt::Display for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Os => f.write_str("os"),
            Credential::Wallet(a) => write!(f, "wallet:{a}"),
            Credential::Env(v) => write!(f, "env:{v}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Credential, Priority, Privilege};

    #[test]
    fn an_unknown_priority_or_privilege_is_an_error_not_a_default() {
        assert_eq!(Priority::parse(" high "), Ok(Priority::High));
        assert_eq!(Priority::parse("MEDIUM"), Ok(Priority::Medium));
        assert_eq!(
            Priority::parse("URGENT"),
            Err("unknown priority \"URGENT\": expected HIGH, MEDIUM or LOW".to_string())
        );
        assert_eq!(Privilege::parse("sysbackup"), Ok(Privilege::Sysbackup));
        assert!(Privilege::parse("sysoper").is_err());
    }

    #[test]
    fn credentials_are_references_never_secrets() {
        assert_eq!(Credential::parse("os").unwrap(), Credential::Os);
        assert_eq!(
            Credential::parse("wallet:PROD_DB").unwrap(),
            Credential::Wallet("PROD_DB".into())
        );
        assert_eq!(
            Credential::parse("env:RMAN_PROD").unwrap(),
            Credential::Env("RMAN_PROD".into())
        );
        let err = Credential::parse("sys/manager@prod")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("expected os, wallet:ALIAS or env:VAR") && !err.contains("manager"),
            "{err}"
        );
        assert!(Credential::parse("env:1X").is_err());
    }
}
