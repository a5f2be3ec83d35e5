//! Projects needing attention: quiet, on hold too long, or stuck in a stage.

use serde_json::json;
use sismic_api_tests::{create_project, error_code, raw_id, TestApp, World};
use sqlx::PgPool;

const ATTENTION: &str = "query($c: ID) { projectsNeedingAttention(cohortId: $c) {
    project { name } reasons daysWithoutFollowUp daysOnHold daysInStage cohortMedianDaysInStage } }";

/// Moves a history entry `days` into the past. History is append-only (a trigger refuses
/// updates): the test, as the database owner, lifts the trigger for its own transaction.
async fn backdate(pool: &PgPool, project: &str, version: i32, days: i32) {
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("set local session_replication_role = replica").execute(&mut *tx).await.unwrap();
    sqlx::query(
        "update project_stage_event set at = now() - make_interval(days => $3) where project_id = $1 and version = $2",
    )
    .bind(raw_id(project))
    .bind(version)
    .bind(days)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    if version == 1 {
        sqlx::query("update project set created_at = now() - make_interval(days => $2) where project_id = $1")
            .bind(raw_id(project))
            .bind(days)
            .execute(pool)
            .await
            .unwrap();
    }
}

async fn follow_up_today(app: &TestApp, actor: &sismic_api_tests::Actor, project: &str) {
    let today = chrono::Utc::now().date_naive().to_string();
    app.ok(
        actor,
        "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
        json!({ "i": { "projectId": project, "occurredOn": today, "mode": "PHONE", "summary": "Suivi" } }),
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn quiet_on_hold_and_stuck_projects_are_listed_with_their_reasons(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let agent = &w.agent_a;
    let quiet = create_project(&app, agent, &w.cohort_a, "Coop silencieuse", None).await;
    backdate(&pool, &quiet, 1, 40).await;
    let lively = create_project(&app, agent, &w.cohort_a, "Coop animée", None).await;
    backdate(&pool, &lively, 1, 5).await;
    follow_up_today(&app, agent, &lively).await;
    let held = create_project(&app, agent, &w.cohort_a, "Coop en pause", None).await;
    app.ok(
        agent,
        "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { version } } }",
        json!({ "i": { "projectId": held, "status": "ON_HOLD", "expectedVersion": 1, "note": "Examens" } }),
    )
    .await;
    backdate(&pool, &held, 1, 80).await;
    backdate(&pool, &held, 2, 70).await;
    follow_up_today(&app, agent, &held).await;
    // Two projects spent 10 days in révélation: the cohort's median stay there.
    for name in ["Coop A", "Coop B"] {
        let p = create_project(&app, agent, &w.cohort_a, name, None).await;
        app.ok(
            agent,
            "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { version } } }",
            json!({ "i": { "projectId": p, "expectedVersion": 1 } }),
        )
        .await;
        backdate(&pool, &p, 1, 30).await;
        backdate(&pool, &p, 2, 20).await;
        follow_up_today(&app, agent, &p).await;
    }
    let stuck = create_project(&app, agent, &w.cohort_a, "Coop qui piétine", None).await;
    backdate(&pool, &stuck, 1, 25).await;
    follow_up_today(&app, agent, &stuck).await;

    let data = app.ok(agent, ATTENTION, json!({ "c": w.cohort_a })).await;
    let listed = data["projectsNeedingAttention"].as_array().unwrap();
    let by_name = |name: &str| listed.iter().find(|p| p["project"]["name"] == name).cloned();
    assert_eq!(listed.len(), 3, "{data:#}");
    let quiet = by_name("Coop silencieuse").expect("quiet");
    assert_eq!(quiet["reasons"], json!(["NO_RECENT_FOLLOW_UP", "LONG_STAY_IN_STAGE"]));
    assert_eq!(quiet["daysWithoutFollowUp"], 40);
    let held = by_name("Coop en pause").expect("on hold");
    // On hold for 70 days, and in révélation for 80 (more than twice the median of 10).
    assert_eq!(held["reasons"], json!(["ON_HOLD_TOO_LONG", "LONG_STAY_IN_STAGE"]));
    assert_eq!(held["daysOnHold"], 70);
    let stuck = by_name("Coop qui piétine").expect("stuck");
    assert_eq!(stuck["reasons"], json!(["LONG_STAY_IN_STAGE"]));
    assert_eq!(stuck["daysInStage"], 25);
    let median = stuck["cohortMedianDaysInStage"].as_f64().unwrap();
    assert!((median - 10.0).abs() < 0.01, "{median}");
    assert!(by_name("Coop animée").is_none());
    // Thresholds are the caller's; another region sees none of it; partners may not ask.
    let strict = app
        .ok(
            agent,
            "{ projectsNeedingAttention(quietDays: 50, onHoldDays: 100, stageFactor: 10) { project { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(strict["projectsNeedingAttention"], json!([]));
    let other = app.ok(&w.agent_b, ATTENTION, json!({ "c": null })).await;
    assert_eq!(other["projectsNeedingAttention"], json!([]));
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    assert_eq!(error_code(&app.post(Some(&partner.token), ATTENTION, json!({})).await), "FORBIDDEN");
    assert_eq!(
        error_code(
            &app.post(Some(&agent.token), "{ projectsNeedingAttention(quietDays: 0) { reasons } }", json!({})).await
        ),
        "BAD_USER_INPUT"
    );
}
