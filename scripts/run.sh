#!/usr/bin/env bash
# Sets up and runs the system on its embedded default: SQLite in var/, files in var/media,
# e-mail written to var/mail, the job runner (manage.py qcluster) started beside the server, reference data and the demo scenario loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG=${DEBUG:-1}
PORT=${PORT:-8000}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
# The demo lives on the letter's calendar: five days before the 15/06/2016 deadline (DEMO_TODAY= turns it off).
export DEMO_TODAY=${DEMO_TODAY-2016-06-10}
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo
# The job runner (reminders, e-mails) runs beside the web server and stops with it.
.venv/bin/python manage.py qcluster &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null; wait "$WORKER" 2>/dev/null' EXIT INT TERM
echo
echo "SXSH is running at http://127.0.0.1:$PORT  (Ctrl+C to stop); job runner pid $WORKER"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
