//! Browser sessions: an HttpOnly cookie, never a token in the page, with a CSRF defence.

use serde_json::{json, Value};
use sismic_api_tests::{error_code, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

/// Signs in through `POST /session`; returns the response's status, its `Set-Cookie` and body.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> (u16, String, Value) {
    let response = app
        .client
        .post(format!("{}/session", app.address))
        .header("x-sismic-request", "1")
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let cookie = response.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, cookie, response.json().await.unwrap())
}

/// The `name=value` part of a `Set-Cookie`.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn me_with_cookie(app: &TestApp, cookie: &str, headers: &[(&str, &str)]) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("cookie", cookie)
        .json(&json!({ "query": "{ me { email role } }" }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_in_sets_an_http_only_strict_cookie_and_never_shows_the_token(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let (status, set_cookie, body) = sign_in(&app, &email, TEST_PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    assert!(set_cookie.starts_with("sismic_session=ey"), "{set_cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(set_cookie.contains(attribute), "{attribute} missing: {set_cookie}");
    }
    assert_eq!(body["user"]["role"], "AGENT");
    assert_eq!(body["user"]["region"]["code"], "AA");
    let token = cookie_pair(&set_cookie).split_once('=').unwrap().1.to_owned();
    assert!(!body.to_string().contains(&token), "the page must never see the token: {body}");
    // The cookie signs in GraphQL requests that carry the CSRF header.
    let cookie = cookie_pair(&set_cookie);
    let (status, me) = me_with_cookie(&app, &cookie, &[("x-sismic-request", "1")]).await;
    assert_eq!(status, 200);
    assert_eq!(me["data"]["me"]["email"], email);
    let session: Value = app
        .client
        .get(format!("{}/session", app.address))
        .header("cookie", &cookie)
        .header("x-sismic-request", "1")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(session["user"]["email"], email);
    // And the report exports.
    let export = app
        .client
        .get(format!("{}/reports/cohorts/{}.csv", app.address, world.cohort_a))
        .header("cookie", &cookie)
        .header("x-sismic-request", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_cookie_without_the_csrf_header_or_from_another_site_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let (_, set_cookie, _) = sign_in(&app, &email, TEST_PASSWORD).await;
    let cookie = cookie_pair(&set_cookie);
    // What a cross-site form post would send: the cookie (if the browser sent it at all) and no
    // custom header.
    let (status, response) = me_with_cookie(&app, &cookie, &[]).await;
    assert_eq!(status, 403);
    assert_eq!(error_code(&response), "FORBIDDEN");
    let (status, _) =
        me_with_cookie(&app, &cookie, &[("x-sismic-request", "1"), ("origin", "https://evil.example")]).await;
    assert_eq!(status, 403);
    // Signing in or out needs the header too (no login CSRF, no forced logout).
    let forged = app
        .client
        .post(format!("{}/session", app.address))
        .json(&json!({ "email": email, "password": TEST_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let forced_out =
        app.client.delete(format!("{}/session", app.address)).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(forced_out.status(), 403);
    let (status, _) = me_with_cookie(&app, &cookie, &[("x-sismic-request", "1")]).await;
    assert_eq!(status, 200, "the session survived the forged sign-out");
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_out_revokes_the_session_and_clears_the_cookie(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let (_, set_cookie, _) = sign_in(&app, &email, TEST_PASSWORD).await;
    let cookie = cookie_pair(&set_cookie);
    let out = app
        .client
        .delete(format!("{}/session", app.address))
        .header("cookie", &cookie)
        .header("x-sismic-request", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    // The old cookie, replayed, no longer signs anyone in.
    let (_, response) = me_with_cookie(&app, &cookie, &[("x-sismic-request", "1")]).await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
    let session =
        app.client.get(format!("{}/session", app.address)).header("x-sismic-request", "1").send().await.unwrap();
    assert_eq!(session.status(), 401);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_and_throttling_have_their_status(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    for _ in 0..5 {
        let (status, set_cookie, body) = sign_in(&app, &email, "wrong").await;
        assert_eq!(status, 401);
        assert!(set_cookie.is_empty());
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
    }
    let (status, _, body) = sign_in(&app, &email, TEST_PASSWORD).await;
    assert_eq!(status, 429);
    assert_eq!(error_code(&body), "RATE_LIMITED");
}
