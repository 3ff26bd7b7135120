#!/usr/bin/env bash
# Runs MariaDB and Redis for development and tests on hosts without a Docker
# engine (CI, small VMs). With Docker, use docker/docker-compose.yml instead.
#
#   bash docker/local-services.sh start    # reuse running servers or start private ones
#   bash docker/local-services.sh start --replica  # also a MariaDB replica on DB_REPLICA_PORT
#   bash docker/local-services.sh status   # does each server answer?
#   bash docker/local-services.sh stop     # stop only what `start` started
#
# Settings come from .env (or config/.env.example) via docker/env.sh.
# Servers started here keep their files in the git-ignored .local/ folder, and
# .local/started-by-script records which ones this script started.
#
# MariaDB accounts (created or corrected on every start whenever the server's admin socket is
# reachable, also on a server an older version of this script set up):
#   DB_USER            the application: no privileges on the databases themselves, only its
#                      role DB_APP_ROLE, to which the migrations grant each table's privileges
#                      (audit_entry: SELECT and INSERT only; src/core/database/app-grants.ts)
#   DB_MIGRATION_USER  owns the schema: runs the migrations, (re)creates the test database
# The private server encrypts InnoDB data at rest (docker/mariadb-conf/encryption.cnf) with a key
# file generated once in .local/mariadb/keys, outside its data directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=docker/env.sh
. "$ROOT/docker/env.sh"

# MCH_LOCAL_DIR: another folder for the private servers (e.g. a throwaway pair on other ports).
LOCAL_DIR="${MCH_LOCAL_DIR:-$ROOT/.local}"
STATE_FILE="$LOCAL_DIR/started-by-script"

