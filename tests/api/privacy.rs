//! Law 25: consent, access, rectification, erasure by anonymisation, purge; and tokens.

use serde_json::{json, Value};
use sismic_api_tests::{
    attend, create_activity, create_project, error_code, raw_id, register, TestApp, World, TEST_PASSWORD,
};
use sismic_store::Store;
use sqlx::PgPool;

const PARTICIPANT: &str = "query($id: ID!) { node(id: $id) { ... on Participant { firstName lastName email anonymized
    consents { givenOn purposes withdrawnOn inForce } } } }";
const REPORT: &str =
    "query($id: ID!) { cohortReport(cohortId: $id) { participantsReached participantsByStage { stage count } } }";

#[sqlx::test(migrations = "../migrations")]
async fn consent_is_recorded_and_withdrawn(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let record = "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { participant { id } } }";
    app.ok(&w.agent_a, record, json!({ "i": { "participantId": lea, "givenOn": "2020-10-08", "purposes": ["PROGRAM_DELIVERY", "REPORTING", "REPORTING"] } })).await;
    let before = app.snapshot().await;
    assert_eq!(
        app.code(
            Some(&w.agent_a),
            record,
            json!({ "i": { "participantId": lea, "givenOn": "2020-10-08", "purposes": [] } })
        )
        .await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.code(
            Some(&w.agent_a),
            record,
            json!({ "i": { "participantId": lea, "givenOn": "2999-01-01", "purposes": ["PHOTOS"] } })
        )
        .await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.code(
            Some(&w.agent_b),
            record,
            json!({ "i": { "participantId": lea, "givenOn": "2020-10-08", "purposes": ["PHOTOS"] } })
        )
        .await,
        "NOT_FOUND"
    );
    assert_eq!(app.snapshot().await, before);
    let p = app.ok(&w.agent_a, PARTICIPANT, json!({ "id": lea })).await["node"].clone();
    assert_eq!(
        p["consents"],
        json!([{ "givenOn": "2020-10-08", "purposes": ["PROGRAM_DELIVERY", "REPORTING"], "withdrawnOn": null, "inForce": true }])
    );
    app.ok(
        &w.agent_a,
        "mutation($id: ID!) { withdrawConsent(participantId: $id) { participant { id } } }",
        json!({ "id": lea }),
    )
    .await;
    let p = app.ok(&w.agent_a, PARTICIPANT, json!({ "id": lea })).await["node"].clone();
    assert_eq!(p["consents"][0]["inForce"], false);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_access_request_exports_everything_held_about_one_participant(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    register(&app, &w.agent_a, &w.region_a, "Noah", "Roy").await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "IDEATION", "2020-12-03").await;
    attend(&app, &w.agent_a, &activity, &[&lea]).await;
    let export = "query($id: ID!) { participantDataExport(participantId: $id) }";
    let data = app.ok(&w.agent_a, export, json!({ "id": lea })).await["participantDataExport"].clone();
    assert_eq!(data["participant"]["first_name"], "Léa");
    assert_eq!(data["attendance"][0]["stage"], "IDEATION");
    assert!(!data.to_string().contains("Noah"), "only this participant's data");
    assert_eq!(app.code(Some(&w.agent_b), export, json!({ "id": lea })).await, "NOT_FOUND");
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    assert_eq!(app.code(Some(&partner), export, json!({ "id": lea })).await, "FORBIDDEN");
}

