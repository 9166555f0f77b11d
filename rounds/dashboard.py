from django.utils.translation import gettext as _

from accounts import permissions
from collection.selectors import unit_card
from core import clock
from core.vn import format_date

from . import selectors
from .models import Proposal


def cards(request):
    today = clock.today()
    rounds = list(selectors.open_rounds(today))
    if permissions.is_office(request.user):
        cards = []
        for round_obj in rounds:
            board = selectors.completeness_board(round_obj)
            cards.append({"title": round_obj.title, "value": f"{board.actual}/{board.expected}",
                          "note": _("đã gửi, hạn %(d)s") % {"d": format_date(round_obj.deadline)},
                          "url": "rounds:board", "args": [round_obj.pk]})
        return cards
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    proposals = {p.round_id: p for p in Proposal.objects.filter(organisation=unit, round__in=rounds)}
    cards = []
    for round_obj in rounds:
        if not round_obj.invited.filter(pk=unit.pk).exists():
            continue
        proposal = proposals.get(round_obj.pk)
        cards.append({"title": round_obj.title, **unit_card(proposal, round_obj),
                      "url": "rounds:proposal", "args": [round_obj.pk, unit.code]})
    return cards
