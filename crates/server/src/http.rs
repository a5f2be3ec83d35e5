//! HTTP routes: `POST /graphql`, `GET /graphql` (GraphiQL), GraphiQL's assets under
//! `/graphiql/`, `/healthz`, `/readyz`, and the report exports `GET /reports/cohorts/{id}.csv`
//! and `GET /reports/cohorts/{id}.json`; and, on an address of its own, `GET /metrics`.

use crate::config::Settings;
use crate::graphql_http;
use crate::session;
use crate::web::{self, WebDir};
use crate::AppState;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use futures_util::FutureExt as _;
use serde_json::json;
use sismic_graphql::export::{self, Dialect, Lang};
use sismic_graphql::ids::{self, Kind};
use sismic_graphql::{ApiError, Call};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
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

async fn graphql(
    State(state): State<AppState>,
    request_id: Option<Extension<RequestId>>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let media = graphql_http::negotiate(&headers);
    // A spreadsheet import's files come as multipart/form-data (the GraphQL multipart request
    // specification), with a limit of their own; everything else is JSON.
    let multipart = graphql_http::is_multipart(&headers);
    let limit = if multipart { state.max_upload_bytes } else { state.max_body_bytes };
    let body = match read_body(body, limit).await {
        Ok(body) => body,
        Err(status) => {
            tracing::info!(%status, "request body refused");
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                if multipart {
                    "the request body is larger than the server accepts (SISMIC_MAX_UPLOAD_BYTES)"
                } else {
                    "the request body is larger than the server accepts (SISMIC_MAX_BODY_BYTES)"
                }
            } else {
                "the request body is unreadable"
            };
            return graphql_http::Refusal::new(status, message).into_response(media);
        }
    };
    let parsed = if multipart {
        graphql_http::parse_multipart(&headers, &body, state.max_upload_bytes).await
    } else {
        graphql_http::check_content_type(&headers).and_then(|()| graphql_http::parse_post_body(&body))
    };
    let request = match parsed {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(media),
    };
    let exchange = Exchange { request_id, deadline, peer, headers, media };
    run_graphql(state, exchange, request).await
}

/// Reads a request body of at most `limit` bytes: 413 past it, 400 when it cannot be read.
async fn read_body(body: axum::body::Body, limit: usize) -> Result<Bytes, StatusCode> {
    use http_body_util::BodyExt as _;
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            Err(StatusCode::PAYLOAD_TOO_LARGE)
        }
        Err(_) => Err(StatusCode::BAD_REQUEST),
    }
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

/// `GET /graphql`: live updates for a WebSocket upgrade, GraphiQL for a browser, else a query
/// from the URL's parameters (never a mutation: 405).
#[allow(clippy::too_many_arguments)] // axum extractors, one per argument
async fn graphql_get(
    State(state): State<AppState>,
    request_id: Option<Extension<RequestId>>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Extension(web_dir): Extension<WebDir>,
    headers: HeaderMap,
    websocket: Result<axum::extract::ws::WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    // Live updates: a WebSocket upgrade of the same address (see `live`).
    match websocket {
        Ok(websocket) => return crate::live::upgrade(state, &headers, websocket),
        Err(rejection) if headers.contains_key(header::UPGRADE) => return rejection.into_response(),
        Err(_) => {}
    }
    let media = graphql_http::negotiate(&headers);
    let params = match params {
        Ok(Query(params)) => params,
        Err(_) => {
            return graphql_http::Refusal::bad("the query string is not valid URL encoding").into_response(media);
        }
    };
    if params.iter().all(|(name, _)| name != "query") && graphql_http::wants_html(&headers) {
        return web::graphiql_page(&web_dir).await;
    }
    let request = match graphql_http::parse_get_params(&params) {
        Ok(request) => request,
        Err(refusal) => return refusal.into_response(media),
    };
    if graphql_http::is_mutation(&request) {
        let refusal =
            graphql_http::Refusal::new(StatusCode::METHOD_NOT_ALLOWED, "a mutation changes data: send it with POST");
        return refusal.into_response(media);
    }
    let exchange = Exchange { request_id, deadline, peer, headers, media };
    run_graphql(state, exchange, BatchRequest::Single(request)).await
}

