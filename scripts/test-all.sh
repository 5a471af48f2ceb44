#!/usr/bin/env bash
# The one test command (README, `npm test`, .ci/run): typecheck, lint, unit tests, then the
# integration and browser suites on SQLite, then the same two suites on a throwaway
# PostgreSQL database. Installs Chromium, PostgreSQL and poppler-utils (pdftotext, for the proposal PDF test)
# from Debian packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# Tool state stays inside the checkout (ignored by git).
export XDG_CONFIG_HOME="$ROOT/.tool-state/config" XDG_CACHE_HOME="$ROOT/.tool-state/cache" XDG_DATA_HOME="$ROOT/.tool-state/data"
export npm_config_cache="$ROOT/.tool-state/npm" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# node-gyp builds better-sqlite3 against Node's own headers (no prebuilt download here).
[ -d /usr/include/node ] && export npm_config_nodedir=/usr
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" tests/.tmp
REPORTS="$ROOT/tests/.tmp/reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

banner() { printf '\n== %s ==\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "Need root (or sudo) to run: $*" >&2; exit 1; fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  banner "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  banner "npm ci"
  npm ci --no-audit --no-fund
else
  echo "node_modules present: skipping npm ci (CI=true forces it)"
fi

banner "typecheck"
npm run -s typecheck
banner "lint"
npm run -s lint
banner "unit"
npx vitest run --project unit --reporter=default --reporter=json --outputFile="$REPORTS/unit.json"

run_suites() { # $1 = database label
  banner "integration ($1)"
  npx vitest run --project integration --reporter=default --reporter=json --outputFile="$REPORTS/integration-$1.json"
  banner "e2e ($1)"
  E2E_JSON_REPORT="$REPORTS/e2e-$1.json" npx playwright test
}

unset DATABASE_URL DATABASE_SCHEMA
banner "build"
npm run -s build
run_suites sqlite

# PostgreSQL: the Debian cluster, a throwaway role and database, dropped on exit.
PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
PG_STARTED=""
PG_NAME="coe_test_$(date +%s)_$$"
cleanup() {
  if [ -n "${PG_NAME:-}" ] && command -v psql >/dev/null; then
    as_root runuser -u postgres -- psql -qc "drop database if exists $PG_NAME" >/dev/null 2>&1 || true
    as_root runuser -u postgres -- psql -qc "drop role if exists $PG_NAME" >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_STARTED" ]; then as_root pg_ctlcluster "$PG_VERSION" main stop || true; fi
}
trap cleanup EXIT
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$PG_VERSION main$"; then
    as_root pg_createcluster "$PG_VERSION" main >/dev/null
  fi
  as_root pg_ctlcluster "$PG_VERSION" main start
  PG_STARTED=1
fi
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')
as_root runuser -u postgres -- psql -qc "create role $PG_NAME login password '$PG_NAME'"
as_root runuser -u postgres -- psql -qc "create database $PG_NAME owner $PG_NAME"
export DATABASE_URL="postgres://$PG_NAME:$PG_NAME@127.0.0.1:$PG_PORT/$PG_NAME"
run_suites postgres

banner "summary"
node scripts/test-summary.mjs "$REPORTS"
