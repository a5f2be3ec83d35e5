//! Row-level security holds on its own: through the store layer, with the filters of the
//! queries deliberately left out, a scope still sees and changes only its own rows.

use serde_json::json;
use sismic_api_tests::{create_project, raw_id, register, TestApp, World};
use sismic_domain::Role;
use sismic_store::{Scope, Store};
use sqlx::PgPool;
use uuid::Uuid;

fn agent_scope(region: &str) -> Scope {
    Scope::User { user_id: Uuid::new_v4(), role: Role::Agent, region_id: Some(raw_id(region)), partner_id: None }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_query_without_any_filter_still_sees_only_its_region(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    create_project(&app, &w.agent_a, &w.cohort_a, "Projet A", Some(&w.college)).await;
    create_project(&app, &w.agent_b, &w.cohort_b, "Projet B", Some(&w.college)).await;
    register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    register(&app, &w.agent_b, &w.region_b, "Zoé", "Leblanc").await;

    let store = Store::new(pool);
    let mut tx = store.begin(&agent_scope(&w.region_a)).await.unwrap();
    // A "buggy resolver": no region filter at all.
    let projects: Vec<String> =
        sqlx::query_scalar("select name from project order by name").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(projects, ["Projet A"]);
    let people: Vec<String> =
        sqlx::query_scalar("select first_name from participant").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(people, ["Léa"]);
    let history: i64 =
        sqlx::query_scalar("select count(*) from project_stage_event").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(history, 1);
    let audit: i64 = sqlx::query_scalar("select count(*) from audit_log").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(audit, 0, "agents do not read the audit log");
    // Writes to the other region are refused or touch nothing.
    let renamed =
        sqlx::query("update project set name = 'piraté' where name = 'Projet B'").execute(&mut *tx).await.unwrap();
    assert_eq!(renamed.rows_affected(), 0);
    let insert = sqlx::query("insert into participant (region_id, first_name, last_name) values ($1, 'X', 'Y')")
        .bind(raw_id(&w.region_b))
        .execute(&mut *tx)
        .await;
    assert!(insert.is_err(), "inserting into another region violates the policy");
    drop(tx);

    // A partner sees the projects that came from it, and no participant, whatever the query.
    let partner = Scope::User {
        user_id: Uuid::new_v4(),
        role: Role::Partner,
        region_id: None,
        partner_id: Some(raw_id(&w.college)),
    };
    let mut tx = store.begin(&partner).await.unwrap();
    let projects: i64 = sqlx::query_scalar("select count(*) from project").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(projects, 2);
    let people: i64 = sqlx::query_scalar("select count(*) from participant").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(people, 0);
    let follow_ups: i64 = sqlx::query_scalar("select count(*) from follow_up").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(follow_ups, 0);
    drop(tx);

    // A funder sees no row at all of operational data.
    let funder = Scope::User { user_id: Uuid::new_v4(), role: Role::Funder, region_id: None, partner_id: None };
    let mut tx = store.begin(&funder).await.unwrap();
    let projects: i64 = sqlx::query_scalar("select count(*) from project").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(projects, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_cannot_rewrite_history_or_the_audit_log(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    create_project(&app, &w.agent_a, &w.cohort_a, "Projet A", None).await;
    let store = Store::new(pool.clone());
    for statement in [
        "update project_stage_event set note = 'réécrit'",
        "delete from project_stage_event",
        "update audit_log set operation = 'rien'",
        "delete from audit_log",
    ] {
        let mut tx = store.begin(&Scope::System).await.unwrap();
        let result = sqlx::query(statement).execute(&mut *tx).await;
        assert!(result.is_err(), "`{statement}` must be refused");
    }
    // Even the owner, outside the application role, is stopped by the append-only triggers.
    assert!(sqlx::query("delete from audit_log").execute(&pool).await.is_err());
    assert!(sqlx::query("update project_stage_event set note = 'x'").execute(&pool).await.is_err());
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_owns_nothing_and_does_not_bypass_rls(pool: PgPool) {
    let (bypass, superuser): (bool, bool) =
        sqlx::query_as("select rolbypassrls, rolsuper from pg_roles where rolname = 'sismic_app'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!bypass && !superuser);
    let owned: i64 =
        sqlx::query_scalar("select count(*) from pg_tables where schemaname = 'public' and tableowner = 'sismic_app'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(owned, 0);
    let unforced: Vec<String> = sqlx::query_scalar(
        "select relname::text from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
           and relname not like '\\_sqlx%' and not (relrowsecurity and relforcerowsecurity) order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(unforced.is_empty(), "tables without forced row-level security: {unforced:?}");
    let _ = json!({});
}
