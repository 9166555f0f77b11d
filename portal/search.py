"""Diacritic-insensitive search over the folded search_text column, through an index that does not scan:
a trigram GIN index on PostgreSQL (LIKE '%term%' uses it), an FTS5 trigram table on SQLite (see the
migration 0004). Terms shorter than three letters have no trigram, so they only narrow what the index found."""
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from core.vn import fold

from .models import Item

TRIGRAM = 3


def index_terms(words: list[str]) -> list[str]:
    """The terms the index can look up: the words of three letters or more, else the whole phrase."""
    long_words = [word for word in words if len(word) >= TRIGRAM]
    phrase = " ".join(words)
    if long_words:
        return long_words
    return [phrase] if len(phrase) >= TRIGRAM else []


def _fts5_query(terms: list[str]) -> str:
    # Each term a quoted FTS5 string (a substring for the trigram tokenizer); quotes doubled inside.
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def matching(items, words: list[str]):
    """`items` narrowed to those whose search_text holds every word."""
    terms = index_terms(words)
    if terms and connection.vendor == "sqlite":
        items = items.filter(pk__in=RawSQL("SELECT rowid FROM portal_item_fts WHERE portal_item_fts MATCH %s",
                                           [_fts5_query(terms)]))
        rest = [word for word in words if word not in terms]
    else:
        rest = words
    for word in rest:
        items = items.filter(search_text__contains=word)
    return items


def search(*, query="", category="", province="", organisation="", year=""):
    items = Item.objects.published().select_related("organisation")
    if category:
        items = items.filter(category=category)
    if province:
        items = items.filter(province=province)
    if organisation:
        items = items.filter(organisation_id=organisation) if str(organisation).isdigit() else items.none()
    if year:
        items = items.filter(published_at__year=int(year)) if str(year).isdigit() else items.none()
    words = fold(query).split()[:8]
    if words:
        items = matching(items, words)
        phrase = " ".join(words)
        items = items.annotate(rank=Case(When(search_text__startswith=phrase, then=Value(2)),
                                         When(search_text__contains=phrase, then=Value(1)),
                                         default=Value(0), output_field=IntegerField()))
        items = items.order_by("-rank", "-published_at", "-pk")
    return items
