from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import clock


class OrganisationKind(models.TextChoices):
    OFFICE = "office", _("Văn phòng Chiến lược")
    MINISTRY = "ministry", _("Bộ")
    MINISTRY_AGENCY = "ministry_agency", _("Cơ quan ngang Bộ")
    PROVINCE = "province", _("UBND tỉnh, thành phố trực thuộc Trung ương")
    STATE_GROUP = "state_group", _("Tập đoàn kinh tế nhà nước")
    GENERAL_CORPORATION = "general_corporation", _("Tổng công ty")


class OrganisationGroup(models.TextChoices):
    """The three groups of addressees of letter 4108, used by boards and reports."""

    MINISTRIES = "ministries", _("Bộ, ngành")
    PROVINCES = "provinces", _("Địa phương")
    ENTERPRISES = "enterprises", _("Tập đoàn, tổng công ty")


KIND_GROUP = {
    OrganisationKind.MINISTRY: OrganisationGroup.MINISTRIES,
    OrganisationKind.MINISTRY_AGENCY: OrganisationGroup.MINISTRIES,
    OrganisationKind.PROVINCE: OrganisationGroup.PROVINCES,
    OrganisationKind.STATE_GROUP: OrganisationGroup.ENTERPRISES,
    OrganisationKind.GENERAL_CORPORATION: OrganisationGroup.ENTERPRISES,
}


KIND_ORDER = [
    OrganisationKind.OFFICE,
    OrganisationKind.MINISTRY,
    OrganisationKind.MINISTRY_AGENCY,
    OrganisationKind.PROVINCE,
    OrganisationKind.STATE_GROUP,
    OrganisationKind.GENERAL_CORPORATION,
]


def kind_rank():
    """An expression ordering kinds as letter 4108 lists its addressees."""
    return models.Case(*(models.When(kind=kind, then=rank) for rank, kind in enumerate(KIND_ORDER)), default=99)


def kinds_of_group(group: str) -> list[str]:
    return [kind for kind, kind_group in KIND_GROUP.items() if kind_group == group]


class OrganisationQuerySet(models.QuerySet):
    def reporting_units(self):
        return self.exclude(kind=OrganisationKind.OFFICE)

    def valid_on(self, day: date):
        """The organisations in force on `day` (a 2016 round sees the 63 provinces of 2016)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def current(self):
        return self.valid_on(clock.today())

    def in_letter_order(self):
        return self.order_by(kind_rank(), "name_vi")

    def of_group(self, group: str):
        return self.filter(kind__in=kinds_of_group(group))


class Organisation(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=OrganisationKind.choices)
    name_vi = models.CharField(_("tên đơn vị"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    # Provinces report through their Department of Industry and Trade (Sở Công Thương).
    working_body = models.CharField(_("cơ quan thường trực"), max_length=255, blank=True)
    area_name = models.CharField(_("tên địa bàn"), max_length=128, blank=True)
    is_city = models.BooleanField(_("thành phố trực thuộc Trung ương"), default=False)
    gso_code = models.CharField(_("mã thống kê"), max_length=8, blank=True)
    region = models.CharField(_("vùng"), max_length=128, blank=True)
    sector = models.CharField(_("ngành"), max_length=128, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["kind", "name_vi"]
        indexes = [models.Index(fields=["kind", "valid_to"])]

    def __str__(self):
        return self.name_vi

    @property
    def group(self) -> str | None:
        return KIND_GROUP.get(self.kind)

    @property
    def is_office(self) -> bool:
        return self.kind == OrganisationKind.OFFICE

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})


class FocalUnitStatus(models.TextChoices):
    NONE = "none", _("Chưa chỉ định")
    IN_PROGRESS = "in_progress", _("Đang chỉ định, thành lập")
    DESIGNATED = "designated", _("Đã chỉ định đơn vị hiện có")
    ESTABLISHED = "established", _("Đã thành lập mới")


HAS_FOCAL_UNIT = (FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED)


class FocalUnit(models.Model):
    """The cleaner-production focal unit an organisation designates or creates (letter 4108 §1a)."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="focal_unit"
    )
    status = models.CharField(_("tình trạng"), max_length=16, choices=FocalUnitStatus.choices, default=FocalUnitStatus.NONE)
    name = models.CharField(_("tên đơn vị đầu mối"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký quyết định"), max_length=128, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị đầu mối SXSH")
        verbose_name_plural = _("đơn vị đầu mối SXSH")

    def __str__(self):
        return self.name or f"{self.organisation} — {self.get_status_display()}"

    @property
    def is_in_place(self) -> bool:
        return self.status in HAS_FOCAL_UNIT

    def clean(self):
        errors = {}
        if self.status in HAS_FOCAL_UNIT:
            for field in ("name", "decision_number", "decision_date"):
                if not getattr(self, field):
                    errors[field] = _("Bắt buộc khi đơn vị đầu mối đã được chỉ định hoặc thành lập.")
        if self.decision_date and self.decision_date > clock.today():
            errors["decision_date"] = _("Ngày quyết định không được sau ngày hôm nay.")
        if errors:
            raise ValidationError(errors)


class FocalContact(models.Model):
    """A contact officer of the focal unit (may or may not hold an account)."""

    focal_unit = models.ForeignKey(FocalUnit, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("họ và tên"), max_length=128)
    position = models.CharField(_("chức vụ"), max_length=128, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ liên hệ")
        verbose_name_plural = _("cán bộ liên hệ")
        ordering = ["id"]

    def __str__(self):
        return self.full_name
