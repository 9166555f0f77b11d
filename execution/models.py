"""Execution of approved tasks: assignment, milestones, progress reports, the money ledger, acceptance.

Money is one ledger of whole-đồng entries per (task, source, year, stage), so every total is a plain
SUM; the rule that no stage exceeds the one before it lives in execution.ledger."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from organisations.models import Organisation
from programmes.models import ComponentProject, FundingSource, Programme


class ProgressStatus(models.TextChoices):
    NOT_REPORTED = "not_reported", _("Chưa báo cáo")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    LATE = "late", _("Chậm tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không hoàn thành")
    STOPPED = "stopped", _("Dừng thực hiện")
    DONE = "done", _("Đã hoàn thành")


class AssignedTask(models.Model):
    """A task MOIT assigned by decision ("quyết định giao nhiệm vụ"), from an accepted proposal row, or
    a task a unit funds itself (a task of its received annual plan dossier) tracked the same way."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    # The accepted proposal row it came from (rounds.TaskRow), read through execution.selectors.
    source_row = models.OneToOneField("rounds.TaskRow", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="assignment")
    # Or the dossier task it came from (plans.DossierTask), read through execution.selectors.
    source_dossier_task = models.OneToOneField("plans.DossierTask", null=True, blank=True, on_delete=models.PROTECT,
                                               related_name="assignment")
    organisation = models.ForeignKey(Organisation, verbose_name=_("đơn vị đề xuất"), on_delete=models.PROTECT,
                                     related_name="assigned_tasks")
    implementing_body = models.CharField(_("đơn vị thực hiện"), max_length=255)
    name = models.CharField(_("tên nhiệm vụ"), max_length=1000)
    products = models.TextField(_("sản phẩm dự kiến"), blank=True)
    component = models.ForeignKey(ComponentProject, verbose_name=_("đề án thành phần"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority_name = models.CharField(_("hoạt động ưu tiên"), max_length=500, blank=True)
    decision_number = models.CharField(_("số quyết định giao nhiệm vụ"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_signer = models.CharField(_("người ký"), max_length=255)
    # Private: served only by execution.views.decision_file, which checks permissions.
    decision_file = models.FileField(_("quyết định đã ký"), upload_to="private/execution/%Y/", blank=True)
    decision_file_name = models.CharField(max_length=255, blank=True)
    lead_officer = models.ForeignKey("accounts.User", verbose_name=_("chuyên viên theo dõi"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    report_every_months = models.PositiveSmallIntegerField(_("báo cáo tiến độ mỗi (tháng)"), default=6)
    progress_status = models.CharField(_("tình trạng"), max_length=16, choices=ProgressStatus.choices,
                                       default=ProgressStatus.NOT_REPORTED)
    progress_percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    closed_on = models.DateField(_("ngày kết thúc nhiệm vụ"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("nhiệm vụ được giao")
        verbose_name_plural = _("nhiệm vụ được giao")
        ordering = ["-year", "organisation__name_vi", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="execution_dates_in_order"),
            models.CheckConstraint(condition=models.Q(progress_percent__lte=100), name="execution_percent_at_most_100"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Milestone(models.Model):
    task = models.ForeignKey(AssignedTask, on_delete=models.CASCADE, related_name="milestones")
    planned_on = models.DateField(_("thời hạn"))
    deliverable = models.CharField(_("sản phẩm, kết quả"), max_length=500)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc tiến độ")
        verbose_name_plural = _("mốc tiến độ")
        ordering = ["planned_on", "id"]

    def __str__(self):
        return self.deliverable


class Stage(models.TextChoices):
    APPROVED = "approved", _("Phê duyệt")
    ALLOCATED = "allocated", _("Phân bổ")
    ADVANCED = "advanced", _("Tạm ứng")
    PAID = "paid", _("Thanh toán")
    SETTLED = "settled", _("Quyết toán")


class MoneyEntry(models.Model):
    """One movement of money at one stage, in whole đồng. Plain entries are positive; an adjustment
    ("điều chỉnh") may be negative and always carries its reason and decision."""

    task = models.ForeignKey(AssignedTask, on_delete=models.CASCADE, related_name="money")
    source = models.ForeignKey(FundingSource, verbose_name=_("nguồn kinh phí"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm ngân sách"))
    stage = models.CharField(_("bước"), max_length=16, choices=Stage.choices)
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    entry_date = models.DateField(_("ngày"))
    document = models.CharField(_("chứng từ"), max_length=255, blank=True)
    is_adjustment = models.BooleanField(_("điều chỉnh"), default=False)
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    decision = models.CharField(_("quyết định điều chỉnh"), max_length=255, blank=True)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    scoped_by = "task__organisation"

    class Meta:
        verbose_name = _("bút toán kinh phí")
        verbose_name_plural = _("bút toán kinh phí")
        ordering = ["entry_date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(is_adjustment=True) | models.Q(amount_vnd__gt=0),
                                   name="execution_plain_entries_positive"),
        ]


class ProgressReport(models.Model):
    """A progress report the office asked for (on the task's schedule or at any time): the content of
    one collection.Submission, whose Call holds the period and due date. The cycle (send, late, return
    with reason, accept, versions, events) is collection's."""

    submission = models.OneToOneField("collection.Submission", on_delete=models.CASCADE, related_name="progress_report")
    task = models.ForeignKey(AssignedTask, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("kỳ báo cáo"), max_length=255)
    progress_status = models.CharField(_("tình hình thực hiện"), max_length=16, choices=ProgressStatus.choices,
                                       default=ProgressStatus.ON_TRACK)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    work_done = models.TextField(_("kết quả đã thực hiện"), blank=True)
    problems = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    next_steps = models.TextField(_("kế hoạch tiếp theo"), blank=True)
    spent_vnd = models.BigIntegerField(_("kinh phí đã sử dụng (đồng)"), default=0)

    scoped_by = "task__organisation"  # accounts.permissions.scope: a unit reads its own tasks' reports

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["submission__call__deadline", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="execution_report_percent_at_most_100"),
            models.CheckConstraint(condition=models.Q(spent_vnd__gte=0), name="execution_report_spent_not_negative"),
        ]

    def __str__(self):
        return f"{self.title} — {self.task}"

    # The cycle's facts, read from collection (select_related("submission__call") where listed).
    @property
    def status(self) -> str:
        return self.submission.status

    @property
    def due_on(self):
        return self.submission.call.deadline

    @property
    def is_editable(self) -> bool:
        return self.submission.is_editable


class Deliverable(models.Model):
    """A product delivered with a report, with its evidence file (a report, photos, a list of trainees)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("sản phẩm"), max_length=500)
    is_public = models.BooleanField(_("công khai"), default=False)
    # Served only by execution.views.deliverable_file: public ones of accepted reports to anyone.
    file = models.FileField(_("tệp minh chứng"), upload_to="private/execution/%Y/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        ordering = ["id"]

    def __str__(self):
        return self.title


class IndicatorContribution(models.Model):
    """A result counted towards one of the programme's indicators (officers trained, leaflets issued)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="contributions")
    indicator = models.ForeignKey("evaluation.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
                                  related_name="+")
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["indicator__order", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_contribution_per_indicator")]


class EventAction(models.TextChoices):
    ASSIGN = "assign", _("Giao nhiệm vụ")
    REQUEST = "request", _("Yêu cầu báo cáo")
    MONEY = "money", _("Ghi kinh phí")
    ACCEPTANCE = "acceptance", _("Nghiệm thu")
    CLOSE = "close", _("Kết thúc nhiệm vụ")


class ExecutionEvent(models.Model):
    """What the office did to a task, by whom and when (a report's own events are collection's)."""

    task = models.ForeignKey(AssignedTask, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=EventAction.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created_at", "id"]


class Verdict(models.TextChoices):
    PASSED = "passed", _("Đạt")
    CONDITIONAL = "conditional", _("Đạt, có điều kiện")
    FAILED = "failed", _("Không đạt")


class Acceptance(models.Model):
    """The acceptance council's decision ("nghiệm thu") on a task's results."""

    task = models.OneToOneField(AssignedTask, on_delete=models.CASCADE, related_name="acceptance")
    verdict = models.CharField(_("kết luận của hội đồng"), max_length=16, choices=Verdict.choices)
    decided_on = models.DateField(_("ngày nghiệm thu"))
    conditions = models.TextField(_("điều kiện, yêu cầu hoàn thiện"), blank=True)
    # Private: served only by execution.views.minutes_file.
    minutes_file = models.FileField(_("biên bản nghiệm thu"), upload_to="private/execution/%Y/", blank=True)
    minutes_file_name = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("nghiệm thu")
        verbose_name_plural = _("nghiệm thu")

    @property
    def passed(self) -> bool:
        return self.verdict in (Verdict.PASSED, Verdict.CONDITIONAL)
