import csv
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from organisations.models import Organisation, OrganisationKind

DATA = Path(settings.BASE_DIR) / "data" / "reference"


def codes(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def test_registry_holds_every_organisation_of_the_reference_files(reference_data):
    expected = set().union(*(codes(f) for f in ["provinces_2016.csv", "provinces_2025.csv", "ministries_2016.csv",
                                                  "ministries_2025.csv", "corporations.csv"]))
    stored = set(Organisation.objects.reporting_units().values_list("code", flat=True))
    assert stored == expected
    assert Organisation.objects.filter(kind=OrganisationKind.OFFICE).count() == 1


def test_loading_twice_changes_nothing(reference_data):
    before = list(Organisation.objects.order_by("code").values())
    call_command("load_reference_data", stdout=open("/dev/null", "w"))
    assert list(Organisation.objects.order_by("code").values()) == before


def test_a_2016_round_sees_63_provinces_and_today_sees_34(reference_data):
    provinces = Organisation.objects.filter(kind=OrganisationKind.PROVINCE)
    assert provinces.valid_on(date(2016, 5, 13)).count() == 63
    assert provinces.valid_on(date(2025, 7, 1)).count() == 34
    assert provinces.valid_on(date(2025, 6, 30)).count() == 63  # Huế replaced Thừa Thiên Huế in January


def test_every_2016_province_maps_to_exactly_one_current_province(reference_data):
    in_force = set(Organisation.objects.valid_on(date(2026, 1, 1)))
    for province in Organisation.objects.filter(code__in=codes("provinces_2016.csv")):
        current = province if province in in_force else province.successor
        assert current is not None and current in in_force, province.code
    assert Organisation.objects.get(code="bac-giang").successor.code == "bac-ninh"
    assert Organisation.objects.get(code="bac-giang").valid_to == date(2025, 6, 30)
    assert Organisation.objects.get(code="thua-thien-hue").successor.code == "hue"
    assert Organisation.objects.get(code="hue").valid_from == date(2025, 1, 1)


def test_ministries_follow_the_2025_restructuring(reference_data):
    ministries = Organisation.objects.filter(kind__in=[OrganisationKind.MINISTRY, OrganisationKind.MINISTRY_AGENCY])
    assert ministries.valid_on(date(2016, 5, 13)).count() == 22
    assert ministries.valid_on(date(2025, 3, 1)).count() == 17
    assert Organisation.objects.get(code="bgtvt").successor.code == "bxd"
    assert Organisation.objects.get(code="btnmt").successor.code == "bnnmt"


def test_provinces_report_through_their_department_of_industry_and_trade(reference_data):
    hanoi = Organisation.objects.get(code="ha-noi")
    assert hanoi.name_vi == "UBND Thành phố Hà Nội"
    assert hanoi.working_body == "Sở Công Thương thành phố Hà Nội"
