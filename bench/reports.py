"""Exports and the report to the Prime Minister, printed as ratios to floors measured in the same run
(issue 18: each floor is the fastest well-kept library doing the same work after the same queries).

UNITS units, each with an issued action plan, a sent proposal of TASKS task rows (two in three accepted
with approved amounts) and an annual dossier of TASKS tasks funded from two sources. Measured, as medians
of ROUNDS alternating rounds (a busy machine slows floor and generation alike):
1. the .docx report (every section of letter 4108, Decree 30 layout) vs a floor that replays the same SQL
   statements and then builds THE SAME layout (page, every paragraph with its runs, alignment and spacing,
   every table with its widths and cells) with python-docx alone; target at most 1.5x;
2. the round's consolidated export vs its own SQL replayed and the rows it returns (the values_list of the
   same query) written as bare cells by XlsxWriter in constant-memory mode; target at most 1.5x;
3. the .xlsx annex (every proposal row and dossier task, streamed) vs the same SQL statements replayed
   plus the same rows written as bare cells by XlsxWriter in constant-memory mode; target at most 1.5x.
   For 2 and 3 openpyxl's write-only floor is printed beside: the writer was chosen by this measurement.
4. with --growth (instead of 1-3) or --all (after them): a table of time and peak memory (resident set,
   above the level before the run) of the consolidated export and of the report annex at 200x50, 1,000x50
   and 2,000x100 rows; target at most +50 MB at 200,000 rows.

Runs on a throw-away test database, one command per database:
    .venv/bin/python bench/reports.py --all
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sxsh_bench .venv/bin/python bench/reports.py --all
(`[UNITS] [TASKS]` change the size of 1-3; `--growth` prints the table alone.)"""
import statistics
import subprocess
import sys
import threading
import time
from datetime import date

from common import (
    ROOT,
    captured_statements,
    describe,
    docx_floor,
    openpyxl_floor,
    setup_django,
    throwaway_database,
    xlsx_floor,
)

setup_django()

from django.db import connection  # noqa: E402

ROUNDS = 9
DOCX_TARGET, XLSX_TARGET, MEMORY_TARGET_MB = 1.5, 1.5, 50
GROWTH_SIZES = [(200, 50), (1000, 50), (2000, 100)]


