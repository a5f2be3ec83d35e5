//! The partner's screens in headless Chromium against the real server (web/tests/app-partner.mjs):
//! only the partner's own projects (in every region), also when following every link; filters
//! in the address; no screen of another role; no note, follow-up text or participant anywhere.

use crate::clients::node_script;
use serde_json::json;
use sismic_api_tests::{create_partner, create_project, raw_id, register, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_partners_screens_work_in_chromium(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let other_partner = create_partner(&app, &world.admin, "Université du Québec à Trois-Rivières", "UNIVERSITY").await;

    let cafe = create_project(&app, agent, &world.cohort_a, "Café coopératif", Some(&world.college)).await;
    let garden = create_project(&app, agent, &world.cohort_a, "Jardin collectif", Some(&world.college)).await;
    create_project(&app, agent, &world.cohort_a, "Friperie étudiante", Some(&world.college)).await;
    // The same partner's project in another region: a partner sees it too.
    create_project(&app, &world.agent_b, &world.cohort_b, "Radio jeunesse", Some(&world.college)).await;
    // Not the partner's: never listed, answered as not found.
    let others = create_project(&app, agent, &world.cohort_a, "Atelier de l'autre", Some(&other_partner)).await;
    create_project(&app, agent, &world.cohort_a, "Projet sans origine", None).await;

    app.ok(
        agent,
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": cafe, "expectedVersion": 1 } }),
    )
    .await;
    app.ok(
        agent,
        "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }",
        json!({ "i": { "projectId": garden, "expectedVersion": 1 } }),
    )
    .await;
    app.ok(
        agent,
        "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { id } } }",
        json!({ "i": { "projectId": garden, "status": "ON_HOLD", "expectedVersion": 2, "note": "Note confidentielle de l'agente" } }),
    )
    .await;
    app.ok(
        agent,
        "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
        json!({ "i": { "projectId": cafe, "occurredOn": "2021-02-01", "mode": "PHONE", "summary": "Texte du suivi réservé" } }),
    )
    .await;
    let member = register(&app, agent, &world.region_a, "Zoé", "Pelletier").await;
    app.ok(
        agent,
        "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }",
        json!({ "i": { "projectId": cafe, "participantId": member } }),
    )
    .await;

    let expected = json!([
        { "name": "Café coopératif", "stage": "IDEATION" },
        { "name": "Jardin collectif", "stage": "IDEATION" },
        { "name": "Friperie étudiante", "stage": "REVELATION" },
        { "name": "Radio jeunesse", "stage": "REVELATION" },
    ]);
    let forbidden = json!([
        "Note confidentielle de l'agente",
        "Texte du suivi réservé",
        "Zoé",
        "Pelletier",
        "Atelier de l'autre",
        "Projet sans origine"
    ]);
    let email = app.email_of(&partner).await;
    let output = node_script(
        "app-partner.mjs",
        &[&app.address, &email, TEST_PASSWORD, &expected.to_string(), &others, &forbidden.to_string(), "test-results"],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the partner’s screens work in Chromium"), "{output}");
}
