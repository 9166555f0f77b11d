from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    return [p for p in Path(settings.BASE_DIR).glob("**/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts]


def test_every_english_catalogue_is_complete():
    missing = {}
    for path in catalogues():
        po = polib.pofile(str(path))
        empty = [e.msgid for e in po if e.msgid and not e.obsolete and (
            (not e.msgid_plural and not e.msgstr) or (e.msgid_plural and not all(e.msgstr_plural.values())))]
        fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and e.msgid]
        if empty or fuzzy:
            missing[str(path)] = empty + fuzzy
    assert len(catalogues()) >= 6 and not missing, missing


def test_the_site_is_vietnamese_by_default_and_english_on_request(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page and "Quên mật khẩu?" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in page and "Forgot your password?" in page and "Quên mật khẩu?" not in page
    home = client.get("/").content.decode()
    assert "Cleaner Production Strategy in Industry" in home and "Skip to main content" in home


def test_an_english_browser_still_gets_vietnamese_until_the_user_picks_english(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page and "Quên mật khẩu?" in page and "Forgot your password?" not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en-US")
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'lang="en"' in page and "Forgot your password?" in page
