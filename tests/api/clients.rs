//! The API as standard clients and tools see it, checked with their own code (Node scripts in
//! `web/tests/`, dependencies from `web/package-lock.json`; `make test` installs them).

use sismic_api_tests::TestApp;
use sqlx::PgPool;

/// Runs `node web/tests/<script> <args…>`; panics with its output unless it exits 0.
async fn node_script(script: &str, args: &[&str]) -> String {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(web.join("node_modules").is_dir(), "web/node_modules is missing: run `npm ci` in web/ (make test does it)");
    let output = tokio::process::Command::new("node")
        .current_dir(&web)
        .arg(format!("tests/{script}"))
        .args(args)
        .output()
        .await
        .expect("node runs (Node 20 or later)");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{script} failed:\n{text}");
    text
}

#[sqlx::test(migrations = "../migrations")]
async fn graphql_https_own_audit_passes_every_must_should_and_may(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let output = node_script("http-audit.mjs", &[&format!("{}/graphql", app.address)]).await;
    assert!(output.contains("61 of 61 audits pass"), "{output}");
}

/// The code block that follows `<!-- example: NAME -->` in the README.
fn readme_example(name: &str) -> String {
    let readme = include_str!("../../README.md");
    let marker = format!("<!-- example: {name} -->");
    let after = &readme[readme.find(&marker).unwrap_or_else(|| panic!("no {marker} in the README")) + marker.len()..];
    let fence = after.find("```").expect("a code block after the marker");
    let body = fence + after[fence..].find('\n').expect("a fence line") + 1;
    let end = body + after[body..].find("\n```").expect("the end of the code block");
    after[body..end].to_owned()
}

/// Runs a README example with the server's address and an account in the environment.
async fn run_example(program: &str, flag: &str, code: &str, app: &TestApp, email: &str) -> String {
    let output = tokio::process::Command::new(program)
        .arg(flag)
        .arg(code)
        .env("SISMIC_URL", &app.address)
        .env("SISMIC_EMAIL", email)
        .env("SISMIC_PASSWORD", sismic_api_tests::TEST_PASSWORD)
        .output()
        .await
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{program} failed: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

#[sqlx::test(migrations = "../migrations")]
async fn the_readmes_curl_and_python_examples_run(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = sismic_api_tests::World::build(&app).await;
    sismic_api_tests::create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", None).await;
    let agent = app.email_of(&world.agent_a).await;
    let output = run_example("sh", "-c", &readme_example("curl"), &app, &agent).await;
    assert!(output.contains("\"name\":\"Coop du rang\""), "{output}");
    let funder = app.user("FUNDER", None, Some(sismic_api_tests::raw_id(&world.funder))).await;
    let funder = app.email_of(&funder).await;
    let output = run_example("python3", "-c", &readme_example("python"), &app, &funder).await;
    assert!(output.contains("2020-2021: 1 projects, 0 people reached, 0 enterprises (cost"), "{output}");
}
