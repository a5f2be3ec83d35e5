//! Projects: creation, description, and the moves along the pathway (stages, statuses and
//! the launch of the enterprise).

use super::write::{Mutating, Write};
use super::{maybe, today, visible_project};
use crate::enums::{LegalForm, ProjectStatus, Sector, Stage};
use crate::error::{ApiError, ApiResult};
use crate::idempotency::IdempotencyKey;
use crate::ids::{self, Kind};
use crate::scalars::Date;
use crate::types::Project;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, SimpleObject, ID};
use serde_json::json;
use sismic_domain::validation::{self as v, MAX_NAME, MAX_NOTE, MAX_PROJECT_SUMMARY};
use sismic_domain::{self as domain, ProjectState, TransitionError};
use sismic_store::projects::{self, LaunchRow, NewProject, ProjectRow};
use sismic_store::Tx;
use uuid::Uuid;

/// Result of a mutation on a project.
#[derive(SimpleObject)]
pub struct ProjectPayload {
    /// The project, as it is after the change.
    pub project: Project,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// A new project (ADMIN; agents in their region).
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// Cohort; the project belongs to its region.
    pub cohort_id: ID,
    /// Name, unique in the cohort.
    pub name: String,
    /// The partner institution the project came from.
    pub origin_partner_id: Option<ID>,
    /// Starting stage; REVELATION when omitted.
    pub stage: Option<Stage>,
    /// What the project is about (up to 5,000 characters).
    pub summary: Option<String>,
    /// Sector of activity (for reports).
    pub sector: Option<Sector>,
    /// MRC (regional county municipality) the project is based in, e.g. "Drummond" (up to 100
    /// characters).
    pub mrc: Option<String>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Changes to a project's description (not its stage or status).
#[derive(InputObject)]
pub struct UpdateProjectInput {
    /// Project.
    pub project_id: ID,
    /// New name, if changing.
    pub name: Option<String>,
    /// New summary; null clears it; omitted keeps it.
    pub summary: MaybeUndefined<String>,
    /// New origin partner; null clears it; omitted keeps it.
    pub origin_partner_id: MaybeUndefined<ID>,
    /// New sector of activity; null clears it; omitted keeps it.
    pub sector: MaybeUndefined<Sector>,
    /// New MRC; null clears it; omitted keeps it.
    pub mrc: MaybeUndefined<String>,
}

/// Move a project one stage forward.
#[derive(InputObject)]
pub struct AdvanceProjectStageInput {
    /// Project.
    pub project_id: ID,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Optional note.
    pub note: Option<String>,
}

/// Move a project one stage forward, or back any number of stages with a note.
#[derive(InputObject)]
pub struct MoveProjectStageInput {
    /// Project.
    pub project_id: ID,
    /// Target stage.
    pub to_stage: Stage,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Why; required (not only white space) when moving back.
    pub note: Option<String>,
}

/// Change a project's status.
#[derive(InputObject)]
pub struct SetProjectStatusInput {
    /// Project.
    pub project_id: ID,
    /// ACTIVE, ON_HOLD, ABANDONED or REFERRED_OUT (LAUNCHED comes from `recordEnterpriseLaunch`).
    pub status: ProjectStatus,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Why; required, not only white space.
    pub note: Option<String>,
}

/// Record the collective enterprise a project became.
#[derive(InputObject)]
pub struct RecordEnterpriseLaunchInput {
    /// Project, ACTIVE and in PROTOTYPING.
    pub project_id: ID,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Registered name.
    pub legal_name: String,
    /// Co-operative or non-profit.
    pub legal_form: LegalForm,
    /// Date of incorporation, not in the future.
    pub launched_on: Date,
    /// Quebec enterprise number (10 digits), if known.
    pub neq: Option<String>,
}

/// Projects: creation, description, and the moves along the pathway (stages and statuses).
#[derive(Default)]
pub struct ProjectMutation;

#[Object]
impl ProjectMutation {
    /// Creates a project at version 1, with its first history entry (ADMIN; agents in their region).
    async fn create_project(&self, ctx: &Context<'_>, input: CreateProjectInput) -> ApiResult<ProjectPayload> {
        let m = Mutating::staff(ctx)?;
        let cohort_id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let origin_partner_id = ids::decode_opt("originPartnerId", Kind::Partner, input.origin_partner_id.as_ref())?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        let summary = v::optional_text("summary", input.summary.as_deref(), MAX_PROJECT_SUMMARY)?;
        let mrc = v::optional_text("mrc", input.mrc.as_deref(), v::MAX_MRC)?;
        let stage = input.stage.unwrap_or(Stage::Revelation);
        let key = IdempotencyKey::new(
            m.viewer().user_id,
            "createProject",
            input.idempotency_key.as_deref(),
            json!({ "cohortId": cohort_id, "name": name, "originPartnerId": origin_partner_id, "stage": domain::Stage::from(stage).as_str(),
                    "summary": summary, "sector": input.sector, "mrc": mrc }),
        )?;
        let replay = async |tx: &mut Tx, id| visible_project(tx, "projectId", id).await;
        let created = m
            .create(key, replay, async |w| {
                let actor = Some(w.viewer().user_id);
                let project = projects::insert_project(
                    &mut w.tx,
                    &NewProject {
                        cohort_id,
                        name: &name,
                        summary: summary.as_deref(),
                        origin_partner_id,
                        stage: stage.into(),
                        actor,
                    },
                )
                .await?;
                let project = if input.sector.is_some() || mrc.is_some() {
                    projects::set_project_dimensions(
                        &mut w.tx,
                        project.project_id,
                        Some(input.sector.map(Into::into)),
                        Some(mrc.as_deref()),
                    )
                    .await?
                } else {
                    project
                };
                audit_project(w, None, &project).await?;
                Ok((project.project_id, project))
            })
            .await?;
        Ok(ProjectPayload { project: Project(created.object), replayed: created.replayed })
    }

