#!/usr/bin/env bash
# `npm run demo`: starts MariaDB and Redis if needed, builds, migrates, loads the
# demo data and runs the API in the foreground (it prints its own URL).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules ]]; then
  echo "[demo] node_modules missing; installing dependencies"
  # npm ci refuses this lock file: npm 11 leaves other platforms' optional binaries out of it.
  npm install --no-audit --no-fund
fi

bash docker/local-services.sh start

# shellcheck source=docker/env.sh
. docker/env.sh

npm run build
npx typeorm migration:run -d dist/src/core/database/data-source.js
node dist/src/demo/seed-demo.js
exec node dist/src/main.js
