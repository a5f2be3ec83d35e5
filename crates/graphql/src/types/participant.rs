//! Participants and their consents.

use super::{Activity, Project, Region};
use crate::context::{found, ContextExt};
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::scalars::{Date, DateTime};
use async_graphql::{Context, Object, ID};
use sismic_store::participants::ParticipantRow;

/// A young person reached by the pathway. Personal information (Quebec's Law 25): visible
/// only to administrators and the agents of the participant's region.
pub struct Participant(pub ParticipantRow);

/// A young person reached by the pathway. Personal information (Quebec's Law 25): visible
/// only to administrators and the agents of the participant's region.
#[Object]
impl Participant {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
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
