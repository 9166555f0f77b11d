#!/usr/bin/env bash
# The whole test suite, on SQLite and then on PostgreSQL. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/sxsh}

pg_ready() {
  DATABASE_URL="$PG_URL" .venv/bin/python scripts/ensure_postgres_db.py
}

echo "=== Lint (ruff, config in ruff.toml)"
.venv/bin/ruff check .

echo "=== Test suite on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest "$@"

echo "=== Test suite on PostgreSQL ($PG_URL)"
if ! pg_ready && command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  # The server is installed but stopped: start it (see the design notes on testing).
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! pg_ready; then
  if [ -n "${CI:-}" ]; then echo "PostgreSQL is not reachable at $PG_URL" >&2; exit 1; fi
  echo "warning: PostgreSQL not reachable at $PG_URL; PostgreSQL run skipped (CI requires it)" >&2
  exit 0
fi
DATABASE_URL="$PG_URL" .venv/bin/python -m pytest "$@"
