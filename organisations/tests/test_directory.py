"""The public focal-unit directory at /dau-moi/: every unit in force, its focal unit and the contacts it chose
to publish; filters by kind and by province across the 2025 mergers; words matched without diacritics."""
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.forms import RegistrationForm
from core.demo_files import cover_png, document_docx
from organisations import selectors, services
from organisations.models import FocalContact, FocalUnit, Organisation


def _names(units):
    return [unit.code for unit in units]


def _designate(organisation, **changes):
    fields = {"status": "designated", "name": f"Trung tâm SXSH, {organisation.name_vi}", "decision_number": "15/QĐ-UBND",
              "decision_date": date(2016, 3, 2), "address": "12 Lê Lai", "phone": "0203 383 5123",
              "email": "sxsh@example.vn", "publish_contact": True}
    fields.update(changes)
    return FocalUnit.objects.create(organisation=organisation, **fields)


def test_directory_lists_units_in_force_with_what_they_chose_to_publish(world, client, clock):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    focal = _designate(world.unit, email="noi-bo@example.vn", publish_contact=False)
    FocalContact.objects.create(focal_unit=focal, full_name="Nguyễn Văn An", email="an@example.vn", is_public=True)
    FocalContact.objects.create(focal_unit=focal, full_name="Trần Thị Kín", email="kin@example.vn", is_public=False)
    page = client.get(reverse("organisations_public:directory")).content.decode()
    assert "UBND Thành phố Hà Nội" in page and "UBND Tỉnh Quảng Ninh" in page and "Văn phòng SXSH" not in page
    assert "Trung tâm SXSH, UBND Thành phố Hà Nội" in page and "15/QĐ-UBND" in page and "02/03/2016" in page
    assert "Nguyễn Văn An" in page and "an@example.vn" in page
    assert "Trần Thị Kín" not in page and "kin@example.vn" not in page and "noi-bo@example.vn" not in page
    assert "Chưa có đơn vị đầu mối" in page  # Quảng Ninh has none
    assert "2 đơn vị, 1 đã có đơn vị đầu mối" in page


def test_directory_finds_a_province_typed_without_diacritics(world):
    _designate(world.other_unit, name="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Quảng Ninh")
    assert _names(selectors.public_directory(query="quang ninh")) == ["quang-ninh"]
    assert _names(selectors.public_directory(query="khuyen cong")) == ["quang-ninh"]
    assert _names(selectors.public_directory(query="QUẢNG   Ninh")) == ["quang-ninh"]
    assert selectors.public_directory(query="hai phong") == []


def test_directory_filters_by_kind_and_by_province_with_the_merger_mapping(reference_data, clock):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    assert len(selectors.public_directory()) == 100  # the 2016 registry
    assert {u.kind for u in selectors.public_directory(kind="state_group")} == {"state_group"}
    merged = Organisation.objects.filter(kind="province", successor__isnull=False).select_related("successor").first()
    successor = merged.successor
    by_successor = _names(selectors.public_directory(province=successor.code))
    assert merged.code in by_successor and successor.code in by_successor
    assert successor.code in _names(selectors.public_directory(province=merged.code))
    choices = dict(selectors.province_choices())
    assert choices[merged.code].endswith("(đến 2025)")
    clock.set_now(datetime(2026, 1, 5, 9, 0))
    assert len(selectors.public_directory()) == 66  # today's registry


def test_directory_runs_three_queries(world, client, django_assert_num_queries):
    for organisation in (world.unit, world.other_unit):
        FocalContact.objects.create(focal_unit=_designate(organisation), full_name="Lê Hoa", is_public=True)
    with django_assert_num_queries(3):  # units, public contacts, province choices
        client.get(reverse("organisations_public:directory"))


def test_officer_chooses_public_contacts_and_publishes_the_decision_file(world, client, clock):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    client.force_login(world.user("unit_officer"))
    decision = document_docx(issuer="UBND Thành phố Hà Nội", number="15/QĐ-UBND", place_date="ngày 02 tháng 03 năm 2016",
                             title="Quyết định chỉ định đơn vị đầu mối", paragraphs=["Điều 1."])
    data = {"status": "designated", "name": "Trung tâm SXSH Hà Nội", "decision_number": "15/QĐ-UBND",
            "decision_date": "02/03/2016", "phone": "024 3825 1234", "publish_contact": "on",
            "decision_file": SimpleUploadedFile("qd.docx", decision),
            "contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "0",
            "contacts-0-full_name": "Nguyễn Văn An", "contacts-0-email": "an@example.vn", "contacts-0-is_public": "on",
            "contacts-1-full_name": "Trần Thị Kín", "contacts-1-email": "kin@example.vn"}
    response = client.post(reverse("organisations:focal_unit_edit", args=[world.unit.code]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    focal = FocalUnit.objects.get(organisation=world.unit)
    assert focal.publish_contact and focal.decision_file.name.endswith(".docx")
    assert list(focal.contacts.values_list("full_name", "is_public")) == [("Nguyễn Văn An", True), ("Trần Thị Kín", False)]
    client.logout()
    page = client.get(reverse("organisations_public:directory"), {"q": "ha noi"}).content.decode()
    assert focal.decision_file.url in page and "024 3825 1234" in page and "Trần Thị Kín" not in page
    assert client.get(focal.decision_file.url).status_code == 200


def test_decision_file_is_checked_by_its_content(world):

    with pytest.raises(ValidationError, match="PDF hoặc Word"):
        services.save_focal_unit(organisation=world.unit, contacts=[], data={
            "status": "none", "decision_file": SimpleUploadedFile("qd.pdf", cover_png(0))})
    assert not FocalUnit.objects.exists()


def test_registration_offers_the_units_in_force_on_the_clocks_today(reference_data, clock):
    clock.set_now(datetime(2016, 6, 10, 9, 0))
    assert RegistrationForm().fields["organisation"].queryset.count() == 100  # the units letter 4108 invited
    clock.set_now(datetime(2026, 1, 5, 9, 0))
    assert RegistrationForm().fields["organisation"].queryset.count() == 66
