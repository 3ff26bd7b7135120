#!/usr/bin/env bash
# The long fuzzing run: `npm run fuzz -- --requests 20000 [--seed N]`. Same services, database
# and settings as `npm test`, only the OpenAPI fuzzer spec.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export FUZZ_REQUESTS=20000
# A new seed each run unless one is given (npm test keeps its fixed one).
export FUZZ_SEED="$RANDOM$RANDOM"
while (($# > 0)); do
  case "$1" in
    --requests) export FUZZ_REQUESTS="$2"; shift 2 ;;
    --seed) export FUZZ_SEED="$2"; shift 2 ;;
    *) echo "usage: npm run fuzz -- [--requests N] [--seed N]" >&2; exit 2 ;;
  esac
done

bash docker/local-services.sh start
# shellcheck source=docker/env.sh
. docker/env.sh
if [[ "$DB_NAME" != *_test ]]; then
  export DB_NAME="${DB_NAME}_test"
fi
export NODE_ENV=test
export REDIS_DB="${REDIS_TEST_DB:-1}"
export LOGIN_RATE_PER_ADDRESS=5000 LOGIN_RATE_PER_USERNAME=30
npx jest --runInBand --selectProjects e2e --testPathPatterns 'test/fuzz/openapi-fuzz'
