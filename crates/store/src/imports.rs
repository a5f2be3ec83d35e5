//! What importing a spreadsheet needs besides the functions the mutations use: finding the rows
//! a spreadsheet names in words (a cohort by its name, a project by its cohort and name, a
//! participant by email or name…), and savepoints, so that one bad row is rolled back alone
//! while the import goes on checking the others in the same transaction.
//!
//! Every lookup reads through the same visibility functions as the rest of the store (and
//! row-level security applies underneath): a name in another region is simply not found.
//! Names are compared folded (`sismic_fold`: lower case, accents removed) and trimmed, as an
//! agent would expect ("Cafe cooperatif" is « Café coopératif »).

use crate::StoreError;
use chrono::NaiveDate;
use sismic_domain::{FollowUpMode, Stage};
use sqlx::PgConnection;
use uuid::Uuid;

/// Marks the start of one row's writes (`SAVEPOINT`).
#[tracing::instrument(skip_all)]
pub async fn savepoint(conn: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query("savepoint sismic_import_row").execute(conn).await?;
    Ok(())
}

/// Undoes one row's writes since [`savepoint`], leaving the transaction usable.
#[tracing::instrument(skip_all)]
pub async fn rollback_to_savepoint(conn: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query("rollback to savepoint sismic_import_row").execute(&mut *conn).await?;
    sqlx::query("release savepoint sismic_import_row").execute(conn).await?;
    Ok(())
}

/// Keeps one row's writes (they are committed, or not, with the transaction).
#[tracing::instrument(skip_all)]
pub async fn release_savepoint(conn: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query("release savepoint sismic_import_row").execute(conn).await?;
    Ok(())
}

/// The cohort of a region the scope serves with this name (folded), if any.
#[tracing::instrument(skip_all)]
pub async fn cohort_by_name(conn: &mut PgConnection, region_id: Uuid, name: &str) -> Result<Option<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select cohort_id from cohort
           where region_id = $1 and sismic_sees_region(region_id)
             and sismic_fold(btrim(name)) = sismic_fold(btrim($2))
           order by (name = $2) desc, created_at
           limit 1"#,
    )
    .bind(region_id)
    .bind(name)
    .fetch_optional(conn)
    .await?)
}

/// Partners whose name (folded) is this one, or whose name ends with it in parentheses
/// ("UQTR" names « Université du Québec à Trois-Rivières (UQTR) »): none, one, or several.
/// A full name wins over an acronym.
#[tracing::instrument(skip_all)]
pub async fn partners_by_name(conn: &mut PgConnection, name: &str) -> Result<Vec<Uuid>, StoreError> {
    let full: Vec<Uuid> = sqlx::query_scalar(
        r#"select partner_id from partner
           where sismic_fold(btrim(name)) = sismic_fold(btrim($1))
           order by partner_id limit 2"#,
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?;
    if !full.is_empty() {
        return Ok(full);
    }
    Ok(sqlx::query_scalar(
        r#"select partner_id from partner
           where sismic_fold(btrim(substring(name from '\(([^()]+)\)\s*$'))) = sismic_fold(btrim($1))
           order by partner_id limit 2"#,
    )
    .bind(name)
    .fetch_all(conn)
    .await?)
}

/// The project of a cohort with this name (folded), if the scope serves its region.
#[tracing::instrument(skip_all)]
pub async fn project_by_name(conn: &mut PgConnection, cohort_id: Uuid, name: &str) -> Result<Option<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select project_id from project
           where cohort_id = $1 and sismic_sees_region(region_id)
             and sismic_fold(btrim(name)) = sismic_fold(btrim($2))
           order by created_at limit 1"#,
    )
    .bind(cohort_id)
    .bind(name)
    .fetch_optional(conn)
    .await?)
}

