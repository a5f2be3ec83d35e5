//! Activities of the pathway (workshops, by stage and cohort) and their attendance.

use super::write::Mutating;
use crate::context::found;
use crate::enums::Stage;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::IdempotencyKey;
use crate::ids::{self, Kind};
use crate::scalars::Date;
use crate::types::Activity;
use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use serde_json::json;
use sismic_domain::validation::{self as v, MAX_NAME};
use sismic_domain::{self as domain};
use sismic_store::{activities, participants, regions, Tx};

/// Result of a mutation on an activity.
#[derive(SimpleObject)]
pub struct ActivityPayload {
    /// The activity, with its attendance.
    pub activity: Activity,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// A new activity of the pathway.
#[derive(InputObject)]
pub struct CreateActivityInput {
    /// Cohort.
    pub cohort_id: ID,
    /// Stage it belongs to.
    pub stage: Stage,
    /// Title.
    pub title: String,
    /// Date held, within the cohort's dates.
    pub held_on: Date,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Participants present at an activity.
#[derive(InputObject)]
pub struct RecordAttendanceInput {
    /// Activity.
    pub activity_id: ID,
    /// 1 to 500 participants of the activity's region; those already recorded are left as is.
    pub participant_ids: Vec<ID>,
}

/// Activities of the pathway and who attended them.
#[derive(Default)]
pub struct ActivityMutation;

#[Object]
impl ActivityMutation {
    /// Creates an activity of a cohort, for one stage (ADMIN; agents in their region).
    async fn create_activity(&self, ctx: &Context<'_>, input: CreateActivityInput) -> ApiResult<ActivityPayload> {
        let m = Mutating::staff(ctx)?;
        let viewer = *m.viewer();
        let cohort_id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let title = v::required_text("title", &input.title, MAX_NAME)?;
        let key = IdempotencyKey::new(
            viewer.user_id,
            "createActivity",
            input.idempotency_key.as_deref(),
            json!({ "cohortId": cohort_id, "stage": domain::Stage::from(input.stage).as_str(), "title": title, "heldOn": input.held_on.0 }),
        )?;
        let replay = async |tx: &mut Tx, id| {
            found(activities::activities_by_ids(tx, &[id]).await?.into_iter().next(), "activity")
        };
        let created = m
            .create(key, replay, async |w| {
                let cohort = regions::cohorts_by_ids(&mut w.tx, &[cohort_id]).await?.into_iter().next();
                let cohort = cohort
                    .filter(|c| viewer.serves_region(c.region_id))
                    .ok_or_else(|| ApiError::NotFound("cohortId: cohort not found".into()))?;
                if input.held_on.0 < cohort.starts_on || input.held_on.0 > cohort.ends_on {
                    return Err(ApiError::bad_input("heldOn", "must be within the cohort's dates"));
                }
                let activity = activities::insert_activity(
                    &mut w.tx,
                    cohort_id,
                    input.stage.into(),
                    &title,
                    input.held_on.0,
                    Some(viewer.user_id),
                )
                .await?;
                let after =
                    json!({ "stage": activity.stage.as_str(), "title": activity.title, "heldOn": activity.held_on });
                w.audit(Kind::Activity, activity.activity_id, Some(activity.region_id), None, Some(after)).await?;
                Ok((activity.activity_id, activity))
            })
            .await?;
        Ok(ActivityPayload { activity: Activity(created.object), replayed: created.replayed })
    }

    /// Records who attended an activity. Someone already recorded is left as is; participants
    /// and activity must be of the same region.
    async fn record_attendance(&self, ctx: &Context<'_>, input: RecordAttendanceInput) -> ApiResult<ActivityPayload> {
        let m = Mutating::staff(ctx)?;
        let activity_id = ids::decode("activityId", Kind::Activity, &input.activity_id)?;
        if input.participant_ids.is_empty() || input.participant_ids.len() > 500 {
            return Err(ApiError::bad_input("participantIds", "must list 1 to 500 participants"));
        }
        let mut participant_ids = input
            .participant_ids
            .iter()
            .map(|id| ids::decode("participantIds", Kind::Participant, id))
            .collect::<ApiResult<Vec<_>>>()?;
        participant_ids.sort_unstable();
        participant_ids.dedup();
        m.run(async |w| {
            let activity = activities::activities_by_ids(&mut w.tx, &[activity_id])
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| ApiError::NotFound("activityId: activity not found".into()))?;
            let people = participants::participants_by_ids(&mut w.tx, &participant_ids).await?;
            if people.len() != participant_ids.len() {
                return Err(ApiError::NotFound("participantIds: participant not found".into()));
            }
            if people.iter().any(|p| p.region_id != activity.region_id) {
                return Err(ApiError::bad_input(
                    "participantIds",
                    "participants and activity must be of the same region",
                ));
            }
            let added = activities::insert_attendance(&mut w.tx, &activity, &participant_ids).await?;
            // Recording people already present changes nothing, not even the audit trail.
            if added > 0 {
                let after = json!({ "participantIds": participant_ids, "added": added });
                w.audit(Kind::Activity, activity.activity_id, Some(activity.region_id), None, Some(after)).await?;
            }
            Ok(ActivityPayload { activity: Activity(activity), replayed: false })
        })
        .await
    }
}
