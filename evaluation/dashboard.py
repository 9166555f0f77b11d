from django.utils.translation import gettext as _

from accounts import permissions
from collection import board
from collection.models import Call
from collection.selectors import unit_card
from core import clock
from core.vn import format_date

from .models import ReportingPeriod, UnitReport


def _open_periods(user):
    today = clock.today()
    return list(permissions.scope(ReportingPeriod.objects.filter(call__in=Call.objects.open_on(today)), user)
                .select_related("call"))


def cards(request):
    periods = _open_periods(request.user)
    if permissions.is_office(request.user):
        counts = board.totals([period.call_id for period in periods])
        return [{"title": period.title, "value": "{}/{}".format(*counts[period.call_id]),
                 "note": _("báo cáo chỉ tiêu đã gửi, hạn %(d)s") % {"d": format_date(period.deadline)},
                 "url": "evaluation:board", "args": [period.pk]} for period in periods]
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    reports = {r.period_id: r for r in UnitReport.objects.filter(organisation=unit, period__in=periods).select_related("submission")}
    return [{"title": period.title,
             **unit_card(reports.get(period.pk), period),
             "url": "evaluation:report", "args": [period.pk, unit.code]}
            for period in periods]
