"""A member of the public, in a real browser: finds a province's focal unit, finds Decision 1419 and downloads
it, opens open data from the home page and downloads a CSV, and sends a message the office then reads."""
import csv
import io
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from core.demo_files import document_docx
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from organisations.models import FocalContact, FocalUnit
from portal import services
from portal.models import Category, ContactMessage, DocumentKind
from rounds import services as round_services
from rounds.tests.factories import open_2017_round, task


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def test_visitor_finds_a_province_focal_unit_typing_without_diacritics(page, clock):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    world = build_world()
    focal = FocalUnit.objects.create(organisation=world.other_unit, status="established",
                                     name="Trung tâm Sản xuất sạch hơn Quảng Ninh", decision_number="27/QĐ-UBND",
                                     decision_date=date(2016, 4, 8))
    FocalContact.objects.create(focal_unit=focal, full_name="Phạm Quốc Dũng", phone="0912 345 678", is_public=True)
    page.goto("/")
    page.click("nav.site-nav >> text=Đơn vị đầu mối")
    page.fill("#id_q", "quang ninh")
    page.click("form.filters button[type=submit]")
    rows = page.locator("#directory tbody tr")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert "UBND Tỉnh Quảng Ninh" in row and "Trung tâm Sản xuất sạch hơn Quảng Ninh" in row
    assert "27/QĐ-UBND" in row and "08/04/2016" in row and "Phạm Quốc Dũng" in row and "0912 345 678" in row


def test_visitor_finds_decision_1419_by_its_number_and_downloads_it(page, tmp_path):
    world = build_world()
    content = document_docx(issuer="Thủ tướng Chính phủ", number="1419/QĐ-TTg", place_date="Hà Nội, ngày 07 tháng 09 năm 2009",
                            title="Quyết định phê duyệt Chiến lược sản xuất sạch hơn", paragraphs=["Điều 1. Phê duyệt."])
    for number, title in (("1419/QĐ-TTg", "Quyết định phê duyệt Chiến lược sản xuất sạch hơn trong công nghiệp"),
                          ("4108/BCT-KHCN", "Công văn về việc triển khai Chiến lược")):
        services.write(user=world.user(OFFICE_ADMIN), organisation=world.office, category=Category.DOCUMENT, title=title,
                       doc_number=number, doc_kind=DocumentKind.DECISION, issuer="Thủ tướng Chính phủ",
                       issued_on=date(2009, 9, 7), file=SimpleUploadedFile("qd.docx", content))
    page.goto("/")
    page.click("nav.site-nav >> text=Văn bản")
    page.fill("#id_q", "1419")
    page.click("form.filters button[type=submit]")
    assert page.locator(".doc-list li").count() == 1
    assert "1419/QĐ-TTg" in page.locator(".doc-list").inner_text()
    with page.expect_download() as download_info:
        page.click(".doc-list >> text=Tải về")
    path = tmp_path / "qd.docx"
    download_info.value.save_as(path)
    assert "Số: 1419/QĐ-TTg" in [p.text for p in Document(path).paragraphs]


def test_visitor_opens_open_data_from_home_and_the_csv_keeps_vietnamese(page, clock, tmp_path):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    world = build_world()
    round_obj = open_2017_round(world)
    proposal = round_services.proposal_for(round_obj=round_obj, organisation=world.unit)
    row = round_services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER),
                                  data=task(name="Tập huấn sản xuất sạch hơn"))
    round_services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    round_services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: 250_000_000})
    page.goto("/")
    page.click("#figures >> text=Dữ liệu mở")
    assert page.locator("h1").inner_text() == "Dữ liệu mở"
    with page.expect_download() as download_info:
        page.click("#dataset-funding >> text=Tải CSV")
    path = tmp_path / "funding.csv"
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["organisation_name"], r["central_requested_vnd"], r["central_approved_vnd"]) for r in rows] == [
        ("UBND Thành phố Hà Nội", "300000000", "250000000")]


def test_visitor_sends_a_contact_message_the_office_reads(page, live_server):
    world = build_world()
    page.goto("/")
    page.click("nav.site-nav >> text=Liên hệ")
    assert "024 2220 2306" in page.locator("main").inner_text()
    page.fill("#id_name", "Lê Thị Hoa")
    page.fill("#id_email", "hoa@example.vn")
    page.fill("#id_subject", "Đăng ký khóa đào tạo ở Đà Nẵng")
    page.fill("#id_message", "Công ty chúng tôi muốn cử hai cán bộ tham dự.")
    page.click("#contact-form button[type=submit]")
    page.wait_for_selector("text=Văn phòng đã nhận được thư")
    assert ContactMessage.objects.get().subject == "Đăng ký khóa đào tạo ở Đà Nẵng"

    _login(page, live_server, world.user(OFFICE_REVIEWER))
    page.goto("/")
    page.click("nav.site-nav >> text=Thư liên hệ")
    letter = page.locator("article.card").first
    assert "Đăng ký khóa đào tạo ở Đà Nẵng" in letter.inner_text() and "hai cán bộ" in letter.inner_text()
    letter.locator("text=Đánh dấu đã xử lý").click()
    page.wait_for_selector("text=Đã đánh dấu thư là đã xử lý")
    assert "đã xử lý" in page.locator("article.card").first.inner_text()
    assert ContactMessage.objects.get().handled_by == world.user(OFFICE_REVIEWER)
