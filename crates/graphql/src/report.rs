//! The cohort report (API.md, "The cohort report"): figures computed by PostgreSQL.

use crate::context::{found, ContextExt};
use crate::enums::{ProjectStatus, Stage};
use crate::error::{ApiError, ApiResult};
use crate::loaders::{CohortById, PartnerById};
use crate::types::{Cohort, Partner};
use async_graphql::{Context, SimpleObject};
use sismic_domain as domain;
use sismic_domain::Role;
use sismic_store::reports;
use uuid::Uuid;

/// Outcomes of one cohort, computed from what was logged.
#[derive(SimpleObject)]
pub struct CohortReport {
    /// The cohort.
    pub cohort: Cohort,
    /// Distinct participants at any of the cohort's activities.
    pub participants_reached: i32,
    /// Distinct participants per stage of the activities they attended; all three stages are
    /// listed, zeros too. One person can attend several stages.
    pub participants_by_stage: Vec<StageCount>,
    /// Projects of the cohort.
    pub project_count: i32,
    /// Projects by current stage; all three listed.
    pub projects_by_stage: Vec<StageCount>,
    /// Projects by status; all five listed.
    pub projects_by_status: Vec<StatusCount>,
    /// Projects of the cohort with status LAUNCHED.
    pub enterprises_created: i32,
    /// Follow-ups on the cohort's projects.
    pub follow_up_count: i32,
    /// Projects and their follow-ups by origin partner, most follow-ups first, then partner
    /// name; the row of projects with no origin partner comes last.
    pub follow_ups_by_origin: Vec<OriginFollowUps>,
    /// Follow-ups with no project, dated within the cohort, logged in the cohort's region, per
    /// partner; most first, then partner name.
    pub partner_follow_ups: Vec<PartnerFollowUps>,
    /// Awards to the cohort's projects.
    pub awards: AwardSummary,
}

/// A count for one stage.
#[derive(SimpleObject)]
pub struct StageCount {
    /// The stage.
    pub stage: Stage,
    /// How many.
    pub count: i32,
}

/// A count for one status.
#[derive(SimpleObject)]
pub struct StatusCount {
    /// The status.
    pub status: ProjectStatus,
    /// How many.
    pub count: i32,
}

/// Projects of one origin and their follow-ups.
#[derive(SimpleObject)]
pub struct OriginFollowUps {
    /// The origin partner; null for projects without one.
    pub partner: Option<Partner>,
    /// Projects from that origin.
    pub project_count: i32,
    /// Follow-ups on those projects.
    pub follow_up_count: i32,
}

/// Follow-ups with one partner.
#[derive(SimpleObject)]
pub struct PartnerFollowUps {
    /// The partner.
    pub partner: Partner,
    /// How many.
    pub follow_up_count: i32,
}

/// Awards in total.
#[derive(SimpleObject)]
pub struct AwardSummary {
    /// How many awards.
    pub count: i32,
    /// Their total, in cents.
    pub total_amount_cents: i32,
}

fn int(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Builds the report of a cohort for the viewer: ADMIN, the region's agents and funders.
pub async fn cohort_report(ctx: &Context<'_>, cohort_id: Uuid) -> ApiResult<CohortReport> {
    let viewer = ctx.viewer()?;
    if viewer.role == Role::Partner {
        return Err(ApiError::Forbidden("partners do not read cohort reports"));
    }
    let cohort = found(ctx.loaders().load(CohortById(cohort_id)).await?, "cohort")?;
    if viewer.role == Role::Agent && viewer.region_id != Some(cohort.region_id) {
        return Err(ApiError::not_found("cohort"));
    }
    // The viewer may read this report: its aggregates run with the REPORT scope, which reads
    // every row of the cohort (a funder may not see those rows one by one).
    let figures = {
        let mut tx = ctx.store().begin(&sismic_store::Scope::Report).await?;
        let figures = reports::cohort_figures(&mut tx, cohort_id).await?;
        sismic_store::commit(tx).await?;
        figures
    };

    let participants_by_stage = domain::Stage::ALL
        .into_iter()
        .map(|stage| StageCount {
            stage: stage.into(),
            count: int(figures.participants_by_stage.iter().filter(|(s, _)| *s == stage).map(|(_, c)| c).sum()),
        })
        .collect();
    let projects_by_stage = domain::Stage::ALL
        .into_iter()
        .map(|stage| StageCount {
            stage: stage.into(),
            count: int(figures.projects_by_state.iter().filter(|(s, _, _)| *s == stage).map(|(_, _, c)| c).sum()),
        })
        .collect();
    let status_count = |status: domain::ProjectStatus| -> i64 {
        figures.projects_by_state.iter().filter(|(_, s, _)| *s == status).map(|(_, _, c)| c).sum()
    };
    let projects_by_status =
        domain::ProjectStatus::ALL.into_iter().map(|status| StatusCount { status: status.into(), count: int(status_count(status)) }).collect();

    let mut follow_ups_by_origin = Vec::with_capacity(figures.follow_ups_by_origin.len());
    for row in &figures.follow_ups_by_origin {
        let partner = match row.partner_id {
            Some(id) => Some(Partner(found(ctx.loaders().load(PartnerById(id)).await?, "partner")?)),
            None => None,
        };
        follow_ups_by_origin.push(OriginFollowUps {
            partner,
            project_count: int(row.project_count),
            follow_up_count: int(row.follow_up_count),
        });
    }
    let mut partner_follow_ups = Vec::with_capacity(figures.partner_follow_ups.len());
    for row in &figures.partner_follow_ups {
        let partner = Partner(found(ctx.loaders().load(PartnerById(row.partner_id)).await?, "partner")?);
        partner_follow_ups.push(PartnerFollowUps { partner, follow_up_count: int(row.follow_up_count) });
    }

    Ok(CohortReport {
        cohort: Cohort(cohort),
        participants_reached: int(figures.participants_reached),
        participants_by_stage,
        project_count: int(figures.projects_by_state.iter().map(|(_, _, c)| c).sum()),
        projects_by_stage,
        projects_by_status,
        enterprises_created: int(status_count(domain::ProjectStatus::Launched)),
        follow_up_count: int(figures.follow_up_count),
        follow_ups_by_origin,
        partner_follow_ups,
        awards: AwardSummary { count: int(figures.award_count), total_amount_cents: int(figures.award_total_cents) },
    })
}
