//! Test harness: the real server on a random port, over HTTP, against a fresh PostgreSQL
//! database per test (`#[sqlx::test]` creates it and applies the migrations).

use serde_json::{json, Value};
use sismic_graphql::auth::{TokenKeys, Viewer};
use sismic_server::config::{ExposeSecret as _, Settings};
use sismic_server::Application;
use sismic_store::Store;
use sqlx::PgPool;
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

/// A running server and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// The test's database.
    pub pool: PgPool,
    /// `http://127.0.0.1:PORT` of the metrics (`GET /metrics`), unless they are off.
    pub metrics_address: Option<String>,
    /// The server's live connections (WebSocket): counts, and its shutdown.
    pub live: Arc<sismic_server::live::LiveHub>,
    keys: TokenKeys,
}

/// A signed-in user of a test.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Database id.
    pub user_id: Uuid,
    /// Bearer token.
    pub token: String,
}

/// A password hash computed once per test binary (hashing is slow on purpose).
pub fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| sismic_graphql::auth::hash_password(TEST_PASSWORD).expect("hash"))
}

/// The password of every account created by [`TestApp::user`].
pub const TEST_PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// Starts the server on the given database.
    pub async fn spawn(pool: PgPool) -> TestApp {
        Self::spawn_with(pool, |_| {}).await
    }

    /// Starts the server with adjusted settings.
    pub async fn spawn_with(pool: PgPool, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::for_tests("postgres://unused");
        adjust(&mut settings);
        let store = Store::new(pool.clone());
        Self::start(settings, store, pool).await
    }

    /// Starts the server with a store built as `sismic serve` builds it (`Store::connect_lazy`,
    /// so with the settings' pool options: `statement_timeout`, acquire timeout), on the test's
    /// database.
    pub async fn spawn_connecting(pool: PgPool, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::for_tests("postgres://unused");
        adjust(&mut settings);
        let options = (*pool.connect_options()).clone();
        let store = Store::connect_lazy_with(options, &settings.pool());
        Self::start(settings, store, pool).await
    }

    /// Starts the server with a database that cannot be reached (a closed port): whatever
    /// answers is decided before any database work, or is `UNAVAILABLE`.
    pub async fn spawn_without_database(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::for_tests("postgres://unused");
        settings.db_acquire_timeout_ms = 300;
        adjust(&mut settings);
        let url = format!("postgres://postgres@127.0.0.1:{}/nowhere", closed_port());
        let store = Store::connect_lazy(&url, &settings.pool()).expect("a valid URL");
        let pool = store.pool().clone();
        Self::start(settings, store, pool).await
    }

    /// Starts the server with the given settings and store; `pool` is what the test itself uses.
    pub async fn start(settings: Settings, store: Store, pool: PgPool) -> TestApp {
        let keys =
            TokenKeys::new(settings.jwt_secret.expose_secret().as_bytes(), settings.token_lifetime()).expect("keys");
        let app = Application::build(&settings, store).await.expect("build the app");
        let address = format!("http://{}", app.local_addr());
        let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
        let live = app.live();
        tokio::spawn(app.run_until_stopped());
        TestApp { address, client: reqwest::Client::new(), pool, metrics_address, live, keys }
    }

    /// A token for a user that exists only in the token (for tests without a database).
    pub fn token_for(&self, role: &str) -> String {
        let viewer = Viewer {
            user_id: Uuid::new_v4(),
            role: role.parse().expect("role"),
            region_id: None,
            partner_id: None,
            token_version: 0,
        };
        self.keys.issue(&viewer, chrono::Utc::now()).expect("token").0
    }

    /// Posts raw bytes as a JSON body; returns the status and the body parsed as JSON (or
    /// `Value::Null` with the text in `Err` when it is not JSON).
    pub async fn post_bytes(&self, token: Option<&str>, body: Vec<u8>) -> (u16, Result<Value, String>) {
        let mut request =
            self.client.post(format!("{}/graphql", self.address)).header("content-type", "application/json").body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).map_err(|_| text))
    }

    /// Posts a GraphQL request with files, as `multipart/form-data` following the GraphQL
    /// multipart request specification: `files` go to the variable `files` (a list), in order.
    /// Returns the status and the body as JSON (`Value::Null` when it is not JSON).
    pub async fn post_files(
        &self,
        token: Option<&str>,
        query: &str,
        mut variables: Value,
        files: &[(&str, Vec<u8>)],
    ) -> (u16, Value) {
        variables["files"] = Value::Array(files.iter().map(|_| Value::Null).collect());
        let operations = json!({ "query": query, "variables": variables });
        let map: serde_json::Map<String, Value> =
            (0..files.len()).map(|i| (i.to_string(), json!([format!("variables.files.{i}")]))).collect();
        let boundary = format!("sismic-test-{}", Uuid::new_v4().simple());
        let mut body = Vec::new();
        let mut part = |headers: String, content: &[u8]| {
            body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        };
        part("Content-Disposition: form-data; name=\"operations\"".into(), operations.to_string().as_bytes());
        part("Content-Disposition: form-data; name=\"map\"".into(), Value::Object(map).to_string().as_bytes());
        for (i, (name, content)) in files.iter().enumerate() {
            part(
                format!("Content-Disposition: form-data; name=\"{i}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream"),
                content,
            );
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Posts a GraphQL request and returns the whole JSON response.
    pub async fn post(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        response.json().await.expect("a JSON response")
    }

    /// Sends the same request `n` times at once (separate connections, handled concurrently
    /// by the server); returns the responses in completion order.
    pub async fn concurrently(&self, n: usize, actor: &Actor, query: &str, variables: Value) -> Vec<Value> {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            let request = self
                .client
                .post(format!("{}/graphql", self.address))
                .bearer_auth(&actor.token)
                .json(&json!({ "query": query, "variables": variables }));
            handles.push(tokio::spawn(async move {
                request.send().await.expect("request sent").json::<Value>().await.expect("a JSON response")
            }));
        }
        let mut responses = Vec::with_capacity(n);
        for handle in handles {
            responses.push(handle.await.expect("request task"));
        }
        responses
    }

    /// Runs an operation that must succeed; returns `data`.
    pub async fn ok(&self, actor: &Actor, query: &str, variables: Value) -> Value {
        let response = self.post(Some(&actor.token), query, variables).await;
        assert!(response.get("errors").is_none(), "unexpected errors: {response:#}");
        response["data"].clone()
    }

    /// Runs an operation that must fail; returns the first error's code.
    pub async fn code(&self, actor: Option<&Actor>, query: &str, variables: Value) -> String {
        let response = self.post(actor.map(|a| a.token.as_str()), query, variables).await;
        error_code(&response)
    }

    /// Creates an account directly in the database and a token for it (what `login` would
    /// return; `login` itself has its own tests).
    pub async fn user(&self, role: &str, region_id: Option<Uuid>, partner_id: Option<Uuid>) -> Actor {
        let email = format!("{}-{}@test.example", role.to_lowercase(), Uuid::new_v4());
        let user_id: Uuid = sqlx::query_scalar(
            "insert into app_user (email, password_hash, role, region_id, partner_id) values ($1, $2, $3, $4, $5) returning user_id",
        )
        .bind(&email)
        .bind(password_hash())
        .bind(role)
        .bind(region_id)
        .bind(partner_id)
        .fetch_one(&self.pool)
        .await
        .expect("insert user");
        let viewer = Viewer { user_id, role: role.parse().expect("role"), region_id, partner_id, token_version: 0 };
        let (token, _) = self.keys.issue(&viewer, chrono::Utc::now()).expect("token");
        Actor { user_id, token }
    }

    /// The email of a user.
    pub async fn email_of(&self, actor: &Actor) -> String {
        sqlx::query_scalar("select email from app_user where user_id = $1")
            .bind(actor.user_id)
            .fetch_one(&self.pool)
            .await
            .expect("email")
    }

    /// A fingerprint of every table's content: equal before and after means nothing was written.
    pub async fn snapshot(&self) -> Vec<(String, String)> {
        let tables: Vec<String> = sqlx::query_scalar(
            "select tablename::text from pg_tables where schemaname = 'public' and tablename not like '\\_sqlx%' order by 1",
        )
        .fetch_all(&self.pool)
        .await
        .expect("tables");
        let mut out = Vec::new();
        for table in tables {
            let digest: Option<String> =
                sqlx::query_scalar(&format!("select md5(string_agg(t::text, '|' order by t::text)) from {table} t"))
                    .fetch_one(&self.pool)
                    .await
                    .expect("digest");
            out.push((table, digest.unwrap_or_default()));
        }
        out
    }
}