    /// Changes a project's name, summary or origin partner. These are not stage or status
    /// changes: the version stays the same. Giving only the values it already has changes
    /// nothing (and audits nothing).
    async fn update_project(&self, ctx: &Context<'_>, input: UpdateProjectInput) -> ApiResult<ProjectPayload> {
        let m = Mutating::staff(ctx)?;
        let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let summary =
            input.summary.as_opt_deref().map(|s| v::optional_text("summary", s, MAX_PROJECT_SUMMARY)).transpose()?;
        let origin = input
            .origin_partner_id
            .as_opt_ref()
            .map(|id| id.map(|id| ids::decode("originPartnerId", Kind::Partner, id)).transpose())
            .transpose()?;
        let sector = maybe(&input.sector).map(|s| s.map(domain::Sector::from));
        let mrc = input.mrc.as_opt_deref().map(|m| v::optional_text("mrc", m, v::MAX_MRC)).transpose()?;
        m.run(async |w| {
            let not_found = ApiError::naming("project");
            let before = projects::lock_project(&mut w.tx, project_id).await.map_err(&not_found)?;
            let unchanged = name.as_ref().is_none_or(|n| *n == before.name)
                && summary.as_ref().is_none_or(|s| *s == before.summary)
                && origin.is_none_or(|o| o == before.origin_partner_id)
                && sector.is_none_or(|s| s == before.sector.0)
                && mrc.as_ref().is_none_or(|m| *m == before.mrc);
            if unchanged {
                // Nothing to change: no write, no audit entry.
                return Ok(ProjectPayload { project: Project(before), replayed: false });
            }
            let mut project = projects::update_project_details(
                &mut w.tx,
                project_id,
                name.as_deref(),
                summary.as_ref().map(|s| s.as_deref()),
                origin,
            )
            .await
            .map_err(&not_found)?;
            if sector.is_some() || mrc.is_some() {
                project =
                    projects::set_project_dimensions(&mut w.tx, project_id, sector, mrc.as_ref().map(|m| m.as_deref()))
                        .await
                        .map_err(&not_found)?;
            }
            audit_project(w, Some(&before), &project).await?;
            Ok(ProjectPayload { project: Project(project), replayed: false })
        })
        .await
    }

    /// Moves an ACTIVE project exactly one stage forward. From PROTOTYPING: `INVALID_TRANSITION`.
    async fn advance_project_stage(
        &self,
        ctx: &Context<'_>,
        input: AdvanceProjectStageInput,
    ) -> ApiResult<ProjectPayload> {
        Transition::new(ctx, &input.project_id, input.expected_version, input.note.as_deref())?
            .apply(domain::advance, async |_, _| Ok(()))
            .await
    }

    /// Moves an ACTIVE project one stage forward (as `advanceProjectStage`) or back any number
    /// of stages with a note. A forward skip or the same stage: `INVALID_TRANSITION`.
    async fn move_project_stage(&self, ctx: &Context<'_>, input: MoveProjectStageInput) -> ApiResult<ProjectPayload> {
        let to: domain::Stage = input.to_stage.into();
        let note = input.note.as_deref();
        Transition::new(ctx, &input.project_id, input.expected_version, note)?
            .apply(|state| domain::move_stage(state, to, note), async |_, _| Ok(()))
            .await
    }

