"""Evaluation dashboard benchmark: UNITS units × YEARS yearly periods × INDICATORS indicators, all
submitted. Times the dashboard's server time (selectors + page rendering) against a floor: the same
grouped aggregate (sums per indicator and organisation kind for the period) in one raw SQL query.

Runs on a throw-away test database:  .venv/bin/python bench/evaluation.py [UNITS] [YEARS] [INDICATORS]
                                     DATABASE_URL=postgres://... .venv/bin/python bench/evaluation.py"""
import sys
import time
from datetime import date
from functools import partial

import common
from common import setup_django, throwaway_database

setup_django()

from django.db import connection  # noqa: E402

RULES = ["ratio_of_sums", "weighted_mean", "share_of_units", "average", "sum"]
best_of = partial(common.best_of, repeat=5)


def build(units_count, years, indicators_count):
    from collection.models import Status, Submission
    from evaluation import services
    from evaluation.models import Indicator, IndicatorValue, Target, UnitReport
    from organisations.models import Organisation, OrganisationKind
    from programmes.models import Programme

    programme = Programme.objects.create(code="p", name_vi="P", start_year=2009, end_year=2030)
    provinces = [t["code"] for t in __import__("evaluation.svg", fromlist=["tiles"]).tiles()["63"]]
    kinds = [OrganisationKind.PROVINCE, OrganisationKind.MINISTRY, OrganisationKind.STATE_GROUP]
    units = Organisation.objects.bulk_create(
        Organisation(code=provinces[i] if i < len(provinces) else f"u{i}", kind=kinds[0] if i < len(provinces) else kinds[i % 3],
                     name_vi=f"Đơn vị {i:03d}") for i in range(units_count))
    indicators = Indicator.objects.bulk_create(
        Indicator(programme=programme, code=f"i{i}", order=i, name_vi=f"Chỉ tiêu {i}", unit="%", aggregation=RULES[i % len(RULES)])
        for i in range(indicators_count))
    Target.objects.bulk_create(Target(indicator=i, milestone_year=2020, target_min=50) for i in indicators)
    periods = []
    for year in range(2016, 2016 + years):
        periods.append(services.open_period(programme=programme, title=f"Năm {year}", start_year=year, end_year=year,
                                            opens_on=date(year + 1, 1, 15), deadline=date(year + 1, 3, 31), invited=units))
    submissions = Submission.objects.bulk_create(
        Submission(call=p.call, organisation=u, status=Status.SUBMITTED) for p in periods for u in units)
    period_of_call = {p.call_id: p for p in periods}
    reports = UnitReport.objects.bulk_create(
        UnitReport(submission=s, period=period_of_call[s.call_id], organisation=s.organisation) for s in submissions)
    IndicatorValue.objects.bulk_create(
        (IndicatorValue(report=r, indicator=ind, value=(r.pk * 7 + ind.pk) % 100, numerator=(r.pk + ind.pk) % 50,
                        denominator=50 + (r.pk % 30))
         for r in reports for ind in indicators), batch_size=5000)
    return periods[-1]


FLOOR_SQL = """
SELECT v.indicator_id, o.kind, COUNT(v.id), SUM(v.value), SUM(v.numerator), SUM(v.denominator),
       SUM(v.value * v.denominator), SUM(CASE WHEN v.value > 0 THEN 1 ELSE 0 END)
FROM evaluation_indicatorvalue v
JOIN evaluation_unitreport r ON r.id = v.report_id
JOIN collection_submission s ON s.id = r.submission_id
JOIN organisations_organisation o ON o.id = r.organisation_id
WHERE r.period_id = %s AND s.status = 'submitted'
GROUP BY v.indicator_id, o.kind
"""


SUMS = """COUNT(v.id), SUM(v.value), SUM(v.numerator), SUM(v.denominator), SUM(v.value * v.denominator),
       SUM(CASE WHEN v.value > 0 THEN 1 ELSE 0 END)"""
# Everything the dashboard aggregates: per kind and per province for the period, per period for the trend.
FULL_FLOOR_SQL = [
    FLOOR_SQL,
    f"""SELECT v.indicator_id, o.code, {SUMS} FROM evaluation_indicatorvalue v
        JOIN evaluation_unitreport r ON r.id = v.report_id JOIN organisations_organisation o ON o.id = r.organisation_id
        JOIN collection_submission s ON s.id = r.submission_id
        WHERE r.period_id = %s AND s.status = 'submitted' AND o.kind = 'province' GROUP BY v.indicator_id, o.code""",
    f"""SELECT v.indicator_id, r.period_id, {SUMS} FROM evaluation_indicatorvalue v
        JOIN evaluation_unitreport r ON r.id = v.report_id JOIN evaluation_reportingperiod p ON p.id = r.period_id
        JOIN collection_call c ON c.id = p.call_id JOIN collection_submission s ON s.id = r.submission_id
        WHERE c.programme_id = (SELECT c2.programme_id FROM evaluation_reportingperiod p2
                                JOIN collection_call c2 ON c2.id = p2.call_id WHERE p2.id = %s)
        AND s.status = 'submitted' GROUP BY v.indicator_id, r.period_id""",
]


def main(units_count=200, years=10, indicators_count=20):
    from django.conf import settings
    from django.db import reset_queries
    from django.test import Client

    from evaluation import selectors

    settings.ALLOWED_HOSTS = ["*"]
    with throwaway_database():
        started = time.perf_counter()
        period = build(units_count, years, indicators_count)
        print(f"{units_count} units x {years} years x {indicators_count} indicators = "
              f"{units_count * years * indicators_count} values on {connection.vendor} (built in {time.perf_counter() - started:.1f} s)")

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, [period.pk])
                cursor.fetchall()

        def full_floor():
            with connection.cursor() as cursor:
                for sql in FULL_FLOOR_SQL:
                    cursor.execute(sql, [period.pk])
                    cursor.fetchall()

        client = Client()
        url = f"/evaluation/{period.pk}/dashboard/"

        def page():
            assert client.get(url).status_code == 200

        floor_time = best_of(floor)
        full_time = best_of(full_floor)
        selector_time = best_of(lambda: selectors.dashboard(period))
        page_time = best_of(page)
        settings.DEBUG = True
        reset_queries()
        page()
        query_count = len(connection.queries)
        settings.DEBUG = False
        print(f"floor (one raw grouped SQL query) {floor_time * 1000:.1f} ms")
        print(f"full floor (raw SQL of every aggregate shown: by kind, by province, trend over {years} periods) "
              f"{full_time * 1000:.1f} ms")
        print(f"dashboard selectors {selector_time * 1000:.1f} ms, ratio {selector_time / floor_time:.1f} to the floor, "
              f"{selector_time / full_time:.1f} to the full floor")
        print(f"dashboard page (selectors + map + charts + template) {page_time * 1000:.1f} ms, "
              f"ratio {page_time / floor_time:.1f}, {query_count} queries")


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:4]])
