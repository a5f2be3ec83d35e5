//! Projects, their stage/status history, awards and enterprise launches.

mod attention;
mod awards;

use crate::error::OnConstraint;
use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sismic_domain::{ProjectState, ProjectStatus, Sector, Stage};
use sqlx::PgConnection;
use uuid::Uuid;

pub use attention::{projects_needing_attention, AttentionRow, AttentionRule};
pub use awards::{
    awards_by_ids, awards_by_project_ids, insert_award, insert_launch, launches_by_project_ids, AwardRow, LaunchRow,
};

/// A project as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectRow {
    /// Id.
    pub project_id: Uuid,
    /// Region (of its cohort).
    pub region_id: Uuid,
    /// Cohort.
    pub cohort_id: Uuid,
    /// Name.
    pub name: String,
    /// Free description.
    pub summary: Option<String>,
    /// The partner the project came from.
    pub origin_partner_id: Option<Uuid>,
    /// Current stage.
    #[sqlx(try_from = "String")]
    pub stage: Stage,
    /// Current status.
    #[sqlx(try_from = "String")]
    pub status: ProjectStatus,
    /// Optimistic-concurrency version: 1 at creation, +1 per stage or status change.
    pub version: i32,
    /// Sector of activity, if recorded.
    #[sqlx(try_from = "Option<String>")]
    pub sector: OptionSector,
    /// MRC (territory), if recorded.
    pub mrc: Option<String>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Follow-ups logged on it (kept by a trigger).
    pub follow_up_count: i32,
    /// Date of the most recent follow-up.
    pub last_follow_up_on: Option<NaiveDate>,
    /// Members of its team (kept by a trigger).
    pub team_size: i32,
}

impl ProjectRow {
    /// Stage and status.
    pub fn state(&self) -> ProjectState {
        ProjectState { stage: self.stage, status: self.status }
    }
}

macro_rules! project_columns {
    () => {
        "project_id, region_id, cohort_id, name, summary, origin_partner_id, stage, status, version, sector, mrc, \
         created_at, updated_at, follow_up_count, last_follow_up_on, team_size"
    };
}
const PROJECT_COLUMNS: &str = project_columns!();

/// One entry of a project's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StageEventRow {
    /// Project.
    pub project_id: Uuid,
    /// The version this entry produced.
    pub version: i32,
    /// Stage before (none for the creation entry).
    #[sqlx(try_from = "Option<String>")]
    pub from_stage: OptionStage,
    /// Stage after.
    #[sqlx(try_from = "String")]
    pub to_stage: Stage,
    /// Status before (none for the creation entry).
    #[sqlx(try_from = "Option<String>")]
    pub from_status: OptionStatus,
    /// Status after.
    #[sqlx(try_from = "String")]
    pub to_status: ProjectStatus,
    /// Why.
    pub note: Option<String>,
    /// Who.
    pub actor_user_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
}

/// An optional stage read from a nullable column.
#[derive(Debug, Clone, Copy)]
pub struct OptionStage(pub Option<Stage>);
/// An optional status read from a nullable column.
#[derive(Debug, Clone, Copy)]
pub struct OptionStatus(pub Option<ProjectStatus>);
/// An optional sector read from a nullable column.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionSector(pub Option<Sector>);

impl TryFrom<Option<String>> for OptionSector {
    type Error = sismic_domain::project::UnknownName;
    fn try_from(value: Option<String>) -> Result<Self, Self::Error> {
        value.map(|v| v.parse()).transpose().map(OptionSector)
    }
}

impl TryFrom<Option<String>> for OptionStage {
    type Error = sismic_domain::project::UnknownName;
    fn try_from(value: Option<String>) -> Result<Self, Self::Error> {
        value.map(|v| v.parse()).transpose().map(OptionStage)
    }
}
impl TryFrom<Option<String>> for OptionStatus {
    type Error = sismic_domain::project::UnknownName;
    fn try_from(value: Option<String>) -> Result<Self, Self::Error> {
        value.map(|v| v.parse()).transpose().map(OptionStatus)
    }
}

/// A new project.
#[derive(Debug, Clone)]
pub struct NewProject<'a> {
    /// Cohort (its region becomes the project's).
    pub cohort_id: Uuid,
    /// Name, validated.
    pub name: &'a str,
    /// Description, validated.
    pub summary: Option<&'a str>,
    /// Origin partner.
    pub origin_partner_id: Option<Uuid>,
    /// Starting stage.
    pub stage: Stage,
    /// Who creates it.
    pub actor: Option<Uuid>,
}

