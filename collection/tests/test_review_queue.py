"""The office's review queue: filtered by where each unit stands and sorted by sent date or name, from a
bookmarkable query string; a fixed number of queries at any size; after a decision the reviewer goes on
to the next unit of the same queue, and "approve all as requested" approves every row in one event."""
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collection import queue
from collection.models import EventKind, Status
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER
from organisations.models import Organisation, OrganisationKind
from plans import services as plans
from plans.tests.factories import open_2017_call
from rounds import services as rounds
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round, task

ON_TIME = datetime(2016, 6, 1, 9, 0)
LATE = datetime(2016, 6, 20, 9, 0)


def units(count, start=0):
    return [Organisation.objects.create(code=f"tinh-{n}", kind=OrganisationKind.PROVINCE, name_vi=f"UBND Tỉnh số {n:03d}")
            for n in range(start, start + count)]


def send(world, clock, round_obj, unit, when, *, rows=1):
    """The unit's proposal sent at `when` by a trusted path (user None), with `rows` task rows."""
    clock.set_now(when)
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=unit)
    for n in range(rows):
        rounds.save_row(proposal=proposal, user=None, data=task(f"Nhiệm vụ {n + 1}"))
    rounds.submit(proposal=proposal, user=None)
    return proposal


@pytest.fixture
def scene(world, clock):
    """Hà Nội sent on 01/06 (to review), Quảng Ninh was returned, A sent on 02/06 and was accepted,
    B sent late on 20/06 (to review), C has a draft and D nothing (both missing)."""
    a, b, c, d = units(4)
    clock.set_now(ON_TIME)
    round_obj = open_2017_round(world, invited=[world.unit, world.other_unit, a, b, c, d])
    hanoi = send(world, clock, round_obj, world.unit, ON_TIME, rows=2)
    returned = send(world, clock, round_obj, world.other_unit, datetime(2016, 6, 1, 10, 0))
    rounds.return_for_revision(proposal=returned, user=world.user(OFFICE_REVIEWER), comment="Bổ sung")
    accepted = send(world, clock, round_obj, a, datetime(2016, 6, 2, 9, 0))
    rounds.accept(proposal=accepted, user=world.user(OFFICE_REVIEWER), approved={})
    late = send(world, clock, round_obj, b, LATE)
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    rounds.save_row(proposal=rounds.proposal_for(round_obj=round_obj, organisation=c), user=None, data=task())
    clock.set_now(datetime(2016, 6, 21, 9, 0))  # within the late-sending window: the round still takes sends
    return round_obj, hanoi, late


def names(status, sort="sent_asc", call=None):
    return [item.organisation.name_vi for item in queue.items(queue.QueueFilter(status, sort, call))]


def test_each_filter_holds_the_units_in_that_state(world, scene):
    assert names("to_review") == ["UBND Thành phố Hà Nội", "UBND Tỉnh số 001"]
    assert names("to_review", "sent_desc") == ["UBND Tỉnh số 001", "UBND Thành phố Hà Nội"]
    assert names("returned") == ["UBND Tỉnh Quảng Ninh"]
    assert names("accepted") == ["UBND Tỉnh số 000"]
    assert names("late") == ["UBND Tỉnh số 001"]
    assert names("missing") == ["UBND Tỉnh số 002", "UBND Tỉnh số 003"]
    assert queue.counts(queue.QueueFilter()) == {"to_review": 2, "returned": 1, "accepted": 1, "late": 1, "missing": 2}


def test_a_returned_unit_that_edits_stays_returned_until_it_sends_again(world, scene):
    round_obj = scene[0]
    returned = rounds.proposal_for(round_obj=round_obj, organisation=world.other_unit)
    rounds.save_row(proposal=returned, user=world.user(OTHER_OFFICER), data=task("Bổ sung"))
    assert returned.submission.__class__.objects.get(pk=returned.submission.pk).status == Status.DRAFT
    assert names("returned") == ["UBND Tỉnh Quảng Ninh"] and "UBND Tỉnh Quảng Ninh" not in names("missing")


