//! The built `sismic serve` binary, as a child process: it starts and answers `/healthz` while
//! PostgreSQL cannot be reached, fails requests fast with `UNAVAILABLE`, and on SIGTERM stops
//! accepting, finishes the request in flight and exits 0.

use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight_then_exits_zero() {
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sismic"))
        .arg("serve")
        .env("DATABASE_URL", format!("postgres://postgres@127.0.0.1:{}/nowhere", free_port()))
        .env("SISMIC_JWT_SECRET", "a-test-secret-of-at-least-thirty-two-bytes")
        .env("SISMIC_BIND", &address)
        .env("SISMIC_METRICS_BIND", "127.0.0.1:0")
        .env("SISMIC_DB_ACQUIRE_TIMEOUT_MS", "1500")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sismic binary starts");
    let client = reqwest::Client::new();
    let base = format!("http://{address}");

    // Up without a database.
    let started = Instant::now();
    loop {
        if let Ok(response) = client.get(format!("{base}/healthz")).send().await {
            assert_eq!(response.status(), 200);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let ready = client.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503);

    // A request in flight: `login` waits for a connection (1.5 s), then answers UNAVAILABLE.
    let in_flight = tokio::spawn({
        let (client, base) = (client.clone(), base.clone());
        async move {
            let sent = Instant::now();
            let response = client
                .post(format!("{base}/graphql"))
                .json(&json!({ "query": "mutation { login(email: \"a@b.example\", password: \"0123456789\") { token } }" }))
                .send()
                .await
                .expect("the request in flight is answered");
            let status = response.status();
            let body: Value = response.json().await.expect("a JSON body");
            (status, body, sent.elapsed())
        }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    tokio::time::sleep(Duration::from_millis(300)).await;

    // No new connections once the signal is received.
    let refused = tokio::net::TcpStream::connect(&address).await;
    assert!(refused.is_err(), "the server still accepts connections after SIGTERM");

    let (status, body, elapsed) = in_flight.await.unwrap();
    // Nothing could be served: 503, with the GraphQL error saying why.
    assert_eq!(status, 503);
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAVAILABLE", "{body}");
    assert!(elapsed < Duration::from_secs(4), "UNAVAILABLE should come fast, took {elapsed:?}");

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
}
