"""Loads the indicator catalogue and its targets from data/reference, idempotently.

strategy_targets.csv holds one row per indicator and milestone year; computed_indicators.csv the
indicators the system works out itself; result_indicators.csv the counts (facilities assessed, officers
trained) summed from other apps' records (assigned tasks' accepted progress reports), not entered by units. Bounds outside which a value only earns a warning are kept
here because no public source gives them."""
import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from programmes.models import Programme

from .models import Aggregation, Indicator, Target

INDICATOR_DEFAULTS = {
    "resource_saving": {"plausible_min": Decimal(0), "plausible_max": Decimal(30)},
    # Only provinces have a Department of Industry and Trade.
    "doit_capable_staff": {"kinds": "province"},
}


def read_csv(data_dir: Path, name: str) -> list[dict]:
    path = data_dir / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text and text.strip() else None


@transaction.atomic
def load(data_dir: Path) -> dict:
    programmes = {p.code: p for p in Programme.objects.all()}
    counts = {"indicators": 0, "targets": 0}
    seen = set()
    order = 0
    for row in read_csv(data_dir, "strategy_targets.csv"):
        programme = programmes.get(row["programme"])
        if programme is None:
            continue
        if (programme.pk, row["code"]) not in seen:
            seen.add((programme.pk, row["code"]))
            order += 1
            Indicator.objects.update_or_create(
                programme=programme, code=row["code"],
                defaults={"name_vi": row["name_vi"], "name_en": row["name_en"], "unit": row["unit"],
                          "aggregation": Aggregation(row["aggregation"]), "order": order,
                          **INDICATOR_DEFAULTS.get(row["code"], {})},
            )
            counts["indicators"] += 1
        indicator = Indicator.objects.get(programme=programme, code=row["code"])
        Target.objects.update_or_create(
            indicator=indicator, milestone_year=int(row["milestone_year"]),
            defaults={"target_min": Decimal(row["target_min"]), "target_max": _decimal(row["target_max"]),
                      "source": row["source"]},
        )
        counts["targets"] += 1
    # Indicators the system computes, and result counts fed by execution's progress reports (summed).
    for filename, aggregation in (("computed_indicators.csv", Aggregation.COMPUTED), ("result_indicators.csv", Aggregation.SUM)):
        for row in read_csv(data_dir, filename):
            programme = programmes.get(row["programme"])
            if programme is None:
                continue
            Indicator.objects.update_or_create(
                programme=programme, code=row["code"],
                defaults={"name_vi": row["name_vi"], "name_en": row["name_en"], "unit": row["unit"],
                          "aggregation": aggregation, "computed_key": row["computed_key"], "order": int(row["order"])},
            )
            counts["indicators"] += 1
    return counts
