-- Issue 8 (outside security review), findings 5 and 7.
--
-- 5. Erasure leaves no identity behind (Law 25). Idempotency keys kept the whole input of the
--    request (a participant's name and email), which erasure never touched. They now keep a
--    SHA-256 digest of the canonical input (enough to tell a retry from another request), for a
--    limited time (SISMIC_IDEMPOTENCY_RETENTION_DAYS), and erasure deletes the person's keys.
-- 7. Defence in depth: what row-level security still let through.

-- 5a. The digest replaces the request. Existing rows are converted (the digest of the text
-- they hold is what the server computes for the same input, so retries still replay), then
-- the table is rewritten so that the dropped column's values do not linger in its pages.
alter table idempotency_key add column request_sha256 text;
update idempotency_key set request_sha256 = encode(sha256(convert_to(request, 'UTF8')), 'hex');
alter table idempotency_key
    alter column request_sha256 set not null,
    add constraint idempotency_key_request_sha256 check (request_sha256 ~ '^[0-9a-f]{64}$'),
    drop column request;
cluster idempotency_key using idempotency_key_pkey;
-- The purge deletes by age; erasure by the object a key created.
create index idempotency_key_created_at_idx on idempotency_key (created_at);
create index idempotency_key_object_idx on idempotency_key (object_id);
create index follow_up_idempotency_age_idx on follow_up (created_at) where idempotency_key is not null;

-- 5b. Erasing a participant deletes the keys that created them, whoever used the key: an
-- agent erases people another agent of the region registered. A DELETE only reaches rows its
-- scope may also SELECT, so those who may change the participant also see these keys (their
-- key, digest and object id: nothing the participant's own row does not tell them).
create function sismic_key_of_writable_participant(key_operation text, key_object uuid) returns boolean
language sql stable as $$
    select key_operation = 'registerParticipant'
        and exists (select 1 from participant p where p.participant_id = key_object
                    and sismic_writes_region(p.region_id))
$$;
create policy idempotency_key_erase_read on idempotency_key for select
    using (sismic_key_of_writable_participant(operation, object_id));
create policy idempotency_key_erase on idempotency_key for delete
    using (sismic_key_of_writable_participant(operation, object_id));

-- 7a. Audit entries are written by the acting user, under their own id and role; only the
-- system writes entries without a user, or about the user signing in (login runs as SYSTEM).
drop policy audit_log_write on audit_log;
create policy audit_log_write on audit_log for insert with check (
    case sismic_role()
        when 'SYSTEM' then user_id is null or (entity_type = 'User' and entity_id = user_id)
        when 'REPORT' then false
        else user_id = sismic_user() and role = sismic_role()
    end);

-- 7b. A token carries the account's token_version; lowering it would revive revoked tokens.
-- Nobody acting through the application lowers it, administrators included.
create function app_user_token_version_only_grows() returns trigger
language plpgsql as $$
begin
    if (sismic_role() is not null or current_user = 'sismic_app')
       and new.token_version < old.token_version then
        raise exception 'token_version never decreases' using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;
create trigger app_user_token_version_only_grows before update on app_user
    for each row execute function app_user_token_version_only_grows();

-- A user's own row: read and update (password, sessions) only; creating and deleting
-- accounts is for administrators (the old policy let a user delete their own account).
drop policy app_user_write on app_user;
create policy app_user_admin_write on app_user for all using (sismic_is_admin()) with check (sismic_is_admin());
create policy app_user_self_update on app_user for update
    using (user_id = sismic_user()) with check (user_id = sismic_user());

-- 7c. The migrations' own bookkeeping is not the application's: sismic_app got every table of
-- the schema (the grant of 20261126000100), _sqlx_migrations included. Readiness (/readyz)
-- reads the applied versions through a function that runs as the owner.
revoke all on _sqlx_migrations from sismic_app;
create function sismic_applied_migrations() returns setof bigint
language sql stable security definer set search_path = pg_catalog, public as $$
    select version from _sqlx_migrations where success order by version
$$;
revoke all on function sismic_applied_migrations() from public;
grant execute on function sismic_applied_migrations() to sismic_app;

-- 7d. Reports need aggregates, not people. Report transactions run as their own role,
-- `sismic_report` (no login, owns nothing, no BYPASSRLS, a member role of sismic_app so that
-- the server's login role may switch to it), which reads only what the counts use: of a
-- participant, the id, region and the report dimensions (never names or email), of a
-- follow-up everything but its text, and nothing of consents, accounts, keys or the audit log.
do $$
begin
    create role sismic_report nologin;
exception when duplicate_object or unique_violation then
    null; -- roles are shared by the cluster: another database (or a concurrent test) made it
end;
$$;
do $$
begin
    grant sismic_report to sismic_app;
exception when others then
    -- A concurrent migration of another database granted it first.
    if not pg_has_role('sismic_app', 'sismic_report', 'member') then
        raise;
    end if;
end;
$$;
grant usage on schema public to sismic_report;
grant select on region, partner, cohort, project, project_stage_event, activity, attendance, project_member, award
    to sismic_report;
grant select (participant_id, region_id, gender, birth_year, mrc) on participant to sismic_report;
grant select (follow_up_id, region_id, project_id, partner_id, occurred_on, mode, duration_minutes, created_at)
    on follow_up to sismic_report;
-- sismic_app inherits sismic_report's grants; they are a subset of its own, so nothing widens.
