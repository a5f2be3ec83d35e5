//! Follow-ups of a project or a partner.

use super::{load_opt, Partner, Project, Region};
use crate::context::{found, ContextExt};
use crate::enums::FollowUpMode;
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::scalars::{Date, DateTime};
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use sismic_store::follow_ups::{FollowUpFilter, FollowUpRow};
use sismic_store::{follow_ups, Cursor};

/// Lists follow-ups, newest first.
pub async fn follow_up_connection(
    ctx: &Context<'_>,
    filter: FollowUpFilter,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<Connection<String, FollowUp>> {
    let request = page_request(first, after.as_deref())?;
    let page = read!(ctx, |conn| follow_ups::list_follow_ups(conn, &filter, &request));
    Ok(connection(page, &request, |r| Cursor { at: r.occurred_on, id: r.follow_up_id }, FollowUp))
}

/// A follow-up ("suivi"): a coaching meeting on a project, or a working meeting with a partner.
pub struct FollowUp(pub FollowUpRow);

/// A follow-up ("suivi"): a coaching meeting on a project, or a working meeting with a partner.
#[Object]
impl FollowUp {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
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
