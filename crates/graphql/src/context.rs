//! What every resolver reaches through the GraphQL context, and the request's transaction.

use crate::auth::{Authentication, TokenKeys, Viewer};
use crate::error::{ApiError, ApiResult};
use crate::loaders::Loaders;
use async_graphql::Context;
use sismic_store::{Mode, PgConnection, Scope, Store, Tx};
use std::sync::Arc;

/// The transaction a request reads in: opened when its token is checked (the check is part of
/// the opening, see [`crate::auth::authenticate_opening`]), shared by every resolver and
/// DataLoader of the request, and ended with the request. So the viewer's settings are set
/// once, a query reads one snapshot (`REPEATABLE READ READ ONLY`), and a page costs one round
/// trip per statement, without a `BEGIN`, `set_config` and `COMMIT` around each.
///
/// Statements run one at a time on its connection ([`RequestTx::lock`]). A mutation takes it
/// over as its own transaction ([`RequestTx::take`]) and commits it; reads after that open a
/// new one.
pub struct RequestTx {
    store: Store,
    scope: Option<Scope>,
    mode: Mode,
    /// Keep the transaction between statements (a request); `false` for a subscription, which
    /// lives for hours: each read then has a transaction of its own, so that a subscriber holds
    /// no connection between deliveries and every delivery reads what is current.
    hold: bool,
    slot: tokio::sync::Mutex<Option<Tx>>,
}

impl RequestTx {
    /// The transaction of a request acting for `scope` (none: anonymous, every read is
    /// refused), reading in `mode`, already `opened` or opened on first use.
    pub fn new(store: Store, scope: Option<Scope>, mode: Mode, opened: Option<Tx>) -> Self {
        RequestTx { store, scope, mode, hold: true, slot: tokio::sync::Mutex::new(opened) }
    }

    /// The reads of a subscription acting for `scope`: every [`RequestTx::lock`] opens a
    /// read-only snapshot of its own, ended when the lock is released.
    pub fn per_read(store: Store, scope: Scope) -> Self {
        RequestTx { store, scope: Some(scope), mode: Mode::Snapshot, hold: false, slot: tokio::sync::Mutex::new(None) }
    }

    /// How the request reads.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    fn scope(&self) -> ApiResult<Scope> {
        self.scope.ok_or(ApiError::Unauthenticated("sign in first"))
    }

    /// The transaction, for one or more statements; other resolvers wait meanwhile. Never
    /// hold it across a DataLoader call (the loader needs it too).
    pub async fn lock(&self) -> ApiResult<Reading<'_>> {
        let scope = self.scope()?;
        let mut slot = self.slot.lock().await;
        if slot.is_none() {
            *slot = Some(self.store.open(&scope, self.mode, None).await?.0);
        }
        Ok(Reading { slot, hold: self.hold })
    }

    /// A read-write transaction for a mutation, which commits it: the request's own when it is
    /// one (a mutation request), else a new one.
    pub async fn take(&self) -> ApiResult<Tx> {
        let scope = self.scope()?;
        if self.mode == Mode::ReadWrite {
            if let Some(tx) = self.slot.lock().await.take() {
                return Ok(tx);
            }
        }
        Ok(self.store.begin(&scope).await?)
    }

    /// Runs a report's aggregates in the request's transaction as [`Scope::Report`] (the
    /// `sismic_report` role: every row of what the API authorised, only the columns counts
    /// use), then acts for the viewer again. If the work fails, or is dropped half-way, the
    /// transaction is discarded (rolled back) rather than left acting as the report.
    pub async fn as_report(&self) -> ApiResult<ReportReading<'_>> {
        let scope = self.scope()?;
        let mut reading = self.lock().await?;
        if let Err(error) = reading.tx().act_as(&Scope::Report).await {
            reading.discard();
            return Err(error.into());
        }
        Ok(ReportReading { reading: Some(reading), viewer: scope })
    }

    /// Ends the request's transaction, if one is open (it only read: it rolls back, in the
    /// background).
    pub async fn close(&self) {
        drop(self.slot.lock().await.take());
    }

    /// Gives the request's connection back before the request waits for something else than
    /// the database (its turn for a report build, a password hash), so that a waiting request
    /// holds no connection; the next read opens a new transaction.
    pub async fn release(&self) {
        self.close().await;
    }
}

/// The request's transaction, locked for some statements. Dereferences to the connection.
pub struct Reading<'a> {
    slot: tokio::sync::MutexGuard<'a, Option<Tx>>,
    /// See [`RequestTx::per_read`]: when false, the transaction ends with this lock.
    hold: bool,
}

impl Reading<'_> {
    /// The open transaction (a lock is only handed out with one).
    fn tx(&mut self) -> &mut Tx {
        self.slot.as_mut().expect("opened by lock")
    }

    /// Discards the transaction (it rolls back); the next read opens a new one.
    fn discard(&mut self) {
        self.slot.take();
    }
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        if !self.hold {
            self.discard();
        }
    }
}

impl std::ops::Deref for Reading<'_> {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        self.slot.as_ref().expect("opened by lock")
    }
}

