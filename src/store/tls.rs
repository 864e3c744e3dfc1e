//! TLS to a PostgreSQL store as libpq does it (PostgreSQL documentation, libpq "SSL Support",
//! 34.19.1 "Client Verification of Server Certificates"), in pure Rust (rustls): nothing is
//! loaded at start-up for a node that never speaks TLS, and no system CA bundle is ever read —
//! libpq trusts only the roots of `sslrootcert`.
//!
//! - `prefer` / `require`: encrypted, the certificate not checked (libpq: "only ... encryption").
//! - `verify-ca`: the certificate chains to a root of `sslrootcert`. As with libpq over OpenSSL, a
//!   self-signed server certificate given as its own root is trusted as it stands: PostgreSQL's
//!   own recipe (18.9.5 "Creating Certificates", `openssl req -new -x509 … -subj /CN=dbhost`)
//!   makes one marked CA:TRUE with only a Common Name, which a WebPKI chain check refuses.
//! - `verify-full`: also the host name, by libpq's rules (see [`names_host`]), not WebPKI's.

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use x509_cert::der::Decode;

/// What the connection checks of the server's certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Nothing (`prefer`, `require`): the connection is encrypted, the peer unproven.
    Nothing,
    /// The chain to `sslrootcert` (`verify-ca`).
    Chain,
    /// The chain and the host name (`verify-full`).
    ChainAndName,
}

/// A rustls client configuration for `check`, with the roots read from `root_cert` (a PEM file).
pub fn client_config(
    check: Check,
    root_cert: Option<&str>,
) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Verifier::new(check, root_cert, Arc::clone(&provider))?;
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

struct Verifier {
    check: Check,
    provider: Arc<CryptoProvider>,
    /// The roots of `sslrootcert`, as given (a server certificate that is one of them is trusted).
    roots: Vec<CertificateDer<'static>>,
    /// WebPKI's chain check to those roots; None when none of them is a usable trust anchor.
    chain: Option<Arc<WebPkiServerVerifier>>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("check", &self.check)
            .field("roots", &self.roots.len())
            .finish()
    }
}

