//! Logging: human-readable by default, JSON lines with `SISMIC_LOG_FORMAT=json`; level from
//! `RUST_LOG` (default `info`). Logs never contain request bodies, tokens or personal
//! information: handlers log ids, codes and timings only.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber (once; later calls do nothing).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("SISMIC_LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
