//! HTTP endpoints other than GraphQL, and request-level errors.

use sismic_api_tests::TestApp;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn healthz_and_readyz_answer_when_the_database_is_migrated(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), 200);
}

#[sqlx::test(migrations = false)]
async fn readyz_says_not_ready_when_migrations_are_missing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), 503);
}

#[sqlx::test(migrations = "../migrations")]
async fn graphiql_is_served_to_browsers_and_queries_to_clients_on_get(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let url = format!("{}/graphql", app.address);
    let page = app.client.get(&url).header("accept", "text/html,*/*;q=0.8").send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().to_lowercase().contains("graphiql"));
    // A client that wants JSON gets GraphQL over HTTP: a query runs, a missing one is 400, a
    // mutation is 405 (a GET must not change anything).
    let run = app.client.get(&url).query(&[("query", "{ __typename }")]).send().await.unwrap();
    assert_eq!(run.status(), 200);
    assert_eq!(run.json::<serde_json::Value>().await.unwrap()["data"]["__typename"], "Query");
    let missing = app.client.get(&url).header("accept", "application/json").send().await.unwrap();
    assert_eq!(missing.status(), 400);
    let mutation = app.client.get(&url).query(&[("query", "mutation { logout }")]).send().await.unwrap();
    assert_eq!(mutation.status(), 405);
    assert_eq!(mutation.headers()["allow"], "POST");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_body_that_is_not_json_gets_bad_user_input(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(sismic_api_tests::error_code(&body), "BAD_USER_INPUT");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_syntax_error_gets_bad_user_input(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let code = app.code(None, "{ projects(first: ", serde_json::json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT");
}
