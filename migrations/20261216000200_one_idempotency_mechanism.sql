-- One idempotency mechanism (issue 13). logFollowUp and the follow-up rows of a spreadsheet
-- import kept their key on the follow-up itself (`follow_up.idempotency_key`, unique per
-- user), beside the `idempotency_key` table every other creating mutation uses; expiring,
-- purging and replaying were written twice. They now use the table too, as the operations
-- `logFollowUp` and `importFollowUp`.
--
-- The keys already on follow-ups move to the table, with their age (so they expire when they
-- would have), so that a retry of a follow-up logged before this migration still replays it,
-- and the same key with another follow-up is still refused. The digest is the SHA-256 of the
-- canonical JSON the server computes for a follow-up (serde_json, keys sorted, no spaces):
-- the region, project, partner, date, mode, summary and duration as stored, which is what the
-- column's replay compared. The column served both ways in, so each key is moved for both
-- operations: a key given in a spreadsheet still conflicts with a `logFollowUp` it was used for.

-- The copy reads every follow-up and writes every user's keys. The migrations run as the
-- tables' owner, whom FORCE ROW LEVEL SECURITY binds to policies that are not for it (it would
-- see no row, and copy nothing): the force is lifted for the copy only, in this transaction.
alter table follow_up no force row level security;
alter table idempotency_key no force row level security;

insert into idempotency_key (user_id, operation, idempotency_key, request_sha256, object_id, created_at)
select f.created_by, op.operation, f.idempotency_key,
       encode(sha256(convert_to(
           '{"durationMinutes":' || coalesce(f.duration_minutes::text, 'null')
           || ',"mode":' || to_json(f.mode)::text
           || ',"occurredOn":"' || to_char(f.occurred_on, 'YYYY-MM-DD') || '"'
           || ',"partnerId":' || coalesce(to_json(f.partner_id)::text, 'null')
           || ',"projectId":' || coalesce(to_json(f.project_id)::text, 'null')
           || ',"regionId":' || to_json(f.region_id)::text
           || ',"summary":' || to_json(f.summary)::text
           || '}', 'UTF8')), 'hex'),
       f.follow_up_id, f.created_at
from follow_up f
cross join (values ('logFollowUp'), ('importFollowUp')) as op (operation)
where f.idempotency_key is not null
on conflict (user_id, operation, idempotency_key) do nothing;

alter table follow_up force row level security;
alter table idempotency_key force row level security;

drop index follow_up_idempotency_age_idx;
alter table follow_up drop constraint follow_up_idempotency_key, drop column idempotency_key;
