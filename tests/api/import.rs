//! Importing spreadsheets (`importSpreadsheet`, `sismic import`): the example files of `docs/`
//! (CSV with commas, CSV as French-locale Excel saves it, the XLSX workbook) into the demo
//! dataset's region, the broken examples (every bad row reported, nothing written), all or
//! nothing, re-imports that change nothing, likely duplicates, who may import where, the
//! command line, the upload limit.

use serde_json::{json, Value};
use sismic_api_tests::{captured_logs, raw_id, register, Actor, TestApp, World};
use sismic_graphql::ids::{self, Kind};
use sismic_store::Store;
use sqlx::PgPool;
use std::path::PathBuf;
use uuid::Uuid;

const IMPORT: &str = r#"mutation($files: [Upload!]!, $dryRun: Boolean!, $regionId: ID) {
  importSpreadsheet(files: $files, dryRun: $dryRun, regionId: $regionId) {
    dryRun committed
    tables { file sheet kind rows }
    counts { kind rows created existing failed consents }
    problems { file sheet line column columnName code messageFr messageEn }
    warnings { file line column columnName code }
    duplicates { file line matches { id firstName lastName } }
  }
}"#;

/// The example CSV files, in the order an agent would pick them (any order works).
const EXAMPLE_CSVS: [&str; 5] = [
    "import-exemple-suivis.csv",
    "import-exemple-presences.csv",
    "import-exemple-participants.csv",
    "import-exemple-projets.csv",
    "import-exemple-activites.csv",
];

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

fn doc(name: &str) -> (&str, Vec<u8>) {
    (name, std::fs::read(docs().join(name)).unwrap_or_else(|e| panic!("docs/{name}: {e}")))
}

fn example_csvs() -> Vec<(&'static str, Vec<u8>)> {
    EXAMPLE_CSVS.iter().map(|name| doc(name)).collect()
}

/// A CSV as French-locale Excel saves it: semicolons, a byte-order mark, CRLF.
fn as_french_excel(csv_bytes: &[u8]) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_bytes);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        for record in reader.records() {
            writer.write_record(&record.expect("a record")).expect("written");
        }
        writer.flush().expect("flushed");
    }
    out
}

/// Loads the demo dataset; returns an agent of its region (Centre-du-Québec) and the region's id.
async fn demo(app: &TestApp) -> (Actor, String) {
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("the demo dataset loads");
    let region: Uuid = sqlx::query_scalar("select region_id from region where code = 'CQ'")
        .fetch_one(&app.pool)
        .await
        .expect("region CQ");
    let agent = app.user("AGENT", Some(region), None).await;
    (agent, ids::encode(Kind::Region, region).to_string())
}

async fn import(app: &TestApp, actor: &Actor, files: &[(&str, Vec<u8>)], dry_run: bool, region: Option<&str>) -> Value {
    let (status, body) =
        app.post_files(Some(&actor.token), IMPORT, json!({ "dryRun": dry_run, "regionId": region }), files).await;
    assert_eq!(status, 200, "{body:#}");
    body
}

async fn report(app: &TestApp, actor: &Actor, files: &[(&str, Vec<u8>)], dry_run: bool) -> Value {
    let body = import(app, actor, files, dry_run, None).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["importSpreadsheet"].clone()
}

/// `kind → [rows, created, existing, failed, consents]`.
fn counts(report: &Value) -> Vec<(String, [i64; 5])> {
    report["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            let n = |f: &str| c[f].as_i64().expect("a number");
            (
                c["kind"].as_str().expect("kind").to_owned(),
                [n("rows"), n("created"), n("existing"), n("failed"), n("consents")],
            )
        })
        .collect()
}

fn expected(created: bool) -> Vec<(String, [i64; 5])> {
    let row = |kind: &str, rows: i64, consents: i64| {
        let c = if created { [rows, rows, 0, 0, consents] } else { [rows, 0, rows, 0, 0] };
        (kind.to_owned(), c)
    };
    vec![
        row("PROJECTS", 3, 0),
        row("PARTICIPANTS", 4, 4),
        row("ACTIVITIES", 2, 0),
        row("ATTENDANCE", 6, 0),
        row("FOLLOW_UPS", 5, 0),
    ]
}

