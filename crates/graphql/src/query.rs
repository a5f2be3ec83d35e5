//! Read operations.

use crate::admission::ReportGate;
use crate::context::{found, ContextExt};
use crate::enums::{ProjectStatus, Stage};
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::report::{build_network_report, CohortReport, NetworkReport, ReportPolicy};
use crate::scalars::Date;
use crate::types::*;
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use sismic_domain::Role;
use sismic_store::follow_ups::FollowUpFilter;
use sismic_store::projects::ProjectFilter;
use sismic_store::{participants, partners, regions, Cursor};

/// The root of every read.
#[derive(Default)]
pub struct Query;

#[Object]
impl Query {
    /// Any object by its global id. `NOT_FOUND` when it does not exist or the viewer may not
    /// see it; a malformed id is `BAD_USER_INPUT`.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Node>> {
        let viewer = *ctx.viewer()?;
        let (kind, uuid) = ids::decode_any("id", &id)?;
        let loaders = ctx.loaders();
        let node = match kind {
            Kind::Region => loaders.load(RegionById(uuid)).await?.map(|r| Node::Region(Region(r))),
            // A partner account sees its own institution only.
            Kind::Partner if viewer.role == Role::Partner && viewer.partner_id != Some(uuid) => None,
            Kind::Partner => loaders.load(PartnerById(uuid)).await?.map(|r| Node::Partner(Partner(r))),
            Kind::User => {
                if viewer.role != Role::Admin && viewer.user_id != uuid {
                    None
                } else {
                    loaders.load(UserById(uuid)).await?.map(|r| Node::User(User(r)))
                }
            }
            Kind::Cohort => loaders.load(CohortById(uuid)).await?.map(|r| Node::Cohort(Cohort(r))),
            Kind::Project => loaders.load(ProjectById(uuid)).await?.map(|r| Node::Project(Project(r))),
            Kind::Participant => loaders.load(ParticipantById(uuid)).await?.map(|r| Node::Participant(Participant(r))),
            Kind::Activity => loaders.load(ActivityById(uuid)).await?.map(|r| Node::Activity(Activity(r))),
            Kind::FollowUp => loaders.load(FollowUpById(uuid)).await?.map(|r| Node::FollowUp(FollowUp(r))),
            Kind::Award => loaders.load(AwardById(uuid)).await?.map(|r| Node::Award(Award(r))),
        };
        found(node, kind.noun()).map(Some)
    }

    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> ApiResult<User> {
        let viewer = ctx.viewer()?;
        found(ctx.loaders().load(UserById(viewer.user_id)).await?, "user").map(User)
    }

    /// A project. `NOT_FOUND` when it does not exist or belongs to another region or partner.
    async fn project(&self, ctx: &Context<'_>, id: ID) -> ApiResult<Option<Project>> {
        ctx.viewer()?.require_project_reader()?;
        let uuid = ids::decode("id", Kind::Project, &id)?;
        found(ctx.loaders().load(ProjectById(uuid)).await?, "project").map(|r| Some(Project(r)))
    }

    /// Projects the viewer may see, in creation order: all for ADMIN, the region's for an
    /// agent, those that came from the partner for a partner. Funders: `FORBIDDEN`.
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only projects of this cohort.")] cohort_id: Option<ID>,
        #[graphql(desc = "Only projects currently in this stage.")] stage: Option<Stage>,
        #[graphql(desc = "Only projects with this status.")] status: Option<ProjectStatus>,
    ) -> ApiResult<Connection<String, Project>> {
        ctx.viewer()?;
        let filter = ProjectFilter {
            cohort_id: ids::decode_opt("cohortId", Kind::Cohort, cohort_id.as_ref())?,
            stage: stage.map(Into::into),
            status: status.map(Into::into),
            origin_partner_id: None,
        };
        project_connection(ctx, filter, first, after).await
    }

    /// Partner institutions, in creation order: all of them for ADMIN, agents and funders; a
    /// partner account sees its own institution only.
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn partners(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
    ) -> ApiResult<Connection<String, Partner>> {
        let viewer = *ctx.viewer()?;
        let request = page_request(first, after.as_deref())?;
        if viewer.role == Role::Partner {
            let own = match viewer.partner_id {
                Some(id) if request.after.is_none() => ctx.loaders().load(PartnerById(id)).await?,
                _ => None,
            };
            let page = sismic_store::Page { rows: own.into_iter().collect(), has_next: false };
            return Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.partner_id }, Partner));
        }
        let page = read!(ctx, |conn| partners::list_partners(conn, &request));
        Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.partner_id }, Partner))
    }

    /// Accounts, in creation order (ADMIN only): to find one to deactivate
    /// (`setUserActive`) or whose password to reset (`resetUserPassword`). Filters combine.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only this role.")] role: Option<crate::enums::Role>,
        #[graphql(desc = "Only the agents of this region.")] region_id: Option<ID>,
        #[graphql(desc = "Only the accounts of this partner.")] partner_id: Option<ID>,
        #[graphql(desc = "Only active (true) or deactivated (false) accounts.")] active: Option<bool>,
        #[graphql(desc = "Only emails containing this text, case aside (at most 254 characters).")] email: Option<
            String,
        >,
    ) -> ApiResult<Connection<String, User>> {
        ctx.viewer()?.require_admin()?;
        if email.as_ref().is_some_and(|e| e.chars().count() > crate::auth::MAX_EMAIL_LENGTH) {
            return Err(crate::error::ApiError::bad_input("email", "must be at most 254 characters"));
        }
        let filter = sismic_store::users::UserFilter {
            role: role.map(Into::into),
            region_id: ids::decode_opt("regionId", Kind::Region, region_id.as_ref())?,
            partner_id: ids::decode_opt("partnerId", Kind::Partner, partner_id.as_ref())?,
            active,
            email: email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()),
        };
        let request = page_request(first, after.as_deref())?;
        let page = read!(ctx, |conn| sismic_store::users::list_users(conn, &filter, &request));
        Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.user_id }, User))
    }

    /// All regions, by code.
    async fn regions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Region>> {
        ctx.viewer()?;
        let rows = read!(ctx, |conn| regions::list_regions(conn));
        Ok(rows.into_iter().map(Region).collect())
    }

    /// Cohorts the viewer may see (ADMIN and funders: all; agents: their region's).
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn cohorts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only cohorts of this region.")] region_id: Option<ID>,
    ) -> ApiResult<Connection<String, Cohort>> {
        ctx.viewer()?;
        let region_id = ids::decode_opt("regionId", Kind::Region, region_id.as_ref())?;
        cohort_connection(ctx, region_id, first, after).await
    }

    /// Participants the viewer serves, in registration order (ADMIN and agents).
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only participants of this region.")] region_id: Option<ID>,
        #[graphql(desc = "Words that must all appear in the name or email, accents and case aside \
                          (\"leo roy\" finds \"Léo Roy\"). At most 200 characters.")]
        search: Option<String>,
    ) -> ApiResult<Connection<String, Participant>> {
        ctx.viewer()?.require_staff()?;
        let region_id = ids::decode_opt("regionId", Kind::Region, region_id.as_ref())?;
        if search.as_ref().is_some_and(|s| s.chars().count() > 200) {
            return Err(crate::error::ApiError::bad_input("search", "must be at most 200 characters"));
        }
        let request = page_request(first, after.as_deref())?;
        let page = read!(ctx, |conn| participants::list_participants(conn, region_id, search.as_deref(), &request));
        Ok(connection(page, &request, |r| Cursor { at: r.created_at, id: r.participant_id }, Participant))
    }

    /// Open projects (active or on hold) that need attention (ADMIN and agents, for their
    /// region): no follow-up for `quietDays`, on hold for `onHoldDays`, or in their stage for
    /// more than `stageFactor` times the cohort's median stay there. Longest without a
    /// follow-up first; at most 200.
    #[graphql(complexity = "200 * child_complexity")]
    async fn projects_needing_attention(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only projects of this cohort.")] cohort_id: Option<ID>,
        #[graphql(desc = "Days without a follow-up (1 to 3650, default 30).", default = 30)] quiet_days: i32,
        #[graphql(desc = "Days on hold (1 to 3650, default 60).", default = 60)] on_hold_days: i32,
        #[graphql(desc = "Times the cohort's median stay in the stage (1 to 100, default 2).", default = 2.0)]
        stage_factor: f64,
    ) -> ApiResult<Vec<ProjectAttention>> {
        ctx.viewer()?.require_staff()?;
        let cohort_id = ids::decode_opt("cohortId", Kind::Cohort, cohort_id.as_ref())?;
        for (field, value) in [("quietDays", quiet_days), ("onHoldDays", on_hold_days)] {
            if !(1..=3650).contains(&value) {
                return Err(crate::error::ApiError::bad_input(field, "must be between 1 and 3650"));
            }
        }
        if !(1.0..=100.0).contains(&stage_factor) {
            return Err(crate::error::ApiError::bad_input("stageFactor", "must be between 1 and 100"));
        }
        let rule = sismic_store::projects::AttentionRule { quiet_days, on_hold_days, stage_factor };
        let today = chrono::Utc::now().date_naive();
        let mut reading = ctx.reads().lock().await?;
        let rows = sismic_store::projects::projects_needing_attention(&mut reading, cohort_id, today, &rule).await?;
        let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.project_id).collect();
        let projects = sismic_store::projects::projects_by_ids(&mut reading, &ids).await?;
        drop(reading);
        let mut by_id: std::collections::HashMap<_, _> = projects.into_iter().map(|p| (p.project_id, p)).collect();
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let project = by_id.remove(&row.project_id)?;
                let mut reasons = Vec::new();
                if row.days_without_follow_up >= quiet_days {
                    reasons.push(AttentionReason::NoRecentFollowUp);
                }
                if row.days_on_hold.is_some_and(|d| d >= on_hold_days) {
                    reasons.push(AttentionReason::OnHoldTooLong);
                }
                if row.median_days_in_stage.is_some_and(|m| f64::from(row.days_in_stage) > stage_factor * m) {
                    reasons.push(AttentionReason::LongStayInStage);
                }
                Some(ProjectAttention {
                    project: Project(project),
                    reasons,
                    days_without_follow_up: row.days_without_follow_up,
                    days_on_hold: row.days_on_hold,
                    days_in_stage: row.days_in_stage,
                    cohort_median_days_in_stage: row.median_days_in_stage,
                })
            })
            .collect())
    }

    /// Participants of a region who are likely the person about to be registered (ADMIN and
    /// the region's agents): the same email, or the same birth year and a similar name, best
    /// matches first (at most 10). Erased people are never proposed. Ask before
    /// `registerParticipant`, so the same young person is not counted twice.
    async fn likely_duplicates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The region of the registration.")] region_id: ID,
        #[graphql(desc = "First name as typed.")] first_name: String,
        #[graphql(desc = "Last name as typed.")] last_name: String,
        #[graphql(desc = "Email as typed, if any.")] email: Option<String>,
        #[graphql(desc = "Birth year, if known.")] birth_year: Option<i32>,
    ) -> ApiResult<Vec<Participant>> {
        ctx.viewer()?.require_staff()?;
        let region_id = ids::decode("regionId", Kind::Region, &region_id)?;
        for (field, value) in [("firstName", &first_name), ("lastName", &last_name)] {
            if value.chars().count() > 200 {
                return Err(crate::error::ApiError::bad_input(field, "must be at most 200 characters"));
            }
        }
        let birth_year = birth_year
            .map(|y| i16::try_from(y).ok().filter(|y| (1900..=2100).contains(y)))
            .map(|y| y.ok_or_else(|| crate::error::ApiError::bad_input("birthYear", "must be between 1900 and 2100")))
            .transpose()?;
        let person = participants::Lookalike {
            region_id,
            first_name: &first_name,
            last_name: &last_name,
            email: email.as_deref(),
            birth_year,
        };
        let rows = read!(ctx, |conn| participants::likely_duplicates(conn, &person));
        Ok(rows.into_iter().map(Participant).collect())
    }

    /// Activities the viewer serves (ADMIN and agents).
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn activities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only activities of this cohort.")] cohort_id: Option<ID>,
    ) -> ApiResult<Connection<String, Activity>> {
        ctx.viewer()?.require_staff()?;
        let cohort_id = ids::decode_opt("cohortId", Kind::Cohort, cohort_id.as_ref())?;
        activity_connection(ctx, cohort_id, first, after).await
    }

    /// Follow-ups the viewer may read, newest first (ADMIN and agents).
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::pagination::connection_complexity(first, child_complexity)")]
    async fn follow_ups(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only follow-ups on this project.")] project_id: Option<ID>,
        #[graphql(desc = "Only follow-ups with this partner.")] partner_id: Option<ID>,
        #[graphql(desc = "Only partner follow-ups (those without a project).", default)] without_project: bool,
        #[graphql(desc = "Only those that occurred on or after this date.")] occurred_from: Option<Date>,
        #[graphql(desc = "Only those that occurred on or before this date.")] occurred_to: Option<Date>,
    ) -> ApiResult<Connection<String, FollowUp>> {
        ctx.viewer()?.require_staff()?;
        let filter = FollowUpFilter {
            project_id: ids::decode_opt("projectId", Kind::Project, project_id.as_ref())?,
            partner_id: ids::decode_opt("partnerId", Kind::Partner, partner_id.as_ref())?,
            without_project,
            from: occurred_from.map(|d| d.0),
            to: occurred_to.map(|d| d.0),
        };
        follow_up_connection(ctx, filter, first, after).await
    }

    /// The audit trail, newest first (ADMIN only).
    #[allow(clippy::too_many_arguments)]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 100, default 20.")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge already read.")] after: Option<String>,
        #[graphql(desc = "Only changes to this object (any global id).")] entity_id: Option<ID>,
        #[graphql(desc = "Only changes by this user.")] user_id: Option<ID>,
        #[graphql(desc = "Only this operation, e.g. `advanceProjectStage`.")] operation: Option<String>,
        #[graphql(desc = "Only changes at or after this time.")] from: Option<crate::scalars::DateTime>,
        #[graphql(desc = "Only changes before this time.")] to: Option<crate::scalars::DateTime>,
    ) -> ApiResult<Connection<String, AuditEntry>> {
        ctx.viewer()?.require_admin()?;
        let filter = sismic_store::audit::AuditFilter {
            entity_id: entity_id.as_ref().map(|id| ids::decode_any("entityId", id)).transpose()?.map(|(_, id)| id),
            user_id: ids::decode_opt("userId", Kind::User, user_id.as_ref())?,
            operation,
            from: from.map(|d| d.0),
            to: to.map(|d| d.0),
        };
        let request = page_request(first, after.as_deref())?;
        let page = read!(ctx, |conn| sismic_store::audit::list(conn, &filter, &request));
        Ok(connection(page, &request, |r| r.audit_id, AuditEntry))
    }

    /// Everything held about one participant, as one JSON document: the answer to an access
    /// request under Quebec's Law 25 (ADMIN and the region's agents).
    async fn participant_data_export(
        &self,
        ctx: &Context<'_>,
        participant_id: ID,
    ) -> ApiResult<async_graphql::Json<serde_json::Value>> {
        ctx.viewer()?.require_staff()?;
        let id = ids::decode("participantId", Kind::Participant, &participant_id)?;
        let mut reading = ctx.reads().lock().await?;
        let document = sismic_store::privacy::export_participant(&mut reading, id)
            .await
            .map_err(crate::error::ApiError::naming("participant"))?;
        drop(reading);
        Ok(async_graphql::Json(document))
    }

    /// Outcomes of a cohort (ADMIN, the region's agents, funders). Partners: `FORBIDDEN`.
    /// Funders never see a count of 1 to 4 people (the threshold is configurable): such counts
    /// are reported with `suppressed: true`.
    ///
    /// A report runs a dozen aggregate queries: it weighs 1,000 in the complexity limit (so a
    /// request holds at most a few), and one user's reports are built at most
    /// `SISMIC_MAX_REPORTS_PER_USER` at a time.
    ///
    /// The same report as a file, for the same viewers and with the same suppression:
    /// `GET /reports/cohorts/{cohortId}.csv` (`?dialect=excel-fr` for French-locale Excel:
    /// semicolons, decimal commas), `.xlsx` (an Excel workbook, the paragraph of `narrative`
    /// first) and `.json`; `?lang=en` for English headers.
    #[graphql(complexity = "REPORT_COMPLEXITY + child_complexity")]
    async fn cohort_report(&self, ctx: &Context<'_>, cohort_id: ID) -> ApiResult<CohortReport> {
        let viewer = *ctx.viewer()?;
        let uuid = ids::decode("cohortId", Kind::Cohort, &cohort_id)?;
        ctx.reads().release().await;
        let _turn = report_gate(ctx).enter(viewer.user_id, ctx.store().deadline()).await?;
        crate::report::cohort_report_in(ctx.reads(), &viewer, &report_policy(ctx), uuid).await
    }

    /// The main figures of every region for one programme year, and their totals (ADMIN and
    /// funders; others `FORBIDDEN`). Programme year 2020 runs from April 1, 2020 to March 31,
    /// 2021; a cohort belongs to the year its start date falls in. Weighs like `cohortReport`.
    #[graphql(complexity = "REPORT_COMPLEXITY + child_complexity")]
    async fn network_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The calendar year the programme year starts in (2020 for 2020-2021).")] program_year: i32,
    ) -> ApiResult<NetworkReport> {
        let viewer = *ctx.viewer()?;
        ctx.reads().release().await;
        let _turn = report_gate(ctx).enter(viewer.user_id, ctx.store().deadline()).await?;
        build_network_report(ctx.store(), &viewer, &report_policy(ctx), program_year).await
    }
}

