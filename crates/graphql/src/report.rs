//! The cohort report (API.md, "The cohort report") and what lies beyond it (issue 4): figures
//! computed by PostgreSQL, broken down by the report dimensions, compared with the previous
//! cohort, and with small counts of people hidden from funders.
//!
//! [`build_cohort_report`] computes a report once, as a plain value; the GraphQL field
//! `cohortReport` and the CSV and JSON exports (`GET /reports/cohorts/{id}.csv|.json`) all
//! serve that value, so they cannot disagree.
//!
//! # Small-cell suppression (funders)
//! A `FUNDER` never sees a count of 1 to `threshold - 1` **people** (default threshold 5,
//! `SISMIC_SUPPRESSION_THRESHOLD`): participants reached, per stage, per gender, age band and
//! MRC, and team compositions (which tell the genders of a team's members). Which cells are
//! hidden is decided by the pure functions of [`sismic_domain::report`] (their module
//! documentation states the rules and why they are safe): a small people-reached hides every
//! count of people of the cohort, breakdowns get complementary suppression, a stage is not
//! hidden alone when the other stages would bound it, and the network report hides a region
//! with a hidden cohort. A hidden count reads `null` with `suppressed: true` — never a number,
//! so that no script adds it up as 0 — and, in the exports, a marker
//! ([`crate::export::SUPPRESSED_MARKER`]). Counts of projects, enterprises, follow-ups and
//! awards are not about people and are exact. ADMIN and agents always see exact figures.

use crate::auth::Viewer;
use crate::context::RequestTx;
use crate::enums::{AgeBand, Gender, ProjectStatus, ReportFigure, Sector, Stage, TeamComposition};
use crate::error::{ApiError, ApiResult};
use crate::ids::{self, Kind};
use crate::types::{Cohort, Partner, Region};
use async_graphql::{ComplexObject, SimpleObject};
use chrono::{Datelike, NaiveDate};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use sismic_domain as domain;
use sismic_domain::report::{
    percent_change, rate, reached_hidden, suppress, suppress_cohort, suppress_network, CohortMask, CohortPeople, Mask,
    RegionPeople,
};
use sismic_domain::Role;
use sismic_store::partners::PartnerRow;
use sismic_store::regions::{self, RegionRow};
use sismic_store::{reports, Store};
use std::collections::HashMap;
use uuid::Uuid;

/// How reports treat small counts, set once for the server (schema data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPolicy {
    /// Smallest count of people shown exactly to funders; 1 to `threshold - 1` are hidden.
    /// 0 or 1 hides nothing.
    pub suppression_threshold: u32,
}

impl Default for ReportPolicy {
    fn default() -> Self {
        ReportPolicy { suppression_threshold: domain::report::DEFAULT_SUPPRESSION_THRESHOLD }
    }
}

