//! OpenTelemetry traces over OTLP/HTTP, when the binary is built with the `otel` feature
//! (`cargo build --release --features otel`) and `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Without
//! the feature this module does nothing and pulls in no dependency (see
//! `docs/observability.md`).

/// `OTEL_SERVICE_NAME` when unset.
pub const DEFAULT_SERVICE_NAME: &str = "sismic";

/// Whether spans are exported (the schema then adds a span per resolver).
pub fn enabled() -> bool {
    false
}

/// The layer that exports spans: none in this build.
pub fn layer() -> Option<tracing_subscriber::layer::Identity> {
    None
}

/// Sends the spans still buffered (at shutdown): nothing to send in this build.
pub fn shutdown() {}
