//! HTTP routes: `POST /graphql`, `GET /graphql` (GraphiQL), GraphiQL's assets under
//! `/graphiql/`, `/healthz`, `/readyz`, and the report exports `GET /reports/cohorts/{id}.csv`
//! and `GET /reports/cohorts/{id}.json`; and, on an address of its own, `GET /metrics`.

mod exports;
mod graphql;
mod sessions;
#[cfg(test)]
mod tests;
use crate::config::Settings;
use crate::web::{self, WebDir};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use exports::cohort_export;
use futures_util::FutureExt as _;
use graphql::{graphql, graphql_get};
use serde_json::json;
use sessions::{session_create, session_delete, session_show};
use sismic_graphql::ApiError;
use std::future::Future;
use std::net::IpAddr;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};
use tracing::Instrument;
use uuid::Uuid;

/// The application's routes.
///
/// Every request goes through [`guard`]: it gets a request id, a deadline and a panic catcher
/// (a GraphQL `INTERNAL` error carrying the request id, never the panic's message).
///
/// The deadline is enforced where it cannot corrupt anything: the handlers run their database
/// work in a task of its own that no client disconnect or timer cancels, and the store stops
/// that work at the deadline itself (no transaction starts or commits after it, and
/// PostgreSQL's `statement_timeout` cancels a statement running past it). The answer is then
/// a GraphQL `UNAVAILABLE` error, and it is true: nothing was written. The guard's own timer
/// is only a backstop, [`BACKSTOP_GRACE`] later, for a handler stuck outside the database.
pub fn router(state: AppState, settings: &Settings) -> Router {
    let metrics = state.services.metrics.clone();
    let web_dir = WebDir(settings.web_dir.clone());
    // GraphiQL's assets, from the folder at run time (a missing file is a plain 404), with the
    // same security headers as its page.
    let assets = Router::new()
        .nest_service("/graphiql", tower_http::services::ServeDir::new(web_dir.graphiql()))
        .nest_service("/app", tower_http::services::ServeDir::new(web_dir.app()))
        .layer(middleware::from_fn(web::security_headers));
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql))
        .merge(assets)
        .route("/session", get(session_show).post(session_create).delete(session_delete))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        // axum matches whole segments only: `{id}.csv` is split by the handler.
        .route("/reports/cohorts/{file}", get(cohort_export))
        // The web app: `/` and every client route answer its index.html (the app routes itself).
        .fallback(web_app)
        .layer(DefaultBodyLimit::max(settings.max_body_bytes))
        .layer(Extension(web_dir))
        .layer(middleware::from_fn_with_state(Guard { deadline: settings.request_timeout(), metrics }, guard))
        .with_state(state)
}

/// What [`guard`] needs: the request deadline, and the metrics it records every request in.
#[derive(Clone)]
pub struct Guard {
    /// How long a request may take.
    pub deadline: Duration,
    /// The server's metrics.
    pub metrics: sismic_graphql::metrics::Metrics,
}

/// The `route` label of a request's path, from a fixed list (never the path itself, which may
/// hold ids and, for `GET /graphql`, a query string is never looked at).
pub fn route_label(path: &str) -> &'static str {
    const ROUTES: [&str; 6] = ["/graphql", "/session", "/healthz", "/readyz", "/graphiql", "/app"];
    if let Some(route) = ROUTES.iter().find(|r| path == **r || path.starts_with(&format!("{r}/"))) {
        return route;
    }
    if path.starts_with("/reports/") {
        return "/reports";
    }
    if web::is_client_route(path) {
        "web app"
    } else {
        "other"
    }
}

/// The id of one HTTP request: in the server's log lines (as the `request_id` field of the
/// request's span) and in the `requestId` of its `INTERNAL` and `UNAVAILABLE` errors.
#[derive(Debug, Clone, Copy)]
pub struct RequestId(pub Uuid);

/// When the request must be answered (see [`router`]).
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub tokio::time::Instant);

/// How long after the deadline the guard stops waiting for a handler (which keeps running).
pub const BACKSTOP_GRACE: Duration = Duration::from_secs(5);

/// Gives the request an id, a span and a deadline, and catches panics; records it in the
/// metrics and logs one line about it (route, status, time: never the path or query string).
pub async fn guard(State(guard): State<Guard>, mut request: Request, next: Next) -> Response {
    let Guard { deadline, metrics } = guard;
    let started = Instant::now();
    let request_id = Uuid::new_v4();
    let route = route_label(request.uri().path());
    let method = request.method().clone();
    request.extensions_mut().insert(RequestId(request_id));
    request.extensions_mut().insert(Deadline(tokio::time::Instant::now() + deadline));
    let span = tracing::info_span!("request", %request_id);
    let mut response = guarded(request_id, deadline + BACKSTOP_GRACE, next.run(request)).instrument(span.clone()).await;
    // The id a user can quote, and an operator find in the log (every line of the request has it).
    if let Ok(value) = header::HeaderValue::from_str(&request_id.to_string()) {
        response.headers_mut().insert("x-request-id", value);
    }
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    metrics.http_request(route, status, elapsed);
    let _entered = span.enter();
    let elapsed_ms = elapsed.as_millis() as u64;
    // Probes and the built assets would drown the rest: they are logged at debug level.
    if matches!(route, "/healthz" | "/readyz" | "/app" | "/graphiql") {
        tracing::debug!(%request_id, %method, route, status, elapsed_ms, "http request");
    } else {
        tracing::info!(%request_id, %method, route, status, elapsed_ms, "http request");
    }
    response
}

