"""Reads for the office: the completeness board and the consolidation. Each runs a fixed number of
queries whatever the number of units or rows."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from core.board import Board
from core.board import BoardLine as BaseBoardLine
from organisations.models import KIND_GROUP, OrganisationGroup, OrganisationKind

from .models import Proposal, ProposalStatus, ProposalVersion, Round, TaskRow

BOARD_STATES = {
    "not_started": _("Chưa bắt đầu"),
    "draft": _("Đang soạn"),
    "on_time": _("Đã gửi đúng hạn"),
    "late": _("Đã gửi muộn"),
    "returned": _("Trả lại"),
    "accepted": _("Đã chấp nhận"),
}
# What the office consolidates: proposals it has received and not sent back.
CONSOLIDATED_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.ACCEPTED)


@dataclass
class BoardLine(BaseBoardLine):
    STATES = BOARD_STATES

    rows: int = 0
    versions: int = 0


def _state(proposal: dict | None) -> str:
    if proposal is None:
        return "not_started"
    status = proposal["status"]
    if status == ProposalStatus.DRAFT:
        return "draft" if proposal["n_rows"] or proposal["n_versions"] else "not_started"
    if status == ProposalStatus.SUBMITTED:
        return "late" if proposal["submitted_late"] else "on_time"
    return status


def completeness_board(round_obj: Round, *, group: str | None = None, kind: str | None = None) -> Board:
    invited = round_obj.invited.order_by("name_vi").values("id", "code", "name_vi", "kind")
    first_late = ProposalVersion.objects.filter(proposal=OuterRef("pk")).order_by("number").values("late")[:1]
    proposals = {
        p["organisation_id"]: p
        for p in Proposal.objects.filter(round=round_obj)
        .annotate(
            n_rows=Subquery(TaskRow.objects.filter(proposal=OuterRef("pk")).values("proposal").annotate(c=Count("id")).values("c")[:1]),
            n_versions=Subquery(ProposalVersion.objects.filter(proposal=OuterRef("pk")).values("proposal").annotate(c=Count("id")).values("c")[:1]),
            first_late=Subquery(first_late),
        )
        .values("organisation_id", "status", "submitted_late", "submitted_at", "n_rows", "n_versions", "first_late")
    }
    lines, counts = [], defaultdict(int)
    board = Board(lines=lines)
    for org in invited:
        if (group and KIND_GROUP.get(org["kind"]) != group) or (kind and org["kind"] != kind):
            continue
        proposal = proposals.get(org["id"])
        state = _state(proposal)
        line = BoardLine(org["id"], org["code"], org["name_vi"], OrganisationKind(org["kind"]), state)
        if proposal:
            line.rows = proposal["n_rows"] or 0
            line.versions = proposal["n_versions"] or 0
            line.submitted_at = proposal["submitted_at"]
        lines.append(line)
        counts[state] += 1
        board.expected += 1
        if line.versions:
            board.actual += 1
            if proposal["first_late"] is False:
                board.actual_on_time += 1
    board.counts = {key: counts.get(key, 0) for key in BOARD_STATES}
    return board


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
        TaskRow.objects.filter(proposal__round=round_obj, proposal__status__in=CONSOLIDATED_STATUSES)
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
    rows = TaskRow.objects.filter(proposal__round=round_obj, proposal__status__in=CONSOLIDATED_STATUSES).select_related(
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
    from django.db.models import Q

    return (
        Round.objects.filter(opens_on__lte=day)
        .filter(Q(deadline__gte=day) | Q(accepts_late=True))
        .annotate(invited_count=Count("invited"))
        .order_by("deadline")
    )
