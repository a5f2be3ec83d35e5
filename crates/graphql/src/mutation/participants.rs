//! Participants and their privacy: registration, corrections, team membership, consent and
//! erasure (Law 25).

use super::projects::{audit_project, ProjectPayload};
use super::write::{Mutating, Write};
use super::{maybe, today, visible_project};
use crate::context::found;
use crate::enums::{ConsentPurpose, Gender};
use crate::error::{ApiError, ApiResult};
use crate::idempotency::IdempotencyKey;
use crate::ids::{self, Kind};
use crate::scalars::Date;
use crate::types::{Participant, Project};
use async_graphql::{Context, InputObject, MaybeUndefined, Object, SimpleObject, ID};
use chrono::Datelike;
use serde_json::json;
use sismic_domain as domain;
use sismic_domain::validation::{self as v, MAX_PERSON_NAME};
use sismic_store::participants::{self, ProfileChange};
use sismic_store::projects::ProjectRow;
use sismic_store::{privacy, StoreError, Tx};
use uuid::Uuid;

/// Result of a mutation on a participant.
#[derive(SimpleObject)]
pub struct ParticipantPayload {
    /// The participant.
    pub participant: Participant,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// A new participant (ADMIN and agents).
#[derive(InputObject)]
pub struct RegisterParticipantInput {
    /// Region that serves them; an agent may omit it (their own region).
    pub region_id: Option<ID>,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email, optional.
    pub email: Option<String>,
    /// Gender, as the person states it (personal information; reports only show aggregates).
    pub gender: Option<Gender>,
    /// Birth year, 1900 to this year (reports use it for age bands; no birth date is kept).
    pub birth_year: Option<i32>,
    /// MRC (regional county municipality) where they live, e.g. "Arthabaska" (up to 100 characters).
    pub mrc: Option<String>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Corrections to a participant's identity.
#[derive(InputObject)]
pub struct UpdateParticipantInput {
    /// Participant.
    pub participant_id: ID,
    /// New first name, if changing.
    pub first_name: Option<String>,
    /// New last name, if changing.
    pub last_name: Option<String>,
    /// New email; null clears it; omitted keeps it.
    pub email: MaybeUndefined<String>,
    /// New gender; null clears it; omitted keeps it.
    pub gender: MaybeUndefined<Gender>,
    /// New birth year; null clears it; omitted keeps it.
    pub birth_year: MaybeUndefined<i32>,
    /// New MRC; null clears it; omitted keeps it.
    pub mrc: MaybeUndefined<String>,
}

/// A participant and a project, to join or leave its team.
#[derive(InputObject)]
pub struct ProjectMemberInput {
    /// Project.
    pub project_id: ID,
    /// Participant, of the project's region.
    pub participant_id: ID,
}

/// A consent given by a participant.
#[derive(InputObject)]
pub struct RecordConsentInput {
    /// Participant.
    pub participant_id: ID,
    /// Date the consent was given, not in the future.
    pub given_on: Date,
    /// What they consented to (at least one).
    pub purposes: Vec<ConsentPurpose>,
}

/// Participants: registration, corrections, team membership, consent and erasure (Law 25).
#[derive(Default)]
pub struct ParticipantMutation;

#[Object]
impl ParticipantMutation {
    /// Registers a participant (ADMIN and agents).
    async fn register_participant(
        &self,
        ctx: &Context<'_>,
        input: RegisterParticipantInput,
    ) -> ApiResult<ParticipantPayload> {
        let m = Mutating::staff(ctx)?;
        let viewer = *m.viewer();
        let region_id = match ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())? {
            Some(id) => id,
            None => {
                viewer.region_id.ok_or_else(|| ApiError::bad_input("regionId", "is required for an administrator"))?
            }
        };
        let first_name = v::required_text("firstName", &input.first_name, MAX_PERSON_NAME)?;
        let last_name = v::required_text("lastName", &input.last_name, MAX_PERSON_NAME)?;
        let email =
            input.email.as_deref().filter(|e| !e.trim().is_empty()).map(|e| v::email("email", e)).transpose()?;
        let birth_year = input.birth_year.map(|y| v::birth_year(y, today().year())).transpose()?;
        let mrc = v::optional_text("mrc", input.mrc.as_deref(), v::MAX_MRC)?;
        let profile = ProfileChange {
            gender: input.gender.map(|g| Some(g.into())),
            birth_year: birth_year.map(Some),
            mrc: mrc.as_deref().map(Some),
        };
        let key = IdempotencyKey::new(
            viewer.user_id,
            "registerParticipant",
            input.idempotency_key.as_deref(),
            json!({ "regionId": region_id, "firstName": first_name, "lastName": last_name, "email": email,
                    "gender": input.gender, "birthYear": birth_year, "mrc": mrc }),
        )?;
        let replay = async |tx: &mut Tx, id| {
            found(participants::participants_by_ids(tx, &[id]).await?.into_iter().next(), "participant")
        };
        let created = m
            .create(key, replay, async |w| {
                let mut participant = participants::insert_participant(
                    &mut w.tx,
                    region_id,
                    &first_name,
                    &last_name,
                    email.as_deref(),
                    Some(viewer.user_id),
                )
                .await
                .map_err(|e| match e {
                    StoreError::MissingReference(_) => ApiError::NotFound("regionId: region not found".into()),
                    other => other.into(),
                })?;
                if !profile.is_empty() {
                    participant =
                        participants::set_participant_profile(&mut w.tx, participant.participant_id, &profile).await?;
                }
                // Ids only: the audit trail holds no personal information.
                let (id, region) = (participant.participant_id, participant.region_id);
                w.audit(Kind::Participant, id, Some(region), None, None).await?;
                Ok((id, participant))
            })
            .await?;
        Ok(ParticipantPayload { participant: Participant(created.object), replayed: created.replayed })
    }

