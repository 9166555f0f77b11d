"""Time to answer: how long the common paths take a person, measured in Debian's chromium as a new user
would walk them (issue 15). Not a test: a check to run by hand or in CI, exit 1 when a target is missed.

  .venv/bin/python bench/time_to_answer.py                  the six paths
  .venv/bin/python bench/time_to_answer.py --path grid      one path (grid, paste, excel, action-plan,
                                                            leader-send, office)
  .venv/bin/python bench/time_to_answer.py --baseline       also the office's review through the old per-unit
                                                            accept form (office-today); reported, no target.
                                                            (The one-task-per-page entry the grid replaced took
                                                            23 page loads, 32 clicks and 444 s.)

It builds a throw-away instance once (temp SQLite database and var dir, migrate, reference and demo data
as scripts/run.sh loads them, DEMO_TODAY=2016-06-10), then for each path copies it, sets the scene
(Hà Nội's 2017 proposal not started; Quảng Ninh and BXD waiting for review), starts runserver on a free
port of its own and drives chromium. Per path it counts page loads (the main frame's `load` events,
full-page form posts included), clicks and keystrokes (what the script does, through click(), type()
and press()), and fields filled; then a keystroke-level estimate of the person's time:
K 0,28 s per keystroke, P 1,1 s per click, M 1,35 s per field, plus the measured wall time of each page
load and of each wait the person watches on the page (e.g. for "Đã lưu"). Each path ends by checking
in the database that the work is really there (rows, totals, states, files).

Targets: grid ≤ 3 page loads and ≤ 25 clicks besides typing the content; paste and action-plan under
60 s of human time; office from login to the report files ≤ 10 page loads.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from servers import free_port, stop, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_TODAY = "2016-06-10"
PASSWORD = "sxsh-demo-2016"  # organisations.demo.DEMO_PASSWORD
OFFICER, LEADER, REVIEWER = "canbo.hanoi@sxsh.local", "lanhdao.hanoi@sxsh.local", "reviewer@sxsh.local"
ROUND_TITLE = "Đề xuất nhiệm vụ năm 2017"  # rounds.demo.TITLE
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT_MS = 30_000

# Keystroke-level model (Card, Moran & Newell): seconds per keystroke, per pointing-and-click, per mental
# preparation (one per field filled).
K, P, M = 0.28, 1.1, 1.35

# The 10-row proposal every proposal path files: what a Sở Công Thương officer would type. Amounts in the
# round's unit (triệu đồng), written as people write them.
FIELDS = ("name", "objectives", "products", "period_from", "period_to", "central_vnd", "other_vnd")
TASKS = [
    ("Tập huấn nâng cao năng lực SXSH cho cán bộ Sở", "Nâng cao năng lực đánh giá SXSH; 2 lớp", "02 lớp tập huấn",
     "04/2017", "06/2017", "300", "120"),
    ("Hỗ trợ kỹ thuật SXSH tại 5 cơ sở dệt nhuộm", "Giảm 10% nước thải, 5% hóa chất", "05 báo cáo đánh giá",
     "03/2017", "11/2017", "450,5", "200"),
    ("Phóng sự điển hình SXSH trên đài Hà Nội", "Tuyên truyền nâng cao nhận thức", "01 phóng sự",
     "05/2017", "08/2017", "150", "0"),
    ("Bản tin SXSH quý", "Phổ biến mô hình, chính sách", "04 số bản tin", "01/2017", "12/2017", "80", "20"),
    ("Đánh giá nhanh SXSH làng nghề Bát Tràng", "Khảo sát 20 hộ gốm sứ", "01 báo cáo khảo sát",
     "07/2017", "09/2017", "120", "30"),
    ("Hội thảo chia sẻ kinh nghiệm SXSH", "Trao đổi giữa 50 doanh nghiệp", "01 hội thảo", "09/2017", "09/2017",
     "95", "15"),
    ("Xây dựng cơ sở dữ liệu doanh nghiệp SXSH", "Cập nhật 300 doanh nghiệp", "01 cơ sở dữ liệu",
     "02/2017", "12/2017", "210", "0"),
    ("Hỗ trợ áp dụng SXSH ngành chế biến thực phẩm", "Tiết kiệm 8% năng lượng tại 3 cơ sở", "03 báo cáo",
     "04/2017", "12/2017", "360", "240"),
    ("Tờ rơi hướng dẫn SXSH cho doanh nghiệp nhỏ", "Phát hành 5.000 tờ rơi", "5.000 tờ rơi", "04/2017", "06/2017",
     "45", "0"),
    ("Tổng kết và khen thưởng điển hình SXSH", "Biểu dương 10 doanh nghiệp", "01 hội nghị", "12/2017", "12/2017",
     "70", "10"),
]
ADJUSTED = ("250", "380")  # the action-plan path's new amounts (NSTW) on its first two rows


def month(text):
    """'04/2017' → 1 April 2017, as the row form reads a month."""
    from datetime import date

    number, year = text.split("/")
    return date(int(year), int(number), 1)


def to_dong(text):
    """The round's unit is triệu đồng: '450,5' → 450.500.000 đồng (as core.vn.parse_amount reads it)."""
    return round(float(text.replace(".", "").replace(",", ".")) * 1_000_000)


