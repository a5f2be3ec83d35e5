//! Projects that may need attention: no follow-up, on hold, or in their stage for long (by the
//! cohort's median stay there).

use crate::StoreError;
use sqlx::PgConnection;
use uuid::Uuid;

/// How a project that may need attention stands (see [`projects_needing_attention`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttentionRow {
    /// The project.
    pub project_id: Uuid,
    /// Days since its last follow-up (since its creation when it never had one).
    pub days_without_follow_up: i32,
    /// Days since it was put on hold, when it is on hold.
    pub days_on_hold: Option<i32>,
    /// Days since it entered its current stage.
    pub days_in_stage: i32,
    /// The cohort's median of completed stays in that stage, in days (none without one).
    pub median_days_in_stage: Option<f64>,
}

/// When a project needs attention.
#[derive(Debug, Clone, Copy)]
pub struct AttentionRule {
    /// No follow-up for at least this many days.
    pub quiet_days: i32,
    /// On hold for at least this many days.
    pub on_hold_days: i32,
    /// In its stage for more than this many times the cohort's median stay there.
    pub stage_factor: f64,
}

/// The open projects (active or on hold) the scope sees, optionally of one cohort, that meet
/// any part of `rule` on `today`, longest without a follow-up first (at most 200).
///
/// A stay in a stage starts with the history entry that moved the project into it; the
/// cohort's median counts the completed stays of all its projects, closed ones included.
#[tracing::instrument(skip_all)]
pub async fn projects_needing_attention(
    conn: &mut PgConnection,
    cohort_id: Option<Uuid>,
    today: chrono::NaiveDate,
    rule: &AttentionRule,
) -> Result<Vec<AttentionRow>, StoreError> {
    Ok(sqlx::query_as(
        r#"with candidates as (
               select p.project_id, p.cohort_id, p.stage, p.status, p.last_follow_up_on, p.created_at
               from project p
               where ((select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
                      or p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'
                      or p.origin_partner_id = (select sismic_partner()) and (select sismic_role()) = 'PARTNER')
                 and p.status in ('ACTIVE', 'ON_HOLD')
                 and ($1::uuid is null or p.cohort_id = $1)
           ),
           stage_changes as (
               select e.project_id, p.cohort_id, e.to_stage, e.at,
                      lead(e.at) over (partition by e.project_id order by e.version) as left_at
               from project_stage_event e
               join project p on p.project_id = e.project_id
               where p.cohort_id in (select cohort_id from candidates)
                 and (e.from_stage is null or e.from_stage <> e.to_stage)
           ),
           medians as (
               select cohort_id, to_stage as stage,
                      percentile_cont(0.5) within group (order by extract(epoch from left_at - at) / 86400) as median_days
               from stage_changes where left_at is not null
               group by cohort_id, to_stage
           ),
           entered as (
               select s.project_id, max(s.at) as since
               from stage_changes s join candidates c on c.project_id = s.project_id and c.stage = s.to_stage
               group by s.project_id
           ),
           held as (
               select e.project_id, max(e.at) as since
               from project_stage_event e
               join candidates c on c.project_id = e.project_id and c.status = 'ON_HOLD'
               where e.to_status = 'ON_HOLD' and e.from_status is distinct from 'ON_HOLD'
               group by e.project_id
           ),
           measured as (
               select c.project_id,
                      ($2::date - coalesce(c.last_follow_up_on, c.created_at::date))::int as days_without_follow_up,
                      ($2::date - h.since::date)::int as days_on_hold,
                      ($2::date - coalesce(en.since, c.created_at)::date)::int as days_in_stage,
                      m.median_days::float8 as median_days_in_stage
               from candidates c
               left join held h on h.project_id = c.project_id
               left join entered en on en.project_id = c.project_id
               left join medians m on m.cohort_id = c.cohort_id and m.stage = c.stage
           )
           select * from measured
           where days_without_follow_up >= $3
              or days_on_hold >= $4
              or (median_days_in_stage is not null and days_in_stage > $5 * median_days_in_stage)
           order by days_without_follow_up desc, project_id
           limit 200"#,
    )
    .bind(cohort_id)
    .bind(today)
    .bind(rule.quiet_days)
    .bind(rule.on_hold_days)
    .bind(rule.stage_factor)
    .fetch_all(conn)
    .await?)
}
