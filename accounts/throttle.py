"""Login throttling by django-axes (its database tables are the store every worker shares): after
LOGIN_FAILURE_LIMIT failures for the same e-mail or from the same client address, logins on the login
page, the admin and the API token endpoint are refused for LOGIN_FAILURE_WINDOW seconds. The hooks
below are named in settings (AXES_*)."""
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import LoginForm


def locked_message() -> str:
    return _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {
        "minutes": settings.LOGIN_FAILURE_WINDOW // 60}


def client_address(request) -> str:
    """The client's address: behind our proxy, the last X-Forwarded-For entry (the one the proxy
    appended; earlier ones come from the client and can be forged), else REMOTE_ADDR."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def username(request, credentials) -> str:
    """The e-mail tried: `username` for the admin, the API and our backend, `email` on the login form."""
    data = credentials or getattr(request, "data", None) or request.POST
    return (data.get("username") or data.get("email") or "").strip().lower()


def lockout_response(request, response, credentials):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": locked_message()}, status=429)
    messages.error(request, locked_message())
    return render(request, "accounts/login.html", {"form": LoginForm(request)}, status=429)
