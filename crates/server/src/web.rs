//! The browser side served by the binary: GraphiQL's page (`GET /graphql` from a browser) and
//! its assets (`/graphiql/…`), read at run time from `SISMIC_WEB_DIR` (built by `npm run build`
//! in `web/`, so that `cargo build` never needs Node), and the security headers every page of
//! ours carries: one [`security_headers`] layer, for GraphiQL now and the web app later.

use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::path::{Path, PathBuf};

/// The Content-Security-Policy of our pages: nothing is loaded from another origin, no inline
/// script runs (the page's code is an external bundle), and no other site may frame the page.
///
/// The one exception to `'self'` is `data:` for images and fonts: GraphiQL's stylesheet embeds
/// its icons and fonts (Fira Code, Roboto) as `data:` URLs, which load nothing from anywhere.
/// No `'unsafe-inline'` for styles: GraphiQL 3, React and CodeMirror 5 set styles through the
/// CSSOM, which the CSP allows (the browser test, `web/tests/graphiql.mjs`, sees no violation).
/// No `worker-src`: GraphiQL 3 on CodeMirror 5 starts no web worker.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; connect-src 'self'; \
img-src 'self' data:; font-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
form-action 'none'; object-src 'none'";

/// Where the built web side lives (`SISMIC_WEB_DIR`), given to the handlers as an extension.
#[derive(Debug, Clone)]
pub struct WebDir(pub PathBuf);

impl WebDir {
    /// The folder of GraphiQL's build (`index.html` and `assets/`), served under `/graphiql`.
    pub fn graphiql(&self) -> PathBuf {
        self.0.join("graphiql")
    }
}

/// Adds the headers of [`security_headers`] to a response's headers.
pub fn apply_security_headers(headers: &mut HeaderMap) {
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
}

/// Middleware for the pages and assets we serve: the CSP, `nosniff` and `no-referrer`; and, for
/// the build's assets (content-hashed names, so a new build never reuses one), a long cache.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let hashed_asset = request.uri().path().starts_with("/graphiql/assets/");
    let mut response = next.run(request).await;
    apply_security_headers(response.headers_mut());
    if hashed_asset && response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    }
    response
}

/// GraphiQL's page: the built `index.html`, or, when it has not been built, a page that says
/// how to build it (still 200: the server itself is fine, and the API answers).
pub async fn graphiql_page(dir: &WebDir) -> Response {
    let index = dir.graphiql().join("index.html");
    let mut response = match tokio::fs::read_to_string(&index).await {
        Ok(page) => Html(page).into_response(),
        Err(error) => {
            tracing::debug!(path = %index.display(), %error, "GraphiQL is not built: answering how to build it");
            Html(missing_page(&dir.0)).into_response()
        }
    };
    // The page names its assets by content hash: it must be revalidated to pick up a new build.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    apply_security_headers(response.headers_mut());
    response
}

/// The page answered when GraphiQL's build is missing: self-contained (no script, no style,
/// nothing to load), French first, English second.
fn missing_page(web_dir: &Path) -> String {
    let dir = html_escape(&web_dir.display().to_string());
    format!(
        r#"<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>SISMIC Tracker — GraphiQL n'est pas construit</title></head>
<body>
<main>
<h1>GraphiQL n'est pas encore construit</h1>
<p>L'API fonctionne : envoyez vos requêtes GraphQL en POST à <code>/graphql</code>.
Pour avoir GraphiQL dans le navigateur, construisez-le (Node.js 20 ou plus récent) :
<code>make run</code> le fait, ou bien <code>npm ci &amp;&amp; npm run build</code> dans <code>web/</code>.
Le serveur lit les fichiers dans <code>{dir}</code> (variable <code>SISMIC_WEB_DIR</code>) ; rechargez ensuite cette page.</p>
<div lang="en">
<h2>GraphiQL is not built yet</h2>
<p>The API works: POST your GraphQL requests to <code>/graphql</code>.
To get GraphiQL in the browser, build it (Node.js 20 or later): <code>make run</code> does,
or <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>.
The server reads the files in <code>{dir}</code> (setting <code>SISMIC_WEB_DIR</code>); then reload this page.</p>
</div>
</main>
</body>
</html>
"#
    )
}

/// Escapes text for HTML (the folder's name is the operator's, but still text, not markup).
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_missing_build_answers_how_to_build_it_under_the_csp() {
        let response = graphiql_page(&WebDir(PathBuf::from("/nonexistent/<web>"))).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CONTENT_SECURITY_POLICY], CONTENT_SECURITY_POLICY);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("body");
        let body = String::from_utf8(body.to_vec()).expect("UTF-8");
        assert!(body.contains("npm ci &amp;&amp; npm run build") && body.contains("make run"), "{body}");
        assert!(body.contains("/nonexistent/&lt;web&gt;"), "{body}");
        assert!(!body.contains("<script") && !body.contains("<style"), "{body}");
        let french = body.find("GraphiQL n'est pas encore construit").expect("French");
        assert!(french < body.find("GraphiQL is not built yet").expect("English"));
    }
}