impl Verifier {
    fn new(
        check: Check,
        root_cert: Option<&str>,
        provider: Arc<CryptoProvider>,
    ) -> Result<Verifier, String> {
        let mut v = Verifier {
            check,
            provider,
            roots: Vec::new(),
            chain: None,
        };
        if check == Check::Nothing {
            return Ok(v);
        }
        let path = root_cert.ok_or("no sslrootcert")?;
        let pem =
            std::fs::read(path).map_err(|e| format!("cannot read sslrootcert {path}: {e}"))?;
        v.roots = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("cannot read sslrootcert {path}: {e}"))?;
        if v.roots.is_empty() {
            return Err(format!(
                "cannot read sslrootcert {path}: no certificate in it (expected PEM, -----BEGIN CERTIFICATE-----)"
            ));
        }
        let mut store = RootCertStore::empty();
        // A root WebPKI cannot take as an anchor (an old X.509 v1 certificate, say) still counts
        // when the server presents it itself.
        let (added, _) = store.add_parsable_certificates(v.roots.iter().cloned());
        if added > 0 {
            v.chain = Some(
                WebPkiServerVerifier::builder_with_provider(
                    Arc::new(store),
                    Arc::clone(&v.provider),
                )
                .build()
                .map_err(|e| format!("cannot use sslrootcert {path}: {e}"))?,
            );
        }
        Ok(v)
    }

    /// Whether the certificate chains to a root: it is one of them (and within its validity), or
    /// WebPKI builds a chain to one. The name is not WebPKI's business here.
    fn chains(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> Result<(), Error> {
        if self.roots.iter().any(|r| r.as_ref() == end_entity.as_ref()) {
            let cert = parsed(end_entity)?;
            let validity = &cert.tbs_certificate.validity;
            let now = std::time::Duration::from_secs(now.as_secs());
            if now < validity.not_before.to_unix_duration() {
                return Err(Error::InvalidCertificate(CertificateError::NotValidYet));
            }
            if now > validity.not_after.to_unix_duration() {
                return Err(Error::InvalidCertificate(CertificateError::Expired));
            }
            return Ok(());
        }
        let Some(chain) = &self.chain else {
            return Err(Error::InvalidCertificate(CertificateError::UnknownIssuer));
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, &[], now) {
            Ok(_) => Ok(()),
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if self.check == Check::Nothing {
            return Ok(ServerCertVerified::assertion());
        }
        self.chains(end_entity, intermediates, server_name, now)?;
        if self.check == Check::ChainAndName {
            let host = match server_name {
                ServerName::DnsName(d) => d.as_ref().to_string(),
                ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
                _ => return Err(Error::InvalidCertificate(CertificateError::NotValidForName)),
            };
            if !names_host(&parsed(end_entity)?, &host) {
                return Err(Error::InvalidCertificate(CertificateError::NotValidForName));
            }
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn parsed(der: &CertificateDer<'_>) -> Result<x509_cert::Certificate, Error> {
    x509_cert::Certificate::from_der(der.as_ref())
        .map_err(|_| Error::InvalidCertificate(CertificateError::BadEncoding))
}

/// Whether the certificate names `host` as libpq decides it for `verify-full` (libpq
/// `pq_verify_peer_name_matches_certificate_guts`): every dNSName SAN is compared with the host's
/// text (a leading `*.` standing for one label); when the host is an address, also every
/// iPAddress SAN by its bytes; and only when the certificate has no SAN of the host's own kind
/// (dNSName for a name, iPAddress for an address), its Common Name as a dNSName is.
pub fn names_host(cert: &x509_cert::Certificate, host: &str) -> bool {
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::SubjectAltName;
    let ip: Option<std::net::IpAddr> = host.parse().ok();
    let octets = ip.map(|ip| match ip {
        std::net::IpAddr::V4(v4) => v4.octets().to_vec(),
        std::net::IpAddr::V6(v6) => v6.octets().to_vec(),
    });
    let sans: Vec<GeneralName> = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == x509_cert::der::oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
        .filter_map(|e| SubjectAltName::from_der(e.extn_value.as_bytes()).ok())
        .flat_map(|s| s.0)
        .collect();
    let mut own_kind = false;
    for san in &sans {
        match san {
            GeneralName::DnsName(d) => {
                own_kind |= ip.is_none();
                if name_matches(d.as_str(), host) {
                    return true;
                }
            }
            GeneralName::IpAddress(bytes) if ip.is_some() => {
                own_kind = true;
                if Some(bytes.as_bytes()) == octets.as_deref() {
                    return true;
                }
            }
            _ => {}
        }
    }
    !own_kind && common_names(cert).iter().any(|cn| name_matches(cn, host))
}

/// libpq's `pq_verify_peer_name_matches_certificate_name`: equal ignoring case, or `*.rest`
/// against a host whose text from its first dot on is `.rest`.
fn name_matches(name: &str, host: &str) -> bool {
    if name.contains('\0') {
        return false;
    }
    if name.eq_ignore_ascii_case(host) {
        return true;
    }
    match (name.strip_prefix('*'), host.find('.')) {
        (Some(rest), Some(dot)) if rest.len() > 1 && rest.starts_with('.') => {
            rest.eq_ignore_ascii_case(&host[dot..])
        }
        _ => false,
    }
}

/// The subject's Common Names, as text.
fn common_names(cert: &x509_cert::Certificate) -> Vec<String> {
    cert.tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == x509_cert::der::oid::db::rfc4519::CN)
        .filter_map(|atv| std::str::from_utf8(atv.value.value()).ok())
        .map(str::to_string)
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::{names_host, parsed};
    use rustls::pki_types::CertificateDer;

    /// A self-signed certificate with this Common Name and these SANs (`IP:…`, `DNS:…`).
    fn cert(cn: &str, sans: &[&str]) -> x509_cert::Certificate {
        let der = made(cn, sans, None, false).to_der().unwrap();
        parsed(&CertificateDer::from(der)).unwrap()
    }

    /// A certificate for `cn` and `sans`, signed by `issuer` (its certificate and key) or by
    /// itself, marked CA:TRUE when `ca`, valid from now for a day.
    fn made(
        cn: &str,
        sans: &[&str],
        issuer: Option<&(
            openssl::x509::X509,
            openssl::pkey::PKey<openssl::pkey::Private>,
        )>,
        ca: bool,
    ) -> openssl::x509::X509 {
        made_with_key(cn, sans, issuer, ca).0
    }

    fn made_with_key(
        cn: &str,
        sans: &[&str],
        issuer: Option<&(
            openssl::x509::X509,
            openssl::pkey::PKey<openssl::pkey::Private>,
        )>,
        ca: bool,
    ) -> (
        openssl::x509::X509,
        openssl::pkey::PKey<openssl::pkey::Private>,
    ) {
        use openssl::x509::extension::SubjectAlternativeName;
        let key = openssl::ec::EcKey::generate(
            &openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap(),
        )
        .unwrap();
        let key = openssl::pkey::PKey::from_ec_key(key).unwrap();
        let mut name = openssl::x509::X509NameBuilder::new().unwrap();
        name.append_entry_by_text("CN", cn).unwrap();
        let name = name.build();
        let mut b = openssl::x509::X509Builder::new().unwrap();
        b.set_version(2).unwrap();
        b.set_subject_name(&name).unwrap();
        match issuer {
            Some((c, _)) => b.set_issuer_name(c.subject_name()).unwrap(),
            None => b.set_issuer_name(&name).unwrap(),
        }
        b.set_pubkey(&key).unwrap();
        let serial = openssl::bn::BigNum::from_u32(rand_serial()).unwrap();
        b.set_serial_number(&serial.to_asn1_integer().unwrap())
            .unwrap();
        let mut bc = openssl::x509::extension::BasicConstraints::new();
        if ca {
            bc.critical().ca();
        }
        b.append_extension(bc.build().unwrap()).unwrap();
        let now = openssl::asn1::Asn1Time::days_from_now(0).unwrap();
        let later = openssl::asn1::Asn1Time::days_from_now(1).unwrap();
        b.set_not_before(&now).unwrap();
        b.set_not_after(&later).unwrap();
        if !sans.is_empty() {
            let mut san = SubjectAlternativeName::new();
            for s in sans {
                match s.split_once(':') {
                    Some(("IP", ip)) => san.ip(ip),
                    Some(("DNS", dns)) => san.dns(dns),
                    _ => panic!("{s}"),
                };
            }
            let ext = san
                .build(&b.x509v3_context(issuer.map(|(c, _)| c.as_ref()), None))
                .unwrap();
            b.append_extension(ext).unwrap();
        }
        let signer = issuer.map_or(&key, |(_, k)| k);
        b.sign(signer, openssl::hash::MessageDigest::sha256())
            .unwrap();
        (b.build(), key)
    }

    fn rand_serial() -> u32 {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b).unwrap();
        u32::from_le_bytes(b) >> 1
    }

    /// Whether a server presenting `chain` (its certificate first) as `host` passes `check`
    /// with `roots` as sslrootcert.
    fn passes(
        check: super::Check,
        roots: &[&openssl::x509::X509],
        chain: &[&openssl::x509::X509],
        host: &str,
    ) -> Result<(), rustls::Error> {
        use rustls::client::danger::ServerCertVerifier;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("root.crt");
        let pem: Vec<u8> = roots.iter().flat_map(|r| r.to_pem().unwrap()).collect();
        std::fs::write(&path, pem).unwrap();
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let v = super::Verifier::new(check, Some(path.to_str().unwrap()), provider).unwrap();
        let der: Vec<CertificateDer<'static>> = chain
            .iter()
            .map(|c| CertificateDer::from(c.to_der().unwrap()))
            .collect();
        let name = rustls::pki_types::ServerName::try_from(host.to_string()).unwrap();
        v.verify_server_cert(
            &der[0],
            &der[1..],
            &name,
            &[],
            rustls::pki_types::UnixTime::now(),
        )
        .map(|_| ())
    }

    #[test]
    fn postgresqls_own_self_signed_recipe_verifies_as_with_libpq() {
        use super::Check;
        // `openssl req -new -x509 … -subj "/CN=dbhost.yourdomain.com"`: CA:TRUE, no SAN, given
        // to the client as its own root.
        let own = made("dbhost.example.com", &[], None, true);
        assert_eq!(passes(Check::Chain, &[&own], &[&own], "10.1.1.1"), Ok(()));
        assert_eq!(
            passes(Check::ChainAndName, &[&own], &[&own], "dbhost.example.com"),
            Ok(())
        );
        assert!(passes(Check::ChainAndName, &[&own], &[&own], "other.example.com").is_err());
        // Another self-signed certificate is not trusted by it.
        let stranger = made("dbhost.example.com", &[], None, true);
        assert!(passes(Check::Chain, &[&own], &[&stranger], "dbhost.example.com").is_err());
    }

    #[test]
    fn a_certificate_signed_by_the_root_verifies_and_its_name_counts_only_for_verify_full() {
        use super::Check;
        let ca = made_with_key("backupctl test CA", &[], None, true);
        let server = made("x", &["DNS:db1.example.com"], Some(&ca), false);
        assert_eq!(
            passes(Check::Chain, &[&ca.0], &[&server], "db9.example.com"),
            Ok(())
        );
        assert_eq!(
            passes(Check::ChainAndName, &[&ca.0], &[&server], "db1.example.com"),
            Ok(())
        );
        assert!(passes(Check::ChainAndName, &[&ca.0], &[&server], "db9.example.com").is_err());
        // Signed by another root: refused by both.
        let other = made_with_key("another CA", &[], None, true);
        let forged = made("x", &["DNS:db1.example.com"], Some(&other), false);
        for check in [Check::Chain, Check::ChainAndName] {
            assert!(passes(check, &[&ca.0], &[&forged], "db1.example.com").is_err());
        }
        // Prefer and require check nothing.
        assert_eq!(
            passes(Check::Nothing, &[&ca.0], &[&forged], "db1.example.com"),
            Ok(())
        );
    }

    #[test]
    fn an_address_is_matched_against_the_certificate_as_libpq_does() {
        for (cn, sans, matches) in [
            ("10.0.0.5", &[][..], true),
            ("db1", &["IP:10.0.0.5"][..], true),
            ("db1", &["DNS:10.0.0.5"][..], true),
            ("10.0.0.5", &["IP:10.0.0.6"][..], false),
            ("10.0.0.5", &["DNS:db1"][..], true),
            ("db1", &[][..], false),
            ("db1", &["DNS:db1", "IP:10.0.0.6"][..], false),
        ] {
            assert_eq!(
                names_host(&cert(cn, sans), "10.0.0.5"),
                matches,
                "CN={cn} SAN={sans:?}"
            );
        }
        assert!(names_host(&cert("db1", &["IP:fd00::5"]), "fd00::5"));
    }

    #[test]
    fn a_host_name_is_matched_against_the_certificate_as_libpq_does() {
        for (cn, sans, host, matches) in [
            // No dNSName SAN: the Common Name (PostgreSQL's own `-subj /CN=dbhost` recipe).
            ("db1.example.com", &[][..], "db1.example.com", true),
            ("DB1.example.com", &[][..], "db1.example.com", true),
            (
                "db1.example.com",
                &["IP:10.0.0.5"][..],
                "db1.example.com",
                true,
            ),
            // A dNSName SAN present: the Common Name no longer counts.
            (
                "db1.example.com",
                &["DNS:db2.example.com"][..],
                "db1.example.com",
                false,
            ),
            (
                "x",
                &["DNS:db2.example.com", "DNS:db1.example.com"][..],
                "db1.example.com",
                true,
            ),
            // A wildcard stands for exactly one label.
            ("x", &["DNS:*.example.com"][..], "db1.example.com", true),
            ("x", &["DNS:*.example.com"][..], "a.db1.example.com", false),
            ("x", &["DNS:*.example.com"][..], "example.com", false),
            ("*.example.com", &[][..], "db1.example.com", true),
            ("db1", &[][..], "db2", false),
        ] {
            assert_eq!(
                names_host(&cert(cn, sans), host),
                matches,
                "CN={cn} SAN={sans:?} host={host}"
            );
        }
    }
}
