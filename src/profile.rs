//! Settings: defaults → TOML profile → `BACKUPCTL_*` environment → command-line flags.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::invalid;
use crate::store::StoreUrl;
use crate::units::{check_node, parse_duration, parse_size};

/// The role of this node in a fleet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Standalone,
    Master,
    Slave,
}

impl Role {
    pub fn parse(key: &str, text: &str) -> anyhow::Result<Role> {
        match text {
            "standalone" => Ok(Role::Standalone),
            "master" => Ok(Role::Master),
            "slave" => Ok(Role::Slave),
            _ => Err(invalid(format!(
                "invalid {key} \"{text}\": expected standalone, master or slave"
            ))),
        }
    }
}

/// The profile file as written; every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    role: Option<String>,
    node: Option<String>,
    store: Option<String>,
    master: Option<String>,
    timezone: Option<String>,
    rman: Option<String>,
    catch_up: Option<String>,
    jobs: Option<i64>,
    per_connection: Option<i64>,
    default_timeout: Option<String>,
    log_limit: Option<String>,
    monitor_grace: Option<String>,
    on_failure: Option<String>,
    master_timeout: Option<String>,
    hook_timeout: Option<String>,
    store_timeout: Option<String>,
    cancel_grace: Option<String>,
    push_spread: Option<String>,
}

/// Values given on the command line, which win over everything else.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub profile: Option<PathBuf>,
    pub store: Option<String>,
    pub rman: Option<PathBuf>,
    pub role: Option<Role>,
}

/// The resolved settings a command works with.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The profile file read, if any.
    pub source: Option<PathBuf>,
    pub role: Role,
    pub node: String,
    pub store: StoreUrl,
    pub master: Option<StoreUrl>,
    pub timezone: Tz,
    pub rman: Option<PathBuf>,
    /// How late a missed occurrence may still start.
    pub catch_up: Duration,
    pub jobs: usize,
    pub per_connection: usize,
    /// The time limit of a run whose strategy sets none.
    pub default_timeout: Duration,
    pub log_limit: u64,
    /// Master: how long an occurrence may stay without a run before it is missed.
    pub monitor_grace: Duration,
    pub on_failure: Option<PathBuf>,
    /// How long a slave waits for its master to connect or answer one statement.
    pub master_timeout: Duration,
    /// How long one `on_failure` call may run before it is killed with what it started.
    pub hook_timeout: Duration,
    /// How long a central store (PostgreSQL, Oracle) may take to connect or answer one statement.
    pub store_timeout: Duration,
    /// After RMAN's cancel (SIGINT) at a timeout or Ctrl-C, how long it may take to end before it
    /// is killed.
    pub cancel_grace: Duration,
    /// Slave: the part of the minute its pushes are spread over, by node name.
    pub push_spread: Duration,
}

/// Where a profile is looked for when none is named.
pub fn default_profile_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("backupctl").join("profile.toml"))
}

/// Where the embedded store lives when none is named.
pub fn default_store_path() -> anyhow::Result<PathBuf> {
    let dir = dirs::data_dir()
        .or_else(dirs::data_local_dir)
        .ok_or_else(|| invalid("cannot find the platform data directory for the default store: set store in the profile or pass --store sqlite:PATH"))?;
    Ok(dir.join("backupctl").join("metadata.db"))
}

/// An environment lookup, injectable so tests need not touch the process environment.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

impl Profile {
    /// Load from the real environment.
    pub fn load(over: &Overrides) -> anyhow::Result<Profile> {
        Self::load_with(over, &process_env)
    }

