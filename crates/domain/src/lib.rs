//! Pure domain rules of SISMIC Tracker.
//!
//! Stages, statuses and the rules that move a project between them, plus the validation of
//! what users type. No database, no GraphQL, no I/O: every rule here is a plain function that
//! unit and property tests exercise directly, and that the storage and API layers call.

pub mod narrative;
pub mod project;
pub mod report;
pub mod validation;

pub use project::{advance, launch, move_stage, set_status, ProjectState, ProjectStatus, Stage, TransitionError};
pub use report::{AgeBand, Gender, Sector, TeamComposition};
pub use validation::{ValidationError, MAX_FOLLOW_UP_SUMMARY};

pub use project::meaningful_note;

/// What kind of user a request comes from (API.md, "Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Runs the network: sees and changes everything, including regions and users.
    Admin,
    /// A region's SISMIC agent: everything of their own region, all partners.
    Agent,
    /// A partner institution: the status of the projects that came from it, nothing else.
    Partner,
    /// A funder: cohort reports (aggregates only).
    Funder,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Agent, Role::Partner, Role::Funder];

    /// The name used in the API, tokens and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "ADMIN",
            Role::Agent => "AGENT",
            Role::Partner => "PARTNER",
            Role::Funder => "FUNDER",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = project::UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| project::UnknownName::new("role", s))
    }
}

/// Implements `TryFrom<String>` through `FromStr`, so storage rows can map text columns
/// straight to domain enums.
macro_rules! try_from_string {
    ($($t:ty),*) => {$(
        impl TryFrom<String> for $t {
            type Error = project::UnknownName;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }
    )*};
}
try_from_string!(Stage, ProjectStatus, Role);
