from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import clock

# Organisations are named by their model label: the registry app sits above accounts (its pages check
# permissions), so accounts never imports it; the migrations still record the dependency.
ORGANISATION = "organisations.Organisation"


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", _("Quản trị Văn phòng")
    OFFICE_REVIEWER = "office_reviewer", _("Chuyên viên Văn phòng")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đầu mối")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")


OFFICE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.OFFICE_REVIEWER})
UNIT_ROLES = frozenset({Role.UNIT_OFFICER, Role.UNIT_LEADER})


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử và trong hệ thống")
    IN_APP = "in_app", _("Chỉ trong hệ thống")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("thư điện tử"), unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(_("chức vụ"), max_length=128, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    notification_channel = models.CharField(
        _("nhận thông báo qua"), max_length=16, choices=NotificationChannel.choices, default=NotificationChannel.EMAIL
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_staff = models.BooleanField(_("vào trang quản trị"), default=False)
    date_joined = models.DateTimeField(_("ngày tạo"), default=clock.now)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[-1] if self.full_name else self.email


class Membership(models.Model):
    """A role a person holds in one organisation. Office roles only exist in the office."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(ORGANISATION, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(default=clock.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò tại đơn vị")
        verbose_name_plural = _("vai trò tại đơn vị")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_organisation")]

    def __str__(self):
        return f"{self.user.full_name} — {self.get_role_display()} — {self.organisation}"

    def clean(self):
        if self.organisation_id is None:
            return
        if self.organisation.is_office != (self.role in OFFICE_ROLES):
            raise ValidationError(
                {"role": _("Vai trò của Văn phòng chỉ dành cho Văn phòng; vai trò của đơn vị chỉ dành cho đơn vị.")}
            )


class AccountRequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")


class AccountRequest(models.Model):
    """An officer's request for an account, decided by the office (letter 4108 §1a)."""

    organisation = models.ForeignKey(
        ORGANISATION, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="account_requests"
    )
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(_("chức vụ"), max_length=128)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=64)
    requested_role = models.CharField(
        _("vai trò đề nghị"),
        max_length=32,
        choices=[(Role.UNIT_OFFICER.value, Role.UNIT_OFFICER.label), (Role.UNIT_LEADER.value, Role.UNIT_LEADER.label)],
        default=Role.UNIT_OFFICER,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=AccountRequestStatus.choices, default=AccountRequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("ngày gửi"), default=clock.now)
    decided_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_note = models.TextField(_("lý do"), blank=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="account_requests")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yêu cầu cấp tài khoản")
        verbose_name_plural = _("yêu cầu cấp tài khoản")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_email",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})"
