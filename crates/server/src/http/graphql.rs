//! `POST /graphql` and `GET /graphql`: the GraphQL-over-HTTP exchange around [`sismic_graphql::Api::execute`].

use super::{client_address, coded_error, detached, Deadline, RequestId};
use crate::graphql_http;
use crate::session;
use crate::web::{self, WebDir};
use crate::AppState;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use sismic_graphql::{ApiError, Call};
use std::net::SocketAddr;
use std::time::Instant;
use uuid::Uuid;

pub(super) async fn graphql(
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

/// `GET /graphql`: live updates for a WebSocket upgrade, GraphiQL for a browser, else a query
/// from the URL's parameters (never a mutation: 405).
#[allow(clippy::too_many_arguments)] // axum extractors, one per argument
pub(super) async fn graphql_get(
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
pub(super) fn call_of(
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
pub(super) async fn execute_detached(
    state: &AppState,
    call: Call,
    request: BatchRequest,
) -> Result<BatchResponse, ApiError> {
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
pub(super) fn status_of(code: &str) -> StatusCode {
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
