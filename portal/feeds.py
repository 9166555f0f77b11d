from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Item


class LatestItems(Feed):
    title = _("Sản xuất sạch hơn trong công nghiệp")
    link = reverse_lazy("portal:home")
    description = _("Tin bài mới nhất của cổng thông tin sản xuất sạch hơn")

    def items(self):
        return Item.objects.published()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at


class LatestItemsAtom(LatestItems):
    feed_type = Atom1Feed
    subtitle = LatestItems.description
