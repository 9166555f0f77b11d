"""Functions the job runner (django-q2, `manage.py qcluster`) calls by dotted path."""
from . import services

TICK_SCHEDULE = "notifications: scheduler tick"


def tick() -> dict:
    """Every few minutes (a Schedule created by migration 0002): reminders, notices, digest, e-mails."""
    return services.run_due()


def send_pending_job() -> dict:
    """Queued when a round opens, so its e-mails leave at once rather than at the next tick."""
    return services.send_pending()
