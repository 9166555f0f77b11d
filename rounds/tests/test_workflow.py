from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from rounds import services
from rounds.models import Proposal, ProposalStatus, TaskRow

from .factories import open_2017_round, task


@pytest.fixture
def round_2017(world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    return open_2017_round(world)


@pytest.fixture
def proposal(world, round_2017):
    return services.proposal_for(round_obj=round_2017, organisation=world.unit)


def test_round_carries_its_classification_lists_as_data(round_2017):
    assert [o.code for o in round_2017.options("priority")] == ["communication", "training", "technical-support"]
    assert round_2017.options("component") == []  # the test programme has no component projects
    assert round_2017.invited.count() == 2


def test_deadline_before_opening_is_refused(world):
    from datetime import date

    with pytest.raises(ValidationError):
        open_2017_round(world, opens_on=date(2016, 6, 20))


def test_officer_saves_drafts_leader_submits_a_frozen_version(world, proposal, clock):
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    with pytest.raises(PermissionDenied):
        services.submit(proposal=proposal, user=world.user(UNIT_OFFICER))
    version = services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    proposal.refresh_from_db()
    assert (proposal.status, proposal.submitted_late, version.number, version.late) == ("submitted", False, 1, False)
    assert version.content["rows"][0]["name"] == "Tập huấn SXSH" and version.content["central_vnd"] == 300_000_000
    with pytest.raises(ValidationError, match="không sửa được"):
        services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("Khác"))


def test_an_officer_of_another_unit_can_never_edit_our_proposal(world, proposal):
    with pytest.raises(PermissionDenied):
        services.save_row(proposal=proposal, user=world.user(OTHER_OFFICER), data=task())
    with pytest.raises(PermissionDenied):
        services.submit(proposal=proposal, user=world.user(OTHER_OFFICER))
    assert not TaskRow.objects.exists()


def test_return_opens_a_new_draft_and_every_version_stays_readable(world, proposal, clock):
    officer, leader, reviewer = world.user(UNIT_OFFICER), world.user(UNIT_LEADER), world.user(OFFICE_REVIEWER)
    row = services.save_row(proposal=proposal, user=officer, data=task())
    services.submit(proposal=proposal, user=leader)
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.return_for_revision(proposal=proposal, user=reviewer, comment=" ")
    services.return_for_revision(proposal=proposal, user=reviewer, comment="Bổ sung sản phẩm")
    services.save_row(proposal=proposal, user=officer, data=task(products="02 lớp"), row=row)
    assert Proposal.objects.get().status == ProposalStatus.DRAFT
    clock.set_now(datetime(2016, 6, 20, 9, 0))  # after the deadline: accepted, marked late
    second = services.submit(proposal=proposal, user=leader)
    assert second.number == 2 and second.late
    first = proposal.versions.get(number=1)
    assert first.content["rows"][0]["products"] == "" and second.content["rows"][0]["products"] == "02 lớp"


def test_late_submission_is_refused_when_the_round_does_not_accept_it(world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world, accepts_late=False)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    clock.set_now(datetime(2016, 6, 16, 8, 0))
    with pytest.raises(ValidationError, match="quá hạn"):
        services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    assert Proposal.objects.get().status == ProposalStatus.DRAFT


def test_accept_records_approved_central_amounts_within_the_request(world, proposal):
    row = services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    with pytest.raises(ValidationError):
        services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: 400_000_000})
    with pytest.raises(PermissionDenied):
        services.accept(proposal=proposal, user=world.user(UNIT_LEADER), approved={row.pk: 1})
    services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: 250_000_000})
    row.refresh_from_db()
    assert row.approved_central_vnd == 250_000_000 and Proposal.objects.get().status == "accepted"


def test_two_people_editing_never_overwrite_each_other_silently(world, proposal):
    loaded = proposal.lock_version
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("Bản của người thứ nhất"), expected_version=loaded)
    with pytest.raises(services.StaleProposal, match="vừa được người khác thay đổi"):
        services.save_row(proposal=proposal, user=world.user(UNIT_LEADER), data=task("Bản của người thứ hai"), expected_version=loaded)
    assert list(TaskRow.objects.values_list("name", flat=True)) == ["Bản của người thứ nhất"]


