"""An index for portal search that does not scan: PostgreSQL's pg_trgm GIN index on the folded search_text
(used by LIKE '%term%'), SQLite's FTS5 table with the trigram tokenizer kept in step by triggers."""
from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS portal_item_search_trgm ON portal_item USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS portal_item_search_trgm"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE portal_item_fts USING fts5(search_text, content='portal_item', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER portal_item_fts_insert AFTER INSERT ON portal_item BEGIN "
    "INSERT INTO portal_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER portal_item_fts_delete AFTER DELETE ON portal_item BEGIN "
    "INSERT INTO portal_item_fts(portal_item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER portal_item_fts_update AFTER UPDATE OF search_text ON portal_item BEGIN "
    "INSERT INTO portal_item_fts(portal_item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO portal_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO portal_item_fts(portal_item_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_item_fts_insert",
    "DROP TRIGGER IF EXISTS portal_item_fts_delete",
    "DROP TRIGGER IF EXISTS portal_item_fts_update",
    "DROP TABLE IF EXISTS portal_item_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


def refold(apps, schema_editor):
    """search_text now also holds document numbers, places and the unit's name."""
    from portal.models import search_text

    Item = apps.get_model("portal", "Item")
    for item in Item.objects.select_related("organisation").iterator(chunk_size=1000):
        Item.objects.filter(pk=item.pk).update(search_text=search_text(item, item.organisation.name_vi))


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_documents_and_contact_messages")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
                             _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})),
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