/// The server's log, captured from the first call on, for every test of the binary, as the
/// server writes it in production: JSON lines (`sismic_server::telemetry::json_layer`), at the
/// default level. Tests look for their own request ids in it.
pub fn captured_logs() -> &'static Arc<Mutex<Vec<u8>>> {
    use tracing_subscriber::layer::SubscriberExt as _;
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = CapturedWriter(buffer.clone());
        let subscriber = tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new(sismic_server::telemetry::DEFAULT_FILTER))
            .with(sismic_server::telemetry::json_layer(move || writer.clone()));
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber in tests");
        buffer
    })
}

/// The captured log's lines, each parsed as JSON (panics on a line that is not a JSON object).
pub fn captured_log_lines() -> Vec<Value> {
    let text = String::from_utf8_lossy(&captured_logs().lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let value: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("a log line is not JSON ({e}): {line}"));
            assert!(value.is_object(), "a log line is not a JSON object: {line}");
            value
        })
        .collect()
}

#[derive(Clone)]
struct CapturedWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for CapturedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut buffer = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: keep the last 8 MiB.
        if buffer.len() > 8 << 20 {
            buffer.drain(..4 << 20);
            // …from a line's start: every line stays a whole JSON object.
            let cut = buffer.iter().position(|b| *b == b'\n').map_or(buffer.len(), |end| end + 1);
            buffer.drain(..cut);
        }
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A loopback port nothing listens on.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

