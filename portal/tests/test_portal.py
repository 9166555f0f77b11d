from datetime import UTC

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal import services
from portal.models import Category, Item, Status
from portal.search import search

HOSTILE = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<p onclick="alert(1)">x</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<body onload=alert(1)>',
    '<style>*{}</style><p style="background:url(javascript:alert(1))">x</p>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<object data="x.swf"></object><embed src="x.swf">',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_sanitise_removes_hostile_markup(html):
    clean = services.sanitise(html).lower()
    for bad in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "<style",
                "style=", "data:", "<object", "<embed"):
        assert bad not in clean


def test_sanitise_keeps_ordinary_markup():
    assert services.sanitise('<p><strong>Sạch</strong> <a href="https://moit.gov.vn">x</a></p>').startswith("<p><strong>")


def _post(world, role="unit_officer", **kw):
    fields = {"category": Category.MODEL_CASE, "title": "Mô hình sản xuất sạch hơn tại nhà máy giấy Đồng Nai",
              "body": "<p>Giảm điện</p><script>x()</script>", "province": "Đồng Nai", "saving_money": 1234567}
    fields.update(kw)
    return services.write(user=world.user(role), organisation=world.unit, **fields)


def test_officer_post_goes_through_moderation(world):
    item = _post(world)
    assert item.status == Status.DRAFT and "<script" not in item.body
    services.submit(user=world.user("unit_officer"), item=item)
    with pytest.raises(PermissionDenied):
        services.moderate(user=world.user("unit_officer"), item=item, decision="publish")
    with pytest.raises(ValidationError):
        services.moderate(user=world.user("office_reviewer"), item=item, decision="return", comment=" ")
    services.moderate(user=world.user("office_reviewer"), item=item, decision="return", comment="Bổ sung ảnh")
    assert item.status == Status.RETURNED
    item = _post(world, item=item, title="Bản sửa")
    services.submit(user=world.user("unit_officer"), item=item)
    services.moderate(user=world.user("office_reviewer"), item=item, decision="publish")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_at
    assert item.versions.count() == 6


def test_reject_and_no_resubmit(world):
    item = _post(world)
    services.submit(user=world.user("unit_officer"), item=item)
    services.moderate(user=world.user("office_admin"), item=item, decision="reject")
    with pytest.raises(ValidationError):
        services.submit(user=world.user("unit_officer"), item=item)
    with pytest.raises(ValidationError):
        _post(world, item=item)


def test_officer_edits_only_own_unit(world):
    item = _post(world)
    with pytest.raises(PermissionDenied):
        services.write(user=world.user("other_officer"), organisation=world.unit, category="news", title="x")
    with pytest.raises(PermissionDenied):
        services.write(user=world.user("other_officer"), organisation=world.other_unit, category="news",
                       title="x", item=item)
    with pytest.raises(PermissionDenied):
        services.submit(user=world.user("other_officer"), item=item)


def test_office_publishes_directly(world):
    item = services.write(user=world.user("office_admin"), organisation=world.office, category="news", title="Tin")
    assert item.status == Status.PUBLISHED


def test_search_without_diacritics(world):
    item = _post(world)
    services.submit(user=world.user("unit_officer"), item=item)
    services.moderate(user=world.user("office_admin"), item=item, decision="publish")
    draft = _post(world, title="Bản nháp sản xuất sạch hơn")
    assert list(search(query="san xuat sach hon")) == [item]
    assert list(search(query="dong nai")) == [item]
    assert list(search(query="SẢN XUẤT")) == [item]
    assert list(search(query="san xuat", category="news")) == []
    assert list(search(query="", province="Đồng Nai", organisation=str(world.unit.pk))) == [item]
    assert list(search(query="", year=str(item.published_at.year))) == [item]
    assert list(search(query="", year="abc")) == []
    assert draft not in search(query="ban nhap")


def test_public_pages(client, world):
    item = _post(world, role="unit_officer")
    detail = reverse("portal:detail", kwargs={"pk": item.pk})
    assert client.get(detail).status_code == 404  # not published yet
    services.submit(user=world.user("unit_officer"), item=item)
    services.moderate(user=world.user("office_admin"), item=item, decision="publish")
    page = client.get(detail).content.decode()
    assert 'property="og:title"' in page and "1.234.567" in page
    assert item.title in client.get(reverse("portal:search"), {"q": "nha may giay"}).content.decode()
    assert item.title in client.get(reverse("portal:rss")).content.decode()
    assert item.title in client.get(reverse("portal:category", kwargs={"category": "model_case"})).content.decode()
    assert client.get(reverse("portal:category", kwargs={"category": "nope"})).status_code == 404
    contact = client.get(reverse("portal:contact")).content.decode()
    assert "haknv@moit.gov.vn" in contact


def test_home_is_cached(client, world):
    services.write(user=world.user("office_admin"), organisation=world.office, category="news", title="Tin một")
    assert "Tin một" in client.get(reverse("portal:home")).content.decode()
    services.write(user=world.user("office_admin"), organisation=world.office, category="news", title="Tin hai")
    assert "Tin hai" in client.get(reverse("portal:home")).content.decode()  # publishing clears the cache


def test_home_cache_invalidated_on_publish(client, world, django_assert_num_queries):
    client.get(reverse("portal:home"))
    item = _post(world)
    services.submit(user=world.user("unit_officer"), item=item)
    services.moderate(user=world.user("office_admin"), item=item, decision="publish")
    assert item.title in client.get(reverse("portal:home")).content.decode()


def test_home_served_from_cache(client, world, django_assert_max_num_queries):
    client.get(reverse("portal:home"))
    with django_assert_max_num_queries(0):
        client.get(reverse("portal:home"))


