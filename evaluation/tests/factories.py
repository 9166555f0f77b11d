from datetime import date
from pathlib import Path

from django.conf import settings

from collection.models import Senders
from evaluation import reference, services
from evaluation.models import Indicator
from rounds.tests.factories import programme

DATA = Path(settings.BASE_DIR) / "data" / "reference"


def catalogue():
    """The Strategy and its indicator catalogue, loaded from the project's reference files."""
    strategy = programme()
    reference.load(DATA)
    return strategy


def open_evaluation(world=None, *, invited=None, **changes):
    """The 2009–2015 evaluation: opens 01/03/2016, deadline 30/06/2016."""
    fields = {
        "programme": catalogue(), "title": "Đánh giá thực hiện Chiến lược giai đoạn 2009 - 2015", "start_year": 2009,
        "end_year": 2015, "opens_on": date(2016, 3, 1), "deadline": date(2016, 6, 30),
        "invited": invited if invited is not None else [world.unit, world.other_unit],
        "senders": Senders.OFFICERS,  # the units' focal officers send their indicator reports
    }
    fields.update(changes)
    return services.open_period(**fields)


def indicator(code) -> Indicator:
    return Indicator.objects.get(code=code)


def full_entries(aware=(40, 100), applying=(20, 100), saving=(6, 10), doit=1, comment=""):
    """A complete valid entry for a province."""
    return {
        "facilities_aware": {"numerator": aware[0], "denominator": aware[1], "comment": comment},
        "facilities_applying": {"numerator": applying[0], "denominator": applying[1], "comment": comment},
        "resource_saving": {"value": saving[0], "denominator": saving[1], "comment": comment},
        "doit_capable_staff": {"value": doit, "comment": comment},
    }
