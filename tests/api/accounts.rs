//! Administrators and accounts (issue 11): a password reset gives a one-time password that
//! must be changed at the next sign-in (and until then nothing else is answered), the list of
//! accounts, deactivation, and editing regions, partners and cohorts. Every refusal writes
//! nothing; every change is audited.

use serde_json::{json, Value};
use sismic_api_tests::{create_activity, create_cohort, create_partner, raw_id, Actor, TestApp, World, TEST_PASSWORD};
use sismic_domain::Role;
use sismic_store::{Scope, Store};
use sqlx::PgPool;
use uuid::Uuid;

const RESET: &str = "mutation($u: ID!) { resetUserPassword(userId: $u) {
    user { id mustChangePassword passwordExpiresAt } oneTimePassword expiresAt } }";
const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) {
    token mustChangePassword user { email mustChangePassword } } }";
const CHANGE: &str = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";

fn user_id(actor: &Actor) -> String {
    sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, actor.user_id).to_string()
}

/// Signs in; returns the whole response.
async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.post(None, LOGIN, json!({ "e": email, "p": password })).await
}

fn as_actor(user_id: Uuid, login: &Value) -> Actor {
    Actor { user_id, token: login["data"]["login"]["token"].as_str().expect("a token").to_owned() }
}

/// The error of a response: its code and `extensions.reason`.
fn refusal(response: &Value) -> (String, Value) {
    let error = &response["errors"][0];
    (error["extensions"]["code"].as_str().unwrap_or_default().to_owned(), error["extensions"]["reason"].clone())
}

