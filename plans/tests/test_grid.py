"""The dossier's task grid: plans.grid.handle (the page's JSON actions) and its endpoint."""
import json
import uuid
from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER, build_world
from plans import grid, services
from plans.models import DossierFunding, DossierTask

from .factories import component, open_2017_call, phase_2016_2020, plan_task, source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(clock):
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    return build_world()


@pytest.fixture
def dossier(world):
    return services.dossier_for(call=open_2017_call(world), organisation=world.unit)


def save(dossier, user, **body):
    return grid.handle(dossier=dossier, user=user, body={"action": "save", **body})


def amounts(task):
    return {line.source.code: line.amount_vnd for line in DossierFunding.objects.filter(task=task).select_related("source")}


def test_a_typed_task_is_saved_with_its_amounts_in_trieu(dossier, world):
    answer = save(dossier, world.user(UNIT_OFFICER), key=str(uuid.uuid4()), cells={
        "name": "Tập huấn", "amount-extension": "250,5", "amount-enterprise": "100", "amount-local": ""})
    task = DossierTask.objects.get()
    assert amounts(task) == {"extension": 250_500_000, "enterprise": 100_000_000}
    assert answer["row"]["cells"]["amount-extension"] == "250,5" and answer["row"]["amounts"]["amount-local"] == 0
    # A changed cell replaces only its own source's amount; 0 clears it.
    save(dossier, world.user(UNIT_OFFICER), id=task.pk, version=answer["row"]["version"], cells={"amount-enterprise": "0"})
    assert amounts(task) == {"extension": 250_500_000}


def test_the_same_new_task_saved_twice_is_one_task(dossier, world):
    key = str(uuid.uuid4())
    save(dossier, world.user(UNIT_OFFICER), key=key, cells={"name": "Tập huấn"})
    save(dossier, world.user(UNIT_LEADER), key=key, cells={"name": "Tập huấn SXSH"})
    assert list(DossierTask.objects.values_list("name", flat=True)) == ["Tập huấn SXSH"]


def test_a_task_changed_elsewhere_is_a_conflict_with_the_saved_version(dossier, world):
    loaded = save(dossier, world.user(UNIT_OFFICER), key=str(uuid.uuid4()), cells={"name": "Bản đầu"})["row"]
    save(dossier, world.user(UNIT_LEADER), id=loaded["id"], version=loaded["version"], cells={"name": "Của lãnh đạo"})
    with pytest.raises(services.StaleTask) as stale:
        save(dossier, world.user(UNIT_OFFICER), id=loaded["id"], version=loaded["version"], cells={"name": "Của tôi"})
    assert stale.value.saved.name == "Của lãnh đạo"


def test_a_bad_amount_stays_refused_in_its_cell_and_the_rest_is_saved(dossier, world):
    answer = save(dossier, world.user(UNIT_OFFICER), key=str(uuid.uuid4()), cells={
        "name": "Tập huấn", "amount-extension": "1.5", "amount-local": "20"})
    assert "Hãy viết như 1.500.000" in answer["errors"]["amount-extension"]
    assert amounts(DossierTask.objects.get()) == {"local": 20_000_000}


def test_an_action_plan_task_of_the_year_brings_its_component(dossier, world):
    officer = world.user(UNIT_OFFICER)
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    planned = services.save_plan_task(plan=plan, user=officer, data=plan_task(comp=3), funding={})
    save(dossier, officer, key=str(uuid.uuid4()), cells={"name": "Tập huấn", "action_task": str(planned.pk), "component": ""})
    task = DossierTask.objects.get()
    assert task.action_task == planned and task.component == component(3)


def test_a_pasted_block_names_its_bad_cells_and_matches_lists_by_name(dossier, world):
    officer = world.user(UNIT_OFFICER)
    plan = services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    planned = services.save_plan_task(plan=plan, user=officer, data=plan_task("Tập huấn doanh nghiệp dệt may"), funding={})
    answer = grid.handle(dossier=dossier, user=officer, body={
        "action": "paste", "column": "name", "text": "Tập huấn\ttập huấn doanh nghiệp\t\tSở Công Thương\t1.2.3\r\n"})
    assert answer["rows"][0]["action_task"] == str(planned.pk) and answer["rows"][0]["amount-central"] == "1.2.3"
    assert len(answer["errors"]) == 1 and answer["errors"][0].startswith("Dòng 1 của khối dán, cột Ngân sách Trung ương")
    assert not DossierTask.objects.exists()


def test_moving_and_deleting_tasks(dossier, world):
    officer = world.user(UNIT_OFFICER)
    ids = [save(dossier, officer, key=str(uuid.uuid4()), cells={"name": name})["row"]["id"] for name in "AB"]
    assert grid.handle(dossier=dossier, user=officer, body={"action": "move", "id": ids[1], "direction": "up"})["order"] == ids[::-1]
    grid.handle(dossier=dossier, user=officer, body={"action": "delete", "id": ids[0], "version": 1})
    assert list(DossierTask.objects.values_list("name", flat=True)) == ["B"]


def test_only_the_unit_edits_its_dossier_grid(dossier, world, client):
    for role in (OTHER_OFFICER, OFFICE_REVIEWER):
        with pytest.raises(PermissionDenied):
            save(dossier, world.user(role), key=str(uuid.uuid4()), cells={"name": "Không được"})
    url = reverse("plans:dossier_grid", kwargs={"year": 2017, "code": world.unit.code})
    body = json.dumps({"action": "save", "key": str(uuid.uuid4()), "cells": {"name": "X"}})
    assert client.post(url, body, content_type="application/json").status_code == 302
    client.force_login(world.user(OTHER_OFFICER))
    assert client.post(url, body, content_type="application/json").status_code in (403, 404)
    client.force_login(world.user(UNIT_OFFICER))
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["row"]["cells"]["name"] == "X"


def test_the_dossier_page_shows_the_grid_and_a_sent_dossier_read_only(dossier, world, client):
    officer = world.user(UNIT_OFFICER)
    services.save_dossier_task(dossier=dossier, user=officer, data={"name": "Tập huấn"}, funding={source("local"): 5_000_000})
    client.force_login(officer)
    url = reverse("plans:dossier", kwargs={"year": 2017, "code": world.unit.code})
    page = client.get(url).content.decode()
    assert 'id="task-grid"' in page and 'name="amount-local"' in page and "grid.js" in page and 'value="5"' in page
    services.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))
    page = client.get(url).content.decode()
    assert "Tập huấn" in page and "grid.js" not in page and "/tasks/" not in page
    assert "<input" not in page.split('id="task-grid"')[1].split("</table>")[0]


def test_the_task_page_posted_twice_adds_one_task(dossier, world, client):
    client.force_login(world.user(UNIT_OFFICER))
    url = reverse("plans:dossier_task_add", kwargs={"year": 2017, "code": world.unit.code})
    page = client.get(url, follow=True)
    key = page.context["form"].initial["client_key"]
    form = {"version": 0, "client_key": key, "name": "Tập huấn", "amount-local": "5"}
    client.post(f"{url}?key={key}", form)
    client.post(f"{url}?key={key}", {**form, "name": "Tập huấn SXSH"})
    task = DossierTask.objects.get()
    assert task.name == "Tập huấn SXSH" and amounts(task) == {"local": 5_000_000}
    assert client.get(f"{url}?key={key}").url == reverse("plans:dossier_task_edit", kwargs={
        "year": 2017, "code": world.unit.code, "task_id": task.pk})