/// Outcomes of one cohort, computed from what was logged.
///
/// For funders, counts of 1 to 4 people (the threshold is configurable) are hidden: see
/// `suppression` and each cell's `suppressed` flag.
#[derive(SimpleObject, Serialize)]
#[graphql(complex)]
#[serde(rename_all = "camelCase")]
pub struct CohortReport {
    /// The cohort.
    #[serde(serialize_with = "cohort_json")]
    pub cohort: Cohort,
    /// Distinct participants at any of the cohort's activities; null when hidden from this
    /// viewer (`participantsReachedSuppressed`), which happens only when it is below
    /// `suppression.threshold` (show « < 5 »).
    pub participants_reached: Option<i32>,
    /// True when `participantsReached` is hidden from this viewer (1 to 4 people, by default).
    pub participants_reached_suppressed: bool,
    /// Distinct participants per stage of the activities they attended; all three stages are
    /// listed, zeros too. One person can attend several stages. A funder sees `count: null`
    /// with `suppressed: true` for a stage of 1 to 4 people (by default), and for a stage
    /// hidden so that the published ones cannot bound a hidden one.
    pub participants_by_stage: Vec<StageCount>,
    /// Projects of the cohort.
    pub project_count: i32,
    /// Projects by current stage; all three listed.
    pub projects_by_stage: Vec<StageCount>,
    /// Projects by status; all five listed.
    pub projects_by_status: Vec<StatusCount>,
    /// Projects of the cohort with status LAUNCHED.
    pub enterprises_created: i32,
    /// Follow-ups on the cohort's projects.
    pub follow_up_count: i32,
    /// Projects and their follow-ups by origin partner, most follow-ups first, then partner
    /// name; the row of projects with no origin partner comes last.
    pub follow_ups_by_origin: Vec<OriginFollowUps>,
    /// Follow-ups with no project, dated within the cohort, logged in the cohort's region, per
    /// partner; most first, then partner name.
    pub partner_follow_ups: Vec<PartnerFollowUps>,
    /// Awards to the cohort's projects.
    pub awards: AwardSummary,
    /// Whether small counts of people are hidden in this report, and from what size.
    pub suppression: SuppressionInfo,
    /// How far the cohort's projects went through the stages, from their stage history.
    pub funnel: StageFunnel,
    /// How long projects stayed in each stage (all three listed), from their stage history.
    pub time_in_stage: Vec<StageTime>,
    /// Projects by sector of activity: every sector (zeros too), then the projects whose
    /// sector is not recorded (`sector: null`).
    pub projects_by_sector: Vec<SectorCount>,
    /// Projects by MRC, by name, then those whose MRC is not recorded (`mrc: null`).
    pub projects_by_mrc: Vec<MrcCount>,
    /// Participants reached by gender: every gender (zeros too), then those whose gender is not
    /// recorded (`gender: null`). The cells add up to `participantsReached`.
    pub participants_by_gender: Vec<GenderCount>,
    /// Participants reached by age band at the cohort's start; the cells add up to
    /// `participantsReached`.
    pub participants_by_age_band: Vec<AgeBandCount>,
    /// Participants reached by the MRC where they live, by name, then those whose MRC is not
    /// recorded (`mrc: null`). The cells add up to `participantsReached`.
    pub participants_by_mrc: Vec<MrcCount>,
    /// The cohort's projects by the composition of their team ("groupe promoteur"); every
    /// composition listed; the cells add up to `projectCount`.
    pub teams_by_composition: Vec<TeamCompositionCount>,
    /// The main figures compared with the region's previous cohort.
    pub comparison: CohortComparison,
    /// Name of the cohort's region (exports).
    #[graphql(skip)]
    #[serde(skip)]
    pub region_name: String,
}

#[ComplexObject]
impl CohortReport {
    /// The annual report's SISMIC paragraph, written from this report: « 18 personnes
    /// rejointes par les activités du parcours (10 révélation, 13 idéation, 8 prototypage),
    /// pour un total de 7 projets, dont une entreprise d'économie sociale créée. », then the
    /// projects by origin partner with their follow-ups, then the partnerships with their
    /// follow-up counts (in this report's order: most follow-ups first).
    ///
    /// It respects what the viewer may read: a count hidden from a funder is never in it. It
    /// reads « moins de 5 » ("fewer than 5") where that is implied by the published figures
    /// (people reached, every count of a cohort whose people reached is hidden, a stage
    /// hidden alone), and « nombre masqué » ("not shown") for a count that may be hidden to
    /// protect another one (it may be 5 or more); a note then says why. It names partner
    /// institutions only, never a person or a project.
    async fn narrative(
        &self,
        #[graphql(desc = "FR (default) or EN.", default)] language: crate::enums::Language,
    ) -> CohortNarrative {
        CohortNarrative::new(self.narrative_in(language.into()), language)
    }
}

