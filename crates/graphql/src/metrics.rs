//! Prometheus metrics of one server (`GET /metrics` on `SISMIC_METRICS_BIND`; see
//! `docs/observability.md`).
//!
//! Every label value comes from a closed set, never from the client's text, and nothing
//! personal is ever a label:
//!
//! - `operation`: the root field an operation selects (`projects`, `logFollowUp`, …: names of
//!   the schema, known once the document is validated), `multiple` when it selects several,
//!   `introspection` for `__schema`/`__type` alone, `__typename` for that alone, and
//!   `invalid` for a document that did not validate (syntax, unknown fields, a limit). The
//!   client's `operationName` is never used: anyone may choose it.
//! - `outcome`: `OK`, or the contract's code of the first error (`BAD_USER_INPUT`, `FORBIDDEN`…).
//! - `route` and `status` of HTTP requests: the server's own paths (`/graphql`, `/session`…,
//!   `web app` for the web app's pages) and the numeric status.
//! - `limit` of a throttled sign-in: `email` or `address` (never the email or the address).
//!
//! One [`Metrics`] per server (tests run many servers in one process, each with its own). The
//! resolvers reach it as schema data, the HTTP layer through the server's state.

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest, NextRequest,
    NextSubscribe, NextValidation,
};
use async_graphql::futures_util::stream::BoxStream;
use async_graphql::futures_util::StreamExt as _;
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, Response, ServerError, ServerResult, ValidationResult, Variables};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing::Instrument as _;

/// The contract's error codes: the only `outcome` values besides `OK`.
pub const CODES: [&str; 9] = [
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "INVALID_TRANSITION",
    "RATE_LIMITED",
    "UNAVAILABLE",
    "INTERNAL",
];

/// Latency buckets, in seconds: from a cached read to the request deadline (30 s).
const BUCKETS: [f64; 13] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0];

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    operation: String,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    route: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabels {
    limit: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    version: &'static str,
}

/// Which sign-in limit refused an attempt (the label of `sismic_login_throttled_total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleLimit {
    /// `SISMIC_LOGIN_MAX_FAILURES`: attempts for one email.
    Email,
    /// `SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS`: attempts from one client address.
    Address,
}

struct Inner {
    registry: Registry,
    operations: Family<OperationLabels, Counter>,
    operation_seconds: HistogramFamily<OperationLabels>,
    http_requests: Family<HttpLabels, Counter>,
    http_seconds: HistogramFamily<RouteLabels>,
    pool_size: Gauge,
    pool_idle: Gauge,
    pool_in_use: Gauge,
    pool_max: Gauge,
    subscriptions: Gauge,
    websocket_connections: Gauge,
    login_throttled: Family<LimitLabels, Counter>,
}

