//! Two `sismic serve` processes on one database, as two replicas behind a load balancer: a
//! change made through one reaches the subscribers of the other (over WebSocket, the
//! graphql-transport-ws protocol), and another partner's subscriber hears nothing.
//!
//! Needs `DATABASE_URL` (a PostgreSQL server on which it may create a database; `make test`
//! sets it): the test creates its own database there and drops it at the end.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

const SECRET: &str = "a-test-secret-of-at-least-thirty-two-bytes";
const PASSWORD: &str = "correct horse battery staple";
/// Bounds a failed wait; it measures nothing.
const PATIENCE: Duration = Duration::from_secs(10);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process killed on drop (SIGTERM, as a supervisor stops it).
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database_url: &str) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_sismic"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("SISMIC_JWT_SECRET", SECRET)
            .env("SISMIC_BIND", format!("127.0.0.1:{port}"))
            // Each replica its own metrics address (the default port would be taken twice).
            .env("SISMIC_METRICS_BIND", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sismic binary starts");
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(response) = client.get(format!("{}/readyz", server.base)).send().await {
                if response.status() == 200 {
                    break;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(30), "sismic serve did not become ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = reqwest::Client::new()
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let body: Value = request.send().await.unwrap().json().await.unwrap();
        assert!(body.get("errors").is_none(), "{query}: {body}");
        body["data"].clone()
    }

    async fn login(&self, email: &str) -> String {
        let data = self
            .graphql(
                None,
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": PASSWORD }),
            )
            .await;
        data["login"]["token"].as_str().unwrap().to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A graphql-ws subscriber of `server`, signed in with `token`, subscribed to `projectChanged`.
async fn subscriber(server: &Server, token: &str) -> Socket {
    let mut request = format!("{}/graphql", server.base.replacen("http://", "ws://", 1)).into_client_request().unwrap();
    request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("a WebSocket");
    let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } });
    socket.send(Message::text(init.to_string())).await.unwrap();
    assert_eq!(next(&mut socket, PATIENCE).await.expect("an answer to connection_init")["type"], "connection_ack");
    let subscribe = json!({ "type": "subscribe", "id": "p",
        "payload": { "query": "subscription { projectChanged { change project { name } } }" } });
    socket.send(Message::text(subscribe.to_string())).await.unwrap();
    socket
}

/// The next protocol message within `wait`, if any (pings skipped).
async fn next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    let until = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(until, socket.next()).await {
            Err(_) => return None,
            Ok(Some(Ok(Message::Text(text)))) => return Some(serde_json::from_str(text.as_str()).unwrap()),
            Ok(Some(Ok(Message::Close(frame)))) => panic!("the server closed the connection: {frame:?}"),
            Ok(Some(Ok(_))) => continue,
            Ok(other) => panic!("the connection failed: {other:?}"),
        }
    }
}

/// The name of the project in the next event.
async fn heard(socket: &mut Socket) -> String {
    let message = next(socket, PATIENCE).await.expect("an event");
    assert_eq!(message["type"], "next", "{message}");
    message["payload"]["data"]["projectChanged"]["project"]["name"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_through_one_sismic_serve_reaches_the_other() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        panic!("DATABASE_URL must name a PostgreSQL server (make test sets it)");
    };
    let name = format!("sismic_replicas_{}_{}", std::process::id(), free_port());
    let (server_url, _) = admin_url.rsplit_once('/').expect("a database URL ends with /<database>");
    let url = format!("{server_url}/{name}");
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url).await.expect("PostgreSQL");
    sqlx::query(&format!("create database {name}")).execute(&mut admin).await.unwrap();

    let outcome = tokio::spawn({
        let url = url.clone();
        async move { scenario(&url).await }
    })
    .await;
    sqlx::query(&format!("drop database {name} with (force)")).execute(&mut admin).await.unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}

async fn scenario(url: &str) {
    let migrated = Command::new(env!("CARGO_BIN_EXE_sismic")).arg("migrate").env("DATABASE_URL", url).status().unwrap();
    assert!(migrated.success(), "sismic migrate");
    let mut add = Command::new(env!("CARGO_BIN_EXE_sismic"))
        .args(["user", "add", "--email", "admin@replicas.example", "--role", "ADMIN"])
        .env("DATABASE_URL", url)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(add.stdin.as_mut().unwrap(), format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(add.wait().unwrap().success(), "sismic user add");

    let one = Server::start(url).await;
    let two = Server::start(url).await;
    // Everything is made through replica one.
    let admin = one.login("admin@replicas.example").await;
    let admin = Some(admin.as_str());
    let region = one
        .graphql(
            admin,
            "mutation { createRegion(input: { code: \"CQ\", name: \"Centre-du-Québec\" }) { region { id } } }",
            json!({}),
        )
        .await["createRegion"]["region"]["id"]
        .clone();
    let cohort = one
        .graphql(
            admin,
            "mutation($r: ID!) { createCohort(input: { regionId: $r, name: \"2020-2021\", startsOn: \"2020-04-01\", endsOn: \"2021-03-31\" }) { cohort { id } } }",
            json!({ "r": region }),
        )
        .await["createCohort"]["cohort"]["id"]
        .clone();
    let mut partners = Vec::new();
    for (name, email) in [("Cégep de Victoriaville", "cegep@replicas.example"), ("UQTR", "uqtr@replicas.example")] {
        let partner = one
            .graphql(
                admin,
                "mutation($n: String!) { createPartner(input: { name: $n, kind: COLLEGE }) { partner { id } } }",
                json!({ "n": name }),
            )
            .await["createPartner"]["partner"]["id"]
            .clone();
        one.graphql(
            admin,
            "mutation($e: String!, $p: String!, $x: ID!) { createUser(input: { email: $e, password: $p, role: PARTNER, partnerId: $x }) { user { id } } }",
            json!({ "e": email, "p": PASSWORD, "x": partner }),
        )
        .await;
        partners.push(partner);
    }
    let (cegep, uqtr) = (one.login("cegep@replicas.example").await, one.login("uqtr@replicas.example").await);

    // Subscribers on replica two.
    let mut cegep_live = subscriber(&two, &cegep).await;
    let mut uqtr_live = subscriber(&two, &uqtr).await;
    let create = "mutation($c: ID!, $n: String!, $o: ID!) { createProject(input: { cohortId: $c, name: $n, originPartnerId: $o }) { project { id } } }";

    let sent = Instant::now();
    one.graphql(admin, create, json!({ "c": cohort, "n": "Coop du cégep", "o": partners[0] })).await;
    assert_eq!(heard(&mut cegep_live).await, "Coop du cégep");
    eprintln!("replicas: a change made through one sismic serve reached the other in {:?}", sent.elapsed());
    // The other partner heard nothing of it...
    assert_eq!(
        next(&mut uqtr_live, Duration::from_millis(700)).await,
        None,
        "another partner heard of the cégep's project"
    );
    // ...and hears its own (the control), which is the first thing it hears.
    one.graphql(admin, create, json!({ "c": cohort, "n": "Coop de l'UQTR", "o": partners[1] })).await;
    assert_eq!(heard(&mut uqtr_live).await, "Coop de l'UQTR");
    assert_eq!(next(&mut cegep_live, Duration::from_millis(700)).await, None, "the cégep heard of the UQTR's project");
}
