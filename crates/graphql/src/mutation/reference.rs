//! Reference data (regions, partner institutions, cohorts) and the awards funders give to
//! projects.

use super::visible_project;
use super::write::Mutating;
use crate::context::found;
use crate::enums::PartnerKind;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::IdempotencyKey;
use crate::ids::{self, Kind};
use crate::scalars::Date;
use crate::types::{Award, Cohort, Partner, Region};
use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use serde_json::json;
use sismic_domain as domain;
use sismic_domain::validation::{self as v, MAX_NAME};
use sismic_store::{partners, projects, regions, StoreError, Tx};

/// Result of a mutation on a region.
#[derive(SimpleObject)]
pub struct RegionPayload {
    /// The region.
    pub region: Region,
}

/// Result of a mutation on a partner.
#[derive(SimpleObject)]
pub struct PartnerPayload {
    /// The partner.
    pub partner: Partner,
}

/// Result of a mutation on a cohort.
#[derive(SimpleObject)]
pub struct CohortPayload {
    /// The cohort.
    pub cohort: Cohort,
}

/// Result of recording an award.
#[derive(SimpleObject)]
pub struct AwardPayload {
    /// The award.
    pub award: Award,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// A new region (ADMIN).
#[derive(InputObject)]
pub struct CreateRegionInput {
    /// Short code, 2 to 16 letters, digits or dashes, e.g. `CQ` (stored in upper case).
    pub code: String,
    /// Name, e.g. `Centre-du-Québec`.
    pub name: String,
}

/// Changes to a region (ADMIN). An omitted field keeps its value.
#[derive(InputObject)]
pub struct UpdateRegionInput {
    /// Region.
    pub region_id: ID,
    /// New code, 2 to 16 letters, digits or dashes (stored in upper case); unique.
    pub code: Option<String>,
    /// New name.
    pub name: Option<String>,
}

/// Changes to a partner institution (ADMIN: partners are shared by every region). An omitted
/// field keeps its value.
#[derive(InputObject)]
pub struct UpdatePartnerInput {
    /// Partner.
    pub partner_id: ID,
    /// New name (unique, case-insensitive).
    pub name: Option<String>,
    /// New kind of institution.
    pub kind: Option<PartnerKind>,
}

/// Changes to a cohort (ADMIN; agents in their region). An omitted field keeps its value; its
/// region never changes.
#[derive(InputObject)]
pub struct UpdateCohortInput {
    /// Cohort.
    pub cohort_id: ID,
    /// New name, unique in the region.
    pub name: Option<String>,
    /// New first day; the cohort's activities must stay within its dates.
    pub starts_on: Option<Date>,
    /// New last day, not before the first.
    pub ends_on: Option<Date>,
}

/// A new partner institution (ADMIN and agents).
#[derive(InputObject)]
pub struct CreatePartnerInput {
    /// Name (unique, case-insensitive).
    pub name: String,
    /// Kind of institution.
    pub kind: PartnerKind,
}

/// A new cohort (ADMIN; agents in their region).
#[derive(InputObject)]
pub struct CreateCohortInput {
    /// Region.
    pub region_id: ID,
    /// Name, unique in the region, e.g. `2020-2021`.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day, not before `startsOn`.
    pub ends_on: Date,
}

/// An award to a project.
#[derive(InputObject)]
pub struct RecordAwardInput {
    /// Project.
    pub project_id: ID,
    /// The funder, a partner of kind FUNDER.
    pub funder_partner_id: ID,
    /// Amount in cents, 1 to 100,000,000.
    pub amount_cents: i32,
    /// Date awarded.
    pub awarded_on: Date,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Reference data (regions, partners, cohorts): changes, and new regions.
#[derive(Default)]
pub struct ReferenceEdits;

#[Object]
impl ReferenceEdits {
    /// Changes a region's code or name (ADMIN). Giving only the values it already has changes
    /// nothing (and audits nothing).
    async fn update_region(&self, ctx: &Context<'_>, input: UpdateRegionInput) -> ApiResult<RegionPayload> {
        let m = Mutating::admin(ctx)?;
        let id = ids::decode("regionId", Kind::Region, &input.region_id)?;
        let code = input.code.as_deref().map(v::region_code).transpose()?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        m.run(async |w| {
            let before = regions::regions_by_ids(&mut w.tx, &[id]).await?.into_iter().next();
            let before = before.ok_or_else(|| ApiError::NotFound("regionId: region not found".into()))?;
            let unchanged =
                code.as_ref().is_none_or(|c| *c == before.code) && name.as_ref().is_none_or(|n| *n == before.name);
            if unchanged {
                return Ok(RegionPayload { region: Region(before) });
            }
            let region = regions::update_region(&mut w.tx, id, code.as_deref(), name.as_deref()).await?;
            w.audit(
                Kind::Region,
                id,
                Some(id),
                Some(json!({ "code": before.code, "name": before.name })),
                Some(json!({ "code": region.code, "name": region.name })),
            )
            .await?;
            Ok(RegionPayload { region: Region(region) })
        })
        .await
    }

