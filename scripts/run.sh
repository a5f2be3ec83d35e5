#!/usr/bin/env bash
# `make run`: everything a newcomer needs to try the API locally.
#  - without DATABASE_URL, a private PostgreSQL cluster in .pg/run (port 54329);
#  - migrations, a demo admin (credentials printed), the demo dataset;
#  - then the server on SISMIC_BIND (default 127.0.0.1:8080): the agents' web app on /,
#    GraphiQL on /graphql.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p .local

if [ -z "${DATABASE_URL:-}" ]; then
    base=$(SISMIC_PG_NAME=run SISMIC_PG_PORT="${SISMIC_PG_PORT:-54329}" scripts/pg-local.sh)
    psql "$base/postgres" -qtAc "select 1 from pg_database where datname = 'sismic'" | grep -q 1 \
        || psql "$base/postgres" -qc "create database sismic" >/dev/null
    export DATABASE_URL="$base/sismic"
    echo "PostgreSQL: private cluster at $DATABASE_URL (stop it with: make pg-stop)"
fi

if [ -z "${SISMIC_JWT_SECRET:-}" ]; then
    [ -s .local/jwt-secret ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > .local/jwt-secret
    SISMIC_JWT_SECRET=$(cat .local/jwt-secret)
    export SISMIC_JWT_SECRET
fi

# The web app and GraphiQL (web/dist, read by the server at run time): built when Node is there;
# without it the API still serves, and / and /graphql in a browser say how to build them.
if command -v npm >/dev/null 2>&1; then
    scripts/web-deps.sh && (cd web && npm run --silent build >/dev/null) \
        || echo "The web app and GraphiQL could not be built (see above): the API still serves" >&2
else
    echo "Node.js (20 or later) is not installed: the web app and GraphiQL will not be there. Install Node, then" >&2
    echo "run \`make run\` again (or \`npm ci && npm run build\` in web/). The API serves meanwhile." >&2
fi
# Plain HTTP on loopback: the browser session cookie cannot be HTTPS-only here.
export SISMIC_COOKIE_SECURE="${SISMIC_COOKIE_SECURE:-false}"

cargo build --quiet --bin sismic
sismic=target/debug/sismic

"$sismic" migrate
admin_email="admin@demo.sismic.quebec"
[ -s .local/admin-password ] || head -c 18 /dev/urandom | base64 | tr -d '\n/+=' > .local/admin-password
if "$sismic" user add --email "$admin_email" --role ADMIN < .local/admin-password 2>.local/user-add.log; then
    :
elif ! grep -q "already exists" .local/user-add.log; then
    cat .local/user-add.log >&2
    exit 1
fi
"$sismic" demo

cat <<MSG

  SISMIC Tracker is starting on http://${SISMIC_BIND:-127.0.0.1:8080}/ (the agents' web app;
  demo agent: the README's "Web app" part) and /graphql (GraphiQL)
  Demo admin:  $admin_email
  Password:    $(cat .local/admin-password)
  Sign in with:  mutation { login(email: "$admin_email", password: "…") { token } }
  then send the token as the header  Authorization: Bearer <token>
  Prometheus metrics: http://${SISMIC_METRICS_BIND:-127.0.0.1:9464}/metrics
  Each user's operations, for GraphiQL and curl: docs/agent.md, partner.md, funder.md, operator.md

MSG
exec "$sismic" serve
