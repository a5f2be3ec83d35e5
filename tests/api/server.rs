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
async fn graphiql_is_served_on_get(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let page = app.client.get(format!("{}/graphql", app.address)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("graphiql"));
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
