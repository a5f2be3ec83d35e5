//! Cohort outcome figures, computed by PostgreSQL from what was logged.
//!
//! A cohort's report is one statement ([`cohort_report`]), the network report another
//! ([`network_figures`]): a fixed number of round trips whatever the size; nothing is counted
//! in Rust. The caller checks that the scope may read the report: these queries read every row
//! of the cohort, because a funder's aggregate needs rows the funder may not see one by one.

use crate::StoreError;
use chrono::NaiveDate;
use sismic_domain::{Gender, ProjectStatus, Sector, Stage, TeamComposition};
use sqlx::PgConnection;
use uuid::Uuid;

/// The figures of one cohort, as API.md defines them.
#[derive(Debug, Clone, Default)]
pub struct CohortFigures {
    /// Distinct participants at any of the cohort's activities.
    pub participants_reached: i64,
    /// Distinct participants per stage of the activities they attended.
    pub participants_by_stage: Vec<(Stage, i64)>,
    /// Projects per (current stage, current status).
    pub projects_by_state: Vec<(Stage, ProjectStatus, i64)>,
    /// Follow-ups on the cohort's projects.
    pub follow_up_count: i64,
    /// Per origin partner (none last): projects and their follow-ups, ordered as API.md says.
    pub follow_ups_by_origin: Vec<OriginRow>,
    /// Per partner: follow-ups with no project, dated within the cohort, of its region.
    pub partner_follow_ups: Vec<PartnerRow>,
    /// Awards to the cohort's projects.
    pub award_count: i64,
    /// Their total, in cents.
    pub award_total_cents: i64,
}

/// Follow-ups of projects grouped by where the projects came from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OriginRow {
    /// Origin partner; none for projects without one.
    pub partner_id: Option<Uuid>,
    /// Projects from that origin.
    pub project_count: i64,
    /// Follow-ups on those projects.
    pub follow_up_count: i64,
}

/// Follow-ups with one partner.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerRow {
    /// The partner.
    pub partner_id: Uuid,
    /// Follow-ups with it.
    pub follow_up_count: i64,
}

fn parse<T: std::str::FromStr>(value: &str) -> Result<T, StoreError> {
    value.parse().map_err(|_| StoreError::Database(sqlx::Error::Decode(format!("unexpected value {value:?}").into())))
}

/// The stage funnel of a cohort's projects, from their stage history.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct FunnelRow {
    /// Projects whose history ever shows REVELATION.
    pub reached_revelation: i64,
    /// Projects whose history ever shows IDEATION.
    pub reached_ideation: i64,
    /// Projects whose history ever shows PROTOTYPING.
    pub reached_prototyping: i64,
    /// Projects that reached both REVELATION and IDEATION.
    pub revelation_to_ideation: i64,
    /// Projects that reached both IDEATION and PROTOTYPING.
    pub ideation_to_prototyping: i64,
    /// Projects LAUNCHED (final: the current status says it).
    pub launched: i64,
}

/// Time spent in one stage by a cohort's projects.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StageTimeRow {
    /// The stage.
    #[sqlx(try_from = "String")]
    pub stage: Stage,
    /// Stays that ended (the project left the stage or stopped being ACTIVE).
    pub completed: i64,
    /// Stays still going on (the project is ACTIVE in that stage now).
    pub open: i64,
    /// Median length of the completed stays, in days (fractional).
    pub median_days: Option<f64>,
}

/// Counts of a cohort by the report dimensions (issue 4). Each vector holds aggregates, one
/// row per value seen (`None`: not recorded).
#[derive(Debug, Clone, Default)]
pub struct CohortDimensions {
    /// The stage funnel.
    pub funnel: FunnelRow,
    /// Time in each stage (stages without any stay are absent).
    pub stage_times: Vec<StageTimeRow>,
    /// Projects per sector.
    pub projects_by_sector: Vec<(Option<Sector>, i64)>,
    /// Projects per MRC.
    pub projects_by_mrc: Vec<(Option<String>, i64)>,
    /// Reached participants per gender.
    pub participants_by_gender: Vec<(Option<Gender>, i64)>,
    /// Reached participants per birth year.
    pub participants_by_birth_year: Vec<(Option<i16>, i64)>,
    /// Reached participants per MRC.
    pub participants_by_mrc: Vec<(Option<String>, i64)>,
    /// Projects per team composition.
    pub teams: Vec<(TeamComposition, i64)>,
}

