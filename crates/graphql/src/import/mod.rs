//! Importing an agent's existing spreadsheets: projects, participants (with their consent),
//! activities and attendance, and follow-ups, from CSV files or a workbook (one sheet per kind).
//! See `docs/import.md` for the columns, in French and English.
//!
//! - [`read`]: files to tables of cells (CSV, XLSX/ODS with `calamine`);
//! - [`columns`]: which kind a table is, what its columns mean, how values are read;
//! - [`run`]: every row through the mutations' rules and store functions, in one transaction;
//! - [`message`]: what is wrong and where, in French and English, never quoting a cell;
//! - [`schema`]: the `importSpreadsheet` mutation's types.

// A `Problem` (file, sheet, line, column, reason) is the error of reading a file: returned once
// per file at most, never in a loop, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod columns;
pub mod message;
pub mod read;
pub mod run;
pub mod schema;

pub use run::{import, Importer, Report, Upload};
