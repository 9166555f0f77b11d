"""Reads of the execution app, and the one place it reads accepted proposal rows from rounds."""
from datetime import date

from django.db.models import Q

from accounts import permissions
from collection.models import EDITABLE, RECEIVED, Status
from core import clock
from plans.models import DossierTask
from rounds.models import TaskRow

from .ledger import empty, totals_by
from .models import AssignedTask, Deliverable, Milestone, MoneyEntry, ProgressReport, Stage


def accepted_proposal_rows():
    """Rows of proposals the office accepted, with their round and unit: what may be assigned.
    When proposal state moves onto the shared collection core, only this function changes."""
    return (TaskRow.objects.filter(proposal__submission__status=Status.ACCEPTED)
            .select_related("proposal__round__call__programme", "proposal__organisation", "priority", "component"))


def assignable_rows():
    return accepted_proposal_rows().filter(assignment__isnull=True).order_by("-proposal__round__plan_year", "proposal__organisation__name_vi", "position")


def received_dossier_tasks():
    """Tasks of annual plan dossiers the office received or acknowledged, with their funding by source:
    the tasks units fund themselves, trackable like assigned ones. The one place execution reads them."""
    return (DossierTask.objects.filter(dossier__submission__status__in=RECEIVED)
            .select_related("dossier__call__call__programme", "dossier__organisation", "component")
            .prefetch_related("funding__source"))


def assignable_dossier_tasks():
    return received_dossier_tasks().filter(assignment__isnull=True).order_by(
        "-dossier__call__plan_year", "dossier__organisation__name_vi", "position", "id")


def overdue_reports(tasks, today=None):
    today = today or clock.today()
    return (ProgressReport.objects.filter(task__in=tasks, submission__status__in=EDITABLE,
                                          submission__call__deadline__lt=today, task__closed_on__isnull=True)
            .select_related("task__organisation", "submission__call"))


def late_milestones(tasks, today=None):
    today = today or clock.today()
    return (Milestone.objects.filter(task__in=tasks, done_on__isnull=True, planned_on__lt=today,
                                     task__closed_on__isnull=True)
            .select_related("task__organisation"))


def unallocated(tasks, today=None) -> list[tuple]:
    """(task, year, approved, allocated) where money approved for a year is not fully allocated by 1 July."""
    today = today or clock.today()
    years = [year for year in range(2000, today.year + 1) if today >= date(year, 7, 1)]
    entries = MoneyEntry.objects.filter(task__in=tasks, year__in=years, stage__in=(Stage.APPROVED, Stage.ALLOCATED),
                                        task__closed_on__isnull=True)
    cells = totals_by(entries, "task_id", "year")
    short = [(task_id, year, t[Stage.APPROVED], t[Stage.ALLOCATED]) for (task_id, year), t in cells.items()
             if t[Stage.ALLOCATED] < t[Stage.APPROVED]]
    by_id = AssignedTask.objects.select_related("organisation").in_bulk([task_id for task_id, *_rest in short])
    return sorted(((by_id[task_id], year, approved, allocated) for task_id, year, approved, allocated in short),
                  key=lambda line: (line[1], line[0].name))


def past_end_without_acceptance(tasks, today=None):
    today = today or clock.today()
    return (tasks.filter(end_date__lt=today, closed_on__isnull=True)
            .filter(Q(acceptance__isnull=True) | Q(acceptance__verdict="failed"))
            .select_related("organisation"))


def watch_list(user, today=None) -> dict:
    tasks = permissions.scope(AssignedTask.objects.all(), user)
    return {
        "late_milestones": list(late_milestones(tasks, today)),
        "overdue_reports": list(overdue_reports(tasks, today)),
        "unallocated": unallocated(tasks, today),
        "past_end": list(past_end_without_acceptance(tasks, today)),
    }


def public_lines(*, programme=None, year=None) -> list[dict]:
    """What the public may see of every assigned task: unit, status, progress, money by stage over all
    years, and the public deliverables of accepted reports. Used by the public page and open data."""
    tasks = AssignedTask.objects.select_related("organisation", "programme", "component").order_by(
        "-year", "organisation__name_vi", "name", "id")
    if programme is not None:
        tasks = tasks.filter(programme=programme)
    if year is not None:
        tasks = tasks.filter(year=year)
    tasks = list(tasks)
    money = totals_by(MoneyEntry.objects.filter(task__in=tasks), "task_id")
    deliverables = {}
    for deliverable in (Deliverable.objects.filter(report__task__in=tasks, is_public=True, report__submission__status=Status.ACCEPTED)
                        .select_related("report").order_by("report__submission__call__deadline", "id")):
        deliverables.setdefault(deliverable.report.task_id, []).append(deliverable)
    return [{"task": task, "money": money.get((task.pk,), empty()), "deliverables": deliverables.get(task.pk, [])}
            for task in tasks]


OPEN_DATA_COLUMNS = [
    "year", "programme", "task_id", "task_name", "organisation_code", "organisation_name", "implementing_body",
    "component_project", "decision_number", "decision_date", "start_date", "end_date", "status", "progress_percent",
    "approved_vnd", "allocated_vnd", "advanced_vnd", "paid_vnd", "settled_vnd", "public_deliverables",
]


def open_data_rows() -> list[dict]:
    """Every assigned task as published on the accountability page, one row each (docs/OPEN_DATA.md)."""
    rows = []
    for line in public_lines():
        task, money = line["task"], line["money"]
        rows.append({
            "year": task.year, "programme": task.programme.code, "task_id": task.pk, "task_name": task.name,
            "organisation_code": task.organisation.code, "organisation_name": task.organisation.name_vi,
            "implementing_body": task.implementing_body, "component_project": task.component.code if task.component else "",
            "decision_number": task.decision_number, "decision_date": task.decision_date.isoformat(),
            "start_date": task.start_date.isoformat(), "end_date": task.end_date.isoformat(),
            "status": "closed" if task.is_closed else task.progress_status, "progress_percent": task.progress_percent,
            **{f"{stage}_vnd": money[stage] for stage in ("approved", "allocated", "advanced", "paid", "settled")},
            "public_deliverables": "; ".join(d.title for d in line["deliverables"]),
        })
    return rows
