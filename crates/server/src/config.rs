//! Settings, from the environment (and the matching command-line flags).

use clap::Args;
use sismic_graphql::report::ReportPolicy;
use sismic_graphql::Limits;
use sismic_store::PoolSettings;
use std::time::Duration;

/// A secret that never shows in logs or `Debug` output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret's value.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// Everything `sismic serve` needs.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// PostgreSQL connection string.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Secret,
    /// HS256 signing key for tokens, at least 32 bytes.
    #[arg(long, env = "SISMIC_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Secret,
    /// The previous signing key, during a key rotation: tokens it signed stay valid until they
    /// expire. Remove it once the token lifetime has passed.
    #[arg(long, env = "SISMIC_JWT_PREVIOUS_SECRET", hide_env_values = true)]
    pub jwt_previous_secret: Option<Secret>,
    /// Failed sign-ins allowed per email within SISMIC_LOGIN_WINDOW_SECS before it is locked.
    #[arg(long, env = "SISMIC_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: i32,
    /// Window of counted failures, and lockout duration, in seconds.
    #[arg(long, env = "SISMIC_LOGIN_WINDOW_SECS", default_value_t = 900)]
    pub login_window_secs: i64,
    /// Address to listen on.
    #[arg(long, env = "SISMIC_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Token lifetime, in minutes.
    #[arg(long, env = "SISMIC_TOKEN_MINUTES", default_value_t = 480)]
    pub token_minutes: i64,
    /// Deadline of one HTTP request, in seconds.
    #[arg(long, env = "SISMIC_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Longest one SQL statement may run, in milliseconds.
    #[arg(long, env = "SISMIC_STATEMENT_TIMEOUT_MS", default_value_t = 10_000)]
    pub statement_timeout_ms: u64,
    /// Largest request body, in bytes.
    #[arg(long, env = "SISMIC_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// Maximum PostgreSQL connections.
    #[arg(long, env = "SISMIC_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,
    /// Deepest query nesting.
    #[arg(long, env = "SISMIC_MAX_DEPTH", default_value_t = 12)]
    pub max_depth: usize,
    /// Highest query complexity (a connection costs `first` × its children).
    #[arg(long, env = "SISMIC_MAX_COMPLEXITY", default_value_t = 5_000)]
    pub max_complexity: usize,
    /// Most operations in one batch.
    #[arg(long, env = "SISMIC_MAX_BATCH", default_value_t = 10)]
    pub max_batch: usize,
    /// Serve introspection (GraphiQL needs it).
    #[arg(long, env = "SISMIC_INTROSPECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// Smallest count of people that funders see exactly in reports; counts from 1 to this
    /// value minus 1 are hidden (small-cell suppression). 1 hides nothing.
    #[arg(long, env = "SISMIC_SUPPRESSION_THRESHOLD", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub suppression_threshold: u32,
}

impl Settings {
    /// Token lifetime.
    pub fn token_lifetime(&self) -> chrono::Duration {
        chrono::Duration::minutes(self.token_minutes.max(1))
    }

    /// Login throttling policy.
    pub fn throttle(&self) -> sismic_store::users::Throttle {
        sismic_store::users::Throttle {
            max_failures: self.login_max_failures.max(1),
            window: chrono::Duration::seconds(self.login_window_secs.max(1)),
            lockout: chrono::Duration::seconds(self.login_window_secs.max(1)),
        }
    }

    /// Token keys (current and, during a rotation, previous).
    pub fn token_keys(&self) -> Result<sismic_graphql::auth::TokenKeys, sismic_graphql::auth::WeakSecret> {
        sismic_graphql::auth::TokenKeys::with_previous(
            self.jwt_secret.expose().as_bytes(),
            self.jwt_previous_secret.as_ref().map(|s| s.expose().as_bytes()),
            self.token_lifetime(),
        )
    }

    /// Request deadline.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs.max(1))
    }

    /// GraphQL limits.
    pub fn limits(&self) -> Limits {
        Limits {
            depth: self.max_depth,
            complexity: self.max_complexity,
            directives: 4,
            batch: self.max_batch,
            introspection: self.introspection,
        }
    }

    /// How reports treat small counts.
    pub fn report_policy(&self) -> ReportPolicy {
        ReportPolicy { suppression_threshold: self.suppression_threshold }
    }

    /// Pool settings.
    pub fn pool(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.db_max_connections,
            acquire_timeout: Duration::from_secs(3),
            statement_timeout: Duration::from_millis(self.statement_timeout_ms),
        }
    }

    /// Settings for tests: a fixed secret, port 0, defaults elsewhere.
    pub fn for_tests(database_url: &str) -> Self {
        Settings {
            database_url: Secret(database_url.to_owned()),
            jwt_secret: Secret("test-secret-of-at-least-thirty-two-bytes!".to_owned()),
            jwt_previous_secret: None,
            login_max_failures: 5,
            login_window_secs: 900,
            bind: "127.0.0.1:0".to_owned(),
            token_minutes: 60,
            request_timeout_secs: 30,
            statement_timeout_ms: 10_000,
            max_body_bytes: 1_048_576,
            db_max_connections: 10,
            max_depth: 12,
            max_complexity: 5_000,
            max_batch: 10,
            introspection: true,
            suppression_threshold: sismic_domain::report::DEFAULT_SUPPRESSION_THRESHOLD,
        }
    }
}