def test_the_filter_is_read_from_the_query_string_and_shown_selected(world, scene, client):
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("collection:review_queue") + "?status=late&sort=sent_desc").content.decode()
    assert '<option value="late" selected>' in page and '<option value="sent_desc" selected>' in page
    assert "UBND Tỉnh số 001" in page and "UBND Thành phố Hà Nội" not in page
    # Unknown values fall back to the default queue rather than failing.
    page = client.get(reverse("collection:review_queue") + "?status=nonsense&sort=x&call=abc").content.decode()
    assert '<option value="to_review" selected>' in page and "UBND Thành phố Hà Nội" in page
    # The review link carries the filter, so the review page can return to the same queue.
    page = client.get(reverse("collection:review_queue") + "?status=to_review&sort=name").content.decode()
    assert f'/rounds/{scene[0].pk}/units/ha-noi/review/?status=to_review&amp;sort=name#review' in page


def test_the_queue_runs_the_same_number_of_queries_at_any_size(world, scene, client, clock):
    client.force_login(world.user(OFFICE_REVIEWER))

    def counted(query):
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("collection:review_queue") + query).status_code == 200
        return len(context.captured_queries)

    queries = ["?status=to_review", "?status=missing&sort=name", "?status=accepted&sort=sent_desc"]
    small = [counted(query) for query in queries]
    round_obj = scene[0]
    more = units(12, start=10)
    clock.set_now(ON_TIME)
    bigger = open_2017_round(world, title="Đợt thứ hai", invited=[world.unit, *more])
    for unit in more[:8]:
        send(world, clock, bigger, unit, ON_TIME)
    clock.set_now(datetime(2016, 6, 21, 9, 0))
    assert len(queue.items(queue.QueueFilter())) == 10 and len(queue.items(queue.QueueFilter("missing"))) == 7
    assert [counted(query) for query in queries] == small
    assert round_obj.pk != bigger.pk


def test_after_a_decision_the_reviewer_goes_to_the_next_unit_of_the_same_queue(world, scene, client):
    round_obj, hanoi, late = scene
    client.force_login(world.user(OFFICE_REVIEWER))
    kept = "status=to_review&sort=sent_asc"
    response = client.post(reverse("rounds:review", args=[round_obj.pk, "ha-noi"]) + "?" + kept,
                           {"action": "approve_all"})
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:review", args=[round_obj.pk, "tinh-1"]) + "?" + kept + "#review"
    # The last unit of the queue: back to the queue, the filter kept.
    response = client.post(response["Location"].split("#")[0], {"action": "return", "comment": "Bổ sung"})
    assert response["Location"] == reverse("collection:review_queue") + "?" + kept
    late.submission.refresh_from_db()
    assert late.submission.status == Status.RETURNED


def test_a_review_opened_from_the_units_page_returns_to_that_page(world, scene, client):
    round_obj = scene[0]
    client.force_login(world.user(OFFICE_REVIEWER))
    response = client.post(reverse("rounds:review", args=[round_obj.pk, "ha-noi"]), {"action": "approve_all"})
    assert response["Location"] == reverse("rounds:proposal", args=[round_obj.pk, "ha-noi"])


def test_approve_all_approves_every_row_at_its_request_in_one_event(world, scene):
    _round, hanoi, _late = scene
    rounds.accept_as_requested(proposal=hanoi, user=world.user(OFFICE_REVIEWER), comment="Đồng ý")
    assert [(row.approved_central_vnd, row.central_vnd) for row in TaskRow.objects.filter(proposal=hanoi)] == [
        (300_000_000, 300_000_000), (300_000_000, 300_000_000)]
    hanoi.submission.refresh_from_db()
    assert hanoi.submission.status == Status.ACCEPTED
    decided = hanoi.submission.events.filter(kind=EventKind.ACCEPT)
    assert [event.note for event in decided] == ["Duyệt tất cả như đề xuất. Đồng ý"]


