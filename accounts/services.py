"""Account actions: request, approve, reject, change role, deactivate. Each runs in one transaction
and leaves a history row (django-simple-history records who and when)."""
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core import clock

from .models import OFFICE_ROLES, AccountRequest, AccountRequestStatus, Membership, Role, User
from .tokens import set_password_token


def email_in_use(email: str) -> bool:
    email = email.strip().lower()
    return (
        User.objects.filter(email__iexact=email).exists()
        or AccountRequest.objects.filter(email__iexact=email, status=AccountRequestStatus.PENDING).exists()
    )


def _first_mail_in_interval(kind: str, email: str) -> bool:
    """At most one mail of a kind to an address per ACCOUNT_MAIL_INTERVAL: the public forms cannot be
    used to flood a mailbox."""
    return cache.add(f"account-mail:{kind}:{email.strip().lower()}", True, settings.ACCOUNT_MAIL_INTERVAL)


def send_reset_link(email: str) -> None:
    """The forgotten-password mail, when the address has an active account (the page says the same either way)."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is not None and _first_mail_in_interval("reset", email):
        send_set_password_link(user, template="accounts/email/reset.txt")


def tell_about_existing_account(email: str) -> None:
    """A registration for an address already in use: the page shows the usual "request received", and
    the address's owner (only they) learns why nothing new will happen."""
    if _first_mail_in_interval("register", email):
        body = render_to_string("accounts/email/already_registered.txt", {
            "forgot_link": settings.SITE_URL + reverse("accounts:forgot_password")})
        send_mail(_("[SXSH] Địa chỉ này đã có tài khoản"), body, None, [email.strip().lower()])


@transaction.atomic
def request_account(*, organisation, full_name, position, email, phone, requested_role=Role.UNIT_OFFICER, note=""):
    if organisation.is_office:
        raise ValidationError(_("Không thể đăng ký tài khoản cho Văn phòng qua trang này."))
    if email_in_use(email):
        raise ValidationError(_("Địa chỉ thư điện tử này đã có tài khoản hoặc đang chờ duyệt."))
    return AccountRequest.objects.create(
        organisation=organisation,
        full_name=full_name.strip(),
        position=position.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        requested_role=requested_role,
        note=note,
    )


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = set_password_token.make_token(user)
    return settings.SITE_URL + reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


def send_set_password_link(user, *, template="accounts/email/approved.txt") -> str:
    link = set_password_url(user)
    body = render_to_string(template, {"user": user, "link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600})
    send_mail(_("[SXSH] Đặt mật khẩu cho tài khoản của bạn"), body, None, [user.email])
    return link


def _check_pending(account_request):
    if account_request.status != AccountRequestStatus.PENDING:
        raise ValidationError(_("Yêu cầu này đã được xử lý."))


@transaction.atomic
def approve_request(*, account_request, decided_by, role=None) -> User:
    """Create the account and its role in the unit, then mail the one-time set-password link."""
    account_request = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    _check_pending(account_request)
    role = role or account_request.requested_role
    if role in OFFICE_ROLES:
        raise ValidationError(_("Vai trò của Văn phòng không thể cấp cho đơn vị."))
    if User.objects.filter(email__iexact=account_request.email).exists():
        raise ValidationError(_("Địa chỉ thư điện tử này đã có tài khoản."))
    user = User.objects.create_user(
        account_request.email,
        full_name=account_request.full_name,
        position=account_request.position,
        phone=account_request.phone,
    )
    Membership.objects.create(user=user, organisation=account_request.organisation, role=role)
    account_request.status = AccountRequestStatus.APPROVED
    account_request.decided_by = decided_by
    account_request.decided_at = clock.now()
    account_request.user = user
    account_request.save()
    transaction.on_commit(lambda: send_set_password_link(user))
    return user


@transaction.atomic
def reject_request(*, account_request, decided_by, reason: str) -> AccountRequest:
    account_request = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    _check_pending(account_request)
    if not reason.strip():
        raise ValidationError(_("Cần nêu lý do từ chối."))
    account_request.status = AccountRequestStatus.REJECTED
    account_request.decided_by = decided_by
    account_request.decided_at = clock.now()
    account_request.decision_note = reason.strip()
    account_request.save()
    body = render_to_string("accounts/email/rejected.txt", {"request": account_request})
    transaction.on_commit(
        lambda: send_mail(_("[SXSH] Yêu cầu cấp tài khoản không được chấp thuận"), body, None, [account_request.email])
    )
    return account_request


@transaction.atomic
def change_role(*, membership, role, changed_by) -> Membership:
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def set_active(*, user, active: bool, changed_by) -> User:
    if user == changed_by and not active:
        raise ValidationError(_("Không thể tự khóa tài khoản của chính mình."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user
