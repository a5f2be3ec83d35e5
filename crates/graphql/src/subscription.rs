//! Subscriptions: live updates over WebSocket (graphql-transport-ws, served by the server
//! crate's `live` module).
//!
//! Events come from PostgreSQL (`LISTEN/NOTIFY`, see [`sismic_store::events`]) and carry ids
//! only. Each delivery reads the object again under the subscriber's own scope, as a query
//! would (row-level security decides), and yields nothing when the subscriber may not see it:
//! the rules are the queries' rules, written once. The same read checks that the subscriber's
//! session still stands (a revoked one gets `UNAUTHENTICATED` and the connection is closed).
//!
//! A subscription's stream ends with `UNAVAILABLE` when events may have been missed (the
//! listener lost the database, or this subscriber fell too far behind): the connection is then
//! closed so that the client reconnects and reads again.

use crate::auth::Viewer;
use crate::context::ContextExt;
use crate::error::{ApiError, ApiResult};
use crate::ids::{self, Kind};
use crate::types::{Cohort, FollowUp, Project};
use async_graphql::{Context, Enum, SimpleObject, Subscription as SubscriptionRoot, ID};
use futures_util::stream::{self, Stream};
use sismic_domain::Role;
use sismic_store::events::{self, Event, EventBus, Signal};
use sismic_store::{commit, follow_ups, projects, regions, users, Store};
use std::future::Future;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// What the subscriptions share: the process's event bus, and a bound on the database reads
/// deliveries make at once (a burst of events for many subscribers must leave connections to
/// the requests).
#[derive(Clone, Debug)]
pub struct Live {
    /// The event bus.
    pub bus: EventBus,
    /// Re-reads running at once.
    pub reads: Arc<Semaphore>,
}

impl Live {
    /// The bus, with at most `reads` deliveries reading the database at once.
    pub fn new(bus: EventBus, reads: usize) -> Self {
        Live { bus, reads: Arc::new(Semaphore::new(reads.max(1))) }
    }
}

/// The root of subscriptions.
pub struct Subscription;

/// What changed about a project.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectChange {
    /// The project was created.
    Created,
    /// Its stage changed (`advanceProjectStage`, `moveProjectStage`).
    StageChanged,
    /// Its status changed (`setProjectStatus`, `recordEnterpriseLaunch`).
    StatusChanged,
    /// A follow-up was logged on it: `followUpCount` and `lastFollowUpOn` changed. (Partners
    /// learn of follow-ups this way only, never of what was said.)
    FollowUpLogged,
    /// A participant joined or left its team: `teamSize` changed.
    TeamChanged,
    /// Its name, summary, origin partner, sector or MRC changed.
    DetailsChanged,
}

impl From<events::ProjectChange> for ProjectChange {
    fn from(change: events::ProjectChange) -> Self {
        use events::ProjectChange as C;
        match change {
            C::Created => ProjectChange::Created,
            C::StageChanged => ProjectChange::StageChanged,
            C::StatusChanged => ProjectChange::StatusChanged,
            C::FollowUpLogged => ProjectChange::FollowUpLogged,
            C::TeamChanged => ProjectChange::TeamChanged,
            C::DetailsChanged => ProjectChange::DetailsChanged,
        }
    }
}

/// A project the subscriber may see has changed.
#[derive(SimpleObject)]
pub struct ProjectChangedEvent {
    /// What changed.
    pub change: ProjectChange,
    /// The project as it is now, read for the subscriber as `project(id)` would read it (a
    /// partner gets the fields partners may read, and `FORBIDDEN` for the others).
    pub project: Project,
}

/// A follow-up was logged on a project or with a partner of the subscriber's region.
#[derive(SimpleObject)]
pub struct FollowUpLoggedEvent {
    /// The follow-up, read for the subscriber.
    pub follow_up: FollowUp,
}

/// The figures of a cohort's report may have changed: query `cohortReport` again to read them
/// (the event carries no figures, so that every reader gets them through the report's own
/// rules, small-cell suppression included).
#[derive(SimpleObject)]
pub struct CohortReportChangedEvent {
    /// The cohort whose report changed.
    pub cohort: Cohort,
}