def test_the_review_page_shows_every_field_and_each_rows_warnings(world, scene, client):
    round_obj, hanoi, _late = scene
    row = TaskRow.objects.filter(proposal=hanoi).first()
    row.objectives, row.products, row.notes = "Mục tiêu A", "Sản phẩm B", "Ghi chú C"
    row.save()
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("rounds:review", args=[round_obj.pk, "ha-noi"])).content.decode()
    for text in ("Mục tiêu A", "Sản phẩm B", "Ghi chú C", "Nhiệm vụ 2", 'id="approve-all"'):
        assert text in page
    section = page.split(f'id="row-{row.pk}"')[1].split("</section>")[0]
    assert "Chưa có mục tiêu và nội dung." not in section
    other = page.split("Nhiệm vụ 2")[1].split("</section>")[0]
    assert "Chưa có mục tiêu và nội dung." in other


def test_a_bad_approved_amount_keeps_what_the_reviewer_typed(world, scene, client):
    round_obj, hanoi, _late = scene
    row = TaskRow.objects.filter(proposal=hanoi).first()
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.post(reverse("rounds:review", args=[round_obj.pk, "ha-noi"]),
                       {"action": "accept", f"approved-{row.pk}": "12abc", "comment": "Giữ ý kiến"}).content.decode()
    assert 'value="12abc"' in page and "Giữ ý kiến" in page
    hanoi.submission.refresh_from_db()
    assert hanoi.submission.status == Status.SUBMITTED


def test_a_rounds_board_links_to_its_own_queue(world, scene, client, clock):
    round_obj = scene[0]
    client.force_login(world.user(OFFICE_REVIEWER))
    board = client.get(reverse("rounds:board", args=[round_obj.pk])).content.decode()
    link = f"/collection/review/?status=to_review&amp;call={round_obj.call_id}"
    assert link in board
    other = open_2017_round(world, title="Đợt khác")
    send(world, clock, other, world.other_unit, datetime(2016, 6, 21, 9, 0))
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert "UBND Thành phố Hà Nội" in page and "Đợt khác" not in page


def test_a_dossier_reviewed_from_the_queue_leads_to_the_next_dossier(world, clock, client):
    clock.set_now(datetime(2016, 7, 1, 9, 0))
    call = open_2017_call(world)
    for hour, unit in ((9, world.unit), (10, world.other_unit)):
        clock.set_now(datetime(2016, 7, 2, hour, 0))
        dossier = plans.dossier_for(call=call, organisation=unit)
        plans.save_dossier_task(dossier=dossier, user=None, data={"name": "Tập huấn"}, funding={})
        plans.submit_dossier(dossier=dossier, user=None)
    client.force_login(world.user(OFFICE_REVIEWER))
    kept = "status=to_review&sort=sent_asc"
    page = client.get(reverse("plans:dossier", args=[2017, "ha-noi"]) + "?" + kept).content.decode()
    assert f'action="{reverse("plans:dossier_review", args=[2017, "ha-noi"])}?{kept.replace("&", "&amp;")}"' in page
    response = client.post(reverse("plans:dossier_review", args=[2017, "ha-noi"]) + "?" + kept, {"action": "acknowledge"})
    assert response["Location"] == reverse("plans:dossier", args=[2017, "quang-ninh"]) + "?" + kept + "#review"


def test_a_row_numbered_past_a_thousand_is_approved_from_the_field_the_page_prints(world, scene, client):
    """PostgreSQL's ids pass 1.000 early: the page must print "approved-1500", not "approved-1.500"."""
    import re

    round_obj, hanoi, _late = scene
    row = TaskRow.objects.filter(proposal=hanoi).first()
    TaskRow.objects.filter(pk=row.pk).update(id=1500)
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("rounds:review", args=[round_obj.pk, "ha-noi"])).content.decode()
    names = re.findall(r'name="(approved-[^"]+)"', page)
    assert "approved-1500" in names and 'id="row-1500"' in page
    client.post(reverse("rounds:review", args=[round_obj.pk, "ha-noi"]),
                {"action": "accept", **{name: "100" for name in names}, "comment": ""})
    assert TaskRow.objects.get(pk=1500).approved_central_vnd == 100_000_000
