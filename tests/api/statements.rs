//! How many statements a request sends to PostgreSQL (issue 12): counted on the wire, by a
//! proxy between the server and PostgreSQL that reads the protocol's messages. Every message
//! that runs SQL is counted: `Query` (the simple protocol: `BEGIN` with the viewer's settings
//! and the token check, which travel as one message, `COMMIT`, `ROLLBACK`) and `Execute` (a
//! prepared statement). Pings (`Sync` alone) are not SQL and are not counted.
//!
//! A page of 50 projects must cost what a page of 5 costs: the DataLoaders fetch each edge of
//! the page in one statement, whatever its size.

use serde_json::json;
use sismic_api_tests::{create_project, raw_id, TestApp, World};
use sismic_server::config::Settings;
use sismic_store::Store;
use sqlx::PgPool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Messages from the server to PostgreSQL that run SQL, counted by [`counting_proxy`].
#[derive(Default)]
struct Counted {
    queries: AtomicU64,
    executes: AtomicU64,
}

impl Counted {
    fn total(&self) -> u64 {
        self.queries.load(Ordering::SeqCst) + self.executes.load(Ordering::SeqCst)
    }
}

/// A loopback proxy to `target` that counts the frontend messages running SQL.
async fn counting_proxy(target: std::net::SocketAddr, counted: Arc<Counted>) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the proxy");
    let address = listener.local_addr().expect("the proxy's address");
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = tokio::net::TcpStream::connect(target).await else { continue };
            let (mut client_read, client_write) = client.into_split();
            let (mut server_read, mut server_write) = server.into_split();
            let counted = counted.clone();
            tokio::spawn(async move {
                let mut client_write = client_write;
                let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
                let _ = client_write.shutdown().await;
            });
            tokio::spawn(async move {
                let mut parser = FrontendParser::default();
                let mut buffer = vec![0u8; 64 * 1024];
                loop {
                    match client_read.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            parser.feed(&buffer[..n], &counted);
                            if server_write.write_all(&buffer[..n]).await.is_err() {
                                break;
                            }
                        }
                    }
                }
                let _ = server_write.shutdown().await;
            });
        }
    });
    address
}

/// Splits the client's byte stream into protocol messages: first the untyped ones (an
/// `SSLRequest`, answered `N` on this loopback server, then the `StartupMessage`), then typed
/// ones (a type byte and a length that counts itself).
#[derive(Default)]
struct FrontendParser {
    pending: Vec<u8>,
    started: bool,
}

impl FrontendParser {
    fn feed(&mut self, bytes: &[u8], counted: &Counted) {
        self.pending.extend_from_slice(bytes);
        loop {
            if !self.started {
                if self.pending.len() < 8 {
                    return;
                }
                let length = u32::from_be_bytes(self.pending[0..4].try_into().unwrap()) as usize;
                let code = u32::from_be_bytes(self.pending[4..8].try_into().unwrap());
                if self.pending.len() < length {
                    return;
                }
                self.pending.drain(..length);
                // 80877103: SSLRequest, 80877104: GSSENCRequest; anything else is the startup.
                if code != 80_877_103 && code != 80_877_104 {
                    self.started = true;
                }
                continue;
            }
            if self.pending.len() < 5 {
                return;
            }
            let kind = self.pending[0];
            let length = u32::from_be_bytes(self.pending[1..5].try_into().unwrap()) as usize;
            if self.pending.len() < 1 + length {
                return;
            }
            match kind {
                b'Q' => counted.queries.fetch_add(1, Ordering::SeqCst),
                b'E' => counted.executes.fetch_add(1, Ordering::SeqCst),
                _ => 0,
            };
            self.pending.drain(..1 + length);
        }
    }
}

/// A server whose connections to the test's database go through a [`counting_proxy`].
async fn counted_app(pool: PgPool) -> (TestApp, Store, Arc<Counted>) {
    let settings = Settings::for_tests("postgres://unused");
    let options = (*pool.connect_options()).clone();
    let target = format!("{}:{}", options.get_host(), options.get_port());
    let target = tokio::net::lookup_host(target).await.expect("resolve").next().expect("an address");
    let counted = Arc::new(Counted::default());
    let proxy = counting_proxy(target, counted.clone()).await;
    let store = Store::connect_lazy_with(options.host(&proxy.ip().to_string()).port(proxy.port()), &settings.pool());
    let app = TestApp::start(settings, store.clone(), pool).await;
    (app, store, counted)
}

