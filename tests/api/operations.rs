//! Operations as docs/backup-and-restore.md tells them: the demo data dumped with `pg_dump`,
//! restored with `pg_restore` into a new database, served again with the same cohort report.

use serde_json::{json, Value};
use sismic_api_tests::TestApp;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

/// The directory of the newest PostgreSQL client tools (as `scripts/pg-local.sh` finds the
/// server's): `pg_dump` must be at least as new as the server it dumps.
pub(crate) fn pg_bin(tool: &str) -> std::path::PathBuf {
    let from_config = std::process::Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|dir| dir.join(tool).is_file());
    let mut versions: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| {
            dirs.filter_map(|d| d.ok()).map(|d| d.path().join("bin")).filter(|b| b.join(tool).is_file()).collect()
        })
        .unwrap_or_default();
    versions.sort_by_key(|dir| {
        dir.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    versions.pop().or(from_config).map_or_else(|| tool.into(), |dir| dir.join(tool))
}

/// A libpq URL for a database of the test's cluster.
fn url(options: &PgConnectOptions, database: &str) -> String {
    format!("postgres://postgres@{}:{}/{database}", options.get_host(), options.get_port())
}

/// What the funder and an admin read of the demo cohort: the report over GraphQL and both exports.
async fn cohort_reports(app: &TestApp) -> Value {
    let login = |email: &'static str, password: &'static str| async move {
        let answer = app
            .post(
                None,
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        answer["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("sign-in of {email}: {answer}")).to_owned()
    };
    let funder = login("sajeunesse@demo.sismic.quebec", sismic_server::demo::DEFAULT_DEMO_PASSWORD).await;
    let agent = login("agente.cq@demo.sismic.quebec", sismic_server::demo::DEFAULT_DEMO_PASSWORD).await;
    let cohorts = app.post(Some(&funder), "{ cohorts { nodes { id name } } }", json!({})).await;
    let mut reports = Vec::new();
    for cohort in cohorts["data"]["cohorts"]["nodes"].as_array().expect("cohorts") {
        let id = cohort["id"].as_str().unwrap();
        let mut by_viewer = Vec::new();
        for token in [&funder, &agent] {
            let graphql = app
                .post(
                    Some(token),
                    "query($id: ID!) { cohortReport(cohortId: $id) { cohort { name } participantsReached
                       participantsByStage { stage count suppressed } projectCount enterprisesCreated
                       followUpsByOrigin { partner { name } projectCount followUpCount } funnel { steps { stage projectsReached } launched }
                       timeInStage { stage medianDays openStays } comparison { figures { figure current previous } } } }",
                    json!({ "id": id }),
                )
                .await;
            assert!(graphql.get("errors").is_none(), "{graphql}");
            let mut files = Vec::new();
            for file in ["json", "csv"] {
                let response = app
                    .client
                    .get(format!("{}/reports/cohorts/{id}.{file}", app.address))
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
                files.push(Value::String(response.text().await.unwrap()));
            }
            by_viewer.push(json!({ "graphql": graphql["data"], "files": files }));
        }
        reports.push(json!({ "cohort": cohort["name"], "reports": by_viewer }));
    }
    Value::Array(reports)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_dump_restored_into_a_new_database_gives_the_same_cohort_reports(pool: PgPool) {
    sismic_server::demo::load(&sismic_store::Store::new(pool.clone())).await.expect("the demo dataset");
    let options = (*pool.connect_options()).clone();
    let source = options.get_database().expect("the test's database").to_owned();
    let app = TestApp::spawn(pool.clone()).await;
    let before = cohort_reports(&app).await;
    assert!(before.to_string().contains("2020-2021"), "{before}");
    let fingerprint = app.snapshot().await;

    // As docs/backup-and-restore.md says: a custom-format dump…
    let folder = std::env::temp_dir().join(format!("sismic-backup-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    let dump = folder.join("sismic.dump");
    let output = tokio::process::Command::new(pg_bin("pg_dump"))
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(&dump)
        .arg(url(&options, &source))
        .output()
        .await
        .expect("pg_dump runs");
    assert!(output.status.success(), "pg_dump: {}", String::from_utf8_lossy(&output.stderr));

    // …restored into a new, empty database (the roles are the cluster's: they exist already).
    // (A short name: PostgreSQL cuts identifiers at 63 bytes, and the test's own is that long.)
    let restored = format!("sismic_restored_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("create database \"{restored}\"")).execute(&pool).await.unwrap();
    let output = tokio::process::Command::new(pg_bin("pg_restore"))
        .args(["--no-owner", "--exit-on-error", "--single-transaction", "--dbname"])
        .arg(url(&options, &restored))
        .arg(&dump)
        .output()
        .await
        .expect("pg_restore runs");
    std::fs::remove_dir_all(&folder).ok();
    assert!(output.status.success(), "pg_restore: {}", String::from_utf8_lossy(&output.stderr));

    let restored_pool =
        PgPoolOptions::new().max_connections(5).connect_with(options.database(&restored)).await.unwrap();
    let copy = TestApp::spawn(restored_pool.clone()).await;
    let ready = copy.client.get(format!("{}/readyz", copy.address)).send().await.unwrap();
    assert_eq!(ready.status(), 200, "every migration is recorded in the restored database");
    assert_eq!(copy.snapshot().await, fingerprint, "every table holds the same rows");
    let after = cohort_reports(&copy).await;
    assert_eq!(after, before, "the restored database gives identical cohort reports");

    // A write works on the copy (sequences, triggers and row-level security came along).
    let agent = copy
        .post(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({ "e": "agente.cq@demo.sismic.quebec", "p": sismic_server::demo::DEFAULT_DEMO_PASSWORD }),
        )
        .await["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let projects = copy.post(Some(&agent), "{ projects(first: 1) { nodes { id } } }", json!({})).await;
    let project = projects["data"]["projects"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let logged = copy
        .post(
            Some(&agent),
            "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
            json!({ "i": { "projectId": project, "occurredOn": "2021-05-03", "mode": "PHONE", "summary": "Après restauration" } }),
        )
        .await;
    assert!(logged.get("errors").is_none(), "{logged}");

    restored_pool.close().await;
    sqlx::query(&format!("drop database \"{restored}\" with (force)")).execute(&pool).await.unwrap();
}