/// Creates a project in a cohort the scope sees, with its first history entry.
#[tracing::instrument(skip_all)]
pub async fn insert_project(conn: &mut PgConnection, new: &NewProject<'_>) -> Result<ProjectRow, StoreError> {
    insert_project_dated(conn, new, None).await
}

/// As [`insert_project`], with the creation entry of the history dated `at` (loading past data,
/// such as the demo dataset) instead of now.
#[tracing::instrument(skip_all)]
pub async fn insert_project_dated(
    conn: &mut PgConnection,
    new: &NewProject<'_>,
    at: Option<DateTime<Utc>>,
) -> Result<ProjectRow, StoreError> {
    let row: Option<ProjectRow> = sqlx::query_as(&format!(
        r#"insert into project (region_id, cohort_id, name, summary, origin_partner_id, stage, status, version, created_by)
           select c.region_id, c.cohort_id, $2, $3, $4, $5, 'ACTIVE', 1, $6
           from cohort c where c.cohort_id = $1 and sismic_sees_region(c.region_id)
           returning {PROJECT_COLUMNS}"#
    ))
    .bind(new.cohort_id)
    .bind(new.name)
    .bind(new.summary)
    .bind(new.origin_partner_id)
    .bind(new.stage.as_str())
    .bind(new.actor)
    .fetch_optional(&mut *conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("project_name_key", StoreError::Conflict("this cohort already has a project with this name"))
    .on_constraint("project_origin_partner_id_fkey", StoreError::MissingReference("originPartnerId"))?;
    let row = row.ok_or(StoreError::MissingReference("cohortId"))?;
    insert_event(conn, &row, None, None, new.actor, at).await?;
    Ok(row)
}

async fn insert_event(
    conn: &mut PgConnection,
    after: &ProjectRow,
    before: Option<ProjectState>,
    note: Option<&str>,
    actor: Option<Uuid>,
    at: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    sqlx::query(
        r#"insert into project_stage_event
               (project_id, version, from_stage, to_stage, from_status, to_status, note, actor_user_id, at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
    )
    .bind(after.project_id)
    .bind(after.version)
    .bind(before.map(|s| s.stage.as_str()))
    .bind(after.stage.as_str())
    .bind(before.map(|s| s.status.as_str()))
    .bind(after.status.as_str())
    .bind(note)
    .bind(actor)
    .bind(at.unwrap_or(after.updated_at))
    .execute(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("project_stage_event_pkey", StoreError::Conflict("the project changed meanwhile"))?;
    Ok(())
}

/// Reads a visible project and locks it until the transaction ends, so that concurrent
/// changes queue behind each other and see each other's version.
#[tracing::instrument(skip_all)]
pub async fn lock_project(conn: &mut PgConnection, project_id: Uuid) -> Result<ProjectRow, StoreError> {
    sqlx::query_as(&format!(
        r#"select {PROJECT_COLUMNS} from project
           where project_id = $1 and sismic_sees_region(region_id)
           for update"#
    ))
    .bind(project_id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Applies a stage or status change decided by the domain rules: bumps the version and
/// appends the history entry. `current` must come from [`lock_project`] in this transaction.
#[tracing::instrument(skip_all)]
pub async fn record_transition(
    conn: &mut PgConnection,
    current: &ProjectRow,
    to: ProjectState,
    note: Option<&str>,
    actor: Option<Uuid>,
) -> Result<ProjectRow, StoreError> {
    record_transition_dated(conn, current, to, note, actor, None).await
}

/// As [`record_transition`], with the history entry dated `at` (loading past data, such as the
/// demo dataset) instead of now. The caller keeps a project's entries in time order.
#[tracing::instrument(skip_all)]
pub async fn record_transition_dated(
    conn: &mut PgConnection,
    current: &ProjectRow,
    to: ProjectState,
    note: Option<&str>,
    actor: Option<Uuid>,
    at: Option<DateTime<Utc>>,
) -> Result<ProjectRow, StoreError> {
    let updated: ProjectRow = sqlx::query_as(&format!(
        r#"update project set stage = $3, status = $4, version = version + 1
           where project_id = $1 and version = $2
           returning {PROJECT_COLUMNS}"#
    ))
    .bind(current.project_id)
    .bind(current.version)
    .bind(to.stage.as_str())
    .bind(to.status.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::Conflict("the project changed meanwhile"))?;
    insert_event(conn, &updated, Some(current.state()), note, actor, at).await?;
    Ok(updated)
}

/// Changes a project's descriptive fields (not its stage or status: no version change).
#[tracing::instrument(skip_all)]
pub async fn update_project_details(
    conn: &mut PgConnection,
    project_id: Uuid,
    name: Option<&str>,
    summary: Option<Option<&str>>,
    origin_partner_id: Option<Option<Uuid>>,
) -> Result<ProjectRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update project set
               name = coalesce($2, name),
               summary = case when $3 then $4 else summary end,
               origin_partner_id = case when $5 then $6 else origin_partner_id end
           where project_id = $1 and sismic_sees_region(region_id)
           returning {PROJECT_COLUMNS}"#
    ))
    .bind(project_id)
    .bind(name)
    .bind(summary.is_some())
    .bind(summary.flatten())
    .bind(origin_partner_id.is_some())
    .bind(origin_partner_id.flatten())
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("project_name_key", StoreError::Conflict("this cohort already has a project with this name"))
    .on_constraint("project_origin_partner_id_fkey", StoreError::MissingReference("originPartnerId"))?
    .ok_or(StoreError::NotFound)
}

/// Sets a project's report dimensions (`None` keeps a field, `Some(None)` clears it). Not a
/// stage or status change: the version stays the same.
#[tracing::instrument(skip_all)]
pub async fn set_project_dimensions(
    conn: &mut PgConnection,
    project_id: Uuid,
    sector: Option<Option<Sector>>,
    mrc: Option<Option<&str>>,
) -> Result<ProjectRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update project set
               sector = case when $2 then $3 else sector end,
               mrc = case when $4 then $5 else mrc end
           where project_id = $1 and sismic_sees_region(region_id)
           returning {PROJECT_COLUMNS}"#
    ))
    .bind(project_id)
    .bind(sector.is_some())
    .bind(sector.flatten().map(Sector::as_str))
    .bind(mrc.is_some())
    .bind(mrc.flatten())
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Projects by id, among those the scope sees.
#[tracing::instrument(skip_all)]
pub async fn projects_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<ProjectRow>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select ",
        project_columns!(),
        " from project where project_id = any($1) and ",
        sees_project!("region_id", "origin_partner_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Filters of the project list.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    /// Only this cohort.
    pub cohort_id: Option<Uuid>,
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this status.
    pub status: Option<ProjectStatus>,
    /// Only projects that came from this partner.
    pub origin_partner_id: Option<Uuid>,
}

