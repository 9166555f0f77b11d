"""Large exports run as background jobs: the bookmarked URL redirects to the job's page, the job writes the
same file the request would have written, its page follows the progress, only who may see it downloads it,
a failure says so in Vietnamese, and old files expire."""
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_q.models import Schedule

from accounts.models import Role
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER, make_user
from core.testing.xlsx import workbook_cells
from exports import services
from exports.models import ExportJob, ExportStatus
from reports import pm_annex, selectors
from rounds import services as round_services
from rounds.models import Round
from rounds.tests.factories import open_2017_round, task

pytestmark = pytest.mark.django_db
FAILED_VI = "Không tạo được tệp. Hãy tải lại; nếu vẫn lỗi, hãy báo cho quản trị hệ thống."


@pytest.fixture
def jobs_in_process(settings):
    """Jobs run inside the request that queues them (django-q2's sync mode), as the test's settings say."""
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    settings.EXPORT_SYNC_MAX_ROWS = 2
    return settings


@pytest.fixture
def sent_round(world, clock):
    """Hà Nội sent three rows (one with formula-like text), Quảng Ninh two."""
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    round_obj = open_2017_round(world)
    other_leader = make_user("qn.leader@t.vn", world.other_unit, Role.UNIT_LEADER)
    for organisation, officer, leader, names in (
            (world.unit, world.user(UNIT_OFFICER), world.user(UNIT_LEADER), ["A", "=HYPERLINK(\"x\")", "C"]),
            (world.other_unit, other_leader, other_leader, ["D", "E"])):
        proposal = round_services.proposal_for(round_obj=round_obj, organisation=organisation)
        for index, name in enumerate(names, start=1):
            round_services.save_row(proposal=proposal, user=officer, data=task(name, 100_000_000 * index, 1_500_000))
        round_services.submit(proposal=proposal, user=leader)
    return round_obj