/// The metrics of one server, cheap to clone (every clone updates the same values).
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// A registry with every metric of the server, all at zero.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let operations = Family::<OperationLabels, Counter>::default();
        registry.register(
            "sismic_graphql_operations",
            "GraphQL operations executed, by root field (operation) and outcome (OK or the first error's code)",
            operations.clone(),
        );
        let operation_seconds = HistogramFamily::<OperationLabels>::new_with_constructor(histogram as fn() -> _);
        registry.register(
            "sismic_graphql_operation_duration_seconds",
            "Time to answer a GraphQL operation, by root field and outcome",
            operation_seconds.clone(),
        );
        let http_requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "sismic_http_requests",
            "HTTP requests answered, by route and status code",
            http_requests.clone(),
        );
        let http_seconds = HistogramFamily::<RouteLabels>::new_with_constructor(histogram as fn() -> _);
        registry.register(
            "sismic_http_request_duration_seconds",
            "Time to answer an HTTP request, by route",
            http_seconds.clone(),
        );
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let gauge = Gauge::default();
            registry.register(name, help, gauge.clone());
            gauge
        };
        let pool_size = gauge(&mut registry, "sismic_db_pool_size", "Open PostgreSQL connections of the pool");
        let pool_idle = gauge(&mut registry, "sismic_db_pool_idle", "Open PostgreSQL connections waiting for work");
        let pool_in_use = gauge(&mut registry, "sismic_db_pool_in_use", "PostgreSQL connections in use by a request");
        let pool_max = gauge(
            &mut registry,
            "sismic_db_pool_max",
            "Most connections the pool may open (SISMIC_DB_MAX_CONNECTIONS)",
        );
        let subscriptions = gauge(&mut registry, "sismic_graphql_subscriptions", "GraphQL subscriptions running now");
        let websocket_connections =
            gauge(&mut registry, "sismic_websocket_connections", "GraphQL WebSocket connections open now");
        let login_throttled = Family::<LimitLabels, Counter>::default();
        registry.register(
            "sismic_login_throttled",
            "Sign-ins refused with RATE_LIMITED, by the limit reached (email or address)",
            login_throttled.clone(),
        );
        let build = Family::<VersionLabels, Gauge>::default();
        build.get_or_create(&VersionLabels { version: env!("CARGO_PKG_VERSION") }).set(1);
        registry.register("sismic_build_info", "The server's version (always 1)", build);
        Metrics {
            inner: Arc::new(Inner {
                registry,
                operations,
                operation_seconds,
                http_requests,
                http_seconds,
                pool_size,
                pool_idle,
                pool_in_use,
                pool_max,
                subscriptions,
                websocket_connections,
                login_throttled,
            }),
        }
    }

    /// The metrics in the OpenMetrics text format (what `GET /metrics` answers).
    pub fn encode(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.inner.registry).expect("writing to a String");
        text
    }

    /// Records one GraphQL operation.
    pub fn operation(&self, operation: &str, outcome: &str, elapsed: Duration) {
        let labels = OperationLabels { operation: operation.to_owned(), outcome: outcome_label(outcome) };
        self.inner.operations.get_or_create(&labels).inc();
        self.inner.operation_seconds.get_or_create(&labels).observe(elapsed.as_secs_f64());
    }

    /// Records one HTTP request; `route` comes from a fixed list (see the server's `route_label`).
    pub fn http_request(&self, route: &'static str, status: u16, elapsed: Duration) {
        self.inner.http_requests.get_or_create(&HttpLabels { route, status }).inc();
        self.inner.http_seconds.get_or_create(&RouteLabels { route }).observe(elapsed.as_secs_f64());
    }

    /// Sets the pool gauges (read at each scrape): open connections, idle ones, and the maximum.
    pub fn observe_pool(&self, size: u32, idle: usize, max: u32) {
        let size = i64::from(size);
        let idle = i64::try_from(idle).unwrap_or(i64::MAX);
        self.inner.pool_size.set(size);
        self.inner.pool_idle.set(idle);
        self.inner.pool_in_use.set((size - idle).max(0));
        self.inner.pool_max.set(i64::from(max));
    }

    /// Counts a sign-in refused by throttling.
    pub fn login_throttled(&self, limit: ThrottleLimit) {
        let limit = match limit {
            ThrottleLimit::Email => "email",
            ThrottleLimit::Address => "address",
        };
        self.inner.login_throttled.get_or_create(&LimitLabels { limit }).inc();
    }

    /// One more running subscription until the guard is dropped (`sismic_graphql_subscriptions`).
    /// The schema's [`Observe`] extension already holds one for every subscription stream it
    /// runs: call this only for subscriptions served some other way.
    pub fn subscription_opened(&self) -> GaugeGuard {
        GaugeGuard::new(self.inner.subscriptions.clone())
    }

    /// One more open WebSocket connection until the guard is dropped
    /// (`sismic_websocket_connections`): for the graphql-transport-ws endpoint to hold for each
    /// connection.
    pub fn websocket_connection_opened(&self) -> GaugeGuard {
        GaugeGuard::new(self.inner.websocket_connections.clone())
    }

    /// The running subscriptions (for tests).
    pub fn subscriptions(&self) -> i64 {
        self.inner.subscriptions.get()
    }
}

