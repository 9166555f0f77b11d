"""What every benchmark needs: Django set up from the project root, a throw-away test database, and
the best of a few timed runs (the least disturbed by whatever else the machine is doing)."""
import io
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

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


# --- Floors for document benchmarks: the same SQL replayed, then the same layout (.docx) or the same cells
# (.xlsx) written by the bare library ---

def _runs(paragraph):
    return [(run.text, run.bold, run.italic, run.underline, run.font.size,
             bool(run._r.findall(qn("w:br")))) for run in paragraph.runs]


def _paragraph_layout(paragraph):
    fmt = paragraph.paragraph_format
    return (paragraph.alignment, fmt.space_after, fmt.first_line_indent, fmt.left_indent, _runs(paragraph))


def describe(content: bytes):
    """Page set-up and every block of a document: what the floor must build again."""
    document = Document(io.BytesIO(content))
    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(("p", _paragraph_layout(Paragraph(child, document))))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            widths = [column.width for column in table.columns]
            rows = [[[_paragraph_layout(p) for p in cell.paragraphs] for cell in row.cells] for row in table.rows]
            blocks.append(("t", (table.style.name if table.style is not None else None, widths, rows)))
    section = document.sections[0]
    return (section.page_width, section.page_height, section.top_margin, section.left_margin, section.right_margin), blocks


def _write_paragraph(paragraph, layout):
    alignment, space_after, first_line, left, runs = layout
    paragraph.alignment = alignment
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.first_line_indent, fmt.left_indent = space_after, first_line, left
    for text, bold, italic, underline, size, page_break in runs:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size is not None:
            run.font.size = size
        if page_break:
            run.add_break(WD_BREAK.PAGE)


def docx_floor(statements, layout):
    """The same SQL, then the same page, paragraphs and tables with python-docx's own API."""
    from django.db import connection

    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    (width, height, top, left, right), blocks = layout
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height, section.top_margin, section.bottom_margin = width, height, top, top
    section.left_margin, section.right_margin = left, right
    document.styles["Normal"].font.name = "Times New Roman"
    for kind, block in blocks:
        if kind == "p":
            _write_paragraph(document.add_paragraph(), block)
            continue
        style, widths, rows = block
        table = document.add_table(rows=0, cols=len(widths))
        if style and style != "Normal Table":
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, column_width in zip(table.columns, widths):
            column.width = column_width
        for row in rows:
            for cell, (cell_width, paragraphs) in zip(table.add_row().cells, zip(widths, row)):
                cell.width = cell_width
                for index, paragraph_layout in enumerate(paragraphs):
                    _write_paragraph(cell.paragraphs[0] if index == 0 else cell.add_paragraph(), paragraph_layout)
    document.save(io.BytesIO())



def _replay(statements) -> list:
    """Run the captured SQL again; the rows of every SELECT, as tuples (what a values_list query gives)."""
    from django.db import connection

    rows = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            rows.extend(cursor.fetchall())
    return rows


def xlsx_floor(statements, rows=None):
    """The same SQL, then the rows as bare cells written by XlsxWriter in constant-memory mode (the floor of
    issue 18): `rows` when given, else what the statements returned."""
    import xlsxwriter

    fetched = _replay(statements)
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    sheet = workbook.add_worksheet("x")
    for number, row in enumerate(fetched if rows is None else rows):
        sheet.write_row(number, 0, row)
    workbook.close()


def openpyxl_floor(statements, rows=None):
    """The same as xlsx_floor with openpyxl's write-only writer, printed beside it (the writer chosen by measurement)."""
    from openpyxl import Workbook

    fetched = _replay(statements)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    for row in fetched if rows is None else rows:
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