def _export(client, user, url, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.get(url)


def test_a_large_export_redirects_to_its_job_which_writes_the_file_the_request_would_have(
        world, sent_round, client, jobs_in_process, django_capture_on_commit_callbacks):
    office = world.user(OFFICE_REVIEWER)
    url = reverse("rounds:export", args=[sent_round.pk])
    response = _export(client, office, url, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.owner, job.kind, job.parameters, job.office_export) == (office, "rounds.consolidated",
                                                                        {"round": sent_round.pk}, True)
    assert (job.status, job.rows_done, job.rows_total, job.error) == (ExportStatus.DONE, 5, 5, "")
    assert job.started_at and job.finished_at and job.file.name.startswith("private/exports/")

    state = client.get(reverse("exports:status", args=[job.pk])).json()
    download = reverse("exports:download", args=[job.pk])
    assert state == {"status": "done", "label": "Đã xong", "finished": True, "rows_done": 5, "rows_total": 5,
                     "percent": 100, "rows_text": "5 / 5 dòng", "error": "", "download_url": download}
    page = client.get(response["Location"]).content.decode()
    assert f'href="{download}"' in page and "exports/job.js" in page
    served = client.get(download)
    assert served["Content-Disposition"] == 'attachment; filename="tong-hop-de-xuat-2017.xlsx"'
    content = b"".join(served.streaming_content)

    jobs_in_process.EXPORT_SYNC_MAX_ROWS = 5000  # the same URL, small enough to answer in the request
    in_request = client.get(url)
    assert in_request["Content-Type"].startswith("application/vnd.openxmlformats")
    assert workbook_cells(content) == workbook_cells(in_request.content)
    rows = workbook_cells(content)["Tổng hợp"]["rows"]
    names = [row[1][0] for row in rows if isinstance(row[0][0], int)]
    assert names == ["A", "=HYPERLINK(\"x\")", "C", "D", "E"]
    assert next(row[1] for row in rows if row[1][0] == "=HYPERLINK(\"x\")")[1] == "s"  # text, never a formula


def test_a_units_large_export_is_its_officers_alone(world, sent_round, client, jobs_in_process,
                                                     django_capture_on_commit_callbacks):
    officer = world.user(UNIT_OFFICER)
    response = _export(client, officer, reverse("rounds:export_unit", args=[sent_round.pk, world.unit.code]),
                       django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.status, job.rows_total, job.office_export, job.filename) == (ExportStatus.DONE, 3, False, "de-xuat-2017-ha-noi.xlsx")
    names = [row[1][0] for row in workbook_cells(job.file.read())["Tổng hợp"]["rows"] if isinstance(row[0][0], int)]
    assert names == ["A", "=HYPERLINK(\"x\")", "C"]
    for role in (UNIT_LEADER, OTHER_OFFICER, OFFICE_REVIEWER, OFFICE_ADMIN):
        client.force_login(world.user(role))
        for name in ("exports:job", "exports:status", "exports:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 403, (role, name)
    client.logout()
    assert client.get(reverse("exports:download", args=[job.pk]))["Location"].startswith("/accounts/login/")


def test_an_office_export_is_every_office_users_but_no_units(world, sent_round, client, jobs_in_process,
                                                            django_capture_on_commit_callbacks):
    _export(client, world.user(OFFICE_REVIEWER), reverse("rounds:export", args=[sent_round.pk]),
            django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    client.force_login(world.user(OFFICE_ADMIN))
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 200
    for role in (UNIT_OFFICER, OTHER_OFFICER):
        client.force_login(world.user(role))
        assert client.get(reverse("exports:download", args=[job.pk])).status_code == 403


def test_asking_again_while_the_job_is_under_way_follows_the_same_job(world, sent_round, client, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    client.force_login(world.user(OFFICE_REVIEWER))
    url = reverse("rounds:export", args=[sent_round.pk])
    first, second = client.get(url), client.get(url)  # inside the test's transaction: queued, not yet run
    job = ExportJob.objects.get()
    assert first["Location"] == second["Location"] == reverse("exports:job", args=[job.pk])
    state = client.get(reverse("exports:status", args=[job.pk])).json()
    assert (state["status"], state["finished"], state["download_url"], state["rows_text"]) == ("queued", False, "", "0 / 5 dòng")
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
    page = client.get(first["Location"]).content.decode()
    assert 'data-finished="false"' in page and "Đang chờ" in page


def test_a_job_killed_with_its_worker_runs_again_on_retry_and_a_new_request_does_not_wait_for_it(
        world, sent_round, client, settings, clock):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    client.force_login(world.user(OFFICE_REVIEWER))
    url = reverse("rounds:export", args=[sent_round.pk])
    client.get(url)
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, started_at=clock.now())
    assert client.get(url)["Location"] == reverse("exports:job", args=[job.pk])  # still under way
    assert services.run(job.pk) == ExportStatus.RUNNING  # a second attempt leaves the first alone

    clock.advance(timedelta(seconds=settings.Q_CLUSTER["timeout"] + 1))
    again = client.get(url)
    assert ExportJob.objects.count() == 2 and again["Location"] != reverse("exports:job", args=[job.pk])
    assert services.run(job.pk) == ExportStatus.DONE  # the runner's retry of the killed job finishes it
    job.refresh_from_db()
    assert (job.rows_done, job.file.name != "") == (5, True)


def test_progress_is_saved_on_the_job_as_rows_are_written(world, clock):
    job = ExportJob.objects.create(owner=world.user(OFFICE_REVIEWER), kind="rounds.consolidated", title="x",
                                   filename="x.xlsx", rows_total=2500, created_at=clock.now())
    progress = services.Progress(job.pk)
    rows = progress.track(range(2500))
    seen = [next(rows) for _ in range(1001)]
    job.refresh_from_db()
    assert (len(seen), job.rows_done, job.percent) == (1001, 1000, 40)
    list(rows)
    job.refresh_from_db()
    assert (progress.done, job.rows_done) == (2500, 2000)  # the last save is the job's, when it finishes


def test_a_job_whose_round_was_deleted_fails_with_a_message_in_vietnamese(world, sent_round, client, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    client.force_login(world.user(OFFICE_REVIEWER))
    client.get(reverse("rounds:export", args=[sent_round.pk]))
    job = ExportJob.objects.get()
    Round.objects.filter(pk=sent_round.pk).delete()
    assert services.run(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert (job.status, job.error, job.file.name, job.finished_at is not None) == (ExportStatus.FAILED, FAILED_VI, "", True)
    state = client.get(reverse("exports:status", args=[job.pk])).json()
    assert (state["label"], state["error"], state["finished"], state["download_url"]) == ("Không tạo được", FAILED_VI, True, "")
    assert FAILED_VI in client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
    assert services.run(job.pk) == ExportStatus.FAILED  # a retry by the runner does not start it again

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    state = client.get(reverse("exports:status", args=[job.pk])).json()
    assert (state["label"], state["error"]) == ("Failed", "The file could not be created. Try again; if it still fails, "
                                                          "tell the system administrator.")


def test_the_annex_of_a_large_report_is_written_by_a_job(world, sent_round, client, jobs_in_process,
                                                         django_capture_on_commit_callbacks):
    client.force_login(world.user(OFFICE_REVIEWER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:pm_report_xlsx", args=[2017]))
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.kind, job.status, job.rows_done, job.rows_total) == ("reports.pm_annex", ExportStatus.DONE, 5, 5)
    content = b"".join(client.get(reverse("exports:download", args=[job.pk])).streaming_content)
    expected = pm_annex.build_xlsx(selectors.report_data(year=2017, programme=sent_round.call.programme))
    assert workbook_cells(content) == workbook_cells(expected)
    proposals = workbook_cells(content)[pm_annex.PROPOSAL_SHEET]["rows"]
    assert sorted(row[3][0] for row in proposals if isinstance(row[0][0], int)) == sorted(
        ["A", "=HYPERLINK(\"x\")", "C", "D", "E"])


def test_old_files_expire_and_jobs_left_unfinished_are_marked_failed(world, sent_round, client, jobs_in_process, clock,
                                                                      django_capture_on_commit_callbacks, capsys):
    _export(client, world.user(OFFICE_REVIEWER), reverse("rounds:export", args=[sent_round.pk]),
            django_capture_on_commit_callbacks)
    done = ExportJob.objects.get()
    storage, name = done.file.storage, done.file.name
    stuck = ExportJob.objects.create(owner=world.user(OFFICE_REVIEWER), kind="rounds.unit", title="x", filename="x.xlsx",
                                     created_at=clock.now())
    clock.advance(timedelta(days=jobs_in_process.EXPORT_KEEP_DAYS) - timedelta(minutes=1))
    assert services.expire() == {"expired": 0, "stalled": 0} and storage.exists(name)

    clock.advance(timedelta(minutes=2))
    call_command("expire_exports")
    assert capsys.readouterr().out.strip() == "expired: 1, stalled: 1"
    done.refresh_from_db()
    stuck.refresh_from_db()
    assert (done.status, done.file.name, storage.exists(name)) == (ExportStatus.EXPIRED, "", False)
    assert (stuck.status, stuck.error) == (ExportStatus.FAILED, "Việc tạo tệp bị gián đoạn. Hãy tải lại.")
    page = client.get(reverse("exports:job", args=[done.pk])).content.decode()
    assert "Đã hết hạn" in page and "hãy xuất lại" in page
    assert client.get(reverse("exports:download", args=[done.pk])).status_code == 404


def test_the_daily_expiry_is_scheduled():
    schedule = Schedule.objects.get(name="exports: expire old files")
    assert (schedule.func, schedule.schedule_type, schedule.repeats) == ("exports.jobs.expire", Schedule.DAILY, -1)
