"""Login throttling: after LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW seconds, for the
same e-mail or the same address, logins are refused until the window has passed."""
from django.conf import settings
from django.core.cache import cache

from core import clock


def _keys(email: str, address: str) -> list[str]:
    return [f"login-fail:email:{(email or '').strip().lower()}", f"login-fail:ip:{address or '-'}"]


def _recent(key: str) -> list[float]:
    horizon = clock.now().timestamp() - settings.LOGIN_FAILURE_WINDOW
    return [moment for moment in cache.get(key, []) if moment > horizon]


def is_locked(email: str, address: str) -> bool:
    return any(len(_recent(key)) >= settings.LOGIN_FAILURE_LIMIT for key in _keys(email, address))


def record_failure(email: str, address: str) -> None:
    for key in _keys(email, address):
        cache.set(key, _recent(key) + [clock.now().timestamp()], settings.LOGIN_FAILURE_WINDOW)


def clear(email: str, address: str) -> None:
    cache.delete(_keys(email, address)[0])
