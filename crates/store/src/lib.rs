//! PostgreSQL storage of SISMIC Tracker.
//!
//! Every request runs in one transaction opened by [`Store::begin`], which first records who is
//! asking ([`Scope`]) with `set_config(…, true)`. Queries filter with the SQL functions
//! `sismic_sees_region` and `sismic_sees_project` (see the migrations), so the rule "an agent
//! sees their own region" is written once, in the database, for every query.
//!
//! Functions take `&mut PgConnection` so callers pass `&mut *tx` and decide where the
//! transaction ends: a mutation that fails anywhere rolls back and writes nothing.

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
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use std::time::Duration;
use tokio::time::Instant;
use uuid::Uuid;

pub use error::StoreError;
pub use page::{Cursor, Page, PageRequest};

/// The migrations of `migrations/` at the workspace root, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A transaction of the store, acting for one [`Scope`] and bounded by its request's deadline.
///
/// It dereferences to the connection (`&mut *tx` is what the store's functions take). Dropped
/// without [`commit`], it rolls back.
pub struct Tx {
    inner: Transaction<'static, Postgres>,
    deadline: Option<Instant>,
}

impl std::ops::Deref for Tx {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.inner
    }
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

    /// Opens a transaction acting for `scope`: as the `sismic_app` role (which row-level
    /// security constrains, whoever the connection's user is) with the scope's identity, or for
    /// [`Scope::Report`] as `sismic_report`, which may read only what the aggregates count (no
    /// names, emails, consents or follow-up texts); and with `statement_timeout` cut to the
    /// time left before the request's deadline.
    ///
    /// sqlx's `begin()` is not cancel-safe on PostgreSQL (sqlx issue #4393, in 0.8.6): a future
    /// dropped while `BEGIN` is on the wire returns the connection to the pool inside an open
    /// transaction, and the next request runs in it. So the opening runs in a task of its own,
    /// which always finishes: if the caller has gone (client disconnected, deadline), the task
    /// drops a fully opened transaction, and that rolls back.
    #[tracing::instrument(name = "db.begin", skip_all)]
    pub async fn begin(&self, scope: &Scope) -> Result<Tx, StoreError> {
        let remaining = self.remaining()?;
        let statement_timeout = match (remaining, self.statement_timeout) {
            (Some(left), Some(limit)) => Some(left.min(limit)),
            (left, limit) => left.or(limit),
        };
        let pool = self.pool.clone();
        let scope = *scope;
        let opening = tokio::spawn(async move {
            let mut inner = pool.begin().await?;
            let (region, partner) = match scope {
                Scope::System | Scope::Report => (None, None),
                Scope::User { region_id, partner_id, .. } => (region_id, partner_id),
            };
            // 0 would mean "no limit" to PostgreSQL: the shortest limit is 1 ms.
            let timeout_ms = statement_timeout.map(|t| t.as_millis().clamp(1, i32::MAX as u128).to_string());
            let role = match scope {
                Scope::Report => "sismic_report",
                Scope::System | Scope::User { .. } => "sismic_app",
            };
            sqlx::query(
                r#"select set_config('role', $6, true),
                          set_config('sismic.role', $1, true),
                          set_config('sismic.region_id', $2, true),
                          set_config('sismic.partner_id', $3, true),
                          set_config('sismic.user_id', $4, true),
                          case when $5::text is null then null
                               else set_config('statement_timeout', $5, true) end"#,
            )
            .bind(scope.role_name())
            .bind(Scope::setting(region))
            .bind(Scope::setting(partner))
            .bind(Scope::setting(scope.user_id()))
            .bind(timeout_ms)
            .bind(role)
            .execute(&mut *inner)
            .await?;
            Ok::<_, StoreError>(inner)
        });
        let opened = match remaining {
            None => opening.await,
            Some(left) => tokio::time::timeout(left, opening).await.map_err(|_| StoreError::DeadlineExceeded)?,
        };
        let inner = opened.map_err(|_| StoreError::TaskFailed)??;
        Ok(Tx { inner, deadline: self.deadline })
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
pub async fn commit(tx: Tx) -> Result<(), StoreError> {
    let Tx { inner, deadline } = tx;
    if deadline.is_some_and(|d| Instant::now() >= d) {
        drop(inner); // rolls back
        return Err(StoreError::DeadlineExceeded);
    }
    tokio::spawn(inner.commit()).await.map_err(|_| StoreError::TaskFailed)?.map_err(StoreError::from)
}
