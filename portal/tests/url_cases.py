from core.testing.access import UrlCase
from core.testing.world import EVERYONE, LOGGED_IN, OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE


def cases(world):
    from core import clock
    from portal import services
    from portal.models import Category, ContactMessage

    item = services.write(user=world.user("office_admin"), organisation=world.office, category=Category.NEWS,
                          title="Hội thảo sản xuất sạch hơn", body="<p>Nội dung</p>")
    officer = world.user("unit_officer")
    draft = services.write(user=officer, organisation=world.unit, category=Category.NEWS, title="Bản nháp")
    submitted = services.submit(user=officer, item=services.write(
        user=officer, organisation=world.unit, category=Category.MODEL_CASE, title="Mô hình chờ duyệt"))
    letter = ContactMessage.objects.create(name="Lê Thị Hoa", email="hoa@example.vn", subject="Hỏi về tập huấn",
                                           message="Xin lịch tập huấn", sent_at=clock.now())
    return [
        UrlCase("portal:home", allowed=EVERYONE),
        UrlCase("portal:documents", allowed=EVERYONE, query="?q=1419"),
        UrlCase("portal:unit", {"code": world.unit.code}, allowed=EVERYONE),
        UrlCase("portal:unit", {"code": world.office.code}, allowed=frozenset(),
                note="the office is not a reporting unit: no public unit page"),
        UrlCase("portal:inbox", allowed=OFFICE),
        UrlCase("portal:mark_handled", {"pk": letter.pk}, allowed=OFFICE, method="post"),
        UrlCase("portal:contact", allowed=EVERYONE),
        UrlCase("portal:search", allowed=EVERYONE, query="?q=san+xuat"),
        UrlCase("portal:detail", {"pk": item.pk}, allowed=EVERYONE),
        UrlCase("portal:detail", {"pk": draft.pk}, allowed=frozenset(), note="drafts are never public"),
        UrlCase("portal:category", {"category": "model_case"}, allowed=EVERYONE),
        UrlCase("portal:rss", allowed=EVERYONE),
        UrlCase("portal:atom", allowed=EVERYONE),
        UrlCase("portal:manage", allowed=LOGGED_IN),
        UrlCase("portal:new", allowed=LOGGED_IN),
        UrlCase("portal:edit", {"pk": draft.pk}, allowed=OWN_UNIT),
        UrlCase("portal:versions", {"pk": draft.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("portal:add_image", {"pk": draft.pk}, allowed=OWN_UNIT, method="post", data={"image-alt": "Ảnh"},
                note="an invalid upload redirects back to the edit page with a message"),
        UrlCase("portal:submit", {"pk": draft.pk}, allowed=OWN_UNIT, method="post"),
        UrlCase("portal:moderate", {"pk": submitted.pk}, allowed=OFFICE, method="post",
                data={"decision": "publish"}),
    ]
