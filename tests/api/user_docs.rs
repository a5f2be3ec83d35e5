//! The pages for each kind of user (`docs/agent.md`, `partner.md`, `funder.md`, `operator.md`)
//! run as written: every example they mark (`<!-- example: graphql -->`, `variables`, `curl`;
//! found by [`crate::clients::examples`], as the README's are) runs against a live server loaded
//! with the demo dataset, as `make run` serves it. The GraphiQL blocks run one by one, in
//! order, on one server (with the ids a reader would paste for each `<…>`); the curl blocks run
//! as one shell session, in order, on another server with its own fresh copy of the demo data.

use crate::clients::examples;
use serde_json::{json, Value};
use sismic_api_tests::TestApp;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::collections::BTreeMap;

/// The demo admin `make run` creates (its password is generated there; the pages read it from
/// `SISMIC_ADMIN_PASSWORD` or `.local/admin-password`).
const ADMIN_EMAIL: &str = "admin@demo.sismic.quebec";
const ADMIN_PASSWORD: &str = "le mot de passe de l'admin de démo";
const DEMO_PASSWORD: &str = sismic_server::demo::DEFAULT_DEMO_PASSWORD;

/// Loads what `make run` loads: the migrations (already there), the demo admin, the demo data.
async fn load_demo(pool: &PgPool) {
    let hash = sismic_graphql::auth::hash_password(ADMIN_PASSWORD).expect("hash");
    sqlx::query("insert into app_user (email, password_hash, role) values ($1, $2, 'ADMIN')")
        .bind(ADMIN_EMAIL)
        .bind(hash)
        .execute(pool)
        .await
        .expect("the demo admin");
    sismic_server::demo::load(&sismic_store::Store::new(pool.clone())).await.expect("the demo dataset");
}

async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let answer = app
        .post(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({ "e": email, "p": password }),
        )
        .await;
    answer["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("sign-in of {email}: {answer}")).to_owned()
}

/// The ids a reader of the page would paste, before the page's own mutations give others.
async fn first_ids(app: &TestApp, token: &str) -> BTreeMap<String, String> {
    let admin = login(app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let data = app
        .post(
            Some(&admin),
            "{ regions { id code } cohorts(first: 50) { nodes { id name region { code } } }
               partners(first: 50) { nodes { id name } } participants(first: 1) { nodes { id } }
               activities(first: 1) { nodes { id } } }",
            json!({}),
        )
        .await["data"]
        .clone();
    let mut ids = BTreeMap::new();
    ids.insert("ADMIN_PASSWORD".into(), ADMIN_PASSWORD.to_owned());
    let find = |list: &Value, key: &str, value: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|item| item[key] == value)
            .map(|item| item["id"].as_str().unwrap().to_owned())
    };
    ids.insert("REGION_ID".into(), find(&data["regions"], "code", "CQ").expect("region CQ"));
    ids.insert("COHORT_ID".into(), find(&data["cohorts"]["nodes"], "name", "2020-2021").expect("cohort"));
    ids.insert(
        "PARTNER_ID".into(),
        find(&data["partners"]["nodes"], "name", "Cégep de Victoriaville").expect("partner"),
    );
    ids.insert("PARTICIPANT_ID".into(), data["participants"]["nodes"][0]["id"].as_str().unwrap().to_owned());
    ids.insert("ACTIVITY_ID".into(), data["activities"]["nodes"][0]["id"].as_str().unwrap().to_owned());
    // A project the page's own user sees, active and not yet in prototypage (it may advance).
    let projects = app.post(Some(token), "{ projects(first: 100) { nodes { id stage status } } }", json!({})).await;
    let seen: Vec<&Value> = projects["data"]["projects"]["nodes"].as_array().into_iter().flatten().collect();
    let movable = seen.iter().find(|p| p["status"] == "ACTIVE" && p["stage"] != "PROTOTYPING");
    if let Some(project) = movable.or(seen.first()) {
        ids.insert("PROJECT_ID".into(), project["id"].as_str().unwrap().to_owned());
    }
    ids
}

/// Remembers the ids a mutation's answer gives (`participant { id }`, `activity { id }`…), as a
/// reader pastes them into the next example.
fn remember_ids(data: &Value, ids: &mut BTreeMap<String, String>) {
    if let Value::Object(map) = data {
        for (key, value) in map {
            let id = value.get("id").and_then(Value::as_str);
            let name = match key.as_str() {
                "participant" => Some("PARTICIPANT_ID"),
                "activity" => Some("ACTIVITY_ID"),
                "user" => Some("USER_ID"),
                "region" => Some("REGION_ID"),
                "cohort" => Some("COHORT_ID"),
                "partner" => Some("PARTNER_ID"),
                "project" => Some("PROJECT_ID"),
                _ => None,
            };
            if let (Some(name), Some(id)) = (name, id) {
                ids.insert(name.to_owned(), id.to_owned());
            }
            remember_ids(value, ids);
        }
    }
}

