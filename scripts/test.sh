#!/usr/bin/env bash
# `make test`: the whole suite. Without DATABASE_URL it starts a throwaway PostgreSQL cluster
# (.pg/test, port 54330, no fsync) and stops it afterwards; every test that touches storage
# gets a fresh database of its own on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -z "${DATABASE_URL:-}" ]; then
    export SISMIC_PG_NAME=test SISMIC_PG_PORT="${SISMIC_TEST_PG_PORT:-54330}" SISMIC_PG_FAST=1
    base=$(scripts/pg-local.sh)
    trap 'scripts/pg-stop.sh || true' EXIT
    export DATABASE_URL="$base/postgres"
fi
# Formatting, clippy with warnings as errors, unused dependencies: part of the gate.
scripts/lint.sh
# The web side (web/package-lock.json): GraphiQL's assets, and the clients' own tools that the
# tests run against the live server (graphql-http's audit, introspection, codegen).
scripts/web-deps.sh
# The web app's types against schema.graphql (codegen, then tsc: a schema change that breaks a
# screen fails here), its unit tests (Vitest), then GraphiQL's page and the app, which the
# browser tests load from the server (web/dist, git-ignored).
(cd web && npm run --silent typecheck && npm run --silent test && npm run --silent build >/dev/null && npm run --silent size)
# That test drives Debian's Chromium (Playwright cannot download a browser here); as root
# (CI) it can be installed on the spot.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "the GraphiQL browser test needs Chromium: sudo apt-get install chromium" >&2
    fi
fi
# The README's Python example uses `requests`.
python3 -c 'import requests' 2>/dev/null || python3 -m pip install --quiet requests

echo "tests use PostgreSQL at ${DATABASE_URL%%\?*}"
RUST_BACKTRACE="${RUST_BACKTRACE:-0}" cargo test --workspace --locked "$@"