    /// Renames a partner institution or changes its kind (ADMIN: partners are shared by every
    /// region). Giving only the values it already has changes nothing (and audits nothing).
    async fn update_partner(&self, ctx: &Context<'_>, input: UpdatePartnerInput) -> ApiResult<PartnerPayload> {
        let m = Mutating::admin(ctx)?;
        let id = ids::decode("partnerId", Kind::Partner, &input.partner_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let kind = input.kind.map(domain::PartnerKind::from);
        m.run(async |w| {
            let before = partners::partners_by_ids(&mut w.tx, &[id]).await?.into_iter().next();
            let before = before.ok_or_else(|| ApiError::NotFound("partnerId: partner not found".into()))?;
            if name.as_ref().is_none_or(|n| *n == before.name) && kind.is_none_or(|k| k == before.kind) {
                return Ok(PartnerPayload { partner: Partner(before) });
            }
            let partner = partners::update_partner(&mut w.tx, id, name.as_deref(), kind).await?;
            w.audit(
                Kind::Partner,
                id,
                None,
                Some(json!({ "name": before.name, "kind": before.kind })),
                Some(json!({ "name": partner.name, "kind": partner.kind })),
            )
            .await?;
            Ok(PartnerPayload { partner: Partner(partner) })
        })
        .await
    }

    /// Renames a cohort or changes its dates (ADMIN; agents in their region). Its activities
    /// must stay within the new dates (`BAD_USER_INPUT` otherwise). Giving only the values it
    /// already has changes nothing (and audits nothing).
    async fn update_cohort(&self, ctx: &Context<'_>, input: UpdateCohortInput) -> ApiResult<CohortPayload> {
        let m = Mutating::staff(ctx)?;
        let id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        m.run(async |w| {
            let before = regions::lock_cohort(&mut w.tx, id).await.map_err(|e| match e {
                StoreError::NotFound => ApiError::NotFound("cohortId: cohort not found".into()),
                other => other.into(),
            })?;
            let name = name.unwrap_or_else(|| before.name.clone());
            let starts_on = input.starts_on.map_or(before.starts_on, |d| d.0);
            let ends_on = input.ends_on.map_or(before.ends_on, |d| d.0);
            v::date_range(starts_on, ends_on)?;
            if (name.as_str(), starts_on, ends_on) == (before.name.as_str(), before.starts_on, before.ends_on) {
                return Ok(CohortPayload { cohort: Cohort(before) });
            }
            let outside = regions::activities_outside(&mut w.tx, id, starts_on, ends_on).await?;
            if outside > 0 {
                let field = if starts_on > before.starts_on { "startsOn" } else { "endsOn" };
                let message = if outside == 1 {
                    "an activity of the cohort is held outside these dates: move it first".to_owned()
                } else {
                    format!("{outside} activities of the cohort are held outside these dates: move them first")
                };
                return Err(ApiError::bad_input(field, &message));
            }
            let cohort = regions::update_cohort(&mut w.tx, id, &name, starts_on, ends_on).await?;
            w.audit(
                Kind::Cohort,
                id,
                Some(cohort.region_id),
                Some(json!({ "name": before.name, "startsOn": before.starts_on, "endsOn": before.ends_on })),
                Some(json!({ "name": cohort.name, "startsOn": cohort.starts_on, "endsOn": cohort.ends_on })),
            )
            .await?;
            Ok(CohortPayload { cohort: Cohort(cohort) })
        })
        .await
    }

    /// Creates a region (ADMIN).
    async fn create_region(&self, ctx: &Context<'_>, input: CreateRegionInput) -> ApiResult<RegionPayload> {
        let m = Mutating::admin(ctx)?;
        let code = v::region_code(&input.code)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        m.run(async |w| {
            let region = regions::insert_region(&mut w.tx, &code, &name).await?;
            let after = json!({ "code": region.code, "name": region.name });
            w.audit(Kind::Region, region.region_id, Some(region.region_id), None, Some(after)).await?;
            Ok(RegionPayload { region: Region(region) })
        })
        .await
    }
}

/// New partners and cohorts. An object apart from [`ReferenceEdits`] only to keep the fields'
/// order of the served schema (see [`super::Mutation`]).
#[derive(Default)]
pub struct ReferenceCreation;

#[Object]
impl ReferenceCreation {
    /// Creates a partner institution (ADMIN and agents).
    async fn create_partner(&self, ctx: &Context<'_>, input: CreatePartnerInput) -> ApiResult<PartnerPayload> {
        let m = Mutating::staff(ctx)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        m.run(async |w| {
            let partner = partners::insert_partner(&mut w.tx, &name, input.kind.into()).await?;
            let after = json!({ "name": partner.name, "kind": partner.kind });
            w.audit(Kind::Partner, partner.partner_id, None, None, Some(after)).await?;
            Ok(PartnerPayload { partner: Partner(partner) })
        })
        .await
    }