impl CohortReport {
    /// The report's paragraph (see the GraphQL field `narrative`), as the domain writes it.
    pub fn narrative_in(&self, language: domain::narrative::Language) -> domain::narrative::Narrative {
        use domain::narrative::{narrative, HiddenCount, NarrativeFigures, OriginLine, PartnershipLine, PeopleCount};
        let threshold = u32::try_from(self.suppression.threshold).unwrap_or(0);
        let reached_hidden = self.participants_reached_suppressed;
        let as_count = |count: Option<i32>| count.map(|c| u64::try_from(c).unwrap_or(0));
        let stage = |s: Stage| self.participants_by_stage.iter().find(|row| row.stage == s);
        let stage_count = |s: Stage| match stage(s) {
            Some(row) if !row.suppressed => PeopleCount::Exact(as_count(row.count).unwrap_or(0)),
            Some(row) => PeopleCount::Hidden(match row.suppressed_below {
                Some(below) => HiddenCount::Below(u32::try_from(below).unwrap_or(threshold)),
                None => HiddenCount::Withheld,
            }),
            None => PeopleCount::Exact(0),
        };
        let reached = if reached_hidden {
            PeopleCount::of(None, true, 1, threshold)
        } else {
            PeopleCount::Exact(as_count(self.participants_reached).unwrap_or(0))
        };
        let figures = NarrativeFigures {
            reached,
            stages: [stage_count(Stage::Revelation), stage_count(Stage::Ideation), stage_count(Stage::Prototyping)],
            projects: u64::try_from(self.project_count).unwrap_or(0),
            enterprises: u64::try_from(self.enterprises_created).unwrap_or(0),
            origins: self
                .follow_ups_by_origin
                .iter()
                .map(|row| OriginLine {
                    partner: row.partner.as_ref().map(|p| p.0.name.as_str()),
                    referral: row.partner.as_ref().is_some_and(|p| p.0.kind == domain::PartnerKind::Incubator),
                    projects: u64::try_from(row.project_count).unwrap_or(0),
                    follow_ups: u64::try_from(row.follow_up_count).unwrap_or(0),
                })
                .collect(),
            partnerships: self
                .partner_follow_ups
                .iter()
                .map(|row| PartnershipLine {
                    partner: row.partner.0.name.as_str(),
                    follow_ups: u64::try_from(row.follow_up_count).unwrap_or(0),
                })
                .collect(),
            suppression_threshold: self.suppression.applied.then_some(threshold),
        };
        narrative(&figures, language)
    }
}

/// The annual report's paragraph about a cohort, in one language: a sentence, lists, and a
/// note when figures are hidden. `text` is all of it as plain text (to copy, print or export).
#[derive(SimpleObject, Debug, Clone)]
pub struct CohortNarrative {
    /// The language it is written in.
    pub language: crate::enums::Language,
    /// The sentence, ending with a full stop: « 18 personnes rejointes par les activités du
    /// parcours (10 révélation, 13 idéation, 8 prototypage), pour un total de 7 projets, dont
    /// une entreprise d'économie sociale créée. »
    pub summary: String,
    /// « Projets » (by origin partner, with their follow-ups), then « Partenariats » (follow-ups
    /// with partners); a list with no item is left out.
    pub sections: Vec<CohortNarrativeSection>,
    /// Why some figures are not given; null when none is hidden in the text.
    pub note: Option<String>,
    /// Everything as plain text: the sentence, each heading followed by its items (one per
    /// line, « ▪ » bullets, « ; » between them and « . » after the last), then the note;
    /// blocks separated by a blank line. French typography: a no-break space (U+00A0) before
    /// « : » and « ; » and between thousands.
    pub text: String,
}

impl CohortNarrative {
    fn new(narrative: domain::narrative::Narrative, language: crate::enums::Language) -> Self {
        CohortNarrative {
            language,
            text: narrative.text(),
            summary: narrative.summary,
            sections: narrative
                .sections
                .into_iter()
                .map(|s| CohortNarrativeSection { heading: s.heading, items: s.items })
                .collect(),
            note: narrative.note,
        }
    }
}

/// A titled list of the paragraph.
#[derive(SimpleObject, Debug, Clone)]
pub struct CohortNarrativeSection {
    /// « Projets » or « Partenariats » ("Projects", "Partnerships").
    pub heading: String,
    /// One line each, punctuated as in the annual report: « Cégep de Victoriaville : quatre (4)
    /// projets issus du partenariat (26 suivis) ; ».
    pub items: Vec<String>,
}

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

