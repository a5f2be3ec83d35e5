#!/usr/bin/env bash
# `make lint`, and the first step of `make test` (so that the README's test command is the whole
# gate): formatting, clippy with warnings as errors, and no unused dependency (cargo machete,
# installed on the spot when missing: crates.io is reachable from CI).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
if ! command -v cargo-machete >/dev/null 2>&1; then
    cargo install cargo-machete --version 0.9.2 --locked --quiet
fi
cargo machete
