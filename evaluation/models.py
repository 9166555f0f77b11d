from django.db import models
from django.utils.translation import gettext_lazy as _

from collection.models import CallContent, Status, SubmissionContent
from organisations.models import Organisation
from programmes.models import Programme


class Aggregation(models.TextChoices):
    """How a national value is formed from unit reports (see rules.combine)."""

    RATIO_OF_SUMS = "ratio_of_sums", _("Tổng tử số / tổng mẫu số")
    WEIGHTED_MEAN = "weighted_mean", _("Bình quân gia quyền")
    AVERAGE = "average", _("Bình quân các đơn vị")
    SUM = "sum", _("Tổng cộng")
    COUNT_UNITS = "count_units", _("Số đơn vị đạt")
    SHARE_OF_UNITS = "share_of_units", _("Tỷ lệ đơn vị đạt")
    COMPUTED = "computed", _("Hệ thống tự tính")


class Indicator(models.Model):
    """One indicator of a programme's catalogue ("chỉ tiêu"); each programme brings its own."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("mã"), max_length=64)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name_vi = models.CharField(_("tên chỉ tiêu"), max_length=500)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=32, default="%")
    aggregation = models.CharField(_("cách tổng hợp"), max_length=16, choices=Aggregation.choices)
    # For computed indicators: the key of a provider registered through `<app>/indicators.py`.
    computed_key = models.SlugField(_("mã chỉ tiêu tự tính"), max_length=64, blank=True)
    # Only these organisation kinds report it (comma-separated; empty: every reporting unit).
    kinds = models.CharField(_("loại đơn vị báo cáo"), max_length=255, blank=True)
    # Outside this range a value is accepted with a warning (e.g. savings above 30%).
    plausible_min = models.DecimalField(_("giá trị hợp lý tối thiểu"), max_digits=20, decimal_places=4, null=True, blank=True)
    plausible_max = models.DecimalField(_("giá trị hợp lý tối đa"), max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["programme", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_indicator_code")]

    def __str__(self):
        return self.name_vi

    @property
    def is_computed(self) -> bool:
        return self.aggregation == Aggregation.COMPUTED

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def is_count(self) -> bool:
        from . import rules

        return self.unit.strip().lower() in rules.COUNT_UNITS_OF_MEASURE

    @property
    def entry(self) -> str:
        """The form a unit fills: 'pair' (numerator/denominator), 'weighted' (value and weight), 'yes_no' or 'value'."""
        from . import rules

        return rules.entry_kind(self.aggregation)

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in {k.strip() for k in self.kinds.split(",")}


class Target(models.Model):
    """The target for a milestone year; a range when target_max is set (savings 5–8%)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    milestone_year = models.PositiveSmallIntegerField(_("năm mốc"))
    target_min = models.DecimalField(_("chỉ tiêu"), max_digits=20, decimal_places=4)
    target_max = models.DecimalField(_("chỉ tiêu (cận trên)"), max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu theo năm mốc")
        verbose_name_plural = _("chỉ tiêu theo năm mốc")
        ordering = ["indicator", "milestone_year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "milestone_year"], name="unique_target_year")]


class PeriodManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("call")


class ReportingPeriod(CallContent):
    """A reporting period ("kỳ đánh giá"): the 2009–2015 evaluation, then one per year; a
    collection.Call with the years it covers."""

    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))

    objects = PeriodManager()
    scoped_by = "call__invited"  # a unit sees the periods it reports in (accounts.permissions.scope)

    class Meta:
        verbose_name = _("kỳ báo cáo chỉ tiêu")
        verbose_name_plural = _("kỳ báo cáo chỉ tiêu")
        ordering = ["-end_year", "-start_year"]

    def __str__(self):
        return self.title

    @property
    def years_label(self) -> str:
        return str(self.end_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"


# Unit reports share the cycle's states (collection.models.Status).
ReportStatus = Status


class UnitReportManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("submission")


class UnitReport(SubmissionContent):
    """One unit's indicator values for a period: a collection.Submission whose content is its values."""

    # The submission's call and unit, kept here so values are read by period and unit without a join.
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicator_reports")

    objects = UnitReportManager()

    class Meta:
        verbose_name = _("báo cáo chỉ tiêu của đơn vị")
        verbose_name_plural = _("báo cáo chỉ tiêu của đơn vị")
        constraints = [models.UniqueConstraint(fields=["period", "organisation"], name="one_report_per_unit_and_period")]

    def __str__(self):
        return f"{self.period} — {self.organisation}"


class IndicatorValue(models.Model):
    """A unit's value for one indicator: numerator/denominator for ratios, value (and weight) otherwise."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("tử số"), max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=20, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")]
