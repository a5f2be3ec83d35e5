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
