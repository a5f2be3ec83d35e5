#!/usr/bin/env bash
# Stops the private cluster started by pg-local.sh (same environment variables).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name="${SISMIC_PG_NAME:-run}"
dir="${SISMIC_PG_DIR:-$root/.pg/$name}"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$dir")" 2>/dev/null; then
    dir="/tmp/sismic-pg-$(printf '%s' "$root" | cksum | cut -d' ' -f1)/$name"
fi
[ -f "$dir/data/postmaster.pid" ] || exit 0
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || dirname "$(command -v pg_ctl)")
if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
else
    "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
fi
