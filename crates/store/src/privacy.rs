//! Participants' rights under Quebec's Law 25: consent, access (export), rectification (see
//! `participants::update_participant`) and erasure by anonymisation.
//!
//! Anonymisation keeps the row with only what report counts use (its id and region, gender,
//! birth year, MRC, and the attendance and team rows that point at it), so that published
//! figures do not change; it removes for good the identity (names, email), the consents, who
//! registered the person and the idempotency keys of their registration (whose digest was
//! computed from their name and email).

use crate::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sismic_domain::{ConsentPurpose, UnknownName};
use sqlx::PgConnection;
use uuid::Uuid;

/// What an anonymised participant's names become.
pub const ANONYMOUS_FIRST_NAME: &str = "Personne";
/// What an anonymised participant's last name becomes.
pub const ANONYMOUS_LAST_NAME: &str = "anonymisée";

/// A consent as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    /// Id.
    pub consent_id: Uuid,
    /// Participant.
    pub participant_id: Uuid,
    /// Date given.
    pub given_on: NaiveDate,
    /// Purposes consented to, as recorded (sorted by name).
    #[sqlx(try_from = "Vec<String>")]
    pub purposes: ConsentPurposes,
    /// Date withdrawn, if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// Recorded at.
    pub created_at: DateTime<Utc>,
}

/// The purposes of a consent, read from a `text[]` column (a newtype, since `Vec` of a domain
/// type can take no conversion of its own here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentPurposes(pub Vec<ConsentPurpose>);

impl TryFrom<Vec<String>> for ConsentPurposes {
    type Error = UnknownName;
    fn try_from(value: Vec<String>) -> Result<Self, Self::Error> {
        value.into_iter().map(ConsentPurpose::try_from).collect::<Result<_, _>>().map(ConsentPurposes)
    }
}

const CONSENT_COLUMNS: &str = "consent_id, participant_id, given_on, purposes, withdrawn_on, created_at";

/// Records a consent for a participant the scope serves.
#[tracing::instrument(skip_all)]
pub async fn insert_consent(
    conn: &mut PgConnection,
    participant_id: Uuid,
    given_on: NaiveDate,
    purposes: &[ConsentPurpose],
    actor: Option<Uuid>,
) -> Result<ConsentRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into participant_consent (participant_id, region_id, given_on, purposes, recorded_by)
           select participant_id, region_id, $2, $3, $4 from participant
           where participant_id = $1 and sismic_sees_region(region_id)
           returning {CONSENT_COLUMNS}"#
    ))
    .bind(participant_id)
    .bind(given_on)
    .bind(ConsentPurpose::names(purposes))
    .bind(actor)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::MissingReference("participantId"))
}

/// Whether the participant already has this very consent in force (same date, same purposes):
/// recording it again changes nothing, so a retried `recordConsent` is a no-op.
#[tracing::instrument(skip_all)]
pub async fn consent_in_force(
    conn: &mut PgConnection,
    participant_id: Uuid,
    given_on: NaiveDate,
    purposes: &[ConsentPurpose],
) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select exists (select 1 from participant_consent
                          where participant_id = $1 and given_on = $2 and withdrawn_on is null
                            and purposes @> $3 and purposes <@ $3)"#,
    )
    .bind(participant_id)
    .bind(given_on)
    .bind(ConsentPurpose::names(purposes))
    .fetch_one(conn)
    .await?)
}

