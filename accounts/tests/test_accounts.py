import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import AccountRequest, AccountRequestStatus, Membership, Role, User
from core.testing.world import OFFICE_ADMIN, UNIT_OFFICER

FORM = {"full_name": "Trần Văn Bình", "position": "Chuyên viên", "email": "binh@hanoi.gov.vn", "phone": "0912"}


def register(client, world, **changes):
    return client.post(reverse("accounts:register"), {**FORM, "organisation": world.unit.pk,
                                                      "requested_role": "unit_officer", **changes})


def link_from_mail() -> str:
    return re.search(r"http://\S+/set-password/\S+/", mail.outbox[-1].body).group(0).split("8000", 1)[1]


def test_request_is_stored_pending(client, world):
    assert register(client, world).status_code == 302
    request = AccountRequest.objects.get()
    assert (request.status, request.organisation, request.email) == ("pending", world.unit, "binh@hanoi.gov.vn")
    assert not User.objects.filter(email="binh@hanoi.gov.vn").exists()


@pytest.mark.parametrize("email", ["officer@test.vn", "OFFICER@test.vn"])
def test_an_email_that_already_has_an_account_gets_the_usual_answer_and_its_owner_a_mail(client, world, email):
    known = register(client, world, email=email)
    unknown = register(client, world, email="nobody@test.vn")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert list(AccountRequest.objects.values_list("email", flat=True)) == ["nobody@test.vn"]
    assert [m.to for m in mail.outbox] == [["officer@test.vn"]]
    assert "đã có tài khoản" in mail.outbox[0].body and "/accounts/forgot-password/" in mail.outbox[0].body


def test_an_unknown_organisation_is_refused_with_a_message(client, world):
    response = register(client, world, organisation=999999)
    assert "Đơn vị này không có trong danh mục" in response.content.decode()
    assert not AccountRequest.objects.exists()


def test_the_office_cannot_be_chosen_on_the_public_form(client, world):
    response = register(client, world, organisation=world.office.pk)
    assert response.status_code == 200 and not AccountRequest.objects.exists()


def test_approval_creates_the_account_with_its_role_and_mails_a_one_time_link(client, world, django_capture_on_commit_callbacks):
    register(client, world)
    request = AccountRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(account_request=request, decided_by=world.user(OFFICE_ADMIN), role=Role.UNIT_LEADER)
    user = User.objects.get(email="binh@hanoi.gov.vn")
    assert Membership.objects.get(user=user).role == Role.UNIT_LEADER
    assert not user.has_usable_password()
    assert mail.outbox[-1].to == ["binh@hanoi.gov.vn"]
    link = link_from_mail()
    response = client.post(link, {"new_password1": "Sxsh-mat-khau-2016", "new_password2": "Sxsh-mat-khau-2016"})
    assert response.status_code == 302
    client.logout()
    # The link works once only.
    assert client.get(link).status_code == 400
    assert client.post(reverse("accounts:login"), {"email": "binh@hanoi.gov.vn", "password": "Sxsh-mat-khau-2016"}).status_code == 302


def test_an_expired_link_shows_a_clear_message(client, world, clock, settings, django_capture_on_commit_callbacks):
    clock.set_now(datetime(2016, 5, 13, 9, 0))
    register(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(account_request=AccountRequest.objects.get(), decided_by=world.user(OFFICE_ADMIN))
    clock.advance(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60))
    response = client.get(link_from_mail())
    assert response.status_code == 400
    assert "Đường dẫn đặt mật khẩu đã hết hạn hoặc đã được sử dụng" in response.content.decode()


def test_a_request_is_decided_once(world):
    request = services.request_account(organisation=world.unit, **FORM)
    services.reject_request(account_request=request, decided_by=world.user(OFFICE_ADMIN), reason="Không thuộc đơn vị đầu mối")
    with pytest.raises(ValidationError, match="đã được xử lý"):
        services.approve_request(account_request=request, decided_by=world.user(OFFICE_ADMIN))
    assert AccountRequest.objects.get().status == AccountRequestStatus.REJECTED
    assert not User.objects.filter(email=FORM["email"]).exists()


def test_rejection_needs_a_reason(world):
    request = services.request_account(organisation=world.unit, **FORM)
    with pytest.raises(ValidationError):
        services.reject_request(account_request=request, decided_by=world.user(OFFICE_ADMIN), reason="  ")
    assert AccountRequest.objects.get().status == AccountRequestStatus.PENDING


def test_office_roles_cannot_be_given_to_a_unit(world):
    request = services.request_account(organisation=world.unit, **FORM)
    with pytest.raises(ValidationError):
        services.approve_request(account_request=request, decided_by=world.user(OFFICE_ADMIN), role=Role.OFFICE_ADMIN)
    assert not User.objects.filter(email=FORM["email"]).exists()


def test_account_changes_are_kept_in_history(client, world):
    client.force_login(world.user(OFFICE_ADMIN))
    officer = world.user(UNIT_OFFICER)
    client.post(reverse("accounts:user_detail", args=[officer.pk]), {"action": "deactivate"})
    latest = officer.history.first()
    assert (latest.is_active, latest.history_user) == (False, world.user(OFFICE_ADMIN))


def test_a_deactivated_officer_loses_access(client, world):
    officer = world.user(UNIT_OFFICER)
    services.set_active(user=officer, active=False, changed_by=world.user(OFFICE_ADMIN))
    response = client.post(reverse("accounts:login"), {"email": officer.email, "password": "correct-horse-battery-staple"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
