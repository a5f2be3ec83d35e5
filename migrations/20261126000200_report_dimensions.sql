-- Report dimensions (issue 4): what funders' reports break counts down by.
--
-- Projects get a sector of activity and an MRC (the regional county municipality, the territory
-- the annual report groups by); participants get a gender, a birth year and an MRC. All are
-- optional: they are filled in as agents learn them, and reports count what is missing as
-- "unknown". The MRC is free text (trimmed, non-empty) rather than an enumeration: the network
-- spans every region of Quebec, about a hundred MRCs and equivalent territories.
--
-- Participants' gender and birth year are personal information (Quebec's Law 25): only the
-- birth year is collected, not the date, which is enough for the age bands of the reports.

alter table project
    add column sector text check (sector in ('TOURISM', 'CULTURE', 'AGRI_FOOD', 'RETAIL', 'HEALTH',
        'LEISURE', 'EDUCATION', 'COMMUNITY_SERVICES', 'COMMUNICATIONS', 'ENVIRONMENT', 'TECHNOLOGY',
        'HOUSING', 'OTHER')),
    add column mrc text check (btrim(mrc) = mrc and mrc <> '' and char_length(mrc) <= 100);

alter table participant
    add column gender text check (gender in ('WOMAN', 'MAN', 'NON_BINARY', 'UNDISCLOSED')),
    add column birth_year smallint check (birth_year between 1900 and 2100),
    add column mrc text check (btrim(mrc) = mrc and mrc <> '' and char_length(mrc) <= 100);

-- The network view selects cohorts by programme year (start date).
create index cohort_starts_on_idx on cohort (starts_on);
