#!/usr/bin/env bash
# `npm run demo`: starts MariaDB and Redis if needed, builds the service and the web
# application, migrates, loads the demo data and runs the API in the foreground (it
# prints its own URL; the web application is at /app). Secrets not
# given in the environment or .env are random, generated once into .local/secrets.env
# by docker/env.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Install exactly what the lock file says when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[demo] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

bash docker/local-services.sh start

# shellcheck source=docker/env.sh
. docker/env.sh

npm run build
npm run web:build
# As the migration account, which then grants the application's role its tables.
node dist/src/migrate.js
node dist/src/demo/seed-demo.js
exec node dist/src/main.js