# --- 1. The throw-away instance ---------------------------------------------------------------------------

def instance_env(var_dir, port=None):
    env = {**os.environ, "SXSH_VAR_DIR": str(var_dir), "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
           "MEDIA_ROOT": str(var_dir / "media"), "DEMO_TODAY": DEMO_TODAY, "DEBUG": "1",
           "JOBS_SYNC": "1",  # notices go out in the request: no job runner to start beside the server
           "DJANGO_SETTINGS_MODULE": "sxsh.settings"}
    if port:
        env["SITE_URL"] = f"http://127.0.0.1:{port}"
    return env


def manage(var_dir, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=instance_env(var_dir), check=True,
                   stdout=subprocess.DEVNULL)


def build_template(var_dir):
    """Migrated database with the reference and demo data, the way scripts/run.sh sets it up."""
    manage(var_dir, "migrate", "--noinput", "-v0")
    manage(var_dir, "load_demo")


def in_instance(var_dir, action, name):
    """Runs this script's `--inside` part (Django set up on that instance's database); its JSON answer."""
    done = subprocess.run([PYTHON, __file__, "--inside", action, name], cwd=ROOT, env=instance_env(var_dir),
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def start_server(var_dir):
    port = free_port()
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=instance_env(var_dir, port), start_new_session=True,
                              stdout=open(var_dir / "server.log", "w"), stderr=subprocess.STDOUT)
    wait_until_serving(server, port, "runserver", f"; see {var_dir / 'server.log'}")
    return server, f"http://127.0.0.1:{port}"


# --- 2. Inside the instance: scenes and checks (run with Django set up, see in_instance) ------------------

def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _demo_round():
    from rounds.models import Round

    return Round.objects.get(call__title=ROUND_TITLE)


def _person(email):
    from accounts.models import User

    return User.objects.get(email=email)


def scene(name):
    """The demo at 10/06/2016, with Hà Nội's 2017 proposal not started (the demo has it accepted already),
    and Quảng Ninh's sent beside BXD's so the office has two units to review. leader-send: the officer has
    typed the 10 rows."""
    from django.db import transaction

    from rounds import services

    round_obj = _demo_round()
    with transaction.atomic():
        hanoi = round_obj.proposals.filter(organisation__code="ha-noi").first()
        if hanoi is not None:
            hanoi.submission.delete()  # the proposal, its rows, versions and events go with it
        quang_ninh = round_obj.proposals.get(organisation__code="quang-ninh")
        if quang_ninh.is_editable:
            services.submit(proposal=quang_ninh, user=_person("lanhdao.quangninh@sxsh.local"))
        if name == "action-plan":
            _plan_with_ten_tasks_in_2017()
        if name == "leader-send":
            from organisations.models import Organisation

            proposal = services.proposal_for(round_obj=round_obj, organisation=Organisation.objects.get(code="ha-noi"))
            for task in TASKS:
                data = dict(zip(FIELDS, task))
                data["central_vnd"], data["other_vnd"] = to_dong(data["central_vnd"]), to_dong(data["other_vnd"])
                data["period_from"], data["period_to"] = month(data["period_from"]), month(data["period_to"])
                services.save_row(proposal=proposal, user=_person(OFFICER), data=data)
    return {"scene": name}


