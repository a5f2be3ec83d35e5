-- Live updates (issue 14): every write that a subscriber may want to hear about publishes an
-- event on the channel `sismic_events` with pg_notify, from a trigger, so in the same
-- transaction as the write whichever code path makes it (the API, `sismic import`, the demo
-- loader). PostgreSQL delivers a notification only when its transaction commits, so a write
-- that rolls back publishes nothing; and it delivers it to every session listening on the
-- channel, so every server replica hears every event.
--
-- An event carries ids only, never personal information nor any text typed by a person:
--   {"k": "project",  "id", "region", "partner", "cohort", "change"}  a project changed
--   {"k": "followUp", "id", "region", "project"}                      a follow-up was logged
--   {"k": "cohort",   "id", "region"}                                 a cohort report's figures may have changed
--   {"k": "user",     "id"}                                           an account's sessions were revoked
-- The server decides who hears an event by reading the object again under each subscriber's
-- own scope (row-level security applies), never from the event alone.
--
-- Identical notifications of one transaction are folded into one by PostgreSQL, so a bulk
-- write (500 attendances) announces its cohort once.

create function sismic_publish(event jsonb) returns void
language sql as $$ select pg_notify('sismic_events', event::text) $$;

create function sismic_publish_cohort(cohort uuid, region uuid) returns void
language sql as $$
    select sismic_publish(jsonb_build_object('k', 'cohort', 'id', cohort, 'region', region))
    where cohort is not null
$$;

-- A project: created, moved, its status, its follow-up count, its team or its details. Only
-- what someone reads counts as a change (an update of `updated_at` alone publishes nothing).
create function project_publish() returns trigger
language plpgsql as $$
declare
    change text;
    report boolean := true;
begin
    if tg_op = 'INSERT' then
        change := 'CREATED';
    elsif new.stage is distinct from old.stage then
        change := 'STAGE_CHANGED';
    elsif new.status is distinct from old.status then
        change := 'STATUS_CHANGED';
    elsif (new.follow_up_count, new.last_follow_up_on) is distinct from (old.follow_up_count, old.last_follow_up_on) then
        change := 'FOLLOW_UP_LOGGED';
    elsif new.team_size is distinct from old.team_size then
        change := 'TEAM_CHANGED';
    elsif (new.name, new.summary, new.origin_partner_id, new.sector, new.mrc, new.cohort_id)
          is distinct from (old.name, old.summary, old.origin_partner_id, old.sector, old.mrc, old.cohort_id) then
        change := 'DETAILS_CHANGED';
        -- A new name or summary is in no report.
        report := (new.origin_partner_id, new.sector, new.mrc, new.cohort_id)
                  is distinct from (old.origin_partner_id, old.sector, old.mrc, old.cohort_id);
    else
        return null;
    end if;
    perform sismic_publish(jsonb_build_object('k', 'project', 'id', new.project_id, 'region', new.region_id,
        'partner', new.origin_partner_id, 'cohort', new.cohort_id, 'change', change));
    if report then
        perform sismic_publish_cohort(new.cohort_id, new.region_id);
        if tg_op = 'UPDATE' and old.cohort_id is distinct from new.cohort_id then
            perform sismic_publish_cohort(old.cohort_id, old.region_id);
        end if;
    end if;
    return null;
end;
$$;
create trigger project_publish after insert or update on project
    for each row execute function project_publish();

-- A follow-up. A project follow-up also changes its project's count (the project's trigger
-- announces that, and its cohort's report); a follow-up with a partner and no project counts
-- in the reports of the region's cohorts whose dates hold it.
create function follow_up_publish() returns trigger
language plpgsql as $$
declare
    written follow_up;
    c record;
begin
    if tg_op = 'INSERT' then
        perform sismic_publish(jsonb_build_object('k', 'followUp', 'id', new.follow_up_id,
            'region', new.region_id, 'project', new.project_id));
    end if;
    foreach written in array case tg_op when 'INSERT' then array[new] when 'DELETE' then array[old] else array[old, new] end loop
        if written.project_id is null then
            for c in select cohort_id, region_id from cohort
                     where region_id = written.region_id and written.occurred_on between starts_on and ends_on loop
                perform sismic_publish_cohort(c.cohort_id, c.region_id);
            end loop;
        end if;
    end loop;
    return null;
end;
$$;
create trigger follow_up_publish after insert or update or delete on follow_up
    for each row execute function follow_up_publish();

-- Attendance: the people reached by the activity's cohort.
create function attendance_publish() returns trigger
language plpgsql as $$
declare
    written attendance := case when tg_op = 'DELETE' then old else new end;
begin
    perform sismic_publish_cohort(ac.cohort_id, ac.region_id) from activity ac where ac.activity_id = written.activity_id;
    return null;
end;
$$;
create trigger attendance_publish after insert or delete on attendance
    for each row execute function attendance_publish();

-- Awards: the project's cohort.
create function award_publish() returns trigger
language plpgsql as $$
declare
    written award := case when tg_op = 'DELETE' then old else new end;
begin
    perform sismic_publish_cohort(p.cohort_id, p.region_id) from project p where p.project_id = written.project_id;
    return null;
end;
$$;
create trigger award_publish after insert or update or delete on award
    for each row execute function award_publish();

-- A participant's gender, birth year or MRC: the breakdowns of the cohorts they attended and
-- the team compositions of their projects' cohorts. (Erasure changes none of the three.)
create function participant_publish() returns trigger
language plpgsql as $$
declare
    c record;
begin
    if (new.gender, new.birth_year, new.mrc) is not distinct from (old.gender, old.birth_year, old.mrc) then
        return null;
    end if;
    for c in select distinct ac.cohort_id, ac.region_id from attendance a join activity ac using (activity_id)
             where a.participant_id = new.participant_id
             union
             select distinct p.cohort_id, p.region_id from project_member m join project p using (project_id)
             where m.participant_id = new.participant_id loop
        perform sismic_publish_cohort(c.cohort_id, c.region_id);
    end loop;
    return null;
end;
$$;
create trigger participant_publish after update on participant
    for each row execute function participant_publish();

-- A cohort's dates: its own report, and the comparison of the region's next cohort (which
-- compares itself with the one before it).
create function cohort_publish() returns trigger
language plpgsql as $$
declare
    c record;
begin
    if tg_op = 'UPDATE' and (new.starts_on, new.ends_on, new.name) is not distinct from (old.starts_on, old.ends_on, old.name) then
        return null;
    end if;
    perform sismic_publish_cohort(new.cohort_id, new.region_id);
    for c in select cohort_id, region_id from cohort
             where region_id = new.region_id and starts_on > new.starts_on order by starts_on limit 1 loop
        perform sismic_publish_cohort(c.cohort_id, c.region_id);
    end loop;
    return null;
end;
$$;
create trigger cohort_publish after insert or update on cohort
    for each row execute function cohort_publish();

-- An account whose sessions end (sign-out everywhere, a password change, deactivation): its
-- open subscriptions are closed at once, on every replica.
create function app_user_publish() returns trigger
language plpgsql as $$
begin
    if (new.token_version, new.active) is distinct from (old.token_version, old.active) then
        perform sismic_publish(jsonb_build_object('k', 'user', 'id', new.user_id));
    end if;
    return null;
end;
$$;
create trigger app_user_publish after update on app_user
    for each row execute function app_user_publish();
