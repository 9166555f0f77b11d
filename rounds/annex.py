"""The annex workbook of letter 4108 ("Tổng hợp đề xuất nhiệm vụ"): read and write, on plain data.

`parse_annex` reads .xlsx, .xls, .ods (python-calamine) and a Word table (.docx), and tells every row
apart: tasks, headings (I/II, A/B, or a numbered name followed by tasks numbered again), subtotals and
totals (checked against the sum of their rows), and rows that fit none (shown with a warning). Each
column maps to at most one field by the most specific header match; columns it will not import are
listed. Every problem names its row and column with a Vietnamese message."""
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from operator import attrgetter, itemgetter

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import sheets, vn
from core.xlsx import is_formula_like

MAX_FILE_BYTES = sheets.MAX_FILE_BYTES
MAX_TASKS = 5000
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
TEXT_LIMITS = {"name": 1000, "period": 255}  # the database columns' lengths: refuse rather than cut
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
UNIT_LABELS = {unit: spec["label"] for unit, spec in vn.MONEY_UNITS.items()}
UNIT_FACTORS = {unit: spec["factor"] for unit, spec in vn.MONEY_UNITS.items()}
# Amounts at or above this many đồng in a triệu-đồng column were most likely typed in đồng.
SUSPECT_IN_TRIEU_VND = 10**12

AnnexFileError = sheets.SheetFileError


class Task:
    """One task read from an annex. Reads like a dict (task["name"], task.get("notes")) for templates and
    services, in a quarter of a dict's memory: 50.000 of them must fit in a small budget."""

    __slots__ = ("row", "tt", "name", "objectives", "products", "period", "notes", "priority", "component",
                 "central_vnd", "other_vnd")

    def __init__(self, row, tt, name, objectives, products, period, notes, priority, component, central_vnd=0, other_vnd=0):
        self.row = row
        self.tt = tt
        self.name = name
        self.objectives = objectives
        self.products = products
        self.period = period
        self.notes = notes
        self.priority = priority
        self.component = component
        self.central_vnd = central_vnd
        self.other_vnd = other_vnd

    def __getitem__(self, key):
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key, default=None):
        return getattr(self, key, default)


@dataclass
class AnnexResult:
    file: str = ""
    unit_name: str = ""
    money_unit: str = "trieu"
    unit_source: str = "file"  # "file": a unit line in the file; "round": the round's unit; "assumed"
    kind: str = "sheet"
    tasks: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    confirmations: list = field(default_factory=list)  # the warnings that need an explicit "yes"
    ignored_columns: list = field(default_factory=list)
    columns: list = field(default_factory=list)  # {field label, column, header} of each imported column
    identity: dict = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.confirmations)

    def place(self, item: dict) -> str:
        """Where an error or warning is: 'Dòng 7, cột F' or, in a Word table, 'Bảng 1, dòng 5, cột 6'."""
        if item.get("row") is None:
            return "Toàn tệp"
        prefix = "Bảng 1, dòng" if self.kind == "docx" else "Dòng"
        return f"{prefix} {item['row']}" + (f", cột {item['column']}" if item.get("column") else "")

    @property
    def located_errors(self) -> list:
        return [{**item, "place": self.place(item)} for item in self.errors]

    @property
    def located_warnings(self) -> list:
        return [{**item, "place": self.place(item), "confirm": item in self.confirmations} for item in self.warnings]

    def totals(self) -> dict:
        return {
            "rows": len(self.tasks),
            "central_vnd": sum(task.central_vnd for task in self.tasks),
            "other_vnd": sum(task.other_vnd for task in self.tasks),
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
            "warnings": self.warnings,
            "ignored_columns": self.ignored_columns,
        }


