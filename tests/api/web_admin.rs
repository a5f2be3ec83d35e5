//! The administrators' screens in headless Chromium against the real server
//! (web/tests/app-admin.mjs): reference data and the audit log.

use crate::clients::node_script;
use sismic_api_tests::{create_project, TestApp, World, TEST_PASSWORD};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_administrators_screens_work_in_chromium(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let world = World::build(&app).await;
    // Enough history for more than one page of the log.
    for i in 0..55 {
        create_project(&app, &world.agent_a, &world.cohort_a, &format!("Projet {i}"), None).await;
    }
    let before: i64 = sqlx::query_scalar("select count(*) from audit_log").fetch_one(&pool).await.expect("count");
    assert!(before > 55, "{before}");
    let email = app.email_of(&world.admin).await;
    let output =
        node_script("app-admin.mjs", &[&app.address, &email, TEST_PASSWORD, &before.to_string(), "test-results"]).await;
    println!("{output}");
    assert!(output.contains("the administrators’ screens work in Chromium"), "{output}");
}
