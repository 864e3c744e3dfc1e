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
        // `central:5432/backups`: a server without its scheme, not a file to create.
        let head = t.split(['/', '\\']).next().unwrap_or_default();
        if let Some((host, port)) = head.split_once(':') {
            if !host.is_empty() && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(format!(
                    "store URL \"{t}\" looks like a server without its scheme: {expected} (a file: sqlite:PATH)"
                )));
            }
        }
        Ok(StoreUrl::Sqlite(PathBuf::from(t)))
    }

    /// A slave's master: the fleet's central store, a server (PostgreSQL or Oracle), never a
    /// SQLite file — a mistyped master would otherwise be a file here that every push "reaches",
    /// its rows marked pushed and the real master never getting them.
    pub fn parse_master(text: &str) -> anyhow::Result<StoreUrl> {
        // Only a URL with a scheme can name a server; its own errors (a password in it, an
        // unknown scheme) are said as they are.
        let server = text
            .contains("://")
            .then(|| StoreUrl::parse(text))
            .transpose()?;
        match server {
            Some(url @ (StoreUrl::Postgres(_) | StoreUrl::Oracle(_))) => Ok(url),
            _ => Err(invalid(format!(
                "master \"{}\" is not a server: expected postgres://user@host:port/db or oracle://user@host:port/service (or oracle:///@alias)",
                text.trim()
            ))),
        }
    }

    /// How many servers the URL names: PostgreSQL takes a list (`h1:5432,h2:5432`, tried in
    /// order, as libpq does for a failover pair); every other store is one.
    pub fn host_count(&self) -> u32 {
        match self {
            StoreUrl::Postgres(u) => {
                let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
                let authority = rest.split(['/', '?']).next().unwrap_or_default();
                let hosts = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                u32::try_from(hosts.split(',').count().max(1)).unwrap_or(1)
            }
            _ => 1,
        }
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

#[cfg(test)]
mod tests {
    use super::StoreUrl;
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
        for scheme_less in ["central:5432/backups", "db1.example.com:5432"] {
            let err = StoreUrl::parse(scheme_less).unwrap_err().to_string();
            assert!(
                err.contains("looks like a server without its scheme"),
                "{err}"
            );
        }
        assert!(StoreUrl::parse("C:\\ProgramData\\backupctl\\metadata.db").is_ok());
        for not_a_server in ["backups.db", "sqlite:/var/x.db", "central:5432/backups"] {
            assert!(
                StoreUrl::parse_master(not_a_server).is_err(),
                "{not_a_server}"
            );
        }
        assert!(StoreUrl::parse_master("postgres://u@central:5432/backups").is_ok());
        let err = StoreUrl::parse("mysql://h/db").unwrap_err().to_string();
        assert!(
            err.contains("unsupported store URL scheme \"mysql\""),
            "{err}"
        );
    }
}
