//! Settings, from the environment (and the matching command-line flags).

use clap::{Args, FromArgMatches};
pub use secrecy::ExposeSecret;
use secrecy::SecretString;
use sismic_graphql::report::ReportPolicy;
use sismic_graphql::Limits;
use sismic_store::PoolSettings;
use std::time::Duration;

/// A secret setting: `secrecy`'s string, which never shows in logs or `Debug` output and is
/// wiped from memory when dropped; read it with [`ExposeSecret::expose_secret`].
pub type Secret = SecretString;

/// Defaults of the settings: the one place they are written (docs/configuration.md is
/// checked against them by a test).
pub mod defaults {
    use sismic_graphql::Limits;

    /// `SISMIC_BIND`.
    pub const BIND: &str = "127.0.0.1:8080";
    /// `SISMIC_METRICS_BIND`: loopback, on a port of its own (the OpenTelemetry Prometheus
    /// exporter's usual one), so that `/metrics` is never reachable through the public address.
    pub const METRICS_BIND: &str = "127.0.0.1:9464";
    /// `SISMIC_TOKEN_MINUTES`.
    pub const TOKEN_MINUTES: i64 = 480;
    /// `SISMIC_REQUEST_TIMEOUT_SECS`.
    pub const REQUEST_TIMEOUT_SECS: u64 = 30;
    /// `SISMIC_STATEMENT_TIMEOUT_MS`.
    pub const STATEMENT_TIMEOUT_MS: u64 = 10_000;
    /// `SISMIC_DB_ACQUIRE_TIMEOUT_MS`: well under the request deadline, so that requests fail
    /// fast with `UNAVAILABLE` while PostgreSQL is down.
    pub const DB_ACQUIRE_TIMEOUT_MS: u64 = 2_000;
    /// `SISMIC_MAX_BODY_BYTES` (1 MiB).
    pub const MAX_BODY_BYTES: usize = 1_048_576;
    /// `SISMIC_MAX_UPLOAD_BYTES` (10 MiB): a spreadsheet import's files, sent as
    /// `multipart/form-data`.
    pub const MAX_UPLOAD_BYTES: usize = 10_485_760;
    /// `SISMIC_DB_MAX_CONNECTIONS`.
    pub const DB_MAX_CONNECTIONS: u32 = 10;
    /// `SISMIC_MAX_DEPTH` (the GraphQL limits' defaults are the graphql crate's).
    pub const MAX_DEPTH: usize = Limits::DEFAULT.depth;
    /// `SISMIC_MAX_COMPLEXITY`.
    pub const MAX_COMPLEXITY: usize = Limits::DEFAULT.complexity;
    /// `SISMIC_MAX_DIRECTIVES`.
    pub const MAX_DIRECTIVES: usize = Limits::DEFAULT.directives;
    /// `SISMIC_MAX_ALIASES`.
    pub const MAX_ALIASES: usize = Limits::DEFAULT.aliases;
    /// `SISMIC_MAX_BATCH`.
    pub const MAX_BATCH: usize = Limits::DEFAULT.batch;
    /// `SISMIC_INTROSPECTION`.
    pub const INTROSPECTION: bool = Limits::DEFAULT.introspection;
    /// `SISMIC_SUGGESTIONS`.
    pub const SUGGESTIONS: bool = Limits::DEFAULT.suggestions;
    /// `SISMIC_SUPPRESSION_THRESHOLD`.
    pub const SUPPRESSION_THRESHOLD: u32 = sismic_domain::report::DEFAULT_SUPPRESSION_THRESHOLD;
    /// `SISMIC_LOGIN_MAX_FAILURES`.
    pub const LOGIN_MAX_FAILURES: i32 = 5;
    /// `SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS`: a password tried across many accounts from one
    /// address is slowed too; an office behind one address still has room for its typos.
    pub const LOGIN_MAX_FAILURES_PER_ADDRESS: i32 = 20;
    /// `SISMIC_LOGIN_WINDOW_SECS`.
    pub const LOGIN_WINDOW_SECS: i64 = 900;
    /// `SISMIC_MAX_CONCURRENT_HASHES`: each Argon2 computation holds 19 MiB and a core.
    pub const MAX_CONCURRENT_HASHES: usize = 2;
    /// `SISMIC_COOKIE_SECURE`: the session cookie travels over HTTPS only.
    pub const COOKIE_SECURE: bool = true;
    /// `SISMIC_MAX_REPORTS_PER_USER`: report builds one user may have running at once.
    pub const MAX_REPORTS_PER_USER: usize = 2;
    /// `SISMIC_IDEMPOTENCY_RETENTION_DAYS`: long enough for any client's retries (a tablet
    /// that was offline for a week or two), short enough that keys do not pile up.
    pub const IDEMPOTENCY_RETENTION_DAYS: u32 = sismic_store::DEFAULT_IDEMPOTENCY_RETENTION_DAYS;
    /// `SISMIC_WEB_DIR`: relative to the working directory, which is the repository's root
    /// under `make run`.
    pub const WEB_DIR: &str = "web/dist";
    /// `SISMIC_LIVE_MAX_CONNECTIONS`: WebSocket connections one process holds at once (each is
    /// a socket and a little memory; none holds a database connection while idle).
    pub const LIVE_MAX_CONNECTIONS: usize = 1_000;
    /// `SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION`: the web app opens two or three.
    pub const LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: usize = 10;
    /// `SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_USER`: over all of one user's connections to one
    /// process (a few tabs and a script).
    pub const LIVE_MAX_SUBSCRIPTIONS_PER_USER: usize = 20;
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
    #[arg(long, env = "SISMIC_LOGIN_MAX_FAILURES", default_value_t = defaults::LOGIN_MAX_FAILURES)]
    pub login_max_failures: i32,
    /// Failed sign-ins allowed per client address (all emails together) within the window.
    #[arg(long, env = "SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS", default_value_t = defaults::LOGIN_MAX_FAILURES_PER_ADDRESS)]
    pub login_max_failures_per_address: i32,
    /// Window of counted failures, and lockout duration, in seconds.
    #[arg(long, env = "SISMIC_LOGIN_WINDOW_SECS", default_value_t = defaults::LOGIN_WINDOW_SECS)]
    pub login_window_secs: i64,
    /// Reverse proxies whose `X-Forwarded-For` is believed (comma-separated addresses or CIDR
    /// blocks, e.g. `10.0.0.5,192.168.0.0/24`). From any other peer the header is ignored, so a
    /// client cannot pick the address it is throttled under.
    #[arg(long, env = "SISMIC_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Mark the web app's session cookie `Secure` (sent over HTTPS only). `false` only to serve
    /// plain HTTP on loopback (`make run` does).
    #[arg(long, env = "SISMIC_COOKIE_SECURE", default_value_t = defaults::COOKIE_SECURE, action = clap::ArgAction::Set)]
    pub cookie_secure: bool,
    /// Password hashes (sign-in, password changes, new accounts) computed at once; others wait.
    #[arg(long, env = "SISMIC_MAX_CONCURRENT_HASHES", default_value_t = defaults::MAX_CONCURRENT_HASHES)]
    pub max_concurrent_hashes: usize,
    /// Report builds (cohortReport, networkReport, exports) one user may have running at once;
    /// further ones wait their turn.
    #[arg(long, env = "SISMIC_MAX_REPORTS_PER_USER", default_value_t = defaults::MAX_REPORTS_PER_USER)]
    pub max_reports_per_user: usize,
    /// Address to listen on.
    #[arg(long, env = "SISMIC_BIND", default_value = defaults::BIND)]
    pub bind: String,
    /// Address of the Prometheus metrics (`GET /metrics`), apart from the API's; `off` serves
    /// none.
    #[arg(long, env = "SISMIC_METRICS_BIND", default_value = defaults::METRICS_BIND)]
    pub metrics_bind: String,
    /// Token lifetime, in minutes.
    #[arg(long, env = "SISMIC_TOKEN_MINUTES", default_value_t = defaults::TOKEN_MINUTES)]
    pub token_minutes: i64,
    /// Deadline of one HTTP request, in seconds; past it the answer is `UNAVAILABLE`.
    #[arg(long, env = "SISMIC_REQUEST_TIMEOUT_SECS", default_value_t = defaults::REQUEST_TIMEOUT_SECS)]
    pub request_timeout_secs: u64,
    /// Longest one SQL statement may run, in milliseconds (PostgreSQL `statement_timeout`).
    #[arg(long, env = "SISMIC_STATEMENT_TIMEOUT_MS", default_value_t = defaults::STATEMENT_TIMEOUT_MS)]
    pub statement_timeout_ms: u64,
    /// Longest a request waits for a database connection, in milliseconds.
    #[arg(long, env = "SISMIC_DB_ACQUIRE_TIMEOUT_MS", default_value_t = defaults::DB_ACQUIRE_TIMEOUT_MS)]
    pub db_acquire_timeout_ms: u64,
    /// Largest request body, in bytes.
    #[arg(long, env = "SISMIC_MAX_BODY_BYTES", default_value_t = defaults::MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Largest `multipart/form-data` request (a spreadsheet import's files), in bytes.
    #[arg(long, env = "SISMIC_MAX_UPLOAD_BYTES", default_value_t = defaults::MAX_UPLOAD_BYTES)]
    pub max_upload_bytes: usize,
    /// Maximum PostgreSQL connections.
    #[arg(long, env = "SISMIC_DB_MAX_CONNECTIONS", default_value_t = defaults::DB_MAX_CONNECTIONS)]
    pub db_max_connections: u32,
    /// Deepest query nesting.
    #[arg(long, env = "SISMIC_MAX_DEPTH", default_value_t = defaults::MAX_DEPTH)]
    pub max_depth: usize,
    /// Highest query complexity (a connection costs `first` × its children).
    #[arg(long, env = "SISMIC_MAX_COMPLEXITY", default_value_t = defaults::MAX_COMPLEXITY)]
    pub max_complexity: usize,
    /// Most directives on one field.
    #[arg(long, env = "SISMIC_MAX_DIRECTIVES", default_value_t = defaults::MAX_DIRECTIVES)]
    pub max_directives: usize,
    /// Most aliases in one document.
    #[arg(long, env = "SISMIC_MAX_ALIASES", default_value_t = defaults::MAX_ALIASES)]
    pub max_aliases: usize,
    /// Most operations in one batch.
    #[arg(long, env = "SISMIC_MAX_BATCH", default_value_t = defaults::MAX_BATCH)]
    pub max_batch: usize,
    /// Serve introspection (GraphiQL needs it).
    #[arg(long, env = "SISMIC_INTROSPECTION", default_value_t = defaults::INTROSPECTION, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// Smallest count of people that funders see exactly in reports; counts from 1 to this
    /// value minus 1 are hidden (small-cell suppression). 1 hides nothing.
    #[arg(long, env = "SISMIC_SUPPRESSION_THRESHOLD", default_value_t = defaults::SUPPRESSION_THRESHOLD,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    pub suppression_threshold: u32,
    /// Suggest field names ("Did you mean …?") in validation errors.
    #[arg(long, env = "SISMIC_SUGGESTIONS", default_value_t = defaults::SUGGESTIONS, action = clap::ArgAction::Set)]
    pub suggestions: bool,
    /// Days an idempotency key is kept: a retry within them replays, an older key is expired
    /// (never replayed) and purged.
    #[arg(long, env = "SISMIC_IDEMPOTENCY_RETENTION_DAYS", default_value_t = defaults::IDEMPOTENCY_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub idempotency_retention_days: u32,
    /// Folder of the built web side (`npm run build` in `web/`): GraphiQL is served from its
    /// `graphiql/` subfolder. Read at run time, so that building the binary never needs Node.
    #[arg(long, env = "SISMIC_WEB_DIR", default_value = defaults::WEB_DIR)]
    pub web_dir: std::path::PathBuf,
    /// Live updates: WebSocket connections this process holds at once; more are refused (503)
    /// until some close.
    #[arg(long, env = "SISMIC_LIVE_MAX_CONNECTIONS", default_value_t = defaults::LIVE_MAX_CONNECTIONS)]
    pub live_max_connections: usize,
    /// Live updates: subscriptions running at once on one connection; more get `RATE_LIMITED`.
    #[arg(long, env = "SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION",
          default_value_t = defaults::LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)]
    pub live_max_subscriptions_per_connection: usize,
    /// Live updates: subscriptions running at once for one user, over all their connections to
    /// this process; more get `RATE_LIMITED`.
    #[arg(long, env = "SISMIC_LIVE_MAX_SUBSCRIPTIONS_PER_USER",
          default_value_t = defaults::LIVE_MAX_SUBSCRIPTIONS_PER_USER)]
    pub live_max_subscriptions_per_user: usize,
}

