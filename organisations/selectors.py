"""Reads of the registry shared by several screens."""
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from core import clock
from core.vn import fold

from .models import HAS_FOCAL_UNIT, KIND_GROUP, FocalContact, Organisation, OrganisationGroup, OrganisationKind


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


def _public_units():
    return (
        Organisation.objects.reporting_units()
        .select_related("focal_unit", "successor")
        .prefetch_related(Prefetch("focal_unit__contacts", queryset=FocalContact.objects.filter(is_public=True),
                                   to_attr="public_contacts"))
        .in_letter_order()
    )


def _haystack(unit) -> str:
    focal = getattr(unit, "focal_unit", None)
    return fold(" ".join([unit.name_vi, unit.short_name, unit.working_body, unit.area_name, unit.code,
                          focal.name if focal else ""]))


def public_directory(*, day=None, kind="", province="", query="") -> list[Organisation]:
    """The focal-unit directory (letter 4108 §1a): the reporting units in force on `day` with their focal
    unit and its public contacts. A province filter shows that province with the provinces merged into it
    and the one it merged into, whatever their dates. Words are matched without diacritics. Three queries."""
    units = _public_units()
    if province:
        units = units.filter(Q(code=province) | Q(successor__code=province) | Q(predecessors__code=province)).distinct()
    else:
        units = units.valid_on(day or clock.today())
    if kind:
        units = units.filter(kind=kind)
    words = fold(query).split()
    return [unit for unit in units if all(word in _haystack(unit) for word in words)]


def province_choices() -> list[tuple[str, str]]:
    """Every province of the registry, 2016's and today's, with the years it is in force."""
    choices = []
    provinces = Organisation.objects.filter(kind=OrganisationKind.PROVINCE)
    for unit in sorted(provinces, key=lambda unit: fold(unit.area_name or unit.name_vi)):
        name = unit.area_name or unit.name_vi
        if unit.valid_to:
            name = _("%(name)s (đến %(year)s)") % {"name": name, "year": unit.valid_to.year}
        elif unit.valid_from:
            name = _("%(name)s (từ %(year)s)") % {"name": name, "year": unit.valid_from.year}
        choices.append((unit.code, name))
    return choices


def public_unit(code: str) -> Organisation:
    """One reporting unit with its focal unit and public contacts (raises DoesNotExist)."""
    return _public_units().get(code=code)