/// A page of the projects the scope sees, in creation order: read in that order from the index
/// of the scope's projects (all of them, their region's, their partner's), whatever the filters.
#[tracing::instrument(skip_all)]
pub async fn list_projects(
    conn: &mut PgConnection,
    filter: &ProjectFilter,
    page: &PageRequest,
) -> Result<Page<ProjectRow>, StoreError> {
    let rows = sqlx::query_as(gated_list!(
        "project_id, region_id, cohort_id, name, summary, origin_partner_id, stage, status, version, sector, mrc, \
         created_at, updated_at, follow_up_count, last_follow_up_on, team_size",
        "project",
        [all_rows!(), agent_rows!("region_id"), partner_rows!("origin_partner_id")],
        "($1::uuid is null or cohort_id = $1)
         and ($2::text is null or stage = $2)
         and ($3::text is null or status = $3)
         and ($4::uuid is null or origin_partner_id = $4)
         and ($5::timestamptz is null or (created_at, project_id) > ($5, $6))",
        "created_at, project_id",
        "$7"
    ))
    .bind(filter.cohort_id)
    .bind(filter.stage.map(Stage::as_str))
    .bind(filter.status.map(ProjectStatus::as_str))
    .bind(filter.origin_partner_id)
    .bind(page.after_at())
    .bind(page.after_id())
    .bind(page.limit())
    .fetch_all(conn)
    .await?;
    Ok(Page::from_rows(rows, page))
}

/// The history of the given projects, oldest first within each project.
#[tracing::instrument(skip_all)]
pub async fn events_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<StageEventRow>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select e.project_id, e.version, e.from_stage, e.to_stage, e.from_status, e.to_status,
                e.note, e.actor_user_id, e.at
         from project_stage_event e join project p using (project_id)
         where e.project_id = any($1) and p.project_id = any($1) and ",
        sees_project!("p.region_id", "p.origin_partner_id"),
        " order by e.project_id, e.version"
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}
