"""Exit 0 when the PostgreSQL server in DATABASE_URL answers, creating the database if missing."""
import os
import sys

import dj_database_url
import psycopg

config = dj_database_url.parse(os.environ["DATABASE_URL"])
params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
          "password": config["PASSWORD"] or None, "connect_timeout": 5}
try:
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')
except psycopg.OperationalError as error:
    print(f"PostgreSQL not reachable: {error}", file=sys.stderr)
    sys.exit(1)
