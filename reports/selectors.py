"""The national consolidation of one plan year: who has a focal unit, an issued action plan, a received
dossier; where the money goes. A fixed number of queries whatever the number of units and tasks, and
every total is the sum of the lines it sums (computed here once, never typed)."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Sum

from organisations.models import HAS_FOCAL_UNIT, FocalUnit, Organisation, OrganisationKind
from plans.models import (
    DOSSIER_RECEIVED,
    ActionPlan,
    ActionPlanFunding,
    Dossier,
    DossierCall,
    DossierFunding,
    DossierStatus,
    DossierTask,
    PlanStatus,
)
from programmes.models import ComponentProject, FundingSource, Programme, ProgrammePhase

UNASSIGNED = "—"


@dataclass
class UnitLine:
    organisation: Organisation
    has_focal_unit: bool = False
    plan_status: str = PlanStatus.NOT_STARTED
    plan_decision: str = ""
    dossier_status: str | None = None  # None: nothing started
    dossier_late: bool = False
    dossier_total_vnd: int = 0

    @property
    def plan_status_label(self):
        return PlanStatus(self.plan_status).label

    @property
    def dossier_status_label(self):
        return DossierStatus(self.dossier_status).label if self.dossier_status else PlanStatus.NOT_STARTED.label

    @property
    def dossier_received(self) -> bool:
        return self.dossier_status in DOSSIER_RECEIVED


@dataclass
class Consolidation:
    year: int
    programme: Programme
    phase: ProgrammePhase | None
    call: DossierCall | None
    day: date
    sources: list
    components: list
    lines: list = field(default_factory=list)
    # Funding of received dossiers for the year, in whole đồng.
    by_source: dict = field(default_factory=dict)  # source_id -> vnd
    by_component: dict = field(default_factory=dict)  # component_id or None -> {source_id: vnd}
    by_kind: dict = field(default_factory=dict)  # kind -> {source_id: vnd}
    # Funding of issued action plans over the phase: year -> {source_id: vnd}.
    plan_by_year: dict = field(default_factory=dict)

    @cached_property
    def tasks(self) -> list[dict]:
        """Every task of a received dossier with its funding (two queries, run only for the annex)."""
        if self.call is None:
            return []
        return _received_tasks(self.call, {line.organisation.pk: line for line in self.lines})

    @property
    def units(self) -> int:
        return len(self.lines)

    @property
    def with_focal_unit(self) -> int:
        return sum(line.has_focal_unit for line in self.lines)

    @property
    def with_issued_plan(self) -> int:
        return sum(line.plan_status == PlanStatus.ISSUED for line in self.lines)

    @property
    def with_dossier(self) -> int:
        return sum(line.dossier_received for line in self.lines)

    @property
    def total_vnd(self) -> int:
        return sum(self.by_source.values())

    @property
    def late(self) -> list:
        """Units that sent their dossier after the deadline."""
        return [line for line in self.lines if line.dossier_received and line.dossier_late]

    @property
    def missing(self) -> list:
        """Units whose dossier has not reached the office (or was sent back and not resent)."""
        return [line for line in self.lines if not line.dossier_received]

    def share(self, count: int) -> float | None:
        return round(100 * count / self.units, 1) if self.units else None

    def source_row(self, amounts: dict) -> list[int]:
        return [amounts.get(source.pk, 0) for source in self.sources]

    def kind_rows(self) -> list[tuple[str, list[int], int]]:
        rows = []
        for kind in OrganisationKind:
            if kind in self.by_kind:
                amounts = self.source_row(self.by_kind[kind])
                rows.append((str(kind.label), amounts, sum(amounts)))
        return rows

    def component_rows(self) -> list[tuple[str, list[int], int]]:
        rows = []
        for component in [*self.components, None]:
            key = component.pk if component else None
            if key in self.by_component:
                amounts = self.source_row(self.by_component[key])
                label = f"{component.order}. {component.name_vi}" if component else UNASSIGNED
                rows.append((label, amounts, sum(amounts)))
        return rows

    def plan_year_rows(self) -> list[tuple[int, list[int], int]]:
        return [(year, self.source_row(self.plan_by_year[year]), sum(self.plan_by_year[year].values()))
                for year in sorted(self.plan_by_year)]


def _phase_for(programme: Programme, year: int) -> ProgrammePhase | None:
    return programme.phases.filter(start_year__lte=year, end_year__gte=year).first()


def consolidate(*, year: int, programme: Programme | None = None) -> Consolidation:
    programme = programme or Programme.objects.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
    if programme is None:
        raise Programme.DoesNotExist(f"No programme covers {year}")
    call = DossierCall.objects.filter(call__programme=programme, plan_year=year).first()
    phase = _phase_for(programme, year)
    day = call.deadline if call else date(year - 1, 12, 31)
    result = Consolidation(year=year, programme=programme, phase=phase, call=call, day=day,
                           sources=list(FundingSource.objects.all()),
                           components=list(ComponentProject.objects.filter(programme=programme)))

    # A call's units are the ones it invited at opening (collection), counted as its board counts them.
    units = call.invited.in_letter_order() if call else Organisation.objects.reporting_units().valid_on(day).in_letter_order()
    lines = {unit.pk: UnitLine(organisation=unit) for unit in units}
    for organisation_id in FocalUnit.objects.filter(organisation__in=lines, status__in=HAS_FOCAL_UNIT).values_list(
            "organisation_id", flat=True):
        lines[organisation_id].has_focal_unit = True
    if phase is not None:
        for organisation_id, status, number in ActionPlan.objects.filter(phase=phase, organisation__in=lines).values_list(
                "organisation_id", "status", "decision_number"):
            lines[organisation_id].plan_status = status
            lines[organisation_id].plan_decision = number
        plan_funding = (ActionPlanFunding.objects.filter(task__plan__phase=phase, task__plan__status=PlanStatus.ISSUED,
                                                         task__plan__organisation__in=lines)
                        .values_list("year", "source_id").annotate(total=Sum("amount_vnd")).order_by())
        plan_by_year = defaultdict(dict)
        for plan_year, source_id, total in plan_funding:
            plan_by_year[plan_year][source_id] = total
        result.plan_by_year = dict(plan_by_year)
    if call is not None:
        for organisation_id, status, late in Dossier.objects.filter(call=call).values_list(
                "organisation_id", "submission__status", "submission__submitted_late"):
            if organisation_id in lines:
                lines[organisation_id].dossier_status = status
                lines[organisation_id].dossier_late = late
        funding = (DossierFunding.objects.filter(task__dossier__call=call, task__dossier__submission__status__in=DOSSIER_RECEIVED,
                                                 task__dossier__organisation__in=lines)
                   .values_list("task__dossier__organisation_id", "task__component_id", "source_id")
                   .annotate(total=Sum("amount_vnd")).order_by())
        by_source, by_component, by_kind = defaultdict(int), defaultdict(lambda: defaultdict(int)), defaultdict(lambda: defaultdict(int))
        for organisation_id, component_id, source_id, total in funding:
            by_source[source_id] += total
            by_component[component_id][source_id] += total
            by_kind[lines[organisation_id].organisation.kind][source_id] += total
            lines[organisation_id].dossier_total_vnd += total
        result.by_source = dict(by_source)
        result.by_component = {key: dict(value) for key, value in by_component.items()}
        result.by_kind = {key: dict(value) for key, value in by_kind.items()}
    result.lines = list(lines.values())
    return result


def _received_tasks(call: DossierCall, lines: dict) -> list[dict]:
    """Every task of a received dossier with its funding by source: two queries."""
    tasks = list(DossierTask.objects.filter(dossier__call=call, dossier__submission__status__in=DOSSIER_RECEIVED,
                                            dossier__organisation__in=lines)
                 .select_related("component", "action_task")
                 .values("pk", "name", "responsible_body", "dossier__organisation_id", "component__order",
                         "component__name_vi", "action_task__name")
                 .order_by("dossier__organisation_id", "position", "pk"))
    amounts = defaultdict(dict)
    for task_id, source_id, amount in DossierFunding.objects.filter(task__dossier__call=call).values_list(
            "task_id", "source_id", "amount_vnd"):
        amounts[task_id][source_id] = amount
    order = {organisation_id: index for index, organisation_id in enumerate(lines)}
    tasks.sort(key=lambda task: order[task["dossier__organisation_id"]])
    for task in tasks:
        task["organisation"] = lines[task["dossier__organisation_id"]].organisation
        task["amounts"] = amounts.get(task["pk"], {})
    return tasks
