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
    /// Whether the password is a one-time password an administrator set, which the user must
    /// change before doing anything else.
    pub must_change_password: bool,
    /// When that one-time password stops being accepted (null otherwise).
    pub password_expires_at: Option<DateTime<Utc>>,
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

const USER_COLUMNS: &str = "user_id, email, role, region_id, partner_id, active, token_version, must_change_password, \
                            password_expires_at, created_at";

/// Creates an account.
#[tracing::instrument(skip_all)]
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
#[tracing::instrument(skip_all)]
pub async fn credentials_by_email(conn: &mut PgConnection, email: &str) -> Result<Option<Credentials>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {USER_COLUMNS}, password_hash from app_user where lower(email collate "und-x-icu") = lower($1 collate "und-x-icu")"#
    ))
    .bind(email)
    .fetch_optional(conn)
    .await?)
}

/// Users by id. Only administrators and the user themself read accounts; callers check.
#[tracing::instrument(skip_all)]
pub async fn users_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<UserRow>, StoreError> {
    Ok(sqlx::query_as(&format!(r#"select {USER_COLUMNS} from app_user where user_id = any($1)"#))
        .bind(ids)
        .fetch_all(conn)
        .await?)
}

/// Whether any administrator exists (the first one is made with `sismic user add`).
#[tracing::instrument(skip_all)]
pub async fn count_users(conn: &mut PgConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from app_user").fetch_one(conn).await?)
}

/// What a token of `token_version` is worth now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStatus {
    /// Revoked (logout, password change or reset, deactivation) or the account is gone.
    Revoked,
    /// Current.
    Current {
        /// The user signed in with a one-time password and must change it first.
        must_change_password: bool,
    },
}

impl TokenStatus {
    /// Reads the answer of the SQL function `sismic_token_status`; anything but its two
    /// positive answers is a revoked token.
    pub(crate) fn from_sql(status: &str) -> Self {
        match status {
            "CURRENT" => TokenStatus::Current { must_change_password: false },
            "MUST_CHANGE_PASSWORD" => TokenStatus::Current { must_change_password: true },
            _ => TokenStatus::Revoked,
        }
    }
}

/// Whether a user may still use a token of `token_version`: the account is active and the
/// version is current; and whether they must change their password first. Reads the user's
/// own row (their scope may), through the same SQL function as the check that opens every
/// request's transaction ([`crate::Store::open`]).
#[tracing::instrument(skip_all)]
pub async fn token_status(
    conn: &mut PgConnection,
    user_id: Uuid,
    token_version: i32,
) -> Result<TokenStatus, StoreError> {
    let status: String = sqlx::query_scalar("select sismic_token_status($1, $2)")
        .bind(user_id)
        .bind(token_version)
        .fetch_one(conn)
        .await?;
    Ok(TokenStatus::from_sql(&status))
}

/// Revokes every token of a user (logout everywhere).
#[tracing::instrument(skip_all)]
pub async fn revoke_tokens(conn: &mut PgConnection, user_id: Uuid) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        "update app_user set token_version = token_version + 1 where user_id = $1 returning {USER_COLUMNS}"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Sets a new password hash of the user's own and revokes earlier tokens; a one-time password
/// is then no longer one (the obligation to change it goes with it).
#[tracing::instrument(skip_all)]
pub async fn set_password(conn: &mut PgConnection, user_id: Uuid, password_hash: &str) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update app_user set password_hash = $2, token_version = token_version + 1,
               must_change_password = false, password_expires_at = null
           where user_id = $1 returning {USER_COLUMNS}"#
    ))
    .bind(user_id)
    .bind(password_hash)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Replaces a user's password by a one-time password (its hash) that must be changed at the
/// next sign-in and stops being accepted at `expires_at`, and revokes every token of the user
/// (administrators; the database refuses it to anyone else).
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    conn: &mut PgConnection,
    user_id: Uuid,
    password_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update app_user set password_hash = $2, must_change_password = true, password_expires_at = $3,
               token_version = token_version + 1
           where user_id = $1 returning {USER_COLUMNS}"#
    ))
    .bind(user_id)
    .bind(password_hash)
    .bind(expires_at)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Which accounts to list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Only this role.
    pub role: Option<Role>,
    /// Only agents of this region.
    pub region_id: Option<Uuid>,
    /// Only accounts of this partner.
    pub partner_id: Option<Uuid>,
    /// Only active (true) or deactivated (false) accounts.
    pub active: Option<bool>,
    /// Only emails containing this text (case-insensitive).
    pub email: Option<String>,
}

