#!/usr/bin/env bash
# `make load`: the load test (crates/loadtest) against a fresh database, on loopback only.
# Without DATABASE_URL it starts a private PostgreSQL cluster (.pg/load, port 54331 unless
# SISMIC_LOAD_PG_PORT says otherwise) and stops it afterwards. LOAD_SECONDS (default 60),
# LOAD_AGENTS, LOAD_PARTNERS, LOAD_FUNDERS and LOAD_MAX_OPERATIONS bound the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

cargo build --quiet -p sismic-loadtest
if [ -z "${DATABASE_URL:-}" ]; then
    export SISMIC_PG_NAME=load SISMIC_PG_PORT="${SISMIC_LOAD_PG_PORT:-54331}"
    base=$(scripts/pg-local.sh)
    trap 'scripts/pg-stop.sh || true' EXIT
    PGOPTIONS="-c client_min_messages=warning" psql "$base/postgres" -qc "drop database if exists sismic_load" >/dev/null
    psql "$base/postgres" -qc "create database sismic_load" >/dev/null
    export DATABASE_URL="$base/sismic_load"
fi
RUST_LOG="${RUST_LOG:-warn}" target/debug/sismic-loadtest
