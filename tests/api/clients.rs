//! The API as standard clients and tools see it, checked with their own code (Node scripts in
//! `web/tests/`, dependencies from `web/package-lock.json`; `make test` installs them).

use sismic_api_tests::TestApp;
use sqlx::PgPool;

/// Runs `node web/tests/<script> <args…>`; panics with its output unless it exits 0.
pub(crate) async fn node_script(script: &str, args: &[&str]) -> String {
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

/// GraphiQL's example operations validate against the checked-in SDL (no server needed).
#[tokio::test]
async fn graphiql_examples_validate_against_schema_graphql() {
    let output = node_script("examples.mjs", &[]).await;
    assert!(output.contains("4 of 4 examples validate"), "{output}");
}

/// `getIntrospectionQuery` with every option on, then `buildClientSchema`, prints exactly as
/// `schema.graphql`: as anonymous and with a token.
#[sqlx::test(migrations = "../migrations")]
async fn graphql_js_introspection_with_every_option_rebuilds_schema_graphql(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let admin = app.user("ADMIN", None, None).await;
    let output = node_script("introspection.mjs", &[&format!("{}/graphql", app.address), &admin.token]).await;
    assert!(output.contains("ok      anonymous") && output.contains("ok      with a token"), "{output}");
}

/// GraphQL Code Generator (client preset) against the live URL exits 0 and types the schema.
#[sqlx::test(migrations = "../migrations")]
async fn graphql_code_generator_runs_against_the_live_url(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let output = node_script("codegen.mjs", &[&format!("{}/graphql", app.address)]).await;
    assert!(output.contains("codegen ok") && output.contains("CohortReportQuery"), "{output}");
}

/// GraphiQL in headless Chromium, every other origin blocked: the editor, the documentation
/// explorer (Query type), no CSP violation, axe-core, a screenshot in web/test-results/.
#[sqlx::test(migrations = "../migrations")]
async fn graphiql_renders_in_chromium_with_every_other_origin_blocked(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/graphiql/index.html").is_file(),
        "web/dist/graphiql is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    let output = node_script("graphiql.mjs", &[&app.address, "test-results/graphiql.png"]).await;
    println!("{output}"); // the axe report, with --nocapture
    assert!(output.contains("GraphiQL works with every other origin blocked"), "{output}");
}

/// Without a build, `GET /graphql` from a browser still answers 200, under the CSP, with a page
/// that says how to build GraphiQL; the API itself is unaffected.
#[sqlx::test(migrations = "../migrations")]
async fn without_a_build_the_browser_is_told_how_to_build_graphiql(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| s.web_dir = "/nonexistent/sismic-web".into()).await;
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"].to_str().expect("ASCII").to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    let body = response.text().await.expect("a body");
    assert!(body.contains("npm ci &amp;&amp; npm run build") && body.contains("make run"), "{body}");
    let asset = app.client.get(format!("{}/graphiql/assets/none.js", app.address)).send().await.expect("sent");
    assert_eq!(asset.status(), 404);
    let data = app.post(None, "{ __typename }", serde_json::json!({})).await;
    assert_eq!(data["data"]["__typename"], "Query");
}

/// The built page and its assets come from the same origin with the security headers.
#[sqlx::test(migrations = "../migrations")]
async fn graphiql_page_and_assets_carry_the_security_headers(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let page = app.client.get(format!("{}/graphql", app.address)).header("accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 200);
    for (name, value) in [("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer")] {
        assert_eq!(page.headers()[name], value);
    }
    let csp = page.headers()["content-security-policy"].clone();
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script>") && !html.contains("https://"), "inline script or another origin: {html}");
    let script = html.split("src=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a script src");
    assert!(script.starts_with("/graphiql/assets/"), "{script}");
    let asset = app.client.get(format!("{}{script}", app.address)).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["content-security-policy"], csp);
    assert!(asset.headers()["content-type"].to_str().unwrap().contains("javascript"));
}

/// The code blocks of a markdown page marked `<!-- example: KIND -->` (the line before their
/// opening fence), in order: `(KIND, code)`. The README's examples and the user pages of
/// `docs/` (`tests/api/user_docs.rs`) are found this way.
pub(crate) fn examples(markdown: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("<!-- example: ") {
        let after = &rest[start + "<!-- example: ".len()..];
        let kind = after[..after.find(" -->").expect("a closed example marker")].trim().to_owned();
        let fence = after.find("```").expect("a code block after the marker");
        let body = fence + after[fence..].find('\n').expect("a fence line") + 1;
        let end = body + after[body..].find("\n```").expect("the end of the code block");
        found.push((kind, after[body..end].to_owned()));
        rest = &after[end..];
    }
    found
}

