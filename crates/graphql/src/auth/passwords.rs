//! Passwords: argon2id hashes (PHC strings), their verification, and the bounded pool that runs them.

use crate::error::ApiError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Argon2, Block, Params, Version};
use std::sync::OnceLock;

/// Runs password hashing (Argon2id: 19 MiB and a core for tens of milliseconds each) on the
/// blocking pool, at most `concurrent` at a time. Without a bound, one anonymous request of
/// aliased `login` fields could start hundreds at once.
#[derive(Clone)]
pub struct PasswordHashing {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for PasswordHashing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHashing").field("available", &self.permits.available_permits()).finish()
    }
}

impl PasswordHashing {
    /// At most `concurrent` (at least 1) hashes at a time.
    pub fn new(concurrent: usize) -> Self {
        PasswordHashing { permits: std::sync::Arc::new(tokio::sync::Semaphore::new(concurrent.max(1))) }
    }

    /// Runs `f` once a slot is free. Waiting stops at the request's deadline (`UNAVAILABLE`).
    /// The slot is held by the computation itself, so a caller that goes away does not free
    /// it early.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Option<tokio::time::Instant>,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let acquire = self.permits.clone().acquire_owned();
        let permit = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, acquire).await.map_err(|_| ApiError::Unavailable)?,
            None => acquire.await,
        }
        .map_err(|_| ApiError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let _slot = permit;
            f()
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            ApiError::Internal
        })
    }
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "cannot hash a password");
        ApiError::Internal
    };
    let salt = SaltString::generate(&mut OsRng);
    let params = Params::default();
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_bytes).map_err(|e| failed(&e))?;
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(
        &Argon2::new(argon2::Algorithm::Argon2id, Version::V0x13, params.clone()),
        password,
        salt_bytes,
        &mut output,
    )
    .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: argon2::Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&output).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Checks a password against a stored hash. With no hash (unknown email) it checks against a
/// fixed dummy hash, so that both cases take the same time and give the same answer.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not a password of anybody").unwrap_or_default());
    let known = stored.is_some();
    let Ok(hash) = PasswordHash::new(stored.unwrap_or(dummy)) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let argon = match (
        argon2::Algorithm::try_from(hash.algorithm),
        hash.version.map(Version::try_from).transpose(),
        Params::try_from(&hash),
    ) {
        (Ok(algorithm), Ok(version), Ok(params)) => Argon2::new(algorithm, version.unwrap_or_default(), params),
        _ => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut output = vec![0u8; expected.len()];
    if argon2_into(&argon, password, salt_bytes, &mut output).is_err() {
        return false;
    }
    // `Output`'s comparison takes the same time whatever the bytes.
    Output::new(&output).is_ok_and(|computed| computed == expected) && known
}

/// Runs Argon2 into `output` with working memory of its own: 19 MiB for the default
/// parameters, in an allocation made larger than glibc's largest mmap threshold (32 MiB) and
/// its largest thread heap (64 MiB), so that malloc always maps it for the hash and unmaps it
/// when it is freed. (Argon2's own allocation, 19 MiB, comes from the hashing thread's malloc
/// arena once the threshold has grown, and freed it stays there, resident: each thread of the
/// blocking pool that ever hashed would keep 19 MiB for good.) Only the pages the hash uses
/// are ever touched, so only 19 MiB is resident, and only while it runs.
fn argon2_into(argon: &Argon2<'_>, password: &str, salt: &[u8], output: &mut [u8]) -> Result<(), argon2::Error> {
    const MAPPED_BYTES: usize = 65 << 20;
    let blocks = argon.params().block_count();
    let mut memory: Vec<Block> = Vec::with_capacity(blocks.max(MAPPED_BYTES / Block::SIZE));
    memory.resize(blocks, Block::default());
    argon.hash_password_into_with_memory(password.as_bytes(), salt, output, &mut memory)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_the_argon2_crates_own_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_password("correct horse battery").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default().verify_password(b"correct horse battery", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"wrong", &parsed).is_err());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default().hash_password(b"correct horse battery", &salt).unwrap().to_string();
        assert!(theirs.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{theirs}");
        assert_eq!(ours.len(), theirs.len());
        assert!(verify_password("correct horse battery", Some(&theirs)));
        assert!(!verify_password("correct horse batterz", Some(&theirs)));
    }

    #[test]
    fn passwords_verify_and_unknown_users_never_pass() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("wrong", Some(&hash)));
        assert!(!verify_password("not a password of anybody", None));
    }
}
