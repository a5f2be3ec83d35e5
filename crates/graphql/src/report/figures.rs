//! The figures of a cohort report: one object per count, breakdown and comparison.

use super::{cohort_opt_json, partner_json, partner_opt_json};
use crate::enums::{AgeBand, Gender, ProjectStatus, ReportFigure, Sector, Stage, TeamComposition};
use crate::types::{Cohort, Partner};
use async_graphql::SimpleObject;
use serde::Serialize;

/// A count for one stage.
#[derive(SimpleObject, Serialize, Debug, Clone, PartialEq)]
pub struct StageCount {
    /// The stage.
    pub stage: Stage,
    /// How many; null only for a count of people hidden from this viewer (counts of projects
    /// are never hidden).
    pub count: Option<i32>,
    /// True when the count is hidden from this viewer (small-cell suppression for funders);
    /// `count` is then null.
    pub suppressed: bool,
    /// When the count is hidden and the figures this viewer reads already imply that it is
    /// below this number (the suppression threshold): show « < 5 ». Null when the count is
    /// shown, or when it may be hidden to protect another count, and so be 5 or more: show a
    /// neutral mark then (the exports' « x »), never « < 5 ».
    #[serde(skip)]
    pub suppressed_below: Option<i32>,
}

/// A count for one status.
#[derive(SimpleObject, Serialize, Debug, Clone, PartialEq)]
pub struct StatusCount {
    /// The status.
    pub status: ProjectStatus,
    /// How many.
    pub count: i32,
    /// Always false: projects are not people and their counts are never hidden. Present so
    /// that every count of the report reads the same way.
    pub suppressed: bool,
}

/// Projects of one origin and their follow-ups.
#[derive(SimpleObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OriginFollowUps {
    /// The origin partner; null for projects without one.
    #[serde(serialize_with = "partner_opt_json")]
    pub partner: Option<Partner>,
    /// Projects from that origin.
    pub project_count: i32,
    /// Follow-ups on those projects.
    pub follow_up_count: i32,
}

/// Follow-ups with one partner.
#[derive(SimpleObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerFollowUps {
    /// The partner.
    #[serde(serialize_with = "partner_json")]
    pub partner: Partner,
    /// How many.
    pub follow_up_count: i32,
}

/// Awards in total.
#[derive(SimpleObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AwardSummary {
    /// How many awards.
    pub count: i32,
    /// Their total, in cents.
    pub total_amount_cents: i32,
}

/// Whether a report hides small counts of people.
#[derive(SimpleObject, Serialize, Debug, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub struct SuppressionInfo {
    /// True for funders: counts of 1 to `threshold - 1` people are hidden, and so are
    /// complementary cells that would let them be worked out from other published figures.
    pub applied: bool,
    /// The smallest count of people shown exactly when `applied`.
    pub threshold: i32,
}

/// How far a cohort's projects went, from their stage history (a project counts in every stage
/// it ever reached, even if it moved back since; a project created directly in a later stage
/// never reached the earlier ones).
#[derive(SimpleObject, Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct StageFunnel {
    /// One step per stage, in order.
    pub steps: Vec<FunnelStep>,
    /// Projects that became a collective enterprise (LAUNCHED).
    pub launched: i32,
    /// Of the projects that reached PROTOTYPING, the share launched (0 to 1); null when none
    /// reached PROTOTYPING.
    pub launch_rate: Option<f64>,
}

/// One stage of the funnel.
#[derive(SimpleObject, Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStep {
    /// The stage.
    pub stage: Stage,
    /// Projects that ever reached this stage.
    pub projects_reached: i32,
    /// Of the projects that reached this stage, the share that also reached the next one (0 to
    /// 1); null for PROTOTYPING (see `launchRate`) or when no project reached this stage.
    pub conversion_to_next: Option<f64>,
}

/// Time projects spent in one stage.
///
/// A *stay* starts with the history entry that made the project ACTIVE in this stage and ends
/// with the next entry (a move to another stage, or a status other than ACTIVE: on hold,
/// abandoned, launched, referred out). A stay still open — the project is ACTIVE in this stage
/// now — is not counted in the median, because its length is not known yet; `openStays` says
/// how many were left out. A project that comes back to a stage starts a new stay.
#[derive(SimpleObject, Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct StageTime {
    /// The stage.
    pub stage: Stage,
    /// Median length of the completed stays, in days (fractional); null when none completed.
    pub median_days: Option<f64>,
    /// Completed stays.
    pub completed_stays: i32,
    /// Stays still open, not counted in the median.
    pub open_stays: i32,
}

