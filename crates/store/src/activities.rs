//! Activities of the pathway and attendance.

use crate::participants::Link;
use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sismic_domain::Stage;
use sqlx::PgConnection;
use uuid::Uuid;

/// An activity as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    /// Id.
    pub activity_id: Uuid,
    /// Region (of its cohort).
    pub region_id: Uuid,
    /// Cohort.
    pub cohort_id: Uuid,
    /// Stage it belongs to.
    #[sqlx(try_from = "String")]
    pub stage: Stage,
    /// Title.
    pub title: String,
    /// Date held.
    pub held_on: NaiveDate,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

const ACTIVITY_COLUMNS: &str = "activity_id, region_id, cohort_id, stage, title, held_on, created_at";

/// Creates an activity in a cohort the scope serves.
#[tracing::instrument(skip_all)]
pub async fn insert_activity(
    conn: &mut PgConnection,
    cohort_id: Uuid,
    stage: Stage,
    title: &str,
    held_on: NaiveDate,
    actor: Option<Uuid>,
) -> Result<ActivityRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into activity (region_id, cohort_id, stage, title, held_on, created_by)
           select c.region_id, c.cohort_id, $2, $3, $4, $5
           from cohort c where c.cohort_id = $1 and sismic_sees_region(c.region_id)
           returning {ACTIVITY_COLUMNS}"#
    ))
    .bind(cohort_id)
    .bind(stage.as_str())
    .bind(title)
    .bind(held_on)
    .bind(actor)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::MissingReference("cohortId"))
}

/// Activities by id, among those the scope serves.
#[tracing::instrument(skip_all)]
pub async fn activities_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<ActivityRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {ACTIVITY_COLUMNS} from activity
           where activity_id = any($1) and {sees}"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// A page of activities, optionally of one cohort, by date held then creation.
#[tracing::instrument(skip_all)]
pub async fn list_activities(
    conn: &mut PgConnection,
    cohort_id: Option<Uuid>,
    page: &PageRequest,
) -> Result<Page<ActivityRow>, StoreError> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        crate::visibility::gated(
            ACTIVITY_COLUMNS,
            "activity",
            &[all_rows!(), agent_rows!("region_id")],
            "($1::uuid is null or cohort_id = $1)
             and ($2::timestamptz is null or (created_at, activity_id) > ($2, $3))",
            "created_at, activity_id",
            "$4",
        )
    });
    let rows = sqlx::query_as(SQL.as_str())
        .bind(cohort_id)
        .bind(page.after_at())
        .bind(page.after_id())
        .bind(page.limit())
        .fetch_all(conn)
        .await?;
    Ok(Page::from_rows(rows, page))
}

/// Records the presence of participants at an activity of the same region. Someone already
/// recorded is left as is. Returns how many new presences were written.
#[tracing::instrument(skip_all)]
pub async fn insert_attendance(
    conn: &mut PgConnection,
    activity: &ActivityRow,
    participant_ids: &[Uuid],
) -> Result<u64, StoreError> {
    let result = sqlx::query(
        r#"insert into attendance (activity_id, participant_id, region_id)
           select $1, pid, $2 from unnest($3::uuid[]) as pid
           where sismic_sees_region($2)
           on conflict do nothing"#,
    )
    .bind(activity.activity_id)
    .bind(activity.region_id)
    .bind(participant_ids)
    .execute(conn)
    .await
    .map_err(StoreError::from)
    .map_err(|e| match e.constraint() {
        Some("attendance_participant_id_region_id_fkey") => {
            StoreError::Rejected("participants and activity must be of the same region")
        }
        _ => e,
    })?;
    Ok(result.rows_affected())
}

/// Attendees of the given activities (parent = activity), by name.
#[tracing::instrument(skip_all)]
pub async fn attendees_by_activity_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Link>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select a.activity_id as parent_id, a.participant_id
         from attendance a join participant pa using (participant_id)
         where a.activity_id = any($1) and ",
        sees_region!("a.region_id"),
        " order by a.activity_id, pa.last_name, pa.first_name, pa.participant_id"
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Activities each of the given participants attended (parent = activity), by date.
#[tracing::instrument(skip_all)]
pub async fn attendance_of_participants(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Link>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select a.activity_id as parent_id, a.participant_id
         from attendance a join activity ac using (activity_id)
         where a.participant_id = any($1) and ",
        sees_region!("a.region_id"),
        " order by ac.held_on, ac.activity_id"
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}
