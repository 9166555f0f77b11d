"""Diacritic-insensitive search over the normalised search_text column (same SQL on SQLite and PostgreSQL)."""
from django.db.models import Case, IntegerField, Value, When

from core.vn import whole_number

from .models import Item, normalise


def search(*, query="", category="", province="", organisation="", year=""):
    items = Item.objects.published().select_related("organisation")
    if category:
        items = items.filter(category=category)
    if province:
        items = items.filter(province=province)
    if organisation:
        organisation_id = whole_number(organisation)
        items = items.filter(organisation_id=organisation_id) if organisation_id is not None else items.none()
    if year:
        year_number = whole_number(year, max_digits=4)
        items = items.filter(published_at__year=year_number) if year_number else items.none()
    words = normalise(query).split()[:8]
    for word in words:
        items = items.filter(search_text__contains=word)
    if words:
        phrase = " ".join(words)
        items = items.annotate(rank=Case(When(search_text__startswith=phrase, then=Value(2)),
                                         When(search_text__contains=phrase, then=Value(1)),
                                         default=Value(0), output_field=IntegerField()))
        items = items.order_by("-rank", "-published_at", "-pk")
    return items
