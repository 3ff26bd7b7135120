# shellcheck shell=bash
# Loads the service configuration into the current shell. Source it, don't run it:
#
#   . docker/env.sh
#
# Reads .env from the repository root if it exists, otherwise config/.env.example,
# exporting every variable (set -a). As with the application's own .env loading,
# variables that are already set in the environment take precedence over the file.
# Finally fills in defaults for the connection settings the scripts rely on.

__mch_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$__mch_root/.env" ]]; then
  __mch_env_file="$__mch_root/.env"
else
  __mch_env_file="$__mch_root/config/.env.example"
fi

# Remember the variables the file assigns that the environment already defines.
__mch_keep_names=()
__mch_keep_values=()
if [[ -f "$__mch_env_file" ]]; then
  while IFS= read -r __mch_name; do
    if [[ -n "${!__mch_name+x}" ]]; then
      __mch_keep_names+=("$__mch_name")
      __mch_keep_values+=("${!__mch_name}")
    fi
  done < <(sed -nE 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=.*/\2/p' "$__mch_env_file")

  set -a
  # shellcheck disable=SC1090
  . "$__mch_env_file"
  set +a

  for __mch_i in "${!__mch_keep_names[@]}"; do
    printf -v "${__mch_keep_names[$__mch_i]}" '%s' "${__mch_keep_values[$__mch_i]}"
    export "${__mch_keep_names[$__mch_i]?}"
  done
fi

export DB_HOST="${DB_HOST:-127.0.0.1}"
export DB_PORT="${DB_PORT:-3306}"
export DB_USER="${DB_USER:-mch}"
export DB_PASSWORD="${DB_PASSWORD:-mch}"
export DB_NAME="${DB_NAME:-mch}"
export DB_MIGRATION_USER="${DB_MIGRATION_USER:-mch_migrator}"
export DB_MIGRATION_PASSWORD="${DB_MIGRATION_PASSWORD-mch_migrator}"
export DB_APP_ROLE="${DB_APP_ROLE:-${DB_USER}_app}"
export REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
export REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_PASSWORD="${REDIS_PASSWORD-}"

unset __mch_root __mch_env_file __mch_keep_names __mch_keep_values __mch_name __mch_i
