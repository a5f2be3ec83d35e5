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

const USER_COLUMNS: &str = "user_id, email, role, region_id, partner_id, active, created_at";

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
