"""The in-app side: the bell, the list, marking as read; the office's view of a unit."""
import re
from datetime import datetime

import pytest

from core.testing.world import OFFICE_ADMIN, OTHER_OFFICER, UNIT_OFFICER
from notifications import services
from notifications.models import Notification
from rounds.tests.factories import open_2017_round


@pytest.fixture
def opened(world, clock):
    clock.set_now(datetime(2016, 5, 13, 9))
    return open_2017_round(world)


def test_the_bell_counts_unread_notifications(world, opened, client):
    client.force_login(world.user(UNIT_OFFICER))
    page = client.get("/notifications/").content.decode()
    assert "Thông báo (1)" in page
    assert "Mở đợt đề xuất: Đề xuất nhiệm vụ năm 2017, hạn gửi 15/06/2016" in page
    assert f"/notifications/rounds/{opened.pk}/letter.docx" in page


def test_opening_a_notification_marks_it_read_and_goes_to_the_proposal(world, opened, client):
    mine = Notification.objects.get(recipient=world.user(UNIT_OFFICER))
    client.force_login(world.user(UNIT_OFFICER))
    response = client.post(f"/notifications/{mine.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == f"/rounds/{opened.pk}/units/ha-noi/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "Thông báo (1)" not in client.get("/notifications/").content.decode()


def test_nobody_marks_someone_elses_notification(world, opened, client):
    mine = Notification.objects.get(recipient=world.user(UNIT_OFFICER))
    client.force_login(world.user(OTHER_OFFICER))
    assert client.post(f"/notifications/{mine.pk}/read/").status_code == 404
    mine.refresh_from_db()
    assert mine.read_at is None


def test_mark_all_read(world, opened, client):
    user = world.user(UNIT_OFFICER)
    services.notify(recipient=user, kind="digest", subject_key="test", event_date=opened.opens_on, title="Khác", body="…")
    client.force_login(user)
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_the_office_sees_what_a_unit_was_told_from_the_unit_page(world, opened, client, clock):
    services.run_due()
    client.force_login(world.user(OFFICE_ADMIN))
    assert "/notifications/unit/ha-noi/" in client.get("/organisations/ha-noi/").content.decode()
    page = client.get("/notifications/unit/ha-noi/").content.decode()
    assert "officer@test.vn" in page and "leader@test.vn" in page and "Đã gửi" in page
    assert "other@test.vn" not in page


def test_the_same_event_is_recorded_once(world, opened):
    user = world.user(UNIT_OFFICER)
    first = services.notify(recipient=user, kind="reminder", subject_key="round:1", event_date=opened.deadline, title="A", body="")
    again = services.notify(recipient=user, kind="reminder", subject_key="round:1", event_date=opened.deadline, title="A", body="")
    assert first is not None and again is None
    assert Notification.objects.filter(kind="reminder").count() == 1


def test_the_bell_is_an_inline_svg_icon_not_a_character(world, opened, client):
    client.force_login(world.user(UNIT_OFFICER))
    page = client.get("/notifications/").content.decode()
    link = re.search(r'<a href="/notifications/"[^>]*>(.*?)</a>', page, re.S).group(1)
    assert link.startswith('<svg class="icon"') and 'aria-hidden="true"' in link and "<path" in link
    assert link.endswith("Thông báo (1)") and "🔔" not in page
