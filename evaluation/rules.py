"""The rules of indicator values, as small functions on plain data (no database):
how a national value is formed from unit reports, and what a unit may enter."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.vn import format_number

RATIO_OF_SUMS = "ratio_of_sums"
WEIGHTED_MEAN = "weighted_mean"
AVERAGE = "average"
SUM = "sum"
COUNT_UNITS = "count_units"
SHARE_OF_UNITS = "share_of_units"
COMPUTED = "computed"

# A value differing from the unit's previous period by more than half of it (and by more than
# JUMP_MIN, so small numbers do not trip it) needs a comment confirming it.
JUMP_SHARE = Decimal("0.5")
JUMP_MIN = Decimal("10")
# Units of measure whose values are counted, hence whole numbers.
COUNT_UNITS_OF_MEASURE = {"count", "cơ sở", "đơn vị", "doanh nghiệp", "lượt", "người", "khóa", "lớp"}


def entry_kind(aggregation: str) -> str:
    """What a unit types for an indicator aggregated this way."""
    return {
        RATIO_OF_SUMS: "pair",
        WEIGHTED_MEAN: "weighted",
        SHARE_OF_UNITS: "yes_no",
        COUNT_UNITS: "yes_no",
        COMPUTED: "none",
    }.get(aggregation, "value")


@dataclass
class Sums:
    """Sums over a set of unit values: everything any aggregation rule needs, so one SQL GROUP BY serves them all."""

    units: int = 0  # units with a value entered
    value: Decimal = Decimal(0)
    numerator: Decimal = Decimal(0)
    denominator: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)  # sum of value × weight (weight kept in denominator)
    positive: int = 0  # units answering yes (value > 0)

    def __add__(self, other: "Sums") -> "Sums":
        return Sums(self.units + other.units, self.value + other.value, self.numerator + other.numerator,
                    self.denominator + other.denominator, self.weighted + other.weighted, self.positive + other.positive)

    @classmethod
    def of(cls, rows) -> "Sums":
        """Sums of unit rows given as dicts with value / numerator / denominator (None when not entered)."""
        total = cls()
        for row in rows:
            total = total + cls.of_unit(row.get("value"), row.get("numerator"), row.get("denominator"))
        return total

    @classmethod
    def of_unit(cls, value=None, numerator=None, denominator=None) -> "Sums":
        entered = value is not None or numerator is not None
        value = Decimal(value) if value is not None else None
        return cls(
            units=1 if entered else 0,
            value=value or Decimal(0),
            numerator=Decimal(numerator or 0),
            denominator=Decimal(denominator or 0),
            weighted=(value or Decimal(0)) * Decimal(denominator or 0),
            positive=1 if value is not None and value > 0 else 0,
        )


def combine(aggregation: str, sums: Sums) -> Decimal | None:
    """The value of a set of units under an aggregation rule; None when there is nothing to divide by."""
    if aggregation in (RATIO_OF_SUMS, COMPUTED):
        return 100 * sums.numerator / sums.denominator if sums.denominator else None
    if aggregation == WEIGHTED_MEAN:
        return sums.weighted / sums.denominator if sums.denominator else None
    if aggregation == AVERAGE:
        return sums.value / sums.units if sums.units else None
    if aggregation == SUM:
        return sums.value if sums.units else None
    if aggregation == COUNT_UNITS:
        return Decimal(sums.positive) if sums.units else None
    if aggregation == SHARE_OF_UNITS:
        return Decimal(100 * sums.positive) / sums.units if sums.units else None
    raise ValueError(f"unknown aggregation {aggregation}")


def gap(value: Decimal | None, target_min: Decimal | None, target_max: Decimal | None = None) -> Decimal | None:
    """How far the value is from the target: negative below it, 0 inside a target range, positive above."""
    if value is None or target_min is None:
        return None
    if value < target_min:
        return value - target_min
    if target_max is not None and value <= target_max:
        return Decimal(0)
    if target_max is not None:
        return value - target_max
    return value - target_min


# --- What a unit may enter. Each check returns a message (str) or None. ---

def whole_number(value: Decimal | None) -> str | None:
    if value is not None and value != value.to_integral_value():
        return _("Phải là số nguyên (số cơ sở, số đơn vị…).")
    return None


def not_negative(value: Decimal | None) -> str | None:
    if value is not None and value < 0:
        return _("Không được là số âm.")
    return None


def numerator_within_denominator(numerator: Decimal | None, denominator: Decimal | None) -> str | None:
    if numerator is not None and denominator is not None and numerator > denominator:
        return _("Tử số (%(n)s) không được lớn hơn mẫu số (%(d)s).") % {"n": format_number(numerator), "d": format_number(denominator)}
    return None


def percentage(value: Decimal | None) -> str | None:
    if value is not None and not (0 <= value <= 100):
        return _("Tỷ lệ phần trăm phải nằm trong khoảng từ 0 đến 100.")
    return None


def plausible(value: Decimal | None, low: Decimal | None, high: Decimal | None) -> str | None:
    """A warning, not an error: the value is kept but the unit is asked to check it."""
    if value is None or (low is None and high is None):
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        return _("Giá trị %(v)s nằm ngoài khoảng thường gặp (%(low)s – %(high)s); đề nghị kiểm tra lại số liệu.") % {
            "v": format_number(value, 1), "low": format_number(low or 0, 0), "high": format_number(high, 0) if high is not None else "…"}
    return None


def far_from_previous(value: Decimal | None, previous: Decimal | None) -> bool:
    if value is None or previous is None:
        return False
    return abs(value - previous) > max(JUMP_SHARE * abs(previous), JUMP_MIN)


def jump_needs_comment(value: Decimal | None, previous: Decimal | None, comment: str) -> str | None:
    if far_from_previous(value, previous) and not (comment or "").strip():
        return _("Giá trị khác nhiều so với kỳ trước (%(p)s); đề nghị ghi chú xác nhận số liệu.") % {"p": format_number(previous, 1)}
    return None


def unit_value(entry: str, value=None, numerator=None, denominator=None) -> Decimal | None:
    """The one number a unit's entry stands for (a ratio as a percentage), compared across periods."""
    if entry == "pair":
        return 100 * Decimal(numerator) / Decimal(denominator) if numerator is not None and denominator else None
    return Decimal(value) if value is not None else None


