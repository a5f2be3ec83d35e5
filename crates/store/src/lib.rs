//! PostgreSQL storage of SISMIC Tracker.
//!
//! Every transaction is opened by [`Store::begin`] (or [`Store::open`]), which first records
//! who is asking ([`Scope`]) with `set_config(…, true)`, in the same round trip as its `BEGIN`.
//! Row-level security (see the migrations) decides from those settings what each statement may
//! read and write; queries also say it themselves, in the same terms ([`visibility`]), so that
//! the planner reads the scope's rows from an index instead of filtering every row.
//!
//! Functions take `&mut PgConnection` so callers pass `&mut *tx` and decide where the
//! transaction ends: a mutation that fails anywhere rolls back and writes nothing.
//!
//! Every public function is traced (`#[tracing::instrument(skip_all)]`): a slow request's
//! trace shows which statements its time went to, and `skip_all` keeps every argument (names,
//! emails, notes) out of the spans.

#[macro_use]
pub mod visibility;
pub mod activities;
pub mod audit;
pub mod error;
pub mod events;
pub mod follow_ups;
pub mod idempotency;
pub mod imports;
pub mod page;
pub mod participants;
pub mod partners;
pub mod privacy;
pub mod projects;
pub mod regions;
pub mod reports;
pub mod users;

use sismic_domain::Role;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Executor, PgPool, Postgres, Row};
use std::time::Duration;
use tokio::time::Instant;
use uuid::Uuid;

pub use error::StoreError;
pub use page::{Cursor, Page, PageRequest};
/// The connection type the store's functions take (`&mut *tx`).
pub use sqlx::PgConnection;

/// The migrations of `migrations/` at the workspace root, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A transaction of the store, acting for one [`Scope`] and bounded by its request's deadline.
///
/// It dereferences to the connection (`&mut *tx` is what the store's functions take). Dropped
/// without [`commit`], it rolls back: the `ROLLBACK` is sent by a task of its own, and the
/// connection goes back to the pool only once it is done, so no other request ever runs inside
/// this transaction.
///
/// The store sends `BEGIN`, `COMMIT` and `ROLLBACK` itself (rather than through sqlx's
/// `Transaction`), so that the `BEGIN`, the scope's settings and the token's revocation check
/// travel in one message and cost one round trip.
pub struct Tx {
    conn: Option<PoolConnection<Postgres>>,
    deadline: Option<Instant>,
    scope: Scope,
}

impl std::ops::Deref for Tx {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        self.conn.as_deref().expect("a transaction keeps its connection until it ends")
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        self.conn.as_deref_mut().expect("a transaction keeps its connection until it ends")
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            rollback_in_background(conn);
        }
    }
}

impl Tx {
    /// Who the transaction acts for now.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Makes the rest of the transaction act for `scope` (its role and settings; the
    /// statement timeout stays). Used to compute a report's aggregates ([`Scope::Report`]) inside
    /// the request's transaction, then to act for the viewer again.
    pub async fn act_as(&mut self, scope: &Scope) -> Result<(), StoreError> {
        run_simple(self, &settings_sql(scope, None)).await?;
        self.scope = *scope;
        Ok(())
    }
}

/// Runs statements written out in full (no parameters), in one simple-protocol message.
async fn run_simple(conn: &mut PgConnection, sql: &str) -> Result<Vec<sqlx::postgres::PgRow>, sqlx::Error> {
    conn.fetch_all(sqlx::raw_sql(sql)).await
}

/// Ends a transaction nobody committed: `ROLLBACK` in a task of its own (a drop cannot wait),
/// after which the connection returns to the pool; a connection that cannot roll back is
/// closed instead. Outside a runtime, the connection is closed (PostgreSQL then rolls back).
fn rollback_in_background(mut conn: PoolConnection<Postgres>) {
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(async move {
                if conn.execute("ROLLBACK").await.is_err() {
                    conn.close_on_drop();
                }
            });
        }
        Err(_) => conn.close_on_drop(),
    }
}