/// What a GraphQL exchange carries besides the request itself.
struct Exchange {
    request_id: Option<Extension<RequestId>>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    media: graphql_http::Media,
}

/// Who sends a request and until when: what [`Call`] the API executes it as.
fn call_of(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    deadline: Option<Extension<Deadline>>,
    authorization: Option<String>,
) -> Call {
    let client = peer.map(|Extension(ConnectInfo(peer))| client_address(peer.ip(), headers, &state.trusted_proxies));
    Call { authorization, client, deadline: deadline.map(|Extension(Deadline(d))| d) }
}

/// Executes a request in a task of its own (see [`router`]).
async fn execute_detached(state: &AppState, call: Call, request: BatchRequest) -> Result<BatchResponse, ApiError> {
    let api = state.api.clone();
    detached(async move { api.execute(call, request).await }).await
}

/// Executes a parsed request (detached: see [`router`]) and answers it in the negotiated media.
async fn run_graphql(state: AppState, exchange: Exchange, request: BatchRequest) -> Response {
    let Exchange { request_id, deadline, peer, headers, media } = exchange;
    let request_id = request_id.map_or_else(Uuid::new_v4, |Extension(RequestId(id))| id);
    let started = Instant::now();
    let operations = match &request {
        BatchRequest::Single(_) => 1,
        BatchRequest::Batch(batch) => batch.len(),
    };
    let max_batch = state.limits.batch;
    if operations == 0 || operations > max_batch {
        return graphql_http::Refusal::bad(format!("a batch holds 1 to {max_batch} operations")).into_response(media);
    }
    let authorization = match session::credentials(&headers) {
        Ok(authorization) => authorization,
        Err(refusal) => return coded_error(StatusCode::FORBIDDEN, "FORBIDDEN", refusal, None),
    };
    let call = call_of(&state, &headers, peer, deadline, authorization);
    let mut response = match execute_detached(&state, call, request).await {
        Ok(response) => response,
        Err(error) => return api_error_with_id(&error, request_id),
    };
    tag_internal_errors(&mut response, request_id);
    let codes = error_codes(&response);
    let errors = codes.join(",");
    tracing::info!(%request_id, operations, elapsed_ms = started.elapsed().as_millis() as u64, errors, "graphql request");
    graphql_http::respond(media, response)
}

