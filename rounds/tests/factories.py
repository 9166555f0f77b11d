from datetime import date

from programmes.models import Programme
from rounds import services


def programme():
    return Programme.objects.get_or_create(
        code="sxsh-2020", defaults={"name_vi": "Chiến lược SXSH đến năm 2020", "start_year": 2009, "end_year": 2020}
    )[0]


def open_2017_round(world, **changes):
    """The seed's round: tasks for the 2017 plan, deadline 15/06/2016, our unit and the other invited."""
    fields = {
        "programme": programme(), "title": "Đề xuất nhiệm vụ năm 2017", "plan_year": 2017,
        "opens_on": date(2016, 5, 13), "deadline": date(2016, 6, 15),
        "invited": [world.unit, world.other_unit], "money_unit": "trieu",
    }
    fields.update(changes)
    return services.open_round(**fields)


def task(name="Tập huấn SXSH", central=300_000_000, other=120_000_000, **extra):
    return {"name": name, "central_vnd": central, "other_vnd": other, **extra}