/// How a transaction reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `READ COMMITTED`, reads and writes: every mutation.
    ReadWrite,
    /// `REPEATABLE READ READ ONLY`: every statement reads the same snapshot, and nothing can be
    /// written. A query request reads in one such transaction.
    Snapshot,
}

/// A token to check against revocation while a transaction opens (no extra round trip): the
/// account must be active and at the token's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenCheck {
    /// The account.
    pub user_id: Uuid,
    /// The token version the token carries.
    pub token_version: i32,
}

/// The statement setting who a transaction acts for: its role (`sismic_app`, or
/// `sismic_report` for reports), the `sismic.*` settings the policies read, and the statement
/// timeout. Only identifiers of the store's own making go in (UUIDs, fixed role names, a
/// number of milliseconds), so the values are written as literals: the statement can then
/// travel with `BEGIN` in one simple-protocol message.
fn settings_sql(scope: &Scope, statement_timeout_ms: Option<u128>) -> String {
    let (region, partner) = match scope {
        Scope::System | Scope::Report => (None, None),
        Scope::User { region_id, partner_id, .. } => (*region_id, *partner_id),
    };
    let role = match scope {
        Scope::Report => "sismic_report",
        Scope::System | Scope::User { .. } => "sismic_app",
    };
    // Statements run with the plan prepared for them once per connection (a generic plan):
    // planning a statement under the policies costs more than running it, and PostgreSQL would
    // otherwise plan again, every time, the statements whose plan depends on an array of keys.
    let mut sql = format!(
        "SELECT set_config('role', '{role}', true), set_config('sismic.role', '{}', true), \
         set_config('sismic.region_id', '{}', true), set_config('sismic.partner_id', '{}', true), \
         set_config('sismic.user_id', '{}', true), set_config('plan_cache_mode', 'force_generic_plan', true)",
        scope.role_name(),
        Scope::setting(region),
        Scope::setting(partner),
        Scope::setting(scope.user_id()),
    );
    if let Some(ms) = statement_timeout_ms {
        // 0 would mean "no limit" to PostgreSQL: the shortest limit is 1 ms.
        sql.push_str(&format!(", set_config('statement_timeout', '{}', true)", ms.clamp(1, i32::MAX as u128)));
    }
    sql
}

/// Who a transaction acts for. Sets what the SQL visibility functions see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The server itself: command-line tools, login, demo data. Sees everything.
    System,
    /// The aggregates of a report the API has already authorised: reads every row of the
    /// cohort, writes nothing, never returns rows to a client. Runs as the `sismic_report`
    /// role, which may read only the columns the counts use (no names, emails or consents).
    Report,
    /// A signed-in user.
    User {
        /// The user's id.
        user_id: Uuid,
        /// The user's role.
        role: Role,
        /// The region of an agent.
        region_id: Option<Uuid>,
        /// The partner of a partner or funder account.
        partner_id: Option<Uuid>,
    },
}

impl Scope {
    fn role_name(&self) -> &'static str {
        match self {
            Scope::System => "SYSTEM",
            Scope::Report => "REPORT",
            Scope::User { role, .. } => role.as_str(),
        }
    }

    fn setting(value: Option<Uuid>) -> String {
        value.map(|id| id.to_string()).unwrap_or_default()
    }

    /// The acting user, if any.
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Scope::System | Scope::Report => None,
            Scope::User { user_id, .. } => Some(*user_id),
        }
    }
}

/// Access to the database.
///
/// A request's copy carries the request's deadline ([`Store::with_deadline`]): its
/// transactions cannot start after it, their statements are cancelled by PostgreSQL when it
/// passes (`statement_timeout`), and they cannot commit after it. Nothing is ever cancelled
/// from the client side mid-protocol: see [`Store::begin`] and [`commit`].
#[derive(Debug, Clone)]
pub struct Store {
    pool: PgPool,
    deadline: Option<Instant>,
    statement_timeout: Option<Duration>,
    idempotency_retention: chrono::Duration,
}

/// How long idempotency keys are kept unless configured otherwise (`SISMIC_IDEMPOTENCY_RETENTION_DAYS`).
pub const DEFAULT_IDEMPOTENCY_RETENTION_DAYS: u32 = 30;

