//! Write operations, one object per domain, merged into the schema's `Mutation` (async-graphql's
//! `MergedObject`). Each runs in one transaction, through the pipeline of [`write`]: it either
//! does everything it says or, on any error, writes nothing.

pub mod accounts;
pub mod activities;
pub mod follow_ups;
pub mod import;
pub mod participants;
pub mod projects;
pub mod reference;
pub mod write;

use crate::error::{ApiError, ApiResult};
use async_graphql::{MaybeUndefined, MergedObject};
use chrono::Utc;
use sismic_store::projects::{self as project_store, ProjectRow};
use sismic_store::Tx;
use uuid::Uuid;

// The root of every write. No doc comment on purpose: async-graphql would serve it as the
// description of `type Mutation`, which `schema.graphql` does not have.
//
// The order of the parts is the order of the fields in the served schema (`schema.graphql`),
// as it was before the split: that is why accounts and reference data give two parts each.
#[allow(missing_docs)]
#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::SessionMutation,
    reference::ReferenceEdits,
    accounts::UserCreation,
    reference::ReferenceCreation,
    projects::ProjectMutation,
    participants::ParticipantMutation,
    activities::ActivityMutation,
    follow_ups::FollowUpMutation,
    reference::AwardMutation,
    import::ImportMutation,
);

/// Today, for the rules "not in the future".
fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

/// A visible project in the mutation's transaction, or `NOT_FOUND` naming `field`.
async fn visible_project(tx: &mut Tx, field: &str, id: Uuid) -> ApiResult<ProjectRow> {
    let rows = project_store::projects_by_ids(tx, &[id]).await?;
    rows.into_iter().next().ok_or_else(|| ApiError::NotFound(format!("{field}: project not found")))
}

/// `None` when omitted, `Some(None)` when null, `Some(Some(v))` when given.
fn maybe<T: Copy>(value: &MaybeUndefined<T>) -> Option<Option<T>> {
    value.as_opt_ref().map(Option::<&T>::copied)
}
