-- Access control in depth, privacy (Quebec's Law 25) and the audit trail.
--
-- 1. Row-level security. The server runs every transaction as `sismic_app` (SET LOCAL ROLE),
--    a role that owns no table and does not bypass RLS, and every table FORCEs its policies.
--    The policies use the same visibility functions as the queries, keyed on the request's
--    identity set with set_config(…, true): a resolver that forgets a filter still cannot read
--    or write another region's rows.
-- 2. Consent and anonymisation of participants.
-- 3. An append-only audit log, written in the same transaction as each change.
-- 4. Token revocation and login throttling.

do $$
begin
    create role sismic_app nologin;
exception when duplicate_object or unique_violation then
    null; -- roles are shared by the cluster: another database (or a concurrent test) made it
end;
$$;

grant usage on schema public to sismic_app;
grant select, insert, update, delete on all tables in schema public to sismic_app;
grant usage, select on all sequences in schema public to sismic_app;
-- Tables of later migrations get the same grants (they still need their own policies).
alter default privileges in schema public grant select, insert, update, delete on tables to sismic_app;
alter default privileges in schema public grant usage, select on sequences to sismic_app;
-- History is append-only for the application, whatever the policies say.
revoke update, delete on project_stage_event, enterprise_launch from sismic_app;

create function sismic_user() returns uuid
language sql stable as $$ select nullif(current_setting('sismic.user_id', true), '')::uuid $$;

-- `REPORT` is the role of the report transactions: after the API checked that the viewer may
-- read a cohort's report, its aggregates read every row of the cohort (a funder's totals count
-- rows the funder may not see one by one). It never returns rows to a client.
create or replace function sismic_sees_region(row_region uuid) returns boolean
language sql stable as $$
    select coalesce(sismic_role() in ('ADMIN', 'SYSTEM', 'REPORT')
        or (sismic_role() = 'AGENT' and row_region = sismic_region()), false)
$$;

-- Who may change a region's data: the region's staff and the system, never a report.
create function sismic_writes_region(row_region uuid) returns boolean
language sql stable as $$
    select coalesce(sismic_role() in ('ADMIN', 'SYSTEM')
        or (sismic_role() = 'AGENT' and row_region = sismic_region()), false)
$$;

create function sismic_is_admin() returns boolean
language sql stable as $$ select coalesce(sismic_role() in ('ADMIN', 'SYSTEM'), false) $$;

create function sismic_is_staff() returns boolean
language sql stable as $$ select coalesce(sismic_role() in ('ADMIN', 'AGENT', 'SYSTEM'), false) $$;

-- Regions and partners are names of public institutions: every signed-in role reads them.
alter table region enable row level security;
alter table region force row level security;
create policy region_read on region for select using (sismic_role() is not null);
create policy region_write on region for all using (sismic_is_admin()) with check (sismic_is_admin());

alter table partner enable row level security;
alter table partner force row level security;
create policy partner_read on partner for select using (sismic_role() is not null);
create policy partner_write on partner for all using (sismic_is_staff()) with check (sismic_is_staff());

alter table app_user enable row level security;
alter table app_user force row level security;
create policy app_user_read on app_user for select using (sismic_is_admin() or user_id = sismic_user());
create policy app_user_write on app_user for all
    using (sismic_is_admin() or user_id = sismic_user())
    with check (sismic_is_admin() or user_id = sismic_user());

alter table cohort enable row level security;
alter table cohort force row level security;
create policy cohort_read on cohort for select using (
    sismic_sees_region(region_id) or sismic_role() = 'FUNDER'
    or exists (select 1 from project p where p.cohort_id = cohort.cohort_id
               and sismic_sees_project(p.region_id, p.origin_partner_id)));
create policy cohort_write on cohort for all using (sismic_writes_region(region_id)) with check (sismic_writes_region(region_id));

alter table project enable row level security;
alter table project force row level security;
create policy project_read on project for select using (sismic_sees_project(region_id, origin_partner_id));
create policy project_write on project for all using (sismic_writes_region(region_id)) with check (sismic_writes_region(region_id));

alter table project_stage_event enable row level security;
alter table project_stage_event force row level security;
create policy project_stage_event_read on project_stage_event for select using (
    exists (select 1 from project p where p.project_id = project_stage_event.project_id
            and sismic_sees_project(p.region_id, p.origin_partner_id)));
create policy project_stage_event_write on project_stage_event for insert with check (
    exists (select 1 from project p where p.project_id = project_stage_event.project_id
            and sismic_writes_region(p.region_id)));

alter table enterprise_launch enable row level security;
alter table enterprise_launch force row level security;
create policy enterprise_launch_read on enterprise_launch for select using (
    exists (select 1 from project p where p.project_id = enterprise_launch.project_id
            and sismic_sees_project(p.region_id, p.origin_partner_id)));
create policy enterprise_launch_write on enterprise_launch for insert with check (
    exists (select 1 from project p where p.project_id = enterprise_launch.project_id
            and sismic_writes_region(p.region_id)));

-- The operational data of a region: its staff only (partners and funders never read a row).
do $$
declare
    t text;
