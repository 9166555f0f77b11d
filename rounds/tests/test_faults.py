"""Faults: an import killed half way leaves no partial data (one transaction, all rows or none).

`manage.py import_annex` runs in a subprocess against the PostgreSQL test database. To kill it at a
known point *while it is writing*, without any hook in production code, the test adds a trigger to
its own test database: after each INSERT statement into the task rows, wait for an advisory lock
that the test holds. The import deletes the draft's old rows, inserts all the new ones, and waits
there, before it records its event and commits. The test then sends SIGKILL and checks that the
proposal still has exactly its old rows."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from collection.models import SubmissionEvent
from rounds import annex, services
from rounds.models import OptionKind, RoundOption, TaskRow
from rounds.tests import factories

ROOT = Path(__file__).resolve().parents[2]
PRIORITY = "Đổi mới công nghệ"
PAUSE_LOCK = 860_711  # advisory lock number the trigger waits for

PAUSE_AFTER_ROWS = f"""
CREATE OR REPLACE FUNCTION test_fault_pause() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_advisory_xact_lock({PAUSE_LOCK}); RETURN NULL; END $$;
CREATE TRIGGER test_fault_pause AFTER INSERT ON rounds_taskrow FOR EACH STATEMENT EXECUTE FUNCTION test_fault_pause();
"""
NO_PAUSE = "DROP TRIGGER IF EXISTS test_fault_pause ON rounds_taskrow; DROP FUNCTION IF EXISTS test_fault_pause();"

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="needs PostgreSQL row locks to stop the import mid-write (CI runs it)")


def _database_url():
    settings = connection.settings_dict
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
            f"{settings['NAME']}")


def _other_connection():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(dbname=settings["NAME"], host=settings["HOST"] or None, port=settings["PORT"] or None,
                           user=settings["USER"] or None, password=settings["PASSWORD"] or None)


def _wait_for(check, process, what, timeout=60, explain=lambda: ""):
    """Poll the database until `check()` is true (not a sleep standing for time: the other process moves on)."""
    deadline = time.monotonic() + timeout
    while not check():
        if process is not None and process.poll() is not None:
            pytest.fail(f"import_annex ended before {what}: {process.stdout.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}. {explain()}")
        time.sleep(0.05)


def test_import_killed_while_writing_leaves_no_partial_rows(transactional_db, world, tmp_path):
    officer = world.user("unit_officer")
    round_obj = factories.open_2017_round(world)
    RoundOption.objects.create(round=round_obj, kind=OptionKind.PRIORITY, code="doi-moi", order=1, name_vi=PRIORITY)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    for name in ("Tập huấn SXSH cho doanh nghiệp", "Trình diễn mô hình SXSH"):
        services.save_row(proposal=proposal, user=officer, data=factories.task(name=name))
    before = sorted(TaskRow.objects.filter(proposal=proposal).values_list("pk", "name"))
    version = type(proposal).objects.get(pk=proposal.pk).lock_version

    workbook = tmp_path / "de-xuat.xlsx"
    workbook.write_bytes(annex.write_template(
        round_title=round_obj.title, plan_year=2017, unit_name=world.unit.name_vi, money_unit="trieu",
        identity={"round": round_obj.pk, "organisation": world.unit.code}, priorities=[PRIORITY], components=[],
        rows=[{"name": f"Nhiệm vụ nhập từ tệp {i}", "central_vnd": 1_000_000 * (i + 1), "other_vnd": 0,
               "priority": PRIORITY} for i in range(300)], blank_rows=0))

    blocker = _other_connection()
    watcher = _other_connection()
    watcher.autocommit = True
    process, backend = None, []
    try:
        watcher.execute(PAUSE_AFTER_ROWS)
        try:
            blocker.execute("SELECT pg_advisory_lock(%s)", [PAUSE_LOCK])
            blocker.commit()  # a session lock: held until unlocked, outside any transaction
            env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "sxsh.settings"}
            process = subprocess.Popen(
                [sys.executable, "manage.py", "import_annex", str(workbook)], cwd=ROOT, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

            def writing():
                # The import's backend: its INSERT of the task rows has run and now waits for our advisory lock.
                found = watcher.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory' "
                    "AND query LIKE 'INSERT INTO \"rounds_taskrow\"%%'").fetchone()
                backend[:] = found or []
                return bool(found)

            def activity():
                return watcher.execute("SELECT pid, state, wait_event_type, left(query, 120) FROM pg_stat_activity "
                                       "WHERE datname = current_database()").fetchall()

            _wait_for(writing, process, "the import to write its rows", explain=activity)
            held = watcher.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND relation = 'rounds_taskrow'::regclass "
                "AND mode = 'RowExclusiveLock' AND granted", backend).fetchone()[0]
            assert held == 1  # it holds the write lock on the table: the rows are in, not committed

            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
        finally:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            blocker.execute("SELECT pg_advisory_unlock(%s)", [PAUSE_LOCK])
            blocker.close()  # the orphaned backend goes on, finds its client gone and rolls back
        _wait_for(lambda: watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", backend).fetchone() is None,
                  None, "the killed import's backend to end")
    finally:
        watcher.execute(NO_PAUSE)
        watcher.close()

    assert sorted(TaskRow.objects.filter(proposal=proposal).values_list("pk", "name")) == before
    assert not TaskRow.objects.filter(name__startswith="Nhiệm vụ nhập từ tệp").exists()
    assert not SubmissionEvent.objects.filter(submission__proposal=proposal, kind="import").exists()
    assert type(proposal).objects.get(pk=proposal.pk).lock_version == version


def test_the_same_import_completes_when_not_killed(transactional_db, world, tmp_path):
    """The control: without the kill, the same command replaces the rows (so the test above proves something)."""
    round_obj = factories.open_2017_round(world)
    RoundOption.objects.create(round=round_obj, kind=OptionKind.PRIORITY, code="doi-moi", order=1, name_vi=PRIORITY)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    services.save_row(proposal=proposal, user=world.user("unit_officer"), data=factories.task())
    workbook = tmp_path / "de-xuat.xlsx"
    workbook.write_bytes(annex.write_template(
        round_title=round_obj.title, plan_year=2017, unit_name=world.unit.name_vi, money_unit="trieu",
        identity={"round": round_obj.pk, "organisation": world.unit.code}, priorities=[PRIORITY], components=[],
        rows=[{"name": f"Nhiệm vụ nhập từ tệp {i}", "central_vnd": 1_000_000, "other_vnd": 0, "priority": PRIORITY}
              for i in range(300)], blank_rows=0))
    env = {**os.environ, "DATABASE_URL": _database_url()}
    done = subprocess.run([sys.executable, "manage.py", "import_annex", str(workbook)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert TaskRow.objects.filter(proposal=proposal).count() == 300
    assert TaskRow.objects.filter(proposal=proposal, priority__name_vi=PRIORITY).count() == 300