/// The HTTP status that matches a contract error code (for answers that are not GraphQL
/// responses: exports, `/session`, failures of the HTTP layer itself).
fn status_of(code: &str) -> StatusCode {
    match code {
        "UNAUTHENTICATED" => StatusCode::UNAUTHORIZED,
        "FORBIDDEN" => StatusCode::FORBIDDEN,
        "NOT_FOUND" => StatusCode::NOT_FOUND,
        "BAD_USER_INPUT" => StatusCode::BAD_REQUEST,
        "CONFLICT" | "INVALID_TRANSITION" => StatusCode::CONFLICT,
        "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
        "UNAVAILABLE" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An API error of the HTTP layer itself, with the request id when it is `INTERNAL` or
/// `UNAVAILABLE`.
fn api_error_with_id(error: &ApiError, request_id: Uuid) -> Response {
    let id = matches!(error, ApiError::Internal | ApiError::Unavailable).then_some(request_id);
    coded_error(status_of(error.code()), error.code(), &error.message(), id)
}

/// Adds the request id to `INTERNAL` and `UNAVAILABLE` errors, so a user's report can be matched to the server's log.
fn tag_internal_errors(response: &mut BatchResponse, request_id: Uuid) {
    let responses: Vec<&mut async_graphql::Response> = match response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter_mut().collect(),
    };
    for r in responses {
        for error in &mut r.errors {
            if let Some(extensions) = error.extensions.as_mut() {
                if matches!(extensions.get("code"), Some(async_graphql::Value::String(c)) if c == "INTERNAL" || c == "UNAVAILABLE")
                {
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
        .filter_map(|e| match e.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(async_graphql::Value::String(code)) => Some(code.clone()),
            _ => None,
        })
        .collect()
}

/// Query string of the exports.
#[derive(Debug, serde::Deserialize)]
pub struct ExportParams {
    /// `fr` (default) or `en`: language of the CSV's and the workbook's headers and labels.
    lang: Option<String>,
    /// `excel-fr` for the CSV that French-locale Excel opens (semicolons, decimal commas);
    /// `standard` (default) otherwise. Only for `.csv`.
    dialect: Option<String>,
}

/// An API error as an HTTP response: the status that matches its code, and the same JSON error
/// shape as GraphQL's.
fn api_error(error: &ApiError) -> Response {
    let status = status_of(error.code());
    let mut extensions = json!({ "code": error.code() });
    if let Some(reason) = error.reason() {
        extensions["reason"] = json!(reason);
    }
    let body = json!({ "errors": [{ "message": error.message(), "extensions": extensions }] });
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    }
    response
}

/// `GET /reports/cohorts/{id}.csv`, `.xlsx` and `.json`: the cohort report as a file, for
/// the same viewers and with the same suppression as `cohortReport`.
async fn cohort_export(
    State(state): State<AppState>,
    deadline: Option<Extension<Deadline>>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(params): Query<ExportParams>,
) -> Response {
    let started = Instant::now();
    let mut state = state;
    if let Some(Extension(Deadline(deadline))) = deadline {
        state.store = state.store.with_deadline(deadline);
    }
    let result = detached(async move { export_file(&state, &headers, &file, &params).await }).await.and_then(|r| r);
    let code = result.as_ref().err().map(ApiError::code);
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, error = ?code, "report export");
    result.unwrap_or_else(|e| api_error(&e))
}

async fn export_file(
    state: &AppState,
    headers: &HeaderMap,
    file: &str,
    params: &ExportParams,
) -> Result<Response, ApiError> {
    let authorization = session::credentials(headers).map_err(ApiError::Forbidden)?;
    let viewer =
        *sismic_graphql::auth::authenticate(&state.store, &state.keys, authorization.as_deref()).await.viewer()?;
    let (id, format) = file
        .rsplit_once('.')
        .ok_or_else(|| ApiError::bad_input("format", "add .csv, .xlsx or .json to the cohort id"))?;
    let lang = Lang::parse(params.lang.as_deref()).ok_or_else(|| ApiError::bad_input("lang", "must be fr or en"))?;
    if !matches!(format, "csv" | "xlsx" | "json") {
        return Err(ApiError::bad_input("format", "must be csv, xlsx or json"));
    }
    let dialect = Dialect::parse(params.dialect.as_deref())
        .ok_or_else(|| ApiError::bad_input("dialect", "must be standard or excel-fr"))?;
    if params.dialect.is_some() && format != "csv" {
        return Err(ApiError::bad_input("dialect", "is only for .csv"));
    }
    let cohort_id = ids::decode("id", Kind::Cohort, &async_graphql::ID(id.to_owned()))?;
    let _turn = state.services.reports.enter(viewer.user_id, state.store.deadline()).await?;
    let report = sismic_graphql::report::build_cohort_report(&state.store, &viewer, &state.reports, cohort_id).await?;
    let stem = format!(
        "{}-{}",
        if lang == Lang::Fr { "rapport-cohorte" } else { "cohort-report" },
        file_stem(&report.cohort.0.name)
    );
    let (content_type, name, body) = match (format, dialect) {
        ("csv", Dialect::Standard) => {
            ("text/csv; charset=utf-8", format!("{stem}.csv"), export::to_csv(&report, lang).into_bytes())
        }
        ("csv", Dialect::ExcelFr) => (
            "text/csv; charset=utf-8",
            format!("{stem}-excel-fr.csv"),
            export::to_csv_in(&report, lang, Dialect::ExcelFr).into_bytes(),
        ),
        ("xlsx", _) => {
            let body = export::xlsx::to_xlsx(&report, lang).map_err(|e| {
                tracing::error!(error = %e, "cannot build a report workbook");
                ApiError::Internal
            })?;
            (export::xlsx::CONTENT_TYPE, format!("{stem}.xlsx"), body)
        }
        _ => {
            let body = export::to_json(&report).map_err(|e| {
                tracing::error!(error = %e, "cannot serialise a report");
                ApiError::Internal
            })?;
            ("application/json", format!("{stem}.json"), body)
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// An ASCII file name from a cohort name ("2020-2021" stays, "Été 2021" becomes "ete-2021").
fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "cohorte".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The user fields a session answer carries (what the web app needs to know its role).
const SESSION_USER: &str = "id email role mustChangePassword region { id code name } partner { id name }";

/// Runs one GraphQL operation for a `/session` endpoint, detached like every request.
async fn run_operation(
    state: &AppState,
    authorization: Option<String>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
    deadline: Option<Extension<Deadline>>,
    request: async_graphql::Request,
) -> Result<serde_json::Value, Response> {
    let call = call_of(state, headers, peer, deadline, authorization);
    let response = execute_detached(state, call, BatchRequest::Single(request)).await.map_err(|e| api_error(&e))?;
    let BatchResponse::Single(response) = response else { return Err(api_error(&ApiError::Internal)) };
    if let Some(error) = response.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .and_then(|c| match c {
                async_graphql::Value::String(c) => Some(c.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "INTERNAL".to_owned());
        let status = status_of(&code);
        let body = json!({ "errors": [{ "message": error.message, "extensions": { "code": code } }] });
        return Err((status, Json(body)).into_response());
    }
    Ok(serde_json::to_value(&response.data).unwrap_or_default())
}

/// What `POST /session` takes.
#[derive(Debug, serde::Deserialize)]
struct SignIn {
    email: String,
    password: String,
}

/// `POST /session`: signs in and sets the HttpOnly session cookie (see [`session`]).
async fn session_create(
    State(state): State<AppState>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Some(refusal) = session::csrf_refusal(&headers) {
        return coded_error(StatusCode::FORBIDDEN, "FORBIDDEN", refusal, None);
    }
    let Some(sign_in) = body.ok().and_then(|b| serde_json::from_slice::<SignIn>(&b).ok()) else {
        return coded_error(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "send {\"email\": …, \"password\": …} as JSON",
            None,
        );
    };
    let request = async_graphql::Request::new(format!(
        "mutation($e: String!, $p: String!) {{ login(email: $e, password: $p) {{ token expiresAt user {{ {SESSION_USER} }} }} }}"
    ))
    .variables(async_graphql::Variables::from_json(json!({ "e": sign_in.email, "p": sign_in.password })));
    let data = match run_operation(&state, None, peer, &headers, deadline, request).await {
        Ok(data) => data,
        Err(response) => return response,
    };
    let login = &data["login"];
    let token = login["token"].as_str().unwrap_or_default();
    let expires_at = login["expiresAt"].as_str().unwrap_or_default();
    let max_age = chrono::DateTime::parse_from_rfc3339(expires_at)
        .map(|at| (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds())
        .unwrap_or(0);
    let body = json!({ "user": login["user"], "expiresAt": expires_at });
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, session::set_cookie(token, max_age, state.cookie_secure));
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// `GET /session`: who is signed in (401 when nobody is, or the session was revoked).
async fn session_show(
    State(state): State<AppState>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
) -> Response {
    let authorization = match session::credentials(&headers) {
        Ok(Some(authorization)) => authorization,
        Ok(None) => return coded_error(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "not signed in", None),
        Err(refusal) => return coded_error(StatusCode::FORBIDDEN, "FORBIDDEN", refusal, None),
    };
    let request = async_graphql::Request::new(format!("{{ me {{ {SESSION_USER} }} }}"));
    match run_operation(&state, Some(authorization), peer, &headers, deadline, request).await {
        Ok(data) => {
            let mut response = Json(json!({ "user": data["me"] })).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            response
        }
        Err(response) => response,
    }
}

/// `DELETE /session`: signs out everywhere (every token of the user is revoked) and clears the
/// cookie. Without a valid session it still clears the cookie.
async fn session_delete(
    State(state): State<AppState>,
    deadline: Option<Extension<Deadline>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = session::csrf_refusal(&headers) {
        return coded_error(StatusCode::FORBIDDEN, "FORBIDDEN", refusal, None);
    }
    if let Ok(Some(authorization)) = session::credentials(&headers) {
        let request = async_graphql::Request::new("mutation { logout }");
        // An expired or revoked session has nothing left to revoke: clearing the cookie is all.
        let _ = run_operation(&state, Some(authorization), peer, &headers, deadline, request).await;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, session::clear_cookie(state.cookie_secure));
    response
}

#[cfg(test)]
mod tests {
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
}
