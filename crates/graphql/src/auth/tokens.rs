//! Tokens: HS256 JWTs signed with the current key, verified with it or, during a rotation,
//! the previous one.

use super::Viewer;
use crate::error::ApiError;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sismic_domain::Role;
use uuid::Uuid;

/// Shortest accepted signing key, in bytes (API.md).
pub const MIN_SECRET_BYTES: usize = 32;
/// The `iss` claim of tokens.
pub const ISSUER: &str = "sismic-tracker";
/// The `aud` claim of tokens.
pub const AUDIENCE: &str = "sismic-api";

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
    /// The account's token version when issued; a later logout, password change or
    /// deactivation bumps it and revokes this token.
    pub ver: i32,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
}

/// One signing key and its id (`kid`), derived from the key so that operators only manage
/// secrets.
#[derive(Clone)]
struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl SigningKey {
    fn new(secret: &[u8]) -> Result<Self, WeakSecret> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret);
        }
        use sha2::Digest;
        let digest = sha2::Sha256::digest(secret);
        let kid = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(SigningKey { kid, encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) })
    }
}

/// Signs and verifies tokens. Tokens are signed with the current key; during a rotation the
/// previous key still verifies the tokens it signed (chosen by the `kid` header).
#[derive(Clone)]
pub struct TokenKeys {
    current: SigningKey,
    previous: Option<SigningKey>,
    validation: Validation,
    lifetime: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("kid", &self.current.kid)
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

/// A signing key shorter than [`MIN_SECRET_BYTES`].
#[derive(Debug, thiserror::Error)]
#[error("SISMIC_JWT_SECRET (and SISMIC_JWT_PREVIOUS_SECRET) must be at least {MIN_SECRET_BYTES} bytes")]
pub struct WeakSecret;

impl TokenKeys {
    /// Keys from the HS256 secret; refuses a short one.
    pub fn new(secret: &[u8], lifetime: Duration) -> Result<Self, WeakSecret> {
        Self::with_previous(secret, None, lifetime)
    }

    /// Keys from the current secret and, during a rotation, the previous one.
    pub fn with_previous(secret: &[u8], previous: Option<&[u8]>, lifetime: Duration) -> Result<Self, WeakSecret> {
        // Pin the algorithm: a token signed otherwise (or `none`) is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        Ok(TokenKeys {
            current: SigningKey::new(secret)?,
            previous: previous.map(SigningKey::new).transpose()?,
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
            ver: viewer.token_version,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.current.kid.clone());
        let token = encode(&header, &claims, &self.current.encoding).map_err(|error| {
            tracing::error!(%error, "cannot sign a token");
            ApiError::Internal
        })?;
        Ok((token, expires_at))
    }

    /// Verifies a token's signature and claims and returns who it is for. Revocation (the
    /// token version) is checked by the caller against the database.
    pub fn verify(&self, token: &str) -> Result<Viewer, ApiError> {
        self.verify_until(token).map(|(viewer, _)| viewer)
    }

    /// As [`TokenKeys::verify`], with the token's expiry (a WebSocket connection signed in by
    /// the token is closed then).
    pub fn verify_until(&self, token: &str) -> Result<(Viewer, DateTime<Utc>), ApiError> {
        let invalid = || ApiError::Unauthenticated("the token is invalid or expired: sign in again");
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid())?;
        let key = match header.kid.as_deref() {
            Some(kid) if kid == self.current.kid => &self.current,
            Some(kid) => self.previous.as_ref().filter(|p| p.kid == kid).ok_or_else(invalid)?,
            None => return Err(invalid()),
        };
        let data = decode::<Claims>(token, &key.decoding, &self.validation).map_err(|_| invalid())?;
        let claims = data.claims;
        let role: Role = claims.role.parse().map_err(|_| invalid())?;
        let expires_at = DateTime::from_timestamp(claims.exp, 0).ok_or_else(invalid)?;
        let viewer = Viewer {
            user_id: claims.sub,
            role,
            region_id: claims.region,
            partner_id: claims.partner,
            token_version: claims.ver,
        };
        Ok((viewer, expires_at))
    }
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
        Viewer {
            user_id: Uuid::new_v4(),
            role: Role::Agent,
            region_id: Some(Uuid::new_v4()),
            partner_id: None,
            token_version: 3,
        }
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
    fn during_a_rotation_both_keys_verify_and_new_tokens_use_the_current_one() {
        let v = viewer();
        let old = TokenKeys::new(&[1u8; 32], Duration::hours(1)).unwrap();
        let (old_token, _) = old.issue(&v, Utc::now()).unwrap();
        let rotated = TokenKeys::with_previous(&[2u8; 32], Some(&[1u8; 32]), Duration::hours(1)).unwrap();
        assert_eq!(rotated.verify(&old_token).unwrap(), v);
        let (new_token, _) = rotated.issue(&v, Utc::now()).unwrap();
        assert!(old.verify(&new_token).is_err(), "the old key alone does not know the new kid");
        let after = TokenKeys::new(&[2u8; 32], Duration::hours(1)).unwrap();
        assert!(after.verify(&old_token).is_err(), "once the previous key is dropped its tokens stop working");
        assert_eq!(after.verify(&new_token).unwrap(), v);
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
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(keys().current.kid.clone());
        let token = encode(&header, &claims, &EncodingKey::from_secret(&[7u8; 32])).unwrap();
        assert!(keys().verify(&token).is_err());
    }
}
