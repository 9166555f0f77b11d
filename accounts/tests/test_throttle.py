"""Login throttling (django-axes): per e-mail and per client address, on the login page, the admin and
the API token; the client's address behind the proxy; the count shared by every worker process."""
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
import requests
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.urls import reverse
from rest_framework.test import APIClient

from core.testing.world import UNIT_LEADER

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"
LOCKED = "Đăng nhập sai quá nhiều lần"


def login(client, email, password, address="10.0.0.1", remote="192.168.0.2"):
    return client.post(reverse("accounts:login"), {"email": email, "password": password},
                       HTTP_X_FORWARDED_FOR=address, REMOTE_ADDR=remote)


def test_repeated_failures_lock_the_account_for_the_window(client, world, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, "officer@test.vn", "wrong").status_code == 200
    assert login(client, "officer@test.vn", "wrong").status_code == 429
    locked = login(client, "OFFICER@test.vn", PASSWORD)
    assert locked.status_code == 429 and LOCKED in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The window passes (axes keeps its own time: the attempts are moved back).
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + 1))
    assert login(client, "officer@test.vn", PASSWORD).status_code == 302


def test_behind_the_proxy_each_client_address_counts_on_its_own(client, world, settings):
    settings.BEHIND_PROXY = True
    # Five different e-mails from one client: that address is locked, the proxy's is not.
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, f"guess{number}@test.vn", "wrong", address="1.2.3.4, 10.0.0.9")
    assert login(client, "officer@test.vn", PASSWORD, address="10.0.0.9").status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) logs in; a forged first entry is ignored.
    assert login(client, world.user(UNIT_LEADER).email, PASSWORD, address="10.0.0.9, 10.0.0.7").status_code == 302


def test_without_the_proxy_setting_the_forwarded_header_is_not_trusted(client, world, settings):
    settings.BEHIND_PROXY = False
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, f"guess{number}@test.vn", "wrong", address=f"10.0.1.{number}")
    assert login(client, "officer@test.vn", PASSWORD, address="10.0.2.1").status_code == 429


def test_the_admin_login_is_throttled(client, world, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin@test.vn", "password": "wrong"})
    answer = client.post("/admin/login/", {"username": "officer@test.vn", "password": PASSWORD})
    assert answer.status_code == 429 and LOCKED in answer.content.decode()


def test_the_api_token_is_throttled(world, settings):
    api = APIClient()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert api.post("/api/v1/token/", {"username": "officer@test.vn", "password": "wrong"}).status_code == 400
    api.post("/api/v1/token/", {"username": "officer@test.vn", "password": "wrong"})
    answer = api.post("/api/v1/token/", {"username": "officer@test.vn", "password": PASSWORD})
    assert answer.status_code == 429 and LOCKED in answer.json()["detail"]
    assert "token" not in answer.json()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(False)
def test_the_limit_holds_across_worker_processes(tmp_path):
    """Two separate server processes on one database: failures on each add up."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SXSH_VAR_DIR": str(tmp_path),
           "BEHIND_PROXY": "1", "DJANGO_SETTINGS_MODULE": "sxsh.settings"}
    manage = [sys.executable, str(django_settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=django_settings.BASE_DIR)
    subprocess.run([*manage, "shell", "-c", "from accounts.models import User; "
                    f"User.objects.create_user('officer@test.vn', password='{PASSWORD}', full_name='An')"],
                   env=env, check=True, cwd=django_settings.BASE_DIR)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([sys.executable, "-m", "gunicorn", "sxsh.wsgi", "--bind", f"127.0.0.1:{port}",
                                 "--workers", "1"], env=env, cwd=django_settings.BASE_DIR,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for port in ports]
    try:
        for server in servers:  # the socket is bound once gunicorn says so; requests then queue for the worker
            for line in server.stderr:
                if "Listening at" in line:
                    break

        def post(port, password):
            session = requests.Session()
            session.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=10)
            return session.post(f"http://127.0.0.1:{port}/accounts/login/", timeout=10, allow_redirects=False,
                                data={"email": "officer@test.vn", "password": password,
                                      "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                                headers={"X-Forwarded-For": "10.0.0.1", "Referer": f"http://127.0.0.1:{port}/"})

        limit = django_settings.LOGIN_FAILURE_LIMIT
        answers = [post(ports[number % 2], "wrong").status_code for number in range(limit - 1)]
        assert answers == [200] * (limit - 1)
        assert post(ports[1], "wrong").status_code == 429
        assert post(ports[0], PASSWORD).status_code == 429
    finally:
        for server in servers:
            server.terminate()
            server.wait()