/// An address (`10.0.0.5`) or a CIDR block (`10.0.0.0/8`).
fn parse_proxy(value: &str) -> Result<ipnet::IpNet, String> {
    let value = value.trim();
    value
        .parse::<ipnet::IpNet>()
        .or_else(|_| value.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("`{value}` is neither an IP address nor a CIDR block"))
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
            max_failures_per_address: self.login_max_failures_per_address.max(1),
            window: chrono::Duration::seconds(self.login_window_secs.max(1)),
            lockout: chrono::Duration::seconds(self.login_window_secs.max(1)),
        }
    }

    /// Token keys (current and, during a rotation, previous).
    pub fn token_keys(&self) -> Result<sismic_graphql::auth::TokenKeys, sismic_graphql::auth::WeakSecret> {
        sismic_graphql::auth::TokenKeys::with_previous(
            self.jwt_secret.expose_secret().as_bytes(),
            self.jwt_previous_secret.as_ref().map(|s| s.expose_secret().as_bytes()),
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
            directives: self.max_directives,
            aliases: self.max_aliases,
            batch: self.max_batch,
            introspection: self.introspection,
            suggestions: self.suggestions,
        }
    }

    /// Bounds on expensive work: password hashes at once, and report builds per user and in
    /// all (half the connection pool, so that reports never hold all of it).
    pub fn services(&self) -> sismic_graphql::Services {
        sismic_graphql::Services {
            hashing: sismic_graphql::auth::PasswordHashing::new(self.max_concurrent_hashes),
            reports: sismic_graphql::admission::ReportGate::new(
                self.max_reports_per_user,
                (self.db_max_connections as usize / 2).max(1),
            ),
            metrics: sismic_graphql::metrics::Metrics::new(),
            traces: crate::otel::enabled(),
        }
    }

    /// How reports treat small counts.
    pub fn report_policy(&self) -> ReportPolicy {
        ReportPolicy { suppression_threshold: self.suppression_threshold }
    }

    /// How long idempotency keys are kept.
    pub fn idempotency_retention(&self) -> chrono::Duration {
        chrono::Duration::days(self.idempotency_retention_days.max(1).into())
    }

    /// Limits of live updates (WebSocket).
    pub fn live_limits(&self) -> crate::live::LiveLimits {
        crate::live::LiveLimits {
            max_connections: self.live_max_connections.max(1),
            per_connection: self.live_max_subscriptions_per_connection.max(1),
            per_user: self.live_max_subscriptions_per_user.max(1),
            max_message_bytes: self.max_body_bytes,
            init_deadline: self.request_timeout(),
        }
    }

    /// Pool settings.
    pub fn pool(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.db_max_connections,
            acquire_timeout: Duration::from_millis(self.db_acquire_timeout_ms.max(1)),
            statement_timeout: Duration::from_millis(self.statement_timeout_ms),
        }
    }

    /// Settings for tests: a fixed secret, port 0, plain-HTTP cookies, a shorter token
    /// lifetime, the repository's web build, and the defaults elsewhere. The defaults are the
    /// command line's own (parsed from these few arguments), so they are written only once,
    /// and the environment of the test run (a developer's `SISMIC_*`) never leaks in.
    pub fn for_tests(database_url: &str) -> Self {
        // The repository's build, wherever the tests run from.
        let web_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/dist");
        let command = Settings::augment_args(clap::Command::new("sismic-tests")).mut_args(|arg| arg.env(None));
        let matches = command
            .try_get_matches_from([
                "sismic-tests",
                "--database-url",
                database_url,
                "--jwt-secret",
                "test-secret-of-at-least-thirty-two-bytes!",
                "--bind",
                "127.0.0.1:0",
                "--metrics-bind",
                "127.0.0.1:0",
                "--cookie-secure",
                "false",
                "--token-minutes",
                "60",
                "--web-dir",
                web_dir,
            ])
            .expect("the test settings parse");
        Settings::from_arg_matches(&matches).expect("the test settings are complete")
    }
}

