"""schemathesis against the live OpenAPI schema, inside the suite: for every operation, generated requests
as a logged-in unit officer must get no server error and answers that conform to the schema.

(schemathesis's pytest plugin does not run under pytest 9, so the operations are driven through its
Python API with Hypothesis directly.)"""
from datetime import datetime

import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from core.testing.world import UNIT_OFFICER
from rounds import services
from rounds.tests.factories import open_2017_round, task


def test_every_api_operation_conforms_to_the_schema(world, clock):
    from sxsh.wsgi import application

    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=world.user(UNIT_OFFICER))[0].key}"}
    # Called straight through WSGI, Django would close the test's database connection after each request;
    # Django's own test client suspends that signal in the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        checked = run_all_operations(schemathesis.openapi.from_wsgi("/api/schema/", application), headers)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert len(checked) >= 10, checked


def run_all_operations(schema, headers):
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            # Every check but "schema-valid data is accepted": business rules (a wrong password, a row of a
            # submitted proposal) rightly refuse some well-formed requests.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
        checked.append(operation.label)
    return checked