#[sqlx::test(migrations = "../migrations")]
async fn erasure_removes_the_identity_and_keeps_report_counts(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    app.ok(
        &w.agent_a,
        "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { email } } }",
        json!({ "i": { "participantId": lea, "email": "lea.gagnon@example.com" } }),
    )
    .await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "REVELATION", "2020-10-08").await;
    attend(&app, &w.agent_a, &activity, &[&lea]).await;
    let report_before = app.ok(&w.agent_a, REPORT, json!({ "id": w.cohort_a })).await;
    let erase = "mutation($id: ID!) { eraseParticipant(participantId: $id) { participant { firstName lastName email anonymized } } }";
    let erased = app.ok(&w.agent_a, erase, json!({ "id": lea })).await;
    assert_eq!(
        erased["eraseParticipant"]["participant"],
        json!({ "firstName": "Personne", "lastName": "anonymisée", "email": null, "anonymized": true })
    );
    assert_eq!(app.ok(&w.agent_a, REPORT, json!({ "id": w.cohort_a })).await, report_before);
    // Nothing of the identity is left anywhere in the database.
    let everywhere: String = sqlx::query_scalar(
        "select string_agg(t::text, ' ') from (select to_jsonb(p)::text as t from participant p
           union all select to_jsonb(a)::text from audit_log a) x",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!everywhere.contains("Gagnon") && !everywhere.contains("lea.gagnon"), "{everywhere}");
    // Erasing again changes nothing.
    let before = app.snapshot().await;
    app.ok(&w.agent_a, erase, json!({ "id": lea })).await;
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_purge_anonymises_only_participants_inactive_since_the_date(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let old = register(&app, &w.agent_a, &w.region_a, "Ancien", "Participant").await;
    let recent = register(&app, &w.agent_a, &w.region_a, "Récent", "Participant").await;
    sismic_api_tests::backdate_participant(&pool, &old, "2019-01-01").await;
    let store = Store::new(pool.clone());
    let since = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(sismic_server::maintenance::privacy_purge(&store, since, true).await.unwrap(), 1);
    assert_eq!(sismic_server::maintenance::privacy_purge(&store, since, false).await.unwrap(), 1);
    assert_eq!(sismic_server::maintenance::privacy_purge(&store, since, false).await.unwrap(), 0, "already anonymised");
    let old_p = app.ok(&w.agent_a, PARTICIPANT, json!({ "id": old })).await["node"].clone();
    let recent_p = app.ok(&w.agent_a, PARTICIPANT, json!({ "id": recent })).await["node"].clone();
    assert_eq!((old_p["anonymized"].clone(), recent_p["anonymized"].clone()), (json!(true), json!(false)));
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where operation = 'privacyPurge'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn personal_information_never_appears_in_error_messages(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let register_q =
        "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }";
    let response = app.post(Some(&w.agent_a.token), register_q,
        json!({ "i": { "firstName": "Marie-Ève", "lastName": "Tremblay", "email": "marie-eve tremblay@courriel" } })).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    let text = response.to_string();
    assert!(!text.contains("Tremblay") && !text.contains("marie-eve"), "{text}");
    let long = "Tremblay".repeat(20);
    let response =
        app.post(Some(&w.agent_a.token), register_q, json!({ "i": { "firstName": "Marie", "lastName": long } })).await;
    assert!(!response.to_string().contains("TremblayTremblay"));
}

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.post(None, LOGIN, json!({ "e": email, "p": password })).await
}

