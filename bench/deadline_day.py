"""Deadline day under load: 200 units' officers save drafts through the API and upload annex workbooks
through the pages, while the office watches the completeness board.

  .venv/bin/python bench/deadline_day.py [--duration 45] [--users 8] [--workers 3] [--units 200] [--burst 50]
                                         [--database-url postgres://postgres@127.0.0.1:5432/sxsh_bench]
  .venv/bin/python bench/deadline_day.py --database-url sqlite:///var/bench.sqlite3     (the embedded default)

It (1) creates the database afresh (PostgreSQL: dropped if it exists; SQLite: the file removed), migrates it
and loads the demo and reference data, then 200 units each with an officer (API token and session) and a
draft proposal in a round whose deadline is today; (2) starts gunicorn on a free 127.0.0.1 port against that
database; (3) measures the trivial page ALONE (--users threads for --alone seconds), then fires --burst row
saves at the same instant (one thread each, different units), then runs --users client threads for
--duration seconds, each request picked at random:
  - save a draft row           POST /api/v1/proposals/<id>/rows/            (officer token)
  - upload a workbook          POST /rounds/<r>/units/<code>/upload/ then confirm (officer session)
  - completeness board         GET  /rounds/<r>/board/                       (office session)
  - trivial page               GET  /contact/  (anonymous: the full stack, no query; the floor)
and prints requests/s, p50/p95/p99 and errors per kind, and the ratio of each kind's p95 to the trivial
page's p95 measured alone (target 5x) and in the mix (target 2x); (4) checks that every row acknowledged during the run is in the database,
and that each upload unit holds exactly the rows of its last confirmed workbook. Exit 1 on any error
or lost row."""
import argparse
import os
import queue
import random
import re
import secrets
import string
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from servers import free_port, stop, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UPLOAD_SHARE = 0.10  # of the units: they upload workbooks; the others save rows through the API
MIX = (("save_row", 0.60), ("upload", 0.10), ("board", 0.15), ("trivial", 0.15))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=45, help="seconds of load (default 45)")
    parser.add_argument("--users", type=int, default=8, help="concurrent client threads (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--units", type=int, default=200, help="units, each with an officer and a draft (default 200)")
    parser.add_argument("--rows", type=int, default=20, help="rows per uploaded workbook (default 20)")
    parser.add_argument("--burst", type=int, default=50, help="row saves fired at the same instant (default 50)")
    parser.add_argument("--alone", type=float, default=10, help="seconds of the trivial page alone (default 10)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 "postgres://postgres@127.0.0.1:5432/sxsh_bench"))
    return parser.parse_args()


# --- 1. Database --------------------------------------------------------------------------------

def create_database(url):
    import dj_database_url

    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(config["NAME"] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
              "password": config["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def build_world(units_count):
    """Demo and reference data, then the deadline-day round: units, officers, sessions, tokens, drafts."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from accounts.models import Membership, Role, User
    from core import clock
    from organisations.models import Organisation, OrganisationKind
    from programmes.models import Programme
    from rounds import services

    devnull = open(os.devnull, "w")
    call_command("migrate", verbosity=0, stdout=devnull)
    call_command("load_demo", stdout=devnull)

    def session_for(user):
        store = SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    office = Organisation.objects.filter(kind=OrganisationKind.OFFICE).first()
    reviewer = User.objects.create_user("bench-office@bench.vn", None, full_name="Văn phòng (bench)")
    Membership.objects.create(user=reviewer, organisation=office, role=Role.OFFICE_REVIEWER)
    units = Organisation.objects.bulk_create(
        Organisation(code=f"bench-{i:03d}", kind=OrganisationKind.PROVINCE, name_vi=f"UBND Tỉnh Thử tải {i:03d}",
                     working_body=f"Sở Công Thương Thử tải {i:03d}") for i in range(units_count))
    programme = Programme.objects.order_by("pk").first() or Programme.objects.create(
        code="bench", name_vi="Chiến lược SXSH", start_year=2021, end_year=2030)
    today = clock.today()
    round_obj = services.open_round(programme=programme, title=f"Đề xuất nhiệm vụ năm {today.year + 1} (thử tải)",
                                    plan_year=today.year + 1, opens_on=today - timedelta(days=30), deadline=today,
                                    invited=units)
    people = []
    for unit in units:
        officer = User.objects.create_user(f"officer-{unit.code}@bench.vn", None, full_name=f"Cán bộ {unit.code}")
        Membership.objects.create(user=officer, organisation=unit, role=Role.UNIT_OFFICER)
        proposal = services.proposal_for(round_obj=round_obj, organisation=unit)
        for n in range(3):
            services.save_row(proposal=proposal, user=None,
                              data={"name": f"Nhiệm vụ sẵn có {n + 1}", "central_vnd": 100_000_000, "other_vnd": 0})
        people.append({"code": unit.code, "proposal": proposal.pk, "token": Token.objects.create(user=officer).key,
                       "session": session_for(officer)})
    return round_obj, people, session_for(reviewer)


# --- 2. Server ----------------------------------------------------------------------------------

def start_gunicorn(url, port, workers):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "sxsh.settings", "DEBUG": "0"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "sxsh.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    wait_until_serving(server, port, "gunicorn")
    return server


# --- 3. Load ------------------------------------------------------------------------------------

class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = defaultdict(list)  # kind -> [seconds]
        self.errors = defaultdict(list)  # kind -> [description]
        self.saved_rows = set()  # (proposal id, name) acknowledged with 201
        self.unacknowledged = set()  # rows whose request failed or timed out: may or may not be stored
        self.last_import = {}  # unit code -> names of its last confirmed workbook

    def add(self, kind, seconds, error=None):
        with self.lock:
            self.samples[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


def make_workbook(round_obj, unit, names):
    from rounds import annex

    return annex.write_template(
        round_title=round_obj.title, plan_year=round_obj.plan_year, unit_name=unit["code"], money_unit="trieu",
        identity={"round": round_obj.pk, "organisation": unit["code"]}, priorities=[], components=[],
        rows=[{"name": name, "objectives": "Nội dung nhiệm vụ", "products": "Báo cáo", "period": "Năm sau",
               "central_vnd": 50_000_000 * (i + 1), "other_vnd": 10_000_000, "notes": ""} for i, name in enumerate(names)],
        blank_rows=0)


def client(number, base, round_obj, savers, uploaders, office_session, rows_per_workbook, stop_at, record):
    import requests

    http = requests.Session()
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    rng = random.Random(number)
    kinds, weights = zip(*MIX)
    sequence = 0

    def timed(kind, call, ok):
        start = time.perf_counter()
        try:
            response = call()
        except requests.RequestException as error:
            record.add(kind, time.perf_counter() - start, f"{type(error).__name__}")
            return None
        elapsed = time.perf_counter() - start
        good = ok(response)
        record.add(kind, elapsed, None if good else f"HTTP {response.status_code} {response.request.url}")
        return response if good else None

    while time.monotonic() < stop_at:
        kind = rng.choices(kinds, weights)[0]
        sequence += 1
        if kind == "save_row":
            unit = rng.choice(savers)
            name = f"bench-{number}-{sequence} Tập huấn sản xuất sạch hơn"
            response = timed(kind, lambda: http.post(
                f"{base}/api/v1/proposals/{unit['proposal']}/rows/", timeout=30,
                json={"name": name, "central_vnd": rng.randrange(1, 900) * 1_000_000, "other_vnd": 0},
                headers={"Authorization": f"Token {unit['token']}"}), lambda r: r.status_code == 201)
            with record.lock:
                (record.saved_rows if response is not None else record.unacknowledged).add((unit["proposal"], name))
        elif kind == "upload":
            try:
                unit = uploaders.get(timeout=1)  # one upload at a time per unit: "last workbook" is well defined
            except queue.Empty:
                continue
            try:
                names = [f"wb-{number}-{sequence}-{i} Kiểm toán năng lượng" for i in range(rows_per_workbook)]
                workbook = make_workbook(round_obj, unit, names)
                cookies = {"sessionid": unit["session"], "csrftoken": csrf}
                url = f"{base}/rounds/{round_obj.pk}/units/{unit['code']}/upload/"
                preview = timed("upload", lambda: http.post(
                    url, cookies=cookies, headers={"X-CSRFToken": csrf}, timeout=30,
                    files={"file": ("de-xuat.xlsx", workbook)}), lambda r: r.status_code == 200 and "confirm" in r.text)
                if preview is not None:
                    confirmed = timed("upload_confirm", lambda: http.post(
                        url, cookies=cookies, headers={"X-CSRFToken": csrf}, timeout=30,
                        data={"action": "confirm", "staged": re.search(r'name="staged" value="(\d+)"', preview.text).group(1)},
                        allow_redirects=False), lambda r: r.status_code == 302 and "/upload/" not in r.headers["Location"])
                    with record.lock:
                        if confirmed is not None:
                            record.last_import[unit["code"]] = names
                        else:
                            record.last_import[unit["code"]] = None  # unknown outcome: not checked
            finally:
                uploaders.put(unit)
        elif kind == "board":
            timed(kind, lambda: http.get(f"{base}/rounds/{round_obj.pk}/board/", cookies={"sessionid": office_session},
                                         timeout=30), lambda r: r.status_code == 200)
        else:
            timed(kind, lambda: http.get(f"{base}/contact/", timeout=30), lambda r: r.status_code == 200)


def alone(number, base, stop_at, record):
    import requests

    http = requests.Session()
    while time.monotonic() < stop_at:
        start = time.perf_counter()
        try:
            response = http.get(f"{base}/contact/", timeout=30)
        except requests.RequestException as error:
            record.add("trivial_alone", time.perf_counter() - start, type(error).__name__)
            continue
        record.add("trivial_alone", time.perf_counter() - start,
                   None if response.status_code == 200 else f"HTTP {response.status_code}")


def burst_save(number, base, unit, barrier, record):
    """One row save, released with all the others at the same instant."""
    import requests

    http = requests.Session()
    name = f"bench-burst-{number} Tập huấn sản xuất sạch hơn"
    barrier.wait()
    start = time.perf_counter()
    try:
        response = http.post(f"{base}/api/v1/proposals/{unit['proposal']}/rows/", timeout=60,
                             json={"name": name, "central_vnd": 1_000_000, "other_vnd": 0},
                             headers={"Authorization": f"Token {unit['token']}"})
    except requests.RequestException as error:
        record.add("burst_save", time.perf_counter() - start, type(error).__name__)
        with record.lock:
            record.unacknowledged.add((unit["proposal"], name))
        return
    good = response.status_code == 201
    record.add("burst_save", time.perf_counter() - start, None if good else f"HTTP {response.status_code}")
    with record.lock:
        (record.saved_rows if good else record.unacknowledged).add((unit["proposal"], name))


def run_threads(threads):
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


MIX_KINDS = ("save_row", "upload", "upload_confirm", "board", "trivial")


def report(record, duration):
    """Errors over the whole run. Ratios of the mix's p95s to the trivial page alone and in the mix."""
    total = sum(len(record.samples.get(kind, [])) for kind in MIX_KINDS)
    errors = sum(len(v) for v in record.errors.values())
    alone_p95 = percentile(record.samples["trivial_alone"], 0.95)
    mix_p95 = percentile(record.samples["trivial"], 0.95)
    burst = record.samples.get("burst_save", [])
    print(f"\ntrivial page alone: {len(record.samples['trivial_alone'])} requests, p95 {alone_p95 * 1000:.0f} ms, "
          f"{len(record.errors.get('trivial_alone', []))} errors")
    print(f"burst of {len(burst)} row saves at the same instant: {len(record.errors.get('burst_save', []))} errors, "
          f"slowest {max(burst, default=0) * 1000:.0f} ms")
    print(f"mix: {total} requests in {duration:.1f} s: {total / duration:.1f} requests/s, "
          f"{sum(len(record.errors.get(kind, [])) for kind in MIX_KINDS)} errors")
    print(f"{'kind':<16}{'count':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'p95/alone':>11}{'p95/in mix':>12}")
    for kind in MIX_KINDS:
        values = record.samples.get(kind, [])
        if not values:
            continue
        p95 = percentile(values, 0.95)
        print(f"{kind:<16}{len(values):>7}{len(values) / duration:>8.1f}{percentile(values, 0.5) * 1000:>9.0f}"
              f"{p95 * 1000:>9.0f}{percentile(values, 0.99) * 1000:>9.0f}{len(record.errors.get(kind, [])):>8}"
              f"{p95 / alone_p95:>10.1f}{'*' if p95 / alone_p95 > 5 else ' '}"
              f"{p95 / mix_p95:>11.1f}{'*' if p95 / mix_p95 > 2 else ' '}")
    print("targets: p95 at most 5x the trivial page alone and 2x the trivial page in the mix (* = missed)")
    for kind, problems in record.errors.items():
        shown = sorted(set(problems))[:5]
        print(f"  {kind} errors, e.g.: {'; '.join(shown)}")
    return errors


# --- 4. Check -----------------------------------------------------------------------------------

def check(record):
    from rounds.models import TaskRow

    stored = set(TaskRow.objects.filter(name__startswith="bench-").values_list("proposal_id", "name"))
    lost = record.saved_rows - stored
    unexpected = stored - record.saved_rows - record.unacknowledged
    print(f"\nrows saved through the API and acknowledged: {len(record.saved_rows)}; in the database: "
          f"{len(record.saved_rows & stored)}; lost: {len(lost)}; unexplained extra rows: {len(unexpected)}; "
          f"unacknowledged (request failed): {len(record.unacknowledged)}, of which stored: "
          f"{len(record.unacknowledged & stored)}")
    wrong = 0
    checked = 0
    for code, names in record.last_import.items():
        if names is None:
            continue
        checked += 1
        actual = list(TaskRow.objects.filter(proposal__organisation__code=code).order_by("position")
                      .values_list("name", flat=True))
        if actual != names:
            wrong += 1
            print(f"  unit {code}: expected its last workbook's {len(names)} rows, found {len(actual)} rows")
    print(f"units whose last confirmed workbook is exactly their draft: {checked - wrong} of {checked}")
    return len(lost) + len(unexpected) + wrong


def main():
    args = parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh.settings")
    started = time.perf_counter()
    create_database(args.database_url)
    import django

    django.setup()
    round_obj, people, office_session = build_world(args.units)
    upload_count = max(1, int(len(people) * UPLOAD_SHARE))
    savers, uploaders = people[upload_count:], queue.Queue()
    for unit in people[:upload_count]:
        uploaders.put(unit)
    print(f"database ready in {time.perf_counter() - started:.0f} s: {args.units} units with an officer and a draft "
          f"({len(savers)} save rows through the API, {upload_count} upload workbooks), round deadline today")

    port = free_port()
    server = start_gunicorn(args.database_url, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    print(f"gunicorn on {base} with {args.workers} workers; {args.users} client threads for {args.duration:.0f} s")
    record = Recorder()
    try:
        stop_at = time.monotonic() + args.alone
        run_threads([threading.Thread(target=alone, args=(n, base, stop_at, record), daemon=True)
                     for n in range(args.users)])
        barrier = threading.Barrier(args.burst)
        run_threads([threading.Thread(target=burst_save, args=(n, base, savers[n % len(savers)], barrier, record),
                                      daemon=True) for n in range(args.burst)])
        load_started = time.monotonic()
        stop_at = load_started + args.duration
        run_threads([threading.Thread(target=client, args=(n, base, round_obj, savers, uploaders, office_session,
                                                          args.rows, stop_at, record), daemon=True)
                     for n in range(args.users)])
        elapsed = time.monotonic() - load_started
    finally:
        stop(server)
    errors = report(record, elapsed)
    problems = check(record)
    sys.exit(1 if errors or problems else 0)


if __name__ == "__main__":
    main()
