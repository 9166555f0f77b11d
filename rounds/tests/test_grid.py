"""The proposal grid's rules, through rounds.grid.handle (the page's JSON actions) and the view's status codes."""
import json
import uuid
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collection.models import Submission
from core.clipboard import TOO_LARGE, read_clipboard
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from plans import services as plan_services
from plans.tests.factories import component, phase_2016_2020, plan_task, source, strategy
from rounds import grid, services
from rounds.models import Proposal, TaskRow

from .factories import open_2017_round, task


@pytest.fixture
def round_2017(world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    strategy()  # the programme's component projects become the round's list
    return open_2017_round(world)


@pytest.fixture
def proposal(world, round_2017):
    return services.proposal_for(round_obj=round_2017, organisation=world.unit)


@pytest.fixture
def officer(world):
    return world.user(UNIT_OFFICER)


def save(proposal, user, **body):
    return grid.handle(proposal=proposal, user=user, body={"action": "save", **body})


def names(proposal):
    return list(proposal.rows.values_list("name", flat=True))


# --- Saving a row ---------------------------------------------------------------------------------

def test_a_typed_row_is_read_with_the_round_unit_and_shown_back_formatted(proposal, officer):
    answer = save(proposal, officer, key=str(uuid.uuid4()), cells={
        "name": "Tập huấn", "central_vnd": "1.500,5", "other_vnd": "", "period_from": "03/2017", "period_to": "11/2017"})
    row = TaskRow.objects.get()
    assert (row.central_vnd, row.other_vnd, row.period_from, row.period_to) == (1_500_500_000, 0, date(2017, 3, 1), date(2017, 11, 1))
    assert row.period == "03/2017 - 11/2017"  # the annex's column, written from the two months
    assert answer["row"]["cells"]["central_vnd"] == "1.500,5" and answer["row"]["amounts"]["central_vnd"] == 1_500_500_000
    assert answer["errors"] == {} and answer["lock_version"] == Proposal.objects.get().lock_version


def test_the_same_new_row_saved_twice_is_one_row(proposal, officer):
    key = str(uuid.uuid4())
    first = save(proposal, officer, key=key, cells={"name": "Tập huấn", "central_vnd": "300"})
    again = save(proposal, officer, key=key, cells={"name": "Tập huấn SXSH", "central_vnd": "300"})  # a retry, or Back then save
    assert names(proposal) == ["Tập huấn SXSH"] and first["row"]["id"] == again["row"]["id"]


def test_two_tabs_adding_rows_keep_both_and_an_edit_touches_only_its_row(proposal, officer, world):
    mine = save(proposal, officer, key=str(uuid.uuid4()), cells={"name": "Của tôi"})
    save(proposal, world.user(UNIT_LEADER), key=str(uuid.uuid4()), cells={"name": "Của lãnh đạo"})
    save(proposal, officer, id=mine["row"]["id"], version=mine["row"]["version"], cells={"name": "Của tôi, đã sửa"})
    assert names(proposal) == ["Của tôi, đã sửa", "Của lãnh đạo"]


def test_a_row_changed_elsewhere_answers_with_the_saved_version_and_keeping_mine_works(proposal, officer, world):
    loaded = save(proposal, officer, key=str(uuid.uuid4()), cells={"name": "Bản đầu", "central_vnd": "300"})["row"]
    save(proposal, world.user(UNIT_LEADER), id=loaded["id"], version=loaded["version"], cells={"name": "Bản của lãnh đạo"})
    with pytest.raises(services.StaleRow) as stale:
        save(proposal, officer, id=loaded["id"], version=loaded["version"], cells={"name": "Bản của tôi"})
    assert stale.value.saved.name == "Bản của lãnh đạo" and names(proposal) == ["Bản của lãnh đạo"]
    # "Giữ bản của tôi": the page sends again with the version it was shown.
    save(proposal, officer, id=loaded["id"], version=stale.value.saved.version, cells={"name": "Bản của tôi"})
    assert names(proposal) == ["Bản của tôi"]


def test_a_row_deleted_elsewhere_is_a_conflict_without_a_saved_version(proposal, officer):
    loaded = save(proposal, officer, key=str(uuid.uuid4()), cells={"name": "Sẽ bị xóa"})["row"]
    grid.handle(proposal=proposal, user=officer, body={"action": "delete", "id": loaded["id"], "version": loaded["version"]})
    with pytest.raises(services.StaleRow) as stale:
        save(proposal, officer, id=loaded["id"], version=loaded["version"], cells={"name": "Vẫn gõ"})
    assert stale.value.saved is None


def test_a_bad_amount_is_refused_in_its_cell_with_the_upload_message_and_the_row_kept(proposal, officer):
    answer = save(proposal, officer, key=str(uuid.uuid4()), cells={"name": "Tập huấn", "central_vnd": "1.5", "other_vnd": "20"})
    assert "Hãy viết như 1.500.000" in answer["errors"]["central_vnd"] and set(answer["errors"]) == {"central_vnd"}
    row = TaskRow.objects.get()
    assert (row.name, row.central_vnd, row.other_vnd) == ("Tập huấn", 0, 20_000_000)
    fixed = save(proposal, officer, id=row.pk, version=row.version, cells={"name": "Tập huấn", "central_vnd": "-3"})
    assert "không được âm" in fixed["errors"]["central_vnd"] and TaskRow.objects.get().central_vnd == 0


def test_a_new_row_without_a_name_is_not_added_and_says_why(proposal, officer):
    answer = save(proposal, officer, key=str(uuid.uuid4()), cells={"name": " ", "central_vnd": "300"})
    assert answer["row"] is None and answer["errors"]["name"] == "Tên nhiệm vụ không được để trống."
    assert not TaskRow.objects.exists()


def test_moving_and_putting_back_a_deleted_row_keep_the_order(proposal, officer):
    ids = [save(proposal, officer, key=str(uuid.uuid4()), cells={"name": name})["row"]["id"] for name in "ABC"]
    assert grid.handle(proposal=proposal, user=officer, body={"action": "move", "id": ids[2], "direction": "up"})["order"] == \
        [ids[0], ids[2], ids[1]]
    grid.handle(proposal=proposal, user=officer, body={"action": "delete", "id": ids[2], "version": 1})
    save(proposal, officer, key=str(uuid.uuid4()), after=ids[0], cells={"name": "C"})  # "Hoàn tác"
    assert names(proposal) == ["A", "C", "B"]
    save(proposal, officer, key=str(uuid.uuid4()), after=None, cells={"name": "Đầu"})
    assert names(proposal) == ["Đầu", "A", "C", "B"]


def test_a_sent_proposal_is_not_changed_by_the_grid(proposal, officer, world):
    services.save_row(proposal=proposal, user=officer, data=task())
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    with pytest.raises(ValidationError, match="đã gửi"):
        save(proposal, officer, key=str(uuid.uuid4()), cells={"name": "Muộn"})
    assert names(proposal) == ["Tập huấn SXSH"]


def test_only_the_unit_edits_its_grid(proposal, world):
    for role in (OTHER_OFFICER, OFFICE_REVIEWER):
        with pytest.raises(PermissionDenied):
            save(proposal, world.user(role), key=str(uuid.uuid4()), cells={"name": "Không được"})
    assert not TaskRow.objects.exists()


def test_an_unknown_action_is_refused(proposal, officer):
    with pytest.raises(ValidationError):
        grid.handle(proposal=proposal, user=officer, body={"action": "drop_table"})


# --- Paste ---------------------------------------------------------------------------------------

def test_a_block_from_excel_is_read_with_quoted_cells():
    text = 'Tập huấn\t"Nâng cao năng lực;\n2 lớp"\t02 lớp\r\nPhóng sự\t\t01 phóng sự\r\n'
    assert read_clipboard(text) == [["Tập huấn", "Nâng cao năng lực;\n2 lớp", "02 lớp"], ["Phóng sự", "", "01 phóng sự"]]


def test_a_word_table_is_read_from_its_html_not_its_text():
    html = """<html><head><style>p {margin:0}</style></head><body><table class=MsoTableGrid>
      <tr><td><p class=MsoNormal>Tập&nbsp;huấn</p></td><td><p>Dòng một</p><p>Dòng   hai</p></td><td>300</td></tr>
      <tr><td>Phóng sự<br>điển hình</td><td></td><td>1.200</td></tr></table></body></html>"""
    assert read_clipboard("Tập huấn\nDòng một\nDòng hai\n300", html) == [
        ["Tập huấn", "Dòng một\nDòng hai", "300"], ["Phóng sự\nđiển hình", "", "1.200"]]


def test_a_huge_block_is_refused():
    with pytest.raises(ValueError, match="quá lớn"):
        read_clipboard("x\n" * 5000)
    assert TOO_LARGE.startswith("Khối dán quá lớn")


def test_a_pasted_block_is_laid_on_the_columns_from_its_cell_with_row_and_column_messages(proposal, officer, round_2017):
    text = "300\t1.2.3\ttổ chức lớp tập huấn\r\n1.5\t0\tKhông có trong danh mục\r\n"
    answer = grid.handle(proposal=proposal, user=officer, body={"action": "paste", "column": "central_vnd", "text": text})
    training = next(option for option in round_2017.options("priority") if option.code == "training")
    assert answer["rows"] == [{"central_vnd": "300", "other_vnd": "1.2.3", "priority": str(training.pk)},
                              {"central_vnd": "1.5", "other_vnd": "0", "priority": ""}]
    assert answer["errors"][0].startswith("Dòng 1 của khối dán, cột Kinh phí đối ứng từ nguồn khác (triệu đồng): '1.2.3'")
    assert answer["errors"][1].startswith("Dòng 2 của khối dán, cột Kinh phí đề nghị từ NSTW (triệu đồng): '1.5'")
    assert answer["errors"][2] == "Dòng 2 của khối dán, cột Hoạt động ưu tiên: 'Không có trong danh mục' không có trong danh mục của đợt này."
    assert len(answer["errors"]) == 3 and not TaskRow.objects.exists()  # reading a paste saves nothing


def test_a_word_table_pasted_at_the_name_fills_the_row_fields_and_saves_as_typed(proposal, officer):
    html = "<table><tr><td>Tập huấn</td><td>Nâng cao</td><td>02 lớp</td><td>03/2017</td><td>11/2017</td><td>300</td><td>120</td></tr></table>"
    answer = grid.handle(proposal=proposal, user=officer, body={"action": "paste", "column": "name", "html": html, "text": ""})
    assert answer["errors"] == []
    save(proposal, officer, key=str(uuid.uuid4()), cells=answer["rows"][0])
    row = TaskRow.objects.get()
    assert (row.name, row.products, row.period_from, row.central_vnd, row.other_vnd) == \
        ("Tập huấn", "02 lớp", date(2017, 3, 1), 300_000_000, 120_000_000)


def test_more_pasted_columns_than_the_grid_has_are_named(proposal, officer):
    answer = grid.handle(proposal=proposal, user=officer, body={"action": "paste", "column": "notes", "text": "Ghi chú\tthừa"})
    assert answer["rows"] == [{"notes": "Ghi chú"}] and "các cột thừa bị bỏ qua" in answer["errors"][0]


# --- Start from what exists ---------------------------------------------------------------------

def test_copying_the_action_plan_adds_the_plan_year_tasks_once(proposal, officer, world):
    plan = plan_services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    plan_services.save_plan_task(plan=plan, user=officer, data=plan_task("Tập huấn doanh nghiệp", 2016, 2018, comp=3),
                                 funding={(2017, source("central")): 300_000_000, (2017, source("local")): 50_000_000,
                                          (2016, source("central")): 1})
    plan_services.save_plan_task(plan=plan, user=officer, data=plan_task("Chỉ năm 2016", 2016, 2016), funding={})
    answer = grid.handle(proposal=proposal, user=officer, body={"action": "copy_plan"})
    row = TaskRow.objects.get()
    assert (row.name, row.central_vnd, row.other_vnd, row.component.code) == \
        ("Tập huấn doanh nghiệp", 300_000_000, 50_000_000, component(3).code)
    assert answer["message"] == "Đã chép 1 nhiệm vụ." and answer["rows"][0]["cells"]["central_vnd"] == "300"
    again = grid.handle(proposal=proposal, user=officer, body={"action": "copy_plan"})
    assert again["rows"] == [] and "Không có nhiệm vụ năm 2017" in again["message"] and TaskRow.objects.count() == 1


def test_copying_last_year_adds_the_unit_rows_a_year_later(proposal, officer, world, clock):
    clock.set_now(datetime(2015, 5, 20, 9, 0))
    last = open_2017_round(world, title="Đề xuất nhiệm vụ năm 2016", plan_year=2016, opens_on=date(2015, 5, 13),
                           deadline=date(2015, 6, 15), priority_list="2017")
    earlier = services.proposal_for(round_obj=last, organisation=world.unit)
    priority = last.options("priority")[1]
    services.save_row(proposal=earlier, user=officer, data=task("Năm ngoái", objectives="Nâng cao", priority=priority,
                                                                period_from=date(2016, 3, 1), period_to=date(2016, 11, 1)))
    services.save_row(proposal=services.proposal_for(round_obj=last, organisation=world.other_unit),
                      user=world.user(OTHER_OFFICER), data=task("Của đơn vị khác"))
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    grid.handle(proposal=proposal, user=officer, body={"action": "copy_previous"})
    row = TaskRow.objects.get(proposal=proposal)
    assert (row.name, row.objectives, row.central_vnd, row.period_from, row.period_to) == \
        ("Năm ngoái", "Nâng cao", 300_000_000, date(2017, 3, 1), date(2017, 11, 1))
    assert row.priority.code == priority.code and row.priority.round_id == proposal.round_id


# --- The row page keeps working, without duplicates ---------------------------------------------

def test_the_row_page_posted_twice_adds_one_row(client, proposal, officer):
    client.force_login(officer)
    url = reverse("rounds:row_add", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code})
    page = client.get(url, follow=True)  # the new row's key is put in the address
    key = page.context["form"].initial["client_key"]
    assert page.redirect_chain[0][0] == f"{url}?key={key}"
    form = {"version": proposal.lock_version, "client_key": key, "name": "Tập huấn", "central_vnd": "300"}
    assert client.post(f"{url}?key={key}", form).status_code == 302
    assert client.post(f"{url}?key={key}", {**form, "name": "Tập huấn SXSH"}).status_code == 302  # a form kept by the browser
    assert names(proposal) == ["Tập huấn SXSH"]
    # Back to the form's address: the row it added, to change, not a form adding it again.
    row = TaskRow.objects.get()
    assert client.get(f"{url}?key={key}").url == reverse("rounds:row_edit", kwargs={
        "pk": proposal.round_id, "code": proposal.organisation.code, "row_id": row.pk})


