"""Writing workbooks that grow with the data (exports, report annexes): rows stream to the file as they come.

XlsxWriter in constant-memory mode keeps one row in memory and writes the rest to a temporary file; it
was chosen over openpyxl's write-only writer by measurement (bench/rounds.py, bench/reports.py). Text
is always written as text: a name like "=HYPERLINK(...)" typed by a unit never becomes a formula."""
import io
from decimal import Decimal
from typing import NamedTuple

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's maximum digit width in pixels for the default font (Calibri 11), the unit of column widths.
_DIGIT_PIXELS = 7


def is_formula_like(value) -> bool:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(...)"): exported as plain text instead."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


class Styled(NamedTuple):
    """A cell value written with a format from `StreamingWorkbook.style`."""

    value: object
    style: object


class StreamingSheet:
    """One worksheet; rows are appended top to bottom and never revisited."""

    def __init__(self, worksheet):
        self._sheet = worksheet
        self._row = 0

    def set_widths(self, widths) -> None:
        """Column widths as stored in the file (characters of the default font's digit), first column first.

        Set in pixels so the stored width is exactly the number given (set_column would add the cell padding)."""
        for column, width in enumerate(widths):
            self._sheet.set_column_pixels(column, column, width * _DIGIT_PIXELS)

    def append(self, values=()) -> None:
        """Write one row: text as text, numbers as numbers, None as an empty cell; Styled for a formatted cell."""
        sheet, row = self._sheet, self._row
        for column, value in enumerate(values):
            style = None
            if type(value) is Styled:
                value, style = value
            if value is None or value == "":
                if style is not None:
                    sheet.write_blank(row, column, None, style)
            elif isinstance(value, str):
                sheet.write_string(row, column, value, style)
            elif isinstance(value, bool):
                sheet.write_boolean(row, column, value, style)
            elif isinstance(value, (int, float, Decimal)):
                sheet.write_number(row, column, value, style)
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
        self._row += 1


class StreamingWorkbook:
    """A workbook written row by row to `output` (a binary file or a path), or kept in memory when None."""

    def __init__(self, output=None):
        self._buffer = io.BytesIO() if output is None else None
        self._book = xlsxwriter.Workbook(self._buffer if output is None else output, {
            "constant_memory": True,
            # Cells are typed by StreamingSheet.append; never guess from the text.
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        })

    def add_sheet(self, name: str, widths=()) -> StreamingSheet:
        sheet = StreamingSheet(self._book.add_worksheet(name))
        sheet.set_widths(widths)
        return sheet

    def style(self, **properties):
        """A cell format (XlsxWriter's properties: bold, font_name, text_wrap, valign, num_format …)."""
        return self._book.add_format(properties)

    def close(self) -> bytes | None:
        """Finish the file; the bytes when the workbook was kept in memory."""
        self._book.close()
        return None if self._buffer is None else self._buffer.getvalue()
