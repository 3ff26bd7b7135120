#!/usr/bin/env bash
# The test command (`npm test`): makes sure MariaDB and Redis are available, then
# runs the unit and the end-to-end Jest projects against the "<DB_NAME>_test"
# database. Extra arguments are passed to both Jest runs, e.g.
#   npm test -- -t 'antenatal visit'
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Install exactly what the lock file says when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[test] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# shellcheck source=docker/env.sh
. docker/env.sh

# MariaDB, Redis and a read replica of MariaDB (the indicator cohorts and drill-downs read it, and
# test/processes/replica.e2e-spec.ts checks they do), unless the environment names its replicas.
if [[ -n "${DB_REPLICA_HOSTS:-}" ]]; then
  bash docker/local-services.sh start
else
  replica_rc=0
  bash docker/local-services.sh start --replica || replica_rc=$?
  if ((replica_rc == 0)); then
    export DB_REPLICA_HOSTS=127.0.0.1 DB_REPLICA_PORT="${DB_REPLICA_PORT:-3307}"
  elif ((replica_rc == 4)); then
    echo "[test] no read replica here (see the warning above): the replica spec is skipped"
  else
    exit "$replica_rc"
  fi
fi
if [[ "$DB_NAME" != *_test ]]; then
  export DB_NAME="${DB_NAME}_test"
fi
export NODE_ENV=test
# Keep test queues out of the Redis database the demo uses.
export REDIS_DB="${REDIS_TEST_DB:-1}"
# Every spec logs in from 127.0.0.1, many times a minute; the login-protection spec sets its own
# low limits where it tests them.
export LOGIN_RATE_PER_ADDRESS=5000 LOGIN_RATE_PER_USERNAME=30
echo "[test] database $DB_NAME on $DB_HOST:$DB_PORT (read replica: ${DB_REPLICA_HOSTS:-none}${DB_REPLICA_HOSTS:+:${DB_REPLICA_PORT:-$DB_PORT}}), Redis $REDIS_HOST:$REDIS_PORT"

extra=()
if (($# > 0)); then
  # A filter given on the command line usually matches files of only one project;
  # the other project must not fail just because it has nothing to run.
  extra=(--passWithNoTests)
fi

# The browser tests (test/web) drive the built web application, served by the API at /app.
npm run --silent web:build >/dev/null

unit_rc=0
e2e_rc=0
npx jest "${extra[@]}" "$@" --selectProjects unit || unit_rc=$?
npx jest "${extra[@]}" "$@" --runInBand --selectProjects e2e || e2e_rc=$?

result() { if (($1 == 0)); then echo "passed"; else echo "FAILED (exit $1)"; fi; }
echo
echo "[test] unit: $(result "$unit_rc")"
echo "[test] e2e:  $(result "$e2e_rc")"
if ((unit_rc != 0 || e2e_rc != 0)); then
  exit 1
fi
