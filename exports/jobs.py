"""Functions the job runner (django-q2, `manage.py qcluster`) calls by dotted path."""
from . import services

EXPIRE_SCHEDULE = "exports: expire old files"


def run(job_id: int) -> str:
    return services.run(job_id)


def expire() -> dict:
    """Daily (a Schedule created by migration 0002): old export files removed."""
    return services.expire()
