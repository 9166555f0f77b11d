"""Text is stored clean whichever path it comes by: NFC, no control characters but tab and newline."""
import unicodedata

import pytest
from django.urls import reverse

from accounts.models import AccountRequest
from api.tests.test_api import api_as, proposal  # noqa: F401 (fixture)
from core.testing.world import UNIT_OFFICER
from core.text import clean_text
from rounds.models import TaskRow

pytestmark = pytest.mark.django_db

PASTED = "Trung ta\u0302m\x0b sa\u0309n xua\u0302\u0301t\x01 sa\u0323ch\x1b ho\u031bn\r\nDo\u0300ng 2\tcột"
CLEAN = unicodedata.normalize("NFC", "Trung tâm sản xuất sạch hơn\nDòng 2\tcột")


def test_control_characters_go_and_letters_are_composed():
    assert clean_text(PASTED) == CLEAN
    assert clean_text("a\rb") == "a\nb"


def test_the_anonymous_registration_form_stores_clean_text_and_history(client, world):
    answer = client.post(reverse("accounts:register"), {
        "organisation": world.unit.pk, "full_name": "Nguyễn\x0b An", "position": PASTED, "email": "an@test.vn",
        "phone": "0912\x0c345678", "requested_role": "unit_officer", "note": PASTED,
    })
    assert answer.status_code == 302
    request = AccountRequest.objects.get(email="an@test.vn")
    assert (request.full_name, request.position, request.phone, request.note) == ("Nguyễn An", CLEAN, "0912345678", CLEAN)
    history = request.history.get()
    assert (history.full_name, history.position, history.phone, history.note) == ("Nguyễn An", CLEAN, "0912345678", CLEAN)


def test_the_api_stores_clean_text(world, proposal):  # noqa: F811
    row = proposal.rows.get()
    answer = api_as(world.user(UNIT_OFFICER)).patch(
        f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/",
        {"name": PASTED, "objectives": PASTED, "version": type(proposal).objects.get(pk=proposal.pk).lock_version}, format="json")
    assert answer.status_code == 200
    row = TaskRow.objects.get(pk=row.pk)
    assert (row.name, row.objectives) == (CLEAN, CLEAN)
    assert answer.json()["name"] == CLEAN
