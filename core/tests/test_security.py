import os
import subprocess
import sys

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from core.testing.world import OFFICE_ADMIN

from .test_url_access import all_cases


def test_every_post_url_refuses_a_request_without_csrf_token(world):
    """A logged-in office administrator (who may do everything) still gets 403 without the token."""
    failures = []
    for case in [c for c in all_cases(world) if c.method == "post"]:
        with transaction.atomic():
            client = Client(enforce_csrf_checks=True)
            client.force_login(world.user(OFFICE_ADMIN))
            response = client.post(reverse(case.name, kwargs=case.kwargs) + case.query, case.data or {})
            transaction.set_rollback(True)
        if response.status_code != 403:
            failures.append(f"{case.label()}: {response.status_code}")
    assert not failures, failures


def test_pages_carry_security_headers(client, world):
    response = client.get(reverse("portal:home"))
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **os.environ,
        "SXSH_ENV": "production",
        "SECRET_KEY": "x" * 20 + "-production-secret-for-the-check-" + "y" * 20,
        "ALLOWED_HOSTS": "sxsh.example.gov.vn",
        "DJANGO_SETTINGS_MODULE": "sxsh.settings",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright by the browser tests, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "SXSH_ENV": "production", "DJANGO_SETTINGS_MODULE": "sxsh.settings"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
