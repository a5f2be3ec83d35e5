//! Cohort outcome figures, computed by PostgreSQL from what was logged.
//!
//! Each figure is one aggregate query (a fixed number of round trips whatever the cohort's
//! size); nothing is counted in Rust. The caller checks that the scope may read the cohort's
//! report: these queries read every row of the cohort, because a funder's aggregate needs rows
//! the funder may not see one by one.

use crate::StoreError;
use sismic_domain::{ProjectStatus, Stage};
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

    let states: Vec<(String, String, i64)> = sqlx::query_as(
        r#"select stage, status, count(*) from project where cohort_id = $1 group by stage, status"#,
    )
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
    value
        .parse()
        .map_err(|_| StoreError::Database(sqlx::Error::Decode(format!("unexpected value {value:?}").into())))
}
