"""Reporting-period actions: open a period, save a unit's values, submit. Each checks who acts and the
current state and writes in one transaction; views only call these."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from core import clock
from core.vn import format_date

from . import rules, selectors
from .models import Indicator, IndicatorValue, ReportingPeriod, ReportStatus, UnitReport

ENTRY_FIELDS = ("value", "numerator", "denominator", "comment")


@transaction.atomic
def open_period(*, programme, title, start_year, end_year, opens_on, deadline, invited, accepts_late=True,
                instructions="") -> ReportingPeriod:
    """Open a reporting period (the 2009–2015 evaluation, or a year) for the invited units."""
    if end_year < start_year:
        raise ValidationError({"end_year": _("Năm kết thúc phải không trước năm bắt đầu.")})
    if deadline < opens_on:
        raise ValidationError({"deadline": _("Hạn gửi phải sau ngày mở kỳ báo cáo.")})
    period = ReportingPeriod.objects.create(
        programme=programme, title=title, start_year=start_year, end_year=end_year, opens_on=opens_on,
        deadline=deadline, accepts_late=accepts_late, instructions=instructions,
    )
    period.invited.set(invited)
    return period


def report_for(*, period: ReportingPeriod, organisation) -> UnitReport:
    if not period.invited.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    report, _created = UnitReport.objects.get_or_create(period=period, organisation=organisation)
    return report


def _check(indicator: Indicator, entry: dict, previous) -> rules.Check:
    return rules.check_entry(
        entry=indicator.entry, is_percent=indicator.is_percent, is_count=indicator.is_count,
        value=entry.get("value"), numerator=entry.get("numerator"), denominator=entry.get("denominator"),
        comment=entry.get("comment", ""), plausible_min=indicator.plausible_min, plausible_max=indicator.plausible_max,
        previous=previous,
    )


def _lock(report: UnitReport, user) -> UnitReport:
    report = UnitReport.objects.select_for_update().select_related("period", "organisation").get(pk=report.pk)
    # user None: the trusted demo / command-line path.
    if user is not None and not permissions.can_edit_unit_drafts(user, report.organisation_id):
        raise PermissionDenied
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Báo cáo đã gửi nên không thể sửa."))
    return report


@transaction.atomic
def save_values(*, report: UnitReport, user, entries: dict) -> list[str]:
    """Save a unit's entries ({indicator code: {value, numerator, denominator, comment}}), all or none.

    Raises ValidationError keyed "<code>__<field>" when a rule is broken; returns the warnings."""
    report = _lock(report, user)
    if not report.period.is_open():
        raise ValidationError(_("Kỳ báo cáo chưa mở hoặc đã đóng."))
    indicators = {i.code: i for i in selectors.form_indicators(report)}
    previous = selectors.previous_values(report)
    errors, warnings = {}, []
    for code, entry in entries.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        check = _check(indicator, entry, previous.get(indicator.pk))
        for field, messages in check.errors.items():
            errors[f"{code}__{field}"] = messages
        warnings += [f"{indicator.name_vi}: {w}" for w in check.warnings]
    if errors:
        raise ValidationError(errors)
    existing = {v.indicator_id: v for v in report.values.all()}
    for code, entry in entries.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        row = existing.get(indicator.pk) or IndicatorValue(report=report, indicator=indicator)
        for field in ("value", "numerator", "denominator"):
            setattr(row, field, rules.as_decimal(entry.get(field)))
        row.comment = (entry.get("comment") or "").strip()
        row.save()
    UnitReport.objects.filter(pk=report.pk).update(updated_at=clock.now())
    return warnings


@transaction.atomic
def submit(*, report: UnitReport, user) -> UnitReport:
    """A unit's officer or leader sends the report: complete and valid, on time or late."""
    report = UnitReport.objects.select_for_update().select_related("period", "organisation").get(pk=report.pk)
    # user None: the trusted demo / command-line path.
    if user is not None and not permissions.can_edit_unit_drafts(user, report.organisation_id):
        raise PermissionDenied
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Báo cáo này đã được gửi."))
    period = report.period
    today = clock.today()
    if today < period.opens_on:
        raise ValidationError(_("Kỳ báo cáo chưa mở."))
    late = today > period.deadline
    if late and not period.accepts_late:
        raise ValidationError(_("Đã quá hạn gửi (%(d)s) và kỳ này không nhận báo cáo gửi muộn.") % {
            "d": format_date(period.deadline)})
    values = {v.indicator_id: v for v in report.values.all()}
    previous = selectors.previous_values(report)
    missing, invalid = [], []
    for indicator in selectors.form_indicators(report):
        row = values.get(indicator.pk)
        if row is None or (row.value is None and row.numerator is None):
            missing.append(indicator.name_vi)
            continue
        entry = {field: getattr(row, field) for field in ENTRY_FIELDS}
        if not _check(indicator, entry, previous.get(indicator.pk)).ok:
            invalid.append(indicator.name_vi)
    if missing:
        raise ValidationError(_("Chưa nhập đủ các chỉ tiêu: %(names)s.") % {"names": "; ".join(missing)})
    if invalid:
        raise ValidationError(_("Số liệu chưa hợp lệ ở các chỉ tiêu: %(names)s.") % {"names": "; ".join(invalid)})
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = clock.now()
    report.submitted_late = late
    report.submitted_by = user
    report.save()
    return report
