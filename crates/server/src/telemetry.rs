//! Logging: JSON lines by default when standard error is not a terminal (a service manager, a
//! container, a pipe), human-readable text on a terminal; `SISMIC_LOG_FORMAT` (`json`, `text`)
//! decides otherwise. Level from `RUST_LOG` (default `info,sqlx=warn`). See
//! `docs/observability.md`.
//!
//! A JSON line is one object: `timestamp`, `level`, `target`, `message`, the event's fields, the
//! fields of the spans it happened in (so every line logged while a request runs carries that
//! request's `request_id`, at the top level), and `spans`, their names from the outermost.
//!
//! Logs never contain request bodies, query strings, tokens or personal information: handlers
//! log ids, codes, routes and timings only (the API tests read every line to check it).

use serde_json::{Map, Value};
use std::io::IsTerminal as _;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Record};
use tracing::{Event, Id, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, MakeWriter};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer};

/// The filter when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object a line.
    Json,
    /// tracing-subscriber's human-readable lines.
    Text,
}

impl LogFormat {
    /// From `SISMIC_LOG_FORMAT` (`json`, `text`; anything else, or nothing, is `auto`): `auto`
    /// is JSON unless standard error is a terminal.
    pub fn from_env() -> LogFormat {
        match std::env::var("SISMIC_LOG_FORMAT").as_deref() {
            Ok("json") => LogFormat::Json,
            Ok("text") => LogFormat::Text,
            _ if std::io::stderr().is_terminal() => LogFormat::Text,
            _ => LogFormat::Json,
        }
    }
}

/// Installs the global subscriber (once; later calls do nothing).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let registry = tracing_subscriber::registry().with(filter);
    let registry = registry.with(crate::otel::layer());
    let _ = match LogFormat::from_env() {
        LogFormat::Json => registry.with(json_layer(std::io::stderr)).try_init(),
        LogFormat::Text => registry.with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr)).try_init(),
    };
}

/// The JSON lines layer, writing to `writer` (the tests capture it).
pub fn json_layer<S, W>(writer: W) -> impl Layer<S> + Send + Sync + 'static
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    SpanFields.and_then(tracing_subscriber::fmt::layer().event_format(JsonLines).with_writer(writer))
}

/// The fields of a span as JSON, kept in its extensions by [`SpanFields`].
struct SpanJson(Map<String, Value>);

/// Keeps every span's fields as JSON, for [`JsonLines`] to copy into each line.
struct SpanFields;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanFields {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut fields = Map::new();
        attributes.record(&mut JsonVisitor(&mut fields));
        span.extensions_mut().insert(SpanJson(fields));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut extensions = span.extensions_mut();
        if let Some(SpanJson(fields)) = extensions.get_mut::<SpanJson>() {
            values.record(&mut JsonVisitor(fields));
        }
    }
}

/// Formats an event as one JSON object (see the module's doc).
struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> std::fmt::Result {
        let metadata = event.metadata();
        let mut line = Map::new();
        line.insert("timestamp".into(), chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true).into());
        line.insert("level".into(), metadata.level().as_str().into());
        line.insert("target".into(), metadata.target().into());
        let mut spans = Vec::new();
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                spans.push(Value::from(span.name()));
                if let Some(SpanJson(fields)) = span.extensions().get::<SpanJson>() {
                    line.extend(fields.iter().map(|(name, value)| (name.clone(), value.clone())));
                }
            }
        }
        event.record(&mut JsonVisitor(&mut line));
        if !spans.is_empty() {
            line.insert("spans".into(), Value::Array(spans));
        }
        let text = serde_json::to_string(&line).map_err(|_| std::fmt::Error)?;
        writeln!(writer, "{text}")
    }
}

/// Records tracing fields into a JSON object (numbers and booleans as such, the rest as text).
struct JsonVisitor<'a>(&'a mut Map<String, Value>);

impl Visit for JsonVisitor<'_> {
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.0.insert(field.name().into(), value.to_string().into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}").into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_line_carries_its_spans_fields_at_the_top_level() {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::registry().with(json_layer(move || writer.clone()));
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("request", request_id = "r-1");
            let _entered = span.enter();
            let inner = tracing::info_span!("store", table = "project");
            let _inner = inner.enter();
            tracing::warn!(elapsed_ms = 12u64, ok = false, "slow");
        });
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let line: Value = serde_json::from_str(text.trim()).expect("one JSON line");
        assert_eq!(line["message"], "slow");
        assert_eq!(line["level"], "WARN");
        assert_eq!(line["request_id"], "r-1");
        assert_eq!(line["table"], "project");
        assert_eq!(line["elapsed_ms"], 12);
        assert_eq!(line["ok"], false);
        assert_eq!(line["spans"], serde_json::json!(["request", "store"]));
        assert!(line["timestamp"].as_str().unwrap().ends_with('Z'));
    }
}
