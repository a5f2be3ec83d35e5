//! The GraphQL API of SISMIC Tracker: types, resolvers, DataLoaders, authentication and the
//! mapping of every failure to a contract error code.
//!
//! The server crate only wires [`build_schema`] and [`execute`] to HTTP; everything the API
//! means is here.

pub mod auth;
pub mod context;
pub mod enums;
pub mod error;
pub mod export;
pub mod idempotency;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod pagination;
pub mod query;
pub mod report;
pub mod scalars;
pub mod types;

use async_graphql::{BatchRequest, BatchResponse, EmptySubscription, Response, Schema};
use auth::TokenKeys;
use sismic_store::Store;

pub use error::{ApiError, ApiResult};

/// The schema type.
pub type AppSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

/// Limits on what one request may ask, checked before any resolver runs (and so before any
/// database work). The server's settings fill them in; see the README's Operating table.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Deepest nesting of selections.
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

impl Default for Limits {
    fn default() -> Self {
        Limits {
            depth: 12,
            complexity: 5_000,
            directives: 4,
            aliases: 30,
            batch: 10,
            introspection: true,
            suggestions: true,
        }
    }
}

/// Builds the schema with its shared data: the store, the token keys, the sign-in throttling
/// policy and the report policy.
pub fn build_schema(
    store: Store,
    keys: TokenKeys,
    limits: &Limits,
    throttle: sismic_store::users::Throttle,
    reports: report::ReportPolicy,
) -> AppSchema {
    let mut builder = Schema::build(query::Query, mutation::Mutation, EmptySubscription)
        .data(store)
        .data(keys)
        .data(throttle)
        .data(reports)
        .limit_depth(limits.depth)
        .limit_complexity(limits.complexity)
        .limit_directives(limits.directives)
        .extension(limits::DocumentLimits { max_aliases: limits.aliases, introspection: limits.introspection })
        .extension(auth::Authenticate);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(query::Query, mutation::Mutation, EmptySubscription).finish().sdl()
}

/// Executes a (batch) request sent with the given `Authorization` header value, giving every
/// error a contract code. The token is checked (including against revocation, in the
/// database) only once the document has passed every limit and validation: a rejected
/// document costs no database work.
pub async fn execute(schema: &AppSchema, authorization: Option<String>, request: BatchRequest) -> BatchResponse {
    let request = request.data(auth::Credentials(authorization));
    let response = schema.execute_batch(request).await;
    match response {
        BatchResponse::Single(r) => BatchResponse::Single(with_codes(r)),
        BatchResponse::Batch(rs) => BatchResponse::Batch(rs.into_iter().map(with_codes).collect()),
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
