"""Plans, dossiers, indicators in the API and as open data: scoped like the pages, money exact."""
import csv
import io
from datetime import datetime

import pytest

from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from plans import services
from plans.tests.factories import open_2017_call, phase_2016_2020, plan_task, source

from .test_api import api_as


@pytest.fixture
def records(world, clock):
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    services.save_plan_task(plan=plan, user=world.user(UNIT_OFFICER), data=plan_task(),
                            funding={(2016, source("local")): 123_456_789, (2017, source("central")): 1})
    call = open_2017_call(world)
    dossier = services.dossier_for(call=call, organisation=world.unit)
    services.save_dossier_task(dossier=dossier, user=world.user(UNIT_OFFICER), data={"name": "<script>alert(1)</script>"},
                               funding={source("extension"): 987_654_321})
    return plan, dossier


def test_a_unit_reads_its_plan_with_exact_amounts_and_never_another_units(world, records):
    plan, dossier = records
    mine = api_as(world.user(UNIT_LEADER)).get(f"/api/v1/action-plans/{plan.pk}/").json()
    assert {(f["year"], f["source"], f["amount_vnd"]) for f in mine["tasks"][0]["funding"]} == {
        (2016, "local", 123_456_789), (2017, "central", 1)}
    other = api_as(world.user(OTHER_OFFICER))
    assert other.get(f"/api/v1/action-plans/{plan.pk}/").status_code == 404
    assert other.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404
    assert other.get("/api/v1/dossiers/").json()["results"] == []
    office = api_as(world.user(OFFICE_REVIEWER)).get("/api/v1/dossiers/?year=2017").json()["results"]
    assert office[0]["tasks"][0]["funding"] == [{"source": "extension", "amount_vnd": 987_654_321}]
    assert office[0]["tasks"][0]["name"] == "<script>alert(1)</script>"  # JSON carries text; pages escape it


def test_only_acknowledged_dossiers_are_open_data(world, records, client):
    _plan, dossier = records
    assert client.get("/api/open/plan-funding.json").json()["rows"] == []
    services.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))
    assert client.get("/api/open/plan-funding.json").json()["rows"] == []  # received, not yet acknowledged
    services.acknowledge(dossier=dossier, user=world.user(OFFICE_REVIEWER))
    content = client.get("/api/open/plan-funding.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows == [{"year": "2017", "organisation_code": "ha-noi", "organisation_name": "UBND Thành phố Hà Nội",
                     "organisation_group": "provinces", "province_code": "ha-noi", "component_project": "",
                     "funding_source": "extension", "amount_vnd": "987654321"}]


def test_the_indicator_catalogue_is_public(client, db):
    from pathlib import Path

    from django.conf import settings

    from evaluation.reference import load, read_csv
    from plans.tests.factories import strategy

    strategy()  # the programme the catalogue belongs to
    data = Path(settings.BASE_DIR) / "data" / "reference"
    load(data)
    task_results = {row["code"] for row in read_csv(data, "result_indicators.csv")}  # counts with no Strategy target
    indicators = client.get("/api/v1/indicators/").json()["results"]
    assert task_results <= {item["code"] for item in indicators}
    assert indicators and all(item["targets"] or item["aggregation"] == "computed" or item["code"] in task_results
                              for item in indicators)
    assert client.get("/api/open/indicators.json").status_code == 200
