"""Home pages at any number of years: a past call is closed (late sending ends on its closing date), and
every home page runs the same number of queries with 1 or 8 past years of calls of every kind behind the
2 open ones; the office's cards count what each call's own board counts."""
from datetime import date, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collection.board import completeness_board
from collection.models import Call
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from evaluation.tests.factories import open_evaluation
from plans import services as plans
from plans.tests.factories import strategy
from rounds import services as rounds
from rounds.tests.factories import open_2017_round, task

TODAY = datetime(2026, 5, 20, 9, 0)
ROLES = (OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_OFFICER, UNIT_LEADER, OTHER_OFFICER)


def past_year(world, clock, year):
    """A year gone by: a proposal round, an indicator period and a dossier call, each accepting late
    sending (closing 30 days after the deadline); our unit sent its proposal and its dossier."""
    clock.set_now(datetime(year, 5, 20, 9, 0))
    round_obj = open_2017_round(world, title=f"Đề xuất nhiệm vụ năm {year + 1}", plan_year=year + 1,
                                opens_on=date(year, 5, 13), deadline=date(year, 6, 15))
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    open_evaluation(world, title=f"Báo cáo chỉ tiêu năm {year - 1}", start_year=year - 1, end_year=year - 1,
                    opens_on=date(year, 3, 1), deadline=date(year, 6, 30))
    clock.set_now(datetime(year, 7, 1, 9, 0))
    call = plans.open_call(programme=strategy(), plan_year=year + 1, opens_on=date(year, 7, 1),
                           deadline=date(year, 8, 15), invited=[world.unit, world.other_unit])
    dossier = plans.dossier_for(call=call, organisation=world.unit)
    plans.save_dossier_task(dossier=dossier, user=world.user(UNIT_OFFICER), data={"name": "Tập huấn"}, funding={})
    plans.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))


@pytest.fixture
def scene(world, clock):
    """2 calls open on 20/05/2026: a round by its deadline (our unit has sent) and an indicator period past
    its deadline but before its closing date; 1 past year behind them."""
    past_year(world, clock, 2015)
    clock.set_now(datetime(2026, 5, 14, 9, 0))
    round_obj = open_2017_round(world, title="Đề xuất nhiệm vụ năm 2027", plan_year=2027,
                                opens_on=date(2026, 5, 13), deadline=date(2026, 6, 15))
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    period = open_evaluation(world, title="Báo cáo chỉ tiêu năm 2025", start_year=2025, end_year=2025,
                             opens_on=date(2026, 3, 1), deadline=date(2026, 4, 30), closes_on=date(2026, 5, 31))
    clock.set_now(TODAY)
    return round_obj, period


def grow(world, clock):
    """7 more past years: 8 in all."""
    for year in range(2016, 2023):
        past_year(world, clock, year)
    clock.set_now(TODAY)


def counted(client, url):
    cache.clear()  # the portal caches its home for a minute: count the work, not the cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def home_counts(client, world) -> dict:
    counts = {}
    client.logout()
    for name in ("rounds:public_list", "portal:home"):
        counts[name], page = counted(client, reverse(name))
        assert "Đề xuất nhiệm vụ năm 2027" in page and "Đề xuất nhiệm vụ năm 2016" not in page
    for role in ROLES:
        client.force_login(world.user(role))
        counted(client, reverse("core:dashboard"))  # the first visit of a session may set it up
        counts[role], page = counted(client, reverse("core:dashboard"))
        assert "Báo cáo chỉ tiêu năm 2025" in page and "Báo cáo chỉ tiêu năm 2014" not in page, role
    return counts


def test_every_home_page_runs_the_same_queries_at_1_and_8_past_years(scene, world, clock, client):
    one_year = home_counts(client, world)
    grow(world, clock)
    assert home_counts(client, world) == one_year


def test_past_calls_are_closed_and_the_open_ones_count_as_their_boards(scene, world, clock, client):
    round_obj, period = scene
    grow(world, clock)
    open_now = set(Call.objects.open_on(TODAY.date()))
    assert open_now == {round_obj.call, period.call} == {c for c in Call.objects.all() if c.is_open(TODAY.date())}
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("core:dashboard")).content.decode()
    for call in (round_obj.call, period.call):
        board = completeness_board(call)
        assert f"{board.actual}/{board.expected}" in page
    assert (completeness_board(round_obj.call).actual, completeness_board(period.call).actual) == (1, 0)