#[sqlx::test(migrations = "../migrations")]
async fn logout_password_change_and_deactivation_revoke_earlier_tokens(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let email = app.email_of(&w.agent_a).await;
    let me = "{ me { email } }";
    let token = |r: &Value| r["data"]["login"]["token"].as_str().unwrap().to_owned();

    let first = token(&login(&app, &email, TEST_PASSWORD).await);
    let second = token(&login(&app, &email, TEST_PASSWORD).await);
    assert!(app.post(Some(&first), me, json!({})).await["data"]["me"].is_object());
    app.post(Some(&first), "mutation { logout }", json!({})).await;
    assert_eq!(error_code(&app.post(Some(&first), me, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(
        error_code(&app.post(Some(&second), me, json!({})).await),
        "UNAUTHENTICATED",
        "logout ends every session"
    );

    let third = token(&login(&app, &email, TEST_PASSWORD).await);
    let change = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";
    assert_eq!(
        error_code(&app.post(Some(&third), change, json!({ "c": "wrong", "n": "a brand new password" })).await),
        "BAD_USER_INPUT"
    );
    let changed = app.post(Some(&third), change, json!({ "c": TEST_PASSWORD, "n": "a brand new password" })).await;
    assert_eq!(changed["data"]["changePassword"], true, "{changed}");
    assert_eq!(error_code(&app.post(Some(&third), me, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&login(&app, &email, TEST_PASSWORD).await), "UNAUTHENTICATED");
    let fourth = token(&login(&app, &email, "a brand new password").await);

    let deactivate = "mutation($id: ID!) { setUserActive(userId: $id, active: false) { user { active } } }";
    let user_id = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, w.agent_a.user_id).to_string();
    assert_eq!(error_code(&app.post(Some(&fourth), deactivate, json!({ "id": user_id })).await), "FORBIDDEN");
    app.ok(&w.admin, deactivate, json!({ "id": user_id })).await;
    assert_eq!(error_code(&app.post(Some(&fourth), me, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&login(&app, &email, "a brand new password").await), "UNAUTHENTICATED");
}

#[sqlx::test(migrations = "../migrations")]
async fn repeated_failed_sign_ins_are_rate_limited_whether_or_not_the_email_exists(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let email = app.email_of(&w.agent_a).await;
    for _ in 0..5 {
        assert_eq!(error_code(&login(&app, &email, "guess").await), "UNAUTHENTICATED");
        assert_eq!(error_code(&login(&app, "nobody@test.example", "guess").await), "UNAUTHENTICATED");
    }
    assert_eq!(error_code(&login(&app, &email, TEST_PASSWORD).await), "RATE_LIMITED", "even the right password waits");
    assert_eq!(error_code(&login(&app, "nobody@test.example", "guess").await), "RATE_LIMITED");
    // Other accounts are not affected.
    let other = app.email_of(&w.agent_b).await;
    assert!(login(&app, &other, TEST_PASSWORD).await["data"]["login"]["token"].is_string());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_successful_sign_in_resets_the_failure_count(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let email = app.email_of(&w.agent_a).await;
    for _ in 0..4 {
        login(&app, &email, "guess").await;
    }
    assert!(login(&app, &email, TEST_PASSWORD).await["data"]["login"]["token"].is_string());
    for _ in 0..4 {
        login(&app, &email, "guess").await;
    }
    assert!(login(&app, &email, TEST_PASSWORD).await["data"]["login"]["token"].is_string());
}

#[sqlx::test(migrations = "../migrations")]
async fn during_a_key_rotation_tokens_of_the_previous_key_still_work(pool: PgPool) {
    let old_secret = "test-secret-of-at-least-thirty-two-bytes!";
    let old_app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&old_app).await;
    let email = old_app.email_of(&w.agent_a).await;
    let old_token = login(&old_app, &email, TEST_PASSWORD).await["data"]["login"]["token"].as_str().unwrap().to_owned();
    let rotated = TestApp::spawn_with(pool.clone(), |s| {
        s.jwt_secret = "a-brand-new-secret-of-more-than-32-bytes".into();
        s.jwt_previous_secret = Some(old_secret.into());
    })
    .await;
    assert!(rotated.post(Some(&old_token), "{ me { email } }", json!({})).await["data"]["me"].is_object());
    let after = TestApp::spawn_with(pool, |s| s.jwt_secret = "a-brand-new-secret-of-more-than-32-bytes".into()).await;
    assert_eq!(error_code(&after.post(Some(&old_token), "{ me { email } }", json!({})).await), "UNAUTHENTICATED");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_mutation_is_audited_with_the_project_state_before_and_after(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", Some(&w.college)).await;
    app.ok(
        &w.agent_a,
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": project, "expectedVersion": 1 } }),
    )
    .await;
    let before = app.snapshot().await;
    app.code(
        Some(&w.agent_a),
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": project, "expectedVersion": 1 } }),
    )
    .await;
    assert_eq!(app.snapshot().await, before, "a refused mutation is not audited either");
    let log = "query($e: ID, $op: String) { auditLog(entityId: $e, operation: $op) { edges { node { operation role entityType entityId before after user { email } } } } }";
    let entries = app.ok(&w.admin, log, json!({ "e": project })).await["auditLog"]["edges"].clone();
    let ops: Vec<&str> = entries.as_array().unwrap().iter().map(|e| e["node"]["operation"].as_str().unwrap()).collect();
    assert_eq!(ops, ["advanceProjectStage", "createProject"], "newest first");
    let advance = &entries[0]["node"];
    assert_eq!(advance["role"], "AGENT");
    assert_eq!(advance["entityId"], project);
    assert_eq!(
        (advance["before"]["stage"].clone(), advance["after"]["stage"].clone()),
        (json!("REVELATION"), json!("IDEATION"))
    );
    assert_eq!((advance["before"]["version"].clone(), advance["after"]["version"].clone()), (json!(1), json!(2)));
    let by_op = app.ok(&w.admin, log, json!({ "op": "createRegion" })).await["auditLog"]["edges"].clone();
    assert_eq!(by_op.as_array().unwrap().len(), 2);
    assert_eq!(app.code(Some(&w.agent_a), log, json!({})).await, "FORBIDDEN");
}
