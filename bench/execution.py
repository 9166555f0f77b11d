"""Implementation-report benchmark, printed as ratios to floors measured in the same run.

UNITS units with TASKS assigned 2017 tasks each; every task has money at every stage from two sources
and one accepted progress report with two deliverables. Measured:
1. the .docx implementation report vs a floor = the same SQL statements run directly + the same table
   cells written with python-docx alone (target: at most 2x);
2. the .xlsx annex vs the same queries + the same cells with openpyxl's write-only writer (target: 2x).

Runs on a throw-away test database:  .venv/bin/python bench/execution.py [UNITS] [TASKS]
                                     DATABASE_URL=postgres://... .venv/bin/python bench/execution.py"""
import io
import sys
from datetime import date

from common import ROOT, best_of, captured_statements, describe, docx_floor, setup_django, throwaway_database, xlsx_floor

setup_django()

from django.db import connection  # noqa: E402


def build(units_count, tasks_count):
    from collection.models import Call, CallKind, Status, Submission
    from execution.models import AssignedTask, Deliverable, MoneyEntry, ProgressReport, ProgressStatus, Stage
    from organisations.models import Organisation, OrganisationKind
    from programmes import reference
    from programmes.models import ComponentProject, FundingSource, Programme

    reference.load(ROOT / "data" / "reference")
    programme = Programme.objects.get(code="sxsh-2020")
    central, local = FundingSource.objects.get(code="central"), FundingSource.objects.get(code="local")
    components = list(ComponentProject.objects.filter(programme=programme))
    statuses = [ProgressStatus.ON_TRACK, ProgressStatus.LATE, ProgressStatus.AT_RISK, ProgressStatus.STOPPED, ProgressStatus.DONE]
    units = Organisation.objects.bulk_create(
        Organisation(code=f"u{i}", kind=OrganisationKind.PROVINCE, name_vi=f"Đơn vị {i:03d}") for i in range(units_count))
    tasks = AssignedTask.objects.bulk_create(
        (AssignedTask(programme=programme, year=2017, organisation=unit, implementing_body=f"Trung tâm {t}",
                      name=f"Nhiệm vụ {t} về sản xuất sạch hơn của {unit.name_vi}", component=components[t % len(components)],
                      priority_name="Tập huấn", decision_number="2315/QĐ-BCT", decision_date=date(2017, 1, 16),
                      decision_signer="A", start_date=date(2017, 2, 1), end_date=date(2017, 12, 31),
                      progress_status=statuses[t % len(statuses)], progress_percent=10 * (t % 10),
                      closed_on=None)
         for unit in units for t in range(tasks_count)), batch_size=2000)
    entries = []
    for task in tasks:
        for source, base in ((central, 300_000_000), (local, 120_000_001)):
            for index, stage in enumerate((Stage.APPROVED, Stage.ALLOCATED, Stage.ADVANCED, Stage.PAID, Stage.SETTLED)):
                entries.append(MoneyEntry(task=task, source=source, year=2017, stage=stage, amount_vnd=base - index * 1_000_000,
                                          entry_date=date(2017, 3, 1)))
    MoneyEntry.objects.bulk_create(entries, batch_size=5000)
    calls = Call.objects.bulk_create(
        (Call(kind=CallKind.PROGRESS, programme=programme, title=f"Báo cáo tiến độ: {task.name}"[:255],
              opens_on=date(2017, 7, 1), deadline=date(2017, 7, 31), closes_on=date(2017, 8, 30)) for task in tasks),
        batch_size=2000)
    submissions = Submission.objects.bulk_create(
        (Submission(call=call, organisation_id=task.organisation_id, status=Status.ACCEPTED)
         for call, task in zip(calls, tasks)), batch_size=2000)
    reports = ProgressReport.objects.bulk_create(
        (ProgressReport(submission=submission, task=task, title="Báo cáo tiến độ", progress_status=task.progress_status,
                        percent=task.progress_percent, work_done="Đã thực hiện", problems="Chậm giải ngân")
         for submission, task in zip(submissions, tasks)), batch_size=2000)
    Deliverable.objects.bulk_create(
        (Deliverable(report=report, title=title, is_public=True)
         for report in reports for title in ("Tài liệu tập huấn", "Danh sách học viên")), batch_size=5000)


def main(units_count=100, tasks_count=10):
    from docx import Document
    from openpyxl import load_workbook

    from execution import implementation

    failures = 0
    with throwaway_database():
        build(units_count, tasks_count)
        print(f"{units_count} units x {tasks_count} tasks = {units_count * tasks_count} assigned tasks on {connection.vendor}")

        def generate_docx():
            return implementation.build_docx(implementation.gather(year=2017))

        statements = captured_statements(generate_docx)
        content = generate_docx()
        layout = describe(content)
        tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(io.BytesIO(content)).tables[1:-1]]
        floor = best_of(lambda: docx_floor(statements, layout))
        full = best_of(generate_docx)
        ratio = full / floor
        failures += ratio > 2
        print(f"docx report ({len(statements)} queries, {sum(len(t) for t in tables)} table rows): floor (same SQL + "
              f"the same layout with python-docx alone) {floor * 1000:.0f} ms, generation {full * 1000:.0f} ms, ratio {ratio:.2f} (target <= 2) "
              f"{'OK' if ratio <= 2 else 'OVER'}")

        def generate_xlsx():
            return implementation.build_xlsx(implementation.gather(year=2017))

        statements = captured_statements(generate_xlsx)
        workbook = load_workbook(io.BytesIO(generate_xlsx()), read_only=True)
        rows = [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
        floor = best_of(lambda: xlsx_floor(statements, rows))
        full = best_of(generate_xlsx)
        ratio = full / floor
        failures += ratio > 2
        print(f"xlsx annex ({len(rows)} rows): floor (same SQL + write-only cells) {floor * 1000:.0f} ms, "
              f"generation {full * 1000:.0f} ms, ratio {ratio:.2f} (target <= 2) {'OK' if ratio <= 2 else 'OVER'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
