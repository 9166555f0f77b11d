"""Reads for the office: the completeness board (collection's) and the consolidation. Each runs a fixed number of
queries whatever the number of units or rows."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum

from collection import board as collection_board
from collection.models import RECEIVED, Call
from organisations.models import KIND_GROUP, OrganisationGroup

from .models import Round, TaskRow

# What the office consolidates: proposals it has received and not sent back.
CONSOLIDATED_STATUSES = RECEIVED


def completeness_board(round_obj: Round, *, group: str | None = None, kind: str | None = None):
    """collection's board of the round's call, with each unit's number of task rows."""
    rows = dict(TaskRow.objects.filter(proposal__round=round_obj).values_list("proposal__organisation_id")
                .annotate(n=Count("id")).order_by())
    return collection_board.completeness_board(round_obj.call, items=rows, group=group, kind=kind)


@dataclass
class Consolidation:
    by_unit: list
    by_group: list
    by_priority: list
    by_component: list
    by_source: list
    central_vnd: int
    other_vnd: int
    approved_vnd: int


def _totals(rows, key):
    sums = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        entry = sums[key(row)]
        entry[0] += row["central"] or 0
        entry[1] += row["other"] or 0
        entry[2] += row["approved"] or 0
    return [{"label": label, "central_vnd": c, "other_vnd": o, "approved_vnd": a} for label, (c, o, a) in sums.items()]


def consolidation(round_obj: Round) -> Consolidation:
    """Totals by unit, organisation group, priority activity, component project and funding source."""
    rows = list(
        TaskRow.objects.filter(proposal__round=round_obj, proposal__submission__status__in=CONSOLIDATED_STATUSES)
        .values("proposal__organisation__name_vi", "proposal__organisation__kind", "priority__name_vi", "component__name_vi")
        .annotate(central=Sum("central_vnd"), other=Sum("other_vnd"), approved=Sum("approved_central_vnd"))
        .order_by("proposal__organisation__name_vi")
    )
    central = sum(r["central"] or 0 for r in rows)
    other = sum(r["other"] or 0 for r in rows)
    group_labels = dict(OrganisationGroup.choices)
    return Consolidation(
        by_unit=_totals(rows, lambda r: r["proposal__organisation__name_vi"]),
        by_group=_totals(rows, lambda r: str(group_labels[KIND_GROUP[r["proposal__organisation__kind"]]])),
        by_priority=_totals(rows, lambda r: r["priority__name_vi"] or "(chưa phân loại)"),
        by_component=_totals(rows, lambda r: r["component__name_vi"] or "(chưa phân loại)"),
        by_source=[
            {"label": "Ngân sách Trung ương", "central_vnd": central, "other_vnd": 0, "approved_vnd": sum(r["approved"] or 0 for r in rows)},
            {"label": "Các nguồn khác (đối ứng)", "central_vnd": 0, "other_vnd": other, "approved_vnd": 0},
        ],
        central_vnd=central,
        other_vnd=other,
        approved_vnd=sum(r["approved"] or 0 for r in rows),
    )


def export_units(round_obj: Round, organisation_ids=None) -> list[dict]:
    """Units with their consolidated rows, for the .xlsx exports (one query)."""
    rows = TaskRow.objects.filter(proposal__round=round_obj, proposal__submission__status__in=CONSOLIDATED_STATUSES).select_related(
        "proposal__organisation"
    )
    if organisation_ids is not None:
        rows = TaskRow.objects.filter(proposal__round=round_obj, proposal__organisation_id__in=organisation_ids).select_related(
            "proposal__organisation"
        )
    units = {}
    for row in rows.order_by("proposal__organisation__name_vi", "position", "id"):
        organisation = row.proposal.organisation
        units.setdefault(organisation.pk, {"name": organisation.name_vi, "rows": []})["rows"].append(
            {"name": row.name, "objectives": row.objectives, "products": row.products, "period": row.period,
             "central_vnd": row.central_vnd, "other_vnd": row.other_vnd, "notes": row.notes}
        )
    return list(units.values())


def open_rounds(day):
    """Rounds accepting proposals on `day`, soonest deadline first (shown to the public)."""
    return (
        Round.objects.filter(call__in=Call.objects.open_on(day))
        .annotate(invited_count=Count("call__invited"))
        .order_by("call__deadline")
    )
