"""No text longer than its field on any path, and no request body over DATA_UPLOAD_MAX_MEMORY_SIZE."""
import json

import pytest
from django.urls import reverse

from api.tests.test_api import api_as, proposal  # noqa: F401 (fixture)
from core.testing.world import UNIT_OFFICER
from core.text import TEXT_MAX_CHARS
from rounds.models import Proposal, TaskRow

pytestmark = pytest.mark.django_db


def _version(draft):
    return Proposal.objects.get(pk=draft.pk).lock_version


def test_the_api_refuses_a_text_longer_than_its_field_and_keeps_the_row(world, proposal):  # noqa: F811
    row = proposal.rows.get()
    api = api_as(world.user(UNIT_OFFICER))
    answer = api.patch(f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/",
                       {"objectives": "x" * (TEXT_MAX_CHARS + 1), "version": _version(proposal)}, format="json")
    assert answer.status_code == 400 and "dài quá 50.000 ký tự" in json.dumps(answer.json(), ensure_ascii=False)
    assert TaskRow.objects.get(pk=row.pk).objectives == row.objectives
    answer = api.post(f"/api/v1/proposals/{proposal.pk}/rows/", {"name": "y" * 5000, "central_vnd": 1}, format="json")
    assert answer.status_code == 400 and TaskRow.objects.count() == 1


def test_the_api_refuses_a_body_over_the_cap(world, proposal, settings):  # noqa: F811
    row = proposal.rows.get()
    body = json.dumps({"notes": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE, "version": _version(proposal)})
    answer = api_as(world.user(UNIT_OFFICER)).generic(
        "PATCH", f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/", body, content_type="application/json")
    assert answer.status_code in (400, 413)
    assert TaskRow.objects.get(pk=row.pk).notes == row.notes


def test_a_page_form_refuses_a_text_longer_than_its_field(client, world, proposal):  # noqa: F811
    client.force_login(world.user(UNIT_OFFICER))
    answer = client.post(reverse("rounds:row_add", args=[proposal.round_id, world.unit.code]), {
        "version": _version(proposal), "name": "Nhiệm vụ", "objectives": "x" * (TEXT_MAX_CHARS + 1),
        "central_vnd": "1", "other_vnd": "0"}, follow=True)
    assert answer.status_code in (200, 400) and "dài quá 50.000 ký tự" in answer.content.decode()
    assert TaskRow.objects.count() == 1


def test_a_form_body_over_the_cap_answers_400(client, world, proposal, settings):  # noqa: F811
    client.force_login(world.user(UNIT_OFFICER))
    answer = client.post(reverse("rounds:row_add", args=[proposal.round_id, world.unit.code]), {
        "version": _version(proposal), "name": "Nhiệm vụ", "notes": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "central_vnd": "1", "other_vnd": "0"})
    assert answer.status_code == 400 and TaskRow.objects.count() == 1


def test_a_nul_character_in_a_query_or_form_answers_400(client, world):
    assert client.get(reverse("portal:search"), {"q": "nhà máy\x00"}).status_code == 400
    answer = client.post(reverse("accounts:forgot_password"), {"email": "officer@test.vn\x00"})
    assert answer.status_code == 400 and "ký tự không hợp lệ" in answer.content.decode()
