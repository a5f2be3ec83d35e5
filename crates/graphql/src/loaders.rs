//! DataLoaders: every parent-to-child edge is fetched in one `= any($1)` query per request and
//! level, not once per parent, inside the request's transaction ([`RequestTx`]).
//!
//! # Batching without a timer
//! A load does not wait a fixed delay for its siblings (async-graphql's DataLoader sleeps 1 ms,
//! which a request pays at every level of its tree). The resolvers of one request all run in
//! one task, and the fields of a level are polled one after another in the same pass of that
//! task. So the first load of a kind opens a batch and yields: every sibling polled in the same
//! pass joins it; the batch is sent once a pass goes by with nobody joining. Whether a page
//! holds 5 projects or 50, their partners come in one statement (`tests/api/statements.rs`
//! counts it), and no load ever sleeps.
//!
//! Only the load that opened a batch drives it; the others wait for its result (a
//! `tokio::sync::OnceCell`), and if that load goes away (a sibling's error drops it), one of
//! them takes over, with the batch's keys.
//!
//! # Caching
//! In a query (one snapshot: the same row cannot change under the request) what a request has
//! loaded, found or not, is kept for the rest of it. In a mutation nothing is kept: a mutation
//! may change what an earlier field read.
//!
//! The loaders act for the request's viewer (they read through its transaction), so a nested
//! field can never return a row its viewer may not see.

use crate::context::RequestTx;
use crate::error::ApiError;
use futures_util::future::BoxFuture;
use sismic_store::participants::Link;
use sismic_store::projects::{AwardRow, LaunchRow, ProjectRow, StageEventRow};
use sismic_store::regions::{CohortRow, RegionRow};
use sismic_store::PgConnection;
use sismic_store::{activities, follow_ups, participants, partners, projects, regions, users, StoreError};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use uuid::Uuid;

/// A kind of key, and how the values of a batch of keys are read.
pub trait Load: Copy + Eq + Hash + Send + Sync + 'static {
    /// What one key loads.
    type Value: Clone + Send + Sync + 'static;

    /// Reads the values of `keys` (absent: no such row, or hidden from the viewer).
    fn fetch<'c>(
        conn: &'c mut PgConnection,
        keys: &'c [Self],
    ) -> BoxFuture<'c, Result<HashMap<Self, Self::Value>, StoreError>>;
}

type BatchResult<K> = Result<Arc<HashMap<K, <K as Load>::Value>>, ApiError>;

/// The batch of one kind of key being gathered.
struct Batch<K: Load> {
    keys: Mutex<Vec<K>>,
    /// Loads that joined it (a key asked twice counts twice: see [`Loaders::load_many`]).
    joins: std::sync::atomic::AtomicUsize,
    result: tokio::sync::OnceCell<BatchResult<K>>,
}

/// What a request holds for one kind of key.
struct Typed<K: Load> {
    cache: HashMap<K, Option<K::Value>>,
    pending: Option<Arc<Batch<K>>>,
}

impl<K: Load> Default for Typed<K> {
    fn default() -> Self {
        Typed { cache: HashMap::new(), pending: None }
    }
}

struct Inner {
    reads: Arc<RequestTx>,
    cache: bool,
    kinds: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

impl Inner {
    fn kinds(&self) -> MutexGuard<'_, HashMap<TypeId, Box<dyn Any + Send>>> {
        self.kinds.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with<K: Load, T>(&self, f: impl FnOnce(&mut Typed<K>) -> T) -> T {
        let mut kinds = self.kinds();
        let typed = kinds
            .entry(TypeId::of::<K>())
            .or_insert_with(|| Box::new(Typed::<K>::default()))
            .downcast_mut::<Typed<K>>()
            .expect("one state per key type");
        f(typed)
    }
}

/// The loaders of one request.
pub struct Loaders(Arc<Inner>);

impl Loaders {
    /// Loaders reading through the request's transaction; `cache`: keep what was loaded for
    /// the rest of the request (queries).
    pub fn new(reads: Arc<RequestTx>, cache: bool) -> Self {
        Loaders(Arc::new(Inner { reads, cache, kinds: Mutex::new(HashMap::new()) }))
    }

    /// Loads one value; `None` when absent or hidden.
    pub async fn load<K: Load>(&self, key: K) -> Result<Option<K::Value>, ApiError> {
        Ok(self.load_many([key]).await?.remove(&key))
    }

