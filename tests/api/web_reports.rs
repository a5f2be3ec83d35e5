//! The report screens in headless Chromium against the real server (web/tests/app-reports.mjs):
//! an agent's cohort report (figures equal to the API's, charts with their tables, the annual
//! report's paragraph and its copy button, the CSV, French-Excel CSV and XLSX downloads, the
//! print layout saved as PDF), a funder's (« < 5 » exactly where the API says a hidden count is
//! below 5, « masqué » where it is hidden without that, no participant or project name
//! anywhere), the network report, 390 px, axe-core. The workbooks the browser saved are read
//! back here with calamine and checked against the API's answer for the same viewer.

use crate::clients::node_script;
use crate::downloads::{column, number, text, Workbook};
use calamine::{Data, DataType};
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

/// What the workbook is checked against, for the viewer who downloaded it.
const WORKBOOK: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    participantsReached participantsReachedSuppressed
    participantsByStage { count suppressedBelow }
    projectCount enterprisesCreated followUpCount
    followUpsByOrigin { partner { name } projectCount followUpCount }
    partnerFollowUps { partner { name } followUpCount }
    awards { count totalAmountCents }
    participantsByGender { gender count suppressedBelow } participantsByAgeBand { count suppressedBelow }
    participantsByMrc { count suppressedBelow } teamsByComposition { count suppressedBelow }
    comparison { figures { figure current previous } }
    narrative { summary text } } }";

/// A count of people as the workbook must hold it: the number, or as text « < 5 » where the
/// API says the hidden count is below 5 (`suppressedBelow`, or `below` for people reached and
/// the comparison), « x » where it may be hidden to protect another one.
fn people_cell(count: &Value, below: &Value) -> Data {
    if count.is_null() {
        match below.as_i64() {
            Some(threshold) => text(&format!("< {threshold}")),
            None => text("x"),
        }
    } else {
        number(count)
    }
}

fn cells(api: &Value, field: &str) -> Vec<Data> {
    api[field].as_array().unwrap().iter().map(|c| people_cell(&c["count"], &c["suppressedBelow"])).collect()
}

/// The workbook the browser saved at `path`, opened with calamine: every figure is the API's
/// answer `api` for the same viewer (hidden counts as text, never a number).
fn check_workbook(path: &std::path::Path, api: &Value, who: &str) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{who}: the browser saved no workbook at {path:?}: {e}"));
    assert_eq!(&bytes[..2], b"PK", "{who}: a ZIP container");
    let book = Workbook::open(&bytes);
    assert_eq!(book.names[..3], ["Rapport", "Cohorte", "Personnes rejointes"], "{who}");

    // The paragraph first, line for line as the API writes it for this viewer.
    assert_eq!(book.cell("Rapport", 2, 0), text(api["narrative"]["summary"].as_str().unwrap()), "{who}");
    let rapport: Vec<String> = book
        .sheet("Rapport")
        .iter()
        .filter_map(|r| r.first())
        .filter_map(|c| c.get_string().map(str::to_owned))
        .collect();
    for line in api["narrative"]["text"].as_str().unwrap().lines().filter(|l| !l.is_empty()) {
        assert!(rapport.iter().any(|r| r == line), "{who}: {line:?} is not on the first sheet: {rapport:#?}");
    }

    let reached_below = if api["participantsReachedSuppressed"] == true { json!(5) } else { Value::Null };
    assert_eq!(
        book.row("Personnes rejointes", "Total (personnes distinctes)")[1],
        people_cell(&api["participantsReached"], &reached_below),
        "{who}"
    );
    assert_eq!(column(&book, "Personnes rejointes", 1)[1..], cells(api, "participantsByStage")[..], "{who}");
    assert_eq!(book.row("Projets", "Total")[1], number(&api["projectCount"]), "{who}");
    assert_eq!(book.row("Projets", "Entreprises créées")[1], number(&api["enterprisesCreated"]), "{who}");
    let origins = book.sheet("Suivis par origine");
    let expected = api["followUpsByOrigin"].as_array().unwrap();
    assert_eq!(origins.len(), expected.len() + 2, "{who}: header, one row per origin, total: {origins:?}");
    for (row, o) in origins[1..].iter().zip(expected) {
        assert_eq!(
            row,
            &vec![
                text(o["partner"]["name"].as_str().unwrap()),
                number(&o["projectCount"]),
                number(&o["followUpCount"])
            ],
            "{who}"
        );
    }
    assert_eq!(
        book.row("Suivis par origine", "Total"),
        vec![text("Total"), number(&api["projectCount"]), number(&api["followUpCount"])],
        "{who}"
    );
    for (row, p) in
        book.sheet("Suivis avec les partenaires")[1..].iter().zip(api["partnerFollowUps"].as_array().unwrap())
    {
        assert_eq!(row, &vec![text(p["partner"]["name"].as_str().unwrap()), number(&p["followUpCount"])], "{who}");
    }
    assert_eq!(book.row("Bourses", "Nombre")[1], number(&api["awards"]["count"]), "{who}");
    let cents = api["awards"]["totalAmountCents"].as_f64().unwrap();
    assert_eq!(book.row("Bourses", "Montant total ($)")[1], Data::Float(cents / 100.0), "{who}");
    for (sheet, field) in [
        ("Personnes par genre", "participantsByGender"),
        ("Personnes par groupe d'âge", "participantsByAgeBand"),
        ("Personnes par MRC", "participantsByMrc"),
        ("Groupes promoteurs", "teamsByComposition"),
    ] {
        assert_eq!(column(&book, sheet, 1), cells(api, field), "{who}: {sheet}");
    }
    let comparison = book.sheet("Comparaison");
    let figures = api["comparison"]["figures"].as_array().unwrap();
    assert_eq!(comparison.len(), figures.len() + 1, "{who}: {comparison:?}");
    for (row, f) in comparison[1..].iter().zip(figures) {
        assert_eq!(row[1], people_cell(&f["current"], &json!(5)), "{who}: {f}");
        assert_eq!(row[2], people_cell(&f["previous"], &json!(5)), "{who}: {f}");
    }
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
    // Where the browser saves the workbooks it downloads, for calamine to read them back.
    let downloads = std::env::temp_dir().join(format!("sismic-web-reports-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&downloads).unwrap();
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
            downloads.to_str().unwrap(),
            "test-results",
        ],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the report screens work in Chromium"), "{output}");

    // The workbooks the agent and the funder downloaded in the browser, opened with a real
    // reader: their figures are the API's for each of them.
    let exact = app.ok(&agent, WORKBOOK, json!({ "id": cohort })).await["cohortReport"].clone();
    check_workbook(&downloads.join("agent.xlsx"), &exact, "the agent's workbook");
    assert_eq!(exact["participantsReached"], 18);
    let seen = app.ok(&funder, WORKBOOK, json!({ "id": cohort })).await["cohortReport"].clone();
    check_workbook(&downloads.join("funder.xlsx"), &seen, "the funder's workbook");
    // What that stands on: the funder's has hidden cells, as text, the agent's none.
    let book = Workbook::open(&std::fs::read(downloads.join("funder.xlsx")).unwrap());
    assert_eq!(book.row("Personnes par genre", "Hommes")[1], text("x"), "8 men, hidden to protect another count");
    let agents = Workbook::open(&std::fs::read(downloads.join("agent.xlsx")).unwrap());
    assert_eq!(agents.row("Personnes par genre", "Hommes")[1], Data::Float(8.0));
    std::fs::remove_dir_all(&downloads).unwrap();
}
