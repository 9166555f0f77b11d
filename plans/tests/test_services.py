from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER, build_world
from plans import services
from plans.models import ActionPlanFunding, DossierFunding, DossierStatus, PlanStatus

from .factories import open_2017_call, phase_2016_2020, plan_task, signed_pdf, source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(clock):
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    return build_world()


def test_an_officer_builds_an_action_plan_with_funding_per_year_and_source(world):
    officer = world.user(UNIT_OFFICER)
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    services.save_plan_task(plan=plan, user=officer, data=plan_task(), funding={
        (2016, source("local")): 100_000_000, (2017, source("local")): 150_000_000, (2017, source("extension")): 50_000_000,
        (2018, source("enterprise")): 0})
    totals = services.plan_totals(services.plan_funding(plan))
    assert totals["by_year"] == {2016: 100_000_000, 2017: 200_000_000}
    assert totals["total"] == 300_000_000
    assert ActionPlanFunding.objects.count() == 3  # zero amounts are not stored


def test_funding_outside_the_task_years_or_negative_is_refused_and_nothing_is_written(world):
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    with pytest.raises(ValidationError) as error:
        services.save_plan_task(plan=plan, user=world.user(UNIT_OFFICER), data=plan_task(start=2016, end=2017),
                                funding={(2019, source("local")): 5})
    assert "2019" in str(error.value)
    with pytest.raises(ValidationError, match="âm"):
        services.save_plan_task(plan=plan, user=world.user(UNIT_OFFICER), data=plan_task(),
                                funding={(2016, source("local")): -5})
    assert not plan.tasks.exists()


def test_task_years_must_lie_in_the_phase(world):
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    with pytest.raises(ValidationError, match="2016–2020"):
        services.save_plan_task(plan=plan, user=world.user(UNIT_OFFICER), data=plan_task(start=2015, end=2017), funding={})


def test_another_unit_and_the_office_cannot_edit_our_plan(world):
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    for role in (OTHER_OFFICER, OFFICE_REVIEWER):
        with pytest.raises(PermissionDenied):
            services.save_plan_task(plan=plan, user=world.user(role), data=plan_task(), funding={})


def test_issuing_needs_the_decision_and_a_real_signed_document(world):
    officer = world.user(UNIT_OFFICER)
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    with pytest.raises(ValidationError) as error:
        services.issue_plan(plan=plan, user=officer, decision_number="", decision_date=None, signer="")
    assert set(error.value.message_dict) == {"decision_number", "decision_date", "signer", "signed_file", "__all__"}
    services.save_plan_task(plan=plan, user=officer, data=plan_task(), funding={(2016, source("local")): 1})
    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="PDF hoặc Word"):
        services.issue_plan(plan=plan, user=officer, decision_number="12/QĐ-UBND", decision_date=date(2016, 8, 1),
                            signer="Nguyễn Văn A", signed_file=fake)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFTING and not plan.signed_file
    with pytest.raises(ValidationError, match="sau hôm nay"):
        services.issue_plan(plan=plan, user=officer, decision_number="12/QĐ-UBND", decision_date=date(2016, 9, 2),
                            signer="Nguyễn Văn A", signed_file=signed_pdf())
    services.issue_plan(plan=plan, user=officer, decision_number="12/QĐ-UBND", decision_date=date(2016, 8, 1),
                        signer="Nguyễn Văn A", signed_file=signed_pdf())
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.signed_file_name == "quyet-dinh.pdf"
    assert plan.signed_file.name.startswith("private/plans/") and plan.signed_file.name.endswith(".pdf")
    assert "quyet-dinh" not in plan.signed_file.name  # stored under a generated name
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.save_plan_task(plan=plan, user=officer, data=plan_task(), funding={})
    services.reopen_plan(plan=plan, user=officer, reason="Điều chỉnh kinh phí 2018")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFTING


def test_a_docx_is_accepted_by_its_content(world):
    import io
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    upload, original = services.check_document(SimpleUploadedFile("ke-hoach.docx", buffer.getvalue()))
    assert upload.name.endswith(".docx") and original == "ke-hoach.docx"
    zip_not_docx = io.BytesIO()
    with zipfile.ZipFile(zip_not_docx, "w") as archive:
        archive.writestr("x.txt", "hello")
    with pytest.raises(ValidationError, match="PDF hoặc Word"):
        services.check_document(SimpleUploadedFile("x.docx", zip_not_docx.getvalue()))


