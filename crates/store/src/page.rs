//! Keyset pagination, on `(created_at, id)` unless a list sorts otherwise: stable under
//! inserts, no OFFSET scans.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A position in a list sorted on `(created_at, id)`: the sort key of the last row seen. A list
/// sorted otherwise pages with a key of its own ([`PageRequest`]'s `K`): follow-ups on
/// `(occurred_on, id)`, a `Cursor<NaiveDate>`; the audit trail on its sequence number, an `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor<At = DateTime<Utc>> {
    /// `created_at` of the row (or the list's own first sort column).
    pub at: At,
    /// Id of the row, to break ties.
    pub id: Uuid,
}

/// Which slice of a list to read: the rows after the key `K` of the last row seen.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest<K = Cursor> {
    /// Rows after this position (exclusive).
    pub after: Option<K>,
    /// How many rows at most.
    pub first: i64,
}

impl<K> PageRequest<K> {
    /// The SQL limit: one more than asked, to know whether a next page exists.
    pub fn limit(&self) -> i64 {
        self.first + 1
    }
}

impl<At: Copy> PageRequest<Cursor<At>> {
    /// The cursor's first sort key, for binding.
    pub fn after_at(&self) -> Option<At> {
        self.after.map(|c| c.at)
    }
    /// The cursor's id, for binding.
    pub fn after_id(&self) -> Option<Uuid> {
        self.after.map(|c| c.id)
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
    pub fn from_rows<K>(mut rows: Vec<T>, request: &PageRequest<K>) -> Self {
        let has_next = rows.len() as i64 > request.first;
        rows.truncate(request.first as usize);
        Page { rows, has_next }
    }
}
