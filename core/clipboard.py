"""A block of cells pasted from a spreadsheet or a Word table, read as rows of text (plain data in and out).

Excel and LibreOffice put tab-separated text on the clipboard, a cell holding a line break, a tab or a
quote written in double quotes; Word puts an HTML table (its plain text loses the cell boundaries of
cells with several lines), so the HTML table is read when there is one."""
import csv
import io
import re
from html.parser import HTMLParser

MAX_ROWS = 2000
MAX_COLUMNS = 40
TOO_LARGE = f"Khối dán quá lớn: tối đa {MAX_ROWS} dòng và {MAX_COLUMNS} cột mỗi lần."

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"style", "script", "head", "title"}


class _TableReader(HTMLParser):
    """The cells of the first table's rows (a table nested in a cell is read as that cell's text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.depth, self.tables_seen, self.skipping = [], 0, 0, 0
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "table":
            self.depth += 1
            self.tables_seen += 1
        elif self.depth == 1 and self.tables_seen == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and self.tables_seen == 1 and tag in ("td", "th") and self.rows:
            self.cell = []
            self.rows[-1].append(self.cell)
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table":
            self.depth -= 1
        elif tag in ("td", "th") and self.depth == 1:
            self.cell = None
        elif tag in _BLOCKS and self.cell is not None:
            self.cell.append("\n")

    def handle_data(self, data):
        if self.cell is not None and not self.skipping:
            self.cell.append(re.sub(r"\s+", " ", data))


def _cell_text(parts) -> str:
    lines = "".join(parts).replace("\xa0", " ").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def _html_rows(html: str) -> list[list[str]]:
    parser = _TableReader()
    parser.feed(html)
    parser.close()
    return [[_cell_text(cell) for cell in row] for row in parser.rows]


def _tsv_rows(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [[cell.replace("\xa0", " ").strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter="\t")]


def read_clipboard(text: str = "", html: str = "") -> list[list[str]]:
    """The pasted block as rows of cell texts, from Word's HTML table when there is one, else from the
    tab-separated text; blank rows at the end are dropped. Raises ValueError when the block is too large."""
    if len(text or "") + len(html or "") > 5_000_000:
        raise ValueError(TOO_LARGE)
    rows = _html_rows(html) if html and "<table" in html.lower() else []
    if not any(any(row) for row in rows):
        rows = _tsv_rows(text or "")
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS or any(len(row) > MAX_COLUMNS for row in rows):
        raise ValueError(TOO_LARGE)
    return rows
