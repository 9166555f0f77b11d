"""The shared rules of every call, tested once here; each kind has one test that it plugs in."""
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from collection import services
from collection.board import completeness_board
from collection.models import Call, CallKind, EventKind, Senders, Status
from collection.signals import call_opened, submission_decided, submission_returned
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from organisations.models import Organisation, OrganisationKind
from programmes.models import Programme

DAY_BEFORE_DEADLINE = datetime(2016, 6, 14, 9, 0)
DAY_AFTER_DEADLINE = datetime(2016, 6, 20, 9, 0)


def programme():
    return Programme.objects.get_or_create(
        code="sxsh-2020", defaults={"name_vi": "Chiến lược SXSH đến năm 2020", "start_year": 2009, "end_year": 2020})[0]


def open_call(world, **changes) -> Call:
    fields = {"kind": CallKind.PROPOSALS, "programme": programme(), "title": "Đề xuất nhiệm vụ năm 2017",
              "opens_on": date(2016, 5, 13), "deadline": date(2016, 6, 15), "invited": [world.unit, world.other_unit]}
    fields.update(changes)
    return services.open_call(**fields)


def freeze(submission):
    return {"rows": [{"name": "Tập huấn", "central_vnd": 300_000_000}]}, 300_000_000


def sent(world, call, clock, when=DAY_BEFORE_DEADLINE, unit=None):
    clock.set_now(when)
    submission = services.submission_for(call=call, organisation=unit or world.unit)
    services.send(submission=submission, user=world.user(UNIT_LEADER), freeze=freeze)
    submission.refresh_from_db()
    return submission


def test_opening_fixes_the_units_from_the_registry_valid_that_day(world):
    merged = Organisation.objects.create(code="ha-tay", kind=OrganisationKind.PROVINCE, name_vi="UBND Tỉnh Hà Tây",
                                         valid_to=date(2008, 7, 31))
    with pytest.raises(ValidationError) as refused:
        open_call(world, invited=[world.unit, merged])
    assert "UBND Tỉnh Hà Tây" in str(refused.value)
    with pytest.raises(ValidationError):
        open_call(world, invited=[world.office])  # the office reports to nobody
    told = []
    call_opened.connect(receiver := lambda sender, call, **kw: told.append(sorted(call.invited.values_list("code", flat=True))))
    try:
        call = open_call(world)
    finally:
        call_opened.disconnect(receiver)
    assert told == [["ha-noi", "quang-ninh"]]
    assert call.senders == Senders.LEADER


def test_changing_a_call_never_drops_an_invited_unit(world):
    call = open_call(world, invited=[world.unit])
    services.change_call(call=call, deadline=date(2016, 6, 30), invite_more=[world.other_unit])
    call.refresh_from_db()
    assert call.deadline == date(2016, 6, 30)
    assert set(call.invited.values_list("code", flat=True)) == {"ha-noi", "quang-ninh"}
    services.change_call(call=call, title="Đợt 2017 (gia hạn)")
    assert call.invited.count() == 2
    with pytest.raises(ValidationError):
        services.change_call(call=call, deadline=date(2016, 5, 1))


def test_only_invited_units_have_a_submission(world):
    call = open_call(world, invited=[world.unit])
    with pytest.raises(PermissionDenied):
        services.submission_for(call=call, organisation=world.other_unit)


def test_the_leader_sends_by_default_and_a_call_may_let_officers_send(world, clock):
    clock.set_now(DAY_BEFORE_DEADLINE)
    call = open_call(world)
    submission = services.submission_for(call=call, organisation=world.unit)
    for role in (UNIT_OFFICER, OTHER_OFFICER, OFFICE_REVIEWER):
        with pytest.raises(PermissionDenied):
            services.send(submission=submission, user=world.user(role), freeze=freeze)
    officers_call = open_call(world, kind=CallKind.INDICATORS, senders=Senders.OFFICERS)
    report = services.submission_for(call=officers_call, organisation=world.unit)
    services.send(submission=report, user=world.user(UNIT_OFFICER), freeze=freeze)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.submitted_by == world.user(UNIT_OFFICER)