/// The activity of a cohort with this stage, title (folded) and date, if there is one.
#[tracing::instrument(skip_all)]
pub async fn activity_matching(
    conn: &mut PgConnection,
    cohort_id: Uuid,
    stage: Option<Stage>,
    title: &str,
    held_on: NaiveDate,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select activity_id from activity
           where cohort_id = $1 and sismic_sees_region(region_id)
             and ($2::text is null or stage = $2)
             and sismic_fold(btrim(title)) = sismic_fold(btrim($3)) and held_on = $4
           order by created_at limit 2"#,
    )
    .bind(cohort_id)
    .bind(stage.map(Stage::as_str))
    .bind(title)
    .bind(held_on)
    .fetch_all(conn)
    .await?)
}

/// Participants of a region (not erased) with this email, case aside.
#[tracing::instrument(skip_all)]
pub async fn participants_by_email(
    conn: &mut PgConnection,
    region_id: Uuid,
    email: &str,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select participant_id from participant
           where region_id = $1 and sismic_sees_region(region_id) and anonymized_at is null
             and lower(email) = lower(btrim($2))
           order by created_at limit 2"#,
    )
    .bind(region_id)
    .bind(email)
    .fetch_all(conn)
    .await?)
}

/// Participants of a region (not erased) with this first and last name (folded), and, when
/// given, this email and birth year: the same person as a spreadsheet's row, field for field.
#[tracing::instrument(skip_all)]
pub async fn participants_named(
    conn: &mut PgConnection,
    region_id: Uuid,
    first_name: &str,
    last_name: &str,
    email: Option<&str>,
    birth_year: Option<i16>,
) -> Result<Vec<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select participant_id from participant
           where region_id = $1 and sismic_sees_region(region_id) and anonymized_at is null
             and sismic_fold(btrim(first_name)) = sismic_fold(btrim($2))
             and sismic_fold(btrim(last_name)) = sismic_fold(btrim($3))
             and ($4::text is null or lower(email) = lower($4))
             and ($5::smallint is null or birth_year = $5)
           order by created_at limit 2"#,
    )
    .bind(region_id)
    .bind(first_name)
    .bind(last_name)
    .bind(email)
    .bind(birth_year)
    .fetch_all(conn)
    .await?)
}

/// A follow-up with exactly these facts, if one was logged already (by anyone).
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all)]
pub async fn follow_up_matching(
    conn: &mut PgConnection,
    region_id: Uuid,
    project_id: Option<Uuid>,
    partner_id: Option<Uuid>,
    occurred_on: NaiveDate,
    mode: FollowUpMode,
    summary: &str,
    duration_minutes: Option<i32>,
) -> Result<Option<Uuid>, StoreError> {
    Ok(sqlx::query_scalar(
        r#"select follow_up_id from follow_up
           where region_id = $1 and sismic_sees_region(region_id)
             and project_id is not distinct from $2 and partner_id is not distinct from $3
             and occurred_on = $4 and mode = $5 and summary = $6
             and duration_minutes is not distinct from $7
           order by created_at limit 1"#,
    )
    .bind(region_id)
    .bind(project_id)
    .bind(partner_id)
    .bind(occurred_on)
    .bind(mode.as_str())
    .bind(summary)
    .bind(duration_minutes)
    .fetch_optional(conn)
    .await?)
}

/// What an earlier use of an idempotency key by this user recorded, read without claiming it:
/// the digest of its input and the object it created, unless the key is older than
/// `retention` (then it is as if it had never been used).
#[tracing::instrument(skip_all)]
pub async fn used_key(
    conn: &mut PgConnection,
    user_id: Uuid,
    operation: &str,
    key: &str,
    retention: chrono::Duration,
) -> Result<Option<(String, Option<Uuid>)>, StoreError> {
    Ok(sqlx::query_as(
        r#"select request_sha256, object_id from idempotency_key
           where user_id = $1 and operation = $2 and idempotency_key = $3
             and created_at >= now() - ($4::text)::interval"#,
    )
    .bind(user_id)
    .bind(operation)
    .bind(key)
    .bind(format!("{} seconds", retention.num_seconds().max(0)))
    .fetch_optional(conn)
    .await?)
}
