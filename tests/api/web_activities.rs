//! The activities and attendance screens of the web app in Chromium (`web/tests/app-activities.mjs`).

use crate::clients::node_script;
use serde_json::json;
use sismic_api_tests::{create_activity, create_cohort, register, TestApp, World};
use sqlx::PgPool;

/// As the agent: the list, creating an activity, the attendance checklist saved in one request
/// (checked through the API here too), a CONFLICT retried, the printable sheet (print media and a
/// PDF), another region's activity not found; axe-core on every state, screenshots.
#[sqlx::test(migrations = "../migrations")]
async fn the_activities_and_attendance_screens_work_in_chromium(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/index.html").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let agent = &world.agent_a;
    let older = create_cohort(&app, &world.admin, &world.region_a, "2019-2020").await;
    let create = "mutation($i: CreateActivityInput!) { createActivity(input: $i) { activity { id } } }";
    for (cohort, title, held_on) in
        [(&older, "Atelier d’accueil 2019", "2019-11-05"), (&world.cohort_a, "Atelier de révélation", "2020-10-08")]
    {
        let activity = json!({ "i": { "cohortId": cohort, "stage": "REVELATION", "title": title, "heldOn": held_on } });
        app.ok(agent, create, activity).await;
    }
    let elsewhere = json!({ "i": { "cohortId": world.cohort_b, "stage": "IDEATION", "title": "Activité d’une autre région", "heldOn": "2020-10-08" } });
    let elsewhere = app.ok(&world.agent_b, create, elsewhere).await["createActivity"]["activity"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for (first, last) in [
        ("Léa", "Gagnon"),
        ("Léo", "Roy"),
        ("Mathis", "Lévesque"),
        ("Zoé", "Côté"),
        ("Émile", "Bouchard"),
        ("Noah", "Tremblay"),
    ] {
        register(&app, agent, &world.region_a, first, last).await;
    }
    register(&app, &world.agent_b, &world.region_b, "Olivia", "Ailleurs").await;
    // Someone erased (Law 25) is never offered on the checklist.
    let erased = register(&app, agent, &world.region_a, "Jade", "Effacée").await;
    app.ok(
        agent,
        "mutation($id: ID!) { eraseParticipant(participantId: $id) { participant { id } } }",
        json!({ "id": erased }),
    )
    .await;
    // Region B's own activity has someone present: the agent of region A never sees them.
    let olivia_activity = create_activity(&app, &world.agent_b, &world.cohort_b, "PROTOTYPING", "2020-12-01").await;
    let olivia = app.ok(&world.agent_b, "{ participants(first: 5) { nodes { id } } }", json!({})).await["participants"]
        ["nodes"][0]["id"]
        .clone();
    sismic_api_tests::attend(&app, &world.agent_b, &olivia_activity, [olivia]).await;

    let email = app.email_of(agent).await;
    let output = node_script(
        "app-activities.mjs",
        &[&app.address, &email, sismic_api_tests::TEST_PASSWORD, &elsewhere, "test-results"],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the activities and attendance screens work in Chromium"), "{output}");

    // Through the API: the activity the browser created holds exactly the four people checked.
    let data = app
        .ok(
            agent,
            "{ activities(first: 100) { nodes { title stage heldOn attendees { firstName lastName } } } }",
            json!({}),
        )
        .await;
    let created: Vec<_> =
        data["activities"]["nodes"].as_array().expect("list").iter().filter(|a| a["title"] == "Atelier BMC").collect();
    assert_eq!(created.len(), 1, "one activity created, however often the form was sent: {data}");
    assert_eq!(created[0]["stage"], "IDEATION");
    assert_eq!(created[0]["heldOn"], "2020-11-19");
    let mut names: Vec<String> = created[0]["attendees"]
        .as_array()
        .expect("attendees")
        .iter()
        .map(|p| format!("{} {}", p["firstName"].as_str().unwrap(), p["lastName"].as_str().unwrap()))
        .collect();
    names.sort();
    assert_eq!(names, ["Léa Gagnon", "Mathis Lévesque", "Noah Tremblay", "Émile Bouchard"]);
}
