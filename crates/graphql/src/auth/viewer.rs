//! The verified [`Viewer`] of a request, what its `Authorization` header established, and the
//! check of that header (signature, claims, revocation).

use super::TokenKeys;
use crate::error::ApiError;
use sismic_domain::Role;
use sismic_store::Scope;
use uuid::Uuid;

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
    /// The storage scope acting for this user: the one place a user's scope is derived (the
    /// login payload and the importer act through a [`Viewer`] too).
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

impl From<&sismic_store::users::UserRow> for Viewer {
    /// The viewer an account signs in as, at its current token version: `login` issues its
    /// token for this viewer, and its payload's fields read as it.
    fn from(user: &sismic_store::users::UserRow) -> Self {
        Viewer {
            user_id: user.user_id,
            role: user.role,
            region_id: user.region_id,
            partner_id: user.partner_id,
            token_version: user.token_version,
        }
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
    /// only `changePassword`, `me`, `login` and `logout` are answered ([`crate::authenticate::Authenticate`]).
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
