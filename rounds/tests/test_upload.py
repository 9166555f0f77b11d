import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.testing.world import UNIT_LEADER, UNIT_OFFICER
from rounds import annex, services
from rounds.models import StagedImport

from .factories import open_2017_round, task

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def setup(world, clock, client):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("Dòng cũ"))
    client.force_login(world.user(UNIT_OFFICER))
    return round_obj, proposal, reverse("rounds:upload", args=[round_obj.pk, world.unit.code])


def post_file(client, url, name, content):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def staged_id(page: str) -> str:
    return re.search(r'name="staged" value="(\d+)"', page).group(1)


def preview_and_confirm(client, url, name, content, **extra):
    page = post_file(client, url, name, content).content.decode()
    return client.post(url, {"action": "confirm", "staged": staged_id(page), **extra})


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_invalid_file_shows_every_problem_and_imports_nothing(setup, client):
    round_obj, proposal, url = setup
    page = post_file(client, url, "04-errors.xlsx", (SAMPLES / "04-errors.xlsx").read_bytes()).content.decode()
    assert "Tệp có lỗi, chưa nhập dữ liệu nào" in page
    for place in ("Dòng 7, cột B", "Dòng 8, cột F", "Dòng 9, cột G"):
        assert f"<td>{place}</td>" in page
    assert 'name="staged"' not in page and not StagedImport.objects.exists()
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_valid_file_is_previewed_with_every_field_then_imported_on_confirmation(setup, client):
    round_obj, proposal, url = setup
    page = post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()).content.decode()
    assert "1.365,25" in page and "1.365.250.000" in page and "Nhập các nhiệm vụ này" in page
    for text in ("Mục tiêu: in tờ rơi điển hình sxsh", "Năm 2017", "Báo cáo", "Cột F «Đơn vị phối hợp»: không nhập",
                 "Đơn vị tính theo dòng ghi đơn vị trong tệp: triệu đồng."):
        assert text in page
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]  # preview only
    client.post(url, {"action": "confirm", "staged": staged_id(page)})
    assert list(proposal.rows.values_list("central_vnd", "other_vnd", "objectives", "products", "period")) == [
        (120_000_000, 30_500_000, "Mục tiêu: phát hành bản tin sxsh tỉnh", "Báo cáo", "Năm 2017"),
        (45_250_000, 0, "Mục tiêu: in tờ rơi điển hình sxsh", "Báo cáo", "Năm 2017"),
        (1_200_000_000, 400_000_000, "Mục tiêu: hỗ trợ đánh giá sxsh tại 3 doanh nghiệp than", "Báo cáo", "Năm 2017")]
    assert not StagedImport.objects.exists()


def test_parsed_rows_never_go_into_the_session(setup, client):
    _round, _proposal, url = setup
    post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes())
    session = client.session
    assert not any("import" in key for key in session.keys())
    assert "Phát hành bản tin" not in str(dict(session.items()))
    staged = StagedImport.objects.get()
    assert bytes(staged.content) == (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()


def test_confirm_is_refused_when_a_colleague_changed_the_proposal_after_the_preview(setup, client, world):
    _round, proposal, url = setup
    page = post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()).content.decode()
    services.save_row(proposal=proposal, user=world.user(UNIT_LEADER), data=task("Sửa của đồng nghiệp"))
    response = client.post(url, {"action": "confirm", "staged": staged_id(page)}, follow=True)
    assert "vừa được người khác thay đổi sau khi bạn xem trước tệp" in response.content.decode()
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ", "Sửa của đồng nghiệp"]


def test_a_stale_staged_upload_expires(setup, client, clock):
    _round, proposal, url = setup
    page = post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()).content.decode()
    clock.advance(timedelta(hours=13))
    response = client.post(url, {"action": "confirm", "staged": staged_id(page)}, follow=True)
    assert "Phiên tải lên đã hết hạn" in response.content.decode()
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]
    post_file(client, url, "03.xlsx", (SAMPLES / "03-vinacomin-dong.xlsx").read_bytes())
    assert StagedImport.objects.count() == 1  # the stale one is gone


