"""The national dashboard: hand-computed values per rule, kind, province and period; computed
indicators; and a fixed number of queries whatever the size."""
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.world import UNIT_LEADER, UNIT_OFFICER
from evaluation import selectors, services
from organisations.models import FocalUnit, Organisation, OrganisationKind
from rounds import services as round_services
from rounds.tests.factories import open_2017_round, task

from .factories import full_entries, open_evaluation

# The completeness board is collection's (one query more than a bare count); other apps' results
# (execution's accepted progress reports) one query and their units' kinds one more.
MAX_QUERIES = 17


def submit(period, organisation, entries, user=None):
    report = services.report_for(period=period, organisation=organisation)
    services.save_values(report=report, user=None, entries=entries)
    services.submit(report=report, user=user)
    return report


@pytest.fixture
def scene(world, clock):
    clock.set_now(datetime(2015, 5, 2, 9, 0))
    # A proposal round opened in 2015: Hà Nội sends, Quảng Ninh does not → 50%.
    round_obj = open_2017_round(world, opens_on=date(2015, 5, 1), deadline=date(2015, 6, 15))
    proposal = round_services.proposal_for(round_obj=round_obj, organisation=world.unit)
    round_services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    round_services.submit(proposal=proposal, user=world.user(UNIT_LEADER))

    clock.set_now(datetime(2016, 4, 1, 9, 0))
    ministry = Organisation.objects.create(code="bct", kind=OrganisationKind.MINISTRY, name_vi="Bộ Công Thương")
    group = Organisation.objects.create(code="tkv", kind=OrganisationKind.STATE_GROUP, name_vi="Tập đoàn TKV")
    FocalUnit.objects.create(organisation=world.unit, status="designated", name="Trung tâm SXSH",
                             decision_number="1/QĐ", decision_date=date(2016, 1, 5))
    # Late reports are taken until the end of 2017 (`grow` sends more of them in 2017).
    period = open_evaluation(invited=[world.unit, world.other_unit, ministry, group], closes_on=date(2017, 12, 31))
    submit(period, world.unit, full_entries(aware=(40, 100), applying=(20, 100), saving=(6, 10), doit=1))
    submit(period, world.other_unit, full_entries(aware=(60, 200), applying=(10, 200), saving=(9, 20), doit=0))
    ministry_entries = full_entries(aware=(50, 100), applying=(30, 100), saving=(3, 10))
    del ministry_entries["doit_capable_staff"]
    submit(period, ministry, ministry_entries)
    draft = services.report_for(period=period, organisation=group)  # a draft counts for nothing
    services.save_values(report=draft, user=None, entries={"facilities_aware": {"numerator": 90, "denominator": 100}})

    clock.set_now(datetime(2017, 2, 1, 9, 0))
    yearly = open_evaluation(invited=[world.unit], title="Năm 2016", start_year=2016, end_year=2016,
                             opens_on=date(2017, 1, 15), deadline=date(2017, 3, 31))
    submit(yearly, world.unit, full_entries(aware=(50, 100), applying=(25, 100), saving=(7, 10), doit=1))
    return period


def test_national_values_against_targets(scene):
    data = selectors.dashboard(scene)
    aware, applying, saving, doit = (data.line(code) for code in
                                     ("facilities_aware", "facilities_applying", "resource_saving", "doit_capable_staff"))
    # (40 + 60 + 50) / (100 + 200 + 100) = 37.5%, target 50% by 2015
    assert aware.value == D("37.5") and aware.target.milestone_year == 2015 and aware.gap == D("-12.5")
    assert not aware.reached
    # (20 + 10 + 30) / 400 = 15%, target 25%
    assert applying.value == D(15) and applying.gap == D(-10)
    # (6×10 + 9×20 + 3×10) / (10 + 20 + 10) = 270 / 40 = 6.75%, inside the 5–8% target
    assert saving.value == D("6.75") and saving.gap == 0 and saving.reached
    # one of the two provinces: 50%, target 70%
    assert doit.value == D(50) and doit.gap == D(-20)


