//! Regions, their cohorts, and partner institutions: the reference data projects hang on.

use super::{activity_connection, project_connection, Activity, Project};
use crate::context::{found, ContextExt};
use crate::enums::{PartnerKind, ProjectStatus, Stage};
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::scalars::Date;
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use sismic_store::partners::PartnerRow;
use sismic_store::projects::ProjectFilter;
use sismic_store::regions::{CohortRow, RegionRow};
use sismic_store::{regions, Cursor};

/// A regional Pôle d'économie sociale: the data of one region is not another's.
pub struct Region(pub RegionRow);

/// A regional Pôle d'économie sociale: the data of one region is not another's.
#[Object]
impl Region {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
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
    pub(super) async fn id(&self) -> ID {
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

/// A region's intake for one period (programme years run April 1 to March 31).
pub struct Cohort(pub CohortRow);

/// A region's intake for one period (programme years run April 1 to March 31).
#[Object]
impl Cohort {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
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
