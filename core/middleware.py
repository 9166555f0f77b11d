from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header (Django 5.2 has none built in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The site speaks Vietnamese unless the user picked another language with the switch (its cookie);
    the browser's Accept-Language is ignored, so an English browser still gets the Vietnamese UI."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        known = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in known else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class RefusedInputMiddleware:
    """Bad input answers 400 with the reason, never 500: a NUL character anywhere in a query or form;
    and, having reached a model with no form or service to catch it, a text longer than its field
    (core.text) or a number in an id or a choice that no database integer can hold (Django's choice
    fields let SQLite's OverflowError out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A NUL character in a query or form value: no text column can store it (PostgreSQL refuses it
        # even in a lookup) and no person types it. (Reading POST here parses uploads as the view would.)
        fields = list(request.GET.lists()) + list(request.POST.lists())
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in fields):
            return self.process_exception(request, ValidationError(_("Dữ liệu gửi lên chứa ký tự không hợp lệ.")))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            exception = ValidationError(_("Số quá lớn."))
        if not isinstance(exception, ValidationError):
            return None
        if request.path.startswith("/api/"):
            detail = exception.message_dict if hasattr(exception, "error_dict") else {"detail": exception.messages}
            return JsonResponse(detail, status=400)
        return render(request, "400.html", {"reasons": exception.messages}, status=400)