/// Why a project needs attention.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttentionReason {
    /// No follow-up for `quietDays` days or more (never one: since its creation).
    NoRecentFollowUp,
    /// On hold for `onHoldDays` days or more.
    OnHoldTooLong,
    /// In its current stage for more than `stageFactor` times the cohort's median stay there.
    LongStayInStage,
}

/// An open project that needs attention, and why.
#[derive(async_graphql::SimpleObject)]
pub struct ProjectAttention {
    /// The project.
    pub project: Project,
    /// Every reason that applies (at least one).
    pub reasons: Vec<AttentionReason>,
    /// Days since the last follow-up (since its creation when it never had one).
    pub days_without_follow_up: i32,
    /// Days since it was put on hold, when it is on hold.
    pub days_on_hold: Option<i32>,
    /// Days since it entered its current stage.
    pub days_in_stage: i32,
    /// The cohort's median of completed stays in that stage, in days; null when no project of
    /// the cohort has completed one yet.
    pub cohort_median_days_in_stage: Option<f64>,
}

/// What one report weighs in the complexity limit: it aggregates a whole cohort's data (one
/// large statement), against an indexed page for a connection.
pub const REPORT_COMPLEXITY: usize = 1_000;

fn report_gate<'c>(ctx: &Context<'c>) -> &'c ReportGate {
    ctx.data_unchecked::<ReportGate>()
}

fn report_policy(ctx: &Context<'_>) -> ReportPolicy {
    ctx.data_opt::<ReportPolicy>().copied().unwrap_or_default()
}
