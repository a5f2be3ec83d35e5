//! GraphQL over HTTP (the GraphQL Foundation's specification, as graphql-http's audit checks
//! it): what a request may look like, which media type the answer takes, and its status code.
//!
//! - `POST /graphql` takes `application/json` (UTF-8; another charset, or no content type at
//!   all, is 415). The body is one request object or a batch (an array of them); `query` must
//!   be a string, `variables` and `extensions` objects, `operationName` a string: otherwise 400.
//! - `GET /graphql?query=…&variables=…` runs queries (`variables` and `extensions` are
//!   URL-encoded JSON); a mutation over GET is 405, since a GET must not change anything.
//! - The answer is `application/graphql-response+json` when the client accepts it, else
//!   `application/json`. With the former, a request that fails before execution (syntax,
//!   validation, variables, limits) is 400 and has no `data` entry; with the latter it is 200,
//!   as older clients expect. Either way a request the service could not serve at all
//!   (`UNAVAILABLE`: database down, deadline) is 503.

use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, BatchResponse, Request, Variables};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// `application/graphql-response+json`, the specification's own media type.
pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// The media type of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/graphql-response+json`: status codes tell request errors apart.
    GraphqlResponse,
    /// `application/json`: every GraphQL answer is 200 (but `UNAVAILABLE`).
    Json,
}

impl Media {
    fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Media::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Media::Json => "application/json; charset=utf-8",
        })
    }
}

/// One entry of an `Accept` header: its media range and its quality.
fn accepted(headers: &HeaderMap) -> Vec<(String, f32)> {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!range.is_empty()).then_some((range, quality))
        })
        .collect()
}

/// The media type to answer with: `application/graphql-response+json` when the client accepts
/// it at least as much as `application/json`, else `application/json` (also without `Accept`,
/// or with `*/*`).
pub fn negotiate(headers: &HeaderMap) -> Media {
    let entries = accepted(headers);
    let quality = |range: &str| entries.iter().filter(|(r, _)| r == range).map(|(_, q)| *q).fold(0.0f32, f32::max);
    let graphql = quality(GRAPHQL_RESPONSE_JSON);
    let json = quality("application/json");
    if graphql > 0.0 && graphql >= json {
        Media::GraphqlResponse
    } else {
        Media::Json
    }
}

/// Whether a GET comes from a browser's address bar (it prefers HTML): it gets GraphiQL.
pub fn wants_html(headers: &HeaderMap) -> bool {
    let entries = accepted(headers);
    let html = entries.iter().filter(|(r, _)| r == "text/html").map(|(_, q)| *q).fold(0.0f32, f32::max);
    let json = entries
        .iter()
        .filter(|(r, _)| r == "application/json" || r == GRAPHQL_RESPONSE_JSON)
        .map(|(_, q)| *q)
        .fold(0.0f32, f32::max);
    html > 0.0 && html >= json
}

/// A request refused by the HTTP layer, before GraphQL sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Its status code.
    pub status: StatusCode,
    /// What to change, for the caller.
    pub message: String,
}

impl Refusal {
    /// A refusal with its status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Refusal { status, message: message.into() }
    }

    /// A 400 refusal.
    pub fn bad(message: impl Into<String>) -> Self {
        Refusal::new(StatusCode::BAD_REQUEST, message)
    }

    /// The refusal as a GraphQL-shaped JSON answer with the contract's code.
    pub fn into_response(self, media: Media) -> Response {
        let body = json!({ "errors": [{ "message": self.message, "extensions": { "code": "BAD_USER_INPUT" } }] });
        let mut response = (self.status, body.to_string()).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, media.content_type());
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        response
    }
}

/// Checks a POST's content type: JSON, in UTF-8 (said or implied).
pub fn check_content_type(headers: &HeaderMap) -> Result<(), Refusal> {
    let unsupported = || {
        Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as JSON: content-type: application/json (UTF-8)",
        )
    };
    let value = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).ok_or_else(unsupported)?;
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    if media != "application/json" {
        return Err(unsupported());
    }
    for parameter in parts {
        if let Some((name, charset)) = parameter.split_once('=') {
            let charset = charset.trim().trim_matches('"').to_ascii_lowercase();
            if name.trim().eq_ignore_ascii_case("charset") && charset != "utf-8" && charset != "utf8" {
                return Err(unsupported());
            }
        }
    }
    Ok(())
}

