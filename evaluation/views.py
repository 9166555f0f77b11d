from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.permissions import login_required, office_admin_required, office_required
from collection import sending
from collection import services as collection
from collection.board import STATES
from collection.models import Submission
from core import clock
from core import grid as core_grid
from organisations.models import Organisation

from . import report, selectors, services, svg
from .forms import PeriodForm, ReportForm
from .models import ReportingPeriod, UnitReport

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _unit_context(request, pk, code):
    """The period, the unit and its report; another unit's officer gets 404."""
    period = get_object_or_404(permissions.scope(ReportingPeriod.objects.all(), request.user), pk=pk)
    organisation = get_object_or_404(Organisation, code=code)
    if not permissions.can_view_unit(request.user, organisation) or not period.invited.filter(pk=organisation.pk).exists():
        raise Http404
    unit_report = permissions.scope(UnitReport.objects.all(), request.user).filter(period=period, organisation=organisation).first()
    return period, organisation, unit_report


@login_required
def period_list(request):
    periods = permissions.scope(ReportingPeriod.objects.all(), request.user).select_related("call__programme")
    return render(request, "evaluation/period_list.html", {"periods": periods, "unit": permissions.unit_of(request.user)})


@office_admin_required
def period_create(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.open_period(
                programme=data["programme"], title=data["title"], start_year=data["start_year"], end_year=data["end_year"],
                opens_on=data["opens_on"], deadline=data["deadline"], accepts_late=data["accepts_late"], closes_on=data["closes_on"],
                instructions=data["instructions"], invited=form.invited_units(), senders=data["senders"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã mở kỳ báo cáo."))
            return redirect("evaluation:board", pk=period.pk)
    return render(request, "evaluation/period_form.html", {"form": form})


@login_required
def period_detail(request, pk):
    """The office goes to the board; a unit to its own report."""
    period = get_object_or_404(permissions.scope(ReportingPeriod.objects.all(), request.user), pk=pk)
    if permissions.is_office(request.user):
        return redirect("evaluation:board", pk=period.pk)
    unit = permissions.unit_of(request.user)
    return redirect("evaluation:report", pk=period.pk, code=unit.code)


@office_required
def board(request, pk):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    return render(request, "evaluation/board.html", {
        "period": period, "board": selectors.completeness_board(period), "states": STATES})


@login_required
def report_detail(request, pk, code):
    period, organisation, unit_report = _unit_context(request, pk, code)
    values = {v.indicator_id: v for v in unit_report.values.select_related("indicator")} if unit_report else {}
    indicators = selectors.form_indicators(unit_report or UnitReport(period=period, organisation=organisation))
    editable = unit_report is None or unit_report.is_editable
    return render(request, "evaluation/report.html", {
        "period": period, "organisation": organisation, "report": unit_report,
        "rows": [(indicator, values.get(indicator.pk)) for indicator in indicators],
        "can_edit": editable and permissions.can_edit_unit_drafts(request.user, organisation) and period.is_open(),
        "sending": sending.panel(request.user, unit_report.submission if unit_report else None),
    })


@login_required
def report_edit(request, pk, code):
    period, organisation, _unit_report = _unit_context(request, pk, code)
    if not permissions.can_edit_unit_drafts(request.user, organisation):
        raise PermissionDenied
    unit_report = services.report_for(period=period, organisation=organisation)
    indicators = selectors.form_indicators(unit_report)
    initial = ReportForm.initial_from(unit_report.values.select_related("indicator"))
    form = ReportForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.save_values(report=unit_report, user=request.user, entries=form.entries())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu số liệu."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("evaluation:report", pk=period.pk, code=organisation.code)
    return render(request, "evaluation/report_form.html", {"period": period, "organisation": organisation, "form": form,
                                                            "previous": selectors.previous_values(unit_report),
                                                            "grid_texts": core_grid.page_texts()})


@require_POST
@login_required
def report_autosave(request, pk, code):
    """The indicator form saved as it is filled (core/static/core/grid.js): the whole form is posted with the
    indicator just changed, and only that indicator is checked and saved. Answers its errors and warnings."""
    period, organisation, _unit_report = _unit_context(request, pk, code)
    if not permissions.can_edit_unit_drafts(request.user, organisation):
        raise PermissionDenied
    unit_report = services.report_for(period=period, organisation=organisation)
    form = ReportForm(request.POST, indicators=selectors.form_indicators(unit_report))
    form.is_valid()
    indicator = request.POST.get("indicator", "")
    names = form.names_of(indicator)
    if not names:
        return JsonResponse({"message": _("Chỉ tiêu không có trong biểu mẫu; hãy tải lại trang.")}, status=400)
    errors = {name: " ".join(form.errors[name]) for name in names if name in form.errors}
    warnings = []
    if not errors:
        try:
            warnings = services.save_values(report=unit_report, user=request.user, entries={indicator: form.entry(indicator)})
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return JsonResponse({"message": " ".join(error.messages)}, status=400)
            errors = {name: " ".join(messages_) for name, messages_ in error.message_dict.items()}
    return JsonResponse({"errors": errors, "warnings": warnings,
                         "lock_version": Submission.objects.get(pk=unit_report.submission_id).lock_version})


@require_POST
@login_required
def report_submit(request, pk, code):
    period, organisation, unit_report = _unit_context(request, pk, code)
    if unit_report is None or not collection.can_send(request.user, unit_report.submission):
        raise PermissionDenied
    try:
        services.submit(report=unit_report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi báo cáo chỉ tiêu lúc %(at)s.") % {
            "at": clock.now().astimezone().strftime("%d/%m/%Y %H:%M")})
    return redirect("evaluation:report", pk=period.pk, code=organisation.code)


def dashboard(request, pk):
    """The national dashboard: aggregates of submitted reports only, so it is public."""
    period = get_object_or_404(ReportingPeriod, pk=pk)
    data = selectors.dashboard(period)
    mappable = [line for line in data.lines if line.available and line.by_province]
    chosen = data.line(request.GET.get("indicator", "")) or (mappable[0] if mappable else None)
    names = {p["code"]: p["name"] for p in data.provinces}
    map_name = svg.pick_map(names, period.end_year)
    tile_map = None
    if chosen is not None:
        tile_map = svg.tile_map(chosen.by_province, names, map_name=map_name, unit=chosen.indicator.unit,
                                title=chosen.indicator.name_vi)
    charts = [(line, svg.trend_chart(line.trend, target=line.target.target_min if line.target else None,
                                     unit=line.indicator.unit, title=line.indicator.name_vi))
              for line in data.lines if line.trend]
    return render(request, "evaluation/dashboard.html", {
        "period": period, "data": data, "chosen": chosen, "tile_map": tile_map, "map_name": map_name, "charts": charts,
        "province_rows": [(p, [line.by_province.get(p["code"]) for line in data.lines]) for p in data.provinces],
        "kind_rows": [(label, [line.by_kind.get(kind) for line in data.lines]) for kind, label in data.kinds],
        "periods": data.periods,
    })


def _report_data(period):
    return report.report_data(selectors.dashboard(period), clock.today())


@office_required
def export_docx(request, pk):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    return _download(report.write_docx(_report_data(period)), DOCX, f"bao-cao-danh-gia-{period.start_year}-{period.end_year}.docx")


@office_required
def export_xlsx(request, pk):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    return _download(report.write_xlsx(_report_data(period)), XLSX, f"bao-cao-danh-gia-{period.start_year}-{period.end_year}.xlsx")
