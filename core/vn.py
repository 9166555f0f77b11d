"""Vietnamese number, money and date conventions: thousands with ".", decimals with ",".

Money is stored as whole đồng (int). Budget tables are often in triệu đồng (millions)."""
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MONEY_UNITS = {
    "dong": {"label": "đồng", "factor": 1},
    "trieu": {"label": "triệu đồng", "factor": 1_000_000},
}


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


def parse_decimal(text) -> Decimal:
    """Parse a number typed the Vietnamese way ('1.500.000', '1,5', '1 500') or a plain number.

    Raises ValueError with a Vietnamese message when the text is not a number."""
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    raw = str(text or "").strip().replace("\u00a0", " ").replace(" ", "")
    if not raw:
        raise ValueError("Ô trống, cần nhập một số")
    negative = raw.startswith("-")
    body = raw.lstrip("+-")
    if body.count(",") > 1:
        # '1,500,000' written the English way.
        body = body.replace(",", "")
    elif "," in body:
        body = body.replace(".", "").replace(",", ".")
    elif body.count(".") > 1 or (body.count(".") == 1 and len(body.split(".")[1]) == 3):
        # '1.500.000' or '1.200': dots group thousands in Vietnamese.
        body = body.replace(".", "")
    try:
        value = Decimal(body)
    except InvalidOperation:
        raise ValueError(f"'{text}' không phải là một số hợp lệ") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' không phải là một số hợp lệ")
    return -value if negative else value


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


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def fold(text) -> str:
    """Lower case without diacritics, spaces collapsed ("Sản xuất  SẠCH — Đà Nẵng" -> "san xuat sach — da nang"):
    what searches and header matching compare."""
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()
