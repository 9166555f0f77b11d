"""Reads for the office's dossier pages."""
from django.db.models import Count, Sum

from collection.board import completeness_board

from .models import DossierCall, DossierFunding, DossierTask


def call_board(call: DossierCall) -> dict:
    """collection's board of the call, each line with the unit's number of tasks and its requested
    funding in whole đồng (three queries for the board, two for the counts)."""
    tasks = dict(DossierTask.objects.filter(dossier__call=call).values_list("dossier__organisation_id")
                 .annotate(n=Count("id")).order_by())
    totals = dict(DossierFunding.objects.filter(task__dossier__call=call).values_list("task__dossier__organisation_id")
                  .annotate(total=Sum("amount_vnd")).order_by())
    board = completeness_board(call.call, items=tasks)
    return {"board": board, "lines": [(line, totals.get(line.organisation_id, 0)) for line in board.lines]}
