//! Relay cursor connections: `first` 1 to 100 (default 20), opaque `after` cursors
//! ([`OpaqueCursor`]: the store's page key as JSON, in URL-safe base64).

use crate::error::{ApiError, ApiResult};
use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::OutputType;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sismic_store::{Page, PageRequest};

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

/// Validates `first` and `after`, whose key `K` is the list's (the store's page key).
pub fn page_request<K: Serialize + DeserializeOwned>(
    first: Option<i32>,
    after: Option<&str>,
) -> ApiResult<PageRequest<K>> {
    let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&first) {
        return Err(ApiError::bad_input("first", &format!("must be between 1 and {MAX_PAGE_SIZE}")));
    }
    let after = after.map(decode_cursor).transpose()?;
    Ok(PageRequest { after, first: i64::from(first) })
}

/// Encodes a cursor.
pub fn encode_cursor<K: Serialize + DeserializeOwned>(cursor: K) -> String {
    OpaqueCursor(cursor).encode_cursor()
}

fn decode_cursor<K: Serialize + DeserializeOwned>(text: &str) -> ApiResult<K> {
    let cursor = OpaqueCursor::<K>::decode_cursor(text)
        .map_err(|_| ApiError::bad_input("after", "is not a cursor of this list"))?;
    Ok(cursor.0)
}

/// Builds a connection from a page of rows.
pub fn connection<R, K: Serialize + DeserializeOwned, T: OutputType>(
    page: Page<R>,
    request: &PageRequest<K>,
    cursor_of: impl Fn(&R) -> K,
    node: impl Fn(R) -> T,
) -> Connection<String, T> {
    let mut connection = Connection::new(request.after.is_some(), page.has_next);
    connection.edges.extend(page.rows.into_iter().map(|row| Edge::new(encode_cursor(cursor_of(&row)), node(row))));
    connection
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use sismic_store::Cursor;
    use uuid::Uuid;

    #[test]
    fn first_is_bounded() {
        assert!(page_request::<Cursor>(Some(0), None).is_err());
        assert!(page_request::<Cursor>(Some(101), None).is_err());
        assert!(page_request::<Cursor>(Some(-5), None).is_err());
        assert_eq!(page_request::<Cursor>(None, None).unwrap().first, 20);
        assert_eq!(page_request::<Cursor>(Some(100), None).unwrap().first, 100);
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_bad_input() {
        let cursor = Cursor { at: Utc.timestamp_micros(1_617_000_000_123_456).unwrap(), id: Uuid::new_v4() };
        let text = encode_cursor(cursor);
        assert_eq!(page_request(None, Some(&text)).unwrap().after, Some(cursor));
        let err = page_request::<Cursor>(None, Some("nope")).unwrap_err();
        assert_eq!(err.code(), "BAD_USER_INPUT");
    }

    #[test]
    fn lists_with_keys_of_their_own_keep_them() {
        let audit = encode_cursor(9_007_199_254_740_993_i64);
        assert_eq!(page_request::<i64>(None, Some(&audit)).unwrap().after, Some(9_007_199_254_740_993));
        let follow_up = Cursor { at: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(), id: Uuid::new_v4() };
        let text = encode_cursor(follow_up);
        assert_eq!(page_request::<Cursor<NaiveDate>>(None, Some(&text)).unwrap().after, Some(follow_up));
        // Another list's cursor is not one of this list.
        assert_eq!(page_request::<Cursor<NaiveDate>>(None, Some(&audit)).unwrap_err().code(), "BAD_USER_INPUT");
    }
}