MDB_DIR="$LOCAL_DIR/mariadb"
MDB_DATA="$MDB_DIR/data"
MDB_PID="$MDB_DIR/mariadbd.pid"
MDB_LOG="$MDB_DIR/error.log"
MDB_INIT_MARK="$MDB_DIR/.initialized"
MDB_SOCK="$MDB_DIR/mysqld.sock"
MDB_KEYS="$MDB_DIR/keys"
MDB_KEY_FILE="$MDB_KEYS/keyfile"
# Written once the server has run with encryption: from then on the key file is indispensable.
MDB_ENCRYPTED_MARK="$MDB_DIR/.encrypted"
ENCRYPTION_CNF="$ROOT/docker/mariadb-conf/encryption.cnf"
# Unix socket paths are limited to ~107 bytes; fall back to /tmp for deep checkouts.
if ((${#MDB_SOCK} > 100)); then
  MDB_SOCK="${TMPDIR:-/tmp}/mch-mariadb-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).sock"
fi

# The optional read replica (`start --replica`): its own datadir, GTID replication of the primary.
REPLICA_DIR="$LOCAL_DIR/mariadb-replica"
REPLICA_DATA="$REPLICA_DIR/data"
REPLICA_PID="$REPLICA_DIR/mariadbd.pid"
REPLICA_LOG="$REPLICA_DIR/error.log"
REPLICA_SOCK="$REPLICA_DIR/mysqld.sock"
if ((${#REPLICA_SOCK} > 100)); then
  REPLICA_SOCK="${TMPDIR:-/tmp}/mch-mariadb-replica-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).sock"
fi
REPLICA_PORT="${DB_REPLICA_PORT:-3307}"
REPL_USER="${DB_REPLICATION_USER:-mch_repl}"
REPL_PASSWORD="${DB_REPLICATION_PASSWORD:-mch_repl}"

REDIS_DIR="$LOCAL_DIR/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"

START_TIMEOUT=60

log() { printf '[local-services] %s\n' "$*"; }
warn() { printf '[local-services] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[local-services] ERROR: %s\n' "$*" >&2
  exit 1
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Prints the path of the first named program found on PATH or in the sbin folders
# (mariadbd lives in /usr/sbin, which is often not on a normal user's PATH).
find_bin() {
  local name dir
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
    for dir in /usr/sbin /usr/local/sbin /sbin; do
      if [[ -x "$dir/$name" ]]; then
        printf '%s\n' "$dir/$name"
        return 0
      fi
    done
  done
  return 1
}

locate_binaries() {
  MDB_SERVER="$(find_bin mariadbd mysqld || true)"
  MDB_INSTALL="$(find_bin mariadb-install-db mysql_install_db || true)"
  MDB_CLIENT="$(find_bin mariadb mysql || true)"
  MDB_ADMIN="$(find_bin mariadb-admin mysqladmin || true)"
  REDIS_SERVER="$(find_bin redis-server || true)"
  REDIS_CLI="$(find_bin redis-cli || true)"
}

tcp_answers() { # host port
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

is_local_host() {
  [[ "$1" == "127.0.0.1" || "$1" == "localhost" ]]
}

# --- state file --------------------------------------------------------------

state_has() { [[ -f "$STATE_FILE" ]] && grep -qx "$1" "$STATE_FILE"; }

state_add() {
  mkdir -p "$LOCAL_DIR"
  state_has "$1" || printf '%s\n' "$1" >>"$STATE_FILE"
}

state_remove() {
  [[ -f "$STATE_FILE" ]] || return 0
  local rest
  rest="$(grep -vx "$1" "$STATE_FILE" || true)"
  if [[ -n "$rest" ]]; then
    printf '%s\n' "$rest" >"$STATE_FILE"
  else
    rm -f "$STATE_FILE"
  fi
}

# --- process helpers -----------------------------------------------------------

# Prints the pid recorded in a pid file if that process is alive and is one of the
# given program names (guards against a stale pid file naming a recycled pid).
live_pid() { # pidfile name...
  local pidfile="$1" pid comm name
  shift
  [[ -s "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null || ps -p "$pid" -o comm= 2>/dev/null || true)"
  for name in "$@"; do
    if [[ "$comm" == "$name"* ]]; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

wait_for_exit() { # pid seconds
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.25
  done
  return 1
}

# --- MariaDB helpers -------------------------------------------------------------

sql_string() { # quote a value as an SQL string literal
  local s="${1//\\/\\\\}"
  printf "'%s'" "${s//\'/\'\'}"
}

sql_ident() { # quote a name as an SQL identifier
  # shellcheck disable=SC2016 # literal backticks
  printf '`%s`' "${1//\`/\`\`}"
}

# Logs in over TCP exactly like the application will; prints the client's error on failure.
login_as() { # user password
  # shellcheck disable=SC2069 # intentional: stderr to the caller, stdout dropped
  MYSQL_PWD="$2" "$MDB_CLIENT" --no-defaults --protocol=TCP \
    --host="$DB_HOST" --port="$DB_PORT" --user="$1" --connect-timeout=5 \
    --batch --skip-column-names --execute='SELECT 1' 2>&1 >/dev/null
}

app_login() { login_as "$DB_USER" "$DB_PASSWORD"; }
migrator_login() { login_as "$DB_MIGRATION_USER" "$DB_MIGRATION_PASSWORD"; }

# Runs SQL (stdin or args) as the MariaDB account matching the OS user, through a
# local socket (unix_socket authentication: no password needed).
admin_sql() { # socket [client args...]
  local sock="$1"
  shift
  "$MDB_CLIENT" --no-defaults --socket="$sock" --user="$(id -un)" --connect-timeout=5 \
    --batch --skip-column-names "$@"
}

# Finds a local socket through which we can administer the server listening on DB_PORT.
find_admin_socket() {
  local sock port
  for sock in "$MDB_SOCK" /run/mysqld/mysqld.sock /var/run/mysqld/mysqld.sock /tmp/mysql.sock; do
    [[ -S "$sock" ]] || continue
    port="$(admin_sql "$sock" --execute='SELECT @@port' 2>/dev/null || true)"
    if [[ "$port" == "$DB_PORT" ]]; then
      printf '%s\n' "$sock"
      return 0
    fi
  done
  return 1
}

provision_mariadb() { # socket
  local sock="$1" db test_db grant_db user pass role migrator migrator_pass host sql
  [[ "$DB_USER" != "root" ]] || die "DB_USER=root is not supported here; use a dedicated account (default: mch)."
  [[ "$DB_MIGRATION_USER" != "$DB_USER" ]] ||
    die "DB_MIGRATION_USER must differ from DB_USER ($DB_USER): the application may not change the audit trail."
  db="$(sql_ident "$DB_NAME")"
  test_db="$(sql_ident "${DB_NAME}_test")"
  grant_db="$(sql_ident "${DB_NAME}%")"
  user="$(sql_string "$DB_USER")"
  pass="$(sql_string "$DB_PASSWORD")"
  role="$(sql_ident "$DB_APP_ROLE")"
  migrator="$(sql_string "$DB_MIGRATION_USER")"
  migrator_pass="$(sql_string "$DB_MIGRATION_PASSWORD")"
  sql="CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS $test_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE ROLE IF NOT EXISTS $role;"
  # '127.0.0.1' is what TCP clients on this host match (the server skips name
  # resolution); 'localhost' is what socket clients match.
  for host in "'127.0.0.1'" "'localhost'"; do
    # The application: only its role, whose table privileges the migrations grant. The grant
    # before the revoke makes the revoke succeed whether or not an older version of this script
    # gave it ALL PRIVILEGES on the databases (privileges add up: none may stay there).
    sql+="
CREATE USER IF NOT EXISTS $user@$host IDENTIFIED BY $pass;
ALTER USER $user@$host IDENTIFIED BY $pass;
GRANT SELECT ON $grant_db.* TO $user@$host;
REVOKE ALL PRIVILEGES ON $grant_db.* FROM $user@$host;
GRANT $role TO $user@$host;
SET DEFAULT ROLE $role FOR $user@$host;"
    # The migration account owns the schema and grants the role its tables (GRANT OPTION);
    # PROCESS and RELOAD let it check the tablespaces' encryption (INNODB_TABLESPACES_ENCRYPTION,
    # FLUSH TABLES … FOR EXPORT), as a backup would.
    sql+="
CREATE USER IF NOT EXISTS $migrator@$host IDENTIFIED BY $migrator_pass;
ALTER USER $migrator@$host IDENTIFIED BY $migrator_pass;
GRANT ALL PRIVILEGES ON $grant_db.* TO $migrator@$host WITH GRANT OPTION;
GRANT PROCESS, RELOAD ON *.* TO $migrator@$host;"
  done
  sql+="
FLUSH PRIVILEGES;"
  log "Provisioning databases $DB_NAME, ${DB_NAME}_test, user '$DB_USER' (role $DB_APP_ROLE) and migration user '$DB_MIGRATION_USER' (via $sock)"
  admin_sql "$sock" <<<"$sql" || die "Provisioning through $sock failed."
  local err
  err="$(app_login)" || die "Login as '$DB_USER' to $DB_HOST:$DB_PORT fails after provisioning: $err"
  err="$(migrator_login)" || die "Login as '$DB_MIGRATION_USER' to $DB_HOST:$DB_PORT fails after provisioning: $err"
}

# Prints the server's innodb_encrypt_tables (OFF, ON or FORCE).
encryption_of() { # socket
  admin_sql "$1" --execute='SELECT @@innodb_encrypt_tables' 2>/dev/null || echo unknown
}

# The key file of the private server's at-rest encryption: generated once, then never replaced.
ensure_key_file() {
  [[ -s "$MDB_KEY_FILE" ]] && return 0
  if [[ -f "$MDB_ENCRYPTED_MARK" ]]; then
    die "The MariaDB data in $MDB_DATA is encrypted, but its key file $MDB_KEY_FILE is missing:
  without it the data cannot be read. Restore the key file, or delete $MDB_DIR to start again from an empty database."
  fi
  log "Generating the at-rest encryption key file $MDB_KEY_FILE (back it up: the data cannot be read without it)"
  mkdir -p "$MDB_KEYS"
  chmod 700 "$MDB_KEYS"
  local key
  key="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
  [[ ${#key} -eq 64 ]] || die "Could not read 32 random bytes from /dev/urandom"
  (
    umask 077
    printf '1;%s\n' "$key" >"$MDB_KEY_FILE.new"
  )
  mv "$MDB_KEY_FILE.new" "$MDB_KEY_FILE"
}

# mariadb-server ships file_key_management.so; a build without it cannot encrypt.
check_key_plugin() {
  local dir
  dir="$("$MDB_SERVER" --no-defaults --verbose --help 2>/dev/null | awk '$1 == "plugin-dir" { print $2 }')"
  if [[ -n "$dir" && ! -f "$dir/file_key_management.so" ]]; then
    die "$dir/file_key_management.so is missing: this MariaDB cannot encrypt data at rest (Debian's mariadb-server ships it)."
  fi
}

mariadb_ping() {
  "$MDB_ADMIN" --no-defaults --socket="$MDB_SOCK" --user="$(id -un)" --connect-timeout=2 ping >/dev/null 2>&1
}

# --- package installation -----------------------------------------------------------

# LibreOffice with its spreadsheet (soffice alone cannot open an xlsx): Debian's Calc package,
# with or without its GUI, or wherever dpkg is not the package manager, a soffice on the PATH.
calc_installed() {
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}\n' libreoffice-calc-nogui libreoffice-calc 2>/dev/null |
      grep -q 'ok installed'
  else
    command -v soffice >/dev/null 2>&1
  fi
}

# Installs whichever of MariaDB / Redis is needed but missing, Chromium with CJK fonts for the
# browser tests, and LibreOffice Calc with poppler for the report tests (Debian/Ubuntu, as root).
ensure_packages() { # need_mariadb need_redis
  local pkgs=() created_policy=0
  if [[ "$1" == 1 && (-z "$MDB_SERVER" || -z "$MDB_INSTALL" || -z "$MDB_CLIENT" || -z "$MDB_ADMIN") ]]; then
    pkgs+=(mariadb-server mariadb-client)
  fi
  if [[ "$2" == 1 && (-z "$REDIS_SERVER" || -z "$REDIS_CLI") ]]; then
    pkgs+=(redis-server redis-tools)
  fi
  # The web application's browser tests drive Debian's Chromium, and its pages are Chinese.
  if [[ -z "${CHROMIUM_PATH:-}" ]] && ! command -v chromium >/dev/null 2>&1; then
    pkgs+=(chromium)
  fi
  # Its Chinese locale: date and time inputs then read 年/月/日 as at a Chinese hospital's desk.
  if [[ -z "${CHROMIUM_PATH:-}" && ! -f /usr/lib/chromium/locales/zh-CN.pak ]]; then
    pkgs+=(chromium-l10n)
  fi
  # The report tests print the bureau's xlsx to PDF with LibreOffice and read its text layer.
  if ! calc_installed; then pkgs+=(libreoffice-calc-nogui); fi
  if ! command -v pdftotext >/dev/null 2>&1; then pkgs+=(poppler-utils); fi
  if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null)" ]]; then
    pkgs+=(fonts-noto-cjk)
  elif ! command -v fc-list >/dev/null 2>&1; then
    pkgs+=(fonts-noto-cjk)
  fi
  ((${#pkgs[@]} > 0)) || return 0

  if ! is_root; then
    local top=()
    if [[ " ${pkgs[*]} " == *" mariadb-server "* ]]; then top+=(mariadb-server); fi
    if [[ " ${pkgs[*]} " == *" redis-server "* ]]; then top+=(redis-server); fi
    if [[ " ${pkgs[*]} " == *" chromium "* ]]; then top+=(chromium); fi
    if [[ " ${pkgs[*]} " == *" chromium-l10n "* ]]; then top+=(chromium-l10n); fi
    if [[ " ${pkgs[*]} " == *" libreoffice-calc-nogui "* ]]; then top+=(libreoffice-calc-nogui); fi
    if [[ " ${pkgs[*]} " == *" poppler-utils "* ]]; then top+=(poppler-utils); fi
    if [[ " ${pkgs[*]} " == *" fonts-noto-cjk "* ]]; then top+=(fonts-noto-cjk); fi
    cat >&2 <<EOF
[local-services] ERROR: MariaDB/Redis programs not found; Debian packages needed: ${top[*]}
  Install them:  sudo apt-get install ${top[*]}
  (or run this script as root: it then installs them itself) and run it again;
  or, on a host with a Docker engine:  docker compose -f docker/docker-compose.yml up -d
EOF
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "Missing ${pkgs[*]} and apt-get is not available; install MariaDB and Redis by hand, or use: docker compose -f docker/docker-compose.yml up -d"

  # Keep the packages from starting system-wide services on their own ports:
  # we start private instances below.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# temporary, created by docker/local-services.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  log "Installing ${pkgs[*]} with apt-get"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"
  if ((created_policy)); then
    rm -f /usr/sbin/policy-rc.d
    trap - EXIT
  fi
  locate_binaries
  if [[ "$1" == 1 && (-z "$MDB_SERVER" || -z "$MDB_INSTALL" || -z "$MDB_CLIENT" || -z "$MDB_ADMIN") ]]; then
    die "MariaDB programs still missing after installing ${pkgs[*]}."
  fi
  if [[ "$2" == 1 && (-z "$REDIS_SERVER" || -z "$REDIS_CLI") ]]; then
    die "Redis programs still missing after installing ${pkgs[*]}."
  fi
}

# --- start --------------------------------------------------------------------------

# 0: a usable MariaDB answers (provisioned if reachable); 1: none does, start one.
check_existing_mariadb() {
  tcp_answers "$DB_HOST" "$DB_PORT" || return 1
  if [[ -z "$MDB_CLIENT" ]]; then
    log "MariaDB/MySQL: something answers on $DB_HOST:$DB_PORT; using it (no mariadb client here to check the login)."
    return 0
  fi
  local err sock pid
  if sock="$(find_admin_socket)"; then
    if [[ "$sock" == "$MDB_SOCK" && "$(encryption_of "$sock")" == "OFF" ]] &&
      pid="$(live_pid "$MDB_PID" mariadbd mysqld)"; then
      log "MariaDB in .local (pid $pid) runs without at-rest encryption (started by an older version of this script): restarting it with encryption"
      kill -TERM "$pid"
      wait_for_exit "$pid" "$START_TIMEOUT" || die "MariaDB (pid $pid) did not exit within ${START_TIMEOUT}s"
      state_remove mariadb
      return 1
    fi
    # On every start: this version's accounts and grants, also on a server set up by an older one.
    provision_mariadb "$sock"
    log "MariaDB: using the server on $DB_HOST:$DB_PORT, starting nothing."
    if [[ "$(encryption_of "$sock")" == "OFF" ]]; then
      warn "The MariaDB on $DB_HOST:$DB_PORT does not encrypt data at rest; add docker/mariadb-conf/encryption.cnf to its configuration (with a key file), or stop it so this script starts its own."
    fi
    return 0
  fi
  if err="$(app_login)"; then
    log "MariaDB: already answering on $DB_HOST:$DB_PORT and '$DB_USER' can log in; using it, starting nothing."
    err="$(migrator_login)" ||
      warn "The migration account '$DB_MIGRATION_USER' cannot log in ($err); the migrations and the tests need it (see the provisioning SQL in docker/mariadb-init/)."
    return 0
  fi
  die "A server answers on $DB_HOST:$DB_PORT but logging in as '$DB_USER' fails:
  $err
Fix DB_USER/DB_PASSWORD in .env, or create the accounts on that server as its root, as in
docker/mariadb-init/10-accounts.sql (the application's account holds only its role; the
migration account owns \`${DB_NAME}%\`.*), or stop that server / set another DB_PORT so this
script can start its own."
}

check_existing_redis() {
  tcp_answers "$REDIS_HOST" "$REDIS_PORT" || return 1
  if [[ -n "$REDIS_CLI" ]]; then
    local reply
    reply="$(redis_ping "$REDIS_HOST" || true)"
    [[ "$reply" == "PONG" ]] ||
      die "Something answers on $REDIS_HOST:$REDIS_PORT but PING returned '${reply:-nothing}' (wrong REDIS_PASSWORD, or not Redis?)."
  fi
  log "Redis: already answering on $REDIS_HOST:$REDIS_PORT; using it, starting nothing."
  ensure_redis_persistence
}

redis_cli() { # args...
  env ${REDIS_PASSWORD:+"REDISCLI_AUTH=$REDIS_PASSWORD"} \
    "$REDIS_CLI" -h "$REDIS_HOST" -p "$REDIS_PORT" "$@" 2>/dev/null
}

# The .local Redis started by an older version of this script kept nothing on disk: switch its
# append-only file on in place (Redis writes the file from memory; no restart, nothing lost).
# Any other Redis is left as it is, with a warning when it does not persist.
ensure_redis_persistence() {
  [[ -n "$REDIS_CLI" ]] || return 0
  local aof pid
  aof="$(redis_cli CONFIG GET appendonly | sed -n 2p || true)"
  [[ "$aof" == "no" ]] || return 0
  if pid="$(live_pid "$REDIS_PID" redis-server)" && state_has redis; then
    log "Redis in .local (pid $pid) runs without persistence (started by an older version of this script): turning its append-only file on"
    [[ "$(redis_cli CONFIG SET appendfsync everysec)" == "OK" &&
      "$(redis_cli CONFIG SET appendonly yes)" == "OK" ]] ||
      die "Could not turn on the append-only file of the Redis in .local; run: bash docker/local-services.sh stop, then start"
    return 0
  fi
  warn "The Redis on $REDIS_HOST:$REDIS_PORT keeps no append-only file: a restart loses queued jobs and sessions (run it with --appendonly yes --appendfsync everysec)."
}

redis_ping() { # host
  env ${REDIS_PASSWORD:+"REDISCLI_AUTH=$REDIS_PASSWORD"} \
    "$REDIS_CLI" -h "$1" -p "$REDIS_PORT" ping 2>/dev/null
}

start_mariadb() {
  is_local_host "$DB_HOST" ||
    die "MariaDB at DB_HOST=$DB_HOST:$DB_PORT does not answer, and this script only starts servers on 127.0.0.1."
  local pid
  if pid="$(live_pid "$MDB_PID" mariadbd mysqld)"; then
    die "The MariaDB in .local is running (pid $pid) but does not answer on $DB_HOST:$DB_PORT (DB_PORT changed?). Run: bash docker/local-services.sh stop"
  fi
  mkdir -p "$MDB_DIR"

  local user_args=()
  # mariadbd refuses to run as root unless told to explicitly.
  if is_root; then user_args=(--user=root); fi

  check_key_plugin
  ensure_key_file
  if [[ ! -f "$MDB_INIT_MARK" ]]; then
    log "Initialising a MariaDB data directory in $MDB_DATA"
    rm -rf "$MDB_DATA"
    mkdir -p "$MDB_DATA"
    # The OS user running this script becomes a MariaDB admin reachable through
    # the socket without a password (unix_socket authentication).
    if ! "$MDB_INSTALL" --no-defaults --datadir="$MDB_DATA" "${user_args[@]}" \
      --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
      --skip-test-db --skip-name-resolve >"$MDB_DIR/install.log" 2>&1; then
      tail -n 30 "$MDB_DIR/install.log" >&2 || true
      die "mariadb-install-db failed (full log: $MDB_DIR/install.log)"
    fi
    touch "$MDB_INIT_MARK"
  fi

  log "Starting MariaDB on 127.0.0.1:$DB_PORT (data: $MDB_DATA, log: $MDB_LOG)"
  # --defaults-file must come first: the encryption settings, and no other option file.
  # setsid + nohup: keep running after this script (and its process group) is gone.
  local args=(
    --defaults-file="$ENCRYPTION_CNF"
    --file-key-management-filename="$MDB_KEY_FILE"
    --datadir="$MDB_DATA"
    --socket="$MDB_SOCK"
    --port="$DB_PORT"
    --bind-address=127.0.0.1
    "${user_args[@]}"
    --pid-file="$MDB_PID"
    --character-set-server=utf8mb4
    --collation-server=utf8mb4_unicode_ci
    --skip-name-resolve
    --log-error="$MDB_LOG"
    # The indicator computations read a year of a region at once: keep the hot tables in memory
    # (the 1M-pregnancy benchmark database is about 3 GiB) and their grouping in memory too.
    --innodb-buffer-pool-size="${MDB_BUFFER_POOL_SIZE:-2G}"
    --tmp-table-size=128M
    --max-heap-table-size=128M
    --innodb-flush-log-at-trx-commit=2
    --max-connections=200
    # A primary replicas can follow (start --replica): binary log (encrypted, encryption.cnf),
    # GTIDs, a server id of its own; binary logs older than a day are removed.
    --server-id=1
    --log-bin=mariadb-bin
    --binlog-format=ROW
    --binlog-expire-logs-seconds=86400
  )
  nohup setsid "$MDB_SERVER" "${args[@]}" </dev/null >>"$MDB_DIR/stdout.log" 2>&1 &
  local launcher=$! i dead=0
  state_add mariadb

  for ((i = 0; i < START_TIMEOUT; i++)); do
    if mariadb_ping && tcp_answers 127.0.0.1 "$DB_PORT"; then
      break
    fi
    if ! kill -0 "$launcher" 2>/dev/null && ! live_pid "$MDB_PID" mariadbd mysqld >/dev/null; then
      # Give setsid a moment in case it forked and the pid file is not written yet.
      if ((++dead >= 3)); then i=$START_TIMEOUT; break; fi
    fi
    sleep 1
  done
  if ((i >= START_TIMEOUT)); then
    warn "MariaDB did not come up; last lines of $MDB_LOG:"
    tail -n 40 "$MDB_LOG" >&2 2>/dev/null || true
    tail -n 10 "$MDB_DIR/stdout.log" >&2 2>/dev/null || true
    if pid="$(live_pid "$MDB_PID" mariadbd mysqld)"; then kill "$pid" 2>/dev/null || true; fi
    state_remove mariadb
    exit 1
  fi
  log "MariaDB is up (pid $(cat "$MDB_PID" 2>/dev/null || echo '?')), encrypting data at rest ($(encryption_of "$MDB_SOCK"))"
  touch "$MDB_ENCRYPTED_MARK"

  provision_mariadb "$MDB_SOCK"
}

start_redis() {
  is_local_host "$REDIS_HOST" ||
    die "Redis at REDIS_HOST=$REDIS_HOST:$REDIS_PORT does not answer, and this script only starts servers on 127.0.0.1."
  local pid
  if pid="$(live_pid "$REDIS_PID" redis-server)"; then
    die "The Redis in .local is running (pid $pid) but does not answer on $REDIS_HOST:$REDIS_PORT (REDIS_PORT changed?). Run: bash docker/local-services.sh stop"
  fi
  mkdir -p "$REDIS_DIR"
  log "Starting Redis on 127.0.0.1:$REDIS_PORT (log: $REDIS_LOG)"
  local args=(
    --port "$REDIS_PORT"
    --bind 127.0.0.1
    --dir "$REDIS_DIR"
    --daemonize yes
    --pidfile "$REDIS_PID"
    --logfile "$REDIS_LOG"
    # Queued and running jobs, sessions and login counters survive a restart or a crash of
    # Redis: every write is appended to .local/redis/appendonlydir, flushed to disk each second.
    --save ''
    --appendonly yes
    --appendfsync everysec
  )
  if [[ -n "$REDIS_PASSWORD" ]]; then args+=(--requirepass "$REDIS_PASSWORD"); fi
  # Daemonises itself (fork + setsid), so it outlives this script.
  "$REDIS_SERVER" "${args[@]}" || {
    tail -n 20 "$REDIS_LOG" >&2 2>/dev/null || true
    die "redis-server failed to start"
  }
  state_add redis

  local i
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    if [[ "$(redis_ping 127.0.0.1 || true)" == "PONG" ]]; then
      log "Redis is up (pid $(cat "$REDIS_PID" 2>/dev/null || echo '?'))"
      return 0
    fi
    sleep 0.25
  done
  warn "Redis did not answer PING; last lines of $REDIS_LOG:"
  tail -n 40 "$REDIS_LOG" >&2 2>/dev/null || true
  exit 1
}

# --- read replica ---------------------------------------------------------------------

# `start --replica` exits with this when no replica can be had here (the primary is a server this
# script did not start, and nothing on DB_REPLICA_PORT follows it); docker/test.sh then runs
# without one.
NO_REPLICA_HERE=4

# The primary must be this script's own server with the binary log on. One started by an older
# version of the script runs without it: restart it (only ours; never a server we did not start).
ensure_primary_binlog() {
  local pid
  if ! pid="$(live_pid "$MDB_PID" mariadbd mysqld)" || ! state_has mariadb; then
    warn "--replica needs the MariaDB this script starts in $MDB_DIR; the server on $DB_HOST:$DB_PORT was not started by it, and nothing on 127.0.0.1:$REPLICA_PORT replicates it. Configure replication on that server yourself (log_bin, server_id, a replication account) and set DB_REPLICA_HOSTS, or stop it so this script starts its own."
    exit "$NO_REPLICA_HERE"
  fi
  if [[ "$(admin_sql "$MDB_SOCK" --execute='SELECT @@log_bin')" == "1" ]]; then return 0; fi
  log "MariaDB: restarting the primary (pid $pid) with the binary log on, for the replica"
  kill -TERM "$pid"
  wait_for_exit "$pid" "$START_TIMEOUT" || die "MariaDB (pid $pid) did not exit within ${START_TIMEOUT}s"
  state_remove mariadb
  start_mariadb
}

replica_ping() {
  "$MDB_ADMIN" --no-defaults --socket="$REPLICA_SOCK" --user="$(id -un)" --connect-timeout=2 ping >/dev/null 2>&1
}

# One value, as the application's account over TCP (what the application itself can see).
app_value() { # port sql
  MYSQL_PWD="$DB_PASSWORD" "$MDB_CLIENT" --no-defaults --protocol=TCP --host=127.0.0.1 \
    --port="$1" --user="$DB_USER" --connect-timeout=5 --batch --skip-column-names \
    --execute="$2" 2>/dev/null
}

# 0 when the server on REPLICA_PORT is read-only and applies the primary's transactions: it has
# reached, within `seconds`, the position the primary has now.
follows_primary() { # seconds
  local position
  position="$(MYSQL_PWD="$DB_PASSWORD" "$MDB_CLIENT" --no-defaults --protocol=TCP \
    --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" --connect-timeout=5 --batch \
    --skip-column-names --execute='SELECT @@GLOBAL.gtid_binlog_pos' 2>/dev/null)" || return 1
  [[ -n "$position" && "$position" != "NULL" ]] || return 1
  # read_only reads 1 or ON depending on the version.
  [[ "$(app_value "$REPLICA_PORT" "SELECT CONCAT(UPPER(@@read_only), ':', MASTER_GTID_WAIT($(sql_string "$position"), $1))")" =~ ^(1|ON):0$ ]]
}

# The replica's two threads running and connected to the primary (Slave_running), within ~`1` s.
wait_replicating() { # seconds
  local i
  for ((i = 0; i < $1 * 4; i++)); do
    [[ "$(admin_sql "$REPLICA_SOCK" --execute="SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
      WHERE VARIABLE_NAME = 'SLAVE_RUNNING'" 2>/dev/null || true)" == "ON" ]] && return 0
    sleep 0.25
  done
  return 1
}

replica_error() {
  admin_sql "$REPLICA_SOCK" --vertical --execute='SHOW SLAVE STATUS' 2>/dev/null |
    sed -nE 's/^ *(Last_IO_Error|Last_SQL_Error): (.+)$/\1: \2/p' | head -n 2 | tr '\n' ' '
}

# The databases the replica copies and follows: all but the synthetic cohorts (`*_synthetic`, tens
# of gigabytes at a million pregnancies) unless REPLICA_WITH_SYNTHETIC=1 when it is first made.
replica_databases() {
  admin_sql "$MDB_SOCK" --execute="SHOW DATABASES" |
    grep -vxE 'information_schema|performance_schema|sys' |
    if [[ "${REPLICA_WITH_SYNTHETIC:-0}" == 1 ]]; then cat; else grep -v '_synthetic$'; fi
}

# A copy of the primary's databases (replica_databases), consistent at one GTID position, loaded
# into the (empty) replica, which then follows the primary from that position.
seed_replica() {
  local dump databases
  dump="$(find_bin mariadb-dump mysqldump)" || die "mariadb-dump is missing"
  mapfile -t databases < <(replica_databases)
  log "MariaDB replica: copying the primary (mariadb-dump --gtid) and following it from there"
  admin_sql "$MDB_SOCK" --execute="CREATE USER IF NOT EXISTS $(sql_string "$REPL_USER")@'127.0.0.1' IDENTIFIED BY $(sql_string "$REPL_PASSWORD");
    ALTER USER $(sql_string "$REPL_USER")@'127.0.0.1' IDENTIFIED BY $(sql_string "$REPL_PASSWORD");
    GRANT REPLICATION SLAVE ON *.* TO $(sql_string "$REPL_USER")@'127.0.0.1'"
  # --gtid --master-data: the dump sets gtid_slave_pos to the primary's position at its snapshot.
  # Loaded with sql_log_bin off: the replica's own binary log holds only the primary's
  # transactions (nothing was ever written on the replica itself).
  {
    echo 'SET SESSION sql_log_bin = 0;'
    "$dump" --no-defaults --socket="$MDB_SOCK" --user="$(id -un)" --databases "${databases[@]}" \
      --single-transaction --gtid --master-data=1 --routines --events --triggers
  } | admin_sql "$REPLICA_SOCK" || die "Copying the primary into the replica failed"
  admin_sql "$REPLICA_SOCK" --execute="SET SESSION sql_log_bin = 0;
    FLUSH PRIVILEGES;
    CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$DB_PORT,
      MASTER_USER=$(sql_string "$REPL_USER"), MASTER_PASSWORD=$(sql_string "$REPL_PASSWORD"),
      MASTER_USE_GTID=slave_pos;
    START SLAVE"
}

launch_replica() {
  local i user_args=()
  if is_root; then user_args=(--user=root); fi
  mkdir -p "$REPLICA_DIR"
  if [[ ! -f "$REPLICA_DIR/.initialized" ]]; then
    rm -rf "$REPLICA_DATA"
    mkdir -p "$REPLICA_DATA"
    "$MDB_INSTALL" --no-defaults --datadir="$REPLICA_DATA" "${user_args[@]}" \
      --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
      --skip-test-db --skip-name-resolve >"$REPLICA_DIR/install.log" 2>&1 ||
      die "mariadb-install-db failed for the replica (log: $REPLICA_DIR/install.log)"
  fi
  log "Starting the MariaDB replica on 127.0.0.1:$REPLICA_PORT (data: $REPLICA_DATA)"
  # The same encryption at rest as the primary (same configuration and key file).
  local args=(
    --defaults-file="$ENCRYPTION_CNF"
    --file-key-management-filename="$MDB_KEY_FILE"
    --datadir="$REPLICA_DATA"
    --socket="$REPLICA_SOCK"
    --port="$REPLICA_PORT"
    --bind-address=127.0.0.1
    "${user_args[@]}"
    --pid-file="$REPLICA_PID"
    --character-set-server=utf8mb4
    --collation-server=utf8mb4_unicode_ci
    --skip-name-resolve
    --log-error="$REPLICA_LOG"
    --innodb-buffer-pool-size="${MDB_REPLICA_BUFFER_POOL_SIZE:-256M}"
    --tmp-table-size=128M
    --max-heap-table-size=128M
    --innodb-flush-log-at-trx-commit=2
    --max-connections=200
    --server-id=2
    # Its own binary log, of the primary's transactions only (a replica that can be promoted).
    --log-bin=mariadb-bin
    --log-slave-updates
    --binlog-format=ROW
    --binlog-expire-logs-seconds=86400
    --relay-log=relay-bin
    # Only the replication threads (and admins) write here; the application's account cannot.
    --read-only=ON
    # Not before it has a copy of the primary (seed_replica starts it).
    --skip-slave-start
  )
  # What replica_databases leaves out is not followed either.
  if [[ "${REPLICA_WITH_SYNTHETIC:-0}" != 1 ]]; then
    args+=('--replicate-wild-ignore-table=%\_synthetic.%')
  fi
  nohup setsid "$MDB_SERVER" "${args[@]}" </dev/null >>"$REPLICA_DIR/stdout.log" 2>&1 &
  state_add mariadb-replica
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    replica_ping && tcp_answers 127.0.0.1 "$REPLICA_PORT" && return 0
    sleep 0.25
  done
  tail -n 40 "$REPLICA_LOG" >&2 2>/dev/null || true
  die "The MariaDB replica did not come up (log: $REPLICA_LOG)"
}

stop_replica() {
  local pid
  if pid="$(live_pid "$REPLICA_PID" mariadbd mysqld)"; then
    kill -TERM "$pid"
    wait_for_exit "$pid" "$START_TIMEOUT" || die "The MariaDB replica (pid $pid) did not exit within ${START_TIMEOUT}s"
  fi
  state_remove mariadb-replica
}

# A replica of the primary on REPLICA_PORT: this script's own (started, and copied from the
# primary the first time), or one already there that follows the primary.
start_replica() {
  local pid
  if pid="$(live_pid "$REPLICA_PID" mariadbd mysqld)" && replica_ping; then
    ensure_primary_binlog
    log "MariaDB replica: already running (pid $pid) on 127.0.0.1:$REPLICA_PORT"
  elif tcp_answers 127.0.0.1 "$REPLICA_PORT"; then
    follows_primary 10 ||
      die "Something answers on 127.0.0.1:$REPLICA_PORT but does not replicate $DB_HOST:$DB_PORT (or the account '$DB_USER' cannot log in there); set DB_REPLICA_PORT to a free port."
    log "MariaDB replica: using the server on 127.0.0.1:$REPLICA_PORT, which follows $DB_HOST:$DB_PORT"
    return 0
  else
    ensure_primary_binlog
    launch_replica
  fi
  if [[ ! -f "$REPLICA_DIR/.initialized" ]]; then
    seed_replica
    touch "$REPLICA_DIR/.initialized"
  else
    # Threads a test stopped, or a server restarted with --skip-slave-start.
    admin_sql "$REPLICA_SOCK" --execute="START SLAVE" >/dev/null 2>&1 || true
  fi
  if ! wait_replicating 15 || ! follows_primary 30; then
    # E.g. the primary's data folder was made anew: the replica's position means nothing there.
    warn "The replica in $REPLICA_DIR does not follow the primary ($(replica_error)); copying the primary again"
    stop_replica
    rm -f "$REPLICA_DIR/.initialized"
    launch_replica
    seed_replica
    touch "$REPLICA_DIR/.initialized"
    wait_replicating 15 && follows_primary 30 ||
      die "The replica does not replicate ($(replica_error)); see SHOW SLAVE STATUS on $REPLICA_SOCK and $REPLICA_LOG"
  fi
  log "MariaDB replica is up and replicating 127.0.0.1:$DB_PORT (set DB_REPLICA_HOSTS=127.0.0.1 DB_REPLICA_PORT=$REPLICA_PORT)"
}

cmd_start() {
  local want_replica=0
  if [[ "${1:-}" == "--replica" ]]; then want_replica=1; fi
  start_services
  if ((want_replica)); then start_replica; fi
}

start_services() {
  locate_binaries
  local need_mariadb=0 need_redis=0
  check_existing_mariadb || need_mariadb=1
  check_existing_redis || need_redis=1
  ensure_packages "$need_mariadb" "$need_redis"
  ((need_mariadb || need_redis)) || return 0

  if ((need_mariadb)); then start_mariadb; fi
  if ((need_redis)); then start_redis; fi
  log "Ready: MariaDB $DB_HOST:$DB_PORT (databases $DB_NAME, ${DB_NAME}_test), Redis $REDIS_HOST:$REDIS_PORT"
}

# --- stop ---------------------------------------------------------------------------

stop_one() { # state-name label pidfile program...
  local name="$1" label="$2" pidfile="$3" pid
  shift 3
  if ! state_has "$name"; then
    log "$label: not started by this script; leaving it alone."
    return 0
  fi
  if ! pid="$(live_pid "$pidfile" "$@")"; then
    log "$label: not running (any more)."
    state_remove "$name"
    return 0
  fi
  log "$label: stopping pid $pid"
  kill -TERM "$pid"
  wait_for_exit "$pid" "$START_TIMEOUT" || die "$label (pid $pid) did not exit within ${START_TIMEOUT}s"
  state_remove "$name"
  log "$label: stopped."
}

cmd_stop() {
  stop_one mariadb-replica "MariaDB replica" "$REPLICA_PID" mariadbd mysqld
  stop_one redis Redis "$REDIS_PID" redis-server
  stop_one mariadb MariaDB "$MDB_PID" mariadbd mysqld
}

# --- status -------------------------------------------------------------------------

cmd_status() {
  locate_binaries
  local ok=1 note err pid

  note=""
  if pid="$(live_pid "$MDB_PID" mariadbd mysqld)"; then note=" [.local instance, pid $pid]"; fi
  if tcp_answers "$DB_HOST" "$DB_PORT"; then
    if [[ -z "$MDB_CLIENT" ]]; then
      log "MariaDB $DB_HOST:$DB_PORT: answering (no client to check the login)$note"
    elif err="$(app_login)"; then
      note+=", innodb_encrypt_tables=$(MYSQL_PWD="$DB_PASSWORD" "$MDB_CLIENT" --no-defaults --protocol=TCP \
        --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" --batch --skip-column-names \
        --execute='SELECT @@innodb_encrypt_tables' 2>/dev/null || echo '?')"
      log "MariaDB $DB_HOST:$DB_PORT: answering, login as '$DB_USER' OK$note"
    else
      log "MariaDB $DB_HOST:$DB_PORT: answering, but login as '$DB_USER' FAILS: $err$note"
      ok=0
    fi
  else
    log "MariaDB $DB_HOST:$DB_PORT: not answering$note"
    ok=0
  fi

  note=""
  if pid="$(live_pid "$REDIS_PID" redis-server)"; then note=" [.local instance, pid $pid]"; fi
  if tcp_answers "$REDIS_HOST" "$REDIS_PORT"; then
    if [[ -n "$REDIS_CLI" && "$(redis_ping "$REDIS_HOST" || true)" != "PONG" ]]; then
      log "Redis $REDIS_HOST:$REDIS_PORT: answering, but PING does not return PONG$note"
      ok=0
    else
      log "Redis $REDIS_HOST:$REDIS_PORT: answering$note"
    fi
  else
    log "Redis $REDIS_HOST:$REDIS_PORT: not answering$note"
    ok=0
  fi

  # The replica only where one runs or was asked for: it is optional.
  note=""
  if pid="$(live_pid "$REPLICA_PID" mariadbd mysqld)"; then note=" [.local instance, pid $pid]"; fi
  if tcp_answers 127.0.0.1 "$REPLICA_PORT"; then
    if [[ -n "$MDB_CLIENT" ]] && follows_primary 5; then
      log "MariaDB replica 127.0.0.1:$REPLICA_PORT: answering, read-only, has applied the primary's transactions$note"
    else
      log "MariaDB replica 127.0.0.1:$REPLICA_PORT: answering, but NOT caught up with $DB_HOST:$DB_PORT (or '$DB_USER' cannot log in)$note"
      ok=0
    fi
  elif [[ -n "$note" ]] || state_has mariadb-replica; then
    log "MariaDB replica 127.0.0.1:$REPLICA_PORT: not answering$note"
    ok=0
  fi

  if [[ -f "$STATE_FILE" ]]; then
    log "Started by this script: $(tr '\n' ' ' <"$STATE_FILE")"
  fi
  ((ok)) || exit 3
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start [--replica]|stop|status" >&2
    exit 2
    ;;
esac
