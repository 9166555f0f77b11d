"""Public pages pass axe-core with no serious or critical violation (WCAG 2.1 A and AA rules), at desktop
and phone widths."""
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import clock
from core.testing.axe import axe_source, serious_violations, violations_on_pages
from organisations.models import FocalContact, FocalUnit
from portal.models import ContactMessage

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}


def _content(world):

    from core import clock
    from portal import services
    from portal.models import Category
    from rounds.tests import factories

    office = world.user("office_admin")
    image = services.write(user=office, organisation=world.office, category=Category.NEWS, title="Ảnh minh họa",
                           cover=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32))
    for value, label in Category.choices:
        services.write(user=office, organisation=world.office, category=value, title=f"{label}: sản xuất sạch hơn",
                       summary="Tóm tắt", body=f'<p>Nội dung</p><img src="{image.cover.url}" alt="Nhà máy">')
    item = services.write(
        user=office, organisation=world.office, category=Category.MODEL_CASE, title="Mô hình nhà máy giấy",
        summary="Giảm tiêu hao", sector="Giấy", measures="Thu hồi nhiệt", investment=1_000_000_000,
        saving_money=300_000_000, payback_months=40, cover=SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32),
        body=f'<h2>Kết quả</h2><p>Giảm 20% điện.</p><img src="{image.cover.url}" alt="Dây chuyền">')
    today = clock.today()
    factories.open_2017_round(world, opens_on=today - timedelta(days=3), deadline=today + timedelta(days=20))
    focal = FocalUnit.objects.create(organisation=world.unit, status="designated", name="Trung tâm SXSH Hà Nội",
                                     decision_number="15/QĐ-UBND", decision_date=today - timedelta(days=30),
                                     phone="024 3825 1234", publish_contact=True)
    FocalContact.objects.create(focal_unit=focal, full_name="Nguyễn Văn An", email="an@example.vn", is_public=True)
    services.write(user=office, organisation=world.office, category=Category.DOCUMENT, title="Quyết định 1419",
                   doc_number="1419/QĐ-TTg", doc_kind="decision", issuer="Thủ tướng Chính phủ",
                   issued_on=date(2009, 9, 7), file=SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF"))
    return item


@pytest.mark.browser
def test_public_pages_have_no_serious_accessibility_violation(page, world):
    from django.urls import reverse

    from portal.models import Category

    item = _content(world)
    urls = [reverse("portal:home"), *(reverse("portal:category", args=[value]) for value in Category.values
                                      if value != Category.DOCUMENT),
            item.get_absolute_url(), reverse("portal:search") + "?q=san+xuat+sach+hon", reverse("portal:search"),
            reverse("portal:contact"), reverse("rounds:public_list"), reverse("accounts:login"),
            reverse("portal:documents"), reverse("portal:documents") + "?q=1419",
            reverse("organisations_public:directory"), reverse("organisations_public:directory") + "?q=zzz",
            reverse("portal:unit", args=[world.unit.code]), reverse("portal:unit", args=[world.other_unit.code]),
            reverse("open_data:page")]
    source = axe_source()
    found = violations_on_pages(page, urls, source, VIEWPORTS)
    # The contact form showing its errors.
    page.goto(reverse("portal:contact"))
    page.click("#contact-form button[type=submit]")
    problems = serious_violations(page, source)
    if problems:
        found["contact form with errors"] = problems
    # The officer's editing page too, with its toolbar and an uploaded image.
    from django.test import Client

    from portal import services

    officer = world.user("unit_officer")
    draft = services.write(user=officer, organisation=world.unit, category=Category.NEWS, title="Bản nháp")
    services.add_image(user=officer, item=draft, file=SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32),
                       alt="Ảnh")
    client = Client()
    client.force_login(officer)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": page.url}])
    ContactMessage.objects.create(name="Lê Hoa", email="hoa@example.vn", subject="Hỏi", message="Nội dung",
                                  sent_at=clock.now())
    for url in (reverse("portal:edit", args=[draft.pk]), reverse("portal:manage"), reverse("portal:inbox")):
        page.goto(url)
        assert page.url.endswith(url), "not logged in"
        problems = serious_violations(page, source)
        if problems:
            found[url] = problems
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(problems) for url, problems in found.items())
    # The check itself works: an image without a text alternative on the last page is reported.
    page.evaluate("document.querySelector('main').appendChild(document.createElement('img')).src = '/static/x.png'")
    assert any(problem.startswith("image-alt") for problem in serious_violations(page, source))
