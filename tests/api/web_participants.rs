//! The agents' participants screens in headless Chromium against the real server
//! (web/tests/app-participants.mjs): the list and its search, registration with consent, the
//! likely-duplicate warning (the duplicate is not created), editing, consents, the Law 25
//! export and erasure, an administrator choosing the region; then, through the API, what the
//! browser did.

use crate::clients::node_script;
use serde_json::{json, Value};
use sismic_api_tests::TestApp;
use sqlx::PgPool;

/// People of the agent's region besides Léo Tremblay: 22 of them, so the list has a second page.
const OTHERS: [(&str, &str); 22] = [
    ("Camille", "Roy"),
    ("Noah", "Gagnon"),
    ("Emma", "Côté"),
    ("Olivia", "Bouchard"),
    ("William", "Gauthier"),
    ("Alice", "Morin"),
    ("Thomas", "Lavoie"),
    ("Charlotte", "Fortin"),
    ("Jacob", "Gagné"),
    ("Florence", "Ouellet"),
    ("Liam", "Pelletier"),
    ("Rosalie", "Bélanger"),
    ("Félix", "Lévesque"),
    ("Zoé", "Bergeron"),
    ("Nathan", "Leblanc"),
    ("Juliette", "Paquette"),
    ("Samuel", "Girard"),
    ("Béatrice", "Simard"),
    ("Arthur", "Boucher"),
    ("Mia", "Caron"),
    ("Édouard", "Beaulieu"),
    ("Clara", "Cloutier"),
];

async fn register(app: &TestApp, actor: &sismic_api_tests::Actor, input: Value) -> String {
    let data = app
        .ok(
            actor,
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": input }),
        )
        .await;
    data["registerParticipant"]["participant"]["id"].as_str().expect("id").to_owned()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_participants_screens_work_in_chromium(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/index.html").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    let world = sismic_api_tests::World::build(&app).await;
    let agent = &world.agent_a;
    let leo = register(
        &app,
        agent,
        json!({ "firstName": "Léo", "lastName": "Tremblay", "email": "leo.tremblay@exemple.ca", "birthYear": 2003, "gender": "MAN", "mrc": "Arthabaska" }),
    )
    .await;
    for (first, last) in OTHERS {
        register(&app, agent, json!({ "firstName": first, "lastName": last, "birthYear": 2001 })).await;
    }
    // Another region's Léonie: the agent never sees her, not even when searching « leo ».
    register(&app, &world.agent_b, json!({ "firstName": "Léonie", "lastName": "Tremblay", "birthYear": 2003 })).await;
    // Léo is on a project's team: his page links to it.
    let project =
        sismic_api_tests::create_project(&app, agent, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    app.ok(
        agent,
        "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }",
        json!({ "i": { "projectId": project, "participantId": leo } }),
    )
    .await;

    let email = app.email_of(agent).await;
    let admin = app.email_of(&world.admin).await;
    let output = node_script(
        "app-participants.mjs",
        &[&app.address, &email, sismic_api_tests::TEST_PASSWORD, "test-results", &admin],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the participants screens work in Chromium"), "{output}");

    // What the browser did, through the API: three people registered (Maëlle Côté, a second
    // Camille Roy confirmed with « Créer quand même », Jade Morin-Lachance across an expired
    // session), never the duplicate of Maëlle; Maëlle erased.
    // The browser's « sign out everywhere » (the expired session) revoked the agent's token:
    // a new one.
    let login = app
        .post(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({ "e": email, "p": sismic_api_tests::TEST_PASSWORD }),
        )
        .await;
    let token = login["data"]["login"]["token"].as_str().expect("a new token").to_owned();
    let agent = &sismic_api_tests::Actor { user_id: agent.user_id, token };
    let data = app
        .ok(agent, "{ participants(first: 100) { nodes { id firstName lastName email birthYear mrc anonymized consents { purposes } } } }", json!({}))
        .await;
    let people = data["participants"]["nodes"].as_array().expect("nodes").clone();
    assert_eq!(people.len(), 1 + OTHERS.len() + 3, "{people:#?}");
    let named =
        |first: &str, last: &str| people.iter().filter(|p| p["firstName"] == first && p["lastName"] == last).count();
    assert_eq!(named("Jade", "Morin-Lachance"), 1, "registered once across an expired session");
    assert_eq!(named("Camille", "Roy"), 2, "« Créer quand même » registered a second Camille Roy");
    assert_eq!(
        named("Maëlle", "Côté") + named("Maelle", "Cote"),
        0,
        "Maëlle is erased, and her duplicate never existed"
    );
    let erased: Vec<&Value> = people.iter().filter(|p| p["anonymized"] == true).collect();
    assert_eq!(erased.len(), 1, "{people:#?}");
    let erased = erased[0];
    assert_eq!(erased["email"], Value::Null);
    assert_eq!(erased["consents"], json!([]));
    // What reports count stays: the birth year and the MRC the agent corrected to.
    assert_eq!(erased["birthYear"], 2002);
    assert_eq!(erased["mrc"], "Arthabaska");
    assert!(people.iter().all(|p| p["firstName"] != "Léonie"), "another region's person is never listed");
}
