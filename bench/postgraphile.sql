-- What PostGraphile serves for workload (c): `cohortReport` has no counterpart in a schema made
-- from tables, so, as one would with PostGraphile, an SQL function computes it and PostGraphile
-- exposes it (`cohortReport(cohortId: UUID!): JSON`). It computes the aggregates our server
-- computes for a cohort report (crates/store/src/reports.rs: figures, dimensions, the previous
-- cohort's headline), from the same tables, in one call.
--
-- Bench only: loaded by bench/bench.py into the benchmark database, never by the migrations. It
-- runs as its owner (security definer), standing for our report transactions, which read every
-- row of the cohort as `sismic_report`.

create schema if not exists bench;
grant usage on schema bench to sismic_app;

create or replace function bench.cohort_report(cohort_id uuid) returns json
language sql stable security definer set search_path = public, pg_catalog as $$
with c as (select * from cohort where cohort.cohort_id = cohort_report.cohort_id),
acts as (select activity_id, stage from activity where activity.cohort_id = cohort_report.cohort_id),
att as (select a.participant_id, acts.stage from attendance a join acts using (activity_id)),
reached as (select distinct participant_id from att),
people as (select p.gender, p.birth_year, p.mrc from participant p join reached using (participant_id)),
projs as (select * from project where project.cohort_id = cohort_report.cohort_id),
events as (select e.* from project_stage_event e join projs using (project_id)),
origin as (
    select p.origin_partner_id as partner_id, count(distinct p.project_id) as project_count,
           count(f.follow_up_id) as follow_up_count, pa.name
    from projs p left join follow_up f on f.project_id = p.project_id
    left join partner pa on pa.partner_id = p.origin_partner_id
    group by p.origin_partner_id, pa.name),
partner_fu as (
    select f.partner_id, count(*) as follow_up_count, pa.name
    from follow_up f join c on true join partner pa on pa.partner_id = f.partner_id
    where f.project_id is null and f.region_id = c.region_id and f.occurred_on between c.starts_on and c.ends_on
    group by f.partner_id, pa.name),
funnel as (
    select p.project_id, p.status = 'LAUNCHED' as launched,
           bool_or(e.to_stage = 'REVELATION') as rev, bool_or(e.to_stage = 'IDEATION') as idea,
           bool_or(e.to_stage = 'PROTOTYPING') as proto
    from projs p join events e using (project_id) group by p.project_id, p.status),
e2 as (
    select e.project_id, e.version, e.at, case when e.to_status = 'ACTIVE' then e.to_stage end as active_stage,
           lead(e.at) over (partition by e.project_id order by e.version) as next_at
    from events e),
flagged as (select *, active_stage is distinct from lag(active_stage) over (partition by project_id order by version) as starts from e2),
numbered as (select *, count(*) filter (where starts) over (partition by project_id order by version) as run from flagged),
stays as (
    select active_stage as stage, min(at) as started, bool_or(next_at is null) as open, max(next_at) as ended
    from numbered where active_stage is not null group by project_id, run, active_stage),
teams as (
    select p.project_id, count(m.participant_id) as members,
           count(*) filter (where pa.gender = 'WOMAN') as women, count(*) filter (where pa.gender = 'MAN') as men,
           count(*) filter (where pa.gender = 'NON_BINARY') as non_binary
    from projs p left join project_member m using (project_id) left join participant pa using (participant_id)
    group by p.project_id),
prev as (
    select o.cohort_id, o.region_id, o.starts_on, o.ends_on from cohort o, c
    where o.region_id = c.region_id and o.starts_on < c.starts_on and o.cohort_id <> c.cohort_id
    order by o.starts_on desc limit 1)
select json_build_object(
    'participantsReached', (select count(*) from reached),
    'participantsByStage', (select coalesce(json_object_agg(stage, n), '{}') from
                              (select stage, count(distinct participant_id) as n from att group by stage) s),
    'projectCount', (select count(*) from projs),
    'projectsByStage', (select coalesce(json_object_agg(stage, n), '{}') from (select stage, count(*) as n from projs group by stage) s),
    'projectsByStatus', (select coalesce(json_object_agg(status, n), '{}') from (select status, count(*) as n from projs group by status) s),
    'enterprisesCreated', (select count(*) from projs where status = 'LAUNCHED'),
    'followUpCount', (select coalesce(sum(follow_up_count), 0) from origin),
    'followUpsByOrigin', (select coalesce(json_agg(json_build_object('partnerId', partner_id, 'name', name,
                              'projectCount', project_count, 'followUpCount', follow_up_count)
                              order by partner_id is null, follow_up_count desc, name collate "und-x-icu"), '[]') from origin),
    'partnerFollowUps', (select coalesce(json_agg(json_build_object('partnerId', partner_id, 'name', name,
                             'followUpCount', follow_up_count) order by follow_up_count desc, name collate "und-x-icu"), '[]')
                         from partner_fu),
    'awardCount', (select count(*) from award a join projs using (project_id)),
    'awardTotalCents', (select coalesce(sum(a.amount_cents), 0) from award a join projs using (project_id)),
    'funnel', (select json_build_object('REVELATION', count(*) filter (where rev), 'IDEATION', count(*) filter (where idea),
                   'PROTOTYPING', count(*) filter (where proto), 'LAUNCHED', count(*) filter (where launched)) from funnel),
    'timeInStage', (select coalesce(json_agg(t), '[]') from (
                       select stage, count(*) filter (where not open) as completed, count(*) filter (where open) as open,
                              percentile_cont(0.5) within group (order by extract(epoch from ended - started)::float8 / 86400.0)
                                  filter (where not open) as median_days
                       from stays group by stage) t),
    'projectsBySector', (select coalesce(json_object_agg(coalesce(sector, 'null'), n), '{}') from
                            (select sector, count(*) as n from projs group by sector) s),
    'projectsByMrc', (select coalesce(json_object_agg(coalesce(mrc, 'null'), n), '{}') from
                         (select mrc, count(*) as n from projs group by mrc) s),
    'participantsByGender', (select coalesce(json_object_agg(coalesce(gender, 'null'), n), '{}') from
                                (select gender, count(*) as n from people group by gender) s),
    'participantsByBirthYear', (select coalesce(json_object_agg(coalesce(birth_year::text, 'null'), n), '{}') from
                                   (select birth_year, count(*) as n from people group by birth_year) s),
    'participantsByMrc', (select coalesce(json_object_agg(coalesce(mrc, 'null'), n), '{}') from
                             (select mrc, count(*) as n from people group by mrc) s),
    'teams', (select coalesce(json_agg(t), '[]') from
                 (select members, women, men, non_binary, count(*) as n from teams group by members, women, men, non_binary) t),
    'previous', (select json_build_object(
        'cohortId', prev.cohort_id,
        'participantsReached', (select count(distinct a.participant_id) from attendance a join activity ac using (activity_id)
                                where ac.cohort_id = prev.cohort_id),
        'projectCount', (select count(*) from project p where p.cohort_id = prev.cohort_id),
        'enterprisesCreated', (select count(*) from project p where p.cohort_id = prev.cohort_id and p.status = 'LAUNCHED'),
        'followUpCount', (select count(*) from follow_up f join project p using (project_id) where p.cohort_id = prev.cohort_id),
        'partnerFollowUpCount', (select count(*) from follow_up f where f.project_id is null and f.region_id = prev.region_id
                                 and f.occurred_on between prev.starts_on and prev.ends_on),
        'awardCount', (select count(*) from award aw join project p using (project_id) where p.cohort_id = prev.cohort_id),
        'awardTotalCents', (select coalesce(sum(aw.amount_cents), 0) from award aw join project p using (project_id)
                            where p.cohort_id = prev.cohort_id)) from prev)
)
$$;
grant execute on function bench.cohort_report(uuid) to sismic_app;
