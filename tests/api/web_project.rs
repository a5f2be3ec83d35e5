//! The web app's project page (editing, team, awards, launch), the partner follow-up, and the
//! app opening offline, in headless Chromium against the real server (web/tests/app-project.mjs).

use crate::clients::node_script;
use serde_json::json;
use sismic_api_tests::{create_project, register, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_project_page_edits_and_the_app_opens_offline(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/sw.js").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    create_project(&app, agent, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    register(&app, agent, &world.region_a, "Léa", "Tremblay").await;
    register(&app, agent, &world.region_a, "Noah", "Gagnon").await;
    // Another region's namesake must never be offered to this agent's team.
    register(&app, &world.agent_b, &world.region_b, "Léa", "Tremblay-Ailleurs").await;
    let bike = create_project(&app, agent, &world.cohort_a, "Atelier vélo", None).await;
    for version in [1, 2] {
        app.ok(
            agent,
            "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
            json!({ "i": { "projectId": bike, "expectedVersion": version } }),
        )
        .await;
    }
    app.ok(
        agent,
        "mutation($i: RecordEnterpriseLaunchInput!) { recordEnterpriseLaunch(input: $i) { project { id } } }",
        json!({ "i": { "projectId": bike, "expectedVersion": 3, "legalName": "Coopérative Atelier vélo", "legalForm": "COOPERATIVE", "launchedOn": "2021-03-15" } }),
    )
    .await;
    let email = app.email_of(agent).await;
    let output = node_script("app-project.mjs", &[&app.address, &email, TEST_PASSWORD, "test-results"]).await;
    println!("{output}");
    assert!(output.contains("the project page and the offline start work in Chromium"), "{output}");
}

/// The board's budget (docs/web-budgets.md): 300 projects, measured by web/tests/board-budget.mjs.
/// It prints the figures (run with `--nocapture` to read them) and asserts no timing.
#[sqlx::test(migrations = "../migrations")]
async fn the_board_budget_is_measured_with_300_projects(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    // Through the API, in batches of 10 (the server's limit per request).
    for batch in 0..30 {
        let body: Vec<serde_json::Value> = (0..10)
            .map(|i| {
                json!({
                    "query": "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
                    "variables": { "i": { "cohortId": world.cohort_a, "name": format!("Projet {:03}", batch * 10 + i), "originPartnerId": if i % 2 == 0 { Some(&world.college) } else { None } } }
                })
            })
            .collect();
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&agent.token)
            .json(&body)
            .send()
            .await
            .expect("sent");
        let answers: Vec<serde_json::Value> = response.json().await.expect("JSON");
        assert!(answers.iter().all(|a| a.get("errors").is_none()), "{answers:?}");
    }
    let email = app.email_of(agent).await;
    let output = node_script("board-budget.mjs", &[&app.address, &email, TEST_PASSWORD, "5"]).await;
    println!("{output}");
    assert!(output.contains("board with 300 projects: interactive at"), "{output}");
}
