//! Law 25, issue 8 finding 5: erasure leaves no identity behind, anywhere in the database, and
//! idempotency keys keep a digest of their request (never the request), for a limited time.

use serde_json::{json, Value};
use sismic_api_tests::{raw_id, TestApp, World};
use sismic_store::Store;
use sqlx::PgPool;
use uuid::Uuid;

const REGISTER: &str =
    "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } replayed } }";
const ERASE: &str = "mutation($id: ID!) { eraseParticipant(participantId: $id) { participant { anonymized } } }";

/// The `pg_dump` matching the cluster, found as `scripts/pg-local.sh` finds `initdb`.
fn pg_dump() -> std::path::PathBuf {
    let from_pg_config = std::process::Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).join("pg_dump"));
    if let Some(path) = from_pg_config.filter(|p| p.exists()) {
        return path;
    }
    let mut dirs: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path().join("bin/pg_dump")).collect())
        .unwrap_or_default();
    dirs.retain(|p| p.exists());
    dirs.sort_by_key(|p| p.components().nth(4).and_then(|c| c.as_os_str().to_str()?.parse::<u32>().ok()).unwrap_or(0));
    dirs.pop().unwrap_or_else(|| "pg_dump".into())
}

/// Everything in the test's database (schema and data), as `pg_dump` writes it.
fn dump(pool: &PgPool) -> String {
    let options = pool.connect_options();
    let output = std::process::Command::new(pg_dump())
        .args(["--no-owner", "--no-privileges", "-h"])
        .arg(options.get_host())
        .arg("-p")
        .arg(options.get_port().to_string())
        .arg("-U")
        .arg(options.get_username())
        .arg("-d")
        .arg(options.get_database().expect("the test's database"))
        .output()
        .expect("run pg_dump");
    assert!(output.status.success(), "pg_dump failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("a UTF-8 dump")
}

fn participant_id(data: &Value) -> (String, bool) {
    let payload = &data["registerParticipant"];
    (payload["participant"]["id"].as_str().expect("id").to_owned(), payload["replayed"].as_bool().expect("replayed"))
}

#[sqlx::test(migrations = "../migrations")]
async fn erasure_leaves_the_identity_nowhere_in_the_database_not_even_in_idempotency_keys(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let unique = Uuid::new_v4().simple().to_string();
    let (first, last, email) =
        (format!("Prénom{unique}"), format!("Nom{unique}"), format!("courriel.{unique}@example.com"));
    let input = json!({ "regionId": w.region_a, "firstName": first, "lastName": last, "email": email,
                        "gender": "WOMAN", "birthYear": 2004, "mrc": "Arthabaska", "idempotencyKey": "tablet-1" });
    let (id, replayed) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    assert!(!replayed);
    app.ok(
        &w.agent_a,
        "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { participant { id } } }",
        json!({ "i": { "participantId": id, "givenOn": "2020-10-08", "purposes": ["PROGRAM_DELIVERY"] } }),
    )
    .await;
    let before = dump(&pool);
    assert!(before.contains(&last), "the dump is readable and holds the identity before erasure");

    // Another agent's scope (the admin) erases the person an agent registered.
    app.ok(&w.admin, ERASE, json!({ "id": id })).await;
    let after = dump(&pool);
    for needle in [first.as_str(), last.as_str(), email.as_str(), unique.as_str()] {
        assert!(!after.contains(needle), "{needle} is still in the database after erasure");
    }
    let keys: i64 = sqlx::query_scalar("select count(*) from idempotency_key where object_id = $1")
        .bind(raw_id(&id))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(keys, 0, "the person's idempotency keys are gone");

    // A replay of the key cannot return the erased person: the key no longer exists.
    let (again, replayed) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    assert!(!replayed, "an erased person's key is not replayed");
    assert_ne!(again, id);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_privacy_purge_removes_the_keys_of_the_people_it_anonymises(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let input = json!({ "regionId": w.region_a, "firstName": "Ancien", "lastName": "Inactif", "idempotencyKey": "k" });
    let (id, _) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    sismic_api_tests::backdate_participant(&pool, &id, "2019-01-01").await;
    let store = Store::new(pool.clone());
    let since = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(sismic_server::maintenance::privacy_purge(&store, since, false).await.unwrap(), 1);
    let dump = dump(&pool);
    assert!(!dump.contains("Inactif"), "the purge left the identity behind");
    let keys: i64 = sqlx::query_scalar("select count(*) from idempotency_key").fetch_one(&pool).await.unwrap();
    assert_eq!(keys, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn keys_store_a_digest_of_the_request_not_the_request(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let input = json!({ "regionId": w.region_a, "firstName": "Léa", "lastName": "Digest", "email": "lea@digest.example",
                        "idempotencyKey": "k-1" });
    app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await;
    let rows: Vec<String> =
        sqlx::query_scalar("select to_jsonb(k)::text from idempotency_key k").fetch_all(&pool).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].contains("Digest") && !rows[0].contains("lea@"), "{}", rows[0]);
}

#[sqlx::test(migrations = "../migrations")]
async fn expired_keys_are_not_replayed_and_the_purge_deletes_them(pool: PgPool) {
    // A retention shorter than the default, so that the setting is what expires the keys.
    let app = TestApp::spawn_with(pool.clone(), |s| s.idempotency_retention_days = 7).await;
    let w = World::build(&app).await;
    let input = json!({ "regionId": w.region_a, "firstName": "Léa", "lastName": "Tremblay", "idempotencyKey": "old" });
    let (first, _) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    let follow_up = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } replayed } }";
    let f_input = json!({ "partnerId": w.college, "occurredOn": "2020-10-08", "mode": "PHONE", "summary": "Appel",
                          "idempotencyKey": "old" });
    let f_first = app.ok(&w.agent_a, follow_up, json!({ "i": f_input })).await;
    // Within the retention period, a retry replays.
    let (again, replayed) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    assert!(replayed && again == first);
    // 8 days later the keys have expired: the same request is a new one.
    sqlx::query("update idempotency_key set created_at = now() - interval '8 days'").execute(&pool).await.unwrap();
    sqlx::query("update follow_up set created_at = now() - interval '8 days'").execute(&pool).await.unwrap();
    let (late, replayed) = participant_id(&app.ok(&w.agent_a, REGISTER, json!({ "i": input })).await);
    assert!(!replayed && late != first, "an expired key was replayed");
    let f_late = app.ok(&w.agent_a, follow_up, json!({ "i": f_input })).await;
    assert_eq!(f_late["logFollowUp"]["replayed"], false, "an expired follow-up key was replayed");
    assert_ne!(f_late["logFollowUp"]["followUp"]["id"], f_first["logFollowUp"]["followUp"]["id"]);

    // The purge deletes what has expired and keeps the rest.
    sqlx::query("update idempotency_key set created_at = now() - interval '8 days'").execute(&pool).await.unwrap();
    sqlx::query("update follow_up set created_at = now() - interval '8 days'").execute(&pool).await.unwrap();
    app.ok(
        &w.agent_a,
        REGISTER,
        json!({ "i": { "regionId": w.region_a, "firstName": "Noah", "lastName": "Roy", "idempotencyKey": "new" } }),
    )
    .await;
    let store = Store::new(pool.clone());
    let purged = sismic_server::maintenance::purge_idempotency_keys(&store, chrono::Duration::days(7)).await.unwrap();
    assert_eq!(purged, 2, "one participant key, one follow-up key (each taken over once when it expired)");
    let left: Vec<String> =
        sqlx::query_scalar("select idempotency_key from idempotency_key").fetch_all(&pool).await.unwrap();
    assert_eq!(left, ["new"]);
    let follow_up_keys: i64 =
        sqlx::query_scalar("select count(*) from idempotency_key where operation = 'logFollowUp'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(follow_up_keys, 0);
}

