//! Building a cohort report: its figures read from PostgreSQL, the viewer's suppression
//! applied, and the comparison with the previous cohort.

use super::{
    int, shown, unsigned, AgeBandCount, AwardSummary, CohortComparison, CohortReport, ComparedFigure, FunnelStep,
    GenderCount, MrcCount, OriginFollowUps, PartnerFollowUps, ReportPolicy, SectorCount, StageCount, StageFunnel,
    StageTime, StatusCount, Suppressor, TeamCompositionCount,
};
use crate::auth::Viewer;
use crate::context::RequestTx;
use crate::enums::{ReportFigure, Stage};
use crate::error::{ApiError, ApiResult};
use crate::types::{Cohort, Partner};
use chrono::Datelike;
use sismic_domain as domain;
use sismic_domain::report::{percent_change, rate, CohortPeople};
use sismic_domain::Role;
use sismic_store::partners::PartnerRow;
use sismic_store::regions::{self, RegionRow};
use sismic_store::{reports, Store};
use std::collections::HashMap;
use uuid::Uuid;

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
pub(super) fn fold(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

pub(super) fn compare(
    current: &reports::Headline,
    previous: Option<&reports::Headline>,
    sup: &Suppressor,
) -> Vec<ComparedFigure> {
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