/// The main figures of a cohort, for comparisons (one query).
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct Headline {
    /// Distinct participants at the cohort's activities.
    pub participants_reached: i64,
    /// Projects of the cohort.
    pub project_count: i64,
    /// Projects LAUNCHED.
    pub enterprises_created: i64,
    /// Follow-ups on the cohort's projects.
    pub follow_up_count: i64,
    /// Follow-ups with partners, without a project, within the cohort's dates and region.
    pub partner_follow_up_count: i64,
    /// Awards to the cohort's projects.
    pub award_count: i64,
    /// Their total in cents.
    pub award_total_cents: i64,
}

/// The main figures of one region over a programme year.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NetworkRow {
    /// The region.
    pub region_id: Uuid,
    /// Its cohorts starting within the year.
    pub cohort_count: i64,
    /// Distinct participants at those cohorts' activities (counted once per region).
    #[sqlx(flatten)]
    pub figures: Headline,
    /// Distinct participants of each of those cohorts (what their cohort reports show), by
    /// cohort id: the network report hides a region's figure when one of them is hidden.
    pub cohorts_reached: Vec<i64>,
}

/// The main figures of every region (by code) for the cohorts that start between `from` and
/// `to` (a programme year): one query.
#[tracing::instrument(skip_all)]
pub async fn network_figures(
    conn: &mut PgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NetworkRow>, StoreError> {
    Ok(sqlx::query_as(
        r#"with c as (select cohort_id, region_id, starts_on, ends_on from cohort where starts_on between $1 and $2)
           select r.region_id,
             (select count(*) from c where c.region_id = r.region_id) as cohort_count,
             (select count(distinct a.participant_id) from attendance a join activity ac using (activity_id)
              join c using (cohort_id) where c.region_id = r.region_id) as participants_reached,
             (select count(*) from project p join c using (cohort_id) where c.region_id = r.region_id) as project_count,
             (select count(*) from project p join c using (cohort_id)
              where c.region_id = r.region_id and p.status = 'LAUNCHED') as enterprises_created,
             (select count(*) from follow_up f join project p using (project_id) join c using (cohort_id)
              where c.region_id = r.region_id) as follow_up_count,
             (select count(*) from follow_up f where f.project_id is null and f.region_id = r.region_id
              and exists (select 1 from c where c.region_id = f.region_id
                          and f.occurred_on between c.starts_on and c.ends_on)) as partner_follow_up_count,
             (select count(*) from award aw join project p using (project_id) join c using (cohort_id)
              where c.region_id = r.region_id) as award_count,
             (select coalesce(sum(aw.amount_cents), 0)::bigint from award aw join project p using (project_id)
              join c using (cohort_id) where c.region_id = r.region_id) as award_total_cents,
             array(select (select count(distinct a.participant_id) from attendance a join activity ac using (activity_id)
                           where ac.cohort_id = c.cohort_id)
                   from c where c.region_id = r.region_id order by c.cohort_id) as cohorts_reached
           from region r order by r.code"#,
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// Everything a cohort report reads, from one statement ([`cohort_report`]).
#[derive(Debug, Clone, Default)]
pub struct CohortReportData {
    /// The figures.
    pub figures: CohortFigures,
    /// The report dimensions.
    pub dimensions: CohortDimensions,
    /// The region's previous cohort (the one that started last before this one), and its
    /// main figures.
    pub previous: Option<(crate::regions::CohortRow, Headline)>,
    /// The partners the figures name.
    pub partners: Vec<crate::partners::PartnerRow>,
    /// The cohort's region.
    pub region: Option<crate::regions::RegionRow>,
}

/// What [`COHORT_REPORT_SQL`] answers, as JSON.
#[derive(serde::Deserialize)]
struct ReportJson {
    reached: i64,
    by_stage: Vec<(String, i64)>,
    states: Vec<(String, String, i64)>,
    origins: Vec<(Option<Uuid>, i64, i64)>,
    partner_follow_ups: Vec<(Uuid, i64)>,
    awards: (i64, i64),
    funnel: (i64, i64, i64, i64, i64, i64),
    stage_times: Vec<(String, i64, i64, Option<f64>)>,
    by_sector: Vec<(Option<String>, i64)>,
    by_mrc: Vec<(Option<String>, i64)>,
    by_gender: Vec<(Option<String>, i64)>,
    by_birth_year: Vec<(Option<i16>, i64)>,
    by_participant_mrc: Vec<(Option<String>, i64)>,
    teams: Vec<(i64, i64, i64, i64, i64)>,
    previous: Option<PreviousJson>,
    partners: Vec<(Uuid, String, String, chrono::DateTime<chrono::Utc>)>,
    region: Option<(Uuid, String, String, chrono::DateTime<chrono::Utc>)>,
}

#[derive(serde::Deserialize)]
struct PreviousJson {
    cohort: (Uuid, Uuid, String, NaiveDate, NaiveDate, chrono::DateTime<chrono::Utc>),
    headline: (i64, i64, i64, i64, i64, i64, i64),
}

/// The whole report of a cohort in one statement. People come from `cohort_reach` (one row per
/// participant the cohort reached, with their attendances per stage and their report
/// dimensions, kept by triggers as attendance is recorded) instead of the cohort's attendance
/// and each reached participant's row; the cohort's projects, history and teams are each read
/// once, by their keys; follow-ups are counted from the projects' own counters (kept by the
/// `follow_up_tally` trigger) instead of their rows.
const COHORT_REPORT_SQL: &str = r#"
with c as (select cohort_id, region_id, starts_on, ends_on from cohort where cohort_id = $1),
reach as materialized (
    select revelation, ideation, prototyping, gender, birth_year, mrc from cohort_reach where cohort_id = $1),
projs as materialized (
    select project_id, origin_partner_id, stage, status, sector, mrc, follow_up_count from project where cohort_id = $1),
events as materialized (
    select e.project_id, e.version, e.to_stage, e.to_status, e.at
    from projs p cross join lateral (select * from project_stage_event e where e.project_id = p.project_id) e),
origins as (
    select p.origin_partner_id, count(*) as projects, sum(p.follow_up_count) as follow_ups, pa.name
    from projs p left join partner pa on pa.partner_id = p.origin_partner_id
    group by p.origin_partner_id, pa.name),
partner_fus as (
    select f.partner_id, count(*) as follow_ups, pa.name
    from follow_up f join c on f.region_id = c.region_id join partner pa on pa.partner_id = f.partner_id
    where f.project_id is null and f.occurred_on between c.starts_on and c.ends_on
    group by f.partner_id, pa.name),
reached_stages as (
    select p.project_id, p.status = 'LAUNCHED' as launched,
           bool_or(e.to_stage = 'REVELATION') as rev, bool_or(e.to_stage = 'IDEATION') as idea,
           bool_or(e.to_stage = 'PROTOTYPING') as proto
    from projs p join events e using (project_id) group by p.project_id, p.status),
e as (
    select project_id, version, at, case when to_status = 'ACTIVE' then to_stage end as active_stage,
           lead(at) over w as next_at
    from events window w as (partition by project_id order by version)),
flagged as (select *, active_stage is distinct from lag(active_stage) over w as starts
            from e window w as (partition by project_id order by version)),
numbered as (select *, count(*) filter (where starts) over w as run
             from flagged window w as (partition by project_id order by version)),
stays as (
    select active_stage as stage, min(at) as started, bool_or(next_at is null) as open, max(next_at) as ended
    from numbered where active_stage is not null group by project_id, run, active_stage),
team as (
    select p.project_id, count(m.participant_id) as members,
           count(*) filter (where m.gender = 'WOMAN') as women, count(*) filter (where m.gender = 'MAN') as men,
           count(*) filter (where m.gender = 'NON_BINARY') as non_binary
    from projs p left join lateral (
        select pm.participant_id, pa.gender from project_member pm
        join participant pa on pa.participant_id = pm.participant_id
        where pm.project_id = p.project_id) m on true
    group by p.project_id),
prev as (
    select o.cohort_id, o.region_id, o.name, o.starts_on, o.ends_on, o.created_at
    from cohort o join c on o.region_id = c.region_id
    where o.starts_on < c.starts_on and o.cohort_id <> c.cohort_id
    order by o.starts_on desc limit 1),
prev_projects as materialized (
    select p.project_id, p.status, p.follow_up_count from project p join prev using (cohort_id)),
named as (
    select origin_partner_id as partner_id from origins where origin_partner_id is not null
    union select partner_id from partner_fus)
select json_build_object(
    'reached', (select count(*) from reach),
    'by_stage', (select json_build_array(json_build_array('REVELATION', count(*) filter (where revelation > 0)),
                                         json_build_array('IDEATION', count(*) filter (where ideation > 0)),
                                         json_build_array('PROTOTYPING', count(*) filter (where prototyping > 0)))
                 from reach),
    'states', (select coalesce(json_agg(json_build_array(stage, status, n)), '[]') from
                  (select stage, status, count(*) as n from projs group by stage, status) s),
    'origins', (select coalesce(json_agg(json_build_array(origin_partner_id, projects, follow_ups)
                    order by origin_partner_id is null, follow_ups desc, name collate "und-x-icu"), '[]') from origins),
    'partner_follow_ups', (select coalesce(json_agg(json_build_array(partner_id, follow_ups)
                               order by follow_ups desc, name collate "und-x-icu"), '[]') from partner_fus),
    'awards', (select json_build_array(count(*), coalesce(sum(a.amount_cents), 0))
               from projs p cross join lateral (select amount_cents from award a where a.project_id = p.project_id) a),
    'funnel', (select json_build_array(count(*) filter (where rev), count(*) filter (where idea),
                   count(*) filter (where proto), count(*) filter (where rev and idea),
                   count(*) filter (where idea and proto), count(*) filter (where launched)) from reached_stages),
    'stage_times', (select coalesce(json_agg(json_build_array(stage, completed, open, median_days)), '[]') from (
                       select stage, count(*) filter (where not open) as completed, count(*) filter (where open) as open,
                              percentile_cont(0.5) within group (order by extract(epoch from ended - started)::float8 / 86400.0)
                                  filter (where not open) as median_days
                       from stays group by stage) s),
    'by_sector', (select coalesce(json_agg(json_build_array(sector, n)), '[]') from
                     (select sector, count(*) as n from projs group by sector) s),
    'by_mrc', (select coalesce(json_agg(json_build_array(mrc, n)), '[]') from
                  (select mrc, count(*) as n from projs group by mrc) s),
    'by_gender', (select coalesce(json_agg(json_build_array(gender, n)), '[]') from
                     (select gender, count(*) as n from reach group by gender) s),
    'by_birth_year', (select coalesce(json_agg(json_build_array(birth_year, n)), '[]') from
                         (select birth_year, count(*) as n from reach group by birth_year) s),
    'by_participant_mrc', (select coalesce(json_agg(json_build_array(mrc, n)), '[]') from
                              (select mrc, count(*) as n from reach group by mrc) s),
    'teams', (select coalesce(json_agg(json_build_array(members, women, men, non_binary, n)), '[]') from
                 (select members, women, men, non_binary, count(*) as n from team
                  group by members, women, men, non_binary) s),
    'previous', (select json_build_object(
        'cohort', json_build_array(prev.cohort_id, prev.region_id, prev.name, prev.starts_on, prev.ends_on, prev.created_at),
        'headline', json_build_array(
            (select count(*) from cohort_reach r where r.cohort_id = prev.cohort_id),
            (select count(*) from prev_projects),
            (select count(*) from prev_projects where status = 'LAUNCHED'),
            (select coalesce(sum(follow_up_count), 0) from prev_projects),
            (select count(*) from follow_up f where f.project_id is null and f.region_id = prev.region_id
             and f.occurred_on between prev.starts_on and prev.ends_on),
            (select count(*) from prev_projects p join award aw using (project_id)),
            (select coalesce(sum(aw.amount_cents), 0) from prev_projects p join award aw using (project_id))))
        from prev),
    'partners', (select coalesce(json_agg(json_build_array(pa.partner_id, pa.name, pa.kind, pa.created_at)), '[]')
                 from partner pa join named using (partner_id)),
    'region', (select json_build_array(r.region_id, r.code, r.name, r.created_at) from region r join c using (region_id))
)
"#;

/// Everything a cohort's report reads, in one statement (see [`COHORT_REPORT_SQL`]). The
/// caller checked that the scope may read the cohort's report.
#[tracing::instrument(skip_all)]
pub async fn cohort_report(conn: &mut PgConnection, cohort_id: Uuid) -> Result<CohortReportData, StoreError> {
    let (json,): (sqlx::types::Json<ReportJson>,) =
        sqlx::query_as(COHORT_REPORT_SQL).bind(cohort_id).fetch_one(conn).await?;
    let r = json.0;
    let mut figures = CohortFigures { participants_reached: r.reached, ..Default::default() };
    for (stage, count) in r.by_stage {
        figures.participants_by_stage.push((parse(&stage)?, count));
    }
    for (stage, status, count) in r.states {
        figures.projects_by_state.push((parse(&stage)?, parse(&status)?, count));
    }
    figures.follow_ups_by_origin = r
        .origins
        .into_iter()
        .map(|(partner_id, project_count, follow_up_count)| OriginRow { partner_id, project_count, follow_up_count })
        .collect();
    figures.follow_up_count = figures.follow_ups_by_origin.iter().map(|o| o.follow_up_count).sum();
    figures.partner_follow_ups = r
        .partner_follow_ups
        .into_iter()
        .map(|(partner_id, follow_up_count)| PartnerRow { partner_id, follow_up_count })
        .collect();
    (figures.award_count, figures.award_total_cents) = r.awards;

    let (rev, idea, proto, rev_idea, idea_proto, launched) = r.funnel;
    let mut dimensions = CohortDimensions {
        funnel: FunnelRow {
            reached_revelation: rev,
            reached_ideation: idea,
            reached_prototyping: proto,
            revelation_to_ideation: rev_idea,
            ideation_to_prototyping: idea_proto,
            launched,
        },
        ..Default::default()
    };
    for (stage, completed, open, median_days) in r.stage_times {
        dimensions.stage_times.push(StageTimeRow { stage: parse(&stage)?, completed, open, median_days });
    }
    for (sector, count) in r.by_sector {
        dimensions.projects_by_sector.push((sector.as_deref().map(parse).transpose()?, count));
    }
    dimensions.projects_by_mrc = r.by_mrc;
    for (gender, count) in r.by_gender {
        dimensions.participants_by_gender.push((gender.as_deref().map(parse).transpose()?, count));
    }
    dimensions.participants_by_birth_year = r.by_birth_year;
    dimensions.participants_by_mrc = r.by_participant_mrc;
    for (members, women, men, non_binary, count) in r.teams {
        let composition = TeamComposition::of(members as u64, women as u64, men as u64, non_binary as u64);
        match dimensions.teams.iter_mut().find(|(c, _)| *c == composition) {
            Some((_, n)) => *n += count,
            None => dimensions.teams.push((composition, count)),
        }
    }

    let previous = r.previous.map(|p| {
        let (cohort_id, region_id, name, starts_on, ends_on, created_at) = p.cohort;
        let (reached, projects, launched, follow_ups, partner_follow_ups, awards, award_cents) = p.headline;
        (
            crate::regions::CohortRow { cohort_id, region_id, name, starts_on, ends_on, created_at },
            Headline {
                participants_reached: reached,
                project_count: projects,
                enterprises_created: launched,
                follow_up_count: follow_ups,
                partner_follow_up_count: partner_follow_ups,
                award_count: awards,
                award_total_cents: award_cents,
            },
        )
    });
    let partners = r
        .partners
        .into_iter()
        .map(|(partner_id, name, kind, created_at)| {
            Ok(crate::partners::PartnerRow { partner_id, name, kind: parse(&kind)?, created_at })
        })
        .collect::<Result<_, StoreError>>()?;
    let region = r.region.map(|(region_id, code, name, created_at)| crate::regions::RegionRow {
        region_id,
        code,
        name,
        created_at,
    });
    Ok(CohortReportData { figures, dimensions, previous, partners, region })
}