def test_sending_freezes_a_version_and_records_the_event(world, clock):
    submission = sent(world, open_call(world), clock)
    assert submission.status == Status.SUBMITTED
    assert submission.lock_version == 1 and submission.submitted_late is False
    version = submission.versions.get()
    assert (version.number, version.total_vnd, version.late) == (1, 300_000_000, False)
    assert version.content == {"rows": [{"name": "Tập huấn", "central_vnd": 300_000_000}]}
    event = submission.events.get()
    assert (event.kind, event.get_kind_display(), event.actor) == (EventKind.SUBMIT, "Gửi", world.user(UNIT_LEADER))
    with pytest.raises(ValidationError):
        services.send(submission=submission, user=world.user(UNIT_LEADER), freeze=freeze)


def test_the_calendar_decides_late_sending(world, clock):
    clock.set_now(datetime(2016, 5, 1, 9, 0))
    call = open_call(world)
    submission = services.submission_for(call=call, organisation=world.unit)
    with pytest.raises(ValidationError, match="chưa mở"):
        services.send(submission=submission, user=world.user(UNIT_LEADER), freeze=freeze)
    late = sent(world, call, clock, when=DAY_AFTER_DEADLINE)
    assert late.submitted_late and late.versions.get().late
    strict = open_call(world, accepts_late=False)
    clock.set_now(DAY_AFTER_DEADLINE)
    with pytest.raises(ValidationError, match="không nhận bản gửi muộn"):
        services.send(submission=services.submission_for(call=strict, organisation=world.unit),
                      user=world.user(UNIT_LEADER), freeze=freeze)
    closing = open_call(world, closes_on=date(2016, 6, 25))
    clock.set_now(datetime(2016, 6, 26, 9, 0))
    with pytest.raises(ValidationError, match="25/06/2016"):
        services.send(submission=services.submission_for(call=closing, organisation=world.unit),
                      user=world.user(UNIT_LEADER), freeze=freeze)
    assert not closing.is_open(date(2016, 6, 26)) and closing.is_open(date(2016, 6, 25))
    assert list(Call.objects.open_on(date(2016, 6, 26)).order_by("pk")) == [call]


def test_late_sending_without_a_closing_date_ends_30_days_after_the_deadline(world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    call = open_call(world)  # deadline 15/06/2016, late sending accepted, no closing date given
    assert (call.accepts_late, call.closes_on) == (True, date(2016, 7, 15))
    assert open_call(world, accepts_late=False, closes_on=date(2016, 7, 1)).closes_on is None
    assert list(Call.objects.open_on(date(2016, 7, 15))) == [call] and call.is_open(date(2016, 7, 15))
    assert not Call.objects.open_on(date(2016, 7, 16)).exists() and not call.is_open(date(2016, 7, 16))
    clock.set_now(datetime(2016, 7, 16, 9, 0))
    with pytest.raises(ValidationError) as refused:
        services.send(submission=services.submission_for(call=call, organisation=world.unit),
                      user=world.user(UNIT_LEADER), freeze=freeze)
    assert refused.value.messages == [
        "Đã quá hạn gửi (15/06/2016) và đợt này chỉ nhận bản gửi muộn đến ngày 15/07/2016."]
    with pytest.raises(ValidationError) as moved:
        services.change_call(call=call, deadline=date(2016, 7, 31))
    assert moved.value.message_dict == {"closes_on": ["Ngày ngừng nhận bản gửi muộn phải sau hạn gửi."]}
    call = services.change_call(call=call, deadline=date(2016, 7, 31), closes_on=None)
    assert call.closes_on == date(2016, 8, 30)
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(closes_on=None)


def test_an_edit_needs_an_editable_submission_and_the_current_version(world, clock):
    submission = services.submission_for(call=open_call(world), organisation=world.unit)
    locked = services.lock_for_edit(submission, world.user(UNIT_OFFICER), expected_version=0)
    services.touch(locked)
    with pytest.raises(services.StaleSubmission):
        services.lock_for_edit(submission, world.user(UNIT_OFFICER), expected_version=0)
    with pytest.raises(PermissionDenied):
        services.lock_for_edit(submission, world.user(OTHER_OFFICER))
    with pytest.raises(PermissionDenied):
        services.lock_for_edit(submission, world.user(OFFICE_REVIEWER))


def test_return_needs_a_reason_which_the_unit_keeps_until_it_sends_again(world, clock):
    submission = sent(world, open_call(world), clock)
    reviewer = world.user(OFFICE_REVIEWER)
    with pytest.raises(ValidationError, match="lý do"):
        services.return_submission(submission=submission, user=reviewer, reason="  ")
    with pytest.raises(PermissionDenied):
        services.return_submission(submission=submission, user=world.user(UNIT_LEADER), reason="x")
    told = []
    submission_returned.connect(receiver := lambda sender, submission, reason, **kw: told.append(reason))
    try:
        submission = services.return_submission(submission=submission, user=reviewer, reason="Bổ sung mục tiêu")
    finally:
        submission_returned.disconnect(receiver)
    assert told == ["Bổ sung mục tiêu"]
    assert (submission.status, submission.return_reason) == (Status.RETURNED, "Bổ sung mục tiêu")
    services.touch(services.lock_for_edit(submission, world.user(UNIT_OFFICER)))
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == (Status.DRAFT, "Bổ sung mục tiêu")
    services.send(submission=submission, user=world.user(UNIT_LEADER), freeze=freeze)
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason, submission.versions.count()) == (Status.SUBMITTED, "", 2)
    assert [e.kind for e in submission.events.all()] == [EventKind.SUBMIT, EventKind.RETURN, EventKind.SUBMIT]


