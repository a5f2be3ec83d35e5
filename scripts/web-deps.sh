#!/usr/bin/env bash
# Installs web/'s npm dependencies exactly as web/package-lock.json pins them, once per lock
# file (a stamp in node_modules remembers which one), so repeated runs cost nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/web"
if ! command -v npm >/dev/null 2>&1; then
    echo "Node.js 20 or later and npm are needed for the web side (https://nodejs.org)" >&2
    exit 1
fi
stamp=node_modules/.sismic-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