/// Live updates, over WebSocket at `/graphql` with the graphql-transport-ws protocol (the
/// `graphql-ws` library's). Each subscriber hears only of what it may read, by the rules of
/// the queries; events are read again for it at delivery. After a reconnection, read again:
/// events published while a client was not connected are not replayed.
#[SubscriptionRoot]
impl Subscription {
    /// A project changed: created, moved, its status, a follow-up logged on it (its count and
    /// date only), its team size, or its details. ADMIN and agents hear of the projects of
    /// their region (ADMIN: every region), partners of the projects that came from them;
    /// funders are `FORBIDDEN`, as for `projects`. With `projectId`, only that project (which
    /// must be visible: `NOT_FOUND` otherwise); with `cohortId`, only that cohort's projects.
    async fn project_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this project.")] project_id: Option<ID>,
        #[graphql(desc = "Only the projects of this cohort.")] cohort_id: Option<ID>,
    ) -> Result<impl Stream<Item = ApiResult<ProjectChangedEvent>>, ApiError> {
        let viewer = *ctx.viewer()?;
        viewer.require_project_reader()?;
        let project_id = ids::decode_opt("projectId", Kind::Project, project_id.as_ref())?;
        let cohort_id = ids::decode_opt("cohortId", Kind::Cohort, cohort_id.as_ref())?;
        // Listening starts before anything else: whatever commits from here on is heard.
        let live = live(ctx)?;
        let receiver = open(&live)?;
        let store = ctx.store().clone();
        if let Some(id) = project_id {
            require_visible_project(&store, &viewer, id).await?;
        }
        let concerns = move |event: &Event| match *event {
            Event::Project { id, region, partner, cohort, .. } => {
                project_id.is_none_or(|p| p == id)
                    && cohort_id.is_none_or(|c| c == cohort)
                    && may_see_project(&viewer, region, partner)
            }
            _ => false,
        };
        let deliver = move |event: Event| {
            let (store, live) = (store.clone(), live.clone());
            async move {
                let Event::Project { id, change, .. } = event else { return Ok(None) };
                let (_turn, mut tx) = delivery(&store, &live, &viewer).await?;
                let row = projects::projects_by_ids(&mut tx, &[id]).await?;
                commit(tx).await?;
                Ok(row
                    .into_iter()
                    .next()
                    .map(|row| ProjectChangedEvent { change: change.into(), project: Project(row) }))
            }
        };
        Ok(deliveries(receiver, concerns, deliver))
    }

    /// A follow-up was logged (ADMIN and agents: their region's; ADMIN every region's).
    /// Partners and funders are `FORBIDDEN`: they never read follow-ups (a partner hears of one
    /// on its project through `projectChanged`, as `FOLLOW_UP_LOGGED`, without its text). With
    /// `projectId`, only that project's follow-ups.
    async fn follow_up_logged(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the follow-ups of this project.")] project_id: Option<ID>,
    ) -> Result<impl Stream<Item = ApiResult<FollowUpLoggedEvent>>, ApiError> {
        let viewer = *ctx.viewer()?;
        viewer.require_staff()?;
        let project_id = ids::decode_opt("projectId", Kind::Project, project_id.as_ref())?;
        let live = live(ctx)?;
        let receiver = open(&live)?;
        let store = ctx.store().clone();
        if let Some(id) = project_id {
            require_visible_project(&store, &viewer, id).await?;
        }
        let concerns = move |event: &Event| match *event {
            Event::FollowUp { region, project, .. } => {
                project_id.is_none_or(|p| Some(p) == project) && viewer.serves_region(region)
            }
            _ => false,
        };
        let deliver = move |event: Event| {
            let (store, live) = (store.clone(), live.clone());
            async move {
                let Event::FollowUp { id, .. } = event else { return Ok(None) };
                let (_turn, mut tx) = delivery(&store, &live, &viewer).await?;
                let row = follow_ups::follow_ups_by_ids(&mut tx, &[id]).await?;
                commit(tx).await?;
                Ok(row.into_iter().next().map(|row| FollowUpLoggedEvent { follow_up: FollowUp(row) }))
            }
        };
        Ok(deliveries(receiver, concerns, deliver))
    }

    /// The figures of a cohort's report may have changed (a project, follow-up, attendance,
    /// award or participant's profile counted in it, or its previous cohort, which the
    /// comparison reads): query `cohortReport` again. For those who may read that report:
    /// ADMIN, funders, and the agents of its region (another region's cohort is `NOT_FOUND`);
    /// partners are `FORBIDDEN`.
    async fn cohort_report_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cohort.")] cohort_id: ID,
    ) -> Result<impl Stream<Item = ApiResult<CohortReportChangedEvent>>, ApiError> {
        let viewer = *ctx.viewer()?;
        if viewer.role == Role::Partner {
            return Err(ApiError::Forbidden("partners do not read cohort reports"));
        }
        let cohort_id = ids::decode("cohortId", Kind::Cohort, &cohort_id)?;
        let live = live(ctx)?;
        let receiver = open(&live)?;
        let store = ctx.store().clone();
        let mut tx = store.begin(&viewer.scope()).await?;
        let cohort = readable_cohort(&mut tx, &viewer, cohort_id).await?;
        let cohort = cohort.ok_or_else(|| ApiError::not_found("cohortId: cohort"))?;
        // The comparison reads the previous cohort's figures too.
        let previous = regions::previous_cohort(&mut tx, &cohort).await?.map(|c| c.cohort_id);
        commit(tx).await?;
        let concerns = move |event: &Event| match *event {
            Event::Cohort { id, .. } => id == cohort_id || Some(id) == previous,
            _ => false,
        };
        let deliver = move |_event: Event| {
            let (store, live) = (store.clone(), live.clone());
            async move {
                let (_turn, mut tx) = delivery(&store, &live, &viewer).await?;
                let row = readable_cohort(&mut tx, &viewer, cohort_id).await?;
                commit(tx).await?;
                Ok(row.map(|row| CohortReportChangedEvent { cohort: Cohort(row) }))
            }
        };
        Ok(deliveries(receiver, concerns, deliver))
    }

    /// The figures of a programme year's network report may have changed (one of its cohorts'
    /// figures changed): query `networkReport` again. ADMIN and funders, as `networkReport`;
    /// others are `FORBIDDEN`.
    async fn network_report_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The calendar year the programme year starts in (2020 for 2020-2021).")] program_year: i32,
    ) -> Result<impl Stream<Item = ApiResult<NetworkReportChangedEvent>>, ApiError> {
        let viewer = *ctx.viewer()?;
        if !matches!(viewer.role, Role::Admin | Role::Funder) {
            return Err(ApiError::Forbidden("only administrators and funders read the network report"));
        }
        let (from, to) = crate::report::program_year_bounds(program_year)?;
        let live = live(ctx)?;
        let receiver = open(&live)?;
        let store = ctx.store().clone();
        let concerns = |event: &Event| matches!(event, Event::Cohort { .. });
        let deliver = move |event: Event| {
            let (store, live) = (store.clone(), live.clone());
            async move {
                let Event::Cohort { id, .. } = event else { return Ok(None) };
                let (_turn, mut tx) = delivery(&store, &live, &viewer).await?;
                let row = regions::cohorts_by_ids(&mut tx, &[id]).await?.into_iter().next();
                commit(tx).await?;
                Ok(row
                    .filter(|c| (from..=to).contains(&c.starts_on))
                    .map(|c| NetworkReportChangedEvent { program_year, cohort: Cohort(c) }))
            }
        };
        Ok(deliveries(receiver, concerns, deliver))
    }
}

