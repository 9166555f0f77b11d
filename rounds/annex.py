"""The annex workbook of letter 4108 ("Tổng hợp đề xuất nhiệm vụ"): read and write, on plain data.

`parse_annex` accepts what real files contain: blank, section and subtotal rows, two-row merged
headers, numbers typed as text ("1.500.000", "1,5"), the money unit in a header, extra columns.
Every problem is reported with its sheet row, column letter and a Vietnamese message."""
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import vn
from core.vn import fold
from core.xlsx import is_formula_like, text_cells

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a zip bomb unpacks to far more than this
MAX_RATIO = 100
MAX_ROWS = 5000
IDENTITY_SHEET = "_sxsh"
LISTS_SHEET = "_lists"

FIELDS = ["tt", "name", "objectives", "products", "period", "central", "other", "notes", "priority", "component"]
FIELD_LABELS = {
    "tt": "TT",
    "name": "Tên nhiệm vụ",
    "objectives": "Mục tiêu và nội dung",
    "products": "Sản phẩm dự kiến",
    "period": "Thời gian thực hiện",
    "central": "Kinh phí đề nghị từ Ngân sách TW",
    "other": "Kinh phí đối ứng từ các nguồn khác",
    "notes": "Ghi chú",
    "priority": "Hoạt động ưu tiên",
    "component": "Đề án thành phần",
}
TEMPLATE_HEADERS = [
    "TT",
    "Tên Nhiệm vụ",
    "Mục tiêu và nội dung của nhiệm vụ",
    "Sản phẩm dự kiến",
    "Thời gian thực hiện",
    "Kinh phí đề nghị hỗ trợ từ nguồn Ngân sách TW",
    "Kinh phí đối ứng từ các nguồn khác",
    "Ghi chú",
    "Hoạt động ưu tiên",
    "Đề án thành phần",
]
UNIT_LABELS = {"dong": "đồng", "trieu": "triệu đồng", "nghin": "nghìn đồng"}
UNIT_FACTORS = {"dong": 1, "trieu": 1_000_000, "nghin": 1_000}


class AnnexFileError(Exception):
    """The file cannot be read as an annex workbook at all (message in Vietnamese)."""


@dataclass
class AnnexResult:
    file: str = ""
    unit_name: str = ""
    money_unit: str = "trieu"
    tasks: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    identity: dict = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def totals(self) -> dict:
        return {
            "rows": len(self.tasks),
            "central_vnd": sum(task["central_vnd"] for task in self.tasks),
            "other_vnd": sum(task["other_vnd"] for task in self.tasks),
        }

    def as_json(self) -> dict:
        """The shape printed by `import_annex --json`; tasks and totals are null when there are errors."""
        tasks = [{key: task[key] for key in ("tt", "name", "objectives", "products", "period", "central_vnd", "other_vnd", "notes")}
                 for task in self.tasks]
        return {
            "file": self.file,
            "unit_name": self.unit_name,
            "money_unit": UNIT_LABELS[self.money_unit],
            "tasks": None if self.errors else tasks,
            "totals": None if self.errors else self.totals(),
            "errors": self.errors,
        }


def _header_field(text: str) -> str | None:
    folded = fold(text)
    if not folded:
        return None
    rules = [
        ("name", ("ten nhiem vu", "nhiem vu")),
        ("objectives", ("muc tieu", "noi dung")),
        ("products", ("san pham",)),
        ("period", ("thoi gian",)),
        ("central", ("ngan sach tw", "ngan sach trung uong", "nstw", "ns tw")),
        ("other", ("nguon khac", "doi ung")),
        ("notes", ("ghi chu",)),
        ("priority", ("hoat dong uu tien",)),
        ("component", ("de an thanh phan",)),
    ]
    if folded in ("tt", "stt", "so tt"):
        return "tt"
    for name, needles in rules:
        if any(needle in folded for needle in needles):
            return name
    return None


def _money_unit_in(text: str) -> str | None:
    folded = fold(text)
    if "trieu dong" in folded or "tr.d" in folded or "trd" == folded:
        return "trieu"
    if "nghin dong" in folded or "ngan dong" in folded:
        return "nghin"
    if re.search(r"(don vi( tinh)?|dvt)\s*:?\s*dong\b", folded) or folded in ("dong", "(dong)", "vnd"):
        return "dong"
    return None


