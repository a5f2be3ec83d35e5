//! PostgreSQL stops and comes back under a stream of writes. A dedicated private cluster is
//! started for this test (scripts/pg-local.sh, its own folder and port) so that stopping it
//! disturbs no other test. Writers behave as a flaky client should: on `UNAVAILABLE` or a
//! network error they retry with the same idempotency key. At the end every acknowledged
//! write exists exactly once, and nothing else does.

use serde_json::json;
use sismic_api_tests::{closed_port, create_project, TestApp, World};
use sismic_server::config::Settings;
use sismic_store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LOG: &str = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } replayed } }";

/// A private PostgreSQL cluster, stopped and removed on drop.
struct Cluster {
    env: Vec<(&'static str, String)>,
    folder: PathBuf,
    port: u16,
}

fn scripts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts")
}

impl Cluster {
    fn new() -> Cluster {
        let port = closed_port();
        let folder = std::env::temp_dir().join(format!("sismic-fault-{}-{port}", std::process::id()));
        let env = vec![
            ("SISMIC_PG_NAME", "fault".to_owned()),
            ("SISMIC_PG_PORT", port.to_string()),
            ("SISMIC_PG_DIR", folder.join("fault").display().to_string()),
            ("SISMIC_PG_FAST", "1".to_owned()),
        ];
        Cluster { env, folder, port }
    }

    fn script(&self, name: &str) {
        let output = Command::new("bash")
            .arg(scripts().join(name))
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .output()
            .unwrap_or_else(|e| panic!("cannot run {name}: {e}"));
        assert!(output.status.success(), "{name} failed: {}", String::from_utf8_lossy(&output.stderr));
    }

    async fn start(self: &Arc<Self>) {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.script("pg-local.sh")).await.unwrap();
    }

    async fn stop(self: &Arc<Self>) {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.script("pg-stop.sh")).await.unwrap();
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(scripts().join("pg-stop.sh"))
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .output();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// What the writers saw.
#[derive(Default)]
struct Ledger {
    /// Acknowledged keys, with the follow-up id the server returned.
    acknowledged: BTreeMap<String, String>,
    /// Every key ever sent.
    attempted: BTreeSet<String>,
    /// Failed attempts by code (or `network`).
    failures: BTreeMap<String, usize>,
    /// Slowest failed attempt.
    slowest_failure: Duration,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_a_database_restart_exactly_once() {
    let cluster = Arc::new(Cluster::new());
    cluster.start().await;
    // The bounds below count from here: creating the cluster (initdb) is set-up.
    let test_started = Instant::now();

    let mut settings = Settings::for_tests(&cluster.url());
    settings.db_acquire_timeout_ms = 500;
    settings.request_timeout_secs = 5;
    let store = Store::connect_lazy(&cluster.url(), &settings.pool()).expect("a valid URL");
    store.migrate().await.expect("migrations");
    let pool = store.pool().clone();
    let app = Arc::new(TestApp::start(settings, store, pool.clone()).await);
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop résiliente", None).await;
    let agent = world.agent_a.clone();

    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let acks_after_restart = Arc::new(AtomicUsize::new(0));
    let restarted = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for writer in 0..4 {
        let (app, ledger, stop, project, token) =
            (app.clone(), ledger.clone(), stop.clone(), project.clone(), agent.token.clone());
        let (acks_after_restart, restarted) = (acks_after_restart.clone(), restarted.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let key = format!("w{writer}-{n}");
                n += 1;
                ledger.lock().unwrap().attempted.insert(key.clone());
                let input = json!({ "projectId": project, "occurredOn": "2021-03-02", "mode": "PHONE",
                                    "summary": format!("suivi {key}"), "idempotencyKey": key });
                let body = json!({ "query": LOG, "variables": { "i": input } });
                // Retry with the same key until acknowledged (bounded by the test's deadline).
                loop {
                    assert!(test_started.elapsed() < Duration::from_secs(50), "a write was never acknowledged");
                    let sent = Instant::now();
                    let outcome = app
                        .client
                        .post(format!("{}/graphql", app.address))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    let response: Result<serde_json::Value, String> = match outcome {
                        Ok(response) => response.json().await.map_err(|_| "network".to_owned()),
                        Err(_) => Err("network".to_owned()),
                    };
                    let failure = match &response {
                        Ok(r) => match r["data"]["logFollowUp"]["followUp"]["id"].as_str() {
                            Some(id) => {
                                ledger.lock().unwrap().acknowledged.insert(key.clone(), id.to_owned());
                                if restarted.load(Ordering::Relaxed) {
                                    acks_after_restart.fetch_add(1, Ordering::Relaxed);
                                }
                                break;
                            }
                            None => r["errors"][0]["extensions"]["code"].as_str().unwrap_or("no code").to_owned(),
                        },
                        Err(network) => network.clone(),
                    };
                    assert!(
                        failure == "UNAVAILABLE" || failure == "network",
                        "unexpected failure {failure}: {response:?}"
                    );
                    {
                        let mut ledger = ledger.lock().unwrap();
                        *ledger.failures.entry(failure).or_default() += 1;
                        ledger.slowest_failure = ledger.slowest_failure.max(sent.elapsed());
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }));
    }

    tokio::time::sleep(Duration::from_millis(1_500)).await;
    cluster.stop().await;
    // While PostgreSQL is down the server stays up: /healthz answers, /readyz does not.
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    cluster.start().await;
    restarted.store(true, Ordering::Relaxed);
    // It recovers by itself.
    let recovered = Instant::now();
    while acks_after_restart.load(Ordering::Relaxed) < 20 {
        assert!(recovered.elapsed() < Duration::from_secs(20), "no recovery after PostgreSQL came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        tokio::time::timeout(Duration::from_secs(20), writer).await.expect("writers finish").expect("a writer failed");
    }
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), 200);

