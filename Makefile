# SISMIC Tracker. The two commands a newcomer needs:
#   make run    start the API with a local PostgreSQL, a demo admin and the demo dataset
#   make test   run the whole test suite against a throwaway PostgreSQL
#   make load   a one-minute mixed load test on loopback (figures in docs/load-test.md)
#   make bench  against PostGraphile v5 and pgbench on a national-scale dataset (BENCHMARKS.md)

.PHONY: run test load bench schema pg-stop lint test-otel

run:
	./scripts/run.sh

test:
	./scripts/test.sh

load:
	./scripts/load.sh

# About ten minutes on loopback once built (the first run also builds the release binary and
# installs PostGraphile from bench/postgraphile/package-lock.json). Not part of `make test`.
bench:
	python3 bench/bench.py

# Rewrite schema.graphql from the code (the golden test fails until you do).
schema:
	cargo run --quiet --bin sismic -- schema > schema.graphql

# Stop the private PostgreSQL cluster that `make run` started.
pg-stop:
	SISMIC_PG_NAME=run ./scripts/pg-stop.sh

# Formatting, clippy with warnings as errors, and no dependency that nothing uses
# (cargo-machete: `cargo install cargo-machete --locked`).
# Formatting, clippy -D warnings, unused dependencies (also the first step of `make test`).
lint:
	./scripts/lint.sh


# The OpenTelemetry export (behind the `otel` feature, so not in `make test`: its dependencies
# take minutes to build): an in-process OTLP/HTTP collector receives the spans.
test-otel:
	cargo test -p sismic-server --features otel --lib otel
	cargo clippy -p sismic-server --features otel --all-targets -- -D warnings