/// Projects of one sector.
#[derive(SimpleObject, Serialize, Debug, Clone)]
pub struct SectorCount {
    /// The sector; null for projects whose sector is not recorded.
    pub sector: Option<Sector>,
    /// How many projects.
    pub count: Option<i32>,
    /// Always false (projects are not people).
    pub suppressed: bool,
}

/// A count for one MRC (regional county municipality).
#[derive(SimpleObject, Serialize, Debug, Clone)]
pub struct MrcCount {
    /// The MRC; null when not recorded.
    pub mrc: Option<String>,
    /// How many; null when hidden from this viewer.
    pub count: Option<i32>,
    /// True when the count is hidden from this viewer (small-cell suppression for funders).
    pub suppressed: bool,
    /// When the count is hidden and the figures this viewer reads already imply that it is
    /// below this number (the suppression threshold): show « < 5 ». Null when the count is
    /// shown, or when it may be hidden to protect another count, and so be 5 or more: show a
    /// neutral mark then (the exports' « x »), never « < 5 ».
    #[serde(skip)]
    pub suppressed_below: Option<i32>,
}

/// Participants of one gender.
#[derive(SimpleObject, Serialize, Debug, Clone)]
pub struct GenderCount {
    /// The gender; null when not recorded.
    pub gender: Option<Gender>,
    /// How many; null when hidden from this viewer.
    pub count: Option<i32>,
    /// True when the count is hidden from this viewer (small-cell suppression for funders).
    pub suppressed: bool,
    /// When the count is hidden and the figures this viewer reads already imply that it is
    /// below this number (the suppression threshold): show « < 5 ». Null when the count is
    /// shown, or when it may be hidden to protect another count, and so be 5 or more: show a
    /// neutral mark then (the exports' « x »), never « < 5 ».
    #[serde(skip)]
    pub suppressed_below: Option<i32>,
}

/// Participants of one age band.
#[derive(SimpleObject, Serialize, Debug, Clone)]
pub struct AgeBandCount {
    /// The age band.
    pub band: AgeBand,
    /// How many; null when hidden from this viewer.
    pub count: Option<i32>,
    /// True when the count is hidden from this viewer (small-cell suppression for funders).
    pub suppressed: bool,
    /// When the count is hidden and the figures this viewer reads already imply that it is
    /// below this number (the suppression threshold): show « < 5 ». Null when the count is
    /// shown, or when it may be hidden to protect another count, and so be 5 or more: show a
    /// neutral mark then (the exports' « x »), never « < 5 ».
    #[serde(skip)]
    pub suppressed_below: Option<i32>,
}

/// Projects whose team has one composition.
#[derive(SimpleObject, Serialize, Debug, Clone)]
pub struct TeamCompositionCount {
    /// The composition.
    pub composition: TeamComposition,
    /// How many projects; null when hidden from this viewer (a small count of teams would tell
    /// the genders of identifiable people).
    pub count: Option<i32>,
    /// True when the count is hidden from this viewer (small-cell suppression for funders).
    pub suppressed: bool,
    /// When the count is hidden and the figures this viewer reads already imply that it is
    /// below this number (the suppression threshold): show « < 5 ». Null when the count is
    /// shown, or when it may be hidden to protect another count, and so be 5 or more: show a
    /// neutral mark then (the exports' « x »), never « < 5 ».
    #[serde(skip)]
    pub suppressed_below: Option<i32>,
}

/// The main figures of a cohort beside those of the region's previous cohort.
#[derive(SimpleObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortComparison {
    /// The region's cohort that started most recently before this one; null when none.
    #[serde(serialize_with = "cohort_opt_json")]
    pub previous_cohort: Option<Cohort>,
    /// One entry per main figure.
    pub figures: Vec<ComparedFigure>,
}

/// One figure, this cohort and the previous one.
#[derive(SimpleObject, Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ComparedFigure {
    /// Which figure.
    pub figure: ReportFigure,
    /// This cohort's value; null when hidden from this viewer (only people reached is ever
    /// hidden, and only when below the threshold: « < 5 »).
    pub current: Option<i32>,
    /// The previous cohort's value; null when there is none or it is hidden from this viewer
    /// (as `current`: « < 5 »).
    pub previous: Option<i32>,
    /// `current - previous`; null when either is missing or hidden.
    pub difference: Option<i32>,
    /// Change in percent of `previous` (+17.0 means 17 % more); null when either is missing or
    /// hidden, or when `previous` is 0.
    pub percent_change: Option<f64>,
    /// True when either value is hidden from this viewer (a difference would reveal it).
    pub suppressed: bool,
}
