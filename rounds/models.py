from django.db import models
from django.utils.translation import gettext_lazy as _

from collection.models import CallContent, Status, SubmissionContent
from core import clock
from core.vn import MONEY_UNITS
from organisations.models import Organisation


class MoneyUnit(models.TextChoices):
    DONG = "dong", _("đồng")
    TRIEU = "trieu", _("triệu đồng")


class RoundManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("call")


class Round(CallContent):
    """A yearly proposal round ("đợt đề xuất nhiệm vụ"), e.g. tasks for the 2017 plan: a collection.Call
    with the plan year, the money unit and the classification lists."""

    plan_year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    money_unit = models.CharField(_("đơn vị tiền tệ hiển thị"), max_length=8, choices=MoneyUnit.choices, default=MoneyUnit.TRIEU)
    letter_number = models.CharField(_("số công văn"), max_length=64, blank=True)

    objects = RoundManager()
    scoped_by = "call__invited"  # a unit sees the rounds it is invited to (accounts.permissions.scope)

    class Meta:
        verbose_name = _("đợt đề xuất")
        verbose_name_plural = _("đợt đề xuất")
        ordering = ["-plan_year", "-call__deadline"]

    def __str__(self):
        return self.title

    @property
    def money_label(self) -> str:
        return MONEY_UNITS[self.money_unit]["label"]

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


# Proposals share the cycle's states (collection.models.Status).
ProposalStatus = Status


class ProposalManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("submission")


class Proposal(SubmissionContent):
    """One unit's task proposal in a round: a collection.Submission whose content is its task rows."""

    # The submission's call and unit, kept here so the rows are read by round and unit without a join.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposals")

    objects = ProposalManager()

    class Meta:
        verbose_name = _("đề xuất nhiệm vụ")
        verbose_name_plural = _("đề xuất nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="one_proposal_per_unit_and_round")]

    def __str__(self):
        return f"{self.round} — {self.organisation}"


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
    # The row's own guard: two people editing different rows never stop each other, the same row does.
    version = models.PositiveIntegerField(default=1)
    # Chosen by the page that adds the row: the same form posted twice (Back then save, a retried
    # request) finds its row again instead of adding a second one.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(central_vnd__gte=0, other_vnd__gte=0), name="task_amounts_not_negative"),
            models.UniqueConstraint(fields=["proposal", "client_key"], name="one_row_per_client_key"),
        ]

    def __str__(self):
        return self.name


class StagedImport(models.Model):
    """An uploaded annex file between its preview and its confirmation: the file itself, never parsed
    rows, with the proposal's version seen at the preview. Stale ones are deleted (rounds.imports)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    seen_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=clock.now)
