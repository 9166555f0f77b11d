from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A national programme such as the Cleaner Production Strategy (Decision 1419/QĐ-TTg)."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name_vi = models.CharField(_("tên chương trình"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"))
    end_year = models.PositiveSmallIntegerField(_("năm kết thúc"))

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["start_year", "code"]

    def __str__(self):
        return self.name_vi


class ProgrammePhase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    code = models.SlugField(_("mã"), max_length=64)
    name_vi = models.CharField(_("tên giai đoạn"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"))
    end_year = models.PositiveSmallIntegerField(_("năm kết thúc"))

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["programme", "start_year"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_phase_code")]

    def __str__(self):
        return self.name_vi

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class ComponentProject(models.Model):
    """One of a programme's component projects ("đề án thành phần")."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="component_projects")
    code = models.SlugField(_("mã"), max_length=64)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name_vi = models.CharField(_("tên đề án"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đề án thành phần")
        verbose_name_plural = _("đề án thành phần")
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_component_code")]

    def __str__(self):
        return f"{self.order}. {self.name_vi}"


class FundingSource(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name_vi = models.CharField(_("tên nguồn kinh phí"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    is_central_budget = models.BooleanField(_("ngân sách Trung ương"), default=False)

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        ordering = ["order"]

    def __str__(self):
        return self.name_vi
