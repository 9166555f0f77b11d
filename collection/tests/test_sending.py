"""Sending, the same for every kind: the officer sees who may send and asks them (an event and a notice
with e-mail), the sender confirms a summary — rows, totals, warnings, what changed since the last send —
and only the sender's confirmation sends."""
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Membership, Role
from collection import sending
from collection.models import EventKind, Senders, Status
from collection.services import change_call
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER, make_user
from notifications import services as notifications
from notifications.models import Kind
from plans import services as plans
from plans.tests.factories import open_2017_call, source
from rounds import services as rounds
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round, task


@pytest.fixture
def draft(world, clock):
    """Our unit's proposal with two rows, one complete and one with neither amount nor objectives."""
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    officer = world.user(UNIT_OFFICER)
    rounds.save_row(proposal=proposal, user=officer, data=task("Tập huấn", objectives="Nâng cao năng lực", products="02 lớp",
                                                                period="2017", priority=None, notes=""))
    rounds.save_row(proposal=proposal, user=officer, data=task("Trình diễn", central=0, other=0))
    proposal.submission.refresh_from_db()
    return proposal


def test_the_senders_are_the_leaders_unless_the_call_opens_sending_to_officers(world, draft):
    submission = draft.submission
    assert [user.full_name for user in sending.senders_of(submission)] == ["Lãnh đạo Hà Nội"]
    change_call(call=submission.call, senders=Senders.OFFICERS)
    submission.refresh_from_db()
    assert [user.full_name for user in sending.senders_of(submission)] == ["Cán bộ Hà Nội", "Lãnh đạo Hà Nội"]


def test_an_officer_asks_the_leader_who_is_told_in_the_system_and_by_email(world, draft, client):
    officer, leader = world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    notifications.send_pending()  # the round's opening notices
    mail.outbox.clear()
    panel = sending.panel(officer, draft.submission)
    assert panel["can_ask"] and not panel["can_send"] and panel["senders"] == [leader]

    event = sending.ask_to_send(submission=draft.submission, user=officer)
    assert event.kind == EventKind.ASK_TO_SEND and event.get_kind_display() == "Đề nghị lãnh đạo gửi"
    notice = leader.notifications.get(kind=Kind.SEND_REQUESTED)
    confirm = reverse("collection:confirm_send", args=[draft.submission.pk])
    assert notice.link == confirm and "Cán bộ Hà Nội đề nghị lãnh đạo xem và gửi đề xuất của UBND Thành phố Hà Nội" in notice.body
    assert not officer.notifications.filter(kind=Kind.SEND_REQUESTED).exists()
    notifications.send_pending()
    assert [message.to for message in mail.outbox] == [[leader.email]]
    assert "[SXSH] Đề nghị gửi đề xuất: Đề xuất nhiệm vụ năm 2017" == mail.outbox[0].subject
    assert confirm in mail.outbox[0].body
    assert sending.panel(officer, draft.submission)["last_ask"] == event

    # Asking twice tells the leader twice (each request is its own notice).
    sending.ask_to_send(submission=draft.submission, user=officer, note="Cần gửi trước 15/6.")
    assert leader.notifications.filter(kind=Kind.SEND_REQUESTED).count() == 2


def test_asking_is_refused_where_it_makes_no_sense(world, draft):
    with pytest.raises(PermissionDenied):
        sending.ask_to_send(submission=draft.submission, user=world.user(OTHER_OFFICER))
    with pytest.raises(PermissionDenied):
        sending.ask_to_send(submission=draft.submission, user=world.user(OFFICE_REVIEWER))
    with pytest.raises(ValidationError, match="Bạn có quyền gửi"):
        sending.ask_to_send(submission=draft.submission, user=world.user(UNIT_LEADER))
    Membership.objects.filter(role=Role.UNIT_LEADER).delete()
    with pytest.raises(ValidationError, match="chưa có lãnh đạo"):
        sending.ask_to_send(submission=draft.submission, user=world.user(UNIT_OFFICER))
    assert not draft.submission.events.filter(kind=EventKind.ASK_TO_SEND).exists()


def test_the_summary_counts_rows_totals_and_warnings_before_the_first_send(world, draft):
    summary = sending.summary(draft.submission)
    assert len(summary.lines) == 2 and summary.previous is None and summary.changes is None
    assert [(str(label), vnd) for label, vnd in summary.totals] == [("Kinh phí NSTW", 300_000_000), ("Kinh phí đối ứng", 120_000_000)]
    complete, empty = summary.lines
    assert [str(w) for w in complete.warnings] == ["Chưa phân loại theo hoạt động ưu tiên hoặc đề án thành phần."]
    assert {"Chưa có kinh phí.", "Chưa có mục tiêu và nội dung.", "Chưa có sản phẩm dự kiến.",
            "Chưa có thời gian thực hiện."} <= {str(w) for w in empty.warnings}
    assert summary.money_unit == "trieu" and summary.warning_count == 6


