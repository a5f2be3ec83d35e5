//! The object types of the API. Each wraps a stored row; relations go through the request's
//! DataLoaders, which act for the viewer.

use crate::context::{found, ContextExt};
use crate::enums::{FollowUpMode, LegalForm, PartnerKind, ProjectStatus, Role, Stage};
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::scalars::{Date, DateTime};
use async_graphql::connection::Connection;
use async_graphql::{Context, Interface, Object, ID};
use sismic_store::activities::ActivityRow;
use sismic_store::follow_ups::{FollowUpFilter, FollowUpRow};
use sismic_store::participants::ParticipantRow;
use sismic_store::partners::PartnerRow;
use sismic_store::projects::{AwardRow, LaunchRow, ProjectFilter, ProjectRow, StageEventRow};
use sismic_store::regions::{CohortRow, RegionRow};
use sismic_store::users::UserRow;
use sismic_store::{follow_ups, projects, regions, Cursor};

/// Any object with a global id; `Query.node(id)` resolves any of them.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global id, opaque and stable."))]
pub enum Node {
    /// A region.
    Region(Region),
    /// A partner.
    Partner(Partner),
    /// A user.
    User(User),
    /// A cohort.
    Cohort(Cohort),
    /// A project.
    Project(Project),
    /// A participant.
    Participant(Participant),
    /// An activity.
    Activity(Activity),
    /// A follow-up.
    FollowUp(FollowUp),
    /// An award.
    Award(Award),
}

/// A regional Pôle d'économie sociale: the data of one region is not another's.
pub struct Region(pub RegionRow);

/// A regional Pôle d'économie sociale: the data of one region is not another's.
#[Object]
impl Region {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::Region, self.0.region_id)
    }
    /// Short code, e.g. `CQ`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. `Centre-du-Québec`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The region's cohorts the viewer may see, in creation order.
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn cohorts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
    ) -> ApiResult<Connection<String, Cohort>> {
        cohort_connection(ctx, Some(self.0.region_id), first, after).await
    }
}

/// Lists cohorts, optionally of one region.
pub async fn cohort_connection(
    ctx: &Context<'_>,
    region_id: Option<uuid::Uuid>,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Connection<String, Cohort>> {
    let request = page_request(first, after.as_deref())?;
    let page = read!(ctx, |conn| regions::list_cohorts(conn, region_id, &request));
    Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.cohort_id }, Cohort))
}

/// A partner institution (college, university, development agency, funder, network…).
pub struct Partner(pub PartnerRow);

/// A partner institution (college, university, development agency, funder, network…).
#[Object]
impl Partner {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::Partner, self.0.partner_id)
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Kind of institution.
    async fn kind(&self) -> PartnerKind {
        self.0.kind.into()
    }
    /// Projects that came from this partner, among those the viewer may see.
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
    ) -> ApiResult<Connection<String, Project>> {
        let filter = ProjectFilter { origin_partner_id: Some(self.0.partner_id), ..Default::default() };
        project_connection(ctx, filter, first, after).await
    }
}

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

/// An account.
pub struct User(pub UserRow);

impl User {
    /// The scope of this user. Used only to answer `login`, whose request has no viewer yet:
    /// its payload's nested fields act as the user who has just proved their password.
    fn own_scope(&self) -> sismic_store::Scope {
        crate::auth::Viewer::from(&self.0).scope()
    }
}

