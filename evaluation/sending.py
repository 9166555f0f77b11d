"""An indicator report as its sender confirms it (collection.sending): one row per indicator the unit
reports, with what is still missing (a send refuses it) flagged on its row."""
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from collection.kinds import Sending
from core import vn

from . import selectors, services
from .models import Indicator, UnitReport

FIELDS = {
    "indicator": _("Chỉ tiêu"),
    "value": _("Giá trị"),
    "numerator": _("Tử số"),
    "denominator": _("Mẫu số"),
    "comment": _("Ghi chú"),
}
EMPTY = {"value": None, "numerator": None, "denominator": None, "comment": ""}


def content(submission) -> dict:
    """The values a send would keep, with an empty entry for each indicator still to enter."""
    report = UnitReport.objects.select_related("period__call", "organisation").get(submission=submission)
    found = services.report_content(report)
    for indicator in selectors.form_indicators(report):
        found["values"].setdefault(indicator.code, dict(EMPTY))
    return found


def _number(text) -> str:
    if text in (None, ""):
        return ""
    number = Decimal(text).normalize()
    return vn.format_number(number, max(0, -number.as_tuple().exponent))


def rows(content: dict) -> list:
    values = content.get("values", {})
    names = dict(Indicator.objects.filter(code__in=values).values_list("code", "name_vi"))
    return [{"id": code, "indicator": names.get(code, code), "value": _number(entry.get("value")),
             "numerator": _number(entry.get("numerator")), "denominator": _number(entry.get("denominator")),
             "comment": entry.get("comment", "")}
            for code, entry in values.items()]


def warnings(row: dict) -> list:
    if not (row.get("value") or row.get("numerator")):
        return [_("Chưa nhập số liệu: chưa gửi được.")]
    return []


def send(submission, user, expected_version):
    report = UnitReport.objects.get(submission=submission)
    return services.submit(report=report, user=user, expected_version=expected_version)


SENDING = Sending(noun=_("báo cáo chỉ tiêu"), fields=FIELDS, content=content, rows=rows, send=send, warnings=warnings)
