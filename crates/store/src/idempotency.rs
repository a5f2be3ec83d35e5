//! Idempotency keys of the creating mutations (see `migrations/*_idempotency.sql`).
//!
//! Use, inside the mutation's transaction: [`claim`] before creating anything; on
//! [`Claim::Replay`] return the object it names and write nothing; on [`Claim::New`] create the
//! object, then [`complete`] the key with its id before committing. Two concurrent requests
//! with one key serialise on the primary key: the second waits for the first to commit (then
//! replays) or roll back (then creates).
//!
//! A key keeps a SHA-256 digest of the request, never the request itself (which may hold a
//! person's name and email), and only for the retention period: an expired key is claimed anew
//! as if it had never been used, and [`purge_expired`] deletes expired keys.

use crate::StoreError;
use chrono::Duration;
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
    /// SHA-256 of the canonical text of the normalised input, in lowercase hexadecimal.
    pub request_sha256: &'a str,
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
/// The same key with another input is [`StoreError::Conflict`]. An expired key is taken over
/// (it names no object any more) as if it were new: a key is kept for `retention`.
#[tracing::instrument(skip_all)]
pub async fn claim(conn: &mut PgConnection, key: &KeyUse<'_>, retention: Duration) -> Result<Claim, StoreError> {
    let inserted = sqlx::query(
        r#"insert into idempotency_key as k (user_id, operation, idempotency_key, request_sha256)
           values ($1, $2, $3, $4)
           on conflict (user_id, operation, idempotency_key) do update
               set request_sha256 = excluded.request_sha256, object_id = null, created_at = now()
               where k.created_at < now() - ($5::text)::interval"#,
    )
    .bind(key.user_id)
    .bind(key.operation)
    .bind(key.key)
    .bind(key.request_sha256)
    .bind(interval(retention))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (digest, object_id): (String, Option<Uuid>) = sqlx::query_as(
        r#"select request_sha256, object_id from idempotency_key
           where user_id = $1 and operation = $2 and idempotency_key = $3"#,
    )
    .bind(key.user_id)
    .bind(key.operation)
    .bind(key.key)
    .fetch_one(&mut *conn)
    .await?;
    match object_id {
        Some(id) if digest == key.request_sha256 => Ok(Claim::Replay(id)),
        Some(_) => Err(StoreError::Conflict("this idempotencyKey was already used with a different input")),
        // Only a committed row is visible here, and a committed row is complete.
        None => Err(StoreError::Conflict("this idempotencyKey is being used by another request")),
    }
}

/// Records the object a claimed key created.
#[tracing::instrument(skip_all)]
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

/// PostgreSQL's text for a duration, bound as `($n::text)::interval`.
fn interval(duration: Duration) -> String {
    format!("{} seconds", duration.num_seconds().max(0))
}

/// Deletes the keys older than `retention`: they will never be replayed. Returns how many
/// went.
#[tracing::instrument(skip_all)]
pub async fn purge_expired(conn: &mut PgConnection, retention: Duration) -> Result<u64, StoreError> {
    Ok(sqlx::query("delete from idempotency_key where created_at < now() - ($1::text)::interval")
        .bind(interval(retention))
        .execute(conn)
        .await?
        .rows_affected())
}

/// Deletes the keys that created a participant, by `registerParticipant` or by a spreadsheet
/// import (erasure: a key must not replay an erased person, and its digest was computed from
/// their name and email).
#[tracing::instrument(skip_all)]
pub async fn forget_participant(conn: &mut PgConnection, participant_id: Uuid) -> Result<(), StoreError> {
    sqlx::query("delete from idempotency_key where operation in ('registerParticipant', 'importParticipant') and object_id = $1")
        .bind(participant_id)
        .execute(conn)
        .await?;
    Ok(())
}
