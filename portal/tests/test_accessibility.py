"""Public pages pass axe-core with no serious or critical violation (WCAG 2.1 A and AA rules)."""
from datetime import timedelta

import pytest

SERIOUS = {"serious", "critical"}


def _axe_source():
    # axe-core (MPL-2.0, header kept in the file) as bundled by the axe-playwright-python package:
    # served from disk, never from a CDN.
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


def _violations(page, axe_source):
    # evaluate() runs outside the page's CSP, which forbids inline and foreign scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    results = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results["violations"] if v["impact"] in SERIOUS
    ]


def _content(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

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
    return item


@pytest.mark.browser
def test_public_pages_have_no_serious_accessibility_violation(page, world):
    from django.urls import reverse

    from portal.models import Category

    item = _content(world)
    urls = [reverse("portal:home"), *(reverse("portal:category", args=[value]) for value in Category.values),
            item.get_absolute_url(), reverse("portal:search") + "?q=san+xuat+sach+hon", reverse("portal:search"),
            reverse("portal:contact"), reverse("rounds:public_list"), reverse("accounts:login")]
    axe_source = _axe_source()
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems = _violations(page, axe_source)
        if problems:
            found[url] = problems
    # The officer's editing page too, with its toolbar and an uploaded image.
    from django.core.files.uploadedfile import SimpleUploadedFile
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
    for url in (reverse("portal:edit", args=[draft.pk]), reverse("portal:manage")):
        page.goto(url)
        assert page.url.endswith(url), "not logged in"
        problems = _violations(page, axe_source)
        if problems:
            found[url] = problems
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(problems) for url, problems in found.items())
    # The check itself works: an image without a text alternative on the last page is reported.
    page.evaluate("document.querySelector('main').appendChild(document.createElement('img')).src = '/static/x.png'")
    assert any(problem.startswith("image-alt") for problem in _violations(page, axe_source))