/// An account.
#[Object]
impl User {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::User, self.0.user_id)
    }
    /// Sign-in email.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// Role.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// Region of an agent.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Option<Region>> {
        let Some(id) = self.0.region_id else { return Ok(None) };
        if ctx.viewer().is_ok() {
            return load_opt(ctx, Some(RegionById(id))).await.map(|r| r.map(Region));
        }
        let mut tx = ctx.store().begin(&self.own_scope()).await?;
        let row = regions::regions_by_ids(&mut tx, &[id]).await?.into_iter().next();
        sismic_store::commit(tx).await?;
        Ok(row.map(Region))
    }
    /// Partner of a partner or funder account.
    async fn partner(&self, ctx: &Context<'_>) -> ApiResult<Option<Partner>> {
        let Some(id) = self.0.partner_id else { return Ok(None) };
        if ctx.viewer().is_ok() {
            return load_opt(ctx, Some(PartnerById(id))).await.map(|r| r.map(Partner));
        }
        let mut tx = ctx.store().begin(&self.own_scope()).await?;
        let row = sismic_store::partners::partners_by_ids(&mut tx, &[id]).await?.into_iter().next();
        sismic_store::commit(tx).await?;
        Ok(row.map(Partner))
    }
    /// Whether the account may sign in.
    async fn active(&self) -> bool {
        self.0.active
    }
    /// True after an administrator reset the password (`resetUserPassword`): the user signs
    /// in with the one-time password and must change it (`changePassword`) before anything
    /// else; until then every other operation answers `FORBIDDEN` with `extensions.reason`
    /// `PASSWORD_CHANGE_REQUIRED`.
    async fn must_change_password(&self) -> bool {
        self.0.must_change_password
    }
    /// When the one-time password stops being accepted at sign-in; null when the user chose
    /// their password.
    async fn password_expires_at(&self) -> Option<DateTime> {
        self.0.password_expires_at.map(DateTime)
    }
    /// When the account was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
}

async fn load_opt<K: Load>(ctx: &Context<'_>, key: Option<K>) -> ApiResult<Option<K::Value>> {
    match key {
        Some(key) => ctx.loaders().load(key).await,
        None => Ok(None),
    }
}

/// A region's intake for one period (programme years run April 1 to March 31).
pub struct Cohort(pub CohortRow);

/// A region's intake for one period (programme years run April 1 to March 31).
#[Object]
impl Cohort {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::Cohort, self.0.cohort_id)
    }
    /// Name, e.g. `2020-2021`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// First day.
    async fn starts_on(&self) -> Date {
        Date(self.0.starts_on)
    }
    /// Last day.
    async fn ends_on(&self) -> Date {
        Date(self.0.ends_on)
    }
    /// The region.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Region> {
        let row = ctx.loaders().load(RegionById(self.0.region_id)).await?;
        found(row, "region").map(Region)
    }
    /// The cohort's projects the viewer may see, in creation order.
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only projects currently in this stage.")] stage: Option<Stage>,
        #[graphql(desc = "Only projects with this status.")] status: Option<ProjectStatus>,
    ) -> ApiResult<Connection<String, Project>> {
        let filter = ProjectFilter {
            cohort_id: Some(self.0.cohort_id),
            stage: stage.map(Into::into),
            status: status.map(Into::into),
            origin_partner_id: None,
        };
        project_connection(ctx, filter, first, after).await
    }
    /// The cohort's activities (ADMIN and the region's agents).
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn activities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
    ) -> ApiResult<Connection<String, Activity>> {
        ctx.viewer()?.require_staff()?;
        activity_connection(ctx, Some(self.0.cohort_id), first, after).await
    }
}

