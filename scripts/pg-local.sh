#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster for this checkout and prints its base URL
# (postgres://postgres@127.0.0.1:PORT). Never touches the system's own cluster.
#
#   SISMIC_PG_DIR   where the cluster lives (default: .pg/<name> in the project, ignored by git)
#   SISMIC_PG_PORT  its port (default 54329 for `make run`, 54330 for `make test`)
#   SISMIC_PG_NAME  cluster name (run | test)
#   SISMIC_PG_FAST  1: no fsync (throwaway test data only)
#
# Works as root too: initdb refuses root, so the cluster then belongs to the `postgres` user.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
name="${SISMIC_PG_NAME:-run}"
port="${SISMIC_PG_PORT:-54329}"
dir="${SISMIC_PG_DIR:-$root/.pg/$name}"

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir=$(pg_config --bindir)
fi
if [ -z "$bindir" ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
    bindir=$(dirname "$(command -v initdb)")
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    cat >&2 <<'MSG'
PostgreSQL's server binaries (initdb, pg_ctl) were not found.
Install them, then run the command again:
  Debian/Ubuntu:  sudo apt-get install -y postgresql
  Fedora:         sudo dnf install -y postgresql-server
  macOS:          brew install postgresql@16
Or point DATABASE_URL at an existing PostgreSQL (13 or later) and skip the local cluster.
MSG
    exit 1
fi

as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "running as root needs a 'postgres' user to own the cluster (initdb refuses root)" >&2
        exit 1
    fi
    as_owner() { runuser -u postgres -- "$@"; }
    # The postgres user must be able to reach the cluster's folder; under a private home
    # (e.g. /root) it cannot, so the cluster moves to a folder of its own under /tmp.
    mkdir -p "$(dirname "$dir")"
    if ! runuser -u postgres -- test -x "$(dirname "$dir")"; then
        dir="/tmp/sismic-pg-$(printf '%s' "$root" | cksum | cut -d' ' -f1)/$name"
    fi
fi

mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
chmod 700 "$dir"

if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
fi
mkdir -p "$dir/run"
[ "$(id -u)" = 0 ] && chown postgres: "$dir/run"

options="-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c max_connections=300"
if [ "${SISMIC_PG_FAST:-0}" = 1 ]; then
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi

if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is taken by another program: set SISMIC_PG_PORT to a free port" >&2
        exit 1
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi
echo "postgres://postgres@127.0.0.1:$port"
