//! Idempotency keys of the creating mutations, with the rules API.md gives for follow-ups: a
//! key (1 to 255 characters, scoped to the user) replayed with the same input returns the first
//! object and writes nothing; with a different input it is `CONFLICT`.
//!
//! The input is compared in its normalised form (trimmed text, defaults applied), as canonical
//! JSON (keys sorted), so `" Café "` and `"Café"` are the same input.

use crate::error::ApiResult;
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
    request: String,
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
        Ok(Some(IdempotencyKey { user_id, operation, key: key.to_owned(), request: normalised_input.to_string() }))
    }

    fn key_use(&self) -> KeyUse<'_> {
        KeyUse { user_id: self.user_id, operation: self.operation, key: &self.key, request: &self.request }
    }
}

/// Claims the key in the mutation's transaction: `Some(id)` of the object an earlier request
/// created (the caller returns it and writes nothing), `None` to go on and create.
pub async fn claim(tx: &mut Tx, key: Option<&IdempotencyKey>) -> ApiResult<Option<Uuid>> {
    let Some(key) = key else { return Ok(None) };
    match store::claim(tx, &key.key_use()).await? {
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
