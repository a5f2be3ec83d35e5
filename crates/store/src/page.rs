//! Keyset pagination on `(created_at, id)`: stable under inserts, no OFFSET scans.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A position in a list: the sort key of the last row seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// `created_at` of the row.
    pub at: DateTime<Utc>,
    /// Id of the row, to break ties.
    pub id: Uuid,
}

/// Which slice of a list to read.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    /// Rows after this position (exclusive).
    pub after: Option<Cursor>,
    /// How many rows at most.
    pub first: i64,
}

impl PageRequest {
    /// The cursor's timestamp, for binding.
    pub fn after_at(&self) -> Option<DateTime<Utc>> {
        self.after.map(|c| c.at)
    }
    /// The cursor's id, for binding.
    pub fn after_id(&self) -> Option<Uuid> {
        self.after.map(|c| c.id)
    }
    /// The SQL limit: one more than asked, to know whether a next page exists.
    pub fn limit(&self) -> i64 {
        self.first + 1
    }
}

/// One page of rows.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows, in order.
    pub rows: Vec<T>,
    /// Whether rows remain after the last one.
    pub has_next: bool,
}

impl<T> Page<T> {
    /// Builds a page from rows fetched with [`PageRequest::limit`].
    pub fn from_rows(mut rows: Vec<T>, request: &PageRequest) -> Self {
        let has_next = rows.len() as i64 > request.first;
        rows.truncate(request.first as usize);
        Page { rows, has_next }
    }
}