    /// Corrects a participant's name or email (ADMIN and the region's agents). Giving only the
    /// values already recorded changes nothing (and audits nothing).
    async fn update_participant(
        &self,
        ctx: &Context<'_>,
        input: UpdateParticipantInput,
    ) -> ApiResult<ParticipantPayload> {
        let m = Mutating::staff(ctx)?;
        let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
        let first_name =
            input.first_name.as_deref().map(|n| v::required_text("firstName", n, MAX_PERSON_NAME)).transpose()?;
        let last_name =
            input.last_name.as_deref().map(|n| v::required_text("lastName", n, MAX_PERSON_NAME)).transpose()?;
        // An empty email clears it, as null does.
        let email = input
            .email
            .as_opt_deref()
            .map(|e| e.filter(|e| !e.trim().is_empty()).map(|e| v::email("email", e)).transpose())
            .transpose()?;
        let birth_year =
            maybe(&input.birth_year).map(|y| y.map(|y| v::birth_year(y, today().year())).transpose()).transpose()?;
        let mrc = input.mrc.as_opt_deref().map(|m| v::optional_text("mrc", m, v::MAX_MRC)).transpose()?;
        let profile = ProfileChange {
            gender: maybe(&input.gender).map(|g| g.map(Into::into)),
            birth_year,
            mrc: mrc.as_ref().map(|m| m.as_deref()),
        };
        m.run(async |w| {
            let not_found = ApiError::naming("participant");
            let before = participants::participants_by_ids(&mut w.tx, &[participant_id]).await?.into_iter().next();
            let before = before.ok_or(StoreError::NotFound).map_err(&not_found)?;
            let unchanged = first_name.as_ref().is_none_or(|n| *n == before.first_name)
                && last_name.as_ref().is_none_or(|n| *n == before.last_name)
                && email.as_ref().is_none_or(|e| *e == before.email)
                && profile.gender.is_none_or(|g| g == before.gender.0)
                && profile.birth_year.is_none_or(|y| y == before.birth_year)
                && profile.mrc.is_none_or(|m| m == before.mrc.as_deref());
            if unchanged {
                // Nothing to rectify: no write, no audit entry.
                return Ok(ParticipantPayload { participant: Participant(before), replayed: false });
            }
            let mut participant = participants::update_participant(
                &mut w.tx,
                participant_id,
                first_name.as_deref(),
                last_name.as_deref(),
                email.as_ref().map(|e| e.as_deref()),
            )
            .await
            .map_err(&not_found)?;
            if !profile.is_empty() {
                participant = participants::set_participant_profile(&mut w.tx, participant_id, &profile)
                    .await
                    .map_err(&not_found)?;
            }
            let changed: Vec<&str> = [
                ("firstName", first_name.is_some()),
                ("lastName", last_name.is_some()),
                ("email", email.is_some()),
                ("gender", profile.gender.is_some()),
                ("birthYear", profile.birth_year.is_some()),
                ("mrc", profile.mrc.is_some()),
            ]
            .into_iter()
            .filter_map(|(field, changed)| changed.then_some(field))
            .collect();
            let (id, region) = (participant.participant_id, participant.region_id);
            w.audit(Kind::Participant, id, Some(region), None, Some(json!({ "rectified": changed }))).await?;
            Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
        })
        .await
    }

