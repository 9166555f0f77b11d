"""Vietnamese number, money and date conventions: thousands with ".", decimals with ",".

Money is stored as whole đồng (int). Budget tables are often in triệu đồng (millions)."""
import functools
import math
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONEY_UNITS = {
    "dong": {"label": "đồng", "factor": 1},
    "nghin": {"label": "nghìn đồng", "factor": 1_000},
    "trieu": {"label": "triệu đồng", "factor": 1_000_000},
    "ty": {"label": "tỷ đồng", "factor": 1_000_000_000},
}


def whole_number(text, max_digits: int = 9) -> int | None:
    """A non-negative whole number typed in a filter, an id or a year, or None: never one too large for
    the database's integers (or a date's year, with max_digits=4)."""
    text = str(text if text is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= max_digits else None


def format_number(value, decimals: int = 0) -> str:
    """1234567 -> '1.234.567'; 1234.5 with decimals=1 -> '1.234,5'."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    return f"{result},{fraction}" if fraction else result


def format_exact(value) -> str:
    """A decimal with as many decimals as it has and no trailing zeros: 1.5 -> '1,5', 2.000 -> '2'."""
    number = Decimal(str(value))
    return format_number(number, decimals=max(0, -number.normalize().as_tuple().exponent))


def money_in_unit(vnd: int | None, unit: str = "dong") -> Decimal | None:
    """Whole đồng expressed in the given unit, exactly (Decimal, never float)."""
    if vnd is None:
        return None
    return Decimal(int(vnd)) / MONEY_UNITS[unit]["factor"]


def format_money(vnd: int | None, unit: str = "dong") -> str:
    """Whole đồng shown in đồng ('1.500.000') or triệu đồng ('1,5'), without trailing zeros."""
    amount = money_in_unit(vnd, unit)
    if amount is None:
        return ""
    if unit == "dong":
        return format_number(amount)
    return format_exact(amount)


# The one grammar for numbers typed by people: digits grouped in threes by "." (or a space), "," as the
# decimal mark. "1.5" is refused rather than guessed: it means 1,5 to some and 1.500 to others.
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
HOW_TO_WRITE = "Hãy viết như 1.500.000 hoặc 1,5 (dấu chấm ngăn nhóm ba chữ số, dấu phẩy trước phần thập phân)"


def parse_decimal(text) -> Decimal:
    """Parse a number typed the Vietnamese way ('1.500.000', '1,5', '1 500') or a numeric cell value.

    Raises ValueError with a Vietnamese message that shows how to write it when the text is not a
    number in that grammar ('1.2.3', '1e3', full-width digits, the ambiguous '1.5', '1,500,000')."""
    if isinstance(text, bool):
        raise ValueError(f"'{text}' không phải là một số hợp lệ. {HOW_TO_WRITE}")
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    elif isinstance(text, float):
        # A spreadsheet's binary float (300.00000000000006 from a formula): exact to the millionth.
        value = Decimal(repr(round(text, 6))) if math.isfinite(text) else Decimal("NaN")
    else:
        raw = str(text or "").strip()
        if not raw:
            raise ValueError("Ô trống, cần nhập một số")
        negative = raw.startswith("-")
        body = raw[1:] if raw[:1] in "+-" else raw
        body = re.sub(r"(?<=\d)[ \u00a0](?=\d{3}(?:\D|$))", ".", body)  # '1 500' groups like '1.500'
        if not body.isascii() or not (_GROUPED.fullmatch(body) or _PLAIN.fullmatch(body)):
            raise ValueError(f"'{raw}' không phải là một số hợp lệ. {HOW_TO_WRITE}")
        value = Decimal(body.replace(".", "").replace(",", "."))
        value = -value if negative else value
    if not value.is_finite():
        raise ValueError(f"'{text}' không phải là một số hợp lệ. {HOW_TO_WRITE}")
    return value


# A million billion đồng: far above any budget line, far below the database's 64-bit integers.
MAX_VND = 10**15


def to_whole_dong(amount: Decimal, unit: str = "dong") -> int:
    """An amount in `unit` converted to whole đồng; refuses fractions of a đồng and absurd sizes."""
    vnd = Decimal(amount) * MONEY_UNITS[unit]["factor"]
    if abs(vnd) > MAX_VND:
        raise ValueError("Số tiền quá lớn (tối đa 1.000.000 tỷ đồng)")
    if vnd != vnd.to_integral_value():
        raise ValueError("Số tiền lẻ dưới 1 đồng")
    return int(vnd)


def parse_amount(text, unit: str = "dong") -> int:
    """Money typed in `unit` (the grammar of parse_decimal) as whole đồng: not negative, at most MAX_VND.

    The one check used by the online row form, the upload, the API and the import command."""
    if text.__class__ is int or (text.__class__ is float and text.is_integer()):
        amount = int(text)  # a whole number cell: exact without going through Decimal
        vnd = amount * MONEY_UNITS[unit]["factor"]
        if amount < 0:
            raise ValueError("Số tiền không được âm")
        if vnd > MAX_VND:
            raise ValueError("Số tiền quá lớn (tối đa 1.000.000 tỷ đồng)")
        return vnd
    if text.__class__ is float and math.isfinite(text):
        amount = Decimal(repr(round(text, 6)))  # parse_decimal's reading of a float cell, without its type checks
    else:
        amount = parse_decimal(text)
    if amount < 0:
        raise ValueError("Số tiền không được âm")
    return to_whole_dong(amount, unit)


def check_amount(vnd) -> int:
    """A whole-đồng amount given as an integer (API, services): not negative, at most MAX_VND."""
    if isinstance(vnd, bool) or not isinstance(vnd, int):
        raise ValueError("Số tiền phải là số nguyên đồng")
    return parse_amount(vnd, "dong")


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def long_date_vi(value: date) -> str:
    """'ngày 13 tháng 05 năm 2016', as on the place-and-date line of an official document."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def fold(text) -> str:
    """Lower case without diacritics, spaces collapsed ("Sản xuất  SẠCH — Đà Nẵng" -> "san xuat sach — da nang"):
    what searches and header matching compare."""
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(token: str) -> int | None:
    number = _ROMAN.get(token) or (int(token) if token.isdigit() else None)
    return number if number and 1 <= number <= 4 else None


def _month_span(start: tuple[int, int], end: tuple[int, int]) -> tuple[date | None, date | None]:
    """First days of the start and end months, or nothing when the months are not a real span."""
    (m1, y1), (m2, y2) = start, end
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 1990 <= y1 <= 2100 and 1990 <= y2 <= 2100):
        return None, None
    first, last = date(y1, m1, 1), date(y2, m2, 1)
    return (first, last) if first <= last else (None, None)


