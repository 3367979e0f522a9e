#!/usr/bin/env bash
# Idempotent machine setup for Sociale Kaart on Debian/Ubuntu, as root or with sudo:
#   1. system packages (PostgreSQL + PostGIS, GDAL/GEOS/PROJ for GeoDjango, Chromium for browser tests)
#   2. a virtualenv in .venv with the pinned requirements
#   3. a running PostgreSQL cluster, the role and the database with postgis, pg_trgm and unaccent
# A second run checks and skips; it only does work when something is missing.
#
# Usage: .ci/setup.sh [--with-browser]
# DATABASE_URL set in the environment means "my own database": step 3 is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_BROWSER=0
[ "${1:-}" = "--with-browser" ] && WITH_BROWSER=1

PG_WANTED="${PG_VERSION:-15}"
DB_NAME="sociale_kaart"
DB_USER="sociale_kaart"
DB_PASSWORD="sociale_kaart"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

missing_packages() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$pkg"
    done
}

# --- 1. system packages ---------------------------------------------------------------------
pg_version="$PG_WANTED"
if ! dpkg-query -W -f='${Status}' "postgresql-$pg_version" 2>/dev/null | grep -q "installed"; then
    # Ubuntu releases ship another major version; use theirs when 15 is not offered.
    if ! apt-cache policy "postgresql-$pg_version" 2>/dev/null | grep -q "Candidate: [0-9]"; then
        $SUDO apt-get update -qq
    fi
    if ! apt-cache policy "postgresql-$pg_version" 2>/dev/null | grep -q "Candidate: [0-9]"; then
        pg_version=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/.*Depends: postgresql-\([0-9]\+\)$/\1/p' | head -n 1)
        say "PostgreSQL $PG_WANTED is not offered here; using PostgreSQL $pg_version"
    fi
fi
packages=(postgresql-"$pg_version" postgresql-"$pg_version"-postgis-3 postgresql-contrib gdal-bin
          make)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
[ "$WITH_BROWSER" -eq 1 ] && packages+=(chromium fonts-dejavu-core)
todo=$(missing_packages "${packages[@]}")
if [ -n "$todo" ]; then
    say "Installing system packages: $todo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $todo >/dev/null
fi

# --- 2. virtualenv --------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
    say "Creating the virtualenv in .venv"
    python3 -m venv .venv
fi
req_hash=$(sha256sum requirements.txt | cut -c1-16)
if [ ! -f ".venv/.requirements-$req_hash" ]; then
    say "Installing Python requirements"
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q -r requirements.txt
    rm -f .venv/.requirements-*
    touch ".venv/.requirements-$req_hash"
fi

# --- 3. database ----------------------------------------------------------------------------
if [ -n "${DATABASE_URL:-}" ]; then
    say "DATABASE_URL is set: using that database as it is"
    exit 0
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1}' | grep -qx "$pg_version"; then
    say "Creating PostgreSQL $pg_version cluster"
    $SUDO pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    say "Starting PostgreSQL $pg_version"
    $SUDO pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do
    as_postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break
    sleep 1
done

as_postgres psql -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    say "Creating database $DB_NAME"
    as_postgres createdb -O "$DB_USER" "$DB_NAME"
fi
# Extensions go into template1 too, so that the test database (created by the unprivileged role)
# already has PostGIS, which only a superuser may create.
for db in template1 "$DB_NAME"; do
    as_postgres psql -qAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
SQL
done
say "System ready (PostgreSQL $pg_version, database $DB_NAME)"
