"""The office's execution pages and the units' progress reports. Thin: permissions, forms, services."""
from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.permissions import login_required, office_required
from collection import services as collection
from collection.models import EDITABLE, Status
from core import clock, pdf
from core.forms import add_service_errors, flash_service_error
from core.views import private_download
from programmes.models import FundingSource

from . import implementation, ledger, selectors, services
from .forms import (
    AcceptanceForm,
    AssignForm,
    DeliverableForm,
    MilestoneDoneForm,
    MilestoneForm,
    MoneyForm,
    ReportForm,
    RequestReportForm,
    ReturnForm,
)
from .models import Acceptance, AssignedTask, Deliverable, Milestone, ProgressReport

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _task(request, pk) -> AssignedTask:
    """The task in the URL, if the user may see it; another unit's answers 404."""
    return get_object_or_404(permissions.scope(AssignedTask.objects.all(), request.user).select_related(
        "organisation", "component", "lead_officer", "programme"), pk=pk)


def _report(request, pk) -> ProgressReport:
    return get_object_or_404(permissions.scope(ProgressReport.objects.all(), request.user).select_related(
        "task__organisation", "task__programme", "submission__call"), pk=pk)


@login_required
def index(request):
    """The office's watch list and every task; a unit's people see their unit's tasks and reports."""
    tasks = permissions.scope(AssignedTask.objects.all(), request.user).select_related("organisation")
    if not permissions.is_office(request.user) and not permissions.organisation_ids(request.user):
        raise PermissionDenied
    years = sorted(set(tasks.values_list("year", flat=True)), reverse=True)
    return render(request, "execution/index.html", {
        "watch": selectors.watch_list(request.user), "tasks": tasks, "years": years,
        "is_office": permissions.is_office(request.user),
        "assignable": selectors.assignable_rows().count() if permissions.is_office(request.user) else 0,
        "open_reports": permissions.scope(ProgressReport.objects.all(), request.user).filter(
            submission__status__in=EDITABLE, task__closed_on__isnull=True,
        ).select_related("task", "submission__call")[:50] if not permissions.is_office(request.user) else [],
    })


@office_required
def assignable(request):
    return render(request, "execution/assignable.html", {"rows": selectors.assignable_rows(),
                                                         "dossier_tasks": selectors.assignable_dossier_tasks()})


@office_required
def assign(request, row_id):
    row = get_object_or_404(selectors.assignable_rows(), pk=row_id)
    year = row.proposal.round.plan_year
    initial = {"implementing_body": row.proposal.organisation.working_body or row.proposal.organisation.name_vi,
               "start_date": row.period_from or clock.today(), "end_date": row.period_to,
               "lead_officer": request.user, "milestone": row.products[:500]}
    funding_initial = {("central", year): row.approved_central_vnd, ("local", year): row.other_vnd}
    return _assign_page(request, year=year, initial=initial, funding_initial=funding_initial,
                        assign=partial(services.assign_task, row=row),
                        template="execution/assign.html", context={"row": row})


@office_required
def assign_dossier_task(request, task_id):
    """Track a task the unit funds itself (a task of its received dossier) like an assigned one."""
    dossier_task = get_object_or_404(selectors.assignable_dossier_tasks(), pk=task_id)
    dossier = dossier_task.dossier
    year = dossier.call.plan_year
    initial = {"implementing_body": dossier_task.responsible_body or dossier.organisation.name_vi,
               "start_date": date(year, 1, 1), "end_date": date(year, 12, 31), "lead_officer": request.user}
    funding_initial = {(source.code, funded_year): amount
                       for (source, funded_year), amount in services.dossier_funding(dossier_task).items()}
    return _assign_page(request, year=year, initial=initial, funding_initial=funding_initial,
                        assign=partial(services.assign_dossier_task, dossier_task=dossier_task),
                        template="execution/assign_dossier_task.html", context={"dossier_task": dossier_task, "year": year})


