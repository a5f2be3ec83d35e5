//! Activities of a cohort.

use super::{load_participants, Cohort, Participant};
use crate::context::{found, ContextExt};
use crate::enums::Stage;
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::pagination::{connection, page_request};
use crate::read;
use crate::scalars::Date;
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use sismic_store::activities::ActivityRow;
use sismic_store::Cursor;

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

/// A workshop of the pathway: one stage, one cohort.
pub struct Activity(pub ActivityRow);

/// A workshop of the pathway: one stage, one cohort.
#[Object]
impl Activity {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
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
