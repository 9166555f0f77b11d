"""Pages for action plans and annual plan dossiers. Thin: permissions, forms, then plans.services."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.permissions import login_required, office_admin_required, office_required
from collection import queue, sending
from collection import services as collection
from collection.models import RECEIVED
from core import clock
from core import grid as core_grid
from core.forms import add_service_errors, flash_service_error
from core.views import private_download
from organisations.models import Organisation
from programmes.models import FundingSource, ProgrammePhase

from . import grid, selectors, services
from .forms import (
    AttachmentForm,
    CallForm,
    DossierTaskForm,
    IssuePlanForm,
    PlanTaskForm,
    ReasonForm,
    ReviewForm,
    SummaryForm,
)
from .models import (
    ActionPlan,
    ActionPlanTask,
    Dossier,
    DossierAttachment,
    DossierCall,
    DossierFunding,
    DossierStatus,
    DossierTask,
    PlanStatus,
)


def _unit(request, code) -> Organisation:
    """The unit in the URL, if the user may see its records; another unit's answers 404."""
    organisation = get_object_or_404(Organisation, code=code)
    if not permissions.can_view_unit(request.user, organisation):
        raise Http404
    return organisation


def _require_editor(request, organisation):
    if not permissions.can_edit_unit_drafts(request.user, organisation):
        raise PermissionDenied


@login_required
def index(request):
    """A unit sees its own plans and dossiers; the office sees the state of every unit."""
    phases = ProgrammePhase.objects.select_related("programme").order_by("-start_year")
    calls = DossierCall.objects.order_by("-plan_year")
    if permissions.is_office(request.user):
        plan_counts = {(row["phase_id"], row["status"]): row["n"]
                       for row in ActionPlan.objects.values("phase_id", "status").annotate(n=Count("pk")).order_by()}
        call_rows = calls.annotate(
            invited_count=Count("call__invited", distinct=True),
            received=Count("dossiers", filter=Q(dossiers__submission__status__in=RECEIVED), distinct=True))
        return render(request, "plans/office_index.html", {
            "phases": [(phase, plan_counts.get((phase.pk, PlanStatus.ISSUED), 0), plan_counts.get((phase.pk, PlanStatus.DRAFTING), 0))
                       for phase in phases],
            "calls": call_rows, "can_open": permissions.is_office_admin(request.user),
        })
    unit = permissions.unit_of(request.user)
    if unit is None:
        raise PermissionDenied
    plans = {plan.phase_id: plan for plan in ActionPlan.objects.filter(organisation=unit)}
    dossiers = {dossier.call_id: dossier for dossier in Dossier.objects.filter(organisation=unit)}
    return render(request, "plans/unit_index.html", {
        "unit": unit,
        "phases": [(phase, plans.get(phase.pk)) for phase in phases],
        "calls": [(call, dossiers.get(call.pk)) for call in calls.filter(call__invited=unit)],
    })


# --- Action plans -------------------------------------------------------------------------------

def _plan_context(request, phase_code, code):
    phase = get_object_or_404(ProgrammePhase, code=phase_code)
    organisation = _unit(request, code)
    plan = ActionPlan.objects.filter(organisation=organisation, phase=phase).first()
    return phase, organisation, plan


def _editable_plan(request, phase, organisation) -> ActionPlan:
    _require_editor(request, organisation)
    return services.plan_for(organisation=organisation, phase=phase)


@login_required
def action_plan(request, phase_code, code):
    phase, organisation, plan = _plan_context(request, phase_code, code)
    sources = list(FundingSource.objects.all())
    tasks = list(plan.tasks.select_related("component")) if plan else []
    grid = services.plan_funding(plan) if plan else {}
    totals = services.plan_totals(grid)
    for task in tasks:
        task.total_vnd = sum(sum(amounts.values()) for amounts in grid.get(task.pk, {}).values())
        task.by_year = [sum(grid.get(task.pk, {}).get(year, {}).values()) for year in phase.years]
    can_edit = permissions.can_edit_unit_drafts(request.user, organisation)
    return render(request, "plans/action_plan.html", {
        "phase": phase, "organisation": organisation, "plan": plan, "tasks": tasks, "sources": sources,
        "year_totals": [totals["by_year"].get(year, 0) for year in phase.years],
        "source_totals": [(source, totals["by_source"].get(source.pk, 0)) for source in sources], "total": totals["total"],
        "can_edit": can_edit and (plan is None or not plan.is_issued),
        "can_reopen": can_edit and plan is not None and plan.is_issued,
        "events": plan.events.select_related("actor") if plan else [], "reason_form": ReasonForm(),
    })