# (field, score, pattern searched in the folded header, one line without newlines): the highest score wins
# a column, and each field takes one column. The letter's own headers score highest, so "Mục tiêu và nội
# dung của nhiệm vụ" is the objectives and never a second task name.
HEADER_RULES = [
    ("tt", 100, r"^(s?tt|so tt|so thu tu)$"),
    ("name", 100, r"\bten nhiem vu\b"),
    ("name", 60, r"^(nhiem vu|ten hoat dong|ten de tai|ten du an|hoat dong)$"),
    ("objectives", 100, r"\bmuc tieu va noi dung\b"),
    ("objectives", 50, r"\b(muc tieu|noi dung)\b"),
    ("products", 60, r"\bsan pham\b"),
    ("period", 60, r"\b(thoi gian|tien do)\b"),
    ("central", 80, r"\b(ngan sach (tw|trung uong|nha nuoc trung uong)|nstw|ns tw|ns trung uong)\b"),
    ("central", 20, r"\bkinh phi de nghi\b"),
    ("other", 80, r"\b(nguon khac|doi ung)\b"),
    ("notes", 60, r"\bghi chu\b"),
    ("priority", 60, r"\bhoat dong uu tien\b"),
    ("component", 60, r"\bde an thanh phan\b"),
]
HEADER_PATTERNS = [(name, score, re.compile(pattern)) for name, score, pattern in HEADER_RULES]


def _header_scores(text) -> dict:
    folded = vn.fold(text) if text else ""
    scores = {}
    if folded:
        for name, score, pattern in HEADER_PATTERNS:
            if pattern.search(folded) and score > scores.get(name, 0):
                scores[name] = score
    return scores


def match_columns(headers: list[str]) -> dict:
    """{field: column index}: each column to at most one field and each field to at most one column,
    the most specific matches first (ties: the leftmost column)."""
    candidates = sorted(((score, -col, name) for col, text in enumerate(headers) for name, score in _header_scores(text).items()),
                        reverse=True)
    columns, taken = {}, set()
    for _score, negative_col, name in candidates:
        if name not in columns and -negative_col not in taken:
            columns[name] = -negative_col
            taken.add(-negative_col)
    return columns


UNIT_PATTERNS = [
    ("ty", re.compile(r"\bty dong\b")),
    ("trieu", re.compile(r"\btrieu dong\b|\btr\.? ?d\b|\btrd\b")),
    ("nghin", re.compile(r"\b(nghin|ngan) dong\b")),
    ("dong", re.compile(r"(\bdon vi( tinh)?|\bdvt)\s*:?\s*(dong|vnd)\b|\(\s*(dong|vnd)\s*\)|^(dong|vnd)$")),
]


def money_unit_in(text) -> str | None:
    folded = vn.fold(text)
    if not folded or folded.startswith("ten don vi"):
        return None
    for unit, pattern in UNIT_PATTERNS:
        if pattern.search(folded):
            return unit
    return None


def _cell_text(value) -> str:
    if value.__class__ is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


ROMAN = re.compile(r"^(?=[ivxlcdm]+\.?$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\.?$", re.IGNORECASE)
NUMBER_CELLS = (int, float)  # what a spreadsheet's number cell reads as (a bool is neither)
NUMBERED = re.compile(r"^\d+(\.\d+)*\.?$")
TOTAL_WORDS = ("tong cong", "tong", "total", "cong")


def parse_annex(data: bytes, *, filename: str = "", default_unit: str | None = None, max_tasks: int = MAX_TASKS) -> AnnexResult:
    """Read an annex file into plain data. Raises AnnexFileError when it is not a table at all.

    Without a unit line in the file, amounts are in `default_unit` (the round's); with neither,
    triệu đồng is assumed and `unit_source` says so."""
    table = sheets.read_table(data, skip_sheets=(IDENTITY_SHEET, LISTS_SHEET),
                              extra_sheets=(IDENTITY_SHEET,), max_rows=2 * max_tasks + 500)
    result = AnnexResult(file=filename, kind=table.kind)
    for key, value, *_rest in table.extra_sheets.get(IDENTITY_SHEET, []):
        if key:
            result.identity[str(key)] = _cell_text(value)
    _AnnexReader(table, result, default_unit, max_tasks).read()
    return result


