//! Which Oracle instances run on this host, read from the process table without connecting (a
//! SYSDBA connection leaves an audit record each time; `check` may run every few minutes): each
//! instance has one process monitor whose name carries its SID, `ora_pmon_ORCL` up to 21c and
//! `db_pmon_FREE` from 23ai (Database Concepts, Background Processes; `ps -ef | grep pmon` is how a
//! DBA looks). The SID in it is written as the instance was started, so its case is the case
//! `ORACLE_SID` must have.

/// What the process table says about one SID.
#[derive(Debug, PartialEq, Eq)]
pub enum Instance {
    /// A process monitor of exactly this SID runs.
    Running,
    /// None of this SID, but one whose SID differs only in case (`orcl` for `ORCL`).
    OtherCase(String),
    /// No process monitor of this SID in any case; the SIDs that do run.
    NotRunning(Vec<String>),
    /// The process table cannot be read here (not Linux).
    Unknown,
}

/// The SIDs of the process monitors running on this host, `None` where /proc is not there.
/// A monitor's name is its argv[0], `<prefix>_pmon_<SID>`; the prefix is `ora` or `db` for a
/// database instance (`asm` for ASM, `apx` for an ASM proxy, `mdb` for Grid's management
/// database: not backup targets).
pub fn running_sids() -> Option<Vec<String>> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let all = std::fs::read_dir("/proc").ok()?;
    let mut sids: Vec<String> = all
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .filter_map(|cmdline| {
            let argv0 = cmdline.split(|b| *b == 0).next()?;
            let name = std::str::from_utf8(argv0).ok()?.trim_end();
            let sid = name
                .strip_prefix("ora_pmon_")
                .or_else(|| name.strip_prefix("db_pmon_"))?;
            (!sid.is_empty() && !sid.contains(['/', ' '])).then(|| sid.to_string())
        })
        .collect();
    sids.sort();
    sids.dedup();
    Some(sids)
}

/// Judge `sid` against the running SIDs (`None`: unknown here).
pub fn lookup(sid: &str, running: Option<&[String]>) -> Instance {
    let Some(running) = running else {
        return Instance::Unknown;
    };
    if running.iter().any(|r| r == sid) {
        return Instance::Running;
    }
    match running.iter().find(|r| r.eq_ignore_ascii_case(sid)) {
        Some(other) => Instance::OtherCase(other.clone()),
        None => Instance::NotRunning(running.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::{lookup, Instance};

    #[test]
    fn a_sid_is_matched_with_its_case() {
        let running = vec!["ORCL".to_string(), "cdb1".to_string()];
        assert_eq!(lookup("ORCL", Some(&running)), Instance::Running);
        assert_eq!(
            lookup("orcl", Some(&running)),
            Instance::OtherCase("ORCL".into())
        );
        assert_eq!(
            lookup("PDB1", Some(&running)),
            Instance::NotRunning(running.clone())
        );
        assert_eq!(lookup("ORCL", None), Instance::Unknown);
    }
}
