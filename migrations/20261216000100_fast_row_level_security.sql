-- Issue 12: row-level security the planner can index, and the indexes the workloads need.
--
-- The policies of 20261126000100 (and 20261201000100) called the visibility functions on every
-- row (`sismic_sees_project(region_id, origin_partner_id)`, built on `current_setting`), and the
-- policies of child tables ran an `exists (select … from project …)` calling them again: a
-- partner's page scanned every project and every stage event, calling functions on each row.
-- The rules are unchanged; only how they are written changes:
--
-- * every setting is read through `(select sismic_role())`, `(select sismic_region())`, … —
--   a sub-select that does not depend on the row, which PostgreSQL runs once per statement
--   (an InitPlan) and then compares as a parameter, so `region_id = (select sismic_region())`
--   is an index condition and costs nothing per row;
-- * the expressions are written out in the policies (an SQL function holding a sub-select is
--   never inlined: it would run once per row again);
-- * a child row is visible when its project is, through `exists` on the project's primary key
--   with the project's own conditions (the planner may hash it), and only for the roles that
--   need it: administrators and reports skip it;
-- * the policies name the roles they are for: `sismic_app` (every request transaction) and,
--   where reports read, `sismic_report`. Other roles (the tables' owner when it is subject to
--   FORCE ROW LEVEL SECURITY) match no policy and see nothing, as they saw nothing before
--   without the sismic.* settings.
--
-- Each policy keeps its name and command (ALTER POLICY); for every role and setting it lets
-- through exactly the rows it let through before (tests/api/rls*.rs, access.rs, matrix.rs,
-- privacy.rs, small_cells.rs check it). As before, NULL counts as false: `coalesce(…, false)`
-- in the old functions and a policy's NULL both refuse.
--
-- Below, R, G, P and U stand for (select sismic_role()), (select sismic_region()),
-- (select sismic_partner()) and (select sismic_user()).

-- Regions and partners: every signed-in role reads them.
alter policy region_read on region to sismic_app, sismic_report
    using ((select sismic_role()) is not null);
alter policy region_write on region to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM'))
    with check ((select sismic_role()) in ('ADMIN', 'SYSTEM'));

alter policy partner_read on partner to sismic_app, sismic_report
    using ((select sismic_role()) is not null);
alter policy partner_write on partner to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'AGENT', 'SYSTEM'))
    with check ((select sismic_role()) in ('ADMIN', 'AGENT', 'SYSTEM'));

-- Accounts: administrators, and each user their own row.
alter policy app_user_read on app_user to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM') or user_id = (select sismic_user()));
alter policy app_user_admin_write on app_user to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM'))
    with check ((select sismic_role()) in ('ADMIN', 'SYSTEM'));
alter policy app_user_self_update on app_user to sismic_app
    using (user_id = (select sismic_user()))
    with check (user_id = (select sismic_user()));

