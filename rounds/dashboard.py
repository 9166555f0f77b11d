from django.utils.translation import gettext as _

from accounts import permissions
from collection import board
from collection.selectors import unit_card
from core import clock
from core.vn import format_date

from . import selectors
from .models import Proposal


def cards(request):
    """The open rounds: for the office each with how many invited units sent (one grouped query for all);
    for a unit those inviting it, with its proposal's state. A fixed number of queries."""
    today = clock.today()
    if permissions.is_office(request.user):
        rounds = list(selectors.open_rounds(today))
        totals = board.totals([round_obj.call_id for round_obj in rounds])
        return [{"title": round_obj.title, "value": "{}/{}".format(*totals[round_obj.call_id]),
                 "note": _("đã gửi, hạn %(d)s") % {"d": format_date(round_obj.deadline)},
                 "url": "rounds:board", "args": [round_obj.pk]} for round_obj in rounds]
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    rounds = list(selectors.open_rounds(today, invited=unit))
    proposals = {p.round_id: p for p in Proposal.objects.filter(organisation=unit, round__in=rounds).select_related("submission")}
    return [{"title": round_obj.title, **unit_card(proposals.get(round_obj.pk), round_obj),
             "url": "rounds:proposal", "args": [round_obj.pk, unit.code]} for round_obj in rounds]
