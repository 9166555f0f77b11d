"""Stored files come back under a name whose extension is that of their checked content, as downloads
the browser never renders; macro-enabled Office files are refused; a draft post's files stay hidden."""
import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.urls import reverse

from core.testing.world import OTHER_OFFICER, UNIT_OFFICER
from plans import services as plan_services
from plans.models import ActionPlan, DossierAttachment
from plans.tests.factories import open_2017_call, phase_2016_2020, strategy
from portal import services as portal_services
from portal.models import Category, Item

pytestmark = pytest.mark.django_db


def _docx(*, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        kind = "application/vnd.ms-word.document.macroEnabled.main+xml" if macro else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        archive.writestr("[Content_Types].xml", f'<Types><Override PartName="/word/document.xml" ContentType="{kind}"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return buffer.getvalue()


@pytest.fixture
def dossier(world, clock):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    strategy()
    call = open_2017_call(world)
    return plan_services.dossier_for(call=call, organisation=world.unit)


@pytest.mark.parametrize("name", ["lenh.bat", "trang.hta", "goi.jar", "bao-cao.pdf.exe", "khong-duoi"])
def test_an_attachment_comes_back_under_its_checked_type(client, world, dossier, name):
    client.force_login(world.user(UNIT_OFFICER))
    content = b"%PDF-1.4\n@echo off\r\nformat c: /q\r\n"
    client.post(reverse("plans:dossier_attach", args=[2017, world.unit.code]), {"file": SimpleUploadedFile(name, content)})
    item = DossierAttachment.objects.get()
    response = client.get(reverse("plans:attachment", args=[2017, world.unit.code, item.pk]))
    stem = name.split(".")[0] if name != "bao-cao.pdf.exe" else "bao-cao.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.pdf"'
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_macro_enabled_word_files_are_refused_and_plain_ones_kept(client, world, dossier):
    client.force_login(world.user(UNIT_OFFICER))
    url = reverse("plans:dossier_attach", args=[2017, world.unit.code])
    for name in ("thuyet-minh.docm", "thuyet-minh.docx"):
        answer = client.post(url, {"file": SimpleUploadedFile(name, _docx(macro=True))}, follow=True)
        assert "Chỉ nhận tệp PDF hoặc Word" in answer.content.decode()
    assert not DossierAttachment.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("thuyet-minh.docm", _docx())})
    item = DossierAttachment.objects.get()
    response = client.get(reverse("plans:attachment", args=[2017, world.unit.code, item.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="thuyet-minh.docx"'


def test_a_draft_posts_files_are_served_only_once_published(client, world):
    officer = world.user(UNIT_OFFICER)
    item = portal_services.write(user=officer, organisation=world.unit, category="newsletter", title="Bản tin",
                                 number=3, file=SimpleUploadedFile("b.pdf", b"%PDF-1.7 nhap"),
                                 cover=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nxxxx"))
    assert item.status == "draft"
    for url in (item.file.url, item.cover.url):
        assert client.get(url).status_code == 404  # anonymous
        client.force_login(world.user(OTHER_OFFICER))
        assert client.get(url).status_code == 404
        client.force_login(officer)
        assert client.get(url).status_code == 200  # the author previews the draft
        client.logout()
    item.status, item.published_at = "published", datetime(2016, 6, 1, 9, 0)
    item.save()
    assert client.get(item.file.url).status_code == 200 and client.get(item.cover.url).status_code == 200


def _refuse(statement, table):
    """A real fault in the database (as a full disk would give): every INSERT or UPDATE of `table` fails."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ "
                           "LANGUAGE plpgsql")
            cursor.execute(f"CREATE TRIGGER refuse BEFORE {statement} ON {table} FOR EACH ROW EXECUTE FUNCTION refuse()")
        else:
            cursor.execute(f"CREATE TRIGGER refuse BEFORE {statement} ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END")


def _files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_a_failed_attachment_save_leaves_no_file_behind(client, world, dossier, settings):
    _refuse("INSERT", DossierAttachment._meta.db_table)
    with pytest.raises(DatabaseError):
        plan_services.add_attachment(dossier=dossier, user=world.user(UNIT_OFFICER),
                                     upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    assert _files(settings) == []


def test_a_failed_post_save_leaves_no_file_behind(world, settings):
    _refuse("INSERT", Item._meta.db_table)
    with pytest.raises(DatabaseError):
        portal_services.write(user=world.user(UNIT_OFFICER), organisation=world.unit, category=Category.LEAFLET,
                              title="Tờ rơi", file=SimpleUploadedFile("to-roi.pdf", b"%PDF-1.4 x"))
    assert _files(settings) == []


def test_a_failed_plan_issue_leaves_no_signed_file_behind(world, dossier, settings):
    officer = world.user(UNIT_OFFICER)
    plan = plan_services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    plan_services.save_plan_task(plan=plan, user=officer, data={"name": "A", "start_year": 2016, "end_year": 2016},
                                 funding={})
    plan.refresh_from_db()
    _refuse("UPDATE", ActionPlan._meta.db_table)
    with pytest.raises(DatabaseError):
        plan_services.issue_plan(plan=plan, user=officer, decision_number="1/QĐ", decision_date=date(2016, 5, 1),
                                 signer="A", signed_file=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 x"))
    assert _files(settings) == []