def test_negative_amounts_and_empty_names_are_refused(world, proposal):
    with pytest.raises(ValidationError) as error:
        services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task(name=" ", central=-5))
    assert set(error.value.message_dict) == {"name", "central_vnd"}


def test_the_public_sees_open_rounds_with_their_deadlines(client, world, clock):
    from datetime import date

    from django.urls import reverse

    clock.set_now(datetime(2016, 5, 20, 9, 0))
    open_2017_round(world)
    open_2017_round(world, title="Đợt đã đóng", deadline=date(2016, 5, 15), opens_on=date(2016, 5, 1), accepts_late=False)
    open_2017_round(world, title="Đợt chưa mở", opens_on=date(2016, 7, 1), deadline=date(2016, 8, 1))
    page = client.get(reverse("rounds:public_list")).content.decode()
    assert "Đề xuất nhiệm vụ năm 2017" in page and "15/06/2016" in page
    assert "Đợt đã đóng" not in page and "Đợt chưa mở" not in page


def test_dashboard_shows_the_office_the_rate_and_the_unit_its_state(client, world, clock):
    from django.urls import reverse

    from core.testing.world import OFFICE_ADMIN

    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    client.force_login(world.user(OFFICE_ADMIN))
    assert "1/2" in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(world.user(OTHER_OFFICER))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Chưa bắt đầu" in page and "15/06/2016" in page


def test_pages_switch_to_english(client, world, proposal):
    from django.urls import reverse

    client.force_login(world.user(UNIT_OFFICER))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("rounds:proposal", args=[proposal.round_id, world.unit.code])).content.decode()
    assert "Add a task" in page and "Download the Excel template (annex)" in page
    assert "Thêm nhiệm vụ" not in page


def test_the_period_typed_either_way_fills_both_its_forms(world, proposal):
    """Exports and the report print the period text; execution plans with the months: a row entered with
    months only, or with text only, must carry both."""
    from datetime import date

    officer = world.user(UNIT_OFFICER)
    by_months = services.save_row(proposal=proposal, user=officer,
                                  data=task("Theo tháng", period="", period_from=date(2017, 4, 1), period_to=date(2017, 6, 1)))
    by_text = services.save_row(proposal=proposal, user=officer, data=task("Theo chữ", period="Quý III/2017"))
    assert (by_months.period, by_text.period_from, by_text.period_to) == ("04/2017 - 06/2017", date(2017, 7, 1), date(2017, 9, 1))
    # A later change of one side brings the other along, also from the row form that posts both sides;
    # both changed at once are kept as typed.
    services.save_row(proposal=proposal, user=officer, row=by_months, data=task("Theo tháng", period="04/2017 - 06/2017", period_from=date(2017, 4, 1), period_to=date(2017, 8, 1)))
    services.save_row(proposal=proposal, user=officer, row=by_text, data=task("Theo chữ", period="Năm 2017", period_from=date(2017, 7, 1), period_to=date(2017, 9, 1)))
    both = services.save_row(proposal=proposal, user=officer,
                             data=task("Cả hai", period="Theo tiến độ", period_from=date(2017, 2, 1), period_to=date(2017, 3, 1)))
    by_months.refresh_from_db()
    by_text.refresh_from_db()
    assert by_months.period == "04/2017 - 08/2017"
    assert (by_text.period_from, by_text.period_to) == (date(2017, 1, 1), date(2017, 12, 1))
    assert (both.period, both.period_from, both.period_to) == ("Theo tiến độ", date(2017, 2, 1), date(2017, 3, 1))


def test_an_imported_period_text_gives_the_rows_their_months(world, proposal):
    from datetime import date

    services.import_rows(proposal=proposal, user=world.user(UNIT_OFFICER), tasks=[
        {"name": "A", "period": "Tháng 4-6/2017", "central_vnd": 1, "other_vnd": 0},
        {"name": "B", "period": "Theo tiến độ", "central_vnd": 1, "other_vnd": 0},
    ])
    assert list(TaskRow.objects.order_by("position").values_list("period_from", "period_to")) == [
        (date(2017, 4, 1), date(2017, 6, 1)), (None, None)]
