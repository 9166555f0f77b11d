"""Registration → approval → set password → login, in Debian's chromium."""
import re

from django.core import mail

from core.testing.world import PASSWORD, build_world


def test_officer_registers_office_approves_officer_logs_in(page, live_server):
    world = build_world()
    page.goto("/accounts/register/")
    page.select_option("#id_organisation", label="UBND Thành phố Hà Nội")
    page.fill("#id_full_name", "Trần Văn Bình")
    page.fill("#id_position", "Chuyên viên Sở Công Thương")
    page.fill("#id_email", "binh@hanoi.gov.vn")
    page.fill("#id_phone", "0912 345 678")
    page.click("text=Gửi yêu cầu")
    page.wait_for_selector("text=Đã gửi yêu cầu cấp tài khoản")

    page.goto("/accounts/login/")
    page.fill("#id_email", world.user("office_admin").email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto("/accounts/requests/")
    page.click("text=Trần Văn Bình")
    page.select_option("#id_role", "unit_officer")
    page.click("text=Duyệt và gửi đường dẫn đặt mật khẩu")
    page.wait_for_selector("text=Đã duyệt")
    page.click("header button:has-text('Đăng xuất')")

    link = re.search(r"http://\S+/set-password/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + link.split("8000", 1)[1])
    page.fill("#id_new_password1", "Sxsh-mat-khau-2016")
    page.fill("#id_new_password2", "Sxsh-mat-khau-2016")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đặt mật khẩu")
    page.click("header button:has-text('Đăng xuất')")

    page.goto("/accounts/login/")
    page.fill("#id_email", "binh@hanoi.gov.vn")
    page.fill("#id_password", "Sxsh-mat-khau-2016")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Bảng điều khiển')")
    assert "UBND Thành phố Hà Nội" in page.content()
    page.goto(f"/organisations/{world.other_unit.code}/")
    assert "Không tìm thấy" in page.content() or "Not Found" in page.content()
