"""One intake path for the page and `import_annex`: identity check, money unit, warnings; the import
replaces a draft's rows with one DELETE."""
import json
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from collection.models import EventKind, SubmissionEvent
from core.testing.world import UNIT_OFFICER
from rounds import annex, imports, services
from rounds.models import TaskRow

from .factories import open_2017_round, task

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def round_obj(world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    return open_2017_round(world)


def xlsx_file(tmp_path, name, rows) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def run(*args):
    call_command("import_annex", *[str(a) for a in args])


def test_a_file_without_a_unit_line_takes_the_rounds_unit_in_the_command(world, clock, tmp_path, capsys):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_dong = open_2017_round(world, money_unit="dong")
    path = xlsx_file(tmp_path, "no-unit.xlsx", [["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Đối ứng"], [1, "Tập huấn", "250.000.000", 0]])
    run(path, "--round", round_dong.pk, "--org", world.unit.code)
    out = capsys.readouterr().out
    assert "Tệp không ghi đơn vị tính; dùng đơn vị của đợt: đồng." in out
    proposal = round_dong.proposals.get(organisation=world.unit)
    assert list(proposal.rows.values_list("central_vnd", flat=True)) == [250_000_000]  # not a million times more


def test_the_command_says_when_it_trusts_the_hidden_unit_sheet(world, round_obj, tmp_path, capsys):
    content = annex.write_template(round_title="x", plan_year=2017, unit_name="Hà Nội", money_unit="trieu",
                                   identity={"round": round_obj.pk, "organisation": world.unit.code}, priorities=[], components=[],
                                   rows=[task("Tập huấn", 5_000_000, 0)], blank_rows=0)
    path = tmp_path / "from-template.xlsx"
    path.write_bytes(content)
    run(path)
    out = capsys.readouterr().out
    assert f"Đơn vị lấy từ trang ẩn của tệp ({world.unit.code}), không được kiểm chứng; dùng --org" in out
    assert "Đợt đề xuất lấy từ trang ẩn của tệp" in out
    assert list(round_obj.proposals.get(organisation=world.unit).rows.values_list("name", "central_vnd")) == [("Tập huấn", 5_000_000)]


def test_the_command_checks_the_identity_like_the_page(world, round_obj, tmp_path, capsys):
    content = annex.write_template(round_title="x", plan_year=2017, unit_name="Quảng Ninh", money_unit="trieu",
                                   identity={"round": round_obj.pk, "organisation": world.other_unit.code}, priorities=[],
                                   components=[], rows=[task("Z", 1_000_000, 0)], blank_rows=0)
    path = tmp_path / "other.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        run(path, "--round", round_obj.pk, "--org", world.unit.code, "--json")
    output = json.loads(capsys.readouterr().out)
    assert "đơn vị khác" in output["errors"][0]["message"] and output["tasks"] is None
    assert not TaskRow.objects.exists()


def test_the_command_needs_confirmation_for_amounts_in_the_wrong_unit(world, round_obj, capsys):
    path = CORPUS / "c26-amount-in-wrong-unit.xlsx"
    with pytest.raises(CommandError):
        run(path, "--round", round_obj.pk, "--org", world.unit.code)
    assert "--confirm-amounts" in capsys.readouterr().out and not TaskRow.objects.exists()
    run(path, "--round", round_obj.pk, "--org", world.unit.code, "--confirm-amounts")
    assert list(TaskRow.objects.values_list("central_vnd", flat=True)) == [150_000_000_000_000]


def test_the_command_reads_a_word_table_and_prints_warnings_and_ignored_columns(world, round_obj, capsys):
    run(CORPUS / "c16-word-table.docx", "--round", round_obj.pk, "--org", world.unit.code)
    assert list(TaskRow.objects.values_list("name", "central_vnd", "other_vnd", "notes")) == [
        ("Tập huấn SXSH", 300_000_000, 120_000_000, ""), ("Đánh giá nhanh", 450_500_000, 200_000_000, "VNCPC")]
    run(CORPUS / "c22-extra-columns.xlsx", "--round", round_obj.pk, "--org", world.other_unit.code, "--json")
    output = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert output["ignored_columns"] == [{"column": "B", "header": "Đơn vị phối hợp"}, {"column": "G", "header": "Địa điểm"}]
    assert output["warnings"] == []


def test_import_replaces_the_draft_rows_with_one_delete_and_keeps_comments(world, round_obj):
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    officer = world.user(UNIT_OFFICER)
    for index in range(30):
        row = services.save_row(proposal=proposal, user=officer, data=task(f"Cũ {index}"))
    services.add_comment(proposal=proposal, user=officer, text="Góp ý dòng cuối", row=row)
    tasks = annex.parse_annex((CORPUS / "c01-letter-header.xlsx").read_bytes()).tasks
    with CaptureQueriesContext(connection) as queries:
        services.import_rows(proposal=proposal, user=officer, tasks=tasks, filename="c01.xlsx")
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("DELETE")]
    selects_of_rows = [q["sql"] for q in queries.captured_queries
                       if q["sql"].upper().startswith("SELECT") and "rounds_taskrow" in q["sql"] and "FROM \"rounds_taskrow\"" in q["sql"]]
    assert len(deletes) == 1 and not selects_of_rows
    assert list(proposal.rows.values_list("name", flat=True)) == [t["name"] for t in tasks]
    comment = SubmissionEvent.objects.get(kind=EventKind.COMMENT)
    assert comment.note == "Góp ý dòng cuối"


