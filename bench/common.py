"""What every benchmark needs: Django set up from the project root, a throw-away test database, and
the best of a few timed runs (the least disturbed by whatever else the machine is doing)."""
import io
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh.settings")
    import django

    django.setup()


@contextmanager
def throwaway_database():
    """A fresh test database (SQLite or the DATABASE_URL server), dropped afterwards."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def best_of(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


# --- Floors for document benchmarks: the same SQL replayed, the same cells written by the bare library ---

def docx_floor(statements, tables):
    from django.db import connection
    from docx import Document

    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    document = Document()
    for table_rows in tables:
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        for values in table_rows:
            for cell, value in zip(table.add_row().cells, values):
                cell.text = value
    document.save(io.BytesIO())


def xlsx_floor(statements, rows):
    from django.db import connection
    from openpyxl import Workbook

    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


def captured_statements(fn):
    """The SQL a function runs, with its parameters, to replay them as the floor's queries."""
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fn()
    return statements
