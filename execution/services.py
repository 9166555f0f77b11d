"""Execution actions. Each checks who acts and the state, writes in one transaction and records an
ExecutionEvent; views, the API and the demo call only these."""
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts import permissions
from collection import services as collection
from collection.kinds import CallKind
from collection.models import LATE_SENDING_DAYS, Submission
from core import clock, uploads
from core.locking import is_stale
from core.vn import MAX_VND, format_date
from programmes.models import ComponentProject

from . import ledger
from .indicators import RESULTS
from .models import (
    Acceptance,
    AssignedTask,
    Deliverable,
    EventAction,
    ExecutionEvent,
    IndicatorContribution,
    Milestone,
    MoneyEntry,
    ProgressReport,
    ProgressStatus,
    Stage,
)
from .selectors import accepted_proposal_rows, received_dossier_tasks

STALE_MESSAGE = "Nhiệm vụ vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi làm lại."


class StaleRecord(ValidationError):
    """Someone else changed the task or report since this page was loaded."""


def _office(user):
    if not permissions.is_office(user):
        raise PermissionDenied


def _check_version(current: int, expected) -> None:
    if is_stale(expected, current):
        raise StaleRecord(STALE_MESSAGE)


def _lock_task(task: AssignedTask, user, expected_version=None) -> AssignedTask:
    _office(user)
    task = AssignedTask.objects.select_for_update().get(pk=task.pk)
    _check_version(task.lock_version, expected_version)
    if task.is_closed:
        raise ValidationError(_("Nhiệm vụ đã kết thúc nên không thay đổi được."))
    return task


def _touch(task: AssignedTask, **changes) -> None:
    AssignedTask.objects.filter(pk=task.pk).update(lock_version=F("lock_version") + 1, **changes)


def _event(task, user, action, note=""):
    return ExecutionEvent.objects.create(task=task, actor=user, action=action, note=note)


def _stored_file(upload, *, kinds=("document",)):
    """An evidence or decision file checked by its content; returns (upload, the name it came with)."""
    original = (upload.name or "").rsplit("/", 1)[-1][:200]
    error = None
    for kind in kinds:
        try:
            return uploads.check(upload, kind=kind), original
        except ValidationError as refused:
            error = error or refused
    if len(kinds) > 1:
        raise ValidationError(_("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (PNG, JPEG, GIF)."))
    raise error


# --- Assignment ---------------------------------------------------------------------------------

def report_schedule(start: date, end: date, every_months: int) -> list[tuple[str, date]]:
    """(title, due date) of the reports a task owes: every `every_months` months from its start, at
    each year end, and at its end."""
    due = {}
    if every_months:
        month, year = start.month, start.year
        while True:
            month += every_months
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = date(year, month, 1) - timedelta(days=1)
            if day >= end:
                break
            due[day] = _("Báo cáo tiến độ đến %(d)s") % {"d": format_date(day)}
    for year in range(start.year, end.year):
        due[date(year, 12, 31)] = _("Báo cáo năm %(y)s") % {"y": year}
    due[end] = _("Báo cáo kết thúc nhiệm vụ")
    return [(title, day) for day, title in sorted(due.items())]


def _clean_funding(funding: dict, start: date, end: date) -> dict:
    cleaned, errors = {}, []
    for (source, year), amount in funding.items():
        amount = int(amount or 0)
        if not amount:
            continue
        if not start.year <= year <= end.year:
            errors.append(_("Năm %(y)s nằm ngoài thời gian thực hiện nhiệm vụ.") % {"y": year})
        elif amount < 0 or amount > MAX_VND:
            errors.append(_("Số tiền phải từ 0 đến 1.000.000 tỷ đồng."))
        else:
            cleaned[(source, year)] = amount
    if errors:
        raise ValidationError({"funding": sorted(set(errors))})
    return cleaned


@transaction.atomic
def assign_task(*, row, user, **decision) -> AssignedTask:
    """Turn an accepted proposal row into an assigned task: the decision, the approved money
    {(source, year): đồng}, the report schedule and the milestones [(planned_on, deliverable)]."""
    _office(user)
    row = accepted_proposal_rows().select_for_update(of=("self",)).filter(pk=row.pk).first()
    if row is None:
        raise ValidationError(_("Chỉ giao được nhiệm vụ của đề xuất đã được chấp nhận."))
    if AssignedTask.objects.filter(source_row=row).exists():
        raise ValidationError(_("Nhiệm vụ này đã được giao."))
    round_obj = row.proposal.round
    component = (ComponentProject.objects.filter(programme=round_obj.programme, code=row.component.code).first()
                 if row.component else None)
    return _create_task(user=user, programme=round_obj.programme, year=round_obj.plan_year, source_row=row,
                        organisation=row.proposal.organisation, name=row.name, products=row.products, component=component,
                        priority_name=row.priority.name_vi if row.priority else "", **decision)


