//! Where the metadata lives (store URLs and dialects) and how a connection authenticates.

use std::fmt;
use std::path::PathBuf;

use crate::error::invalid;

/// Where the metadata lives. A URL never carries a password (see [`StoreUrl::parse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreUrl {
    Sqlite(PathBuf),
    Postgres(String),
    Oracle(String),
}

impl StoreUrl {
    /// `sqlite:PATH` or a bare path; `postgres://user@host:port/db`; `oracle://user@host:port/service`
    /// or `oracle:///@alias` (wallet). A password in the URL is refused, without echoing it.
    pub fn parse(text: &str) -> anyhow::Result<StoreUrl> {
        let t = text.trim();
        let expected =
            "expected sqlite:PATH, postgres://user@host:port/db or oracle://user@host:port/service";
        if t.is_empty() {
            return Err(invalid(format!("empty store URL: {expected}")));
        }
        if let Some(rest) = t.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(invalid(format!(
                    "store URL \"{t}\" has no path: {expected}"
                )));
            }
            return Ok(StoreUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, rest)) = t.split_once("://") {
            let authority = rest.split(['/', '?']).next().unwrap_or_default();
            let in_userinfo = authority
                .rsplit_once('@')
                .is_some_and(|(userinfo, _)| userinfo.contains(':'));
            // libpq also takes the password from the query (`?password=`): refused the same way.
            let in_query = rest.split_once('?').is_some_and(|(_, query)| {
                query.split('&').any(|kv| {
                    kv.split('=')
                        .next()
                        .is_some_and(|k| k.trim().eq_ignore_ascii_case("password"))
                })
            });
            if in_userinfo || in_query {
                return Err(invalid(format!(
                    "store URL for {scheme} must not contain a password: remove it and set BACKUPCTL_STORE_PASSWORD (or BACKUPCTL_MASTER_PASSWORD for master)"
                )));
            }
            return match scheme {
                "postgres" | "postgresql" => Ok(StoreUrl::Postgres(t.to_string())),
                "oracle" => Ok(StoreUrl::Oracle(t.to_string())),
                "sqlite" => Ok(StoreUrl::Sqlite(PathBuf::from(rest))),
                other => Err(invalid(format!(
                    "unsupported store URL scheme \"{other}\": {expected}"
                ))),
            };
        }
        Ok(StoreUrl::Sqlite(PathBuf::from(t)))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            StoreUrl::Sqlite(_) => Dialect::Sqlite,
            StoreUrl::Postgres(_) => Dialect::Postgres,
            StoreUrl::Oracle(_) => Dialect::Oracle,
        }
    }
}

impl fmt::Display for StoreUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreUrl::Sqlite(p) => write!(f, "sqlite:{}", p.display()),
            StoreUrl::Postgres(u) | StoreUrl::Oracle(u) => f.write_str(u),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    Sqlite,
    Postgres,
    Oracle,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
            Dialect::Oracle => "oracle",
        })
    }
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
    use super::{Credential, StoreUrl};
    use std::path::PathBuf;

    #[test]
    fn store_urls_parse_and_never_accept_a_password() {
        assert_eq!(
            StoreUrl::parse("sqlite:/var/x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("/var/x.db"))
        );
        assert_eq!(
            StoreUrl::parse("sqlite:///var/x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("/var/x.db"))
        );
        assert_eq!(
            StoreUrl::parse("./x.db").unwrap(),
            StoreUrl::Sqlite(PathBuf::from("./x.db"))
        );
        assert!(matches!(
            StoreUrl::parse("postgres://u@h:5432/db").unwrap(),
            StoreUrl::Postgres(_)
        ));
        let err = StoreUrl::parse("postgres://u:s3cret@h/db")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("must not contain a password") && !err.contains("s3cret"),
            "{err}"
        );
        for url in [
            "postgres://u@h/db?password=s3cret",
            "postgres://u@h/db?sslmode=require&PASSWORD=s3cret",
        ] {
            let err = StoreUrl::parse(url).unwrap_err().to_string();
            assert!(
                err.contains("must not contain a password") && !err.contains("s3cret"),
                "{err}"
            );
        }
        assert!(StoreUrl::parse("postgres://u@h/db?sslmode=require").is_ok());
        let err = StoreUrl::parse("mysql://h/db").unwrap_err().to_string();
        assert!(
            err.contains("unsupported store URL scheme \"mysql\""),
            "{err}"
        );
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
