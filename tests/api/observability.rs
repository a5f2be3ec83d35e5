//! Observability: `/metrics` scraped with a Prometheus text parser (`prometheus-parse`), and the
//! server's JSON log lines read back one by one (docs/observability.md).

use serde_json::{json, Value};
use sismic_api_tests::{captured_log_lines, captured_logs, create_project, raw_id, TestApp, World};
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Scrapes `/metrics`; returns the raw text and the parsed samples.
pub(crate) async fn scrape(app: &TestApp) -> (String, Vec<prometheus_parse::Sample>) {
    let address = app.metrics_address.as_ref().expect("metrics are served in tests");
    let response = app.client.get(format!("{address}/metrics")).send().await.expect("scrape");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("application/openmetrics-text"), "{content_type}");
    let text = response.text().await.expect("a body");
    assert!(text.trim_end().ends_with("# EOF"), "an OpenMetrics exposition ends with # EOF");
    let lines = text.lines().map(|line| Ok(line.to_owned()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("the Prometheus text parser reads it");
    (text, scrape.samples)
}

/// The value of the sample named `metric` whose labels include `labels` (0 when there is none).
pub(crate) fn value(samples: &[prometheus_parse::Sample], metric: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| s.metric == metric && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => v,
            _ => panic!("{metric} is not a single value"),
        })
        .sum()
}

/// The root fields of the schema's Query, Mutation and Subscription types.
fn root_fields() -> BTreeSet<String> {
    let sdl = sismic_graphql::sdl();
    let mut fields = BTreeSet::new();
    let mut in_root = false;
    for line in sdl.lines() {
        if line.starts_with("type Query") || line.starts_with("type Mutation") || line.starts_with("type Subscription")
        {
            in_root = true;
        } else if line.starts_with('}') {
            in_root = false;
        } else if in_root && line.starts_with('\t') && !line.starts_with("\t\t") && !line.trim_start().starts_with('"')
        {
            let name: String = line.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                fields.insert(name);
            }
        }
    }
    fields
}

const SECRET_NAME: &str = "Zéphirine";
const SECRET_LAST_NAME: &str = "Quisecache";
const SECRET_EMAIL: &str = "zephirine.quisecache@example.org";
const CLIENT_OPERATION_NAME: &str = "JeanTremblayCherche";