@transaction.atomic
def assign_dossier_task(*, dossier_task, user, funding: dict | None = None, **decision) -> AssignedTask:
    """Track a task a unit funds itself (a task of its received annual plan dossier) as an assigned
    task: the same decision, schedule and milestones; its money approved from the dossier's funding by
    source, in the plan year, unless `funding` {(source, year): đồng} is given."""
    _office(user)
    dossier_task = received_dossier_tasks().select_for_update(of=("self",)).filter(pk=dossier_task.pk).first()
    if dossier_task is None:
        raise ValidationError(_("Chỉ theo dõi được nhiệm vụ của hồ sơ kế hoạch năm đã được tiếp nhận."))
    if AssignedTask.objects.filter(source_dossier_task=dossier_task).exists():
        raise ValidationError(_("Nhiệm vụ này đã được giao."))
    dossier = dossier_task.dossier
    year = dossier.call.plan_year
    if funding is None:
        funding = dossier_funding(dossier_task)
    return _create_task(user=user, programme=dossier.call.call.programme, year=year, source_dossier_task=dossier_task,
                        organisation=dossier.organisation, name=dossier_task.name, products="",
                        component=dossier_task.component, priority_name="", funding=funding, **decision)


def dossier_funding(dossier_task) -> dict:
    """{(source, plan year): đồng} of a dossier task's funding by source."""
    year = dossier_task.dossier.call.plan_year
    return {(line.source, year): line.amount_vnd for line in dossier_task.funding.all()}


def _create_task(*, user, programme, year: int, organisation, name: str, products: str, component, priority_name: str,
                 implementing_body: str, decision_number: str, decision_date: date, decision_signer: str,
                 start_date: date, end_date: date, funding: dict, lead_officer=None, decision_file=None,
                 report_every_months: int = 6, milestones: list | None = None, source_row=None,
                 source_dossier_task=None) -> AssignedTask:
    errors = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Cần ghi số quyết định giao nhiệm vụ.")
    if not decision_signer.strip():
        errors["decision_signer"] = _("Cần ghi người ký quyết định.")
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if not 0 <= int(report_every_months or 0) <= 12:
        errors["report_every_months"] = _("Chu kỳ báo cáo phải từ 0 đến 12 tháng.")
    if errors:
        raise ValidationError(errors)
    amounts = _clean_funding(funding, start_date, end_date)
    stored_name = ""
    if decision_file:
        decision_file, stored_name = _stored_file(decision_file)
    task = AssignedTask.objects.create(
        programme=programme, year=year, source_row=source_row, source_dossier_task=source_dossier_task,
        organisation=organisation, implementing_body=implementing_body.strip() or organisation.name_vi, name=name,
        products=products, component=component, priority_name=priority_name,
        decision_number=decision_number.strip(), decision_date=decision_date, decision_signer=decision_signer.strip(),
        decision_file=decision_file or "", decision_file_name=stored_name, lead_officer=lead_officer,
        start_date=start_date, end_date=end_date, report_every_months=int(report_every_months or 0),
        created_at=clock.now())
    MoneyEntry.objects.bulk_create(
        MoneyEntry(task=task, source=source, year=year, stage=Stage.APPROVED, amount_vnd=amount, entry_date=decision_date,
                   document=task.decision_number, recorded_by=user, recorded_at=clock.now())
        for (source, year), amount in amounts.items())
    _open_schedule(task)
    for planned_on, deliverable in milestones or []:
        _new_milestone(task, planned_on, deliverable)
    _event(task, user, EventAction.ASSIGN, _("Quyết định %(n)s ngày %(d)s") % {
        "n": task.decision_number, "d": format_date(decision_date)})
    return task