/// The figures of the network report of a programme year may have changed: query
/// `networkReport` again.
#[derive(SimpleObject)]
pub struct NetworkReportChangedEvent {
    /// The programme year (2020 for 2020-2021).
    pub program_year: i32,
    /// The cohort of that year whose figures changed.
    pub cohort: Cohort,
}

/// The cohort whose report the viewer may read, as `cohortReport` decides it: visible under
/// the viewer's scope, and an agent's own region.
async fn readable_cohort(
    tx: &mut sismic_store::Tx,
    viewer: &Viewer,
    cohort_id: Uuid,
) -> Result<Option<regions::CohortRow>, sismic_store::StoreError> {
    let cohort = regions::cohorts_by_ids(tx, &[cohort_id]).await?.into_iter().next();
    Ok(cohort.filter(|c| viewer.role != Role::Agent || viewer.region_id == Some(c.region_id)))
}

/// Whether a project of `region` from `partner` may concern the viewer at all. A cheap first
/// sieve on the event's ids; what is delivered is decided by reading the project again.
/// `NOT_FOUND` unless the viewer may read project `id` (a subscription's `projectId`).
async fn require_visible_project(store: &Store, viewer: &Viewer, id: Uuid) -> ApiResult<()> {
    let mut tx = store.begin(&viewer.scope()).await?;
    let visible = projects::projects_by_ids(&mut tx, &[id]).await?;
    commit(tx).await?;
    if visible.is_empty() {
        return Err(ApiError::not_found("projectId: project"));
    }
    Ok(())
}

