from core.testing.access import UrlCase
from core.testing.world import OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE, UNIT_LEADER, UNIT_OFFICER
from rounds import services as rounds
from rounds.tests.factories import open_2017_round, task


def cases(world):
    round_obj = open_2017_round(world, title="Đợt để gửi")
    proposal = rounds.proposal_for(round_obj=round_obj, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
    draft = {"pk": proposal.submission.pk}
    return [
        UrlCase("collection:review_queue", allowed=OFFICE),
        UrlCase("collection:review_queue", allowed=OFFICE, query="?status=missing&sort=name"),
        UrlCase("collection:confirm_send", draft, allowed=OWN_UNIT_AND_OFFICE),
        # Only the leader sends (the call's default); the office and the officer are refused.
        UrlCase("collection:confirm_send", draft, method="post", data={"version": proposal.submission.lock_version + 1},
                allowed=frozenset({UNIT_LEADER})),
        # The unit's people may ask (a leader is told to send it himself); the office may not.
        UrlCase("collection:ask_to_send", draft, method="post", allowed=OWN_UNIT),
    ]
