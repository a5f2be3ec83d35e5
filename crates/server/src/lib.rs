//! The `sismic` server: configuration, HTTP routes and start-up, and the command-line tools.
//!
//! [`Application::build`] binds the listener (port 0 in tests) and [`Application::run_until_stopped`]
//! serves until SIGTERM or Ctrl-C, finishing in-flight requests first.

pub mod config;
pub mod demo;
pub mod graphql_http;
pub mod http;
pub mod import;
pub mod live;
pub mod maintenance;
pub mod otel;
pub mod session;
pub mod telemetry;
pub mod web;

use anyhow::Context as _;
use config::Settings;
use sismic_graphql::auth::TokenKeys;
use sismic_graphql::{Api, Services};
use sismic_store::Store;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// What the HTTP handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL API.
    pub api: Api,
    /// The store.
    pub store: Store,
    /// Token verification.
    pub keys: TokenKeys,
    /// Request limits.
    pub limits: sismic_graphql::Limits,
    /// How reports treat small counts (GraphQL and exports alike).
    pub reports: sismic_graphql::report::ReportPolicy,
    /// Bounds on expensive work (password hashing, report builds), shared with the API.
    pub services: Services,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: std::sync::Arc<[ipnet::IpNet]>,
    /// Whether the session cookie is marked `Secure` (HTTPS only).
    pub cookie_secure: bool,
    /// Largest JSON body of `POST /graphql`.
    pub max_body_bytes: usize,
    /// Largest `multipart/form-data` body of `POST /graphql` (a spreadsheet import's files).
    pub max_upload_bytes: usize,
    /// The live updates' connections (WebSocket) and their limits.
    pub live: std::sync::Arc<live::LiveHub>,
}

/// A bound, ready-to-serve server.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    metrics: Option<(TcpListener, axum::Router)>,
    live: std::sync::Arc<live::LiveHub>,
}

impl Application {
    /// Builds the server from settings and a store, and binds its address.
    pub async fn build(settings: &Settings, store: Store) -> anyhow::Result<Self> {
        let keys: TokenKeys = settings.token_keys().context("invalid signing key")?;
        let limits = settings.limits();
        let reports = settings.report_policy();
        let store = store.with_idempotency_retention(settings.idempotency_retention());
        let services = settings.services();
        let api = Api::new(store.clone(), keys.clone(), &limits, settings.throttle(), reports, services.clone());
        let trusted_proxies = settings.trusted_proxies.clone().into();
        let cookie_secure = settings.cookie_secure;
        let live = live::LiveHub::new(settings.live_limits());
        let state = AppState {
            api,
            store,
            keys,
            limits,
            reports,
            services,
            trusted_proxies,
            cookie_secure,
            max_body_bytes: settings.max_body_bytes,
            max_upload_bytes: settings.max_upload_bytes,
            live: live.clone(),
        };
        let router = http::router(state.clone(), settings);
        let listener =
            TcpListener::bind(&settings.bind).await.with_context(|| format!("cannot listen on {}", settings.bind))?;
        let metrics = match settings.metrics_bind.trim() {
            "" | "off" => None,
            address => {
                let listener = TcpListener::bind(address).await.with_context(|| {
                    format!("cannot listen on {address} (SISMIC_METRICS_BIND; `off` serves no metrics)")
                })?;
                Some((listener, http::metrics_router(state)))
            }
        };
        Ok(Application { listener, router, metrics, live })
    }

    /// The bound address (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// The metrics' bound address, unless `SISMIC_METRICS_BIND` is `off`.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().map(|(listener, _)| listener.local_addr().expect("a bound listener has an address"))
    }

    /// The live updates' connections (their counts, for monitoring).
    pub fn live(&self) -> std::sync::Arc<live::LiveHub> {
        self.live.clone()
    }

    /// Serves until SIGTERM or Ctrl-C; in-flight requests finish before it returns, live
    /// connections are closed with 1001 (going away: clients reconnect elsewhere), and the
    /// metrics address stops with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(listener, router)| {
            tokio::spawn(std::future::IntoFuture::into_future(axum::serve(listener, router)))
        });
        // The peer's address is kept for sign-in throttling (see `http::client_address`).
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let live = self.live.clone();
        let stopping = async move {
            shutdown_signal().await;
            live.shut_down();
        };
        let served = axum::serve(self.listener, service).with_graceful_shutdown(stopping).await;
        // Give the WebSocket tasks a moment to send their close frames.
        let closing = std::time::Instant::now();
        while self.live.open_connections() > 0 && closing.elapsed() < std::time::Duration::from_secs(2) {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        served
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