/// Whether a POST is `multipart/form-data` (the GraphQL multipart request specification, for
/// file uploads such as `importSpreadsheet`'s).
pub fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// Most files one multipart request may carry.
pub const MAX_UPLOADED_FILES: usize = 10;

/// Parses a `multipart/form-data` POST following the GraphQL multipart request specification
/// (`operations`, then `map`, then the files); the files stay in memory (never in a temporary
/// file: they may hold personal information).
pub async fn parse_multipart(headers: &HeaderMap, body: &[u8], max_bytes: usize) -> Result<BatchRequest, Refusal> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let options =
        async_graphql::http::MultipartOptions::default().max_file_size(max_bytes).max_num_files(MAX_UPLOADED_FILES);
    async_graphql::http::receive_batch_body(content_type, body, options).await.map_err(|error| {
        use async_graphql::ParseRequestError as E;
        match error {
            E::PayloadTooLarge => Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is larger than the server accepts (SISMIC_MAX_UPLOAD_BYTES)",
            ),
            E::InvalidRequest(_) => {
                Refusal::bad("operations: must be a GraphQL request in JSON: {\"query\": \"…\", \"variables\": {…}}")
            }
            _ => Refusal::bad(
                "a multipart request follows the GraphQL multipart request specification: the fields operations, map, then the files",
            ),
        }
    })
}

/// Parses a POST body: one request object, or a batch of them.
pub fn parse_post_body(body: &[u8]) -> Result<BatchRequest, Refusal> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        Refusal::bad("the body must be a GraphQL request in JSON: {\"query\": \"…\", \"variables\": {…}}")
    })?;
    match value {
        Value::Array(items) => Ok(BatchRequest::Batch(
            items.into_iter().map(|item| request_from_object(item, false)).collect::<Result<_, _>>()?,
        )),
        object => Ok(BatchRequest::Single(request_from_object(object, false)?)),
    }
}

/// Parses a GET's query string parameters (`query`, `operationName`, and `variables` and
/// `extensions` as JSON text).
pub fn parse_get_params(params: &[(String, String)]) -> Result<Request, Refusal> {
    let mut object = Map::new();
    for (name, value) in params {
        let value = match name.as_str() {
            "variables" | "extensions" => serde_json::from_str(value)
                .map_err(|_| Refusal::bad(format!("{name}: must be a JSON object, URL-encoded")))?,
            _ => Value::String(value.clone()),
        };
        object.insert(name.clone(), value);
    }
    request_from_object(Value::Object(object), true)
}

/// A request from its JSON object, checking every parameter's type.
fn request_from_object(value: Value, from_get: bool) -> Result<Request, Refusal> {
    let Value::Object(mut object) = value else {
        return Err(Refusal::bad("a GraphQL request is a JSON object with a query"));
    };
    let query = match object.remove("query") {
        Some(Value::String(query)) => query,
        Some(_) => return Err(Refusal::bad("query: must be a string")),
        None => return Err(Refusal::bad("query: missing (the GraphQL document to run)")),
    };
    let mut request = Request::new(query);
    match object.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(_) => return Err(Refusal::bad("operationName: must be a string")),
    }
    match object.remove("variables") {
        None | Some(Value::Null) => {}
        Some(variables @ Value::Object(_)) => request = request.variables(Variables::from_json(variables)),
        Some(_) => return Err(Refusal::bad("variables: must be an object")),
    }
    match object.remove("extensions") {
        None | Some(Value::Null) => {}
        Some(Value::Object(extensions)) => {
            for (name, value) in extensions {
                let value = async_graphql::Value::from_json(value).map_err(|_| Refusal::bad("extensions: invalid"))?;
                request.extensions.insert(name, value);
            }
        }
        Some(_) => return Err(Refusal::bad("extensions: must be an object")),
    }
    if from_get && request.query.trim().is_empty() {
        return Err(Refusal::bad("query: missing (the GraphQL document to run)"));
    }
    Ok(request)
}

