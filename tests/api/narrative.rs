//! `CohortReport.narrative`: the annual report's SISMIC paragraph, from the cohort report. The
//! demo cohort gives the seed's sentence word for word and its lists figure for figure; for
//! funders, hidden counts stay hidden and « moins de 5 » is said only where it is true.

use serde_json::{json, Value};
use sismic_api_tests::{attend, create_activity, raw_id, register, Actor, TestApp, World};
use sismic_store::Store;
use sqlx::PgPool;

/// The sentence of the 2020-2021 annual report (`shared/seed/`, SISMIC Centre-du-Québec).
const SEED_SENTENCE: &str = "18 personnes rejointes par les activités du parcours (10 révélation, 13 idéation, \
                             8 prototypage), pour un total de 7 projets, dont une entreprise d'économie sociale créée";

const NARRATIVE: &str = "query($id: ID!, $lang: Language!) { cohortReport(cohortId: $id) {
    narrative(language: $lang) { language summary sections { heading items } note text } } }";

async fn demo_cohort(app: &TestApp) -> String {
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("demo loads");
    let id: uuid::Uuid =
        sqlx::query_scalar("select cohort_id from cohort where name = '2020-2021'").fetch_one(&app.pool).await.unwrap();
    sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, id).to_string()
}

async fn narrative(app: &TestApp, actor: &Actor, cohort: &str, lang: &str) -> Value {
    app.ok(actor, NARRATIVE, json!({ "id": cohort, "lang": lang })).await["cohortReport"]["narrative"].clone()
}

