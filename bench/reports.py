"""Report-to-the-Prime-Minister benchmark, printed as ratios to floors measured in the same run.

UNITS units each with an issued action plan and an annual dossier of TASKS tasks (funded from two
sources). Measured:
1. the .docx report (consolidation + Decree 30 layout) vs a floor = the same SQL statements run
   directly + the same table cells written with python-docx alone (target: at most 2x);
2. the .xlsx annex of every task vs the same queries + the same cells with openpyxl's write-only
   writer alone (target: at most 2x).

Runs on a throw-away test database:  .venv/bin/python bench/reports.py [UNITS] [TASKS]
                                     DATABASE_URL=postgres://... .venv/bin/python bench/reports.py"""
import io
import sys
from datetime import date

from common import ROOT, best_of, captured_statements, docx_floor, setup_django, throwaway_database, xlsx_floor

setup_django()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build(units_count, tasks_count):
    from organisations.models import Organisation, OrganisationKind
    from plans.models import (
        ActionPlan,
        ActionPlanFunding,
        ActionPlanTask,
        Dossier,
        DossierFunding,
        DossierStatus,
        DossierTask,
        PlanStatus,
    )
    from plans.services import open_call
    from programmes import reference
    from programmes.models import ComponentProject, FundingSource, Programme

    reference.load(ROOT / "data" / "reference")
    programme = Programme.objects.get(code="sxsh-2020")
    phase = programme.phases.get(code="2016-2020")
    sources = list(FundingSource.objects.all())
    components = list(ComponentProject.objects.filter(programme=programme))
    kinds = [OrganisationKind.PROVINCE, OrganisationKind.MINISTRY, OrganisationKind.STATE_GROUP]
    units = Organisation.objects.bulk_create(
        Organisation(code=f"u{i}", kind=kinds[i % 3], name_vi=f"Đơn vị {i:03d}") for i in range(units_count))
    call = open_call(programme=programme, plan_year=2017, deadline=date(2016, 12, 15), invited=units)
    plans = ActionPlan.objects.bulk_create(ActionPlan(organisation=u, phase=phase, status=PlanStatus.ISSUED) for u in units)
    plan_tasks = ActionPlanTask.objects.bulk_create(
        ActionPlanTask(plan=p, position=t, name=f"Nhiệm vụ {t}", start_year=2016, end_year=2020, component=components[t % len(components)])
        for p in plans for t in range(5))
    ActionPlanFunding.objects.bulk_create(
        (ActionPlanFunding(task=t, year=y, source=sources[y % len(sources)], amount_vnd=1_000_000 * (y - 2015))
         for t in plan_tasks for y in range(2016, 2021)), batch_size=5000)
    dossiers = Dossier.objects.bulk_create(Dossier(call=call, organisation=u, status=DossierStatus.SUBMITTED) for u in units)
    tasks = DossierTask.objects.bulk_create(
        (DossierTask(dossier=d, position=t, name=f"Nhiệm vụ {t} về sản xuất sạch hơn năm 2017",
                     component=components[t % len(components)], responsible_body="Sở Công Thương")
         for d in dossiers for t in range(tasks_count)), batch_size=5000)
    DossierFunding.objects.bulk_create(
        (DossierFunding(task=t, source=sources[(t.position + k) % len(sources)], amount_vnd=1_500_000 * (t.position + 1) + k)
         for t in tasks for k in range(2)), batch_size=5000)
    return programme


def main(units_count=200, tasks_count=50):
    from docx import Document

    from reports import pm_report, selectors

    failures = 0
    with throwaway_database():
        programme = build(units_count, tasks_count)
        print(f"{units_count} units x {tasks_count} tasks = {units_count * tasks_count} dossier tasks on {connection.vendor}")
        report = pm_report.default_report(programme=programme, year=2017)

        def generate_docx():
            return pm_report.build_docx(report, selectors.consolidate(year=2017, programme=programme))

        statements = captured_statements(generate_docx)
        generated = Document(io.BytesIO(generate_docx()))
        tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in generated.tables[1:-1]]
        with CaptureQueriesContext(connection) as queries:
            generate_docx()
        floor = best_of(lambda: docx_floor(statements, tables))
        full = best_of(generate_docx)
        ratio = full / floor
        failures += ratio > 2
        print(f"docx report ({len(queries)} queries, {sum(len(t) for t in tables)} table rows): floor (same SQL + python-docx "
              f"tables) {floor * 1000:.0f} ms, generation {full * 1000:.0f} ms, ratio {ratio:.2f} (target <= 2) "
              f"{'OK' if ratio <= 2 else 'OVER'}")

        def generate_xlsx():
            return pm_report.build_xlsx(selectors.consolidate(year=2017, programme=programme))

        statements = captured_statements(generate_xlsx)
        data = selectors.consolidate(year=2017, programme=programme)
        rows = [[i, t["organisation"].name_vi, t["organisation"].kind, t["name"], t["component__name_vi"], "",
                 t["responsible_body"], *[t["amounts"].get(s.pk, 0) for s in data.sources]]
                for i, t in enumerate(data.tasks)]
        floor = best_of(lambda: xlsx_floor(statements, rows))
        full = best_of(generate_xlsx)
        ratio = full / floor
        failures += ratio > 2
        print(f"xlsx annex ({len(rows)} task rows): floor (same SQL + write-only cells) {floor * 1000:.0f} ms, "
              f"generation {full * 1000:.0f} ms, ratio {ratio:.2f} (target <= 2) {'OK' if ratio <= 2 else 'OVER'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
