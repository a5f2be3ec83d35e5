//! Awards of projects and the enterprises they launched.

use crate::error::OnConstraint;
use crate::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use sismic_domain::LegalForm;
use sqlx::PgConnection;
use uuid::Uuid;

/// An award as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AwardRow {
    /// Id.
    pub award_id: Uuid,
    /// Project.
    pub project_id: Uuid,
    /// Region of the project.
    pub region_id: Uuid,
    /// Funder.
    pub funder_partner_id: Uuid,
    /// Amount in cents.
    pub amount_cents: i64,
    /// Date awarded.
    pub awarded_on: NaiveDate,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

const AWARD_COLUMNS: &str = "award_id, project_id, region_id, funder_partner_id, amount_cents, awarded_on, created_at";

/// Records an award to a project of the scope's region from a funder partner.
#[tracing::instrument(skip_all)]
pub async fn insert_award(
    conn: &mut PgConnection,
    project_id: Uuid,
    funder_partner_id: Uuid,
    amount_cents: i64,
    awarded_on: NaiveDate,
    actor: Option<Uuid>,
) -> Result<AwardRow, StoreError> {
    sqlx::query_as(&format!(
        r#"insert into award (project_id, region_id, funder_partner_id, amount_cents, awarded_on, created_by)
           select p.project_id, p.region_id, $2, $3, $4, $5
           from project p where p.project_id = $1 and sismic_sees_region(p.region_id)
           returning {AWARD_COLUMNS}"#
    ))
    .bind(project_id)
    .bind(funder_partner_id)
    .bind(amount_cents)
    .bind(awarded_on)
    .bind(actor)
    .fetch_optional(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("award_funder_partner_id_fkey", StoreError::MissingReference("funderPartnerId"))?
    .ok_or(StoreError::MissingReference("projectId"))
}

/// Awards of the given projects, oldest first.
#[tracing::instrument(skip_all)]
pub async fn awards_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<AwardRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {AWARD_COLUMNS} from award
           where project_id = any($1) and {sees}
           order by awarded_on, created_at"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// Awards by id.
#[tracing::instrument(skip_all)]
pub async fn awards_by_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<AwardRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        r#"select {AWARD_COLUMNS} from award where award_id = any($1) and {sees}"#,
        sees = sees_region!("region_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// The enterprise a project became.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LaunchRow {
    /// Project.
    pub project_id: Uuid,
    /// Legal name.
    pub legal_name: String,
    /// Co-operative or non-profit.
    #[sqlx(try_from = "String")]
    pub legal_form: LegalForm,
    /// Date of incorporation.
    pub launched_on: NaiveDate,
    /// Quebec enterprise number.
    pub neq: Option<String>,
}

/// Records the enterprise of a project. The caller has locked the project and applied the
/// transition in the same transaction.
#[tracing::instrument(skip_all)]
pub async fn insert_launch(conn: &mut PgConnection, launch: &LaunchRow) -> Result<(), StoreError> {
    sqlx::query(
        r#"insert into enterprise_launch (project_id, legal_name, legal_form, launched_on, neq)
           values ($1, $2, $3, $4, $5)"#,
    )
    .bind(launch.project_id)
    .bind(&launch.legal_name)
    .bind(launch.legal_form.as_str())
    .bind(launch.launched_on)
    .bind(&launch.neq)
    .execute(conn)
    .await
    .map_err(StoreError::from)
    .on_constraint("enterprise_launch_pkey", StoreError::Conflict("this project was already launched"))?;
    Ok(())
}

/// Launches of the given projects.
#[tracing::instrument(skip_all)]
pub async fn launches_by_project_ids(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<LaunchRow>, StoreError> {
    Ok(sqlx::query_as(concat!(
        "select l.project_id, l.legal_name, l.legal_form, l.launched_on, l.neq
         from enterprise_launch l join project p using (project_id)
         where l.project_id = any($1) and p.project_id = any($1) and ",
        sees_project!("p.region_id", "p.origin_partner_id")
    ))
    .bind(ids)
    .fetch_all(conn)
    .await?)
}