-- Cohorts: as their region (administrators, reports, the region's agents), funders all of
-- them, and a partner the cohorts holding a project that came from it. (The old policy's
-- `exists` over the cohort's projects added nothing for agents: a project is in its cohort's
-- region.)
alter policy cohort_read on cohort to sismic_app, sismic_report using (
    (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT', 'FUNDER')
    or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT')
    or ((select sismic_role()) = 'PARTNER'
        and exists (select 1 from project p
                    where p.cohort_id = cohort.cohort_id and p.origin_partner_id = (select sismic_partner()))));
alter policy cohort_write on cohort to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM')
           or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
    with check ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'));

-- Projects: as their region, plus the partner the project came from.
alter policy project_read on project to sismic_app, sismic_report using (
    (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
    or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT')
    or (origin_partner_id = (select sismic_partner()) and (select sismic_role()) = 'PARTNER'));
alter policy project_write on project to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM')
           or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
    with check ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'));

-- A project's history and launch: visible with the project. (Administrators, the system and
-- reports see every project, and every history row has its project: the foreign key.)
alter policy project_stage_event_read on project_stage_event to sismic_app, sismic_report using (
    (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
    or exists (select 1 from project p
               where p.project_id = project_stage_event.project_id
                 and ((p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT')
                      or (p.origin_partner_id = (select sismic_partner()) and (select sismic_role()) = 'PARTNER'))));
alter policy project_stage_event_write on project_stage_event to sismic_app with check (
    exists (select 1 from project p
            where p.project_id = project_stage_event.project_id
              and ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                   or (p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))));

alter policy enterprise_launch_read on enterprise_launch to sismic_app, sismic_report using (
    (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
    or exists (select 1 from project p
               where p.project_id = enterprise_launch.project_id
                 and ((p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT')
                      or (p.origin_partner_id = (select sismic_partner()) and (select sismic_role()) = 'PARTNER'))));
alter policy enterprise_launch_write on enterprise_launch to sismic_app with check (
    exists (select 1 from project p
            where p.project_id = enterprise_launch.project_id
              and ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                   or (p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))));

-- The operational data of a region: its staff (and reports, for their counts).
do $$
declare
    t text;
begin
    foreach t in array array['participant', 'project_member', 'activity', 'attendance', 'follow_up', 'award',
                             'participant_consent'] loop
        execute format($policy$
            alter policy %I on %I to sismic_app, sismic_report using (
                (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
                or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
            $policy$, t || '_read', t);
        execute format($policy$
            alter policy %I on %I to sismic_app
                using ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                       or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
                with check ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                            or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
            $policy$, t || '_write', t);
    end loop;
end;
$$;

-- Sign-in throttling: the system only.
alter policy login_throttle_system on login_throttle to sismic_app
    using ((select sismic_role()) = 'SYSTEM') with check ((select sismic_role()) = 'SYSTEM');

-- The audit trail: administrators read it; entries are written by the acting user.
alter policy audit_log_read on audit_log to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM'));
alter policy audit_log_write on audit_log to sismic_app with check (
    case (select sismic_role())
        when 'SYSTEM' then user_id is null or (entity_type = 'User' and entity_id = user_id)
        when 'REPORT' then false
        else user_id = (select sismic_user()) and role = (select sismic_role())
    end);

-- Idempotency keys: their user's (and the system's); those who may change a participant also
-- see and delete the keys that created them, registered or imported (erasure; the operations
-- of 20261215000200's sismic_key_of_writable_participant).
alter policy idempotency_key_own on idempotency_key to sismic_app
    using (user_id = (select sismic_user()) or (select sismic_role()) = 'SYSTEM')
    with check (user_id = (select sismic_user()) or (select sismic_role()) = 'SYSTEM');
alter policy idempotency_key_erase_read on idempotency_key to sismic_app using (
    operation in ('registerParticipant', 'importParticipant')
    and exists (select 1 from participant p
                where p.participant_id = idempotency_key.object_id
                  and ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                       or (p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))));
alter policy idempotency_key_erase on idempotency_key to sismic_app using (
    operation in ('registerParticipant', 'importParticipant')
    and exists (select 1 from participant p
                where p.participant_id = idempotency_key.object_id
                  and ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                       or (p.region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))));

-- Indexes: every list is read in its key order straight from an index, whichever way the
-- viewer sees it (all rows, their region's, their partner's), and every column a policy
-- compares is indexed where lists filter on it. Wider indexes replace the narrower ones they
-- start with, so writes do not get slower.
create index project_all_list_idx on project (created_at, project_id);
create index project_partner_list_idx on project (origin_partner_id, created_at, project_id);
drop index project_origin_partner_idx;
create index project_cohort_list_idx on project (cohort_id, created_at, project_id);
drop index project_cohort_idx;

create index follow_up_project_list_idx on follow_up (project_id, occurred_on desc, follow_up_id desc);
drop index follow_up_project_idx;
create index follow_up_region_list_idx on follow_up (region_id, occurred_on desc, follow_up_id desc);
drop index follow_up_region_idx;
create index follow_up_all_list_idx on follow_up (occurred_on desc, follow_up_id desc);

create index participant_all_list_idx on participant (created_at, participant_id);
create index activity_region_list_idx on activity (region_id, created_at, activity_id);
create index activity_cohort_list_idx on activity (cohort_id, created_at, activity_id);
drop index activity_cohort_idx;
create index cohort_region_idx on cohort (region_id, created_at, cohort_id);
create index award_region_idx on award (region_id);
create index project_member_region_idx on project_member (region_id);
create index attendance_region_idx on attendance (region_id);
create index participant_consent_region_idx on participant_consent (region_id);
-- Follow-ups with a partner and no project, by region and date: what a cohort report counts.
create index follow_up_partner_meeting_idx on follow_up (region_id, occurred_on) where project_id is null;

-- The token check of every request (see Store::open): whether the account is active and at the
-- token's version, and whether its password is a one-time one that must be changed first
-- ('CURRENT', 'MUST_CHANGE_PASSWORD' or 'REVOKED'). A PL/pgSQL function, so that its query is
-- planned once per connection (a statement sent in full every time would be planned, policies
-- included, every time). It runs as the caller (sismic_app, acting for that user), who may
-- read their own row.
create function sismic_token_status(token_user uuid, token_version integer) returns text
language plpgsql stable as $$
begin
    return coalesce((select case
                                when not u.active or u.token_version <> sismic_token_status.token_version then 'REVOKED'
                                when u.must_change_password then 'MUST_CHANGE_PASSWORD'
                                else 'CURRENT'
                            end
                     from app_user u where u.user_id = token_user), 'REVOKED');
end;
$$;

-- Who a cohort reached, kept as attendance is recorded: one row per participant who attended
-- any of the cohort's activities, with their attendances per stage and a copy of the report
-- dimensions (gender, birth year, MRC) of their participant row. A cohort report reads these
-- rows (about 4,500 for a cohort of 455 projects) instead of the cohort's attendance (twice as
-- many rows) and each reached participant's row: distinct people per stage and their
-- breakdowns come from one index range. Kept by the triggers below, in the transaction that
-- changes attendance, activities or participants; counts of people only, as row-level secure as
-- the participants themselves.
create table cohort_reach (
    cohort_id       uuid not null,
    participant_id  uuid not null,
    region_id       uuid not null,
    revelation      integer not null default 0 check (revelation >= 0),
    ideation        integer not null default 0 check (ideation >= 0),
    prototyping     integer not null default 0 check (prototyping >= 0),
    gender          text,
    birth_year      smallint,
    mrc             text,
    primary key (cohort_id, participant_id),
    foreign key (cohort_id, region_id) references cohort (cohort_id, region_id),
    foreign key (participant_id, region_id) references participant (participant_id, region_id) on delete cascade
);
create index cohort_reach_participant_idx on cohort_reach (participant_id);
create index cohort_reach_region_idx on cohort_reach (region_id);
alter table cohort_reach enable row level security;
alter table cohort_reach force row level security;
create policy cohort_reach_read on cohort_reach for select to sismic_app, sismic_report using (
    (select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')
    or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'));
create policy cohort_reach_write on cohort_reach for all to sismic_app
    using ((select sismic_role()) in ('ADMIN', 'SYSTEM')
           or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'))
    with check ((select sismic_role()) in ('ADMIN', 'SYSTEM')
                or (region_id = (select sismic_region()) and (select sismic_role()) = 'AGENT'));
grant select on cohort_reach to sismic_report;

-- Adds `delta` attendances of one participant at one stage of one cohort.
create function cohort_reach_add(reach_cohort uuid, reach_participant uuid, reach_region uuid, stage text, delta integer)
returns void language plpgsql as $$
begin
    if delta > 0 then
        insert into cohort_reach as r (cohort_id, participant_id, region_id, revelation, ideation, prototyping,
                                       gender, birth_year, mrc)
        select reach_cohort, p.participant_id, p.region_id,
               case when stage = 'REVELATION' then delta else 0 end,
               case when stage = 'IDEATION' then delta else 0 end,
               case when stage = 'PROTOTYPING' then delta else 0 end,
               p.gender, p.birth_year, p.mrc
        from participant p where p.participant_id = reach_participant
        on conflict (cohort_id, participant_id) do update set
            revelation = r.revelation + excluded.revelation,
            ideation = r.ideation + excluded.ideation,
            prototyping = r.prototyping + excluded.prototyping;
    else
        update cohort_reach set
            revelation = revelation + case when stage = 'REVELATION' then delta else 0 end,
            ideation = ideation + case when stage = 'IDEATION' then delta else 0 end,
            prototyping = prototyping + case when stage = 'PROTOTYPING' then delta else 0 end
        where cohort_id = reach_cohort and participant_id = reach_participant;
        delete from cohort_reach
        where cohort_id = reach_cohort and participant_id = reach_participant
          and revelation = 0 and ideation = 0 and prototyping = 0;
    end if;
end;
$$;

create function cohort_reach_attendance() returns trigger
language plpgsql as $$
declare
    a record;
begin
    if tg_op in ('DELETE', 'UPDATE') then
        select cohort_id, stage into a from activity where activity_id = old.activity_id;
        perform cohort_reach_add(a.cohort_id, old.participant_id, old.region_id, a.stage, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        select cohort_id, stage into a from activity where activity_id = new.activity_id;
        perform cohort_reach_add(a.cohort_id, new.participant_id, new.region_id, a.stage, 1);
    end if;
    return null;
end;
$$;
create trigger attendance_cohort_reach after insert or delete or update of activity_id, participant_id on attendance
    for each row execute function cohort_reach_attendance();

-- An activity moved to another cohort or stage moves its attendances with it.
create function cohort_reach_activity() returns trigger
language plpgsql as $$
begin
    perform cohort_reach_add(old.cohort_id, a.participant_id, a.region_id, old.stage, -1),
            cohort_reach_add(new.cohort_id, a.participant_id, a.region_id, new.stage, 1)
    from attendance a where a.activity_id = new.activity_id;
    return null;
end;
$$;
create trigger activity_cohort_reach after update of cohort_id, stage on activity
    for each row when (old.cohort_id is distinct from new.cohort_id or old.stage is distinct from new.stage)
    execute function cohort_reach_activity();

-- The copies of the report dimensions follow the participant's.
create function cohort_reach_participant() returns trigger
language plpgsql as $$
begin
    update cohort_reach set gender = new.gender, birth_year = new.birth_year, mrc = new.mrc
    where participant_id = new.participant_id;
    return null;
end;
$$;
create trigger participant_cohort_reach after update of gender, birth_year, mrc on participant
    for each row when ((old.gender, old.birth_year, old.mrc) is distinct from (new.gender, new.birth_year, new.mrc))
    execute function cohort_reach_participant();

-- What is already recorded. The owner may be subject to the policies (FORCE ROW LEVEL
-- SECURITY, and no policy names it): they are lifted for this one statement.
alter table attendance no force row level security;
alter table activity no force row level security;
alter table participant no force row level security;
alter table cohort_reach no force row level security;
insert into cohort_reach (cohort_id, participant_id, region_id, revelation, ideation, prototyping, gender, birth_year, mrc)
select ac.cohort_id, a.participant_id, a.region_id,
       count(*) filter (where ac.stage = 'REVELATION'), count(*) filter (where ac.stage = 'IDEATION'),
       count(*) filter (where ac.stage = 'PROTOTYPING'), p.gender, p.birth_year, p.mrc
from attendance a join activity ac using (activity_id) join participant p using (participant_id)
group by ac.cohort_id, a.participant_id, a.region_id, p.gender, p.birth_year, p.mrc;
alter table attendance force row level security;
alter table activity force row level security;
alter table participant force row level security;
alter table cohort_reach force row level security;
