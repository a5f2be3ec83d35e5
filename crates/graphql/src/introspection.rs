//! Corrections to async-graphql's introspection, so that clients rebuild exactly the schema we
//! publish (`schema.graphql`).

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{ServerResult, Value};
use std::sync::Arc;

/// Answers `__Schema.description` as `null`: the schema has no description.
///
/// async-graphql 7 answers that field with the description of the `__Schema` type itself ("A
/// GraphQL Schema defines the capabilities…"), so graphql-js's `buildClientSchema` (asked with
/// `schemaDescription: true`, as GraphQL Code Generator and GraphiQL can) would print a schema
/// description that `schema.graphql` does not have.
pub struct NoSchemaDescription;

impl ExtensionFactory for NoSchemaDescription {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(NoSchemaDescription)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for NoSchemaDescription {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.parent_type == "__Schema" && info.name == "description" {
            return Ok(Some(Value::Null));
        }
        next.run(ctx, info).await
    }
}