/// The first error's `extensions.code` of a response (panics if it has no error).
pub fn error_code(response: &Value) -> String {
    let errors = response["errors"].as_array().unwrap_or_else(|| panic!("expected an error, got {response:#}"));
    errors[0]["extensions"]["code"].as_str().unwrap_or_else(|| panic!("error without a code: {response:#}")).to_owned()
}

/// The database id inside a global id.
pub fn raw_id(global: &str) -> Uuid {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(global).expect("base64 id");
    let text = String::from_utf8(bytes).expect("utf-8 id");
    Uuid::parse_str(text.split_once(':').expect("Kind:uuid").1).expect("uuid")
}

/// A small world: two regions with an agent and a cohort each, partners, an admin.
pub struct World {
    /// The administrator.
    pub admin: Actor,
    /// Region A (global id).
    pub region_a: String,
    /// Region B (global id).
    pub region_b: String,
    /// Agent of region A.
    pub agent_a: Actor,
    /// Agent of region B.
    pub agent_b: Actor,
    /// Cohort 2020-2021 of region A.
    pub cohort_a: String,
    /// Cohort 2020-2021 of region B.
    pub cohort_b: String,
    /// A college.
    pub college: String,
    /// A funder partner.
    pub funder: String,
}

impl World {
    /// Builds the world through the API.
    pub async fn build(app: &TestApp) -> World {
        let admin = app.user("ADMIN", None, None).await;
        let region_a = create_region(app, &admin, "AA", "Région A").await;
        let region_b = create_region(app, &admin, "BB", "Région B").await;
        let agent_a = app.user("AGENT", Some(raw_id(&region_a)), None).await;
        let agent_b = app.user("AGENT", Some(raw_id(&region_b)), None).await;
        let cohort_a = create_cohort(app, &admin, &region_a, "2020-2021").await;
        let cohort_b = create_cohort(app, &admin, &region_b, "2020-2021").await;
        let college = create_partner(app, &admin, "Cégep de Victoriaville", "COLLEGE").await;
        let funder = create_partner(app, &admin, "Fonds FTQ", "FUNDER").await;
        World { admin, region_a, region_b, agent_a, agent_b, cohort_a, cohort_b, college, funder }
    }
}

/// Creates a region; returns its id.
pub async fn create_region(app: &TestApp, admin: &Actor, code: &str, name: &str) -> String {
    let data = app
        .ok(
            admin,
            "mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } } }",
            json!({ "i": { "code": code, "name": name } }),
        )
        .await;
    data["createRegion"]["region"]["id"].as_str().expect("id").to_owned()
}

/// Creates a cohort for the programme year its name starts with ("2019-2020": April 1, 2019 to
/// March 31, 2020); returns its id.
pub async fn create_cohort(app: &TestApp, actor: &Actor, region: &str, name: &str) -> String {
    let year: i32 = name[..4].parse().expect("a name starting with the year");
    let data = app
        .ok(
            actor,
            "mutation($i: CreateCohortInput!) { createCohort(input: $i) { cohort { id } } }",
            json!({ "i": { "regionId": region, "name": name, "startsOn": format!("{year}-04-01"), "endsOn": format!("{}-03-31", year + 1) } }),
        )
        .await;
    data["createCohort"]["cohort"]["id"].as_str().expect("id").to_owned()
}

/// Creates a partner; returns its id.
pub async fn create_partner(app: &TestApp, actor: &Actor, name: &str, kind: &str) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } } }",
            json!({ "i": { "name": name, "kind": kind } }),
        )
        .await;
    data["createPartner"]["partner"]["id"].as_str().expect("id").to_owned()
}

/// Creates a project; returns its id.
pub async fn create_project(app: &TestApp, actor: &Actor, cohort: &str, name: &str, origin: Option<&str>) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "i": { "cohortId": cohort, "name": name, "originPartnerId": origin } }),
        )
        .await;
    data["createProject"]["project"]["id"].as_str().expect("id").to_owned()
}

