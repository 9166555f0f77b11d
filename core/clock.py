"""The one clock every business rule reads, so tests can set the time instead of sleeping."""
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.utils import timezone

_frozen_at = None


def now() -> datetime:
    return _frozen_at or timezone.now()


def today():
    return timezone.localdate(now())


def set_now(moment: datetime | None) -> None:
    """Freeze the clock at `moment` (aware datetime), or unfreeze it with None."""
    global _frozen_at
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    _frozen_at = moment


def advance(delta: timedelta) -> datetime:
    set_now(now() + delta)
    return now()


@contextmanager
def frozen(moment: datetime):
    previous = _frozen_at
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