    /// Sets ACTIVE, ON_HOLD, ABANDONED or REFERRED_OUT, with a note. LAUNCHED is
    /// `BAD_USER_INPUT` here; a LAUNCHED project is final.
    async fn set_project_status(&self, ctx: &Context<'_>, input: SetProjectStatusInput) -> ApiResult<ProjectPayload> {
        let to: domain::ProjectStatus = input.status.into();
        if to == domain::ProjectStatus::Launched {
            return Err(TransitionError::LaunchedNotSettable.into());
        }
        let note = input.note.as_deref();
        Transition::new(ctx, &input.project_id, input.expected_version, note)?
            .apply(|state| domain::set_status(state, to, note), async |_, _| Ok(()))
            .await
    }

    /// Records the collective enterprise an ACTIVE project in PROTOTYPING became; the project
    /// becomes LAUNCHED, for good.
    async fn record_enterprise_launch(
        &self,
        ctx: &Context<'_>,
        input: RecordEnterpriseLaunchInput,
    ) -> ApiResult<ProjectPayload> {
        let legal_name = v::required_text("legalName", &input.legal_name, MAX_NAME)?;
        let launched_on = v::not_in_future("launchedOn", input.launched_on.0, today())?;
        let neq = v::neq(input.neq.as_deref())?;
        Transition::new(ctx, &input.project_id, input.expected_version, None)?
            .apply(domain::launch, async |tx, project| {
                let row = LaunchRow {
                    project_id: project.project_id,
                    legal_name,
                    legal_form: input.legal_form.into(),
                    launched_on,
                    neq,
                };
                projects::insert_launch(tx, &row).await?;
                Ok(())
            })
            .await
    }
}

/// A stage or status change of a project, checked (viewer, id, note) before its transaction
/// opens.
struct Transition<'c> {
    mutating: Mutating<'c>,
    project_id: Uuid,
    expected_version: i32,
    note: Option<String>,
}

impl<'c> Transition<'c> {
    fn new(ctx: &'c Context<'c>, project_id: &ID, expected_version: i32, note: Option<&str>) -> ApiResult<Self> {
        let mutating = Mutating::staff(ctx)?;
        let project_id = ids::decode("projectId", Kind::Project, project_id)?;
        let note = v::optional_text("note", note, MAX_NOTE)?;
        Ok(Transition { mutating, project_id, expected_version, note })
    }

    /// Locks the project, checks the expected version (`CONFLICT` if someone changed it
    /// meanwhile), applies the domain's `rule`, records the change in the history, runs `then`
    /// on the changed project (what a launch adds) and audits.
    async fn apply(
        self,
        rule: impl FnOnce(ProjectState) -> Result<ProjectState, TransitionError>,
        then: impl AsyncFnOnce(&mut Tx, &ProjectRow) -> ApiResult<()>,
    ) -> ApiResult<ProjectPayload> {
        let Transition { mutating, project_id, expected_version, note } = self;
        mutating
            .run(async |w| {
                let current =
                    projects::lock_project(&mut w.tx, project_id).await.map_err(ApiError::naming("project"))?;
                if current.version != expected_version {
                    return Err(ApiError::Conflict(format!(
                        "the project is at version {}, not {expected_version}: someone changed it meanwhile; reload it and retry",
                        current.version
                    )));
                }
                let to = rule(current.state())?;
                let actor = Some(w.viewer().user_id);
                let updated = projects::record_transition(&mut w.tx, &current, to, note.as_deref(), actor).await?;
                then(&mut w.tx, &updated).await?;
                audit_project(w, Some(&current), &updated).await?;
                Ok(ProjectPayload { project: Project(updated), replayed: false })
            })
            .await
    }
}

/// Audits a change of a project, with its state before (if it existed) and after.
pub(super) async fn audit_project(w: &mut Write, before: Option<&ProjectRow>, project: &ProjectRow) -> ApiResult<()> {
    w.audit(
        Kind::Project,
        project.project_id,
        Some(project.region_id),
        before.map(project_state),
        Some(project_state(project)),
    )
    .await
}

/// What the audit log keeps of a project: its state, never free text about people (the
/// mutations' and the spreadsheet import's entries alike).
pub(crate) fn project_state(project: &ProjectRow) -> serde_json::Value {
    json!({
        "name": project.name,
        "stage": project.stage.as_str(),
        "status": project.status.as_str(),
        "version": project.version,
        "cohortId": project.cohort_id,
        "originPartnerId": project.origin_partner_id,
    })
}
