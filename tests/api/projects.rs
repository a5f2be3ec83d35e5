//! Stages, statuses, launch, versions and history (API.md, "Rules").

use serde_json::{json, Value};
use sismic_api_tests::{create_project, Actor, TestApp, World};
use sqlx::PgPool;

const PROJECT: &str = "query($id: ID!) { project(id: $id) { id name stage status version
    stageHistory { fromStage toStage fromStatus toStatus at note } } }";
const ADVANCE: &str =
    "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { stage status version } } }";
const MOVE: &str =
    "mutation($i: MoveProjectStageInput!) { moveProjectStage(input: $i) { project { stage status version } } }";
const STATUS: &str =
    "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { stage status version } } }";
const LAUNCH: &str = "mutation($i: RecordEnterpriseLaunchInput!) { recordEnterpriseLaunch(input: $i) {
    project { stage status version enterpriseLaunch { legalName legalForm launchedOn neq } } } }";

async fn project(app: &TestApp, actor: &Actor, id: &str) -> Value {
    app.ok(actor, PROJECT, json!({ "id": id })).await["project"].clone()
}

async fn advance(app: &TestApp, actor: &Actor, id: &str, version: i64) -> Value {
    app.ok(actor, ADVANCE, json!({ "i": { "projectId": id, "expectedVersion": version } })).await["advanceProjectStage"]
        ["project"]
        .clone()
}

