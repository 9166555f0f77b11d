"""Outcomes reach people: the unit is told the reason of a return and the approved amounts of an
acceptance (in the system, and by e-mail for those who chose it); its dashboard card shows the reason
until it sends again; the office's review queue and digest list what waits for it."""
from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import NotificationChannel
from collection.models import Status
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER
from notifications import services
from notifications.models import Kind
from plans import services as plans
from plans.tests.factories import open_2017_call
from rounds import services as rounds
from rounds.tests.factories import open_2017_round, task


@pytest.fixture
def sent(world, clock):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rows = [rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task(name, central=central))
            for name, central in (("Tập huấn", 300_000_000), ("Trình diễn", 500_000_000))]
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    world.user(UNIT_OFFICER).notification_channel = NotificationChannel.IN_APP
    world.user(UNIT_OFFICER).save()
    services.send_pending()
    mail.outbox.clear()
    return round_obj, proposal, rows


def test_a_return_tells_the_unit_why_and_its_card_keeps_the_reason_until_it_sends_again(world, sent, client):
    round_obj, proposal, rows = sent
    rounds.return_for_revision(proposal=proposal, user=world.user(OFFICE_REVIEWER), comment="Bổ sung sản phẩm dự kiến")
    for role in (UNIT_OFFICER, UNIT_LEADER):
        notice = world.user(role).notifications.get(kind=Kind.RETURNED)
        assert "Bổ sung sản phẩm dự kiến" in notice.body and "15/06/2016" in notice.body
    assert world.user(OFFICE_REVIEWER).notifications.count() == 0
    services.send_pending()
    assert [m.to for m in mail.outbox] == [["leader@test.vn"]]  # the officer reads it in the system only
    assert "Bổ sung sản phẩm dự kiến" in mail.outbox[0].body

    client.force_login(world.user(UNIT_OFFICER))
    assert "Trả lại: Bổ sung sản phẩm dự kiến" in client.get(reverse("core:dashboard")).content.decode()
    page = client.get(reverse("rounds:proposal", args=[round_obj.pk, "ha-noi"])).content.decode()
    assert 'id="return-reason"' in page and "Bổ sung sản phẩm dự kiến" in page
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("Tập huấn", products="02 lớp"), row=rows[0])
    assert "Trả lại: Bổ sung sản phẩm dự kiến" in client.get(reverse("core:dashboard")).content.decode()
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    assert "Trả lại:" not in client.get(reverse("core:dashboard")).content.decode()


def test_an_acceptance_tells_the_unit_the_approved_amounts(world, sent):
    _round, proposal, rows = sent
    rounds.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER),
                  approved={rows[0].pk: 250_000_000, rows[1].pk: 400_000_000})
    notice = world.user(UNIT_OFFICER).notifications.get(kind=Kind.DECIDED)
    assert notice.title.startswith("Đã chấp nhận")
    assert "Kinh phí NSTW được duyệt: 650.000.000 đồng trên 800.000.000 đồng đề nghị." in notice.body
    assert "- Tập huấn: được duyệt 250.000.000 đồng (đề nghị 300.000.000 đồng)" in notice.body


def test_the_review_queue_and_the_digest_list_what_waits(world, sent, client, clock):
    call = open_2017_call(world)
    dossier = plans.dossier_for(call=call, organisation=world.other_unit)
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("collection:review_queue")).content.decode()
    assert "UBND Thành phố Hà Nội" in page and "/rounds/" in page and "UBND Tỉnh Quảng Ninh" not in page
    assert dossier.status == Status.DRAFT
    clock.set_now(datetime(2016, 6, 2, 9, 0))
    assert services.send_office_digest(clock.today()) == 2
    digest = world.user(OFFICE_REVIEWER).notifications.get(kind=Kind.DIGEST)
    assert "Đang chờ Văn phòng xem xét (1):" in digest.body and digest.link == reverse("collection:review_queue")
