//! Sign-in and tokens.

use serde_json::json;
use sismic_api_tests::{error_code, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { email role region { code } partner { name } } } }";
const ME: &str = "{ me { email role region { code } } }";

#[sqlx::test(migrations = "../migrations")]
async fn login_returns_a_token_that_authenticates_the_user(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let response = app.post(None, LOGIN, json!({ "e": email.to_uppercase(), "p": TEST_PASSWORD })).await;
    let token = response["data"]["login"]["token"].as_str().expect("a token").to_owned();
    assert!(response.get("errors").is_none(), "{response:#}");
    assert_eq!(response["data"]["login"]["user"]["role"], "AGENT");
    assert_eq!(response["data"]["login"]["user"]["region"]["code"], "AA", "the payload acts as the signed-in user");
    let me = app.post(Some(&token), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["email"], email);
    assert_eq!(me["data"]["me"]["region"]["code"], "AA");
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_email_and_wrong_password_get_the_same_answer(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let wrong_password = app.post(None, LOGIN, json!({ "e": email, "p": "not the password" })).await;
    let unknown_email = app.post(None, LOGIN, json!({ "e": "nobody@test.example", "p": TEST_PASSWORD })).await;
    assert_eq!(error_code(&wrong_password), "UNAUTHENTICATED");
    assert_eq!(wrong_password["errors"][0]["message"], unknown_email["errors"][0]["message"]);
    assert_eq!(error_code(&unknown_email), "UNAUTHENTICATED");
    assert!(!wrong_password.to_string().contains(&email), "the answer must not echo the email");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deactivated_account_cannot_sign_in(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    sqlx::query("update app_user set active = false where user_id = $1")
        .bind(world.agent_a.user_id)
        .execute(&pool)
        .await
        .unwrap();
    let response = app.post(None, LOGIN, json!({ "e": email, "p": TEST_PASSWORD })).await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
}

#[sqlx::test(migrations = "../migrations")]
async fn no_token_or_a_bad_token_is_unauthenticated(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    assert_eq!(error_code(&app.post(None, ME, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.post(Some("not.a.token"), ME, json!({})).await), "UNAUTHENTICATED");
    let forged = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiQURNSU4iLCJleHAiOjk5OTk5OTk5OTksImlzcyI6InNpc21pYy10cmFja2VyIiwiYXVkIjoic2lzbWljLWFwaSJ9.";
    assert_eq!(error_code(&app.post(Some(forged), ME, json!({})).await), "UNAUTHENTICATED");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_creates_users_and_they_can_sign_in(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let create = "mutation($i: CreateUserInput!) { createUser(input: $i) { user { email role region { code } } } }";
    let data = app
        .ok(&world.admin, create, json!({ "i": { "email": "Agente@Pole.example", "password": "long enough password", "role": "AGENT", "regionId": world.region_b } }))
        .await;
    assert_eq!(data["createUser"]["user"]["email"], "agente@pole.example");
    let login = app.post(None, LOGIN, json!({ "e": "agente@pole.example", "p": "long enough password" })).await;
    assert!(login["data"]["login"]["token"].is_string(), "{login:#}");

    // Same email again: CONFLICT. An agent without region, or too short a password: BAD_USER_INPUT.
    let again = json!({ "i": { "email": "AGENTE@pole.example", "password": "long enough password", "role": "AGENT", "regionId": world.region_b } });
    assert_eq!(app.code(Some(&world.admin), create, again).await, "CONFLICT");
    let no_region = json!({ "i": { "email": "x@pole.example", "password": "long enough password", "role": "AGENT" } });
    assert_eq!(app.code(Some(&world.admin), create, no_region).await, "BAD_USER_INPUT");
    let short = json!({ "i": { "email": "y@pole.example", "password": "short", "role": "ADMIN" } });
    assert_eq!(app.code(Some(&world.admin), create, short).await, "BAD_USER_INPUT");
    // Only an admin creates users.
    let by_agent = json!({ "i": { "email": "z@pole.example", "password": "long enough password", "role": "ADMIN" } });
    assert_eq!(app.code(Some(&world.agent_a), create, by_agent).await, "FORBIDDEN");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_partner_signs_in_and_sees_its_institution_in_the_answer(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(sismic_api_tests::raw_id(&world.college))).await;
    let email = app.email_of(&partner).await;
    let response = app.post(None, LOGIN, json!({ "e": email, "p": TEST_PASSWORD })).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    assert_eq!(response["data"]["login"]["user"]["partner"]["name"], "Cégep de Victoriaville");
    assert_eq!(response["data"]["login"]["user"]["region"], serde_json::Value::Null);
}
