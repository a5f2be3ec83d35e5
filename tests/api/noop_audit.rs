//! Issue 8 finding 8: a mutation that changes nothing writes no audit entry (nor anything else).

use serde_json::json;
use sismic_api_tests::{attend, create_activity, create_project, register, TestApp, World};
use sqlx::PgPool;

async fn audit_rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log").fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn mutations_that_change_nothing_write_no_audit_entry(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Coop du rang", None).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let noah = register(&app, &w.agent_a, &w.region_a, "Noah", "Roy").await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "IDEATION", "2020-12-03").await;
    let add = "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }";
    let remove = "mutation($i: ProjectMemberInput!) { removeProjectMember(input: $i) { project { id } } }";
    let withdraw = "mutation($id: ID!) { withdrawConsent(participantId: $id) { participant { id } } }";
    let set_active = "mutation($id: ID!, $a: Boolean!) { setUserActive(userId: $id, active: $a) { user { active } } }";
    let agent_b = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, w.agent_b.user_id).to_string();

    // Real changes are audited.
    let count = audit_rows(&pool).await;
    app.ok(&w.agent_a, add, json!({ "i": { "projectId": project, "participantId": lea } })).await;
    attend(&app, &w.agent_a, &activity, [&lea]).await;
    let changed = audit_rows(&pool).await;
    assert!(changed > count, "adding a member and recording attendance are audited");

    // No-ops are not.
    let before = app.snapshot().await;
    let update_project = "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } } }";
    let update_participant =
        "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }";
    let noops = [
        (add, json!({ "i": { "projectId": project, "participantId": lea } }), "re-adding a member"),
        (remove, json!({ "i": { "projectId": project, "participantId": noah } }), "removing a non-member"),
        (withdraw, json!({ "id": noah }), "withdrawing consents never given"),
        (set_active, json!({ "id": agent_b, "a": true }), "activating an active account"),
        (
            update_project,
            json!({ "i": { "projectId": project, "name": " Coop du rang ", "summary": null } }),
            "renaming a project to its own name",
        ),
        (update_project, json!({ "i": { "projectId": project } }), "updating a project with nothing"),
        (
            update_participant,
            json!({ "i": { "participantId": lea, "firstName": "Léa", "email": null, "mrc": null } }),
            "rectifying nothing",
        ),
    ];
    for (query, variables, what) in &noops {
        let actor = if *query == set_active { &w.admin } else { &w.agent_a };
        app.ok(actor, query, variables.clone()).await;
        assert_eq!(audit_rows(&pool).await, changed, "{what} wrote an audit entry");
    }
    attend(&app, &w.agent_a, &activity, [&lea]).await;
    assert_eq!(audit_rows(&pool).await, changed, "recording attendance again wrote an audit entry");
    assert_eq!(app.snapshot().await, before, "a no-op wrote something");

    // A consent withdrawn once is not withdrawn again.
    app.ok(
        &w.agent_a,
        "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { participant { id } } }",
        json!({ "i": { "participantId": noah, "givenOn": "2020-10-08", "purposes": ["PHOTOS"] } }),
    )
    .await;
    app.ok(&w.agent_a, withdraw, json!({ "id": noah })).await;
    let withdrawn = audit_rows(&pool).await;
    app.ok(&w.agent_a, withdraw, json!({ "id": noah })).await;
    assert_eq!(audit_rows(&pool).await, withdrawn, "withdrawing a withdrawn consent wrote an audit entry");
}

#[sqlx::test(migrations = "../migrations")]
async fn recording_a_consent_already_in_force_is_a_safe_retry(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let record = "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { replayed } }";
    let consent = json!({ "i": { "participantId": lea, "givenOn": "2021-01-15", "purposes": ["REPORTING", "PROGRAM_DELIVERY"] } });
    let first = app.ok(&w.agent_a, record, consent.clone()).await;
    assert_eq!(first["recordConsent"]["replayed"], false);
    let before = app.snapshot().await;
    // The same consent again, purposes in another order (a client retrying after a lost answer).
    let again = json!({ "i": { "participantId": lea, "givenOn": "2021-01-15", "purposes": ["PROGRAM_DELIVERY", "REPORTING"] } });
    let retry = app.ok(&w.agent_a, record, again).await;
    assert_eq!(retry["recordConsent"]["replayed"], true);
    assert_eq!(app.snapshot().await, before, "a retry writes nothing, audit included");
    let consents: i64 = sqlx::query_scalar("select count(*) from participant_consent").fetch_one(&pool).await.unwrap();
    assert_eq!(consents, 1);
    // Another purpose set is a new consent.
    let more = json!({ "i": { "participantId": lea, "givenOn": "2021-01-15", "purposes": ["PHOTOS"] } });
    assert_eq!(app.ok(&w.agent_a, record, more).await["recordConsent"]["replayed"], false);
}
