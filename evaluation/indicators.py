"""Computed indicators provided by the evaluation app itself (see computed.py)."""
from django.db.models import Count, Q

from collection.models import RECEIVED, Call, CallKind, Submission
from organisations.models import HAS_FOCAL_UNIT, Organisation


def computed():
    return {"focal_unit_share": focal_unit_share, "round_reporting_rate": round_reporting_rate}


def focal_unit_share(period, unit_ids):
    """1/1 for a unit with a focal unit designated or established, 0/1 otherwise (one query)."""
    with_focal = set(
        Organisation.objects.filter(pk__in=unit_ids, focal_unit__status__in=HAS_FOCAL_UNIT).values_list("pk", flat=True)
    )
    return {unit_id: (1 if unit_id in with_focal else 0, 1) for unit_id in unit_ids}


def rounds_of(period):
    """The proposal calls opened within the period's years."""
    return Call.objects.filter(kind=CallKind.PROPOSALS, programme_id=period.programme_id,
                               opens_on__year__gte=period.start_year, opens_on__year__lte=period.end_year)


def round_reporting_rate(period, unit_ids):
    """Per unit: proposal calls opened in the period whose proposal the office holds / calls it was
    invited to, counted as collection's board counts them (two queries)."""
    invited = (
        Call.invited.through.objects.filter(call__in=rounds_of(period), organisation_id__in=unit_ids)
        .values("organisation_id").annotate(n=Count("id"))
    )
    sent = (
        Submission.objects.filter(call__in=rounds_of(period), organisation_id__in=unit_ids, status__in=RECEIVED)
        .values("organisation_id").annotate(n=Count("call", distinct=True))
    )
    sent_by_unit = {row["organisation_id"]: row["n"] for row in sent}
    return {row["organisation_id"]: (sent_by_unit.get(row["organisation_id"], 0), row["n"]) for row in invited}


def round_rates(period) -> list[dict]:
    """Each proposal call opened in the period with its reporting rate (one query)."""
    rows = rounds_of(period).annotate(
        n_invited=Count("invited", distinct=True),
        n_sent=Count("submissions", filter=Q(submissions__status__in=RECEIVED), distinct=True),
    ).order_by("opens_on").values("pk", "title", "n_invited", "n_sent")
    return [{**row, "rate": round(100 * row["n_sent"] / row["n_invited"], 1) if row["n_invited"] else None} for row in rows]