def _new_milestone(task, planned_on, deliverable) -> Milestone:
    if not (deliverable or "").strip():
        raise ValidationError({"deliverable": _("Cần ghi sản phẩm, kết quả của mốc.")})
    if planned_on is None or not task.start_date <= planned_on <= task.end_date:
        raise ValidationError({"planned_on": _("Thời hạn của mốc phải nằm trong thời gian thực hiện nhiệm vụ.")})
    return Milestone.objects.create(task=task, planned_on=planned_on, deliverable=deliverable.strip())


@transaction.atomic
def add_milestone(*, task, user, planned_on, deliverable, expected_version=None) -> Milestone:
    task = _lock_task(task, user, expected_version)
    milestone = _new_milestone(task, planned_on, deliverable)
    _touch(task)
    return milestone


@transaction.atomic
def complete_milestone(*, milestone, user, done_on, expected_version=None) -> Milestone:
    task = _lock_task(milestone.task, user, expected_version)
    if done_on is None or done_on > clock.today() or done_on < task.start_date:
        raise ValidationError({"done_on": _("Ngày hoàn thành phải từ ngày bắt đầu đến hôm nay.")})
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    _touch(task)
    return milestone


# --- Money --------------------------------------------------------------------------------------

@transaction.atomic
def record_money(*, task, user, source, year: int, stage: str, amount_vnd: int, entry_date: date, document: str = "",
                 reason: str = "", decision: str = "", adjustment: bool = False, expected_version=None) -> MoneyEntry:
    """One movement at one stage; refused when it would lift a stage above the one before it."""
    task = _lock_task(task, user, expected_version)
    errors = {}
    if stage not in Stage.values:
        errors["stage"] = _("Bước không hợp lệ.")
    elif stage == Stage.APPROVED and not adjustment:
        errors["stage"] = _("Kinh phí phê duyệt chỉ thay đổi bằng một điều chỉnh có quyết định.")
    if not isinstance(amount_vnd, int) or abs(amount_vnd) > 10**15:
        errors["amount_vnd"] = _("Số tiền không hợp lệ.")
    elif amount_vnd == 0 or (amount_vnd < 0 and not adjustment):
        errors["amount_vnd"] = _("Số tiền phải lớn hơn 0 (chỉ điều chỉnh mới được ghi số âm).")
    if not task.start_date.year <= int(year) <= task.end_date.year:
        errors["year"] = _("Năm %(y)s nằm ngoài thời gian thực hiện nhiệm vụ.") % {"y": year}
    if entry_date is None or entry_date > clock.today():
        errors["entry_date"] = _("Ngày chứng từ không được sau hôm nay.")
    if adjustment and not reason.strip():
        errors["reason"] = _("Điều chỉnh phải ghi rõ lý do.")
    if adjustment and not decision.strip():
        errors["decision"] = _("Điều chỉnh phải ghi quyết định cho phép.")
    if errors:
        raise ValidationError(errors)
    cell = ledger.stage_totals(MoneyEntry.objects.filter(task=task, source=source, year=year))
    cell[stage] += amount_vnd
    problems = ledger.ladder_errors(cell, label=_("nguồn %(s)s năm %(y)s") % {"s": source.name_vi, "y": year})
    if problems:
        raise ValidationError({"amount_vnd": problems})
    entry = MoneyEntry.objects.create(
        task=task, source=source, year=year, stage=stage, amount_vnd=amount_vnd, entry_date=entry_date,
        document=document.strip(), is_adjustment=adjustment, reason=reason.strip(), decision=decision.strip(),
        recorded_by=user, recorded_at=clock.now())
    _touch(task)
    _event(task, user, EventAction.MONEY, f"{Stage(stage).label}: {amount_vnd} đồng ({source.name_vi}, {year})")
    return entry


# --- Progress reports ---------------------------------------------------------------------------
# Each report is one collection Call (its period and due date) with one Submission for the task's unit;
# collection owns who sends, late, return with reason, accept, versions and events.

REPORT_OPENS_DAYS_BEFORE = 31  # a scheduled report's call opens a month before it is due


def _open_report(task, *, title: str, due_on: date, opens_on: date) -> ProgressReport:
    created = {}

    def prepare(call):
        submission = Submission.objects.create(call=call, organisation=task.organisation)
        created["report"] = ProgressReport.objects.create(submission=submission, task=task, title=title)

    # A late progress report is still taken until LATE_SENDING_DAYS after the task's end.
    closes_on = max(due_on, task.end_date) + timedelta(days=LATE_SENDING_DAYS)
    collection.open_call(kind=CallKind.PROGRESS, programme=task.programme, title=f"{title}: {task.name}"[:255],
                         opens_on=opens_on, deadline=due_on, invited=[task.organisation], reminder_days="7,2",
                         closes_on=closes_on, prepare=prepare)
    return created["report"]