/// Withdraws every consent of a participant still in force, as of `on`. Returns how many.
#[tracing::instrument(skip_all)]
pub async fn withdraw_consents(
    conn: &mut PgConnection,
    participant_id: Uuid,
    on: NaiveDate,
) -> Result<u64, StoreError> {
    let result = sqlx::query(
        r#"update participant_consent set withdrawn_on = greatest($2, given_on)
           where participant_id = $1 and withdrawn_on is null and sismic_sees_region(region_id)"#,
    )
    .bind(participant_id)
    .bind(on)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Consents of the given participants, newest first.
#[tracing::instrument(skip_all)]
pub async fn consents_by_participant_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<ConsentRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {CONSENT_COLUMNS} from participant_consent
           where participant_id = any($1) and {sees}
           order by participant_id, given_on desc, created_at desc"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Everything held about one participant, as one JSON document (an access request).
#[tracing::instrument(skip_all)]
pub async fn export_participant(conn: &mut PgConnection, participant_id: Uuid) -> Result<Value, StoreError> {
    sqlx::query_scalar(
        r#"select jsonb_build_object(
               'participant', to_jsonb(p) - 'created_by',
               'region', (select jsonb_build_object('code', r.code, 'name', r.name) from region r where r.region_id = p.region_id),
               'consents', coalesce((select jsonb_agg(jsonb_build_object(
                       'givenOn', c.given_on, 'purposes', c.purposes, 'withdrawnOn', c.withdrawn_on)
                       order by c.given_on) from participant_consent c where c.participant_id = p.participant_id), '[]'::jsonb),
               'attendance', coalesce((select jsonb_agg(jsonb_build_object(
                       'activity', ac.title, 'stage', ac.stage, 'heldOn', ac.held_on)
                       order by ac.held_on) from attendance a join activity ac using (activity_id)
                       where a.participant_id = p.participant_id), '[]'::jsonb),
               'projects', coalesce((select jsonb_agg(jsonb_build_object('project', pr.name, 'joinedAt', m.added_at)
                       order by m.added_at) from project_member m join project pr using (project_id)
                       where m.participant_id = p.participant_id), '[]'::jsonb),
               'exportedAt', now())
           from participant p
           where p.participant_id = $1 and sismic_sees_region(p.region_id)"#,
    )
    .bind(participant_id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Removes a participant's identity for good. Returns false if they were already anonymised.
#[tracing::instrument(skip_all)]
pub async fn anonymize_participant(conn: &mut PgConnection, participant_id: Uuid) -> Result<bool, StoreError> {
    let region: Option<(Uuid, Option<DateTime<Utc>>)> = sqlx::query_as(
        r#"select region_id, anonymized_at from participant
           where participant_id = $1 and sismic_sees_region(region_id) for update"#,
    )
    .bind(participant_id)
    .fetch_optional(&mut *conn)
    .await?;
    match region {
        None => Err(StoreError::NotFound),
        Some((_, Some(_))) => Ok(false),
        Some((_, None)) => {
            sqlx::query(
                r#"update participant set first_name = $2, last_name = $3, email = null, created_by = null,
                       anonymized_at = now()
                   where participant_id = $1"#,
            )
            .bind(participant_id)
            .bind(ANONYMOUS_FIRST_NAME)
            .bind(ANONYMOUS_LAST_NAME)
            .execute(&mut *conn)
            .await?;
            // No report counts consents: once the person is gone, so are they.
            sqlx::query("delete from participant_consent where participant_id = $1")
                .bind(participant_id)
                .execute(&mut *conn)
                .await?;
            crate::idempotency::forget_participant(conn, participant_id).await?;
            Ok(true)
        }
    }
}

/// Participants not anonymised whose last sign of activity (registration, attendance, team
/// membership, update) is before `since`.
#[tracing::instrument(skip_all)]
pub async fn inactive_participants(conn: &mut PgConnection, since: NaiveDate) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    Ok(sqlx::query_as(
        r#"select p.participant_id, p.region_id from participant p
           where p.anonymized_at is null and sismic_sees_region(p.region_id)
             and greatest(
                   p.updated_at::date,
                   (select max(ac.held_on) from attendance a join activity ac using (activity_id)
                     where a.participant_id = p.participant_id),
                   (select max(m.added_at)::date from project_member m where m.participant_id = p.participant_id)
                 ) < $1
           order by p.created_at"#,
    )
    .bind(since)
    .fetch_all(conn)
    .await?)
}
