"""Demo: the 2009–2015 evaluation (most units submitted, some late, some drafts, some missing) and the
2016 yearly period, told up to the demo's today. Values are pseudo-random but stable (derived from each
unit's code)."""
import zlib
from datetime import date, timedelta

from core import clock
from organisations.models import Organisation
from programmes.models import Programme

from . import selectors, services
from .models import ReportingPeriod

EVALUATION = "Đánh giá thực hiện Chiến lược sản xuất sạch hơn giai đoạn 2009 - 2015"
YEARLY = "Báo cáo chỉ tiêu năm 2016"
DRAFT_UNITS = {"ha-noi"}  # left as a draft so the demo officer can finish and send it


def _seed(code: str, salt: str) -> int:
    return zlib.crc32(f"{code}:{salt}".encode())


def entries_for(organisation, indicators, bump=0) -> dict:
    """Plausible values for one unit; `bump` raises the shares a little for a later year."""
    entries = {}
    for indicator in indicators:
        seed = _seed(organisation.code, indicator.code)
        if indicator.entry == "pair":
            base = {"facilities_aware": 30, "facilities_applying": 10}.get(indicator.code, 20)
            denominator = 40 + seed % 160
            share = min(95, base + seed % 40 + bump)
            entries[indicator.code] = {"numerator": denominator * share // 100, "denominator": denominator}
        elif indicator.entry == "weighted":
            entries[indicator.code] = {"value": 3 + (seed % 90) / 10 + bump / 10, "denominator": 2 + seed % 30}
        elif indicator.entry == "yes_no":
            entries[indicator.code] = {"value": 1 if seed % 10 < 7 + (bump > 0) else 0}
        else:
            entries[indicator.code] = {"value": seed % 100}
    return entries


def _fill(story, period, units, *, bump, submit_until, late_from):
    """Units by position: before submit_until submitted three weeks before the deadline (late from late_from,
    on 10 July), then drafts, then missing. A submission the demo's today has not reached stays a draft."""
    submitted = drafts = 0
    for index, organisation in enumerate(units):
        if index >= submit_until + len(units) // 8:
            break  # the rest have not started
        report = services.report_for(period=period, organisation=organisation)
        services.save_values(report=report, user=None, entries=entries_for(
            organisation, selectors.form_indicators(report), bump))
        sent_on = period.deadline - timedelta(days=21) if index < late_from else date(period.deadline.year, 7, 10)
        if index < submit_until and organisation.code not in DRAFT_UNITS and story.reached(sent_on):
            services.submit(report=report, user=None)
            submitted += 1
        else:
            drafts += 1
    return submitted, drafts


def load(stdout):
    if ReportingPeriod.objects.filter(call__title=EVALUATION).exists():
        stdout.write("evaluation: demo periods already there")
        return
    programme = Programme.objects.get(code="sxsh-2020")
    with clock.Story() as story:
        if not story.reached(date(2016, 3, 1)):
            stdout.write("evaluation: the demo's today is before the evaluation opens")
            return
        units = list(Organisation.objects.reporting_units().valid_on(date(2016, 3, 1)).in_letter_order())
        evaluation = services.open_period(
            programme=programme, title=EVALUATION, start_year=2009, end_year=2015, opens_on=date(2016, 3, 1),
            deadline=date(2016, 6, 30), invited=units,
            instructions="Các đơn vị báo cáo số liệu các chỉ tiêu của Chiến lược tính đến hết năm 2015.",
        )
        # Provinces first in a stable shuffled order, so the map shows a spread of values and gaps.
        order = sorted(units, key=lambda unit: _seed(unit.code, "order"))
        story.reached(date(2016, 4, 1))
        done = _fill(story, evaluation, order, bump=0, submit_until=int(len(order) * 0.7), late_from=int(len(order) * 0.6))
        stdout.write(f"evaluation: '{EVALUATION}' — {done[0]} submitted, {done[1]} drafts, {len(units) - sum(done)} missing")

        if not story.reached(date(2017, 1, 16)):
            return
        yearly = services.open_period(
            programme=programme, title=YEARLY, start_year=2016, end_year=2016, opens_on=date(2017, 1, 16),
            deadline=date(2017, 3, 31), closes_on=date(2017, 7, 31), invited=units,  # late ones come on 10 July
        )
        done = _fill(story, yearly, order, bump=5, submit_until=int(len(order) * 0.5), late_from=int(len(order) * 0.45))
        stdout.write(f"evaluation: '{YEARLY}' — {done[0]} submitted, {done[1]} drafts")