def _open_schedule(task) -> None:
    for title, due in report_schedule(task.start_date, task.end_date, task.report_every_months):
        opens_on = min(due, max(task.start_date, due - timedelta(days=REPORT_OPENS_DAYS_BEFORE)))
        _open_report(task, title=title, due_on=due, opens_on=opens_on)


def _lock_report(report, user, expected_version=None) -> ProgressReport:
    """Lock the report's submission for the unit's edit (collection's guard) and check the task is open."""
    collection.lock_for_edit(report.submission, user, expected_version)
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("task", "submission__call").get(pk=report.pk)
    if report.task.is_closed:
        raise ValidationError(_("Nhiệm vụ đã kết thúc nên không thay đổi được."))
    return report


@transaction.atomic
def request_report(*, task, user, title: str, due_on: date, expected_version=None) -> ProgressReport:
    """The office asks for a report at any time, beside the schedule."""
    task = _lock_task(task, user, expected_version)
    if not title.strip():
        raise ValidationError({"title": _("Cần ghi kỳ báo cáo.")})
    if due_on is None or due_on < clock.today():
        raise ValidationError({"due_on": _("Hạn gửi không được trước hôm nay.")})
    report = _open_report(task, title=title.strip(), due_on=due_on, opens_on=clock.today())
    _touch(task)
    _event(task, user, EventAction.REQUEST, report.title)
    return report


def _clean_report(data: dict) -> dict:
    errors = {}
    status = data.get("progress_status")
    if status not in ProgressStatus.values or status == ProgressStatus.NOT_REPORTED:
        errors["progress_status"] = _("Chọn tình hình thực hiện.")
    percent = data.get("percent")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        errors["percent"] = _("Tiến độ phải là số nguyên từ 0 đến 100 %.")
    spent = data.get("spent_vnd") or 0
    if not isinstance(spent, int) or not 0 <= spent <= MAX_VND:
        errors["spent_vnd"] = _("Kinh phí đã sử dụng không hợp lệ.")
    if status == ProgressStatus.DONE and percent != 100:
        errors["percent"] = _("Nhiệm vụ đã hoàn thành thì tiến độ phải là 100 %.")
    if errors:
        raise ValidationError(errors)
    return {"progress_status": status, "percent": percent, "spent_vnd": spent,
            **{field: (data.get(field) or "").strip() for field in ("work_done", "problems", "next_steps")}}


@transaction.atomic
def save_report(*, report, user, data: dict, contributions: dict | None = None, expected_version=None) -> ProgressReport:
    """The unit writes its report; `contributions` is {indicator: Decimal value} (replaces the previous)."""
    report = _lock_report(report, user, expected_version)
    values = _clean_report(data)
    cleaned = {}
    for indicator, value in (contributions or {}).items():
        if indicator.programme_id != report.task.programme_id:
            raise ValidationError({"contributions": _("Chỉ tiêu không thuộc chương trình của nhiệm vụ.")})
        if indicator.computed_key != RESULTS:
            raise ValidationError({"contributions": _("Chỉ tiêu này do đơn vị tự báo cáo, không nhận kết quả từ nhiệm vụ.")})
        if value is not None:
            value = Decimal(value)
            if value < 0 or value >= MAX_VND:
                raise ValidationError({"contributions": _("Giá trị chỉ tiêu phải từ 0 trở lên.")})
            cleaned[indicator] = value
    for field, value in values.items():
        setattr(report, field, value)
    report.save()
    report.contributions.all().delete()
    IndicatorContribution.objects.bulk_create(IndicatorContribution(report=report, indicator=indicator, value=value)
                                              for indicator, value in cleaned.items())
    collection.touch(report.submission)
    return report


@transaction.atomic
def add_deliverable(*, report, user, title: str, upload=None, is_public: bool = False, expected_version=None) -> Deliverable:
    report = _lock_report(report, user, expected_version)
    if not title.strip():
        raise ValidationError({"title": _("Cần ghi tên sản phẩm.")})
    stored_name = ""
    if upload is not None:
        upload, stored_name = _stored_file(upload, kinds=("document", "sheet", "image"))
    deliverable = Deliverable.objects.create(report=report, title=title.strip()[:500], is_public=is_public,
                                             file=upload or "", file_name=stored_name)
    collection.touch(report.submission)
    return deliverable