    /// Adds a participant of the project's region to its team; adding a member again changes nothing.
    async fn add_project_member(&self, ctx: &Context<'_>, input: ProjectMemberInput) -> ApiResult<ProjectPayload> {
        let m = Mutating::staff(ctx)?;
        let (project_id, participant_id) = member_ids(&input)?;
        m.run(async |w| {
            let project = member_pair(w, project_id, participant_id).await?;
            if !participants::add_member(&mut w.tx, project.project_id, participant_id, project.region_id).await? {
                // Already a member: nothing changed, so nothing is audited either.
                return Ok(ProjectPayload { project: Project(project), replayed: false });
            }
            let after = json!({ "projectId": project.project_id });
            w.audit(Kind::Participant, participant_id, Some(project.region_id), None, Some(after)).await?;
            team_changed(w, project).await
        })
        .await
    }

    /// Removes a participant from a project's team; removing a non-member changes nothing.
    async fn remove_project_member(&self, ctx: &Context<'_>, input: ProjectMemberInput) -> ApiResult<ProjectPayload> {
        let m = Mutating::staff(ctx)?;
        let (project_id, participant_id) = member_ids(&input)?;
        m.run(async |w| {
            let project = member_pair(w, project_id, participant_id).await?;
            if !participants::remove_member(&mut w.tx, project.project_id, participant_id).await? {
                // Not a member: nothing changed, so nothing is audited either.
                return Ok(ProjectPayload { project: Project(project), replayed: false });
            }
            let before = json!({ "projectId": project.project_id });
            w.audit(Kind::Participant, participant_id, Some(project.region_id), Some(before), None).await?;
            team_changed(w, project).await
        })
        .await
    }

    /// Records a participant's consent (Law 25): the date and the purposes consented to.
    ///
    /// Recording a consent already in force (same date and purposes) changes nothing and
    /// answers `replayed: true`, so a retry is safe.
    async fn record_consent(&self, ctx: &Context<'_>, input: RecordConsentInput) -> ApiResult<ParticipantPayload> {
        let m = Mutating::staff(ctx)?;
        let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
        let given_on = v::not_in_future("givenOn", input.given_on.0, today())?;
        if input.purposes.is_empty() {
            return Err(ApiError::bad_input("purposes", "must list at least one purpose"));
        }
        let purposes = domain::ConsentPurpose::normalised(input.purposes.iter().map(|p| (*p).into()).collect());
        m.run(async |w| {
            let participant = visible_participant(&mut w.tx, participant_id).await?;
            if privacy::consent_in_force(&mut w.tx, participant_id, given_on, &purposes).await? {
                // The same consent is already recorded (a retry after a lost answer): no change,
                // no audit entry.
                return Ok(ParticipantPayload { participant: Participant(participant), replayed: true });
            }
            let actor = Some(w.viewer().user_id);
            privacy::insert_consent(&mut w.tx, participant_id, given_on, &purposes, actor).await?;
            let after = json!({ "consent": { "givenOn": given_on, "purposes": purposes } });
            w.audit(Kind::Participant, participant_id, Some(participant.region_id), None, Some(after)).await?;
            Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
        })
        .await
    }

