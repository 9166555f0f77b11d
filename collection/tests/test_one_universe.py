"""One unit universe per call: the units invited at opening. Every page of a call counts them, and
editing a call never drops one it does not show (a unit merged away since opening stays invited)."""
from datetime import date, datetime

import pytest
from django.urls import reverse

from collection.board import completeness_board
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER
from organisations.models import Organisation, OrganisationKind
from plans import services as plans
from plans.tests.factories import open_2017_call, strategy
from reports.selectors import consolidate
from rounds import services as rounds
from rounds.tests.factories import open_2017_round, task


@pytest.fixture
def merged(world):
    """A province of the 2016 registry merged away later: not in today's registry."""
    return Organisation.objects.create(code="tinh-cu", kind=OrganisationKind.PROVINCE, name_vi="UBND Tỉnh Cũ",
                                       valid_to=date(2020, 1, 1))


def test_every_page_of_a_round_counts_the_units_invited_at_opening(world, merged, client, clock):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world, invited=[world.unit, world.other_unit, merged])
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    clock.set_now(datetime(2026, 6, 10, 9, 0))  # today's registry no longer has the merged province

    client.force_login(world.user(OFFICE_ADMIN))
    edit = reverse("rounds:edit", args=[round_obj.pk])
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"opens_on": "13/05/2016", "deadline": "15/06/2016", "accepts_late": "on"})
    response = client.post(edit, {**data, "programme": strategy().pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert round_obj.invited.count() == 3

    board = completeness_board(round_obj.call)
    assert (board.expected, board.actual) == (3, 1)
    page = client.get(reverse("rounds:board", args=[round_obj.pk])).content.decode()
    assert "UBND Tỉnh Cũ" in page
    client.force_login(world.user(OFFICE_REVIEWER))
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "1/3" in dashboard


def test_the_national_view_counts_the_dossier_call_units(world, merged, clock):
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    call = open_2017_call(world)
    call.call.invited.add(merged)  # invited at opening (the factory's list plus the merged province)
    dossier = plans.dossier_for(call=call, organisation=world.unit)
    plans.save_dossier_task(dossier=dossier, user=world.user(UNIT_OFFICER), data={"name": "Tập huấn"},
                            funding={})
    plans.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))
    board = completeness_board(call.call)
    national = consolidate(year=2017)
    assert (national.units, national.with_dossier) == (board.expected, board.actual) == (3, 1)