/// Holds a gauge one higher until dropped.
#[derive(Debug)]
pub struct GaugeGuard(Gauge);

impl GaugeGuard {
    fn new(gauge: Gauge) -> Self {
        gauge.inc();
        GaugeGuard(gauge)
    }
}

impl Drop for GaugeGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// `OK`, a contract code, or `INTERNAL` for anything else (so the set stays closed).
fn outcome_label(outcome: &str) -> &'static str {
    if outcome == "OK" {
        return "OK";
    }
    CODES.iter().find(|code| **code == outcome).copied().unwrap_or("INTERNAL")
}

/// The outcome of a response: `OK`, or the first error's code (errors raised before the
/// resolvers have none yet: they are `BAD_USER_INPUT`, as [`crate::with_codes`] makes them).
pub fn outcome_of(response: &Response) -> &'static str {
    match response.errors.first() {
        None => "OK",
        Some(error) => match error.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(async_graphql::Value::String(code)) => outcome_label(code),
            _ => "BAD_USER_INPUT",
        },
    }
}

/// The `operation` label of each operation of a document, by name (see the module's doc).
/// Meaningful only once the document has validated: then every field name is the schema's.
fn operation_labels(document: &ExecutableDocument) -> Vec<(Option<String>, String)> {
    let label = |set: &SelectionSet| {
        let mut fields = HashSet::new();
        collect_root_fields(document, set, &mut fields, 0);
        if fields.is_empty() {
            return "__typename".to_owned();
        }
        if fields.iter().all(|f| f == "__schema" || f == "__type") {
            return "introspection".to_owned();
        }
        fields.retain(|f| f != "__schema" && f != "__type");
        match fields.len() {
            1 => fields.into_iter().next().expect("one field"),
            _ => "multiple".to_owned(),
        }
    };
    match &document.operations {
        DocumentOperations::Single(operation) => vec![(None, label(&operation.node.selection_set.node))],
        DocumentOperations::Multiple(operations) => operations
            .iter()
            .map(|(name, operation)| (Some(name.to_string()), label(&operation.node.selection_set.node)))
            .collect(),
    }
}

/// The root fields of a selection set, through fragments (`__typename` left out).
fn collect_root_fields(document: &ExecutableDocument, set: &SelectionSet, out: &mut HashSet<String>, depth: usize) {
    if depth > 16 {
        return; // fragment cycles are refused by validation; this only bounds the walk
    }
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                if name != "__typename" {
                    out.insert(name.to_owned());
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    collect_root_fields(document, &fragment.node.selection_set.node, out, depth + 1);
                }
            }
            Selection::InlineFragment(inline) => {
                collect_root_fields(document, &inline.node.selection_set.node, out, depth + 1)
            }
        }
    }
}

/// The schema extension that records every operation in [`Metrics`] (its root field, outcome
/// and time) and holds the subscription gauge for every subscription stream. Complexity probes
/// (dry runs of [`crate::limits::ComplexityProbe`]) are not counted.
#[derive(Debug, Clone)]
pub struct Observe(pub Metrics);

impl ExtensionFactory for Observe {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ObserveRequest { metrics: self.0.clone(), state: Mutex::default() })
    }
}

#[derive(Default)]
struct RequestState {
    probe: bool,
    labels: Vec<(Option<String>, String)>,
    validated: bool,
    operation_name: Option<String>,
}

struct ObserveRequest {
    metrics: Metrics,
    state: Mutex<RequestState>,
}