fn int(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Counts as the domain's suppression takes them (a negative count cannot come from SQL `count`).
fn unsigned(counts: impl IntoIterator<Item = i64>) -> Vec<u64> {
    counts.into_iter().map(|c| u64::try_from(c).unwrap_or(0)).collect()
}

/// A cell after suppression: `None` when hidden.
fn shown(count: i64, hidden: bool) -> Option<i32> {
    (!hidden).then(|| int(count))
}

/// Applies the viewer's suppression to counts of people.
#[derive(Debug, Clone, Copy)]
pub struct Suppressor {
    applied: bool,
    threshold: u32,
}

impl Suppressor {
    /// Suppression for a viewer: funders only.
    pub fn for_viewer(viewer: &Viewer, policy: &ReportPolicy) -> Self {
        Suppressor { applied: viewer.role == Role::Funder, threshold: policy.suppression_threshold }
    }

    /// The mask of a breakdown (nothing hidden when suppression does not apply).
    pub fn mask(&self, counts: &[i64], additive: bool) -> Mask {
        if !self.applied {
            return Mask { cells: vec![false; counts.len()], total: false };
        }
        let counts: Vec<u64> = counts.iter().map(|c| u64::try_from(*c).unwrap_or(0)).collect();
        suppress(&counts, self.threshold, additive)
    }

    /// What to hide of a cohort's counts of people (nothing when suppression does not apply).
    pub fn cohort(&self, people: &CohortPeople<'_>) -> CohortMask {
        if !self.applied {
            return CohortMask {
                reached: false,
                stages: vec![false; people.stages.len()],
                breakdowns: people.breakdowns.iter().map(|b| vec![false; b.len()]).collect(),
            };
        }
        suppress_cohort(people, self.threshold)
    }

    /// Whether a cohort's people reached is hidden: the same answer as [`Suppressor::cohort`],
    /// from the figure alone (comparisons use it for the previous cohort).
    pub fn reached_hidden(&self, reached: i64) -> bool {
        self.applied && reached_hidden(u64::try_from(reached).unwrap_or(0), self.threshold)
    }

    /// Which regions' people reached, and whether the network total, to hide.
    pub fn network(&self, regions: &[RegionPeople]) -> Mask {
        if !self.applied {
            return Mask { cells: vec![false; regions.len()], total: false };
        }
        suppress_network(regions, self.threshold)
    }

    fn info(&self) -> SuppressionInfo {
        SuppressionInfo { applied: self.applied, threshold: int(i64::from(self.threshold)) }
    }
}

/// Loads what the report needs and checks that the viewer may read it: ADMIN, the region's
/// agents and funders. Partners: `FORBIDDEN`; another region's or an unknown cohort: `NOT_FOUND`.
/// In a transaction of its own (the exports); `cohortReport` reads in its request's
/// ([`cohort_report_in`]).
pub async fn build_cohort_report(
    store: &Store,
    viewer: &Viewer,
    policy: &ReportPolicy,
    cohort_id: Uuid,
) -> ApiResult<CohortReport> {
    let reads = RequestTx::new(store.clone(), Some(viewer.scope()), sismic_store::Mode::Snapshot, None);
    let report = cohort_report_in(&reads, viewer, policy, cohort_id).await;
    reads.close().await;
    report
}

/// [`build_cohort_report`] in the request's transaction: the viewer's check and the
/// aggregates read one snapshot.
pub async fn cohort_report_in(
    reads: &RequestTx,
    viewer: &Viewer,
    policy: &ReportPolicy,
    cohort_id: Uuid,
) -> ApiResult<CohortReport> {
    if viewer.role == Role::Partner {
        return Err(ApiError::Forbidden("partners do not read cohort reports"));
    }
    // Whether the viewer may read this cohort is decided with the viewer's own scope...
    let cohort = regions::cohorts_by_ids(&mut *reads.lock().await?, &[cohort_id]).await?.into_iter().next();
    let cohort = match cohort {
        Some(c) if viewer.role != Role::Agent || viewer.region_id == Some(c.region_id) => c,
        _ => return Err(ApiError::not_found("cohort")),
    };
    // ...then the aggregates run with the REPORT scope, which reads every row of the cohort
    // (a funder's totals count rows the funder may not see one by one) and returns only counts.
    let mut tx = reads.as_report().await?;
    let data = reports::cohort_report(&mut tx, cohort_id).await?;
    tx.finish().await?;
    let reports::CohortReportData { figures, dimensions: dims, previous, partners: partner_rows, region } = data;
    let (previous, previous_headline) = match previous {
        Some((cohort, headline)) => (Some(cohort), Some(headline)),
        None => (None, None),
    };
    let partner_rows: HashMap<Uuid, PartnerRow> = partner_rows.into_iter().map(|p| (p.partner_id, p)).collect();

    let sup = Suppressor::for_viewer(viewer, policy);
    let partner = |id: Uuid| -> ApiResult<Partner> {
        partner_rows.get(&id).cloned().map(Partner).ok_or_else(|| ApiError::not_found("partner"))
    };

    // People: reached, per stage, per dimension; what to hide is decided for all of them at
    // once (domain::report::suppress_cohort), since they constrain one another.
    let by_stage: Vec<i64> = domain::Stage::ALL
        .into_iter()
        .map(|s| figures.participants_by_stage.iter().filter(|(x, _)| *x == s).map(|(_, c)| c).sum())
        .collect();
    let by_gender: Vec<(Option<domain::Gender>, i64)> = domain::Gender::ALL
        .iter()
        .map(|g| Some(*g))
        .chain([None])
        .map(|g| (g, dims.participants_by_gender.iter().filter(|(x, _)| *x == g).map(|(_, c)| c).sum()))
        .collect();
    let start_year = cohort.starts_on.year();
    let by_band: Vec<i64> = domain::AgeBand::ALL
        .iter()
        .map(|band| {
            dims.participants_by_birth_year
                .iter()
                .filter(|(year, _)| {
                    domain::AgeBand::of_age(domain::AgeBand::age_in(start_year, year.map(i32::from))) == *band
                })
                .map(|(_, c)| c)
                .sum()
        })
        .collect();
    let by_mrc = mrc_rows(&dims.participants_by_mrc);
    let stage_counts = unsigned(by_stage.iter().copied());
    let breakdowns = [
        unsigned(by_gender.iter().map(|(_, c)| *c)),
        unsigned(by_band.iter().copied()),
        unsigned(by_mrc.iter().map(|(_, c)| *c)),
    ];
    let breakdown_refs: Vec<&[u64]> = breakdowns.iter().map(Vec::as_slice).collect();
    let people = sup.cohort(&CohortPeople {
        reached: u64::try_from(figures.participants_reached).unwrap_or(0),
        stages: &stage_counts,
        breakdowns: &breakdown_refs,
    });
    let reached_hidden = people.reached;
    let participants_by_stage = domain::Stage::ALL
        .into_iter()
        .zip(&by_stage)
        .zip(&people.stages)
        .zip(hidden_below(&people.stages, reached_hidden, sup.threshold))
        .map(|(((stage, count), hidden), below)| StageCount {
            stage: stage.into(),
            count: shown(*count, *hidden),
            suppressed: *hidden,
            suppressed_below: below,
        })
        .collect();
    let participants_by_gender = by_gender
        .iter()
        .zip(&people.breakdowns[0])
        .zip(hidden_below(&people.breakdowns[0], reached_hidden, sup.threshold))
        .map(|(((g, c), hidden), below)| GenderCount {
            gender: g.map(Into::into),
            count: shown(*c, *hidden),
            suppressed: *hidden,
            suppressed_below: below,
        })
        .collect();
    let participants_by_age_band = domain::AgeBand::ALL
        .iter()
        .zip(&by_band)
        .zip(&people.breakdowns[1])
        .zip(hidden_below(&people.breakdowns[1], reached_hidden, sup.threshold))
        .map(|(((band, c), hidden), below)| AgeBandCount {
            band: (*band).into(),
            count: shown(*c, *hidden),
            suppressed: *hidden,
            suppressed_below: below,
        })
        .collect();
    let participants_by_mrc =
        mrc_counts(by_mrc, &people.breakdowns[2], &hidden_below(&people.breakdowns[2], reached_hidden, sup.threshold));

    let projects_by_stage = domain::Stage::ALL
        .into_iter()
        .map(|stage| StageCount {
            stage: stage.into(),
            count: Some(int(figures.projects_by_state.iter().filter(|(s, _, _)| *s == stage).map(|(_, _, c)| c).sum())),
            suppressed: false,
            suppressed_below: None,
        })
        .collect();
    let status_count = |status: domain::ProjectStatus| -> i64 {
        figures.projects_by_state.iter().filter(|(_, s, _)| *s == status).map(|(_, _, c)| c).sum()
    };
    let projects_by_status = domain::ProjectStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status: status.into(), count: int(status_count(status)), suppressed: false })
        .collect();
    let project_count: i64 = figures.projects_by_state.iter().map(|(_, _, c)| c).sum();

    let mut follow_ups_by_origin = Vec::with_capacity(figures.follow_ups_by_origin.len());
    for row in &figures.follow_ups_by_origin {
        follow_ups_by_origin.push(OriginFollowUps {
            partner: row.partner_id.map(&partner).transpose()?,
            project_count: int(row.project_count),
            follow_up_count: int(row.follow_up_count),
        });
    }
    let mut partner_follow_ups = Vec::with_capacity(figures.partner_follow_ups.len());
    for row in &figures.partner_follow_ups {
        partner_follow_ups
            .push(PartnerFollowUps { partner: partner(row.partner_id)?, follow_up_count: int(row.follow_up_count) });
    }
    let partner_follow_up_count: i64 = figures.partner_follow_ups.iter().map(|r| r.follow_up_count).sum();

    // Funnel and time in stage: projects, exact.
    let f = dims.funnel;
    let as_u = |v: i64| u64::try_from(v).unwrap_or(0);
    let funnel = StageFunnel {
        steps: vec![
            FunnelStep {
                stage: Stage::Revelation,
                projects_reached: int(f.reached_revelation),
                conversion_to_next: rate(as_u(f.revelation_to_ideation), as_u(f.reached_revelation)),
            },
            FunnelStep {
                stage: Stage::Ideation,
                projects_reached: int(f.reached_ideation),
                conversion_to_next: rate(as_u(f.ideation_to_prototyping), as_u(f.reached_ideation)),
            },
            FunnelStep {
                stage: Stage::Prototyping,
                projects_reached: int(f.reached_prototyping),
                conversion_to_next: None,
            },
        ],
        launched: int(f.launched),
        launch_rate: rate(as_u(f.launched), as_u(f.reached_prototyping)),
    };
    let time_in_stage = domain::Stage::ALL
        .into_iter()
        .map(|stage| {
            let row = dims.stage_times.iter().find(|r| r.stage == stage);
            StageTime {
                stage: stage.into(),
                median_days: row.and_then(|r| r.median_days),
                completed_stays: row.map_or(0, |r| int(r.completed)),
                open_stays: row.map_or(0, |r| int(r.open)),
            }
        })
        .collect();

    let projects_by_sector = domain::Sector::ALL
        .iter()
        .map(|s| Some(*s))
        .chain([None])
        .map(|sector| SectorCount {
            sector: sector.map(Into::into),
            count: Some(int(dims.projects_by_sector.iter().filter(|(x, _)| *x == sector).map(|(_, c)| c).sum())),
            suppressed: false,
        })
        .collect();
    let projects_by_mrc = {
        let rows = mrc_rows(&dims.projects_by_mrc);
        let exact = vec![false; rows.len()];
        mrc_counts(rows, &exact, &vec![None; exact.len()])
    };

    let teams: Vec<i64> = domain::TeamComposition::ALL
        .iter()
        .map(|t| dims.teams.iter().filter(|(x, _)| x == t).map(|(_, c)| c).sum())
        .collect();
    let mask = sup.mask(&teams, true);
    let teams_by_composition = domain::TeamComposition::ALL
        .iter()
        .zip(&teams)
        .zip(&mask.cells)
        // Team counts are projects: all of them are small when their total (the projects) is.
        .zip(hidden_below(&mask.cells, mask.total, sup.threshold))
        .map(|(((t, c), hidden), below)| TeamCompositionCount {
            composition: (*t).into(),
            count: shown(*c, *hidden),
            suppressed: *hidden,
            suppressed_below: below,
        })
        .collect();

    let current = reports::Headline {
        participants_reached: figures.participants_reached,
        project_count,
        enterprises_created: status_count(domain::ProjectStatus::Launched),
        follow_up_count: figures.follow_up_count,
        partner_follow_up_count,
        award_count: figures.award_count,
        award_total_cents: figures.award_total_cents,
    };
    let comparison = CohortComparison {
        figures: compare(&current, previous_headline.as_ref(), &sup),
        previous_cohort: previous.map(Cohort),
    };

    Ok(CohortReport {
        region_name: region.map(|r: RegionRow| r.name).unwrap_or_default(),
        cohort: Cohort(cohort),
        participants_reached: shown(figures.participants_reached, reached_hidden),
        participants_reached_suppressed: reached_hidden,
        participants_by_stage,
        project_count: int(project_count),
        projects_by_stage,
        projects_by_status,
        enterprises_created: int(current.enterprises_created),
        follow_up_count: int(figures.follow_up_count),
        follow_ups_by_origin,
        partner_follow_ups,
        awards: AwardSummary { count: int(figures.award_count), total_amount_cents: int(figures.award_total_cents) },
        suppression: sup.info(),
        funnel,
        time_in_stage,
        projects_by_sector,
        projects_by_mrc,
        participants_by_gender,
        participants_by_age_band,
        participants_by_mrc,
        teams_by_composition,
        comparison,
    })
}

/// MRC rows by name (case and accents folded, see [`fold`]), then the not-recorded row.
fn mrc_rows(rows: &[(Option<String>, i64)]) -> Vec<(Option<String>, i64)> {
    let mut named: Vec<(Option<String>, i64)> = rows.iter().filter(|(m, _)| m.is_some()).cloned().collect();
    named.sort_by_key(|(m, _)| m.as_deref().map(fold));
    named.push((None, rows.iter().filter(|(m, _)| m.is_none()).map(|(_, c)| c).sum()));
    named
}

/// MRC cells, hidden where `hidden` says.
fn mrc_counts(rows: Vec<(Option<String>, i64)>, hidden: &[bool], below: &[Option<i32>]) -> Vec<MrcCount> {
    rows.into_iter()
        .zip(hidden)
        .zip(below)
        .map(|(((mrc, count), hidden), below)| MrcCount {
            mrc,
            count: shown(count, *hidden),
            suppressed: *hidden,
            suppressed_below: *below,
        })
        .collect()
}

/// `suppressedBelow` of each cell of a group whose hidden cells are `hidden`: the threshold for
/// a hidden cell known to be below it — every cell when `all_small` (the group's bound, such as
/// the cohort's people reached, is itself hidden and so small), or a cell hidden alone in its
/// group (complementary suppression always hides at least two) — else null
/// ([`sismic_domain::narrative::hidden_count`]).
fn hidden_below(hidden: &[bool], all_small: bool, threshold: u32) -> Vec<Option<i32>> {
    use sismic_domain::narrative::{hidden_count, HiddenCount};
    let count = hidden.iter().filter(|h| **h).count();
    hidden
        .iter()
        .map(|h| match (h, hidden_count(all_small, count, threshold)) {
            (true, HiddenCount::Below(t)) => Some(int(i64::from(t))),
            _ => None,
        })
        .collect()
}

