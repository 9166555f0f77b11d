"""Every URL of the project, as every role. The list of URLs comes from the URL conf, so a new URL
without access cases fails `test_every_url_has_access_cases` the day it is added."""
from importlib import import_module
from importlib.util import find_spec

from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.registry import project_apps
from core.testing.access import UrlCase
from core.testing.world import ADMIN_ONLY, ALL_ROLES, ANONYMOUS

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def url_names(resolver=None, namespace=""):
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def admin_cases():
    """The admin is for office administrators only: every admin URL, generated from its registry."""
    cases = [UrlCase("admin:index", allowed=ADMIN_ONLY), UrlCase("admin:password_change", allowed=ADMIN_ONLY)]
    app_labels = set()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        app_labels.add(meta.app_label)
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        # Records kept by a library (login attempts) may be read and deleted but never added by anyone.
        add_allowed = ADMIN_ONLY if model_admin.has_add_permission.__func__ is ModelAdmin.has_add_permission else frozenset()
        cases += [UrlCase(f"{prefix}_changelist", allowed=ADMIN_ONLY), UrlCase(f"{prefix}_add", allowed=add_allowed)]
        instance = model.objects.first()
        if instance is not None:
            for action in ("change", "delete", "history"):
                cases.append(UrlCase(f"{prefix}_{action}", {"object_id": instance.pk}, allowed=ADMIN_ONLY))
    cases += [UrlCase("admin:app_list", {"app_label": label}, allowed=ADMIN_ONLY) for label in sorted(app_labels)]
    return cases


# Admin URLs that exist only per object or are not pages (covered by the cases above, or harmless).
ADMIN_NAMES_WITHOUT_CASES = {
    "admin:login", "admin:logout", "admin:jsi18n", "admin:view_on_site", "admin:autocomplete",
    "admin:password_change_done", "admin:accounts_user_password_change",
}


def all_cases(world):
    cases = admin_cases()
    for app in project_apps():
        module_name = f"{app}.tests.url_cases"
        if find_spec(module_name) is not None:
            cases += import_module(module_name).cases(world)
    return cases


def test_every_url_has_access_cases(world):
    covered = {case.name for case in all_cases(world)}
    names = url_names()
    admin_names = {name for name in names if name.startswith("admin:")}
    admin_object_names = {n for n in admin_names if n.rsplit("_", 1)[-1] in ("change", "delete", "history")}
    missing = names - covered - ADMIN_NAMES_WITHOUT_CASES - admin_object_names - {"media"}
    assert not missing, f"URLs without access cases (add them to <app>/tests/url_cases.py): {sorted(missing)}"


def answer(client, case):
    url = reverse(case.name, kwargs=case.kwargs) + case.query
    if case.method == "post":
        return client.post(url, case.data or {})
    return client.get(url)


def judge(role, case, response) -> str | None:
    """None when the answer is right for the role, else what went wrong."""
    status = response.status_code
    location = response.headers.get("Location", "")
    to_login = status == 302 and location.startswith(LOGIN_PATHS)
    if role in case.allowed:
        if status >= 400 or to_login:
            return f"expected access, got {status} {location}"
        return None
    if role == ANONYMOUS:
        # 401: the API asks for credentials instead of redirecting to the login page.
        return None if to_login or status in (401, 403, 404) else f"anonymous got {status} {location}"
    if case.name.startswith("admin:"):
        return None if to_login or status == 403 else f"got {status} {location}"
    return None if status in (403, 404) else f"expected 403/404, got {status} {location}"


def test_every_url_answers_each_role_as_expected(world):
    failures = []
    for case in all_cases(world):
        for role in ALL_ROLES:
            # Each request runs in a savepoint rolled back afterwards, so a POST by one role
            # (approve, submit, log out, …) does not change what the next role sees.
            with transaction.atomic():
                client = Client()
                if role != ANONYMOUS:
                    client.force_login(world.user(role))
                response = answer(client, case)
                transaction.set_rollback(True)
            problem = judge(role, case, response)
            if problem:
                failures.append(f"{case.label()} as {role}: {problem}")
    assert not failures, "\n".join(failures)
