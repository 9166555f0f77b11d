"""Reads for the public pages. The calls and the cycle's figures are read through the small functions
below, so the place they come from (today the rounds and evaluation apps) can change in one spot."""
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q

from collection.models import RECEIVED
from core.vn import fold
from evaluation.models import ReportingPeriod
from evaluation.selectors import dashboard, unit_values
from organisations.selectors import focal_unit_shares
from rounds.models import ProposalStatus, Round, TaskRow
from rounds.selectors import open_rounds

from .models import Category, DocumentKind, Item
from .search import matching

HOME_TTL = 60  # seconds: the home page's reads are shared by every visitor for a minute
HEADLINE_INDICATORS = 3


def open_calls(day) -> list[dict]:
    """What the office is asking units for today, soonest deadline first, with whether it is past."""
    key = f"portal:home:calls:{day.isoformat()}"
    calls = cache.get(key)
    if calls is None:
        calls = [{"title": r.title, "plan_year": r.plan_year, "deadline": r.deadline, "late": r.deadline < day,
                  "closes_on": r.closes_on,
                  "invited": r.invited_count}
                 for r in open_rounds(day)[:5]]
        cache.set(key, calls, HOME_TTL)
    return calls


@dataclass
class Figures:
    focal_units: int = 0
    units: int = 0
    call_title: str = ""
    invited: int = 0
    sent: int = 0
    period: ReportingPeriod | None = None
    indicators: list = field(default_factory=list)  # IndicatorLine with a value and a target


def _latest_call(day):
    """The latest call opened by `day`, with how many units it invited and how many have sent."""
    return (Round.objects.filter(call__opens_on__lte=day).order_by("-call__opens_on", "-pk")
            .annotate(n_invited=Count("call__invited", distinct=True),
                      n_sent=Count("proposals", distinct=True, filter=Q(proposals__submission__status__in=RECEIVED)))
            .first())


def national_figures(day) -> Figures:
    """The cycle at a glance: focal units named, units that sent to the latest call, headline indicators
    against their targets. A fixed number of queries, cached for a minute."""
    key = f"portal:home:figures:{day.isoformat()}"
    figures = cache.get(key)
    if figures is not None:
        return figures
    total = focal_unit_shares(day=day)[-1]
    figures = Figures(focal_units=total.with_focal_unit, units=total.total)
    call = _latest_call(day)
    if call is not None:
        figures.call_title, figures.invited, figures.sent = call.title, call.n_invited, call.n_sent
    figures.period = ReportingPeriod.objects.filter(call__opens_on__lte=day).order_by("-end_year", "-start_year").first()
    if figures.period is not None:
        lines = [line for line in dashboard(figures.period).lines
                 if line.available and line.value is not None and line.target is not None]
        figures.indicators = lines[:HEADLINE_INDICATORS]
    cache.set(key, figures, HOME_TTL)
    return figures


def documents(*, query="", kind=""):
    """The documents library: published legal and guidance texts, newest first; `query` matches the number
    ("1419"), the title and the summary without diacritics."""
    items = Item.objects.published().filter(category=Category.DOCUMENT).select_related("organisation")
    if kind in DocumentKind.values:
        items = items.filter(doc_kind=kind)
    words = fold(query).split()[:8]
    if words:
        items = matching(items, words)
    return items.order_by("-issued_on", "-published_at", "-pk")


def unit_page(organisation) -> dict:
    """What a unit shows the public: its published posts, its accepted tasks and its submitted indicator values."""
    return {
        "posts": list(Item.objects.published().filter(organisation=organisation)[:10]),
        "tasks": list(TaskRow.objects.filter(proposal__organisation=organisation,
                                             proposal__submission__status=ProposalStatus.ACCEPTED)
                      .select_related("proposal__round", "priority")
                      .order_by("-proposal__round__plan_year", "position", "pk")[:50]),
        "indicators": unit_values(organisation),
    }
