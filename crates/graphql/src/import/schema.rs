//! The GraphQL side of an import: `importSpreadsheet(files, dryRun, regionId)` and its report.

use super::columns::Kind;
use super::message::{Msg, Problem};
use super::run::{self, Importer, Report, Upload};
use crate::context::ContextExt;
use crate::error::{ApiError, ApiResult};
use crate::ids::{self, Kind as IdKind};
use crate::types::Participant;
use async_graphql::{Context, Enum, SimpleObject, ID};

/// Most files one import takes (one per kind is five).
pub const MAX_FILES: usize = 10;

/// A kind of row of a spreadsheet import, in the order an import writes them.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// Projects (sheet « Projets »).
    Projects,
    /// Participants, with their consent (sheet « Participants »).
    Participants,
    /// Activities of the pathway (sheet « Activités »).
    Activities,
    /// Who attended which activity (sheet « Présences »).
    Attendance,
    /// Follow-ups (sheet « Suivis »).
    FollowUps,
}

impl From<Kind> for ImportKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Projects => ImportKind::Projects,
            Kind::Participants => ImportKind::Participants,
            Kind::Activities => ImportKind::Activities,
            Kind::Attendance => ImportKind::Attendance,
            Kind::FollowUps => ImportKind::FollowUps,
        }
    }
}

/// What a spreadsheet import did, or would do (`dryRun`). Nothing is written unless
/// `committed` is true: a dry run never writes, and a real run writes everything or, when any
/// problem or likely duplicate is left, nothing at all.
#[derive(SimpleObject)]
pub struct ImportReport {
    /// Whether this was a dry run (nothing written, whatever the file holds).
    pub dry_run: bool,
    /// Whether everything was written, in one transaction.
    pub committed: bool,
    /// The tables read: each CSV file, or each sheet of a workbook, with what its rows are.
    pub tables: Vec<ImportTable>,
    /// Per kind of row, in import order: how many rows create something, already exist, fail.
    pub counts: Vec<ImportCount>,
    /// Every problem, with its file, line and column: while there is one, nothing is written.
    pub problems: Vec<ImportProblem>,
    /// Warnings (columns ignored): they do not stop the import.
    pub warnings: Vec<ImportProblem>,
    /// Participant rows that look like people already registered (same email, or same birth
    /// year and a similar name): not created. Put « créer » / `create` (another person) or
    /// « existant » / `existing` (the same person) in their « Si doublon » column and import
    /// again. While one is left, nothing is written.
    pub duplicates: Vec<ImportDuplicate>,
}

/// One table an import read.
#[derive(SimpleObject)]
pub struct ImportTable {
    /// The file's name, as uploaded.
    pub file: String,
    /// The sheet's name, for a workbook.
    pub sheet: Option<String>,
    /// What its rows are (from the sheet's or file's name, else its headers).
    pub kind: ImportKind,
    /// Its data rows (empty rows aside).
    pub rows: i32,
}

/// What an import does with one kind of row.
#[derive(SimpleObject)]
pub struct ImportCount {
    /// The kind of row.
    pub kind: ImportKind,
    /// Data rows read.
    pub rows: i32,
    /// Rows that create something: created by a committed run, or that would be (dry run, or a
    /// run with problems, which writes nothing).
    pub created: i32,
    /// Rows already recorded (the same project, person, activity, presence or follow-up): left
    /// as they are. Importing a file again counts all its rows here.
    pub existing: i32,
    /// Rows with a problem, or a likely duplicate.
    pub failed: i32,
    /// Consents recorded (participants only: a consent already in force is not counted).
    pub consents: i32,
}

/// Something wrong (or, among warnings, worth knowing) in an import, and where. The reason
/// never quotes the cell's value (it may be personal information).
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// The file, as uploaded.
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The line (CSV) or row (sheet), as a spreadsheet shows it; null for a whole file or sheet.
    pub line: Option<i32>,
    /// The column's letter (`A`, `B`…), when one column is at fault.
    pub column: Option<String>,
    /// The column's header, as the file has it.
    pub column_name: Option<String>,
    /// A stable code for the reason, e.g. `REQUIRED`, `BAD_DATE`, `UNKNOWN_COHORT`.
    pub code: String,
    /// The reason, in French.
    pub message_fr: String,
    /// The reason, in English.
    pub message_en: String,
}