def test_the_import_service_refuses_amounts_past_the_cap_from_any_caller(world, round_obj):
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    with pytest.raises(services.ValidationError, match="quá lớn"):
        services.import_rows(proposal=proposal, user=None, tasks=[{**task("X"), "central_vnd": 9 * 10**18}], filename="x")
    with pytest.raises(services.ValidationError, match="quá lớn"):
        services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task("X", central=10**15 + 1))
    assert not TaskRow.objects.exists()


def test_the_online_row_form_uses_the_same_grammar(world, round_obj, client):
    client.force_login(world.user(UNIT_OFFICER))
    url = f"/rounds/{round_obj.pk}/units/{world.unit.code}/rows/new/"
    for typed, message in (("1.2.3", "Hãy viết như 1.500.000"), ("1.5", "Hãy viết như"), ("99.999.999.999.999", "quá lớn"),
                           ("-3", "không được âm")):
        page = client.post(url, {"version": 0, "name": "A", "central_vnd": typed}).content.decode()
        assert message in page, typed
    client.post(url, {"version": 0, "name": "A", "central_vnd": "1.500,5"})
    assert list(TaskRow.objects.values_list("central_vnd", flat=True)) == [1_500_500_000]


def test_shared_samples_read_exactly_as_expected_by_the_command(capsys):
    samples = Path(__file__).parent / "samples"
    for path in sorted(samples.glob("*.xlsx")):
        expected = json.loads((samples / path.name.replace(".xlsx", ".expected.json")).read_text(encoding="utf-8"))
        try:
            run(path, "--dry-run", "--json")
        except CommandError:
            pass
        output = json.loads(capsys.readouterr().out)
        for key, value in expected.items():
            if key == "errors":
                assert [(e["row"], e["field"]) for e in output["errors"]] == [(e["row"], e["field"]) for e in value]
            elif key == "tasks" and value is not None:
                assert [{k: t[k] for k in value[0]} for t in output["tasks"]] == value
            else:
                assert output[key] == value, (path.name, key)


def test_intake_reads_for_the_round_and_notes_a_converted_unit(world, round_obj):
    data = (CORPUS / "c08-unit-dong.xlsx").read_bytes()
    intake = imports.read_annex_file(data=data, filename="c08.xlsx", round_obj=round_obj, organisation=world.unit)
    assert intake.notes == ["Đơn vị tính theo dòng ghi đơn vị trong tệp: đồng. Đợt này tính bằng triệu đồng; số tiền được quy đổi."]
    assert intake.result.totals()["central_vnd"] == 1_250_000_000
