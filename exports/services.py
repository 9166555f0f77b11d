"""Starting, running and expiring background exports. A request that would write more rows than
EXPORT_SYNC_MAX_ROWS starts a job instead and shows its page; the job runner (django-q2) writes the file
into private storage while the page follows its progress."""
import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop
from django_q.tasks import async_task

from accounts import permissions
from core import clock

from . import kinds
from .models import UNFINISHED, ExportJob, ExportStatus

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1000  # rows between two saves of the progress
FAILED = gettext_noop("Không tạo được tệp. Hãy tải lại; nếu vẫn lỗi, hãy báo cho quản trị hệ thống.")
STALLED = gettext_noop("Việc tạo tệp bị gián đoạn. Hãy tải lại.")


def too_large(rows: int) -> bool:
    """Whether an export of this many rows runs in the background rather than inside the request."""
    return rows > settings.EXPORT_SYNC_MAX_ROWS


def _killed_before():
    """A job still running after the runner's timeout was killed with its worker."""
    return clock.now() - timedelta(seconds=settings.Q_CLUSTER["timeout"])


def start(*, owner, kind: str, parameters: dict, title: str, filename: str, rows_total: int) -> ExportJob:
    """Record a job and queue it once the transaction commits. The same export asked again by the same person
    while it is queued or running (a second click) is the job already under way."""
    existing = (ExportJob.objects.filter(owner=owner, kind=kind, parameters=parameters)
                .filter(Q(status=ExportStatus.QUEUED) | Q(status=ExportStatus.RUNNING, started_at__gte=_killed_before()))
                .first())
    if existing is not None:
        return existing
    job = ExportJob.objects.create(owner=owner, kind=kind, parameters=parameters, title=title, filename=filename,
                                   office_export=kinds.get(kind).office, rows_total=rows_total, created_at=clock.now())
    transaction.on_commit(lambda: _queue(job.pk))
    return job


def _queue(job_id: int) -> None:
    # django-q reads its "sync" option once at import; read here, a test's settings run the job in-process.
    async_task("exports.jobs.run", job_id, task_name=f"exports.{job_id}", sync=settings.Q_CLUSTER.get("sync", False))


class Progress:
    """Counts the rows written and saves the count on the job every PROGRESS_EVERY rows."""

    def __init__(self, job_id: int):
        self.job_id, self.done = job_id, 0

    def track(self, rows):
        for row in rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=self.job_id).update(rows_done=self.done)


def run(job_id: int) -> str:
    """Write the job's file (called by the job runner); a failure marks the job failed with a message for its page."""
    job = ExportJob.objects.get(pk=job_id)
    if job.is_finished or (job.status == ExportStatus.RUNNING and job.started_at >= _killed_before()):
        return job.status  # run again by the runner's retry while done or under way: nothing to do
    job.status, job.started_at = ExportStatus.RUNNING, clock.now()
    job.save(update_fields=["status", "started_at"])
    progress = Progress(job.pk)
    try:
        with tempfile.TemporaryFile() as output:
            kinds.get(job.kind).write(job.parameters, output, progress.track)
            output.seek(0)
            job.file.save(job.filename, File(output), save=False)
    except Exception:
        log.exception("export job %s (%s) failed", job.pk, job.kind)
        job.status, job.error = ExportStatus.FAILED, FAILED
    else:
        job.status, job.rows_done = ExportStatus.DONE, progress.done
    job.finished_at = clock.now()
    job.save(update_fields=["status", "error", "rows_done", "file", "finished_at"])
    return job.status


def may_view(user, job: ExportJob) -> bool:
    """Who asked for it, and every office user for an office export."""
    return job.owner_id == user.pk or (job.office_export and permissions.is_office(user))


def expire(*, now=None) -> dict:
    """Delete the files of jobs older than EXPORT_KEEP_DAYS (their pages say the file has expired) and mark
    as failed the jobs left unfinished that long (their runner stopped)."""
    cutoff = (now or clock.now()) - timedelta(days=settings.EXPORT_KEEP_DAYS)
    expired = 0
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff):
        job.file.delete(save=False)
        job.status = ExportStatus.EXPIRED
        job.save(update_fields=["file", "status"])
        expired += 1
    stalled = ExportJob.objects.filter(status__in=UNFINISHED, created_at__lt=cutoff).update(
        status=ExportStatus.FAILED, error=STALLED, finished_at=now or clock.now())
    return {"expired": expired, "stalled": stalled}
