from core.testing.access import UrlCase
from core.testing.world import EVERYONE


def cases(world):
    from portal import services
    from portal.models import Category

    item = services.write(user=world.user("office_admin"), organisation=world.office, category=Category.NEWS,
                          title="Hội thảo sản xuất sạch hơn", body="<p>Nội dung</p>")
    return [
        UrlCase("portal:home", allowed=EVERYONE),
        UrlCase("portal:contact", allowed=EVERYONE),
        UrlCase("portal:search", allowed=EVERYONE, query="?q=san+xuat"),
        UrlCase("portal:detail", {"pk": item.pk}, allowed=EVERYONE),
        UrlCase("portal:category", {"category": "model_case"}, allowed=EVERYONE),
        UrlCase("portal:rss", allowed=EVERYONE),
        UrlCase("portal:atom", allowed=EVERYONE),
    ]
