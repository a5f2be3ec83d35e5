//! Idempotency keys of the creating mutations, with the rules API.md gives for follow-ups: a
//! key (1 to 255 characters, scoped to the user) replayed with the same input returns the first
//! object and writes nothing; with a different input it is `CONFLICT`.
//!
//! The input is compared in its normalised form (trimmed text, defaults applied), as canonical
//! JSON (keys sorted), so `" Café "` and `"Café"` are the same input. Only the SHA-256 digest of
//! that text is stored (the input of `registerParticipant` is a person's name and email), and
//! only for the store's retention period (`SISMIC_IDEMPOTENCY_RETENTION_DAYS`).

use crate::error::ApiResult;
use sha2::{Digest, Sha256};
use sismic_domain::validation as v;
use sismic_store::idempotency::{self as store, Claim, KeyUse};
use sismic_store::Tx;
use uuid::Uuid;

/// A validated key with the input it comes with.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    user_id: Uuid,
    operation: &'static str,
    key: String,
    request_sha256: String,
}

/// Lowercase hexadecimal SHA-256 of a text (what the migration computes for older rows with
/// `encode(sha256(convert_to(request, 'UTF8')), 'hex')`).
fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl IdempotencyKey {
    /// Validates the client's key (`BAD_USER_INPUT` unless 1 to 255 characters); `None` when
    /// the client gave none.
    pub fn new(
        user_id: Uuid,
        operation: &'static str,
        key: Option<&str>,
        normalised_input: serde_json::Value,
    ) -> ApiResult<Option<Self>> {
        let Some(key) = v::idempotency_key(key)? else { return Ok(None) };
        let request_sha256 = sha256_hex(&normalised_input.to_string());
        Ok(Some(IdempotencyKey { user_id, operation, key: key.to_owned(), request_sha256 }))
    }

    fn key_use(&self) -> KeyUse<'_> {
        KeyUse {
            user_id: self.user_id,
            operation: self.operation,
            key: &self.key,
            request_sha256: &self.request_sha256,
        }
    }
}

/// Claims the key in the mutation's transaction: `Some(id)` of the object an earlier request
/// created (the caller returns it and writes nothing), `None` to go on and create. A key older
/// than `retention` (the store's) is expired: the request is treated as new.
pub async fn claim(tx: &mut Tx, key: Option<&IdempotencyKey>, retention: chrono::Duration) -> ApiResult<Option<Uuid>> {
    let Some(key) = key else { return Ok(None) };
    match store::claim(tx, &key.key_use(), retention).await? {
        Claim::New => Ok(None),
        Claim::Replay(id) => Ok(Some(id)),
    }
}

/// Records the created object under the key, in the same transaction.
pub async fn complete(tx: &mut Tx, key: Option<&IdempotencyKey>, object_id: Uuid) -> ApiResult<()> {
    if let Some(key) = key {
        store::complete(tx, &key.key_use(), object_id).await?;
    }
    Ok(())
}
