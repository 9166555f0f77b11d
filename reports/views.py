"""The office's national view and the report to the Prime Minister."""
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import office_required
from core import clock, pdf
from exports import services as export_services
from plans.models import DossierCall
from programmes.models import Programme

from . import pm_annex, pm_report, selectors
from .forms import ReportTextForm
from .models import PrimeMinisterReport

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _programme(year) -> Programme:
    programme = Programme.objects.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
    if programme is None:
        raise Http404
    return programme


def _default_year() -> int:
    latest = DossierCall.objects.order_by("-plan_year").values_list("plan_year", flat=True).first()
    return latest or clock.today().year + 1


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or _default_year())
    except ValueError:
        raise Http404 from None


@office_required
def national(request):
    year = _year(request)
    data = selectors.consolidate(year=year, programme=_programme(year))
    years = sorted(set(DossierCall.objects.values_list("plan_year", flat=True)) | {year}, reverse=True)
    return render(request, "reports/national.html", {"data": data, "year": year, "years": years})


def _report(year) -> PrimeMinisterReport:
    programme = _programme(year)
    report = PrimeMinisterReport.objects.filter(programme=programme, year=year).first()
    return report or pm_report.default_report(programme=programme, year=year)


@office_required
def pm_report_edit(request, year):
    report = _report(year)
    form = ReportTextForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.updated_at, report.updated_by = clock.now(), request.user
        report.save()
        messages.success(request, _("Đã lưu nội dung báo cáo."))
        return redirect("reports:pm_report", year=year)
    data = selectors.report_data(year=year, programme=report.programme)
    return render(request, "reports/pm_report.html", {"form": form, "year": year, "data": data, "report": report,
                                                      "pdf_available": pdf.soffice() is not None})


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _signed_report(request, year) -> PrimeMinisterReport | None:
    """The saved report, or None with a message: a report to the Prime Minister carries its number and signer."""
    report = _report(year)
    if report.pk is None or not report.is_complete:
        messages.error(request, _("Hãy nhập số báo cáo và họ tên người ký, lưu nội dung, rồi tải báo cáo."))
        return None
    return report


def _report_docx(report: PrimeMinisterReport) -> bytes:
    return pm_report.build_docx(report, selectors.report_data(year=report.year, programme=report.programme))


@office_required
def pm_report_docx(request, year):
    report = _signed_report(request, year)
    if report is None:
        return redirect("reports:pm_report", year=year)
    return _download(_report_docx(report), DOCX, f"bao-cao-thu-tuong-{year}.docx")


@office_required
def pm_report_xlsx(request, year):
    """The annex; a large one is written by a background job whose page this redirects to."""
    report = _report(year)
    data = selectors.report_data(year=year, programme=report.programme)
    rows = pm_annex.streamed_rows(data)
    if export_services.too_large(rows):
        job = export_services.start(owner=request.user, kind=pm_annex.JOB_KIND,
                                    parameters={"year": year, "programme": report.programme.pk},
                                    title=_("Phụ lục báo cáo Thủ tướng năm %(year)s") % {"year": year},
                                    filename=pm_annex.filename(year), rows_total=rows)
        return redirect("exports:job", job.pk)
    return _download(pm_annex.build_xlsx(data), XLSX, pm_annex.filename(year))


@office_required
def pm_report_pdf(request, year):
    report = _signed_report(request, year)
    if report is None:
        return redirect("reports:pm_report", year=year)
    try:
        document = pdf.docx_to_pdf(_report_docx(report), f"bao-cao-thu-tuong-{year}")
    except pdf.PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("reports:pm_report", year=year)
    return _download(document, "application/pdf", f"bao-cao-thu-tuong-{year}.pdf")
