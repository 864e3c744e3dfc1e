//! TLS to a PostgreSQL store as libpq does it: `sslmode` and `sslrootcert` in the URL. Runs against
//! the PostgreSQL of BACKUPCTL_TEST_POSTGRES_URL when that server has `ssl = on`; says it skipped
//! otherwise.

use backupctl::store::postgres::PostgresBackend;
use backupctl::store::Backend;

use crate::support::{skip_notice, Env};

/// The test server's URL and its certificate file, when it speaks TLS.
fn tls_server() -> Option<(String, String)> {
    let Ok(url) = std::env::var("BACKUPCTL_TEST_POSTGRES_URL") else {
        skip_notice("skipping the PostgreSQL TLS tests: BACKUPCTL_TEST_POSTGRES_URL is not set");
        return None;
    };
    let mut c = postgres::Client::connect(&url, postgres::NoTls).ok()?;
    let on: String = c.query_one("SHOW ssl", &[]).ok()?.get(0);
    if on != "on" {
        skip_notice("skipping the PostgreSQL TLS tests: the test server has ssl = off");
        return None;
    }
    let cert: String = c.query_one("SHOW ssl_cert_file", &[]).ok()?.get(0);
    std::fs::metadata(&cert).ok()?;
    Some((url, cert))
}

fn with(url: &str, query: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{query}")
}

/// Whether the server sees this backend's own connection as TLS (pg_stat_ssl).
fn encrypted(url: &str) -> bool {
    let mut b = PostgresBackend::connect(url, "BACKUPCTL_STORE_PASSWORD", None).unwrap();
    let rows = b
        .query(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap();
    rows[0].get::<bool>("ssl").unwrap()
}

#[test]
fn require_encrypts_the_connection_and_disable_does_not() {
    let Some((url, _)) = tls_server() else { return };
    assert!(encrypted(&with(&url, "sslmode=require")));
    assert!(
        encrypted(&url),
        "prefer, the default, uses TLS when the server offers it"
    );
    assert!(!encrypted(&with(&url, "sslmode=disable")));
}

#[test]
fn verify_ca_and_verify_full_check_the_certificate() {
    let Some((url, cert)) = tls_server() else {
        return;
    };
    // The server's own (self-signed) certificate as the root: it chains, and it names localhost.
    let trusted = with(&url, &format!("sslmode=verify-ca&sslrootcert={cert}"));
    assert!(encrypted(&trusted));
    let by_name = with(
        &url.replace("127.0.0.1", "localhost"),
        &format!("sslmode=verify-full&sslrootcert={cert}"),
    );
    let names_localhost = std::process::Command::new("openssl")
        .args(["x509", "-noout", "-checkhost", "localhost", "-in", &cert])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("does match"));
    if names_localhost {
        assert!(encrypted(&by_name));
    }

    // A root of our own, which signed nothing of the server's: both modes refuse, exit 4.
    let env = Env::new();
    let ca = env.path().join("ca.pem");
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=backupctl test CA",
        ])
        .arg("-keyout")
        .arg(env.path().join("ca.key"))
        .arg("-out")
        .arg(&ca)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    for mode in ["verify-ca", "verify-full"] {
        let store = with(
            &url,
            &format!("sslmode={mode}&sslrootcert={}", ca.display()),
        );
        let err = env.fails(4, &["--store", &store, "logs"]);
        assert!(
            err.contains(&format!("sslmode={mode}"))
                && err.contains("invalid peer certificate: UnknownIssuer"),
            "{mode}: {err}"
        );
    }
    // verify-full also checks the name: the certificate does not name 127.0.0.1.
    if url.contains("127.0.0.1") {
        let store = with(&url, &format!("sslmode=verify-full&sslrootcert={cert}"));
        let err = env.fails(4, &["--store", &store, "logs"]);
        assert!(err.contains("sslmode=verify-full"), "{err}");
    }
}
