//! Who is asking: passwords (argon2id), tokens (HS256 JWT) and the verified [`Viewer`].
//!
//! The GraphQL extension that authenticates each request is [`crate::authenticate`]: it builds
//! the request's [`crate::context::RequestData`] from what this module verifies, so this module
//! depends on neither.

mod one_time;
mod passwords;
mod tokens;
mod viewer;

pub use one_time::{one_time_password, one_time_password_from, ONE_TIME_PASSWORD_DAYS};
pub use passwords::{hash_password, verify_password, PasswordHashing};
pub use tokens::{Claims, TokenKeys, WeakSecret, AUDIENCE, ISSUER, MIN_SECRET_BYTES};
pub use viewer::{authenticate, authenticate_opening, Authentication, Viewer};

/// Longest email a sign-in considers (RFC 5321's path limit): anything longer is refused
/// before any database work or hashing.
pub const MAX_EMAIL_LENGTH: usize = 254;
/// Longest password a sign-in hashes, in characters (the same bound as account creation).
pub const MAX_PASSWORD_LENGTH: usize = 1_024;
