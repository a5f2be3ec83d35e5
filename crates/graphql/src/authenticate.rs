//! The [`Authenticate`] extension: checks each request's [`Credentials`] and gives its
//! resolvers the [`crate::context::RequestData`] acting for the viewer. It depends on [`crate::auth`] (what a
//! token proves) and [`crate::context`] (what a request holds); `context` depends on `auth`,
//! and neither on this module, so no two modules import each other.

use crate::auth::{authenticate_opening, Authentication, TokenKeys};
use crate::error::ApiError;

/// The address of the client of a request, as the HTTP layer established it (the peer, or the
/// `X-Forwarded-For` of a trusted proxy). Sign-in throttling counts attempts per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The `Authorization` header of a GraphQL request, checked by [`Authenticate`] once the
/// document is valid.
#[derive(Debug, Clone)]
pub struct Credentials(pub Option<String>);

/// Checks the request's [`Credentials`] after parsing and validation, right before execution,
/// and gives the resolvers the [`crate::context::RequestData`] acting for the viewer: the
/// token's revocation is checked while the request's transaction opens, and the request then
/// reads in that transaction (a query in one snapshot, `REPEATABLE READ READ ONLY`; a mutation
/// takes it over for its write), which ends with the request.
///
/// A user who signed in with a one-time password ([`Authentication::PasswordChangeRequired`])
/// is answered only the root fields of [`ALLOWED_BEFORE_PASSWORD_CHANGE`] (and introspection);
/// any other root field, whatever its alias or fragment, is refused with
/// [`ApiError::PasswordChangeRequired`] before its resolver runs.
pub struct Authenticate;

/// What a user who must change their password may still ask: who they are, changing it,
/// signing in again and signing out.
pub const ALLOWED_BEFORE_PASSWORD_CHANGE: &[&str] = &["me", "changePassword", "login", "logout"];

impl async_graphql::extensions::ExtensionFactory for Authenticate {
    fn create(&self) -> std::sync::Arc<dyn async_graphql::extensions::Extension> {
        std::sync::Arc::new(AuthenticateRequest::default())
    }
}

/// [`Authenticate`] for one request (the factory makes one per request): it remembers the
/// operations' types from the parsed document.
#[derive(Default)]
struct AuthenticateRequest {
    operations: std::sync::Mutex<Vec<(Option<String>, async_graphql::parser::types::OperationType)>>,
    /// The viewer signed in with a one-time password: only [`ALLOWED_BEFORE_PASSWORD_CHANGE`].
    password_change_required: std::sync::atomic::AtomicBool,
}

impl AuthenticateRequest {
    /// How the operation `name` reads: a query in one snapshot; anything else read-write.
    fn mode(&self, name: Option<&str>) -> sismic_store::Mode {
        use async_graphql::parser::types::OperationType;
        let operations = self.operations.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let ty = match name {
            None if operations.len() == 1 => operations.first().map(|(_, ty)| *ty),
            None => None,
            Some(name) => operations.iter().find(|(n, _)| n.as_deref() == Some(name)).map(|(_, ty)| *ty),
        };
        match ty {
            Some(OperationType::Query) => sismic_store::Mode::Snapshot,
            _ => sismic_store::Mode::ReadWrite,
        }
    }
}

#[async_graphql::async_trait::async_trait]
impl async_graphql::extensions::Extension for AuthenticateRequest {
    async fn parse_query(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        query: &str,
        variables: &async_graphql::Variables,
        next: async_graphql::extensions::NextParseQuery<'_>,
    ) -> async_graphql::ServerResult<async_graphql::parser::types::ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let operations = document.operations.iter().map(|(name, op)| (name.map(|n| n.to_string()), op.node.ty));
        *self.operations.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = operations.collect();
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: async_graphql::extensions::NextExecute<'_>,
    ) -> async_graphql::Response {
        // A subscription's events: its viewer was authenticated when the WebSocket connection
        // was acknowledged, and every delivery checks the session again (see `subscription`).
        // Only the server puts request data there, never a client.
        if ctx.data_opt::<crate::context::RequestData>().is_some() {
            return next.run(ctx, operation_name).await;
        }
        let store = ctx.data_unchecked::<sismic_store::Store>();
        let keys = ctx.data_unchecked::<TokenKeys>();
        let header = ctx.data_opt::<Credentials>().and_then(|c| c.0.as_deref());
        let mode = self.mode(operation_name);
        let (authentication, opened) = authenticate_opening(store, keys, header, mode).await;
        if matches!(authentication, Authentication::PasswordChangeRequired(_)) {
            self.password_change_required.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let request = crate::context::RequestData::new(store.clone(), authentication, mode, opened);
        let reads = request.reads.clone();
        let mut data = async_graphql::Data::default();
        data.insert(request);
        let response = next.run_with_data(ctx, operation_name, data).await;
        reads.close().await;
        response
    }

    async fn resolve(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        info: async_graphql::extensions::ResolveInfo<'_>,
        next: async_graphql::extensions::NextResolve<'_>,
    ) -> async_graphql::ServerResult<Option<async_graphql::Value>> {
        let root = info.path_node.parent.is_none();
        if root
            && self.password_change_required.load(std::sync::atomic::Ordering::Relaxed)
            && !info.is_for_introspection
            && !info.name.starts_with("__")
            && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(&info.name)
        {
            let error = async_graphql::ErrorExtensions::extend(&ApiError::PasswordChangeRequired);
            let mut refused = async_graphql::ServerError::new(error.message, None);
            refused.extensions = error.extensions;
            refused.path = vec![async_graphql::PathSegment::Field(info.alias.unwrap_or(info.name).to_owned())];
            return Err(refused);
        }
        next.run(ctx, info).await
    }
}