begin
    foreach t in array array['participant', 'project_member', 'activity', 'attendance', 'follow_up', 'award'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I for select using (sismic_sees_region(region_id))', t || '_read', t);
        execute format('create policy %I on %I for all using (sismic_writes_region(region_id)) with check (sismic_writes_region(region_id))', t || '_write', t);
    end loop;
end;
$$;

-- Consent (Law 25): when, for what, and its withdrawal.
create table participant_consent (
    consent_id      uuid primary key default gen_random_uuid(),
    participant_id  uuid not null,
    region_id       uuid not null,
    given_on        date not null,
    purposes        text[] not null check (cardinality(purposes) > 0
                        and purposes <@ array['PROGRAM_DELIVERY', 'REPORTING', 'COMMUNICATIONS', 'PHOTOS']),
    withdrawn_on    date,
    recorded_by     uuid references app_user,
    created_at      timestamptz not null default now(),
    foreign key (participant_id, region_id) references participant (participant_id, region_id),
    constraint participant_consent_dates check (withdrawn_on is null or withdrawn_on >= given_on)
);
create index participant_consent_participant_idx on participant_consent (participant_id, given_on desc);
alter table participant_consent enable row level security;
alter table participant_consent force row level security;
create policy participant_consent_read on participant_consent for select using (sismic_sees_region(region_id));
create policy participant_consent_write on participant_consent for all
    using (sismic_writes_region(region_id)) with check (sismic_writes_region(region_id));

-- Anonymisation keeps the row (report counts do not change) but not the identity.
alter table participant add column anonymized_at timestamptz;

-- Revocation: a token carries the version current when it was issued; logout, a password
-- change or a deactivation bump it, and every older token stops working.
alter table app_user add column token_version integer not null default 0 check (token_version >= 0);

-- Failed sign-ins per email (lowercased), to slow down password guessing.
create table login_throttle (
    email_key     text primary key,
    failures      integer not null check (failures >= 0),
    window_start  timestamptz not null,
    locked_until  timestamptz
);
alter table login_throttle enable row level security;
alter table login_throttle force row level security;
create policy login_throttle_system on login_throttle for all
    using (sismic_role() = 'SYSTEM') with check (sismic_role() = 'SYSTEM');

-- Who changed what, when. Append-only: the database refuses UPDATE and DELETE.
create table audit_log (
    audit_id     bigint generated always as identity primary key,
    at           timestamptz not null default now(),
    user_id      uuid references app_user,
    role         text not null,
    operation    text not null check (btrim(operation) <> ''),
    entity_type  text not null,
    entity_id    uuid,
    region_id    uuid,
    before       jsonb,
    after        jsonb
);
create index audit_log_at_idx on audit_log (at, audit_id);
create index audit_log_entity_idx on audit_log (entity_id);
create index audit_log_user_idx on audit_log (user_id);
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_change();
revoke update, delete, truncate on audit_log from sismic_app;
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_read on audit_log for select using (sismic_is_admin());
create policy audit_log_write on audit_log for insert with check (sismic_role() is not null);

-- A user may change their own password and end their own sessions, never their own role,
-- attachment, email or activation: those are for administrators.
create function app_user_guard_self_change() returns trigger
language plpgsql as $$
begin
    -- Outside the application (no sismic.role: the owner's maintenance) the guard stays out.
    if sismic_role() is not null and not sismic_is_admin()
       and (new.role, new.region_id, new.partner_id, new.active, new.email)
           is distinct from (old.role, old.region_id, old.partner_id, old.active, old.email) then
        raise exception 'only an administrator changes accounts' using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;
create trigger app_user_guard_self_change before update on app_user
    for each row execute function app_user_guard_self_change();

-- What partners may know of a project's follow-ups and team (their number, the date of the
-- last follow-up), kept on the project row itself: row-level security never lets a partner
-- read a follow-up or a team member, so the figures cannot be aggregated at read time.
alter table project
    add column follow_up_count integer not null default 0 check (follow_up_count >= 0),
    add column last_follow_up_on date,
    add column team_size integer not null default 0 check (team_size >= 0);

update project p set
    follow_up_count = (select count(*) from follow_up f where f.project_id = p.project_id),
    last_follow_up_on = (select max(f.occurred_on) from follow_up f where f.project_id = p.project_id),
    team_size = (select count(*) from project_member m where m.project_id = p.project_id);

create function project_follow_up_tally() returns trigger
language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') and new.project_id is not null then
        update project set follow_up_count = follow_up_count + 1,
                           last_follow_up_on = greatest(last_follow_up_on, new.occurred_on)
        where project_id = new.project_id;
    end if;
    if tg_op in ('DELETE', 'UPDATE') and old.project_id is not null then
        update project set
            follow_up_count = follow_up_count - 1,
            last_follow_up_on = (select max(f.occurred_on) from follow_up f
                                 where f.project_id = old.project_id
                                   and (tg_op = 'DELETE' or f.follow_up_id <> old.follow_up_id))
        where project_id = old.project_id;
    end if;
    return null;
end;
$$;
create trigger follow_up_tally after insert or update of project_id, occurred_on or delete on follow_up
    for each row execute function project_follow_up_tally();

create function project_team_tally() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update project set team_size = team_size + 1 where project_id = new.project_id;
    else
        update project set team_size = team_size - 1 where project_id = old.project_id;
    end if;
    return null;
end;
$$;
create trigger project_member_tally after insert or delete on project_member
    for each row execute function project_team_tally();