class _AnnexReader:
    """One pass over the rows; a numbered name-only row waits for the next row to tell its kind."""

    def __init__(self, table, result, default_unit, max_tasks):
        self.table, self.result, self.default_unit, self.max_tasks = table, result, default_unit, max_tasks
        self.unit = None
        self.columns = {}
        # Sums for checking total rows, brought up to date only when a total or a heading needs them.
        self.group = {"central": 0, "other": 0}
        self.all = {"central": 0, "other": 0}
        self.summed = 0  # how many tasks the sums hold
        self.merge_tops = {(first[0] + 1, first[1]) for first, _last in table.merged}
        self.merge_columns = {first[1] for first, last in table.merged if last[0] > first[0]}  # merged down
        self.tops = {}  # (first row, col) of a merged range -> its value, for the rows below it
        # Per column, the ranges merged down from it in file order as (first row, last row), 1-based.
        self.merged_down = {}
        for (first_row, first_col), (last_row, _last_col) in table.merged:
            self.merged_down.setdefault(first_col, []).append((first_row + 1, last_row + 1))

    def _merged_above(self, number, col):
        """The first row (1-based) of a range merged down into this cell, when the range starts in this column."""
        for first, last in self.merged_down.get(col, ()):
            if first < number <= last:
                return first
        return None

    # --- the top of the table: unit name, money unit, header -----------------------------------------

    def _scan_preamble_text(self, text) -> None:
        if not text:
            return
        if vn.fold(text).startswith("ten don vi"):
            self.result.unit_name = text.split(":", 1)[1].strip() if ":" in text else ""
        unit = money_unit_in(text)
        if unit and self.unit is None:
            self.unit = unit

    def read(self) -> None:
        result, table = self.result, self.table
        for text in table.preamble:
            self._scan_preamble_text(text.strip())
        rows = enumerate(table.rows, start=1)
        header = None
        for number, values in rows:
            texts = [_cell_text(v) for v in values]
            if number > 40:
                break
            columns = match_columns(texts)
            if "name" in columns and ("central" in columns or "other" in columns or "kinh phi" in vn.fold(" ".join(texts))):
                header = (number, texts, columns)
                break
            for text in texts:
                self._scan_preamble_text(text)
        if header is None:
            result.errors.append({"row": 1, "field": "name", "column": "B" if table.kind == "sheet" else "2",
                                  "message": "Không tìm thấy dòng tiêu đề của bảng (cột \"Tên Nhiệm vụ\")."})
            return
        pending = self._read_header(*header, rows)
        if result.errors:
            return
        self._resolve_unit()
        self._read_body(pending, rows)

    def _read_header(self, header_row, texts, columns, rows):
        """Match the header (one or two rows); return the first body row when it was read ahead."""
        result = self.result
        following = next(rows, None)
        sub = [_cell_text(v) for v in following[1]] if following else []
        headers = list(texts)
        two_level = bool(sub) and not NUMBERED.match(sub[0] if sub else "") and any(sub) and \
            all(not text or _header_scores(text) for text in sub)
        if two_level:
            width = max(len(texts), len(sub))
            headers = (texts + [""] * width)[:width]
            parent = ""
            for col in range(width):
                own = texts[col] if col < len(texts) else ""
                below = sub[col] if col < len(sub) else ""
                parent = own or parent
                # A Word cell merged down repeats its text in the row below: one header, not two.
                headers[col] = f"{own or parent} {below}".strip() if below and below != own else own
        for text in headers:
            folded = vn.fold(text) if text else ""
            if "kinh phi" in folded or "don vi" in folded:
                unit = money_unit_in(text)
                if unit:
                    self.unit = unit
        self.columns = match_columns(headers) if two_level else columns
        self.column_items = list(self.columns.items())
        # One C-level pick of the mapped cells per row (at least three columns here: name, central, other).
        self.column_names = [name for name, _col in self.column_items]
        self.pick = itemgetter(*self.columns.values()) if len(self.columns) > 1 else None
        self.last_column = max(self.columns.values(), default=-1)
        self.content_keys = [key for key in ("objectives", "products", "period", "notes", "priority", "component")
                             if key in self.columns]
        for required in ("name", "central", "other"):
            if required not in self.columns:
                result.errors.append({"row": header_row, "field": required, "column": "",
                                      "message": f"Thiếu cột \"{FIELD_LABELS[required]}\" trong dòng tiêu đề."})
        used = set(self.columns.values())
        for col, text in enumerate(headers):
            if text and col not in used:
                result.ignored_columns.append({"column": self.table.column_name(col), "header": text})
        for name in FIELDS:
            if name in self.columns:
                col = self.columns[name]
                result.columns.append({"field": FIELD_LABELS[name], "column": self.table.column_name(col), "header": headers[col]})
        return None if two_level else following

    def _resolve_unit(self) -> None:
        result = self.result
        if self.unit:
            result.money_unit, result.unit_source = self.unit, "file"
        elif self.default_unit:
            result.money_unit, result.unit_source = self.default_unit, "round"
        else:
            result.money_unit, result.unit_source = "trieu", "assumed"
        self.amount_of = vn.amount_reader(result.money_unit)

    # --- the body -------------------------------------------------------------------------------------

    def _read_body(self, pending, rows) -> None:
        waiting = None  # a numbered row with only a name: a heading if numbered tasks follow
        stream = rows if pending is None else chain([pending], rows)
        common_task = self._common_task_reader()
        for number, values in stream:
            if waiting is None and common_task is not None and common_task(number, values):
                continue
            row = self._row(number, values)
            if row is None:
                continue
            if waiting is not None:
                numbered_again = row["tt"] in ("1", "1.") or row["tt"].startswith(waiting["tt"].rstrip(".") + ".")
                if not numbered_again:
                    self._task(waiting, name_only=True)
                waiting = None  # else a numbered heading: nothing to import
            self._classify(row)
            if row.get("wait"):
                waiting = row
        if waiting is not None:
            self._task(waiting, name_only=True)
        result = self.result
        if not result.tasks and not result.errors:
            result.errors.append({"row": None, "field": "name", "column": self.table.column_name(self.columns["name"]),
                                  "message": "Bảng không có dòng nhiệm vụ nào."})

    def _common_task_reader(self):
        """The common row in one step: a task numbered 1, 2, 3… with a name, numeric or blank amounts and text,
        in a row neither hidden nor merged. Returns a function that reads such a row into a task and says True,
        or says False having changed nothing, for the general path to read the row; None when no row of this
        table can take the short path (no TT column, or merged cells in the imported columns)."""
        columns = self.columns
        if "tt" not in columns or any(col in self.merge_columns for col in columns.values()):
            return None
        content_keys = ("objectives", "products", "period", "notes", "priority", "component")
        padded = not all(key in columns for key in content_keys)  # an absent column reads as the blank after the row
        pick = itemgetter(*(columns[key] for key in ("tt", "name", "central", "other")))
        pick_texts = itemgetter(*(columns.get(key, -1) for key in content_keys))
        strip = str.strip
        amount_of, tasks, hidden, max_tasks = self.amount_of, self.result.tasks, self.table.hidden_rows, self.max_tasks
        suspect = SUSPECT_IN_TRIEU_VND if self.result.money_unit == "trieu" else None
        name_limit, period_limit = TEXT_LIMITS["name"], TEXT_LIMITS["period"]
        needed = self.last_column + 1

        def amount(value):
            """Whole đồng of a text or whole-number amount cell; None when blank. ValueError for any other cell."""
            if value.__class__ is str:
                value = value.strip()
                if not value:
                    return None
            elif value.__class__ is not int:
                raise ValueError(value)
            return amount_of(value)

        def read(number, values) -> bool:
            if len(values) < needed or number in hidden or len(tasks) >= max_tasks:
                return False
            cells = values + [""] if padded else values
            tt, name, central, other = pick(cells)
            if tt.__class__ is float and tt.is_integer() and tt >= 0:
                tt = int(tt)
            elif tt.__class__ is str and tt.strip().isdigit() and tt.isascii():
                tt = int(tt)
            elif tt.__class__ is not int or tt < 0:
                return False
            if name.__class__ is not str:
                return False
            name = name.strip()
            if not name or name[0] in "(0123456789" or len(name) > name_limit:
                return False  # no name, a row of column numbers or a name too long: the general path tells
            try:
                central_vnd = amount_of(central) if central.__class__ is float else amount(central)
                other_vnd = amount_of(other) if other.__class__ is float else amount(other)
            except ValueError:
                return False  # the general path words the error
            try:
                task = Task(number, tt, name, *map(strip, pick_texts(cells)), central_vnd, other_vnd)
            except TypeError:  # a number or a date in a text column
                task = Task(number, tt, name, *[_cell_text(value) for value in pick_texts(cells)], central_vnd, other_vnd)
            if len(task.period) > period_limit:
                return False
            if central_vnd is None or other_vnd is None:
                if central_vnd is None and other_vnd is None and not any(task[key] for key in content_keys):
                    return False  # a name alone: maybe a heading, told by the next row
                task.central_vnd, task.other_vnd = central_vnd or 0, other_vnd or 0
            if suspect is not None and (task.central_vnd >= suspect or task.other_vnd >= suspect):
                return False  # needs a confirmation, asked by the general path
            tasks.append(task)
            return True

        return read

    def _row(self, number, values):
        if len(values) > self.last_column and self.pick is not None:
            raw = dict(zip(self.column_names, self.pick(values)))
        else:
            width = len(values)
            raw = {name: values[col] if col < width else None for name, col in self.column_items}
        if self.merge_columns:
            raw = self._fill_merged(number, raw)
        texts = {name: value.strip() if value.__class__ is str else _cell_text(value) for name, value in raw.items()}
        if not any(texts.values()):
            if not any(_cell_text(v) for v in values):
                return None
        elif _is_column_numbers(texts.get("name", ""), values):
            return None
        if number in self.table.hidden_rows:
            self._warn(number, None, "Dòng này bị ẩn trong tệp; hệ thống vẫn đọc dòng này, hãy kiểm tra.")
        return {"number": number, "tt": texts.get("tt", ""), "texts": texts, "raw": raw, "values": values}

    def _fill_merged(self, number, raw) -> dict:
        """A text cell merged down over several tasks belongs to each; a merged amount counts once."""
        for name, col in self.columns.items():
            if col not in self.merge_columns:
                continue
            if _cell_text(raw[name]):
                if (number, col) in self.merge_tops:
                    self.tops[(number, col)] = raw[name]
                continue
            top = self._merged_above(number, col)
            if top is None or (top, col) not in self.tops:
                continue
            if name in ("central", "other"):
                self._warn(number, name, f"Ô kinh phí gộp với dòng {top}; số tiền chỉ tính một lần ở dòng {top}.")
            else:
                raw[name] = self.tops[(top, col)]
        return raw

    def _classify(self, row) -> None:
        texts, tt = row["texts"], row["tt"]
        name = texts.get("name", "")
        content = any([texts[key] for key in self.content_keys])
        amounts = bool(texts["central"] or texts["other"])
        numbered = bool(tt) and (tt.isdigit() or NUMBERED.match(tt) is not None)
        if numbered:
            if name and not content and not amounts:
                row["wait"] = True
            elif name or content or amounts:
                self._task(row)
            elif self._has_other_cells(row):
                self._warn(row["number"], None, "Dòng này không phải nhiệm vụ, tiêu đề hay dòng cộng nên không được nhập.")
            return  # else: a numbered but empty line of the template
        folded = vn.fold(name)
        if tt and (ROMAN.match(tt) or re.fullmatch(r"[A-Za-z]\.?", tt)):
            self._bring_sums_up_to_date()
            self.group = {"central": 0, "other": 0}  # a section heading starts a group for its subtotal
        elif folded.startswith(TOTAL_WORDS) or (not name and amounts and not content):
            self._total(row, grand=folded.startswith(("tong", "total")) or not name)
        elif name and (content or amounts):
            self._task(row)
        else:
            self._warn(row["number"], None, "Dòng này không phải nhiệm vụ, tiêu đề hay dòng cộng nên không được nhập.")

    def _has_other_cells(self, row) -> bool:
        used = set(self.columns.values())
        return any(_cell_text(v) for col, v in enumerate(row["values"]) if col not in used)

    def _bring_sums_up_to_date(self) -> None:
        new_tasks = self.result.tasks[self.summed:]
        for key, amount in (("central", attrgetter("central_vnd")), ("other", attrgetter("other_vnd"))):
            added = sum(map(amount, new_tasks))
            self.group[key] += added
            self.all[key] += added
        self.summed += len(new_tasks)

    def _total(self, row, grand) -> None:
        self._bring_sums_up_to_date()
        sums = self.all if grand else self.group
        for key in ("central", "other"):
            value = row["raw"].get(key)
            if _cell_text(value) == "":
                continue
            try:
                stated = self.amount_of(value)
            except ValueError:
                self._warn(row["number"], key, f"Dòng cộng: '{_cell_text(value)}' không phải là số tiền nên không đối chiếu được.")
                continue
            if stated != sums[key]:
                unit = self.result.money_unit
                self._warn(row["number"], key,
                           f"Dòng cộng ghi {vn.format_money(stated, unit)} {UNIT_LABELS[unit]} nhưng tổng các nhiệm vụ là "
                           f"{vn.format_money(sums[key], unit)} {UNIT_LABELS[unit]}.")
        if not grand:
            self.group = {"central": 0, "other": 0}

    def _task(self, row, name_only=False) -> None:
        result, texts, number = self.result, row["texts"], row["number"]
        if len(result.tasks) >= self.max_tasks:
            raise AnnexFileError(f"Bảng có quá nhiều nhiệm vụ (tối đa {vn.format_number(self.max_tasks)}).")
        get = texts.get
        task = Task(number, _tt_value(row["tt"]), get("name", ""), get("objectives", ""), get("products", ""),
                    get("period", ""), get("notes", ""), get("priority", ""), get("component", ""))
        if not task.name:
            self._error(number, "name", "Tên nhiệm vụ không được để trống.")
        if len(task.name) > TEXT_LIMITS["name"] or len(task.period) > TEXT_LIMITS["period"]:
            for key, limit in TEXT_LIMITS.items():
                if len(task[key]) > limit:
                    self._error(number, key, f"{FIELD_LABELS[key]} dài {len(task[key])} ký tự; tối đa {limit}.")
        raw = row["raw"]
        task.central_vnd = self._money(number, "central", get("central"), raw.get("central"))
        task.other_vnd = self._money(number, "other", get("other"), raw.get("other"))
        if name_only:
            self._warn(number, "central", "Nhiệm vụ chỉ có tên, không có nội dung và kinh phí; hãy kiểm tra.")
        result.tasks.append(task)

    def _money(self, number, key, text, value) -> int:
        if not text:
            return 0
        unit = self.result.money_unit
        try:
            vnd = self.amount_of(value)
        except ValueError as error:
            hint = " Cột này tính bằng đồng; có phải số đã nhập theo triệu đồng?" if unit == "dong" and "lẻ" in str(error) else ""
            shown = str(error) if text in str(error) else f"{error} ('{text}')"
            self._error(number, key, f"{FIELD_LABELS[key]}: {shown}.{hint}")
            return 0
        if vnd >= SUSPECT_IN_TRIEU_VND and unit == "trieu":
            warning = self._warn(number, key, f"{FIELD_LABELS[key]}: {text} triệu đồng (= {vn.format_money(vnd)} đồng) rất lớn; "
                                              "có phải số đã nhập theo đồng? Cần xác nhận trước khi nhập.")
            self.result.confirmations.append(warning)
        return vnd

    def _column(self, name) -> str:
        return self.table.column_name(self.columns[name]) if name in self.columns else ""

    def _error(self, row, name, message) -> None:
        self.result.errors.append({"row": row, "field": name, "column": self._column(name), "message": message})

    def _warn(self, row, name, message) -> dict:
        warning = {"row": row, "field": name, "column": self._column(name) if name else "", "message": message}
        self.result.warnings.append(warning)
        return warning


def _is_column_numbers(name: str, values) -> bool:
    """The row of column numbers under a header: "(1) (2) (3)…" or "1 2 3 4 5…"."""
    if not name or not (name[0] == "(" or name.isdigit()):
        return False
    texts = [_cell_text(v) for v in values if _cell_text(v)]
    if len(texts) < 3:
        return False
    if all(re.fullmatch(r"\(\d{1,2}\)", t) for t in texts):
        return True
    return len(texts) >= 5 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _tt_value(text: str):
    return int(text) if text.isdigit() else (text or None)


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
