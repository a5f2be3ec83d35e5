//! The access matrix: every operation × every role × own or other region/partner. Nothing
//! leaks: not through `node`, nested fields, lists, nor error messages.

use serde_json::{json, Value};
use sismic_api_tests::{create_activity, create_partner, create_project, raw_id, register, Actor, TestApp, World};
use sqlx::PgPool;

/// What a role should get.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok,
    Code(&'static str),
}
use Expect::{Code, Ok as Allowed};

const NF: Expect = Code("NOT_FOUND");
const FB: Expect = Code("FORBIDDEN");
const UA: Expect = Code("UNAUTHENTICATED");

/// Personal information and free text that must never reach anyone but the region's staff.
const SECRETS: [&str; 4] = ["Gagnon", "lea.gagnon", "Notes confidentielles", "Coaching privé"];

struct Fixture {
    world: World,
    partner_own: Actor,
    partner_other: Actor,
    funder: Actor,
    project: String,
    participant: String,
    activity: String,
    follow_up: String,
    award: String,
}

async fn fixture(app: &TestApp) -> Fixture {
    let w = World::build(app).await;
    let other_partner = create_partner(app, &w.admin, "UQTR", "UNIVERSITY").await;
    let project = create_project(app, &w.agent_a, &w.cohort_a, "Friperie", Some(&w.college)).await;
    app.ok(
        &w.agent_a,
        "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } } }",
        json!({ "i": { "projectId": project, "summary": "Notes confidentielles" } }),
    )
    .await;
    let participant = register(app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    app.ok(
        &w.agent_a,
        "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
        json!({ "i": { "participantId": participant, "email": "lea.gagnon@example.com" } }),
    )
    .await;
    app.ok(
        &w.agent_a,
        "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }",
        json!({ "i": { "projectId": project, "participantId": participant } }),
    )
    .await;
    let activity = create_activity(app, &w.agent_a, &w.cohort_a, "REVELATION", "2020-10-08").await;
    let follow_up = app.ok(&w.agent_a, "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
        json!({ "i": { "projectId": project, "occurredOn": "2020-11-01", "mode": "PHONE", "summary": "Coaching privé" } }))
        .await["logFollowUp"]["followUp"]["id"].as_str().unwrap().to_owned();
    let award = app.ok(&w.agent_a, "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }",
        json!({ "i": { "projectId": project, "funderPartnerId": w.funder, "amountCents": 5000, "awardedOn": "2021-06-15" } }))
        .await["recordAward"]["award"]["id"].as_str().unwrap().to_owned();
    let partner_own = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let partner_other = app.user("PARTNER", None, Some(raw_id(&other_partner))).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;
    Fixture { world: w, partner_own, partner_other, funder, project, participant, activity, follow_up, award }
}

/// (label, actor) for every role, in the order of the expectation arrays:
/// admin, agent of the region, agent of another region, the project's partner, another
/// partner, a funder, nobody.
fn roles(f: &Fixture) -> [(&'static str, Option<&Actor>); 7] {
    [
        ("admin", Some(&f.world.admin)),
        ("agent (own region)", Some(&f.world.agent_a)),
        ("agent (other region)", Some(&f.world.agent_b)),
        ("partner (origin)", Some(&f.partner_own)),
        ("partner (other)", Some(&f.partner_other)),
        ("funder", Some(&f.funder)),
        ("anonymous", None),
    ]
}

async fn check(
    app: &TestApp,
    f: &Fixture,
    label: &str,
    query: &str,
    vars: Value,
    expected: [Expect; 7],
    may_see_secrets: [bool; 7],
) {
    for (i, (role, actor)) in roles(f).into_iter().enumerate() {
        let response = app.post(actor.map(|a| a.token.as_str()), query, vars.clone()).await;
        let got = match response.get("errors") {
            None => Allowed,
            Some(_) => Code(match sismic_api_tests::error_code(&response).as_str() {
                "NOT_FOUND" => "NOT_FOUND",
                "FORBIDDEN" => "FORBIDDEN",
                "UNAUTHENTICATED" => "UNAUTHENTICATED",
                "BAD_USER_INPUT" => "BAD_USER_INPUT",
                other => panic!("{label} as {role}: unexpected code {other}: {response:#}"),
            }),
        };
        assert_eq!(got, expected[i], "{label} as {role}: {response:#}");
        if !may_see_secrets[i] {
            let text = response.to_string();
            for secret in SECRETS {
                assert!(!text.contains(secret), "{label} as {role} leaks `{secret}`: {text}");
            }
        }
    }
}

/// One mutation of the matrix: its name, document, input, what each role gets, and what the
/// first allowed role then gets (None: success; a code proving the access gate was passed).
type Case = (&'static str, String, Value, [Expect; 7], Option<&'static str>);

const STAFF_ONLY: [bool; 7] = [true, true, false, false, false, false, false];

#[sqlx::test(migrations = "../migrations")]
async fn every_query_answers_each_role_as_the_contract_says(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let f = fixture(&app).await;
    let p = json!({ "id": f.project });
    let project_fields =
        "query($id: ID!) { project(id: $id) { name stage status version followUpCount lastFollowUpOn teamSize
        stageHistory { toStage note } originPartner { name } cohort { name } } }";
    check(
        &app,
        &f,
        "project (public fields)",
        project_fields,
        p.clone(),
        [Allowed, Allowed, NF, Allowed, NF, FB, UA],
        STAFF_ONLY,
    )
    .await;
    for (label, field) in [
        ("project.summary", "summary"),
        ("project.team", "team { firstName }"),
        ("project.followUps", "followUps { edges { node { summary } } }"),
        ("project.awards", "awards { amountCents }"),
        ("project.enterpriseLaunch", "enterpriseLaunch { legalName }"),
    ] {
        let query = format!("query($id: ID!) {{ project(id: $id) {{ {field} }} }}");
        check(&app, &f, label, &query, p.clone(), [Allowed, Allowed, NF, FB, NF, FB, UA], STAFF_ONLY).await;
    }
    let node = "query($id: ID!) { node(id: $id) { id ... on Participant { firstName lastName email } ... on FollowUp { summary }
        ... on Project { name } ... on Activity { attendees { lastName } } ... on Award { amountCents } } }";
    check(&app, &f, "node(project)", node, p.clone(), [Allowed, Allowed, NF, Allowed, NF, NF, UA], STAFF_ONLY).await;
    for (label, id) in
        [("participant", &f.participant), ("follow-up", &f.follow_up), ("activity", &f.activity), ("award", &f.award)]
    {
        check(
            &app,
            &f,
            &format!("node({label})"),
            node,
            json!({ "id": id }),
            [Allowed, Allowed, NF, NF, NF, NF, UA],
            STAFF_ONLY,
        )
        .await;
    }
    check(
        &app,
        &f,
        "participantDataExport",
        "query($id: ID!) { participantDataExport(participantId: $id) }",
        json!({ "id": f.participant }),
        [Allowed, Allowed, NF, FB, FB, FB, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "cohortReport",
        "query($id: ID!) { cohortReport(cohortId: $id) { participantsReached followUpCount } }",
        json!({ "id": f.world.cohort_a }),
        [Allowed, Allowed, NF, FB, FB, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    for (label, query) in [
        ("participants", "{ participants { edges { node { lastName email } } } }"),
        ("activities", "{ activities { edges { node { title attendees { lastName } } } } }"),
        ("followUps", "{ followUps { edges { node { summary } } } }"),
    ] {
        check(&app, &f, label, query, json!({}), [Allowed, Allowed, Allowed, FB, FB, FB, UA], STAFF_ONLY).await;
    }
    check(
        &app,
        &f,
        "me",
        "{ me { email role } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "regions",
        "{ regions { code name cohorts { edges { node { name } } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "cohorts",
        "{ cohorts { edges { node { name startsOn endsOn region { code } } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "cohorts' projects",
        "{ cohorts { edges { node { name projects { edges { node { name } } } } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, FB, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "node(cohort)",
        "query($id: ID!) { node(id: $id) { id ... on Cohort { name } } }",
        json!({ "id": f.world.cohort_a }),
        [Allowed, Allowed, NF, Allowed, NF, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(&app, &f, "node(user)", "query($id: ID!) { node(id: $id) { id ... on User { email } } }",
        json!({ "id": sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, f.world.agent_a.user_id).to_string() }),
        [Allowed, Allowed, NF, NF, NF, NF, UA], STAFF_ONLY).await;
    check(
        &app,
        &f,
        "auditLog",
        "{ auditLog { edges { node { operation } } } }",
        json!({}),
        [Allowed, FB, FB, FB, FB, FB, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "users",
        "{ users { edges { node { email mustChangePassword } } } }",
        json!({}),
        [Allowed, FB, FB, FB, FB, FB, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "cohortReport.narrative",
        "query($id: ID!) { cohortReport(cohortId: $id) { narrative(language: EN) { text } } }",
        json!({ "id": f.world.cohort_a }),
        [Allowed, Allowed, NF, FB, FB, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "projects",
        "{ projects { edges { node { name } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, FB, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "partners",
        "{ partners { edges { node { name kind } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, UA],
        STAFF_ONLY,
    )
    .await;
    check(
        &app,
        &f,
        "partners' projects",
        "{ partners { edges { node { name projects { edges { node { name } } } } } } }",
        json!({}),
        [Allowed, Allowed, Allowed, Allowed, Allowed, FB, UA],
        STAFF_ONLY,
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn lists_return_exactly_what_each_role_may_see(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let f = fixture(&app).await;
    create_project(&app, &f.world.agent_b, &f.world.cohort_b, "Projet B", Some(&f.world.college)).await;
    let names = |v: &Value| -> Vec<String> {
        v["projects"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let list = "{ projects { edges { node { name } } } }";
    assert_eq!(names(&app.ok(&f.world.admin, list, json!({})).await).len(), 2);
    assert_eq!(names(&app.ok(&f.world.agent_a, list, json!({})).await), ["Friperie"]);
    assert_eq!(names(&app.ok(&f.world.agent_b, list, json!({})).await), ["Projet B"]);
    assert_eq!(names(&app.ok(&f.partner_own, list, json!({})).await).len(), 2, "both came from the college");
    assert!(names(&app.ok(&f.partner_other, list, json!({})).await).is_empty());
    assert_eq!(app.code(Some(&f.funder), list, json!({})).await, "FORBIDDEN");
    // A partner account sees its own institution only; a partner's nested projects are filtered too.
    let partners = app
        .ok(
            &f.partner_other,
            "{ partners { edges { node { name projects { edges { node { name } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(partners["partners"]["edges"], json!([{ "node": { "name": "UQTR", "projects": { "edges": [] } } }]));
    let college = app
        .ok(
            &f.world.agent_b,
            "query($id: ID!) { node(id: $id) { ... on Partner { projects { edges { node { name } } } } } }",
            json!({ "id": f.world.college }),
        )
        .await;
    assert_eq!(college["node"]["projects"]["edges"], json!([{ "node": { "name": "Projet B" } }]));
    // What a partner may know of a project's follow-ups and team, it knows exactly.
    let figures = app
        .ok(
            &f.partner_own,
            "query($id: ID!) { project(id: $id) { followUpCount lastFollowUpOn teamSize } }",
            json!({ "id": f.project }),
        )
        .await;
    assert_eq!(figures["project"], json!({ "followUpCount": 1, "lastFollowUpOn": "2020-11-01", "teamSize": 1 }));
    // Stage history notes are for staff.
    let history = app
        .ok(
            &f.partner_own,
            "query($id: ID!) { project(id: $id) { stageHistory { note } } }",
            json!({ "id": f.project }),
        )
        .await;
    assert_eq!(history["project"]["stageHistory"][0]["note"], Value::Null);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_mutation_answers_each_role_as_the_contract_says_and_refusals_write_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let f = fixture(&app).await;
    let w = &f.world;
    let staff_in_region = [Allowed, Allowed, NF, FB, FB, FB, UA];
    let spare = app.user("AGENT", Some(raw_id(&w.region_a)), None).await;
    let spare_id = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, spare.user_id).to_string();
    // (operation, document, input, expectations; what the first allowed role then gets: None for
    // success, or a code that proves the access gate was passed and the rules were reached).
    let cases: Vec<Case> = vec![
        (
            "advanceProjectStage",
            "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "expectedVersion": 1 }),
            staff_in_region,
            None,
        ),
        (
            "setProjectStatus",
            "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "status": "ON_HOLD", "expectedVersion": 2, "note": "pause" }),
            staff_in_region,
            None,
        ),
        (
            "moveProjectStage",
            "mutation($i: MoveProjectStageInput!) { moveProjectStage(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "toStage": "REVELATION", "expectedVersion": 3, "note": "retour" }),
            staff_in_region,
            Some("INVALID_TRANSITION"),
        ),
        (
            "recordEnterpriseLaunch",
            "mutation($i: RecordEnterpriseLaunchInput!) { recordEnterpriseLaunch(input: $i) { project { id } } }"
                .into(),
            json!({ "projectId": f.project, "expectedVersion": 3, "legalName": "Coop", "legalForm": "COOPERATIVE", "launchedOn": "2021-03-01" }),
            staff_in_region,
            Some("INVALID_TRANSITION"),
        ),
        (
            "updateProject",
            "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "name": "Friperie solidaire" }),
            staff_in_region,
            None,
        ),
        (
            "removeProjectMember",
            "mutation($i: ProjectMemberInput!) { removeProjectMember(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "participantId": f.participant }),
            staff_in_region,
            None,
        ),
        (
            "addProjectMember",
            "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }".into(),
            json!({ "projectId": f.project, "participantId": f.participant }),
            staff_in_region,
            None,
        ),
        (
            "recordConsent",
            "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { participant { id } } }".into(),
            json!({ "participantId": f.participant, "givenOn": "2020-10-08", "purposes": ["REPORTING"] }),
            staff_in_region,
            None,
        ),
        (
            "logFollowUp",
            "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }".into(),
            json!({ "projectId": f.project, "occurredOn": "2020-11-02", "mode": "EMAIL", "summary": "x" }),
            staff_in_region,
            None,
        ),
        (
            "recordAttendance",
            "mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { activity { id } } }".into(),
            json!({ "activityId": f.activity, "participantIds": [f.participant] }),
            staff_in_region,
            None,
        ),
        (
            "recordAward",
            "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { id } } }".into(),
            json!({ "projectId": f.project, "funderPartnerId": w.funder, "amountCents": 10, "awardedOn": "2021-01-01" }),
            staff_in_region,
            None,
        ),
        (
            "updateParticipant",
            "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }".into(),
            json!({ "participantId": f.participant, "firstName": "Léa-Rose" }),
            staff_in_region,
            None,
        ),
        (
            "createProject",
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }".into(),
            json!({ "cohortId": w.cohort_a, "name": "Nouveau" }),
            staff_in_region,
            None,
        ),
        (
            "createActivity",
            "mutation($i: CreateActivityInput!) { createActivity(input: $i) { activity { id } } }".into(),
            json!({ "cohortId": w.cohort_a, "stage": "IDEATION", "title": "Atelier", "heldOn": "2020-12-01" }),
            staff_in_region,
            None,
        ),
        (
            "createCohort",
            "mutation($i: CreateCohortInput!) { createCohort(input: $i) { cohort { id } } }".into(),
            json!({ "regionId": w.region_a, "name": "2021-2022", "startsOn": "2021-04-01", "endsOn": "2022-03-31" }),
            staff_in_region,
            None,
        ),
        (
            "registerParticipant",
            "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }".into(),
            json!({ "regionId": w.region_a, "firstName": "Noah", "lastName": "Roy" }),
            staff_in_region,
            None,
        ),
        (
            "createPartner",
            "mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } } }".into(),
            json!({ "name": "SDED", "kind": "ECONOMIC_DEVELOPMENT" }),
            [Allowed, Allowed, Allowed, FB, FB, FB, UA],
            None,
        ),
        (
            "createRegion",
            "mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } } }".into(),
            json!({ "code": "CN", "name": "Capitale-Nationale" }),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
        (
            "createUser",
            "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }".into(),
            json!({ "email": "new@test.example", "password": "a long password", "role": "FUNDER" }),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
        (
            "withdrawConsent",
            "mutation($i: ID!) { withdrawConsent(participantId: $i) { participant { id } } }".into(),
            json!(f.participant),
            staff_in_region,
            None,
        ),
        (
            "eraseParticipant",
            "mutation($i: ID!) { eraseParticipant(participantId: $i) { participant { anonymized } } }".into(),
            json!(f.participant),
            staff_in_region,
            None,
        ),
        (
            "resetUserPassword",
            "mutation($i: ID!) { resetUserPassword(userId: $i) { user { mustChangePassword } } }".into(),
            json!(spare_id),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
        (
            "updateRegion",
            "mutation($i: UpdateRegionInput!) { updateRegion(input: $i) { region { id } } }".into(),
            json!({ "regionId": w.region_a, "name": "Région A (renommée)" }),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
        (
            "updatePartner",
            "mutation($i: UpdatePartnerInput!) { updatePartner(input: $i) { partner { id } } }".into(),
            json!({ "partnerId": w.college, "name": "Cégep de Victoriaville (renommé)" }),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
        (
            "updateCohort",
            "mutation($i: UpdateCohortInput!) { updateCohort(input: $i) { cohort { id } } }".into(),
            json!({ "cohortId": w.cohort_a, "name": "2020-2021 (renommée)" }),
            staff_in_region,
            None,
        ),
        (
            "setUserActive",
            "mutation($i: ID!) { setUserActive(userId: $i, active: false) { user { active } } }".into(),
            json!(spare_id),
            [Allowed, FB, FB, FB, FB, FB, UA],
            None,
        ),
    ];
    for (label, mutation, input, expected, allowed_outcome) in cases {
        // Refusals first: none writes anything.
        let before = app.snapshot().await;
        for (i, (role, actor)) in roles(&f).into_iter().enumerate() {
            if expected[i] == Allowed {
                continue;
            }
            let response = app.post(actor.map(|a| a.token.as_str()), &mutation, json!({ "i": input })).await;
            let Code(code) = expected[i] else { unreachable!() };
            assert_eq!(sismic_api_tests::error_code(&response), code, "{label} as {role}");
            let text = response.to_string();
            assert!(SECRETS.iter().all(|s| !text.contains(s)), "{label} as {role} leaks: {text}");
        }
        assert_eq!(app.snapshot().await, before, "{label}: a refusal wrote something");
        // Then the first allowed role succeeds.
        let (role, actor) =
            roles(&f).into_iter().enumerate().find(|(i, _)| expected[*i] == Allowed).map(|(_, r)| r).unwrap();
        let response = app.post(actor.map(|a| a.token.as_str()), &mutation, json!({ "i": input })).await;
        match allowed_outcome {
            None => assert!(response.get("errors").is_none(), "{label} as {role}: {response:#}"),
            Some(code) => assert_eq!(sismic_api_tests::error_code(&response), code, "{label} as {role}"),
        }
    }
}