def state(_name):
    """What the checks read: Hà Nội's proposal rows and state, and the state of every sent proposal."""
    round_obj = _demo_round()
    hanoi = round_obj.proposals.filter(organisation__code="ha-noi").first()
    return {
        "hanoi_status": hanoi.status if hanoi else None,
        "hanoi_rows": [{"name": row.name, "objectives": row.objectives, "products": row.products, "period": row.period,
                        "period_from": row.period_from.strftime("%m/%Y") if row.period_from else "",
                        "period_to": row.period_to.strftime("%m/%Y") if row.period_to else "",
                        "central_vnd": row.central_vnd, "other_vnd": row.other_vnd} for row in hanoi.rows.all()]
        if hanoi else [],
        "statuses": {p.organisation.code: p.status for p in round_obj.proposals.select_related("organisation")},
        "plan_2017_tasks": _plan_tasks_2017(),
    }


def _plan_with_ten_tasks_in_2017():
    """The demo's Hà Nội action plan plans 2 tasks in 2017; the path copies a 10-row proposal, so the plan
    gets the bench's other tasks for 2017, each with its central and other funding of that year."""
    from plans.models import ActionPlan, ActionPlanFunding
    from programmes.models import FundingSource

    plan = ActionPlan.objects.get(organisation__code="ha-noi")
    central = FundingSource.objects.filter(is_central_budget=True).order_by("order").first()
    other = FundingSource.objects.filter(is_central_budget=False).order_by("order").first()
    have = len(_plan_tasks_2017())
    last = plan.tasks.order_by("-position").values_list("position", flat=True).first() or 0
    for offset, task in enumerate(TASKS[:max(0, 10 - have)], start=1):
        values = dict(zip(FIELDS, task))
        added = plan.tasks.create(position=last + offset, name=values["name"], start_year=2017, end_year=2017)
        for source, amount in ((central, values["central_vnd"]), (other, values["other_vnd"])):
            if source is not None and to_dong(amount):
                ActionPlanFunding.objects.create(task=added, year=2017, source=source, amount_vnd=to_dong(amount))


def _plan_tasks_2017():
    from plans.models import ActionPlan

    plan = ActionPlan.objects.filter(organisation__code="ha-noi").first()
    if plan is None:
        return []
    return sorted({task.name for task in plan.tasks.all() if task.start_year <= 2017 <= task.end_year})


def inside(action, name):
    _django()
    print(json.dumps({"scene": scene, "state": state}[action](name), ensure_ascii=False))


# --- 3. A person at the screen: every action counted ------------------------------------------------------

MAX_TABS = 3
# How many Tab presses from the focused element to `target` within their table or form; 0 when already
# there, -1 when behind or elsewhere.
TAB_STOPS = """target => {
    const active = document.activeElement;
    if (active === target) return 0;
    const scope = target.closest('table, form');
    if (!scope || !scope.contains(active)) return -1;
    const stops = [...scope.querySelectorAll('input, textarea, select, button, a[href]')]
        .filter(element => !element.disabled && element.tabIndex >= 0 && element.type !== 'hidden'
                && element.getClientRects().length);
    const from = stops.indexOf(active), to = stops.indexOf(target);
    return from >= 0 && to > from ? to - from : -1;
}"""


class HookMissing(Exception):
    pass


class Failed(Exception):
    pass


@dataclass
class Counts:
    loads: int = 0
    load_seconds: float = 0.0
    clicks: int = 0
    content_keys: int = 0  # typing the content of the proposal (its fields' text)
    other_keys: int = 0  # everything else: login, Tab/Enter, shortcuts
    fields: int = 0
    wait_seconds: float = 0.0  # waits the person watches on the page, page loads aside
    notes: list = field(default_factory=list)

    @property
    def keys(self):
        return self.content_keys + self.other_keys

    @property
    def human_seconds(self):
        return K * self.keys + P * self.clicks + M * self.fields + self.load_seconds + self.wait_seconds


