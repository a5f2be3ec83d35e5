//! Sessions and accounts: signing in and out, passwords, activation, new accounts (ADMIN).

use super::write::Mutating;
use crate::auth::{hash_password, verify_password, PasswordHashing, Viewer, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH};
use crate::authenticate::ClientAddress;
use crate::context::{found, ContextExt};
use crate::enums::Role;
use crate::error::{ApiError, ApiResult};
use crate::ids::{self, Kind};
use crate::scalars::DateTime;
use crate::types::User;
use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sismic_domain::{self as domain, validation as v};
use sismic_store::{audit, commit, users, Scope};
use uuid::Uuid;

/// A token for the API.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops being accepted; sign in again then.
    pub expires_at: DateTime,
    /// The signed-in user.
    pub user: User,
    /// True when the password used is a one-time password an administrator set
    /// (`resetUserPassword`): call `changePassword` (with it as `currentPassword`) first. Until
    /// then every operation but `changePassword`, `me` and `logout` answers `FORBIDDEN` with
    /// `extensions.reason` `PASSWORD_CHANGE_REQUIRED`. The same as `user.mustChangePassword`.
    pub must_change_password: bool,
}

/// Result of `resetUserPassword`.
#[derive(SimpleObject)]
pub struct ResetUserPasswordPayload {
    /// The account, now with `mustChangePassword: true`.
    pub user: User,
    /// The one-time password (20 letters and digits in groups of five, about 99 bits of
    /// randomness). Given this once: the server keeps only its hash, and a new reset gives a
    /// new one. Pass it to the user by a channel of its own, never in a URL or a log.
    pub one_time_password: String,
    /// When it stops being accepted at sign-in (seven days); reset again after that.
    pub expires_at: DateTime,
}

/// Result of a mutation on a user.
#[derive(SimpleObject)]
pub struct UserPayload {
    /// The user.
    pub user: User,
}

/// A new account (ADMIN).
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in email (unique, case-insensitive).
    pub email: String,
    /// At least 10 characters.
    pub password: SecretString,
    /// Role.
    pub role: Role,
    /// Required for an AGENT; not allowed otherwise.
    pub region_id: Option<ID>,
    /// Required for a PARTNER; optional for a FUNDER (its funder partner); not allowed otherwise.
    pub partner_id: Option<ID>,
}

/// Sessions and accounts: signing in and out, passwords, activation.
#[derive(Default)]
pub struct SessionMutation;

#[Object]
impl SessionMutation {
    /// Signs in. The same `UNAUTHENTICATED` answer for an unknown email, a wrong password and a
    /// deactivated account, so that nobody can probe which emails exist.
    ///
    /// Every attempt is counted before the password is checked, per email and per client
    /// address: past `SISMIC_LOGIN_MAX_FAILURES` attempts for an email (or
    /// `SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS` from one address) within the window, sign-ins
    /// are refused with `RATE_LIMITED` for a while, whether or not the account exists; a
    /// successful sign-in clears the email's count. One `login` per request, never in a batch.
    ///
    /// After `resetUserPassword`, the one-time password signs in (until its expiry) with
    /// `mustChangePassword: true`: change it first.
    //
    // The one mutation outside the pipeline of `write`: there is no viewer yet, so it acts as
    // the system, and it needs two transactions (the attempt is counted and committed before
    // the slow password check, so that concurrent attempts see each other's counts).
    async fn login(&self, ctx: &Context<'_>, email: String, password: SecretString) -> ApiResult<LoginPayload> {
        let refused = ApiError::Unauthenticated("invalid email or password");
        if email.chars().count() > MAX_EMAIL_LENGTH {
            return Err(ApiError::bad_input("email", &format!("must be at most {MAX_EMAIL_LENGTH} characters")));
        }
        if password.expose_secret().chars().count() > MAX_PASSWORD_LENGTH {
            return Err(refused);
        }
        let store = ctx.store().clone();
        let throttle = *ctx.data_unchecked::<users::Throttle>();
        let email_key = email.trim().to_lowercase();
        let email_throttle = users::email_throttle_key(&email_key);
        let address_throttle = ctx.data_opt::<ClientAddress>().map(|a| users::address_throttle_key(a.0));
        let now = Utc::now();
        // Count first, in its own transaction, committed before the (slow) password check:
        // concurrent attempts see each other's counts.
        let mut tx = store.begin(&Scope::System).await?;
        let by_email =
            users::count_login_attempt(&mut tx, &email_throttle, throttle.max_failures, now, &throttle).await?;
        let mut by_address = users::Attempt::Allowed;
        if let Some(key) = &address_throttle {
            by_address =
                users::count_login_attempt(&mut tx, key, throttle.max_failures_per_address, now, &throttle).await?;
        }
        let credentials = users::credentials_by_email(&mut tx, &email_key).await?;
        commit(tx).await?;
        if by_email == users::Attempt::Refused || by_address == users::Attempt::Refused {
            if let Some(metrics) = ctx.data_opt::<crate::metrics::Metrics>() {
                let limit = if by_address == users::Attempt::Refused {
                    crate::metrics::ThrottleLimit::Address
                } else {
                    crate::metrics::ThrottleLimit::Email
                };
                metrics.login_throttled(limit);
            }
            return Err(ApiError::RateLimited("too many failed sign-ins: wait a few minutes and retry"));
        }
        let hash = credentials.as_ref().map(|c| c.password_hash.clone());
        let valid = password_hashing(ctx)
            .run(store.deadline(), move || verify_password(password.expose_secret(), hash.as_deref()))
            .await?;
        // A one-time password past its expiry is refused like a wrong one.
        let expired = |c: &users::Credentials| c.user.password_expires_at.is_some_and(|at| at <= now);
        let Some(credentials) = credentials.filter(|c| valid && c.user.active && !expired(c)) else {
            return Err(refused);
        };
        let mut tx = store.begin(&Scope::System).await?;
        users::record_login_success(&mut tx, &email_throttle, address_throttle.as_deref()).await?;
        let user = credentials.user;
        audit::record(
            &mut tx,
            &audit::NewEntry {
                user_id: Some(user.user_id),
                role: user.role.as_str(),
                operation: "login",
                entity_type: "User",
                entity_id: Some(user.user_id),
                region_id: user.region_id,
                before: None,
                after: None,
            },
        )
        .await?;
        commit(tx).await?;
        let viewer = Viewer::from(&user);
        let (token, expires_at) = ctx.token_keys().issue(&viewer, now)?;
        let must_change_password = user.must_change_password;
        Ok(LoginPayload { token, expires_at: DateTime(expires_at), user: User(user), must_change_password })
    }

