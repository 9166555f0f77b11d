from datetime import datetime

from core import clock
from core.testing.access import UrlCase
from core.testing.world import ADMIN_ONLY, EVERYONE, LOGGED_IN, OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE, UNIT_OFFICER
from evaluation import services

from .factories import full_entries, open_evaluation


def cases(world):
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    period = open_evaluation(world)
    report = services.report_for(period=period, organisation=world.unit)
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    clock.set_now(datetime(2016, 6, 2, 9, 0))  # the period stays open while the cases run

    pk, own = period.pk, {"pk": period.pk, "code": world.unit.code}
    form = {"facilities_aware__numerator": "50", "facilities_aware__denominator": "100"}
    return [
        UrlCase("evaluation:list", allowed=LOGGED_IN),
        UrlCase("evaluation:create", allowed=ADMIN_ONLY),
        UrlCase("evaluation:detail", {"pk": pk}, allowed=OFFICE | OWN_UNIT | {"other_officer"}),
        UrlCase("evaluation:board", {"pk": pk}, allowed=OFFICE),
        UrlCase("evaluation:dashboard", {"pk": pk}, allowed=EVERYONE),
        UrlCase("evaluation:export_docx", {"pk": pk}, allowed=OFFICE),
        UrlCase("evaluation:export_xlsx", {"pk": pk}, allowed=OFFICE),
        UrlCase("evaluation:report", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("evaluation:report_edit", own, allowed=OWN_UNIT),
        UrlCase("evaluation:report_edit", own, method="post", data=form, allowed=OWN_UNIT),
        UrlCase("evaluation:report_autosave", own, method="post", data={**form, "indicator": "facilities_aware"},
                allowed=OWN_UNIT),
        UrlCase("evaluation:report_submit", own, method="post", allowed=OWN_UNIT),
    ]