def test_accept_and_acknowledge_only_a_sent_submission(world, clock):
    call = open_call(world)
    submission = services.submission_for(call=call, organisation=world.unit)
    reviewer = world.user(OFFICE_REVIEWER)
    with pytest.raises(ValidationError):
        services.accept(submission=submission, user=reviewer)
    submission = sent(world, call, clock)
    applied, decided = [], []
    submission_decided.connect(receiver := lambda sender, submission, **kw: decided.append(submission.status))
    try:
        services.accept(submission=submission, user=reviewer, note="Đồng ý", apply=applied.append)
    finally:
        submission_decided.disconnect(receiver)
    assert applied == [submission] and decided == [Status.ACCEPTED]
    with pytest.raises(ValidationError):
        services.acknowledge(submission=submission, user=reviewer)
    acknowledged = sent(world, open_call(world, kind=CallKind.DOSSIERS), clock)
    acknowledged = services.acknowledge(submission=acknowledged, user=reviewer, note="Đã nhận đủ")
    assert acknowledged.status == Status.ACKNOWLEDGED
    assert acknowledged.events.last().get_kind_display() == "Tiếp nhận"


def test_the_board_counts_every_invited_unit_once(world, clock):
    third = Organisation.objects.create(code="hai-phong", kind=OrganisationKind.PROVINCE, name_vi="UBND TP Hải Phòng")
    call = open_call(world, invited=[world.unit, world.other_unit, third])
    submission = sent(world, call, clock, when=DAY_AFTER_DEADLINE)
    board = completeness_board(call, items={world.other_unit.pk: 2})
    assert [(line.code, line.state) for line in board.lines] == [
        ("hai-phong", "not_started"), ("ha-noi", "late"), ("quang-ninh", "draft")]
    assert (board.expected, board.actual, board.actual_on_time) == (3, 1, 0)
    assert board.reporting_rate == 33.3 and board.on_time_rate == 0.0
    assert [line.code for line in board.owing] == ["hai-phong", "quang-ninh"]
    services.return_submission(submission=submission, user=world.user(OFFICE_REVIEWER), reason="Thiếu sản phẩm")
    board = completeness_board(call)
    line = next(line for line in board.lines if line.code == "ha-noi")
    assert (line.state, line.return_reason, str(line.state_label)) == ("returned", "Thiếu sản phẩm", "Trả lại để hoàn thiện")
    assert (board.actual, board.counts["returned"], len(board.owing)) == (0, 1, 3)
    assert completeness_board(call, kind=OrganisationKind.MINISTRY).expected == 0