    /// Ends every session of the signed-in user: all their tokens, this one included, stop
    /// working.
    async fn logout(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        Mutating::signed_in(ctx)?
            .run(async |w| {
                let viewer = *w.viewer();
                users::revoke_tokens(&mut w.tx, viewer.user_id).await?;
                w.audit(Kind::User, viewer.user_id, viewer.region_id, None, None).await?;
                Ok(true)
            })
            .await
    }

    /// Changes the signed-in user's password; every earlier token stops working (sign in again
    /// with the new one). After a reset, `currentPassword` is the one-time password, and this
    /// ends the obligation to change it (`mustChangePassword` becomes false). The new password
    /// is at least 10 characters and differs from the current one.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: SecretString,
        new_password: SecretString,
    ) -> ApiResult<bool> {
        let m = Mutating::signed_in(ctx)?;
        v::password(new_password.expose_secret()).map_err(|e| ApiError::bad_input("newPassword", &e.message))?;
        if new_password.expose_secret() == current_password.expose_secret() {
            return Err(ApiError::bad_input("newPassword", "must differ from the current password"));
        }
        m.run(async |w| {
            let viewer = *w.viewer();
            let email: Option<String> =
                users::users_by_ids(&mut w.tx, &[viewer.user_id]).await?.into_iter().next().map(|u| u.email);
            let email = found(email, "user")?;
            let credentials = users::credentials_by_email(&mut w.tx, &email).await?;
            let hash = credentials.map(|c| c.password_hash);
            let hashing = password_hashing(ctx);
            let deadline = ctx.store().deadline();
            let valid = hashing
                .run(deadline, move || verify_password(current_password.expose_secret(), hash.as_deref()))
                .await?;
            if !valid {
                return Err(ApiError::bad_input("currentPassword", "is not your current password"));
            }
            let new_hash = hashing.run(deadline, move || hash_password(new_password.expose_secret())).await??;
            users::set_password(&mut w.tx, viewer.user_id, &new_hash).await?;
            w.audit(Kind::User, viewer.user_id, viewer.region_id, None, None).await?;
            Ok(true)
        })
        .await
    }

    /// Deactivates or reactivates an account (ADMIN). Deactivation ends its sessions at once.
    /// Asking for the state the account is already in changes nothing.
    async fn set_user_active(&self, ctx: &Context<'_>, user_id: ID, active: bool) -> ApiResult<UserPayload> {
        let m = Mutating::admin(ctx)?;
        let id = ids::decode("userId", Kind::User, &user_id)?;
        m.run(async |w| {
            let before = found(users::users_by_ids(&mut w.tx, &[id]).await?.into_iter().next(), "user")?;
            if before.active == active {
                // Already so: nothing changes (no revocation, no audit entry).
                return Ok(UserPayload { user: User(before) });
            }
            let user = users::set_active(&mut w.tx, id, active).await?;
            w.audit(
                Kind::User,
                id,
                user.region_id,
                Some(json!({ "active": before.active })),
                Some(json!({ "active": user.active })),
            )
            .await?;
            Ok(UserPayload { user: User(user) })
        })
        .await
    }

    /// Resets a user's password (ADMIN): the answer carries a random one-time password, given
    /// this once, valid seven days, which the user must change at their next sign-in (until
    /// then they may only `changePassword`, read `me` and sign out). Every session of the user
    /// ends at once. An administrator changes their own password with `changePassword`.
    async fn reset_user_password(&self, ctx: &Context<'_>, user_id: ID) -> ApiResult<ResetUserPasswordPayload> {
        let m = Mutating::admin(ctx)?;
        let id = ids::decode("userId", Kind::User, &user_id)?;
        if id == m.viewer().user_id {
            return Err(ApiError::bad_input("userId", "is your own account: change your password with changePassword"));
        }
        m.run(async |w| {
            let before = found(users::users_by_ids(&mut w.tx, &[id]).await?.into_iter().next(), "user")?;
            let password = crate::auth::one_time_password();
            let secret = password.clone();
            let hash = password_hashing(ctx).run(ctx.store().deadline(), move || hash_password(&secret)).await??;
            let expires_at = Utc::now() + chrono::Duration::days(crate::auth::ONE_TIME_PASSWORD_DAYS);
            let user = users::reset_password(&mut w.tx, id, &hash, expires_at).await?;
            // The audit trail says a reset happened, never the password.
            w.audit(
                Kind::User,
                id,
                user.region_id,
                Some(json!({ "mustChangePassword": before.must_change_password })),
                Some(json!({ "mustChangePassword": true, "passwordExpiresAt": expires_at })),
            )
            .await?;
            Ok(ResetUserPasswordPayload {
                user: User(user),
                one_time_password: password,
                expires_at: DateTime(expires_at),
            })
        })
        .await
    }
}

