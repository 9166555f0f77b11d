"""Multi-year action plans (letter 4108 §1b) and annual plan dossiers (§2b), per unit.

Money is whole đồng in BigIntegerFields; funding is one row per (task, year, source) so sources stay
data and totals are plain SUMs."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from collection.models import RECEIVED, CallContent, Status, SubmissionContent
from core import clock
from organisations.models import Organisation
from programmes.models import ComponentProject, FundingSource, ProgrammePhase


class PlanStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa xây dựng")
    DRAFTING = "drafting", _("Đang xây dựng")
    ISSUED = "issued", _("Đã ban hành")


class PlanAction(models.TextChoices):
    ISSUE = "issue", _("Ban hành")
    REOPEN = "reopen", _("Mở lại để điều chỉnh")


class ActionPlan(models.Model):
    """A unit's action plan for a programme phase, e.g. 2016–2020, issued by a decision of its head."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="action_plans")
    phase = models.ForeignKey(ProgrammePhase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="action_plans")
    status = models.CharField(_("tình trạng"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    # Private: served only through plans.views.signed_file, which checks permissions.
    signed_file = models.FileField(_("văn bản đã ký"), upload_to="private/plans/%Y/", blank=True)
    signed_file_name = models.CharField(max_length=255, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=clock.now)


    class Meta:
        verbose_name = _("kế hoạch hành động")
        verbose_name_plural = _("kế hoạch hành động")
        constraints = [models.UniqueConstraint(fields=["organisation", "phase"], name="one_action_plan_per_unit_and_phase")]

    def __str__(self):
        return f"{self.phase} — {self.organisation}"

    @property
    def is_issued(self) -> bool:
        return self.status == PlanStatus.ISSUED


class ActionPlanTask(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("tên nhiệm vụ"), max_length=1000)
    component = models.ForeignKey(ComponentProject, verbose_name=_("đề án thành phần"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    responsible_body = models.CharField(_("cơ quan chủ trì"), max_length=255, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                              name="action_task_years_in_order")]

    def __str__(self):
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class ActionPlanFunding(models.Model):
    task = models.ForeignKey(ActionPlanTask, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField()
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+")
    amount_vnd = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "year", "source"], name="one_action_amount_per_year_and_source"),
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="action_amount_positive"),
        ]


class DossierCallManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("call")


class DossierCall(CallContent):
    """The office's call for annual plan dossiers of one plan year: a collection.Call with its plan year
    (one per programme and year, see services.open_call)."""

    plan_year = models.PositiveSmallIntegerField(_("năm kế hoạch"))

    objects = DossierCallManager()
    scoped_by = "call__invited"  # a unit sees the calls it must answer (accounts.permissions.scope)

    class Meta:
        verbose_name = _("đợt nhận hồ sơ kế hoạch năm")
        verbose_name_plural = _("đợt nhận hồ sơ kế hoạch năm")
        ordering = ["-plan_year"]

    def __str__(self):
        return _("Hồ sơ kế hoạch năm %(year)s") % {"year": self.plan_year}


# Dossiers share the cycle's states (collection.models.Status).
DossierStatus = Status
DOSSIER_RECEIVED = RECEIVED


class DossierManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("submission")


class Dossier(SubmissionContent):
    """One unit's annual plan dossier ("01 bộ hồ sơ kế hoạch năm") for a call: a collection.Submission
    whose content is its summary, tasks with funding and attachments."""

    # The submission's call and unit, kept here so the content is read by call and unit without a join.
    call = models.ForeignKey(DossierCall, on_delete=models.CASCADE, related_name="dossiers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dossiers")
    summary = models.TextField(_("thuyết minh"), blank=True)

    objects = DossierManager()

    class Meta:
        verbose_name = _("hồ sơ kế hoạch năm")
        verbose_name_plural = _("hồ sơ kế hoạch năm")
        constraints = [models.UniqueConstraint(fields=["call", "organisation"], name="one_dossier_per_unit_and_call")]

    def __str__(self):
        return f"{self.call} — {self.organisation}"


class DossierTask(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("tên nhiệm vụ"), max_length=1000)
    component = models.ForeignKey(ComponentProject, verbose_name=_("đề án thành phần"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    action_task = models.ForeignKey(ActionPlanTask, verbose_name=_("thuộc nhiệm vụ của kế hoạch hành động"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="annual_tasks")
    responsible_body = models.CharField(_("cơ quan chủ trì"), max_length=255, blank=True)
    # The task's own guard and the key of the page that added it (collection.services.item_to_change).
    version = models.PositiveIntegerField(default=1)
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "client_key"], name="one_dossier_task_per_client_key")]

    def __str__(self):
        return self.name


class DossierFunding(models.Model):
    task = models.ForeignKey(DossierTask, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+")
    amount_vnd = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "source"], name="one_dossier_amount_per_source"),
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="dossier_amount_positive"),
        ]


class DossierAttachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="private/dossiers/%Y/")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "id"]


class PlanEvent(models.Model):
    """What happened to an action plan, by whom and when (a dossier's history is collection's)."""

    action_plan = models.ForeignKey(ActionPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=PlanAction.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created_at", "id"]
