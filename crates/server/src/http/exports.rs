//! The report exports: `GET /reports/cohorts/{id}.csv` and `GET /reports/cohorts/{id}.json`.

use super::graphql::status_of;
use super::{detached, Deadline};
use crate::session;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;
use sismic_graphql::export::{self, Dialect, Lang};
use sismic_graphql::ids::{self, Kind};
use sismic_graphql::ApiError;
use std::time::Instant;

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
pub(super) fn api_error(error: &ApiError) -> Response {
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
pub(super) async fn cohort_export(
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
pub(super) fn file_stem(name: &str) -> String {
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
