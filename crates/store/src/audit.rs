//! The audit trail: who changed what, when, written in the same transaction as the change.
//! The table is append-only (the database refuses UPDATE and DELETE) and readable by
//! administrators only. Entries never hold personal information: ids and project state only.

use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// One change to record.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    /// The acting user (none for the system's own tasks).
    pub user_id: Option<Uuid>,
    /// Their role (`ADMIN`, …, or `SYSTEM`).
    pub role: &'a str,
    /// The operation, as the API names it (`advanceProjectStage`).
    pub operation: &'a str,
    /// The kind of entity (`Project`).
    pub entity_type: &'a str,
    /// Its id.
    pub entity_id: Option<Uuid>,
    /// Its region, when it has one.
    pub region_id: Option<Uuid>,
    /// State before (for changes).
    pub before: Option<Value>,
    /// State after.
    pub after: Option<Value>,
}

/// An entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    /// Sequence number.
    pub audit_id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub user_id: Option<Uuid>,
    /// Their role.
    pub role: String,
    /// What.
    pub operation: String,
    /// On what kind of entity.
    pub entity_type: String,
    /// On which.
    pub entity_id: Option<Uuid>,
    /// In which region.
    pub region_id: Option<Uuid>,
    /// State before.
    pub before: Option<Value>,
    /// State after.
    pub after: Option<Value>,
}

/// Appends an entry.
#[tracing::instrument(skip_all)]
pub async fn record(conn: &mut PgConnection, entry: &NewEntry<'_>) -> Result<(), StoreError> {
    sqlx::query(
        r#"insert into audit_log (user_id, role, operation, entity_type, entity_id, region_id, before, after)
           values ($1, $2, $3, $4, $5, $6, $7, $8)"#,
    )
    .bind(entry.user_id)
    .bind(entry.role)
    .bind(entry.operation)
    .bind(entry.entity_type)
    .bind(entry.entity_id)
    .bind(entry.region_id)
    .bind(&entry.before)
    .bind(&entry.after)
    .execute(conn)
    .await?;
    Ok(())
}

/// Filters of the audit log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this entity.
    pub entity_id: Option<Uuid>,
    /// Only this user.
    pub user_id: Option<Uuid>,
    /// Only this operation.
    pub operation: Option<String>,
    /// At or after.
    pub from: Option<DateTime<Utc>>,
    /// Before.
    pub to: Option<DateTime<Utc>>,
}

/// A page of entries, newest first. The cursor is the last entry's sequence number.
#[tracing::instrument(skip_all)]
pub async fn list(
    conn: &mut PgConnection,
    filter: &AuditFilter,
    page: &PageRequest<i64>,
) -> Result<Page<AuditRow>, StoreError> {
    let after_seq = page.after;
    // Statements run with generic plans (see `Store::open`): the entity's or the user's entries
    // come from their index only if the statement says `= $1` outright.
    let by = match (filter.entity_id, filter.user_id) {
        (Some(_), _) => "entity_id = $1",
        (None, Some(_)) => "user_id = $2 and $1::uuid is null",
        (None, None) => "$1::uuid is null and $2::uuid is null",
    };
    let sql = format!(
        r#"select audit_id, at, user_id, role, operation, entity_type, entity_id, region_id, before, after
           from audit_log
           where {by}
             and ($2::uuid is null or user_id = $2)
             and ($3::text is null or operation = $3)
             and ($4::timestamptz is null or at >= $4)
             and ($5::timestamptz is null or at < $5)
             and ($6::bigint is null or audit_id < $6)
           order by audit_id desc
           limit $7"#
    );
    let rows = sqlx::query_as(&sql)
        .bind(filter.entity_id)
        .bind(filter.user_id)
        .bind(filter.operation.as_deref())
        .bind(filter.from)
        .bind(filter.to)
        .bind(after_seq)
        .bind(page.limit())
        .fetch_all(conn)
        .await?;
    Ok(Page::from_rows(rows, page))
}
