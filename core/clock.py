"""The one clock every business rule reads, so tests can set the time instead of sleeping, and the demo
can live on the letter's calendar (settings.DEMO_TODAY: the date is fixed, the time of day runs)."""
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

_frozen_at = None


def now() -> datetime:
    if _frozen_at is not None:
        return _frozen_at
    real = timezone.now()
    if settings.DEMO_TODAY is None:
        return real
    return timezone.make_aware(datetime.combine(settings.DEMO_TODAY, timezone.localtime(real).time()))


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


class Story:
    """A demo scenario told day by day up to today and no further, so nothing in the demo is dated in
    the future: `with clock.Story() as story: if story.reached(date(2016, 6, 6)): ...` sets the clock to
    that day at `hour` o'clock (never later than now) and says whether the day has come."""

    def __enter__(self):
        self.previous, self.started = _frozen_at, now()
        return self

    def __exit__(self, *exc):
        set_now(self.previous)

    def reached(self, day: date, hour: int = 9) -> bool:
        if day > timezone.localdate(self.started):
            return False
        set_now(min(timezone.make_aware(datetime(day.year, day.month, day.day, hour)), self.started))
        return True
