"""A large export built in the background: who asked, what, how far it has got, and the private file."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")
    EXPIRED = "expired", _("Đã hết hạn")


UNFINISHED = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportJob(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs",
                              verbose_name=_("người yêu cầu"))
    kind = models.CharField(_("loại"), max_length=40)  # a key of exports.kinds
    parameters = models.JSONField(_("tham số"), default=dict)
    title = models.CharField(_("nội dung"), max_length=300)
    filename = models.CharField(_("tên tệp"), max_length=200)
    office_export = models.BooleanField(_("của Văn phòng"), default=False)  # every office user may download it
    status = models.CharField(_("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    file = models.FileField(_("tệp"), upload_to="private/exports/%Y/", blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"))
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "kind", "status"]), models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0
