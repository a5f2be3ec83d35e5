//! Slow statements, deadlines and internal errors: every failure is a GraphQL error with a
//! code, and nothing of the database's own words reaches the client.

use serde_json::json;
use sismic_api_tests::{captured_log_lines, captured_logs, create_project, raw_id, TestApp, World};
use sqlx::PgPool;
use std::time::{Duration, Instant};

const ADVANCE: &str =
    "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { stage version } } }";

/// Words of SQL, of the driver or of a panic that must never reach a client.
pub const LEAKS: &[&str] = &[
    "sqlx",
    "SQLSTATE",
    "panicked",
    "syntax error at or near",
    "relation \"",
    "does not exist",
    "error returned from database",
    "stack backtrace",
    "src/",
    ".rs:",
    "pg_",
    "postgres",
];

#[sqlx::test(migrations = "../migrations")]
async fn a_statement_past_statement_timeout_is_cancelled_and_answered_unavailable(pool: PgPool) {
    let app = TestApp::spawn_connecting(pool.clone(), |s| s.statement_timeout_ms = 300).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;

    // Another session holds the project's row: the mutation's `select … for update` waits.
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("select 1 from project where project_id = $1 for update")
        .bind(raw_id(&project))
        .execute(&mut *blocker)
        .await
        .unwrap();
    let started = Instant::now();
    let variables = json!({ "i": { "projectId": project, "expectedVersion": 1 } });
    let response =
        tokio::time::timeout(Duration::from_secs(8), app.post(Some(&world.agent_a.token), ADVANCE, variables.clone()))
            .await
            .expect("statement_timeout should have cancelled the waiting statement");
    assert_eq!(sismic_api_tests::error_code(&response), "UNAVAILABLE", "{response}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let text = response.to_string();
    for leak in LEAKS {
        assert!(!text.contains(leak), "`{leak}` leaked: {text}");
    }
    blocker.rollback().await.unwrap();

    // Nothing was written, and the project moves once the lock is gone.
    let data = app.ok(&world.agent_a, ADVANCE, variables).await;
    assert_eq!(data["advanceProjectStage"]["project"]["version"], 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_request_held_past_the_deadline_gets_unavailable_and_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn_connecting(pool.clone(), |s| s.request_timeout_secs = 1).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("select 1 from project where project_id = $1 for update")
        .bind(raw_id(&project))
        .execute(&mut *blocker)
        .await
        .unwrap();
    let before = app.snapshot().await;
    let body = serde_json::to_vec(
        &json!({ "query": ADVANCE, "variables": { "i": { "projectId": project, "expectedVersion": 1 } } }),
    )
    .unwrap();
    let started = Instant::now();
    let (status, response) = app.post_bytes(Some(&world.agent_a.token), body).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(status, 503);
    let response = response.expect("a GraphQL JSON body, not an empty 504");
    assert_eq!(sismic_api_tests::error_code(&response), "UNAVAILABLE");
    blocker.rollback().await.unwrap();
    // The abandoned transaction was rolled back.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_internal_error_shows_no_driver_text_and_its_request_id_is_in_the_log(pool: PgPool) {
    captured_logs();
    let app = TestApp::spawn(pool.clone()).await;
    let world = World::build(&app).await;
    create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    // A database the code does not expect: every read of partners or of stage history fails.
    sqlx::query("alter table partner rename to partner_gone").execute(&pool).await.unwrap();
    sqlx::query("alter table project_stage_event rename to gone_event").execute(&pool).await.unwrap();
    // Directly in a resolver, and through a DataLoader (whose batches run in tasks of their own,
    // in the request's span: async-graphql instruments them).
    for query in
        ["{ partners { edges { node { id name } } } }", "{ projects { edges { node { stageHistory { toStage } } } } }"]
    {
        let response = app.post(Some(&world.admin.token), query, json!({})).await;
        assert_eq!(sismic_api_tests::error_code(&response), "INTERNAL", "{response}");
        let text = response.to_string();
        for leak in LEAKS {
            assert!(!text.contains(leak), "`{leak}` leaked: {text}");
        }
        let request_id = response["errors"][0]["extensions"]["requestId"].as_str().expect("a requestId").to_owned();
        // The server's log line about the failure carries the same id (and the details), as a
        // field of its JSON object.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let lines = captured_log_lines();
        let line = lines
            .iter()
            .find(|l| l["request_id"] == request_id.as_str() && l["message"] == "database error")
            .unwrap_or_else(|| panic!("no log line with request id {request_id} and the error for {query}"));
        assert!(
            line["error"].as_str().is_some_and(|e| e.contains("does not exist")),
            "the log line should hold the details: {line}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn text_with_a_nul_character_is_bad_user_input_not_internal(pool: PgPool) {
    // PostgreSQL text cannot hold U+0000; the fuzz tests found it answered INTERNAL.
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let before = app.snapshot().await;
    let code = app
        .code(
            Some(&world.agent_a),
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "firstName": "Lé\u{0}a", "lastName": "Roy" } }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    assert_eq!(app.snapshot().await, before);
}
