//! HTTP routes: `POST /graphql`, `GET /graphql` (GraphiQL), `/healthz`, `/readyz`.

use crate::config::Settings;
use crate::AppState;
use async_graphql::http::GraphiQLSource;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::time::Instant;
use tower_http::timeout::TimeoutLayer;
use tracing::Instrument;
use uuid::Uuid;

/// The application's routes.
pub fn router(state: AppState, settings: &Settings) -> Router {
    Router::new()
        .route("/graphql", get(graphiql).post(graphql))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .layer(DefaultBodyLimit::max(settings.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, settings.request_timeout()))
        .with_state(state)
}

async fn graphiql() -> Html<String> {
    Html(GraphiQLSource::build().endpoint("/graphql").title("SISMIC Tracker").finish())
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.store.is_ready().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready: database unreachable or not migrated").into_response()
    }
}

/// A GraphQL-shaped error for requests that never reach the executor.
fn request_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": "BAD_USER_INPUT" } }] })))
        .into_response()
}

async fn graphql(State(state): State<AppState>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let request_id = Uuid::new_v4();
    let span = tracing::info_span!("graphql", %request_id);
    async move {
        let started = Instant::now();
        let body = match body {
            Ok(body) => body,
            Err(rejection) => {
                let status = rejection.status();
                tracing::info!(%status, "request body refused");
                return request_error(status, "the request body is too large or unreadable");
            }
        };
        let request: BatchRequest = match serde_json::from_slice(&body) {
            Ok(request) => request,
            Err(_) => {
                return request_error(
                    StatusCode::BAD_REQUEST,
                    "the body must be a GraphQL request in JSON: {\"query\": \"…\", \"variables\": {…}}",
                )
            }
        };
        let operations = match &request {
            BatchRequest::Single(_) => 1,
            BatchRequest::Batch(batch) => batch.len(),
        };
        let max_batch = state.limits.batch;
        if operations == 0 || operations > max_batch {
            return request_error(StatusCode::BAD_REQUEST, &format!("a batch holds 1 to {max_batch} operations"));
        }
        let header = headers.get(header::AUTHORIZATION).map(|v| v.to_str().unwrap_or("invalid"));
        let authentication = sismic_graphql::auth::authenticate(&state.store, &state.keys, header).await;
        let mut response = sismic_graphql::execute(&state.schema, &state.store, authentication, request).await;
        tag_internal_errors(&mut response, request_id);
        let codes = error_codes(&response);
        tracing::info!(operations, elapsed_ms = started.elapsed().as_millis() as u64, errors = ?codes, "graphql request");
        Json(response).into_response()
    }
    .instrument(span)
    .await
}

/// Adds the request id to `INTERNAL` errors, so a user's report can be matched to the server's log.
fn tag_internal_errors(response: &mut BatchResponse, request_id: Uuid) {
    let responses: Vec<&mut async_graphql::Response> = match response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter_mut().collect(),
    };
    for r in responses {
        for error in &mut r.errors {
            if let Some(extensions) = error.extensions.as_mut() {
                if matches!(extensions.get("code"), Some(async_graphql::Value::String(c)) if c == "INTERNAL") {
                    extensions.set("requestId", request_id.to_string());
                }
            }
        }
    }
}

fn error_codes(response: &BatchResponse) -> Vec<String> {
    let responses: Vec<&async_graphql::Response> = match response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter().collect(),
    };
    responses
        .iter()
        .flat_map(|r| r.errors.iter())
        .filter_map(|e| e.extensions.as_ref().and_then(|x| x.get("code")).map(|c| c.to_string()))
        .collect()
}
