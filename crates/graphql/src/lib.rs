//! The GraphQL API of SISMIC Tracker: types, resolvers, DataLoaders, authentication and the
//! mapping of every failure to a contract error code.
//!
//! The server crate only wires [`build_schema`] and [`execute`] to HTTP; everything the API
//! means is here.

pub mod admission;
pub mod auth;
pub mod context;
pub mod enums;
pub mod error;
pub mod export;
pub mod idempotency;
pub mod ids;
pub mod import;
pub mod introspection;
pub mod limits;
pub mod loaders;
pub mod metrics;
pub mod mutation;
pub mod pagination;
pub mod query;
pub mod report;
pub mod scalars;
pub mod subscription;
pub mod traces;
pub mod types;

use async_graphql::{BatchRequest, BatchResponse, Response, Schema};
use auth::TokenKeys;
use futures_util::stream::{BoxStream, StreamExt};
use sismic_store::Store;

pub use error::{ApiError, ApiResult};

/// The schema type.
pub type AppSchema = Schema<query::Query, mutation::Mutation, subscription::Subscription>;

/// Limits on what one request may ask, checked before any resolver runs (and so before any
/// database work). The server's settings fill them in; see docs/configuration.md.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Deepest nesting of selections, introspection apart (see [`limits::measure_depth`]).
    pub depth: usize,
    /// Highest complexity (a connection costs `first` × its children).
    pub complexity: usize,
    /// Most directives on one field.
    pub directives: usize,
    /// Most aliases in one document.
    pub aliases: usize,
    /// Most operations in one batch.
    pub batch: usize,
    /// Whether introspection is served.
    pub introspection: bool,
    /// Whether validation errors suggest field names ("Did you mean …?").
    pub suggestions: bool,
}