/// The demo cohort's paragraph in French, as it must read: the seed's sentence, then its lists
/// with the demo's names (no-break spaces before our « : » and « ; »).
fn expected_french() -> String {
    let n = '\u{a0}';
    [
        format!("{SEED_SENTENCE}."),
        String::new(),
        "Projets".to_owned(),
        format!("▪ SISMIC Capitale-Nationale{n}: un projet en référencement (45 suivis){n};"),
        format!("▪ Cégep de Victoriaville{n}: quatre (4) projets issus du partenariat (26 suivis){n};"),
        format!(
            "▪ Université du Québec à Trois-Rivières (UQTR){n}: deux (2) projets issus du partenariat (26 suivis)."
        ),
        String::new(),
        "Partenariats".to_owned(),
        format!("▪ Communauté de pratique des agentes et agents SISMIC{n}: 36 suivis{n};"),
        format!("▪ Chantier de l'économie sociale{n}: 13 suivis{n};"),
        format!("▪ Université du Québec à Trois-Rivières (UQTR){n}: 7 suivis{n};"),
        format!("▪ Société de développement économique de Drummondville (SDED){n}: 5 suivis{n};"),
        // The partner's own name has a colon with an ordinary space.
        format!("▪ CJE de Bécancour-Nicolet-Yamaska : Place aux jeunes{n}: 4 suivis{n};"),
        format!("▪ Réseau d'investissement social du Québec (RISQ){n}: 2 suivis{n};"),
        format!("▪ Cégep de Victoriaville{n}: 1 suivi{n};"),
        format!("▪ Corporation de développement économique de Victoriaville et sa région (CDEVVR){n}: 1 suivi."),
    ]
    .join("\n")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_cohort_gives_the_annual_reports_paragraph_figure_for_figure(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cohort = demo_cohort(&app).await;
    let admin = app.user("ADMIN", None, None).await;
    let fr = narrative(&app, &admin, &cohort, "FR").await;
    assert_eq!(fr["language"], "FR");
    assert_eq!(fr["summary"], format!("{SEED_SENTENCE}."));
    assert_eq!(fr["text"], expected_french(), "{}", fr["text"].as_str().unwrap());
    assert_eq!(fr["note"], Value::Null);
    assert_eq!(fr["sections"][0]["heading"], "Projets");
    assert_eq!(fr["sections"][1]["heading"], "Partenariats");
    assert_eq!(fr["sections"][1]["items"].as_array().unwrap().len(), 8, "the seed's eight partnerships");
    // The seed itself says the same (when shared/ is beside the repository, as in CI).
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seed/rapport-annuel-2020-2021.txt");
    if let Ok(report) = std::fs::read_to_string(&seed) {
        assert!(report.contains(SEED_SENTENCE), "the seed's sentence changed");
    }

    let en = narrative(&app, &admin, &cohort, "EN").await;
    assert_eq!(
        en["summary"],
        "18 people reached by the pathway's activities (10 revelation, 13 ideation, 8 prototyping), \
         for a total of 7 projects, including one social economy enterprise created."
    );
    assert_eq!(en["sections"][0]["heading"], "Projects");
    assert_eq!(en["sections"][0]["items"][0], "SISMIC Capitale-Nationale: 1 referred project (45 follow-ups);");
    assert_eq!(
        en["sections"][0]["items"][1],
        "Cégep de Victoriaville: 4 projects from the partnership (26 follow-ups);"
    );
    assert_eq!(
        en["sections"][1]["items"][7],
        "Corporation de développement économique de Victoriaville et sa région (CDEVVR): 1 follow-up."
    );

    // French is the default.
    let default = app
        .ok(&admin, "query($id: ID!) { cohortReport(cohortId: $id) { narrative { text } } }", json!({ "id": cohort }))
        .await;
    assert_eq!(default["cohortReport"]["narrative"]["text"], fr["text"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_funder_reads_the_same_demo_paragraph_and_no_name_of_a_person_or_project(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cohort = demo_cohort(&app).await;
    let funder = app.user("FUNDER", None, None).await;
    let fr = narrative(&app, &funder, &cohort, "FR").await;
    assert_eq!(fr["text"], expected_french(), "nothing of the paragraph is a small count in the demo");
    let people: Vec<String> = sqlx::query_scalar("select first_name || ' ' || last_name from participant")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let projects: Vec<String> = sqlx::query_scalar("select name from project").fetch_all(&app.pool).await.unwrap();
    assert!(people.len() >= 18 && projects.len() >= 7);
    for lang in ["FR", "EN"] {
        let text = narrative(&app, &funder, &cohort, lang).await["text"].as_str().unwrap().to_owned();
        for name in people.iter().chain(&projects) {
            assert!(!text.contains(name.as_str()), "{name} in a funder's paragraph");
        }
        assert!(!text.contains("Le Rucher"), "not the enterprise's legal name either");
    }
}

/// Registers `n` people in region A and records them at an activity of each stage as given
/// (how many of them attend each, the first ones).
async fn cohort_with_people(app: &TestApp, w: &World, n: usize, stages: [usize; 3]) {
    let agent = &w.agent_a;
    let mut people = Vec::new();
    for i in 0..n {
        people.push(register(app, agent, &w.region_a, "Personne", &format!("Numéro {i}")).await);
    }
    for (stage, attendees) in ["REVELATION", "IDEATION", "PROTOTYPING"].iter().zip(stages) {
        if attendees > 0 {
            let activity = create_activity(app, agent, &w.cohort_a, stage, "2020-10-01").await;
            attend(app, agent, &activity, &people[..attendees]).await;
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_small_cohort_reads_fewer_than_5_for_a_funder_and_exact_figures_for_staff(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    cohort_with_people(&app, &w, 3, [3, 2, 0]).await;
    sismic_api_tests::create_project(&app, &w.agent_a, &w.cohort_a, "Projet secret", Some(&w.college)).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;

    let fr = narrative(&app, &funder, &w.cohort_a, "FR").await;
    assert_eq!(
        fr["summary"],
        "Moins de 5 personnes rejointes par les activités du parcours, pour un total d'un projet."
    );
    assert_eq!(
        fr["note"],
        "Les effectifs de 1 à 4 personnes ne sont pas publiés, ni ceux qui permettraient de les retrouver."
    );
    assert!(fr["text"].as_str().unwrap().ends_with(fr["note"].as_str().unwrap()));
    assert_eq!(
        fr["sections"][0]["items"][0],
        "Cégep de Victoriaville\u{a0}: un projet issu du partenariat (aucun suivi)."
    );
    let text = fr["text"].as_str().unwrap();
    for leak in [" 3 ", "(3", " 2 ", "Projet secret", "Numéro"] {
        assert!(!text.contains(leak), "`{leak}` in {text}");
    }
    let en = narrative(&app, &funder, &w.cohort_a, "EN").await;
    assert_eq!(en["summary"], "Fewer than 5 people reached by the pathway's activities, for a total of one project.");

    for staff in [&w.agent_a, &w.admin] {
        let fr = narrative(&app, staff, &w.cohort_a, "FR").await;
        assert_eq!(
            fr["summary"],
            "3 personnes rejointes par les activités du parcours (3 révélation, 2 idéation, 0 prototypage), \
             pour un total d'un projet."
        );
        assert_eq!(fr["note"], Value::Null);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_stage_hidden_alone_reads_fewer_than_5_and_a_hidden_pair_is_only_masked(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let funder = app.user("FUNDER", None, None).await;
    // 7 reached, all at révélation, 2 at idéation: idéation is hidden alone, and small.
    cohort_with_people(&app, &w, 7, [7, 2, 0]).await;
    let fr = narrative(&app, &funder, &w.cohort_a, "FR").await;
    assert_eq!(
        fr["summary"],
        "7 personnes rejointes par les activités du parcours (7 révélation, moins de 5 en idéation, 0 prototypage), \
         sans projet pour l'instant."
    );
    assert!(fr["note"].is_string());
    let below = "query($id: ID!) { cohortReport(cohortId: $id) { participantsByStage { stage count suppressed suppressedBelow } } }";
    let stages =
        app.ok(&funder, below, json!({ "id": w.cohort_a })).await["cohortReport"]["participantsByStage"].clone();
    assert_eq!(
        stages,
        json!([
            { "stage": "REVELATION", "count": 7, "suppressed": false, "suppressedBelow": null },
            { "stage": "IDEATION", "count": null, "suppressed": true, "suppressedBelow": 5 },
            { "stage": "PROTOTYPING", "count": 0, "suppressed": false, "suppressedBelow": null }
        ]),
        "what the API gives the web app to say « < 5 » or not"
    );

    // 14 reached, 10 at révélation, 4 at prototypage: révélation is hidden with prototypage
    // (a hidden 4 alone would be pinned), and a hidden 10 is not « moins de 5 ».
    let agent = &w.agent_b;
    let mut people = Vec::new();
    for i in 0..14 {
        people.push(register(&app, agent, &w.region_b, "Autre", &format!("Personne {i}")).await);
    }
    let revelation = create_activity(&app, agent, &w.cohort_b, "REVELATION", "2020-10-01").await;
    attend(&app, agent, &revelation, &people[..10]).await;
    let prototyping = create_activity(&app, agent, &w.cohort_b, "PROTOTYPING", "2021-02-01").await;
    attend(&app, agent, &prototyping, &people[10..]).await;
    let fr = narrative(&app, &funder, &w.cohort_b, "FR").await;
    assert_eq!(
        fr["summary"],
        "14 personnes rejointes par les activités du parcours (nombre masqué en révélation, 0 idéation, \
         nombre masqué en prototypage), sans projet pour l'instant."
    );
    assert!(!fr["text"].as_str().unwrap().contains("moins de"));
    let en = narrative(&app, &funder, &w.cohort_b, "EN").await;
    assert!(en["summary"].as_str().unwrap().contains("(revelation not shown, 0 ideation, prototyping not shown)"));
    let stages =
        app.ok(&funder, below, json!({ "id": w.cohort_b })).await["cohortReport"]["participantsByStage"].clone();
    let below: Vec<(Value, Value)> =
        stages.as_array().unwrap().iter().map(|c| (c["suppressed"].clone(), c["suppressedBelow"].clone())).collect();
    assert_eq!(below, [(json!(true), Value::Null), (json!(false), Value::Null), (json!(true), Value::Null)]);
    let exact = narrative(&app, &w.agent_b, &w.cohort_b, "FR").await;
    assert!(exact["summary"].as_str().unwrap().contains("(10 révélation, 0 idéation, 4 prototypage)"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_narrative_refuses_like_the_report(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let vars = json!({ "id": w.cohort_a, "lang": "FR" });
    assert_eq!(app.code(Some(&partner), NARRATIVE, vars.clone()).await, "FORBIDDEN");
    assert_eq!(app.code(Some(&w.agent_b), NARRATIVE, vars.clone()).await, "NOT_FOUND");
    assert_eq!(app.code(None, NARRATIVE, vars).await, "UNAUTHENTICATED");
    assert_eq!(app.code(Some(&w.admin), NARRATIVE, json!({ "id": w.cohort_a, "lang": "DE" })).await, "BAD_USER_INPUT");
    let bad_literal = "query($id: ID!) { cohortReport(cohortId: $id) { narrative(language: fr) { text } } }";
    assert_eq!(app.code(Some(&w.admin), bad_literal, json!({ "id": w.cohort_a })).await, "BAD_USER_INPUT");
}