/// Puts the ids in for the page's `<NAME>` placeholders (`<VERSION>`: the project's version now).
async fn fill(app: &TestApp, text: &str, ids: &BTreeMap<String, String>) -> String {
    let mut text = text.to_owned();
    if text.contains("<VERSION>") {
        let admin = login(app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
        let project = ids.get("PROJECT_ID").expect("a project for <VERSION>");
        let version =
            app.post(Some(&admin), "query($id: ID!) { project(id: $id) { version } }", json!({ "id": project })).await;
        text = text.replace("<VERSION>", &version["data"]["project"]["version"].to_string());
    }
    for (name, id) in ids {
        text = text.replace(&format!("<{name}>"), id);
    }
    assert!(!text.contains("\"<"), "a placeholder the test does not know: {text}");
    text
}

/// What running a page gave: each GraphiQL answer, and the curl session's output.
struct Ran {
    graphql: Vec<Value>,
    curl: String,
}

/// Runs every example of `docs/<page>` as the user `email` (see the module's doc).
async fn run_page(pool: PgPool, page: &str, email: &str, password: &str) -> Ran {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs").join(page);
    let markdown = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{page}: {e}"));
    let examples = examples(&markdown);
    // Every code block of the page is one of its examples: nothing shown goes unchecked.
    assert_eq!(
        markdown.matches("\n```").count(),
        2 * examples.len(),
        "{page}: a code block without its example marker"
    );
    assert!(examples.iter().all(|(kind, _)| ["graphql", "variables", "curl"].contains(&kind.as_str())), "{page}");

    // GraphiQL: one operation at a time, with its variables, as the page's user.
    load_demo(&pool).await;
    let app = TestApp::spawn(pool.clone()).await;
    let token = login(&app, email, password).await;
    let mut ids = first_ids(&app, &token).await;
    let mut graphql = Vec::new();
    let mut blocks = examples.iter().peekable();
    while let Some((kind, code)) = blocks.next() {
        match kind.as_str() {
            "graphql" => {
                let variables = match blocks.peek() {
                    Some((next, text)) if next == "variables" => {
                        blocks.next();
                        let text = fill(&app, text, &ids).await;
                        serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{page}: variables {e}: {text}"))
                    }
                    _ => json!({}),
                };
                let signs_in = code.contains("login(");
                let answer = app.post((!signs_in).then_some(token.as_str()), code, variables).await;
                assert!(answer.get("errors").is_none(), "{page}: {code}\n{answer:#}");
                assert!(answer["data"].is_object(), "{page}: {code}\n{answer:#}");
                if code.trim_start().starts_with("mutation") {
                    remember_ids(&answer["data"], &mut ids);
                }
                graphql.push(answer["data"].clone());
            }
            "variables" => panic!("{page}: variables without an operation before them"),
            _ => {}
        }
    }

    // curl: every block, in order, in one shell, on a fresh copy of the demo data.
    let options = (*pool.connect_options()).clone();
    let other = format!("sismic_docs_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("create database \"{other}\"")).execute(&pool).await.unwrap();
    let other_pool =
        PgPoolOptions::new().max_connections(5).connect_with(options.clone().database(&other)).await.unwrap();
    sismic_store::MIGRATOR.run(&other_pool).await.expect("migrations");
    load_demo(&other_pool).await;
    let copy = TestApp::spawn(other_pool.clone()).await;
    let script: Vec<&str> = examples.iter().filter(|(kind, _)| kind == "curl").map(|(_, code)| code.as_str()).collect();
    assert!(!script.is_empty(), "{page} has no curl example");
    let output = tokio::process::Command::new("bash")
        .arg("-c")
        .arg(format!("set -euo pipefail\n{}", script.join("\n")))
        .current_dir(std::env::temp_dir())
        .env("SISMIC_URL", &copy.address)
        .env("SISMIC_METRICS_URL", copy.metrics_address.as_deref().unwrap_or_default())
        .env("SISMIC_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .output()
        .await
        .expect("bash runs");
    let curl = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{page}: the curl examples failed:\n{curl}\n{errors}");
    assert!(!curl.contains("\"errors\""), "{page}: an example got an error:\n{curl}");
    other_pool.close().await;
    sqlx::query(&format!("drop database \"{other}\" with (force)")).execute(&pool).await.unwrap();
    Ran { graphql, curl }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_agents_page_runs_as_written(pool: PgPool) {
    let ran = run_page(pool, "agent.md", "agente.cq@demo.sismic.quebec", DEMO_PASSWORD).await;
    assert!(ran.graphql.len() >= 12, "{}", ran.graphql.len());
    let all = Value::Array(ran.graphql).to_string();
    assert!(all.contains("\"replayed\":false") && all.contains("Maëlle"), "{all}");
    assert!(ran.curl.contains("signed in") && ran.curl.contains("\"inForce\":true"), "{}", ran.curl);
    // The demo's 18 people reached, and the one the page registered and marked present.
    assert!(ran.curl.contains("Personnes rejointes,Total,19,non"), "the CSV export: {}", ran.curl);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_partners_page_runs_as_written(pool: PgPool) {
    let ran = run_page(pool, "partner.md", "cegep.victo@demo.sismic.quebec", DEMO_PASSWORD).await;
    let all = Value::Array(ran.graphql).to_string();
    assert!(all.contains("stageHistory") && all.contains("teamSize"), "{all}");
    for never in ["summary", "firstName", "note\":\""] {
        assert!(!all.contains(never) && !ran.curl.contains(never), "a partner reads no {never}: {all}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_funders_page_runs_as_written(pool: PgPool) {
    let ran = run_page(pool, "funder.md", "sajeunesse@demo.sismic.quebec", DEMO_PASSWORD).await;
    let all = Value::Array(ran.graphql).to_string();
    assert!(all.contains("\"participantsReached\":18") && all.contains("\"suppressed\":true"), "{all}");
    assert!(ran.curl.contains("Personnes rejointes,Total,18") && ran.curl.contains("People reached"), "{}", ran.curl);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_operators_page_runs_as_written(pool: PgPool) {
    let ran = run_page(pool, "operator.md", ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let all = Value::Array(ran.graphql).to_string();
    assert!(all.contains("\"active\":false") && all.contains("createUser"), "{all}");
    assert!(ran.curl.contains("ready") && ran.curl.contains("sismic_graphql_operations_total"), "{}", ran.curl);
}