fn assert_clean(report: &Value) {
    assert_eq!(report["problems"], json!([]), "{report:#}");
    assert_eq!(report["duplicates"], json!([]), "{report:#}");
    assert_eq!(report["warnings"], json!([]), "{report:#}");
}

/// What the example files put in the region, through the API.
async fn assert_examples_recorded(app: &TestApp, agent: &Actor) {
    let read = |query: &'static str| app.ok(agent, query, json!({}));
    let mut data = read(
        r#"{ projects(first: 20) { edges { node { name stage status sector mrc originPartner { name }
               followUpCount stageHistory { toStatus note } } } } }"#,
    )
    .await;
    let people = read(
        r#"{ participants(first: 40) { nodes { firstName lastName email gender birthYear mrc
               consents { givenOn purposes } attendedActivities { title } } } }"#,
    )
    .await;
    let held = read("{ activities(first: 20) { nodes { title stage heldOn attendees { lastName } } } }").await;
    data["participants"] = people["participants"].clone();
    data["activities"] = held["activities"].clone();
    let projects = data["projects"]["edges"].as_array().expect("projects");
    let project = |name: &str| {
        projects.iter().map(|e| &e["node"]).find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name}: {data:#}"))
    };
    let radio = project("Coop de la radio étudiante");
    assert_eq!((radio["stage"].as_str(), radio["status"].as_str()), (Some("IDEATION"), Some("ACTIVE")));
    assert_eq!(radio["sector"], "COMMUNICATIONS");
    assert_eq!(radio["originPartner"]["name"], "Cégep de Victoriaville");
    assert_eq!(radio["followUpCount"], 2);
    let market = project("Marché fermier mobile");
    assert_eq!(market["status"], "ON_HOLD");
    assert_eq!(market["originPartner"]["name"], "Université du Québec à Trois-Rivières (UQTR)");
    assert_eq!(market["stageHistory"][1]["note"], "Reporté à l'automne : la saison des récoltes est terminée");
    assert_eq!(project("Ressourcerie du quartier")["stage"], "PROTOTYPING");
    assert_eq!(project("Friperie étudiante La Deuxième Vie")["followUpCount"], 9, "8 in the demo, 1 imported");

    let people = data["participants"]["nodes"].as_array().expect("participants");
    let person = |last: &str| people.iter().find(|p| p["lastName"] == last).unwrap_or_else(|| panic!("{last}"));
    let amelie = person("Desrosiers");
    assert_eq!(amelie["email"], "amelie.desrosiers@exemple.org");
    assert_eq!((amelie["gender"].as_str(), amelie["birthYear"].as_i64()), (Some("WOMAN"), Some(2002)));
    assert_eq!(amelie["consents"][0]["givenOn"], "2020-09-14");
    assert_eq!(amelie["consents"][0]["purposes"], json!(["PROGRAM_DELIVERY", "REPORTING"]));
    assert_eq!(amelie["attendedActivities"].as_array().map(Vec::len), Some(2));
    assert_eq!(person("Théberge")["consents"][0]["givenOn"], "2020-09-15", "15/09/2020 is 15 September");
    let hugo_activities: Vec<&str> = person("Lapointe")["attendedActivities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        hugo_activities.contains(&"Idéation : le modèle d'affaires (BMC)"),
        "an activity of the demo: {hugo_activities:?}"
    );
    let activities = data["activities"]["nodes"].as_array().expect("activities");
    let talk = activities.iter().find(|a| a["title"] == "Midi-conférence : l'entrepreneuriat collectif").expect("talk");
    assert_eq!((talk["stage"].as_str(), talk["heldOn"].as_str()), (Some("REVELATION"), Some("2020-10-15")));
    assert_eq!(talk["attendees"].as_array().map(Vec::len), Some(3));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_example_csv_files_import_cleanly_and_importing_them_again_changes_nothing(pool: PgPool) {
    captured_logs();
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let files = example_csvs();

    // A dry run reports what would be created, and writes nothing.
    let before = app.snapshot().await;
    let dry = report(&app, &agent, &files, true).await;
    assert_clean(&dry);
    assert_eq!((dry["dryRun"].as_bool(), dry["committed"].as_bool()), (Some(true), Some(false)));
    assert_eq!(counts(&dry), expected(true));
    let kinds: Vec<&str> = dry["tables"].as_array().unwrap().iter().filter_map(|t| t["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        ["FOLLOW_UPS", "ATTENDANCE", "PARTICIPANTS", "PROJECTS", "ACTIVITIES"],
        "recognised by file name"
    );
    assert_eq!(app.snapshot().await, before, "a dry run writes nothing");

    // The real run writes it all, as the agent, with audit entries.
    let real = report(&app, &agent, &files, false).await;
    assert_clean(&real);
    assert_eq!(real["committed"], true);
    assert_eq!(counts(&real), expected(true));
    assert_examples_recorded(&app, &agent).await;
    let audited: Vec<(String, i64)> = sqlx::query_as(
        "select entity_type, count(*) from audit_log where operation = 'importSpreadsheet' and user_id = $1 group by 1 order by 1",
    )
    .bind(agent.user_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    // Activities: 2 created + 6 attendance entries; participants: 4 registrations + 4 consents;
    // projects: 3 created + 1 status change.
    assert_eq!(
        audited,
        [("Activity".into(), 8), ("FollowUp".into(), 5), ("Participant".into(), 8), ("Project".into(), 4)]
    );
    let created_by_agent: i64 = sqlx::query_scalar("select count(*) from participant where created_by = $1")
        .bind(agent.user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(created_by_agent, 4);

    // Again: everything is already there; nothing changes at all.
    let after_first = app.snapshot().await;
    let again = report(&app, &agent, &files, false).await;
    assert_clean(&again);
    assert_eq!(counts(&again), expected(false));
    assert_eq!(app.snapshot().await, after_first, "a re-import changes nothing");

    // Another agent of the region importing the same files (other idempotency keys): the same.
    let region: Uuid =
        sqlx::query_scalar("select region_id from region where code = 'CQ'").fetch_one(&app.pool).await.unwrap();
    let colleague = app.user("AGENT", Some(region), None).await;
    let with_colleague = app.snapshot().await;
    let theirs = report(&app, &colleague, &files, false).await;
    assert_eq!(counts(&theirs), expected(false));
    assert_eq!(app.snapshot().await, with_colleague);

    // The server's log holds counts, never a person.
    let logs = String::from_utf8_lossy(&captured_logs().lock().unwrap()).to_string();
    assert!(logs.contains("spreadsheet import"), "the import is logged");
    for personal in ["Desrosiers", "amelie.desrosiers", "Théberge", "karim.benali"] {
        assert!(!logs.contains(personal), "{personal} is in the log");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn csv_files_saved_by_french_excel_with_semicolons_and_a_bom_import_the_same(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let files: Vec<(&str, Vec<u8>)> = example_csvs().into_iter().map(|(n, b)| (n, as_french_excel(&b))).collect();
    assert!(files[0].1.starts_with(b"\xEF\xBB\xBFDate;Mode;"));
    let real = report(&app, &agent, &files, false).await;
    assert_clean(&real);
    assert_eq!(real["committed"], true);
    assert_eq!(counts(&real), expected(true));
    assert_examples_recorded(&app, &agent).await;
    // The comma files hold the same rows: all already there.
    let again = report(&app, &agent, &example_csvs(), true).await;
    assert_eq!(counts(&again), expected(false));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_example_workbook_imports_cleanly_one_sheet_per_kind(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let workbook = [doc("import-exemple.xlsx")];
    let dry = report(&app, &agent, &workbook, true).await;
    assert_clean(&dry);
    let sheets: Vec<&str> = dry["tables"].as_array().unwrap().iter().filter_map(|t| t["sheet"].as_str()).collect();
    assert_eq!(sheets, ["Projets", "Participants", "Activités", "Présences", "Suivis"]);
    let real = report(&app, &agent, &workbook, false).await;
    assert_eq!(real["committed"], true, "{real:#}");
    assert_eq!(counts(&real), expected(true));
    assert_examples_recorded(&app, &agent).await;
    // The workbook and the CSV files say the same: importing the CSVs now creates nothing.
    let before = app.snapshot().await;
    let csvs = report(&app, &agent, &example_csvs(), false).await;
    assert_eq!(counts(&csvs), expected(false));
    assert_eq!(app.snapshot().await, before);
}

/// `(line, column, code)` of every problem.
fn places(report: &Value) -> Vec<(String, Option<i64>, Option<String>, String)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_owned(),
                p["line"].as_i64(),
                p["column"].as_str().map(str::to_owned),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_broken_examples_report_every_bad_row_and_write_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let files = [doc("import-erreurs-participants.csv"), doc("import-erreurs-suivis.csv")];
    let before = app.snapshot().await;
    for dry_run in [true, false] {
        let report = report(&app, &agent, &files, dry_run).await;
        assert_eq!(report["committed"], false);
        let p = "import-erreurs-participants.csv".to_owned();
        let f = "import-erreurs-suivis.csv".to_owned();
        let at = |file: &String, line: i64, column: &str, code: &str| {
            (file.clone(), Some(line), Some(column.to_owned()), code.to_owned())
        };
        assert_eq!(
            places(&report),
            [
                at(&p, 3, "A", "REQUIRED"),
                at(&p, 4, "C", "BAD_EMAIL"),
                at(&p, 5, "E", "BAD_BIRTH_YEAR"),
                at(&p, 6, "H", "CONSENT_INCOMPLETE"),
                at(&p, 7, "D", "BAD_CHOICE"),
                at(&f, 3, "A", "BAD_DATE"),
                at(&f, 4, "A", "FUTURE_DATE"),
                at(&f, 5, "B", "BAD_CHOICE"),
                at(&f, 6, "C", "BAD_DURATION"),
                at(&f, 7, "E", "UNKNOWN_PROJECT"),
                at(&f, 8, "D", "UNKNOWN_COHORT"),
                at(&f, 9, "E", "NO_PROJECT_NOR_PARTNER"),
                at(&f, 10, "F", "UNKNOWN_PARTNER"),
                at(&f, 11, "G", "REQUIRED"),
            ],
            "{report:#}"
        );
        let first = &report["problems"][0];
        assert_eq!(first["columnName"], "Prénom");
        assert_eq!(first["messageFr"], "obligatoire");
        assert_eq!(first["messageEn"], "required");
        assert_eq!(report["problems"][1]["messageFr"], "adresse courriel invalide");
        // The reasons never quote the cells.
        let text = report["problems"].to_string();
        for cell in ["maxime.roussel", "Roussel", "Pigeon", "Partenaire imaginaire", "2031-2032", "1850"] {
            assert!(!text.contains(cell), "{cell} is echoed: {text}");
        }
        // Léa Gagnon-Roy, born 2001, looks like the demo's Léa Gagnon, born 2001.
        let duplicates = report["duplicates"].as_array().expect("duplicates");
        assert_eq!(duplicates.len(), 1, "{report:#}");
        assert_eq!(duplicates[0]["line"], 8);
        assert_eq!(duplicates[0]["matches"][0]["firstName"], "Léa");
        assert_eq!(duplicates[0]["matches"][0]["lastName"], "Gagnon");
        assert_eq!(
            report["warnings"],
            json!([{ "file": p, "line": 1, "column": "I", "columnName": "Colonne inventée", "code": "UNKNOWN_COLUMN" }])
        );
        let participants = counts(&report).into_iter().find(|(k, _)| k == "PARTICIPANTS").unwrap().1;
        assert_eq!(
            participants,
            [7, 1, 0, 6, 1],
            "Lina's row is fine, and would be created: rows, created, existing, failed, consents"
        );
        assert_eq!(app.snapshot().await, before, "nothing written (dry run: {dry_run})");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_real_run_with_a_bad_row_at_the_end_writes_nothing_at_all(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let mut files: Vec<(&str, Vec<u8>)> = example_csvs().into_iter().filter(|(n, _)| !n.contains("suivis")).collect();
    // The follow-ups come last: every project, person and activity before them is fine.
    let mut follow_ups = String::from_utf8(doc("import-exemple-suivis.csv").1).unwrap();
    follow_ups.push_str("2021-02-02,Virtuel,30,2020-2021,Coop de la radio étudiante,,\n");
    files.push(("suivis.csv", follow_ups.into_bytes()));
    let before = app.snapshot().await;
    let report = report(&app, &agent, &files, false).await;
    assert_eq!(report["committed"], false);
    assert_eq!(places(&report), [("suivis.csv".to_owned(), Some(7), Some("G".to_owned()), "REQUIRED".to_owned())]);
    let projects = counts(&report).into_iter().find(|(k, _)| k == "PROJECTS").unwrap().1;
    assert_eq!(projects[1], 3, "the projects passed, and were rolled back with the rest");
    assert_eq!(app.snapshot().await, before, "all or nothing");
}

const PARTICIPANTS_HEADER: &str = "Prénom,Nom,Courriel,Année de naissance,Si doublon\n";

#[sqlx::test(migrations = "../migrations")]
async fn likely_duplicates_are_reported_not_created_until_the_agent_decides(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    let registered = app
        .ok(
            agent,
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "firstName": "Marie-Ève", "lastName": "Tremblay", "birthYear": 2001 } }),
        )
        .await["registerParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_email = register(&app, agent, &world.region_a, "Jo", "Bouchard").await;
    app.ok(
        agent,
        "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
        json!({ "i": { "participantId": by_email, "email": "jo@exemple.org" } }),
    )
    .await;
    let activity = sismic_api_tests::create_activity(&app, agent, &world.cohort_a, "REVELATION", "2020-10-08").await;
    let _ = activity;
    let attendance =
        "Cohorte,Activité,Date de l'activité,Prénom,Nom\n2020-2021,Atelier REVELATION,2020-10-08,Marie,Tremblay\n";
    let files = |decision: &str| {
        vec![
            (
                "participants.csv",
                format!("{PARTICIPANTS_HEADER}Marie,Tremblay,,2001,{decision}\nJoséphine,Bouchard-Roy,jo@exemple.org,,{decision}\n")
                    .into_bytes(),
            ),
            ("presences.csv", attendance.as_bytes().to_vec()),
        ]
    };
    let before = app.snapshot().await;
    let reported = report(&app, agent, &files(""), false).await;
    assert_eq!(reported["committed"], false);
    let duplicates = reported["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 2, "{reported:#}");
    assert_eq!(
        (duplicates[0]["line"].as_i64(), duplicates[0]["matches"][0]["id"].as_str()),
        (Some(2), Some(registered.as_str()))
    );
    assert_eq!(
        (duplicates[1]["line"].as_i64(), duplicates[1]["matches"][0]["id"].as_str()),
        (Some(3), Some(by_email.as_str()))
    );
    // The attendance row names someone whose row is not imported.
    assert_eq!(reported["problems"][0]["code"], "PERSON_ROW_FAILED", "{reported:#}");
    assert_eq!(app.snapshot().await, before);

    // « existant »: the same people; the attendance is recorded for the registered Marie-Ève.
    let existing = report(&app, agent, &files("existant"), false).await;
    assert_eq!(existing["committed"], true, "{existing:#}");
    assert_eq!(counts(&existing)[1].1, [2, 0, 2, 0, 0]);
    let attendees = app.ok(agent, "{ activities(first: 5) { nodes { attendees { id } } } }", json!({})).await
        ["activities"]["nodes"][0]["attendees"]
        .clone();
    assert_eq!(attendees, json!([{ "id": registered }]));

    // « créer »: two other people, registered.
    let created = report(&app, agent, &files("créer"), false).await;
    assert_eq!(created["committed"], true, "{created:#}");
    assert_eq!(counts(&created)[1].1, [2, 2, 0, 0, 0]);
    let total: i64 = sqlx::query_scalar("select count(*) from participant").fetch_one(&app.pool).await.unwrap();
    assert_eq!(total, 4);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_agents_into_their_region_and_admins_may_import(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&world.funder))).await;
    let file = [("participants.csv", format!("{PARTICIPANTS_HEADER}Ana,Lopes,,2000,\n").into_bytes())];
    let code = |body: &Value| body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
    let before = app.snapshot().await;
    for who in [&partner, &funder] {
        let body = import(&app, who, &file, false, None).await;
        assert_eq!(code(&body), "FORBIDDEN", "{body:#}");
    }
    // An agent cannot import into another region (it is not found, as everywhere).
    let body = import(&app, &world.agent_b, &file, false, Some(&world.region_a)).await;
    assert_eq!(code(&body), "NOT_FOUND", "{body:#}");
    // An administrator names the region.
    let body = import(&app, &world.admin, &file, false, None).await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    // Without a token.
    let (_, body) = app.post_files(None, IMPORT, json!({ "dryRun": true }), &file).await;
    assert_eq!(code(&body), "UNAUTHENTICATED");
    assert_eq!(app.snapshot().await, before);

    // A cohort of another region is not found from an agent's import: the names are looked up
    // in the agent's own region only.
    let activity = [("activites.csv", b"Cohorte,Etape,Titre,Date\n2020-2021,Ideation,Atelier,2020-11-01\n".to_vec())];
    let mine = report(&app, &world.agent_b, &activity, false).await;
    assert_eq!(mine["committed"], true);
    let region_b: Vec<Uuid> = sqlx::query_scalar("select region_id from activity").fetch_all(&app.pool).await.unwrap();
    assert_eq!(region_b, [raw_id(&world.region_b)], "into agent B's own region");
    let admin = import(&app, &world.admin, &file, false, Some(&world.region_a)).await;
    assert_eq!(admin["data"]["importSpreadsheet"]["committed"], true, "{admin:#}");
    let region: Uuid = sqlx::query_scalar("select region_id from participant").fetch_one(&app.pool).await.unwrap();
    assert_eq!(region, raw_id(&world.region_a));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_import_over_the_upload_limit_is_refused_with_413(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| s.max_upload_bytes = 4_000).await;
    let world = World::build(&app).await;
    let big = format!("{PARTICIPANTS_HEADER}{}", "Ana,Lopes,,2000,\n".repeat(400));
    let (status, body) = app
        .post_files(Some(&world.agent_a.token), IMPORT, json!({ "dryRun": true }), &[("p.csv", big.into_bytes())])
        .await;
    assert_eq!(status, 413);
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    // A JSON body keeps its own limit (1 MiB), whatever the upload limit.
    let (status, _) = app.post_bytes(None, vec![b' '; 1_100_000]).await;
    assert_eq!(status, 413);
    // A malformed multipart request is 400, not a server error.
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "multipart/form-data; boundary=x")
        .body("--x\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{}\r\n--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_an_imported_participant_deletes_the_keys_of_the_import(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let file = [("participants.csv", format!("{PARTICIPANTS_HEADER}Ana,Lopes,ana@exemple.org,2000,\n").into_bytes())];
    assert_eq!(report(&app, &world.agent_a, &file, false).await["committed"], true);
    let id: Uuid = sqlx::query_scalar("select participant_id from participant").fetch_one(&app.pool).await.unwrap();
    let keys = || sqlx::query_scalar::<_, i64>("select count(*) from idempotency_key where object_id = $1").bind(id);
    assert_eq!(keys().fetch_one(&app.pool).await.unwrap(), 1, "the row's key");
    // Another agent of the region erases her (the key is the importer's).
    let colleague = app.user("AGENT", Some(raw_id(&world.region_a)), None).await;
    app.ok(
        &colleague,
        "mutation($id: ID!) { eraseParticipant(participantId: $id) { participant { id } } }",
        json!({ "id": ids::encode(Kind::Participant, id).to_string() }),
    )
    .await;
    assert_eq!(keys().fetch_one(&app.pool).await.unwrap(), 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn sismic_import_on_the_command_line_acts_as_the_named_user(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (agent, _) = demo(&app).await;
    let _ = agent;
    let store = Store::new(app.pool.clone());
    let request = |email: &str, region: Option<&str>, files: &[&str], dry_run: bool| sismic_server::import::Request {
        as_email: email.to_owned(),
        region: region.map(str::to_owned),
        files: files.iter().map(|f| docs().join(f)).collect(),
        dry_run,
    };
    let before = app.snapshot().await;
    let (dry, text) =
        sismic_server::import::run(&store, &request("agente.cq@demo.sismic.quebec", None, &EXAMPLE_CSVS, true))
            .await
            .unwrap();
    assert!(!dry.committed && dry.problems.is_empty(), "{text}");
    assert!(text.starts_with("Essai à blanc : rien n’est enregistré.\nDry run: nothing is saved."), "{text}");
    assert!(text.contains("participants : 4 à créer, 0 déjà enregistrés, 0 en erreur, 4 consentement(s)"), "{text}");
    assert_eq!(app.snapshot().await, before);

    // The broken files: every problem, French then English, no cell quoted, ids of duplicates.
    let broken = ["import-erreurs-participants.csv", "import-erreurs-suivis.csv"];
    let (report, text) =
        sismic_server::import::run(&store, &request("AGENTE.CQ@demo.sismic.quebec", None, &broken, false))
            .await
            .unwrap();
    assert!(!report.committed);
    assert!(text.contains("- import-erreurs-participants.csv, ligne 4, colonne C (Courriel) : adresse courriel invalide\n  import-erreurs-participants.csv, line 4, column C (Courriel): invalid email address"), "{text}");
    assert!(text.contains("Doublons probables / Likely duplicates (1)"), "{text}");
    for personal in ["Gagnon", "Roussel", "lina.haddad", "Haddad"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    assert_eq!(app.snapshot().await, before);

    // For real, as the demo agent.
    let (real, text) =
        sismic_server::import::run(&store, &request("agente.cq@demo.sismic.quebec", None, &EXAMPLE_CSVS, false))
            .await
            .unwrap();
    assert!(real.committed, "{text}");
    assert!(text.starts_with("Importation enregistrée."), "{text}");
    let by_demo_agent: i64 = sqlx::query_scalar(
        "select count(*) from project p join app_user u on u.user_id = p.created_by where u.email = 'agente.cq@demo.sismic.quebec' and p.name = 'Ressourcerie du quartier'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(by_demo_agent, 1);

    // A partner may not; an administrator names the region; an unknown email is refused.
    let error =
        sismic_server::import::run(&store, &request("cegep.victo@demo.sismic.quebec", None, &EXAMPLE_CSVS, true))
            .await
            .unwrap_err();
    assert!(error.to_string().starts_with("FORBIDDEN"), "{error}");
    let admin = app.user("ADMIN", None, None).await;
    let admin_email = app.email_of(&admin).await;
    let error =
        sismic_server::import::run(&store, &request(&admin_email, None, &EXAMPLE_CSVS, true)).await.unwrap_err();
    assert!(error.to_string().contains("--region"), "{error}");
    let (again, _) =
        sismic_server::import::run(&store, &request(&admin_email, Some("cq"), &EXAMPLE_CSVS, true)).await.unwrap();
    assert_eq!(again.count(sismic_graphql::import::columns::Kind::Projects).existing, 3);
    assert!(sismic_server::import::run(&store, &request("nobody@example.org", None, &EXAMPLE_CSVS, true))
        .await
        .is_err());
}

/// The workbook in `docs/` holds exactly the CSV examples' rows, one sheet per kind, with dates
/// as date cells and numbers as numbers (what an agent's Excel file looks like).
#[test]
fn the_example_workbook_holds_the_csv_examples() {
    use sismic_graphql::import::read::{read_file, Cell};
    let (name, bytes) = doc("import-exemple.xlsx");
    let sheets = read_file(name, &bytes).expect("the workbook reads");
    assert_eq!(sheets.len(), 5);
    let order = [3usize, 2, 4, 1, 0]; // EXAMPLE_CSVS in sheet order: projets, participants, activités, présences, suivis
    for (sheet, csv_index) in sheets.iter().zip(order) {
        let (csv_name, csv_bytes) = doc(EXAMPLE_CSVS[csv_index]);
        let csv = read_file(csv_name, &csv_bytes).expect("the CSV reads").remove(0);
        assert_eq!(sheet.headers, csv.headers, "{:?}", sheet.sheet);
        assert_eq!(sheet.rows.len(), csv.rows.len(), "{:?}", sheet.sheet);
        for (a, b) in sheet.rows.iter().zip(&csv.rows) {
            let a: Vec<Option<String>> = a.cells.iter().map(Cell::as_text).collect();
            let mut b: Vec<Option<String>> = b.cells.iter().map(Cell::as_text).collect();
            b.resize(a.len().max(b.len()), None);
            let mut a = a;
            a.resize(b.len(), None);
            // The workbook writes 15/09/2020 as a date cell.
            let b: Vec<Option<String>> =
                b.into_iter().map(|c| c.map(|t| if t == "15/09/2020" { "2020-09-15".into() } else { t })).collect();
            assert_eq!(a, b, "{:?}", sheet.sheet);
        }
        let has_dates = sheet.rows.iter().any(|r| r.cells.iter().any(|c| matches!(c, Cell::Date(_))));
        assert_eq!(has_dates, sheet.sheet.as_deref() != Some("Projets"), "{:?}: dates are date cells", sheet.sheet);
    }
}

/// Writes `docs/import-exemple.xlsx` from the CSV examples (run with `--ignored` after editing
/// them): one sheet per kind, dates as dates, numbers as numbers, the header in bold.
#[test]
#[ignore = "writes docs/import-exemple.xlsx"]
fn write_the_example_workbook() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    use sismic_graphql::import::columns::date;
    use sismic_graphql::import::read::{read_file, Cell};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (sheet_name, csv_index) in
        [("Projets", 3), ("Participants", 2), ("Activités", 4), ("Présences", 1), ("Suivis", 0)]
    {
        let (csv_name, csv_bytes) = doc(EXAMPLE_CSVS[csv_index]);
        let table = read_file(csv_name, &csv_bytes).unwrap().remove(0);
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name).unwrap();
        for (c, header) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, header, &bold).unwrap();
            sheet.set_column_width(c as u16, 22).unwrap();
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.cells.iter().enumerate() {
                let c = c as u16;
                let header = table.headers[c as usize].to_lowercase();
                let Cell::Text(text) = cell else { continue };
                if header.contains("date") || header.starts_with("consentement") {
                    let d = date(cell).expect("a date");
                    let excel = ExcelDateTime::from_ymd(
                        chrono::Datelike::year(&d) as u16,
                        chrono::Datelike::month(&d) as u8,
                        chrono::Datelike::day(&d) as u8,
                    )
                    .unwrap();
                    sheet.write_datetime_with_format(r, c, &excel, &day).unwrap();
                } else if let Ok(n) = text.parse::<f64>() {
                    if header.contains("cohorte") {
                        sheet.write_string(r, c, text).unwrap();
                    } else {
                        sheet.write_number(r, c, n).unwrap();
                    }
                } else {
                    sheet.write_string(r, c, text).unwrap();
                }
            }
        }
    }
    workbook.save(docs().join("import-exemple.xlsx")).unwrap();
}