/// New accounts (ADMIN). An object of its own only to keep the fields' order of the served
/// schema (see [`super::Mutation`]).
#[derive(Default)]
pub struct UserCreation;

#[Object]
impl UserCreation {
    /// Creates an account (ADMIN).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> ApiResult<UserPayload> {
        let m = Mutating::admin(ctx)?;
        let email = v::email("email", &input.email)?;
        v::password(input.password.expose_secret())?;
        let region_id = ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())?;
        let partner_id = ids::decode_opt("partnerId", Kind::Partner, input.partner_id.as_ref())?;
        let role: domain::Role = input.role.into();
        check_attachment(role, region_id, partner_id)?;
        let password = input.password;
        // Hashed before the transaction opens, and no connection is held while waiting for a
        // hashing slot.
        ctx.reads().release().await;
        let password_hash = password_hashing(ctx)
            .run(ctx.store().deadline(), move || hash_password(password.expose_secret()))
            .await??;
        m.run(async |w| {
            let user = users::insert_user(
                &mut w.tx,
                &users::NewUser { email: &email, password_hash: &password_hash, role, region_id, partner_id },
            )
            .await?;
            let after = json!({ "role": user.role.as_str(), "regionId": user.region_id, "partnerId": user.partner_id });
            w.audit(Kind::User, user.user_id, user.region_id, None, Some(after)).await?;
            Ok(UserPayload { user: User(user) })
        })
        .await
    }
}

/// The bounded password hashing of the schema.
fn password_hashing<'c>(ctx: &Context<'c>) -> &'c PasswordHashing {
    ctx.data_unchecked::<PasswordHashing>()
}

/// Who may be attached to what, by role (the database checks it too).
fn check_attachment(role: domain::Role, region: Option<Uuid>, partner: Option<Uuid>) -> ApiResult<()> {
    use domain::Role as R;
    match (role, region.is_some(), partner.is_some()) {
        (R::Admin, false, false) | (R::Agent, true, false) | (R::Partner, false, true) | (R::Funder, false, _) => {
            Ok(())
        }
        (R::Agent, false, _) => Err(ApiError::bad_input("regionId", "is required for an AGENT")),
        (R::Partner, _, false) => Err(ApiError::bad_input("partnerId", "is required for a PARTNER")),
        (_, true, _) => Err(ApiError::bad_input("regionId", "is only for an AGENT")),
        (_, _, true) => Err(ApiError::bad_input("partnerId", "is only for a PARTNER or FUNDER")),
    }
}
