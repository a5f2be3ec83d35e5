//! Follow-ups ("suivis"), with idempotent creation.

use crate::error::OnConstraint;
use crate::{Page, PageRequest, StoreError};
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
    /// The user logging it (scopes the idempotency key).
    pub created_by: Uuid,
    /// Idempotency key.
    pub idempotency_key: Option<&'a str>,
}

impl NewFollowUp<'_> {
    fn same_as(&self, row: &FollowUpRow) -> bool {
        self.region_id == row.region_id
            && self.project_id == row.project_id
            && self.partner_id == row.partner_id
            && self.occurred_on == row.occurred_on
            && self.mode == row.mode
            && self.summary == row.summary
            && self.duration_minutes == row.duration_minutes
    }
}

/// The result of logging: the follow-up, and whether it already existed under the same key.
#[derive(Debug, Clone)]
pub struct Logged {
    /// The follow-up.
    pub follow_up: FollowUpRow,
    /// True when an earlier request with the same idempotency key created it.
    pub replayed: bool,
}

/// Logs a follow-up. A replay of the same key with the same input returns the first one and
/// writes nothing; with a different input it is a conflict. Two concurrent requests with one
/// key serialise on the unique index, so exactly one row is written.
pub async fn insert_follow_up(conn: &mut PgConnection, new: &NewFollowUp<'_>) -> Result<Logged, StoreError> {
    let inserted: Option<FollowUpRow> = sqlx::query_as(&format!(
        r#"insert into follow_up (region_id, project_id, partner_id, occurred_on, mode, summary,
                                  duration_minutes, created_by, idempotency_key)
           select $1, $2, $3, $4, $5, $6, $7, $8, $9 where sismic_sees_region($1)
           on conflict on constraint follow_up_idempotency_key do nothing
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
    .bind(new.idempotency_key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("follow_up_partner_id_fkey", StoreError::MissingReference("partnerId"))
    .on_constraint("follow_up_region_id_fkey", StoreError::MissingReference("regionId"))
    .on_constraint("follow_up_project_id_region_id_fkey", StoreError::MissingReference("projectId"))?;
    if let Some(follow_up) = inserted {
        return Ok(Logged { follow_up, replayed: false });
    }
    let Some(key) = new.idempotency_key else {
        // Nothing inserted without a key: the region is not the scope's.
        return Err(StoreError::MissingReference("regionId"));
    };
    let existing: FollowUpRow = sqlx::query_as(&format!(
        r#"select {FOLLOW_UP_COLUMNS} from follow_up where created_by = $1 and idempotency_key = $2"#
    ))
    .bind(new.created_by)
    .bind(key)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::MissingReference("regionId"))?;
    if new.same_as(&existing) {
        Ok(Logged { follow_up: existing, replayed: true })
    } else {
        Err(StoreError::Conflict("this idempotencyKey was already used with a different input"))
    }
}

/// Follow-ups by id, among those the scope may read in full (their region's staff).
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

/// A page of follow-ups, newest first (by date, then id). The cursor's `at` is the date at
/// midnight UTC.
pub async fn list_follow_ups(
    conn: &mut PgConnection,
    filter: &FollowUpFilter,
    page: &PageRequest,
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
        .bind(page.after.map(|c| c.at.date_naive()))
        .bind(page.after_id())
        .bind(page.limit())
        .fetch_all(conn)
        .await?;
    Ok(Page::from_rows(rows, page))
}
