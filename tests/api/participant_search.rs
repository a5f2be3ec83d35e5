//! Finding people as agents type them, and likely duplicates before a registration.

use serde_json::{json, Value};
use sismic_api_tests::{error_code, TestApp, World};
use sqlx::PgPool;

async fn register(app: &TestApp, actor: &sismic_api_tests::Actor, person: Value) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": person }),
        )
        .await;
    data["registerParticipant"]["participant"]["id"].as_str().unwrap().to_owned()
}

async fn names(app: &TestApp, actor: &sismic_api_tests::Actor, search: &str) -> Vec<String> {
    let data = app
        .ok(
            actor,
            "query($s: String) { participants(first: 50, search: $s) { edges { node { firstName lastName } } } }",
            json!({ "s": search }),
        )
        .await;
    data["participants"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["node"]["firstName"].as_str().unwrap(), e["node"]["lastName"].as_str().unwrap()))
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn search_ignores_accents_and_case_and_stays_in_the_region(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    register(&app, &w.agent_a, json!({ "firstName": "Léo", "lastName": "Roy" })).await;
    register(&app, &w.agent_a, json!({ "firstName": "Zoé", "lastName": "Tremblay", "email": "zoe.t@exemple.ca" }))
        .await;
    register(&app, &w.agent_b, json!({ "firstName": "Léon", "lastName": "Roy" })).await;
    assert_eq!(names(&app, &w.agent_a, "leo").await, ["Léo Roy"]);
    assert_eq!(names(&app, &w.agent_a, "ROY  léo").await, ["Léo Roy"], "every word, in any order");
    assert_eq!(names(&app, &w.agent_a, "ZOE").await, ["Zoé Tremblay"]);
    assert_eq!(names(&app, &w.agent_a, "exemple.ca").await, ["Zoé Tremblay"], "the email too");
    assert_eq!(names(&app, &w.agent_a, "100%").await, Vec::<String>::new(), "wildcards are plain text");
    assert_eq!(names(&app, &w.agent_a, "").await.len(), 2);
    assert_eq!(names(&app, &w.agent_b, "leo").await, ["Léon Roy"], "another region's people stay hidden");
}

#[sqlx::test(migrations = "../migrations")]
async fn likely_duplicates_are_the_same_email_or_a_similar_name_born_the_same_year(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    register(&app, &w.agent_a, json!({ "firstName": "Léa", "lastName": "Gagnon", "birthYear": 2003 })).await;
    register(&app, &w.agent_a, json!({ "firstName": "Sam", "lastName": "Côté", "email": "sam.cote@exemple.ca" })).await;
    let erased =
        register(&app, &w.agent_a, json!({ "firstName": "Léa", "lastName": "Gagnon", "birthYear": 2003 })).await;
    app.ok(
        &w.agent_a,
        "mutation($p: ID!) { eraseParticipant(participantId: $p) { participant { id } } }",
        json!({ "p": erased }),
    )
    .await;
    register(&app, &w.agent_b, json!({ "firstName": "Lea", "lastName": "Gagnon", "birthYear": 2003 })).await;
    let query = "query($r: ID!, $f: String!, $l: String!, $e: String, $y: Int) {
        likelyDuplicates(regionId: $r, firstName: $f, lastName: $l, email: $e, birthYear: $y) { firstName lastName } }";
    let ask =
        |f: &str, l: &str, e: Option<&str>, y: Option<i32>| json!({ "r": w.region_a, "f": f, "l": l, "e": e, "y": y });
    let found = |data: Value| -> Vec<String> {
        data["likelyDuplicates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{} {}", p["firstName"].as_str().unwrap(), p["lastName"].as_str().unwrap()))
            .collect()
    };
    // A similar name (no accent, a typo), born the same year: proposed once (the erased twin and
    // the other region's person never are).
    let data = app.ok(&w.agent_a, query, ask("Lea", "Gagnion", None, Some(2003))).await;
    assert_eq!(found(data), ["Léa Gagnon"]);
    // The same name born another year is someone else.
    let data = app.ok(&w.agent_a, query, ask("Léa", "Gagnon", None, Some(1999))).await;
    assert!(found(data).is_empty());
    // The same email, whatever the name and its case.
    let data = app.ok(&w.agent_a, query, ask("Samuel", "Cote", Some("SAM.COTE@exemple.ca"), None)).await;
    assert_eq!(found(data), ["Sam Côté"]);
    // Staff only.
    let partner = app.user("PARTNER", None, Some(sismic_api_tests::raw_id(&w.college))).await;
    assert_eq!(error_code(&app.post(Some(&partner.token), query, ask("Léa", "Gagnon", None, None)).await), "FORBIDDEN");
}