/// Lists activities.
pub async fn activity_connection(
    ctx: &Context<'_>,
    cohort_id: Option<uuid::Uuid>,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Connection<String, Activity>> {
    let request = page_request(first, after.as_deref())?;
    let page = read!(ctx, |conn| sismic_store::activities::list_activities(conn, cohort_id, &request));
    Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.activity_id }, Activity))
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
    async fn id(&self) -> ID {
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

async fn load_participants(ctx: &Context<'_>, ids: impl Iterator<Item = uuid::Uuid>) -> ApiResult<Vec<Participant>> {
    let keys: Vec<ParticipantById> = ids.map(ParticipantById).collect();
    let mut rows = ctx.loaders().load_many(keys.iter().copied()).await?;
    Ok(keys.iter().filter_map(|key| rows.remove(key)).map(Participant).collect())
}

/// Lists follow-ups, newest first.
pub async fn follow_up_connection(
    ctx: &Context<'_>,
    filter: FollowUpFilter,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Connection<String, FollowUp>> {
    let request = page_request(first, after.as_deref())?;
    let page = read!(ctx, |conn| follow_ups::list_follow_ups(conn, &filter, &request));
    Ok(connection(
        page,
        &request,
        |r| Cursor { at: r.occurred_on.and_time(chrono::NaiveTime::MIN).and_utc(), id: r.follow_up_id },
        FollowUp,
    ))
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

/// A young person reached by the pathway. Personal information (Quebec's Law 25): visible
/// only to administrators and the agents of the participant's region.
pub struct Participant(pub ParticipantRow);

/// A young person reached by the pathway. Personal information (Quebec's Law 25): visible
/// only to administrators and the agents of the participant's region.
#[Object]
impl Participant {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::Participant, self.0.participant_id)
    }
    /// First name.
    async fn first_name(&self) -> &str {
        &self.0.first_name
    }
    /// Last name.
    async fn last_name(&self) -> &str {
        &self.0.last_name
    }
    /// Email, if given.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// The region that serves them.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Region> {
        let row = ctx.loaders().load(RegionById(self.0.region_id)).await?;
        found(row, "region").map(Region)
    }
    /// Projects whose team they are on.
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn projects(&self, ctx: &Context<'_>) -> ApiResult<Vec<Project>> {
        let links = ctx.loaders().load(ProjectsOfParticipant(self.0.participant_id)).await?.unwrap_or_default();
        let mut rows = ctx.loaders().load_many(links.iter().map(|l| ProjectById(l.parent_id))).await?;
        Ok(links.iter().filter_map(|l| rows.remove(&ProjectById(l.parent_id))).map(Project).collect())
    }
    /// Activities they attended, by date.
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn attended_activities(&self, ctx: &Context<'_>) -> ApiResult<Vec<Activity>> {
        let links = ctx.loaders().load(AttendanceOfParticipant(self.0.participant_id)).await?.unwrap_or_default();
        let mut rows = ctx.loaders().load_many(links.iter().map(|l| ActivityById(l.parent_id))).await?;
        Ok(links.iter().filter_map(|l| rows.remove(&ActivityById(l.parent_id))).map(Activity).collect())
    }
    /// Gender, as they stated it; null when not recorded.
    async fn gender(&self) -> Option<crate::enums::Gender> {
        self.0.gender.0.map(Into::into)
    }
    /// Birth year (reports use it for age bands); null when not recorded.
    async fn birth_year(&self) -> Option<i32> {
        self.0.birth_year.map(i32::from)
    }
    /// MRC (regional county municipality) where they live; null when not recorded.
    async fn mrc(&self) -> Option<&str> {
        self.0.mrc.as_deref()
    }
    /// When they were registered.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
    /// Their consents, newest first.
    async fn consents(&self, ctx: &Context<'_>) -> ApiResult<Vec<Consent>> {
        let rows = ctx.loaders().load(ConsentsOfParticipant(self.0.participant_id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Consent).collect())
    }
    /// True once their identity was erased (names replaced, email removed).
    async fn anonymized(&self) -> bool {
        self.0.anonymized_at.is_some()
    }
}

/// A participant's consent to the use of their personal information (Law 25).
pub struct Consent(pub sismic_store::privacy::ConsentRow);

/// A participant's consent to the use of their personal information (Law 25).
#[Object]
impl Consent {
    /// Date given.
    async fn given_on(&self) -> Date {
        Date(self.0.given_on)
    }
    /// What they consented to.
    async fn purposes(&self) -> Vec<crate::enums::ConsentPurpose> {
        self.0.purposes.0.iter().map(|p| (*p).into()).collect()
    }
    /// Date withdrawn; null while in force.
    async fn withdrawn_on(&self) -> Option<Date> {
        self.0.withdrawn_on.map(Date)
    }
    /// Whether it is in force.
    async fn in_force(&self) -> bool {
        self.0.withdrawn_on.is_none()
    }
}

/// One change in the audit trail (ADMIN only).
pub struct AuditEntry(pub sismic_store::audit::AuditRow);

