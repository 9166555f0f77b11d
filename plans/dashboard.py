from django.utils.translation import gettext as _

from accounts import permissions
from collection.selectors import unit_card
from core import clock
from core.vn import format_date

from .models import DOSSIER_RECEIVED, Dossier, DossierCall


def cards(request):
    """The dossier calls still before or just past their deadline (within 60 days)."""
    today = clock.today()
    calls = [call for call in DossierCall.objects.order_by("-plan_year")[:3] if (today - call.deadline).days <= 60]
    if permissions.is_office(request.user):
        return [{"title": str(call), "url": "plans:call_board", "args": [call.plan_year],
                 "value": f"{call.dossiers.filter(submission__status__in=DOSSIER_RECEIVED).count()}/{call.invited.count()}",
                 "note": _("đã nhận, hạn %(d)s") % {"d": format_date(call.deadline)}} for call in calls]
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    dossiers = {d.call_id: d for d in Dossier.objects.filter(organisation=unit, call__in=calls)}
    return [{"title": str(call), "url": "plans:dossier", "args": [call.plan_year, unit.code],
             **unit_card(dossiers.get(call.pk), call)}
            for call in calls if call.invited.filter(pk=unit.pk).exists()]
