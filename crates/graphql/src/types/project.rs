//! Projects, their stage history, awards and enterprise launches.

use super::{follow_up_connection, load_opt, load_participants, Cohort, FollowUp, Participant, Partner, Region};
use crate::context::{found, ContextExt};
use crate::enums::{LegalForm, ProjectStatus, Stage};
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::scalars::{Date, DateTime};
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use sismic_store::follow_ups::FollowUpFilter;
use sismic_store::projects::{AwardRow, LaunchRow, ProjectFilter, ProjectRow, StageEventRow};
use sismic_store::{projects, Cursor};

/// Lists projects.
pub async fn project_connection(
    ctx: &Context<'_>,
    filter: ProjectFilter,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Connection<String, Project>> {
    ctx.viewer()?.require_project_reader()?;
    let request = page_request(first, after.as_deref())?;
    let page = read!(ctx, |conn| projects::list_projects(conn, &filter, &request));
    Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.project_id }, Project))
}

/// A collective-enterprise project carried by young people.
pub struct Project(pub ProjectRow);

/// A collective-enterprise project carried by young people.
///
/// Partners see a project that came from them: its name, stage, status, history (without
/// notes), follow-up count and last follow-up date, and team size. The other fields are for
/// administrators and the region's agents (`FORBIDDEN` otherwise).
#[Object]
impl Project {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
        ids::encode(Kind::Project, self.0.project_id)
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the project is about (ADMIN and agents).
    async fn summary(&self, ctx: &Context<'_>) -> ApiResult<Option<&str>> {
        ctx.viewer()?.require_staff()?;
        Ok(self.0.summary.as_deref())
    }
    /// Current stage.
    async fn stage(&self) -> Stage {
        self.0.stage.into()
    }
    /// Current status.
    async fn status(&self) -> ProjectStatus {
        self.0.status.into()
    }
    /// Starts at 1 and grows by 1 with every stage or status change. Pass it as
    /// `expectedVersion` to change the project: if someone changed it meanwhile, the change is
    /// refused with `CONFLICT` instead of silently overwriting theirs.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The partner institution the project came from, if any.
    async fn origin_partner(&self, ctx: &Context<'_>) -> ApiResult<Option<Partner>> {
        load_opt(ctx, self.0.origin_partner_id.map(PartnerById)).await.map(|r| r.map(Partner))
    }
    /// The cohort the project belongs to.
    async fn cohort(&self, ctx: &Context<'_>) -> ApiResult<Cohort> {
        let row = ctx.loaders().load(CohortById(self.0.cohort_id)).await?;
        found(row, "cohort").map(Cohort)
    }
    /// The region (of its cohort).
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Region> {
        let row = ctx.loaders().load(RegionById(self.0.region_id)).await?;
        found(row, "region").map(Region)
    }
    /// Every stage and status change, oldest first; the first entry is the creation.
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn stage_history(&self, ctx: &Context<'_>) -> ApiResult<Vec<StageChange>> {
        let staff = ctx.viewer()?.is_staff();
        let rows = ctx.loaders().load(HistoryOfProject(self.0.project_id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(|row| StageChange { row, show_note: staff }).collect())
    }
    /// Number of follow-ups logged on the project.
    async fn follow_up_count(&self) -> i32 {
        self.0.follow_up_count
    }
    /// Date of the most recent follow-up, if any.
    async fn last_follow_up_on(&self) -> Option<Date> {
        self.0.last_follow_up_on.map(Date)
    }
    /// Follow-ups on the project, newest first (ADMIN and agents).
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn follow_ups(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
    ) -> ApiResult<Connection<String, FollowUp>> {
        ctx.viewer()?.require_staff()?;
        let filter = FollowUpFilter { project_id: Some(self.0.project_id), ..Default::default() };
        follow_up_connection(ctx, filter, first, after).await
    }
    /// Number of people on the team (all partners may know it, never who they are).
    async fn team_size(&self) -> i32 {
        self.0.team_size
    }
    /// The team ("groupe promoteur"), by name (ADMIN and agents).
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn team(&self, ctx: &Context<'_>) -> ApiResult<Vec<Participant>> {
        ctx.viewer()?.require_staff()?;
        let links = ctx.loaders().load(MembersOfProject(self.0.project_id)).await?.unwrap_or_default();
        load_participants(ctx, links.iter().map(|l| l.participant_id)).await
    }
    /// Awards received (ADMIN and agents).
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn awards(&self, ctx: &Context<'_>) -> ApiResult<Vec<Award>> {
        ctx.viewer()?.require_staff()?;
        let rows = ctx.loaders().load(AwardsOfProject(self.0.project_id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Award).collect())
    }
    /// The collective enterprise the project became, once LAUNCHED (ADMIN and agents).
    async fn enterprise_launch(&self, ctx: &Context<'_>) -> ApiResult<Option<EnterpriseLaunch>> {
        ctx.viewer()?.require_staff()?;
        Ok(ctx.loaders().load(LaunchOfProject(self.0.project_id)).await?.map(EnterpriseLaunch))
    }
    /// Sector of activity, if recorded (ADMIN and agents; reports break projects down by it).
    async fn sector(&self, ctx: &Context<'_>) -> ApiResult<Option<crate::enums::Sector>> {
        ctx.viewer()?.require_staff()?;
        Ok(self.0.sector.0.map(Into::into))
    }
    /// MRC (regional county municipality) the project is based in, if recorded (ADMIN and agents).
    async fn mrc(&self, ctx: &Context<'_>) -> ApiResult<Option<&str>> {
        ctx.viewer()?.require_staff()?;
        Ok(self.0.mrc.as_deref())
    }
    /// When the project was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
    /// When the project last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

/// One entry of a project's stage and status history.
pub struct StageChange {
    row: StageEventRow,
    show_note: bool,
}

/// One entry of a project's stage and status history.
#[Object]
impl StageChange {
    /// The project version this change produced (1 for the creation).
    async fn version(&self) -> i32 {
        self.row.version
    }
    /// Stage before; null for the creation entry.
    async fn from_stage(&self) -> Option<Stage> {
        self.row.from_stage.0.map(Into::into)
    }
    /// Stage after.
    async fn to_stage(&self) -> Stage {
        self.row.to_stage.into()
    }
    /// Status before; null for the creation entry.
    async fn from_status(&self) -> Option<ProjectStatus> {
        self.row.from_status.0.map(Into::into)
    }
    /// Status after.
    async fn to_status(&self) -> ProjectStatus {
        self.row.to_status.into()
    }
    /// When.
    async fn at(&self) -> DateTime {
        DateTime(self.row.at)
    }
    /// Why, as written by the agent. Null for partners, who see the moves but not the notes.
    async fn note(&self) -> Option<&str> {
        if self.show_note {
            self.row.note.as_deref()
        } else {
            None
        }
    }
}

/// A grant to a project (e.g. the Fonds FTQ "bourse d'accompagnement").
pub struct Award(pub AwardRow);

/// A grant to a project (e.g. the Fonds FTQ "bourse d'accompagnement").
#[Object]
impl Award {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
        ids::encode(Kind::Award, self.0.award_id)
    }
    /// The project.
    async fn project(&self, ctx: &Context<'_>) -> ApiResult<Project> {
        let row = ctx.loaders().load(ProjectById(self.0.project_id)).await?;
        found(row, "project").map(Project)
    }
    /// The funder.
    async fn funder(&self, ctx: &Context<'_>) -> ApiResult<Partner> {
        let row = ctx.loaders().load(PartnerById(self.0.funder_partner_id)).await?;
        found(row, "partner").map(Partner)
    }
    /// Amount in cents (1 to 100,000,000).
    async fn amount_cents(&self) -> i32 {
        i32::try_from(self.0.amount_cents).unwrap_or(i32::MAX)
    }
    /// Date awarded.
    async fn awarded_on(&self) -> Date {
        Date(self.0.awarded_on)
    }
}

/// The collective enterprise a project became.
pub struct EnterpriseLaunch(pub LaunchRow);

/// The collective enterprise a project became.
#[Object]
impl EnterpriseLaunch {
    /// Registered name.
    async fn legal_name(&self) -> &str {
        &self.0.legal_name
    }
    /// Co-operative or non-profit.
    async fn legal_form(&self) -> LegalForm {
        self.0.legal_form.into()
    }
    /// Date of incorporation.
    async fn launched_on(&self) -> Date {
        Date(self.0.launched_on)
    }
    /// Quebec enterprise number (NEQ, 10 digits), if known.
    async fn neq(&self) -> Option<&str> {
        self.0.neq.as_deref()
    }
}
