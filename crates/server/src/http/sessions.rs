//! `/session`: the web app's sign-in by cookie (create, show, delete).

use super::exports::api_error;
use super::graphql::execute_detached;
use super::graphql::{call_of, status_of};
use super::{coded_error, Deadline};
use crate::session;
use crate::AppState;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;
use sismic_graphql::ApiError;
use std::net::SocketAddr;

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
pub(super) async fn session_create(
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
pub(super) async fn session_show(
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
pub(super) async fn session_delete(
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
