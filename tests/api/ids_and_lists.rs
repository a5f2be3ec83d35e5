//! Global ids and cursor connections (API.md, "Ids" and "Lists").

use serde_json::{json, Value};
use sismic_api_tests::{create_project, TestApp, World};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn a_malformed_id_is_bad_user_input_and_an_unknown_one_not_found(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = "query($id: ID!) { project(id: $id) { name } }";
    for garbage in ["", "123", "not-base64!", "UHJvamVjdDpub3QtYS11dWlk"] {
        assert_eq!(app.code(Some(&w.agent_a), project, json!({ "id": garbage })).await, "BAD_USER_INPUT", "{garbage}");
    }
    let unknown = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Project, uuid::Uuid::new_v4()).to_string();
    assert_eq!(app.code(Some(&w.agent_a), project, json!({ "id": unknown })).await, "NOT_FOUND");
    // A partner's id where a project's is expected: no such project.
    assert_eq!(app.code(Some(&w.agent_a), project, json!({ "id": w.college })).await, "NOT_FOUND");
}

#[sqlx::test(migrations = "../migrations")]
async fn node_resolves_every_kind_of_id(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let node = "query($id: ID!) { node(id: $id) { __typename id } }";
    for (id, typename) in
        [(&project, "Project"), (&w.cohort_a, "Cohort"), (&w.region_a, "Region"), (&w.college, "Partner")]
    {
        let data = app.ok(&w.agent_a, node, json!({ "id": id })).await;
        assert_eq!(data["node"], json!({ "__typename": typename, "id": id }));
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn first_must_be_between_1_and_100(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    for first in [0, -1, 101] {
        let query = format!("{{ projects(first: {first}) {{ edges {{ cursor }} }} }}");
        assert_eq!(app.code(Some(&w.agent_a), &query, json!({})).await, "BAD_USER_INPUT");
        let query = format!("{{ partners(first: {first}) {{ edges {{ cursor }} }} }}");
        assert_eq!(app.code(Some(&w.agent_a), &query, json!({})).await, "BAD_USER_INPUT");
    }
    app.ok(&w.agent_a, "{ projects(first: 100) { edges { cursor } } }", json!({})).await;
    assert_eq!(
        app.code(Some(&w.agent_a), "{ projects(after: \"nope\") { edges { cursor } } }", json!({})).await,
        "BAD_USER_INPUT"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_follow_each_other_without_gaps_or_repeats(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    for i in 0..25 {
        create_project(&app, &w.agent_a, &w.cohort_a, &format!("Projet {i:02}"), None).await;
    }
    let query = "query($after: String) { projects(after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
    let first = app.ok(&w.agent_a, query, json!({ "after": Value::Null })).await["projects"].clone();
    assert_eq!(first["edges"].as_array().unwrap().len(), 20, "default page size");
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let second =
        app.ok(&w.agent_a, query, json!({ "after": first["pageInfo"]["endCursor"] })).await["projects"].clone();
    assert_eq!(second["edges"].as_array().unwrap().len(), 5);
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    let mut names: Vec<String> = first["edges"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["edges"].as_array().unwrap())
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect();
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!((total, names.len()), (25, 25));
}

#[sqlx::test(migrations = "../migrations")]
async fn projects_filter_by_cohort_stage_and_status(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let a = create_project(&app, &w.admin, &w.cohort_a, "A", None).await;
    create_project(&app, &w.admin, &w.cohort_b, "B", None).await;
    app.ok(
        &w.admin,
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": a, "expectedVersion": 1 } }),
    )
    .await;
    let query = "query($c: ID, $s: Stage, $st: ProjectStatus) { projects(cohortId: $c, stage: $s, status: $st) { edges { node { name } } } }";
    let by_cohort = app.ok(&w.admin, query, json!({ "c": w.cohort_b })).await;
    assert_eq!(by_cohort["projects"]["edges"], json!([{ "node": { "name": "B" } }]));
    let by_stage = app.ok(&w.admin, query, json!({ "s": "IDEATION" })).await;
    assert_eq!(by_stage["projects"]["edges"], json!([{ "node": { "name": "A" } }]));
    let by_status = app.ok(&w.admin, query, json!({ "st": "ON_HOLD" })).await;
    assert_eq!(by_status["projects"]["edges"], json!([]));
}