#[sqlx::test(migrations = false)]
async fn the_migration_turns_stored_requests_into_digests_that_still_replay(pool: PgPool) {
    // The database as it was before: every migration up to, not including, the digest's.
    let old = std::env::temp_dir().join(format!("sismic-old-migrations-{}", Uuid::new_v4()));
    std::fs::create_dir(&old).unwrap();
    for entry in std::fs::read_dir("../migrations").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < "20261201000100" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
    std::fs::remove_dir_all(&old).unwrap();

    // A key stored the old way, with the whole request (what registerParticipant wrote).
    let region: Uuid =
        sqlx::query_scalar("insert into region (code, name) values ('AA', 'Région A') returning region_id")
            .fetch_one(&pool)
            .await
            .unwrap();
    let agent = sqlx::query_scalar::<_, Uuid>(
        "insert into app_user (email, password_hash, role, region_id) values ('a@test.example', $1, 'AGENT', $2) returning user_id",
    )
    .bind(sismic_api_tests::password_hash())
    .bind(region)
    .fetch_one(&pool)
    .await
    .unwrap();
    let participant: Uuid = sqlx::query_scalar(
        "insert into participant (region_id, first_name, last_name) values ($1, 'Léa', 'Ancienne') returning participant_id",
    )
    .bind(region)
    .fetch_one(&pool)
    .await
    .unwrap();
    let request = json!({ "regionId": region, "firstName": "Léa", "lastName": "Ancienne", "email": null,
                          "gender": null, "birthYear": null, "mrc": null });
    sqlx::query(
        "insert into idempotency_key (user_id, operation, idempotency_key, request, object_id)
           values ($1, 'registerParticipant', 'before', $2, $3)",
    )
    .bind(agent)
    .bind(request.to_string())
    .bind(participant)
    .execute(&pool)
    .await
    .unwrap();

    sismic_store::MIGRATOR.run(&pool).await.unwrap();
    let stored: String =
        sqlx::query_scalar("select to_jsonb(k)::text from idempotency_key k").fetch_one(&pool).await.unwrap();
    assert!(!stored.contains("Ancienne"), "{stored}");

    // The converted key still replays the same request, and refuses another one.
    let app = TestApp::spawn(pool.clone()).await;
    let login = app
        .post(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            json!({ "e": "a@test.example", "p": sismic_api_tests::TEST_PASSWORD }),
        )
        .await;
    let token = login["data"]["login"]["token"].as_str().unwrap_or_else(|| panic!("{login}")).to_owned();
    let token = sismic_api_tests::Actor { user_id: agent, token };
    let region_id = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Region, region).to_string();
    let input =
        json!({ "regionId": region_id, "firstName": "Léa", "lastName": "Ancienne", "idempotencyKey": "before" });
    let (id, replayed) = participant_id(&app.ok(&token, REGISTER, json!({ "i": input })).await);
    assert!(replayed);
    assert_eq!(raw_id(&id), participant);
    let other = json!({ "regionId": region_id, "firstName": "Léa", "lastName": "Autre", "idempotencyKey": "before" });
    assert_eq!(app.code(Some(&token), REGISTER, json!({ "i": other })).await, "CONFLICT");
}
