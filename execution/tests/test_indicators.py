"""Results feed the indicators: an accepted progress report's values reach the evaluation period of its year."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER
from evaluation import selectors as evaluation
from evaluation.tests.factories import catalogue, indicator, open_evaluation
from execution import services
from execution.forms import ReportForm

from .factories import assigned_task
from .test_services import report_data

pytestmark = pytest.mark.django_db


def test_an_accepted_reports_results_reach_the_dashboard_of_the_period_covering_its_year(world, clock):
    programme = catalogue()
    task = assigned_task(world)
    form_fields = ReportForm(programme=programme).fields
    assert {"indicator-facilities_assessed", "indicator-officers_trained", "indicator-leaflets_issued"} <= set(form_fields)
    first, year_end = task.reports.order_by("submission__call__deadline")
    trained, leaflets = indicator("officers_trained"), indicator("leaflets_issued")
    officer, leader, office = world.user(UNIT_OFFICER), world.user(UNIT_LEADER), world.user(OFFICE_REVIEWER)
    clock.set_now(datetime(2017, 7, 20, 9, 0))
    with pytest.raises(ValidationError, match="do đơn vị tự báo cáo"):  # units enter this one themselves
        services.save_report(report=first, user=officer, data=report_data(),
                             contributions={indicator("facilities_aware"): Decimal(3)})
    services.save_report(report=first, user=officer, data=report_data(),
                         contributions={trained: Decimal(45), leaflets: Decimal(1200)})
    services.send_report(report=first, user=leader)
    services.accept_report(report=first, user=office)
    clock.set_now(datetime(2017, 12, 20, 9, 0))
    services.save_report(report=year_end, user=officer, data=report_data(percent=90),
                         contributions={trained: Decimal(30)})
    services.send_report(report=year_end, user=leader)  # sent, not yet accepted: counts for nothing

    clock.set_now(datetime(2018, 1, 15, 9, 0))
    year_2017 = open_evaluation(invited=[world.unit, world.other_unit], title="Năm 2017", start_year=2017, end_year=2017,
                                opens_on=date(2018, 1, 15), deadline=date(2018, 3, 31))
    year_2018 = open_evaluation(invited=[world.unit], title="Năm 2018", start_year=2018, end_year=2018,
                                opens_on=date(2019, 1, 15), deadline=date(2019, 3, 31))
    line = evaluation.dashboard(year_2017).line("officers_trained")
    assert line.value == Decimal(45)
    assert line.by_kind == {world.unit.kind: Decimal(45)}
    if world.unit.kind == "province":
        assert line.by_province == {world.unit.code: Decimal(45)}
    assert line.trend == [("2017", Decimal(45))]
    assert evaluation.dashboard(year_2017).line("leaflets_issued").value == Decimal(1200)
    assert evaluation.dashboard(year_2018).line("officers_trained").value is None

    services.accept_report(report=year_end, user=office)
    assert evaluation.dashboard(year_2017).line("officers_trained").value == Decimal(75)
