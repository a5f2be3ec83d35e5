//! Cohort outcome figures, computed by PostgreSQL from what was logged.
//!
//! Each figure is one aggregate query (a fixed number of round trips whatever the cohort's
//! size); nothing is counted in Rust. The caller checks that the scope may read the cohort's
//! report: these queries read every row of the cohort, because a funder's aggregate needs rows
//! the funder may not see one by one.

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

/// Computes the figures of a cohort.
pub async fn cohort_figures(conn: &mut PgConnection, cohort_id: Uuid) -> Result<CohortFigures, StoreError> {
    let by_stage: Vec<(Option<String>, i64)> = sqlx::query_as(
        r#"select ac.stage, count(distinct a.participant_id)
           from attendance a join activity ac using (activity_id)
           where ac.cohort_id = $1
           group by rollup (ac.stage)"#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut figures = CohortFigures::default();
    for (stage, count) in by_stage {
        match stage {
            None => figures.participants_reached = count,
            Some(stage) => figures.participants_by_stage.push((parse(&stage)?, count)),
        }
    }

    let states: Vec<(String, String, i64)> =
        sqlx::query_as(r#"select stage, status, count(*) from project where cohort_id = $1 group by stage, status"#)
            .bind(cohort_id)
            .fetch_all(&mut *conn)
            .await?;
    for (stage, status, count) in states {
        figures.projects_by_state.push((parse(&stage)?, parse(&status)?, count));
    }

    figures.follow_ups_by_origin = sqlx::query_as(
        r#"select p.origin_partner_id as partner_id,
                  count(distinct p.project_id) as project_count,
                  count(f.follow_up_id) as follow_up_count
           from project p
           left join follow_up f on f.project_id = p.project_id
           left join partner pa on pa.partner_id = p.origin_partner_id
           where p.cohort_id = $1
           group by p.origin_partner_id, pa.name
           order by p.origin_partner_id is null, count(f.follow_up_id) desc, pa.name collate "und-x-icu""#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    figures.follow_up_count = figures.follow_ups_by_origin.iter().map(|o| o.follow_up_count).sum();

    figures.partner_follow_ups = sqlx::query_as(
        r#"select f.partner_id, count(*) as follow_up_count
           from follow_up f
           join cohort c on c.cohort_id = $1
           join partner pa on pa.partner_id = f.partner_id
           where f.project_id is null
             and f.region_id = c.region_id
             and f.occurred_on between c.starts_on and c.ends_on
           group by f.partner_id, pa.name
           order by count(*) desc, pa.name collate "und-x-icu""#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;

    let (count, total): (i64, i64) = sqlx::query_as(
        r#"select count(*), coalesce(sum(a.amount_cents), 0)::bigint
           from award a join project p using (project_id)
           where p.cohort_id = $1"#,
    )
    .bind(cohort_id)
    .fetch_one(&mut *conn)
    .await?;
    figures.award_count = count;
    figures.award_total_cents = total;
    Ok(figures)
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

/// Computes the report dimensions of a cohort: five aggregate queries, whatever its size.
pub async fn cohort_dimensions(conn: &mut PgConnection, cohort_id: Uuid) -> Result<CohortDimensions, StoreError> {
    let funnel: FunnelRow = sqlx::query_as(
        r#"with reached as (
               select p.project_id, p.status = 'LAUNCHED' as launched,
                      bool_or(e.to_stage = 'REVELATION') as rev,
                      bool_or(e.to_stage = 'IDEATION') as idea,
                      bool_or(e.to_stage = 'PROTOTYPING') as proto
               from project p join project_stage_event e using (project_id)
               where p.cohort_id = $1
               group by p.project_id, p.status)
           select count(*) filter (where rev) as reached_revelation,
                  count(*) filter (where idea) as reached_ideation,
                  count(*) filter (where proto) as reached_prototyping,
                  count(*) filter (where rev and idea) as revelation_to_ideation,
                  count(*) filter (where idea and proto) as ideation_to_prototyping,
                  count(*) filter (where launched) as launched
           from reached"#,
    )
    .bind(cohort_id)
    .fetch_one(&mut *conn)
    .await?;

    // A stay is a maximal run of consecutive history entries leaving the project ACTIVE in the
    // same stage; it ends at the next entry (another stage, or another status). Runs are numbered
    // by counting the entries where the (stage while ACTIVE) changes.
    let stage_times: Vec<StageTimeRow> = sqlx::query_as(
        r#"with e as (
               select e.project_id, e.version, e.at,
                      case when e.to_status = 'ACTIVE' then e.to_stage end as active_stage,
                      lead(e.at) over w as next_at
               from project_stage_event e join project p using (project_id)
               where p.cohort_id = $1
               window w as (partition by e.project_id order by e.version)
           ), flagged as (
               select *, active_stage is distinct from lag(active_stage) over w as starts
               from e window w as (partition by project_id order by version)
           ), numbered as (
               select *, count(*) filter (where starts) over w as run
               from flagged window w as (partition by project_id order by version)
           ), stays as (
               select active_stage as stage, min(at) as started, bool_or(next_at is null) as open,
                      max(next_at) as ended
               from numbered where active_stage is not null
               group by project_id, run, active_stage
           )
           select stage,
                  count(*) filter (where not open) as completed,
                  count(*) filter (where open) as open,
                  percentile_cont(0.5) within group (order by extract(epoch from ended - started)::float8 / 86400.0)
                      filter (where not open) as median_days
           from stays group by stage"#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;

    let projects: Vec<(bool, Option<String>, Option<String>, i64)> = sqlx::query_as(
        r#"select grouping(sector) = 0, sector, mrc, count(*)
           from project where cohort_id = $1
           group by grouping sets ((sector), (mrc))"#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut dims = CohortDimensions { funnel, stage_times, ..Default::default() };
    for (by_sector, sector, mrc, count) in projects {
        if by_sector {
            dims.projects_by_sector.push((sector.as_deref().map(parse).transpose()?, count));
        } else {
            dims.projects_by_mrc.push((mrc, count));
        }
    }

    // Reached: distinct participants at any of the cohort's activities (as participantsReached).
    let people: Vec<PeopleRow> = sqlx::query_as(
        r#"select grouping(gender) as not_gender, grouping(birth_year) as not_year, gender, birth_year, mrc,
                  count(*) as count
           from participant
           where participant_id in (select a.participant_id from attendance a join activity ac using (activity_id)
                                    where ac.cohort_id = $1)
           group by grouping sets ((gender), (birth_year), (mrc))"#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in people {
        match (row.not_gender, row.not_year) {
            (0, _) => dims.participants_by_gender.push((row.gender.as_deref().map(parse).transpose()?, row.count)),
            (_, 0) => dims.participants_by_birth_year.push((row.birth_year, row.count)),
            _ => dims.participants_by_mrc.push((row.mrc, row.count)),
        }
    }

    let teams: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        r#"with team as (
               select p.project_id, count(m.participant_id) as members,
                      count(*) filter (where pa.gender = 'WOMAN') as women,
                      count(*) filter (where pa.gender = 'MAN') as men,
                      count(*) filter (where pa.gender = 'NON_BINARY') as non_binary
               from project p
               left join project_member m using (project_id)
               left join participant pa using (participant_id)
               where p.cohort_id = $1
               group by p.project_id)
           select members, women, men, non_binary, count(*) from team
           group by members, women, men, non_binary"#,
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    for (members, women, men, non_binary, count) in teams {
        let composition = TeamComposition::of(members as u64, women as u64, men as u64, non_binary as u64);
        match dims.teams.iter_mut().find(|(c, _)| *c == composition) {
            Some((_, n)) => *n += count,
            None => dims.teams.push((composition, count)),
        }
    }
    Ok(dims)
}

/// One row of the grouping sets (gender), (birth year), (MRC) over reached participants:
/// `not_gender`/`not_year` are SQL `grouping()` flags (0 = grouped by that column).
#[derive(sqlx::FromRow)]
struct PeopleRow {
    not_gender: i32,
    not_year: i32,
    gender: Option<String>,
    birth_year: Option<i16>,
    mrc: Option<String>,
    count: i64,
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

/// The main figures of a cohort.
pub async fn cohort_headline(conn: &mut PgConnection, cohort_id: Uuid) -> Result<Headline, StoreError> {
    Ok(sqlx::query_as(
        r#"select
             (select count(distinct a.participant_id) from attendance a join activity ac using (activity_id)
              where ac.cohort_id = c.cohort_id) as participants_reached,
             (select count(*) from project p where p.cohort_id = c.cohort_id) as project_count,
             (select count(*) from project p where p.cohort_id = c.cohort_id and p.status = 'LAUNCHED') as enterprises_created,
             (select count(*) from follow_up f join project p using (project_id)
              where p.cohort_id = c.cohort_id) as follow_up_count,
             (select count(*) from follow_up f where f.project_id is null and f.region_id = c.region_id
              and f.occurred_on between c.starts_on and c.ends_on) as partner_follow_up_count,
             (select count(*) from award aw join project p using (project_id)
              where p.cohort_id = c.cohort_id) as award_count,
             (select coalesce(sum(aw.amount_cents), 0)::bigint from award aw join project p using (project_id)
              where p.cohort_id = c.cohort_id) as award_total_cents
           from cohort c where c.cohort_id = $1"#,
    )
    .bind(cohort_id)
    .fetch_one(conn)
    .await?)
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
