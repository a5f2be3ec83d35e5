//! The browser side served by the binary, read at run time from `SISMIC_WEB_DIR` (built by
//! `npm run build` in `web/`, so that `cargo build` never needs Node): the agents' web app
//! (`index.html` at `/` and at every client route, its assets under `/app/…`), GraphiQL's page
//! (`GET /graphql` from a browser) and its assets (`/graphiql/…`), and the security headers
//! every page of ours carries: one [`security_headers`] layer for all of them.

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

    /// The folder of the web app's build (`index.html` and `assets/`), served under `/app`.
    pub fn app(&self) -> PathBuf {
        self.0.join("app")
    }
}

/// The web app's service worker (built by `web/vite.app.config.js`), which keeps the app shell
/// for offline use and never the API's answers.
pub const SERVICE_WORKER: &str = "/app/sw.js";

/// Paths that belong to the server, never to the web app's client routes (see [`is_client_route`]).
/// `/metrics` is served on its own address (`SISMIC_METRICS_BIND`), never on this one: here it
/// is a plain 404, not the app's page, so that a scraper pointed at the wrong port fails loudly.
const SERVER_PATHS: [&str; 8] =
    ["/graphql", "/session", "/reports", "/healthz", "/readyz", "/graphiql", "/app", "/metrics"];

/// Whether a path is one of the web app's client routes (answered with its `index.html`): any
/// path but the server's own (`/graphql`, `/session`, `/reports`, `/healthz`, `/readyz`,
/// `/metrics`, and the built assets under `/graphiql` and `/app`).
pub fn is_client_route(path: &str) -> bool {
    !SERVER_PATHS.iter().any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
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
    let path = request.uri().path();
    let hashed_asset = path.starts_with("/graphiql/assets/") || path.starts_with("/app/assets/");
    let service_worker = path == SERVICE_WORKER;
    let mut response = next.run(request).await;
    apply_security_headers(response.headers_mut());
    if service_worker && response.status().is_success() {
        // The worker lives under /app/ but serves the whole app (scope `/`); and it must be
        // revalidated, or browsers would keep an old one for up to a day.
        let headers = response.headers_mut();
        headers.insert("service-worker-allowed", HeaderValue::from_static("/"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
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
    built_page(dir, &dir.graphiql().join("index.html"), Missing::Graphiql).await
}

/// The web app's page (`/` and every client route): the built `index.html`, or, when it has not
/// been built, a page that says how to build it (200, as for GraphiQL).
pub async fn app_page(dir: &WebDir) -> Response {
    built_page(dir, &dir.app().join("index.html"), Missing::App).await
}

/// Which build a missing page is about.
#[derive(Debug, Clone, Copy)]
enum Missing {
    Graphiql,
    App,
}

async fn built_page(dir: &WebDir, index: &Path, missing: Missing) -> Response {
    let mut response = match tokio::fs::read_to_string(index).await {
        Ok(page) => Html(page).into_response(),
        Err(error) => {
            tracing::debug!(path = %index.display(), %error, ?missing, "not built: answering how to build it");
            Html(missing_page(&dir.0, missing)).into_response()
        }
    };
    // The page names its assets by content hash: it must be revalidated to pick up a new build.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    apply_security_headers(response.headers_mut());
    response
}

/// The page answered when a build is missing: self-contained (no script, no style, nothing to
/// load), French first, English second.
fn missing_page(web_dir: &Path, missing: Missing) -> String {
    let dir = html_escape(&web_dir.display().to_string());
    let (fr_name, fr_title, en_title) = match missing {
        Missing::Graphiql => ("GraphiQL", "GraphiQL n'est pas encore construit", "GraphiQL is not built yet"),
        Missing::App => {
            ("l'application", "L'application web n'est pas encore construite", "The web app is not built yet")
        }
    };
    let en_name = match missing {
        Missing::Graphiql => "GraphiQL",
        Missing::App => "the web app",
    };
    format!(
        r#"<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>SISMIC Tracker — {fr_title}</title></head>
<body>
<main>
<h1>{fr_title}</h1>
<p>L'API fonctionne : envoyez vos requêtes GraphQL en POST à <code>/graphql</code>.
Pour avoir {fr_name} dans le navigateur, construisez-la (Node.js 20 ou plus récent) :
<code>make run</code> le fait, ou bien <code>npm ci &amp;&amp; npm run build</code> dans <code>web/</code>.
Le serveur lit les fichiers dans <code>{dir}</code> (variable <code>SISMIC_WEB_DIR</code>) ; rechargez ensuite cette page.</p>
<div lang="en">
<h2>{en_title}</h2>
<p>The API works: POST your GraphQL requests to <code>/graphql</code>.
To get {en_name} in the browser, build it (Node.js 20 or later): <code>make run</code> does,
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

    #[tokio::test]
    async fn a_missing_app_build_answers_how_to_build_it_under_the_csp() {
        let response = app_page(&WebDir(PathBuf::from("/nonexistent/web"))).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CONTENT_SECURITY_POLICY], CONTENT_SECURITY_POLICY);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("body");
        let body = String::from_utf8(body.to_vec()).expect("UTF-8");
        assert!(
            body.contains("L'application web n'est pas encore construite")
                && body.contains("The web app is not built yet"),
            "{body}"
        );
        assert!(body.contains("npm ci &amp;&amp; npm run build") && !body.contains("<script"), "{body}");
    }

    #[test]
    fn client_routes_are_every_path_but_the_servers_own() {
        for path in ["/", "/suivis-en-attente", "/projets/abc", "/connexion", "/applications", "/graphqlx"] {
            assert!(is_client_route(path), "{path}");
        }
        for path in [
            "/graphql",
            "/session",
            "/reports/cohorts/x.csv",
            "/healthz",
            "/readyz",
            "/graphiql/assets/a.js",
            "/app/assets/a.js",
            "/app",
        ] {
            assert!(!is_client_route(path), "{path}");
        }
    }
}
