from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from core.vn import MONEY_UNITS
from organisations.models import Organisation
from programmes.models import Programme


class MoneyUnit(models.TextChoices):
    DONG = "dong", _("đồng")
    TRIEU = "trieu", _("triệu đồng")


class Round(models.Model):
    """A yearly proposal round ("đợt đề xuất nhiệm vụ"), e.g. tasks for the 2017 plan."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("tên đợt"), max_length=255)
    plan_year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    opens_on = models.DateField(_("ngày mở"))
    deadline = models.DateField(_("hạn gửi"))
    accepts_late = models.BooleanField(_("nhận hồ sơ gửi muộn"), default=True)
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    money_unit = models.CharField(_("đơn vị tiền tệ hiển thị"), max_length=8, choices=MoneyUnit.choices, default=MoneyUnit.TRIEU)
    invited = models.ManyToManyField(Organisation, verbose_name=_("đơn vị được mời"), related_name="invited_rounds", blank=True)
    scoped_by = "invited"  # a unit sees the rounds it is invited to (accounts.permissions.scope)
    reminder_days = models.CharField(_("nhắc trước hạn (ngày)"), max_length=64, blank=True, default="14,7,2")
    letter_number = models.CharField(_("số công văn"), max_length=64, blank=True)
    created_at = models.DateTimeField(default=clock.now)


    class Meta:
        verbose_name = _("đợt đề xuất")
        verbose_name_plural = _("đợt đề xuất")
        ordering = ["-plan_year", "-deadline"]

    def __str__(self):
        return self.title

    @property
    def money_label(self) -> str:
        return MONEY_UNITS[self.money_unit]["label"]

    def is_open(self, day=None) -> bool:
        day = day or clock.today()
        return self.opens_on <= day and (day <= self.deadline or self.accepts_late)

    def options(self, kind):
        return [option for option in self.all_options() if option.kind == kind]

    def all_options(self):
        cached = getattr(self, "_options", None)
        if cached is None:
            cached = list(self.classification_options.all())
            self._options = cached
        return cached


class OptionKind(models.TextChoices):
    PRIORITY = "priority", _("Hoạt động ưu tiên")
    COMPONENT = "component", _("Đề án thành phần")


class RoundOption(models.Model):
    """An entry of a round's classification lists (priority activities, component projects): data."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="classification_options")
    kind = models.CharField(max_length=16, choices=OptionKind.choices)
    code = models.SlugField(max_length=64)
    order = models.PositiveSmallIntegerField(default=0)
    name_vi = models.CharField(max_length=500)
    name_en = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "order"]
        constraints = [models.UniqueConstraint(fields=["round", "kind", "code"], name="unique_round_option")]

    def __str__(self):
        return f"{self.order}. {self.name_vi}"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để hoàn thiện")
    ACCEPTED = "accepted", _("Đã chấp nhận")


EDITABLE = (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class Proposal(models.Model):
    """One unit's task proposal in a round. Each submission freezes a ProposalVersion."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    lock_version = models.PositiveIntegerField(default=0)  # bumped on every change: guards concurrent edits
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_late = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=clock.now)


    class Meta:
        verbose_name = _("đề xuất nhiệm vụ")
        verbose_name_plural = _("đề xuất nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="one_proposal_per_unit_and_round")]

    def __str__(self):
        return f"{self.round} — {self.organisation}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class TaskRow(models.Model):
    """One row of the annex: a proposed task with its funding in whole đồng."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("tên nhiệm vụ"), max_length=1000)
    objectives = models.TextField(_("mục tiêu và nội dung"), blank=True)
    products = models.TextField(_("sản phẩm dự kiến"), blank=True)
    period = models.CharField(_("thời gian thực hiện"), max_length=255, blank=True)
    period_from = models.DateField(_("từ tháng"), null=True, blank=True)
    period_to = models.DateField(_("đến tháng"), null=True, blank=True)
    central_vnd = models.BigIntegerField(_("kinh phí đề nghị từ NSTW (đồng)"), default=0)
    other_vnd = models.BigIntegerField(_("kinh phí đối ứng từ nguồn khác (đồng)"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    priority = models.ForeignKey(
        RoundOption, verbose_name=_("hoạt động ưu tiên"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    component = models.ForeignKey(
        RoundOption, verbose_name=_("đề án thành phần"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_central_vnd = models.BigIntegerField(_("kinh phí NSTW được duyệt (đồng)"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(central_vnd__gte=0, other_vnd__gte=0), name="task_amounts_not_negative")
        ]

    def __str__(self):
        return self.name


class ProposalVersion(models.Model):
    """A frozen submission: the rows as they were sent, kept readable forever."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(default=False)
    rows = models.JSONField()
    central_vnd = models.BigIntegerField()
    other_vnd = models.BigIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_version_number")]


class ProposalEvent(models.Model):
    """What happened to a proposal, by whom and when (submit, return, accept, comment, import)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    row = models.ForeignKey(TaskRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    # Empty for imports run from the command line by the office (import_annex).
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created_at", "id"]
