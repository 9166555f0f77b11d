"""A background export's page, its progress as JSON for the page's script, and the private download."""
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import login_required
from core.views import private_download
from core.vn import format_number

from . import services
from .models import ExportJob, ExportStatus


def _job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk)
    if not services.may_view(request.user, job):
        raise PermissionDenied
    return job


def _state(job: ExportJob) -> dict:
    return {
        "status": job.status, "label": job.get_status_display(), "finished": job.is_finished,
        "rows_done": job.rows_done, "rows_total": job.rows_total, "percent": job.percent,
        "rows_text": _("%(done)s / %(total)s dòng") % {"done": format_number(job.rows_done),
                                                      "total": format_number(job.rows_total)},
        "error": _(job.error) if job.error else "",
        "download_url": reverse("exports:download", args=[job.pk]) if job.status == ExportStatus.DONE else "",
    }


@login_required
def job_page(request, pk):
    job = _job(request, pk)
    return render(request, "exports/job.html", {"job": job, "state": _state(job)})


@login_required
def job_status(request, pk):
    response = JsonResponse(_state(_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def download(request, pk):
    job = _job(request, pk)
    if job.status != ExportStatus.DONE:
        raise Http404
    return private_download(job.file, job.filename)
