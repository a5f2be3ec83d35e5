//! Spreadsheet imports: a thin resolver over [`crate::import`], which has a run of its own
//! (a dry run is the same run, rolled back) and so does not go through [`super::write`].

use crate::error::ApiResult;
use async_graphql::{Context, Object, ID};

/// Imports of an agent's existing spreadsheets.
#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Imports an agent's existing spreadsheets (ADMIN; agents into their own region): projects,
    /// participants with their consent, activities and attendance, follow-ups, from CSV files
    /// (UTF-8, comma or semicolon) or a workbook (XLSX or ODS, one sheet per kind). The columns
    /// are documented in French and English in `docs/import.md`.
    ///
    /// Send the files with the GraphQL multipart request specification (`multipart/form-data`:
    /// `operations`, `map`, then the files; at most `SISMIC_MAX_UPLOAD_BYTES` in all). Every row
    /// goes through the same rules as the mutations, as the caller. With `dryRun: true` nothing
    /// is written: the report says what would be created, every bad row with its line, column
    /// and reason, and the likely duplicates of registered participants. With `dryRun: false`
    /// everything is written in one transaction, or, if any problem or likely duplicate is
    /// left, nothing at all (`committed: false`). Rows already recorded (importing the same
    /// file again) are left as they are and counted as `existing`.
    async fn import_spreadsheet(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The files: CSV files (one per kind of row) or a workbook, 1 to 10.")] files: Vec<
            async_graphql::Upload,
        >,
        #[graphql(desc = "True to check only: nothing is written.")] dry_run: bool,
        #[graphql(desc = "The region imported into: an agent's own (may be omitted), required from an administrator.")]
        region_id: Option<ID>,
    ) -> ApiResult<crate::import::schema::ImportReport> {
        crate::import::schema::import_spreadsheet(ctx, files, dry_run, region_id).await
    }
}
