"""Migration 0003: existing calls accepting late sending without a closing date get the deadline + 30 days;
calls refusing late sending keep none; a closing date before the deadline becomes the deadline."""
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("collection", "0002_progress_kind")]
AFTER = [("collection", "0003_late_sending_closes")]


@pytest.mark.django_db(transaction=True)
def test_existing_calls_get_a_closing_date():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Programme, Call = apps.get_model("programmes", "Programme"), apps.get_model("collection", "Call")
    programme = Programme.objects.create(code="sxsh", name_vi="Chiến lược SXSH", start_year=2009, end_year=2020)
    calendar = {"programme": programme, "kind": "proposals", "opens_on": date(2016, 5, 13), "deadline": date(2016, 6, 15)}
    forever = Call.objects.create(title="Nhận muộn mãi", accepts_late=True, closes_on=None, **calendar)
    closing = Call.objects.create(title="Nhận muộn đến 25/06", accepts_late=True, closes_on=date(2016, 6, 25), **calendar)
    early = Call.objects.create(title="Ngày đóng trước hạn", accepts_late=True, closes_on=date(2016, 6, 10), **calendar)
    strict = Call.objects.create(title="Không nhận muộn", accepts_late=False, closes_on=date(2016, 6, 25), **calendar)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Call = executor.loader.project_state(AFTER).apps.get_model("collection", "Call")
    assert dict(Call.objects.values_list("pk", "closes_on")) == {
        forever.pk: date(2016, 7, 15), closing.pk: date(2016, 6, 25), early.pk: date(2016, 6, 15),
        strict.pk: None}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
