//! Roles and regions: agents are confined to their region; another region's object is
//! NOT_FOUND, an operation outside a role is FORBIDDEN.

use serde_json::json;
use sismic_api_tests::{create_activity, create_project, raw_id, register, TestApp, World};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn an_agent_sees_only_their_regions_projects(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let a = create_project(&app, &w.agent_a, &w.cohort_a, "Projet A", None).await;
    let b = create_project(&app, &w.agent_b, &w.cohort_b, "Projet B", None).await;
    let list = "{ projects { edges { node { name } } } }";
    let names = app.ok(&w.agent_a, list, json!({})).await;
    assert_eq!(names["projects"]["edges"], json!([{ "node": { "name": "Projet A" } }]));
    let all = app.ok(&w.admin, list, json!({})).await;
    assert_eq!(all["projects"]["edges"].as_array().unwrap().len(), 2);

    let project = "query($id: ID!) { project(id: $id) { name } }";
    assert_eq!(app.code(Some(&w.agent_a), project, json!({ "id": b })).await, "NOT_FOUND");
    let node = "query($id: ID!) { node(id: $id) { id } }";
    assert_eq!(app.code(Some(&w.agent_a), node, json!({ "id": b })).await, "NOT_FOUND");
    assert_eq!(app.ok(&w.agent_a, node, json!({ "id": a })).await["node"]["id"], a);
    // Unknown and other-region answers are the same: existence does not leak.
    let unknown = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Project, uuid::Uuid::new_v4()).to_string();
    let r1 = app.post(Some(&w.agent_a.token), project, json!({ "id": b })).await;
    let r2 = app.post(Some(&w.agent_a.token), project, json!({ "id": unknown })).await;
    assert_eq!(r1["errors"][0]["message"], r2["errors"][0]["message"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_agent_cannot_change_another_regions_data(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let b = create_project(&app, &w.agent_b, &w.cohort_b, "Projet B", None).await;
    let activity_b = create_activity(&app, &w.agent_b, &w.cohort_b, "REVELATION", "2020-10-01").await;
    let person_b = register(&app, &w.agent_b, &w.region_b, "Zoé", "Leblanc").await;
    let before = app.snapshot().await;
    let attempts = [
        (
            "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
            json!({ "projectId": b, "expectedVersion": 1 }),
        ),
        (
            "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { id } } }",
            json!({ "projectId": b, "status": "ON_HOLD", "expectedVersion": 1, "note": "x" }),
        ),
        (
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "cohortId": w.cohort_b, "name": "Intrus" }),
        ),
        (
            "mutation($i: CreateCohortInput!) { createCohort(input: $i) { cohort { id } } }",
            json!({ "regionId": w.region_b, "name": "2021-2022", "startsOn": "2021-04-01", "endsOn": "2022-03-31" }),
        ),
        (
            "mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { activity { id } } }",
            json!({ "activityId": activity_b, "participantIds": [person_b] }),
        ),
        (
            "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
            json!({ "participantId": person_b, "firstName": "X" }),
        ),
        (
            "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }",
            json!({ "projectId": b, "funderPartnerId": w.funder, "amountCents": 10, "awardedOn": "2021-01-01" }),
        ),
        (
            "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } } }",
            json!({ "projectId": b, "name": "X" }),
        ),
    ];
    for (mutation, input) in attempts {
        assert_eq!(app.code(Some(&w.agent_a), mutation, json!({ "i": input })).await, "NOT_FOUND", "{mutation}");
    }
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_agent_sees_only_their_regions_participants_and_activities(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let person_b = register(&app, &w.agent_b, &w.region_b, "Zoé", "Leblanc").await;
    create_activity(&app, &w.agent_b, &w.cohort_b, "REVELATION", "2020-10-01").await;
    let data = app
        .ok(
            &w.agent_a,
            "{ participants { edges { node { firstName } } } activities { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["participants"]["edges"], json!([{ "node": { "firstName": "Léa" } }]));
    assert_eq!(data["activities"]["edges"], json!([]));
    let node = "query($id: ID!) { node(id: $id) { id } }";
    assert_eq!(app.code(Some(&w.agent_a), node, json!({ "id": person_b })).await, "NOT_FOUND");
}

#[sqlx::test(migrations = "../migrations")]
async fn operations_outside_a_role_are_forbidden(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;
    let before = app.snapshot().await;
    let region = "mutation { createRegion(input: { code: \"ZZ\", name: \"Z\" }) { region { id } } }";
    assert_eq!(app.code(Some(&w.agent_a), region, json!({})).await, "FORBIDDEN");
    let partner_mutation = "mutation { createPartner(input: { name: \"P\", kind: OTHER }) { partner { id } } }";
    assert_eq!(app.code(Some(&partner), partner_mutation, json!({})).await, "FORBIDDEN");
    assert_eq!(app.code(Some(&funder), partner_mutation, json!({})).await, "FORBIDDEN");
    let project = format!(
        "mutation {{ createProject(input: {{ cohortId: \"{}\", name: \"X\" }}) {{ project {{ id }} }} }}",
        w.cohort_a
    );
    assert_eq!(app.code(Some(&partner), &project, json!({})).await, "FORBIDDEN");
    assert_eq!(app.code(Some(&funder), &project, json!({})).await, "FORBIDDEN");
    assert_eq!(app.code(None, &project, json!({})).await, "UNAUTHENTICATED");
    assert_eq!(app.code(Some(&partner), "{ participants { edges { node { id } } } }", json!({})).await, "FORBIDDEN");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_partner_sees_only_its_projects_and_not_their_private_fields(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let ours = create_project(&app, &w.agent_a, &w.cohort_a, "Du cégep", Some(&w.college)).await;
    create_project(&app, &w.agent_a, &w.cohort_a, "D'ailleurs", None).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let data = app.ok(&partner, "{ projects { edges { node { name stage status followUpCount lastFollowUpOn teamSize stageHistory { toStage note } } } } }", json!({})).await;
    let edges = data["projects"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0]["node"]["name"], "Du cégep");
    let private = "query($id: ID!) { project(id: $id) { summary } }";
    assert_eq!(app.code(Some(&partner), private, json!({ "id": ours })).await, "FORBIDDEN");
    let follow_ups = "query($id: ID!) { project(id: $id) { followUps { edges { node { summary } } } } }";
    assert_eq!(app.code(Some(&partner), follow_ups, json!({ "id": ours })).await, "FORBIDDEN");
}
