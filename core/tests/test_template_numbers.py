"""Numbers are printed with a thousands separator (USE_THOUSAND_SEPARATOR, "1.234"), so an id printed bare
into a page breaks once it reaches 1.000: a form posts "1.004" for row 1004, an anchor no longer matches.
PostgreSQL's ids pass 1.000 early, SQLite's test ids rarely do, so the rule is checked on the templates."""
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

BARE_ID = re.compile(r"\{\{\s*(?![\w.]*attrs\.id\b)(?![\w.]*checkbox_id\b)[\w.]+(?:\.pk|\.id|\.\w*_id|page_number)\s*\}\}")  # widget ids are text
LOCALIZE_OFF = re.compile(r"\{%\s*localize off\s*%\}.*?(?:\{%\s*endlocalize\s*%\}|\Z)", re.S)


def _templates():
    base = Path(settings.BASE_DIR)
    return [path for path in base.rglob("*.html") if ".venv" not in path.parts and "var" not in path.parts
            and "node_modules" not in path.parts]


def test_no_template_prints_an_id_with_a_thousands_separator():
    offenders = []
    for path in _templates():
        text = LOCALIZE_OFF.sub("", path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(settings.BASE_DIR)}: {match}" for match in BARE_ID.findall(text)]
    assert offenders == [], "print ids with |unlocalize (or inside {% localize off %}):\n" + "\n".join(offenders)


def test_the_rule_is_needed_and_unlocalize_keeps_an_id_whole():
    row = type("Row", (), {"pk": 1004})()
    assert Template("{{ row.pk }}").render(Context({"row": row})) == "1.004"
    assert Template("{% load l10n %}{{ row.pk|unlocalize }}").render(Context({"row": row})) == "1004"
