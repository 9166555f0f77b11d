from datetime import datetime

from core import clock
from core.testing.access import UrlCase
from core.testing.world import EVERYONE, LOGGED_IN, OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE, UNIT_OFFICER
from portal.models import Item
from rounds import services
from rounds.tests.factories import open_2017_round, task


def cases(world):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world, title="Đợt API")
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    row = services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    rows = {"proposal_pk": proposal.pk}
    one_row = {**rows, "pk": row.pk}
    published = Item.objects.create(category="news", organisation=world.office, title="Tin đã đăng", status="published",
                                    published_at=clock.now())
    draft = Item.objects.create(category="news", organisation=world.unit, title="Bản nháp", status="draft")
    body = {"name": "Nhiệm vụ qua API", "central_vnd": 1_000_000, "other_vnd": 0}
    from pathlib import Path

    from django.conf import settings

    from evaluation.reference import load as load_indicators  # noqa: I001 the catalogue is reference data
    from plans import services as plan_services
    from plans.models import DossierCall
    from plans.tests.factories import open_2017_call, phase_2016_2020

    plan = plan_services.plan_for(organisation=world.unit, phase=phase_2016_2020())
    call = DossierCall.objects.filter(plan_year=2017).first() or open_2017_call(world)
    dossier = plan_services.dossier_for(call=call, organisation=world.unit)
    from plans.tests.factories import strategy
    strategy()
    load_indicators(Path(settings.BASE_DIR) / "data" / "reference")
    from evaluation.models import Indicator
    indicator = Indicator.objects.first()
    return [
        UrlCase("open_data:page", allowed=EVERYONE),
        UrlCase("api:schema", allowed=EVERYONE),
        UrlCase("api:token", method="post", data={"username": "officer@test.vn", "password": "correct-horse-battery-staple"},
                allowed=EVERYONE, note="credentials are checked, not the caller"),
        UrlCase("api:open_index", allowed=EVERYONE),
        UrlCase("api:open_dataset", {"name": "funding", "fmt": "csv"}, allowed=EVERYONE),
        UrlCase("api:organisation-list", allowed=EVERYONE),
        UrlCase("api:organisation-detail", {"code": world.unit.code}, allowed=EVERYONE),
        UrlCase("api:round-list", allowed=LOGGED_IN),
        UrlCase("api:round-detail", {"pk": round_obj.pk}, allowed=OFFICE | OWN_UNIT | {"other_officer"}),
        UrlCase("api:proposal-list", allowed=LOGGED_IN),
        UrlCase("api:proposal-detail", {"pk": proposal.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:proposal-row-list", rows, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:proposal-row-list", rows, method="post", data=body, allowed=OWN_UNIT),
        UrlCase("api:proposal-row-detail", one_row, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:open_dataset", {"name": "plan-funding", "fmt": "json"}, allowed=EVERYONE),
        UrlCase("api:open_dataset", {"name": "indicators", "fmt": "csv"}, allowed=EVERYONE),
        UrlCase("api:action-plan-list", allowed=LOGGED_IN),
        UrlCase("api:action-plan-detail", {"pk": plan.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:dossier-list", allowed=LOGGED_IN),
        UrlCase("api:dossier-detail", {"pk": dossier.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:indicator-list", allowed=EVERYONE),
        UrlCase("api:indicator-detail", {"code": indicator.code}, allowed=EVERYONE),
        UrlCase("api:portal-item-list", allowed=EVERYONE),
        UrlCase("api:portal-item-detail", {"pk": published.pk}, allowed=EVERYONE),
        UrlCase("api:portal-item-detail", {"pk": draft.pk}, allowed=frozenset(), note="drafts are never in the API"),
    ]
