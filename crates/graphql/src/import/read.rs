//! Reading spreadsheets into tables of cells: CSV (UTF-8, with or without a byte-order mark;
//! comma, semicolon or tab, detected from the header line) and workbooks (XLSX, and ODS,
//! read with `calamine`; one table per sheet).
//!
//! Line numbers are the ones the agent sees: the CSV's physical line where the record starts,
//! the sheet's row number in Excel. Nothing here looks at what the cells mean.

use super::message::{Msg, Problem};
use chrono::NaiveDate;
use std::io::Cursor;

/// Most data rows one table may hold.
pub const MAX_ROWS: usize = 10_000;
/// Most bytes a workbook may hold once decompressed (a small file that inflates to gigabytes is
/// refused before any sheet is read).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 100 * 1024 * 1024;

/// One cell, typed as the file gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (or only white space).
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number (workbooks only).
    Number(f64),
    /// A date (workbooks only: a cell formatted as a date).
    Date(NaiveDate),
}

impl Cell {
    fn text(value: &str) -> Cell {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(trimmed.to_owned())
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text: numbers without a useless `.0`, dates in ISO 8601.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(text) => Some(text.clone()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.to_string()),
        }
    }
}

/// A data row: its line number in the file and its cells, in the columns' order.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line (CSV) or row (sheet) number.
    pub line: u32,
    /// The cells; a short row is padded with [`Cell::Empty`] when read.
    pub cells: Vec<Cell>,
}

/// One table: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name, as uploaded.
    pub file: String,
    /// The sheet's name (workbooks only).
    pub sheet: Option<String>,
    /// Line of the header row.
    pub header_line: u32,
    /// Index of the first column (0 for CSV; a sheet may start further right).
    pub first_column: usize,
    /// The header row's texts.
    pub headers: Vec<String>,
    /// The data rows (entirely empty ones are skipped).
    pub rows: Vec<Row>,
}

/// The spreadsheet column letter of a 0-based index: A, B, …, Z, AA, AB…
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads one uploaded file into its tables. A file that cannot be read is one problem, with
/// no line.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<Table>, Problem> {
    let file_problem = |msg: Msg| Problem::file(name, msg);
    let lower = name.to_lowercase();
    let zipped = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if lower.ends_with(".xls") || ole {
        return Err(file_problem(Msg::OldExcel));
    }
    if zipped || lower.ends_with(".xlsx") || lower.ends_with(".ods") {
        if !zipped {
            return Err(file_problem(Msg::UnreadableWorkbook));
        }
        return read_workbook(name, bytes);
    }
    if lower.ends_with(".csv") || lower.ends_with(".txt") || !lower.contains('.') {
        return read_csv(name, bytes).map(|t| vec![t]);
    }
    Err(file_problem(Msg::UnknownFileType))
}

/// Which separator a CSV uses: the one among `;`, `,` and tab that splits the header line
/// (outside quotes) into the most fields. French-locale Excel writes `;`.
pub fn detect_separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > counts[1] && counts[0] >= counts[2] {
        b';'
    } else if counts[2] > counts[1] {
        b'\t'
    } else {
        b','
    }
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::file(name, Msg::NotUtf8))?;
    let separator = detect_separator(text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut header: Option<(u32, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers are counted here: the reader's own count is off with CRLF line ends.
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0u32);
    let mut line_at = |offset: usize| {
        let mut start = offset.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        newlines += bytes[counted_to..start].iter().filter(|b| **b == b'\n').count() as u32;
        counted_to = start;
        newlines + 1
    };
    loop {
        let before = reader.position().byte() as usize;
        let read = reader.read_record(&mut record);
        let line = line_at(before);
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => return Err(Problem::at(name, None, line, Msg::BadCsv)),
        }
        let cells: Vec<Cell> = record.iter().map(Cell::text).collect();
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match &header {
            None => header = Some((line, record.iter().map(|h| h.trim().to_owned()).collect())),
            Some(_) => {
                if rows.len() == MAX_ROWS {
                    return Err(Problem::file(name, Msg::TooManyRows(MAX_ROWS)));
                }
                rows.push(Row { line, cells });
            }
        }
    }
    let Some((header_line, headers)) = header else {
        return Err(Problem::file(name, Msg::EmptyFile));
    };
    Ok(Table { file: name.to_owned(), sheet: None, header_line, first_column: 0, headers, rows })
}