/// A pooled connection idle at least this long is pinged before it is handed out.
pub const IDLE_BEFORE_PING: Duration = Duration::from_secs(1);

/// How to reach PostgreSQL.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// Maximum open connections.
    pub max_connections: u32,
    /// How long a request waits for a free connection before failing with `UNAVAILABLE`.
    pub acquire_timeout: Duration,
    /// Longest a single SQL statement may run (`statement_timeout`).
    pub statement_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(2),
            statement_timeout: Duration::from_secs(10),
        }
    }
}

impl Store {
    /// Wraps an existing pool (tests get theirs from `#[sqlx::test]`).
    pub fn new(pool: PgPool) -> Self {
        Store {
            pool,
            deadline: None,
            statement_timeout: None,
            idempotency_retention: chrono::Duration::days(DEFAULT_IDEMPOTENCY_RETENTION_DAYS.into()),
        }
    }

    /// The same store, keeping idempotency keys for `retention` (an older key is never replayed).
    pub fn with_idempotency_retention(mut self, retention: chrono::Duration) -> Self {
        self.idempotency_retention = retention;
        self
    }

    /// How long idempotency keys are kept.
    pub fn idempotency_retention(&self) -> chrono::Duration {
        self.idempotency_retention
    }

    /// A pool that does not connect until first used, so the server starts (and `/healthz`
    /// answers) while PostgreSQL is still down.
    pub fn connect_lazy(database_url: &str, settings: &PoolSettings) -> Result<Self, StoreError> {
        let options: PgConnectOptions = database_url.parse::<PgConnectOptions>().map_err(StoreError::Database)?;
        Ok(Self::connect_lazy_with(options, settings))
    }

    /// As [`Store::connect_lazy`], from parsed options (tests reuse those of their pool).
    pub fn connect_lazy_with(options: PgConnectOptions, settings: &PoolSettings) -> Self {
        let options = options
            .options([("statement_timeout", format!("{}", settings.statement_timeout.as_millis()))])
            .application_name("sismic");
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .acquire_timeout(settings.acquire_timeout)
            // sqlx pings every connection before handing it out (one more round trip before
            // every transaction), although it also pings it when it comes back to the pool.
            // Only a connection that sat idle a while is pinged: one that was just returned
            // (every connection, under load) was tested then. A stale one left after a
            // PostgreSQL restart fails its first statement, `UNAVAILABLE`, and is replaced.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_BEFORE_PING {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect_lazy_with(options);
        Store { statement_timeout: Some(settings.statement_timeout), ..Store::new(pool) }
    }

    /// The same store for one request that must be answered by `deadline`.
    pub fn with_deadline(&self, deadline: Instant) -> Store {
        Store { deadline: Some(deadline), ..self.clone() }
    }

