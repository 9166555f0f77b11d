"""Reads of the registry shared by several screens."""
from dataclasses import dataclass

from django.db.models import Count, Q

from core import clock

from .models import HAS_FOCAL_UNIT, KIND_GROUP, Organisation, OrganisationGroup


@dataclass
class Share:
    label: str
    total: int
    with_focal_unit: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.with_focal_unit / self.total, 1) if self.total else None


def focal_unit_table(*, day=None, group=None, status=None, query=""):
    """Reporting units in force on `day` with their focal unit, in two queries whatever the size."""
    units = (
        Organisation.objects.reporting_units()
        .valid_on(day or clock.today())
        .select_related("focal_unit")
        .annotate(officer_count=Count("memberships", filter=Q(memberships__user__is_active=True)))
        .in_letter_order()
    )
    if group:
        units = units.of_group(group)
    if status == "none":
        units = units.filter(Q(focal_unit__isnull=True) | Q(focal_unit__status="none"))
    elif status:
        units = units.filter(focal_unit__status=status)
    if query:
        units = units.filter(Q(name_vi__icontains=query) | Q(code__icontains=query) | Q(short_name__icontains=query))
    return units


def focal_unit_shares(*, day=None) -> list[Share]:
    """The share of units with a focal unit in place: per group of letter 4108, then overall."""
    units = Organisation.objects.reporting_units().valid_on(day or clock.today())
    rows = units.values("kind").annotate(
        total=Count("id"), with_focal=Count("id", filter=Q(focal_unit__status__in=HAS_FOCAL_UNIT))
    )
    by_group = {group: [0, 0] for group in OrganisationGroup}
    for row in rows:
        counts = by_group[KIND_GROUP[row["kind"]]]
        counts[0] += row["total"]
        counts[1] += row["with_focal"]
    shares = [Share(group.label, total, with_focal) for group, (total, with_focal) in by_group.items()]
    shares.append(Share("Tổng số", sum(s.total for s in shares), sum(s.with_focal_unit for s in shares)))
    return shares