def as_decimal(number) -> Decimal | None:
    if number is None or number == "":
        return None
    return number if isinstance(number, Decimal) else Decimal(str(number))


@dataclass
class Check:
    errors: dict  # field -> [message]
    warnings: list

    @property
    def ok(self) -> bool:
        return not self.errors


def check_entry(*, entry: str, is_percent: bool, is_count: bool = False, value=None, numerator=None, denominator=None, comment="",
                plausible_min=None, plausible_max=None, previous=None) -> Check:
    """Every rule on one indicator's entry: errors block saving, warnings are shown with the saved value."""
    value, numerator, denominator = as_decimal(value), as_decimal(numerator), as_decimal(denominator)
    errors: dict[str, list] = {}

    def add(field, message):
        if message:
            errors.setdefault(field, []).append(message)

    warnings = []
    if entry == "pair":
        for field, number in (("numerator", numerator), ("denominator", denominator)):
            add(field, not_negative(number))
            add(field, whole_number(number))
        if (numerator is None) != (denominator is None):
            add("denominator" if denominator is None else "numerator", _("Cần nhập cả tử số và mẫu số."))
        add("numerator", numerator_within_denominator(numerator, denominator))
        if denominator == 0 and numerator is not None:
            add("denominator", _("Mẫu số phải lớn hơn 0."))
    elif entry == "weighted":
        add("value", not_negative(value))
        if is_percent:
            add("value", percentage(value))
        add("denominator", not_negative(denominator))
        add("denominator", whole_number(denominator))
        if value is not None and not denominator:
            add("denominator", _("Cần nhập số cơ sở làm quyền số."))
    elif entry == "yes_no":
        if value is not None and value not in (0, 1):
            add("value", _("Chỉ chọn Có hoặc Không."))
    else:
        add("value", not_negative(value))
        if is_percent:
            add("value", percentage(value))
        elif is_count:
            add("value", whole_number(value))
    current = unit_value(entry, value, numerator, denominator)
    if not errors:
        warning = plausible(current, plausible_min, plausible_max)
        if warning:
            warnings.append(warning)
        add("comment", jump_needs_comment(current, previous, comment))
    return Check(errors, warnings)
