#!/usr/bin/env bash
# Runs a command with the service configuration loaded as the other scripts load it
# (docker/env.sh: .env or config/.env.example, secrets from .local/secrets.env), so that
# `npm run seed:synthetic`, `npm run migration:run` and the like work on a fresh clone:
#
#   bash docker/with-env.sh node dist/src/migrate.js
#
# Variables already set in the environment (DB_NAME=mch_synthetic ...) win over the files.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=docker/env.sh
. "$ROOT/docker/env.sh"
exec "$@"
