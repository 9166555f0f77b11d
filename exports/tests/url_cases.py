from django.core.files.base import ContentFile

from core import clock
from core.testing.access import UrlCase
from core.testing.world import OFFICE, OFFICE_REVIEWER, UNIT_OFFICER
from exports.models import ExportJob, ExportStatus


def _job(world, role, *, office_export) -> ExportJob:
    job = ExportJob.objects.create(owner=world.user(role), kind="rounds.consolidated", parameters={}, title="Tệp",
                                   filename="tep.xlsx", office_export=office_export, status=ExportStatus.DONE,
                                   rows_total=1, rows_done=1, created_at=clock.now(), finished_at=clock.now())
    job.file.save("tep.xlsx", ContentFile(b"PK"))
    return job


def cases(world):
    office_job = {"pk": _job(world, OFFICE_REVIEWER, office_export=True).pk}
    unit_job = {"pk": _job(world, UNIT_OFFICER, office_export=False).pk}
    mine = frozenset({UNIT_OFFICER})
    return [
        UrlCase("exports:job", office_job, allowed=OFFICE),
        UrlCase("exports:status", office_job, allowed=OFFICE),
        UrlCase("exports:download", office_job, allowed=OFFICE),
        # A unit's export: only who asked for it, not the unit's leader, not the office.
        UrlCase("exports:job", unit_job, allowed=mine),
        UrlCase("exports:status", unit_job, allowed=mine),
        UrlCase("exports:download", unit_job, allowed=mine),
    ]
