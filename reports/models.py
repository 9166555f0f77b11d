"""The narrative of the report to the Prime Minister, edited by the office before generating.

Only words live here: every number in the report is computed from the live data when generated."""
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from programmes.models import Programme

# "35/BC-BCT": the register's number, then the symbol.
REPORT_NUMBER = re.compile(r"^\d+\s*/\s*\S+")


class PrimeMinisterReport(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="pm_reports")
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    number = models.CharField(_("số ký hiệu"), max_length=64, help_text=_("Ví dụ: 35/BC-BCT"))
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    introduction = models.TextField(_("mở đầu"), blank=True)
    assessment = models.TextField(_("đánh giá chung"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị"), blank=True)
    recipients = models.TextField(_("nơi nhận (mỗi dòng một nơi)"), blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=128, default="KT. BỘ TRƯỞNG", blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, default="THỨ TRƯỞNG")
    signer_name = models.CharField(_("họ tên người ký"), max_length=128)
    updated_at = models.DateTimeField(default=clock.now)
    updated_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("báo cáo Thủ tướng Chính phủ")
        verbose_name_plural = _("báo cáo Thủ tướng Chính phủ")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="one_pm_report_per_programme_year")]

    def __str__(self):
        return self.title

    @property
    def is_complete(self) -> bool:
        """A number with its figure and a signer's name: what a report needs before it leaves the ministry."""
        return bool(REPORT_NUMBER.match(self.number.strip())) and bool(self.signer_name.strip())

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip().rstrip(";.") for line in self.recipients.splitlines() if line.strip()]
