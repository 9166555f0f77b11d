import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal import services
from portal.models import Category, Item, Status, normalise
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


def test_normalise():
    assert normalise("Sản xuất SẠCH hơn — Đà Nẵng") == "san xuat sach hon — da nang"


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


def test_home_is_cached(client, world, django_assert_num_queries):
    services.write(user=world.user("office_admin"), organisation=world.office, category="news", title="Tin một")
    assert "Tin một" in client.get(reverse("portal:home")).content.decode()
    services.write(user=world.user("office_admin"), organisation=world.office, category="news", title="Tin hai")
    assert "Tin hai" not in client.get(reverse("portal:home")).content.decode()
