//! OpenTelemetry traces over OTLP/HTTP, when the binary is built with the `otel` feature
//! (`cargo build --release --bin sismic --features sismic-server/otel`) and
//! `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Without the feature this module does nothing and pulls
//! in no dependency (see `docs/observability.md`).
//!
//! The spans are tracing's: `request` (HTTP, with its `request_id`), `graphql.operation`,
//! `graphql.resolve` (a resolver of an object or a list, only while traces are exported),
//! `db.begin`, `db.commit`, `db.load` (a DataLoader batch), and one per storage function (named
//! after it, without fields). Their fields are ids and names of the schema, never input.

/// `OTEL_SERVICE_NAME` when unset.
pub const DEFAULT_SERVICE_NAME: &str = "sismic";

#[cfg(not(feature = "otel"))]
mod imp {
    /// Whether spans are exported: never, in this build.
    pub fn enabled() -> bool {
        false
    }

    /// The layer that exports spans: none in this build.
    pub fn layer() -> Option<tracing_subscriber::layer::Identity> {
        None
    }

    /// Sends the spans still buffered: nothing to send in this build.
    pub fn shutdown() {}
}

#[cfg(feature = "otel")]
mod imp {
    use opentelemetry::trace::TracerProvider as _;
    use opentelemetry_otlp::WithExportConfig as _;
    use opentelemetry_sdk::trace::SdkTracerProvider;
    use std::sync::OnceLock;
    use tracing::Subscriber;
    use tracing_subscriber::registry::LookupSpan;
    use tracing_subscriber::Layer;

    static PROVIDER: OnceLock<SdkTracerProvider> = OnceLock::new();

    /// Whether spans are exported (`OTEL_EXPORTER_OTLP_ENDPOINT` was set when the logging was
    /// installed).
    pub fn enabled() -> bool {
        PROVIDER.get().is_some()
    }

    /// A tracer provider exporting over OTLP/HTTP (protobuf) to `endpoint` (its `/v1/traces`),
    /// in batches, from a thread of its own.
    pub fn provider(endpoint: &str, service: &str) -> Result<SdkTracerProvider, String> {
        let endpoint = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_endpoint(endpoint)
            .build()
            .map_err(|e| e.to_string())?;
        let resource = opentelemetry_sdk::Resource::builder().with_service_name(service.to_owned()).build();
        Ok(SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource).build())
    }

    /// The tracing layer that sends spans to `provider`.
    pub fn layer_for<S>(provider: &SdkTracerProvider) -> impl Layer<S>
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        tracing_opentelemetry::layer().with_tracer(provider.tracer("sismic"))
    }

    /// The layer exporting spans, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
    pub fn layer<S>() -> Option<impl Layer<S>>
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        let endpoint = std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT").ok().filter(|e| !e.trim().is_empty())?;
        let service = std::env::var("OTEL_SERVICE_NAME")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| super::DEFAULT_SERVICE_NAME.to_owned());
        match provider(&endpoint, &service) {
            Ok(provider) => {
                let layer = layer_for(&provider);
                let _ = PROVIDER.set(provider);
                Some(layer)
            }
            Err(error) => {
                eprintln!("OTEL_EXPORTER_OTLP_ENDPOINT: cannot export traces ({error}); serving without");
                None
            }
        }
    }

    /// Sends the spans still buffered (at shutdown).
    pub fn shutdown() {
        if let Some(provider) = PROVIDER.get() {
            let _ = provider.shutdown();
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use prost::Message as _;
        use std::sync::{Arc, Mutex};
        use tracing_subscriber::layer::SubscriberExt as _;

        /// An OTLP/HTTP collector stub on loopback receives the spans, service name included.
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn spans_reach_an_otlp_http_collector() {
            type Received =
                Arc<Mutex<Vec<opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest>>>;
            let received: Received = Arc::default();
            let sink = received.clone();
            let collector = axum::Router::new().route(
                "/v1/traces",
                axum::routing::post(move |body: axum::body::Bytes| {
                    let sink = sink.clone();
                    async move {
                        let request =
                            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest::decode(body)
                                .expect("an OTLP protobuf export");
                        sink.lock().unwrap().push(request);
                        axum::http::StatusCode::OK
                    }
                }),
            );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let endpoint = format!("http://{}", listener.local_addr().unwrap());
            tokio::spawn(async move { axum::serve(listener, collector).await });

            let exported = tokio::task::spawn_blocking(move || {
                let provider = provider(&endpoint, "sismic-test").expect("an exporter");
                let subscriber = tracing_subscriber::registry().with(layer_for(&provider));
                tracing::subscriber::with_default(subscriber, || {
                    let request = tracing::info_span!("request", request_id = "r-42");
                    let _request = request.enter();
                    let operation = tracing::info_span!("graphql.operation", operation = "projects");
                    let _operation = operation.enter();
                    tracing::info_span!("db.begin").in_scope(|| {});
                });
                provider.force_flush()
            })
            .await
            .unwrap();
            assert!(exported.is_ok(), "{exported:?}");
            let received = received.lock().unwrap();
            let spans: Vec<&opentelemetry_proto::tonic::trace::v1::Span> = received
                .iter()
                .flat_map(|r| &r.resource_spans)
                .flat_map(|r| &r.scope_spans)
                .flat_map(|s| &s.spans)
                .collect();
            let names: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
            for name in ["request", "graphql.operation", "db.begin"] {
                assert!(names.contains(&name), "{name} not exported: {names:?}");
            }
            let service = received[0].resource_spans[0]
                .resource
                .as_ref()
                .unwrap()
                .attributes
                .iter()
                .find(|a| a.key == "service.name");
            assert!(format!("{service:?}").contains("sismic-test"), "{service:?}");
            let request = spans.iter().find(|s| s.name == "request").unwrap();
            let operation = spans.iter().find(|s| s.name == "graphql.operation").unwrap();
            assert_eq!(operation.parent_span_id, request.span_id, "the operation is a child of the request");
            assert!(format!("{:?}", request.attributes).contains("r-42"));
        }
    }
}

pub use imp::*;
