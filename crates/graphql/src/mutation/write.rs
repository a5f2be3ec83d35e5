//! The one pipeline every mutation goes through: authorise, open the transaction, claim the
//! idempotency key, write, audit, commit.
//!
//! It is written once because each step is easy to forget in a copy, and a forgotten step is
//! a silent bug: a write without its audit entry, a created object whose key was never
//! completed (so a retry creates a second one), a commit that skips the deadline check. Here
//! the transaction is only reachable inside [`Mutating::run`], which commits it when the body
//! succeeds and drops it (PostgreSQL rolls back) when the body fails: a mutation either does
//! everything it says or, on any error, writes nothing.
//!
//! There are two steps so that what needs no database runs between them, without holding a
//! connection (decoding ids, validating the input, hashing a password):
//!
//! ```ignore
//! let m = Mutating::admin(ctx)?;                                   // authorise
//! let name = v::required_text("name", &input.name, MAX_NAME)?;     // no transaction yet
//! m.run(async |w| {                                                // open the transaction
//!     let region = regions::insert_region(&mut w.tx, &code, &name).await?;    // write
//!     w.audit(Kind::Region, region.region_id, Some(region.region_id), None, None).await?;
//!     Ok(RegionPayload { region: Region(region) })
//! })
//! .await                                                           // commit
//! ```
//!
//! A creating mutation with an idempotency key uses [`Mutating::create`], or [`Write::once`]
//! inside `run` when the key's input is only known after some reads (`logFollowUp`, whose
//! region comes from its project).

use crate::auth::Viewer;
use crate::context::ContextExt;
use crate::error::ApiResult;
use crate::idempotency::{self, IdempotencyKey};
use crate::ids::Kind;
use async_graphql::Context;
use sismic_store::{audit, commit, Tx};
use uuid::Uuid;

/// An authorised mutation whose transaction is not open yet.
pub struct Mutating<'c> {
    ctx: &'c Context<'c>,
    viewer: Viewer,
}

impl<'c> Mutating<'c> {
    /// Any signed-in user (for what concerns their own account).
    pub fn signed_in(ctx: &'c Context<'c>) -> ApiResult<Self> {
        Ok(Mutating { ctx, viewer: *ctx.viewer()? })
    }

    /// ADMIN and agents, else `FORBIDDEN`.
    pub fn staff(ctx: &'c Context<'c>) -> ApiResult<Self> {
        let mutating = Self::signed_in(ctx)?;
        mutating.viewer.require_staff()?;
        Ok(mutating)
    }

    /// ADMIN only, else `FORBIDDEN`.
    pub fn admin(ctx: &'c Context<'c>) -> ApiResult<Self> {
        let mutating = Self::signed_in(ctx)?;
        mutating.viewer.require_admin()?;
        Ok(mutating)
    }

    /// Who is writing.
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    /// The resolver's context.
    pub fn ctx(&self) -> &'c Context<'c> {
        self.ctx
    }

    /// Opens a transaction acting for the viewer, runs `body` in it and commits; on any error
    /// of `body` nothing is written. A body that finds nothing to change returns early without
    /// auditing: the commit then writes nothing.
    pub async fn run<T>(self, body: impl AsyncFnOnce(&mut Write) -> ApiResult<T>) -> ApiResult<T> {
        let tx = self.ctx.begin().await?;
        let mut write = Write {
            viewer: self.viewer,
            operation: self.ctx.field().name().to_owned(),
            retention: self.ctx.store().idempotency_retention(),
            tx,
        };
        let value = body(&mut write).await?;
        commit(write.tx).await?;
        Ok(value)
    }

    /// [`Mutating::run`] for a creating mutation: see [`Write::once`].
    pub async fn create<T>(
        self,
        key: Option<IdempotencyKey>,
        replay: impl AsyncFnOnce(&mut Tx, Uuid) -> ApiResult<T>,
        create: impl AsyncFnOnce(&mut Write) -> ApiResult<(Uuid, T)>,
    ) -> ApiResult<Created<T>> {
        self.run(async move |write| write.once(key, replay, create).await).await
    }
}

/// A mutation's open transaction, inside [`Mutating::run`].
///
/// It holds no reference to the resolver's context, on purpose: the bodies are async closures
/// taking `&mut Write`, and a lifetime parameter here would make the compiler unable to prove
/// the resolvers' futures `Send` ("implementation of `AsyncFnOnce` is not general enough").
pub struct Write {
    viewer: Viewer,
    /// The mutation's field name, the audit log's operation.
    operation: String,
    /// How long idempotency keys are kept.
    retention: chrono::Duration,
    /// The transaction, acting for the viewer (row-level security applies).
    pub tx: Tx,
}

/// What a creating mutation made, or found made by an earlier request with the same key.
pub struct Created<T> {
    /// The object.
    pub object: T,
    /// True when an earlier request with the same idempotency key created it: nothing new was
    /// written.
    pub replayed: bool,
}

impl Write {
    /// Who is writing.
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    /// Appends the audit entry of this mutation (its field name is the operation), in its
    /// transaction: the entry exists exactly when the change does.
    pub async fn audit(
        &mut self,
        kind: Kind,
        id: Uuid,
        region_id: Option<Uuid>,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> ApiResult<()> {
        audit::record(
            &mut self.tx,
            &audit::NewEntry {
                user_id: Some(self.viewer.user_id),
                role: self.viewer.role.as_str(),
                operation: &self.operation,
                entity_type: kind.name(),
                entity_id: Some(id),
                region_id,
                before,
                after,
            },
        )
        .await?;
        Ok(())
    }

    /// Creates an object at most once per idempotency key (API.md, "Idempotency keys").
    ///
    /// The key is claimed first: a retry of a request that created something gets that object
    /// back from `replay` and writes nothing (`replayed: true`); the same key with another
    /// input is `CONFLICT`; a concurrent request with the key waits for this one (the claim
    /// locks the key's row). Otherwise `create` writes (and audits) the object and returns its
    /// id, which the key then names, in the same transaction. Without a key, `create` just
    /// runs.
    pub async fn once<T>(
        &mut self,
        key: Option<IdempotencyKey>,
        replay: impl AsyncFnOnce(&mut Tx, Uuid) -> ApiResult<T>,
        create: impl AsyncFnOnce(&mut Write) -> ApiResult<(Uuid, T)>,
    ) -> ApiResult<Created<T>> {
        if let Some(id) = idempotency::claim(&mut self.tx, key.as_ref(), self.retention).await? {
            return Ok(Created { object: replay(&mut self.tx, id).await?, replayed: true });
        }
        let (id, object) = create(&mut *self).await?;
        idempotency::complete(&mut self.tx, key.as_ref(), id).await?;
        Ok(Created { object, replayed: false })
    }
}
