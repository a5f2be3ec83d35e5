//! Projects, their stage/status history, awards and enterprise launches.

use crate::error::OnConstraint;
use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sismic_domain::{LegalForm, ProjectState, ProjectStatus, Sector, Stage};
use sqlx::PgConnection;
use uuid::Uuid;

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

/// An award as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AwardRow {
    /// Id.
    pub award_id: Uuid,
    /// Project.
    pub project_id: Uuid,
    /// Region of the project.
    pub region_id: Uuid,
    /// Funder.
    pub funder_partner_id: Uuid,
    /// Amount in cents.
    pub amount_cents: i64,
    /// Date awarded.
    pub awarded_on: NaiveDate,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

const AWARD_COLUMNS: &str = "award_id, project_id, region_id, funder_partner_id, amount_cents, awarded_on, created_at";

/// Records an award to a project of the scope's region from a funder partner.
#[tracing::instrument(skip_all)]
pub async fn insert_award(
    conn: &mut PgConnection,
    project_id: Uuid,
    funder_partner_id: Uuid,
    amount_cents: i64,
    awarded_on: NaiveDate,
    actor: Option<Uuid>,
) -> Result<AwardRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into award (project_id, region_id, funder_partner_id, amount_cents, awarded_on, created_by)
           select p.project_id, p.region_id, $2, $3, $4, $5
           from project p where p.project_id = $1 and sismic_sees_region(p.region_id)
           returning {AWARD_COLUMNS}"#
    ))
    .bind(project_id)
    .bind(funder_partner_id)
    .bind(amount_cents)
    .bind(awarded_on)
    .bind(actor)
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("award_funder_partner_id_fkey", StoreError::MissingReference("funderPartnerId"))?
    .ok_or(StoreError::MissingReference("projectId"))
}

/// Awards of the given projects, oldest first.
#[tracing::instrument(skip_all)]
pub async fn awards_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<AwardRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {AWARD_COLUMNS} from award
           where project_id = any($1) and {sees}
           order by awarded_on, created_at"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Awards by id.
#[tracing::instrument(skip_all)]
pub async fn awards_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<AwardRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {AWARD_COLUMNS} from award where award_id = any($1) and {sees}"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// The enterprise a project became.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LaunchRow {
    /// Project.
    pub project_id: Uuid,
    /// Legal name.
    pub legal_name: String,
    /// Co-operative or non-profit.
    #[sqlx(try_from = "String")]
    pub legal_form: LegalForm,
    /// Date of incorporation.
    pub launched_on: NaiveDate,
    /// Quebec enterprise number.
    pub neq: Option<String>,
}

