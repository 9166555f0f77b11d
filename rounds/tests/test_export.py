"""The round's consolidated workbook carries every decision: requested and approved amounts, the priority
activity and the component project; its subtotals and grand total equal the sums of its rows."""
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, make_user
from core.testing.xlsx import differences, workbook_cells
from organisations.models import Organisation, OrganisationKind
from plans.tests.factories import strategy
from rounds import annex, export, services
from rounds.models import TaskRow

from .factories import open_2017_round, task

pytestmark = pytest.mark.django_db
# The same exports written by openpyxl's write-only writer before the switch to XlsxWriter.
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def decided(world, clock):
    """Hà Nội accepted with less than asked on one row; Quảng Ninh sent late; EVN drafting."""
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    strategy()  # the programme with its component projects
    evn = Organisation.objects.create(code="evn", kind=OrganisationKind.STATE_GROUP, name_vi="Tập đoàn Điện lực Việt Nam")
    round_obj = open_2017_round(world, invited=[world.unit, world.other_unit, evn])
    priorities, components = round_obj.options("priority"), round_obj.options("component")
    officer, office = world.user(UNIT_OFFICER), world.user(OFFICE_REVIEWER)
    hanoi = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    a = services.save_row(proposal=hanoi, user=officer, data=task("A", 300_000_000, 120_000_000, priority=priorities[1],
                                                                  component=components[0]))
    b = services.save_row(proposal=hanoi, user=officer, data=task("B", 450_500_000, 200_000_000, priority=priorities[2],
                                                                  component=components[2]))
    services.submit(proposal=hanoi, user=world.user(UNIT_LEADER))
    services.accept(proposal=hanoi, user=office, approved={a.pk: 250_000_000, b.pk: 450_500_000})
    qn_leader = make_user("qn.leader@t.vn", world.other_unit, Role.UNIT_LEADER)
    qn = services.proposal_for(round_obj=round_obj, organisation=world.other_unit)
    services.save_row(proposal=qn, user=qn_leader, data=task("C", 1_200_000_000, 400_000_000, priority=priorities[0]))
    clock.set_now(datetime(2016, 6, 20, 9, 0))
    services.submit(proposal=qn, user=qn_leader)
    draft = services.proposal_for(round_obj=round_obj, organisation=evn)
    services.save_row(proposal=draft, user=make_user("evn@t.vn", evn, Role.UNIT_OFFICER), data=task("Nháp", 5, 0))
    return round_obj


def _vnd(value):
    """Back from the round's unit (triệu đồng) to whole đồng, exactly."""
    return None if value is None else int(Decimal(str(value)) * 1_000_000)


def test_the_export_carries_every_decision_and_its_totals_equal_its_rows(world, decided, client):
    client.force_login(world.user(OFFICE_REVIEWER))
    sheet = load_workbook(io.BytesIO(client.get(reverse("rounds:export", args=[decided.pk])).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[3]) == export.HEADERS == [*annex.TEMPLATE_HEADERS, "Kinh phí Ngân sách TW được duyệt"]
    tasks = [r for r in rows if isinstance(r[0], int)]
    expected = [(row.name, row.central_vnd, row.other_vnd, row.priority.name_vi if row.priority else None,
                 row.component.name_vi if row.component else None, row.approved_central_vnd)
                for row in TaskRow.objects.filter(proposal__submission__status__in=["submitted", "accepted"])
                .select_related("priority", "component").order_by("proposal__organisation__name_vi", "position")]
    assert [(r[1], _vnd(r[5]), _vnd(r[6]), r[8], r[9], _vnd(r[10])) for r in tasks] == expected
    assert {r[1] for r in tasks} == {"A", "B", "C"}  # the draft is not consolidated

    subtotals = [r for r in rows if isinstance(r[1], str) and r[1].startswith("Cộng ")]
    assert [(_vnd(r[5]), _vnd(r[6]), _vnd(r[10])) for r in subtotals] == [
        (750_500_000, 320_000_000, 700_500_000), (1_200_000_000, 400_000_000, 0)]
    grand = next(r for r in rows if r[1] == "TỔNG CỘNG")
    database = TaskRow.objects.filter(proposal__submission__status__in=["submitted", "accepted"]).aggregate(
        central=Sum("central_vnd"), other=Sum("other_vnd"), approved=Sum("approved_central_vnd"))
    for column, key in ((5, "central"), (6, "other"), (10, "approved")):
        assert _vnd(grand[column]) == sum(_vnd(r[column]) or 0 for r in tasks) == database[key]


def test_the_export_reads_back_with_the_annex_reader(world, decided, client):
    """Its columns are the annex template's: a unit's export is a filled annex."""
    client.force_login(world.user(UNIT_OFFICER))
    content = client.get(reverse("rounds:export_unit", args=[decided.pk, world.unit.code])).content
    result = annex.parse_annex(content)
    assert [(t["name"], t["central_vnd"], t["other_vnd"]) for t in result.tasks] == [
        ("A", 300_000_000, 120_000_000), ("B", 450_500_000, 200_000_000)]


def test_the_streamed_exports_are_cell_for_cell_those_the_openpyxl_writer_wrote(world, decided, client):
    """Values, types, widths, fonts, alignment and number formats as the previous writer left them."""
    client.force_login(world.user(OFFICE_REVIEWER))
    office = client.get(reverse("rounds:export", args=[decided.pk])).content
    client.force_login(world.user(UNIT_OFFICER))
    unit = client.get(reverse("rounds:export_unit", args=[decided.pk, world.unit.code])).content
    for content, golden in ((office, "consolidated.xlsx"), (unit, "consolidated-unit.xlsx")):
        before = workbook_cells((GOLDEN / golden).read_bytes())
        assert sum(len(sheet["rows"]) for sheet in before.values()) > 8
        assert differences(before, workbook_cells(content)) == []
