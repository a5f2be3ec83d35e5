//! Who is asking: passwords (argon2id), tokens (HS256 JWT) and the verified [`Viewer`].

use crate::error::ApiError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Argon2, Block, Params, Version};
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sismic_domain::Role;
use sismic_store::Scope;
use std::sync::OnceLock;
use uuid::Uuid;

/// Longest email a sign-in considers (RFC 5321's path limit): anything longer is refused
/// before any database work or hashing.
pub const MAX_EMAIL_LENGTH: usize = 254;
/// Longest password a sign-in hashes, in characters (the same bound as account creation).
pub const MAX_PASSWORD_LENGTH: usize = 1_024;

/// The address of the client of a request, as the HTTP layer established it (the peer, or the
/// `X-Forwarded-For` of a trusted proxy). Sign-in throttling counts attempts per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// Runs password hashing (Argon2id: 19 MiB and a core for tens of milliseconds each) on the
/// blocking pool, at most `concurrent` at a time. Without a bound, one anonymous request of
/// aliased `login` fields could start hundreds at once.
#[derive(Clone)]
pub struct PasswordHashing {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for PasswordHashing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHashing").field("available", &self.permits.available_permits()).finish()
    }
}

impl PasswordHashing {
    /// At most `concurrent` (at least 1) hashes at a time.
    pub fn new(concurrent: usize) -> Self {
        PasswordHashing { permits: std::sync::Arc::new(tokio::sync::Semaphore::new(concurrent.max(1))) }
    }

    /// Runs `f` once a slot is free. Waiting stops at the request's deadline (`UNAVAILABLE`).
    /// The slot is held by the computation itself, so a caller that goes away does not free
    /// it early.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Option<tokio::time::Instant>,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let acquire = self.permits.clone().acquire_owned();
        let permit = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, acquire).await.map_err(|_| ApiError::Unavailable)?,
            None => acquire.await,
        }
        .map_err(|_| ApiError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let _slot = permit;
            f()
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            ApiError::Internal
        })
    }
}

/// Shortest accepted signing key, in bytes (API.md).
pub const MIN_SECRET_BYTES: usize = 32;
/// The `iss` claim of tokens.
pub const ISSUER: &str = "sismic-tracker";
/// The `aud` claim of tokens.
pub const AUDIENCE: &str = "sismic-api";

/// A verified user, for the length of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The account's token version the token was issued at.
    pub token_version: i32,
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
        Scope::User { user_id: self.user_id, role: self.role, region_id: self.region_id, partner_id: self.partner_id }
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

    /// Refuses funders, whose role is aggregates only: reading projects one by one is
    /// outside it (`FORBIDDEN`, rather than an empty list that would look like "no projects").
    pub fn require_project_reader(&self) -> Result<(), ApiError> {
        if self.role == Role::Funder {
            Err(ApiError::Forbidden("funders read cohort reports, not projects"))
        } else {
            Ok(())
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
    /// A valid token of a user who signed in with a one-time password and must change it:
    /// only `changePassword`, `me`, `login` and `logout` are answered ([`Authenticate`]).
    PasswordChangeRequired(Viewer),
    /// The token could not be checked against revocations: the database is unreachable.
    Unverifiable,
}

impl Authentication {
    /// The viewer, or `UNAUTHENTICATED`; `FORBIDDEN` ([`ApiError::PasswordChangeRequired`])
    /// for a user who must change their password first.
    pub fn viewer(&self) -> Result<&Viewer, ApiError> {
        match self {
            Authentication::PasswordChangeRequired(_) => Err(ApiError::PasswordChangeRequired),
            other => other.signed_in(),
        }
    }

    /// The viewer, including one who must change their password (for the operations they may
    /// still use), or `UNAUTHENTICATED`.
    pub fn signed_in(&self) -> Result<&Viewer, ApiError> {
        match self {
            Authentication::Verified(viewer) | Authentication::PasswordChangeRequired(viewer) => Ok(viewer),
            Authentication::Anonymous => {
                Err(ApiError::Unauthenticated("sign in first: send Authorization: Bearer <token> from login"))
            }
            Authentication::Invalid => Err(ApiError::Unauthenticated("the token is invalid or expired: sign in again")),
            Authentication::Unverifiable => Err(ApiError::Unavailable),
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

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "cannot hash a password");
        ApiError::Internal
    };
    let salt = SaltString::generate(&mut OsRng);
    let params = Params::default();
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_bytes).map_err(|e| failed(&e))?;
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(
        &Argon2::new(argon2::Algorithm::Argon2id, Version::V0x13, params.clone()),
        password,
        salt_bytes,
        &mut output,
    )
    .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: argon2::Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&output).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
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
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let argon = match (
        argon2::Algorithm::try_from(hash.algorithm),
        hash.version.map(Version::try_from).transpose(),
        Params::try_from(&hash),
    ) {
        (Ok(algorithm), Ok(version), Ok(params)) => Argon2::new(algorithm, version.unwrap_or_default(), params),
        _ => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut output = vec![0u8; expected.len()];
    if argon2_into(&argon, password, salt_bytes, &mut output).is_err() {
        return false;
    }
    // `Output`'s comparison takes the same time whatever the bytes.
    Output::new(&output).is_ok_and(|computed| computed == expected) && known
}

