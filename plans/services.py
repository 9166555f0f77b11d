"""Action-plan and dossier actions. Each checks who acts and the state and writes in one transaction;
action plans record a PlanEvent, dossiers go through collection (sending, returning, versions, events).
Views, the API and the demo call only these."""
from collections import defaultdict
from contextlib import nullcontext

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts import permissions
from collection import services as collection
from collection.models import CallKind, SubmissionVersion
from core import clock, uploads
from core.locking import is_stale
from core.text import clean_text

from .models import (
    ActionPlan,
    ActionPlanFunding,
    ActionPlanTask,
    Dossier,
    DossierAttachment,
    DossierCall,
    DossierFunding,
    DossierTask,
    PlanAction,
    PlanEvent,
    PlanStatus,
)

# One guard for plans and dossiers: collection's.
StaleRecord = collection.StaleSubmission
STALE_MESSAGE = collection.STALE_MESSAGE


# --- Uploaded documents -------------------------------------------------------------------------

def check_document(upload):
    """A signed PDF or Word file, checked by content (core.uploads) and stored under a generated name.
    Returns (upload, the name it came with, for downloads)."""
    original = (upload.name or "").rsplit("/", 1)[-1][:200]
    return uploads.check(upload, kind="document"), original


# --- Action plans -------------------------------------------------------------------------------

def plan_for(*, organisation, phase) -> ActionPlan:
    plan, _created = ActionPlan.objects.get_or_create(organisation=organisation, phase=phase)
    return plan


def _lock_plan(plan: ActionPlan, user, expected_version) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().select_related("phase").get(pk=plan.pk)
    if user is not None and not permissions.can_edit_unit_drafts(user, plan.organisation_id):
        raise PermissionDenied
    if plan.is_issued:
        raise ValidationError(_("Kế hoạch đã ban hành nên không sửa được. Hãy mở lại để điều chỉnh."))
    if is_stale(expected_version, plan.lock_version):
        raise StaleRecord(STALE_MESSAGE)
    return plan


def _touch_plan(plan: ActionPlan, **changes) -> None:
    ActionPlan.objects.filter(pk=plan.pk).update(lock_version=F("lock_version") + 1, updated_at=clock.now(), **changes)


def clean_funding(amounts: dict, *, years: list[int] | None) -> dict:
    """{(year, source) or source: amount} → only positive whole-đồng amounts, with errors for the rest."""
    cleaned, errors = {}, []
    for key, amount in amounts.items():
        year = key[0] if isinstance(key, tuple) else None
        if years is not None and year not in years:
            errors.append(_("Năm %(year)s nằm ngoài thời gian thực hiện nhiệm vụ.") % {"year": year})
            continue
        amount = int(amount or 0)
        if amount < 0:
            errors.append(_("Số tiền không được âm."))
        elif amount:
            cleaned[key] = amount
    if errors:
        raise ValidationError({"funding": errors})
    return cleaned


def _clean_plan_task(plan: ActionPlan, data: dict) -> dict:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Tên nhiệm vụ không được để trống.")
    start, end = data.get("start_year"), data.get("end_year")
    phase = plan.phase
    if start is None or end is None or start > end:
        errors["end_year"] = _("Năm kết thúc phải từ năm bắt đầu trở đi.")
    elif start < phase.start_year or end > phase.end_year:
        errors["start_year"] = _("Thời gian thực hiện phải nằm trong giai đoạn %(a)s–%(b)s.") % {
            "a": phase.start_year, "b": phase.end_year}
    component = data.get("component")
    if component is not None and component.programme_id != phase.programme_id:
        errors["component"] = _("Đề án thành phần không thuộc chương trình này.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "start_year": start, "end_year": end, "component": component,
            "responsible_body": (data.get("responsible_body") or "").strip()}


