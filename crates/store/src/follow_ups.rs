//! Follow-ups ("suivis").

use crate::error::OnConstraint;
use crate::{Cursor, Page, PageRequest, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sismic_domain::FollowUpMode;
use sqlx::PgConnection;
use uuid::Uuid;

/// A follow-up as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FollowUpRow {
    /// Id.
    pub follow_up_id: Uuid,
    /// Region it belongs to.
    pub region_id: Uuid,
    /// Project, for a project follow-up.
    pub project_id: Option<Uuid>,
    /// Partner met, if any.
    pub partner_id: Option<Uuid>,
    /// Date it happened.
    pub occurred_on: NaiveDate,
    /// How it took place.
    #[sqlx(try_from = "String")]
    pub mode: FollowUpMode,
    /// What was discussed.
    pub summary: String,
    /// Length in minutes.
    pub duration_minutes: Option<i32>,
    /// Who logged it.
    pub created_by: Uuid,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

const FOLLOW_UP_COLUMNS: &str = "follow_up_id, region_id, project_id, partner_id, occurred_on, mode, \
                                 summary, duration_minutes, created_by, created_at";

/// A follow-up to log, already validated.
#[derive(Debug, Clone)]
pub struct NewFollowUp<'a> {
    /// Region (the project's, else the agent's, else given by an admin).
    pub region_id: Uuid,
    /// Project.
    pub project_id: Option<Uuid>,
    /// Partner.
    pub partner_id: Option<Uuid>,
    /// Date.
    pub occurred_on: NaiveDate,
    /// Mode.
    pub mode: FollowUpMode,
    /// Summary, trimmed.
    pub summary: &'a str,
    /// Minutes.
    pub duration_minutes: Option<i32>,
    /// The user logging it.
    pub created_by: Uuid,
}

/// Logs a follow-up, in a region of the scope (else [`StoreError::MissingReference`]). A retry
/// is told from a new follow-up by the caller's idempotency key (see [`crate::idempotency`]),
/// as for every creating mutation.
#[tracing::instrument(skip_all)]
pub async fn insert_follow_up(conn: &mut PgConnection, new: &NewFollowUp<'_>) -> Result<FollowUpRow, StoreError> {
    let inserted: Option<FollowUpRow> = sqlx::query_as(&format!(
        r#"insert into follow_up (region_id, project_id, partner_id, occurred_on, mode, summary,
                                  duration_minutes, created_by)
           select $1, $2, $3, $4, $5, $6, $7, $8 where sismic_sees_region($1)
           returning {FOLLOW_UP_COLUMNS}"#
    ))
    .bind(new.region_id)
    .bind(new.project_id)
    .bind(new.partner_id)
    .bind(new.occurred_on)
    .bind(new.mode.as_str())
    .bind(new.summary)
    .bind(new.duration_minutes)
    .bind(new.created_by)
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("follow_up_partner_id_fkey", StoreError::MissingReference("partnerId"))
    .on_constraint("follow_up_region_id_fkey", StoreError::MissingReference("regionId"))
    .on_constraint("follow_up_project_id_region_id_fkey", StoreError::MissingReference("projectId"))?;
    // Nothing inserted: the region is not the scope's.
    inserted.ok_or(StoreError::MissingReference("regionId"))
}

/// Follow-ups by id, among those the scope may read in full (their region's staff).
#[tracing::instrument(skip_all)]
pub async fn follow_ups_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<FollowUpRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {FOLLOW_UP_COLUMNS} from follow_up
           where follow_up_id = any($1) and {sees}"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Filters of the follow-up list.
#[derive(Debug, Clone, Default)]
pub struct FollowUpFilter {
    /// Only follow-ups on this project.
    pub project_id: Option<Uuid>,
    /// Only follow-ups with this partner.
    pub partner_id: Option<Uuid>,
    /// Only partner follow-ups (no project).
    pub without_project: bool,
    /// Occurred on or after.
    pub from: Option<NaiveDate>,
    /// Occurred on or before.
    pub to: Option<NaiveDate>,
}

/// Follow-ups newest first, in one branch per way of seeing them (see [`gated_list!`]).
const LIST_SQL: &str = gated_list!(
    "follow_up_id, region_id, project_id, partner_id, occurred_on, mode, summary, duration_minutes, created_by, \
     created_at",
    "follow_up",
    [all_rows!(), agent_rows!("region_id")],
    "($1::uuid is null or project_id = $1)
     and ($2::uuid is null or partner_id = $2)
     and (not $3 or project_id is null)
     and ($4::date is null or occurred_on >= $4)
     and ($5::date is null or occurred_on <= $5)
     and ($6::date is null or (occurred_on, follow_up_id) < ($6, $7))",
    "occurred_on desc, follow_up_id desc",
    "$8"
);

/// A page of follow-ups, newest first (by date, then id): the cursor is the last one's date and id.
#[tracing::instrument(skip_all)]
pub async fn list_follow_ups(
    conn: &mut PgConnection,
    filter: &FollowUpFilter,
    page: &PageRequest<Cursor<NaiveDate>>,
) -> Result<Page<FollowUpRow>, StoreError> {
    // One project's follow-ups come from the project's index; `project_id = $1` is written
    // out (not `$1 is null or …`) so that a cached generic plan still uses it.
    let sql = if filter.project_id.is_some() {
        concat!(
            "select follow_up_id, region_id, project_id, partner_id, occurred_on, mode, summary, duration_minutes, \
             created_by, created_at from follow_up
             where project_id = $1 and ",
            sees_region!("region_id"),
            " and ($2::uuid is null or partner_id = $2)
             and (not $3 or project_id is null)
             and ($4::date is null or occurred_on >= $4)
             and ($5::date is null or occurred_on <= $5)
             and ($6::date is null or (occurred_on, follow_up_id) < ($6, $7))
             order by occurred_on desc, follow_up_id desc
             limit $8"
        )
    } else {
        LIST_SQL
    };
    let rows = sqlx::query_as(sql)
        .bind(filter.project_id)
        .bind(filter.partner_id)
        .bind(filter.without_project)
        .bind(filter.from)
        .bind(filter.to)
        .bind(page.after_at())
        .bind(page.after_id())
        .bind(page.limit())
        .fetch_all(conn)
        .await?;
    Ok(Page::from_rows(rows, page))
}