/// The code block that follows `<!-- example: NAME -->` in the README.
fn readme_example(name: &str) -> String {
    examples(include_str!("../../README.md"))
        .into_iter()
        .find(|(kind, _)| kind == name)
        .unwrap_or_else(|| panic!("no <!-- example: {name} --> in the README"))
        .1
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

/// The agents' web app in headless Chromium against the real server (web/tests/app.mjs):
/// deep link → sign-in, the board, advance, a CONFLICT from a second browser context, a
/// follow-up, one logged offline (IndexedDB queue, reload, lost answer, back online: exactly
/// one on the server), English, 390 px, sign-out; axe-core on every page.
#[sqlx::test(migrations = "../migrations")]
async fn the_agents_web_app_works_in_chromium(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/index.html").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let app = TestApp::spawn(pool).await;
    let world = sismic_api_tests::World::build(&app).await;
    let agent = &world.agent_a;
    let coop =
        sismic_api_tests::create_project(&app, agent, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    sismic_api_tests::create_project(&app, agent, &world.cohort_a, "Atelier vélo", None).await;
    let grocery =
        sismic_api_tests::create_project(&app, agent, &world.cohort_a, "Épicerie solidaire", Some(&world.college))
            .await;
    app.ok(
        agent,
        "mutation($i: SetProjectStatusInput!) { setProjectStatus(input: $i) { project { id } } }",
        serde_json::json!({ "i": { "projectId": grocery, "status": "ON_HOLD", "expectedVersion": 1, "note": "Pause estivale" } }),
    )
    .await;
    app.ok(
        agent,
        "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
        serde_json::json!({ "i": { "projectId": coop, "occurredOn": "2021-01-15", "mode": "IN_PERSON", "summary": "Première rencontre" } }),
    )
    .await;
    let email = app.email_of(agent).await;
    let output = node_script("app.mjs", &[&app.address, &email, sismic_api_tests::TEST_PASSWORD, "test-results"]).await;
    println!("{output}");
    assert!(output.contains("the agents’ web app works in Chromium"), "{output}");
}

/// `/` and client routes answer the app's page under the CSP; the server's own paths do not.
#[sqlx::test(migrations = "../migrations")]
async fn client_routes_answer_the_app_and_server_paths_stay_the_servers(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| s.web_dir = "/nonexistent/sismic-web".into()).await;
    for path in ["/", "/suivis-en-attente", "/projets/abc"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.expect("sent");
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
        let body = response.text().await.unwrap();
        assert!(body.contains("L'application web n'est pas encore construite"), "{path}: {body}");
    }
    for path in ["/app/assets/none.js", "/graphiql/assets/none.js", "/reports/none"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.expect("sent");
        assert_eq!(response.status(), 404, "{path}");
    }
    let post = app.client.post(format!("{}/somewhere", app.address)).send().await.expect("sent");
    assert_eq!(post.status(), 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_readmes_typescript_example_compiles_with_generated_types_and_runs(pool: PgPool) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/examples/partner-projects.ts");
    let source = std::fs::read_to_string(&file).expect("the example's file");
    assert_eq!(readme_example("typescript").trim_end(), source.trim_end(), "the README shows the file as it is");
    let app = TestApp::spawn(pool).await;
    let world = sismic_api_tests::World::build(&app).await;
    sismic_api_tests::create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    sismic_api_tests::create_project(&app, &world.agent_a, &world.cohort_a, "Atelier vélo", None).await;
    let partner = app.user("PARTNER", None, Some(sismic_api_tests::raw_id(&world.college))).await;
    let email = app.email_of(&partner).await;
    let output = node_script("ts-example.mjs", &[&app.address, &email, sismic_api_tests::TEST_PASSWORD]).await;
    assert!(output.contains("Coop du rang: REVELATION ACTIVE, 0 follow-ups"), "{output}");
    assert!(!output.contains("Atelier vélo"), "a partner sees only its own projects: {output}");
    assert!(output.contains("typescript example ok"), "{output}");
}