fn read_workbook(name: &str, bytes: &[u8]) -> Result<Vec<Table>, Problem> {
    use calamine::{Data, Reader};
    let unreadable = || Problem::file(name, Msg::UnreadableWorkbook);
    // Refuse a zip bomb before anything inflates it.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| unreadable())?;
        inflated = inflated.saturating_add(entry.size());
    }
    if inflated > MAX_UNCOMPRESSED_BYTES {
        return Err(Problem::file(name, Msg::WorkbookTooLarge));
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut tables = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).map_err(|_| unreadable())?;
        let Some((start_row, start_col)) = range.start() else { continue };
        let mut header: Option<(u32, Vec<String>)> = None;
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let line = start_row + i as u32 + 1;
            let cells: Vec<Cell> = row
                .iter()
                .map(|data| match data {
                    Data::Empty | Data::Error(_) => Cell::Empty,
                    Data::String(s) => Cell::text(s),
                    Data::Int(n) => Cell::Number(*n as f64),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Bool(b) => Cell::Text(if *b { "oui" } else { "non" }.to_owned()),
                    Data::DateTime(dt) => {
                        dt.as_datetime().map(|d| Cell::Date(d.date())).unwrap_or_else(|| Cell::Number(dt.as_f64()))
                    }
                    Data::DateTimeIso(s) => s
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map(Cell::Date)
                        .unwrap_or_else(|| Cell::text(s)),
                    Data::DurationIso(s) => Cell::text(s),
                })
                .collect();
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            match &header {
                None => header = Some((line, cells.iter().map(|c| c.as_text().unwrap_or_default()).collect())),
                Some(_) => {
                    if rows.len() == MAX_ROWS {
                        return Err(Problem::sheet(name, &sheet, Msg::TooManyRows(MAX_ROWS)));
                    }
                    rows.push(Row { line, cells });
                }
            }
        }
        if let Some((header_line, headers)) = header {
            tables.push(Table {
                file: name.to_owned(),
                sheet: Some(sheet.clone()),
                header_line,
                first_column: start_col as usize,
                headers,
                rows,
            });
        }
    }
    if tables.is_empty() {
        return Err(Problem::file(name, Msg::EmptyFile));
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_columns() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn the_separator_is_detected_from_the_header() {
        assert_eq!(detect_separator("Prénom;Nom;Courriel\nA;B;C"), b';');
        assert_eq!(detect_separator("First name,Last name\n\"a;b\",c"), b',');
        assert_eq!(detect_separator("\"Nom, prénom\";Courriel\n"), b';');
        assert_eq!(detect_separator("a\tb\tc\n"), b'\t');
        assert_eq!(detect_separator("Nom\n"), b',');
    }

    #[test]
    fn csv_with_a_bom_semicolons_quotes_and_line_numbers() {
        let text = "\u{feff}Prénom;Nom;Résumé\r\n\r\nLéa;Gagnon;\"Ligne 1\r\nligne 2; suite\"\r\nNoah;Roy;court\r\n";
        let table = read_file("participants.csv", text.as_bytes()).unwrap().remove(0);
        assert_eq!(table.headers, ["Prénom", "Nom", "Résumé"]);
        assert_eq!(table.header_line, 1);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 3);
        assert_eq!(table.rows[0].cells[2], Cell::Text("Ligne 1\r\nligne 2; suite".into()));
        assert_eq!(table.rows[1].line, 5);
        let lf = "Prénom,Nom\nLéa,Gagnon\n\nNoah,Roy\n";
        let table = read_file("p.csv", lf.as_bytes()).unwrap().remove(0);
        assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        assert_eq!(read_file("a.csv", b"\xff\xfeP\x00").unwrap_err().msg, Msg::NotUtf8);
        assert_eq!(read_file("a.xls", b"anything").unwrap_err().msg, Msg::OldExcel);
        assert_eq!(read_file("a.xlsx", b"not a zip").unwrap_err().msg, Msg::UnreadableWorkbook);
        assert_eq!(read_file("a.pdf", b"%PDF").unwrap_err().msg, Msg::UnknownFileType);
        assert_eq!(read_file("a.csv", b"\n \n").unwrap_err().msg, Msg::EmptyFile);
    }
}
