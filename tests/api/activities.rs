//! Participants, activities, attendance and teams.

use serde_json::json;
use sismic_api_tests::{create_activity, create_project, register, TestApp, World};
use sqlx::PgPool;

const ATTEND: &str = "mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { activity { attendeeCount attendees { firstName } } } }";

#[sqlx::test(migrations = "../migrations")]
async fn recording_someone_already_present_changes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "REVELATION", "2020-10-08").await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let noah = register(&app, &w.agent_a, &w.region_a, "Noah", "Roy").await;
    let data =
        app.ok(&w.agent_a, ATTEND, json!({ "i": { "activityId": activity, "participantIds": [lea, lea] } })).await;
    assert_eq!(data["recordAttendance"]["activity"]["attendeeCount"], 1);
    let before = app.snapshot().await;
    app.ok(&w.agent_a, ATTEND, json!({ "i": { "activityId": activity, "participantIds": [lea] } })).await;
    assert_eq!(app.snapshot().await, before);
    let data =
        app.ok(&w.agent_a, ATTEND, json!({ "i": { "activityId": activity, "participantIds": [lea, noah] } })).await;
    assert_eq!(data["recordAttendance"]["activity"]["attendeeCount"], 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn participants_and_activity_must_be_of_the_same_region(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let activity = create_activity(&app, &w.admin, &w.cohort_a, "IDEATION", "2020-12-03").await;
    let here = register(&app, &w.admin, &w.region_a, "Léa", "Gagnon").await;
    let there = register(&app, &w.admin, &w.region_b, "Noah", "Roy").await;
    let before = app.snapshot().await;
    let mixed = json!({ "i": { "activityId": activity, "participantIds": [here, there] } });
    assert_eq!(app.code(Some(&w.admin), ATTEND, mixed).await, "BAD_USER_INPUT");
    // For the agent of region A, region B's participant does not exist.
    let mixed = json!({ "i": { "activityId": activity, "participantIds": [here, there] } });
    assert_eq!(app.code(Some(&w.agent_a), ATTEND, mixed).await, "NOT_FOUND");
    assert_eq!(app.snapshot().await, before, "nothing recorded, not even the valid participant");
    let empty = json!({ "i": { "activityId": activity, "participantIds": [] } });
    assert_eq!(app.code(Some(&w.agent_a), ATTEND, empty).await, "BAD_USER_INPUT");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_activity_is_held_within_its_cohort(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let create = "mutation($i: CreateActivityInput!) { createActivity(input: $i) { activity { id } } }";
    let outside =
        json!({ "i": { "cohortId": w.cohort_a, "stage": "REVELATION", "title": "Atelier", "heldOn": "2021-04-01" } });
    assert_eq!(app.code(Some(&w.agent_a), create, outside).await, "BAD_USER_INPUT");
    let other_region =
        json!({ "i": { "cohortId": w.cohort_b, "stage": "REVELATION", "title": "Atelier", "heldOn": "2020-10-01" } });
    assert_eq!(app.code(Some(&w.agent_a), create, other_region).await, "NOT_FOUND");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_participant_shows_their_projects_and_attendance(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "REVELATION", "2020-10-08").await;
    app.ok(&w.agent_a, ATTEND, json!({ "i": { "activityId": activity, "participantIds": [lea] } })).await;
    let add =
        "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { teamSize team { firstName } } } }";
    let data = app.ok(&w.agent_a, add, json!({ "i": { "projectId": project, "participantId": lea } })).await;
    assert_eq!(data["addProjectMember"]["project"], json!({ "teamSize": 1, "team": [{ "firstName": "Léa" }] }));
    let again = app.ok(&w.agent_a, add, json!({ "i": { "projectId": project, "participantId": lea } })).await;
    assert_eq!(again["addProjectMember"]["project"]["teamSize"], 1);
    let query = "query($id: ID!) { node(id: $id) { ... on Participant { firstName projects { name } attendedActivities { stage heldOn } } } }";
    let data = app.ok(&w.agent_a, query, json!({ "id": lea })).await;
    assert_eq!(
        data["node"],
        json!({ "firstName": "Léa", "projects": [{ "name": "Friperie" }],
        "attendedActivities": [{ "stage": "REVELATION", "heldOn": "2020-10-08" }] })
    );
    let remove = "mutation($i: ProjectMemberInput!) { removeProjectMember(input: $i) { project { teamSize } } }";
    let data = app.ok(&w.agent_a, remove, json!({ "i": { "projectId": project, "participantId": lea } })).await;
    assert_eq!(data["removeProjectMember"]["project"]["teamSize"], 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn participant_input_is_validated(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let mutation = "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id region { code } } } }";
    let before = app.snapshot().await;
    assert_eq!(
        app.code(Some(&w.agent_a), mutation, json!({ "i": { "firstName": " ", "lastName": "Roy" } })).await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.code(
            Some(&w.agent_a),
            mutation,
            json!({ "i": { "firstName": "Noah", "lastName": "Roy", "email": "pas-un-courriel" } })
        )
        .await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.code(
            Some(&w.agent_a),
            mutation,
            json!({ "i": { "regionId": w.region_b, "firstName": "Noah", "lastName": "Roy" } })
        )
        .await,
        "NOT_FOUND"
    );
    assert_eq!(
        app.code(Some(&w.admin), mutation, json!({ "i": { "firstName": "Noah", "lastName": "Roy" } })).await,
        "BAD_USER_INPUT"
    );
    assert_eq!(app.snapshot().await, before);
    let data = app.ok(&w.agent_a, mutation, json!({ "i": { "firstName": "Noah", "lastName": "Roy" } })).await;
    assert_eq!(data["registerParticipant"]["participant"]["region"]["code"], "AA");
}

#[sqlx::test(migrations = "../migrations")]
async fn awards_are_recorded_from_funders_within_bounds(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", Some(&w.college)).await;
    let award = "mutation($i: RecordAwardInput!) { recordAward(input: $i) { award { amountCents awardedOn funder { name } project { name } } } }";
    let before = app.snapshot().await;
    for amount in [0, -5, 100_000_001] {
        let input = json!({ "i": { "projectId": project, "funderPartnerId": w.funder, "amountCents": amount, "awardedOn": "2021-06-15" } });
        assert_eq!(app.code(Some(&w.agent_a), award, input).await, "BAD_USER_INPUT");
    }
    let not_a_funder = json!({ "i": { "projectId": project, "funderPartnerId": w.college, "amountCents": 100, "awardedOn": "2021-06-15" } });
    assert_eq!(app.code(Some(&w.agent_a), award, not_a_funder).await, "BAD_USER_INPUT");
    assert_eq!(app.snapshot().await, before);
    let ok = json!({ "i": { "projectId": project, "funderPartnerId": w.funder, "amountCents": 100_000_000, "awardedOn": "2021-06-15" } });
    let data = app.ok(&w.agent_a, award, ok).await;
    assert_eq!(data["recordAward"]["award"]["amountCents"], 100_000_000);
    assert_eq!(data["recordAward"]["award"]["funder"]["name"], "Fonds FTQ");
}
