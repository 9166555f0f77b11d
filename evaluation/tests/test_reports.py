"""A unit's report: who edits, who submits, on time or late, complete and valid; reference loading."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collection.models import Submission
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from evaluation import reference, selectors, services
from evaluation.models import Indicator, IndicatorValue, ReportStatus, Target

from .factories import DATA, full_entries, open_evaluation


@pytest.fixture
def period(world, clock):
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    return open_evaluation(world)


@pytest.fixture
def report(period, world):
    return services.report_for(period=period, organisation=world.unit)


def test_reference_load_is_idempotent_and_reads_the_targets(world):
    open_evaluation(world)
    reference.load(DATA)
    assert Indicator.objects.count() == 10 and Target.objects.count() == 8
    trained = Indicator.objects.get(code="officers_trained")
    assert (trained.aggregation, trained.computed_key, trained.unit) == ("sum", "task_results", "người")
    saving = Indicator.objects.get(code="resource_saving")
    assert saving.aggregation == "weighted_mean" and saving.plausible_max == 30
    target = saving.targets.get(milestone_year=2015)
    assert (target.target_min, target.target_max) == (Decimal(5), Decimal(8))
    assert Indicator.objects.get(code="doit_capable_staff").kinds == "province"
    assert Indicator.objects.get(code="focal_unit_share").computed_key == "focal_unit_share"


def test_the_form_lists_entered_indicators_only(report, world):
    codes = [i.code for i in selectors.form_indicators(report)]
    assert codes == ["facilities_aware", "facilities_applying", "resource_saving", "doit_capable_staff"]
    ministry = type(world.unit).objects.create(code="bct", kind="ministry", name_vi="Bộ Công Thương")
    report.period.invited.add(ministry)
    ministry_report = services.report_for(period=report.period, organisation=ministry)
    assert "doit_capable_staff" not in [i.code for i in selectors.form_indicators(ministry_report)]


def test_officer_saves_and_officer_or_leader_submits(report, world, clock):
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    assert IndicatorValue.objects.filter(report=report).count() == 4
    services.submit(report=report, user=world.user(UNIT_OFFICER))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not report.submitted_late
    other = services.report_for(period=report.period, organisation=world.other_unit)
    services.save_values(report=other, user=world.user(OTHER_OFFICER), entries=full_entries())
    clock.set_now(datetime(2016, 7, 2, 9, 0))
    services.submit(report=other, user=world.user(OTHER_OFFICER))
    other.refresh_from_db()
    assert other.submitted_late


def test_leader_may_submit_too(report, world):
    services.save_values(report=report, user=world.user(UNIT_LEADER), entries=full_entries())
    services.submit(report=report, user=world.user(UNIT_LEADER))
    assert report.__class__.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_nobody_else_edits_or_submits(report, world):
    for role in (OFFICE_REVIEWER, OTHER_OFFICER):
        with pytest.raises(PermissionDenied):
            services.save_values(report=report, user=world.user(role), entries=full_entries())
        with pytest.raises(PermissionDenied):
            services.submit(report=report, user=world.user(role))


def test_submitting_needs_every_indicator(report, world):
    entries = full_entries()
    del entries["resource_saving"]
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=entries)
    with pytest.raises(ValidationError) as error:
        services.submit(report=report, user=world.user(UNIT_OFFICER))
    assert error.value.messages == ["Chưa nhập đủ các chỉ tiêu: Mức tiết kiệm năng lượng, nhiên liệu, nguyên vật liệu "
                                    "trên đơn vị sản phẩm tại cơ sở áp dụng sản xuất sạch hơn."]


def test_a_submitted_report_is_frozen(report, world):
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    services.submit(report=report, user=world.user(UNIT_OFFICER))
    with pytest.raises(ValidationError, match="đã gửi nên không sửa được"):
        services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    with pytest.raises(ValidationError, match="đã được gửi"):
        services.submit(report=report, user=world.user(UNIT_OFFICER))


def test_late_reports_are_refused_when_the_period_does_not_accept_them(world, clock):
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    period = open_evaluation(world, accepts_late=False)
    report = services.report_for(period=period, organisation=world.unit)
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    clock.set_now(datetime(2016, 7, 1, 9, 0))
    with pytest.raises(ValidationError, match=r"Đã quá hạn gửi \(30/06/2016\)"):
        services.submit(report=report, user=world.user(UNIT_OFFICER))


def test_invalid_entries_are_refused_with_field_messages(report, world):
    entries = full_entries(aware=(150, 100))
    with pytest.raises(ValidationError) as error:
        services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=entries)
    assert error.value.message_dict == {"facilities_aware__numerator": ["Tử số (150) không được lớn hơn mẫu số (100)."]}
    assert not IndicatorValue.objects.exists()  # all or nothing


def test_a_jump_from_the_previous_period_needs_a_comment(report, world, clock):
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries(aware=(30, 100)))
    services.submit(report=report, user=world.user(UNIT_OFFICER))
    clock.set_now(datetime(2017, 2, 1, 9, 0))
    yearly = open_evaluation(world, title="Năm 2016", start_year=2016, end_year=2016, opens_on=date(2017, 1, 15),
                             deadline=date(2017, 3, 31))
    next_report = services.report_for(period=yearly, organisation=world.unit)
    with pytest.raises(ValidationError) as error:
        services.save_values(report=next_report, user=world.user(UNIT_OFFICER), entries=full_entries(aware=(90, 100)))
    assert error.value.message_dict["facilities_aware__comment"] == [
        "Giá trị khác nhiều so với kỳ trước (30,0); đề nghị ghi chú xác nhận số liệu."]
    entries = full_entries(aware=(90, 100))
    entries["facilities_aware"]["comment"] = "Mở rộng khảo sát"
    services.save_values(report=next_report, user=world.user(UNIT_OFFICER), entries=entries)


def test_savings_warning_is_shown_after_saving(report, world, client):
    client.force_login(world.user(UNIT_OFFICER))
    url = f"/evaluation/{report.period_id}/units/{world.unit.code}/edit/"
    data = {"facilities_aware__numerator": "40", "facilities_aware__denominator": "100",
            "resource_saving__value": "45", "resource_saving__denominator": "3"}
    page = client.post(url, data, follow=True).content.decode()
    assert "Đã lưu số liệu." in page
    assert "nằm ngoài khoảng thường gặp (0 – 30)" in page


def test_the_form_shows_errors_in_vietnamese(report, world, client):
    client.force_login(world.user(UNIT_OFFICER))
    url = f"/evaluation/{report.period_id}/units/{world.unit.code}/edit/"
    page = client.post(url, {"facilities_applying__numerator": "120", "facilities_applying__denominator": "100"}).content.decode()
    assert "Tử số (120) không được lớn hơn mẫu số (100)." in page
    page = client.post(url, {"facilities_aware__numerator": "abc"}).content.decode()
    assert "&#x27;abc&#x27; không phải là một số hợp lệ" in page


def test_another_units_report_answers_404(report, world, client):
    client.force_login(world.user(OTHER_OFFICER))
    for suffix in ("", "edit/"):
        assert client.get(f"/evaluation/{report.period_id}/units/{world.unit.code}/{suffix}").status_code == 404
    assert client.post(f"/evaluation/{report.period_id}/units/{world.unit.code}/submit/").status_code == 404


def test_the_board_shows_who_submitted_late_or_not_at_all(report, world, clock):
    services.save_values(report=report, user=world.user(UNIT_OFFICER), entries=full_entries())
    clock.set_now(datetime(2016, 7, 5, 9, 0))
    services.submit(report=report, user=world.user(UNIT_OFFICER))
    board = selectors.completeness_board(report.period)
    assert {line.code: line.state for line in board.lines} == {"ha-noi": "late", "quang-ninh": "not_started"}
    assert (board.expected, board.actual, board.actual_on_time, board.reporting_rate) == (2, 1, 0, 50.0)


def test_the_form_saves_one_indicator_as_it_is_filled(report, world, client):
    client.force_login(world.user(UNIT_OFFICER))
    url = f"/evaluation/{report.period_id}/units/{world.unit.code}/autosave/"
    form = {"facilities_aware__numerator": "40", "facilities_aware__denominator": "100",
            "facilities_applying__numerator": "abc"}  # another indicator half typed: not checked, not saved
    answer = client.post(url, {**form, "indicator": "facilities_aware"}).json()
    assert answer["errors"] == {} and answer["lock_version"] == Submission.objects.get().lock_version
    assert list(IndicatorValue.objects.values_list("indicator__code", "numerator", "denominator")) == [
        ("facilities_aware", Decimal(40), Decimal(100))]
    answer = client.post(url, {**form, "indicator": "facilities_applying"}).json()
    assert "không phải là một số hợp lệ" in answer["errors"]["facilities_applying__numerator"]
    answer = client.post(url, {"facilities_applying__numerator": "120", "facilities_applying__denominator": "100",
                               "indicator": "facilities_applying"}).json()
    assert answer["errors"] == {"facilities_applying__numerator": "Tử số (120) không được lớn hơn mẫu số (100)."}
    assert IndicatorValue.objects.count() == 1
    assert client.post(url, {"indicator": "no_such_code"}).status_code == 400
    client.force_login(world.user(OTHER_OFFICER))
    assert client.post(url, {**form, "indicator": "facilities_aware"}).status_code == 404