class Person:
    """One browser context: a person at a screen. Every action goes through click(), type() and press(),
    so what the person does is what is counted; page loads are counted from the main frame's `load` events."""

    def __init__(self, browser, base, counts):
        self.context = browser.new_context(locale="vi-VN", base_url=base, accept_downloads=True)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.counts = counts
        self.acted_at = time.perf_counter()
        self.page.on("load", self._loaded)
        self.page.on("dialog", self._dialog)

    def _loaded(self, _page):
        self.counts.loads += 1
        self.counts.load_seconds += time.perf_counter() - self.acted_at

    def _dialog(self, dialog):
        self.counts.clicks += 1  # pressing OK
        dialog.accept()

    def _act(self):
        self.acted_at = time.perf_counter()

    def close(self):
        self.context.close()

    # What the person does.
    def goto(self, path):
        """Opening a bookmark or typing the address: one page load, not counted as typing."""
        self._act()
        self.page.goto(path)

    def click(self, target, navigates=False):
        locator = self.locate(target)
        self.counts.clicks += 1
        if navigates:
            with self.page.expect_navigation():
                self._act()
                locator.click()
        else:
            self._act()
            locator.click()

    def type(self, text, content=False):
        """Types into the focused field: one mental preparation and one keystroke per character."""
        self.counts.fields += 1
        if content:
            self.counts.content_keys += len(text)
        else:
            self.counts.other_keys += len(text)
        self._act()
        self.page.keyboard.type(text)

    def press(self, key, navigates=False):
        self.counts.other_keys += len(key.split("+"))  # Control+A is two keystrokes
        if navigates:
            with self.page.expect_navigation():
                self._act()
                self.page.keyboard.press(key)
        else:
            self._act()
            self.page.keyboard.press(key)

    def move_to(self, target):
        """Puts the cursor in a field as a person would: nothing if it is there, Tab when the field is at most
        MAX_TABS stops ahead in the same form or table, else a click."""
        locator = self.locate(target)
        stops = locator.evaluate(TAB_STOPS)
        if stops == 0:
            return
        if 0 < stops <= MAX_TABS:
            for _ in range(stops):
                self.press("Tab")
        else:
            self.click(locator)

    def fill_field(self, target, text, content=False):
        self.move_to(target)
        self.type(text, content=content)

    def choose_file(self, target, path):
        """The file input's button, then the file in the chooser: two clicks."""
        self.counts.clicks += 2
        self._act()
        self.locate(target).set_input_files(str(path))

    def download(self, target, folder):
        locator = self.locate(target)
        self.counts.clicks += 1
        with self.page.expect_download() as download:
            self._act()
            locator.click()
        path = Path(folder) / download.value.suggested_filename
        download.value.save_as(path)
        return path

    def watch(self, what, wait):
        """A wait the person sits through on the page (e.g. until "Đã lưu"): timed and added to their time."""
        started = time.perf_counter()
        try:
            wait()
        except Exception as error:
            raise Failed(f"waiting for {what}: {str(error).splitlines()[0]}") from None
        self.counts.wait_seconds += time.perf_counter() - started

    # Finding things (not counted).
    def locate(self, target):
        return self.page.locator(target).first if isinstance(target, str) else target

    def hook(self, selector, why, timeout=5_000):
        """A stable hook the grid, sending and review branches promise; a clear message when absent (the page
        has loaded by then, so a few seconds is plenty)."""
        locator = self.page.locator(selector).first
        try:
            locator.wait_for(state="attached", timeout=timeout)
        except Exception:
            raise HookMissing(f"hook {selector} not found on {self.page.url} — {why} not merged?") from None
        return locator

    # Steps shared by paths.
    def log_in(self, email):
        self.goto("/accounts/login/")
        self.fill_field("#id_email", email)
        self.fill_field("#id_password", PASSWORD)
        self.press("Enter", navigates=True)
        if "/accounts/login/" in self.page.url:
            raise Failed(f"login of {email} refused")

    def open_proposal_from_dashboard(self):
        """The dashboard card of the 2017 round leads to the unit's proposal page."""
        card = self.page.locator(f"main :is(section, article, div, li):has-text('{ROUND_TITLE}') "
                                 "a[href*='/rounds/'][href*='/units/ha-noi/']").first
        self.click(card, navigates=True)


# --- 4. The paths -------------------------------------------------------------------------------------------

GRID_ROWS = "#task-grid tr[data-row-id]"


def saved(person):
    status = person.hook("#grid-status", "grid")
    person.watch("#grid-status to say 'Đã lưu'", lambda: person.page.wait_for_function(
        "element => element.textContent.trim() === 'Đã lưu'", arg=status.element_handle(), timeout=TIMEOUT_MS))


def open_grid(person):
    person.log_in(OFFICER)
    person.open_proposal_from_dashboard()
    person.hook("#task-grid", "grid")


def grid_cell(person, row_index, name):
    return person.page.locator(GRID_ROWS).nth(row_index).locator(f"[name='{name}']")


