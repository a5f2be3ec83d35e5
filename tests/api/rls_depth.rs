//! Issue 8 finding 7: what row-level security let through, tried directly as `sismic_app` (and
//! `sismic_report`) through `Store::begin`, with no API check in the way.

use sismic_api_tests::{create_activity, raw_id, register, TestApp, World};
use sismic_domain::Role;
use sismic_store::{Scope, Store};
use sqlx::{Connection, PgPool};
use uuid::Uuid;

fn agent(user_id: Uuid, region: &str) -> Scope {
    Scope::User { user_id, role: Role::Agent, region_id: Some(raw_id(region)), partner_id: None }
}

/// Runs one statement in its own transaction for `scope`; whether it succeeded.
async fn attempt(store: &Store, scope: &Scope, statement: &str, bind: Option<Uuid>) -> Result<u64, String> {
    let mut tx = store.begin(scope).await.unwrap();
    let mut query = sqlx::query(statement);
    if let Some(id) = bind {
        query = query.bind(id);
    }
    query.execute(&mut *tx).await.map(|r| r.rows_affected()).map_err(|e| e.to_string())
}

#[sqlx::test(migrations = "../migrations")]
async fn audit_entries_are_written_only_under_the_acting_users_own_id_and_role(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let store = Store::new(pool);
    let me = agent(w.agent_a.user_id, &w.region_a);
    let insert = |user: &str, role: &str| {
        format!("insert into audit_log (user_id, role, operation, entity_type) values ({user}, '{role}', 'forged', 'Project')")
    };
    let admin = format!("'{}'", w.admin.user_id);
    let own = format!("'{}'", w.agent_a.user_id);
    assert!(attempt(&store, &me, &insert(&admin, "ADMIN"), None).await.is_err(), "under another user's id");
    assert!(attempt(&store, &me, &insert(&admin, "AGENT"), None).await.is_err(), "under another user's id");
    assert!(attempt(&store, &me, &insert("null", "AGENT"), None).await.is_err(), "without a user");
    assert!(attempt(&store, &me, &insert(&own, "ADMIN"), None).await.is_err(), "under another role");
    assert_eq!(attempt(&store, &me, &insert(&own, "AGENT"), None).await, Ok(1), "its own entry");
    assert!(attempt(&store, &Scope::Report, &insert("null", "REPORT"), None).await.is_err(), "reports write nothing");
    assert_eq!(attempt(&store, &Scope::System, &insert("null", "SYSTEM"), None).await, Ok(1));
    assert!(
        attempt(&store, &Scope::System, &insert(&admin, "ADMIN"), None).await.is_err(),
        "the system names a user only for that user's own sign-in"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_lowers_a_token_version_or_deletes_their_own_account(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    // Revoke once (logout), so that there is a version to go back from.
    app.ok(&w.agent_a, "mutation { logout }", serde_json::json!({})).await;
    let store = Store::new(pool.clone());
    let me = agent(w.agent_a.user_id, &w.region_a);
    let admin = Scope::User { user_id: w.admin.user_id, role: Role::Admin, region_id: None, partner_id: None };
    let lower = "update app_user set token_version = token_version - 1 where user_id = $1";
    assert!(attempt(&store, &me, lower, Some(w.agent_a.user_id)).await.is_err(), "a user revives their tokens");
    assert!(attempt(&store, &admin, lower, Some(w.agent_a.user_id)).await.is_err(), "an admin revives them");
    assert!(attempt(&store, &Scope::System, lower, Some(w.agent_a.user_id)).await.is_err());
    let version: i32 = sqlx::query_scalar("select token_version from app_user where user_id = $1")
        .bind(w.agent_a.user_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(version, 1);
    // Raising it (logging out) and the self-change guard still work as before.
    let raise = "update app_user set token_version = token_version + 1 where user_id = $1";
    assert_eq!(attempt(&store, &me, raise, Some(w.agent_a.user_id)).await, Ok(1));
    let promote = "update app_user set role = 'ADMIN', region_id = null where user_id = $1";
    assert!(attempt(&store, &me, promote, Some(w.agent_a.user_id)).await.is_err());
    // A user's own row is theirs to update, not to delete (an account without audit entries:
    // no foreign key stands in the way).
    let fresh = app.user("AGENT", Some(raw_id(&w.region_a)), None).await;
    let fresh_scope = agent(fresh.user_id, &w.region_a);
    let deleted = attempt(&store, &fresh_scope, "delete from app_user where user_id = $1", Some(fresh.user_id)).await;
    assert_eq!(deleted, Ok(0), "a user deleted their own account");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_cannot_touch_the_migrations_table_and_readiness_still_works(pool: PgPool) {
    let store = Store::new(pool.clone());
    for statement in [
        "delete from _sqlx_migrations",
        "update _sqlx_migrations set success = false",
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
           values (99999999999999, 'forged', true, '\\x00', 0)",
        "select count(*) from _sqlx_migrations",
    ] {
        for scope in [Scope::System, Scope::Report] {
            assert!(attempt(&store, &scope, statement, None).await.is_err(), "`{statement}` must be refused");
        }
    }
    assert!(store.is_ready().await);
    // A production-like login role: a member of sismic_app, nothing else. Readiness works for it.
    let login = format!("sismic_login_{}", Uuid::new_v4().simple());
    sqlx::query(&format!("create role {login} login in role sismic_app")).execute(&pool).await.unwrap();
    let options = (*pool.connect_options()).clone().username(&login);
    let mut own = sqlx::PgConnection::connect_with(&options).await.unwrap();
    let direct = sqlx::query("select count(*) from _sqlx_migrations").execute(&mut own).await;
    assert!(direct.is_err(), "the login role reads the migrations table through sismic_app's grants");
    own.close().await.unwrap();
    let login_store = Store::connect_lazy_with(options, &Default::default());
    assert!(login_store.is_ready().await, "/readyz works for a login role that is only a member of sismic_app");
    // Through sismic_app, that login role may also switch to the report role.
    let mut tx = login_store.begin(&Scope::Report).await.expect("a report transaction for the login role");
    let attended: i64 = sqlx::query_scalar("select count(*) from attendance").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(attended, 0);
    drop(tx);
    login_store.pool().close().await;
    sqlx::query(&format!("drop role {login}")).execute(&pool).await.unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn report_transactions_read_aggregate_inputs_and_no_personal_information(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    register(&app, &w.agent_b, &w.region_b, "Zoé", "Leblanc").await;
    let activity = create_activity(&app, &w.agent_a, &w.cohort_a, "IDEATION", "2020-12-03").await;
    sismic_api_tests::attend(&app, &w.agent_a, &activity, [&lea]).await;
    app.ok(
        &w.agent_a,
        "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { participant { id } } }",
        serde_json::json!({ "i": { "participantId": lea, "givenOn": "2020-10-08", "purposes": ["REPORTING"] } }),
    )
    .await;
    let store = Store::new(pool);
    for statement in [
        "select first_name from participant",
        "select last_name from participant",
        "select email from participant",
        "select * from participant",
        "select count(*) from participant_consent",
        "select summary from follow_up",
        "select email from app_user",
        "select count(*) from audit_log",
        "select count(*) from idempotency_key",
        "update participant set mrc = 'x'",
    ] {
        assert!(attempt(&store, &Scope::Report, statement, None).await.is_err(), "REPORT may run `{statement}`");
    }
    // What the aggregates need is still there, for every region.
    let mut tx = store.begin(&Scope::Report).await.unwrap();
    let people: i64 =
        sqlx::query_scalar("select count(*) from participant where gender is null").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(people, 2);
    let attended: i64 = sqlx::query_scalar("select count(*) from attendance").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(attended, 1);
}
