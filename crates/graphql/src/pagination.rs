//! Relay cursor connections: `first` 1 to 100 (default 20), opaque `after` cursors.

use crate::error::{ApiError, ApiResult};
use async_graphql::connection::{Connection, Edge};
use async_graphql::OutputType;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use sismic_store::{Cursor, Page, PageRequest};
use uuid::Uuid;

/// Page size when `first` is not given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// Largest `first`.
pub const MAX_PAGE_SIZE: i32 = 100;

/// What one element of a plain list (a team, attendees, awards…) counts for in a query's
/// complexity: such lists are not paginated, so they cost a fixed multiple of their children.
pub const LIST_COMPLEXITY: usize = 20;

/// No single field counts for more than this, so that sums of complexities cannot overflow.
const MAX_FIELD_COMPLEXITY: usize = 1 << 40;

/// Complexity of a connection: `first` (default 20, at most 100) times its children.
pub fn connection_complexity(first: Option<i32>, child_complexity: usize) -> usize {
    let first = usize::try_from(first.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE)).unwrap_or(1);
    first.saturating_mul(child_complexity).saturating_add(1).min(MAX_FIELD_COMPLEXITY)
}

/// Complexity of a plain list: [`LIST_COMPLEXITY`] times its children.
pub fn list_complexity(child_complexity: usize) -> usize {
    LIST_COMPLEXITY.saturating_mul(child_complexity).saturating_add(1).min(MAX_FIELD_COMPLEXITY)
}

/// Validates `first` and `after`.
pub fn page_request(first: Option<i32>, after: Option<&str>) -> ApiResult<PageRequest> {
    let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&first) {
        return Err(ApiError::bad_input("first", &format!("must be between 1 and {MAX_PAGE_SIZE}")));
    }
    let after = after.map(decode_cursor).transpose()?;
    Ok(PageRequest { after, first: i64::from(first) })
}

/// Encodes a cursor.
pub fn encode_cursor(cursor: Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", cursor.at.timestamp_micros(), cursor.id))
}

fn decode_cursor(text: &str) -> ApiResult<Cursor> {
    let bad = || ApiError::bad_input("after", "is not a cursor of this list");
    let bytes = URL_SAFE_NO_PAD.decode(text.as_bytes()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (micros, id) = text.split_once(':').ok_or_else(bad)?;
    let micros: i64 = micros.parse().map_err(|_| bad())?;
    let at: DateTime<Utc> = Utc.timestamp_micros(micros).single().ok_or_else(bad)?;
    let id = Uuid::parse_str(id).map_err(|_| bad())?;
    Ok(Cursor { at, id })
}

/// Builds a connection from a page of rows.
pub fn connection<R, T: OutputType>(
    page: Page<R>,
    request: &PageRequest,
    cursor_of: impl Fn(&R) -> Cursor,
    node: impl Fn(R) -> T,
) -> Connection<String, T> {
    let mut connection = Connection::new(request.after.is_some(), page.has_next);
    connection.edges.extend(page.rows.into_iter().map(|row| Edge::new(encode_cursor(cursor_of(&row)), node(row))));
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_is_bounded() {
        assert!(page_request(Some(0), None).is_err());
        assert!(page_request(Some(101), None).is_err());
        assert!(page_request(Some(-5), None).is_err());
        assert_eq!(page_request(None, None).unwrap().first, 20);
        assert_eq!(page_request(Some(100), None).unwrap().first, 100);
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_bad_input() {
        let cursor = Cursor { at: Utc.timestamp_micros(1_617_000_000_123_456).unwrap(), id: Uuid::new_v4() };
        let text = encode_cursor(cursor);
        assert_eq!(page_request(None, Some(&text)).unwrap().after, Some(cursor));
        let err = page_request(None, Some("nope")).unwrap_err();
        assert_eq!(err.code(), "BAD_USER_INPUT");
    }
}
