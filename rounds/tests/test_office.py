import io
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, make_user
from organisations.models import Organisation, OrganisationKind
from rounds import selectors, services

from .factories import open_2017_round, task


def add_units(world, count):
    units = []
    for index in range(count):
        unit = Organisation.objects.create(code=f"unit-{index}", kind=OrganisationKind.STATE_GROUP, name_vi=f"Tập đoàn {index:03d}")
        units.append((unit, make_user(f"leader{index}@t.vn", unit, Role.UNIT_LEADER)))
    return units


@pytest.fixture
def scenario(world, clock):
    """Hà Nội submitted on time and accepted; Quảng Ninh late; EVN draft; BXD not started."""
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    evn = Organisation.objects.create(code="evn", kind=OrganisationKind.STATE_GROUP, name_vi="Tập đoàn Điện lực Việt Nam")
    bxd = Organisation.objects.create(code="bxd", kind=OrganisationKind.MINISTRY, name_vi="Bộ Xây dựng")
    round_obj = open_2017_round(world, invited=[world.unit, world.other_unit, evn, bxd])
    priority = round_obj.options("priority")[1]
    hanoi = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    r1 = services.save_row(proposal=hanoi, user=world.user(UNIT_OFFICER), data=task("A", 300_000_000, 120_000_000, priority=priority))
    services.save_row(proposal=hanoi, user=world.user(UNIT_OFFICER), data=task("B", 450_500_000, 200_000_000))
    services.submit(proposal=hanoi, user=world.user(UNIT_LEADER))
    services.accept(proposal=hanoi, user=world.user(OFFICE_REVIEWER), approved={r1.pk: 250_000_000})
    qn_leader = make_user("qn.leader@t.vn", world.other_unit, Role.UNIT_LEADER)
    qn = services.proposal_for(round_obj=round_obj, organisation=world.other_unit)
    services.save_row(proposal=qn, user=qn_leader, data=task("C", 1_200_000_000, 400_000_000))
    evn_officer = make_user("evn@t.vn", evn, Role.UNIT_OFFICER)
    services.save_row(proposal=services.proposal_for(round_obj=round_obj, organisation=evn), user=evn_officer, data=task("D", 5, 5))
    clock.set_now(datetime(2016, 6, 16, 9, 0))
    services.submit(proposal=qn, user=qn_leader)
    return round_obj


def test_board_shows_every_state_counts_and_rates(scenario):
    board = selectors.completeness_board(scenario)
    states = {line.code: line.state for line in board.lines}
    assert states == {"ha-noi": "accepted", "quang-ninh": "late", "evn": "draft", "bxd": "not_started"}
    assert (board.expected, board.actual, board.actual_on_time) == (4, 2, 1)
    assert (board.reporting_rate, board.on_time_rate) == (50.0, 25.0)
    provinces = selectors.completeness_board(scenario, group="provinces")
    assert [line.code for line in provinces.lines] == ["ha-noi", "quang-ninh"]
    ministries = selectors.completeness_board(scenario, kind="ministry")
    assert [line.code for line in ministries.lines] == ["bxd"] and ministries.expected == 1


def test_board_and_consolidation_answer_in_a_fixed_number_of_queries(world, scenario, client, django_assert_num_queries):
    client.force_login(world.user(OFFICE_REVIEWER))
    counts = []
    for extra in (0, 30):
        for unit, leader in add_units(world, extra):
            scenario.invited.add(unit)
            proposal = services.proposal_for(round_obj=scenario, organisation=unit)
            services.save_row(proposal=proposal, user=leader, data=task())
            services.submit(proposal=proposal, user=leader)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        per_page = []
        for name in ("rounds:board", "rounds:consolidation"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=[scenario.pk])).status_code == 200
            per_page.append(len(queries))
        counts.append(per_page)
    assert counts[0] == counts[1], counts


def test_consolidation_totals_by_unit_group_priority_and_source(scenario):
    data = selectors.consolidation(scenario)
    assert data.central_vnd == 300_000_000 + 450_500_000 + 1_200_000_000
    assert data.other_vnd == 120_000_000 + 200_000_000 + 400_000_000
    assert data.approved_vnd == 250_000_000
    assert {line["label"]: line["central_vnd"] for line in data.by_unit} == {
        "UBND Thành phố Hà Nội": 750_500_000, "UBND Tỉnh Quảng Ninh": 1_200_000_000}
    assert sum(line["central_vnd"] for line in data.by_priority) == data.central_vnd
    assert {line["label"]: line["central_vnd"] for line in data.by_group} == {"Địa phương": data.central_vnd}


def test_consolidated_export_has_subtotals_and_a_grand_total_equal_to_the_rows(world, scenario, client):
    client.force_login(world.user(OFFICE_REVIEWER))
    response = client.get(reverse("rounds:export", args=[scenario.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    tasks = [r for r in rows if isinstance(r[0], int)]
    subtotals = [r for r in rows if isinstance(r[1], str) and r[1].startswith("Cộng ")]
    grand = next(r for r in rows if r[1] == "TỔNG CỘNG")
    to_vnd = lambda value: round(value * 1_000_000)  # noqa: E731 (the round shows triệu đồng)
    assert [r[1] for r in tasks] == ["A", "B", "C"]
    assert [to_vnd(r[5]) for r in subtotals] == [750_500_000, 1_200_000_000]
    assert to_vnd(grand[5]) == sum(to_vnd(r[5]) for r in tasks) == 1_950_500_000
    assert to_vnd(grand[6]) == sum(to_vnd(r[6]) for r in tasks) == 720_000_000


def test_import_annex_command_prints_json_and_imports_in_one_transaction(world, scenario, capsys):
    from pathlib import Path

    from django.core.management import call_command

    sample = Path(__file__).parent / "samples" / "01-hanoi-clean.xlsx"
    call_command("import_annex", str(sample), "--round", str(scenario.pk), "--org", "evn", "--json")
    import json

    output = json.loads(capsys.readouterr().out.strip())
    assert output["totals"] == {"rows": 3, "central_vnd": 900_500_000, "other_vnd": 320_000_000}
    evn_rows = list(scenario.proposals.get(organisation__code="evn").rows.values_list("name", "central_vnd"))
    assert evn_rows[1] == ("Hỗ trợ kỹ thuật áp dụng SXSH tại 5 cơ sở dệt nhuộm", 450_500_000)


def test_a_failed_import_changes_no_data(world, scenario, capsys):
    from pathlib import Path

    from django.core.management import call_command
    from django.core.management.base import CommandError

    before = list(scenario.proposals.get(organisation__code="evn").rows.values_list("name", flat=True))
    with pytest.raises(CommandError):
        call_command("import_annex", str(Path(__file__).parent / "samples" / "04-errors.xlsx"), "--round", str(scenario.pk),
                     "--org", "evn", "--json")
    assert '"row": 8' in capsys.readouterr().out
    assert list(scenario.proposals.get(organisation__code="evn").rows.values_list("name", flat=True)) == before


def test_dry_run_matches_the_unit_by_name_and_changes_nothing(world, scenario, capsys):
    from pathlib import Path

    from django.core.management import call_command

    world.unit.working_body = "Sở Công Thương thành phố Hà Nội"
    world.unit.save()
    call_command("import_annex", str(Path(__file__).parent / "samples" / "01-hanoi-clean.xlsx"), "--round", str(scenario.pk), "--dry-run")
    assert "OK (3 dòng)" in capsys.readouterr().out
    assert scenario.proposals.get(organisation=world.unit).rows.count() == 2
