//! Development passwords: argon2id hashes in PHC format, never the password.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Hashes a password for storage in a client's `passwordHash`.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Password hashes computed at once; more wait their turn. argon2 is
/// deliberately expensive (tens of milliseconds of CPU), so it runs on the
/// blocking pool, never on the async workers that serve every connection,
/// and no more of them than there are cores of a small machine.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`verify_password`] on the blocking pool, within the hashing concurrency.
pub async fn verify_password_off_runtime(password: Vec<u8>, phc_hash: String) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify_password(&password, &phc_hash))
        .await
        .unwrap_or(false)
}

/// [`hash_password`] on the blocking pool, within the hashing concurrency.
pub async fn hash_password_off_runtime(password: String) -> Result<String, String> {
    let _permit = HASHING.acquire().await.map_err(|e| e.to_string())?;
    tokio::task::spawn_blocking(move || hash_password(&password).map_err(|e| e.to_string()))
        .await
        .map_err(|e| e.to_string())?
}

/// Whether `password` matches a stored PHC hash (false for a malformed hash).
pub fn verify_password(password: &[u8], phc_hash: &str) -> bool {
    PasswordHash::new(phc_hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password, &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("s3cret").unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(verify_password(b"s3cret", &hash));
        assert!(!verify_password(b"s3cret!", &hash));
        assert!(!verify_password(b"s3cret", "not a hash"));
    }
}
