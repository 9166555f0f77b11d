"""Computed indicators: values the system works out from other apps' records instead of asking units.

Any app may provide some in `<app>/indicators.py`:

    def computed():
        return {"action_plan_share": action_plan_share}

    def action_plan_share(period, unit_ids):  # -> {organisation_id: (numerator, denominator)}
        ...

A provider gets the reporting period and the ids of the units it covers, runs a fixed number of
queries, and returns each unit's numerator and denominator; the dashboard adds them up per kind, per
province and nationally (sum of numerators / sum of denominators). An indicator whose
`computed_key` has no provider yet (e.g. `action_plan_share` until the plans app ships
`plans/indicators.py`) is shown as "not available".

An app may also add results to indicators units report (counts such as officers trained) with

    def contributions(programme_id):  # -> [(indicator id, organisation id, year, Decimal value)]

one query, summed per indicator, unit and year; the dashboard adds each to the period covering its year."""
from core.registry import hooks


def providers() -> dict:
    found = {}
    for _app, function in hooks("indicators", "computed"):
        found.update(function())
    return found


def compute(key: str, period, unit_ids: list[int]) -> dict | None:
    """Per-unit (numerator, denominator) of a computed indicator, or None when nothing provides it."""
    provider = providers().get(key)
    if provider is None:
        return None
    return provider(period, unit_ids)


def contributions(programme_id: int) -> list[tuple]:
    """(indicator id, organisation id, year, value) from every app that adds results to reported indicators."""
    found = []
    for _app, function in hooks("indicators", "contributions"):
        found.extend(function(programme_id))
    return found
