"""In chromium: the officer asks the leader to send; the leader sees the notice, opens the summary and
confirms; the office filters its queue, reviews from it and goes on to the next unit. axe finds no
serious or critical violation on the new pages."""
from datetime import datetime

from collection.models import Status
from core import clock
from core.testing.axe import axe_source, serious_violations
from core.testing.browser import log_in, log_out
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from rounds import services as rounds
from rounds.models import Proposal
from rounds.tests.factories import open_2017_round, task


def test_the_officer_asks_the_leader_who_confirms_and_the_office_reviews_from_its_queue(page):
    world = build_world()
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER),
                    data=task("Tập huấn SXSH", objectives="Nâng cao năng lực", products="02 lớp", period="2017"))
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("Trình diễn", central=0, other=0))
    other = rounds.proposal_for(round_obj=round_obj, organisation=world.other_unit)
    rounds.save_row(proposal=other, user=None, data=task("Kiểm toán năng lượng"))
    rounds.submit(proposal=other, user=None)
    axe = axe_source()
    problems = {}

    # The officer sees who sends and asks the leader.
    log_in(page, world.user(UNIT_OFFICER))
    page.goto(f"/rounds/{round_obj.pk}/units/ha-noi/")
    assert "Lãnh đạo Hà Nội" in page.inner_text("#senders")
    assert page.locator("#send").count() == 0
    page.click("#ask-leader")
    page.wait_for_selector("text=Đã đề nghị Lãnh đạo Hà Nội gửi")
    assert "Cán bộ Hà Nội đã đề nghị lãnh đạo gửi" in page.inner_text("#last-ask")
    log_out(page)

    # The leader sees the notice, opens the summary from it and confirms.
    log_in(page, world.user(UNIT_LEADER))
    page.goto("/notifications/")
    notice = page.locator(".notification-list li", has_text="Đề nghị gửi đề xuất: Đề xuất nhiệm vụ năm 2017")
    notice.locator("button[name=open]").click()
    page.wait_for_selector("#confirm-send")
    assert page.inner_text("#row-count") == "2" and page.inner_text("#warning-count") != "0"
    assert "Chưa có kinh phí." in page.inner_text("#send-rows")
    assert "Đây là lần gửi đầu tiên." in page.inner_text("#changes")
    problems["confirm"] = serious_violations(page, axe)
    page.click("#confirm-send")
    page.wait_for_selector("text=Đã gửi đề xuất (lần 1)")
    assert Proposal.objects.get(pk=proposal.pk).status == Status.SUBMITTED
    assert "Đã gửi" in page.inner_text("#proposal-status")
    log_out(page)

    # The office filters its queue: late first shows nobody, then to review sorted by name shows both.
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto("/collection/review/")
    page.select_option("select[name=status]", "late")
    page.click("#queue-filter button[type=submit]")
    page.wait_for_url("**status=late**")
    assert page.locator("#review-queue tbody tr").inner_text().strip() == "Không có đơn vị nào."
    page.select_option("select[name=status]", "to_review")
    page.select_option("select[name=sort]", "name")
    page.click("#queue-filter button[type=submit]")
    page.wait_for_url("**sort=name**")
    units = page.locator("#review-queue tbody tr td:first-child").all_inner_texts()
    assert units == ["UBND Thành phố Hà Nội", "UBND Tỉnh Quảng Ninh"]
    problems["queue"] = serious_violations(page, axe)

    # Reviewing from the queue: approve all, and the next unit of the same queue opens.
    page.click("#review-queue >> text=Xem xét >> nth=0")
    page.wait_for_selector("#approve-all")
    assert "Nâng cao năng lực" in page.inner_text("#review") and "Chưa có kinh phí." in page.inner_text("#review")
    problems["review"] = serious_violations(page, axe)
    page.click("#approve-all")
    page.wait_for_selector("text=Đã duyệt tất cả nhiệm vụ như đề xuất.")
    assert "/units/quang-ninh/review/" in page.url and "status=to_review" in page.url and "sort=name" in page.url
    assert Proposal.objects.get(pk=proposal.pk).status == Status.ACCEPTED
    assert not any(problems.values()), problems
