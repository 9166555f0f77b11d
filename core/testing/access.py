"""URL access cases. Each app lists its URLs in `<app>/tests/url_cases.py`:

    def cases(world):
        return [UrlCase("rounds:detail", {"pk": round.pk}, allowed=OFFICE), ...]

core/tests/test_url_access.py fails if any URL in the URL conf has no case, and checks every case as
every role: allowed roles get a page (2xx, or a redirect that is not to the login page); others get
403 or 404, or the login page when anonymous."""
from dataclasses import dataclass, field


@dataclass
class UrlCase:
    name: str  # "namespace:name"
    kwargs: dict = field(default_factory=dict)
    allowed: frozenset = frozenset()
    method: str = "get"
    data: dict | None = None
    query: str = ""
    note: str = ""

    def label(self) -> str:
        return f"{self.method.upper()} {self.name} {self.kwargs or ''}{self.query}".strip()
