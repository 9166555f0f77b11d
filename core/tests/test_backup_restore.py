import gzip

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import connection
from django_q.models import OrmQ

from core.management.commands.backup import EXCLUDED
from core.testing.world import UNIT_OFFICER
from organisations import services
from organisations.models import Organisation

RAW = "Trung tâm\x0b sản xuất\x01 sạch hơn"  # as pasted from Word, stored before text was cleaned


def snapshot():
    """Every row of every table, many-to-many tables included (sessions excepted)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDED or label in EXCLUDED or not model._meta.managed:
            continue
        tables[label] = sorted(map(repr, model._default_manager.order_by("pk").values_list()))
    return tables


def _renumber_content_types():
    """What a database migrated elsewhere looks like: the same content types under other ids."""
    ContentType.objects.all().delete()  # permissions go with them
    ContentType.objects.clear_cache()
    for model in reversed(apps.get_models(include_auto_created=True)):
        ContentType.objects.get_for_model(model)
    ContentType.objects.clear_cache()


@pytest.fixture
def stored(transactional_db, world, reference_data):
    # transactional_db: PostgreSQL cannot TRUNCATE inside the test's own open transaction.
    services.save_focal_unit(
        organisation=world.unit, data={"status": "in_progress", "name": "Trung tâm"}, contacts=[{"full_name": "An"}]
    )
    # A control character stored by a path that bypasses the models (as on databases from before the
    # text cleaning), in a table and in its history.
    Organisation.objects.filter(pk=world.unit.pk).update(address=RAW)
    Organisation.history.filter(id=world.unit.pk).update(address=RAW)
    group = Group.objects.create(name="Văn phòng")
    group.permissions.set(Permission.objects.filter(codename__startswith="view_"))
    officer = world.user(UNIT_OFFICER)
    officer.groups.add(group)
    officer.user_permissions.add(Permission.objects.get(codename="change_organisation"))
    return world


def test_a_backup_restores_every_table_exactly_with_permissions_and_control_characters(stored, tmp_path):
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 100
    assert before["contenttypes.contenttype"] and before["auth.permission"] and before["auth.group_permissions"]
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), stdout=open("/dev/null", "w"))
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json.gz"]
    call_command("flush", interactive=False, verbosity=0)
    _renumber_content_types()
    assert snapshot() != before
    call_command("restore", str(path), yes=True, stdout=open("/dev/null", "w"))
    assert snapshot() == before
    assert Organisation.objects.get(pk=stored.unit.pk).address == RAW
    officer = stored.user(UNIT_OFFICER).__class__.objects.get(pk=stored.user(UNIT_OFFICER).pk)
    assert officer.has_perm("organisations.change_organisation") and officer.has_perm("organisations.view_organisation")


def test_a_failed_backup_leaves_no_file_under_the_requested_name(stored, tmp_path):
    path = tmp_path / "backup.json.gz"
    path.write_bytes(b"yesterday's good backup")
    with connection.schema_editor() as editor:  # a table the dump cannot read halfway through
        editor.delete_model(OrmQ)
    try:
        with pytest.raises(CommandError):
            call_command("backup", str(path), stdout=open("/dev/null", "w"))
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(OrmQ)
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json.gz"]
    assert path.read_bytes() == b"yesterday's good backup"


def test_a_broken_backup_changes_nothing(stored, tmp_path):
    before = snapshot()
    path = tmp_path / "broken.json.gz"
    with gzip.open(path, "wt") as packed:
        packed.write('[{"model": "organisations.organisation", "pk": 1, "fields": {"name": ')
    with pytest.raises(DeserializationError):
        call_command("restore", str(path), yes=True, stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_an_older_xml_backup_still_restores(transactional_db, world, reference_data, tmp_path):
    """Backups made before this format (XML, without content types and permissions)."""
    before = {label: rows for label, rows in snapshot().items()
              if label not in ("contenttypes.contenttype", "auth.permission")}
    path = tmp_path / "old.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as packed:
        call_command("dumpdata", format="xml", natural_foreign=True, stdout=packed,
                     exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry"])
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(path), yes=True, stdout=open("/dev/null", "w"))
    after = snapshot()
    assert {label: after[label] for label in before} == before
