.PHONY: run test setup system-deps test-sqlite test-postgres

# Set up and run on the embedded default (SQLite, local files, demo data) at http://127.0.0.1:$PORT (8000)
run:
	scripts/run.sh

# Set up everything (Debian packages, Python packages) and run the whole suite on SQLite and PostgreSQL
test: system-deps setup
	scripts/test.sh

setup:
	scripts/setup.sh --dev

system-deps:
	scripts/install-system-deps.sh
