-- The national-scale dataset of `make bench` (issue 12): 22 regions, 10 programme years
-- (220 cohorts), 400 partners, 100,000 projects with their stage history, 1,000,000 follow-ups,
-- 200,000 participants, about 200,000 team members, 4,400 activities and 2,002,000 attendances,
-- 10,000 awards and the launches of the LAUNCHED projects.
--
-- Deterministic: every id is md5 of a name, every value a function of the row's number (no
-- random()), so two runs build the same rows. Run by psql as the database owner, on a
-- database whose migrations are applied and which holds the account `bench-admin@bench.test`
-- (made by `sismic user add`): its password hash is given to every bench account.
--
-- Triggers and foreign keys are off while loading (session_replication_role = replica): the
-- rows are consistent by construction, and the counters the triggers keep (follow_up_count,
-- last_follow_up_on, team_size) are computed at the end in one pass.

\set ON_ERROR_STOP on
set session_replication_role = replica;
set synchronous_commit = off;
set maintenance_work_mem = '256MB';
set work_mem = '64MB';

-- Regions R01 to R22.
insert into region (region_id, code, name, created_at, updated_at)
select md5('region-' || r)::uuid, 'R' || lpad((r + 1)::text, 2, '0'), 'Région ' || lpad((r + 1)::text, 2, '0'),
       timestamptz '2015-01-01 00:00+00' + r * interval '1 minute', timestamptz '2015-01-01 00:00+00'
from generate_series(0, 21) r;

-- 400 partners; the last one is a funder (Fonds), the bench funder's institution.
insert into partner (partner_id, name, kind, created_at, updated_at)
select md5('partner-' || p)::uuid,
       case when p = 399 then 'Fonds de la relève' else 'Partenaire ' || lpad((p + 1)::text, 3, '0') end,
       case when p = 399 then 'FUNDER'
            else (array['COLLEGE', 'UNIVERSITY', 'ECONOMIC_DEVELOPMENT', 'YOUTH_EMPLOYMENT', 'NETWORK', 'INCUBATOR', 'OTHER'])[1 + p % 7]
       end,
       timestamptz '2015-01-02 00:00+00' + p * interval '1 minute', timestamptz '2015-01-02 00:00+00'
from generate_series(0, 399) p;

-- Accounts: one agent per region (agent-rNN@bench.test), the partner account of partner 001,
-- the funder. All share bench-admin's password.
insert into app_user (user_id, email, password_hash, role, region_id, partner_id)
select md5('agent-' || r)::uuid, 'agent-r' || lpad((r + 1)::text, 2, '0') || '@bench.test',
       (select password_hash from app_user where email = 'bench-admin@bench.test'), 'AGENT', md5('region-' || r)::uuid, null
from generate_series(0, 21) r;
insert into app_user (user_id, email, password_hash, role, region_id, partner_id)
values (md5('partner-user')::uuid, 'partner@bench.test',
        (select password_hash from app_user where email = 'bench-admin@bench.test'), 'PARTNER', null, md5('partner-0')::uuid),
       (md5('funder-user')::uuid, 'funder@bench.test',
        (select password_hash from app_user where email = 'bench-admin@bench.test'), 'FUNDER', null, md5('partner-399')::uuid);

-- Cohort k: region k % 22, programme year 2015 + k / 22 (April 1 to March 31).
insert into cohort (cohort_id, region_id, name, starts_on, ends_on, created_at, updated_at)
select md5('cohort-' || k)::uuid, md5('region-' || (k % 22))::uuid,
       (2015 + k / 22) || '-' || (2016 + k / 22),
       make_date(2015 + k / 22, 4, 1), make_date(2016 + k / 22, 3, 31),
       make_timestamptz(2015 + k / 22, 3, 1, 0, 0, 0, 'UTC') + (k % 22) * interval '1 minute',
       make_timestamptz(2015 + k / 22, 3, 1, 0, 0, 0, 'UTC')
from generate_series(0, 219) k;

