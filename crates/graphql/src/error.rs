//! The one error type of the API, with the codes of the contract (API.md, "Errors").
//!
//! Messages are written for the caller and never contain SQL, driver text or personal
//! information. Unexpected failures are logged in full on the server and reach the client as a
//! bare `INTERNAL`.

use async_graphql::ErrorExtensions;
use sismic_domain::{TransitionError, ValidationError};
use sismic_store::StoreError;

/// `extensions.reason` of the `FORBIDDEN` answered to a user who must change their password.
pub const PASSWORD_CHANGE_REQUIRED: &str = "PASSWORD_CHANGE_REQUIRED";

/// An error the API returns.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// No token, or a token that is not valid (any more).
    Unauthenticated(&'static str),
    /// The caller's role may not do this.
    Forbidden(&'static str),
    /// The caller signed in with a one-time password and must change it first: `FORBIDDEN`,
    /// with `extensions.reason` `PASSWORD_CHANGE_REQUIRED`.
    PasswordChangeRequired,
    /// The object does not exist or the caller may not see it (indistinguishable on purpose).
    NotFound(String),
    /// The input breaks a rule; the message names the field.
    BadUserInput(String),
    /// The object changed meanwhile (`expectedVersion`), or the input clashes with existing data.
    Conflict(String),
    /// The requested stage or status change is not allowed from the current state.
    InvalidTransition(String),
    /// Too many attempts; retry later.
    RateLimited(&'static str),
    /// The database cannot be reached; retry later.
    Unavailable,
    /// A bug or an unexpected state; details are in the server's log only.
    Internal,
}

impl ApiError {
    /// The contract code carried in `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Forbidden(_) | ApiError::PasswordChangeRequired => "FORBIDDEN",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::BadUserInput(_) => "BAD_USER_INPUT",
            ApiError::Conflict(_) => "CONFLICT",
            ApiError::InvalidTransition(_) => "INVALID_TRANSITION",
            ApiError::RateLimited(_) => "RATE_LIMITED",
            ApiError::Unavailable => "UNAVAILABLE",
            ApiError::Internal => "INTERNAL",
        }
    }

    /// The message shown to the caller.
    pub fn message(&self) -> String {
        match self {
            ApiError::Unauthenticated(m) | ApiError::Forbidden(m) | ApiError::RateLimited(m) => (*m).to_owned(),
            ApiError::NotFound(m)
            | ApiError::BadUserInput(m)
            | ApiError::Conflict(m)
            | ApiError::InvalidTransition(m) => m.clone(),
            ApiError::PasswordChangeRequired => "your password was reset: change it first (changePassword with the \
                                                 one-time password as currentPassword); until then only \
                                                 changePassword, me and logout are answered"
                .to_owned(),
            ApiError::Unavailable => "the service is temporarily unavailable, retry later".to_owned(),
            ApiError::Internal => "internal error".to_owned(),
        }
    }

    /// A finer reason under the contract code, in `extensions.reason`: `PASSWORD_CHANGE_REQUIRED`
    /// for [`ApiError::PasswordChangeRequired`].
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            ApiError::PasswordChangeRequired => Some(PASSWORD_CHANGE_REQUIRED),
            _ => None,
        }
    }

    /// `NOT_FOUND` for a kind of object ("project not found").
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(format!("{what} not found"))
    }

    /// Maps a store error, answering a missing row as `NOT_FOUND` naming `what` ("project not
    /// found") rather than a bare "not found".
    pub fn naming(what: &'static str) -> impl Fn(StoreError) -> ApiError {
        move |error| match error {
            StoreError::NotFound => ApiError::not_found(what),
            other => other.into(),
        }
    }

    /// `BAD_USER_INPUT` naming a field.
    pub fn bad_input(field: &str, message: &str) -> Self {
        ApiError::BadUserInput(format!("{field}: {message}"))
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.message()).extend_with(|_, e| {
            e.set("code", self.code());
            if let Some(reason) = self.reason() {
                e.set("reason", reason);
            }
        })
    }
}

// ApiError deliberately does not implement `Display`: async-graphql converts any `Display`
// type into an error without a code, and this impl must be the only way in.
impl From<ApiError> for async_graphql::Error {
    fn from(error: ApiError) -> Self {
        error.extend()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::NotFound("not found".into()),
            StoreError::Conflict(message) => ApiError::Conflict(message.into()),
            StoreError::MissingReference(field) => ApiError::NotFound(format!("{field}: not found")),
            StoreError::Rejected(message) => ApiError::BadUserInput(message.into()),
            StoreError::Unavailable(source) => {
                tracing::warn!(error = %source, "database unavailable");
                ApiError::Unavailable
            }
            StoreError::DeadlineExceeded => {
                tracing::warn!("request deadline exceeded: nothing written");
                ApiError::Unavailable
            }
            StoreError::TaskFailed => {
                tracing::error!("a database task failed");
                ApiError::Internal
            }
            StoreError::Database(source) => {
                tracing::error!(error = %source, "database error");
                ApiError::Internal
            }
        }
    }
}

impl From<ValidationError> for ApiError {
    fn from(error: ValidationError) -> Self {
        ApiError::BadUserInput(error.to_string())
    }
}

impl From<TransitionError> for ApiError {
    fn from(error: TransitionError) -> Self {
        if error.is_bad_input() {
            ApiError::BadUserInput(error.to_string())
        } else {
            ApiError::InvalidTransition(error.to_string())
        }
    }
}

/// Results of the API.
pub type ApiResult<T> = Result<T, ApiError>;