impl std::ops::DerefMut for Reading<'_> {
    fn deref_mut(&mut self) -> &mut PgConnection {
        self.tx()
    }
}

/// The request's transaction acting as [`Scope::Report`] ([`RequestTx::as_report`]).
pub struct ReportReading<'a> {
    reading: Option<Reading<'a>>,
    viewer: Scope,
}

impl ReportReading<'_> {
    /// Acts for the viewer again, and unlocks the transaction.
    pub async fn finish(mut self) -> ApiResult<()> {
        let mut reading = self.reading.take().expect("finished once");
        if let Err(error) = reading.tx().act_as(&self.viewer).await {
            reading.discard();
            return Err(error.into());
        }
        Ok(())
    }
}

impl Drop for ReportReading<'_> {
    fn drop(&mut self) {
        // Not finished: the transaction may still act as the report. Nobody else gets it.
        if let Some(mut reading) = self.reading.take() {
            reading.discard();
        }
    }
}

impl std::ops::Deref for ReportReading<'_> {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        self.reading.as_deref().expect("not finished")
    }
}

impl std::ops::DerefMut for ReportReading<'_> {
    fn deref_mut(&mut self) -> &mut PgConnection {
        self.reading.as_deref_mut().expect("not finished")
    }
}

/// Per-request data: who is asking, the request's transaction and its DataLoaders (which
/// read through it).
#[derive(Clone)]
pub struct RequestData {
    /// Result of checking the `Authorization` header.
    pub authentication: Authentication,
    /// The request's transaction.
    pub reads: Arc<RequestTx>,
    /// DataLoaders scoped to the viewer.
    pub loaders: Arc<Loaders>,
}

impl RequestData {
    /// Builds the request data for a (possibly absent) viewer, reading in `mode`, in `opened`
    /// if the transaction is already open.
    pub fn new(store: Store, authentication: Authentication, mode: Mode, opened: Option<Tx>) -> Self {
        let scope = match &authentication {
            Authentication::Verified(viewer) | Authentication::PasswordChangeRequired(viewer) => Some(viewer.scope()),
            _ => None,
        };
        let reads = Arc::new(RequestTx::new(store, scope, mode, opened));
        let loaders = Arc::new(Loaders::new(reads.clone(), mode == Mode::Snapshot));
        RequestData { authentication, reads, loaders }
    }

    /// The request data of a subscription for a verified viewer: reads in transactions of their
    /// own ([`RequestTx::per_read`]), and loaders that keep nothing between deliveries.
    pub fn for_subscription(store: Store, viewer: Viewer) -> Self {
        let reads = Arc::new(RequestTx::per_read(store, viewer.scope()));
        let loaders = Arc::new(Loaders::new(reads.clone(), false));
        RequestData { authentication: Authentication::Verified(viewer), reads, loaders }
    }
}

/// Shortcuts on the resolver context.
pub trait ContextExt {
    /// The store.
    fn store(&self) -> &Store;
    /// Token keys.
    fn token_keys(&self) -> &TokenKeys;
    /// The request data.
    fn request(&self) -> &RequestData;
    /// The signed-in viewer, or `UNAUTHENTICATED`. A viewer who must change their password is
    /// one too: the [`crate::auth::Authenticate`] extension answers them only the operations
    /// they may still use, before any resolver runs.
    fn viewer(&self) -> ApiResult<&Viewer>;
    /// The viewer's loaders.
    fn loaders(&self) -> &Loaders {
        &self.request().loaders
    }
    /// The request's transaction.
    fn reads(&self) -> &RequestTx {
        &self.request().reads
    }
    /// A transaction acting for the viewer, for a write: commit it with `sismic_store::commit`.
    fn begin(&self) -> impl std::future::Future<Output = ApiResult<Tx>> + Send;
}

impl ContextExt for Context<'_> {
    fn store(&self) -> &Store {
        self.data_unchecked::<Store>()
    }

    fn token_keys(&self) -> &TokenKeys {
        self.data_unchecked::<TokenKeys>()
    }

    fn request(&self) -> &RequestData {
        self.data_unchecked::<RequestData>()
    }

    fn viewer(&self) -> ApiResult<&Viewer> {
        match self.data_opt::<RequestData>() {
            Some(data) => data.authentication.signed_in(),
            None => Authentication::Anonymous.viewer(),
        }
    }

    async fn begin(&self) -> ApiResult<Tx> {
        self.viewer()?;
        self.reads().take().await
    }
}

/// Runs `f` in the request's transaction (the viewer's, see [`RequestTx`]).
#[macro_export]
macro_rules! read {
    ($ctx:expr, |$conn:ident| $body:expr) => {{
        $crate::context::ContextExt::viewer($ctx)?;
        let mut reading = $crate::context::ContextExt::reads($ctx).lock().await?;
        let $conn: &mut sismic_store::PgConnection = &mut reading;
        let value = $body.await.map_err($crate::error::ApiError::from)?;
        drop(reading);
        value
    }};
}

/// `NOT_FOUND` when a visible row was expected.
pub fn found<T>(value: Option<T>, what: &str) -> Result<T, ApiError> {
    value.ok_or_else(|| ApiError::not_found(what))
}
