//! What every resolver reaches through the GraphQL context.

use crate::auth::{Authentication, TokenKeys, Viewer};
use crate::error::{ApiError, ApiResult};
use crate::loaders::Loaders;
use async_graphql::Context;
use sismic_store::{Store, Tx};
use std::sync::Arc;

/// Per-request data: who is asking and the request's DataLoaders (which act for them).
#[derive(Clone)]
pub struct RequestData {
    /// Result of checking the `Authorization` header.
    pub authentication: Authentication,
    /// DataLoaders scoped to the viewer.
    pub loaders: Arc<Loaders>,
}

impl RequestData {
    /// Builds the request data for a (possibly absent) viewer.
    pub fn new(store: Store, authentication: Authentication) -> Self {
        let scope = match &authentication {
            Authentication::Verified(viewer) | Authentication::PasswordChangeRequired(viewer) => Some(viewer.scope()),
            _ => None,
        };
        RequestData { authentication, loaders: Arc::new(Loaders::new(store, scope)) }
    }
}

/// Shortcuts on the resolver context.
pub trait ContextExt {
    /// The store.
    fn store(&self) -> &Store;
    /// Token keys.
    fn token_keys(&self) -> &TokenKeys;
    /// The request data.
    fn request(&self) -> &RequestData;
    /// The signed-in viewer, or `UNAUTHENTICATED`. A viewer who must change their password is
    /// one too: the [`crate::auth::Authenticate`] extension answers them only the operations
    /// they may still use, before any resolver runs.
    fn viewer(&self) -> ApiResult<&Viewer>;
    /// The viewer's loaders.
    fn loaders(&self) -> &Loaders {
        &self.request().loaders
    }
    /// Opens a transaction acting for the viewer.
    fn begin(&self) -> impl std::future::Future<Output = ApiResult<Tx>> + Send;
}

impl ContextExt for Context<'_> {
    fn store(&self) -> &Store {
        self.data_unchecked::<Store>()
    }

    fn token_keys(&self) -> &TokenKeys {
        self.data_unchecked::<TokenKeys>()
    }

    fn request(&self) -> &RequestData {
        self.data_unchecked::<RequestData>()
    }

    fn viewer(&self) -> ApiResult<&Viewer> {
        match self.data_opt::<RequestData>() {
            Some(data) => data.authentication.signed_in(),
            None => Authentication::Anonymous.viewer(),
        }
    }

    async fn begin(&self) -> ApiResult<Tx> {
        let scope = self.viewer()?.scope();
        Ok(self.store().begin(&scope).await?)
    }
}

/// Runs `f` in a read transaction acting for the viewer, then ends it.
#[macro_export]
macro_rules! read {
    ($ctx:expr, |$conn:ident| $body:expr) => {{
        let mut tx = $crate::context::ContextExt::begin($ctx).await?;
        let $conn = &mut *tx;
        let value = $body.await.map_err($crate::error::ApiError::from)?;
        sismic_store::commit(tx).await.map_err($crate::error::ApiError::from)?;
        value
    }};
}

/// `NOT_FOUND` when a visible row was expected.
pub fn found<T>(value: Option<T>, what: &str) -> Result<T, ApiError> {
    value.ok_or_else(|| ApiError::not_found(what))
}
