//! Regions (the Pôles) and cohorts.

use crate::error::OnConstraint;
use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// A region as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegionRow {
    /// Id.
    pub region_id: Uuid,
    /// Short code (`CQ`).
    pub code: String,
    /// Name (`Centre-du-Québec`).
    pub name: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A cohort as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CohortRow {
    /// Id.
    pub cohort_id: Uuid,
    /// Region it belongs to.
    pub region_id: Uuid,
    /// Name (`2020-2021`).
    pub name: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Creates a region. A taken code is a conflict.
#[tracing::instrument(skip_all)]
pub async fn insert_region(conn: &mut PgConnection, code: &str, name: &str) -> Result<RegionRow, StoreError> {
    sqlx::query_as(
        r#"insert into region (code, name) values ($1, $2)
           returning region_id, code, name, created_at"#,
    )
    .bind(code)
    .bind(name)
    .fetch_one(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("region_code_key", StoreError::Conflict("a region with this code already exists"))
}

/// Regions by id. Regions are not secret: everyone signed in may read names.
#[tracing::instrument(skip_all)]
pub async fn regions_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<RegionRow>, StoreError> {
    Ok(sqlx::query_as(r#"select region_id, code, name, created_at from region where region_id = any($1)"#)
        .bind(ids)
        .fetch_all(conn)
        .await?)
}

/// A region by its code.
#[tracing::instrument(skip_all)]
pub async fn region_by_code(conn: &mut PgConnection, code: &str) -> Result<RegionRow, StoreError> {
    Ok(sqlx::query_as(r#"select region_id, code, name, created_at from region where code = $1"#)
        .bind(code)
        .fetch_one(conn)
        .await?)
}

/// All regions, by code.
#[tracing::instrument(skip_all)]
pub async fn list_regions(conn: &mut PgConnection) -> Result<Vec<RegionRow>, StoreError> {
    Ok(sqlx::query_as(r#"select region_id, code, name, created_at from region order by code"#).fetch_all(conn).await?)
}

/// Creates a cohort in a region. The caller checked the region is the actor's.
#[tracing::instrument(skip_all)]
pub async fn insert_cohort(
    conn: &mut PgConnection,
    region_id: Uuid,
    name: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Result<CohortRow, StoreError> {
    sqlx::query_as(
        r#"insert into cohort (region_id, name, starts_on, ends_on)
           select $1, $2, $3, $4 where sismic_sees_region($1)
           returning cohort_id, region_id, name, starts_on, ends_on, created_at"#,
    )
    .bind(region_id)
    .bind(name)
    .bind(starts_on)
    .bind(ends_on)
    .fetch_one(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("cohort_name_key", StoreError::Conflict("this region already has a cohort with this name"))
    .on_constraint("cohort_region_id_fkey", StoreError::NotFound)
}

const COHORT_COLUMNS: &str = "cohort_id, region_id, name, starts_on, ends_on, created_at";

/// Cohorts by id, among those the scope sees.
#[tracing::instrument(skip_all)]
pub async fn cohorts_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<CohortRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {COHORT_COLUMNS} from cohort c
           where cohort_id = any($1)
             and ({sees} or (select sismic_role()) = 'FUNDER'
                  or (select sismic_role()) = 'PARTNER'
                     and exists (select 1 from project p where p.cohort_id = c.cohort_id
                                 and p.origin_partner_id = (select sismic_partner())))"#,
        sees = sees_region!("c.region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Cohorts the scope sees, optionally of one region, newest first by start date then oldest
/// created — keyset on creation for stable paging.
#[tracing::instrument(skip_all)]
pub async fn list_cohorts(
    conn: &mut PgConnection,
    region_id: Option<Uuid>,
    page: &PageRequest,
) -> Result<Page<CohortRow>, StoreError> {
    let rows = sqlx::query_as(&format!(
        r#"select {COHORT_COLUMNS} from cohort c
           where ({sees} or (select sismic_role()) = 'FUNDER')
             and ($1::uuid is null or region_id = $1)
             and ($2::timestamptz is null or (created_at, cohort_id) > ($2, $3))
           order by created_at, cohort_id
           limit $4"#,
        sees = sees_region!("c.region_id")
    ))
    .bind(region_id)
    .bind(page.after_at())
    .bind(page.after_id())
    .bind(page.limit())
    .fetch_all(conn)
    .await?;
    Ok(Page::from_rows(rows, page))
}

/// The cohort of the same region that ended most recently before this one started.
#[tracing::instrument(skip_all)]
pub async fn previous_cohort(conn: &mut PgConnection, cohort: &CohortRow) -> Result<Option<CohortRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {COHORT_COLUMNS} from cohort
           where region_id = $1 and starts_on < $2 and cohort_id <> $3
           order by starts_on desc limit 1"#
    ))
    .bind(cohort.region_id)
    .bind(cohort.starts_on)
    .bind(cohort.cohort_id)
    .fetch_optional(conn)
    .await?)
}

/// Renames a region or changes its code (administrators). `None` keeps a value. A taken code is
/// a conflict; an unknown region is `NotFound`.
#[tracing::instrument(skip_all)]
pub async fn update_region(
    conn: &mut PgConnection,
    region_id: Uuid,
    code: Option<&str>,
    name: Option<&str>,
) -> Result<RegionRow, StoreError> {
    sqlx::query_as(
        r#"update region set code = coalesce($2, code), name = coalesce($3, name)
           where region_id = $1
           returning region_id, code, name, created_at"#,
    )
    .bind(region_id)
    .bind(code)
    .bind(name)
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("region_code_key", StoreError::Conflict("a region with this code already exists"))?
    .ok_or(StoreError::NotFound)
}

/// Locks a cohort the scope may change, for an update (`NotFound` otherwise).
#[tracing::instrument(skip_all)]
pub async fn lock_cohort(conn: &mut PgConnection, cohort_id: Uuid) -> Result<CohortRow, StoreError> {
    sqlx::query_as(&format!(
        r#"select {COHORT_COLUMNS} from cohort where cohort_id = $1 and sismic_writes_region(region_id) for update"#
    ))
    .bind(cohort_id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// How many of a cohort's activities are held outside `starts_on..=ends_on`.
#[tracing::instrument(skip_all)]
pub async fn activities_outside(
    conn: &mut PgConnection,
    cohort_id: Uuid,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from activity where cohort_id = $1 and (held_on < $2 or held_on > $3)")
        .bind(cohort_id)
        .bind(starts_on)
        .bind(ends_on)
        .fetch_one(conn)
        .await?)
}

/// Renames a cohort or changes its dates (the caller checked the dates and locked the row).
#[tracing::instrument(skip_all)]
pub async fn update_cohort(
    conn: &mut PgConnection,
    cohort_id: Uuid,
    name: &str,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Result<CohortRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update cohort set name = $2, starts_on = $3, ends_on = $4
           where cohort_id = $1 and sismic_writes_region(region_id)
           returning {COHORT_COLUMNS}"#
    ))
    .bind(cohort_id)
    .bind(name)
    .bind(starts_on)
    .bind(ends_on)
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("cohort_name_key", StoreError::Conflict("this region already has a cohort with this name"))
    .on_constraint("cohort_dates_in_order", StoreError::Rejected("endsOn: must not be before startsOn"))?
    .ok_or(StoreError::NotFound)
}