/// One change in the audit trail (ADMIN only).
#[Object]
impl AuditEntry {
    /// Sequence number (increasing).
    async fn sequence(&self) -> String {
        self.0.audit_id.to_string()
    }
    /// When.
    async fn at(&self) -> DateTime {
        DateTime(self.0.at)
    }
    /// Who (null for the system's own tasks).
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<Option<User>> {
        load_opt(ctx, self.0.user_id.map(UserById)).await.map(|r| r.map(User))
    }
    /// Their role then (`ADMIN`, `AGENT`, … or `SYSTEM`).
    async fn role(&self) -> &str {
        &self.0.role
    }
    /// The operation (the mutation's name, or `login`, `privacyPurge`).
    async fn operation(&self) -> &str {
        &self.0.operation
    }
    /// The kind of object changed.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The global id of the object changed.
    async fn entity_id(&self) -> Option<ID> {
        let kind = match self.0.entity_type.as_str() {
            "Region" => Kind::Region,
            "Partner" => Kind::Partner,
            "User" => Kind::User,
            "Cohort" => Kind::Cohort,
            "Project" => Kind::Project,
            "Participant" => Kind::Participant,
            "Activity" => Kind::Activity,
            "FollowUp" => Kind::FollowUp,
            "Award" => Kind::Award,
            _ => return None,
        };
        self.0.entity_id.map(|id| ids::encode(kind, id))
    }
    /// State before the change (projects: name, stage, status, version…).
    async fn before(&self) -> Option<async_graphql::Json<serde_json::Value>> {
        self.0.before.clone().map(async_graphql::Json)
    }
    /// State after the change.
    async fn after(&self) -> Option<async_graphql::Json<serde_json::Value>> {
        self.0.after.clone().map(async_graphql::Json)
    }
}

/// A workshop of the pathway: one stage, one cohort.
pub struct Activity(pub ActivityRow);

/// A workshop of the pathway: one stage, one cohort.
#[Object]
impl Activity {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::Activity, self.0.activity_id)
    }
    /// The stage it belongs to.
    async fn stage(&self) -> Stage {
        self.0.stage.into()
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Date held.
    async fn held_on(&self) -> Date {
        Date(self.0.held_on)
    }
    /// The cohort.
    async fn cohort(&self, ctx: &Context<'_>) -> ApiResult<Cohort> {
        let row = ctx.loaders().load(CohortById(self.0.cohort_id)).await?;
        found(row, "cohort").map(Cohort)
    }
    /// Participants who attended, by name.
    #[graphql(complexity = "crate::pagination::list_complexity(child_complexity)")]
    async fn attendees(&self, ctx: &Context<'_>) -> ApiResult<Vec<Participant>> {
        let links = ctx.loaders().load(AttendeesOfActivity(self.0.activity_id)).await?.unwrap_or_default();
        load_participants(ctx, links.iter().map(|l| l.participant_id)).await
    }
    /// Number of participants who attended.
    async fn attendee_count(&self, ctx: &Context<'_>) -> ApiResult<i32> {
        let links = ctx.loaders().load(AttendeesOfActivity(self.0.activity_id)).await?.unwrap_or_default();
        Ok(i32::try_from(links.len()).unwrap_or(i32::MAX))
    }
}

/// A follow-up ("suivi"): a coaching meeting on a project, or a working meeting with a partner.
pub struct FollowUp(pub FollowUpRow);

/// A follow-up ("suivi"): a coaching meeting on a project, or a working meeting with a partner.
#[Object]
impl FollowUp {
    /// Global id.
    async fn id(&self) -> ID {
        ids::encode(Kind::FollowUp, self.0.follow_up_id)
    }
    /// The project, for a project follow-up.
    async fn project(&self, ctx: &Context<'_>) -> ApiResult<Option<Project>> {
        load_opt(ctx, self.0.project_id.map(ProjectById)).await.map(|r| r.map(Project))
    }
    /// The partner met, if any.
    async fn partner(&self, ctx: &Context<'_>) -> ApiResult<Option<Partner>> {
        load_opt(ctx, self.0.partner_id.map(PartnerById)).await.map(|r| r.map(Partner))
    }
    /// The region it belongs to: its project's, else its author's.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Region> {
        let row = ctx.loaders().load(RegionById(self.0.region_id)).await?;
        found(row, "region").map(Region)
    }
    /// Date it happened.
    async fn occurred_on(&self) -> Date {
        Date(self.0.occurred_on)
    }
    /// How it took place.
    async fn mode(&self) -> FollowUpMode {
        self.0.mode.into()
    }
    /// What was discussed (1 to 2,000 characters).
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// Length in minutes, if noted.
    async fn duration_minutes(&self) -> Option<i32> {
        self.0.duration_minutes
    }
    /// When it was logged.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
}

/// A grant to a project (e.g. the Fonds FTQ "bourse d'accompagnement").
pub struct Award(pub AwardRow);

/// A grant to a project (e.g. the Fonds FTQ "bourse d'accompagnement").
#[Object]
impl Award {
    /// Global id.
    async fn id(&self) -> ID {
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