    /// Defaults, then the profile file, then `BACKUPCTL_*` variables, then the flags in `over`:
    /// each later layer wins, key by key.
    pub fn load_with(over: &Overrides, env: EnvLookup<'_>) -> anyhow::Result<Profile> {
        let (source, raw) = match &over.profile {
            Some(path) => (Some(path.clone()), read_raw(path)?),
            None => match default_profile_path().filter(|p| p.is_file()) {
                Some(path) => (Some(path.clone()), read_raw(&path)?),
                None => (None, RawProfile::default()),
            },
        };
        let at = Layers {
            file: source.as_deref(),
            env,
        };
        let role = match over.role {
            Some(r) => r,
            None => match at.pick("role", raw.role) {
                Some((k, v)) => Role::parse(&k, &v)?,
                None => Role::Standalone,
            },
        };
        let master = match at.pick("master", raw.master) {
            Some((k, url)) => {
                Some(StoreUrl::parse_master(&url).with_context(|| format!("invalid {k}"))?)
            }
            None => None,
        };
        if role == Role::Slave && master.is_none() {
            return Err(invalid(
                "role slave needs a master store: set master = \"postgres://user@host:5432/db\" in the profile or BACKUPCTL_MASTER",
            ));
        }
        Ok(Profile {
            role,
            node: at.node(raw.node)?,
            store: at.store(over, raw.store)?,
            master,
            timezone: at.timezone(raw.timezone)?,
            rman: match &over.rman {
                Some(p) => Some(p.clone()),
                None => raw.rman.map(|p| beside(source.as_deref(), &p)),
            },
            catch_up: at.duration("catch_up", raw.catch_up, 15 * 60)?,
            jobs: at.count("jobs", raw.jobs, 4)?,
            per_connection: at.count("per_connection", raw.per_connection, 1)?,
            default_timeout: at.positive("default_timeout", raw.default_timeout, 6 * 3600)?,
            log_limit: at.log_limit(raw.log_limit)?,
            monitor_grace: at.duration("monitor_grace", raw.monitor_grace, 10 * 60)?,
            on_failure: at.on_failure(raw.on_failure),
            master_timeout: at.positive("master_timeout", raw.master_timeout, 10)?,
            hook_timeout: at.positive("hook_timeout", raw.hook_timeout, 60)?,
            store_timeout: at.positive("store_timeout", raw.store_timeout, 5 * 60)?,
            cancel_grace: at.duration("cancel_grace", raw.cancel_grace, 60)?,
            push_spread: at.push_spread(raw.push_spread)?,
            source,
        })
    }
}

/// Where a key's value comes from: the `BACKUPCTL_*` variable when it is set (and not empty),
/// else the profile file. Errors name the one that was read.
struct Layers<'a> {
    file: Option<&'a Path>,
    env: EnvLookup<'a>,
}

impl Layers<'_> {
    fn origin(&self, key: &str) -> String {
        match self.file {
            Some(p) => format!("{key} in {}", p.display()),
            None => key.to_string(),
        }
    }

    fn var(key: &str) -> String {
        format!("BACKUPCTL_{}", key.to_ascii_uppercase())
    }

    /// (where it came from, the value), if either layer sets the key.
    fn pick(&self, key: &str, file: Option<String>) -> Option<(String, String)> {
        let var = Self::var(key);
        match (self.env)(&var).filter(|v| !v.is_empty()) {
            Some(v) => Some((var, v)),
            None => file.map(|v| (self.origin(key), v)),
        }
    }

    fn node(&self, file: Option<String>) -> anyhow::Result<String> {
        match self.pick("node", file) {
            Some((k, v)) => {
                check_node(&v).with_context(|| format!("invalid {k}"))?;
                Ok(v)
            }
            None => default_node(),
        }
    }

    fn store(&self, over: &Overrides, file: Option<String>) -> anyhow::Result<StoreUrl> {
        match (&over.store, file) {
            (Some(url), _) => StoreUrl::parse(url).context("invalid --store (or BACKUPCTL_STORE)"),
            (None, Some(url)) => StoreUrl::parse(&url)
                .map(|u| relative_to_profile(u, self.file))
                .with_context(|| format!("invalid {}", self.origin("store"))),
            (None, None) => Ok(StoreUrl::Sqlite(default_store_path()?)),
        }
    }

    fn timezone(&self, file: Option<String>) -> anyhow::Result<Tz> {
        match self.pick("timezone", file) {
            Some((k, name)) => name.parse::<Tz>().map_err(|_| {
                invalid(format!(
                    "invalid {k} \"{name}\": expected an IANA time zone name such as America/Costa_Rica or UTC"
                ))
            }),
            None => Ok(system_timezone(self.env)),
        }
    }

    /// A duration key, `default` seconds when neither layer sets it.
    fn duration(&self, key: &str, file: Option<String>, default: u64) -> anyhow::Result<Duration> {
        let secs = match self.pick(key, file) {
            Some((k, v)) => parse_duration(&v).with_context(|| format!("invalid {k}"))?,
            None => default,
        };
        Ok(Duration::from_secs(secs))
    }

    /// `push_spread`: at most 30s, so that a push (bounded by master_timeout) still ends inside
    /// its minute.
    fn push_spread(&self, file: Option<String>) -> anyhow::Result<Duration> {
        let d = self.duration("push_spread", file, 20)?;
        if d > Duration::from_secs(30) {
            return Err(invalid(format!(
                "invalid push_spread \"{}\": expected at most 30s (the push must end inside its minute)",
                crate::units::format_duration(d.as_secs())
            )));
        }
        Ok(d)
    }

    /// A duration that must be above zero (a time limit).
    fn positive(&self, key: &str, file: Option<String>, default: u64) -> anyhow::Result<Duration> {
        let d = self.duration(key, file, default)?;
        if d.is_zero() {
            let from = match (self.env)(&Self::var(key)).filter(|v| !v.is_empty()) {
                Some(_) => Self::var(key),
                None => self.origin(key),
            };
            return Err(invalid(format!(
                "invalid {from} \"0s\": expected a duration above zero"
            )));
        }
        Ok(d)
    }

    /// A whole number from 1 to 256 (`jobs`, `per_connection`).
    fn count(&self, key: &str, file: Option<i64>, default: usize) -> anyhow::Result<usize> {
        let var = Self::var(key);
        let (from, n) = match (self.env)(&var).filter(|v| !v.is_empty()) {
            Some(v) => {
                let n = v.trim().parse::<i64>().map_err(|_| {
                    invalid(format!(
                        "invalid {var} \"{v}\": expected a whole number from 1 to 256"
                    ))
                })?;
                (var, n)
            }
            None => match file {
                Some(n) => (self.origin(key), n),
                None => return Ok(default),
            },
        };
        match usize::try_from(n) {
            Ok(n) if (1..=256).contains(&n) => Ok(n),
            _ => Err(invalid(format!(
                "invalid {from} {n}: expected a whole number from 1 to 256"
            ))),
        }
    }

    fn log_limit(&self, file: Option<String>) -> anyhow::Result<u64> {
        let Some((k, v)) = self.pick("log_limit", file) else {
            return Ok(16 << 20);
        };
        let n = parse_size(&v).with_context(|| format!("invalid {k}"))?;
        if n < 4096 {
            return Err(invalid(format!(
                "invalid {k} \"{v}\": expected at least 4KiB"
            )));
        }
        Ok(n)
    }

    /// A path written in the profile is read relative to the profile's folder; one from the
    /// environment as it is.
    fn on_failure(&self, file: Option<String>) -> Option<PathBuf> {
        match self.pick("on_failure", file.clone()) {
            Some((_, p)) if file.as_deref() == Some(p.as_str()) => Some(beside(self.file, &p)),
            picked => picked.map(|(_, p)| PathBuf::from(p)),
        }
    }
}