def check_workbook_bytes(data: bytes) -> None:
    """Refuse what is not a reasonably sized .xlsx before openpyxl touches it."""
    if len(data) > MAX_FILE_BYTES:
        raise AnnexFileError(f"Tệp quá lớn ({len(data) // 1024} KB); tối đa {MAX_FILE_BYTES // 1024 // 1024} MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise AnnexFileError("Tệp không phải là bảng tính Excel (.xlsx). Hãy lưu tệp theo định dạng .xlsx rồi tải lên lại.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
            if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
                raise AnnexFileError("Tệp không phải là bảng tính Excel (.xlsx).")
            if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
                raise AnnexFileError("Tệp nén bất thường (giải nén quá lớn); hệ thống từ chối để bảo đảm an toàn.")
    except zipfile.BadZipFile:
        raise AnnexFileError("Tệp bị hỏng hoặc không phải là bảng tính Excel (.xlsx).") from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_blank(values) -> bool:
    return all(_cell_text(v) == "" for v in values)


ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)


def parse_annex(data: bytes, *, filename: str = "", default_unit: str = "trieu") -> AnnexResult:
    """Read an annex workbook into plain data. Raises AnnexFileError when it is not a workbook."""
    check_workbook_bytes(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise AnnexFileError("Không đọc được bảng tính; tệp có thể bị hỏng.") from None
    result = AnnexResult(file=filename, money_unit=default_unit)
    try:
        if IDENTITY_SHEET in workbook.sheetnames:
            for key, value in workbook[IDENTITY_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
                if key:
                    result.identity[str(key)] = _cell_text(value)
        sheet = next(ws for ws in workbook.worksheets if ws.title not in (IDENTITY_SHEET, LISTS_SHEET))
        rows = []
        for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if index > MAX_ROWS:
                raise AnnexFileError(f"Bảng tính có quá nhiều dòng (tối đa {MAX_ROWS}).")
            rows.append(list(values))
    finally:
        workbook.close()
    _read_sheet(rows, result)
    return result


def _read_sheet(rows: list[list], result: AnnexResult) -> None:
    header_index = None
    for index, values in enumerate(rows[:30]):
        texts = [fold(v) for v in values]
        if any("ten nhiem vu" in text for text in texts):
            header_index = index
            break
        for text in map(_cell_text, values):
            if fold(text).startswith("ten don vi"):
                result.unit_name = text.split(":", 1)[1].strip() if ":" in text else ""
            unit = _money_unit_in(text)
            if unit:
                result.money_unit = unit
    if header_index is None:
        result.errors.append({"row": 1, "field": "name", "column": "B",
                              "message": "Không tìm thấy dòng tiêu đề của bảng (cột \"Tên Nhiệm vụ\")."})
        return

    columns = {}
    header_rows = [rows[header_index]]
    following = rows[header_index + 1] if header_index + 1 < len(rows) else []
    # A two-row header: "Kinh phí (triệu đồng)" merged above "Ngân sách TW" | "Nguồn khác".
    if following and not _looks_like_task(following, None) and any(_header_field(_cell_text(v)) for v in following):
        header_rows.append(following)
    for row in header_rows:
        for col, value in enumerate(row):
            text = _cell_text(value)
            unit = _money_unit_in(text) if "kinh phi" in fold(text) or "don vi" in fold(text) else None
            if unit:
                result.money_unit = unit
            name = _header_field(text)
            if name and (name not in columns or row is not header_rows[0]):
                if name == "name" and "name" in columns:
                    continue
                columns[name] = col
    for required in ("name", "central", "other"):
        if required not in columns:
            result.errors.append({"row": header_index + 1, "field": required, "column": "",
                                  "message": f"Thiếu cột \"{FIELD_LABELS[required]}\" trong dòng tiêu đề."})
    if result.errors:
        return

    factor = UNIT_FACTORS[result.money_unit]
    first_data = header_index + len(header_rows)
    for index in range(first_data, len(rows)):
        values = rows[index]
        sheet_row = index + 1

        def get(name, values=values):
            col = columns.get(name)
            return values[col] if col is not None and col < len(values) else None

        if _is_blank(values) or _is_column_numbers(values):
            continue
        if all(_cell_text(get(key)) == "" for key in FIELDS if key != "tt"):
            continue  # a numbered but empty line of the template
        tt, name = _cell_text(get("tt")), _cell_text(get("name"))
        folded_name = fold(name)
        if ROMAN.match(tt or "-") or (tt and tt.isalpha() and len(tt) == 1):
            continue  # a section heading ("I  Truyền thông ...")
        if not tt and (folded_name.startswith(("cong", "tong", "total")) or not name) and not _cell_text(get("objectives")):
            continue  # a subtotal or total row
        task = {"row": sheet_row, "tt": _tt_value(get("tt")), "name": name}
        for key in ("objectives", "products", "period", "notes", "priority", "component"):
            task[key] = _cell_text(get(key))
        if not name:
            _error(result, sheet_row, "name", columns, "Tên nhiệm vụ không được để trống.")
        for key in ("central", "other"):
            task[f"{key}_vnd"] = _money(result, sheet_row, key, columns, get(key), factor)
        result.tasks.append(task)
    if not result.tasks and not result.errors:
        result.errors.append({"row": first_data + 1, "field": "name", "column": get_column_letter(columns["name"] + 1),
                              "message": "Bảng tính không có dòng nhiệm vụ nào."})


def _looks_like_task(values, columns) -> bool:
    first = _cell_text(values[0]) if values else ""
    return first.isdigit()


def _is_column_numbers(values) -> bool:
    texts = [_cell_text(v) for v in values if _cell_text(v)]
    return len(texts) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts) and texts[0].startswith("(")


def _tt_value(value):
    text = _cell_text(value)
    return int(text) if text.isdigit() else (text or None)


def _error(result, row, name, columns, message):
    column = get_column_letter(columns[name] + 1) if name in columns else ""
    result.errors.append({"row": row, "field": name, "column": column, "message": message})


def _money(result, row, key, columns, value, factor) -> int:
    label = FIELD_LABELS[key]
    if _cell_text(value) == "":
        return 0
    try:
        amount = vn.parse_decimal(value)
    except ValueError:
        _error(result, row, key, columns, f"{label}: '{_cell_text(value)}' không phải là số tiền hợp lệ.")
        return 0
    if amount < 0:
        _error(result, row, key, columns, f"{label}: số tiền không được âm ({vn.format_number(amount, 2).rstrip('0').rstrip(',')}).")
        return 0
    vnd = amount * factor
    if vnd != vnd.to_integral_value():
        _error(result, row, key, columns, f"{label}: số tiền lẻ dưới 1 đồng.")
        return 0
    return int(vnd)


# --- writing -------------------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)


def _amount(vnd: int, unit: str):
    value = Decimal(vnd) / UNIT_FACTORS[unit]
    return int(value) if value == value.to_integral_value() else float(value)


def write_template(*, round_title: str, plan_year: int, unit_name: str, money_unit: str, identity: dict,
                   priorities: list[str], components: list[str], rows: list[dict] = (), blank_rows: int = 10) -> bytes:
    """The annex template, pre-filled, with drop-down lists and the round/unit identity in a hidden sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    widths = [6, 36, 40, 26, 18, 20, 20, 18, 30, 30]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet["A1"] = f"TÊN ĐƠN VỊ: {unit_name}"
    sheet["A1"].font = BOLD
    sheet["A3"] = f"TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM {plan_year}"
    sheet["A4"] = "Thực hiện các đề án thành phần thuộc Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020"
    sheet.merge_cells("A3:J3")
    sheet.merge_cells("A4:J4")
    for ref, font in (("A3", Font(name="Times New Roman", bold=True, size=14)), ("A4", Font(name="Times New Roman", italic=True, size=12))):
        sheet[ref].font = font
        sheet[ref].alignment = Alignment(horizontal="center")
    sheet["A2"] = round_title
    sheet["A2"].font = Font(name="Times New Roman", italic=True, size=11)
    sheet["G5"] = f"Đơn vị tính: {UNIT_LABELS[money_unit]}"
    sheet["G5"].font = Font(name="Times New Roman", italic=True, size=12)
    for col, header in enumerate(TEMPLATE_HEADERS, start=1):
        cell = sheet.cell(row=6, column=col, value=header)
        cell.font, cell.border = BOLD, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    first = 7
    count = max(len(rows) + blank_rows, 1)
    for offset in range(count):
        row_number = first + offset
        data = rows[offset] if offset < len(rows) else None
        values = [offset + 1, *([""] * 9)]
        if data:
            values = [offset + 1, data["name"], data.get("objectives", ""), data.get("products", ""), data.get("period", ""),
                      _amount(data["central_vnd"], money_unit), _amount(data["other_vnd"], money_unit), data.get("notes", ""),
                      data.get("priority", ""), data.get("component", "")]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=col, value=value if value != "" else None)
            if is_formula_like(value):
                cell.data_type = "s"  # never a live formula from user text
            cell.font, cell.border = NORMAL, BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = first + count - 1
    total_row = last + 1
    sheet.cell(row=total_row, column=2, value="Tổng cộng").font = BOLD
    for col in (6, 7):
        letter = get_column_letter(col)
        cell = sheet.cell(row=total_row, column=col, value=f"=SUM({letter}{first}:{letter}{last})")
        cell.font = BOLD
    for col in range(1, 11):
        sheet.cell(row=total_row, column=col).border = BOX
    for col in (6, 7):
        for row_number in range(first, total_row + 1):
            sheet.cell(row=row_number, column=col).number_format = "#,##0.###"

    lists = workbook.create_sheet(LISTS_SHEET)
    for index, name in enumerate(priorities, start=1):
        lists.cell(row=index, column=1, value=name)
    for index, name in enumerate(components, start=1):
        lists.cell(row=index, column=2, value=name)
    lists.sheet_state = "hidden"
    for col, options in (("I", ("A", len(priorities))), ("J", ("B", len(components)))):
        if options[1]:
            validation = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${options[0]}$1:${options[0]}${options[1]}",
                                        allow_blank=True, showErrorMessage=True,
                                        errorTitle="Giá trị không hợp lệ", error="Hãy chọn một giá trị trong danh sách.")
            validation.add(f"{col}{first}:{col}{last}")
            sheet.add_data_validation(validation)
    identity_sheet = workbook.create_sheet(IDENTITY_SHEET)
    for index, (key, value) in enumerate(identity.items(), start=1):
        identity_sheet.cell(row=index, column=1, value=key)
        identity_sheet.cell(row=index, column=2, value=str(value))
    identity_sheet.sheet_state = "veryHidden"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def write_consolidated(*, title: str, plan_year: int, money_unit: str, units: list[dict]) -> bytes:
    """All units' tasks in the annex layout, grouped by unit with subtotals and a grand total.

    `units`: [{"name": ..., "rows": [task dicts with central_vnd, other_vnd, ...]}]. Written with the
    write-only writer so 10,000 rows stay fast; totals are values computed from the same rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tổng hợp")
    for col, width in enumerate([6, 40, 40, 26, 18, 20, 20, 18], start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.append([f"TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM {plan_year}"])
    sheet.append([title])
    sheet.append([None, None, None, None, None, f"Đơn vị tính: {UNIT_LABELS[money_unit]}"])
    sheet.append(TEMPLATE_HEADERS[:8])
    grand_central = grand_other = 0
    for number, unit in enumerate(units, start=1):
        sheet.append(text_cells(sheet, [_roman(number), unit["name"]]))
        central = other = 0
        for index, row in enumerate(unit["rows"], start=1):
            central += row["central_vnd"]
            other += row["other_vnd"]
            sheet.append(text_cells(sheet, [
                index, row["name"], row.get("objectives", ""), row.get("products", ""), row.get("period", ""),
                _amount(row["central_vnd"], money_unit), _amount(row["other_vnd"], money_unit), row.get("notes", "")]))
        sheet.append([None, f"Cộng {_roman(number)}", None, None, None, _amount(central, money_unit), _amount(other, money_unit)])
        grand_central += central
        grand_other += other
    sheet.append([None, "TỔNG CỘNG", None, None, None, _amount(grand_central, money_unit), _amount(grand_other, money_unit)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text += numeral
            number -= value
    return text