    /// Creates a cohort (ADMIN; agents in their own region).
    async fn create_cohort(&self, ctx: &Context<'_>, input: CreateCohortInput) -> ApiResult<CohortPayload> {
        let m = Mutating::staff(ctx)?;
        let region_id = ids::decode("regionId", Kind::Region, &input.region_id)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        v::date_range(input.starts_on.0, input.ends_on.0)?;
        m.run(async |w| {
            let cohort = regions::insert_cohort(&mut w.tx, region_id, &name, input.starts_on.0, input.ends_on.0)
                .await
                .map_err(|e| match e {
                    StoreError::NotFound => ApiError::NotFound("regionId: region not found".into()),
                    other => other.into(),
                })?;
            let after = json!({ "name": cohort.name, "startsOn": cohort.starts_on, "endsOn": cohort.ends_on });
            w.audit(Kind::Cohort, cohort.cohort_id, Some(cohort.region_id), None, Some(after)).await?;
            Ok(CohortPayload { cohort: Cohort(cohort) })
        })
        .await
    }
}

/// Awards from funders to projects.
#[derive(Default)]
pub struct AwardMutation;

#[Object]
impl AwardMutation {
    /// Records an award from a funder to a project (ADMIN; agents in their region).
    async fn record_award(&self, ctx: &Context<'_>, input: RecordAwardInput) -> ApiResult<AwardPayload> {
        let m = Mutating::staff(ctx)?;
        let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
        let funder_id = ids::decode("funderPartnerId", Kind::Partner, &input.funder_partner_id)?;
        let amount = v::award_cents(i64::from(input.amount_cents))?;
        let key = IdempotencyKey::new(
            m.viewer().user_id,
            "recordAward",
            input.idempotency_key.as_deref(),
            json!({ "projectId": project_id, "funderPartnerId": funder_id, "amountCents": amount,
                    "awardedOn": input.awarded_on.0 }),
        )?;
        let replay =
            async |tx: &mut Tx, id| found(projects::awards_by_ids(tx, &[id]).await?.into_iter().next(), "award");
        let created = m
            .create(key, replay, async |w| {
                let funder = partners::partners_by_ids(&mut w.tx, &[funder_id]).await?.into_iter().next();
                let funder = found(funder, "funderPartnerId: partner")?;
                if funder.kind != domain::PartnerKind::Funder {
                    return Err(ApiError::bad_input("funderPartnerId", "must be a partner of kind FUNDER"));
                }
                visible_project(&mut w.tx, "projectId", project_id).await?;
                let actor = Some(w.viewer().user_id);
                let award =
                    projects::insert_award(&mut w.tx, project_id, funder_id, amount, input.awarded_on.0, actor).await?;
                let after = json!({ "projectId": award.project_id, "funderPartnerId": award.funder_partner_id,
                                    "amountCents": award.amount_cents, "awardedOn": award.awarded_on });
                w.audit(Kind::Award, award.award_id, Some(award.region_id), None, Some(after)).await?;
                Ok((award.award_id, award))
            })
            .await?;
        Ok(AwardPayload { award: Award(created.object), replayed: created.replayed })
    }
}