impl ObserveRequest {
    fn state(&self) -> std::sync::MutexGuard<'_, RequestState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn label(&self) -> Option<String> {
        let state = self.state();
        if state.probe {
            return None;
        }
        if !state.validated {
            return Some("invalid".to_owned());
        }
        let chosen = match (&state.operation_name, state.labels.as_slice()) {
            (Some(name), labels) => labels.iter().find(|(n, _)| n.as_deref() == Some(name.as_str())),
            (None, [only]) => Some(only),
            (None, _) => None,
        };
        Some(chosen.map_or_else(|| "invalid".to_owned(), |(_, label)| label.clone()))
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for ObserveRequest {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = Instant::now();
        // A span for the operation (traces, and the fields of the log lines logged in it);
        // its `operation` is known once the document has validated.
        let span = tracing::info_span!("graphql.operation", operation = tracing::field::Empty);
        let response = next.run(ctx).instrument(span.clone()).await;
        if let Some(label) = self.label() {
            span.record("operation", label.as_str());
            self.metrics.operation(&label, outcome_of(&response), started.elapsed());
        }
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        let guard = self.metrics.subscription_opened();
        Box::pin(next.run(ctx, stream).map(move |response| {
            let _held = &guard;
            response
        }))
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if request.data.contains_key(&std::any::TypeId::of::<crate::limits::ComplexityProbe>()) {
            self.state().probe = true;
        }
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        self.state().labels = operation_labels(&document);
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await;
        self.state().validated = result.is_ok();
        result
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        self.state().operation_name = operation_name.map(str::to_owned);
        if let Some(label) = self.label() {
            tracing::Span::current().record("operation", label.as_str());
        }
        next.run(ctx, operation_name).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(query: &str) -> Vec<(Option<String>, String)> {
        let mut labels = operation_labels(&async_graphql::parser::parse_query(query).unwrap());
        labels.sort();
        labels
    }

    #[test]
    fn operations_are_labelled_by_their_root_field() {
        assert_eq!(labels("{ projects(first: 5) { edges { node { id } } } }"), [(None, "projects".to_owned())]);
        assert_eq!(
            labels("query Board { a: projects { nodes { id } } b: projects { nodes { id } } __typename }"),
            [(Some("Board".to_owned()), "projects".to_owned())]
        );
        assert_eq!(labels("{ me { id } regions { id } }"), [(None, "multiple".to_owned())]);
        assert_eq!(labels("{ __schema { types { name } } }"), [(None, "introspection".to_owned())]);
        assert_eq!(labels("{ __typename }"), [(None, "__typename".to_owned())]);
        assert_eq!(
            labels("query { ...F } fragment F on Query { cohorts { nodes { id } } }"),
            [(None, "cohorts".to_owned())]
        );
        assert_eq!(
            labels("query A { me { id } } mutation B { logout }"),
            [(Some("A".to_owned()), "me".to_owned()), (Some("B".to_owned()), "logout".to_owned())]
        );
    }

    #[test]
    fn outcomes_are_a_closed_set() {
        assert_eq!(outcome_label("OK"), "OK");
        assert_eq!(outcome_label("CONFLICT"), "CONFLICT");
        assert_eq!(outcome_label("jean.tremblay@example.com"), "INTERNAL");
    }

    #[test]
    fn the_text_format_names_every_metric() {
        let metrics = Metrics::new();
        metrics.operation("projects", "OK", Duration::from_millis(3));
        metrics.login_throttled(ThrottleLimit::Address);
        let guard = metrics.subscription_opened();
        assert_eq!(metrics.subscriptions(), 1);
        drop(guard);
        assert_eq!(metrics.subscriptions(), 0);
        let text = metrics.encode();
        for name in [
            "sismic_graphql_operations_total{operation=\"projects\",outcome=\"OK\"} 1",
            "sismic_login_throttled_total{limit=\"address\"} 1",
            "sismic_graphql_subscriptions 0",
            "# EOF",
        ] {
            assert!(text.contains(name), "{name} missing from:\n{text}");
        }
    }
}