/// The variables read outside [`Settings`], with their defaults as the configuration reference
/// writes them.
pub fn other_environment() -> Vec<(&'static str, String)> {
    vec![
        ("SISMIC_LOG_FORMAT", "auto".to_owned()),
        ("RUST_LOG", crate::telemetry::DEFAULT_FILTER.to_owned()),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "(none)".to_owned()),
        ("OTEL_SERVICE_NAME", crate::otel::DEFAULT_SERVICE_NAME.to_owned()),
        ("SISMIC_DEMO_PASSWORD", crate::demo::DEFAULT_DEMO_PASSWORD.to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Command;

    /// The rows `| `NAME` | default | meaning |` of a markdown table, defaults normalised
    /// (backticks, thousands separators and `_` taken out).
    fn rows(table: &str) -> std::collections::BTreeMap<String, String> {
        let mut rows = std::collections::BTreeMap::new();
        for line in table.lines().filter(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (name, default) = (cells[1].trim_matches('`'), cells[2].trim_matches('`'));
            assert!(rows.insert(name.to_owned(), default.replace([',', '_'], "")).is_none(), "{name} twice");
        }
        rows
    }

    /// The systemd unit, its example environment file and the Dockerfile set only variables
    /// of the reference, and give a stopping server the time it takes to finish its requests.
    #[test]
    fn the_deployment_files_use_documented_settings() {
        let reference = rows(include_str!("../../../docs/configuration.md"));
        let unit = include_str!("../../../deploy/sismic.service");
        let environment = include_str!("../../../deploy/sismic.env.example");
        let dockerfile = include_str!("../../../Dockerfile");
        let mut set: Vec<&str> = environment
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains('='))
            .map(|l| l.split('=').next().unwrap().trim())
            .collect();
        set.extend(unit.lines().filter_map(|l| l.strip_prefix("Environment=")).map(|v| v.split('=').next().unwrap()));
        let docker_env = dockerfile.split("\nENV ").nth(1).expect("an ENV instruction").split("\nUSER").next().unwrap();
        set.extend(docker_env.split_whitespace().filter_map(|word| word.split_once('=').map(|(name, _)| name)));
        assert!(set.len() >= 10, "{set:?}");
        for name in set {
            assert!(
                reference.contains_key(name),
                "{name} is set by a deployment file but not in docs/configuration.md"
            );
        }
        let stop: u64 = unit
            .lines()
            .find_map(|l| l.strip_prefix("TimeoutStopSec="))
            .expect("TimeoutStopSec")
            .parse()
            .expect("seconds");
        let needed = defaults::REQUEST_TIMEOUT_SECS + crate::http::BACKSTOP_GRACE.as_secs();
        assert!(stop >= needed, "TimeoutStopSec={stop} is shorter than a request may take ({needed} s)");
        assert!(unit.contains("ExecStart=/opt/sismic/bin/sismic serve\n"));
        assert!(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/sismic\"]\nCMD [\"serve\"]"));
        assert!(dockerfile.contains("\nUSER 10001:10001\n"), "the image runs as an unprivileged user");
    }

    /// docs/configuration.md, the configuration reference, says what the code does: every
    /// variable of `sismic serve` (and of the other places that read one) with its default,
    /// and nothing else; and every variable the scripts read, with theirs.
    #[test]
    fn the_configuration_reference_matches_the_code() {
        let reference = include_str!("../../../docs/configuration.md");
        let (server, scripts) = reference.split_once("## The scripts").expect("the scripts' section");
        let server = rows(server);
        let scripts = rows(scripts);

        let mut known = std::collections::BTreeSet::new();
        let command = Settings::augment_args(Command::new("sismic"));
        for arg in command.get_arguments() {
            let Some(env) = arg.get_env().and_then(|e| e.to_str()) else { continue };
            known.insert(env.to_owned());
            let documented =
                server.get(env).unwrap_or_else(|| panic!("{env} is not in docs/configuration.md (the server's table)"));
            if let Some(default) = arg.get_default_values().first() {
                let default = default.to_str().expect("utf-8 default").to_owned();
                assert_eq!(
                    documented, &default,
                    "docs/configuration.md documents {env} = {documented}, the code says {default}"
                );
            }
        }
        assert!(known.len() >= 25, "only {} settings found", known.len());
        for (env, default) in other_environment() {
            known.insert(env.to_owned());
            let documented = server.get(env).unwrap_or_else(|| panic!("{env} is not in docs/configuration.md"));
            assert_eq!(documented, &default.replace([',', '_'], ""), "docs/configuration.md: {env}");
        }
        for name in server.keys() {
            assert!(known.contains(name), "docs/configuration.md documents {name}, which the server does not read");
        }

        // The scripts: `${NAME:-default}` in shell, `setting("NAME", default)` in the load test.
        let shell = [
            include_str!("../../../scripts/run.sh"),
            include_str!("../../../scripts/test.sh"),
            include_str!("../../../scripts/load.sh"),
            include_str!("../../../scripts/pg-local.sh"),
            include_str!("../../../scripts/pg-stop.sh"),
            include_str!("../../../scripts/web-deps.sh"),
        ]
        .join("\n");
        let mut read = std::collections::BTreeMap::new();
        for piece in shell.split("${").skip(1) {
            let name: String = piece.chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
            let default =
                piece.strip_prefix(&format!("{name}:-")).and_then(|rest| rest.split_once('}')).map(|(d, _)| d);
            read.insert(name, default.map(str::to_owned));
        }
        let rust = [include_str!("../../loadtest/src/main.rs"), include_str!("../../../tests/api/fuzz.rs")].join("\n");
        for piece in rust.split("setting(\"").skip(1) {
            let (name, rest) = piece.split_once('"').expect("a name");
            let default = rest.trim_start_matches(',').trim_start().split(')').next().expect("a default");
            read.insert(name.to_owned(), Some(default.to_owned()));
        }
        read.insert("PROPTEST_SEED".to_owned(), Some("0x5151C0DE".to_owned()));
        assert!(
            rust.contains("std::env::var(\"PROPTEST_SEED\").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5151_C0DE)")
        );
        for (name, default) in &read {
            if server.contains_key(name) {
                continue; // a server variable, documented (with the server's default) above
            }
            let documented = scripts
                .get(name)
                .unwrap_or_else(|| panic!("{name} (read by a script) is not in docs/configuration.md"));
            if let Some(default) = default.as_ref().filter(|d| !d.contains('$')) {
                assert_eq!(documented, &default.replace([',', '_'], ""), "docs/configuration.md: {name}");
            }
        }
        for name in scripts.keys() {
            assert!(read.contains_key(name), "docs/configuration.md documents {name}, which no script reads");
        }
    }
}
