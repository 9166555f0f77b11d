from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.testing.world import UNIT_OFFICER
from rounds import annex, services

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


def test_invalid_file_shows_every_problem_and_imports_nothing(setup, client):
    round_obj, proposal, url = setup
    page = post_file(client, url, "04-errors.xlsx", (SAMPLES / "04-errors.xlsx").read_bytes()).content.decode()
    assert "Tệp có lỗi, chưa nhập dữ liệu nào" in page
    for row, column in ((7, "B"), (8, "F"), (9, "G")):
        assert f"<td>{row}</td><td>{column}</td>" in page
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_valid_file_is_previewed_then_imported_on_confirmation(setup, client):
    round_obj, proposal, url = setup
    page = post_file(client, url, "02.xlsx", (SAMPLES / "02-quangninh-messy.xlsx").read_bytes()).content.decode()
    assert "1.365.250.000" in page and "Nhập các nhiệm vụ này" in page
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]  # preview only
    client.post(url, {"action": "confirm"})
    assert list(proposal.rows.values_list("central_vnd", flat=True)) == [120_000_000, 45_250_000, 1_200_000_000]


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
    assert "đơn vị khác" in page
    client.post(url, {"action": "confirm"})
    assert list(proposal.rows.values_list("name", flat=True)) == ["Dòng cũ"]


def test_downloaded_template_is_prefilled_and_uploads_back(setup, client, world):
    round_obj, proposal, url = setup
    content = client.get(reverse("rounds:template", args=[round_obj.pk, world.unit.code])).content
    result = annex.parse_annex(content)
    assert result.identity == {"round": str(round_obj.pk), "organisation": "ha-noi"}
    assert [t["name"] for t in result.tasks] == ["Dòng cũ"]
    post_file(client, url, "back.xlsx", content)
    client.post(url, {"action": "confirm"})
    assert list(proposal.rows.values_list("name", "central_vnd")) == [("Dòng cũ", 300_000_000)]
