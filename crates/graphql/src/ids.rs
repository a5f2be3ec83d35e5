//! Relay global ids: `base64url("Project:<uuid>")`, opaque to clients.
//!
//! A string that does not decode, or names no known type, is `BAD_USER_INPUT`; a well-formed id
//! of another type than expected is `NOT_FOUND` (there is no such project), like the id of
//! something the caller may not see.

use crate::error::ApiError;
use async_graphql::ID;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use uuid::Uuid;

/// The kinds of objects that have a global id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A region.
    Region,
    /// A partner.
    Partner,
    /// A user.
    User,
    /// A cohort.
    Cohort,
    /// A project.
    Project,
    /// A participant.
    Participant,
    /// An activity.
    Activity,
    /// A follow-up.
    FollowUp,
    /// An award.
    Award,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Region,
        Kind::Partner,
        Kind::User,
        Kind::Cohort,
        Kind::Project,
        Kind::Participant,
        Kind::Activity,
        Kind::FollowUp,
        Kind::Award,
    ];

    /// The type name, as in the schema.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "Region",
            Kind::Partner => "Partner",
            Kind::User => "User",
            Kind::Cohort => "Cohort",
            Kind::Project => "Project",
            Kind::Participant => "Participant",
            Kind::Activity => "Activity",
            Kind::FollowUp => "FollowUp",
            Kind::Award => "Award",
        }
    }

    /// Lower-case noun for messages ("project not found").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Partner => "partner",
            Kind::User => "user",
            Kind::Cohort => "cohort",
            Kind::Project => "project",
            Kind::Participant => "participant",
            Kind::Activity => "activity",
            Kind::FollowUp => "follow-up",
            Kind::Award => "award",
        }
    }
}

/// Encodes the global id of an object.
pub fn encode(kind: Kind, id: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.name(), id)))
}

/// Decodes any global id into its kind and database id.
pub fn decode_any(field: &str, id: &ID) -> Result<(Kind, Uuid), ApiError> {
    let malformed = || ApiError::bad_input(field, "is not a valid id");
    if id.len() > 128 {
        return Err(malformed());
    }
    let bytes = URL_SAFE_NO_PAD.decode(id.as_bytes()).map_err(|_| malformed())?;
    let text = String::from_utf8(bytes).map_err(|_| malformed())?;
    let (name, raw) = text.split_once(':').ok_or_else(malformed)?;
    let kind = Kind::ALL.into_iter().find(|k| k.name() == name).ok_or_else(malformed)?;
    let uuid = Uuid::parse_str(raw).map_err(|_| malformed())?;
    Ok((kind, uuid))
}

/// Decodes the global id of an object of kind `expected`.
pub fn decode(field: &str, expected: Kind, id: &ID) -> Result<Uuid, ApiError> {
    let (kind, uuid) = decode_any(field, id)?;
    if kind == expected {
        Ok(uuid)
    } else {
        Err(ApiError::NotFound(format!("{field}: {} not found", expected.noun())))
    }
}

/// Decodes an optional id.
pub fn decode_opt(field: &str, expected: Kind, id: Option<&ID>) -> Result<Option<Uuid>, ApiError> {
    id.map(|id| decode(field, expected, id)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_garbage() {
        let uuid = Uuid::new_v4();
        let id = encode(Kind::Project, uuid);
        assert_eq!(decode("id", Kind::Project, &id).unwrap(), uuid);
        assert_eq!(decode("id", Kind::Partner, &id).unwrap_err().code(), "NOT_FOUND");
        for garbage in ["", "abc", "!!!", &URL_SAFE_NO_PAD.encode("Project:nope"), &URL_SAFE_NO_PAD.encode("Nope:0")] {
            assert_eq!(decode("id", Kind::Project, &ID(garbage.to_owned())).unwrap_err().code(), "BAD_USER_INPUT");
        }
    }
}