    let ledger = std::mem::take(&mut *ledger.lock().unwrap());
    let unavailable = ledger.failures.values().sum::<usize>();
    assert!(unavailable > 0, "the outage went unnoticed: was PostgreSQL stopped?");
    assert!(
        ledger.slowest_failure < Duration::from_secs(3),
        "failures should be fast while the database is down, the slowest took {:?}",
        ledger.slowest_failure
    );
    // Each follow-up's summary is `suivi <its key>`: a follow-up written twice shows as a count
    // above one.
    let rows: Vec<(String, i64)> =
        sqlx::query_as("select substr(summary, length('suivi ') + 1), count(*) from follow_up group by 1 order by 1")
            .fetch_all(&pool)
            .await
            .unwrap();
    for (key, count) in &rows {
        assert_eq!(*count, 1, "{key} was written {count} times");
        assert!(ledger.acknowledged.contains_key(key), "{key} was written but never acknowledged");
    }
    let stored: BTreeSet<&String> = rows.iter().map(|(k, _)| k).collect();
    for key in ledger.acknowledged.keys() {
        assert!(stored.contains(key), "acknowledged write {key} is lost");
    }
    assert_eq!(ledger.attempted.len(), ledger.acknowledged.len());
    eprintln!(
        "fault injection: {} writes acknowledged, failures {:?}, slowest failure {:?}, in {:?}",
        ledger.acknowledged.len(),
        ledger.failures,
        ledger.slowest_failure,
        test_started.elapsed()
    );
    assert!(test_started.elapsed() < Duration::from_secs(60));
}

/// Live updates survive a database restart: the process's listener reconnects by itself.
/// While PostgreSQL is down, subscribers are closed with 1013 (try again later: events may be
/// missed) and new ones are refused the same way; once it is back, a subscriber that reconnects
/// hears the next change.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn live_updates_resume_after_a_database_restart() {
    use crate::live::{Live, Seen, PATIENCE, PROJECT_CHANGED};
    let cluster = Arc::new(Cluster::new());
    cluster.start().await;
    let mut settings = Settings::for_tests(&cluster.url());
    settings.db_acquire_timeout_ms = 500;
    settings.request_timeout_secs = 5;
    let store = Store::connect_lazy(&cluster.url(), &settings.pool()).expect("a valid URL");
    store.migrate().await.expect("migrations");
    let pool = store.pool().clone();
    let app = TestApp::start(settings, store, pool).await;
    let world = World::build(&app).await;

    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    create_project(&app, &world.agent_a, &world.cohort_a, "Avant", None).await;
    assert_eq!(live.event("p").await["data"]["projectChanged"]["project"]["name"], "Avant");

    cluster.stop().await;
    let (code, reason) = live.closed().await;
    assert_eq!(code, 1013, "{reason}");
    let mut refused = Live::open(&app, &[]).await.expect("a WebSocket");
    refused
        .send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", world.agent_a.token) } }))
        .await;
    assert_eq!(refused.closed().await.0, 1013);

    cluster.start().await;
    // A client retries (as graphql-ws does after 1013) until it is acknowledged.
    let back = Instant::now();
    let mut live = loop {
        assert!(back.elapsed() < Duration::from_secs(30), "live updates never came back");
        let mut attempt = Live::open(&app, &[]).await.expect("a WebSocket");
        attempt
            .send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", world.agent_a.token) } }))
            .await;
        match attempt.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "connection_ack" => break attempt,
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    let project = loop {
        assert!(back.elapsed() < Duration::from_secs(30), "writes never came back");
        let response = app
            .post(
                Some(&world.agent_a.token),
                "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
                json!({ "i": { "cohortId": world.cohort_a, "name": "Après", "idempotencyKey": "apres" } }),
            )
            .await;
        if let Some(id) = response["data"]["createProject"]["project"]["id"].as_str() {
            break id.to_owned();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let event = live.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["project"]["id"], project, "{event}");
}