def test_values_by_kind_and_by_province(scene, world):
    data = selectors.dashboard(scene)
    aware = data.line("facilities_aware")
    assert aware.by_kind == {"province": D(100) * 100 / 300, "ministry": D(50)}
    assert aware.by_province == {"ha-noi": D(40), "quang-ninh": D(30)}
    assert [kind for kind, _label in data.kinds] == ["ministry", "province", "state_group"]
    assert [p["code"] for p in data.provinces] == ["ha-noi", "quang-ninh"]
    assert (data.board_expected, data.board_actual) == (4, 3)


def test_trend_by_period(scene):
    data = selectors.dashboard(scene)
    assert data.line("facilities_aware").trend == [("2009–2015", D("37.5")), ("2016", D(50))]


def test_computed_indicators(scene):
    data = selectors.dashboard(scene)
    focal = data.line("focal_unit_share")
    assert focal.value == D(25)  # Hà Nội only, of 4 invited units
    assert focal.by_province == {"ha-noi": D(100), "quang-ninh": D(0)}
    assert data.line("round_reporting_rate").value == D(50)  # 1 of the 2 units invited to the 2015 round
    assert data.round_rates[0]["rate"] == 50.0
    plans = data.line("action_plan_share")
    assert plans.available and plans.value == D(0)  # no unit has issued an action plan yet


def test_action_plan_share_comes_from_the_plans_app(scene, world):
    from plans.models import ActionPlan, PlanStatus
    from programmes.models import ProgrammePhase

    phase = ProgrammePhase.objects.create(programme=scene.programme, code="2009-2015", name_vi="Giai đoạn 2009 - 2015",
                                          start_year=2009, end_year=2015)
    ActionPlan.objects.create(organisation=world.unit, phase=phase, status=PlanStatus.ISSUED, decision_number="1/QĐ")
    ActionPlan.objects.create(organisation=world.other_unit, phase=phase, status=PlanStatus.DRAFTING)
    line = selectors.dashboard(scene).line("action_plan_share")
    assert line.value == D(25)  # Hà Nội only, of 4 invited units; a plan still drafting does not count
    assert line.by_province == {"ha-noi": D(100), "quang-ninh": D(0)}


def grow(period, count):
    units = Organisation.objects.bulk_create(
        Organisation(code=f"p{i}-{count}", kind=OrganisationKind.PROVINCE, name_vi=f"UBND Tỉnh {i}") for i in range(count))
    period.invited.add(*units)
    for unit in units:
        submit(period, unit, full_entries())


def queries(period):
    with CaptureQueriesContext(connection) as context:
        selectors.dashboard(period)
    return len(context.captured_queries)


def test_the_dashboard_runs_in_a_fixed_number_of_queries(scene, client, django_assert_max_num_queries):
    small = queries(scene)
    grow(scene, 25)
    assert queries(scene) == small <= MAX_QUERIES
    with django_assert_max_num_queries(MAX_QUERIES + 8):  # + session, user, memberships, the period
        response = client.get(f"/evaluation/{scene.pk}/dashboard/")
    grow(scene, 50)
    with django_assert_max_num_queries(MAX_QUERIES + 8):
        bigger = client.get(f"/evaluation/{scene.pk}/dashboard/")
    assert response.status_code == bigger.status_code == 200


def test_the_dashboard_page_shows_the_map_and_gaps(scene, client):
    page = client.get(f"/evaluation/{scene.pk}/dashboard/").content.decode()
    assert 'id="province-map"' in page and 'data-map="63"' in page
    assert 'data-code="ha-noi" data-value="40,0"' in page
    assert "-12,5" in page and "Chưa đạt" in page
    assert 'class="trend-chart"' in page


def test_the_dashboard_switches_to_english(scene, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/evaluation/{scene.pk}/dashboard/").content.decode()
    assert "National values against targets" in page and "Share of industrial facilities aware" in page
    assert "Toàn quốc so với mục tiêu" not in page


def test_the_dashboard_headers_name_indicators_in_words_not_codes(scene, client):
    import re

    from evaluation.models import Indicator

    page = client.get(f"/evaluation/{scene.pk}/dashboard/").content.decode()
    for table in ("by-kind", "by-province"):
        head = re.search(rf'<table id="{table}">\s*<thead>(.*?)</thead>', page, re.S).group(1)
        headers = dict(re.findall(r'<th class="num" data-code="([^"]+)">([^<]*)</th>', head))
        assert headers and headers["facilities_aware"] == Indicator.objects.get(code="facilities_aware").name_vi
        assert not any(code in text for code, text in headers.items())
