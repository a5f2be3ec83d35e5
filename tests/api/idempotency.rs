//! Idempotency keys on every creating mutation: the rules API.md gives for follow-ups.

use serde_json::{json, Value};
use sismic_api_tests::{create_project, TestApp, World};
use sqlx::PgPool;

/// One creating mutation: its document, the payload field, a first input and a different one.
struct Case {
    name: &'static str,
    query: &'static str,
    input: Value,
    other_input: Value,
}

fn cases(world: &World, project: &str) -> Vec<Case> {
    vec![
        Case {
            name: "createProject",
            query: "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } replayed } }",
            input: json!({ "cohortId": world.cohort_a, "name": "Coop des Bois-Francs", "originPartnerId": world.college }),
            other_input: json!({ "cohortId": world.cohort_a, "name": "Coop des Appalaches" }),
        },
        Case {
            name: "registerParticipant",
            query: "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } replayed } }",
            input: json!({ "regionId": world.region_a, "firstName": "Léa", "lastName": "Tremblay" }),
            other_input: json!({ "regionId": world.region_a, "firstName": "Léa", "lastName": "Gagnon" }),
        },
        Case {
            name: "recordAward",
            query: "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } replayed } }",
            input: json!({ "projectId": project, "funderPartnerId": world.funder, "amountCents": 150_000, "awardedOn": "2021-02-01" }),
            other_input: json!({ "projectId": project, "funderPartnerId": world.funder, "amountCents": 250_000, "awardedOn": "2021-02-01" }),
        },
        Case {
            name: "createActivity",
            query: "mutation($i: CreateActivityInput!) { createActivity(input: $i) { activity { id } replayed } }",
            input: json!({ "cohortId": world.cohort_a, "stage": "IDEATION", "title": "Atelier BMC", "heldOn": "2020-11-12" }),
            other_input: json!({ "cohortId": world.cohort_a, "stage": "IDEATION", "title": "Atelier BMC", "heldOn": "2020-11-19" }),
        },
    ]
}

fn with_key(input: &Value, key: &str) -> Value {
    let mut input = input.clone();
    input["idempotencyKey"] = json!(key);
    input
}

fn payload<'a>(data: &'a Value, name: &str) -> (&'a Value, bool) {
    let payload = &data[name];
    let object = payload.as_object().expect("a payload").iter().find(|(k, _)| *k != "replayed").expect("an object").1;
    (object, payload["replayed"].as_bool().expect("replayed"))
}

#[sqlx::test(migrations = "../migrations")]
async fn a_replay_with_the_same_key_and_input_returns_the_first_object_and_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    for case in cases(&world, &project) {
        let input = with_key(&case.input, "tablet-7f3a");
        let first = app.ok(&world.agent_a, case.query, json!({ "i": input })).await;
        let (object, replayed) = payload(&first, case.name);
        assert!(!replayed, "{}: the first request is not a replay", case.name);
        let before = app.snapshot().await;
        // The same input, written differently (surrounding spaces are trimmed).
        let mut respaced = input.clone();
        for field in ["name", "lastName", "title"] {
            if let Some(text) = respaced.get(field).and_then(Value::as_str) {
                respaced[field] = json!(format!("  {text} "));
            }
        }
        let again = app.ok(&world.agent_a, case.query, json!({ "i": respaced })).await;
        let (object_again, replayed) = payload(&again, case.name);
        assert!(replayed, "{}: the retry is a replay", case.name);
        assert_eq!(object_again["id"], object["id"], "{}: the retry returns the first object", case.name);
        assert_eq!(app.snapshot().await, before, "{}: the retry wrote something", case.name);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_key_with_another_input_is_a_conflict_and_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    for case in cases(&world, &project) {
        app.ok(&world.agent_a, case.query, json!({ "i": with_key(&case.input, "k-1") })).await;
        let before = app.snapshot().await;
        let code = app.code(Some(&world.agent_a), case.query, json!({ "i": with_key(&case.other_input, "k-1") })).await;
        assert_eq!(code, "CONFLICT", "{}", case.name);
        assert_eq!(app.snapshot().await, before, "{}: the conflict wrote something", case.name);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn keys_are_scoped_to_the_user_and_checked_for_length(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    for case in cases(&world, &project) {
        let first = app.ok(&world.agent_a, case.query, json!({ "i": with_key(&case.input, "shared") })).await;
        // The admin may use the same key for the same input: it is another user's key.
        let mut input = with_key(&case.input, "shared");
        if case.name == "createProject" {
            input["name"] = json!("Coop de l'admin");
        }
        let other = app.ok(&world.admin, case.query, json!({ "i": input })).await;
        let (a, _) = payload(&first, case.name);
        let (b, replayed) = payload(&other, case.name);
        assert!(!replayed);
        assert_ne!(a["id"], b["id"], "{}", case.name);
        for bad in [String::new(), "k".repeat(256)] {
            let code = app.code(Some(&world.agent_a), case.query, json!({ "i": with_key(&case.input, &bad) })).await;
            assert_eq!(code, "BAD_USER_INPUT", "{}: key of {} characters", case.name, bad.len());
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_requests_with_one_key_create_one_object(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let world = World::build(&app).await;
    let query =
        "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } replayed } }";
    let input = json!({ "regionId": world.region_a, "firstName": "Éloi", "lastName": "Roy", "idempotencyKey": "race" });
    let requests = (0..8).map(|_| app.post(Some(&world.agent_a.token), query, json!({ "i": input })));
    let responses = futures_util::future::join_all(requests).await;
    let ids: std::collections::BTreeSet<String> = responses
        .iter()
        .map(|r| {
            r["data"]["registerParticipant"]["participant"]["id"].as_str().unwrap_or_else(|| panic!("{r}")).to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    let count: i64 =
        sqlx::query_scalar("select count(*) from participant where last_name = 'Roy'").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 1);
}
