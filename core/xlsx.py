"""Writing user text into workbooks safely."""
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(...)"): exported as plain text instead."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cells(sheet, values: list) -> list:
    """Row values for a write-only sheet, with formula-like text forced to a string cell."""
    cells = []
    for value in values:
        if is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells
