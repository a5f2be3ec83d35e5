//! Spans for traces (OpenTelemetry, when the server exports them; see `docs/observability.md`):
//! one per resolver that returns an object or a list, named `graphql.resolve`, with the field's
//! path in the answer and its types, never its arguments. Leaf fields (scalars, enums) get none,
//! so a list of a hundred projects is a hundred spans, not a thousand.

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::registry::MetaTypeName;
use async_graphql::{ServerResult, Value};
use std::sync::Arc;
use tracing::Instrument as _;

/// The extension (added by [`crate::build_schema`] when [`crate::Services::traces`] is on).
#[derive(Debug, Clone, Copy)]
pub struct ResolverSpans;

impl ExtensionFactory for ResolverSpans {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ResolverSpans)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for ResolverSpans {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let concrete = MetaTypeName::concrete_typename(info.return_type);
        let leaf = ctx.schema_env.registry.types.get(concrete).is_some_and(|t| t.is_leaf());
        if info.is_for_introspection || leaf {
            return next.run(ctx, info).await;
        }
        let span = tracing::info_span!(
            "graphql.resolve",
            path = %info.path_node,
            parent_type = %info.parent_type,
            return_type = %info.return_type,
        );
        next.run(ctx, info).instrument(span).await
    }
}
