//! Pure domain rules of SISMIC Tracker.
//!
//! Stages, statuses and the rules that move a project between them, the validation of what
//! users type, and the closed vocabularies with their labels ([`vocabulary`]). No database, no
//! GraphQL, no I/O: every rule here is a plain function that unit and property tests exercise
//! directly, and that the storage and API layers call.

pub mod narrative;
pub mod project;
pub mod report;
pub mod validation;
pub mod vocabulary;

pub use project::{advance, launch, move_stage, set_status, ProjectState, ProjectStatus, Stage, TransitionError};
pub use report::{AgeBand, Gender, Sector, TeamComposition};
pub use validation::{ValidationError, MAX_FOLLOW_UP_SUMMARY};
pub use vocabulary::{ConsentPurpose, FollowUpMode, LegalForm, PartnerKind, Role, UnknownName};

pub use project::meaningful_note;