    /// Withdraws a participant's consents still in force, as of today. With none in force it
    /// changes nothing (and audits nothing).
    async fn withdraw_consent(&self, ctx: &Context<'_>, participant_id: ID) -> ApiResult<ParticipantPayload> {
        let m = Mutating::staff(ctx)?;
        let id = ids::decode("participantId", Kind::Participant, &participant_id)?;
        m.run(async |w| {
            let participant = visible_participant(&mut w.tx, id).await?;
            let withdrawn = privacy::withdraw_consents(&mut w.tx, id, today()).await?;
            if withdrawn == 0 {
                // No consent was in force: nothing changed, so nothing is audited either.
                return Ok(ParticipantPayload { participant: Participant(participant), replayed: false });
            }
            let after = json!({ "consentsWithdrawn": withdrawn });
            w.audit(Kind::Participant, id, Some(participant.region_id), None, Some(after)).await?;
            Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
        })
        .await
    }

    /// Erases a participant's identity for good (Law 25), by anonymisation: names, email,
    /// consents and the idempotency keys of their registration are gone; what reports count
    /// (gender, birth year, MRC, attendance, team membership) stays, so that report counts do
    /// not change. Erasing an already anonymised participant changes nothing.
    async fn erase_participant(&self, ctx: &Context<'_>, participant_id: ID) -> ApiResult<ParticipantPayload> {
        let m = Mutating::staff(ctx)?;
        let id = ids::decode("participantId", Kind::Participant, &participant_id)?;
        m.run(async |w| {
            let erased =
                privacy::anonymize_participant(&mut w.tx, id).await.map_err(ApiError::naming("participant"))?;
            let participant = visible_participant(&mut w.tx, id).await?;
            if erased {
                let after = json!({ "anonymized": true });
                w.audit(Kind::Participant, id, Some(participant.region_id), None, Some(after)).await?;
            }
            Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
        })
        .await
    }
}

/// A visible participant in the mutation's transaction, or `NOT_FOUND`.
async fn visible_participant(tx: &mut Tx, id: Uuid) -> ApiResult<participants::ParticipantRow> {
    participants::participants_by_ids(tx, &[id])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound("participantId: participant not found".into()))
}

/// The project and the participant of a membership change, decoded.
fn member_ids(input: &ProjectMemberInput) -> ApiResult<(Uuid, Uuid)> {
    let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
    let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
    Ok((project_id, participant_id))
}

/// The visible project of a membership change, once the participant is known to be visible
/// and of the project's region.
async fn member_pair(w: &mut Write, project_id: Uuid, participant_id: Uuid) -> ApiResult<ProjectRow> {
    let project = visible_project(&mut w.tx, "projectId", project_id).await?;
    let participant = visible_participant(&mut w.tx, participant_id).await?;
    if participant.region_id != project.region_id {
        return Err(ApiError::bad_input("participantId", "must be of the project's region"));
    }
    Ok(project)
}

/// Audits the project whose team changed (its team size is part of it) and answers it.
async fn team_changed(w: &mut Write, before: ProjectRow) -> ApiResult<ProjectPayload> {
    let after = visible_project(&mut w.tx, "projectId", before.project_id).await?;
    audit_project(w, Some(&before), &after).await?;
    Ok(ProjectPayload { project: Project(after), replayed: false })
}