def test_the_summary_shows_what_changed_since_the_last_send_by_field(world, draft, clock):
    officer, leader = world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    rounds.submit(proposal=draft, user=leader)
    rounds.return_for_revision(proposal=draft, user=world.user(OFFICE_REVIEWER), comment="Bổ sung")
    first, second = TaskRow.objects.filter(proposal=draft).order_by("position")
    # Renamed and re-costed: the same row changed (matched by its id), not one removed and one added.
    rounds.save_row(proposal=draft, user=officer, row=first, data={**task("Tập huấn nâng cao", central=250_000_000),
                                                                  "objectives": "Nâng cao năng lực", "products": "02 lớp",
                                                                  "period": "2017"})
    rounds.delete_row(proposal=draft, user=officer, row=second)
    rounds.save_row(proposal=draft, user=officer, data=task("Đánh giá nhanh"))
    draft.submission.refresh_from_db()
    changes = sending.summary(draft.submission).changes
    assert [row["name"] for row in changes.added] == ["Đánh giá nhanh"]
    assert [row["name"] for row in changes.removed] == ["Trình diễn"]
    assert [(row["name"], [str(label) for label in labels]) for row, labels in changes.changed] == [
        ("Tập huấn nâng cao", ["Tên nhiệm vụ", "Kinh phí NSTW"])]

    # Once sent again, the office's review shows the same changes (the new send against the one before).
    rounds.submit(proposal=draft, user=leader)
    draft.submission.refresh_from_db()
    again = sending.summary(draft.submission)
    assert again.previous.number == 1 and [row["name"] for row in again.changes.added] == ["Đánh giá nhanh"]


def test_rows_of_versions_without_ids_are_matched_by_name():
    fields = {"name": "Tên", "central_vnd": "NSTW"}
    before = [{"name": "Tập huấn SXSH", "central_vnd": 1}, {"name": "Trình diễn", "central_vnd": 2}]
    after = [{"id": 7, "name": "tap huan sxsh", "central_vnd": 5}, {"id": 8, "name": "Mới", "central_vnd": 1}]
    changes = sending.compare(before, after, fields)
    assert [(row["id"], labels) for row, labels in changes.changed] == [(7, ["Tên", "NSTW"])]
    assert changes.added == [after[1]] and changes.removed == [before[1]]
    assert not sending.compare(after, after, fields)


def test_only_the_senders_confirmation_sends(world, draft, client):
    url = reverse("collection:confirm_send", args=[draft.submission.pk])
    client.force_login(world.user(UNIT_OFFICER))
    page = client.get(url).content.decode()
    assert 'id="ask-leader"' in page and 'id="confirm-send"' not in page and "Lãnh đạo Hà Nội" not in page
    assert client.post(url, {"version": draft.submission.lock_version}).status_code == 403

    client.force_login(world.user(UNIT_LEADER))
    page = client.get(url).content.decode()
    assert 'id="confirm-send"' in page and "Đây là lần gửi đầu tiên." in page and "Chưa có kinh phí." in page
    assert "300" in page and "300.000.000" in page  # in the round's unit and in đồng
    response = client.post(url, {"version": draft.submission.lock_version}, follow=True)
    draft.submission.refresh_from_db()
    assert draft.submission.status == Status.SUBMITTED and draft.submission.submitted_by == world.user(UNIT_LEADER)
    assert response.redirect_chain[-1][0] == reverse("rounds:proposal", args=[draft.round.pk, "ha-noi"])
    assert "Đã gửi đề xuất (lần 1)" in response.content.decode()


def test_a_stale_confirmation_is_refused_and_nothing_is_sent(world, draft, client):
    client.force_login(world.user(UNIT_LEADER))
    url = reverse("collection:confirm_send", args=[draft.submission.pk])
    seen = draft.submission.lock_version
    rounds.save_row(proposal=draft, user=world.user(UNIT_OFFICER), data=task("Thêm sau khi xem"))
    response = client.post(url, {"version": seen}, follow=True)
    draft.submission.refresh_from_db()
    assert draft.submission.status == Status.DRAFT
    assert "vừa được người khác thay đổi" in response.content.decode()


def test_a_dossier_is_confirmed_on_the_same_page_with_a_total_per_funding_source(world, clock, client):
    clock.set_now(datetime(2016, 7, 2, 9, 0))
    call = open_2017_call(world)
    dossier = plans.dossier_for(call=call, organisation=world.unit)
    plans.save_dossier_task(dossier=dossier, user=world.user(UNIT_OFFICER), data={"name": "Tập huấn"},
                            funding={source("local"): 200_000_000})
    dossier.submission.refresh_from_db()
    summary = sending.summary(dossier.submission)
    assert ("Ngân sách của Bộ, ngành, địa phương", 200_000_000) in [(str(label), vnd) for label, vnd in summary.totals]
    assert "Chưa ghi cơ quan chủ trì." in [str(w) for w in summary.lines[0].warnings]
    client.force_login(world.user(UNIT_LEADER))
    url = reverse("collection:confirm_send", args=[dossier.submission.pk])
    assert "Tập huấn" in client.get(url).content.decode()
    client.post(url, {"version": dossier.submission.lock_version})
    dossier.submission.refresh_from_db()
    assert dossier.submission.status == Status.SUBMITTED


def test_a_unit_without_a_leader_account_is_told_so(world, draft, client):
    Membership.objects.filter(role=Role.UNIT_LEADER).delete()
    make_user("khac@test.vn", world.other_unit, Role.UNIT_LEADER)  # another unit's leader is never named
    client.force_login(world.user(UNIT_OFFICER))
    page = client.get(reverse("rounds:proposal", args=[draft.round.pk, "ha-noi"])).content.decode()
    assert "đơn vị chưa có lãnh đạo nào có tài khoản" in page