/// Accounts the scope sees (administrators: all; anyone else: their own), in creation order.
#[tracing::instrument(skip_all)]
pub async fn list_users(
    conn: &mut PgConnection,
    filter: &UserFilter,
    page: &crate::PageRequest,
) -> Result<crate::Page<UserRow>, StoreError> {
    let rows = sqlx::query_as(&format!(
        r#"select {USER_COLUMNS} from app_user
           where ($1::text is null or role = $1)
             and ($2::uuid is null or region_id = $2)
             and ($3::uuid is null or partner_id = $3)
             and ($4::boolean is null or active = $4)
             and ($5::text is null or strpos(lower(email collate "und-x-icu"), lower($5 collate "und-x-icu")) > 0)
             and ($6::timestamptz is null or (created_at, user_id) > ($6, $7))
           order by created_at, user_id
           limit $8"#
    ))
    .bind(filter.role.map(Role::as_str))
    .bind(filter.region_id)
    .bind(filter.partner_id)
    .bind(filter.active)
    .bind(filter.email.as_deref())
    .bind(page.after_at())
    .bind(page.after_id())
    .bind(page.limit())
    .fetch_all(conn)
    .await?;
    Ok(crate::Page::from_rows(rows, page))
}

/// Activates or deactivates an account; deactivation revokes its tokens.
#[tracing::instrument(skip_all)]
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

/// Sign-in throttling policy: for each email, and for each client address.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Attempts allowed per email within the window (the (n+1)th and later are refused).
    pub max_failures: i32,
    /// Attempts allowed per client address within the window, whatever the emails.
    pub max_failures_per_address: i32,
    /// The window.
    pub window: chrono::Duration,
    /// How long a key stays locked once over its limit.
    pub lockout: chrono::Duration,
}

/// What one key of the throttle says about a sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Under the limit: the password may be checked.
    Allowed,
    /// Over the limit, or locked: refuse without checking the password.
    Refused,
}

/// The throttle key of an email (lowercased by the caller).
pub fn email_throttle_key(email_key: &str) -> String {
    format!("email:{email_key}")
}

/// The throttle key of a client address.
pub fn address_throttle_key(address: std::net::IpAddr) -> String {
    format!("address:{address}")
}

/// Most expired rows one sign-in removes (the rest go with the next ones).
const PURGE_BATCH: i64 = 100;

/// Counts one sign-in attempt for `key` *before* the password is checked, atomically (one
/// upsert that returns the count), and says whether it may proceed (system scope).
///
/// Counting first is what makes the limit hold under concurrency: with a check-then-count, N
/// parallel guesses all pass the check before any of them is counted. The same statement
/// removes a few expired rows, so the table stays as small as the set of keys tried within a
/// window.
#[tracing::instrument(skip_all)]
pub async fn count_login_attempt(
    conn: &mut PgConnection,
    key: &str,
    limit: i32,
    now: DateTime<Utc>,
    policy: &Throttle,
) -> Result<Attempt, StoreError> {
    let (attempts, locked_until): (i32, Option<DateTime<Utc>>) = sqlx::query_as(
        r#"with expired as (
               delete from login_throttle
               where throttle_key in (select throttle_key from login_throttle
                                      where expires_at < $2 and throttle_key <> $1
                                      order by expires_at limit $6 for update skip locked)
           )
           insert into login_throttle as t (throttle_key, attempts, window_start, locked_until, expires_at)
           values ($1, 1, $2, case when 1 > $4 then $2 + $5 end, $2 + greatest($3, case when 1 > $4 then $5 end))
           on conflict (throttle_key) do update set
               attempts = case when t.window_start < $2 - $3 then 1 else t.attempts + 1 end,
               window_start = case when t.window_start < $2 - $3 then $2 else t.window_start end,
               locked_until = case
                   when t.locked_until > $2 then t.locked_until
                   when (case when t.window_start < $2 - $3 then 1 else t.attempts + 1 end) > $4 then $2 + $5
                   end,
               expires_at = greatest(
                   (case when t.window_start < $2 - $3 then $2 else t.window_start end) + $3,
                   case
                       when t.locked_until > $2 then t.locked_until
                       when (case when t.window_start < $2 - $3 then 1 else t.attempts + 1 end) > $4 then $2 + $5
                   end)
           returning attempts, locked_until"#,
    )
    .bind(key)
    .bind(now)
    .bind(interval(policy.window))
    .bind(limit)
    .bind(interval(policy.lockout))
    .bind(PURGE_BATCH)
    .fetch_one(conn)
    .await?;
    let locked = locked_until.is_some_and(|until| until > now);
    Ok(if locked || attempts > limit { Attempt::Refused } else { Attempt::Allowed })
}

fn interval(duration: chrono::Duration) -> sqlx::postgres::types::PgInterval {
    sqlx::postgres::types::PgInterval {
        months: 0,
        days: 0,
        microseconds: duration.num_microseconds().unwrap_or(i64::MAX),
    }
}

/// After a successful sign-in: forgets the email's attempts, and takes this attempt back from
/// the address's count (an office behind one address signs in many times a day; only failures
/// should add up against it) (system scope).
#[tracing::instrument(skip_all)]
pub async fn record_login_success(
    conn: &mut PgConnection,
    email_key: &str,
    address_key: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        r#"with forgotten as (delete from login_throttle where throttle_key = $1)
           update login_throttle set attempts = greatest(attempts - 1, 0) where throttle_key = $2"#,
    )
    .bind(email_key)
    .bind(address_key)
    .execute(conn)
    .await?;
    Ok(())
}
