"""What a reader of a workbook sees, as plain data to compare two files cell by cell."""
import io

from openpyxl import load_workbook


def _cell(cell) -> tuple:
    font, alignment = cell.font, cell.alignment
    # An empty cell reads as None whether the file holds an empty text or nothing: its type is not seen.
    return (cell.value, None if cell.value is None else cell.data_type, bool(font.b), font.name if font.b else None, bool(alignment.wrap_text),
            alignment.vertical, cell.number_format)


def _widths(sheet) -> dict:
    """{column number: width} of every column given a width, whether the file names it alone or in a range."""
    return {column: dimension.width for dimension in sheet.column_dimensions.values() if dimension.customWidth
            for column in range(dimension.min, dimension.max + 1)}


def workbook_cells(content: bytes) -> dict:
    """{sheet name: {"widths", "merged", "rows"}}: sheets in order, every column width and merged range, and every
    cell's value, type, bold font's name, wrapping, vertical alignment and number format."""
    workbook = load_workbook(io.BytesIO(content))
    return {
        sheet.title: {
            "widths": _widths(sheet),
            "merged": sorted(str(cell_range) for cell_range in sheet.merged_cells.ranges),
            "rows": [[_cell(cell) for cell in row] for row in sheet.iter_rows()],
        }
        for sheet in workbook.worksheets
    }


def differences(before: dict, after: dict) -> list[str]:
    """Where two workbook_cells descriptions differ, as readable lines (empty when alike)."""
    found = []
    if list(before) != list(after):
        return [f"sheets {list(before)} != {list(after)}"]
    for name, sheet in before.items():
        other = after[name]
        for key in ("widths", "merged"):
            if sheet[key] != other[key]:
                found.append(f"{name}: {key} {sheet[key]} != {other[key]}")
        if len(sheet["rows"]) != len(other["rows"]):
            found.append(f"{name}: {len(sheet['rows'])} rows != {len(other['rows'])}")
        for number, (row, other_row) in enumerate(zip(sheet["rows"], other["rows"]), start=1):
            for column, (cell, other_cell) in enumerate(zip(row, other_row), start=1):
                if cell != other_cell:
                    found.append(f"{name} row {number} column {column}: {cell} != {other_cell}")
            if len(row) != len(other_row):
                found.append(f"{name} row {number}: {len(row)} cells != {len(other_row)}")
    return found