/// A sort key that puts "L'Érable" between "Drummond" and "Nicolet-Yamaska": lower case,
/// accents removed (the same transliteration as the import's `columns::fold`, which also drops
/// punctuation).
fn fold(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

fn compare(current: &reports::Headline, previous: Option<&reports::Headline>, sup: &Suppressor) -> Vec<ComparedFigure> {
    let pick = |h: &reports::Headline, figure: ReportFigure| -> i64 {
        match figure {
            ReportFigure::ParticipantsReached => h.participants_reached,
            ReportFigure::ProjectCount => h.project_count,
            ReportFigure::EnterprisesCreated => h.enterprises_created,
            ReportFigure::FollowUpCount => h.follow_up_count,
            ReportFigure::PartnerFollowUpCount => h.partner_follow_up_count,
            ReportFigure::AwardCount => h.award_count,
        }
    };
    ReportFigure::all_figures()
        .iter()
        .map(|figure| {
            let people = *figure == ReportFigure::ParticipantsReached;
            // The same decision as each cohort's own report, so that the comparison shows no
            // figure that report hides, nor hides one it shows.
            let hidden = |v: i64| people && sup.reached_hidden(v);
            let now = pick(current, *figure);
            let before = previous.map(|p| pick(p, *figure));
            let suppressed = hidden(now) || before.is_some_and(hidden);
            let (cur, prev) = if suppressed {
                (shown(now, hidden(now)), before.and_then(|b| shown(b, hidden(b))))
            } else {
                (Some(int(now)), before.map(int))
            };
            let both = if suppressed { None } else { before.map(|b| (now, b)) };
            ComparedFigure {
                figure: *figure,
                current: cur,
                previous: prev,
                difference: both.map(|(n, b)| int(n - b)),
                percent_change: both.and_then(|(n, b)| percent_change(n, b)),
                suppressed,
            }
        })
        .collect()
}

impl ReportFigure {
    /// Every figure, in reporting order.
    pub fn all_figures() -> &'static [ReportFigure] {
        &[
            ReportFigure::ParticipantsReached,
            ReportFigure::ProjectCount,
            ReportFigure::EnterprisesCreated,
            ReportFigure::FollowUpCount,
            ReportFigure::PartnerFollowUpCount,
            ReportFigure::AwardCount,
        ]
    }
}

