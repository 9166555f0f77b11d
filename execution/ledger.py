"""The money ladder of an assigned task: approved → allocated → advanced → paid → settled.

Every figure is a SUM of whole-đồng MoneyEntry rows. The ladder rule, checked per (source, year):
allocated ≤ approved, advanced ≤ allocated, paid ≤ allocated, settled ≤ paid. A payment is measured
against the allocation (not the advance: a payment may be made without one). The only way past a
ceiling is an adjustment of the stage before, which carries its reason and decision."""
from collections import defaultdict

from django.db.models import Sum
from django.utils.translation import gettext as _

from core.vn import format_money

from .models import MoneyEntry, Stage

STAGES = [Stage.APPROVED, Stage.ALLOCATED, Stage.ADVANCED, Stage.PAID, Stage.SETTLED]
CEILING = {Stage.ALLOCATED: Stage.APPROVED, Stage.ADVANCED: Stage.ALLOCATED, Stage.PAID: Stage.ALLOCATED,
           Stage.SETTLED: Stage.PAID}


def empty() -> dict:
    return dict.fromkeys(STAGES, 0)


def totals_by(entries, *fields) -> dict:
    """{(field values...): {stage: đồng}} over a MoneyEntry queryset, in one query."""
    result = defaultdict(empty)
    rows = entries.values(*fields, "stage").annotate(total=Sum("amount_vnd")).order_by()
    for row in rows:
        key = tuple(row[field] for field in fields)
        result[key][row["stage"]] += row["total"]
    return dict(result)


def stage_totals(entries) -> dict:
    """{stage: đồng} over a MoneyEntry queryset."""
    return totals_by(entries).get((), empty())


def ladder_errors(totals: dict, *, label: str) -> list[str]:
    """What breaks the ladder in one (source, year) cell: a stage above its ceiling, or below zero."""
    errors = []
    for stage in STAGES:
        if totals[stage] < 0:
            errors.append(_("%(stage)s của %(label)s không thể âm.") % {"stage": Stage(stage).label, "label": label})
    for stage, ceiling in CEILING.items():
        if totals[stage] > totals[ceiling]:
            errors.append(_("%(stage)s (%(amount)s đồng) vượt số %(ceiling)s (%(limit)s đồng) của %(label)s.") % {
                "stage": Stage(stage).label, "amount": format_money(totals[stage]),
                "ceiling": Stage(ceiling).label.lower(), "limit": format_money(totals[ceiling]), "label": label})
    return errors


def task_cells(task) -> dict:
    """{(source_id, year): {stage: đồng}} for one task."""
    return totals_by(MoneyEntry.objects.filter(task=task), "source_id", "year")
