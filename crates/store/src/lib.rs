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
pub mod follow_ups;
pub mod idempotency;
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
use sqlx::{PgPool, Postgres, Transaction};
use std::time::Duration;
use uuid::Uuid;

pub use error::StoreError;
pub use page::{Cursor, Page, PageRequest};

/// The migrations of `migrations/` at the workspace root, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A transaction of the store.
pub type Tx = Transaction<'static, Postgres>;

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
#[derive(Debug, Clone)]
pub struct Store {
    pool: PgPool,
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
        Store { pool, idempotency_retention: chrono::Duration::days(DEFAULT_IDEMPOTENCY_RETENTION_DAYS.into()) }
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
        Store::new(pool)
    }

    /// The underlying pool.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Opens a transaction acting for `scope`: as the `sismic_app` role (which row-level
    /// security constrains, whoever the connection's user is) with the scope's identity, or for
    /// [`Scope::Report`] as `sismic_report`, which may read only what the aggregates count (no
    /// names, emails, consents or follow-up texts).
    pub async fn begin(&self, scope: &Scope) -> Result<Tx, StoreError> {
        let mut tx = self.pool.begin().await?;
        let (region, partner) = match scope {
            Scope::System | Scope::Report => (None, None),
            Scope::User { region_id, partner_id, .. } => (*region_id, *partner_id),
        };
        let role = match scope {
            Scope::Report => "sismic_report",
            Scope::System | Scope::User { .. } => "sismic_app",
        };
        sqlx::query(
            r#"select set_config('role', $5, true),
                      set_config('sismic.role', $1, true),
                      set_config('sismic.region_id', $2, true),
                      set_config('sismic.partner_id', $3, true),
                      set_config('sismic.user_id', $4, true)"#,
        )
        .bind(scope.role_name())
        .bind(Scope::setting(region))
        .bind(Scope::setting(partner))
        .bind(Scope::setting(scope.user_id()))
        .bind(role)
        .execute(&mut *tx)
        .await?;
        Ok(tx)
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

/// Commits a transaction, mapping the driver's error.
pub async fn commit(tx: Tx) -> Result<(), StoreError> {
    tx.commit().await.map_err(StoreError::from)
}