def ensure_row(person, row_index):
    """Row `row_index` of the grid, added with #grid-add-row when it is not there yet."""
    rows = person.page.locator(GRID_ROWS)
    if rows.count() <= row_index:
        person.click(person.hook("#grid-add-row", "grid"))
        person.watch("a new grid row", lambda: rows.nth(row_index).wait_for())


def path_grid(person, _tmp):
    open_grid(person)
    for index, task in enumerate(TASKS):
        ensure_row(person, index)
        for name, text in zip(FIELDS, task):
            person.fill_field(grid_cell(person, index, name), text, content=True)
    person.press("Tab")  # leaving the last cell saves it
    saved(person)
    return "typed 10 rows"


def tsv(rows):
    return "\n".join("\t".join(row) for row in rows) + "\n"


def path_paste(person, _tmp):
    open_grid(person)
    ensure_row(person, 0)
    first = grid_cell(person, 0, FIELDS[0])
    person.click(first)
    person.counts.other_keys += 2  # Ctrl+V
    person.counts.fields += 1
    person._act()
    first.evaluate("""(element, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        element.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", tsv(TASKS))
    person.watch("10 pasted rows", lambda: person.page.locator(GRID_ROWS).nth(len(TASKS) - 1).wait_for())
    saved(person)
    return "one TSV block pasted into the first cell"


def path_excel(person, tmp):
    from openpyxl import load_workbook

    person.log_in(OFFICER)
    person.open_proposal_from_dashboard()
    template = person.download("a[href$='/template.xlsx']", tmp)
    workbook = load_workbook(template)
    sheet = workbook["Phụ lục"]
    for offset, task in enumerate(TASKS):  # header on row 6, rows from 7 (rounds.annex.write_template)
        name, objectives, products, start, end, central, other = task
        for column, value in zip("BCDEFG", (name, objectives, products, f"{start} - {end}", central, other)):
            sheet[f"{column}{7 + offset}"] = value
    workbook.save(template)
    person.counts.notes.append(f"typing the rows in Excel not counted (~{sum(map(len, sum(TASKS, ())))} keystrokes)")
    person.click("a[href$='/upload/']", navigates=True)
    person.choose_file("input[type=file]", template)
    person.click("main form[enctype] button[type=submit]", navigates=True)
    person.locate("#upload-preview").wait_for()
    if person.page.locator("input[name=confirm_amounts]").count():
        person.click("input[name=confirm_amounts]")
    person.click("form:has(input[name=staged]) button[type=submit]", navigates=True)
    return "template downloaded, filled outside the browser, uploaded, previewed, confirmed"


def path_action_plan(person, _tmp):
    open_grid(person)
    rows = person.page.locator(GRID_ROWS)
    before = rows.count()
    person.click(person.hook("#grid-copy-plan", "copy from the action plan"))
    person.watch("the plan's tasks in the grid",
                 lambda: person.page.wait_for_function(
                     f"n => document.querySelectorAll({json.dumps(GRID_ROWS)}).length > n "
                     f"&& [...document.querySelectorAll({json.dumps(GRID_ROWS)} + ' [name=name]')]"
                     f".filter(input => input.value.trim()).length >= 10", arg=before, timeout=TIMEOUT_MS))
    named = [index for index in range(rows.count()) if grid_cell(person, index, "name").input_value().strip()]
    for index, amount in zip(named, ADJUSTED):
        cell = grid_cell(person, index, "central_vnd")
        person.click(cell)
        person.press("Control+A")
        person.type(amount, content=True)
    person.press("Tab")
    saved(person)
    return f"copied {len(named)} plan tasks, adjusted 2 amounts"


def path_leader_send(person, _tmp, browser=None, base=None):
    person.log_in(OFFICER)
    person.open_proposal_from_dashboard()
    person.click(person.hook("#ask-leader", "ask the leader"), navigates=True)
    person.watch("a message after asking the leader",
                 lambda: person.page.locator(".message:visible").first.wait_for())
    leader = Person(browser, base, person.counts)  # one count for the two people: the send is their joint time
    try:
        leader.log_in(LEADER)
        leader.click("header a[href^='/notifications/'], nav a[href^='/notifications/']", navigates=True)
        # The newest unread notice's "Xem" button marks it read and opens its link (the confirm page).
        notice = leader.hook("main .notification-list li.unread button[name=open]", "the leader's notice")
        leader.click(notice, navigates=True)
        if not leader.page.locator("#confirm-send").count() and leader.page.locator("#send").count():
            leader.click("#send", navigates=True)  # from the proposal page to its summary
        leader.hook("#send-summary, #confirm-send", "leader's summary")
        leader.click(leader.hook("#confirm-send", "leader's confirm"), navigates=True)
    finally:
        leader.close()
    return "officer asks, leader opens the notice, reads the summary and confirms"


QUEUE_UNITS = ("bxd", "quang-ninh")


def path_office(person, tmp, today=False):
    person.log_in(REVIEWER)
    person.click("nav a[href^='/collection/review/'], header a[href^='/collection/review/']", navigates=True)
    if not today:
        filter_to_review(person)
    for code in QUEUE_UNITS:
        review_page = f"/units/{code}/review/"
        if review_page not in person.page.url:  # not brought straight to this unit by the previous review
            if "/collection/review/" not in person.page.url:
                person.click("nav a[href^='/collection/review/'], header a[href^='/collection/review/']", navigates=True)
                if not today:
                    filter_to_review(person)
            straight = person.page.locator(f"main a[href*='/rounds/'][href*='{review_page}']")
            if straight.count():
                person.click(straight.first, navigates=True)
            else:
                person.click(f"main a[href*='/rounds/'][href*='/units/{code}/']", navigates=True)
                person.click("main a[href*='/review/']", navigates=True)
        if today:
            person.click("main button[name=action][value=accept]", navigates=True)
        else:
            person.click(person.hook("#approve-all", "approve all as requested"), navigates=True)
    person.click("nav a[href^='/reports/'], header a[href^='/reports/']", navigates=True)
    person.click("main a[href*='/reports/prime-minister/']", navigates=True)
    files = [person.download("a[href$='.docx']", tmp), person.download("a[href$='.xlsx']", tmp)]
    for path in files:
        if path.stat().st_size < 1000 or path.read_bytes()[:2] != b"PK":
            raise Failed(f"{path.name} is not a real Office file ({path.stat().st_size} bytes)")
    person.counts.notes.append(f"files: {', '.join(p.name for p in files)}")
    return "queue → two units approved → report files"


def filter_to_review(person):
    """The queue's 'to review' filter: nothing to do when the queue opens on it, else its tab or select."""
    if person.page.locator("main a[href*='status=to_review'][aria-current=page]").count():
        return
    link = person.page.locator("main a[href*='status=to_review']")
    if link.count():
        person.click(link.first, navigates=True)
    elif person.page.locator("main select[name=status]").count():
        person.click("main select[name=status]")
        person.counts.clicks += 1  # the option
        person.page.select_option("main select[name=status]", "to_review")
        person.click("main form:has(select[name=status]) [type=submit]", navigates=True)
    else:
        raise HookMissing("hook status=to_review (queue filter) not found on /collection/review/ — review queue not merged?")
    if "status=to_review" not in person.page.url:
        raise Failed(f"the queue filter did not apply: {person.page.url}")


# --- 5. Checks in the database ------------------------------------------------------------------------------

def expected_rows(period_as_text=False):
    """The 10 rows as stored: months from the grid and the row form, one period text from the workbook."""
    rows = []
    for name, objectives, products, start, end, central, other in TASKS:
        row = {"name": name, "objectives": objectives, "products": products, "central_vnd": to_dong(central),
               "other_vnd": to_dong(other)}
        row.update({"period": f"{start} - {end}"} if period_as_text else {"period_from": start, "period_to": end})
        rows.append(row)
    return rows


def check(name, after):
    rows = after["hanoi_rows"]
    if name in ("grid", "paste", "excel"):
        expected = expected_rows(period_as_text=name == "excel")
        stored = [{key: row[key] for key in expected[0]} for row in rows]
        if stored != expected:
            differing = [row["name"] for row in expected if row not in stored]
            raise Failed(f"Hà Nội's draft has {len(rows)} rows, not the 10 typed; missing or different: {differing[:3]}"
                         + (f"; e.g. stored {stored[0]}" if stored and differing else ""))
    elif name == "action-plan":
        names = [row["name"] for row in rows]
        if sorted(names) != after["plan_2017_tasks"] or len(rows) < 10:
            raise Failed(f"copied rows {names} are not the plan's 2017 tasks {after['plan_2017_tasks']}")
        if [row["central_vnd"] for row in rows[:2]] != [to_dong(amount) for amount in ADJUSTED]:
            raise Failed(f"the two adjusted amounts are {[row['central_vnd'] for row in rows[:2]]}")
    elif name == "leader-send":
        if after["hanoi_status"] != "submitted" or len(rows) != len(TASKS):
            raise Failed(f"Hà Nội's proposal is {after['hanoi_status']} with {len(rows)} rows, not sent with 10")
    elif name in ("office", "office-today"):
        states = {code: after["statuses"].get(code) for code in QUEUE_UNITS}
        if set(states.values()) != {"accepted"}:
            raise Failed(f"the two reviewed units are {states}, not accepted")


# --- 6. Running and reporting -------------------------------------------------------------------------------

PATHS = {
    "grid": path_grid, "paste": path_paste, "excel": path_excel, "action-plan": path_action_plan,
    "leader-send": path_leader_send, "office": path_office,
}
BASELINE = {"office-today": lambda person, tmp: path_office(person, tmp, today=True)}


def targets(name, counts):
    """(description, met) of each target of the path."""
    if name == "grid":
        return [("≤ 3 page loads", counts.loads <= 3), ("≤ 25 clicks", counts.clicks <= 25)]
    if name in ("paste", "action-plan"):
        return [("< 60 s", counts.human_seconds < 60)]
    if name == "office":
        return [("≤ 10 page loads", counts.loads <= 10)]
    return []


def run_path(name, browser, template, work):
    var_dir = work / name
    shutil.copytree(template, var_dir, ignore=shutil.ignore_patterns("server.log"))
    in_instance(var_dir, "scene", name)
    server, base = start_server(var_dir)
    counts = Counts()
    person = Person(browser, base, counts)
    try:
        function = PATHS.get(name) or BASELINE[name]
        extra = {"browser": browser, "base": base} if name == "leader-send" else {}
        started = time.perf_counter()
        summary = function(person, var_dir, **extra)
        counts.notes.insert(0, summary)
        counts.notes.append(f"wall {time.perf_counter() - started:.0f} s")
        check(name, in_instance(var_dir, "state", name))
        return counts, None
    except (HookMissing, Failed) as error:
        return counts, str(error)
    except Exception as error:  # a timeout or a selector that matched nothing: say where
        return counts, f"{type(error).__name__} on {person.page.url}: {str(error).splitlines()[0]}"
    finally:
        person.close()
        stop(server)


def print_table(results):
    print(f"\n{'path':<13}{'loads':>6}{'load s':>8}{'clicks':>7}{'keys':>6}{'content':>8}{'fields':>7}"
          f"{'wait s':>7}{'human s':>9}  targets")
    for name, counts, error in results:
        met = ", ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in targets(name, counts)) or "—"
        if error:
            met = "FAILED"
        print(f"{name:<13}{counts.loads:>6}{counts.load_seconds:>8.1f}{counts.clicks:>7}{counts.keys:>6}"
              f"{counts.content_keys:>8}{counts.fields:>7}{counts.wait_seconds:>7.1f}{counts.human_seconds:>9.0f}  {met}")
    print(f"human s = K {K} s × keys + P {P} s × clicks + M {M} s × fields + load s + wait s; "
          "content = keystrokes typing the proposal's text (part of keys)")
    for name, counts, error in results:
        for note in counts.notes:
            print(f"  {name}: {note}")
        if error:
            print(f"  {name}: FAILED — {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", choices=[*PATHS, *BASELINE], action="append",
                        help="run only this path (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="also run the office's review through the old per-unit accept form (office-today)")
    parser.add_argument("--keep", action="store_true", help="keep the temp instances (their server.log) afterwards")
    parser.add_argument("--inside", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return inside(*args.inside)
    names = args.path or [*PATHS, *(BASELINE if args.baseline else ())]
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="sxsh-time-to-answer-"))
    try:
        started = time.perf_counter()
        template = work / "template"
        build_template(template)
        print(f"instance ready in {time.perf_counter() - started:.0f} s (demo data, today {DEMO_TODAY}); {work}")
        from playwright.sync_api import sync_playwright

        from core.testing.fixtures import CHROMIUM_ARGS

        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                for name in names:
                    counts, error = run_path(name, browser, template, work)
                    print(f"{name}: {'FAILED — ' + error if error else 'done'}", flush=True)
                    results.append((name, counts, error))
            finally:
                browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(results)
    missed = [name for name, counts, error in results if error or not all(ok for _text, ok in targets(name, counts))]
    if missed:
        print(f"\nmissed: {', '.join(missed)}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
