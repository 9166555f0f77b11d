"""Diacritic-insensitive search over the folded search_text column, through an index that does not scan:
a trigram GIN index on PostgreSQL (LIKE '%term%' uses it), an FTS5 trigram table on SQLite (see the
migration 0005). A word of three letters or more matches anywhere; a shorter one has no trigram of its
own, so it is looked up as a whole word (" da " in " ... da nang ... ", which search_text pads with spaces)."""
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from core.vn import fold, whole_number

from .models import Item

TRIGRAM = 3


def index_terms(words: list[str]) -> list[str]:
    """What the index looks up for each word: the word itself, or a short word between spaces."""
    return [word if len(word) >= TRIGRAM else f" {word} " for word in words]


def _fts5_query(terms: list[str]) -> str:
    # Each term a quoted FTS5 string (a substring for the trigram tokenizer); quotes doubled inside.
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def matching(items, words: list[str]):
    """`items` narrowed to those whose search_text holds every word."""
    terms = index_terms(words)
    if not terms:
        return items
    if connection.vendor == "sqlite":
        return items.filter(pk__in=RawSQL("SELECT rowid FROM portal_item_fts WHERE portal_item_fts MATCH %s",
                                          [_fts5_query(terms)]))
    for term in terms:
        items = items.filter(search_text__contains=term)
    return items


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
    words = fold(query).split()[:8]
    if words:
        items = matching(items, words)
        phrase = " ".join(words)
        items = items.annotate(rank=Case(When(search_text__startswith=f" {phrase}", then=Value(2)),
                                         When(search_text__contains=phrase, then=Value(1)),
                                         default=Value(0), output_field=IntegerField()))
        items = items.order_by("-rank", "-published_at", "-pk")
    return items