@pytest.mark.parametrize("content,kind,ok", [
    (b"%PDF-1.7 ...", "pdf", True), (b"\x89PNG\r\n\x1a\n....", "image", True), (b"\xff\xd8\xff\xe0..", "image", True),
    (b"<script>alert(1)</script>", "image", False), (b"<html></html>", "pdf", False), (b"%PDF-1.4", "image", False),
    (b"\x00\x00\x00\x18ftypmp42", "video", True), (b"MZ\x90\x00", "video", False),
])
def test_upload_magic_bytes(content, kind, ok):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core import uploads

    upload = SimpleUploadedFile("../../evil.png", content)
    if ok:
        assert uploads.check(upload, kind=kind).name.split(".")[0].isalnum()
        assert "/" not in upload.name and "evil" not in upload.name
    else:
        with pytest.raises(ValidationError):
            uploads.check(upload, kind=kind)


def test_upload_too_large(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core import uploads

    with pytest.raises(ValidationError):
        uploads.check(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (uploads.MAX_BYTES["image"])), kind="image")


def test_upload_stored_under_public_and_served_safely(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = services.write(user=world.user("office_admin"), organisation=world.office, category="newsletter",
                          title="Bản tin số 2", number=2, file=SimpleUploadedFile("b.pdf", b"%PDF-1.7 x"))
    assert item.file.name.startswith("public/portal/files/") and item.file.name.endswith(".pdf")
    response = client.get(item.file.url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]


def test_demo_is_idempotent(world):
    import io

    from portal import demo

    demo.load(io.StringIO())
    count = Item.objects.count()
    demo.load(io.StringIO())
    assert Item.objects.count() == count and list(search(query="nha may giay dong nai"))


def test_post_publish_find_through_views(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.testing.world import PASSWORD

    officer, reviewer = world.user("unit_officer"), world.user("office_reviewer")
    client.force_login(officer)
    response = client.post(reverse("portal:new"), {
        "category": "model_case", "title": "Mô hình tiết kiệm điện ở Đà Nẵng", "body": '<p onclick="x()">Đạt</p>',
        "saving_money": "1000000", "cover": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nxxxx")})
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get(title__startswith="Mô hình tiết kiệm")
    assert item.organisation == world.unit and "onclick" not in item.body and item.cover.name.endswith(".png")
    client.post(reverse("portal:submit", kwargs={"pk": item.pk}))
    client.force_login(reviewer)
    client.post(reverse("portal:moderate", kwargs={"pk": item.pk}), {"decision": "publish"})
    client.logout()
    page = client.get(reverse("portal:search"), {"q": "tiet kiem dien da nang"}).content.decode()
    assert item.get_absolute_url() in page
    assert PASSWORD  # the world fixture logs in by password elsewhere


def test_bad_upload_rejected_in_form(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.user("unit_officer"))
    response = client.post(reverse("portal:new"), {"category": "news", "title": "x",
                                                   "cover": SimpleUploadedFile("a.png", b"<svg onload=1>")})
    assert response.status_code == 200 and not Item.objects.filter(title="x").exists()


def test_home_links_documents_library(client, world):
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:category", kwargs={"category": "document"}) in page


def test_search_ranks_exact_phrase_first(world):
    office = world.user("office_admin")
    scattered = services.write(user=office, organisation=world.office, category="news", title="Hơn một năm sản xuất",
                               summary="Nhà máy sạch")
    phrase = services.write(user=office, organisation=world.office, category="news", title="Sản xuất sạch hơn")
    middle = services.write(user=office, organisation=world.office, category="news",
                            title="Báo cáo", summary="về sản xuất sạch hơn")
    # every word must match; the phrase at the start (title) ranks first, then the phrase anywhere
    assert list(search(query="san xuat sach hon")) == [phrase, middle, scattered]
    assert list(search(query="sach hon ha noi")) == []


def test_film_upload_must_be_video(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = world.user("office_admin")
    film = services.write(user=office, organisation=world.office, category="film", title="Phim",
                          file=SimpleUploadedFile("f.mp4", b"\x00\x00\x00\x18ftypmp42...."))
    assert film.file.name.endswith(".mp4")
    with pytest.raises(ValidationError):
        services.write(user=office, organisation=world.office, category="film", title="Phim 2",
                       file=SimpleUploadedFile("f.mp4", b"%PDF-1.7"))


def test_javascript_external_link_rejected(client, world):
    client.force_login(world.user("office_admin"))
    response = client.post(reverse("portal:new"), {"category": "film", "title": "Phim js",
                                                   "external_url": "javascript:alert(1)"})
    assert response.status_code == 200 and not Item.objects.filter(title="Phim js").exists()


def test_home_lists_open_rounds_with_deadlines(client, world, clock):
    from datetime import date, datetime

    from rounds.tests import factories

    clock.set_now(datetime(2016, 6, 1, 3, tzinfo=UTC))
    factories.open_2017_round(world)
    factories.open_2017_round(world, title="Đợt chưa mở", opens_on=date(2016, 7, 1), deadline=date(2016, 8, 1))
    page = client.get(reverse("portal:home")).content.decode()
    assert "Đề xuất nhiệm vụ năm 2017" in page and "15/06/2016" in page
    assert "Đợt chưa mở" not in page
    assert reverse("rounds:public_list") in page


def test_home_says_when_no_round_is_open(client, world):
    page = client.get(reverse("portal:home")).content.decode()
    assert "Hiện không có đợt đề xuất nào đang mở." in page and reverse("rounds:public_list") in page
