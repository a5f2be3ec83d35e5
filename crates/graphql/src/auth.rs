//! Who is asking: passwords (argon2id), tokens (HS256 JWT) and the verified [`Viewer`].

use crate::error::ApiError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sismic_domain::Role;
use sismic_store::Scope;
use std::sync::OnceLock;
use uuid::Uuid;

/// Shortest accepted signing key, in bytes (API.md).
pub const MIN_SECRET_BYTES: usize = 32;
/// The `iss` claim of tokens.
pub const ISSUER: &str = "sismic-tracker";
/// The `aud` claim of tokens.
pub const AUDIENCE: &str = "sismic-api";

/// A verified user, for the length of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The user.
    pub user_id: Uuid,
    /// Their role.
    pub role: Role,
    /// Region of an agent.
    pub region_id: Option<Uuid>,
    /// Partner of a partner or funder account.
    pub partner_id: Option<Uuid>,
}

impl Viewer {
    /// The storage scope acting for this user.
    pub fn scope(&self) -> Scope {
        Scope::User {
            user_id: self.user_id,
            role: self.role,
            region_id: self.region_id,
            partner_id: self.partner_id,
        }
    }

    /// ADMIN or AGENT: the people who run the pathway.
    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Agent)
    }

    /// Refuses anyone but ADMIN and AGENT.
    pub fn require_staff(&self) -> Result<(), ApiError> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(ApiError::Forbidden("only administrators and agents may do this"))
        }
    }

    /// Refuses anyone but ADMIN.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(ApiError::Forbidden("only administrators may do this"))
        }
    }

    /// Whether this user works with the data of `region_id` (ADMIN: every region).
    pub fn serves_region(&self, region_id: Uuid) -> bool {
        self.role == Role::Admin || (self.role == Role::Agent && self.region_id == Some(region_id))
    }
}

/// What the request's `Authorization` header established.
#[derive(Debug, Clone)]
pub enum Authentication {
    /// No header.
    Anonymous,
    /// A header whose token was refused (expired, forged, malformed, revoked).
    Invalid,
    /// A valid token.
    Verified(Viewer),
}

impl Authentication {
    /// The viewer, or `UNAUTHENTICATED`.
    pub fn viewer(&self) -> Result<&Viewer, ApiError> {
        match self {
            Authentication::Verified(viewer) => Ok(viewer),
            Authentication::Anonymous => Err(ApiError::Unauthenticated("sign in first: send Authorization: Bearer <token> from login")),
            Authentication::Invalid => Err(ApiError::Unauthenticated("the token is invalid or expired: sign in again")),
        }
    }
}

/// The claims of a token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: Uuid,
    /// Role name.
    pub role: String,
    /// Region of an agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Uuid>,
    /// Partner of a partner or funder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<Uuid>,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
}

/// Signs and verifies tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys").field("lifetime", &self.lifetime).finish_non_exhaustive()
    }
}

/// A signing key shorter than [`MIN_SECRET_BYTES`].
#[derive(Debug, thiserror::Error)]
#[error("SISMIC_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes")]
pub struct WeakSecret;

impl TokenKeys {
    /// Keys from the HS256 secret; refuses a short one.
    pub fn new(secret: &[u8], lifetime: Duration) -> Result<Self, WeakSecret> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret);
        }
        // Pin the algorithm: a token signed otherwise (or `none`) is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        Ok(TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            lifetime,
        })
    }

    /// Issues a token for a user; returns it with its expiry.
    pub fn issue(&self, viewer: &Viewer, now: DateTime<Utc>) -> Result<(String, DateTime<Utc>), ApiError> {
        let expires_at = now + self.lifetime;
        let claims = Claims {
            sub: viewer.user_id,
            role: viewer.role.as_str().to_owned(),
            region: viewer.region_id,
            partner: viewer.partner_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|error| {
            tracing::error!(%error, "cannot sign a token");
            ApiError::Internal
        })?;
        Ok((token, expires_at))
    }

    /// Verifies a token and returns who it is for.
    pub fn verify(&self, token: &str) -> Result<Viewer, ApiError> {
        let invalid = || ApiError::Unauthenticated("the token is invalid or expired: sign in again");
        let data = decode::<Claims>(token, &self.decoding, &self.validation).map_err(|_| invalid())?;
        let claims = data.claims;
        let role: Role = claims.role.parse().map_err(|_| invalid())?;
        Ok(Viewer { user_id: claims.sub, role, region_id: claims.region, partner_id: claims.partner })
    }
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| {
            tracing::error!(%error, "cannot hash a password");
            ApiError::Internal
        })
}

/// Checks a password against a stored hash. With no hash (unknown email) it checks against a
/// fixed dummy hash, so that both cases take the same time and give the same answer.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not a password of anybody").unwrap_or_default());
    let known = stored.is_some();
    let Ok(hash) = PasswordHash::new(stored.unwrap_or(dummy)) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &hash).is_ok() && known
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn keys() -> TokenKeys {
        TokenKeys::new(&[7u8; 32], Duration::hours(1)).unwrap()
    }

    fn viewer() -> Viewer {
        Viewer { user_id: Uuid::new_v4(), role: Role::Agent, region_id: Some(Uuid::new_v4()), partner_id: None }
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(TokenKeys::new(&[1u8; 31], Duration::hours(1)).is_err());
    }

    #[test]
    fn tokens_round_trip() {
        let v = viewer();
        let (token, _) = keys().issue(&v, Utc::now()).unwrap();
        assert_eq!(keys().verify(&token).unwrap(), v);
    }

    #[test]
    fn expired_tokens_and_other_keys_are_refused() {
        let v = viewer();
        let (old, _) = keys().issue(&v, Utc::now() - Duration::hours(2)).unwrap();
        assert!(keys().verify(&old).is_err());
        let other = TokenKeys::new(&[8u8; 32], Duration::hours(1)).unwrap();
        let (token, _) = other.issue(&v, Utc::now()).unwrap();
        assert!(keys().verify(&token).is_err());
    }

    #[test]
    fn alg_none_is_refused() {
        let v = viewer();
        let (token, _) = keys().issue(&v, Utc::now()).unwrap();
        let payload = token.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys().verify(&format!("{header}.{payload}.")).is_err());
        let hs512 = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS512","typ":"JWT"}"#);
        assert!(keys().verify(&format!("{hs512}.{payload}.x")).is_err());
    }

    #[test]
    fn tokens_without_audience_are_refused() {
        #[derive(Serialize)]
        struct NoAud {
            sub: Uuid,
            role: &'static str,
            exp: i64,
            iss: &'static str,
        }
        let claims = NoAud { sub: Uuid::new_v4(), role: "ADMIN", exp: Utc::now().timestamp() + 600, iss: ISSUER };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&[7u8; 32])).unwrap();
        assert!(keys().verify(&token).is_err());
    }

    #[test]
    fn passwords_verify_and_unknown_users_never_pass() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("wrong", Some(&hash)));
        assert!(!verify_password("not a password of anybody", None));
    }
}