/// Whether the operation a GET would run is a mutation (then 405). A document that does not
/// parse, or names no operation it has, is left to GraphQL to report.
pub fn is_mutation(request: &Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else { return false };
    let operation = match (&document.operations, request.operation_name.as_deref()) {
        (DocumentOperations::Single(operation), _) => Some(operation),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => operations.values().next(),
        _ => None,
    };
    operation.is_some_and(|op| op.node.ty == OperationType::Mutation)
}

/// A request error: the request failed before execution, so the answer has no data (and no
/// error has a path, which field errors always have).
fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// Whether every error of a response that produced no data says `UNAVAILABLE`.
fn is_unavailable(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && response.errors.iter().any(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .is_some_and(|c| matches!(c, async_graphql::Value::String(c) if c == "UNAVAILABLE"))
        })
}

/// The HTTP answer to an executed (batch) request, in the negotiated media type.
pub fn respond(media: Media, response: BatchResponse) -> Response {
    let (status, body) = match &response {
        BatchResponse::Single(single) => {
            let status = if is_unavailable(single) {
                StatusCode::SERVICE_UNAVAILABLE
            } else if media == Media::GraphqlResponse && is_request_error(single) {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            let mut body = serde_json::to_value(single).unwrap_or(Value::Null);
            if media == Media::GraphqlResponse && is_request_error(single) {
                if let Value::Object(map) = &mut body {
                    map.remove("data"); // "the request failed before execution": no data entry at all
                }
            }
            (status, body)
        }
        BatchResponse::Batch(_) => (StatusCode::OK, serde_json::to_value(&response).unwrap_or(Value::Null)),
    };
    let mut answer = (status, body.to_string()).into_response();
    answer.headers_mut().insert(header::CONTENT_TYPE, media.content_type());
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_media_type_follows_accept() {
        assert_eq!(negotiate(&HeaderMap::new()), Media::Json);
        assert_eq!(negotiate(&accept("*/*")), Media::Json);
        assert_eq!(negotiate(&accept("application/json")), Media::Json);
        assert_eq!(negotiate(&accept("application/graphql-response+json")), Media::GraphqlResponse);
        assert_eq!(
            negotiate(&accept("application/graphql-response+json, application/json;q=0.9")),
            Media::GraphqlResponse
        );
        assert_eq!(negotiate(&accept("application/json, application/graphql-response+json;q=0.5")), Media::Json);
        assert!(wants_html(&accept("text/html,application/xhtml+xml,*/*;q=0.8")));
        assert!(!wants_html(&accept("application/json")));
    }

    #[test]
    fn parameters_have_their_types() {
        assert!(parse_post_body(br#"{"query": "{ me { id } }", "variables": {"a": 1}, "operationName": null}"#).is_ok());
        for bad in [
            r#"{"qeury": "{ me { id } }"}"#,
            r#"{"query": 7}"#,
            r#"{"query": "{ me { id } }", "variables": "[]"}"#,
            r#"{"query": "{ me { id } }", "operationName": 1}"#,
            r#"{"query": "{ me { id } }", "extensions": []}"#,
            r#"{ "not a JSON"#,
            "",
        ] {
            let refusal = parse_post_body(bad.as_bytes()).expect_err(bad);
            assert_eq!(refusal.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    #[test]
    fn only_utf8_json_is_accepted() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
            check_content_type(&headers)
        };
        assert!(with("application/json").is_ok());
        assert!(with("application/json; charset=utf-8").is_ok());
        assert!(with("application/json; charset=latin1").is_err());
        assert!(with("text/plain").is_err());
        assert!(check_content_type(&HeaderMap::new()).is_err());
    }

    #[test]
    fn mutations_are_recognised_for_get() {
        assert!(is_mutation(&Request::new("mutation { logout }")));
        assert!(!is_mutation(&Request::new("{ me { id } }")));
        assert!(is_mutation(&Request::new("query A { me { id } } mutation B { logout }").operation_name("B")));
        assert!(!is_mutation(&Request::new("{ broken")));
    }
}
