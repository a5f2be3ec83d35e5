-- Idempotency keys of the creating mutations (createProject, registerParticipant,
-- recordAward, createActivity). A client that lost the answer to a write (a flaky rural
-- connection, a timeout) retries with the same key: the retry returns the first object and
-- writes nothing; the same key with another input is refused.
--
-- One row per (user, operation, key), written in the same transaction as the object it
-- names, so a key exists exactly when its object does. `request` is the canonical JSON of the
-- normalised input, compared as text. `object_id` is null only inside the creating
-- transaction (the row is claimed first, so that a concurrent retry waits on the primary key
-- instead of creating a second object). logFollowUp keeps its own key on follow_up.
create table idempotency_key (
    user_id          uuid not null references app_user on delete cascade,
    operation        text not null check (operation ~ '^[a-zA-Z]{1,64}$'),
    idempotency_key  text not null check (char_length(idempotency_key) between 1 and 255),
    request          text not null,
    object_id        uuid,
    created_at       timestamptz not null default now(),
    primary key (user_id, operation, idempotency_key)
);

-- A user's keys are theirs alone (row-level security, as every table).
alter table idempotency_key enable row level security;
alter table idempotency_key force row level security;
create policy idempotency_key_own on idempotency_key for all
    using (user_id = sismic_user() or sismic_role() = 'SYSTEM')
    with check (user_id = sismic_user() or sismic_role() = 'SYSTEM');
