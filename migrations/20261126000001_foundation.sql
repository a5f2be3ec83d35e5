-- Foundation of SISMIC Tracker: regions, partners, users, cohorts, projects with their
-- append-only stage/status history, participants and teams, activities and attendance,
-- follow-ups, awards and enterprise launches.
--
-- The database refuses what the rules forbid, so that even a buggy caller cannot write bad
-- data: foreign keys (composite ones keep every row inside its region), CHECKs on enumerations,
-- lengths and date order, non-empty text, and uniques. Enumerations are text with a CHECK rather
-- than PostgreSQL enums: adding a value later is a one-line migration and rows map to the domain
-- crate's types without database-specific glue.

create function set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at = now();
    return new;
end;
$$;

create function refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception 'table % is append-only', tg_table_name
        using errcode = 'restrict_violation';
end;
$$;

-- A regional Pôle d'économie sociale: the tenant. Nothing of one region is another's.
create table region (
    region_id   uuid primary key default gen_random_uuid(),
    code        text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{1,15}$'),
    name        text not null check (btrim(name) <> '' and char_length(name) <= 200),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create trigger region_updated_at before update on region
    for each row execute function set_updated_at();

-- A partner institution. Partners are shared by the whole network (a university works with
-- several regions), so they carry no region.
create table partner (
    partner_id  uuid primary key default gen_random_uuid(),
    name        text not null check (btrim(name) <> '' and char_length(name) <= 200),
    kind        text not null check (kind in ('COLLEGE', 'UNIVERSITY', 'ECONOMIC_DEVELOPMENT',
                    'YOUTH_EMPLOYMENT', 'FUNDER', 'NETWORK', 'INCUBATOR', 'OTHER')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
-- Case-insensitive uniqueness. The ICU root collation lower-cases every script ("CAFÉ" and
-- "café" collide), whatever locale the database was created with.
create unique index partner_name_key on partner (lower(name collate "und-x-icu"));
create trigger partner_updated_at before update on partner
    for each row execute function set_updated_at();

create table app_user (
    user_id        uuid primary key default gen_random_uuid(),
    email          text not null check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' and char_length(email) <= 254),
    password_hash  text not null check (password_hash like '$argon2id$%'),
    role           text not null check (role in ('ADMIN', 'AGENT', 'PARTNER', 'FUNDER')),
    region_id      uuid references region,
    partner_id     uuid references partner,
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    -- What each role is attached to: an agent to exactly one region, a partner account to
    -- exactly one partner, an admin to nothing; a funder may be linked to its funder partner.
    constraint app_user_attachment check (case role
        when 'ADMIN'   then region_id is null and partner_id is null
        when 'AGENT'   then region_id is not null and partner_id is null
        when 'PARTNER' then region_id is null and partner_id is not null
        when 'FUNDER'  then region_id is null
    end)
);
create unique index app_user_email_key on app_user (lower(email collate "und-x-icu"));
create trigger app_user_updated_at before update on app_user
    for each row execute function set_updated_at();

-- A region's intake for one period (programme years run April 1 to March 31).
create table cohort (
    cohort_id   uuid primary key default gen_random_uuid(),
    region_id   uuid not null references region,
    name        text not null check (btrim(name) <> '' and char_length(name) <= 200),
    starts_on   date not null,
    ends_on     date not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint cohort_dates_in_order check (starts_on <= ends_on),
    constraint cohort_name_key unique (region_id, name),
    unique (cohort_id, region_id)
);
create trigger cohort_updated_at before update on cohort
    for each row execute function set_updated_at();

-- A collective-enterprise project. `stage`, `status` and `version` are the current state; the
-- full story is in project_stage_event, written in the same transaction.
create table project (
    project_id         uuid primary key default gen_random_uuid(),
    region_id          uuid not null,
    cohort_id          uuid not null,
    name               text not null check (btrim(name) <> '' and char_length(name) <= 200),
    summary            text check (char_length(summary) <= 5000),
    origin_partner_id  uuid references partner,
    stage              text not null check (stage in ('REVELATION', 'IDEATION', 'PROTOTYPING')),
    status             text not null check (status in ('ACTIVE', 'ON_HOLD', 'ABANDONED', 'LAUNCHED', 'REFERRED_OUT')),
    version            integer not null check (version >= 1),
    -- LAUNCHED is only reached from PROTOTYPING, and never left.
    constraint project_launched_in_prototyping check (status <> 'LAUNCHED' or stage = 'PROTOTYPING'),
    created_by         uuid references app_user,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    foreign key (cohort_id, region_id) references cohort (cohort_id, region_id),
    unique (project_id, region_id)
);
create index project_cohort_idx on project (cohort_id);
create index project_origin_partner_idx on project (origin_partner_id);
create index project_list_idx on project (region_id, created_at, project_id);
create trigger project_updated_at before update on project
    for each row execute function set_updated_at();

-- Append-only history of a project's stage and status: one row per version.
create table project_stage_event (
    project_id     uuid not null references project,
    version        integer not null check (version >= 1),
    from_stage     text check (from_stage in ('REVELATION', 'IDEATION', 'PROTOTYPING')),
    to_stage       text not null check (to_stage in ('REVELATION', 'IDEATION', 'PROTOTYPING')),
    from_status    text check (from_status in ('ACTIVE', 'ON_HOLD', 'ABANDONED', 'LAUNCHED', 'REFERRED_OUT')),
    to_status      text not null check (to_status in ('ACTIVE', 'ON_HOLD', 'ABANDONED', 'LAUNCHED', 'REFERRED_OUT')),
    note           text check (btrim(note) <> '' and char_length(note) <= 2000),
    actor_user_id  uuid references app_user,
    at             timestamptz not null default now(),
    primary key (project_id, version),
    -- The first entry (creation) has no "from"; every later one has both.
    constraint project_stage_event_origin check (
        (version = 1) = (from_stage is null) and (from_stage is null) = (from_status is null))
);
create trigger project_stage_event_append_only before update or delete on project_stage_event
    for each row execute function refuse_change();

-- A young person reached by the pathway. Personal information (Quebec's Law 25).
create table participant (
    participant_id  uuid primary key default gen_random_uuid(),
    region_id       uuid not null references region,
    first_name      text not null check (btrim(first_name) <> '' and char_length(first_name) <= 100),
    last_name       text not null check (btrim(last_name) <> '' and char_length(last_name) <= 100),
    email           text check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' and char_length(email) <= 254),
    created_by      uuid references app_user,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (participant_id, region_id)
);
create index participant_region_idx on participant (region_id, created_at, participant_id);
create trigger participant_updated_at before update on participant
    for each row execute function set_updated_at();

-- Who is on a project's team (the "groupe promoteur").
create table project_member (
    project_id      uuid not null,
    participant_id  uuid not null,
    region_id       uuid not null,
    added_at        timestamptz not null default now(),
    primary key (project_id, participant_id),
    foreign key (project_id, region_id) references project (project_id, region_id),
    foreign key (participant_id, region_id) references participant (participant_id, region_id)
);
create index project_member_participant_idx on project_member (participant_id);

-- A workshop of the pathway: one stage, one cohort.
create table activity (
    activity_id  uuid primary key default gen_random_uuid(),
    region_id    uuid not null,
    cohort_id    uuid not null,
    stage        text not null check (stage in ('REVELATION', 'IDEATION', 'PROTOTYPING')),
    title        text not null check (btrim(title) <> '' and char_length(title) <= 200),
    held_on      date not null,
    created_by   uuid references app_user,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    foreign key (cohort_id, region_id) references cohort (cohort_id, region_id),
    unique (activity_id, region_id)
);
create index activity_cohort_idx on activity (cohort_id);
create trigger activity_updated_at before update on activity
    for each row execute function set_updated_at();

-- Presence of a participant at an activity; both of the same region, once each.
create table attendance (
    activity_id     uuid not null,
    participant_id  uuid not null,
    region_id       uuid not null,
    recorded_at     timestamptz not null default now(),
    primary key (activity_id, participant_id),
    foreign key (activity_id, region_id) references activity (activity_id, region_id),
    foreign key (participant_id, region_id) references participant (participant_id, region_id)
);
create index attendance_participant_idx on attendance (participant_id);

-- A follow-up ("suivi"): a coaching meeting on a project, or a working meeting with a partner.
create table follow_up (
    follow_up_id      uuid primary key default gen_random_uuid(),
    region_id         uuid not null references region,
    project_id        uuid,
    partner_id        uuid references partner,
    occurred_on       date not null,
    mode              text not null check (mode in ('IN_PERSON', 'VIRTUAL', 'PHONE', 'EMAIL')),
    summary           text not null check (btrim(summary) <> '' and char_length(summary) <= 2000),
    duration_minutes  integer check (duration_minutes between 1 and 1440),
    created_by        uuid not null references app_user,
    idempotency_key   text check (char_length(idempotency_key) between 1 and 255),
    created_at        timestamptz not null default now(),
    foreign key (project_id, region_id) references project (project_id, region_id),
    constraint follow_up_has_subject check (project_id is not null or partner_id is not null),
    constraint follow_up_idempotency_key unique (created_by, idempotency_key)
);
create index follow_up_project_idx on follow_up (project_id, occurred_on desc);
create index follow_up_region_idx on follow_up (region_id, occurred_on);

-- A grant to a project (e.g. the Fonds FTQ "bourse d'accompagnement").
create table award (
    award_id          uuid primary key default gen_random_uuid(),
    project_id        uuid not null,
    region_id         uuid not null,
    funder_partner_id uuid not null references partner,
    amount_cents      bigint not null check (amount_cents between 1 and 100000000),
    awarded_on        date not null,
    created_by        uuid references app_user,
    created_at        timestamptz not null default now(),
    foreign key (project_id, region_id) references project (project_id, region_id)
);
create index award_project_idx on award (project_id);

-- The collective enterprise a project became. At most one per project.
create table enterprise_launch (
    project_id   uuid primary key references project,
    legal_name   text not null check (btrim(legal_name) <> '' and char_length(legal_name) <= 200),
    legal_form   text not null check (legal_form in ('COOPERATIVE', 'NONPROFIT')),
    launched_on  date not null,
    neq          text check (neq ~ '^[0-9]{10}$'),
    created_at   timestamptz not null default now()
);
create trigger enterprise_launch_append_only before update or delete on enterprise_launch
    for each row execute function refuse_change();

-- Who is asking. Every transaction the server opens sets these with
-- set_config('sismic.…', value, true) (local to the transaction), and every query filters with
-- the functions below, so that "who may see what" is written once, in one place, for the
-- queries and for row-level security alike.
create function sismic_role() returns text
language sql stable as $$ select nullif(current_setting('sismic.role', true), '') $$;

create function sismic_region() returns uuid
language sql stable as $$ select nullif(current_setting('sismic.region_id', true), '')::uuid $$;

create function sismic_partner() returns uuid
language sql stable as $$ select nullif(current_setting('sismic.partner_id', true), '')::uuid $$;

-- The operational data of a region (projects, participants, activities, follow-ups):
-- administrators and the server's own maintenance tasks see all; agents their region.
create function sismic_sees_region(row_region uuid) returns boolean
language sql stable as $$
    select coalesce(sismic_role() in ('ADMIN', 'SYSTEM')
        or (sismic_role() = 'AGENT' and row_region = sismic_region()), false)
$$;

-- A project: as its region, plus the partner the project came from.
create function sismic_sees_project(row_region uuid, row_origin_partner uuid) returns boolean
language sql stable as $$
    select sismic_sees_region(row_region)
        or coalesce(sismic_role() = 'PARTNER' and row_origin_partner = sismic_partner(), false)
$$;

-- Two projects of one cohort with the same name are almost surely the same project typed twice
-- (a retried request on a flaky connection).
create unique index project_name_key on project (cohort_id, lower(name collate "und-x-icu"));
