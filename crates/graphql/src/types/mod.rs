//! The object types of the API. Each wraps a stored row; relations go through the request's
//! DataLoaders, which act for the viewer.

mod activity;
mod follow_up;
mod participant;
mod project;
mod reference;
mod user;

use crate::context::ContextExt;
use crate::error::ApiResult;
use crate::loaders::*;
use async_graphql::{Context, Interface, ID};

pub use activity::{activity_connection, Activity};
pub use follow_up::{follow_up_connection, FollowUp};
pub use participant::{Consent, Participant};
pub use project::{project_connection, Award, EnterpriseLaunch, Project, StageChange};
pub use reference::{cohort_connection, Cohort, Partner, Region};
pub use user::{AuditEntry, User};

// Each type's `id` resolver is `pub(super)`, for this derive to call it.
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

async fn load_opt<K: Load>(ctx: &Context<'_>, key: Option<K>) -> ApiResult<Option<K::Value>> {
    match key {
        Some(key) => ctx.loaders().load(key).await,
        None => Ok(None),
    }
}

async fn load_participants(ctx: &Context<'_>, ids: impl Iterator<Item = uuid::Uuid>) -> ApiResult<Vec<Participant>> {
    let keys: Vec<ParticipantById> = ids.map(ParticipantById).collect();
    let mut rows = ctx.loaders().load_many(keys.iter().copied()).await?;
    Ok(keys.iter().filter_map(|key| rows.remove(key)).map(Participant).collect())
}
