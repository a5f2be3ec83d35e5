//! HTTP routes: `POST /graphql`, `GET /graphql` (GraphiQL), `/healthz`, `/readyz`, and the
//! report exports `GET /reports/cohorts/{id}.csv` and `GET /reports/cohorts/{id}.json`.

use crate::config::Settings;
use crate::AppState;
use async_graphql::http::GraphiQLSource;
use async_graphql::{BatchRequest, BatchResponse};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use sismic_graphql::export::{self, Lang};
use sismic_graphql::ids::{self, Kind};
use sismic_graphql::ApiError;
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
        // axum matches whole segments only: `{id}.csv` is split by the handler.
        .route("/reports/cohorts/{file}", get(cohort_export))
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

/// Query string of the exports.
#[derive(Debug, serde::Deserialize)]
pub struct ExportParams {
    /// `fr` (default) or `en`: language of the CSV's headers and labels.
    lang: Option<String>,
}

/// An API error as an HTTP response: the status that matches its code, and the same JSON error
/// shape as GraphQL's.
fn api_error(error: &ApiError) -> Response {
    let status = match error {
        ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
        ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        ApiError::BadUserInput(_) => StatusCode::BAD_REQUEST,
        ApiError::Conflict(_) | ApiError::InvalidTransition(_) => StatusCode::CONFLICT,
        ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
        ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let body = json!({ "errors": [{ "message": error.message(), "extensions": { "code": error.code() } }] });
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    }
    response
}

/// `GET /reports/cohorts/{id}.csv` and `.json`: the cohort report as a file, for the same
/// viewers and with the same suppression as `cohortReport`.
async fn cohort_export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(params): Query<ExportParams>,
) -> Response {
    let started = Instant::now();
    let result = export_file(&state, &headers, &file, params.lang.as_deref()).await;
    let code = result.as_ref().err().map(ApiError::code);
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, error = ?code, "report export");
    result.unwrap_or_else(|e| api_error(&e))
}

async fn export_file(state: &AppState, headers: &HeaderMap, file: &str, lang: Option<&str>) -> Result<Response, ApiError> {
    let header = headers.get(header::AUTHORIZATION).map(|v| v.to_str().unwrap_or("invalid"));
    let viewer = *sismic_graphql::auth::authenticate(&state.store, &state.keys, header).await.viewer()?;
    let (id, format) = file
        .rsplit_once('.')
        .ok_or_else(|| ApiError::bad_input("format", "add .csv or .json to the cohort id"))?;
    let lang = Lang::parse(lang).ok_or_else(|| ApiError::bad_input("lang", "must be fr or en"))?;
    if !matches!(format, "csv" | "json") {
        return Err(ApiError::bad_input("format", "must be csv or json"));
    }
    let cohort_id = ids::decode("id", Kind::Cohort, &async_graphql::ID(id.to_owned()))?;
    let report = sismic_graphql::report::build_cohort_report(&state.store, &viewer, &state.reports, cohort_id).await?;
    let stem = format!("{}-{}", if lang == Lang::Fr { "rapport-cohorte" } else { "cohort-report" }, file_stem(&report.cohort.0.name));
    let (content_type, name, body) = match format {
        "csv" => ("text/csv; charset=utf-8", format!("{stem}.csv"), export::to_csv(&report, lang).into_bytes()),
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
    if trimmed.is_empty() { "cohorte".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_ascii() {
        assert_eq!(super::file_stem("Été 2021 / \"spécial\""), "ete-2021-special");
        assert_eq!(super::file_stem("2020-2021"), "2020-2021");
        assert_eq!(super::file_stem("***"), "cohorte");
    }
}