/// Runs `work` to completion in a task of its own, in the current span: dropping the caller
/// (the client went away, the backstop fired) does not cancel it, so no database exchange is
/// ever cut in the middle (see [`router`]).
async fn detached<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> Result<T, ApiError> {
    tokio::spawn(work.in_current_span()).await.map_err(|error| {
        // A panic in the work: its message went to standard error, the client gets none of it.
        tracing::error!(%error, "request work failed");
        ApiError::Internal
    })
}

/// The address a request comes from: the TCP peer, or, when the peer is a trusted proxy, the
/// last address in `X-Forwarded-For` that is not itself a trusted proxy (proxies append the
/// address they received from, so everything left of the first untrusted entry could be
/// written by the client).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[ipnet::IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    let mut client = peer;
    for entry in forwarded.iter().rev() {
        match entry.trim().parse::<IpAddr>() {
            Ok(address) => {
                client = address;
                if !is_trusted(&address) {
                    break;
                }
            }
            Err(_) => break, // garbage: believe nothing further left
        }
    }
    client
}

/// Runs a handler's future under a deadline, turning a panic or a timeout into a GraphQL error.
pub async fn guarded(request_id: Uuid, deadline: Duration, handler: impl Future<Output = Response>) -> Response {
    match tokio::time::timeout(deadline, AssertUnwindSafe(handler).catch_unwind()).await {
        Ok(Ok(response)) => response,
        Ok(Err(_panic)) => {
            // The panic's message went to standard error through the panic hook; the client
            // gets none of it.
            tracing::error!(%request_id, "request handler panicked: answered INTERNAL");
            coded_error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "internal error", Some(request_id))
        }
        Err(_elapsed) => {
            tracing::warn!(%request_id, deadline_ms = deadline.as_millis() as u64, "request deadline exceeded: answered UNAVAILABLE");
            coded_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "UNAVAILABLE",
                "the request took longer than the server's deadline; retry later (with the same idempotencyKey for a write)",
                Some(request_id),
            )
        }
    }
}

/// The router of the metrics address (`SISMIC_METRICS_BIND`): `GET /metrics` only.
pub fn metrics_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(state)
}

/// `GET /metrics`: the Prometheus metrics, in the OpenMetrics text format; the pool's gauges
/// are read at each scrape.
async fn metrics(State(state): State<AppState>) -> Response {
    let metrics = &state.services.metrics;
    let pool = state.store.pool();
    metrics.observe_pool(pool.size(), pool.num_idle(), pool.options().get_max_connections());
    (
        [
            (header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        metrics.encode(),
    )
        .into_response()
}

async fn healthz() -> &'static str {
    "ok"
}

/// How long `/readyz` waits for PostgreSQL before saying "not ready".
const READY_CHECK_TIMEOUT: Duration = Duration::from_secs(1);

async fn readyz(State(state): State<AppState>) -> Response {
    let ready = tokio::time::timeout(READY_CHECK_TIMEOUT, state.store.is_ready()).await.unwrap_or(false);
    if ready {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready: database unreachable or not migrated").into_response()
    }
}

/// A GraphQL-shaped error for requests that never reach the executor.
fn coded_error(status: StatusCode, code: &str, message: &str, request_id: Option<Uuid>) -> Response {
    let mut extensions = json!({ "code": code });
    if let Some(id) = request_id {
        extensions["requestId"] = json!(id.to_string());
    }
    (status, Json(json!({ "errors": [{ "message": message, "extensions": extensions }] }))).into_response()
}

/// Any request no route took: the web app's page for a `GET` (or `HEAD`) of a client route,
/// else 404 (a path of the server's own, such as a missing asset, is never the app).
async fn web_app(method: axum::http::Method, uri: axum::http::Uri, Extension(web_dir): Extension<WebDir>) -> Response {
    if (method == axum::http::Method::GET || method == axum::http::Method::HEAD) && web::is_client_route(uri.path()) {
        return web::app_page(&web_dir).await;
    }
    let mut response = StatusCode::NOT_FOUND.into_response();
    web::apply_security_headers(response.headers_mut());
    response
}
