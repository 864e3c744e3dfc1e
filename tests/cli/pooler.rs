//! A real PgBouncer in front of the test server, started and stopped by a test or a bench (which
//! includes this file by path): what a fleet puts in front of its master.

/// A database of the test's own on the test server, and a PgBouncer started in front of it in
/// transaction pooling mode with two server connections (so that clients share them), as a
/// fleet puts one in front of its master. PgBouncer takes no `options` in the startup packet (so
/// no per-test search path): hence a database per test. `None`, saying so, without
/// BACKUPCTL_TEST_POSTGRES_URL or a `pgbouncer` binary.
pub struct PgBouncer {
    pub port: u16,
    /// The database through PgBouncer.
    pub url: String,
    /// The database directly.
    pub direct: String,
    base: String,
    database: String,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl PgBouncer {
    /// In transaction pooling mode with `servers` server connections for all its clients.
    pub fn with_pool(what: &str, servers: u32) -> Option<PgBouncer> {
        PgBouncer::launch(what, move |host, port, db| Route {
            databases: format!("* = host={host} port={port}"),
            settings: format!("pool_mode = transaction\ndefault_pool_size = {servers}\n"),
            url_database: db.to_string(),
        })
    }

    /// A PgBouncer that answers for database `name` with a read-only database of its own (every
    /// transaction read-only, as on a standby): the host a failover list must pass over. It lets
    /// the startup packet's `options` through unread, as a pooler configured for them does.
    pub fn read_only_as(what: &str, name: &str) -> Option<PgBouncer> {
        let name = name.to_string();
        PgBouncer::launch(what, move |host, port, db| Route {
            databases: format!("{name} = host={host} port={port} dbname={db}"),
            settings: "ignore_startup_parameters = options\n".into(),
            url_database: name.clone(),
        })
    }

    fn launch(what: &str, route: impl Fn(&str, u16, &str) -> Route) -> Option<PgBouncer> {
        let base = match std::env::var("BACKUPCTL_TEST_POSTGRES_URL") {
            Ok(u) if !u.is_empty() => u,
            _ => {
                eprintln!("note: skipping {what}: BACKUPCTL_TEST_POSTGRES_URL is not set");
                return None;
            }
        };
        let Some(bin) = ["pgbouncer", "/usr/sbin/pgbouncer"].into_iter().find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        }) else {
            eprintln!("note: skipping {what}: pgbouncer not installed");
            return None;
        };
        let config: postgres::Config = base.parse().expect("BACKUPCTL_TEST_POSTGRES_URL");
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            _ => "127.0.0.1".to_string(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let user = config.get_user().unwrap_or("postgres").to_string();
        let id = backupctl::units::new_id("", chrono::Utc::now());
        let database = format!("bctl_{}", id.replace('-', "_").to_lowercase());
        let mut c = postgres::Client::connect(&base, postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {database}"))
            .unwrap();
        let route = route(&host, port, &database);
        if route.url_database != database {
            c.batch_execute(&format!(
                "ALTER DATABASE {database} SET default_transaction_read_only = on"
            ))
            .unwrap();
        }
        let listen = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let bouncer_port = listen.local_addr().unwrap().port();
        drop(listen);
        let dir = tempfile::tempdir().unwrap();
        let ini = dir.path().join("pgbouncer.ini");
        let users = dir.path().join("users.txt");
        std::fs::write(&users, format!("\"{user}\" \"\"\n")).unwrap();
        std::fs::write(
            &ini,
            format!(
                "[databases]\n{}\n\n[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {bouncer_port}\nunix_socket_dir =\nauth_type = trust\nauth_file = {}\nmax_client_conn = 2000\n{}",
                route.databases,
                users.display(),
                route.settings
            ),
        )
        .unwrap();
        let mut cmd = std::process::Command::new(bin);
        // PgBouncer refuses to run as root: as root, it runs as nobody, reading its files.
        if running_as_root() {
            use std::os::unix::fs::PermissionsExt;
            for (f, mode) in [(dir.path(), 0o755), (&ini, 0o644), (&users, 0o644)] {
                std::fs::set_permissions(f, std::fs::Permissions::from_mode(mode)).unwrap();
            }
            cmd.args(["-u", "nobody"]);
        }
        let child = cmd
            .arg(&ini)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let url = format!(
            "postgres://{user}@127.0.0.1:{bouncer_port}/{}",
            route.url_database
        );
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while postgres::Client::connect(&url, postgres::NoTls).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "pgbouncer did not start on port {bouncer_port}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let direct = format!("postgres://{user}@{host}:{port}/{database}");
        Some(PgBouncer {
            port: bouncer_port,
            url,
            direct,
            base,
            database,
            child,
            _dir: dir,
        })
    }

    /// A client of the database, not through PgBouncer.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.direct, postgres::NoTls).unwrap()
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.database
            ));
        }
    }
}

/// How a PgBouncer routes: its `[databases]` lines, its settings, and the database name clients use.
struct Route {
    databases: String,
    settings: String,
    url_database: String,
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        == Some("0")
}
