//! DataLoaders: every parent-to-child edge is fetched in one `= any($1)` query per request and
//! level, not once per parent.
//!
//! The loaders of a request act for its viewer (each batch runs in a transaction with the
//! viewer's scope), so a nested field can never return a row its viewer may not see.

use crate::error::ApiError;
use async_graphql::dataloader::{DataLoader, Loader};
use sismic_store::participants::Link;
use sismic_store::projects::{AwardRow, LaunchRow, ProjectRow, StageEventRow};
use sismic_store::regions::{CohortRow, RegionRow};
use sismic_store::{activities, follow_ups, participants, partners, projects, regions, users, Scope, Store};
use std::collections::HashMap;
use std::hash::Hash;
use uuid::Uuid;

/// The store, acting for one request's viewer.
pub struct ScopedStore {
    store: Store,
    scope: Option<Scope>,
}

impl ScopedStore {
    async fn begin(&self) -> Result<sismic_store::Tx, ApiError> {
        let scope = self.scope.ok_or(ApiError::Unauthenticated("sign in first"))?;
        Ok(self.store.begin(&scope).await?)
    }
}

/// The loaders of one request.
pub struct Loaders(DataLoader<ScopedStore>);

impl Loaders {
    /// Loaders acting for `scope` (none: every load is refused).
    pub fn new(store: Store, scope: Option<Scope>) -> Self {
        Loaders(DataLoader::new(ScopedStore { store, scope }, tokio::spawn))
    }

    /// Loads one value; `None` when absent or hidden.
    pub async fn load<K>(&self, key: K) -> Result<Option<<ScopedStore as Loader<K>>::Value>, ApiError>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        ScopedStore: Loader<K, Error = ApiError>,
    {
        self.0.load_one(key).await
    }
}

/// Defines a key type and its loader: `$key(Uuid)` loads `$value` with `$fetch`, indexing each
/// row by `$index`; `single` keeps one row per key, `grouped` collects a list.
macro_rules! loader {
    ($(#[$doc:meta])* $key:ident => single $value:ty, $fetch:path, |$row:ident| $index:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        impl Loader<$key> for ScopedStore {
            type Value = $value;
            type Error = ApiError;

            #[tracing::instrument(name = "db.load", skip_all, fields(loader = stringify!($key), keys = keys.len()))]
            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, ApiError> {
                let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
                let mut tx = self.begin().await?;
                let rows = $fetch(&mut *tx, &ids).await?;
                sismic_store::commit(tx).await?;
                Ok(rows.into_iter().map(|$row| ($key($index), $row)).collect())
            }
        }
    };
    ($(#[$doc:meta])* $key:ident => grouped $value:ty, $fetch:path, |$row:ident| $index:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        impl Loader<$key> for ScopedStore {
            type Value = Vec<$value>;
            type Error = ApiError;

            #[tracing::instrument(name = "db.load", skip_all, fields(loader = stringify!($key), keys = keys.len()))]
            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Vec<$value>>, ApiError> {
                let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
                let mut tx = self.begin().await?;
                let rows = $fetch(&mut *tx, &ids).await?;
                sismic_store::commit(tx).await?;
                let mut map: HashMap<$key, Vec<$value>> = HashMap::new();
                for $row in rows {
                    map.entry($key($index)).or_default().push($row);
                }
                Ok(map)
            }
        }
    };
}

loader!(
    /// A region by id.
    RegionById => single RegionRow, regions::regions_by_ids, |r| r.region_id);
loader!(
    /// A cohort by id.
    CohortById => single CohortRow, regions::cohorts_by_ids, |r| r.cohort_id);
loader!(
    /// A partner by id.
    PartnerById => single partners::PartnerRow, partners::partners_by_ids, |r| r.partner_id);
loader!(
    /// A user by id.
    UserById => single users::UserRow, users::users_by_ids, |r| r.user_id);
loader!(
    /// A project by id.
    ProjectById => single ProjectRow, projects::projects_by_ids, |r| r.project_id);
loader!(
    /// A participant by id.
    ParticipantById => single participants::ParticipantRow, participants::participants_by_ids, |r| r.participant_id);
loader!(
    /// An activity by id.
    ActivityById => single activities::ActivityRow, activities::activities_by_ids, |r| r.activity_id);
loader!(
    /// A follow-up by id.
    FollowUpById => single follow_ups::FollowUpRow, follow_ups::follow_ups_by_ids, |r| r.follow_up_id);
loader!(
    /// An award by id.
    AwardById => single AwardRow, projects::awards_by_ids, |r| r.award_id);
loader!(
    /// The enterprise launch of a project.
    LaunchOfProject => single LaunchRow, projects::launches_by_project_ids, |r| r.project_id);
loader!(
    /// The history of a project, oldest first.
    HistoryOfProject => grouped StageEventRow, projects::events_by_project_ids, |r| r.project_id);
loader!(
    /// The awards of a project.
    AwardsOfProject => grouped AwardRow, projects::awards_by_project_ids, |r| r.project_id);
loader!(
    /// The team members of a project.
    MembersOfProject => grouped Link, participants::members_by_project_ids, |r| r.parent_id);
loader!(
    /// The projects of a participant.
    ProjectsOfParticipant => grouped Link, participants::projects_of_participants, |r| r.participant_id);
loader!(
    /// The attendees of an activity.
    AttendeesOfActivity => grouped Link, activities::attendees_by_activity_ids, |r| r.parent_id);
loader!(
    /// The activities a participant attended.
    AttendanceOfParticipant => grouped Link, activities::attendance_of_participants, |r| r.participant_id);

loader!(
    /// The consents of a participant, newest first.
    ConsentsOfParticipant => grouped sismic_store::privacy::ConsentRow, sismic_store::privacy::consents_by_participant_ids, |r| r.participant_id);