// ---------------------------------------------------------------------------------------------
// The network view.

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

// ---------------------------------------------------------------------------------------------
// JSON forms of the objects the report links to (the JSON export): ids and names only.

fn cohort_json<S: Serializer>(cohort: &Cohort, s: S) -> Result<S::Ok, S::Error> {
    let c = &cohort.0;
    let mut map = s.serialize_map(Some(5))?;
    map.serialize_entry("id", ids::encode(Kind::Cohort, c.cohort_id).as_str())?;
    map.serialize_entry("name", &c.name)?;
    map.serialize_entry("regionId", ids::encode(Kind::Region, c.region_id).as_str())?;
    map.serialize_entry("startsOn", &c.starts_on.to_string())?;
    map.serialize_entry("endsOn", &c.ends_on.to_string())?;
    map.end()
}

fn cohort_opt_json<S: Serializer>(cohort: &Option<Cohort>, s: S) -> Result<S::Ok, S::Error> {
    match cohort {
        Some(c) => cohort_json(c, s),
        None => s.serialize_none(),
    }
}

fn partner_json<S: Serializer>(partner: &Partner, s: S) -> Result<S::Ok, S::Error> {
    let p = &partner.0;
    let mut map = s.serialize_map(Some(3))?;
    map.serialize_entry("id", ids::encode(Kind::Partner, p.partner_id).as_str())?;
    map.serialize_entry("name", &p.name)?;
    map.serialize_entry("kind", &p.kind)?;
    map.end()
}

