//! The field rules of Event Grid's resources, each returning the rule broken
//! as text (the caller adds the resource kind, name and field).

use crate::resources::Attributes;

/// A client name or authentication name: 1-128 of `[A-Za-z0-9-:._]`.
pub(super) fn client_name(value: &str) -> Result<(), String> {
    const RULE: &str = "must be 1-128 characters of [A-Za-z0-9-:._]";
    let len = value.chars().count();
    if !(1..=128).contains(&len) {
        return Err(format!("{RULE} (it has {len})"));
    }
    if let Some((i, c)) = value
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '_')))
    {
        return Err(format!("{RULE} (found {c:?} at position {})", i + 1));
    }
    Ok(())
}

/// The name of a client group, topic space, permission binding or CA
/// certificate: 3-50 of `[A-Za-z0-9-]`.
pub(super) fn resource_name(value: &str) -> Result<(), String> {
    const RULE: &str = "must be 3-50 characters of [A-Za-z0-9-]";
    let len = value.chars().count();
    if !(3..=50).contains(&len) {
        return Err(format!("{RULE} (it has {len})"));
    }
    if let Some((i, c)) = value
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(format!("{RULE} (found {c:?} at position {})", i + 1));
    }
    Ok(())
}

/// An attribute key: one or more of `[A-Za-z0-9_]`.
pub(super) fn attribute_key(key: &str) -> Result<(), String> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err("attribute keys must be one or more of [A-Za-z0-9_]".to_owned());
    }
    Ok(())
}

/// The attributes' size as JSON, which must stay below `max` bytes.
pub(super) fn attributes_size(attributes: &Attributes, max: usize) -> Result<(), String> {
    let size = serde_json::to_string(attributes)
        .map(|s| s.len())
        .unwrap_or(usize::MAX);
    if size >= max {
        return Err(format!(
            "the attributes serialize to {size} bytes of JSON; they must be less than {max} (limits max_attributes_bytes)"
        ));
    }
    Ok(())
}

/// A SHA-256 thumbprint: 64 hex digits, returned in upper case.
pub(super) fn thumbprint(value: &str) -> Result<String, String> {
    if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "a thumbprint is the SHA-256 of the DER certificate: exactly 64 hex digits (found {} characters{})",
            value.chars().count(),
            if value.chars().all(|c| c.is_ascii_hexdigit()) {
                ""
            } else {
                ", not all hex digits"
            }
        ));
    }
    Ok(value.to_ascii_uppercase())
}

/// A password hash: a PHC string of argon2 (`$argon2id$v=19$...`).
pub(super) fn password_hash(value: &str) -> Result<(), String> {
    if !value.starts_with("$argon2") {
        return Err(
            "must be a PHC-format argon2 hash starting with '$argon2' (e.g. '$argon2id$v=19$...'), never a plain password"
                .to_owned(),
        );
    }
    Ok(())
}

/// A PEM certificate: `-----BEGIN CERTIFICATE-----`, base64, `-----END CERTIFICATE-----`.
pub(super) fn pem_certificate(value: &str) -> Result<(), String> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let trimmed = value.trim();
    let Some(after_begin) = trimmed.strip_prefix(BEGIN) else {
        return Err(format!("a PEM certificate must begin with '{BEGIN}'"));
    };
    let Some(body) = after_begin.strip_suffix(END) else {
        return Err(format!("a PEM certificate must end with '{END}'"));
    };
    if body.contains("-----") {
        return Err("exactly one certificate: upload each CA certificate separately".to_owned());
    }
    let mut base64_chars = 0;
    for c in body.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            base64_chars += 1;
        } else if !c.is_ascii_whitespace() {
            return Err(format!(
                "the body between the BEGIN and END lines must be base64 (found {c:?})"
            ));
        }
    }
    if base64_chars == 0 {
        return Err("the certificate body between the BEGIN and END lines is empty".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names() {
        for ok in ["a", "dev-1:x.y_z", &"x".repeat(128)] {
            assert_eq!(client_name(ok), Ok(()), "{ok}");
        }
        assert!(client_name("").unwrap_err().contains("(it has 0)"));
        assert!(client_name(&"x".repeat(129))
            .unwrap_err()
            .contains("(it has 129)"));
        assert!(client_name("ab c")
            .unwrap_err()
            .contains("found ' ' at position 3"));
        assert!(client_name("a/b").is_err());
        assert!(client_name("é").is_err());
    }

    #[test]
    fn resource_names() {
        for ok in ["abc", "a-b-C-1", &"x".repeat(50)] {
            assert_eq!(resource_name(ok), Ok(()), "{ok}");
        }
        assert!(resource_name("ab").is_err());
        assert!(resource_name(&"x".repeat(51)).is_err());
        assert!(resource_name("a_bc").unwrap_err().contains("'_'"));
        assert!(resource_name("$all").is_err());
    }

    #[test]
    fn thumbprints() {
        let lower = "ab".repeat(32);
        assert_eq!(thumbprint(&lower), Ok("AB".repeat(32)));
        assert!(thumbprint(&"a".repeat(63)).is_err());
        assert!(thumbprint(&format!("{}g", "a".repeat(63)))
            .unwrap_err()
            .contains("not all hex"));
        assert!(thumbprint(&"a".repeat(40)).is_err(), "SHA-1 is not enough");
    }

    #[test]
    fn pem_shapes() {
        let good = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\nAbC+/==\n-----END CERTIFICATE-----\n";
        assert_eq!(pem_certificate(good), Ok(()));
        assert!(pem_certificate("MIIB").unwrap_err().contains("begin"));
        assert!(pem_certificate("-----BEGIN CERTIFICATE-----\nMIIB")
            .unwrap_err()
            .contains("end"));
        assert!(
            pem_certificate("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----")
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            pem_certificate("-----BEGIN CERTIFICATE-----\nMI*B\n-----END CERTIFICATE-----")
                .unwrap_err()
                .contains("base64")
        );
        let two = format!("{good}{good}");
        assert!(pem_certificate(&two).unwrap_err().contains("exactly one"));
        assert!(
            pem_certificate("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----")
                .is_err()
        );
    }

    #[test]
    fn password_hashes() {
        assert_eq!(
            password_hash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
            Ok(())
        );
        assert!(password_hash("hunter2").is_err());
        assert!(password_hash("$2b$12$bcrypt").is_err());
    }
}