/// A relative path written in a profile means relative to the profile's folder.
fn beside(profile: Option<&Path>, path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    match profile.and_then(Path::parent) {
        Some(dir) if p.is_relative() && !dir.as_os_str().is_empty() => dir.join(p),
        _ => p,
    }
}

fn relative_to_profile(url: StoreUrl, profile: Option<&Path>) -> StoreUrl {
    match url {
        StoreUrl::Sqlite(p) => StoreUrl::Sqlite(beside(profile, &p.to_string_lossy())),
        other => other,
    }
}

fn read_raw(path: &Path) -> anyhow::Result<RawProfile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| invalid(format!("cannot read profile {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .map(|l| format!(" line {l}"))
            .unwrap_or_default();
        let msg = e.message().trim().replace('\n', " ");
        let msg = match msg
            .strip_prefix("unknown field `")
            .and_then(|m| m.split_once('`'))
        {
            Some((key, _)) => format!(
                "unknown key \"{key}\": expected one of {}",
                crate::manual::key_names()
            ),
            // Name the key whose value is wrong (toml says only what it expected).
            None => match e.span().and_then(|s| key_at(&text, s.start)) {
                Some(key) => format!("key \"{key}\": {msg}"),
                None => msg,
            },
        };
        invalid(format!("invalid profile {}{line}: {msg}", path.display()))
    })
}

/// The profile key set on the line that holds byte `at`, if that line is `key = value`.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let key = line.split_once('=')?.0.trim();
    crate::manual::PROFILE_KEYS
        .iter()
        .any(|k| k.0 == key)
        .then_some(key)
}

fn default_node() -> anyhow::Result<String> {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let short = host.split('.').next().unwrap_or_default().to_string();
    check_node(&short).map_err(|_| {
        invalid(format!(
            "host name \"{host}\" is not usable as a node name: set node = \"NAME\" in the profile"
        ))
    })?;
    Ok(short)
}

