//! Partner institutions, shared by the whole network.

use crate::error::OnConstraint;
use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, Utc};
use sismic_domain::PartnerKind;
use sqlx::PgConnection;
use uuid::Uuid;

/// A partner as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerRow {
    /// Id.
    pub partner_id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    #[sqlx(try_from = "String")]
    pub kind: PartnerKind,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Creates a partner. Names are unique regardless of case.
#[tracing::instrument(skip_all)]
pub async fn insert_partner(conn: &mut PgConnection, name: &str, kind: PartnerKind) -> Result<PartnerRow, StoreError> {
    sqlx::query_as(
        r#"insert into partner (name, kind) values ($1, $2)
           returning partner_id, name, kind, created_at"#,
    )
    .bind(name)
    .bind(kind.as_str())
    .fetch_one(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("partner_name_key", StoreError::Conflict("a partner with this name already exists"))
}

/// Partners by id.
#[tracing::instrument(skip_all)]
pub async fn partners_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<PartnerRow>, StoreError> {
    Ok(sqlx::query_as(r#"select partner_id, name, kind, created_at from partner where partner_id = any($1)"#)
        .bind(ids)
        .fetch_all(conn)
        .await?)
}

/// A page of partners, in creation order.
#[tracing::instrument(skip_all)]
pub async fn list_partners(conn: &mut PgConnection, page: &PageRequest) -> Result<Page<PartnerRow>, StoreError> {
    let rows = sqlx::query_as(
        r#"select partner_id, name, kind, created_at from partner
           where ($1::timestamptz is null or (created_at, partner_id) > ($1, $2))
           order by created_at, partner_id
           limit $3"#,
    )
    .bind(page.after_at())
    .bind(page.after_id())
    .bind(page.limit())
    .fetch_all(conn)
    .await?;
    Ok(Page::from_rows(rows, page))
}

/// Renames a partner or changes its kind (administrators). `None` keeps a value. A taken name
/// (case aside) is a conflict; an unknown partner is `NotFound`.
#[tracing::instrument(skip_all)]
pub async fn update_partner(
    conn: &mut PgConnection,
    partner_id: Uuid,
    name: Option<&str>,
    kind: Option<PartnerKind>,
) -> Result<PartnerRow, StoreError> {
    sqlx::query_as(
        r#"update partner set name = coalesce($2, name), kind = coalesce($3, kind)
           where partner_id = $1
           returning partner_id, name, kind, created_at"#,
    )
    .bind(partner_id)
    .bind(name)
    .bind(kind.map(PartnerKind::as_str))
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("partner_name_key", StoreError::Conflict("a partner with this name already exists"))?
    .ok_or(StoreError::NotFound)
}