/// Every text of the database, to look for a secret in it.
async fn all_text(app: &TestApp) -> String {
    let tables: Vec<String> =
        sqlx::query_scalar("select tablename::text from pg_tables where schemaname = 'public' order by 1")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let mut out = String::new();
    for table in tables {
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("select t::text from {table} t")).fetch_all(&app.pool).await.unwrap();
        out.push_str(&rows.join("\n"));
    }
    out
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_password_must_be_changed_before_anything_else(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let agent = app.user("AGENT", Some(raw_id(&w.region_a)), None).await;
    let email = app.email_of(&agent).await;
    let signed_in = as_actor(agent.user_id, &login(&app, &email, TEST_PASSWORD).await);
    app.ok(&signed_in, "{ me { email } }", json!({})).await;

    let reset = app.ok(&w.admin, RESET, json!({ "u": user_id(&agent) })).await["resetUserPassword"].clone();
    let otp = reset["oneTimePassword"].as_str().unwrap().to_owned();
    assert_eq!(otp.len(), 23, "{otp}");
    assert!(otp.split('-').all(|g| g.len() == 5 && g.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())));
    assert_eq!(reset["user"]["mustChangePassword"], true);
    assert_eq!(reset["user"]["passwordExpiresAt"], reset["expiresAt"]);
    let expires = chrono::DateTime::parse_from_rfc3339(reset["expiresAt"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "valid seven days: {days} hours");
    let again = app.ok(&w.admin, RESET, json!({ "u": user_id(&agent) })).await;
    let otp2 = again["resetUserPassword"]["oneTimePassword"].as_str().unwrap().to_owned();
    assert_ne!(otp, otp2, "each reset draws a new one");

    // Every earlier session ended; the old password and the first one-time password are gone.
    assert_eq!(app.code(Some(&signed_in), "{ me { email } }", json!({})).await, "UNAUTHENTICATED");
    assert_eq!(app.code(Some(&agent), "{ me { email } }", json!({})).await, "UNAUTHENTICATED");
    assert_eq!(sismic_api_tests::error_code(&login(&app, &email, TEST_PASSWORD).await), "UNAUTHENTICATED");
    assert_eq!(sismic_api_tests::error_code(&login(&app, &email, &otp).await), "UNAUTHENTICATED");
    let otp = otp2;

    let first = login(&app, &email, &otp).await;
    assert_eq!(first["data"]["login"]["mustChangePassword"], true, "{first}");
    assert_eq!(first["data"]["login"]["user"]["mustChangePassword"], true);
    let pending = as_actor(agent.user_id, &first);

    // Until the password is changed: only me, changePassword and logout.
    let me = app.ok(&pending, "{ me { email mustChangePassword region { code } } __typename }", json!({})).await;
    assert_eq!(me["me"], json!({ "email": email, "mustChangePassword": true, "region": { "code": "AA" } }));
    let before = app.snapshot().await;
    for query in [
        "{ projects(first: 5) { edges { node { id } } } }",
        "{ hidden: projects(first: 5) { edges { node { id } } } }",
        "query { ...Sneaky } fragment Sneaky on Query { regions { code } }",
        "{ me { email } cohorts { edges { node { id } } } }",
    ] {
        let response = app.post(Some(&pending.token), query, json!({})).await;
        assert_eq!(
            refusal(&response),
            ("FORBIDDEN".to_owned(), json!("PASSWORD_CHANGE_REQUIRED")),
            "{query}: {response}"
        );
        assert!(response["errors"][0]["message"].as_str().unwrap().contains("changePassword"));
    }
    let log = app
        .post(
            Some(&pending.token),
            "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
            json!({ "i": { "partnerId": w.college, "occurredOn": "2021-01-05", "mode": "PHONE", "summary": "avant" } }),
        )
        .await;
    assert_eq!(refusal(&log).0, "FORBIDDEN");
    let export = app
        .client
        .get(format!("{}/reports/cohorts/{}.csv", app.address, w.cohort_a))
        .bearer_auth(&pending.token)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 403);
    let body: Value = export.json().await.unwrap();
    assert_eq!(refusal(&body), ("FORBIDDEN".to_owned(), json!("PASSWORD_CHANGE_REQUIRED")));
    assert_eq!(app.snapshot().await, before, "nothing was written");

    // The browser session says so too.
    let session = app
        .client
        .post(format!("{}/session", app.address))
        .header("x-sismic-request", "1")
        .json(&json!({ "email": email, "password": otp }))
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 200);
    let cookie = session.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let body: Value = session.json().await.unwrap();
    assert_eq!(body["user"]["mustChangePassword"], true, "{body}");
    let shown = app
        .client
        .get(format!("{}/session", app.address))
        .header("cookie", &cookie)
        .header("x-sismic-request", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.json::<Value>().await.unwrap()["user"]["mustChangePassword"], true);

    // Changing it: the same password, a wrong current one or a short one are refused.
    let pending = as_actor(agent.user_id, &login(&app, &email, &otp).await);
    for (current, new, field) in [
        (otp.as_str(), otp.as_str(), "newPassword"),
        ("not the password", "a brand new password", "currentPassword"),
        (otp.as_str(), "short", "newPassword"),
    ] {
        let response = app.post(Some(&pending.token), CHANGE, json!({ "c": current, "n": new })).await;
        assert_eq!(refusal(&response).0, "BAD_USER_INPUT", "{response}");
        assert!(response["errors"][0]["message"].as_str().unwrap().starts_with(field), "{response}");
    }
    let changed = app.ok(&pending, CHANGE, json!({ "c": otp, "n": "a brand new password" })).await;
    assert_eq!(changed["changePassword"], true);
    assert_eq!(app.code(Some(&pending), "{ me { email } }", json!({})).await, "UNAUTHENTICATED", "sign in again");
    assert_eq!(sismic_api_tests::error_code(&login(&app, &email, &otp).await), "UNAUTHENTICATED", "one time only");
    let fresh = login(&app, &email, "a brand new password").await;
    assert_eq!(fresh["data"]["login"]["mustChangePassword"], false);
    let agent_now = as_actor(agent.user_id, &fresh);
    let me = app
        .ok(
            &agent_now,
            "{ me { mustChangePassword passwordExpiresAt } projects(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(me["me"], json!({ "mustChangePassword": false, "passwordExpiresAt": null }));

    // Audited, and the one-time passwords are nowhere in the database (only their hash was).
    let audit = app
        .ok(
            &w.admin,
            "query($e: ID!) { auditLog(entityId: $e, operation: \"resetUserPassword\") { edges { node { role user { id } before after } } } }",
            json!({ "e": user_id(&agent) }),
        )
        .await;
    let entries = audit["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["node"]["role"], "ADMIN");
    assert_eq!(entries[0]["node"]["user"]["id"], user_id(&w.admin));
    assert_eq!(entries[1]["node"]["before"], json!({ "mustChangePassword": false }));
    assert_eq!(entries[0]["node"]["after"]["mustChangePassword"], true);
    let everything = all_text(&app).await;
    assert!(!everything.contains(&otp) && !everything.contains("a brand new password"));
}

#[sqlx::test(migrations = "../migrations")]
async fn only_an_administrator_resets_a_password_and_bad_input_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let funder = app.user("FUNDER", None, None).await;
    let target = user_id(&w.agent_b);
    let before = app.snapshot().await;
    for actor in [&w.agent_a, &partner, &funder] {
        assert_eq!(app.code(Some(actor), RESET, json!({ "u": target })).await, "FORBIDDEN");
    }
    assert_eq!(app.code(None, RESET, json!({ "u": target })).await, "UNAUTHENTICATED");
    let unknown = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, Uuid::new_v4()).to_string();
    assert_eq!(app.code(Some(&w.admin), RESET, json!({ "u": unknown })).await, "NOT_FOUND");
    assert_eq!(app.code(Some(&w.admin), RESET, json!({ "u": "garbage" })).await, "BAD_USER_INPUT");
    assert_eq!(app.code(Some(&w.admin), RESET, json!({ "u": w.region_a })).await, "NOT_FOUND", "a region's id");
    assert_eq!(app.code(Some(&w.admin), RESET, json!({ "u": user_id(&w.admin) })).await, "BAD_USER_INPUT", "oneself");
    assert_eq!(app.snapshot().await, before);
    app.ok(&w.agent_b, "{ me { email } }", json!({})).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_expired_one_time_password_no_longer_signs_in(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let email = app.email_of(&w.agent_a).await;
    let reset = app.ok(&w.admin, RESET, json!({ "u": user_id(&w.agent_a) })).await;
    let otp = reset["resetUserPassword"]["oneTimePassword"].as_str().unwrap().to_owned();
    sqlx::query("update app_user set password_expires_at = now() - interval '1 minute' where user_id = $1")
        .bind(w.agent_a.user_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = login(&app, &email, &otp).await;
    assert_eq!(refusal(&response), ("UNAUTHENTICATED".to_owned(), Value::Null));
    assert_eq!(response["errors"][0]["message"], "invalid email or password", "the same answer as a wrong password");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_keeps_the_obligation_an_administrators_call(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    app.ok(&w.admin, RESET, json!({ "u": user_id(&w.agent_a) })).await;
    let store = Store::new(pool);
    let own = Scope::User {
        user_id: w.agent_a.user_id,
        role: Role::Agent,
        region_id: Some(raw_id(&w.region_a)),
        partner_id: None,
    };
    // A user acting through the application cannot drop the obligation without a new
    // password, nor push the expiry, nor give it to anyone (their own row only).
    for statement in [
        "update app_user set must_change_password = false, password_expires_at = null where user_id = $1",
        "update app_user set password_expires_at = now() + interval '1 year' where user_id = $1",
    ] {
        let mut tx = store.begin(&own).await.unwrap();
        let result = sqlx::query(statement).bind(w.agent_a.user_id).execute(&mut *tx).await;
        let error = result.expect_err(statement).to_string();
        assert!(error.contains("password"), "refused by the guard: {error}");
    }
    let other = Scope::User {
        user_id: w.agent_b.user_id,
        role: Role::Agent,
        region_id: Some(raw_id(&w.region_b)),
        partner_id: None,
    };
    let mut tx = store.begin(&other).await.unwrap();
    let result = sqlx::query("update app_user set must_change_password = true where user_id = $1")
        .bind(w.agent_b.user_id)
        .execute(&mut *tx)
        .await;
    let error = result.expect_err("a user does not give themself a one-time password").to_string();
    assert!(error.contains("only an administrator resets a password"), "{error}");
    drop(tx);
    let flag: bool = sqlx::query_scalar("select must_change_password from app_user where user_id = $1")
        .bind(w.agent_a.user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(flag);
}

#[sqlx::test(migrations = "../migrations")]
async fn deactivation_ends_every_session_and_sign_in(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let email = app.email_of(&w.agent_a).await;
    let session = as_actor(w.agent_a.user_id, &login(&app, &email, TEST_PASSWORD).await);
    let set = "mutation($u: ID!, $a: Boolean!) { setUserActive(userId: $u, active: $a) { user { active } } }";
    assert_eq!(app.code(Some(&w.agent_b), set, json!({ "u": user_id(&w.agent_a), "a": false })).await, "FORBIDDEN");
    let off = app.ok(&w.admin, set, json!({ "u": user_id(&w.agent_a), "a": false })).await;
    assert_eq!(off["setUserActive"]["user"]["active"], false);
    for token in [&session, &w.agent_a] {
        assert_eq!(app.code(Some(token), "{ me { email } }", json!({})).await, "UNAUTHENTICATED");
    }
    assert_eq!(sismic_api_tests::error_code(&login(&app, &email, TEST_PASSWORD).await), "UNAUTHENTICATED");
    app.ok(&w.admin, set, json!({ "u": user_id(&w.agent_a), "a": true })).await;
    assert_eq!(app.code(Some(&session), "{ me { email } }", json!({})).await, "UNAUTHENTICATED", "not revived");
    let back = as_actor(w.agent_a.user_id, &login(&app, &email, TEST_PASSWORD).await);
    app.ok(&back, "{ me { email } }", json!({})).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn administrators_list_and_filter_accounts(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;
    let list = "query($role: Role, $region: ID, $partner: ID, $active: Boolean, $email: String, $first: Int) {
        users(first: $first, role: $role, regionId: $region, partnerId: $partner, active: $active, email: $email) {
          edges { node { id email role active mustChangePassword region { code } partner { name } } } pageInfo { hasNextPage } } }";
    let ids = |data: &Value| -> Vec<String> {
        data["users"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = app.ok(&w.admin, list, json!({})).await;
    assert_eq!(ids(&all).len(), 5, "admin, two agents, a partner and a funder");
    let agents = app.ok(&w.admin, list, json!({ "role": "AGENT" })).await;
    assert_eq!(ids(&agents), [user_id(&w.agent_a), user_id(&w.agent_b)]);
    let region = app.ok(&w.admin, list, json!({ "region": w.region_b })).await;
    assert_eq!(ids(&region), [user_id(&w.agent_b)]);
    assert_eq!(region["users"]["edges"][0]["node"]["region"]["code"], "BB");
    let of_partner = app.ok(&w.admin, list, json!({ "partner": w.college })).await;
    assert_eq!(ids(&of_partner), [user_id(&partner)]);
    let email = app.email_of(&funder).await;
    let found = app.ok(&w.admin, list, json!({ "email": email[..12].to_uppercase() })).await;
    assert_eq!(ids(&found), [user_id(&funder)]);
    let page = app.ok(&w.admin, list, json!({ "first": 2 })).await;
    assert_eq!((ids(&page).len(), &page["users"]["pageInfo"]["hasNextPage"]), (2, &json!(true)));
    app.ok(
        &w.admin,
        "mutation($u: ID!) { setUserActive(userId: $u, active: false) { user { id } } }",
        json!({ "u": user_id(&partner) }),
    )
    .await;
    let inactive = app.ok(&w.admin, list, json!({ "active": false })).await;
    assert_eq!(ids(&inactive), [user_id(&partner)]);

    for actor in [&w.agent_a, &funder] {
        assert_eq!(app.code(Some(actor), list, json!({})).await, "FORBIDDEN");
    }
    assert_eq!(app.code(None, list, json!({})).await, "UNAUTHENTICATED");
    assert_eq!(app.code(Some(&w.admin), list, json!({ "first": 0 })).await, "BAD_USER_INPUT");
    assert_eq!(app.code(Some(&w.admin), list, json!({ "region": "garbage" })).await, "BAD_USER_INPUT");
    assert_eq!(app.code(Some(&w.admin), list, json!({ "email": "x".repeat(255) })).await, "BAD_USER_INPUT");
}

/// The audit entries of an entity for an operation.
async fn audited(app: &TestApp, admin: &Actor, entity: &str, operation: &str) -> Vec<Value> {
    let data = app
        .ok(
            admin,
            "query($e: ID!, $o: String!) { auditLog(entityId: $e, operation: $o) { edges { node { before after } } } }",
            json!({ "e": entity, "o": operation }),
        )
        .await;
    data["auditLog"]["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()).collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn administrators_edit_regions_and_partners(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let region = "mutation($i: UpdateRegionInput!) { updateRegion(input: $i) { region { id code name } } }";
    let renamed = app
        .ok(&w.admin, region, json!({ "i": { "regionId": w.region_a, "name": " Centre-du-Québec ", "code": "cq" } }))
        .await;
    assert_eq!(
        renamed["updateRegion"]["region"],
        json!({ "id": w.region_a, "code": "CQ", "name": "Centre-du-Québec" })
    );
    assert_eq!(
        audited(&app, &w.admin, &w.region_a, "updateRegion").await,
        [
            json!({ "before": { "code": "AA", "name": "Région A" }, "after": { "code": "CQ", "name": "Centre-du-Québec" } })
        ]
    );
    let before = app.snapshot().await;
    app.ok(&w.admin, region, json!({ "i": { "regionId": w.region_a, "name": "Centre-du-Québec" } })).await;
    assert_eq!(app.snapshot().await, before, "the same values change nothing, not even the audit log");
    let unknown = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Region, Uuid::new_v4()).to_string();
    for (actor, input, code) in [
        (&w.admin, json!({ "regionId": w.region_b, "code": "CQ" }), "CONFLICT"),
        (&w.admin, json!({ "regionId": w.region_b, "code": "-x" }), "BAD_USER_INPUT"),
        (&w.admin, json!({ "regionId": w.region_b, "name": "   " }), "BAD_USER_INPUT"),
        (&w.admin, json!({ "regionId": unknown, "name": "Nulle part" }), "NOT_FOUND"),
        (&w.admin, json!({ "regionId": w.cohort_a, "name": "Pas une région" }), "NOT_FOUND"),
        (&w.agent_b, json!({ "regionId": w.region_b, "name": "Mon pôle" }), "FORBIDDEN"),
    ] {
        assert_eq!(app.code(Some(actor), region, json!({ "i": input })).await, code, "{input}");
    }
    assert_eq!(app.snapshot().await, before, "refusals write nothing");

    let partner = "mutation($i: UpdatePartnerInput!) { updatePartner(input: $i) { partner { id name kind } } }";
    let changed = app
        .ok(
            &w.admin,
            partner,
            json!({ "i": { "partnerId": w.college, "name": "Cégep de Victoriaville (CV)", "kind": "COLLEGE" } }),
        )
        .await;
    assert_eq!(changed["updatePartner"]["partner"]["name"], "Cégep de Victoriaville (CV)");
    let kind = app.ok(&w.admin, partner, json!({ "i": { "partnerId": w.funder, "kind": "NETWORK" } })).await;
    assert_eq!(kind["updatePartner"]["partner"]["kind"], "NETWORK");
    let entries = audited(&app, &w.admin, &w.college, "updatePartner").await;
    assert_eq!(entries[0]["before"]["name"], "Cégep de Victoriaville");
    assert_eq!(entries[0]["after"]["name"], "Cégep de Victoriaville (CV)");
    let other = create_partner(&app, &w.admin, "UQTR", "UNIVERSITY").await;
    let before = app.snapshot().await;
    for (actor, input, code) in [
        (&w.admin, json!({ "partnerId": other, "name": "cégep de victoriaville (cv)" }), "CONFLICT"),
        (&w.admin, json!({ "partnerId": other, "name": "" }), "BAD_USER_INPUT"),
        (&w.admin, json!({ "partnerId": other, "kind": "SCHOOL" }), "BAD_USER_INPUT"),
        (&w.agent_a, json!({ "partnerId": other, "name": "Université" }), "FORBIDDEN"),
    ] {
        assert_eq!(app.code(Some(actor), partner, json!({ "i": input })).await, code, "{input}");
    }
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn cohorts_are_edited_by_administrators_and_their_regions_agents(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let update = "mutation($i: UpdateCohortInput!) { updateCohort(input: $i) { cohort { id name startsOn endsOn region { code } } } }";
    let by_agent = app
        .ok(
            &w.agent_a,
            update,
            json!({ "i": { "cohortId": w.cohort_a, "name": "Cohorte 2020-2021", "endsOn": "2021-06-30" } }),
        )
        .await;
    assert_eq!(
        by_agent["updateCohort"]["cohort"],
        json!({ "id": w.cohort_a, "name": "Cohorte 2020-2021", "startsOn": "2020-04-01", "endsOn": "2021-06-30", "region": { "code": "AA" } })
    );
    let entries = audited(&app, &w.admin, &w.cohort_a, "updateCohort").await;
    assert_eq!(entries[0]["before"]["endsOn"], "2021-03-31");
    assert_eq!(entries[0]["after"]["endsOn"], "2021-06-30");
    app.ok(&w.admin, update, json!({ "i": { "cohortId": w.cohort_b, "startsOn": "2020-05-01" } })).await;

    create_activity(&app, &w.agent_a, &w.cohort_a, "IDEATION", "2021-05-15").await;
    create_cohort(&app, &w.admin, &w.region_a, "2021-2022").await;
    let funder = app.user("FUNDER", None, None).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let before = app.snapshot().await;
    for (actor, input, code, message) in [
        (
            &w.agent_a,
            json!({ "cohortId": w.cohort_a, "endsOn": "2021-03-31" }),
            "BAD_USER_INPUT",
            "endsOn: an activity",
        ),
        (
            &w.agent_a,
            json!({ "cohortId": w.cohort_a, "startsOn": "2021-07-01" }),
            "BAD_USER_INPUT",
            "endsOn: must not be before",
        ),
        (&w.agent_a, json!({ "cohortId": w.cohort_a, "name": "2021-2022" }), "CONFLICT", ""),
        (&w.agent_a, json!({ "cohortId": w.cohort_a, "name": " " }), "BAD_USER_INPUT", "name"),
        (&w.agent_a, json!({ "cohortId": w.cohort_b, "name": "Pas la mienne" }), "NOT_FOUND", ""),
        (&w.agent_a, json!({ "cohortId": w.region_a, "name": "Pas une cohorte" }), "NOT_FOUND", "cohortId"),
        (&w.agent_a, json!({ "cohortId": "garbage", "name": "Pas un id" }), "BAD_USER_INPUT", "cohortId"),
        (&funder, json!({ "cohortId": w.cohort_a, "name": "Financée" }), "FORBIDDEN", ""),
        (&partner, json!({ "cohortId": w.cohort_a, "name": "Partenaire" }), "FORBIDDEN", ""),
    ] {
        let response = app.post(Some(&actor.token), update, json!({ "i": input })).await;
        assert_eq!(sismic_api_tests::error_code(&response), code, "{input}: {response}");
        assert!(response["errors"][0]["message"].as_str().unwrap().starts_with(message), "{response}");
    }
    assert_eq!(
        app.code(None, update, json!({ "i": { "cohortId": w.cohort_a, "name": "x" } })).await,
        "UNAUTHENTICATED"
    );
    assert_eq!(app.snapshot().await, before, "refusals write nothing");
    let same =
        app.ok(&w.agent_a, update, json!({ "i": { "cohortId": w.cohort_a, "name": "Cohorte 2020-2021" } })).await;
    assert_eq!(same["updateCohort"]["cohort"]["name"], "Cohorte 2020-2021");
    assert_eq!(app.snapshot().await, before, "the same values change nothing");
}
