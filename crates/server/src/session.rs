//! Browser sessions: the web app signs in with an HttpOnly cookie, so page scripts never see a
//! token (no JWT in localStorage or sessionStorage, nothing for injected script to steal).
//!
//! - `POST /session` `{ "email", "password" }` signs in through the `login` mutation (so
//!   throttling, bounded hashing and the audit trail apply as they do to any client) and sets
//!   the cookie `sismic_session` (the token itself, HttpOnly, SameSite=Strict, Path=/, Secure
//!   unless `SISMIC_COOKIE_SECURE=false`, and as long-lived as the token). The answer is the
//!   user and the expiry, never the token.
//! - `GET /session` answers who is signed in (401 when nobody is).
//! - `DELETE /session` signs out: every token of the user is revoked (the `logout` mutation)
//!   and the cookie is cleared.
//! - `POST /graphql`, `GET /graphql` and the report exports accept the cookie where there is no
//!   `Authorization` header.
//!
//! CSRF defence, in two layers: the cookie is SameSite=Strict (a browser never sends it on a
//! request started by another site), and every request authenticated by the cookie, and every
//! `/session` call, must carry the header `X-Sismic-Request: 1` and, when the browser sends an
//! `Origin`, the server's own origin. A cross-site form cannot set a custom header, and a
//! cross-site script that tries needs a CORS preflight, which this server never grants. A
//! request without the header is refused `FORBIDDEN` (403) before anything runs.

use axum::http::{header, HeaderMap, HeaderValue};

/// The session cookie's name.
pub const COOKIE: &str = "sismic_session";

/// The header every cookie-authenticated request carries (see the module's CSRF note).
pub const CSRF_HEADER: &str = "x-sismic-request";

/// The value of a request's session cookie, if it has one.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// Why a cookie-authenticated request is refused as a possible cross-site forgery, if it is.
pub fn csrf_refusal(headers: &HeaderMap) -> Option<&'static str> {
    let marked = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() == "1");
    if !marked {
        return Some("a request signed in by the session cookie must carry the header X-Sismic-Request: 1");
    }
    origin_refusal(headers)
}

/// Why a request is refused as coming from another site, if it is: it carries an `Origin`
/// that is not this server's own. A WebSocket upgrade (live updates) is held to this alone:
/// browsers always send `Origin` on a WebSocket handshake, and cannot add the CSRF header.
pub fn origin_refusal(headers: &HeaderMap) -> Option<&'static str> {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        if origin == "null" || !origin_host.eq_ignore_ascii_case(host) {
            return Some("the request comes from another site");
        }
    }
    None
}

/// What authenticates a request: its `Authorization` header, else its session cookie (as a
/// bearer token), once the CSRF checks pass. `Err` carries the refusal's message.
pub fn credentials(headers: &HeaderMap) -> Result<Option<String>, &'static str> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        return Ok(Some(value.to_str().unwrap_or("invalid").to_owned()));
    }
    match cookie_token(headers) {
        None => Ok(None),
        Some(token) => match csrf_refusal(headers) {
            Some(refusal) => Err(refusal),
            None => Ok(Some(format!("Bearer {token}"))),
        },
    }
}

/// The `Set-Cookie` value that stores a session for `max_age_secs`.
pub fn set_cookie(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}", max_age_secs.max(0));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("sismic_session=; Max-Age=0"))
}

/// The `Set-Cookie` value that removes the session.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    set_cookie("", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        assert_eq!(
            cookie_token(&headers(&[("cookie", "a=1; sismic_session=abc.def; b=2")])).as_deref(),
            Some("abc.def")
        );
        assert_eq!(cookie_token(&headers(&[("cookie", "sismic_session=")])), None);
        assert_eq!(cookie_token(&HeaderMap::new()), None);
    }

    #[test]
    fn a_cookie_needs_the_header_and_the_servers_own_origin() {
        let cookie = ("cookie", "sismic_session=t");
        assert!(credentials(&headers(&[cookie])).is_err(), "no header");
        let own = headers(&[
            cookie,
            ("x-sismic-request", "1"),
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert_eq!(credentials(&own).unwrap().as_deref(), Some("Bearer t"));
        let foreign = headers(&[
            cookie,
            ("x-sismic-request", "1"),
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ]);
        assert!(credentials(&foreign).is_err());
        let bearer = headers(&[("authorization", "Bearer x"), cookie]);
        assert_eq!(credentials(&bearer).unwrap().as_deref(), Some("Bearer x"), "a header wins, no CSRF check");
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site_strict() {
        let value = set_cookie("tok", 3600, true).to_str().unwrap().to_owned();
        assert_eq!(value, "sismic_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600; Secure");
        assert!(clear_cookie(false).to_str().unwrap().contains("Max-Age=0"));
    }
}
