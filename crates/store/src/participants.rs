//! Participants (personal information, Quebec's Law 25) and project teams.

use crate::{Page, PageRequest, StoreError};
use chrono::{DateTime, Utc};
use sismic_domain::Gender;
use sqlx::PgConnection;
use uuid::Uuid;

/// A participant as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParticipantRow {
    /// Id.
    pub participant_id: Uuid,
    /// Region that serves them.
    pub region_id: Uuid,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email, if given.
    pub email: Option<String>,
    /// Gender, if stated.
    #[sqlx(try_from = "Option<String>")]
    pub gender: OptionGender,
    /// Birth year, if given.
    pub birth_year: Option<i16>,
    /// MRC (territory) where they live, if given.
    pub mrc: Option<String>,
    /// Registration time.
    pub created_at: DateTime<Utc>,
    /// When their identity was erased, if it was.
    pub anonymized_at: Option<DateTime<Utc>>,
}

const PARTICIPANT_COLUMNS: &str =
    "participant_id, region_id, first_name, last_name, email, gender, birth_year, mrc, created_at, anonymized_at";

/// An optional gender read from a nullable column.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionGender(pub Option<Gender>);

impl TryFrom<Option<String>> for OptionGender {
    type Error = sismic_domain::project::UnknownName;
    fn try_from(value: Option<String>) -> Result<Self, Self::Error> {
        value.map(|v| v.parse()).transpose().map(OptionGender)
    }
}

/// Changes to a participant's report dimensions: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange<'a> {
    /// Gender.
    pub gender: Option<Option<Gender>>,
    /// Birth year.
    pub birth_year: Option<Option<i16>>,
    /// MRC.
    pub mrc: Option<Option<&'a str>>,
}

impl ProfileChange<'_> {
    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.gender.is_none() && self.birth_year.is_none() && self.mrc.is_none()
    }
}

/// Sets a participant's gender, birth year and MRC (personal information: ADMIN and agents).
#[tracing::instrument(skip_all)]
pub async fn set_participant_profile(
    conn: &mut PgConnection,
    participant_id: Uuid,
    change: &ProfileChange<'_>,
) -> Result<ParticipantRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update participant set
               gender = case when $2 then $3 else gender end,
               birth_year = case when $4 then $5 else birth_year end,
               mrc = case when $6 then $7 else mrc end
           where participant_id = $1 and sismic_sees_region(region_id)
           returning {PARTICIPANT_COLUMNS}"#
    ))
    .bind(participant_id)
    .bind(change.gender.is_some())
    .bind(change.gender.flatten().map(Gender::as_str))
    .bind(change.birth_year.is_some())
    .bind(change.birth_year.flatten())
    .bind(change.mrc.is_some())
    .bind(change.mrc.flatten())
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Registers a participant in a region the scope serves.
#[tracing::instrument(skip_all)]
pub async fn insert_participant(
    conn: &mut PgConnection,
    region_id: Uuid,
    first_name: &str,
    last_name: &str,
    email: Option<&str>,
    actor: Option<Uuid>,
) -> Result<ParticipantRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into participant (region_id, first_name, last_name, email, created_by)
           select $1, $2, $3, $4, $5 where sismic_sees_region($1)
             and exists (select 1 from region where region_id = $1)
           returning {PARTICIPANT_COLUMNS}"#
    ))
    .bind(region_id)
    .bind(first_name)
    .bind(last_name)
    .bind(email)
    .bind(actor)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::MissingReference("regionId"))
}

/// Corrects a participant's identity (fields left `None` are kept).
#[tracing::instrument(skip_all)]
pub async fn update_participant(
    conn: &mut PgConnection,
    participant_id: Uuid,
    first_name: Option<&str>,
    last_name: Option<&str>,
    email: Option<Option<&str>>,
) -> Result<ParticipantRow, StoreError> {
    sqlx::query_as(&format!(
        r#"update participant set
               first_name = coalesce($2, first_name),
               last_name = coalesce($3, last_name),
               email = case when $4 then $5 else email end
           where participant_id = $1 and sismic_sees_region(region_id)
           returning {PARTICIPANT_COLUMNS}"#
    ))
    .bind(participant_id)
    .bind(first_name)
    .bind(last_name)
    .bind(email.is_some())
    .bind(email.flatten())
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Participants by id, among those whose region the scope serves.
#[tracing::instrument(skip_all)]
pub async fn participants_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<ParticipantRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {PARTICIPANT_COLUMNS} from participant
           where participant_id = any($1) and {sees}"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// A page of the participants the scope serves, optionally of one region and matching a search
/// (every word of it in the name or email, accents and case aside), in registration order.
#[tracing::instrument(skip_all)]
pub async fn list_participants(
    conn: &mut PgConnection,
    region_id: Option<Uuid>,
    search: Option<&str>,
    page: &PageRequest,
) -> Result<Page<ParticipantRow>, StoreError> {
    let words: Vec<String> = search
        .map(|s| s.split_whitespace().map(|w| w.replace(['%', '_', '\\'], "")).filter(|w| !w.is_empty()).collect())
        .unwrap_or_default();
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        crate::visibility::gated(
            PARTICIPANT_COLUMNS,
            "participant",
            &[all_rows!(), agent_rows!("region_id")],
            "($1::uuid is null or region_id = $1)
             and ($2::timestamptz is null or (created_at, participant_id) > ($2, $3))
             and (select bool_and(sismic_fold(first_name || ' ' || last_name || ' ' || coalesce(email, ''))
                                  like '%' || sismic_fold(word) || '%')
                  from unnest($5::text[]) word) is not false",
            "created_at, participant_id",
            "$4",
        )
    });
    let rows = sqlx::query_as(SQL.as_str())
        .bind(region_id)
        .bind(page.after_at())
        .bind(page.after_id())
        .bind(page.limit())
        .bind(&words)
        .fetch_all(conn)
        .await?;
    Ok(Page::from_rows(rows, page))
}

