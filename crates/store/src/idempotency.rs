//! Idempotency keys of the creating mutations (see `migrations/*_idempotency.sql`).
//!
//! Use, inside the mutation's transaction: [`claim`] before creating anything; on
//! [`Claim::Replay`] return the object it names and write nothing; on [`Claim::New`] create the
//! object, then [`complete`] the key with its id before committing. Two concurrent requests
//! with one key serialise on the primary key: the second waits for the first to commit (then
//! replays) or roll back (then creates).

use crate::StoreError;
use sqlx::PgConnection;
use uuid::Uuid;

/// Who used a key, for which operation, with which input.
#[derive(Debug, Clone, Copy)]
pub struct KeyUse<'a> {
    /// The user (keys are scoped to the user).
    pub user_id: Uuid,
    /// The mutation, e.g. `createProject`.
    pub operation: &'a str,
    /// The client's key, 1 to 255 characters.
    pub key: &'a str,
    /// Canonical text of the normalised input.
    pub request: &'a str,
}

/// Outcome of [`claim`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// First use of the key: create the object, then [`complete`] the key.
    New,
    /// The key was used before with the same input: the object it created.
    Replay(Uuid),
}

/// Claims a key, or finds the object an earlier request with the same key and input created.
/// The same key with another input is [`StoreError::Conflict`].
pub async fn claim(conn: &mut PgConnection, key: &KeyUse<'_>) -> Result<Claim, StoreError> {
    let inserted = sqlx::query(
        r#"insert into idempotency_key (user_id, operation, idempotency_key, request)
           values ($1, $2, $3, $4)
           on conflict do nothing"#,
    )
    .bind(key.user_id)
    .bind(key.operation)
    .bind(key.key)
    .bind(key.request)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (request, object_id): (String, Option<Uuid>) = sqlx::query_as(
        r#"select request, object_id from idempotency_key
           where user_id = $1 and operation = $2 and idempotency_key = $3"#,
    )
    .bind(key.user_id)
    .bind(key.operation)
    .bind(key.key)
    .fetch_one(&mut *conn)
    .await?;
    match object_id {
        Some(id) if request == key.request => Ok(Claim::Replay(id)),
        Some(_) => Err(StoreError::Conflict("this idempotencyKey was already used with a different input")),
        // Only a committed row is visible here, and a committed row is complete.
        None => Err(StoreError::Conflict("this idempotencyKey is being used by another request")),
    }
}

/// Records the object a claimed key created.
pub async fn complete(conn: &mut PgConnection, key: &KeyUse<'_>, object_id: Uuid) -> Result<(), StoreError> {
    sqlx::query(
        r#"update idempotency_key set object_id = $4
           where user_id = $1 and operation = $2 and idempotency_key = $3"#,
    )
    .bind(key.user_id)
    .bind(key.operation)
    .bind(key.key)
    .bind(object_id)
    .execute(conn)
    .await?;
    Ok(())
}