/// Registers a participant in a region; returns its id.
pub async fn register(app: &TestApp, actor: &Actor, region: &str, first: &str, last: &str) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "regionId": region, "firstName": first, "lastName": last } }),
        )
        .await;
    data["registerParticipant"]["participant"]["id"].as_str().expect("id").to_owned()
}

/// Creates an activity; returns its id.
pub async fn create_activity(app: &TestApp, actor: &Actor, cohort: &str, stage: &str, held_on: &str) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: CreateActivityInput!) { createActivity(input: $i) { activity { id } } }",
            json!({ "i": { "cohortId": cohort, "stage": stage, "title": format!("Atelier {stage}"), "heldOn": held_on } }),
        )
        .await;
    data["createActivity"]["activity"]["id"].as_str().expect("id").to_owned()
}

/// Records the presence of participants (ids, in any serialisable list) at an activity.
pub async fn attend(app: &TestApp, actor: &Actor, activity: &str, participant_ids: impl serde::Serialize) {
    app.ok(
        actor,
        "mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { activity { id } } }",
        json!({ "i": { "activityId": activity, "participantIds": participant_ids } }),
    )
    .await;
}

/// A TCP proxy on loopback that delays every chunk of bytes, both ways, by `delay`: it stands
/// for a slow network between the server and PostgreSQL, which widens the moments (`BEGIN`,
/// `COMMIT` on the wire) where a cancelled request could leave a connection in a bad state.
pub async fn latency_proxy(target: std::net::SocketAddr, delay: std::time::Duration) -> std::net::SocketAddr {
    let millis = delay.as_millis() as u64;
    variable_latency_proxy(target, Arc::new(std::sync::atomic::AtomicU64::new(millis))).await
}

/// A [`latency_proxy`] whose delay, in milliseconds, can be changed while it runs.
pub async fn variable_latency_proxy(
    target: std::net::SocketAddr,
    delay: Arc<std::sync::atomic::AtomicU64>,
) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the proxy");
    let address = listener.local_addr().expect("the proxy's address");
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = tokio::net::TcpStream::connect(target).await else { continue };
            let (client_read, client_write) = client.into_split();
            let (server_read, server_write) = server.into_split();
            tokio::spawn(pump(client_read, server_write, delay.clone()));
            tokio::spawn(pump(server_read, client_write, delay.clone()));
        }
    });
    address
}

async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    delay: Arc<std::sync::atomic::AtomicU64>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let millis = delay.load(std::sync::atomic::Ordering::Relaxed);
                tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
                if to.write_all(&buffer[..n]).await.is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown().await;
}

impl TestApp {
    /// Starts the server with its connections to the test's database going through a
    /// [`latency_proxy`] adding `delay` each way.
    pub async fn spawn_behind_latency(
        pool: PgPool,
        delay: std::time::Duration,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let millis = Arc::new(std::sync::atomic::AtomicU64::new(delay.as_millis() as u64));
        Self::spawn_behind_variable_latency(pool, millis, adjust).await
    }

    /// As [`TestApp::spawn_behind_latency`], with a delay (in milliseconds) the test changes.
    pub async fn spawn_behind_variable_latency(
        pool: PgPool,
        delay: Arc<std::sync::atomic::AtomicU64>,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let mut settings = Settings::for_tests("postgres://unused");
        adjust(&mut settings);
        let options = (*pool.connect_options()).clone();
        let target = format!("{}:{}", options.get_host(), options.get_port());
        let target = tokio::net::lookup_host(target).await.expect("resolve").next().expect("an address");
        let proxy = variable_latency_proxy(target, delay).await;
        let options = options.host(&proxy.ip().to_string()).port(proxy.port());
        let store = Store::connect_lazy_with(options, &settings.pool());
        Self::start(settings, store, pool).await
    }
}

/// Makes a participant (global id) look registered and last changed on `date`
/// (`YYYY-MM-DD`), as someone no longer served would. Their row's triggers would stamp the
/// update as today: the test, as the database owner, lifts them for its own transaction.
pub async fn backdate_participant(pool: &PgPool, participant: &str, date: &str) {
    let mut tx = pool.begin().await.expect("begin");
    sqlx::query("set local session_replication_role = replica").execute(&mut *tx).await.expect("replica role");
    sqlx::query("update participant set created_at = $2::date, updated_at = $2::date where participant_id = $1")
        .bind(raw_id(participant))
        .bind(date)
        .execute(&mut *tx)
        .await
        .expect("backdate");
    tx.commit().await.expect("commit");
}
