"""The national consolidation of one plan year: who has a focal unit, an issued action plan, a received
dossier; where the money goes. A fixed number of queries whatever the number of units and tasks, and
every total is the sum of the lines it sums (computed here once, never typed).

The report to the Prime Minister reads each kind through one function (`report_data`): the focal
units, action plans and dossiers through `consolidate`, the evaluation against the targets through
`evaluation_summary`, the proposals through `rounds.selectors.report_proposals`. A later kind adds its
own function there and a section in pm_report, without touching the others."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from core import clock
from evaluation import report as evaluation_report
from evaluation import selectors as evaluation_selectors
from evaluation.models import ReportingPeriod
from organisations.models import HAS_FOCAL_UNIT, FocalUnit, Organisation, OrganisationKind, kind_rank
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
from rounds import selectors as rounds_selectors

UNASSIGNED = "—"
TASK_CHUNK = 2000  # rows fetched per round trip when streaming the annex


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
    def plan_issued(self) -> bool:
        return self.plan_status == PlanStatus.ISSUED

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

    def _received(self):
        return DossierTask.objects.filter(dossier__call=self.call, dossier__submission__status__in=DOSSIER_RECEIVED,
                                          dossier__organisation_id__in=[line.organisation.pk for line in self.lines])

    def received_task_count(self) -> int:
        return 0 if self.call is None else self._received().count()

    def received_tasks(self):
        """Every task of a received dossier with its funding by source (whole đồng, in `sources` order), unit by
        unit in the letter's order: one query, read in chunks, so the annex streams whatever the size. Each row:
        (unit, kind, task, component order, component, action-plan task, responsible body, *amounts)."""
        if self.call is None:
            return iter(())
        amounts = {f"source_{source.pk}": Coalesce(Sum("funding__amount_vnd", filter=Q(funding__source_id=source.pk)),
                                                   Value(0)) for source in self.sources}
        return (self._received()
                .annotate(rank=kind_rank("dossier__organisation__kind"), **amounts)
                .order_by("rank", "dossier__organisation__name_vi", "dossier__organisation_id", "position", "pk")
                .values_list("dossier__organisation__name_vi", "dossier__organisation__kind", "name", "component__order",
                             "component__name_vi", "action_task__name", "responsible_body", *amounts)
                .iterator(chunk_size=TASK_CHUNK))

    @property
    def units(self) -> int:
        return len(self.lines)

    @property
    def with_focal_unit(self) -> int:
        return sum(line.has_focal_unit for line in self.lines)

    @property
    def with_issued_plan(self) -> int:
        return sum(line.plan_issued for line in self.lines)

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


def evaluation_period(*, programme: Programme, year: int) -> ReportingPeriod | None:
    """The evaluation a plan year's report cites: the latest multi-year period that ended before the plan
    year (2009–2015 for 2017), else the latest period that did."""
    periods = list(ReportingPeriod.objects.filter(call__programme=programme, end_year__lt=year).order_by("-end_year", "start_year"))
    return next((period for period in periods if period.start_year < period.end_year), periods[0] if periods else None)


def evaluation_summary(*, programme: Programme, year: int) -> dict | None:
    """The national value of every indicator against its target, as the evaluation report's plain data."""
    period = evaluation_period(programme=programme, year=year)
    if period is None:
        return None
    return evaluation_report.report_data(evaluation_selectors.dashboard(period), clock.today())


@dataclass
class ReportData:
    """Everything the report to the Prime Minister shows, read once per download."""

    year: int
    dossiers: Consolidation  # focal units, action plans and the annual dossiers (letter 4108, 1a, 1b and 2b)
    proposals: rounds_selectors.ProposalSummary  # proposals for central-budget support (2a)
    evaluation: dict | None  # the evaluation against the targets (1b)
    proposal_rows: object  # a callable giving every sent proposal row, read in chunks (the .xlsx annex)


def report_data(*, year: int, programme: Programme) -> ReportData:
    return ReportData(
        year=year, dossiers=consolidate(year=year, programme=programme),
        proposals=rounds_selectors.report_proposals(programme=programme, plan_year=year),
        evaluation=evaluation_summary(programme=programme, year=year),
        proposal_rows=partial(rounds_selectors.report_proposal_rows, programme=programme, plan_year=year),
    )
