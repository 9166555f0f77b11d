from datetime import datetime

from core.testing.world import UNIT_OFFICER
from rounds.tests.factories import open_2017_round


def test_the_notification_pages_switch_to_english(world, clock, client):
    clock.set_now(datetime(2016, 5, 13, 9))
    open_2017_round(world)
    client.force_login(world.user(UNIT_OFFICER))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/notifications/").content.decode()
    assert "1 unread notification." in page and "Mark all as read" in page and "Notifications (1)" in page
    assert "Đánh dấu tất cả là đã đọc" not in page