    /// The deadline of the request this store acts for, if any.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Time left before the deadline (`None`: no deadline); past it, `UNAVAILABLE`.
    pub fn remaining(&self) -> Result<Option<Duration>, StoreError> {
        match self.deadline {
            None => Ok(None),
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => Ok(Some(left)),
                _ => Err(StoreError::DeadlineExceeded),
            },
        }
    }

    /// The underlying pool.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Opens a read-write transaction acting for `scope` (see [`Store::open`]).
    pub async fn begin(&self, scope: &Scope) -> Result<Tx, StoreError> {
        Ok(self.open(scope, Mode::ReadWrite, None).await?.0)
    }

    /// Opens a transaction acting for `scope`: as the `sismic_app` role (which row-level
    /// security constrains, whoever the connection's user is) with the scope's identity, or for
    /// [`Scope::Report`] as `sismic_report`, which may read only what the aggregates count (no
    /// names, emails, consents or follow-up texts); and with `statement_timeout` cut to the
    /// time left before the request's deadline. With a [`TokenCheck`], also answers whether
    /// that token is still valid ([`users::TokenStatus::Revoked`]: the transaction is then of
    /// no use) and whether its user must change a one-time password first.
    ///
    /// `BEGIN`, the settings and the check are one message: one round trip.
    ///
    /// The opening runs in a task of its own, which always finishes: if the caller has gone
    /// (client disconnected, deadline), the task drops a fully opened transaction, and that
    /// rolls back. (A future dropped while `BEGIN` is on the wire must never return its
    /// connection to the pool inside an open transaction; sqlx 0.8.6's own `begin()` could:
    /// sqlx issue #4393.)
    #[tracing::instrument(name = "db.begin", skip_all)]
    pub async fn open(
        &self,
        scope: &Scope,
        mode: Mode,
        check: Option<TokenCheck>,
    ) -> Result<(Tx, Option<users::TokenStatus>), StoreError> {
        let remaining = self.remaining()?;
        let statement_timeout = match (remaining, self.statement_timeout) {
            (Some(left), Some(limit)) => Some(left.min(limit)),
            (left, limit) => left.or(limit),
        };
        let pool = self.pool.clone();
        let scope = *scope;
        let deadline = self.deadline;
        let opening = tokio::spawn(async move {
            let mut sql = String::from(match mode {
                Mode::ReadWrite => "BEGIN; ",
                Mode::Snapshot => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ",
            });
            sql.push_str(&settings_sql(&scope, statement_timeout.map(|t| t.as_millis())));
            if let Some(check) = check {
                sql.push_str(&format!("; SELECT sismic_token_status('{}', {})", check.user_id, check.token_version));
            }
            let conn = pool.acquire().await?;
            // From here on the connection belongs to the transaction: whatever happens, its
            // drop rolls back before the connection is reused.
            let mut tx = Tx { conn: Some(conn), deadline, scope };
            let rows = run_simple(&mut tx, &sql).await?;
            let current = match check {
                None => None,
                Some(_) => {
                    let status: String = rows.last().ok_or(StoreError::NotFound)?.try_get(0)?;
                    Some(users::TokenStatus::from_sql(&status))
                }
            };
            Ok::<_, StoreError>((tx, current))
        });
        let opened = match remaining {
            None => opening.await,
            Some(left) => tokio::time::timeout(left, opening).await.map_err(|_| StoreError::DeadlineExceeded)?,
        };
        opened.map_err(|_| StoreError::TaskFailed)?
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATOR.run(&self.pool).await
    }

    /// True when PostgreSQL answers and every embedded migration has been applied. The versions
    /// come from `sismic_applied_migrations()`, which runs as the tables' owner: the login
    /// role of production (a member of `sismic_app`) may not read `_sqlx_migrations` itself.
    /// Before that function's migration is applied the call fails: not ready, rightly.
    pub async fn is_ready(&self) -> bool {
        let applied: Result<Vec<i64>, sqlx::Error> =
            sqlx::query_scalar("select sismic_applied_migrations()").fetch_all(&self.pool).await;
        match applied {
            Ok(versions) => MIGRATOR.iter().all(|m| versions.contains(&m.version)),
            Err(_) => false,
        }
    }
}

/// Commits a transaction, unless its request's deadline has passed (then it rolls back and
/// answers `UNAVAILABLE`: the caller is told the truth, nothing was written).
///
/// Once `COMMIT` is sent it is never cancelled: it runs in a task of its own that finishes even
/// if the caller is dropped, so a write is never left half-known on the connection, and the
/// answer a client gets ("written" or "not written") is what happened.
#[tracing::instrument(name = "db.commit", skip_all)]
pub async fn commit(mut tx: Tx) -> Result<(), StoreError> {
    let conn = tx.conn.take().ok_or(StoreError::TaskFailed)?;
    if tx.deadline.is_some_and(|d| Instant::now() >= d) {
        rollback_in_background(conn);
        return Err(StoreError::DeadlineExceeded);
    }
    let committing = tokio::spawn(async move {
        let mut conn = conn;
        let outcome = conn.execute("COMMIT").await;
        if outcome.is_err() {
            // Whatever state the connection is in, it is not reused.
            conn.close_on_drop();
        }
        outcome.map(|_| ())
    });
    committing.await.map_err(|_| StoreError::TaskFailed)?.map_err(StoreError::from)
}
