# shellcheck shell=bash
# Loads the service configuration into the current shell. Source it, don't run it:
#
#   . docker/env.sh
#
# Reads .env from the repository root if it exists, otherwise config/.env.example,
# exporting every variable (set -a). As with the application's own .env loading,
# variables that are already set in the environment take precedence over the file.
# Secrets the file leaves unset, or that come from the example file, are replaced by random ones
# kept in .local/secrets.env. Finally fills in defaults for the connection settings the scripts
# rely on.

__mch_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Secret keys the scripts generate when none is given (config/secret-strength.ts lists the
# example values the service refuses outside development and test).
__mch_secret_names=(JWT_SECRET IDENTIFIER_KEYS IDENTIFIER_ACTIVE_KEY_ID IDENTIFIER_INDEX_KEY)
# A new random value for the secret named $1.
__mch_new_secret() {
  case "$1" in
    IDENTIFIER_KEYS) printf 'k1:%s' "$(node -p "require('crypto').randomBytes(32).toString('base64')")" ;;
    IDENTIFIER_ACTIVE_KEY_ID) printf 'k1' ;;
    IDENTIFIER_INDEX_KEY) node -p "require('crypto').randomBytes(32).toString('base64')" ;;
    *) node -e "process.stdout.write(require('crypto').randomBytes(48).toString('base64url'))" ;;
  esac
}
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

  # The example's secrets are public. In their place (and wherever a secret is unset) come random
  # ones, generated once into the git-ignored .local/secrets.env; the environment and .env win.
  __mch_secrets="$__mch_root/.local/secrets.env"
  for __mch_name in "${__mch_secret_names[@]}"; do
    if ! grep -q "^$__mch_name=" "$__mch_secrets" 2>/dev/null; then
      mkdir -p "$__mch_root/.local"
      (
        umask 077
        printf '%s=%s\n' "$__mch_name" "$(__mch_new_secret "$__mch_name")" >>"$__mch_secrets"
      )
    fi
    if [[ -z "${!__mch_name:-}" || "$__mch_env_file" == */config/.env.example ]]; then
      printf -v "$__mch_name" '%s' "$(sed -n "s/^$__mch_name=//p" "$__mch_secrets" | tail -n 1)"
      export "${__mch_name?}"
    fi
  done

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

unset __mch_root __mch_env_file __mch_keep_names __mch_keep_values __mch_name __mch_i \
  __mch_secret_names __mch_secrets
unset -f __mch_new_secret
