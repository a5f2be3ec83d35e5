//! User accounts.

use crate::error::OnConstraint;
use crate::StoreError;
use chrono::{DateTime, Utc};
use sismic_domain::Role;
use sqlx::PgConnection;
use uuid::Uuid;

/// A user as stored, without the password hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// Id.
    pub user_id: Uuid,
    /// Email, lowercased.
    pub email: String,
    /// Role.
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// Region of an agent.
    pub region_id: Option<Uuid>,
    /// Partner of a partner or funder account.
    pub partner_id: Option<Uuid>,
    /// Whether the account may sign in.
    pub active: bool,
    /// Tokens issued before this version are revoked.
    pub token_version: i32,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// What login needs: the user and the hash to verify.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    /// The user.
    #[sqlx(flatten)]
    pub user: UserRow,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Email, already validated and lowercased.
    pub email: &'a str,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
    /// Role.
    pub role: Role,
    /// Region (agents).
    pub region_id: Option<Uuid>,
    /// Partner (partners, optionally funders).
    pub partner_id: Option<Uuid>,
}

const USER_COLUMNS: &str = "user_id, email, role, region_id, partner_id, active, token_version, created_at";

/// Creates an account.
pub async fn insert_user(conn: &mut PgConnection, user: &NewUser<'_>) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into app_user (email, password_hash, role, region_id, partner_id)
           values ($1, $2, $3, $4, $5)
           returning {USER_COLUMNS}"#
    ))
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.region_id)
    .bind(user.partner_id)
    .fetch_one(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("app_user_email_key", StoreError::Conflict("an account with this email already exists"))
    .on_constraint("app_user_region_id_fkey", StoreError::MissingReference("regionId"))
    .on_constraint("app_user_partner_id_fkey", StoreError::MissingReference("partnerId"))
    .on_constraint(
        "app_user_attachment",
        StoreError::Rejected("an AGENT needs a regionId, a PARTNER a partnerId, an ADMIN neither"),
    )
}

/// The account and hash for an email, if any.
pub async fn credentials_by_email(conn: &mut PgConnection, email: &str) -> Result<Option<Credentials>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {USER_COLUMNS}, password_hash from app_user where lower(email collate "und-x-icu") = lower($1 collate "und-x-icu")"#
    ))
    .bind(email)
    .fetch_optional(conn)
    .await?)
}

/// Users by id. Only administrators and the user themself read accounts; callers check.
pub async fn users_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<UserRow>, StoreError> {
    Ok(sqlx::query_as(&format!(r#"select {USER_COLUMNS} from app_user where user_id = any($1)"#))
        .bind(ids)
        .fetch_all(conn)
        .await?)
}

/// Whether any administrator exists (the first one is made with `sismic user add`).
pub async fn count_users(conn: &mut PgConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from app_user").fetch_one(conn).await?)
}

/// Whether a user may still use a token of `token_version`: the account is active and the
/// version is current. Reads the user's own row (their scope may).
pub async fn token_is_current(conn: &mut PgConnection, user_id: Uuid, token_version: i32) -> Result<bool, StoreError> {
    let current: Option<(bool, i32)> = sqlx::query_as("select active, token_version from app_user where user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(matches!(current, Some((true, version)) if version == token_version))
}

/// Revokes every token of a user (logout everywhere).
pub async fn revoke_tokens(conn: &mut PgConnection, user_id: Uuid) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        "update app_user set token_version = token_version + 1 where user_id = $1 returning {USER_COLUMNS}"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Sets a new password hash and revokes earlier tokens.
pub async fn set_password(conn: &mut PgConnection, user_id: Uuid, password_hash: &str) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        "update app_user set password_hash = $2, token_version = token_version + 1 where user_id = $1 returning {USER_COLUMNS}"
    ))
    .bind(user_id)
    .bind(password_hash)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Activates or deactivates an account; deactivation revokes its tokens.
pub async fn set_active(conn: &mut PgConnection, user_id: Uuid, active: bool) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update app_user set active = $2,
               token_version = token_version + case when $2 then 0 else 1 end
           where user_id = $1 returning {USER_COLUMNS}"#
    ))
    .bind(user_id)
    .bind(active)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Login throttling policy.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures allowed within the window.
    pub max_failures: i32,
    /// The window.
    pub window: chrono::Duration,
    /// How long an email stays locked once over the limit.
    pub lockout: chrono::Duration,
}

/// Until when sign-ins for this email are refused, if they are (system scope).
pub async fn locked_until(
    conn: &mut PgConnection,
    email_key: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let until: Option<Option<DateTime<Utc>>> =
        sqlx::query_scalar("select locked_until from login_throttle where email_key = $1")
            .bind(email_key)
            .fetch_optional(conn)
            .await?;
    Ok(until.flatten().filter(|u| *u > now))
}

/// Counts a failed sign-in; locks the email when over the limit (system scope).
pub async fn record_login_failure(
    conn: &mut PgConnection,
    email_key: &str,
    now: DateTime<Utc>,
    policy: &Throttle,
) -> Result<(), StoreError> {
    sqlx::query(
        r#"insert into login_throttle as t (email_key, failures, window_start, locked_until)
           values ($1, 1, $2, null)
           on conflict (email_key) do update set
               failures = case when t.window_start < $2 - ($3::text)::interval then 1 else t.failures + 1 end,
               window_start = case when t.window_start < $2 - ($3::text)::interval then $2 else t.window_start end,
               locked_until = case
                   when t.window_start >= $2 - ($3::text)::interval and t.failures + 1 >= $4 then $2 + ($5::text)::interval
                   else t.locked_until end"#,
    )
    .bind(email_key)
    .bind(now)
    .bind(format!("{} seconds", policy.window.num_seconds()))
    .bind(policy.max_failures)
    .bind(format!("{} seconds", policy.lockout.num_seconds()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the failures of an email after a successful sign-in (system scope).
pub async fn clear_login_failures(conn: &mut PgConnection, email_key: &str) -> Result<(), StoreError> {
    sqlx::query("delete from login_throttle where email_key = $1").bind(email_key).execute(conn).await?;
    Ok(())
}
