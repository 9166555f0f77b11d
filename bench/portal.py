"""Portal benchmark: 50,000 published items; server time of the home page against its query run directly,
and of a search against its floor: the bare index lookup (FTS5 MATCH on SQLite, the trigram-indexed LIKE on
PostgreSQL) returning the id and date of every match (what ranking and counting need), so a search that
scanned would show. Target: search under 50 ms at
200,000 items on PostgreSQL. Runs on a throw-away test database:

    .venv/bin/python bench/portal.py [N]
    DATABASE_URL=postgres://... .venv/bin/python bench/portal.py
"""
import sys

from common import best_of, setup_django, throwaway_database

setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def timed(fn, repeat=20):
    """Best of `repeat` runs, in milliseconds."""
    return best_of(fn, repeat) * 1000


def main(n):
    settings.ALLOWED_HOSTS = ["*"]
    with throwaway_database():
        from django.core.cache import cache

        from core import clock
        from organisations.models import Organisation, OrganisationKind
        from portal.models import Category, Item, Status, search_text
        from portal.search import _fts5_query, index_terms, search
        from portal.views import latest_items

        office = Organisation.objects.create(code="vp", kind=OrganisationKind.OFFICE, name_vi="Văn phòng")
        categories = Category.values
        now = clock.now()
        batch = []
        for i in range(n):
            title = f"Tin số {i} về sản xuất sạch hơn tại nhà máy {i % 997} tỉnh Đồng Nai"
            batch.append(Item(category=categories[i % len(categories)], organisation=office, title=title,
                              status=Status.PUBLISHED, published_at=now, search_text=search_text(Item(title=title), "Văn phòng")))
            if len(batch) == 5000:
                Item.objects.bulk_create(batch)
                batch = []
        Item.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE portal_item" if connection.vendor == "postgresql" else "ANALYZE")
        client = Client()
        print(f"{n} items on {connection.vendor}")
        floor = timed(lambda: list(Item.objects.published().select_related("organisation")[:12]))
        cache.clear()
        cold = timed(lambda: (cache.clear(), client.get("/")), repeat=5)
        warm = timed(lambda: client.get("/"))
        print(f"home: floor {floor:.1f} ms, cold {cold:.1f} ms, cached {warm:.1f} ms")
        for query in ("nha may 42 dong nai", "tin so 4217"):
            terms = index_terms(query.split())
            if connection.vendor == "sqlite":
                sql, params = ("SELECT id, published_at FROM portal_item WHERE id IN "
                               "(SELECT rowid FROM portal_item_fts WHERE portal_item_fts MATCH %s)", [_fts5_query(terms)])
            else:
                sql = ("SELECT id, published_at FROM portal_item WHERE "
                       + " AND ".join(["search_text LIKE %s"] * len(terms)))
                params = [f"%{term}%" for term in terms]

            def bare(sql=sql, params=params):
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    return cursor.fetchall()

            floor = timed(bare, repeat=5)
            found = timed(lambda query=query: list(search(query=query)[:20]), repeat=5)
            served = timed(lambda query=query: client.get("/tim-kiem/", {"q": query}), repeat=5)
            print(f"search '{query}': index floor {floor:.1f} ms, search() {found:.1f} ms, "
                  f"served {served:.1f} ms ({served / floor:.1f}x floor)")
        assert latest_items()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
