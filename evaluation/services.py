"""Reporting-period actions: open a period, save a unit's values, submit. The cycle (who acts, state,
calendar, versions, events) is collection's; these add the indicator values. Views only call these."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collection import services as collection
from collection.models import CallKind, Senders, SubmissionVersion

from . import rules, selectors
from .models import Indicator, IndicatorValue, ReportingPeriod, UnitReport

ENTRY_FIELDS = ("value", "numerator", "denominator", "comment")


@transaction.atomic
def open_period(*, programme, title, start_year, end_year, opens_on, deadline, invited, accepts_late=True,
                closes_on=None, instructions="", senders=Senders.LEADER) -> ReportingPeriod:
    """Open a reporting period (the 2009–2015 evaluation, or a year) for the invited units."""
    if end_year < start_year:
        raise ValidationError({"end_year": _("Năm kết thúc phải không trước năm bắt đầu.")})
    call = collection.open_call(
        kind=CallKind.INDICATORS, programme=programme, title=title, opens_on=opens_on, deadline=deadline,
        invited=invited, accepts_late=accepts_late, closes_on=closes_on, instructions=instructions, senders=senders,
        prepare=lambda call: ReportingPeriod.objects.create(call=call, start_year=start_year, end_year=end_year))
    return ReportingPeriod.objects.get(call=call)


def report_for(*, period: ReportingPeriod, organisation) -> UnitReport:
    return collection.content_for(UnitReport, call=period.call, organisation=organisation, period=period)


def _check(indicator: Indicator, entry: dict, previous) -> rules.Check:
    return rules.check_entry(
        entry=indicator.entry, is_percent=indicator.is_percent, is_count=indicator.is_count,
        value=entry.get("value"), numerator=entry.get("numerator"), denominator=entry.get("denominator"),
        comment=entry.get("comment", ""), plausible_min=indicator.plausible_min, plausible_max=indicator.plausible_max,
        previous=previous,
    )


def _lock(report: UnitReport, user) -> UnitReport:
    # user None: the trusted demo / command-line path.
    collection.lock_for_edit(report.submission, user)
    return UnitReport.objects.select_related("period__call", "organisation").get(pk=report.pk)


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
    collection.touch(report.submission)
    return warnings


def _plain(number):
    return None if number is None else str(number)


def report_content(report: UnitReport) -> dict:
    """The entered values as a version keeps them."""
    values = report.values.select_related("indicator")
    return {"values": {row.indicator.code: {"value": _plain(row.value), "numerator": _plain(row.numerator),
                                            "denominator": _plain(row.denominator), "comment": row.comment}
                       for row in values}}


def submit(*, report: UnitReport, user, expected_version=None) -> SubmissionVersion:
    """The unit sends the report (who may: the period's call says): complete and valid, on time or late."""
    def freeze(_submission):
        values = {v.indicator_id: v for v in report.values.select_related("indicator")}
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
        return report_content(report), None

    return collection.send(submission=report.submission, user=user, freeze=freeze, expected_version=expected_version)