def _assign_page(request, *, year, initial, funding_initial, assign, template, context):
    """The assignment form, whatever the task comes from (an accepted proposal row or a dossier task)."""
    form = AssignForm(request.POST or None, request.FILES or None, initial=initial, years=[year, year + 1],
                      funding_initial=funding_initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = assign(
                user=request.user, implementing_body=data["implementing_body"],
                decision_number=data["decision_number"], decision_date=data["decision_date"],
                decision_signer=data["decision_signer"], decision_file=data["decision_file"],
                lead_officer=data["lead_officer"], start_date=data["start_date"], end_date=data["end_date"],
                report_every_months=data["report_every_months"], funding=form.funding(), milestones=form.milestones())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("execution:task", pk=task.pk)
    return render(request, template, {**context, "form": form})


def _money_grid(task) -> tuple[list, dict]:
    """[(source, year, {stage: đồng})] for the task's cells, and the totals by stage."""
    cells = ledger.task_cells(task)
    sources = FundingSource.objects.in_bulk([source_id for source_id, _year in cells])
    lines = [(sources[source_id], year, totals) for (source_id, year), totals in
             sorted(cells.items(), key=lambda item: (item[0][1], sources[item[0][0]].order))]
    total = ledger.empty()
    for _source, _year, totals in lines:
        for stage in ledger.STAGES:
            total[stage] += totals[stage]
    return lines, total


def _task_page(request, task, **forms):
    is_office = permissions.is_office(request.user)
    version = {"version": task.lock_version}
    lines, total = _money_grid(task)
    context = {
        "task": task, "is_office": is_office, "stages": ledger.STAGES, "money_lines": lines, "money_total": total,
        "entries": task.money.select_related("source", "recorded_by"),
        "milestones": task.milestones.all(), "reports": task.reports.select_related("submission__call"),
        "acceptance": Acceptance.objects.filter(task=task).first(),
        "events": task.events.select_related("actor"), "today": clock.today(),
        "closing_problems": services.closing_problems(task) if is_office and not task.is_closed else [],
    }
    if is_office and not task.is_closed:
        context.update({
            "milestone_form": forms.get("milestone_form") or MilestoneForm(initial=version),
            "done_form": MilestoneDoneForm(initial={**version, "done_on": clock.today()}),
            "money_form": forms.get("money_form") or MoneyForm(initial={**version, "year": task.year,
                                                                         "entry_date": clock.today()}),
            "request_form": forms.get("request_form") or RequestReportForm(initial=version),
            "acceptance_form": forms.get("acceptance_form") or AcceptanceForm(initial=version),
        })
    return render(request, "execution/task.html", context, status=400 if forms else 200)


@login_required
def task_detail(request, pk):
    return _task_page(request, _task(request, pk))


def _office_post(request, pk, form_class, form_name, action, success):
    """A POST of one of the office's forms on the task page: on refusal the page shows the form again."""
    task = _task(request, pk)
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            action(task, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("execution:task", pk=task.pk)
    return _task_page(request, task, **{form_name: form})


@require_POST
@login_required
def milestone_add(request, pk):
    return _office_post(request, pk, MilestoneForm, "milestone_form", lambda task, data: services.add_milestone(
        task=task, user=request.user, planned_on=data["planned_on"], deliverable=data["deliverable"],
        expected_version=data["version"]), _("Đã thêm mốc tiến độ."))


@require_POST
@login_required
def milestone_done(request, pk, milestone_id):
    task = _task(request, pk)
    if not permissions.is_office(request.user):
        raise PermissionDenied
    milestone = get_object_or_404(Milestone, pk=milestone_id, task=task)
    form = MilestoneDoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Ngày hoàn thành không hợp lệ."))
        services.complete_milestone(milestone=milestone, user=request.user, done_on=form.cleaned_data["done_on"],
                                    expected_version=form.cleaned_data["version"])
        messages.success(request, _("Đã ghi nhận mốc hoàn thành."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("execution:task", pk=task.pk)


@require_POST
@login_required
def money_add(request, pk):
    return _office_post(request, pk, MoneyForm, "money_form", lambda task, data: services.record_money(
        task=task, user=request.user, source=data["source"], year=data["year"], stage=data["stage"],
        amount_vnd=data["amount_vnd"], entry_date=data["entry_date"], document=data["document"],
        adjustment=data["adjustment"], reason=data["reason"], decision=data["decision"],
        expected_version=data["version"]), _("Đã ghi kinh phí."))


@require_POST
@login_required
def report_request(request, pk):
    return _office_post(request, pk, RequestReportForm, "request_form", lambda task, data: services.request_report(
        task=task, user=request.user, title=data["title"], due_on=data["due_on"], expected_version=data["version"]),
        _("Đã yêu cầu đơn vị báo cáo."))


@require_POST
@login_required
def acceptance(request, pk):
    return _office_post(request, pk, AcceptanceForm, "acceptance_form", lambda task, data: services.record_acceptance(
        task=task, user=request.user, verdict=data["verdict"], decided_on=data["decided_on"],
        conditions=data["conditions"], minutes_file=data["minutes_file"], expected_version=data["version"]),
        _("Đã ghi kết quả nghiệm thu."))


@require_POST
@login_required
def close(request, pk):
    task = _task(request, pk)
    if not permissions.is_office(request.user):
        raise PermissionDenied
    try:
        services.close_task(task=task, user=request.user, expected_version=request.POST.get("version"))
        messages.success(request, _("Nhiệm vụ đã kết thúc."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("execution:task", pk=task.pk)


@login_required
def decision_file(request, pk):
    task = _task(request, pk)
    return private_download(task.decision_file, task.decision_file_name)


@login_required
def minutes_file(request, pk):
    found = get_object_or_404(Acceptance, task=_task(request, pk))
    return private_download(found.minutes_file, found.minutes_file_name)


def deliverable_file(request, pk):
    """A public deliverable of an accepted report is anyone's; the rest only the unit's and the office's."""
    deliverable = get_object_or_404(Deliverable.objects.select_related("report__task", "report__submission"), pk=pk)
    report = deliverable.report
    if not (deliverable.is_public and report.status == Status.ACCEPTED):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_view_unit(request.user, report.task.organisation_id):
            raise Http404
    return private_download(deliverable.file, deliverable.file_name)


# --- Progress reports ---------------------------------------------------------------------------

def _report_page(request, report, form=None, deliverable_form=None, return_form=None):
    can_edit = report.is_editable and not report.task.is_closed and permissions.can_edit_unit_drafts(
        request.user, report.task.organisation_id)
    contributions = {c.indicator_id: c.value for c in report.contributions.all()}
    version = {"version": report.submission.lock_version}
    if can_edit and form is None:
        form = ReportForm(programme=report.task.programme, contributions=contributions, initial={
            **version, "progress_status": report.progress_status, "percent": report.percent,
            "work_done": report.work_done, "problems": report.problems, "next_steps": report.next_steps,
            "spent_vnd": report.spent_vnd})
    is_office = permissions.is_office(request.user)
    return render(request, "execution/report.html", {
        "report": report, "task": report.task, "form": form if can_edit else None,
        "deliverable_form": (deliverable_form or DeliverableForm(initial=version)) if can_edit else None,
        "can_send": can_edit and collection.can_send(request.user, report.submission),
        "can_review": is_office and report.status == Status.SUBMITTED and not report.task.is_closed,
        "return_form": return_form or ReturnForm(),
        "deliverables": report.deliverables.all(),
        "contributions": report.contributions.select_related("indicator"),
        "events": report.submission.events.select_related("actor"),
    }, status=400 if (form and form.is_bound) or deliverable_form or return_form else 200)


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    if request.method != "POST":
        return _report_page(request, report)
    form = ReportForm(request.POST, programme=report.task.programme)
    if form.is_valid():
        try:
            services.save_report(report=report, user=request.user, data=form.report_data(),
                                 contributions=form.contributions(), expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("execution:report", pk=report.pk)
    if not permissions.can_edit_unit_drafts(request.user, report.task.organisation_id):
        raise PermissionDenied
    return _report_page(request, report, form=form)


@require_POST
@login_required
def deliverable_add(request, pk):
    report = _report(request, pk)
    if not permissions.can_edit_unit_drafts(request.user, report.task.organisation_id):
        raise PermissionDenied
    form = DeliverableForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_deliverable(report=report, user=request.user, title=form.cleaned_data["title"],
                                     upload=form.cleaned_data["file"], is_public=form.cleaned_data["is_public"],
                                     expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm sản phẩm."))
            return redirect("execution:report", pk=report.pk)
    return _report_page(request, report, deliverable_form=form)


@require_POST
@login_required
def report_send(request, pk):
    report = _report(request, pk)
    try:
        services.send_report(report=report, user=request.user, expected_version=request.POST.get("version"))
        messages.success(request, _("Đã gửi báo cáo."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("execution:report", pk=report.pk)


@require_POST
@login_required
def report_return(request, pk):
    report = _report(request, pk)
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_report(report=report, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã trả lại báo cáo để hoàn thiện."))
            return redirect("execution:report", pk=report.pk)
    return _report_page(request, report, return_form=form)


@require_POST
@login_required
def report_accept(request, pk):
    report = _report(request, pk)
    if not permissions.is_office(request.user):
        raise PermissionDenied
    try:
        services.accept_report(report=report, user=request.user)
        messages.success(request, _("Đã chấp nhận báo cáo."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("execution:report", pk=report.pk)


# --- The implementation report ------------------------------------------------------------------

def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@office_required
def year_report(request, year):
    data = implementation.gather(year=year)
    return render(request, "execution/year_report.html", {"data": data, "year": year, "stages": ledger.STAGES,
                                                          "pdf_available": pdf.soffice() is not None})


@office_required
def year_report_docx(request, year):
    return _download(implementation.build_docx(implementation.gather(year=year)), DOCX,
                     f"bao-cao-thuc-hien-{year}.docx")


@office_required
def year_report_xlsx(request, year):
    return _download(implementation.build_xlsx(implementation.gather(year=year)), XLSX,
                     f"phu-luc-thuc-hien-{year}.xlsx")


@office_required
def year_report_pdf(request, year):
    try:
        document = pdf.docx_to_pdf(implementation.build_docx(implementation.gather(year=year)), f"bao-cao-thuc-hien-{year}")
    except pdf.PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("execution:year_report", year=year)
    return _download(document, "application/pdf", f"bao-cao-thuc-hien-{year}.pdf")

