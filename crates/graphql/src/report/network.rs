//! The network view: the main figures of every region for one programme year.

use super::{int, shown, unsigned, ReportPolicy, SuppressionInfo, Suppressor};
use crate::auth::Viewer;
use crate::error::{ApiError, ApiResult};
use crate::types::Region;
use async_graphql::SimpleObject;
use chrono::NaiveDate;
use serde::Serialize;
use sismic_domain::report::RegionPeople;
use sismic_domain::Role;
use sismic_store::regions;
use sismic_store::{reports, Store};

/// The main figures of every region for one programme year (April 1 to March 31), and their
/// totals. For funders, a region's people reached is hidden when it is 1 to 4 people (by
/// default) or when one of its cohorts' people reached is hidden (the region's figure would
/// bound it: cohorts of 12 and 3 people and a region of 15 tell that the hidden one is at least
/// 3); then the network's total of people is hidden too, which would otherwise give the region
/// away by subtraction (the other regions' figures are published).
#[derive(SimpleObject)]
pub struct NetworkReport {
    /// The programme year: 2020 means April 1, 2020 to March 31, 2021.
    pub program_year: i32,
    /// First day of the programme year.
    pub starts_on: crate::scalars::Date,
    /// Last day of the programme year.
    pub ends_on: crate::scalars::Date,
    /// Whether small counts of people are hidden, and from what size.
    pub suppression: SuppressionInfo,
    /// One row per region, by code (regions without a cohort that year show zeros).
    pub regions: Vec<NetworkRegion>,
    /// The sums of the regions' rows (a participant belongs to one region, so the sum of the
    /// regions' participants is the network's). For a funder, `participantsReached` is hidden
    /// (null) when any region's is.
    pub total: NetworkFigures,
}

/// One region's figures for the programme year.
#[derive(SimpleObject)]
pub struct NetworkRegion {
    /// The region.
    pub region: Region,
    /// Its figures, over its cohorts that start within the programme year.
    pub figures: NetworkFigures,
}

/// Main figures over a set of cohorts.
#[derive(SimpleObject, Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct NetworkFigures {
    /// Cohorts starting within the programme year.
    pub cohort_count: i32,
    /// Distinct participants at their activities; null when hidden from this viewer (a small
    /// count, or a region with a hidden cohort, or the total of a network with a hidden region).
    pub participants_reached: Option<i32>,
    /// True when `participantsReached` is hidden from this viewer.
    pub participants_reached_suppressed: bool,
    /// Projects of those cohorts.
    pub project_count: i32,
    /// Of them, LAUNCHED.
    pub enterprises_created: i32,
    /// Follow-ups on those projects.
    pub follow_up_count: i32,
    /// Follow-ups with partners without a project, within a cohort's dates, in the region.
    pub partner_follow_up_count: i32,
    /// Awards to those projects.
    pub award_count: i32,
    /// Their total, in cents (as a float: a network total can exceed 32 bits).
    pub award_total_cents: f64,
}

/// The first and last day of a programme year (2020: 2020-04-01 to 2021-03-31).
pub fn program_year_bounds(year: i32) -> ApiResult<(NaiveDate, NaiveDate)> {
    let bad = || ApiError::bad_input("programYear", "must be a year between 2000 and 2100");
    if !(2000..=2100).contains(&year) {
        return Err(bad());
    }
    let start = NaiveDate::from_ymd_opt(year, 4, 1).ok_or_else(bad)?;
    let end = NaiveDate::from_ymd_opt(year + 1, 3, 31).ok_or_else(bad)?;
    Ok((start, end))
}

/// Builds the network view (ADMIN and funders; others `FORBIDDEN`).
pub async fn build_network_report(
    store: &Store,
    viewer: &Viewer,
    policy: &ReportPolicy,
    program_year: i32,
) -> ApiResult<NetworkReport> {
    if !matches!(viewer.role, Role::Admin | Role::Funder) {
        return Err(ApiError::Forbidden("only administrators and funders read the network report"));
    }
    let (from, to) = program_year_bounds(program_year)?;
    // Authorised above by role: the aggregates read every region's rows (REPORT scope).
    let mut tx = store.begin(&sismic_store::Scope::Report).await?;
    let rows = reports::network_figures(&mut tx, from, to).await?;
    let region_rows = regions::list_regions(&mut tx).await?;
    sismic_store::commit(tx).await?;

    let sup = Suppressor::for_viewer(viewer, policy);
    let reached: Vec<i64> = rows.iter().map(|r| r.figures.participants_reached).collect();
    // A region's figure bounds its hidden cohorts from below (at least it minus the published
    // cohorts), so it is hidden with any of them; the total is hidden with any region, since
    // the other regions' figures are published (here, and through their cohort reports).
    let people: Vec<RegionPeople> = rows
        .iter()
        .map(|r| RegionPeople {
            reached: u64::try_from(r.figures.participants_reached).unwrap_or(0),
            cohorts_reached: unsigned(r.cohorts_reached.iter().copied()),
        })
        .collect();
    let mask = sup.network(&people);
    let mut total = NetworkFigures::default();
    let mut award_total = 0i64;
    let mut regions_out = Vec::with_capacity(rows.len());
    for (row, hidden) in rows.iter().zip(&mask.cells) {
        let h = &row.figures;
        let Some(region) = region_rows.iter().find(|r| r.region_id == row.region_id).cloned() else { continue };
        total.cohort_count += int(row.cohort_count);
        total.project_count += int(h.project_count);
        total.enterprises_created += int(h.enterprises_created);
        total.follow_up_count += int(h.follow_up_count);
        total.partner_follow_up_count += int(h.partner_follow_up_count);
        total.award_count += int(h.award_count);
        award_total += h.award_total_cents;
        regions_out.push(NetworkRegion {
            region: Region(region),
            figures: NetworkFigures {
                cohort_count: int(row.cohort_count),
                participants_reached: shown(h.participants_reached, *hidden),
                participants_reached_suppressed: *hidden,
                project_count: int(h.project_count),
                enterprises_created: int(h.enterprises_created),
                follow_up_count: int(h.follow_up_count),
                partner_follow_up_count: int(h.partner_follow_up_count),
                award_count: int(h.award_count),
                award_total_cents: h.award_total_cents as f64,
            },
        });
    }
    total.participants_reached = shown(reached.iter().sum(), mask.total);
    total.participants_reached_suppressed = mask.total;
    total.award_total_cents = award_total as f64;
    Ok(NetworkReport {
        program_year,
        starts_on: crate::scalars::Date(from),
        ends_on: crate::scalars::Date(to),
        suppression: sup.info(),
        regions: regions_out,
        total,
    })
}
