use super::exports::file_stem;
use super::*;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_panic_becomes_an_internal_error_whose_request_id_is_in_the_log() {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let writer = Captured(buffer.clone());
    let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let request_id = Uuid::new_v4();
    let response = guarded(request_id, Duration::from_secs(5), async {
        if request_id != Uuid::nil() {
            panic!("select secret from app_user: SQLSTATE 42P01 at src/store.rs:12");
        }
        "unreachable".into_response()
    })
    .await;

    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "INTERNAL");
    assert_eq!(error["extensions"]["requestId"], request_id.to_string());
    let text = body.to_string();
    for leak in ["select", "SQLSTATE", "src/", "panicked"] {
        assert!(!text.contains(leak), "`{leak}` leaked: {text}");
    }
    let log = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    assert!(log.lines().any(|l| l.contains(&request_id.to_string()) && l.contains("panicked")), "{log}");
}

#[test]
fn file_names_are_ascii() {
    assert_eq!(file_stem("Été 2021 / \"spécial\""), "ete-2021-special");
    assert_eq!(file_stem("2020-2021"), "2020-2021");
    assert_eq!(file_stem("***"), "cohorte");
}

#[tokio::test]
async fn a_handler_past_the_deadline_gets_unavailable_with_a_request_id() {
    let request_id = Uuid::new_v4();
    let response = guarded(request_id, Duration::from_millis(50), async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late".into_response()
    })
    .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAVAILABLE");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], request_id.to_string());
}
