"""In chromium: a large consolidated export opens its job page, which follows the job until the file is ready
and then offers it; the file downloaded is the round's."""
from datetime import datetime

from openpyxl import load_workbook

from core import clock
from core.testing.browser import log_in
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from exports import jobs
from exports.models import ExportJob, ExportStatus
from rounds import services as round_services
from rounds.tests.factories import open_2017_round, task


def test_the_job_page_follows_a_large_export_until_its_file_is_ready(page, settings, tmp_path):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    world = build_world()
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    try:
        round_obj = open_2017_round(world)
        proposal = round_services.proposal_for(round_obj=round_obj, organisation=world.unit)
        for name in ("Tập huấn SXSH", "Đánh giá nhanh SXSH", "Phóng sự điển hình"):
            round_services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task(name))
        round_services.submit(proposal=proposal, user=world.user(UNIT_LEADER))

        log_in(page, world.user(OFFICE_REVIEWER))
        page.goto(f"/rounds/{round_obj.pk}/consolidation/")
        page.click("text=Xuất Excel tổng hợp")
        page.wait_for_selector("#export-job")
        assert page.inner_text(".export-label") == "Đang chờ"
        assert page.is_hidden(".export-download")

        job = ExportJob.objects.get()
        assert jobs.run(job.pk) == ExportStatus.DONE  # what the job runner does when it picks the job up
        page.wait_for_selector(".export-download", state="visible")
        assert page.inner_text(".export-label") == "Đã xong"
        assert page.inner_text(".export-rows") == "3 / 3 dòng"
        with page.expect_download() as download:
            page.click(".export-download")
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
    finally:
        clock.set_now(None)
    assert path.name == "tong-hop-de-xuat-2017.xlsx"
    rows = list(load_workbook(path)["Tổng hợp"].iter_rows(values_only=True))
    assert [row[1] for row in rows if isinstance(row[0], int)] == ["Tập huấn SXSH", "Đánh giá nhanh SXSH", "Phóng sự điển hình"]
