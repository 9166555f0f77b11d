"""Reads of plans for the office's dossier pages and for other kinds (a proposal copied from the action plan)."""
from collections import defaultdict

from django.db.models import Count, Sum

from collection.board import completeness_board

from .models import ActionPlanFunding, ActionPlanTask, DossierCall, DossierFunding, DossierTask


def call_board(call: DossierCall) -> dict:
    """collection's board of the call, each line with the unit's number of tasks and its requested
    funding in whole đồng (three queries for the board, two for the counts)."""
    tasks = dict(DossierTask.objects.filter(dossier__call=call).values_list("dossier__organisation_id")
                 .annotate(n=Count("id")).order_by())
    totals = dict(DossierFunding.objects.filter(task__dossier__call=call).values_list("task__dossier__organisation_id")
                  .annotate(total=Sum("amount_vnd")).order_by())
    board = completeness_board(call.call, items=tasks)
    return {"board": board, "lines": [(line, totals.get(line.organisation_id, 0)) for line in board.lines]}


def action_plan_tasks_for_year(*, organisation, programme, year: int) -> list[dict]:
    """The tasks of the unit's action plan (the programme's phase covering `year`) planned in that year, in
    the plan's order, each with its funding of that year in whole đồng: central budget and other sources."""
    tasks = list(ActionPlanTask.objects.filter(plan__organisation=organisation, plan__phase__programme=programme,
                                               start_year__lte=year, end_year__gte=year)
                 .select_related("component").order_by("plan__phase__start_year", "position", "id"))
    funding = defaultdict(lambda: {"central_vnd": 0, "other_vnd": 0})
    for line in ActionPlanFunding.objects.filter(task__in=tasks, year=year).values("task_id", "amount_vnd",
                                                                                     "source__is_central_budget"):
        funding[line["task_id"]]["central_vnd" if line["source__is_central_budget"] else "other_vnd"] += line["amount_vnd"]
    return [{"id": task.pk, "name": task.name, "component_code": task.component.code if task.component else "",
             "responsible_body": task.responsible_body, **funding[task.pk]} for task in tasks]
