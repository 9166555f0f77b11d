"""The officer's and the office's main pages pass axe-core with no serious or critical violation, at desktop
and phone widths: dashboards, the proposal page, the review queue and review page, the evaluation dashboard."""
from datetime import datetime

from core import clock
from core.testing.axe import axe_source, serious_violations, violations_on_pages
from core.testing.browser import log_in
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from evaluation import services as evaluation_services
from evaluation.tests.factories import full_entries, open_evaluation
from rounds import services
from rounds.tests.factories import open_2017_round, task

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def test_the_officers_and_the_offices_main_pages_have_no_serious_accessibility_violation(page):
    world = build_world()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    try:
        round_obj = open_2017_round(world)
        proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
        services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task())
        services.submit(proposal=proposal, user=world.user(UNIT_LEADER))
        period = open_evaluation(world)
        report = evaluation_services.report_for(period=period, organisation=world.unit)
        evaluation_services.save_values(report=report, user=None, entries=full_entries())
        evaluation_services.submit(report=report, user=None)
        proposal_url = f"/rounds/{round_obj.pk}/units/{world.unit.code}/"
        source, found = axe_source(), {}

        log_in(page, world.user(UNIT_OFFICER))
        found.update(violations_on_pages(page, ["/app/", proposal_url], source, VIEWPORTS))
        page.set_viewport_size(VIEWPORTS["desktop"])
        page.click("header button:has-text('Đăng xuất')")
        page.wait_for_load_state()

        log_in(page, world.user(OFFICE_REVIEWER))
        found.update(violations_on_pages(page, ["/app/", f"/rounds/{round_obj.pk}/board/", proposal_url,
                                                proposal_url + "review/", f"/evaluation/{period.pk}/dashboard/"],
                                         source, VIEWPORTS))
        assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(problems) for url, problems in found.items())
        # The check itself works: an image without a text alternative is reported.
        page.evaluate("document.querySelector('main').appendChild(document.createElement('img')).src = '/static/x.png'")
        assert any(problem.startswith("image-alt") for problem in serious_violations(page, source))
    finally:
        clock.set_now(None)
