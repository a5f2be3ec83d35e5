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

mod cohort;
mod figures;
mod network;
#[cfg(test)]
mod tests;

use crate::auth::Viewer;
use crate::enums::Stage;
use crate::ids::{self, Kind};
use crate::types::{Cohort, Partner};
use async_graphql::{ComplexObject, SimpleObject};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use sismic_domain as domain;
use sismic_domain::report::{
    reached_hidden, suppress, suppress_cohort, suppress_network, CohortMask, CohortPeople, Mask, RegionPeople,
};
use sismic_domain::Role;

pub use cohort::{build_cohort_report, cohort_report_in};
pub use figures::{
    AgeBandCount, AwardSummary, CohortComparison, ComparedFigure, FunnelStep, GenderCount, MrcCount, OriginFollowUps,
    PartnerFollowUps, SectorCount, StageCount, StageFunnel, StageTime, StatusCount, SuppressionInfo,
    TeamCompositionCount,
};
pub use network::{build_network_report, program_year_bounds, NetworkFigures, NetworkRegion, NetworkReport};

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