#[sqlx::test(migrations = "../migrations")]
async fn metrics_count_operations_by_root_field_and_outcome_and_show_nothing_personal(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    let participant = app
        .ok(
            &world.agent_a,
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "regionId": world.region_a, "firstName": SECRET_NAME, "lastName": SECRET_LAST_NAME, "email": SECRET_EMAIL } }),
        )
        .await["registerParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Three reads of one root field under a client-chosen name, which must not become a label.
    for _ in 0..3 {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&world.agent_a.token)
            .json(&json!({ "query": format!("query {CLIENT_OPERATION_NAME} {{ projects(first: 5) {{ edges {{ node {{ id name }} }} }} }}"),
                           "operationName": CLIENT_OPERATION_NAME }))
            .send()
            .await
            .unwrap();
        assert!(response.json::<Value>().await.unwrap().get("errors").is_none());
    }
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let code = app
        .code(
            Some(&partner),
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "i": { "cohortId": world.cohort_a, "name": "Refusé" } }),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    assert_eq!(app.code(Some(&world.agent_a), &format!("{{ {SECRET_LAST_NAME} }}"), json!({})).await, "BAD_USER_INPUT");
    app.ok(&world.agent_a, "{ me { id } regions { id } }", json!({})).await;
    // A batch: each of its operations counts once.
    let batch = json!([{ "query": "{ me { id } }" }, { "query": "{ me { role } }" }]);
    let (status, _) = app.post_bytes(Some(&world.agent_a.token), serde_json::to_vec(&batch).unwrap()).await;
    assert_eq!(status, 200);
    // Sign-in throttling: the sixth wrong password for one email within the window is refused.
    let login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";
    let mut throttled = 0;
    for _ in 0..7 {
        let response = app.post(None, login, json!({ "e": SECRET_EMAIL, "p": "not the password" })).await;
        throttled += usize::from(sismic_api_tests::error_code(&response) == "RATE_LIMITED");
    }
    assert_eq!(throttled, 2);

    let (text, samples) = scrape(&app).await;
    let operations = "sismic_graphql_operations_total";
    assert_eq!(value(&samples, operations, &[("operation", "projects"), ("outcome", "OK")]), 3.0, "{text}");
    assert_eq!(value(&samples, operations, &[("operation", "createProject"), ("outcome", "FORBIDDEN")]), 1.0);
    assert_eq!(value(&samples, operations, &[("operation", "registerParticipant"), ("outcome", "OK")]), 1.0);
    assert_eq!(value(&samples, operations, &[("operation", "invalid"), ("outcome", "BAD_USER_INPUT")]), 1.0);
    assert_eq!(value(&samples, operations, &[("operation", "multiple"), ("outcome", "OK")]), 1.0);
    assert_eq!(value(&samples, operations, &[("operation", "me"), ("outcome", "OK")]), 2.0);
    assert_eq!(value(&samples, operations, &[("operation", "login"), ("outcome", "UNAUTHENTICATED")]), 5.0);
    assert_eq!(value(&samples, operations, &[("operation", "login"), ("outcome", "RATE_LIMITED")]), 2.0);
    assert_eq!(value(&samples, "sismic_login_throttled_total", &[("limit", "email")]), 2.0);
    // Latency: one observation per operation, in a histogram with the same labels.
    let latency = "sismic_graphql_operation_duration_seconds_count";
    assert_eq!(value(&samples, latency, &[("operation", "projects"), ("outcome", "OK")]), 3.0);
    assert!(samples.iter().any(|s| s.metric == "sismic_graphql_operation_duration_seconds"
        && matches!(&s.value, prometheus_parse::Value::Histogram(buckets) if !buckets.is_empty())));
    // HTTP requests by route and status (the batch is one request).
    assert!(value(&samples, "sismic_http_requests_total", &[("route", "/graphql"), ("status", "200")]) >= 10.0);
    // The pool: open connections are idle or in use, at most the maximum.
    let size = value(&samples, "sismic_db_pool_size", &[]);
    let (idle, in_use) = (value(&samples, "sismic_db_pool_idle", &[]), value(&samples, "sismic_db_pool_in_use", &[]));
    assert!(size >= 1.0 && idle + in_use == size, "size {size}, idle {idle}, in use {in_use}");
    // (This server uses the test's own pool.)
    assert_eq!(value(&samples, "sismic_db_pool_max", &[]), f64::from(app.pool.options().get_max_connections()));
    assert_eq!(value(&samples, "sismic_graphql_subscriptions", &[]), 0.0);
    assert_eq!(value(&samples, "sismic_build_info", &[]), 1.0);

    // Every label value comes from a closed set.
    let allowed_operations: BTreeSet<String> = root_fields()
        .into_iter()
        .chain(["multiple", "introspection", "__typename", "invalid"].map(str::to_owned))
        .collect();
    assert!(allowed_operations.contains("logFollowUp") && allowed_operations.contains("cohortReport"));
    for sample in &samples {
        if let Some(operation) = sample.labels.get("operation") {
            assert!(allowed_operations.contains(operation), "operation label {operation} is not a root field");
        }
        if let Some(outcome) = sample.labels.get("outcome") {
            assert!(outcome == "OK" || sismic_graphql::metrics::CODES.contains(&outcome), "outcome {outcome}");
        }
    }
    // Nothing personal, nothing a client chose, no id, no token, no address.
    let user_email = app.email_of(&world.agent_a).await;
    for secret in [
        SECRET_NAME,
        SECRET_LAST_NAME,
        SECRET_EMAIL,
        CLIENT_OPERATION_NAME,
        &user_email,
        &project,
        &participant,
        &raw_id(&participant).to_string(),
        &world.agent_a.token,
        "127.0.0.1",
        "Coop du rang",
    ] {
        assert!(!text.contains(secret), "`{secret}` is in /metrics:\n{text}");
    }
    // `/metrics` is not served on the API's address (nor taken for a page of the web app).
    let response = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn metrics_can_be_turned_off(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| s.metrics_bind = "off".to_owned()).await;
    assert!(app.metrics_address.is_none());
    assert_eq!(app.post(None, "{ __typename }", json!({})).await["data"]["__typename"], "Query");
}

/// The pool's gauges follow a request holding a connection.
#[sqlx::test(migrations = "../migrations")]
async fn the_pool_gauges_show_connections_in_use(pool: PgPool) {
    let app = TestApp::spawn_connecting(pool.clone(), |s| s.db_max_connections = 4).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    // A row lock held by the test keeps an advance waiting, its connection in use.
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("select 1 from project where project_id = $1 for update")
        .bind(raw_id(&project))
        .execute(&mut *blocker)
        .await
        .unwrap();
    let advance = {
        let request = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&world.agent_a.token)
            .json(&json!({ "query": "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { version } } }",
                           "variables": { "i": { "projectId": project, "expectedVersion": 1 } } }));
        tokio::spawn(async move { request.send().await.unwrap().json::<Value>().await.unwrap() })
    };
    let mut in_use = 0.0;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let (_, samples) = scrape(&app).await;
        in_use = value(&samples, "sismic_db_pool_in_use", &[]);
        assert_eq!(value(&samples, "sismic_db_pool_max", &[]), 4.0);
        if in_use >= 1.0 {
            break;
        }
    }
    assert!(in_use >= 1.0, "the waiting request's connection shows in use");
    blocker.rollback().await.unwrap();
    let answer = advance.await.unwrap();
    assert_eq!(answer["data"]["advanceProjectStage"]["project"]["version"], 2, "{answer}");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let (_, samples) = scrape(&app).await;
    assert_eq!(value(&samples, "sismic_db_pool_in_use", &[]), 0.0);
}

