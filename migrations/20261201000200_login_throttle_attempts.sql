-- Sign-in throttling, round two.
--
-- Attempts are now counted *before* the password is checked, in one upsert that returns the
-- count, so that concurrent guesses (separate requests, or the operations of one batch) cannot
-- all pass a check made before any of them was counted. There are two kinds of keys:
-- `email:<lowercased email>` and `address:<client IP>`, so that one password tried across many
-- accounts from one address is slowed too.
--
-- `expires_at` is when a row stops mattering (its window and any lock are over): every sign-in
-- deletes the expired rows through its index, so the table no longer grows with every email
-- string ever tried. The state is ephemeral: the old table is dropped, not converted.
drop table login_throttle;

create table login_throttle (
    throttle_key  text primary key check (throttle_key like 'email:%' or throttle_key like 'address:%'),
    attempts      integer not null check (attempts >= 0),
    window_start  timestamptz not null,
    locked_until  timestamptz,
    expires_at    timestamptz not null
);
create index login_throttle_expires_idx on login_throttle (expires_at);
grant select, insert, update, delete on login_throttle to sismic_app;
alter table login_throttle enable row level security;
alter table login_throttle force row level security;
create policy login_throttle_system on login_throttle for all
    using (sismic_role() = 'SYSTEM') with check (sismic_role() = 'SYSTEM');