@login_required
def plan_task_edit(request, phase_code, code, task_id=None):
    phase, organisation, _plan = _plan_context(request, phase_code, code)
    plan = _editable_plan(request, phase, organisation)
    task = get_object_or_404(ActionPlanTask, pk=task_id, plan=plan) if task_id else None
    initial = {"version": plan.lock_version, "start_year": phase.start_year, "end_year": phase.end_year}
    funding_initial = {}
    if task:
        initial.update({key: getattr(task, key) for key in ("name", "component", "start_year", "end_year", "responsible_body")})
        funding_initial = {(line.year, line.source_id): line.amount_vnd for line in task.funding.all()}
    form = PlanTaskForm(request.POST or None, initial=initial, phase=phase, funding_initial=funding_initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan_task(plan=plan, user=request.user, data=form.task_data(), task=task,
                                    funding=form.funding(form.sources, form.years),
                                    expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("plans:action_plan", phase_code=phase.code, code=organisation.code)
    return render(request, "plans/plan_task_form.html", {"phase": phase, "organisation": organisation, "form": form,
                                                         "task": task, "sources": form.sources})


@require_POST
@login_required
def plan_task_delete(request, phase_code, code, task_id):
    phase, organisation, _plan = _plan_context(request, phase_code, code)
    plan = _editable_plan(request, phase, organisation)
    task = get_object_or_404(ActionPlanTask, pk=task_id, plan=plan)
    try:
        services.delete_plan_task(plan=plan, user=request.user, task=task, expected_version=request.POST.get("version"))
        messages.success(request, _("Đã xóa nhiệm vụ."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:action_plan", phase_code=phase.code, code=organisation.code)


@login_required
def plan_issue(request, phase_code, code):
    phase, organisation, _plan = _plan_context(request, phase_code, code)
    plan = _editable_plan(request, phase, organisation)
    form = IssuePlanForm(request.POST or None, request.FILES or None, initial={
        "version": plan.lock_version, "decision_number": plan.decision_number, "decision_date": plan.decision_date,
        "signer": plan.signer})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.issue_plan(plan=plan, user=request.user, decision_number=data["decision_number"],
                                decision_date=data["decision_date"], signer=data["signer"],
                                signed_file=data["signed_file"], expected_version=data["version"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận kế hoạch hành động được ban hành."))
            return redirect("plans:action_plan", phase_code=phase.code, code=organisation.code)
    return render(request, "plans/plan_issue.html", {"phase": phase, "organisation": organisation, "plan": plan, "form": form})


@require_POST
@login_required
def plan_reopen(request, phase_code, code):
    phase, organisation, plan = _plan_context(request, phase_code, code)
    _require_editor(request, organisation)
    if plan is None:
        raise Http404
    try:
        services.reopen_plan(plan=plan, user=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Kế hoạch đã được mở lại để điều chỉnh."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:action_plan", phase_code=phase.code, code=organisation.code)


@login_required
def signed_file(request, phase_code, code):
    _phase, _organisation, plan = _plan_context(request, phase_code, code)
    if plan is None:
        raise Http404
    return private_download(plan.signed_file, plan.signed_file_name)


# --- Dossiers -----------------------------------------------------------------------------------

@office_admin_required
def call_create(request):
    form = CallForm(request.POST or None, initial={"opens_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.open_call(programme=data["programme"], plan_year=data["plan_year"], opens_on=data["opens_on"],
                                      deadline=data["deadline"], invited=form.invited(), instructions=data["instructions"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã mở đợt nhận hồ sơ kế hoạch năm %(year)s.") % {"year": call.plan_year})
            return redirect("plans:call_board", year=call.plan_year)
    return render(request, "plans/call_form.html", {"form": form})


def _call(year) -> DossierCall:
    """The call of a plan year (of the latest programme, should two programmes share a year)."""
    call = DossierCall.objects.filter(plan_year=year).order_by("-call__programme__start_year", "-pk").first()
    if call is None:
        raise Http404
    return call


@office_required
def call_board(request, year):
    call = _call(year)
    return render(request, "plans/call_board.html", {"call": call, **selectors.call_board(call)})


def _dossier_context(request, year, code):
    call = _call(year)
    organisation = _unit(request, code)
    if not call.invited.filter(pk=organisation.pk).exists():
        raise Http404
    dossier = Dossier.objects.filter(call=call, organisation=organisation).first()
    return call, organisation, dossier


def _editable_dossier(request, call, organisation) -> Dossier:
    _require_editor(request, organisation)
    return services.dossier_for(call=call, organisation=organisation)


@never_cache  # Back to the grid shows the tasks as saved, never a copy from before the last edits
@login_required
def dossier(request, year, code):
    call, organisation, dossier_obj = _dossier_context(request, year, code)
    tasks = list(dossier_obj.tasks.select_related("component", "action_task")) if dossier_obj else []
    editable = dossier_obj is None or dossier_obj.is_editable
    can_edit = permissions.can_edit_unit_drafts(request.user, organisation) and editable
    total = DossierFunding.objects.filter(task__in=tasks).aggregate(total=Sum("amount_vnd"))["total"] or 0
    return render(request, "plans/dossier.html", {
        "call": call, "organisation": organisation, "dossier": dossier_obj, "tasks": tasks, "total": total,
        "grid": grid.table(dossier_obj, call, organisation, tasks, editable=can_edit), "grid_texts": core_grid.page_texts(),
        "can_edit": can_edit,
        "sending": sending.panel(request.user, dossier_obj.submission if dossier_obj else None),
        "can_review": permissions.is_office(request.user) and dossier_obj is not None and dossier_obj.status == DossierStatus.SUBMITTED,
        "versions": dossier_obj.versions.select_related("submitted_by") if dossier_obj else [],
        "events": dossier_obj.events.select_related("actor") if dossier_obj else [],
        "attachments": dossier_obj.attachments.all() if dossier_obj else [],
        "summary_form": SummaryForm(initial={"version": dossier_obj.lock_version if dossier_obj else 0,
                                             "summary": dossier_obj.summary if dossier_obj else ""}),
        "attachment_form": AttachmentForm(), "review_form": ReviewForm(),
    })


@require_POST
@login_required
def dossier_grid(request, year, code):
    """The dossier grid's saves (core/static/core/grid.js): one action per request (plans.grid.handle)."""
    call, organisation, _dossier = _dossier_context(request, year, code)
    dossier_obj = _editable_dossier(request, call, organisation)
    sources = list(FundingSource.objects.all())
    return core_grid.respond(request, lambda body: grid.handle(dossier=dossier_obj, user=request.user, body=body),
                             lambda task: grid.row_payload(task, sources))


@login_required
def dossier_task_edit(request, year, code, task_id=None):
    call, organisation, _dossier = _dossier_context(request, year, code)
    dossier_obj = _editable_dossier(request, call, organisation)
    task = get_object_or_404(DossierTask, pk=task_id, dossier=dossier_obj) if task_id else None
    client_key = None
    if task is None and request.method == "GET":
        client_key, elsewhere = core_grid.new_row_page(request, dossier_obj.tasks.all(), lambda pk: reverse(
            "plans:dossier_task_edit", kwargs={"year": call.plan_year, "code": organisation.code, "task_id": pk}))
        if elsewhere:
            return elsewhere
    initial, funding_initial = {"version": dossier_obj.lock_version, "client_key": client_key}, {}
    if task:
        initial.update({key: getattr(task, key) for key in ("name", "action_task", "component", "responsible_body")})
        funding_initial = {line.source_id: line.amount_vnd for line in task.funding.all()}
    form = DossierTaskForm(request.POST or None, initial=initial, dossier=dossier_obj, funding_initial=funding_initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_dossier_task(dossier=dossier_obj, user=request.user, data=form.task_data(), task=task,
                                       funding=form.funding(form.sources), expected_version=form.cleaned_data["version"],
                                       client_key=None if task else form.cleaned_data["client_key"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("plans:dossier", year=call.plan_year, code=organisation.code)
    return render(request, "plans/dossier_task_form.html", {"call": call, "organisation": organisation, "form": form,
                                                            "task": task})


@require_POST
@login_required
def dossier_task_delete(request, year, code, task_id):
    call, organisation, _dossier = _dossier_context(request, year, code)
    dossier_obj = _editable_dossier(request, call, organisation)
    task = get_object_or_404(DossierTask, pk=task_id, dossier=dossier_obj)
    try:
        services.delete_dossier_task(dossier=dossier_obj, user=request.user, task=task,
                                     expected_version=request.POST.get("version"))
        messages.success(request, _("Đã xóa nhiệm vụ."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:dossier", year=call.plan_year, code=organisation.code)


@require_POST
@login_required
def dossier_summary(request, year, code):
    call, organisation, _dossier = _dossier_context(request, year, code)
    dossier_obj = _editable_dossier(request, call, organisation)
    form = SummaryForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Dữ liệu không hợp lệ."))
        services.save_summary(dossier=dossier_obj, user=request.user, summary=form.cleaned_data["summary"],
                              expected_version=form.cleaned_data["version"])
        messages.success(request, _("Đã lưu thuyết minh."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:dossier", year=call.plan_year, code=organisation.code)


@require_POST
@login_required
def dossier_attach(request, year, code):
    call, organisation, _dossier = _dossier_context(request, year, code)
    dossier_obj = _editable_dossier(request, call, organisation)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy chọn một tệp."))
        services.add_attachment(dossier=dossier_obj, user=request.user, upload=form.cleaned_data["file"])
        messages.success(request, _("Đã đính kèm tài liệu."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:dossier", year=call.plan_year, code=organisation.code)


@login_required
def attachment(request, year, code, attachment_id):
    _call, _organisation, dossier_obj = _dossier_context(request, year, code)
    if dossier_obj is None:
        raise Http404
    item = get_object_or_404(DossierAttachment, pk=attachment_id, dossier=dossier_obj)
    return private_download(item.file, item.original_name)


@require_POST
@login_required
def dossier_submit(request, year, code):
    call, organisation, dossier_obj = _dossier_context(request, year, code)
    if dossier_obj is None or not collection.can_send(request.user, dossier_obj.submission):
        raise PermissionDenied
    try:
        version = services.submit_dossier(dossier=dossier_obj, user=request.user, expected_version=request.POST.get("version"))
        messages.success(request, _("Đã gửi hồ sơ kế hoạch năm (lần %(n)s).") % {"n": version.number})
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("plans:dossier", year=call.plan_year, code=organisation.code)


@require_POST
@office_required
def dossier_review(request, year, code):
    call, organisation, dossier_obj = _dossier_context(request, year, code)
    if dossier_obj is None:
        raise Http404
    form = ReviewForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy chọn tiếp nhận hoặc trả lại."))
        if form.cleaned_data["action"] == "acknowledge":
            services.acknowledge(dossier=dossier_obj, user=request.user, note=form.cleaned_data["comment"])
            messages.success(request, _("Đã tiếp nhận hồ sơ."))
        else:
            services.return_dossier(dossier=dossier_obj, user=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Đã trả lại hồ sơ để đơn vị hoàn thiện."))
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        carried = queue.carried(request.GET)  # opened from the review queue: on to its next unit
        if carried is not None:
            return redirect(queue.place_after(carried, dossier_obj.submission))
    return redirect("plans:dossier", year=call.plan_year, code=organisation.code)


@login_required
def dossier_version(request, year, code, number):
    call, organisation, dossier_obj = _dossier_context(request, year, code)
    if dossier_obj is None:
        raise Http404
    version = get_object_or_404(dossier_obj.versions, number=number)
    sources = {source.code: source for source in FundingSource.objects.all()}
    return render(request, "plans/dossier_version.html", {"call": call, "organisation": organisation, "version": version,
                                                          "sources": sources})