# --- The endpoint -------------------------------------------------------------------------------

def post(client, proposal, body):
    url = reverse("rounds:grid", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code})
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_endpoint_answers_409_with_both_versions_and_400_with_a_message(client, proposal, officer):
    client.force_login(officer)
    row = post(client, proposal, {"action": "save", "key": str(uuid.uuid4()), "cells": {"name": "A"}}).json()["row"]
    post(client, proposal, {"action": "save", "id": row["id"], "version": row["version"], "cells": {"name": "B"}})
    conflict = post(client, proposal, {"action": "save", "id": row["id"], "version": row["version"], "cells": {"name": "C"}})
    assert conflict.status_code == 409 and conflict.json()["saved"]["cells"]["name"] == "B"
    assert conflict.json()["message"] == "Dòng này vừa được sửa ở nơi khác."
    bad = client.post(reverse("rounds:grid", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code}),
                      "{not json", content_type="application/json")
    assert bad.status_code == 400 and "không đọc được" in bad.json()["message"]
    assert post(client, proposal, {"action": "save", "key": "not-a-uuid", "cells": {"name": "D"}}).status_code == 400


def test_the_endpoint_refuses_other_units_the_office_and_strangers(client, proposal, world):
    body = {"action": "save", "key": str(uuid.uuid4()), "cells": {"name": "X"}}
    assert post(client, proposal, body).status_code == 302  # to the login page
    client.force_login(world.user(OTHER_OFFICER))
    assert post(client, proposal, body).status_code == 404
    client.force_login(world.user(OFFICE_REVIEWER))
    assert post(client, proposal, body).status_code == 403
    assert not TaskRow.objects.exists()


