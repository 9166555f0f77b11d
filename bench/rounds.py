"""Proposal-round benchmarks, each printed as a ratio to a floor measured in the same run:

1. consolidated export of UNITS x TASKS rows (database query + annex layout) vs writing the same cells
   with openpyxl's write-only writer alone (target: at most 2x);
2. import of a 1,000-row workbook (parse + validation + one-transaction insert) vs a bare read of the
   same file with openpyxl (target: at most 3x).

Runs on a throw-away test database:  .venv/bin/python bench/rounds.py [UNITS] [TASKS]
                                     DATABASE_URL=postgres://... .venv/bin/python bench/rounds.py"""
import io
import sys
from datetime import date

from common import best_of, setup_django, throwaway_database

setup_django()

from django.db import connection  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402


def write_only_floor(units):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    for unit in units:
        for row in unit["rows"]:
            sheet.append([1, row["name"], row["objectives"], row["products"], row["period"], row["central_vnd"] / 1e6,
                          row["other_vnd"] / 1e6, row["notes"]])
    workbook.save(io.BytesIO())


def build(units_count, tasks_count):
    from collection.models import Status, Submission
    from organisations.models import Organisation, OrganisationKind
    from programmes.models import Programme
    from rounds import services
    from rounds.models import Proposal, TaskRow

    programme = Programme.objects.create(code="p", name_vi="P", start_year=2009, end_year=2020)
    units = Organisation.objects.bulk_create(
        Organisation(code=f"u{i}", kind=OrganisationKind.PROVINCE, name_vi=f"UBND Tỉnh {i:03d}") for i in range(units_count)
    )
    round_obj = services.open_round(programme=programme, title="Đề xuất nhiệm vụ năm 2017", plan_year=2017,
                                    opens_on=date(2016, 5, 13), deadline=date(2016, 6, 15), invited=units)
    submissions = Submission.objects.bulk_create(
        Submission(call=round_obj.call, organisation=unit, status=Status.SUBMITTED) for unit in units
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(submission=submission, round=round_obj, organisation=submission.organisation) for submission in submissions
    )
    TaskRow.objects.bulk_create(
        (TaskRow(proposal=p, position=t, name=f"Nhiệm vụ {t} về sản xuất sạch hơn", objectives="Mục tiêu và nội dung " * 5,
                 products="Báo cáo", period="Năm 2017", central_vnd=(t + 1) * 1_500_000, other_vnd=t * 250_000, notes="")
         for p in proposals for t in range(tasks_count)),
        batch_size=5000,
    )
    return round_obj, units[0]


def main(units_count=200, tasks_count=50):
    from collection.models import Status, Submission
    from rounds import annex, selectors, services

    failures = 0
    with throwaway_database():
        round_obj, first_unit = build(units_count, tasks_count)
        rows = units_count * tasks_count
        print(f"{units_count} units x {tasks_count} tasks = {rows} rows on {connection.vendor}")

        units = selectors.export_units(round_obj)
        floor = best_of(lambda: write_only_floor(units))
        export = best_of(lambda: annex.write_consolidated(
            title=round_obj.title, plan_year=2017, money_unit="trieu", units=selectors.export_units(round_obj)))
        ratio = export / floor
        failures += ratio > 2
        print(f"export: floor (write-only cells) {floor * 1000:.0f} ms, export (query + layout) {export * 1000:.0f} ms, "
              f"ratio {ratio:.2f} (target <= 2) {'OK' if ratio <= 2 else 'OVER'}")

        template = annex.write_template(
            round_title="x", plan_year=2017, unit_name="UBND Tỉnh 000", money_unit="trieu",
            identity={"round": round_obj.pk, "organisation": first_unit.code}, priorities=[], components=[],
            rows=[{"name": f"Nhiệm vụ {i}", "objectives": "Nội dung " * 10, "products": "Báo cáo", "period": "Năm 2017",
                   "central_vnd": 1_500_000 * (i + 1), "other_vnd": 500_000, "notes": ""} for i in range(1000)],
            blank_rows=0,
        )
        proposal = round_obj.proposals.get(organisation=first_unit)
        Submission.objects.filter(pk=proposal.submission_id).update(status=Status.DRAFT)

        def bare_read():
            workbook = load_workbook(io.BytesIO(template), read_only=True, data_only=True)
            for _ in workbook.worksheets[0].iter_rows(values_only=True):
                pass
            workbook.close()

        def full_import():
            result = annex.parse_annex(template)
            assert result.is_valid and len(result.tasks) == 1000
            services.import_rows(proposal=proposal, user=None, tasks=result.tasks, filename="bench.xlsx")

        floor = best_of(bare_read)
        imported = best_of(full_import)
        ratio = imported / floor
        failures += ratio > 3
        print(f"import 1,000 rows: floor (bare read) {floor * 1000:.0f} ms, parse + validate + insert {imported * 1000:.0f} ms, "
              f"ratio {ratio:.2f} (target <= 3) {'OK' if ratio <= 3 else 'OVER'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