    /// Loads the values of `keys` in one batch (with those its siblings ask for at the same
    /// time); absent keys are missing from the map.
    pub async fn load_many<K: Load>(
        &self,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<HashMap<K, K::Value>, ApiError> {
        let mut found = HashMap::new();
        let mut wanted = Vec::new();
        let batch = self.0.with::<K, _>(|typed| {
            for key in keys {
                match typed.cache.get(&key) {
                    Some(Some(value)) => {
                        found.insert(key, value.clone());
                    }
                    Some(None) => {}
                    None => wanted.push(key),
                }
            }
            if wanted.is_empty() {
                return None;
            }
            let batch = typed.pending.get_or_insert_with(|| {
                Arc::new(Batch {
                    keys: Mutex::new(Vec::new()),
                    joins: Default::default(),
                    result: tokio::sync::OnceCell::new(),
                })
            });
            batch.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(wanted.iter().copied());
            batch.joins.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Some(batch.clone())
        });
        let Some(batch) = batch else { return Ok(found) };
        let values = batch.result.get_or_init(|| run_batch::<K>(self.0.clone(), batch.clone())).await.clone()?;
        for key in wanted {
            if let Some(value) = values.get(&key) {
                found.insert(key, value.clone());
            }
        }
        Ok(found)
    }
}

/// Gathers a batch until a pass of the request's task goes by without anyone joining it, then
/// reads it through the request's transaction.
async fn run_batch<K: Load>(inner: Arc<Inner>, batch: Arc<Batch<K>>) -> BatchResult<K> {
    let mut seen = 0;
    loop {
        let joins = batch.joins.load(std::sync::atomic::Ordering::SeqCst);
        if joins == seen {
            break;
        }
        seen = joins;
        // Tokio wakes a yielding task only once its current poll is over: by then every field
        // polled in this pass has asked for its keys.
        tokio::task::yield_now().await;
    }
    // Closed: later loads open a new batch.
    inner.with::<K, _>(|typed| {
        if typed.pending.as_ref().is_some_and(|pending| Arc::ptr_eq(pending, &batch)) {
            typed.pending = None;
        }
    });
    let mut keys = batch.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    let mut unique = std::collections::HashSet::with_capacity(keys.len());
    keys.retain(|k| unique.insert(*k));
    let values = {
        use tracing::Instrument;
        let mut conn = inner.reads.lock().await?;
        let loader = std::any::type_name::<K>().rsplit("::").next().unwrap_or_default();
        K::fetch(&mut conn, &keys).instrument(tracing::info_span!("db.load", loader, keys = keys.len())).await?
    };
    if inner.cache {
        inner.with::<K, _>(|typed| {
            for key in &keys {
                typed.cache.insert(*key, values.get(key).cloned());
            }
        });
    }
    Ok(Arc::new(values))
}

/// Defines a key type and its loader: `$key(Uuid)` loads `$value` with `$fetch`, indexing each
/// row by `$index`; `single` keeps one row per key, `grouped` collects a list (empty for a key
/// without rows).
macro_rules! loader {
    ($(#[$doc:meta])* $key:ident => single $value:ty, $fetch:path, |$row:ident| $index:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        impl Load for $key {
            type Value = $value;

            fn fetch<'c>(
                conn: &'c mut PgConnection,
                keys: &'c [Self],
            ) -> BoxFuture<'c, Result<HashMap<Self, $value>, StoreError>> {
                Box::pin(async move {
                    let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
                    let rows = $fetch(conn, &ids).await?;
                    Ok(rows.into_iter().map(|$row| ($key($index), $row)).collect())
                })
            }
        }
    };
    ($(#[$doc:meta])* $key:ident => grouped $value:ty, $fetch:path, |$row:ident| $index:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        impl Load for $key {
            type Value = Vec<$value>;

            fn fetch<'c>(
                conn: &'c mut PgConnection,
                keys: &'c [Self],
            ) -> BoxFuture<'c, Result<HashMap<Self, Vec<$value>>, StoreError>> {
                Box::pin(async move {
                    let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
                    let rows = $fetch(conn, &ids).await?;
                    let mut map: HashMap<$key, Vec<$value>> = keys.iter().map(|k| (*k, Vec::new())).collect();
                    for $row in rows {
                        map.entry($key($index)).or_default().push($row);
                    }
                    Ok(map)
                })
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
