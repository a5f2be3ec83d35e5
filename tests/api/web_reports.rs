//! The report screens in headless Chromium against the real server (web/tests/app-reports.mjs):
//! an agent's cohort report (figures equal to the API's, charts with their tables, the CSV
//! download, the print layout saved as PDF), a funder's (« < 5 » exactly where the API hides a
//! count, no participant or project name anywhere), the network report, 390 px, axe-core.

use crate::clients::node_script;
use serde_json::{json, Value};
use sismic_api_tests::{attend, create_activity, create_cohort, create_project, create_region, raw_id, register};
use sismic_api_tests::{Actor, TestApp};
use sismic_store::Store;
use sqlx::PgPool;
use uuid::Uuid;

/// `n` new participants of `region` at one new activity of `cohort` in `stage`.
async fn reach(app: &TestApp, agent: &Actor, region: &str, cohort: &str, stage: &str, held_on: &str, names: &[&str]) {
    let activity = create_activity(app, agent, cohort, stage, held_on).await;
    let mut ids = Vec::new();
    for name in names {
        ids.push(register(app, agent, region, name, "Petitgroupe").await);
    }
    attend(app, agent, &activity, ids).await;
}

const PEOPLE: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    participantsReached participantsByStage { count } participantsByGender { count suppressed } } }";

#[sqlx::test(migrations = "../migrations")]
async fn the_report_screens_work_in_chromium(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/index.html").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    // The demo dataset: Centre-du-Québec's 2020-2021 cohort (18 people, 7 projects, every
    // breakdown filled in) and its 2019-2020 cohort to compare with.
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("demo loads");
    let region_id: Uuid =
        sqlx::query_scalar("select region_id from region where code = 'CQ'").fetch_one(&app.pool).await.unwrap();
    let cohort_id: Uuid =
        sqlx::query_scalar("select cohort_id from cohort where name = '2020-2021' and region_id = $1")
            .bind(region_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let region = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Region, region_id).to_string();
    let cohort = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, cohort_id).to_string();
    let admin = app.user("ADMIN", None, None).await;
    let agent = app.user("AGENT", Some(region_id), None).await;
    let funder = app.user("FUNDER", None, None).await;

    // A small cohort after it: 3 people reached, which a funder never sees as a number.
    let small = create_cohort(&app, &admin, &region, "2021-2022").await;
    reach(&app, &agent, &region, &small, "IDEATION", "2021-10-01", &["Zacharie", "Yasmine", "Xavier"]).await;
    create_project(&app, &agent, &small, "Friperie du campus", None).await;
    // Another region whose 2020-2021 cohort reached 2 people: the network report hides that
    // region's people and the network's total from a funder.
    let other = create_region(&app, &admin, "BB", "Région B").await;
    let agent_b = app.user("AGENT", Some(raw_id(&other)), None).await;
    let cohort_b = create_cohort(&app, &admin, &other, "2020-2021").await;
    reach(&app, &agent_b, &other, &cohort_b, "REVELATION", "2020-10-01", &["Willy", "Victoria"]).await;
    create_project(&app, &agent_b, &cohort_b, "Coop de l'île", None).await;

    // What the test stands on: the funder's API hides these counts, the agent's does not.
    let seen = app.ok(&funder, PEOPLE, json!({ "id": small })).await;
    assert_eq!(seen["cohortReport"]["participantsReached"], Value::Null, "{seen}");
    let exact = app.ok(&agent, PEOPLE, json!({ "id": small })).await;
    assert_eq!(exact["cohortReport"]["participantsReached"], 3, "{exact}");
    let demo = app.ok(&funder, PEOPLE, json!({ "id": cohort })).await;
    let hidden = demo["cohortReport"]["participantsByGender"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["count"].is_null())
        .count();
    assert!(hidden > 0, "the demo cohort has hidden cells for a funder: {demo}");
    let network =
        app.ok(&funder, "{ networkReport(programYear: 2020) { total { participantsReached } } }", json!({})).await;
    assert_eq!(network["networkReport"]["total"]["participantsReached"], Value::Null, "{network}");

    // Every name the funder must never see: the projects' and the participants'.
    let mut names: Vec<String> = Vec::new();
    let projects = app.ok(&admin, "{ projects(first: 100) { nodes { name } } }", json!({})).await;
    names.extend(
        projects["projects"]["nodes"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()),
    );
    let people = app.ok(&admin, "{ participants(first: 100) { nodes { firstName lastName } } }", json!({})).await;
    for p in people["participants"]["nodes"].as_array().unwrap() {
        names.push(format!("{} {}", p["firstName"].as_str().unwrap(), p["lastName"].as_str().unwrap()));
        names.push(p["lastName"].as_str().unwrap().to_owned());
    }
    assert!(names.len() > 30, "{names:?}");
    names.sort();
    names.dedup();

    let agent_email = app.email_of(&agent).await;
    let funder_email = app.email_of(&funder).await;
    let names = serde_json::to_string(&names).unwrap();
    let output = node_script(
        "app-reports.mjs",
        &[
            &app.address,
            &agent_email,
            &funder_email,
            sismic_api_tests::TEST_PASSWORD,
            &cohort,
            &small,
            &names,
            "test-results",
        ],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the report screens work in Chromium"), "{output}");
}