/// The system's zone: `TZ` when it names an IANA zone, else the platform's setting, else UTC.
fn system_timezone(env: EnvLookup<'_>) -> Tz {
    if let Some(tz) = env("TZ").and_then(|v| v.trim_start_matches(':').parse::<Tz>().ok()) {
        return tz;
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| n.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_manual_lists_exactly_the_keys_a_profile_takes() {
        // Every documented key is accepted (unknown ones are refused), with its documented default.
        for (key, _, _) in crate::manual::PROFILE_KEYS {
            let value = match *key {
                "jobs" | "per_connection" => "2".to_string(),
                "role" => "\"standalone\"".to_string(),
                "timezone" => "\"UTC\"".to_string(),
                "store" | "master" => "\"sqlite:/tmp/x.db\"".to_string(),
                "node" | "rman" | "on_failure" => "\"x\"".to_string(),
                "log_limit" => "\"1MiB\"".to_string(),
                _ => "\"5m\"".to_string(),
            };
            let text = format!("{key} = {value}\n");
            assert!(toml::from_str::<super::RawProfile>(&text).is_ok(), "{key}");
        }
        let p = load("", &[], Overrides::default()).unwrap();
        let doc = |k: &str| {
            crate::manual::PROFILE_KEYS
                .iter()
                .find(|e| e.0 == k)
                .unwrap()
                .1
        };
        assert_eq!(doc("jobs"), p.jobs.to_string());
        assert_eq!(doc("per_connection"), p.per_connection.to_string());
        assert_eq!(
            crate::units::parse_duration(doc("catch_up")).unwrap(),
            p.catch_up.as_secs(),
            "catch_up"
        );
        assert_eq!(
            crate::units::parse_duration(doc("default_timeout")).unwrap(),
            p.default_timeout.as_secs(),
            "default_timeout"
        );
        assert_eq!(
            crate::units::parse_duration(doc("master_timeout")).unwrap(),
            p.master_timeout.as_secs(),
            "master_timeout"
        );
        assert_eq!(
            crate::units::parse_duration(doc("hook_timeout")).unwrap(),
            p.hook_timeout.as_secs(),
            "hook_timeout"
        );
        assert_eq!(
            crate::units::parse_duration(doc("store_timeout")).unwrap(),
            p.store_timeout.as_secs(),
            "store_timeout"
        );
        assert_eq!(
            crate::units::parse_duration(doc("monitor_grace")).unwrap(),
            p.monitor_grace.as_secs(),
            "monitor_grace"
        );
        assert_eq!(
            crate::units::parse_duration(doc("cancel_grace")).unwrap(),
            p.cancel_grace.as_secs(),
            "cancel_grace"
        );
        assert_eq!(
            crate::units::parse_duration(doc("push_spread")).unwrap(),
            p.push_spread.as_secs(),
            "push_spread"
        );
        assert_eq!(p.log_limit, 16 << 20, "{}", doc("log_limit"));
    }

    use super::{Overrides, Profile, Role};
    use std::collections::HashMap;
    use std::io::Write;

    fn load(toml: &str, env: &[(&str, &str)], over: Overrides) -> anyhow::Result<Profile> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(toml.as_bytes()).unwrap();
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let over = Overrides {
            profile: Some(f.path().to_path_buf()),
            ..over
        };
        Profile::load_with(&over, &|k| env.get(k).cloned())
    }

    #[test]
    fn defaults_then_file_then_env_then_flags() {
        let p = load(
            "node = \"n1\"\njobs = 2\ncatch_up = \"5m\"\nrole = \"master\"",
            &[],
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(
            (p.node.as_str(), p.jobs, p.catch_up.as_secs(), p.role),
            ("n1", 2, 300, Role::Master)
        );
        assert_eq!(p.per_connection, 1);
        assert_eq!(p.log_limit, 16 << 20);
        let p = load(
            "jobs = 2\nnode = \"n1\"",
            &[("BACKUPCTL_JOBS", "3"), ("BACKUPCTL_ROLE", "master")],
            Overrides::default(),
        )
        .unwrap();
        assert_eq!((p.jobs, p.role), (3, Role::Master));
        let over = Overrides {
            role: Some(Role::Standalone),
            ..Default::default()
        };
        let p = load(
            "role = \"master\"\nnode = \"n1\"",
            &[("BACKUPCTL_ROLE", "master")],
            over,
        )
        .unwrap();
        assert_eq!(p.role, Role::Standalone);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let err = load("node = \"n1\"\nretention = 3", &[], Overrides::default()).unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("line 2")
                && msg.contains("unknown key \"retention\": expected one of role, node"),
            "{msg}"
        );
        let err = load("catch_up = \"soon\"", &[], Overrides::default()).unwrap_err();
        assert!(format!("{err:#}").contains("catch_up in"), "{err:#}");
        let err = load("jobs = 0", &[], Overrides::default()).unwrap_err();
        assert!(format!("{err:#}").contains("jobs"), "{err:#}");
        let err = load("timezone = \"Mars/Olympus\"", &[], Overrides::default()).unwrap_err();
        assert!(format!("{err:#}").contains("IANA"), "{err:#}");
        let err = load("role = \"slave\"", &[], Overrides::default()).unwrap_err();
        assert!(format!("{err:#}").contains("master"), "{err:#}");
    }
}