-- Projects: project i belongs to cohort i % 220 (so cohorts 0 to 119 have 455 projects, the
-- others 454). Stage: 40 % révélation, 30 % idéation, 30 % prototypage; status: 60 % active,
-- 10 % on hold, 15 % abandoned, 5 % referred out, 10 % launched (prototyping only, else active).
-- 70 % came from a partner (partners 000 to 398, about 175 projects each). 0 to 19 follow-ups
-- (9.5 on average), a team of 1 to 3.
create temporary table bench_project as
select i, i % 220 as k, i % 22 as r, 2015 + (i % 220) / 22 as y,
       -- m: a multiplicative hash of i (Knuth's), whose bits give each project its traits.
       (i::bigint * 2654435761) % 4294967296 as m,
       md5('project-' || i)::uuid as project_id,
       make_timestamptz(2015 + (i % 220) / 22, 4, 1, 9, 0, 0, 'UTC') + (i / 220) * interval '10 minutes' as created_at
from generate_series(0, 99999) i;
alter table bench_project add column s int, add column t int, add column status text, add column origin int,
    add column follow_ups int, add column team int;
update bench_project set s = case when (m >> 4) % 10 < 4 then 0 when (m >> 4) % 10 < 7 then 1 else 2 end,
                         t = (m >> 9) % 20,
                         origin = case when (m >> 14) % 10 < 7 then (m >> 3) % 399 end,
                         follow_ups = (m >> 19) % 20,
                         team = 1 + (m >> 24) % 3;
update bench_project set status = case
    when t < 12 then 'ACTIVE' when t < 14 then 'ON_HOLD' when t < 17 then 'ABANDONED' when t < 18 then 'REFERRED_OUT'
    when s = 2 then 'LAUNCHED' else 'ACTIVE' end;

insert into project (project_id, region_id, cohort_id, name, summary, origin_partner_id, stage, status, version,
                     created_by, created_at, updated_at, sector, mrc)
select p.project_id, md5('region-' || p.r)::uuid, md5('cohort-' || p.k)::uuid,
       'Projet ' || p.i, 'Coopérative de ' || p.i,
       md5('partner-' || p.origin)::uuid,
       (array['REVELATION', 'IDEATION', 'PROTOTYPING'])[1 + p.s], p.status,
       1 + p.s + (p.status <> 'ACTIVE')::int,
       md5('agent-' || p.r)::uuid, p.created_at, p.created_at + (1 + p.s) * interval '30 days',
       (array['TOURISM', 'CULTURE', 'AGRI_FOOD', 'RETAIL', 'HEALTH', 'LEISURE', 'EDUCATION', 'COMMUNITY_SERVICES',
              'COMMUNICATIONS', 'ENVIRONMENT', 'TECHNOLOGY', 'HOUSING', 'OTHER'])[1 + p.i % 13],
       'MRC ' || ((p.m >> 6) % 5)
from bench_project p;

-- History: created in révélation, one entry per stage reached, then one for the status.
insert into project_stage_event (project_id, version, from_stage, to_stage, from_status, to_status, note, actor_user_id, at)
select p.project_id, 1 + v, (array['REVELATION', 'IDEATION', 'PROTOTYPING'])[v], (array['REVELATION', 'IDEATION', 'PROTOTYPING'])[1 + v],
       case when v > 0 then 'ACTIVE' end, 'ACTIVE', case when v > 0 then 'Étape franchie' end,
       md5('agent-' || p.r)::uuid, p.created_at + v * interval '30 days'
from bench_project p cross join lateral generate_series(0, p.s) v;
insert into project_stage_event (project_id, version, from_stage, to_stage, from_status, to_status, note, actor_user_id, at)
select p.project_id, 2 + p.s, (array['REVELATION', 'IDEATION', 'PROTOTYPING'])[1 + p.s], (array['REVELATION', 'IDEATION', 'PROTOTYPING'])[1 + p.s],
       'ACTIVE', p.status, 'Changement de statut', md5('agent-' || p.r)::uuid, p.created_at + (1 + p.s) * interval '30 days'
from bench_project p where p.status <> 'ACTIVE';

insert into enterprise_launch (project_id, legal_name, legal_form, launched_on, created_at)
select p.project_id, 'Coop ' || p.i, case when p.i % 2 = 0 then 'COOPERATIVE' else 'NONPROFIT' end,
       (p.created_at + (2 + p.s) * interval '30 days')::date, p.created_at + (2 + p.s) * interval '30 days'
from bench_project p where p.status = 'LAUNCHED';

-- Follow-ups: 0 to 19 per project (about 950,000 in all), within its first 300 days; plus
-- 50,000 follow-ups with partners, without a project.
insert into follow_up (follow_up_id, region_id, project_id, partner_id, occurred_on, mode, summary, duration_minutes,
                       created_by, created_at)
select md5('follow-up-' || p.i || '-' || n)::uuid, md5('region-' || p.r)::uuid, p.project_id, null,
       (p.created_at + ((n * 17 + p.i) % 300) * interval '1 day')::date,
       (array['IN_PERSON', 'VIRTUAL', 'PHONE', 'EMAIL'])[1 + (p.i + n) % 4],
       'Suivi ' || n || ' du projet ' || p.i, 15 * (1 + (p.i + n) % 8),
       md5('agent-' || p.r)::uuid, p.created_at + ((n * 17 + p.i) % 300) * interval '1 day'
from bench_project p cross join lateral generate_series(1, p.follow_ups) n;
insert into follow_up (follow_up_id, region_id, project_id, partner_id, occurred_on, mode, summary, duration_minutes,
                       created_by, created_at)
select md5('partner-follow-up-' || j)::uuid, md5('region-' || (j % 22))::uuid, null, md5('partner-' || ((j * 7) % 399))::uuid,
       date '2015-04-01' + (j % 3600), (array['IN_PERSON', 'VIRTUAL', 'PHONE', 'EMAIL'])[1 + j % 4],
       'Rencontre partenaire ' || j, 60, md5('agent-' || (j % 22))::uuid, timestamptz '2015-04-01 12:00+00' + (j % 3600) * interval '1 day'
from generate_series(0, 49999) j;

-- Participants: participant j lives in region j % 22 (about 9,091 per region).
insert into participant (participant_id, region_id, first_name, last_name, email, created_by, created_at, updated_at,
                         gender, birth_year, mrc)
select md5('participant-' || j)::uuid, md5('region-' || (j % 22))::uuid, 'Prénom' || j, 'Nom' || j,
       case when j % 3 = 0 then 'jeune' || j || '@exemple.test' end, md5('agent-' || (j % 22))::uuid,
       timestamptz '2015-03-15 00:00+00' + (j / 22) * interval '30 minutes', timestamptz '2015-03-15 00:00+00' + (j / 22) * interval '30 minutes',
       (array['WOMAN', 'MAN', 'NON_BINARY', 'UNDISCLOSED'])[1 + j % 4], (1990 + j % 15)::smallint, 'MRC ' || (j % 5)
from generate_series(0, 199999) j;

-- Teams: 1 to 3 members, participants of the project's region.
insert into project_member (project_id, participant_id, region_id, added_at)
select p.project_id, md5('participant-' || (p.r + 22 * (((p.i / 22) * 3 + mm) % 9090)))::uuid, md5('region-' || p.r)::uuid,
       p.created_at
from bench_project p cross join lateral generate_series(1, p.team) mm;

-- Activities: 20 per cohort (7 révélation, 7 idéation, 6 prototypage), every 15 days;
-- attendance: 455 participants of the region at each (2,002,000 in all).
insert into activity (activity_id, region_id, cohort_id, stage, title, held_on, created_by, created_at, updated_at)
select md5('activity-' || (k * 20 + q))::uuid, md5('region-' || (k % 22))::uuid, md5('cohort-' || k)::uuid,
       case when q < 7 then 'REVELATION' when q < 14 then 'IDEATION' else 'PROTOTYPING' end,
       'Atelier ' || (q + 1), make_date(2015 + k / 22, 4, 1) + q * 15, md5('agent-' || (k % 22))::uuid,
       make_timestamptz(2015 + k / 22, 4, 1, 8, 0, 0, 'UTC') + q * interval '15 days',
       make_timestamptz(2015 + k / 22, 4, 1, 8, 0, 0, 'UTC') + q * interval '15 days'
from generate_series(0, 219) k cross join lateral generate_series(0, 19 + 0 * k) q;
insert into attendance (activity_id, participant_id, region_id, recorded_at)
select md5('activity-' || a)::uuid, md5('participant-' || ((a / 20) % 22 + 22 * ((a * 211 + t) % 9090)))::uuid,
       md5('region-' || ((a / 20) % 22))::uuid, make_timestamptz(2015 + (a / 20) / 22, 4, 1, 8, 0, 0, 'UTC')
from generate_series(0, 4399) a cross join lateral generate_series(0, 454 + 0 * a) t;

-- Awards: one project in ten gets a grant from the funder.
insert into award (award_id, project_id, region_id, funder_partner_id, amount_cents, awarded_on, created_by, created_at)
select md5('award-' || p.i)::uuid, p.project_id, md5('region-' || p.r)::uuid, md5('partner-399')::uuid,
       100000 + (p.i % 7) * 50000, (p.created_at + interval '60 days')::date, md5('agent-' || p.r)::uuid,
       p.created_at + interval '60 days'
from bench_project p where (p.m >> 27) % 10 = 0;

-- What the triggers would have kept.
insert into cohort_reach (cohort_id, participant_id, region_id, revelation, ideation, prototyping, gender, birth_year, mrc)
select ac.cohort_id, a.participant_id, a.region_id,
       count(*) filter (where ac.stage = 'REVELATION'), count(*) filter (where ac.stage = 'IDEATION'),
       count(*) filter (where ac.stage = 'PROTOTYPING'), p.gender, p.birth_year, p.mrc
from attendance a join activity ac using (activity_id) join participant p using (participant_id)
group by ac.cohort_id, a.participant_id, a.region_id, p.gender, p.birth_year, p.mrc
order by ac.cohort_id, a.participant_id;
update project p set follow_up_count = f.n, last_follow_up_on = f.last
from (select project_id, count(*)::int as n, max(occurred_on) as last from follow_up where project_id is not null
      group by project_id) f
where f.project_id = p.project_id;
update project p set team_size = m.n
from (select project_id, count(*)::int as n from project_member group by project_id) m
where m.project_id = p.project_id;

set session_replication_role = origin;
vacuum (analyze) region, partner, app_user, cohort, project, project_stage_event, enterprise_launch, follow_up,
    participant, project_member, activity, attendance, award, cohort_reach;