/// Records the enterprise of a project. The caller has locked the project and applied the
/// transition in the same transaction.
#[tracing::instrument(skip_all)]
pub async fn insert_launch(conn: &mut PgConnection, launch: &LaunchRow) -> Result<(), StoreError> {
    sqlx::query(
        r#"insert into enterprise_launch (project_id, legal_name, legal_form, launched_on, neq)
           values ($1, $2, $3, $4, $5)"#,
    )
    .bind(launch.project_id)
    .bind(&launch.legal_name)
    .bind(launch.legal_form.as_str())
    .bind(launch.launched_on)
    .bind(&launch.neq)
    .execute(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("enterprise_launch_pkey", StoreError::Conflict("this project was already launched"))?;
    Ok(())
}

/// Launches of the given projects.
#[tracing::instrument(skip_all)]
pub async fn launches_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<LaunchRow>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select l.project_id, l.legal_name, l.legal_form, l.launched_on, l.neq
         from enterprise_launch l join project p using (project_id)
         where l.project_id = any($1) and p.project_id = any($1) and ",
        sees_project!("p.region_id", "p.origin_partner_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// How a project that may need attention stands (see [`projects_needing_attention`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttentionRow {
    /// The project.
    pub project_id: Uuid,
    /// Days since its last follow-up (since its creation when it never had one).
    pub days_without_follow_up: i32,
    /// Days since it was put on hold, when it is on hold.
    pub days_on_hold: Option<i32>,
    /// Days since it entered its current stage.
    pub days_in_stage: i32,
    /// The cohort's median of completed stays in that stage, in days (none without one).
    pub median_days_in_stage: Option<f64>,
}

/// When a project needs attention.
#[derive(Debug, Clone, Copy)]
pub struct AttentionRule {
    /// No follow-up for at least this many days.
    pub quiet_days: i32,
    /// On hold for at least this many days.
    pub on_hold_days: i32,
    /// In its stage for more than this many times the cohort's median stay there.
    pub stage_factor: f64,
}

/// The open projects (active or on hold) the scope sees, optionally of one cohort, that meet
/// any part of `rule` on `today`, longest without a follow-up first (at most 200).
///
/// A stay in a stage starts with the history entry that moved the project into it; the
/// cohort's median counts the completed stays of all its projects, closed ones included.
#[tracing::instrument(skip_all)]
pub async fn projects_needing_attention(
    conn: &mut PgConnection,
    cohort_id: Option<Uuid>,
    today: chrono::NaiveDate,
    rule: &AttentionRule,
) -> Result<Vec<AttentionRow>, StoreError> {
    Ok(sqlx::query_as(
        r#"with candidates as (
               select p.project_id, p.cohort_id, p.stage, p.status, p.last_follow_up_on, p.created_at
               from project p
               where ((select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
                      or p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'
                      or p.origin_partner_id = (select sismic_partner()) and (select sismic_role()) = 'PARTNER')
                 and p.status in ('ACTIVE', 'ON_HOLD')
                 and ($1::uuid is null or p.cohort_id = $1)
           ),
           stage_changes as (
               select e.project_id, p.cohort_id, e.to_stage, e.at,
                      lead(e.at) over (partition by e.project_id order by e.version) as left_at
               from project_stage_event e
               join project p on p.project_id = e.project_id
               where p.cohort_id in (select cohort_id from candidates)
                 and (e.from_stage is null or e.from_stage <> e.to_stage)
           ),
           medians as (
               select cohort_id, to_stage as stage,
                      percentile_cont(0.5) within group (order by extract(epoch from left_at - at) / 86400) as median_days
               from stage_changes where left_at is not null
               group by cohort_id, to_stage
           ),
           entered as (
               select s.project_id, max(s.at) as since
               from stage_changes s join candidates c on c.project_id = s.project_id and c.stage = s.to_stage
               group by s.project_id
           ),
           held as (
               select e.project_id, max(e.at) as since
               from project_stage_event e
               join candidates c on c.project_id = e.project_id and c.status = 'ON_HOLD'
               where e.to_status = 'ON_HOLD' and e.from_status is distinct from 'ON_HOLD'
               group by e.project_id
           ),
           measured as (
               select c.project_id,
                      ($2::date - coalesce(c.last_follow_up_on, c.created_at::date))::int as days_without_follow_up,
                      ($2::date - h.since::date)::int as days_on_hold,
                      ($2::date - coalesce(en.since, c.created_at)::date)::int as days_in_stage,
                      m.median_days::float8 as median_days_in_stage
               from candidates c
               left join held h on h.project_id = c.project_id
               left join entered en on en.project_id = c.project_id
               left join medians m on m.cohort_id = c.cohort_id and m.stage = c.stage
           )
           select * from measured
           where days_without_follow_up >= $3
              or days_on_hold >= $4
              or (median_days_in_stage is not null and days_in_stage > $5 * median_days_in_stage)
           order by days_without_follow_up desc, project_id
           limit 200"#,
    )
    .bind(cohort_id)
    .bind(today)
    .bind(rule.quiet_days)
    .bind(rule.on_hold_days)
    .bind(rule.stage_factor)
    .fetch_all(conn)
    .await?)
}
