"""Results of assigned tasks counted towards the evaluation's indicators (see evaluation/computed.py):
the values of accepted progress reports, in the year of the report's due date."""
from django.db.models import Sum

from collection.models import Status

from .models import IndicatorContribution

# The computed_key of the indicators progress reports carry (data/reference/result_indicators.csv).
RESULTS = "task_results"


def contributions(programme_id):
    """[(indicator id, proposing unit id, year, summed value)] of accepted progress reports (one query)."""
    rows = (IndicatorContribution.objects
            .filter(report__task__programme_id=programme_id, report__submission__status=Status.ACCEPTED)
            .values("indicator_id", "report__task__organisation_id", "report__submission__call__deadline__year")
            .annotate(total=Sum("value")).order_by())
    return [(row["indicator_id"], row["report__task__organisation_id"], row["report__submission__call__deadline__year"],
             row["total"]) for row in rows]
