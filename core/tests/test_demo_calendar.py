"""The demo on the letter's calendar: settings.DEMO_TODAY fixes the day every rule reads through core.clock,
and the demo's story is told up to that day and no further."""
import io
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from accounts.forms import RegistrationForm
from core import clock as clock_module
from core.registry import project_apps
from organisations.models import Organisation
from rounds import selectors as round_selectors
from rounds.models import Proposal, ProposalStatus, Round

DEMO_TODAY = date(2016, 6, 10)
# Django's auto_now_add stamps the real time, not core.clock's; the portal owns that field.
NOT_ON_OUR_CLOCK = {("portal", "item", "created_at")}


def test_the_clock_keeps_the_demo_day_and_runs_the_time_of_day(settings, clock):
    settings.DEMO_TODAY = DEMO_TODAY
    real = timezone.localtime()
    assert clock.today() == DEMO_TODAY
    assert abs(timezone.localtime(clock.now()) - timezone.make_aware(datetime.combine(DEMO_TODAY, real.time()))) < timedelta(minutes=1)
    clock.set_now(timezone.make_aware(datetime(2016, 7, 1, 8)))
    assert clock.today() == date(2016, 7, 1)  # a test's frozen moment wins


def test_the_clock_is_the_real_one_without_a_demo_day(settings):
    settings.DEMO_TODAY = None
    assert abs(clock_module.now() - timezone.now()) < timedelta(minutes=1)


def test_a_story_stops_at_today_and_gives_the_clock_back(clock):
    clock.set_now(timezone.make_aware(datetime(2016, 6, 10, 15)))
    with clock.Story() as story:
        assert story.reached(date(2016, 6, 6)) and clock.now() == timezone.make_aware(datetime(2016, 6, 6, 9))
        assert not story.reached(date(2016, 6, 11)) and clock.today() == date(2016, 6, 6)
        assert story.reached(date(2016, 6, 10), hour=18)
        assert clock.now() == timezone.make_aware(datetime(2016, 6, 10, 15))  # never later than now
    assert clock.now() == timezone.make_aware(datetime(2016, 6, 10, 15))


@pytest.mark.parametrize("environment, refusal", [
    ({"SXSH_ENV": "production", "SECRET_KEY": "x" * 50, "DEMO_TODAY": "2016-06-10"}, "DEMO_TODAY is for the demo only"),
    ({"DEMO_TODAY": "10/06/2016"}, "DEMO_TODAY must be a date written as YYYY-MM-DD"),
])
def test_a_demo_day_is_refused_in_production_and_when_malformed(settings, environment, refusal):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sxsh.settings", **environment}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0 and refusal in result.stderr


@pytest.mark.django_db
def test_the_demo_lives_five_days_before_the_deadline(settings):
    settings.DEMO_TODAY = DEMO_TODAY
    call_command("load_demo", stdout=io.StringIO())
    end_of_today = timezone.make_aware(datetime.combine(DEMO_TODAY, time.max))

    late = {}
    for model in apps.get_models():
        if model._meta.app_label not in project_apps():
            continue
        for field in model._meta.concrete_fields:
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if isinstance(field, models.DateTimeField) and key not in NOT_ON_OUR_CLOCK:
                latest = model._default_manager.aggregate(latest=models.Max(field.name))["latest"]
                if latest is not None and latest > end_of_today:
                    late[key] = latest
    assert late == {}

    registry_2016 = Organisation.objects.reporting_units().valid_on(DEMO_TODAY)
    assert registry_2016.count() == 100 and Organisation.objects.reporting_units().current().count() == 100
    assert RegistrationForm().fields["organisation"].queryset.count() == 100

    round_obj = Round.objects.get(plan_year=2017)  # execution's demo adds the 2015 round its tasks come from
    assert (round_obj.opens_on, round_obj.deadline) == (date(2016, 5, 13), date(2016, 6, 15))
    assert round_obj.is_open(DEMO_TODAY) and set(round_obj.invited.all()) == set(registry_2016)
    states = dict(Proposal.objects.filter(round=round_obj).values_list("organisation__code", "submission__status"))
    assert states == {"ha-noi": ProposalStatus.ACCEPTED, "tkv": ProposalStatus.RETURNED, "bxd": ProposalStatus.SUBMITTED,
                      "quang-ninh": ProposalStatus.DRAFT, "thanh-hoa": ProposalStatus.DRAFT, "evn": ProposalStatus.DRAFT}
    board = round_selectors.completeness_board(round_obj)
    assert (board.expected, board.actual, board.actual_on_time) == (100, 2, 2)  # the returned one is not held
