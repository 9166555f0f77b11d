"""Officer posts a model case with an image -> office publishes -> anonymous visitor finds it without diacritics."""
from django.test import Client


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_post_publish_search(page, live_server, tmp_path):
    from core.testing.world import build_world

    world = build_world()
    image = tmp_path / "anh.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)

    _login(page, live_server, world.user("unit_officer"))
    page.goto("/quan-ly/moi/")
    page.select_option("#id_category", "model_case")
    page.fill("#id_title", "Mô hình sản xuất sạch hơn tại nhà máy đường Sơn La")
    page.fill("#id_body", "<p>Giảm tiêu hao hơi</p><script>alert(1)</script>")
    page.set_input_files("#id_cover", str(image))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/quan-ly/")
    page.click("text=Gửi duyệt")
    page.wait_for_url("**/quan-ly/")
    page.context.clear_cookies()

    _login(page, live_server, world.user("office_reviewer"))
    page.goto("/quan-ly/")
    page.click("button[value=publish]")
    page.wait_for_url("**/quan-ly/")
    page.context.clear_cookies()

    page.goto("/tim-kiem/?q=san+xuat+sach+hon+nha+may+duong+son+la")
    page.click("text=Mô hình sản xuất sạch hơn tại nhà máy đường Sơn La")
    assert page.locator("h1").inner_text() == "Mô hình sản xuất sạch hơn tại nhà máy đường Sơn La"
    assert page.locator('meta[property="og:image"]').count() == 1


def test_officer_inserts_an_uploaded_image_with_the_toolbar(page, live_server, tmp_path):
    from core.testing.world import build_world
    from portal.models import Item

    world = build_world()
    image = tmp_path / "lo-hoi.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)

    _login(page, live_server, world.user("unit_officer"))
    page.goto("/quan-ly/moi/")
    page.select_option("#id_category", "news")
    page.fill("#id_title", "Tận dụng nhiệt thải lò hơi")
    page.fill("#id_body", "Kết quả")
    page.click("#item-form button[type=submit]")
    page.wait_for_url("**/quan-ly/")
    page.click("text=Sửa")
    page.set_input_files("#id_image-file", str(image))
    page.fill("#id_image-alt", "Lò hơi sau cải tạo")
    page.click("text=Tải ảnh lên")
    page.wait_for_selector("text=Đã tải ảnh lên")

    page.locator("#id_body").evaluate("body => body.setSelectionRange(0, body.value.length)")
    page.click(".editor-toolbar >> text=Đậm")
    page.locator("#id_body").evaluate("body => body.setSelectionRange(body.value.length, body.value.length)")
    page.click("text=Chèn vào nội dung")
    page.click("#item-form button[type=submit]")
    page.wait_for_url("**/quan-ly/")

    item = Item.objects.get(title="Tận dụng nhiệt thải lò hơi")
    url = item.images.get().file.url
    assert item.body.strip() == f'<strong>Kết quả</strong><figure><img src="{url}" alt="Lò hơi sau cải tạo"></figure>'