@functools.lru_cache(maxsize=4096)  # an annex repeats a few periods over thousands of rows
def parse_period(text) -> tuple[date | None, date | None]:
    """The months a "thời gian thực hiện" text spans, as the first day of its first and last month, or
    (None, None) when it names no clear span. Reads what units write in the annex: "04/2017 - 06/2017",
    "01/04/2017 đến 30/06/2017", "Tháng 4-6/2017", "Quý II/2017", "Quý I - Quý III/2017",
    "6 tháng đầu năm 2017", "Năm 2017", "2017-2018"."""
    folded = fold(text).replace("–", "-").replace("—", "-")
    folded = re.sub(r"\s*(?:-|\bden\b|\btoi\b)\s*", " - ", folded)
    if not folded:
        return None, None
    match = re.search(r"quy\s*([ivx]+|\d)(?:\s*-\s*(?:quy\s*)?([ivx]+|\d))?\s*(?:/|\s)\s*(?:nam\s*)?(\d{4})\b", folded)
    if match:
        first, last = _quarter(match[1]), _quarter(match[2] or match[1])
        if first is None or last is None:
            return None, None
        year = int(match[3])
        return _month_span((first * 3 - 2, year), (last * 3, year))
    match = re.search(r"6 thang (dau|cuoi) nam (\d{4})", folded)
    if match:
        year = int(match[2])
        return _month_span((1, year), (6, year)) if match[1] == "dau" else _month_span((7, year), (12, year))
    match = re.search(r"(?:thang|\bt)\s*(\d{1,2})\s*-\s*(?:thang|\bt)?\s*(\d{1,2})\s*/\s*(\d{4})\b", folded)
    if match:
        year = int(match[3])
        return _month_span((int(match[1]), year), (int(match[2]), year))
    months = [(int(m), int(y)) for m, y in re.findall(r"(?<![\d/])(?:\d{1,2}/)?(\d{1,2})/(\d{4})\b", folded)]
    if len(months) == 2:
        return _month_span(months[0], months[1])
    if len(months) == 1 and not re.search(r"\d{4}\s*-", folded):
        return _month_span(months[0], months[0])
    years = [int(y) for y in re.findall(r"(?<![\d/])(\d{4})(?![\d/])", folded)]
    if len(years) == 2 and re.search(r"\d{4}\s*-\s*(?:nam\s*)?\d{4}", folded):
        return _month_span((1, years[0]), (12, years[1]))
    if len(years) == 1 and not months:
        return _month_span((1, years[0]), (12, years[0]))
    return None, None


def format_period(start: date | None, end: date | None) -> str:
    """The text written for a span of months entered as two fields: "04/2017 - 06/2017", "04/2017"."""
    if start is None and end is None:
        return ""
    if start is None or end is None or (start.year, start.month) == (end.year, end.month):
        return (start or end).strftime("%m/%Y")
    return f"{start:%m/%Y} - {end:%m/%Y}"
