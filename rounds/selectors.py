"""Reads for the office: the completeness board (collection's) and the consolidation. Each runs a fixed number of
queries whatever the number of units or rows."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce

from collection import board as collection_board
from collection.board import STATES as BOARD_STATES
from collection.models import RECEIVED, Call
from organisations.models import KIND_GROUP, Organisation, OrganisationGroup, kind_rank

from .models import Proposal, ProposalStatus, Round, TaskRow

# What the office consolidates: proposals it has received and not sent back.
CONSOLIDATED_STATUSES = RECEIVED
UNCLASSIFIED = "(chưa phân loại)"
UNCLASSIFIED_ORDER = 10_000  # rows without a priority activity or component project come last


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
        by_priority=_totals(rows, lambda r: r["priority__name_vi"] or UNCLASSIFIED),
        by_component=_totals(rows, lambda r: r["component__name_vi"] or UNCLASSIFIED),
        by_source=[
            {"label": "Ngân sách Trung ương", "central_vnd": central, "other_vnd": 0, "approved_vnd": sum(r["approved"] or 0 for r in rows)},
            {"label": "Các nguồn khác (đối ứng)", "central_vnd": 0, "other_vnd": other, "approved_vnd": 0},
        ],
        central_vnd=central,
        other_vnd=other,
        approved_vnd=sum(r["approved"] or 0 for r in rows),
    )


EXPORT_CHUNK = 2000  # rows fetched per round trip when streaming an export


def _export_queryset(round_obj: Round, organisation_ids=None):
    rows = TaskRow.objects.filter(proposal__round=round_obj)
    if organisation_ids is None:
        return rows.filter(proposal__submission__status__in=CONSOLIDATED_STATUSES)
    return rows.filter(proposal__organisation_id__in=organisation_ids)


def export_rows(round_obj: Round, organisation_ids=None):
    """Every consolidated task row of a round, unit by unit, as plain dicts read in chunks (flat memory).

    With `organisation_ids`, those units' rows whatever the proposal's state (a unit's own export)."""
    return (_export_queryset(round_obj, organisation_ids)
            .order_by("proposal__organisation__name_vi", "proposal__organisation_id", "position", "id")
            .values("name", "objectives", "products", "period", "central_vnd", "other_vnd", "approved_central_vnd",
                    "notes", organisation_id=F("proposal__organisation_id"),
                    unit=F("proposal__organisation__name_vi"), priority_name=F("priority__name_vi"),
                    component_name=F("component__name_vi"))
            .iterator(chunk_size=EXPORT_CHUNK))


def export_row_count(round_obj: Round, organisation_ids=None) -> int:
    """How many task rows export_rows gives (decides whether the export runs in the background)."""
    return _export_queryset(round_obj, organisation_ids).count()


def open_rounds(day, *, invited=None):
    """Rounds accepting proposals on `day`, soonest deadline first (shown to the public); with `invited`,
    only those inviting that unit."""
    calls = Call.objects.open_on(day)
    if invited is not None:
        calls = calls.filter(invited=invited)
    return (
        Round.objects.filter(call__in=calls).select_related("call")
        .annotate(invited_count=Count("call__invited"))
        .order_by("call__deadline")
    )


# --- What the report to the Prime Minister reads of this kind (letter 4108, section 2a) ---



@dataclass
class ProposalUnit:
    """An invited unit and where its proposal stands."""

    organisation_id: int
    name: str
    kind: str
    status: str | None  # a ProposalStatus; None: nothing started
    late: bool = False

    @property
    def sent(self) -> bool:
        return self.status in CONSOLIDATED_STATUSES

    @property
    def returned(self) -> bool:
        """Sent back for completion and not sent again."""
        return self.status == ProposalStatus.RETURNED

    @property
    def status_label(self) -> str:
        if self.status is None:
            return str(BOARD_STATES["not_started"])
        if self.status == ProposalStatus.SUBMITTED:
            return str(BOARD_STATES["late" if self.late else "on_time"])
        return str(ProposalStatus(self.status).label)


@dataclass
class ProposalGroup:
    """The sums of the sent rows sharing a unit, a priority activity and a component project (whole đồng)."""

    organisation_id: int
    priority: str
    component: str
    priority_order: int  # the list's order; unclassified rows last
    component_order: int
    tasks: int
    central_vnd: int
    other_vnd: int
    approved_vnd: int


@dataclass
class ProposalSummary:
    rounds: list  # [{"title", "deadline", "letter_number"}]
    units: list  # [ProposalUnit], in the letter's order
    groups: list  # [ProposalGroup]

    @property
    def sent(self) -> list:
        return [unit for unit in self.units if unit.sent]


def _report_rounds(programme, plan_year):
    return Round.objects.filter(call__programme=programme, plan_year=plan_year)


def report_proposals(*, programme, plan_year: int) -> ProposalSummary:
    """The proposals for a plan year as plain data: each invited unit's state and the sent rows' sums by
    unit, priority activity and component project. Four queries whatever the number of rows."""
    rounds = _report_rounds(programme, plan_year)
    round_list = list(rounds.order_by("call__deadline").values("letter_number", title=F("call__title"), deadline=F("call__deadline")))
    units = {
        unit["id"]: ProposalUnit(unit["id"], unit["name_vi"], unit["kind"], None)
        for unit in Organisation.objects.filter(pk__in=Call.invited.through.objects.filter(call__round__in=rounds)
                                                .values("organisation_id"))
        .order_by(kind_rank(), "name_vi").values("id", "name_vi", "kind")
    }
    for proposal in Proposal.objects.filter(round__in=rounds).values("organisation_id", status=F("submission__status"),
                                                             submitted_late=F("submission__submitted_late")):
        unit = units.get(proposal["organisation_id"])
        if unit is not None and not unit.sent:  # a unit in two rounds of one year: the round it sent in counts
            unit.status, unit.late = proposal["status"], proposal["submitted_late"]
    groups = [
        ProposalGroup(row["organisation_id"], row["priority_name"] or UNCLASSIFIED, row["component_name"] or UNCLASSIFIED,
                      UNCLASSIFIED_ORDER if row["priority_order"] is None else row["priority_order"],
                      UNCLASSIFIED_ORDER if row["component_order"] is None else row["component_order"],
                      row["tasks"], row["central"], row["other"], row["approved"])
        for row in TaskRow.objects.filter(proposal__round__in=rounds, proposal__submission__status__in=CONSOLIDATED_STATUSES)
        .values(organisation_id=F("proposal__organisation_id"), priority_name=F("priority__name_vi"),
                component_name=F("component__name_vi"), priority_order=F("priority__order"),
                component_order=F("component__order"))
        .annotate(tasks=Count("id"), central=Sum("central_vnd"), other=Sum("other_vnd"),
                  approved=Coalesce(Sum("approved_central_vnd"), Value(0)))
        .order_by("priority_order", "component_order")
    ]
    return ProposalSummary(rounds=round_list, units=list(units.values()), groups=groups)


def report_proposal_rows(*, programme, plan_year: int):
    """Every sent task row of the plan year's rounds, unit by unit in the letter's order, read in chunks."""
    return (TaskRow.objects.filter(proposal__round__in=_report_rounds(programme, plan_year),
                                   proposal__submission__status__in=CONSOLIDATED_STATUSES)
            .annotate(rank=kind_rank("proposal__organisation__kind"))
            .order_by("rank", "proposal__organisation__name_vi", "proposal__organisation_id", "position", "id")
            .values_list("proposal__organisation__name_vi", "proposal__organisation__kind", "name", "priority__name_vi",
                         "component__name_vi", "central_vnd", "other_vnd", "approved_central_vnd",
                         "proposal__submission__submitted_late")
            .iterator(chunk_size=EXPORT_CHUNK))


def previous_year_rows(round_obj: Round, organisation) -> list:
    """The unit's rows in the same programme's round of the year before (the latest such round), in order."""
    proposal = (Proposal.objects.filter(round__call__programme_id=round_obj.call.programme_id,
                                        round__plan_year=round_obj.plan_year - 1, organisation=organisation)
                .order_by("-round__call__deadline").first())
    return list(proposal.rows.select_related("priority", "component")) if proposal else []