/// Who a registration might duplicate.
#[derive(Debug, Clone)]
pub struct Lookalike<'a> {
    /// The region the person would be registered in.
    pub region_id: Uuid,
    /// First name, as typed.
    pub first_name: &'a str,
    /// Last name, as typed.
    pub last_name: &'a str,
    /// Email, if typed.
    pub email: Option<&'a str>,
    /// Birth year, if typed.
    pub birth_year: Option<i16>,
}

/// The region's participants (not erased) who are likely the same person: the same email, or
/// the same birth year and a similar name (trigram similarity of the folded names at least
/// 0.4), best matches first, at most 10.
#[tracing::instrument(skip_all)]
pub async fn likely_duplicates(
    conn: &mut PgConnection,
    person: &Lookalike<'_>,
) -> Result<Vec<ParticipantRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {PARTICIPANT_COLUMNS} from (
               select p.*, greatest(
                   case when $4::text is not null and lower(p.email) = lower($4) then 1.0 else 0 end,
                   case when $5::smallint is not null and p.birth_year = $5
                        then similarity(sismic_fold(p.first_name || ' ' || p.last_name), sismic_fold($2 || ' ' || $3))
                        else 0 end) as likeness
               from participant p
               where sismic_sees_region(p.region_id) and p.region_id = $1 and p.anonymized_at is null
           ) candidates
           where likeness >= 0.4
           order by likeness desc, created_at
           limit 10"#
    ))
    .bind(person.region_id)
    .bind(person.first_name)
    .bind(person.last_name)
    .bind(person.email.map(str::trim).filter(|e| !e.is_empty()))
    .bind(person.birth_year)
    .fetch_all(conn)
    .await?)
}

/// A link between two rows (project–participant, activity–participant).
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Link {
    /// The parent (project or activity).
    pub parent_id: Uuid,
    /// The participant.
    pub participant_id: Uuid,
}

/// Adds a participant to a project's team; adding a member again changes nothing.
/// Returns whether a row was written.
#[tracing::instrument(skip_all)]
pub async fn add_member(
    conn: &mut PgConnection,
    project_id: Uuid,
    participant_id: Uuid,
    region_id: Uuid,
) -> Result<bool, StoreError> {
    let result = sqlx::query(
        r#"insert into project_member (project_id, participant_id, region_id)
           select $1, $2, $3 where sismic_sees_region($3)
           on conflict do nothing"#,
    )
    .bind(project_id)
    .bind(participant_id)
    .bind(region_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Removes a participant from a project's team. Returns whether they were on it.
#[tracing::instrument(skip_all)]
pub async fn remove_member(
    conn: &mut PgConnection,
    project_id: Uuid,
    participant_id: Uuid,
) -> Result<bool, StoreError> {
    let result = sqlx::query(
        r#"delete from project_member
           where project_id = $1 and participant_id = $2 and sismic_sees_region(region_id)"#,
    )
    .bind(project_id)
    .bind(participant_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Team members of the given projects (parent = project).
#[tracing::instrument(skip_all)]
pub async fn members_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Link>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select m.project_id as parent_id, m.participant_id
         from project_member m join participant pa using (participant_id)
         where m.project_id = any($1) and ",
        sees_region!("m.region_id"),
        " order by m.project_id, pa.last_name, pa.first_name"
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Projects each of the given participants is a member of (parent = project).
#[tracing::instrument(skip_all)]
pub async fn projects_of_participants(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<Link>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select project_id as parent_id, participant_id from project_member
         where participant_id = any($1) and ",
        sees_region!("region_id"),
        " order by added_at"
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}
