from core.testing.access import UrlCase
from core.testing.world import LOGGED_IN, OFFICE, OTHER_OFFICER, OWN_UNIT, UNIT_OFFICER
from notifications.models import Delivery, DeliveryStatus, Notification
from rounds.tests.factories import open_2017_round


def cases(world):
    round_obj = open_2017_round(world, title="Đợt có thông báo")  # its opening notifies both units' officers
    mine = Notification.objects.get(round=round_obj, recipient=world.user(UNIT_OFFICER))
    delivery = Delivery.objects.filter(notification__round=round_obj).first()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=3, last_error="SMTP 550")
    readers = OFFICE | OWN_UNIT | {OTHER_OFFICER}  # everyone the round is visible to (both units are invited)
    return [
        UrlCase("notifications:list", allowed=LOGGED_IN),
        UrlCase("notifications:read", {"pk": mine.pk}, method="post", allowed=frozenset({UNIT_OFFICER})),
        UrlCase("notifications:read_all", method="post", allowed=LOGGED_IN),
        UrlCase("notifications:office", allowed=OFFICE),
        UrlCase("notifications:retry", {"pk": delivery.pk}, method="post", allowed=OFFICE),
        UrlCase("notifications:unit", {"code": world.unit.code}, allowed=OFFICE),
        UrlCase("notifications:round_letter", {"pk": round_obj.pk}, allowed=readers),
        UrlCase("notifications:round_letter_zip", {"pk": round_obj.pk}, allowed=readers),
    ]