fn may_see_project(viewer: &Viewer, region: Uuid, partner: Option<Uuid>) -> bool {
    match viewer.role {
        Role::Admin => true,
        Role::Agent => viewer.region_id == Some(region),
        Role::Partner => partner.is_some() && partner == viewer.partner_id,
        Role::Funder => false,
    }
}

fn live<'c>(ctx: &Context<'c>) -> ApiResult<Live> {
    ctx.data_opt::<Live>().cloned().ok_or_else(|| {
        tracing::error!("a subscription without the live updates' data");
        ApiError::Internal
    })
}

/// A receiver of the bus, once it listens (subscribed first: see [`EventBus::subscribe`]).
fn open(live: &Live) -> ApiResult<tokio::sync::broadcast::Receiver<Signal>> {
    let receiver = live.bus.subscribe();
    if !live.bus.is_live() {
        return Err(ApiError::Unavailable);
    }
    Ok(receiver)
}

/// Opens the transaction of a delivery, under the viewer's scope, once a turn among the
/// deliveries reading at once is free; and checks first that the session still stands
/// (`UNAUTHENTICATED` when it was revoked meanwhile).
async fn delivery(
    store: &Store,
    live: &Live,
    viewer: &Viewer,
) -> ApiResult<(tokio::sync::OwnedSemaphorePermit, sismic_store::Tx)> {
    let turn = live.reads.clone().acquire_owned().await.map_err(|_| ApiError::Internal)?;
    let mut tx = store.begin(&viewer.scope()).await?;
    match users::token_status(&mut tx, viewer.user_id, viewer.token_version).await? {
        users::TokenStatus::Revoked => return Err(ApiError::Unauthenticated("the session was revoked: sign in again")),
        users::TokenStatus::Current { must_change_password: true } => return Err(ApiError::PasswordChangeRequired),
        users::TokenStatus::Current { must_change_password: false } => {}
    }
    Ok((turn, tx))
}

/// The stream of a subscription: every signal of `receiver` that `concerns` the subscriber is
/// delivered (`deliver` reads it again; `None` delivers nothing). It ends after an error: a
/// failed read, a revoked session, or events that may have been missed (`UNAVAILABLE`).
fn deliveries<T, C, D, F>(
    receiver: tokio::sync::broadcast::Receiver<Signal>,
    concerns: C,
    deliver: D,
) -> impl Stream<Item = ApiResult<T>>
where
    T: Send + 'static,
    C: Fn(&Event) -> bool + Send + 'static,
    D: Fn(Event) -> F + Send + 'static,
    F: Future<Output = ApiResult<Option<T>>> + Send,
{
    stream::unfold(Some((receiver, concerns, deliver)), |state| async move {
        let (mut receiver, concerns, deliver) = state?;
        loop {
            let event = match receiver.recv().await {
                Ok(Signal::Event(event)) if concerns(&event) => event,
                Ok(Signal::Event(_)) => continue,
                Ok(Signal::Interrupted) | Err(RecvError::Lagged(_)) => {
                    return Some((Err(ApiError::Unavailable), None));
                }
                Err(RecvError::Closed) => return None,
            };
            match deliver(event).await {
                Ok(Some(item)) => return Some((Ok(item), Some((receiver, concerns, deliver)))),
                Ok(None) => continue,
                Err(error) => return Some((Err(error), None)),
            }
        }
    })
}
