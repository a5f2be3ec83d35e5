//! Follow-ups: subjects, regions, validation and idempotency keys (API.md, "Follow-ups").

use serde_json::{json, Value};
use sismic_api_tests::{create_project, TestApp, World};
use sqlx::PgPool;

const LOG: &str =
    "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { replayed followUp { id summary occurredOn mode
    durationMinutes region { code } project { name } partner { name } } } }";
const COUNTS: &str = "query($id: ID!) { project(id: $id) { followUpCount lastFollowUpOn
    followUps(first: 10) { edges { node { occurredOn summary } } } } }";

fn input(extra: Value) -> Value {
    let mut base = json!({ "occurredOn": "2021-01-15", "mode": "VIRTUAL", "summary": "Coaching BMC" });
    base.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    json!({ "i": base })
}

#[sqlx::test(migrations = "../migrations")]
async fn a_project_follow_up_counts_on_the_project_and_takes_its_region(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", Some(&w.college)).await;
    for (date, summary) in [("2021-01-15", "premier"), ("2021-02-20", "dernier"), ("2020-11-02", "ancien")] {
        let data = app
            .ok(&w.agent_a, LOG, input(json!({ "projectId": project, "occurredOn": date, "summary": summary })))
            .await;
        assert_eq!(data["logFollowUp"]["followUp"]["region"]["code"], "AA");
        assert_eq!(data["logFollowUp"]["replayed"], false);
    }
    let p = app.ok(&w.agent_a, COUNTS, json!({ "id": project })).await["project"].clone();
    assert_eq!(p["followUpCount"], 3);
    assert_eq!(p["lastFollowUpOn"], "2021-02-20");
    let dates: Vec<&str> =
        p["followUps"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["occurredOn"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2021-02-20", "2021-01-15", "2020-11-02"], "newest first");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_partner_follow_up_belongs_to_the_agents_region(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let data = app.ok(&w.agent_b, LOG, input(json!({ "partnerId": w.college }))).await;
    assert_eq!(data["logFollowUp"]["followUp"]["region"]["code"], "BB");
    assert_eq!(data["logFollowUp"]["followUp"]["project"], Value::Null);
    assert_eq!(data["logFollowUp"]["followUp"]["partner"]["name"], "Cégep de Victoriaville");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_gives_the_region_of_a_partner_follow_up(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let before = app.snapshot().await;
    assert_eq!(app.code(Some(&w.admin), LOG, input(json!({ "partnerId": w.college }))).await, "BAD_USER_INPUT");
    assert_eq!(app.snapshot().await, before);
    let data = app.ok(&w.admin, LOG, input(json!({ "partnerId": w.college, "regionId": w.region_b }))).await;
    assert_eq!(data["logFollowUp"]["followUp"]["region"]["code"], "BB");
}

#[sqlx::test(migrations = "../migrations")]
async fn invalid_follow_ups_are_refused_and_write_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let before = app.snapshot().await;
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    for bad in [
        json!({}),
        json!({ "projectId": project, "occurredOn": tomorrow }),
        json!({ "projectId": project, "summary": "" }),
        json!({ "projectId": project, "summary": "   " }),
        json!({ "projectId": project, "summary": "x".repeat(2001) }),
        json!({ "projectId": project, "durationMinutes": 0 }),
        json!({ "projectId": project, "durationMinutes": 1441 }),
        json!({ "projectId": project, "idempotencyKey": "" }),
        json!({ "projectId": project, "idempotencyKey": "k".repeat(256) }),
        json!({ "projectId": "garbage" }),
        json!({ "projectId": project, "occurredOn": "15/01/2021" }),
    ] {
        let code = app.code(Some(&w.agent_a), LOG, input(bad.clone())).await;
        assert_eq!(code, "BAD_USER_INPUT", "{bad}");
    }
    assert_eq!(app.snapshot().await, before);
    // The limits themselves are accepted.
    let edge = input(json!({ "projectId": project, "summary": "é".repeat(2000), "durationMinutes": 1440 }));
    app.ok(&w.agent_a, LOG, edge).await;
    app.ok(&w.agent_a, LOG, input(json!({ "projectId": project, "durationMinutes": 1, "occurredOn": chrono::Utc::now().date_naive().to_string() }))).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_replayed_idempotency_key_returns_the_first_follow_up_and_writes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let request = input(json!({ "projectId": project, "idempotencyKey": "tablet-42" }));
    let first = app.ok(&w.agent_a, LOG, request.clone()).await["logFollowUp"].clone();
    let before = app.snapshot().await;
    let again = app.ok(&w.agent_a, LOG, request.clone()).await["logFollowUp"].clone();
    assert_eq!(app.snapshot().await, before, "a replay writes nothing");
    assert_eq!(again["followUp"], first["followUp"]);
    assert_eq!(again["replayed"], true);
    // The same key with another input is a conflict.
    let changed = input(json!({ "projectId": project, "idempotencyKey": "tablet-42", "summary": "autre chose" }));
    assert_eq!(app.code(Some(&w.agent_a), LOG, changed).await, "CONFLICT");
    assert_eq!(app.snapshot().await, before);
    // Keys are scoped to the user: another agent's key of the same text is theirs.
    let other_agent = app.user("AGENT", Some(sismic_api_tests::raw_id(&w.region_a)), None).await;
    let theirs = app.ok(&other_agent, LOG, request).await["logFollowUp"].clone();
    assert_ne!(theirs["followUp"]["id"], first["followUp"]["id"]);
    let count = app.ok(&w.agent_a, COUNTS, json!({ "id": project })).await["project"]["followUpCount"].clone();
    assert_eq!(count, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_retries_with_one_key_write_one_follow_up(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project = create_project(&app, &w.agent_a, &w.cohort_a, "Friperie", None).await;
    let responses =
        app.concurrently(6, &w.agent_a, LOG, input(json!({ "projectId": project, "idempotencyKey": "flaky" }))).await;
    let mut ids = Vec::new();
    for response in responses {
        assert!(response.get("errors").is_none(), "{response:#}");
        ids.push(response["data"]["logFollowUp"]["followUp"]["id"].as_str().unwrap().to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every retry returns the same follow-up");
    let count = app.ok(&w.agent_a, COUNTS, json!({ "id": project })).await["project"]["followUpCount"].clone();
    assert_eq!(count, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_agent_cannot_log_on_another_regions_project(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let project_b = create_project(&app, &w.agent_b, &w.cohort_b, "Projet B", None).await;
    let before = app.snapshot().await;
    assert_eq!(app.code(Some(&w.agent_a), LOG, input(json!({ "projectId": project_b }))).await, "NOT_FOUND");
    let other_region = input(json!({ "partnerId": w.college, "regionId": w.region_b }));
    assert_eq!(app.code(Some(&w.agent_a), LOG, other_region).await, "NOT_FOUND");
    assert_eq!(app.snapshot().await, before);
}

#[sqlx::test(migrations = false)]
async fn keys_kept_on_follow_ups_before_the_migration_still_replay(pool: PgPool) {
    // The database as it was before: every migration up to, not including, the one that moved
    // follow-ups' keys into the idempotency table.
    let old = std::env::temp_dir().join(format!("sismic-old-migrations-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir(&old).unwrap();
    for entry in std::fs::read_dir("../migrations").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < "20261216000200" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
    std::fs::remove_dir_all(&old).unwrap();

    let region: uuid::Uuid =
        sqlx::query_scalar("insert into region (code, name) values ('AA', 'Région A') returning region_id")
            .fetch_one(&pool)
            .await
            .unwrap();
    let agent: uuid::Uuid = sqlx::query_scalar(
        "insert into app_user (email, password_hash, role, region_id) values ('a@test.example', $1, 'AGENT', $2) returning user_id",
    )
    .bind(sismic_api_tests::password_hash())
    .bind(region)
    .fetch_one(&pool)
    .await
    .unwrap();
    let partner: uuid::Uuid =
        sqlx::query_scalar("insert into partner (name, kind) values ('Cégep', 'COLLEGE') returning partner_id")
            .fetch_one(&pool)
            .await
            .unwrap();
    // What JSON escapes, and what it does not: quotes, a backslash, a line break, a control
    // character, accents.
    let summary = "Appel « café » \"cité\" \\ fin\nsuite\u{1}";
    let logged: uuid::Uuid = sqlx::query_scalar(
        "insert into follow_up (region_id, partner_id, occurred_on, mode, summary, duration_minutes, created_by,
                                idempotency_key)
         values ($1, $2, '2020-10-08', 'PHONE', $3, 30, $4, 'before') returning follow_up_id",
    )
    .bind(region)
    .bind(partner)
    .bind(summary)
    .bind(agent)
    .fetch_one(&pool)
    .await
    .unwrap();

    sismic_store::MIGRATOR.run(&pool).await.unwrap();

    let app = TestApp::spawn(pool.clone()).await;
    let login = app
        .post(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({ "e": "a@test.example", "p": sismic_api_tests::TEST_PASSWORD }),
        )
        .await;
    let token = login["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{login}")).to_owned();
    let agent = sismic_api_tests::Actor { user_id: agent, token };
    let partner_id = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Partner, partner).to_string();
    let retry = json!({ "i": { "partnerId": partner_id, "occurredOn": "2020-10-08", "mode": "PHONE",
                               "summary": summary, "durationMinutes": 30, "idempotencyKey": "before" } });
    let data = app.ok(&agent, LOG, retry.clone()).await;
    assert_eq!(data["logFollowUp"]["replayed"], true, "{data}");
    assert_eq!(sismic_api_tests::raw_id(data["logFollowUp"]["followUp"]["id"].as_str().unwrap()), logged);
    let mut other = retry;
    other["i"]["durationMinutes"] = json!(45);
    assert_eq!(app.code(Some(&agent), LOG, other).await, "CONFLICT");
    let count: i64 = sqlx::query_scalar("select count(*) from follow_up").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 1);
}