/// Runs Argon2 into `output` with working memory of its own: 19 MiB for the default
/// parameters, in an allocation made larger than glibc's largest mmap threshold (32 MiB) and
/// its largest thread heap (64 MiB), so that malloc always maps it for the hash and unmaps it
/// when it is freed. (Argon2's own allocation, 19 MiB, comes from the hashing thread's malloc
/// arena once the threshold has grown, and freed it stays there, resident: each thread of the
/// blocking pool that ever hashed would keep 19 MiB for good.) Only the pages the hash uses
/// are ever touched, so only 19 MiB is resident, and only while it runs.
fn argon2_into(argon: &Argon2<'_>, password: &str, salt: &[u8], output: &mut [u8]) -> Result<(), argon2::Error> {
    const MAPPED_BYTES: usize = 65 << 20;
    let blocks = argon.params().block_count();
    let mut memory: Vec<Block> = Vec::with_capacity(blocks.max(MAPPED_BYTES / Block::SIZE));
    memory.resize(blocks, Block::default());
    argon.hash_password_into_with_memory(password.as_bytes(), salt, output, &mut memory)
}

/// Checks an `Authorization` header value: the token's signature and claims, then that it was
/// not revoked (the account is active and the token version current).
pub async fn authenticate(store: &sismic_store::Store, keys: &TokenKeys, header: Option<&str>) -> Authentication {
    authenticate_opening(store, keys, header, sismic_store::Mode::Snapshot).await.0
}

/// [`authenticate`], checking the revocation in the opening of the request's transaction (one
/// round trip for `BEGIN`, the viewer's settings and the check), which it returns for the
/// request to read in (`None` unless the token is valid).
pub async fn authenticate_opening(
    store: &sismic_store::Store,
    keys: &TokenKeys,
    header: Option<&str>,
    mode: sismic_store::Mode,
) -> (Authentication, Option<sismic_store::Tx>) {
    let Some(header) = header else {
        return (Authentication::Anonymous, None);
    };
    let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
        return (Authentication::Invalid, None);
    };
    let Ok(viewer) = keys.verify(token) else {
        return (Authentication::Invalid, None);
    };
    let check = sismic_store::TokenCheck { user_id: viewer.user_id, token_version: viewer.token_version };
    use sismic_store::users::TokenStatus;
    match store.open(&viewer.scope(), mode, Some(check)).await {
        Ok((tx, Some(TokenStatus::Current { must_change_password: false }))) => {
            (Authentication::Verified(viewer), Some(tx))
        }
        Ok((tx, Some(TokenStatus::Current { must_change_password: true }))) => {
            (Authentication::PasswordChangeRequired(viewer), Some(tx))
        }
        Ok(_) => (Authentication::Invalid, None),
        Err(sismic_store::StoreError::Unavailable(_) | sismic_store::StoreError::DeadlineExceeded) => {
            (Authentication::Unverifiable, None)
        }
        Err(error) => {
            tracing::error!(%error, "cannot check a token's revocation");
            (Authentication::Unverifiable, None)
        }
    }
}

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