def test_another_users_staged_upload_cannot_be_confirmed(setup, client, world):
    _round, proposal, url = setup
    page = post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()).content.decode()
    client.force_login(world.user(UNIT_LEADER))
    response = client.post(url, {"action": "confirm", "staged": staged_id(page)}, follow=True)
    assert "Phiên tải lên đã hết hạn" in response.content.decode()
    assert client.post(url, {"action": "confirm", "staged": "abc"}).status_code == 302
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_an_amount_that_looks_typed_in_dong_needs_an_explicit_confirmation(setup, client):
    _round, proposal, url = setup
    content = xlsx([["Đơn vị tính: triệu đồng"], ["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Đối ứng"], [1, "Tập huấn", 1_500_000, 0]])
    page = post_file(client, url, "big.xlsx", content).content.decode()
    assert "có phải số đã nhập theo đồng?" in page and 'name="confirm_amounts"' in page
    response = client.post(url, {"action": "confirm", "staged": staged_id(page)}, follow=True)
    assert "hãy đánh dấu ô xác nhận" in response.content.decode()
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]
    preview_and_confirm(client, url, "big.xlsx", content, confirm_amounts="yes")
    assert list(proposal.rows.values_list("central_vnd", flat=True)) == [1_500_000 * 1_000_000]


def test_a_file_without_a_unit_line_takes_the_rounds_unit_and_says_so(setup, client, world):
    _round, proposal, url = setup
    content = xlsx([["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Đối ứng"], [1, "Tập huấn", "2,5", 0]])
    page = post_file(client, url, "nounit.xlsx", content).content.decode()
    assert "Tệp không ghi đơn vị tính; dùng đơn vị của đợt: triệu đồng." in page
    client.post(url, {"action": "confirm", "staged": staged_id(page)})
    assert list(proposal.rows.values_list("central_vnd", flat=True)) == [2_500_000]


def test_an_amount_past_the_cap_is_refused_with_a_message_not_a_500(setup, client):
    _round, proposal, url = setup
    for amount in ("99.999.999.999.999", 9 * 10**18):
        content = xlsx([["Đơn vị tính: triệu đồng"], ["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Đối ứng"], [1, "Tập huấn", amount, 0]])
        response = post_file(client, url, "huge.xlsx", content)
        assert response.status_code == 200 and "Số tiền quá lớn" in response.content.decode()
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_non_workbook_upload_gets_a_message(setup, client):
    _round, proposal, url = setup
    page = post_file(client, url, "virus.xlsx", b"MZ\x90\x00 not excel").content.decode()
    assert "không phải là bảng tính Excel" in page
    assert proposal.rows.count() == 1


def test_a_template_of_another_unit_is_refused(setup, client, world):
    round_obj, proposal, url = setup
    content = annex.write_template(round_title="x", plan_year=2017, unit_name="Quảng Ninh", money_unit="trieu",
                                   identity={"round": round_obj.pk, "organisation": world.other_unit.code},
                                   priorities=[], components=[], rows=[{"name": "Z", "central_vnd": 1_000_000, "other_vnd": 0}])
    page = post_file(client, url, "qn.xlsx", content).content.decode()
    assert "đơn vị khác" in page and 'name="staged"' not in page
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_downloaded_template_is_prefilled_and_uploads_back(setup, client, world):
    round_obj, proposal, url = setup
    content = client.get(reverse("rounds:template", args=[round_obj.pk, world.unit.code])).content
    result = annex.parse_annex(content)
    assert result.identity == {"round": str(round_obj.pk), "organisation": "ha-noi"}
    assert [t["name"] for t in result.tasks] == ["Dòng cũ"]
    preview_and_confirm(client, url, "back.xlsx", content)
    assert list(proposal.rows.values_list("name", "central_vnd")) == [("Dòng cũ", 300_000_000)]
