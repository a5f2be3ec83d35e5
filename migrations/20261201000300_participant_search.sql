-- Finding people the way agents type them: accent- and case-insensitive ("Leo" finds
-- "Léo"), and likely duplicates before a registration (same email, or the same birth year and
-- a similar name). pg_trgm and unaccent ship with PostgreSQL (contrib) and are trusted
-- extensions: the database's owner creates them, no superuser needed.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the
-- folding IMMUTABLE, so it can be indexed.
create function sismic_fold(value text) returns text
language sql immutable parallel safe strict as $$
    select lower(public.unaccent('public.unaccent'::regdictionary, value))
$$;

create index participant_name_trgm_idx on participant
    using gin (sismic_fold(first_name || ' ' || last_name) gin_trgm_ops);
create index participant_email_fold_idx on participant (lower(email)) where email is not null;