def _freeze(submission):
    """The content a send keeps (collection.SubmissionVersion), and the money the unit reports spent;
    read inside the send's transaction, after collection locked the submission."""
    report = ProgressReport.objects.select_related("task").get(submission=submission)
    if not report.work_done:
        raise ValidationError(_("Báo cáo cần nêu kết quả đã thực hiện trước khi gửi."))
    if report.task.is_closed:
        raise ValidationError(_("Nhiệm vụ đã kết thúc nên không thay đổi được."))
    return {
        "task": report.task_id, "title": report.title, "progress_status": report.progress_status,
        "percent": report.percent, "work_done": report.work_done, "problems": report.problems,
        "next_steps": report.next_steps, "spent_vnd": report.spent_vnd,
        "deliverables": [{"title": d.title, "file_name": d.file_name, "is_public": d.is_public}
                         for d in report.deliverables.all()],
        "contributions": [{"indicator": c.indicator.code, "value": str(c.value)}
                          for c in report.contributions.select_related("indicator")],
    }, report.spent_vnd


def send_report(*, report, user, expected_version=None):
    """The unit sends (its leader, as the call says); late after the due date. Returns the frozen version."""
    return collection.send(submission=report.submission, user=user, freeze=_freeze, expected_version=expected_version)


def return_report(*, report, user, reason: str):
    return collection.return_submission(submission=report.submission, user=user, reason=reason)


def accept_report(*, report, user):
    """Accept a sent report; the task takes its status and progress in the same transaction."""
    report = ProgressReport.objects.select_related("task").get(pk=report.pk)
    if report.task.is_closed:
        raise ValidationError(_("Nhiệm vụ đã kết thúc nên không thay đổi được."))

    def apply(_submission):
        _touch(report.task, progress_status=report.progress_status, progress_percent=report.percent)

    return collection.accept(submission=report.submission, user=user, apply=apply)


# --- Acceptance and closing ---------------------------------------------------------------------

@transaction.atomic
def record_acceptance(*, task, user, verdict: str, decided_on: date, conditions: str = "", minutes_file=None,
                      expected_version=None) -> Acceptance:
    """The acceptance council's decision; a failed one may be followed by a new council."""
    task = _lock_task(task, user, expected_version)
    errors = {}
    if decided_on is None or decided_on > clock.today() or decided_on < task.start_date:
        errors["decided_on"] = _("Ngày nghiệm thu phải từ ngày bắt đầu nhiệm vụ đến hôm nay.")
    if verdict == "conditional" and not conditions.strip():
        errors["conditions"] = _("Cần ghi các điều kiện khi nghiệm thu đạt có điều kiện.")
    if errors:
        raise ValidationError(errors)
    stored_name = ""
    if minutes_file:
        minutes_file, stored_name = _stored_file(minutes_file)
    acceptance, _created = Acceptance.objects.update_or_create(task=task, defaults={
        "verdict": verdict, "decided_on": decided_on, "conditions": conditions.strip(),
        "minutes_file": minutes_file or "", "minutes_file_name": stored_name, "recorded_by": user})
    _touch(task)
    _event(task, user, EventAction.ACCEPTANCE, acceptance.get_verdict_display())
    return acceptance


def closing_problems(task) -> list[str]:
    """Why a task cannot close yet: it closes only when accepted and settled to the last đồng paid."""
    problems = []
    acceptance = Acceptance.objects.filter(task=task).first()
    if acceptance is None or not acceptance.passed:
        problems.append(_("Nhiệm vụ chưa được nghiệm thu đạt."))
    for (_source, year), totals in ledger.task_cells(task).items():
        if totals[Stage.SETTLED] != totals[Stage.PAID]:
            problems.append(_("Kinh phí năm %(y)s chưa quyết toán hết số đã thanh toán.") % {"y": year})
            break
    return problems


@transaction.atomic
def close_task(*, task, user, expected_version=None) -> AssignedTask:
    task = _lock_task(task, user, expected_version)
    problems = closing_problems(task)
    if problems:
        raise ValidationError(problems)
    _touch(task, closed_on=clock.today(), progress_status=ProgressStatus.DONE, progress_percent=100)
    _event(task, user, EventAction.CLOSE)
    task.refresh_from_db()
    return task