/// Every log line is a JSON object; every line logged while a request runs carries its
/// `request_id` (the `x-request-id` the answer carries); and nothing personal appears.
#[sqlx::test(migrations = "../migrations")]
async fn json_log_lines_carry_the_request_id_and_nothing_personal(pool: PgPool) {
    captured_logs();
    let app = TestApp::spawn(pool.clone()).await;
    let world = World::build(&app).await;
    let mut request_ids = Vec::new();
    let send = |request: reqwest::RequestBuilder| {
        let request = request.header("x-sismic-request", "1");
        async move {
            let response = request.send().await.unwrap();
            let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
            uuid::Uuid::parse_str(&id).expect("a request id is a UUID");
            (id, response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let graphql = format!("{}/graphql", app.address);
    let register = json!({ "query": "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
        "variables": { "i": { "regionId": world.region_a, "firstName": SECRET_NAME, "lastName": SECRET_LAST_NAME, "email": SECRET_EMAIL } } });
    let (id, body) = send(app.client.post(&graphql).bearer_auth(&world.agent_a.token).json(&register)).await;
    assert!(body.get("errors").is_none(), "{body}");
    request_ids.push(id);
    // A search by name.
    let search = json!({ "query": "query($q: String) { participants(search: $q) { edges { node { id } } } }", "variables": { "q": SECRET_LAST_NAME } });
    let (id, _) = send(app.client.post(&graphql).bearer_auth(&world.agent_a.token).json(&search)).await;
    request_ids.push(id);
    // A wrong sign-in, through the web app's session endpoint and through GraphQL.
    let (id, body) = send(
        app.client
            .post(format!("{}/session", app.address))
            .json(&json!({ "email": SECRET_EMAIL, "password": "zéphirine-mot-de-passe" })),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{body}");
    request_ids.push(id);
    let login = json!({ "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        "variables": { "e": SECRET_EMAIL, "p": "zéphirine-mot-de-passe" } });
    let (id, _) = send(app.client.post(&graphql).json(&login)).await;
    request_ids.push(id);
    // A query string with personal data in its variables (GET /graphql).
    let (id, _) = send(app.client.get(&graphql).bearer_auth(&world.agent_a.token).query(&[
        ("query", "query($q: String) { participants(search: $q) { edges { node { id } } } }"),
        ("variables", &json!({ "q": SECRET_EMAIL }).to_string()),
    ]))
    .await;
    request_ids.push(id);
    // An internal error: its line carries the request id, and the details, but no input.
    sqlx::query("alter table partner rename to partner_gone").execute(&pool).await.unwrap();
    let (id, body) = send(
        app.client
            .post(&graphql)
            .bearer_auth(&world.admin.token)
            .json(&json!({ "query": "{ partners { edges { node { name } } } }" })),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["requestId"], id.as_str(), "{body}");
    request_ids.push(id.clone());
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;

    let lines = captured_log_lines();
    for request_id in &request_ids {
        let mine: Vec<&Value> = lines.iter().filter(|l| l["request_id"] == request_id.as_str()).collect();
        let http = mine
            .iter()
            .find(|l| l["message"] == "http request")
            .unwrap_or_else(|| panic!("no http request line for {request_id}"));
        assert!(http["route"] == "/graphql" || http["route"] == "/session", "{http}");
        assert!(http["status"].is_u64() && http["elapsed_ms"].is_u64(), "{http}");
        assert_eq!(http["level"], "INFO");
        assert!(mine.iter().all(|l| l["spans"][0] == "request"), "{mine:?}");
    }
    let failure = lines
        .iter()
        .find(|l| l["request_id"] == id.as_str() && l["message"] == "database error")
        .expect("the internal error's line carries its request id");
    assert!(failure["error"].as_str().unwrap().contains("does not exist"), "{failure}");
    // Every line logged inside a request span carries a request id.
    for line in &lines {
        if line["spans"].as_array().is_some_and(|spans| spans.first() == Some(&json!("request"))) {
            assert!(line["request_id"].is_string(), "a line inside a request without its id: {line}");
        }
    }
    let whole = lines.iter().map(Value::to_string).collect::<Vec<_>>().join("\n");
    for secret in
        [SECRET_NAME, SECRET_LAST_NAME, SECRET_EMAIL, "zéphirine-mot-de-passe", "Zéphirine", &world.agent_a.token]
    {
        assert!(!whole.contains(secret), "`{secret}` is in the log");
    }
}