fn partner_opt_json<S: Serializer>(partner: &Option<Partner>, s: S) -> Result<S::Ok, S::Error> {
    match partner {
        Some(p) => partner_json(p, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrc_names_sort_as_french_readers_expect() {
        let mut names = vec!["Nicolet-Yamaska", "L'Érable", "arthabaska", "Drummond", "Bécancour"];
        names.sort_by_key(|n| fold(n));
        assert_eq!(names, vec!["arthabaska", "Bécancour", "Drummond", "L'Érable", "Nicolet-Yamaska"]);
    }

    #[test]
    fn programme_years_run_april_to_march() {
        let (from, to) = program_year_bounds(2020).unwrap();
        assert_eq!((from.to_string(), to.to_string()), ("2020-04-01".to_owned(), "2021-03-31".to_owned()));
        assert!(program_year_bounds(1999).is_err());
    }

    #[test]
    fn a_hidden_side_hides_the_difference() {
        let sup = Suppressor { applied: true, threshold: 5 };
        let now = reports::Headline { participants_reached: 7, project_count: 3, ..Default::default() };
        let before = reports::Headline { participants_reached: 3, project_count: 2, ..Default::default() };
        let figures = compare(&now, Some(&before), &sup);
        assert_eq!(figures[0].current, Some(7));
        assert_eq!(figures[0].previous, None);
        assert_eq!(figures[0].difference, None, "7 - difference would give the hidden 3");
        assert!(figures[0].suppressed);
        assert_eq!(figures[1].difference, Some(1));
        assert_eq!(figures[1].percent_change, Some(50.0));
        let exact = compare(&now, Some(&before), &Suppressor { applied: false, threshold: 5 });
        assert_eq!(exact[0].difference, Some(4));
        let none = compare(&now, None, &sup);
        assert_eq!((none[1].previous, none[1].difference, none[1].percent_change), (None, None, None));
    }
}