def build(units_count, tasks_count):
    from collection.models import Submission
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
    from rounds.models import Proposal, ProposalStatus, TaskRow
    from rounds.services import open_round

    reference.load(ROOT / "data" / "reference")
    programme = Programme.objects.get(code="sxsh-2020")
    phase = programme.phases.get(code="2016-2020")
    sources = list(FundingSource.objects.all())
    components = list(ComponentProject.objects.filter(programme=programme))
    kinds = [OrganisationKind.PROVINCE, OrganisationKind.MINISTRY, OrganisationKind.STATE_GROUP]
    units = Organisation.objects.bulk_create(
        Organisation(code=f"u{i}", kind=kinds[i % 3], name_vi=f"Đơn vị {i:04d}") for i in range(units_count))

    round_obj = open_round(programme=programme, title="Đề xuất nhiệm vụ năm 2017", plan_year=2017, opens_on=date(2016, 5, 13),
                           deadline=date(2016, 6, 15), invited=units, letter_number="4108/BCT-KHCN")
    priorities, options = round_obj.options("priority"), round_obj.options("component")
    proposal_submissions = Submission.objects.bulk_create(
        Submission(call=round_obj.call, organisation=u, status=ProposalStatus.ACCEPTED if i % 3 else ProposalStatus.SUBMITTED,
                   submitted_late=i % 5 == 0) for i, u in enumerate(units))
    proposals = Proposal.objects.bulk_create(
        Proposal(submission=s, round=round_obj, organisation=s.organisation) for s in proposal_submissions)
    TaskRow.objects.bulk_create(
        (TaskRow(proposal=p, position=t, name=f"Nhiệm vụ đề xuất {t} về sản xuất sạch hơn", objectives="Mục tiêu " * 5,
                 products="Báo cáo", period="Năm 2017", central_vnd=2_000_000 * (t + 1), other_vnd=500_000 * t,
                 priority=priorities[t % len(priorities)], component=options[t % len(options)],
                 approved_central_vnd=1_500_000 * (t + 1) if p.submission.status == ProposalStatus.ACCEPTED else None)
         for p in proposals for t in range(tasks_count)), batch_size=5000)

    call = open_call(programme=programme, plan_year=2017, deadline=date(2016, 12, 15), invited=units)
    plans = ActionPlan.objects.bulk_create(ActionPlan(organisation=u, phase=phase, status=PlanStatus.ISSUED) for u in units)
    plan_tasks = ActionPlanTask.objects.bulk_create(
        ActionPlanTask(plan=p, position=t, name=f"Nhiệm vụ {t}", start_year=2016, end_year=2020, component=components[t % len(components)])
        for p in plans for t in range(5))
    ActionPlanFunding.objects.bulk_create(
        (ActionPlanFunding(task=t, year=y, source=sources[y % len(sources)], amount_vnd=1_000_000 * (y - 2015))
         for t in plan_tasks for y in range(2016, 2021)), batch_size=5000)
    dossier_submissions = Submission.objects.bulk_create(
        Submission(call=call.call, organisation=u, status=DossierStatus.SUBMITTED) for u in units)
    dossiers = Dossier.objects.bulk_create(
        Dossier(submission=s, call=call, organisation=s.organisation) for s in dossier_submissions)
    tasks = DossierTask.objects.bulk_create(
        (DossierTask(dossier=d, position=t, name=f"Nhiệm vụ {t} về sản xuất sạch hơn năm 2017",
                     component=components[t % len(components)], responsible_body="Sở Công Thương")
         for d in dossiers for t in range(tasks_count)), batch_size=5000)
    DossierFunding.objects.bulk_create(
        (DossierFunding(task=t, source=sources[(t.position + k) % len(sources)], amount_vnd=1_500_000 * (t.position + 1) + k)
         for t in tasks for k in range(2)), batch_size=5000)
    return programme, round_obj


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternating(floor, full, rounds=ROUNDS):
    """Medians of floor and full times over alternating rounds, and the ratio judged: the larger of the median
    of the per-round ratios and the ratio of the medians (a busy machine moves one more than the other)."""
    floors, fulls = [], []
    for _ in range(rounds):
        floors.append(timed(floor))
        fulls.append(timed(full))
    floor_median, full_median = statistics.median(floors), statistics.median(fulls)
    per_round = statistics.median(b / a for a, b in zip(floors, fulls))
    return floor_median, full_median, max(per_round, full_median / floor_median)


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def peak_memory(fn) -> tuple[float, float]:
    """(seconds, peak resident memory above the level before the call, MB), sampled every 2 ms."""
    baseline, peak, done = _rss_mb(), [0.0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        seconds = timed(fn)
    finally:
        done.set()
        sampler.join()
    return seconds, max(peak[0], _rss_mb()) - baseline


def alternating_writers(full, xlsxwriter_floor, openpyxl_floor, rounds=ROUNDS):
    """Medians over alternating rounds of the generation and of both writers' floors; the ratio to the
    XlsxWriter floor judged as in `alternating`."""
    fulls, floors, others = [], [], []
    for _ in range(rounds):
        floors.append(timed(xlsxwriter_floor))
        fulls.append(timed(full))
        others.append(timed(openpyxl_floor))
    full_median, floor_median = statistics.median(fulls), statistics.median(floors)
    per_round = statistics.median(b / a for a, b in zip(floors, fulls))
    return full_median, floor_median, statistics.median(others), max(per_round, full_median / floor_median)


def _ms(seconds) -> str:
    from core.vn import format_number

    return f"{format_number(seconds * 1000)} ms"


def _judged(ratio, target) -> str:
    from core.vn import format_number

    return f"{format_number(ratio, 2)} (≤ {format_number(target, 1)}) {'OK' if ratio <= target else 'OVER'}"


def ratios(units_count=200, tasks_count=50) -> int:
    from core.vn import format_number
    from reports import pm_annex, pm_report, selectors
    from rounds import export_jobs

    failures = 0
    with throwaway_database():
        programme, round_obj = build(units_count, tasks_count)
        print(f"{connection.vendor}: {units_count} units x {tasks_count} tasks = {format_number(units_count * tasks_count)} "
              f"proposal rows and as many dossier tasks; medians of {ROUNDS} alternating rounds", flush=True)
        print("| file | floor (same SQL, then the bare library) | generation | ratio to the floor (target) |")
        print("|---|---|---|---|")
        report = pm_report.default_report(programme=programme, year=2017)
        report.number, report.signer_name = "35/BC-BCT", "Nguyễn Văn Minh"

        def generate_docx():
            return pm_report.build_docx(report, selectors.report_data(year=2017, programme=programme))

        statements = captured_statements(generate_docx)
        layout = describe(generate_docx())
        floor, full, ratio = alternating(lambda: docx_floor(statements, layout), generate_docx)
        failures += ratio > DOCX_TARGET
        print(f"| report .docx | {_ms(floor)} (python-docx, same layout) | {_ms(full)} | {_judged(ratio, DOCX_TARGET)} |",
              flush=True)

        def generate_export():
            return export_jobs.write_consolidated(round_obj)

        # The export's floor writes exactly what its own query returns (the values_list of the same SELECT).
        statements = captured_statements(generate_export)
        full, floor, other, ratio = alternating_writers(
            generate_export, lambda: xlsx_floor(statements), lambda: openpyxl_floor(statements))
        failures += ratio > XLSX_TARGET
        print(f"| consolidated export, {format_number(units_count * tasks_count)} rows | {_ms(floor)} (XlsxWriter "
              f"constant memory; openpyxl write-only {_ms(other)}) | {_ms(full)} | {_judged(ratio, XLSX_TARGET)} |", flush=True)

        def generate_annex():
            return pm_annex.build_xlsx(selectors.report_data(year=2017, programme=programme))

        statements = captured_statements(generate_annex)
        data = selectors.report_data(year=2017, programme=programme)
        rows = [list(row) for row in data.proposal_rows()] + [list(row) for row in data.dossiers.received_tasks()]
        full, floor, other, ratio = alternating_writers(
            generate_annex, lambda: xlsx_floor(statements, rows), lambda: openpyxl_floor(statements, rows))
        failures += ratio > XLSX_TARGET
        print(f"| report annex .xlsx, {format_number(len(rows))} rows | {_ms(floor)} (XlsxWriter constant memory; "
              f"openpyxl write-only {_ms(other)}) | {_ms(full)} | {_judged(ratio, XLSX_TARGET)} |", flush=True)
    return failures


def growth_row(units_count, tasks_count) -> int:
    """One line of the growth table, measured in a process of its own (a fresh database and a clean heap)."""
    from core.vn import format_number
    from reports import pm_annex, selectors
    from rounds import export
    from rounds import selectors as round_selectors

    with throwaway_database():
        programme, round_obj = build(units_count, tasks_count)
        rows = units_count * tasks_count
        export_time, export_mb = peak_memory(lambda: export.write_consolidated(
            title=round_obj.title, plan_year=2017, money_unit="trieu", rows=round_selectors.export_rows(round_obj)))
        annex_time, annex_mb = peak_memory(lambda: pm_annex.build_xlsx(selectors.report_data(year=2017, programme=programme)))
    print(f"| {format_number(units_count)} x {tasks_count} | {format_number(rows)} | {format_number(export_time, 1)} s, "
          f"+{format_number(export_mb)} MB | {format_number(annex_time, 1)} s, +{format_number(annex_mb)} MB |")
    return rows >= 200_000 and max(export_mb, annex_mb) > MEMORY_TARGET_MB


def growth() -> int:
    print(f"growth on {connection.vendor}: time and peak resident memory above the level before the call; the annex "
          f"holds the proposal rows and as many dossier tasks")
    print("| units x tasks | rows | consolidated export | report annex (.xlsx) |")
    print("|---|---|---|---|", flush=True)
    failures = 0
    for units_count, tasks_count in GROWTH_SIZES:
        failures += subprocess.run([sys.executable, __file__, "--growth-row", str(units_count), str(tasks_count)]).returncode
    print(f"(target: at most +{MEMORY_TARGET_MB} MB at 200.000 rows)")
    return failures


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:] if a.isdigit()][:2]
    if "--growth-row" in sys.argv:
        sys.exit(1 if growth_row(*arguments) else 0)
    if "--growth" in sys.argv:
        sys.exit(1 if growth() else 0)
    failures = ratios(*arguments)
    if "--all" in sys.argv:
        failures += growth()
    sys.exit(1 if failures else 0)
