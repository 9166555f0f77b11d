"""One cycle in chromium: the office opens a call; two units send, one late, one returned with a
reason, told, corrected and sent again; the office accepts with approved amounts below the request;
the unit sees the approved amounts and its notices."""
from datetime import datetime

from accounts.models import Role
from collection.board import completeness_board
from core import clock
from core.testing.browser import grid_saved, log_in, log_out, open_grid
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world, make_user
from rounds import services
from rounds.models import Round, TaskRow
from rounds.tests.factories import programme, task


def test_one_cycle_in_the_browser(page):
    world = build_world()
    other_leader = make_user("leader-qn@test.vn", world.other_unit, Role.UNIT_LEADER, full_name="Lãnh đạo Quảng Ninh")
    programme()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    try:
        cycle(page, world, other_leader)
    finally:
        clock.set_now(None)


def send(page, user, round_id, code, number):
    log_in(page, user)
    page.goto(f"/rounds/{round_id}/units/{code}/")
    page.click("#send")
    page.click("#confirm-send")
    page.wait_for_selector(f"text=Đã gửi đề xuất (lần {number})")
    log_out(page)


def cycle(page, world, other_leader):
    log_in(page, world.user(OFFICE_ADMIN))
    page.goto("/rounds/new/")
    page.fill("#id_title", "Đề xuất nhiệm vụ năm 2017")
    page.fill("#id_plan_year", "2017")
    page.fill("#id_opens_on", "13/05/2016")
    page.fill("#id_deadline", "15/06/2016")
    page.check("input[name=invited_groups][value=provinces]")
    page.click("main button[type=submit]")
    page.wait_for_selector("#board")
    log_out(page)
    round_obj = Round.objects.get()

    # Hà Nội's officer enters a task of 300 triệu; its leader sends on time.
    log_in(page, world.user(UNIT_OFFICER))
    open_grid(page, f"/rounds/{round_obj.pk}/units/ha-noi/")
    page.click("#grid-add-row")
    page.keyboard.type("Tập huấn SXSH cho cán bộ Sở")
    page.fill("#task-grid tbody tr:nth-child(1) [name=central_vnd]", "300")
    page.keyboard.press("Tab")
    grid_saved(page)
    log_out(page)
    send(page, world.user(UNIT_LEADER), round_obj.pk, "ha-noi", 1)

    # The office returns it with a reason.
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto(f"/rounds/{round_obj.pk}/units/ha-noi/review/")
    page.fill("#comment", "Bổ sung sản phẩm dự kiến.")
    page.click("text=Trả lại để hoàn thiện")
    page.wait_for_selector("text=Đã trả lại đề xuất")
    log_out(page)

    # Hà Nội is told: a notice with the reason, and its card and proposal page show it; it corrects.
    log_in(page, world.user(UNIT_OFFICER))
    page.goto("/notifications/")
    assert "Trả lại để hoàn thiện: Đề xuất nhiệm vụ năm 2017" in page.content()
    page.goto("/app/")
    assert "Trả lại: Bổ sung sản phẩm dự kiến." in page.content()
    page.goto(f"/rounds/{round_obj.pk}/units/ha-noi/")
    assert "Bổ sung sản phẩm dự kiến." in page.inner_text("#return-reason")
    page.click("#rows >> text=Sửa >> nth=0")
    page.fill("#id_products", "02 lớp tập huấn")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã lưu nhiệm vụ")
    log_out(page)
    send(page, world.user(UNIT_LEADER), round_obj.pk, "ha-noi", 2)

    # Quảng Ninh sends after the deadline: received, marked late.
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.other_unit)
    services.save_row(proposal=proposal, user=other_leader, data=task("Trình diễn sản xuất sạch hơn"))
    clock.set_now(datetime(2016, 6, 20, 9, 0))
    send(page, other_leader, round_obj.pk, "quang-ninh", 1)

    # The office sees both received, one late, and accepts Hà Nội with 250 of the 300 triệu asked.
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto(f"/rounds/{round_obj.pk}/board/")
    board = page.inner_text("#board")
    assert "Đã gửi muộn" in board and "Đã gửi đúng hạn" in board
    page.goto(f"/rounds/{round_obj.pk}/units/ha-noi/review/")
    row = TaskRow.objects.get(proposal__organisation=world.unit)
    page.fill(f"#approved-{row.pk}", "250")
    page.click("button:has-text('Chấp nhận')")
    page.wait_for_selector("text=Đã chấp nhận đề xuất")
    log_out(page)
    counts = completeness_board(round_obj.call)
    assert (counts.expected, counts.actual, counts.actual_on_time) == (2, 2, 1)

    # Hà Nội's leader sees the approved amount and the notice of the decision.
    log_in(page, world.user(UNIT_LEADER))
    page.goto(f"/rounds/{round_obj.pk}/units/ha-noi/")
    assert "NSTW được duyệt" in page.content() and "250" in page.inner_text("#rows")
    page.goto("/notifications/")
    notices = page.content()
    assert "Đã chấp nhận: Đề xuất nhiệm vụ năm 2017" in notices
    assert "Trả lại để hoàn thiện: Đề xuất nhiệm vụ năm 2017" in notices
    assert TaskRow.objects.get(pk=row.pk).approved_central_vnd == 250_000_000 < row.central_vnd
