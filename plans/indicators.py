"""Computed indicators the plans app provides to the evaluation dashboard (see evaluation/computed.py)."""
from .models import ActionPlan, PlanStatus


def computed():
    return {"action_plan_share": action_plan_share}


def action_plan_share(period, unit_ids):
    """1/1 for a unit that has issued an action plan for a phase overlapping the period, 0/1 otherwise (one query)."""
    issued = set(ActionPlan.objects.filter(
        organisation_id__in=unit_ids, status=PlanStatus.ISSUED, phase__programme_id=period.programme_id,
        phase__start_year__lte=period.end_year, phase__end_year__gte=period.start_year,
    ).values_list("organisation_id", flat=True))
    return {unit_id: (1 if unit_id in issued else 0, 1) for unit_id in unit_ids}
