from django.utils.translation import gettext as _

from accounts import permissions
from collection import board
from collection.models import Call
from collection.selectors import unit_card
from core import clock
from core.vn import format_date

from .models import Dossier, DossierCall


def cards(request):
    """The open dossier calls: for the office each with how many invited units sent (one grouped query for
    all); for a unit those inviting it, with its dossier's state. A fixed number of queries."""
    open_calls = Call.objects.open_on(clock.today())
    if permissions.is_office(request.user):
        calls = list(DossierCall.objects.filter(call__in=open_calls).select_related("call").order_by("-plan_year"))
        counts = board.totals([call.call_id for call in calls])
        return [{"title": str(call), "url": "plans:call_board", "args": [call.plan_year],
                 "value": "{}/{}".format(*counts[call.call_id]),
                 "note": _("đã nhận, hạn %(d)s") % {"d": format_date(call.deadline)}} for call in calls]
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    calls = list(DossierCall.objects.filter(call__in=open_calls.filter(invited=unit)).select_related("call")
                 .order_by("-plan_year"))
    dossiers = {d.call_id: d for d in Dossier.objects.filter(organisation=unit, call__in=calls).select_related("submission")}
    return [{"title": str(call), "url": "plans:dossier", "args": [call.plan_year, unit.code],
             **unit_card(dossiers.get(call.pk), call)} for call in calls]
