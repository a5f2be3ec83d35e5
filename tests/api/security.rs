//! Findings of the second security review: sign-in throttling under concurrency, bounded
//! unauthenticated work, what reports cost, and cancellation that never corrupts a connection.

use serde_json::{json, Value};
use sismic_api_tests::{create_project, error_code, raw_id, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;
use std::time::{Duration, Instant};

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

/// Posts `body` (any JSON) without a token, with extra headers; returns the JSON answer.
async fn post_json(app: &TestApp, body: &Value, headers: &[(&str, &str)]) -> Value {
    let mut request = app.client.post(format!("{}/graphql", app.address)).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request sent").json().await.expect("a JSON answer")
}

fn login_body(email: &str, password: &str) -> Value {
    json!({ "query": LOGIN, "variables": { "e": email, "p": password } })
}

/// The codes of every error of a (batch) answer.
fn codes(response: &Value) -> Vec<String> {
    let answers = match response {
        Value::Array(items) => items.clone(),
        one => vec![one.clone()],
    };
    answers
        .iter()
        .flat_map(|a| a["errors"].as_array().cloned().unwrap_or_default())
        .map(|e| e["extensions"]["code"].as_str().unwrap_or("none").to_owned())
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn forty_concurrent_wrong_sign_ins_get_at_most_five_tries(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    // 30 separate requests at once, and 2 batches of 5 sign-ins.
    let mut tasks = Vec::new();
    for i in 0..32 {
        let body = if i < 30 {
            login_body(&email, "wrong password")
        } else {
            Value::Array((0..5).map(|_| login_body(&email, "wrong password")).collect())
        };
        let client = app.client.clone();
        let url = format!("{}/graphql", app.address);
        tasks.push(tokio::spawn(async move {
            client.post(url).json(&body).send().await.unwrap().json::<Value>().await.unwrap()
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(codes(&task.await.unwrap()));
    }
    assert_eq!(all.len(), 40);
    let tried = all.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    assert!(tried <= 5, "{tried} passwords were checked: {all:?}");
    // A sign-in in a batch is refused before anything runs; every other one is throttled.
    assert_eq!(all.iter().filter(|c| *c == "BAD_USER_INPUT").count(), 10, "{all:?}");
    assert_eq!(all.iter().filter(|c| *c == "RATE_LIMITED").count(), 30 - tried, "{all:?}");
    // The right password is refused too, until the lock expires.
    let right = post_json(&app, &login_body(&email, TEST_PASSWORD), &[]).await;
    assert_eq!(error_code(&right), "RATE_LIMITED", "{right}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_successful_sign_in_clears_the_email_count(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    for _ in 0..4 {
        let wrong = post_json(&app, &login_body(&email, "typo"), &[]).await;
        assert_eq!(error_code(&wrong), "UNAUTHENTICATED");
    }
    let right = post_json(&app, &login_body(&email, TEST_PASSWORD), &[]).await;
    assert!(right["data"]["login"]["token"].is_string(), "{right}");
    for _ in 0..4 {
        let wrong = post_json(&app, &login_body(&email, "typo"), &[]).await;
        assert_eq!(error_code(&wrong), "UNAUTHENTICATED", "the count started over");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn one_password_tried_across_many_accounts_is_slowed_by_address(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    // 20 failures per address (the default): one per email, so no email reaches its own limit.
    for i in 0..20 {
        let answer = post_json(&app, &login_body(&format!("person{i}@test.example"), "Printemps2021!"), &[]).await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "attempt {i}: {answer}");
    }
    let next = post_json(&app, &login_body("person20@test.example", "Printemps2021!"), &[]).await;
    assert_eq!(error_code(&next), "RATE_LIMITED", "{next}");
    // The client cannot pick another address: X-Forwarded-For from an untrusted peer is ignored.
    let spoofed =
        post_json(&app, &login_body("person21@test.example", "x"), &[("x-forwarded-for", "203.0.113.77")]).await;
    assert_eq!(error_code(&spoofed), "RATE_LIMITED", "{spoofed}");
}

#[sqlx::test(migrations = "../migrations")]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_count(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        s.login_max_failures_per_address = 3;
    })
    .await;
    let from = |client: &'static str| [("x-forwarded-for", client)];
    for i in 0..3 {
        let answer = post_json(&app, &login_body(&format!("a{i}@test.example"), "x"), &from("203.0.113.1")).await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED");
    }
    let limited = post_json(&app, &login_body("a3@test.example", "x"), &from("203.0.113.1")).await;
    assert_eq!(error_code(&limited), "RATE_LIMITED");
    // A client of the same proxy, at another address, is not held up.
    let other = post_json(&app, &login_body("b0@test.example", "x"), &from("203.0.113.2")).await;
    assert_eq!(error_code(&other), "UNAUTHENTICATED");
    // An address prepended by the client itself is not believed: the proxy's own entry is.
    let prepended =
        post_json(&app, &login_body("a4@test.example", "x"), &[("x-forwarded-for", "198.51.100.9, 203.0.113.1")]).await;
    assert_eq!(error_code(&prepended), "RATE_LIMITED");
}

#[tokio::test]
async fn unauthenticated_sign_ins_cannot_multiply_password_hashing() {
    // No database at all: anything refused here is refused before any database work or hash.
    let app = TestApp::spawn_without_database(|_| {}).await;
    let started = Instant::now();
    let mut aliased = String::from("mutation {");
    for i in 0..30 {
        aliased.push_str(&format!(" l{i}: login(email: \"a{i}@test.example\", password: \"x\") {{ token }}"));
    }
    aliased.push('}');
    let response = app.post(None, &aliased, json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
    assert!(response["errors"][0]["message"].as_str().unwrap().contains("once"), "{response}");
    // Through a fragment too.
    let fragment =
        "mutation { ...F ...F2 } fragment F on Mutation { a: login(email: \"a@b.c\", password: \"x\") { token } } \
                    fragment F2 on Mutation { b: login(email: \"a@b.c\", password: \"x\") { token } }";
    assert_eq!(error_code(&app.post(None, fragment, json!({})).await), "BAD_USER_INPUT");
    // A batch of sign-ins.
    let batch = Value::Array((0..10).map(|i| login_body(&format!("a{i}@test.example"), "x")).collect());
    let answers = post_json(&app, &batch, &[]).await;
    assert_eq!(codes(&answers), vec!["BAD_USER_INPUT"; 10], "{answers}");
    // An email over 254 characters is refused before the database is asked (it cannot be
    // reached here: anything else would be UNAVAILABLE).
    let long = format!("{}@test.example", "a".repeat(250));
    let answer = post_json(&app, &login_body(&long, "x"), &[]).await;
    assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[sqlx::test(migrations = "../migrations")]
async fn expired_throttle_rows_are_purged(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    // Fifty emails tried long ago (their window and lock are over), two still counting.
    sqlx::query(
        "insert into login_throttle (throttle_key, attempts, window_start, locked_until, expires_at)
         select 'email:old' || i || '@test.example', 1, now() - interval '2 hours', null::timestamptz, now() - interval '1 hour'
         from generate_series(1, 50) i
         union all
         select 'email:recent' || i || '@test.example', 1, now(), null, now() + interval '15 minutes'
         from generate_series(1, 2) i",
    )
    .execute(&pool)
    .await
    .unwrap();
    post_json(&app, &login_body("late@test.example", "x"), &[]).await;
    let keys: Vec<String> =
        sqlx::query_scalar("select throttle_key from login_throttle order by 1").fetch_all(&pool).await.unwrap();
    assert_eq!(
        keys,
        ["address:127.0.0.1", "email:late@test.example", "email:recent1@test.example", "email:recent2@test.example"]
    );
}

const REPORT: &str = "cohortReport(cohortId: $id) { projectCount participantsByStage { stage count } }";

fn aliased_reports(n: usize) -> String {
    let fields: String = (0..n).map(|i| format!(" r{i}: {REPORT}")).collect();
    format!("query($id: ID!) {{{fields} }}")
}

#[sqlx::test(migrations = "../migrations")]
async fn reports_weigh_what_they_cost_in_one_operation_and_across_a_batch(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&world.funder))).await;
    // Thirty reports in one document: far over the complexity limit.
    let thirty = app.post(Some(&funder.token), &aliased_reports(30), json!({ "id": world.cohort_a })).await;
    assert_eq!(error_code(&thirty), "BAD_USER_INPUT", "{thirty}");
    assert!(thirty["errors"][0]["message"].as_str().unwrap().contains("is over the limit of 5,000"), "{thirty}");
    // Four in one operation is allowed...
    let four = app.ok(&funder, &aliased_reports(4), json!({ "id": world.cohort_a })).await;
    assert_eq!(four["r3"]["projectCount"], 0);
    // ...but not ten operations of four in one batch: the batch is held to one operation's limit.
    let batch = Value::Array(
        (0..10).map(|_| json!({ "query": aliased_reports(4), "variables": { "id": world.cohort_a } })).collect(),
    );
    let answers = post_json(&app, &batch, &[("authorization", &format!("Bearer {}", funder.token))]).await;
    let answers = answers.as_array().expect("a batch answer");
    assert_eq!(answers.len(), 10);
    for answer in answers {
        assert_eq!(error_code(answer), "BAD_USER_INPUT", "{answer}");
        assert!(answer["data"].is_null(), "nothing ran: {answer}");
    }
    // Aliases add up across a batch too (30 at most in all).
    let aliased = Value::Array(
        (0..4)
            .map(|_| {
                let fields: String = (0..10).map(|i| format!(" m{i}: me {{ id }}")).collect();
                json!({ "query": format!("{{{fields} }}") })
            })
            .collect(),
    );
    let answers = post_json(&app, &aliased, &[("authorization", &format!("Bearer {}", funder.token))]).await;
    assert_eq!(codes(&answers), vec!["BAD_USER_INPUT"; 4], "{answers}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_funders_flood_of_reports_leaves_connections_for_everyone_else(pool: PgPool) {
    let app = TestApp::spawn_connecting(pool.clone(), |s| {
        s.db_max_connections = 6;
        s.db_acquire_timeout_ms = 1_000;
        s.statement_timeout_ms = 4_000;
        s.request_timeout_secs = 6;
    })
    .await;
    let world = World::build(&app).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&world.funder))).await;
    // Every report build blocks on a table lock, holding its connection, as a slow report
    // would.
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("lock table attendance in access exclusive mode").execute(&mut *blocker).await.unwrap();
    let flood = tokio::spawn({
        let client = app.client.clone();
        let url = format!("{}/graphql", app.address);
        let token = funder.token.clone();
        let body = json!({ "query": aliased_reports(2), "variables": { "id": world.cohort_a } });
        async move {
            let requests = (0..8).map(|_| client.post(&url).bearer_auth(&token).json(&body).send());
            futures_util::future::join_all(requests).await
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Meanwhile an agent works: every request gets a connection.
    for _ in 0..5 {
        let me = app.post(Some(&world.agent_a.token), "{ me { id } }", json!({})).await;
        assert!(me.get("errors").is_none(), "the agent was refused: {me}");
    }
    blocker.rollback().await.unwrap();
    for answer in flood.await.unwrap() {
        let answer: Value = answer.expect("a response").json().await.expect("JSON");
        if let Some(errors) = answer["errors"].as_array() {
            // Reports that waited past the deadline are UNAVAILABLE; nothing else may fail.
            assert!(errors.iter().all(|e| e["extensions"]["code"] == "UNAVAILABLE"), "{answer}");
        }
    }
}

/// Connections of the server's pool that are inside a transaction while no request runs.
async fn connections_left_in_a_transaction(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select concat_ws(' | ', state, now() - state_change, query) from pg_stat_activity
         where application_name = 'sismic' and state like 'idle in transaction%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn clients_that_disconnect_mid_request_leave_no_connection_in_a_transaction(pool: PgPool) {
    let logs = sismic_api_tests::captured_logs();
    let setup = TestApp::spawn(pool.clone()).await;
    let world = World::build(&setup).await;
    let project = create_project(&setup, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    // The server under test reaches PostgreSQL through a slow link (about 100 ms each way), and
    // answers within 1 s: a request's token check takes four round trips, so the deadline
    // falls while its next transaction's BEGIN is on the wire, the moment sqlx 0.8.6 cannot
    // cancel safely (sqlx issue #4393). The delay varies from round to round so that the
    // deadline falls at every moment of the exchange; clients also hang up on their own.
    let delay = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(100));
    let app = TestApp::spawn_behind_variable_latency(pool.clone(), delay.clone(), |s| {
        s.db_max_connections = 10;
        s.request_timeout_secs = 1;
    })
    .await;
    let log = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } replayed } }";
    for (round, millis) in [100u64, 60, 90, 110, 120, 80, 105, 115].into_iter().enumerate() {
        delay.store(millis, std::sync::atomic::Ordering::Relaxed);
        let mut requests = Vec::new();
        for i in 0..10u64 {
            let request = app
                .client
                .post(format!("{}/graphql", app.address))
                .bearer_auth(&world.agent_a.token)
                .timeout(Duration::from_millis(if i % 3 == 0 { 300 + i * 40 } else { 8_000 }))
                .json(&json!({ "query": log, "variables": { "i": {
                    "projectId": project, "occurredOn": "2021-03-02", "mode": "PHONE",
                    "summary": format!("Appel {round}-{i}"), "idempotencyKey": format!("impatient-{round}-{i}") } } }));
            requests.push(tokio::spawn(async move { request.send().await.map(|r| r.status()) }));
        }
        for request in requests {
            let _ = request.await.unwrap(); // most are cut short: that is the point
        }
    }
    // The server finishes what the clients abandoned: wait until its sessions have all been
    // idle, or stuck, for two seconds (between two transactions of one request a session is idle
    // for a moment too). A leaked transaction stays "idle in transaction", and shows below.
    let quiet_by = Instant::now() + Duration::from_secs(60);
    let mut idle_since: Option<Instant> = None;
    loop {
        let busy: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity where application_name = 'sismic' and state <> 'idle'
             and state_change > now() - interval '2 seconds'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if busy > 0 {
            idle_since = None;
        } else if idle_since.get_or_insert_with(Instant::now).elapsed() > Duration::from_secs(2) {
            break;
        }
        if Instant::now() > quiet_by {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let left = connections_left_in_a_transaction(&pool).await;
    assert!(left.is_empty(), "pooled connections were left in a transaction: {left:?}");
    // Every later request commits on its own: what it wrote is visible to another session at
    // once. (A request run inside a leaked transaction would also make PostgreSQL warn when it
    // sends its own BEGIN; sqlx logs that warning.)
    delay.store(1, std::sync::atomic::Ordering::Relaxed);
    for i in 0..20 {
        let name = format!("Coop {i}");
        create_project(&app, &world.agent_a, &world.cohort_a, &name, None).await;
        let seen: i64 = sqlx::query_scalar("select count(*) from project where name = $1")
            .bind(&name)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(seen, 1, "the write of request {i} was not committed on its own");
    }
    let log = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(!log.contains("already a transaction in progress"), "a request ran inside another's transaction");
    assert_eq!(connections_left_in_a_transaction(&pool).await, Vec::<String>::new());
    // Abandoned follow-ups were written once or not at all.
    let duplicates: i64 = sqlx::query_scalar(
        "select count(*) from (select summary from follow_up group by summary having count(*) > 1) d",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(duplicates, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_commit_under_way_at_the_deadline_completes_and_a_late_one_writes_nothing(pool: PgPool) {
    use sismic_store::{commit, Scope, Store};
    let options = (*pool.connect_options()).clone();
    let target = format!("{}:{}", options.get_host(), options.get_port());
    let target = tokio::net::lookup_host(target).await.unwrap().next().unwrap();
    let proxy = sismic_api_tests::latency_proxy(target, Duration::from_millis(100)).await;
    let slow = Store::connect_lazy_with(
        options.host(&proxy.ip().to_string()).port(proxy.port()),
        &sismic_store::PoolSettings::default(),
    );
    let insert = "insert into region (code, name) values ($1, 'Région')";

    // COMMIT is sent 50 ms before the deadline and answered 150 ms after it: it completes,
    // even though the caller stops waiting at the deadline.
    let deadline = tokio::time::Instant::now() + Duration::from_millis(1_500);
    let store = slow.with_deadline(deadline);
    let mut tx = store.begin(&Scope::System).await.unwrap();
    sqlx::query(insert).bind("ZA").execute(&mut *tx).await.unwrap();
    tokio::time::sleep_until(deadline - Duration::from_millis(50)).await;
    let outcome = tokio::time::timeout_at(deadline, commit(tx)).await;
    assert!(outcome.is_err(), "the caller gave up at the deadline");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let written: i64 =
        sqlx::query_scalar("select count(*) from region where code = 'ZA'").fetch_one(&pool).await.unwrap();
    assert_eq!(written, 1, "a COMMIT on the wire is never cut");

    // Past the deadline, a transaction does not commit: the caller is told, and nothing is
    // written.
    let deadline = tokio::time::Instant::now() + Duration::from_millis(1_000);
    let store = slow.with_deadline(deadline);
    let mut tx = store.begin(&Scope::System).await.unwrap();
    sqlx::query(insert).bind("ZB").execute(&mut *tx).await.unwrap();
    tokio::time::sleep_until(deadline + Duration::from_millis(10)).await;
    assert!(matches!(commit(tx).await, Err(sismic_store::StoreError::DeadlineExceeded)));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let written: i64 =
        sqlx::query_scalar("select count(*) from region where code = 'ZB'").fetch_one(&pool).await.unwrap();
    assert_eq!(written, 0);
    // And no transaction starts after the deadline.
    assert!(matches!(store.begin(&Scope::System).await, Err(sismic_store::StoreError::DeadlineExceeded)));
}
