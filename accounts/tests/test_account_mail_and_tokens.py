"""Forgotten-password mails cannot flood a mailbox; API tokens die with the password and can be revoked."""
import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.testing.world import UNIT_LEADER, UNIT_OFFICER

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


def test_one_reset_mail_per_address_per_interval(client, world, settings):
    for _ in range(5):
        answer = client.post(reverse("accounts:forgot_password"), {"email": "officer@test.vn"}, follow=True)
        assert "Nếu địa chỉ này có tài khoản" in answer.content.decode()
    client.post(reverse("accounts:forgot_password"), {"email": "leader@test.vn"})
    assert [m.to for m in mail.outbox] == [["officer@test.vn"], ["leader@test.vn"]]


def _token(email) -> str:
    return APIClient().post("/api/v1/token/", {"username": email, "password": PASSWORD}).json()["token"]


def _reads(key) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get("/api/v1/proposals/").status_code


def test_changing_the_password_revokes_the_api_token(client, world):
    officer = world.user(UNIT_OFFICER)
    key = _token(officer.email)
    assert _reads(key) == 200
    client.force_login(officer)
    client.post(reverse("accounts:change_password"), {"old_password": PASSWORD, "new_password1": "mot-mat-khau-moi-2016",
                                                      "new_password2": "mot-mat-khau-moi-2016"})
    assert _reads(key) == 401 and not Token.objects.filter(user=officer).exists()
    # And by any other path (the admin, the set-password link): the model does it.
    leader = world.user(UNIT_LEADER)
    key = _token(leader.email)
    form = SetPasswordForm(leader, {"new_password1": "mot-mat-khau-moi-2016", "new_password2": "mot-mat-khau-moi-2016"})
    assert form.is_valid()
    form.save()
    assert _reads(key) == 401


def test_a_person_revokes_their_token_from_the_profile_page(client, world):
    officer = world.user(UNIT_OFFICER)
    key = _token(officer.email)
    client.force_login(officer)
    assert "Thu hồi khoá API" in client.get(reverse("accounts:profile")).content.decode()
    answer = client.post(reverse("accounts:revoke_token"), follow=True)
    assert "Đã thu hồi khoá API" in answer.content.decode()
    assert _reads(key) == 401
    assert "Chưa có khoá API nào" in client.get(reverse("accounts:profile")).content.decode()