/// How long a one-time password set by an administrator is accepted.
pub const ONE_TIME_PASSWORD_DAYS: i64 = 7;

/// The letters of a one-time password: lower-case letters and digits, without those read
/// alike (0 and o, 1, l and i).
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A one-time password from random bytes: 20 characters of [`ONE_TIME_ALPHABET`] (31
/// letters: about 99 bits) in groups of 5 joined by dashes, easy to read out over the phone.
/// Bytes that would bias the draw are skipped (rejection sampling); `None` when they run out.
pub fn one_time_password_from(bytes: &[u8]) -> Option<String> {
    let n = ONE_TIME_ALPHABET.len();
    // The largest multiple of 31 that fits a byte: above it, a byte would favour the first letters.
    let limit = (256 / n * n) as u8;
    let mut letters = bytes.iter().filter(|b| **b < limit).map(|b| ONE_TIME_ALPHABET[*b as usize % n] as char);
    let mut out = String::with_capacity(23);
    for group in 0..4 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..5 {
            out.push(letters.next()?);
        }
    }
    Some(out)
}

/// A new random one-time password (operating system randomness).
pub fn one_time_password() -> String {
    use argon2::password_hash::rand_core::RngCore;
    loop {
        let mut bytes = [0u8; 64];
        OsRng.fill_bytes(&mut bytes);
        // 64 bytes hold 20 usable ones but for odds below 1e-20; draw again then.
        if let Some(password) = one_time_password_from(&bytes) {
            return password;
        }
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

    #[test]
    fn hashes_are_the_argon2_crates_own_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_password("correct horse battery").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default().verify_password(b"correct horse battery", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"wrong", &parsed).is_err());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default().hash_password(b"correct horse battery", &salt).unwrap().to_string();
        assert!(theirs.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{theirs}");
        assert_eq!(ours.len(), theirs.len());
        assert!(verify_password("correct horse battery", Some(&theirs)));
        assert!(!verify_password("correct horse batterz", Some(&theirs)));
    }

    #[test]
    fn one_time_passwords_are_long_random_and_readable() {
        let a = one_time_password();
        let b = one_time_password();
        assert_ne!(a, b);
        assert_eq!(a.len(), 23);
        assert_eq!(a.split('-').map(str::len).collect::<Vec<_>>(), vec![5, 5, 5, 5]);
        assert!(a.chars().all(|c| c == '-' || ONE_TIME_ALPHABET.contains(&(c as u8))), "{a}");
        assert!(a.chars().count() >= sismic_domain::validation::MIN_PASSWORD);
        // Bytes at or above 248 (8 × 31) are skipped, so that every letter is as likely.
        let bytes: Vec<u8> = std::iter::repeat_n([255u8, 0, 31, 30], 10).flatten().collect();
        assert_eq!(one_time_password_from(&bytes).as_deref(), Some("aa9aa-9aa9a-a9aa9-aa9aa"));
        assert_eq!(one_time_password_from(&[250; 64]), None);
        // Every letter comes out about equally often.
        let mut counts = [0usize; 31];
        for _ in 0..200 {
            for c in one_time_password().chars().filter(|c| *c != '-') {
                counts[ONE_TIME_ALPHABET.iter().position(|x| *x as char == c).unwrap()] += 1;
            }
        }
        assert!(counts.iter().all(|n| *n > 60 && *n < 200), "{counts:?}");
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
