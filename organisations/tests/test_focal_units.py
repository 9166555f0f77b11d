from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_OFFICER
from organisations import selectors, services
from organisations.models import FocalUnit, Organisation, OrganisationKind

DESIGNATED = {"status": "designated", "name": "Trung tâm Khuyến công", "decision_number": "12/QĐ-SCT",
              "decision_date": date(2016, 3, 1)}


def test_a_designated_focal_unit_needs_name_decision_and_date(world):
    with pytest.raises(ValidationError) as error:
        services.save_focal_unit(organisation=world.unit, data={"status": "designated"}, contacts=[])
    assert set(error.value.message_dict) == {"name", "decision_number", "decision_date"}
    assert not FocalUnit.objects.exists()


def test_a_decision_date_in_the_future_is_refused_and_nothing_is_saved(world, clock):
    clock.set_now(datetime(2016, 5, 13, 9, 0))
    data = {**DESIGNATED, "decision_date": date(2016, 6, 1)}
    with pytest.raises(ValidationError) as error:
        services.save_focal_unit(organisation=world.unit, data=data, contacts=[{"full_name": "A"}])
    assert "decision_date" in error.value.message_dict
    assert not FocalUnit.objects.exists()


def test_contacts_are_replaced_all_or_nothing(world):
    focal = services.save_focal_unit(organisation=world.unit, data=DESIGNATED, contacts=[{"full_name": "An"}, {"full_name": "Bình"}])
    with pytest.raises(ValidationError):
        services.save_focal_unit(organisation=world.unit, data=DESIGNATED, contacts=[{"full_name": "Chi"}, {"full_name": ""}])
    assert sorted(focal.contacts.values_list("full_name", flat=True)) == ["An", "Bình"]


def test_shares_count_designated_and_established_units_per_group(world):
    Organisation.objects.create(code="evn", kind=OrganisationKind.STATE_GROUP, name_vi="EVN")
    services.save_focal_unit(organisation=world.unit, data=DESIGNATED, contacts=[])
    services.save_focal_unit(organisation=world.other_unit, data={"status": "in_progress"}, contacts=[])
    shares = {share.label: share for share in selectors.focal_unit_shares()}
    assert (shares["Địa phương"].total, shares["Địa phương"].with_focal_unit, shares["Địa phương"].percent) == (2, 1, 50.0)
    assert (shares["Tổng số"].total, shares["Tổng số"].with_focal_unit) == (3, 1)


def test_office_sees_the_table_of_all_units_with_status_and_share(client, world):
    services.save_focal_unit(organisation=world.unit, data=DESIGNATED, contacts=[])
    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get(reverse("organisations:list")).content.decode()
    assert "UBND Thành phố Hà Nội" in page and "UBND Tỉnh Quảng Ninh" in page
    assert "Đã chỉ định đơn vị hiện có" in page and "12/QĐ-SCT, 01/03/2016" in page
    assert "50,0%" in page


def test_officer_records_the_focal_unit_through_the_form(client, world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    client.force_login(world.user(UNIT_OFFICER))
    url = reverse("organisations:focal_unit_edit", args=[world.unit.code])
    form = {"status": "designated", "name": "Trung tâm Khuyến công", "decision_number": "12/QĐ-SCT",
            "decision_date": "01/03/2016", "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0",
            "contacts-0-full_name": "Nguyễn An", "contacts-0-email": "an@hanoi.gov.vn"}
    response = client.post(url, form)
    assert response.status_code == 302
    focal = FocalUnit.objects.get(organisation=world.unit)
    assert focal.decision_date == date(2016, 3, 1) and focal.contacts.get().email == "an@hanoi.gov.vn"


def test_form_shows_a_vietnamese_message_for_a_future_decision_date(client, world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    client.force_login(world.user(UNIT_OFFICER))
    url = reverse("organisations:focal_unit_edit", args=[world.unit.code])
    form = {**{k: v for k, v in DESIGNATED.items() if k != "decision_date"}, "decision_date": "01/12/2016",
            "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Ngày quyết định không được sau ngày hôm nay." in response.content.decode()
    assert not FocalUnit.objects.exists()


def test_changes_are_kept_in_a_history_with_who_and_what(client, world):
    client.force_login(world.user(OFFICE_ADMIN))
    url = reverse("organisations:focal_unit_edit", args=[world.unit.code])
    base = {"contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"}
    client.post(url, {**base, "status": "in_progress"})
    client.post(url, {**base, **DESIGNATED, "decision_date": "01/03/2016"})
    records = FocalUnit.history.filter(organisation_id=world.unit.pk).order_by("history_date")
    assert [r.status for r in records] == ["in_progress", "designated"]
    assert all(r.history_user == world.user(OFFICE_ADMIN) for r in records)
    page = client.get(reverse("organisations:history", args=[world.unit.code])).content.decode()
    assert "Quản trị" in page and "in_progress → designated" in page


def test_table_lists_units_in_the_order_of_the_letter(world):
    Organisation.objects.create(code="evn", kind=OrganisationKind.STATE_GROUP, name_vi="Tập đoàn Điện lực Việt Nam")
    Organisation.objects.create(code="bxd", kind=OrganisationKind.MINISTRY, name_vi="Bộ Xây dựng")
    codes = [unit.code for unit in selectors.focal_unit_table()]
    assert codes == ["bxd", "ha-noi", "quang-ninh", "evn"]