def test_dossier_submit_acknowledge_and_return_with_versions(world, clock):
    officer, leader, office = world.user(UNIT_OFFICER), world.user(UNIT_LEADER), world.user(OFFICE_REVIEWER)
    call = open_2017_call(world)
    dossier = services.dossier_for(call=call, organisation=world.unit)
    with pytest.raises(ValidationError, match="chưa có nhiệm vụ"):
        services.submit_dossier(dossier=dossier, user=leader)
    services.save_dossier_task(dossier=dossier, user=officer, data={"name": "Trình diễn SXSH tại 3 cơ sở"},
                               funding={source("local"): 200_000_000, source("enterprise"): 300_000_000})
    with pytest.raises(PermissionDenied):
        services.submit_dossier(dossier=dossier, user=officer)  # the leader sends it
    version = services.submit_dossier(dossier=dossier, user=leader)
    assert version.number == 1 and version.total_vnd == 500_000_000 and not version.late
    assert version.content["tasks"][0]["funding"] == {"local": 200_000_000, "enterprise": 300_000_000}
    with pytest.raises(ValidationError):
        services.save_dossier_task(dossier=dossier, user=officer, data={"name": "Thêm"}, funding={})
    with pytest.raises(ValidationError, match="lý do"):
        services.return_dossier(dossier=dossier, user=office, comment=" ")
    with pytest.raises(PermissionDenied):
        services.acknowledge(dossier=dossier, user=world.user(OTHER_OFFICER))
    services.return_dossier(dossier=dossier, user=office, comment="Bổ sung thuyết minh")
    clock.set_now(datetime(2016, 12, 20, 9, 0))  # after the deadline
    services.save_summary(dossier=dossier, user=officer, summary="Thuyết minh")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    second = services.submit_dossier(dossier=dossier, user=leader)
    assert second.number == 2 and second.late
    services.acknowledge(dossier=dossier, user=office)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACKNOWLEDGED and dossier.submitted_late


def test_a_stale_page_cannot_overwrite_a_newer_dossier(world):
    officer = world.user(UNIT_OFFICER)
    dossier = services.dossier_for(call=open_2017_call(world), organisation=world.unit)
    seen = dossier.lock_version
    services.save_dossier_task(dossier=dossier, user=officer, data={"name": "A"}, funding={}, expected_version=seen)
    with pytest.raises(services.StaleRecord):
        services.save_dossier_task(dossier=dossier, user=officer, data={"name": "B"}, funding={}, expected_version=seen)
    assert [task.name for task in dossier.tasks.all()] == ["A"]


def test_a_dossier_task_links_only_to_our_own_action_plan_task_of_that_year(world):
    officer = world.user(UNIT_OFFICER)
    ours = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    our_task = services.save_plan_task(plan=ours, user=officer, data=plan_task(start=2016, end=2017), funding={})
    late_task = services.save_plan_task(plan=ours, user=officer, data=plan_task(start=2019, end=2020), funding={})
    theirs = services.plan_for(organisation=world.other_unit, phase=phase_2016_2020())
    their_task = services.save_plan_task(plan=theirs, user=world.user(OTHER_OFFICER), data=plan_task(), funding={})
    dossier = services.dossier_for(call=open_2017_call(world), organisation=world.unit)
    for wrong, message in ((their_task, "không thuộc"), (late_task, "2017")):
        with pytest.raises(ValidationError, match=message):
            services.save_dossier_task(dossier=dossier, user=officer, data={"name": "X", "action_task": wrong}, funding={})
    task = services.save_dossier_task(dossier=dossier, user=officer, data={"name": "X", "action_task": our_task},
                                      funding={source("local"): 7})
    assert task.component == our_task.component  # inherited from the plan's task
    assert DossierFunding.objects.get().amount_vnd == 7


def test_units_not_invited_cannot_open_a_dossier(world):
    from organisations.models import Organisation, OrganisationKind

    outsider = Organisation.objects.create(code="bo-x", kind=OrganisationKind.MINISTRY, name_vi="Bộ X")
    with pytest.raises(PermissionDenied):
        services.dossier_for(call=open_2017_call(world), organisation=outsider)
