"""Text is stored clean whichever path it comes by: NFC, no control characters but tab and newline."""
import unicodedata
from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AccountRequest
from api.tests.test_api import api_as, proposal  # noqa: F401 (fixture)
from core.testing.world import UNIT_OFFICER
from core.text import clean_text
from notifications import services as notifications
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round

pytestmark = pytest.mark.django_db

PASTED = "Trung ta\u0302m\x0b sa\u0309n xua\u0302\u0301t\x01 sa\u0323ch\x1b ho\u031bn\r\nDo\u0300ng 2\tcột"
CLEAN = unicodedata.normalize("NFC", "Trung tâm sản xuất sạch hơn\nDòng 2\tcột")
ONE_LINE = unicodedata.normalize("NFC", "Trung tâm sản xuất sạch hơn Dòng 2 cột")  # a CharField


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
    assert (request.full_name, request.position, request.phone, request.note) == ("Nguyễn An", ONE_LINE, "0912345678", CLEAN)
    history = request.history.get()
    assert (history.full_name, history.position, history.phone, history.note) == ("Nguyễn An", ONE_LINE, "0912345678", CLEAN)


def test_the_api_stores_clean_text(world, proposal):  # noqa: F811
    row = proposal.rows.get()
    answer = api_as(world.user(UNIT_OFFICER)).patch(
        f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/",
        {"name": PASTED, "objectives": PASTED, "version": type(proposal).objects.get(pk=proposal.pk).lock_version}, format="json")
    assert answer.status_code == 200
    row = TaskRow.objects.get(pk=row.pk)
    assert (row.name, row.objectives) == (ONE_LINE, CLEAN)
    assert answer.json()["name"] == ONE_LINE


def test_a_line_break_in_a_round_title_cannot_break_its_e_mails(world, clock):
    clock.set_now(datetime(2016, 5, 13, 9, 0))
    round_obj = open_2017_round(world, title="Đề xuất nhiệm vụ năm 2017\nBcc: ai@evil.example\r\n")
    assert round_obj.title == "Đề xuất nhiệm vụ năm 2017 Bcc: ai@evil.example"
    clock.set_now(datetime(2016, 5, 13, 9, 1))
    assert notifications.run_due()["sent"] == 3  # officer, leader, other unit's officer
    assert all("\n" not in message.subject and message.bcc == [] for message in mail.outbox)
    assert "Đề xuất nhiệm vụ năm 2017 Bcc: ai@evil.example" in mail.outbox[0].subject
