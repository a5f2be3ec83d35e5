//! Accounts and the audit trail of what they did.

use super::{load_opt, Partner, Region};
use crate::context::ContextExt;
use crate::enums::Role;
use crate::error::ApiResult;
use crate::ids::{self, Kind};
use crate::loaders::*;
use crate::scalars::DateTime;
use async_graphql::{Context, Object, ID};
use sismic_store::regions;
use sismic_store::users::UserRow;

/// An account.
pub struct User(pub UserRow);

impl User {
    /// The scope of this user. Used only to answer `login`, whose request has no viewer yet:
    /// its payload's nested fields act as the user who has just proved their password.
    fn own_scope(&self) -> sismic_store::Scope {
        crate::auth::Viewer::from(&self.0).scope()
    }
}

/// An account.
#[Object]
impl User {
    /// Global id.
    pub(super) async fn id(&self) -> ID {
        ids::encode(Kind::User, self.0.user_id)
    }
    /// Sign-in email.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// Role.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// Region of an agent.
    async fn region(&self, ctx: &Context<'_>) -> ApiResult<Option<Region>> {
        let Some(id) = self.0.region_id else { return Ok(None) };
        if ctx.viewer().is_ok() {
            return load_opt(ctx, Some(RegionById(id))).await.map(|r| r.map(Region));
        }
        let mut tx = ctx.store().begin(&self.own_scope()).await?;
        let row = regions::regions_by_ids(&mut tx, &[id]).await?.into_iter().next();
        sismic_store::commit(tx).await?;
        Ok(row.map(Region))
    }
    /// Partner of a partner or funder account.
    async fn partner(&self, ctx: &Context<'_>) -> ApiResult<Option<Partner>> {
        let Some(id) = self.0.partner_id else { return Ok(None) };
        if ctx.viewer().is_ok() {
            return load_opt(ctx, Some(PartnerById(id))).await.map(|r| r.map(Partner));
        }
        let mut tx = ctx.store().begin(&self.own_scope()).await?;
        let row = sismic_store::partners::partners_by_ids(&mut tx, &[id]).await?.into_iter().next();
        sismic_store::commit(tx).await?;
        Ok(row.map(Partner))
    }
    /// Whether the account may sign in.
    async fn active(&self) -> bool {
        self.0.active
    }
    /// True after an administrator reset the password (`resetUserPassword`): the user signs
    /// in with the one-time password and must change it (`changePassword`) before anything
    /// else; until then every other operation answers `FORBIDDEN` with `extensions.reason`
    /// `PASSWORD_CHANGE_REQUIRED`.
    async fn must_change_password(&self) -> bool {
        self.0.must_change_password
    }
    /// When the one-time password stops being accepted at sign-in; null when the user chose
    /// their password.
    async fn password_expires_at(&self) -> Option<DateTime> {
        self.0.password_expires_at.map(DateTime)
    }
    /// When the account was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }
}

/// One change in the audit trail (ADMIN only).
pub struct AuditEntry(pub sismic_store::audit::AuditRow);

/// One change in the audit trail (ADMIN only).
#[Object]
impl AuditEntry {
    /// Sequence number (increasing).
    async fn sequence(&self) -> String {
        self.0.audit_id.to_string()
    }
    /// When.
    async fn at(&self) -> DateTime {
        DateTime(self.0.at)
    }
    /// Who (null for the system's own tasks).
    async fn user(&self, ctx: &Context<'_>) -> ApiResult<Option<User>> {
        load_opt(ctx, self.0.user_id.map(UserById)).await.map(|r| r.map(User))
    }
    /// Their role then (`ADMIN`, `AGENT`, … or `SYSTEM`).
    async fn role(&self) -> &str {
        &self.0.role
    }
    /// The operation (the mutation's name, or `login`, `privacyPurge`).
    async fn operation(&self) -> &str {
        &self.0.operation
    }
    /// The kind of object changed.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }
    /// The global id of the object changed.
    async fn entity_id(&self) -> Option<ID> {
        let kind = match self.0.entity_type.as_str() {
            "Region" => Kind::Region,
            "Partner" => Kind::Partner,
            "User" => Kind::User,
            "Cohort" => Kind::Cohort,
            "Project" => Kind::Project,
            "Participant" => Kind::Participant,
            "Activity" => Kind::Activity,
            "FollowUp" => Kind::FollowUp,
            "Award" => Kind::Award,
            _ => return None,
        };
        self.0.entity_id.map(|id| ids::encode(kind, id))
    }
    /// State before the change (projects: name, stage, status, version…).
    async fn before(&self) -> Option<async_graphql::Json<serde_json::Value>> {
        self.0.before.clone().map(async_graphql::Json)
    }
    /// State after the change.
    async fn after(&self) -> Option<async_graphql::Json<serde_json::Value>> {
        self.0.after.clone().map(async_graphql::Json)
    }
}
