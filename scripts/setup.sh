#!/usr/bin/env bash
# Creates .venv with the Python dependencies and compiles the translations. Safe to run again.
# `scripts/setup.sh` installs what running needs (requirements.txt); `scripts/setup.sh --dev` adds the
# test tools (requirements-dev.txt: pytest, playwright, schemathesis, ruff).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
requirements=requirements.txt
stamp=.venv/.requirements-stamp
if [ "${1:-}" = "--dev" ]; then
  requirements=requirements-dev.txt
  stamp=.venv/.requirements-dev-stamp
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi
.venv/bin/python manage.py compile_translations >/dev/null
