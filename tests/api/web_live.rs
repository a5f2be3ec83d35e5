//! Live updates in headless Chromium against the real server (web/tests/app-live.mjs): an
//! agent's board, a partner's list and project page and another partner's list are open;
//! changes made through the API appear on the open pages without a reload, and the other
//! partner's page does not change; a board whose socket drops reconnects and reads again what it
//! missed; a page without a WebSocket works as before.

use crate::clients::node_script;
use serde_json::json;
use sismic_api_tests::{create_partner, create_project, raw_id, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_board_and_the_partner_pages_update_live_in_chromium(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    let university = create_partner(&app, &world.admin, "Université du Québec à Trois-Rivières", "UNIVERSITY").await;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let other = app.user("PARTNER", None, Some(raw_id(&university))).await;
    let ours = create_project(&app, agent, &world.cohort_a, "Café coopératif", Some(&world.college)).await;
    let theirs = create_project(&app, agent, &world.cohort_a, "Radio étudiante", Some(&university)).await;
    create_project(&app, agent, &world.cohort_a, "Friperie du campus", Some(&world.college)).await;

    let (agent_email, partner_email, other_email) =
        (app.email_of(agent).await, app.email_of(&partner).await, app.email_of(&other).await);
    let output = node_script(
        "app-live.mjs",
        &[&app.address, &agent_email, &partner_email, &other_email, TEST_PASSWORD, &ours, &theirs, "test-results"],
    )
    .await;
    println!("{output}");
    assert!(output.contains("live updates work in Chromium"), "{output}");

    // What the pages showed is what the API holds.
    let stage = |id: &str| {
        let id = id.to_owned();
        let app = &app;
        async move {
            app.ok(agent, "query($id: ID!) { project(id: $id) { stage followUpCount } }", json!({ "id": id })).await
                ["project"]
                .clone()
        }
    };
    assert_eq!(stage(&ours).await["stage"], "PROTOTYPING");
    assert_eq!(stage(&theirs).await["stage"], "PROTOTYPING");
    let listed = app.ok(&partner, "{ projects(first: 20) { nodes { name followUpCount } } }", json!({})).await;
    let born =
        listed["projects"]["nodes"].as_array().unwrap().iter().find(|p| p["name"] == "Coop née en direct").cloned();
    assert_eq!(born.expect("the project created live")["followUpCount"], 1);
}
