//! Follow-ups ("suivis"): coaching meetings on a project, working meetings with a partner.

use super::write::{Mutating, Write};
use super::{today, visible_project};
use crate::context::found;
use crate::enums::FollowUpMode;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::IdempotencyKey;
use crate::ids::{self, Kind};
use crate::scalars::Date;
use crate::types::FollowUp;
use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use serde_json::json;
use sismic_domain::MAX_FOLLOW_UP_SUMMARY;
use sismic_domain::{self as domain, validation as v};
use sismic_store::{follow_ups, Tx};
use uuid::Uuid;

/// Result of logging a follow-up.
#[derive(SimpleObject)]
pub struct FollowUpPayload {
    /// The follow-up.
    pub follow_up: FollowUp,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written.
    pub replayed: bool,
}

/// A follow-up to log.
#[derive(InputObject)]
pub struct LogFollowUpInput {
    /// Project (a project follow-up). At least one of `projectId`, `partnerId`.
    pub project_id: Option<ID>,
    /// Partner met (a partner follow-up when there is no project).
    pub partner_id: Option<ID>,
    /// Region, required only from an ADMIN logging a follow-up without a project.
    pub region_id: Option<ID>,
    /// Date it happened, not in the future.
    pub occurred_on: Date,
    /// How it took place.
    pub mode: FollowUpMode,
    /// What was discussed, 1 to 2,000 characters.
    pub summary: String,
    /// Length, 1 to 1,440 minutes.
    pub duration_minutes: Option<i32>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first follow-up and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Follow-ups on projects and with partners.
#[derive(Default)]
pub struct FollowUpMutation;

#[Object]
impl FollowUpMutation {
    /// Logs a follow-up on a project, or with a partner (ADMIN and agents). See
    /// `LogFollowUpInput.idempotencyKey` for safe retries.
    async fn log_follow_up(&self, ctx: &Context<'_>, input: LogFollowUpInput) -> ApiResult<FollowUpPayload> {
        let m = Mutating::staff(ctx)?;
        let viewer = *m.viewer();
        let project_id = ids::decode_opt("projectId", Kind::Project, input.project_id.as_ref())?;
        let partner_id = ids::decode_opt("partnerId", Kind::Partner, input.partner_id.as_ref())?;
        let region_id = ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())?;
        if project_id.is_none() && partner_id.is_none() {
            return Err(ApiError::bad_input("projectId", "give a projectId, a partnerId, or both"));
        }
        let occurred_on = v::not_in_future("occurredOn", input.occurred_on.0, today())?;
        let summary = v::required_text("summary", &input.summary, MAX_FOLLOW_UP_SUMMARY)?;
        let duration_minutes = v::duration_minutes(input.duration_minutes)?;
        let mode = domain::FollowUpMode::from(input.mode);
        v::idempotency_key(input.idempotency_key.as_deref())?;
        let created = m
            .run(async |w| {
                let region_id = follow_up_region(w, project_id, region_id).await?;
                // The key's input is the follow-up as it will be stored, its region resolved:
                // the same follow-up asked with or without its (implied) region replays. The
                // same text as a spreadsheet import's row, so that the keys the migration
                // `one_idempotency_mechanism` moved out of `follow_up` replay for both.
                let key = IdempotencyKey::new(
                    viewer.user_id,
                    "logFollowUp",
                    input.idempotency_key.as_deref(),
                    json!({ "regionId": region_id, "projectId": project_id, "partnerId": partner_id,
                            "occurredOn": occurred_on, "mode": mode, "summary": summary,
                            "durationMinutes": duration_minutes }),
                )?;
                let replay = async |tx: &mut Tx, id| {
                    found(follow_ups::follow_ups_by_ids(tx, &[id]).await?.into_iter().next(), "follow-up")
                };
                w.once(key, replay, async |w| {
                    let new = follow_ups::NewFollowUp {
                        region_id,
                        project_id,
                        partner_id,
                        occurred_on,
                        mode,
                        summary: &summary,
                        duration_minutes,
                        created_by: viewer.user_id,
                    };
                    let f = follow_ups::insert_follow_up(&mut w.tx, &new).await?;
                    let after = json!({ "projectId": f.project_id, "partnerId": f.partner_id,
                                        "occurredOn": f.occurred_on, "mode": f.mode });
                    w.audit(Kind::FollowUp, f.follow_up_id, Some(f.region_id), None, Some(after)).await?;
                    Ok((f.follow_up_id, f))
                })
                .await
            })
            .await?;
        Ok(FollowUpPayload { follow_up: FollowUp(created.object), replayed: created.replayed })
    }
}

/// The region of a follow-up: its project's (a given region must be that one), else the one
/// given (among the viewer's), else the agent's own.
async fn follow_up_region(w: &mut Write, project_id: Option<Uuid>, given: Option<Uuid>) -> ApiResult<Uuid> {
    match (project_id, given) {
        (Some(project_id), given) => {
            let project = visible_project(&mut w.tx, "projectId", project_id).await?;
            if given.is_some_and(|r| r != project.region_id) {
                return Err(ApiError::bad_input("regionId", "must be the project's region (or omitted)"));
            }
            Ok(project.region_id)
        }
        (None, Some(given)) => {
            if !w.viewer().serves_region(given) {
                return Err(ApiError::NotFound("regionId: region not found".into()));
            }
            Ok(given)
        }
        (None, None) => w.viewer().region_id.ok_or_else(|| {
            ApiError::bad_input("regionId", "is required for an administrator logging a follow-up without a project")
        }),
    }
}