impl Limits {
    /// The defaults: the one place they are written. The server's settings
    /// (`SISMIC_MAX_DEPTH` and the others) take theirs from here.
    pub const DEFAULT: Limits = Limits {
        depth: 12,
        complexity: 5_000,
        directives: 4,
        aliases: 30,
        batch: 10,
        introspection: true,
        suggestions: true,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The services the resolvers share besides the store: bounds on expensive work.
#[derive(Debug, Clone)]
pub struct Services {
    /// Password hashing, bounded.
    pub hashing: auth::PasswordHashing,
    /// Admission of report builds.
    pub reports: admission::ReportGate,
    /// The server's Prometheus metrics (operations, sign-in throttling, subscriptions).
    pub metrics: metrics::Metrics,
    /// Whether traces are exported: then every resolver of an object or a list has a span
    /// ([`traces::ResolverSpans`]). Off, no such span is made.
    pub traces: bool,
}

/// Builds the schema with its shared data: the store, the token keys, the sign-in throttling
/// policy, the report policy, the bounded services and the live updates' bus.
pub fn build_schema(
    store: Store,
    keys: TokenKeys,
    limits: &Limits,
    throttle: sismic_store::users::Throttle,
    reports: report::ReportPolicy,
    services: Services,
    live: subscription::Live,
) -> AppSchema {
    let mut builder = Schema::build(query::Query, mutation::Mutation::default(), subscription::Subscription)
        .data(store)
        .data(live)
        .data(keys)
        .data(throttle)
        .data(reports)
        .data(services.hashing)
        .data(services.reports)
        .data(services.metrics.clone())
        .limit_directives(limits.directives)
        // First, so that a complexity probe stops before any other extension executes. It
        // checks complexity itself (not with `limit_complexity`) to name the figures.
        .extension(limits::Cost { max_complexity: limits.complexity })
        // Inside `Cost`: it sees an operation as validated before `Cost` refuses its complexity,
        // so that refusal is counted under the operation's root field.
        .extension(metrics::Observe(services.metrics.clone()))
        // Depth is checked there too (not with async-graphql's `limit_depth`, which would count
        // introspection's nested type references and refuse every tool's introspection query).
        .extension(limits::DocumentLimits {
            max_aliases: limits.aliases,
            max_depth: limits.depth,
            introspection: limits.introspection,
        })
        .extension(auth::Authenticate)
        .extension(introspection::NoSchemaDescription);
    if services.traces {
        builder = builder.extension(traces::ResolverSpans);
    }
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema, as checked in at `schema.graphql`: with the `@specifiedBy` of the
/// scalars, which introspection serves (`specifiedByURL`), so that a client's rebuilt schema
/// prints as this file.
pub fn sdl() -> String {
    let options = async_graphql::SDLExportOptions::new().include_specified_by();
    Schema::build(query::Query, mutation::Mutation::default(), subscription::Subscription)
        .finish()
        .sdl_with_options(options)
}

/// The API as the server runs it: the schema for signed-in callers, the same schema without
/// field suggestions for anonymous ones (a "Did you mean …?" maps the schema for anyone), and
/// the limits that apply to a whole batch.
#[derive(Clone)]
pub struct Api {
    signed_in: AppSchema,
    anonymous: AppSchema,
    keys: TokenKeys,
    store: Store,
    limits: Limits,
    live: subscription::Live,
}

/// Who sends a request, and until when it may run.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// The `Authorization` header's value.
    pub authorization: Option<String>,
    /// The client's address, for sign-in throttling.
    pub client: Option<std::net::IpAddr>,
    /// When the request must be answered: database work stops there (see
    /// [`sismic_store::Store::with_deadline`]).
    pub deadline: Option<tokio::time::Instant>,
}

impl Api {
    /// Builds both schemas over the same store, keys and services.
    pub fn new(
        store: Store,
        keys: TokenKeys,
        limits: &Limits,
        throttle: sismic_store::users::Throttle,
        reports: report::ReportPolicy,
        services: Services,
    ) -> Api {
        // Deliveries of live updates read at most half the pool at once, as reports do.
        let reads = (store.pool().options().get_max_connections() as usize / 2).max(1);
        let live = subscription::Live::new(sismic_store::events::EventBus::new(store.pool().clone()), reads);
        let signed_in =
            build_schema(store.clone(), keys.clone(), limits, throttle, reports, services.clone(), live.clone());
        let anonymous = build_schema(
            store.clone(),
            keys.clone(),
            &Limits { suggestions: false, ..limits.clone() },
            throttle,
            reports,
            services,
            live.clone(),
        );
        Api { signed_in, anonymous, keys, store, limits: limits.clone(), live }
    }

    /// The process's live-updates bus (its one `LISTEN` connection, started on first use).
    pub fn events(&self) -> &sismic_store::events::EventBus {
        &self.live.bus
    }

    /// Runs a subscription for a viewer already authenticated (by the WebSocket's
    /// `connection_init`): its responses, each with contract codes. The document is held to
    /// the same limits as any request (depth, complexity, aliases...). Queries and mutations
    /// are for `POST /graphql`: the caller refuses them before (see the server's `live`).
    pub fn subscribe(&self, viewer: auth::Viewer, request: async_graphql::Request) -> BoxStream<'static, Response> {
        let data = context::RequestData::for_subscription(self.store.clone(), viewer);
        let request = request.data(data).data(self.store.clone());
        self.signed_in.execute_stream(request).map(with_codes).boxed()
    }

    /// Executes a (batch) request, giving every error a contract code. The token is checked
    /// (including against revocation, in the database) only once the document has passed
    /// every limit and validation: a rejected document costs no database work.
    ///
    /// A batch is held to the limits as a whole: its aliases and its complexity added up over
    /// its operations may not exceed what one operation may hold, and `login` is refused in it.
    pub async fn execute(&self, call: Call, request: BatchRequest) -> BatchResponse {
        // A caller without a correctly signed token gets no field suggestions. (The signature
        // is checked here without the database; revocation is checked later, as always.)
        let signed = call
            .authorization
            .as_deref()
            .and_then(|h| h.strip_prefix("Bearer "))
            .is_some_and(|token| self.keys.verify(token.trim()).is_ok());
        let schema = if signed { &self.signed_in } else { &self.anonymous };
        let store = match call.deadline {
            Some(deadline) => self.store.with_deadline(deadline),
            None => self.store.clone(),
        };
        let with_call = |request: async_graphql::Request| {
            let mut request = request.data(auth::Credentials(call.authorization.clone())).data(store.clone());
            if let Some(address) = call.client {
                request = request.data(auth::ClientAddress(address));
            }
            request
        };
        match request {
            BatchRequest::Single(request) => {
                BatchResponse::Single(with_codes(schema.execute(with_call(request)).await))
            }
            BatchRequest::Batch(mut requests) => {
                if let Some(refusal) = self.batch_refusal(schema, &mut requests).await {
                    let refused = requests.iter().map(|_| with_codes(Response::from_errors(vec![refusal.clone()])));
                    return BatchResponse::Batch(refused.collect());
                }
                let requests = requests.into_iter().map(|r| with_call(r).data(limits::InBatch)).collect();
                match schema.execute_batch(BatchRequest::Batch(requests)).await {
                    BatchResponse::Single(r) => BatchResponse::Single(with_codes(r)),
                    BatchResponse::Batch(rs) => BatchResponse::Batch(rs.into_iter().map(with_codes).collect()),
                }
            }
        }
    }

    /// Why a batch is refused as a whole, if it is: more aliases or more complexity in all than
    /// one operation may hold. Complexity is measured by validating each operation in a dry
    /// run ([`limits::ComplexityProbe`]) that executes nothing.
    async fn batch_refusal(
        &self,
        schema: &AppSchema,
        requests: &mut [async_graphql::Request],
    ) -> Option<async_graphql::ServerError> {
        let mut aliases = 0usize;
        for request in requests.iter_mut() {
            if let Ok(document) = request.parsed_query() {
                aliases = aliases.saturating_add(limits::count_aliases(document));
            }
        }
        if aliases > self.limits.aliases {
            return Some(async_graphql::ServerError::new(
                format!(
                    "aliases {} in the batch is over the limit of {}: a batch is held to one operation's limits",
                    limits::figure(aliases),
                    limits::figure(self.limits.aliases)
                ),
                None,
            ));
        }
        let mut complexity = 0usize;
        for request in requests.iter() {
            let probe = limits::ComplexityProbe::default();
            let mut dry_run = async_graphql::Request::new(request.query.clone())
                .variables(request.variables.clone())
                .data(probe.clone());
            dry_run.operation_name = request.operation_name.clone();
            let _ = schema.execute(dry_run).await;
            complexity = complexity.saturating_add(probe.complexity());
        }
        (complexity > self.limits.complexity).then(|| {
            async_graphql::ServerError::new(
                format!(
                    "complexity {} in the batch is over the limit of {}: a batch is held to one operation's limits",
                    limits::figure(complexity),
                    limits::figure(self.limits.complexity)
                ),
                None,
            )
        })
    }
}

/// Errors raised before resolvers run (syntax, validation, variable types, limits) come from
/// async-graphql without a code: they are all the caller's input being wrong.
pub fn with_codes(mut response: Response) -> Response {
    for error in &mut response.errors {
        let has_code = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
        if !has_code {
            error.extensions.get_or_insert_with(Default::default).set("code", "BAD_USER_INPUT");
        }
    }
    response
}
