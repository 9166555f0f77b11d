"""Reads: the unit form's indicators, previous values, the completeness board and the national
dashboard. Each runs a fixed number of queries whatever the number of units, years or indicators."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from collection import board as collection_board
from collection.models import RECEIVED
from organisations.models import KIND_ORDER, Organisation, OrganisationKind

from . import computed, rules
from .models import Indicator, IndicatorValue, ReportingPeriod, UnitReport


def period_indicators(period: ReportingPeriod):
    return Indicator.objects.filter(programme_id=period.programme_id)


def form_indicators(report: UnitReport) -> list[Indicator]:
    """The indicators this unit enters for this period (computed ones, those other apps' records feed
    (a computed_key) and other kinds' excluded)."""
    kind = report.organisation.kind
    entered = period_indicators(report.period).exclude(aggregation="computed").filter(computed_key="")
    return [i for i in entered if i.applies_to(kind)]


def previous_values(report: UnitReport) -> dict:
    """{indicator id: the unit's value} from its latest earlier submitted report of the programme (one query)."""
    earlier = (
        IndicatorValue.objects.filter(
            report__organisation_id=report.organisation_id, report__submission__status__in=RECEIVED,
            report__period__call__programme_id=report.period.programme_id, report__period__end_year__lt=report.period.end_year,
        )
        .select_related("indicator")
        .order_by("report__period__end_year", "report__period__start_year")
    )
    values = {}
    for row in earlier:  # later periods overwrite earlier ones
        current = rules.unit_value(row.indicator.entry, row.value, row.numerator, row.denominator)
        if current is not None:
            values[row.indicator_id] = current
    return values


# --- Completeness board ---

def completeness_board(period: ReportingPeriod):
    """collection's board of the period's call, with each unit's number of values entered."""
    values = dict(IndicatorValue.objects.filter(report__period=period).values_list("report__organisation_id")
                  .annotate(n=Count("id")).order_by())
    return collection_board.completeness_board(period.call, items=values)


# --- National dashboard ---

def _dec(number) -> Decimal:
    if number is None:
        return Decimal(0)
    return number if isinstance(number, Decimal) else Decimal(str(number))


SUM_FIELDS = {
    "n_units": Count("id", filter=Q(value__isnull=False) | Q(numerator__isnull=False)),
    "s_value": Sum("value"),
    "s_numerator": Sum("numerator"),
    "s_denominator": Sum("denominator"),
    "s_weighted": Sum(ExpressionWrapper(F("value") * F("denominator"), output_field=DecimalField(max_digits=30, decimal_places=8))),
    "n_positive": Count("id", filter=Q(value__gt=0)),
}


def _sums(row: dict) -> rules.Sums:
    return rules.Sums(units=row["n_units"], value=_dec(row["s_value"]), numerator=_dec(row["s_numerator"]),
                      denominator=_dec(row["s_denominator"]), weighted=_dec(row["s_weighted"]), positive=row["n_positive"])


def submitted_values():
    return IndicatorValue.objects.filter(report__submission__status__in=RECEIVED)


def target_for(targets: list, year: int):
    """The target of the milestone the period reports against: its own year, else the next one, else the last."""
    ordered = sorted(targets, key=lambda t: t.milestone_year)
    for target in ordered:
        if target.milestone_year >= year:
            return target
    return ordered[-1] if ordered else None


@dataclass
class IndicatorLine:
    indicator: Indicator
    sums: rules.Sums
    value: Decimal | None
    target: object
    gap: Decimal | None
    available: bool = True
    by_kind: dict = field(default_factory=dict)  # kind -> value
    by_province: dict = field(default_factory=dict)  # organisation code -> value
    trend: list = field(default_factory=list)  # [(period label, value)]

    @property
    def reached(self):
        return None if self.gap is None else self.gap >= 0


@dataclass
class Dashboard:
    period: ReportingPeriod
    lines: list
    kinds: list  # [(kind, label)] present among invited units
    provinces: list  # [{"code", "name"}] invited provinces
    board_expected: int
    board_actual: int
    round_rates: list
    periods: list

    @property
    def reporting_rate(self):
        return round(100 * self.board_actual / self.board_expected, 1) if self.board_expected else None

    def line(self, code):
        return next((line for line in self.lines if line.indicator.code == code), None)


def _add_contributions(period, periods, by_kind, by_province, trend) -> None:
    """Adds other apps' results (computed.contributions) to the grouped sums, each in the period
    covering its year (two queries)."""
    added = computed.contributions(period.programme_id)
    if not added:
        return
    units = {u["id"]: u for u in Organisation.objects.filter(pk__in={row[1] for row in added}).values("id", "code", "kind")}
    for indicator_id, unit_id, year, value in added:
        sums = rules.Sums.of_unit(value)
        for other in periods:
            if other.start_year <= year <= other.end_year:
                trend[indicator_id][other.pk] = trend[indicator_id].get(other.pk, rules.Sums()) + sums
        if period.start_year <= year <= period.end_year:
            unit = units[unit_id]
            by_kind[indicator_id][unit["kind"]] = by_kind[indicator_id].get(unit["kind"], rules.Sums()) + sums
            if unit["kind"] == OrganisationKind.PROVINCE:
                by_province[indicator_id][unit["code"]] = by_province[indicator_id].get(unit["code"], rules.Sums()) + sums


def dashboard(period: ReportingPeriod) -> Dashboard:
    """Every indicator's national value against its target, by organisation kind, by province and by
    period: a fixed number of queries (grouped sums in SQL; the aggregation rules applied in Python)."""
    from .indicators import round_rates

    indicators = list(period_indicators(period).prefetch_related("targets"))
    units = list(period.invited.values("id", "code", "name_vi", "area_name", "kind"))
    unit_by_id = {u["id"]: u for u in units}
    periods = list(ReportingPeriod.objects.filter(call__programme_id=period.programme_id).order_by("end_year", "start_year"))

    values = submitted_values().filter(report__period=period)
    by_kind = defaultdict(dict)  # indicator id -> kind -> Sums
    for row in values.values("indicator_id", kind=F("report__organisation__kind")).annotate(**SUM_FIELDS).order_by():
        by_kind[row["indicator_id"]][row["kind"]] = _sums(row)
    by_province = defaultdict(dict)  # indicator id -> code -> Sums
    for row in (values.filter(report__organisation__kind=OrganisationKind.PROVINCE)
                .values("indicator_id", code=F("report__organisation__code")).annotate(**SUM_FIELDS).order_by()):
        by_province[row["indicator_id"]][row["code"]] = _sums(row)
    trend = defaultdict(dict)  # indicator id -> period id -> Sums
    for row in (submitted_values().filter(report__period__call__programme_id=period.programme_id)
                .values("indicator_id", period_id=F("report__period_id")).annotate(**SUM_FIELDS).order_by()):
        trend[row["indicator_id"]][row["period_id"]] = _sums(row)
    _add_contributions(period, periods, by_kind, by_province, trend)

    lines = []
    for indicator in indicators:
        rule = indicator.aggregation
        kind_sums, province_sums, available = by_kind[indicator.pk], by_province[indicator.pk], True
        if indicator.is_computed:
            per_unit = computed.compute(indicator.computed_key, period, list(unit_by_id))
            available = per_unit is not None
            kind_sums, province_sums = {}, {}
            for unit_id, (numerator, denominator) in (per_unit or {}).items():
                unit = unit_by_id[unit_id]
                sums = rules.Sums(units=1, numerator=_dec(numerator), denominator=_dec(denominator))
                kind_sums[unit["kind"]] = kind_sums.get(unit["kind"], rules.Sums()) + sums
                if unit["kind"] == OrganisationKind.PROVINCE:
                    province_sums[unit["code"]] = sums
        total = sum(kind_sums.values(), rules.Sums())
        value = rules.combine(rule, total)
        target = target_for(list(indicator.targets.all()), period.end_year)
        line = IndicatorLine(
            indicator=indicator, sums=total, value=value, target=target, available=available,
            gap=rules.gap(value, target.target_min, target.target_max) if target else None,
            by_kind={kind: rules.combine(rule, sums) for kind, sums in kind_sums.items()},
            by_province={code: rules.combine(rule, sums) for code, sums in province_sums.items()},
        )
        if not indicator.is_computed:
            line.trend = [(p.years_label, rules.combine(rule, trend[indicator.pk][p.pk]))
                          for p in periods if p.pk in trend[indicator.pk]]
        lines.append(line)

    present = {u["kind"] for u in units}
    board = completeness_board(period)
    return Dashboard(
        period=period, lines=lines,
        kinds=[(kind, OrganisationKind(kind).label) for kind in KIND_ORDER if kind in present],
        provinces=sorted(({"code": u["code"], "name": u["area_name"] or u["name_vi"]}
                          for u in units if u["kind"] == OrganisationKind.PROVINCE), key=lambda p: p["name"]),
        board_expected=board.expected, board_actual=board.actual, round_rates=round_rates(period), periods=periods,
    )


def unit_values(organisation) -> list[dict]:
    """A unit's indicator values from its submitted reports (public on its portal page), latest period
    first: one query, each value under its indicator's aggregation rule."""
    rows = (submitted_values().filter(report__organisation=organisation)
            .values("report__period_id", "indicator_id").annotate(**SUM_FIELDS)
            .values("report__period__call__title", "report__period__end_year", "indicator__code", "indicator__name_vi",
                    "indicator__unit", "indicator__aggregation", *SUM_FIELDS)
            .order_by("-report__period__end_year", "indicator__code"))
    return [{"period": row["report__period__call__title"], "code": row["indicator__code"], "name": row["indicator__name_vi"],
             "unit": row["indicator__unit"], "value": rules.combine(row["indicator__aggregation"], _sums(row))}
            for row in rows]