/// A participant row that looks like someone already registered.
#[derive(SimpleObject)]
pub struct ImportDuplicate {
    /// The file, as uploaded.
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The row's line.
    pub line: i32,
    /// The registered people it looks like, best match first (at most 10).
    pub matches: Vec<Participant>,
}

/// `TooLong(200)` → `TOO_LONG`.
pub fn code(msg: &Msg) -> String {
    let debug = format!("{msg:?}");
    let name = debug.split(['(', ' ', '{']).next().unwrap_or_default();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn clamp(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<&Problem> for ImportProblem {
    fn from(problem: &Problem) -> Self {
        ImportProblem {
            file: problem.file.clone(),
            sheet: problem.sheet.clone(),
            line: problem.line.map(|l| i32::try_from(l).unwrap_or(i32::MAX)),
            column: problem.column.clone(),
            column_name: problem.column_name.clone(),
            code: code(&problem.msg),
            message_fr: problem.msg.fr(),
            message_en: problem.msg.en(),
        }
    }
}

impl From<Report> for ImportReport {
    fn from(report: Report) -> Self {
        ImportReport {
            dry_run: report.dry_run,
            committed: report.committed,
            tables: report
                .tables
                .iter()
                .map(|t| ImportTable {
                    file: t.file.clone(),
                    sheet: t.sheet.clone(),
                    kind: t.kind.into(),
                    rows: clamp(t.rows),
                })
                .collect(),
            counts: report
                .counts
                .iter()
                .map(|(kind, c)| ImportCount {
                    kind: (*kind).into(),
                    rows: clamp(c.rows),
                    created: clamp(c.created),
                    existing: clamp(c.existing),
                    failed: clamp(c.failed),
                    consents: clamp(c.consents),
                })
                .collect(),
            problems: report.problems.iter().map(ImportProblem::from).collect(),
            warnings: report.warnings.iter().map(ImportProblem::from).collect(),
            duplicates: report
                .duplicates
                .into_iter()
                .map(|d| ImportDuplicate {
                    file: d.place.file,
                    sheet: d.place.sheet,
                    line: d.place.line.map_or(0, |l| i32::try_from(l).unwrap_or(i32::MAX)),
                    matches: d.matches.into_iter().map(Participant).collect(),
                })
                .collect(),
        }
    }
}

/// The `importSpreadsheet` mutation's work (see its documentation in `mutation/import.rs`).
pub async fn import_spreadsheet(
    ctx: &Context<'_>,
    files: Vec<async_graphql::Upload>,
    dry_run: bool,
    region_id: Option<ID>,
) -> ApiResult<ImportReport> {
    let viewer = *ctx.viewer()?;
    viewer.require_staff()?;
    let region_id = match ids::decode_opt("regionId", IdKind::Region, region_id.as_ref())? {
        Some(id) => id,
        None => viewer.region_id.ok_or_else(|| ApiError::bad_input("regionId", "is required for an administrator"))?,
    };
    if !viewer.serves_region(region_id) {
        return Err(ApiError::NotFound("regionId: region not found".into()));
    }
    if files.is_empty() || files.len() > MAX_FILES {
        return Err(ApiError::bad_input("files", &format!("must hold 1 to {MAX_FILES} files")));
    }
    let mut uploads = Vec::with_capacity(files.len());
    for file in &files {
        let value =
            file.value(ctx).map_err(|_| ApiError::bad_input("files", "send each file as a multipart upload"))?;
        uploads.push(Upload { name: value.filename.clone(), bytes: value.content.to_vec() });
    }
    let importer = Importer { user_id: viewer.user_id, role: viewer.role, own_region: viewer.region_id, region_id };
    let report = run::import(ctx.store(), importer, &uploads, dry_run).await?;
    Ok(report.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_screaming_snake_case() {
        assert_eq!(code(&Msg::TooLong(200)), "TOO_LONG");
        assert_eq!(code(&Msg::Required), "REQUIRED");
        assert_eq!(code(&Msg::MissingColumn("a", "b")), "MISSING_COLUMN");
        assert_eq!(code(&Msg::NotUtf8), "NOT_UTF8");
    }
}
