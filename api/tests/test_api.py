import csv
import io
import json
from datetime import datetime

import pytest
from django.utils.timezone import localdate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from api.open_data import DATASETS
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from rounds import services
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round, task


@pytest.fixture
def proposal(world, clock):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    return proposal


def api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_a_unit_system_gets_a_token_and_reads_its_own_proposal(world, proposal):
    client = APIClient()
    answer = client.post("/api/v1/token/", {"username": "officer@test.vn", "password": "correct-horse-battery-staple"})
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    data = client.get(f"/api/v1/proposals/?round={proposal.round_id}").json()
    assert data["count"] == 1
    assert data["results"][0] == {**data["results"][0], "organisation": "ha-noi", "central_vnd": 300_000_000, "status": "draft"}


def test_another_units_ids_answer_404_everywhere(world, proposal):
    client = api_as(world.user(OTHER_OFFICER))
    row = proposal.rows.get()
    assert client.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404
    assert client.get(f"/api/v1/proposals/{proposal.pk}/rows/").status_code == 404
    assert client.patch(f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/", {"name": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/").status_code == 404
    assert client.post(f"/api/v1/proposals/{proposal.pk}/rows/", {"name": "x", "central_vnd": 1}, format="json").status_code == 404
    assert client.get("/api/v1/proposals/").json()["count"] == 0
    assert TaskRow.objects.get().name == "Tập huấn SXSH"


def test_the_office_reads_but_cannot_write_a_units_rows(world, proposal):
    client = api_as(world.user(OFFICE_REVIEWER))
    assert client.get(f"/api/v1/proposals/{proposal.pk}/rows/").json()["count"] == 1
    answer = client.post(f"/api/v1/proposals/{proposal.pk}/rows/", {"name": "x", "central_vnd": 1}, format="json")
    assert answer.status_code == 403 and "không có quyền" in answer.json()["detail"]


def test_two_editors_with_the_same_version_never_overwrite_each_other(world, proposal):
    proposal.refresh_from_db()
    seen = proposal.lock_version
    row = proposal.rows.get()
    first = api_as(world.user(UNIT_OFFICER)).patch(
        f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/", {"name": "Bản của cán bộ", "version": seen}, format="json")
    second = api_as(world.user(UNIT_LEADER)).patch(
        f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/", {"name": "Bản của lãnh đạo", "version": seen}, format="json")
    assert first.status_code == 200
    assert second.status_code == 409 and "vừa được người khác thay đổi" in json.dumps(second.json(), ensure_ascii=False)
    assert TaskRow.objects.get().name == "Bản của cán bộ"


def test_writes_follow_the_same_rules_as_the_pages(world, proposal):
    client = api_as(world.user(UNIT_OFFICER))
    answer = client.post(f"/api/v1/proposals/{proposal.pk}/rows/", {"name": " ", "central_vnd": 5}, format="json")
    assert answer.status_code == 400
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    answer = client.post(f"/api/v1/proposals/{proposal.pk}/rows/", {"name": "Sau khi gửi", "central_vnd": 5}, format="json")
    assert answer.status_code == 400 and TaskRow.objects.count() == 1


def test_html_in_text_fields_is_stored_inert_and_escaped_on_pages(world, proposal, client):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    api_as(world.user(UNIT_OFFICER)).post(f"/api/v1/proposals/{proposal.pk}/rows/",
                                          {"name": hostile, "central_vnd": 5, "notes": hostile}, format="json")
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(f"/rounds/{proposal.round_id}/units/{world.unit.code}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_open_data_publishes_accepted_funding_as_csv_and_json(world, proposal, client):
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    row = proposal.rows.get()
    services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: 250_000_000})
    data = client.get("/api/open/funding.json").json()
    assert data["rows"] == [{
        "year": 2017, "round_id": proposal.round_id, "organisation_code": "ha-noi", "organisation_name": "UBND Thành phố Hà Nội",
        "organisation_group": "provinces", "province_code": "ha-noi", "component_project": "", "priority_activity": "",
        "central_requested_vnd": 300_000_000, "central_approved_vnd": 250_000_000, "counterpart_vnd": 120_000_000}]
    text = client.get("/api/open/funding.csv").content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == data["columns"] and table[0]["central_approved_vnd"] == "250000000"
    shares = client.get("/api/open/focal-units.json").json()["rows"]
    assert [row["organisation_group"] for row in shares] == ["ministries", "provinces", "enterprises", "total"]


def test_drafts_are_not_open_data(world, proposal, client):
    assert client.get("/api/open/funding.json").json()["rows"] == []


def test_open_data_page_explains_every_dataset_with_fields_licence_formats_and_update_date(world, proposal, client):
    row = services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data={"name": "Tập huấn", "central_vnd": 10})
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: 10})
    page = client.get("/du-lieu-mo/").content.decode()
    for name, spec in DATASETS.items():
        assert spec["title"] in page and f"/api/open/{name}.csv" in page and f"/api/open/{name}.json" in page
        for column in spec["columns"]:
            assert f"<code>{column}</code>" in page
    assert "CC BY 4.0" in page and "UTF-8 có BOM" in page
    proposal.refresh_from_db()
    assert f"Cập nhật lần cuối: <time datetime=\"{localdate(proposal.updated_at):%Y-%m-%d}\">" in page
    assert "chưa có số liệu" in page  # nothing acknowledged in plan dossiers yet