fn launch_input(id: &str, version: i64) -> Value {
    json!({ "i": { "projectId": id, "expectedVersion": version, "legalName": "Coop Le Rucher",
                   "legalForm": "COOPERATIVE", "launchedOn": "2021-03-15", "neq": "1176543210" } })
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_project_has_version_1_and_one_history_entry(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", Some(&w.college)).await;
    let p = project(&app, &w.agent_a, &id).await;
    assert_eq!(p["version"], 1);
    assert_eq!(p["stage"], "REVELATION");
    assert_eq!(p["status"], "ACTIVE");
    let history = p["stageHistory"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["fromStage"], Value::Null);
    assert_eq!(history[0]["fromStatus"], Value::Null);
    assert_eq!(history[0]["toStage"], "REVELATION");
    assert_eq!(history[0]["toStatus"], "ACTIVE");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_project_can_start_in_a_later_stage(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let data = app
        .ok(
            &w.agent_a,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { stage version } } }",
            json!({ "i": { "cohortId": w.cohort_a, "name": "Référé", "stage": "IDEATION" } }),
        )
        .await;
    assert_eq!(data["createProject"]["project"]["stage"], "IDEATION");
    assert_eq!(data["createProject"]["project"]["version"], 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn advancing_moves_one_stage_and_appends_history(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Café", None).await;
    assert_eq!(
        advance(&app, &w.agent_a, &id, 1).await,
        json!({ "stage": "IDEATION", "status": "ACTIVE", "version": 2 })
    );
    assert_eq!(
        advance(&app, &w.agent_a, &id, 2).await,
        json!({ "stage": "PROTOTYPING", "status": "ACTIVE", "version": 3 })
    );
    let p = project(&app, &w.agent_a, &id).await;
    let history = p["stageHistory"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(
        (history[1]["fromStage"].as_str(), history[1]["toStage"].as_str()),
        (Some("REVELATION"), Some("IDEATION"))
    );
    assert_eq!(
        (history[2]["fromStage"].as_str(), history[2]["toStage"].as_str()),
        (Some("IDEATION"), Some("PROTOTYPING"))
    );
    assert_eq!(history[2]["fromStatus"], "ACTIVE");
}

#[sqlx::test(migrations = "../migrations")]
async fn advancing_from_prototyping_is_an_invalid_transition_and_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Café", None).await;
    advance(&app, &w.agent_a, &id, 1).await;
    advance(&app, &w.agent_a, &id, 2).await;
    let before = app.snapshot().await;
    let code = app.code(Some(&w.agent_a), ADVANCE, json!({ "i": { "projectId": id, "expectedVersion": 3 } })).await;
    assert_eq!(code, "INVALID_TRANSITION");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_expected_version_is_a_conflict_and_changes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Café", None).await;
    let before = app.snapshot().await;
    for (query, input) in [
        (ADVANCE, json!({ "projectId": id, "expectedVersion": 2 })),
        (MOVE, json!({ "projectId": id, "toStage": "IDEATION", "expectedVersion": 0 })),
        (STATUS, json!({ "projectId": id, "status": "ON_HOLD", "expectedVersion": 7, "note": "COVID" })),
    ] {
        assert_eq!(app.code(Some(&w.agent_a), query, json!({ "i": input })).await, "CONFLICT");
    }
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn moving_back_requires_a_note_that_is_not_white_space(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Coop", None).await;
    advance(&app, &w.agent_a, &id, 1).await;
    advance(&app, &w.agent_a, &id, 2).await;
    let before = app.snapshot().await;
    for note in [Value::Null, json!(""), json!("   \n\t")] {
        let input = json!({ "i": { "projectId": id, "toStage": "REVELATION", "expectedVersion": 3, "note": note } });
        assert_eq!(app.code(Some(&w.agent_a), MOVE, input).await, "BAD_USER_INPUT");
    }
    assert_eq!(app.snapshot().await, before);
    let moved = app
        .ok(&w.agent_a, MOVE, json!({ "i": { "projectId": id, "toStage": "REVELATION", "expectedVersion": 3, "note": "  Le prototype a échoué  " } }))
        .await;
    assert_eq!(
        moved["moveProjectStage"]["project"],
        json!({ "stage": "REVELATION", "status": "ACTIVE", "version": 4 })
    );
    let p = project(&app, &w.agent_a, &id).await;
    assert_eq!(p["stageHistory"][3]["note"], "Le prototype a échoué");
    assert_eq!(p["stageHistory"][3]["fromStage"], "PROTOTYPING");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_forward_skip_or_the_same_stage_is_an_invalid_transition(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Coop", None).await;
    let before = app.snapshot().await;
    let skip = json!({ "i": { "projectId": id, "toStage": "PROTOTYPING", "expectedVersion": 1, "note": "pressés" } });
    assert_eq!(app.code(Some(&w.agent_a), MOVE, skip).await, "INVALID_TRANSITION");
    let same = json!({ "i": { "projectId": id, "toStage": "REVELATION", "expectedVersion": 1, "note": "rien" } });
    assert_eq!(app.code(Some(&w.agent_a), MOVE, same).await, "INVALID_TRANSITION");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_one_step_forward_move_is_the_same_as_advancing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let a = create_project(&app, &w.agent_a, &w.cohort_a, "A", None).await;
    let b = create_project(&app, &w.agent_a, &w.cohort_a, "B", None).await;
    let advanced = advance(&app, &w.agent_a, &a, 1).await;
    let moved =
        app.ok(&w.agent_a, MOVE, json!({ "i": { "projectId": b, "toStage": "IDEATION", "expectedVersion": 1 } })).await;
    assert_eq!(moved["moveProjectStage"]["project"], advanced);
    let ha = project(&app, &w.agent_a, &a).await["stageHistory"][1].clone();
    let hb = project(&app, &w.agent_a, &b).await["stageHistory"][1].clone();
    for field in ["fromStage", "toStage", "fromStatus", "toStatus", "note"] {
        assert_eq!(ha[field], hb[field], "{field}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn only_an_active_project_changes_stage(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Coop", None).await;
    let paused = app.ok(&w.agent_a, STATUS, json!({ "i": { "projectId": id, "status": "ON_HOLD", "expectedVersion": 1, "note": "Reporté dû à la COVID" } })).await;
    assert_eq!(
        paused["setProjectStatus"]["project"],
        json!({ "stage": "REVELATION", "status": "ON_HOLD", "version": 2 })
    );
    let before = app.snapshot().await;
    assert_eq!(
        app.code(Some(&w.agent_a), ADVANCE, json!({ "i": { "projectId": id, "expectedVersion": 2 } })).await,
        "INVALID_TRANSITION"
    );
    assert_eq!(app.snapshot().await, before);
    let resumed = app
        .ok(
            &w.agent_a,
            STATUS,
            json!({ "i": { "projectId": id, "status": "ACTIVE", "expectedVersion": 2, "note": "On reprend" } }),
        )
        .await;
    assert_eq!(resumed["setProjectStatus"]["project"]["version"], 3);
    assert_eq!(advance(&app, &w.agent_a, &id, 3).await["stage"], "IDEATION");
}

#[sqlx::test(migrations = "../migrations")]
async fn status_changes_need_a_note_and_launched_is_not_settable(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Coop", None).await;
    let before = app.snapshot().await;
    let launched = json!({ "i": { "projectId": id, "status": "LAUNCHED", "expectedVersion": 1, "note": "yé" } });
    assert_eq!(app.code(Some(&w.agent_a), STATUS, launched).await, "BAD_USER_INPUT");
    let no_note = json!({ "i": { "projectId": id, "status": "ABANDONED", "expectedVersion": 1, "note": "  " } });
    assert_eq!(app.code(Some(&w.agent_a), STATUS, no_note).await, "BAD_USER_INPUT");
    let same = json!({ "i": { "projectId": id, "status": "ACTIVE", "expectedVersion": 1, "note": "déjà" } });
    assert_eq!(app.code(Some(&w.agent_a), STATUS, same).await, "INVALID_TRANSITION");
    assert_eq!(app.snapshot().await, before);
    for (version, status) in [(1, "ABANDONED"), (2, "ACTIVE"), (3, "REFERRED_OUT")] {
        let data = app
            .ok(
                &w.agent_a,
                STATUS,
                json!({ "i": { "projectId": id, "status": status, "expectedVersion": version, "note": "raison" } }),
            )
            .await;
        assert_eq!(data["setProjectStatus"]["project"]["status"], status);
        assert_eq!(data["setProjectStatus"]["project"]["version"], version + 1);
    }
    let history = project(&app, &w.agent_a, &id).await["stageHistory"].clone();
    assert_eq!(
        history[3],
        json!({ "fromStage": "REVELATION", "toStage": "REVELATION", "fromStatus": "ACTIVE",
        "toStatus": "REFERRED_OUT", "at": history[3]["at"], "note": "raison" })
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn launch_happens_only_from_prototyping_and_is_final(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Le Rucher", None).await;
    let before = app.snapshot().await;
    assert_eq!(app.code(Some(&w.agent_a), LAUNCH, launch_input(&id, 1)).await, "INVALID_TRANSITION");
    assert_eq!(app.snapshot().await, before);
    advance(&app, &w.agent_a, &id, 1).await;
    advance(&app, &w.agent_a, &id, 2).await;
    let launched = app.ok(&w.agent_a, LAUNCH, launch_input(&id, 3)).await;
    assert_eq!(
        launched["recordEnterpriseLaunch"]["project"],
        json!({ "stage": "PROTOTYPING", "status": "LAUNCHED", "version": 4, "enterpriseLaunch":
            { "legalName": "Coop Le Rucher", "legalForm": "COOPERATIVE", "launchedOn": "2021-03-15", "neq": "1176543210" } })
    );
    let before = app.snapshot().await;
    assert_eq!(app.code(Some(&w.agent_a), LAUNCH, launch_input(&id, 4)).await, "INVALID_TRANSITION");
    let reopen = json!({ "i": { "projectId": id, "status": "ACTIVE", "expectedVersion": 4, "note": "oups" } });
    assert_eq!(app.code(Some(&w.agent_a), STATUS, reopen).await, "INVALID_TRANSITION");
    let back = json!({ "i": { "projectId": id, "toStage": "IDEATION", "expectedVersion": 4, "note": "oups" } });
    assert_eq!(app.code(Some(&w.agent_a), MOVE, back).await, "INVALID_TRANSITION");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn launch_input_is_validated_before_anything_is_written(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Le Rucher", None).await;
    advance(&app, &w.agent_a, &id, 1).await;
    advance(&app, &w.agent_a, &id, 2).await;
    let before = app.snapshot().await;
    let mut future = launch_input(&id, 3);
    future["i"]["launchedOn"] = json!("2999-01-01");
    assert_eq!(app.code(Some(&w.agent_a), LAUNCH, future).await, "BAD_USER_INPUT");
    let mut bad_neq = launch_input(&id, 3);
    bad_neq["i"]["neq"] = json!("12345");
    assert_eq!(app.code(Some(&w.agent_a), LAUNCH, bad_neq).await, "BAD_USER_INPUT");
    let mut no_name = launch_input(&id, 3);
    no_name["i"]["legalName"] = json!(" ");
    assert_eq!(app.code(Some(&w.agent_a), LAUNCH, no_name).await, "BAD_USER_INPUT");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn eight_concurrent_moves_with_the_same_version_give_one_success_and_one_entry(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Course", None).await;
    let results =
        app.concurrently(8, &w.agent_a, ADVANCE, json!({ "i": { "projectId": id, "expectedVersion": 1 } })).await;
    let successes = results.iter().filter(|r| r.get("errors").is_none()).count();
    let conflicts =
        results.iter().filter(|r| r.get("errors").is_some() && sismic_api_tests::error_code(r) == "CONFLICT").count();
    assert_eq!((successes, conflicts), (1, 7), "{results:#?}");
    let p = project(&app, &w.agent_a, &id).await;
    assert_eq!(p["version"], 2);
    assert_eq!(p["stageHistory"].as_array().unwrap().len(), 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn editing_a_project_keeps_its_version(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let id = create_project(&app, &w.agent_a, &w.cohort_a, "Café", Some(&w.college)).await;
    let update = "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { name summary version originPartner { name } } } }";
    let data = app.ok(&w.agent_a, update, json!({ "i": { "projectId": id, "name": "Café coopératif", "summary": "Un café", "originPartnerId": null } })).await;
    assert_eq!(
        data["updateProject"]["project"],
        json!({ "name": "Café coopératif", "summary": "Un café", "version": 1, "originPartner": null })
    );
    let other = create_project(&app, &w.agent_a, &w.cohort_a, "Autre", None).await;
    let clash = json!({ "i": { "projectId": other, "name": "CAFÉ COOPÉRATIF" } });
    assert_eq!(app.code(Some(&w.agent_a), update, clash).await, "CONFLICT");
}
