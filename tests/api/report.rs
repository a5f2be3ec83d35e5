//! The cohort report, over the demo dataset: every figure of the 2020-2021 SISMIC section of
//! the annual report (shared/DOMAIN.md), and its definitions on data built to trip them.

use serde_json::{json, Value};
use sismic_api_tests::{attend, create_activity, create_project, raw_id, register, TestApp, World};
use sismic_store::Store;
use sqlx::PgPool;

const REPORT: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    cohort { name }
    participantsReached participantsByStage { stage count }
    projectCount projectsByStage { stage count } projectsByStatus { status count }
    enterprisesCreated followUpCount
    followUpsByOrigin { partner { name } projectCount followUpCount }
    partnerFollowUps { partner { name } followUpCount }
    awards { count totalAmountCents } } }";

async fn demo_cohort(app: &TestApp) -> String {
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("demo loads");
    let id: uuid::Uuid =
        sqlx::query_scalar("select cohort_id from cohort where name = '2020-2021'").fetch_one(&app.pool).await.unwrap();
    sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, id).to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_cohort_reproduces_the_2020_2021_annual_report(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cohort = demo_cohort(&app).await;
    let admin = app.user("ADMIN", None, None).await;
    let r = app.ok(&admin, REPORT, json!({ "id": cohort })).await["cohortReport"].clone();
    assert_eq!(r["participantsReached"], 18);
    assert_eq!(
        r["participantsByStage"],
        json!([
        { "stage": "REVELATION", "count": 10 }, { "stage": "IDEATION", "count": 13 }, { "stage": "PROTOTYPING", "count": 8 }])
    );
    assert_eq!(r["projectCount"], 7);
    assert_eq!(r["enterprisesCreated"], 1);
    assert_eq!(r["followUpCount"], 26 + 26 + 45);
    assert_eq!(
        r["followUpsByOrigin"],
        json!([
        { "partner": { "name": "SISMIC Capitale-Nationale" }, "projectCount": 1, "followUpCount": 45 },
        { "partner": { "name": "Cégep de Victoriaville" }, "projectCount": 4, "followUpCount": 26 },
        { "partner": { "name": "Université du Québec à Trois-Rivières (UQTR)" }, "projectCount": 2, "followUpCount": 26 }])
    );
    let partner_counts: Vec<(String, i64)> = r["partnerFollowUps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["partner"]["name"].as_str().unwrap().to_owned(), row["followUpCount"].as_i64().unwrap()))
        .collect();
    let expected = [
        ("Communauté de pratique des agentes et agents SISMIC", 36),
        ("Chantier de l'économie sociale", 13),
        ("Université du Québec à Trois-Rivières (UQTR)", 7),
        ("Société de développement économique de Drummondville (SDED)", 5),
        ("CJE de Bécancour-Nicolet-Yamaska : Place aux jeunes", 4),
        ("Réseau d'investissement social du Québec (RISQ)", 2),
        ("Cégep de Victoriaville", 1),
        ("Corporation de développement économique de Victoriaville et sa région (CDEVVR)", 1),
    ];
    assert_eq!(partner_counts, expected.iter().map(|(n, c)| (n.to_string(), *c)).collect::<Vec<_>>());
    assert_eq!(r["awards"], json!({ "count": 1, "totalAmountCents": 500000 }));
    assert_eq!(r["projectsByStatus"].as_array().unwrap().len(), 5);
    let launched =
        r["projectsByStatus"].as_array().unwrap().iter().find(|s| s["status"] == "LAUNCHED").unwrap()["count"].clone();
    assert_eq!(launched, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn report_definitions_hold_on_data_built_to_trip_them(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let agent = &w.agent_a;
    let other_cohort = sismic_api_tests::create_cohort(&app, &w.admin, &w.region_a, "2019-2020").await;
    let lea = register(&app, agent, &w.region_a, "Léa", "Gagnon").await;
    let noah = register(&app, agent, &w.region_a, "Noah", "Roy").await;
    let zoe = register(&app, agent, &w.region_a, "Zoé", "Leblanc").await;
    // Léa attends two stages and twice the same stage; Zoé only another cohort's activity.
    let rev1 = create_activity(&app, agent, &w.cohort_a, "REVELATION", "2020-10-01").await;
    let rev2 = create_activity(&app, agent, &w.cohort_a, "REVELATION", "2020-10-15").await;
    let idea = create_activity(&app, agent, &w.cohort_a, "IDEATION", "2020-12-01").await;
    let old = create_activity(&app, agent, &other_cohort, "PROTOTYPING", "2020-01-10").await;
    attend(&app, agent, &rev1, &[&lea, &noah]).await;
    attend(&app, agent, &rev2, &[&lea]).await;
    attend(&app, agent, &rev2, &[&lea]).await;
    attend(&app, agent, &idea, &[&lea]).await;
    attend(&app, agent, &old, &[&zoe]).await;

    // A project that moved forward then back; follow-ups inside, outside the period and from another region.
    let p = create_project(&app, agent, &w.cohort_a, "Aller-retour", Some(&w.college)).await;
    create_project(&app, agent, &w.cohort_a, "Sans origine", None).await;
    create_project(&app, agent, &other_cohort, "Autre cohorte", Some(&w.college)).await;
    app.ok(
        agent,
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": p, "expectedVersion": 1 } }),
    )
    .await;
    app.ok(
        agent,
        "mutation($i: MoveProjectStageInput!) { moveProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": p, "toStage": "REVELATION", "expectedVersion": 2, "note": "retour" } }),
    )
    .await;
    let log = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }";
    for (actor, input) in [
        (agent, json!({ "projectId": p, "occurredOn": "2020-11-01", "mode": "PHONE", "summary": "a" })),
        (
            agent,
            json!({ "projectId": p, "occurredOn": "2021-05-01", "mode": "PHONE", "summary": "après la cohorte, mais sur son projet" }),
        ),
        (
            agent,
            json!({ "partnerId": w.college, "occurredOn": "2020-11-01", "mode": "EMAIL", "summary": "dans la période" }),
        ),
        (
            agent,
            json!({ "partnerId": w.college, "occurredOn": "2021-04-02", "mode": "EMAIL", "summary": "hors période" }),
        ),
        (
            &w.agent_b,
            json!({ "partnerId": w.college, "occurredOn": "2020-11-01", "mode": "EMAIL", "summary": "autre région" }),
        ),
    ] {
        app.ok(actor, log, json!({ "i": input })).await;
    }

    let r = app.ok(agent, REPORT, json!({ "id": w.cohort_a })).await["cohortReport"].clone();
    assert_eq!(r["participantsReached"], 2, "Zoé attended another cohort only");
    assert_eq!(
        r["participantsByStage"],
        json!([
        { "stage": "REVELATION", "count": 2 }, { "stage": "IDEATION", "count": 1 }, { "stage": "PROTOTYPING", "count": 0 }])
    );
    assert_eq!(r["projectCount"], 2);
    assert_eq!(
        r["projectsByStage"][0],
        json!({ "stage": "REVELATION", "count": 2 }),
        "current stage after moving back"
    );
    assert_eq!(r["followUpCount"], 2, "follow-ups on the cohort's projects, whatever their date");
    assert_eq!(
        r["followUpsByOrigin"],
        json!([
        { "partner": { "name": "Cégep de Victoriaville" }, "projectCount": 1, "followUpCount": 2 },
        { "partner": null, "projectCount": 1, "followUpCount": 0 }])
    );
    assert_eq!(r["partnerFollowUps"], json!([{ "partner": { "name": "Cégep de Victoriaville" }, "followUpCount": 1 }]));
    assert_eq!(r["awards"], json!({ "count": 0, "totalAmountCents": 0 }));
}

#[sqlx::test(migrations = "../migrations")]
async fn who_may_read_a_cohort_report(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;
    let query = "query($id: ID!) { cohortReport(cohortId: $id) { projectCount } }";
    assert_eq!(app.code(Some(&w.agent_b), query, json!({ "id": w.cohort_a })).await, "NOT_FOUND");
    assert_eq!(app.code(Some(&partner), query, json!({ "id": w.cohort_a })).await, "FORBIDDEN");
    assert_eq!(app.code(None, query, json!({ "id": w.cohort_a })).await, "UNAUTHENTICATED");
    let ok: Value = app.ok(&funder, query, json!({ "id": w.cohort_a })).await;
    assert_eq!(ok["cohortReport"]["projectCount"], 0);
    app.ok(&w.agent_a, query, json!({ "id": w.cohort_a })).await;
    app.ok(&w.admin, query, json!({ "id": w.cohort_a })).await;
}
