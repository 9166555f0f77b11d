"""A form fuzzer: every form found on the pages of every URL (from the URL conf's access cases), GET
and POST, and every POST case, is sent hostile values in every field; no answer may be a 500. Bounded:
one request per (form, hostile value), each rolled back afterwards."""
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.db import transaction
from django.test import Client
from django.urls import reverse

from core.testing.world import ANONYMOUS, OFFICE_ADMIN, UNIT_LEADER, UNIT_OFFICER

from .test_url_access import all_cases

HOSTILE = ["", "abc", "1e309", "99999999999999999999999999", "1.000.000.000.000.000.000.000", "\x00\x0b",
           "x" * 20_000, "31/02/2016"]
ROLES = (UNIT_OFFICER, UNIT_LEADER, OFFICE_ADMIN, ANONYMOUS)  # the first allowed role fills the forms


class Forms(HTMLParser):
    """The forms of a page: (method, action, [field names])."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action") or "", []))
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            if attrs["name"] != "csrfmiddlewaretoken" and attrs.get("type") not in ("submit", "button", "file"):
                self.forms[-1][2].append(attrs["name"])


def _client(world, role):
    client = Client(raise_request_exception=False)
    if role != ANONYMOUS:
        client.force_login(world.user(role))
    return client


def _send(client, method, url, data):
    with transaction.atomic():
        response = client.post(url, data) if method == "post" else client.get(f"{url}?{urlencode(data)}")
        transaction.set_rollback(True)
    return response.status_code


def test_no_form_answers_500_to_hostile_values(world):
    failures, forms_seen = [], set()
    for case in all_cases(world):
        if case.name.startswith("admin:") or not case.allowed:
            continue
        role = next((r for r in ROLES if r in case.allowed), None)
        if role is None:
            continue
        client = _client(world, role)
        url = reverse(case.name, kwargs=case.kwargs)
        targets = []
        if case.method == "post":
            targets.append(("post", url, sorted((case.data or {}).keys()) or ["version"]))
        else:
            response = client.get(url + case.query)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                parser = Forms()
                parser.feed(response.content.decode())
                targets += [(method, action or url, fields) for method, action, fields in parser.forms if fields]
        for method, action, fields in targets:
            key = (method, action.split("?")[0], tuple(fields), role)
            if key in forms_seen:
                continue
            forms_seen.add(key)
            for value in HOSTILE:
                status = _send(client, method, action, {field: value for field in fields})
                if status >= 500:
                    failures.append(f"{method.upper()} {action} as {role} with {value[:30]!r}: {status}")
    assert len(forms_seen) > 40
    assert not failures, "\n".join(failures)