@transaction.atomic
def save_plan_task(*, plan: ActionPlan, user, data: dict, funding: dict, task: ActionPlanTask | None = None,
                   expected_version=None) -> ActionPlanTask:
    """Add or change a task and replace its funding {(year, source): whole đồng}."""
    plan = _lock_plan(plan, user, expected_version)
    values = _clean_plan_task(plan, data)
    amounts = clean_funding(funding, years=list(range(values["start_year"], values["end_year"] + 1)))
    if task is None:
        position = (plan.tasks.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        task = ActionPlanTask(plan=plan, position=position)
    elif task.plan_id != plan.pk:
        raise PermissionDenied
    for key, value in values.items():
        setattr(task, key, value)
    task.save()
    task.funding.all().delete()
    ActionPlanFunding.objects.bulk_create(
        ActionPlanFunding(task=task, year=year, source=source, amount_vnd=amount) for (year, source), amount in amounts.items()
    )
    _touch_plan(plan, status=PlanStatus.DRAFTING)
    return task


@transaction.atomic
def delete_plan_task(*, plan: ActionPlan, user, task: ActionPlanTask, expected_version=None) -> None:
    plan = _lock_plan(plan, user, expected_version)
    if task.plan_id != plan.pk:
        raise PermissionDenied
    task.delete()
    _touch_plan(plan)


@transaction.atomic
def issue_plan(*, plan: ActionPlan, user, decision_number: str, decision_date, signer: str, signed_file=None,
               expected_version=None) -> ActionPlan:
    """Record the decision that issued the plan, with the signed document."""
    plan = _lock_plan(plan, user, expected_version)
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Cần số quyết định ban hành.")
    if decision_date is None:
        errors["decision_date"] = _("Cần ngày ban hành.")
    elif decision_date > clock.today():
        errors["decision_date"] = _("Ngày ban hành không được sau hôm nay.")
    if not (signer or "").strip():
        errors["signer"] = _("Cần ghi người ký.")
    if signed_file is None and not plan.signed_file:
        errors["signed_file"] = _("Cần tải lên văn bản đã ký (PDF hoặc Word).")
    if not plan.tasks.exists():
        errors["__all__"] = _("Kế hoạch chưa có nhiệm vụ nào.")
    if errors:
        raise ValidationError(errors)
    if signed_file is not None:
        signed_file, plan.signed_file_name = check_document(signed_file)
    plan.decision_number = decision_number.strip()
    plan.decision_date = decision_date
    plan.signer = signer.strip()
    plan.status = PlanStatus.ISSUED
    plan.lock_version += 1
    plan.updated_at = clock.now()
    with uploads.stored(plan.signed_file, signed_file) if signed_file is not None else nullcontext():
        plan.save()
    PlanEvent.objects.create(action_plan=plan, actor=user, action=PlanAction.ISSUE,
                             note=f"{plan.decision_number} — {plan.decision_date:%d/%m/%Y}")
    return plan


@transaction.atomic
def reopen_plan(*, plan: ActionPlan, user, reason: str) -> ActionPlan:
    """Back to drafting for an amendment; the issued decision stays on record in the events."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if not permissions.can_edit_unit_drafts(user, plan.organisation_id):
        raise PermissionDenied
    if not plan.is_issued:
        raise ValidationError(_("Kế hoạch chưa ban hành."))
    if not (reason or "").strip():
        raise ValidationError(_("Cần nêu lý do điều chỉnh."))
    _touch_plan(plan, status=PlanStatus.DRAFTING)
    PlanEvent.objects.create(action_plan=plan, actor=user, action=PlanAction.REOPEN, note=reason.strip())
    plan.refresh_from_db()
    return plan


def plan_funding(plan: ActionPlan) -> dict:
    """A plan's funding as {task_id: {year: {source_id: vnd}}}, in one query."""
    grid = {}
    for task_id, year, source_id, amount in ActionPlanFunding.objects.filter(task__plan=plan).values_list(
            "task_id", "year", "source_id", "amount_vnd"):
        grid.setdefault(task_id, {}).setdefault(year, {})[source_id] = amount
    return grid


def plan_totals(grid: dict) -> dict:
    """{'by_year': {year: vnd}, 'by_source': {source_id: vnd}, 'total': vnd} of a plan_funding grid."""
    by_year, by_source = defaultdict(int), defaultdict(int)
    for years in grid.values():
        for year, amounts in years.items():
            for source_id, amount in amounts.items():
                by_year[year] += amount
                by_source[source_id] += amount
    return {"by_year": dict(by_year), "by_source": dict(by_source), "total": sum(by_year.values())}


# --- Annual plan dossiers -----------------------------------------------------------------------

@transaction.atomic
def open_call(*, programme, plan_year: int, deadline, invited, instructions: str = "", opens_on=None,
              accepts_late=True, closes_on=None, reminder_days="14,7,2") -> DossierCall:
    """Open the call for annual plan dossiers of a plan year (one per programme and year)."""
    if DossierCall.objects.filter(call__programme=programme, plan_year=plan_year).exists():
        raise ValidationError({"plan_year": _("Đã có đợt nhận hồ sơ cho năm này.")})
    call = collection.open_call(
        kind=CallKind.DOSSIERS, programme=programme, title=_("Hồ sơ kế hoạch năm %(year)s") % {"year": plan_year},
        opens_on=opens_on or min(clock.today(), deadline), deadline=deadline, invited=invited, accepts_late=accepts_late,
        closes_on=closes_on, reminder_days=reminder_days, instructions=instructions,
        prepare=lambda call: DossierCall.objects.create(call=call, plan_year=plan_year))
    return DossierCall.objects.get(call=call)


def dossier_for(*, call: DossierCall, organisation) -> Dossier:
    return collection.content_for(Dossier, call=call.call, organisation=organisation, call_id=call.pk)


def _lock_dossier(dossier: Dossier, user, expected_version) -> Dossier:
    collection.lock_for_edit(dossier.submission, user, expected_version)
    return Dossier.objects.select_related("call__call").get(pk=dossier.pk)


def _touch_dossier(dossier: Dossier) -> None:
    collection.touch(dossier.submission)


def _read_dossier_task(dossier: Dossier, data: dict) -> tuple[dict, dict]:
    """The task's fields present in `data`, checked: (values, {field: message}) for those refused."""
    values, errors = {}, {}
    if "name" in data:
        values["name"] = (data.get("name") or "").strip()
        if not values["name"]:
            errors["name"] = _("Tên nhiệm vụ không được để trống.")
    if "component" in data:
        values["component"] = data.get("component")
        if values["component"] is not None and values["component"].programme_id != dossier.call.programme_id:
            errors["component"] = _("Đề án thành phần không thuộc chương trình này.")
    action_task = data.get("action_task")
    if "action_task" in data:
        values["action_task"] = action_task
    if action_task is not None:
        plan = action_task.plan
        if plan.organisation_id != dossier.organisation_id:
            errors["action_task"] = _("Nhiệm vụ này không thuộc kế hoạch hành động của đơn vị.")
        elif dossier.call.plan_year not in action_task.years:
            errors["action_task"] = _("Nhiệm vụ của kế hoạch hành động không thực hiện trong năm %(year)s.") % {
                "year": dossier.call.plan_year}
        elif "component" in values and values["component"] is None:
            values["component"] = action_task.component  # a task of the plan brings its component project
    if "responsible_body" in data:
        values["responsible_body"] = (data.get("responsible_body") or "").strip()
    return values, errors


def _clean_dossier_task(dossier: Dossier, data: dict) -> dict:
    """A whole task (the task page, the API): every field, missing ones empty."""
    values, errors = _read_dossier_task(dossier, {"name": "", "component": None, "action_task": None,
                                                  "responsible_body": "", **data})
    if errors:
        raise ValidationError(errors)
    return values


# A task changed or deleted elsewhere since the page showed it (collection's guard of content items).
StaleTask = collection.StaleItem


def _task_to_change(dossier: Dossier, *, task, client_key=None, version=None) -> DossierTask | None:
    return collection.item_to_change(DossierTask, owner={"dossier": dossier}, item=task, client_key=client_key,
                                     version=version)


def _write_task(dossier: Dossier, task: DossierTask | None, values: dict, *, client_key=None, position=None) -> DossierTask:
    if task is None:
        position = collection.place_item(DossierTask.objects.filter(dossier=dossier), position)
        task = DossierTask(dossier=dossier, position=position, client_key=client_key)
    else:
        task.version += 1
    for key, value in values.items():
        setattr(task, key, value)
    task.save()
    return task


@transaction.atomic
def save_dossier_task(*, dossier: Dossier, user, data: dict, funding: dict, task: DossierTask | None = None,
                      expected_version=None, client_key=None, task_version=None) -> DossierTask:
    """Add or change a task of the year and replace its funding {source: whole đồng}. `expected_version`
    guards the whole dossier, `task_version` only this task; a new task with a `client_key` is added once."""
    dossier = _lock_dossier(dossier, user, None if client_key else expected_version)
    task = _task_to_change(dossier, task=task, client_key=client_key, version=task_version)
    values = _clean_dossier_task(dossier, data)
    amounts = clean_funding(funding, years=None)
    task = _write_task(dossier, task, values, client_key=client_key)
    task.funding.all().delete()
    DossierFunding.objects.bulk_create(DossierFunding(task=task, source=source, amount_vnd=amount)
                                       for source, amount in amounts.items())
    _touch_dossier(dossier)
    return task


@transaction.atomic
def save_dossier_grid_task(*, dossier: Dossier, user, values: dict, funding: dict, refused: dict | None = None,
                           task: DossierTask | None = None, client_key=None, task_version=None,
                           position=None) -> tuple[DossierTask | None, dict]:
    """Save what is valid of one grid row: (task, {field: message}). `funding` {source: whole đồng} holds
    the accepted amount cells only (0 clears one); refused cells keep their saved value; a new task without
    a name is not added (None). Raises StaleTask when the task changed elsewhere since `task_version`."""
    dossier = _lock_dossier(dossier, user, None)
    current = _task_to_change(dossier, task=task, client_key=client_key, version=task_version)
    refused = dict(refused or {})
    values, errors = _read_dossier_task(dossier, {key: value for key, value in values.items() if key not in refused})
    errors = {**refused, **errors}
    if current is None and (errors.get("name") or not values.get("name")):
        errors.setdefault("name", _("Tên nhiệm vụ không được để trống."))
        return None, errors
    kept = {key: value for key, value in values.items() if key not in errors}
    if any(amount < 0 for amount in funding.values()):
        raise ValidationError(_("Số tiền không được âm."))
    saved_amounts = dict(current.funding.values_list("source_id", "amount_vnd")) if current else {}
    if current is not None and all(getattr(current, key) == value for key, value in kept.items()) and all(
            saved_amounts.get(source.pk, 0) == amount for source, amount in funding.items()):
        return current, errors  # nothing changed: the version stays
    task = _write_task(dossier, current, kept, client_key=client_key, position=position)
    for source, amount in funding.items():
        DossierFunding.objects.filter(task=task, source=source).delete()
        if amount:
            DossierFunding.objects.create(task=task, source=source, amount_vnd=amount)
    _touch_dossier(dossier)
    return task, errors


@transaction.atomic
def move_dossier_task(*, dossier: Dossier, user, task: DossierTask, offset: int) -> list[int]:
    """Move a task up (-1) or down (+1); returns the ids in their new order."""
    dossier = _lock_dossier(dossier, user, None)
    ids = collection.move_item(DossierTask.objects.filter(dossier=dossier), task.pk, offset)
    _touch_dossier(dossier)
    return ids


@transaction.atomic
def delete_dossier_task(*, dossier: Dossier, user, task: DossierTask, expected_version=None, task_version=None) -> None:
    dossier = _lock_dossier(dossier, user, expected_version)
    if task.dossier_id != dossier.pk:
        raise PermissionDenied
    _task_to_change(dossier, task=task, version=task_version).delete()
    _touch_dossier(dossier)


@transaction.atomic
def save_summary(*, dossier: Dossier, user, summary: str, expected_version=None) -> None:
    dossier = _lock_dossier(dossier, user, expected_version)
    Dossier.objects.filter(pk=dossier.pk).update(summary=clean_text(summary.strip()))
    _touch_dossier(dossier)


@transaction.atomic
def add_attachment(*, dossier: Dossier, user, upload) -> DossierAttachment:
    dossier = _lock_dossier(dossier, user, None)
    upload, original = check_document(upload)
    attachment = DossierAttachment(dossier=dossier, original_name=original, uploaded_by=user)
    with uploads.stored(attachment.file, upload):
        attachment.save()
        _touch_dossier(dossier)
    return attachment


def dossier_snapshot(dossier: Dossier) -> tuple[list[dict], int]:
    """The tasks as a version keeps them, and their total; "id" lets the next send tell a changed task from a new one."""
    tasks = []
    total = 0
    for task in dossier.tasks.select_related("component", "action_task").prefetch_related("funding__source"):
        funding = {line.source.code: line.amount_vnd for line in task.funding.all()}
        total += sum(funding.values())
        tasks.append({"id": task.pk, "name": task.name, "component": task.component.name_vi if task.component else "",
                      "action_task": task.action_task.name if task.action_task else "",
                      "responsible_body": task.responsible_body, "funding": funding})
    return tasks, total


def submit_dossier(*, dossier: Dossier, user, expected_version=None) -> SubmissionVersion:
    """The leader sends the dossier: its summary and tasks freeze as a new version."""
    def freeze(_submission):
        tasks, total = dossier_snapshot(dossier)
        if not tasks:
            raise ValidationError(_("Hồ sơ chưa có nhiệm vụ nào nên chưa gửi được."))
        return {"summary": Dossier.objects.get(pk=dossier.pk).summary, "tasks": tasks}, total

    return collection.send(submission=dossier.submission, user=user, expected_version=expected_version, freeze=freeze)


def acknowledge(*, dossier: Dossier, user, note: str = "") -> Dossier:
    collection.acknowledge(submission=dossier.submission, user=user, note=note)
    return Dossier.objects.get(pk=dossier.pk)


def return_dossier(*, dossier: Dossier, user, comment: str) -> Dossier:
    collection.return_submission(submission=dossier.submission, user=user, reason=comment)
    return Dossier.objects.get(pk=dossier.pk)
