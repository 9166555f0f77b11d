from django.urls import NoReverseMatch, reverse

from core.registry import hooks

from . import permissions


def _navigation(user):
    items = []
    for _app, function in hooks("navigation", "items"):
        for item in function(user):
            try:
                item = {**item, "href": reverse(item["url"], args=item.get("args", []))}
            except NoReverseMatch:
                continue
            items.append(item)
    return items


def roles(request):
    user = request.user
    return {
        "is_office": permissions.is_office(user),
        "is_office_admin": permissions.is_office_admin(user),
        "my_unit": permissions.unit_of(user),
        "nav_items": _navigation(user),
    }