def test_the_page_shows_a_sent_proposal_read_only_without_edit_links(client, proposal, officer, world):
    services.save_row(proposal=proposal, user=officer, data=task())
    client.force_login(officer)
    url = reverse("rounds:proposal", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code})
    page = client.get(url).content.decode()
    assert 'id="task-grid"' in page and 'name="central_vnd"' in page and "grid.js" in page
    services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    page = client.get(url).content.decode()
    assert 'id="task-grid"' in page and "Tập huấn SXSH" in page
    assert "<input" not in page.split('id="task-grid"')[1].split("</table>")[0]
    assert "grid.js" not in page and "/rows/" not in page and "grid-add-row" not in page


def test_ids_amounts_and_versions_in_the_page_are_plain_numbers_whatever_their_size(client, proposal, officer, world):
    """The page writes numbers with thousands separators; attributes read by scripts and forms must not."""
    row = services.save_row(proposal=proposal, user=officer, data=task(central=1_234_000_000))
    Submission.objects.filter(pk=proposal.submission_id).update(lock_version=1234)  # a long-edited draft
    client.force_login(world.user(UNIT_LEADER))
    page = client.get(reverse("rounds:proposal", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code}))
    html = page.content.decode()
    assert 'data-vnd="1234000000"' in html and 'data-money-factor="1000000"' in html
    assert f'data-row-id="{row.pk}"' in html and 'value="1.234"' in html  # the amount itself, in triệu
    confirm = client.get(reverse("collection:confirm_send", args=[proposal.submission_id])).content.decode()
    assert 'name="version" value="1234"' in confirm


def test_the_grid_speaks_english_when_the_user_picks_it(client, proposal, officer):
    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("rounds:proposal", kwargs={"pk": proposal.round_id, "code": proposal.organisation.code}))
    html = page.content.decode()
    assert "Copy the 2017 tasks of the action plan" in html and "Copy last year&#x27;s proposal" in html
    assert '"saved": "Saved"' in html and '"undo": "Undo"' in html
