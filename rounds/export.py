"""The round's consolidated workbook: every sent task row, unit by unit, with what the office decided.

Columns follow the annex template (so the file reads back with the annex reader), then the approved
central-budget amount. Rows arrive as an iterator and are written as they come (core.xlsx): memory
stays flat in the number of rows. Subtotals and the grand total are values
summed here from the same rows, in whole đồng, then shown in the round's money unit."""
from itertools import groupby

from core.vn import money_in_unit
from core.xlsx import StreamingWorkbook

from .annex import TEMPLATE_HEADERS, UNIT_LABELS

APPROVED_HEADER = "Kinh phí Ngân sách TW được duyệt"
HEADERS = [*TEMPLATE_HEADERS, APPROVED_HEADER]
WIDTHS = [6, 40, 40, 26, 18, 20, 20, 18, 30, 30, 20]
AMOUNTS = ("central_vnd", "other_vnd", "approved_central_vnd")


def _amount(vnd, unit: str):
    """Whole đồng in the round's unit: an int when exact, else the nearest float (the cell's number)."""
    value = money_in_unit(vnd, unit)
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text += numeral
            number -= value
    return text


def _total_row(label: str, sums: list[int], unit: str) -> list:
    central, other, approved = (_amount(amount, unit) for amount in sums)
    return [None, label, None, None, None, central, other, None, None, None, approved]


def write_consolidated(*, title: str, plan_year: int, money_unit: str, rows, output=None) -> bytes | None:
    """`rows`: task dicts (export_rows) ordered unit by unit, each with its unit's id and name. Written to
    `output` (a binary file or path) when given, else returned as bytes."""
    workbook = StreamingWorkbook(output)
    sheet = workbook.add_sheet("Tổng hợp", WIDTHS)
    sheet.append([f"TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM {plan_year}"])
    sheet.append([title])
    sheet.append([None, None, None, None, None, f"Đơn vị tính: {UNIT_LABELS[money_unit]}"])
    sheet.append(HEADERS)
    grand = [0, 0, 0]
    for number, (_unit_id, unit_rows) in enumerate(groupby(rows, key=lambda row: row["organisation_id"]), start=1):
        sums = [0, 0, 0]
        for index, row in enumerate(unit_rows, start=1):
            if index == 1:
                sheet.append([_roman(number), row["unit"]])
            sums = [total + (row[key] or 0) for total, key in zip(sums, AMOUNTS)]
            sheet.append([
                index, row["name"], row["objectives"], row["products"], row["period"],
                _amount(row["central_vnd"], money_unit), _amount(row["other_vnd"], money_unit), row["notes"],
                row["priority_name"] or "", row["component_name"] or "", _amount(row["approved_central_vnd"], money_unit)])
        sheet.append(_total_row(f"Cộng {_roman(number)}", sums, money_unit))
        grand = [a + b for a, b in zip(grand, sums)]
    sheet.append(_total_row("TỔNG CỘNG", grand, money_unit))
    return workbook.close()
