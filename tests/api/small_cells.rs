//! Issue 8, finding 4: a funder's hidden count of people is `null` (a marker in the exports),
//! never a number, and cannot be worked out from the other figures a funder reads — the stage
//! counts of the same report, or the network report's region figures and total. The rules and
//! the adversary that checks them are in crates/domain (`report` module, `tests/small_cells.rs`).

use serde_json::{json, Value};
use sismic_api_tests::{attend, create_activity, create_cohort, create_project, register, Actor, TestApp, World};
use sqlx::PgPool;

const REPORT: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    participantsReached participantsReachedSuppressed
    participantsByStage { stage count suppressed }
    projectCount projectsByStage { stage count suppressed } } }";

const NETWORK: &str = "query($y: Int!) { networkReport(programYear: $y) {
    regions { region { code } figures { cohortCount participantsReached participantsReachedSuppressed projectCount } }
    total { participantsReached participantsReachedSuppressed projectCount } } }";

async fn report(app: &TestApp, actor: &Actor, cohort: &str) -> Value {
    app.ok(actor, REPORT, json!({ "id": cohort })).await["cohortReport"].clone()
}

/// Registers `n` participants of the region; returns their ids.
async fn participants(app: &TestApp, agent: &Actor, region: &str, n: usize, name: &str) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        ids.push(register(app, agent, region, &format!("{name}{i}"), "Test").await);
    }
    ids
}

/// `n` new participants at one new activity of `cohort` in `stage`, held on October 1 of the
/// programme year `cohort` starts in.
async fn reach(app: &TestApp, agent: &Actor, region: &str, cohort: &str, stage: &str, n: usize, name: &str) {
    let year: i32 = app
        .ok(agent, "query($id: ID!) { node(id: $id) { ... on Cohort { startsOn } } }", json!({ "id": cohort }))
        .await["node"]["startsOn"]
        .as_str()
        .unwrap()[..4]
        .parse()
        .unwrap();
    let activity = create_activity(app, agent, cohort, stage, &format!("{year}-10-01")).await;
    attend(app, agent, &activity, participants(app, agent, region, n, name).await).await;
}

/// The stage counts as `(count, suppressed)`, REVELATION first.
fn stages(report: &Value) -> Vec<(Value, Value)> {
    report["participantsByStage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["count"].clone(), s["suppressed"].clone()))
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_funders_hidden_counts_of_people_are_null_never_0(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "REVELATION", 2, "P").await;
    create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let funder = app.user("FUNDER", None, None).await;

    let r = report(&app, &funder, &w.cohort_a).await;
    assert_eq!(r["participantsReached"], Value::Null, "2 people: null, not 0 — {r}");
    assert_eq!(r["participantsReachedSuppressed"], true);
    // Every count of people of a small cohort is hidden, its zeros too: a published 0 at two
    // stages would say that the hidden REVELATION holds everyone.
    assert_eq!(stages(&r), vec![(Value::Null, json!(true)); 3]);
    // Projects are not people: exact.
    assert_eq!(r["projectCount"], 1);
    assert_eq!(r["projectsByStage"][0], json!({ "stage": "REVELATION", "count": 1, "suppressed": false }));

    let exact = report(&app, &w.agent_a, &w.cohort_a).await;
    assert_eq!(
        (exact["participantsReached"].clone(), exact["participantsReachedSuppressed"].clone()),
        (json!(2), json!(false))
    );
    assert_eq!(stages(&exact)[0], (json!(2), json!(false)));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_published_stage_never_pins_a_hidden_one(pool: PgPool) {
    // 14 reached: 10 at REVELATION, none at IDEATION, 4 at PROTOTYPING. With 10 and 0 published,
    // PROTOTYPING would be at least 14 - 10 = 4, and a hidden small count at least 4 is 4.
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "REVELATION", 10, "R").await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "PROTOTYPING", 4, "P").await;
    let funder = app.user("FUNDER", None, None).await;

    let r = report(&app, &funder, &w.cohort_a).await;
    assert_eq!(
        (r["participantsReached"].clone(), r["participantsReachedSuppressed"].clone()),
        (json!(14), json!(false))
    );
    assert_eq!(
        stages(&r),
        vec![(Value::Null, json!(true)), (json!(0), json!(false)), (Value::Null, json!(true))],
        "REVELATION is hidden with PROTOTYPING: each is then anything from 1 to 14"
    );
    let exact = report(&app, &w.agent_a, &w.cohort_a).await;
    assert_eq!(stages(&exact), vec![(json!(10), json!(false)), (json!(0), json!(false)), (json!(4), json!(false))]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_region_figure_never_gives_away_a_hidden_cohort(pool: PgPool) {
    // Region A: cohort A of 12 people and cohort B of 3 others in programme year 2020. The
    // region's 15 would give B away (15 - 12), and the network total would give the region away.
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let cohort_b = create_cohort(&app, &w.admin, &w.region_a, "2020-2021 (hiver)").await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "REVELATION", 12, "A").await;
    reach(&app, &w.agent_a, &w.region_a, &cohort_b, "REVELATION", 3, "B").await;
    reach(&app, &w.agent_b, &w.region_b, &w.cohort_b, "IDEATION", 8, "C").await;
    create_project(&app, &w.agent_a, &cohort_b, "Café", None).await;
    let funder = app.user("FUNDER", None, None).await;

    let n = app.ok(&funder, NETWORK, json!({ "y": 2020 })).await["networkReport"].clone();
    let a = &n["regions"][0]["figures"];
    assert_eq!(n["regions"][0]["region"]["code"], "AA");
    assert_eq!(
        (a["cohortCount"].clone(), a["participantsReached"].clone(), a["participantsReachedSuppressed"].clone()),
        (json!(2), Value::Null, json!(true)),
        "{n}"
    );
    assert_eq!(a["projectCount"], 1, "projects are exact");
    assert_eq!(n["regions"][1]["figures"]["participantsReached"], 8, "region B has no hidden cohort");
    assert_eq!(
        (n["total"]["participantsReached"].clone(), n["total"]["participantsReachedSuppressed"].clone()),
        (Value::Null, json!(true)),
        "total - 8 would give region A away"
    );

    // What the region figure would have been checked against: the cohort reports.
    assert_eq!(report(&app, &funder, &w.cohort_a).await["participantsReached"], 12);
    assert_eq!(report(&app, &funder, &cohort_b).await["participantsReached"], Value::Null);

    let exact = app.ok(&w.admin, NETWORK, json!({ "y": 2020 })).await["networkReport"].clone();
    assert_eq!(exact["regions"][0]["figures"]["participantsReached"], 15);
    assert_eq!(exact["total"]["participantsReached"], 23);
}

async fn get(app: &TestApp, token: &str, path: &str) -> String {
    let response = app.client.get(format!("{}{}", app.address, path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn exports_show_the_marker_and_never_a_number_for_a_hidden_count(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "REVELATION", 10, "R").await;
    reach(&app, &w.agent_a, &w.region_a, &w.cohort_a, "PROTOTYPING", 4, "P").await;
    let small = create_cohort(&app, &w.admin, &w.region_a, "2021-2022").await;
    reach(&app, &w.agent_a, &w.region_a, &small, "IDEATION", 3, "S").await;
    let funder = app.user("FUNDER", None, None).await;

    for cohort in [&w.cohort_a, &small] {
        for lang in ["fr", "en"] {
            let csv = get(&app, &funder.token, &format!("/reports/cohorts/{cohort}.csv?lang={lang}")).await;
            let hidden: Vec<&str> = csv.lines().filter(|l| l.ends_with(",oui") || l.ends_with(",yes")).collect();
            assert!(!hidden.is_empty(), "{csv}");
            for line in hidden {
                let value = line.rsplit(',').nth(1).unwrap();
                assert_eq!(value, "x", "a hidden line shows {value:?}: {line}");
            }
        }
    }
    let csv = get(&app, &funder.token, &format!("/reports/cohorts/{}.csv", w.cohort_a)).await;
    assert!(csv.contains("Personnes rejointes,Total,14,non\r\n"), "{csv}");
    assert!(csv.contains("Personnes rejointes par étape,Révélation,x,oui\r\n"), "{csv}");
    assert!(csv.contains("Personnes rejointes par étape,Idéation,0,non\r\n"));
    assert!(csv.contains("Personnes rejointes par étape,Prototypage,x,oui\r\n"));
    let csv = get(&app, &funder.token, &format!("/reports/cohorts/{small}.csv?lang=en")).await;
    assert!(csv.contains("People reached,Total,x,yes\r\n"), "{csv}");
    // Compared with the previous cohort (14): neither the 3 nor the difference is shown.
    assert!(csv.contains("People reached: difference,x,yes\r\n"), "{csv}");

    let json: Value =
        serde_json::from_str(&get(&app, &funder.token, &format!("/reports/cohorts/{}.json", w.cohort_a)).await)
            .unwrap();
    assert_eq!(json["participantsReached"], 14);
    let counts: Vec<Value> =
        json["participantsByStage"].as_array().unwrap().iter().map(|s| s["count"].clone()).collect();
    assert_eq!(counts, vec![json!("x"), json!(0), json!("x")]);
    let json: Value =
        serde_json::from_str(&get(&app, &funder.token, &format!("/reports/cohorts/{small}.json")).await).unwrap();
    assert_eq!(
        (json["participantsReached"].clone(), json["participantsReachedSuppressed"].clone()),
        (json!("x"), json!(true))
    );
    assert_no_hidden_number(&json);
    let figure = &json["comparison"]["figures"][0];
    assert_eq!(
        (figure["current"].clone(), figure["previous"].clone(), figure["difference"].clone()),
        (json!("x"), json!(14), json!("x"))
    );

    // An agent's export is exact.
    let csv = get(&app, &w.agent_a.token, &format!("/reports/cohorts/{}.csv", w.cohort_a)).await;
    assert!(csv.contains("Personnes rejointes par étape,Prototypage,4,non\r\n"), "{csv}");
}

/// No object of the JSON export with `suppressed: true` carries a number as its `count`.
fn assert_no_hidden_number(value: &Value) {
    match value {
        Value::Object(map) => {
            if map.get("suppressed") == Some(&json!(true)) {
                if let Some(count) = map.get("count") {
                    assert_eq!(count, "x", "{value}");
                }
            }
            map.values().for_each(assert_no_hidden_number);
        }
        Value::Array(items) => items.iter().for_each(assert_no_hidden_number),
        _ => {}
    }
}