/// The SQL messages one request sends, once everything it started has finished (a read's
/// transaction ends in the background, after the answer).
async fn statements_of(
    app: &TestApp,
    store: &Store,
    counted: &Counted,
    token: &str,
    query: &str,
    variables: serde_json::Value,
) -> (u64, serde_json::Value) {
    settle(store).await;
    let before = counted.total();
    let response = app.post(Some(token), query, variables).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    settle(store).await;
    (counted.total() - before, response)
}

/// Waits until every connection of the server's pool is back, idle.
async fn settle(store: &Store) {
    for _ in 0..200 {
        let pool = store.pool();
        if pool.num_idle() == pool.size() as usize {
            // A connection is idle once its last statement's answer came back.
            tokio::time::sleep(Duration::from_millis(20)).await;
            if pool.num_idle() == pool.size() as usize {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the server's connections did not come back to the pool");
}

const PARTNER_PAGE: &str = "query($n: Int!) { projects(first: $n) { edges { node { id name stage status
    followUpCount lastFollowUpOn originPartner { id name } stageHistory { version toStage toStatus at } } }
    pageInfo { hasNextPage endCursor } } }";

const PROJECT_PAGE: &str = "query($id: ID!) { project(id: $id) { id name summary stage status version
    stageHistory { version fromStage toStage fromStatus toStatus note at } team { id firstName lastName }
    cohort { id name } followUps(first: 10) { edges { node { id occurredOn mode summary durationMinutes } } } } }";

#[sqlx::test(migrations = "../migrations")]
async fn a_page_of_50_sends_as_many_statements_as_a_page_of_5(pool: PgPool) {
    let (app, store, counted) = counted_app(pool).await;
    let world = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    for i in 0..60 {
        let project =
            create_project(&app, &world.agent_a, &world.cohort_a, &format!("Coop {i}"), Some(&world.college)).await;
        if i % 2 == 0 {
            app.ok(
                &world.agent_a,
                "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { version } } }",
                json!({ "i": { "projectId": project, "expectedVersion": 1 } }),
            )
            .await;
        }
    }
    let (five, small) = statements_of(&app, &store, &counted, &partner.token, PARTNER_PAGE, json!({ "n": 5 })).await;
    let (fifty, large) = statements_of(&app, &store, &counted, &partner.token, PARTNER_PAGE, json!({ "n": 50 })).await;
    assert_eq!(small["data"]["projects"]["edges"].as_array().unwrap().len(), 5);
    assert_eq!(large["data"]["projects"]["edges"].as_array().unwrap().len(), 50);
    let history = &large["data"]["projects"]["edges"][0]["node"]["stageHistory"];
    assert_eq!(history.as_array().unwrap().len(), 2, "{large:#}");
    assert_eq!(large["data"]["projects"]["edges"][1]["node"]["originPartner"]["name"], "Cégep de Victoriaville");
    assert_eq!(five, fifty, "a page of 5 sent {five} statements, a page of 50 {fifty}");
    // BEGIN with the settings and the token check (one message), the page, its partners, their
    // histories, and the end of the transaction.
    assert_eq!(fifty, 5, "a page of 50 sent {fifty} statements");

    // The agent's project page: one statement per edge too, whatever the size of the team.
    let small_team = create_project(&app, &world.agent_a, &world.cohort_a, "Petite équipe", None).await;
    let large_team = create_project(&app, &world.agent_a, &world.cohort_a, "Grande équipe", None).await;
    for (project, people) in [(&small_team, 1), (&large_team, 4)] {
        for p in 0..people {
            let participant =
                sismic_api_tests::register(&app, &world.agent_a, &world.region_a, "Léa", &format!("Roy {p}")).await;
            app.ok(
                &world.agent_a,
                "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }",
                json!({ "i": { "projectId": project, "participantId": participant } }),
            )
            .await;
        }
    }
    let token = &world.agent_a.token;
    let (one, small) = statements_of(&app, &store, &counted, token, PROJECT_PAGE, json!({ "id": small_team })).await;
    let (four, large) = statements_of(&app, &store, &counted, token, PROJECT_PAGE, json!({ "id": large_team })).await;
    assert_eq!(small["data"]["project"]["team"].as_array().unwrap().len(), 1);
    assert_eq!(large["data"]["project"]["team"].as_array().unwrap().len(), 4);
    assert_eq!(one, four, "a team of 1 cost {one} statements, a team of 4 {four}");
    // BEGIN…, the project, then its history, team, cohort and follow-ups, the team's people,
    // and the end of the transaction.
    assert_eq!(four, 8, "the project page sent {four} statements");
}
