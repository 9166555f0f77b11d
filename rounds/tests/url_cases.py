from datetime import datetime

from core import clock
from core.testing.access import UrlCase
from core.testing.world import ADMIN_ONLY, EVERYONE, LOGGED_IN, OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE, UNIT_LEADER, UNIT_OFFICER
from rounds import services

from .factories import open_2017_round, task


def cases(world):
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    row = services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    # A second round where our unit's proposal is already submitted, for the office's review pages.
    reviewed = open_2017_round(world, title="Đợt đã gửi")
    submitted = services.proposal_for(round_obj=reviewed, organisation=world.unit)
    services.save_row(proposal=submitted, user=world.user(UNIT_OFFICER), data=task())
    services.submit(proposal=submitted, user=world.user(UNIT_LEADER))
    clock.set_now(datetime(2016, 6, 2, 9, 0))  # the round stays open while the cases run

    pk, own = round_obj.pk, {"pk": round_obj.pk, "code": world.unit.code}
    done = {"pk": reviewed.pk, "code": world.unit.code}
    row_kwargs = {**own, "row_id": row.pk}
    form = {"version": proposal.lock_version + 1, "name": "Nhiệm vụ", "central_vnd": "10", "other_vnd": "0"}
    return [
        UrlCase("rounds:list", allowed=LOGGED_IN),
        UrlCase("rounds:public_list", allowed=EVERYONE),
        UrlCase("rounds:create", allowed=ADMIN_ONLY),
        UrlCase("rounds:detail", {"pk": pk}, allowed=OFFICE | OWN_UNIT | {"other_officer"}),
        UrlCase("rounds:edit", {"pk": pk}, allowed=ADMIN_ONLY),
        UrlCase("rounds:board", {"pk": pk}, allowed=OFFICE),
        UrlCase("rounds:consolidation", {"pk": pk}, allowed=OFFICE),
        UrlCase("rounds:export", {"pk": pk}, allowed=OFFICE),
        UrlCase("rounds:proposal", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("rounds:grid", own, method="post", data={"action": "paste", "column": "name", "text": "A\tB"}, allowed=OWN_UNIT),
        UrlCase("rounds:row_add", own, allowed=OWN_UNIT),
        UrlCase("rounds:row_add", own, method="post", data=form, allowed=OWN_UNIT),
        UrlCase("rounds:row_edit", row_kwargs, allowed=OWN_UNIT),
        UrlCase("rounds:row_delete", row_kwargs, method="post", data={"version": proposal.lock_version + 1}, allowed=OWN_UNIT),
        UrlCase("rounds:template", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("rounds:upload", own, allowed=OWN_UNIT),
        UrlCase("rounds:submit", own, method="post", allowed=frozenset({UNIT_LEADER})),
        UrlCase("rounds:comment", own, method="post", data={"text": "Góp ý"}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("rounds:review", done, allowed=OFFICE),
        UrlCase("rounds:review", done, method="post", data={"action": "return", "comment": "Bổ sung"}, allowed=OFFICE),
        UrlCase("rounds:version", {**done, "number": 1}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("rounds:export_unit", own, allowed=OWN_UNIT_AND_OFFICE),
    ]
