from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.permissions import login_required, office_admin_required, office_required
from collection import queue, sending
from collection.board import STATES
from core import clock, vn
from core import grid as core_grid
from core.forms import add_service_errors, flash_service_error
from exports import services as export_services
from organisations.models import Organisation, OrganisationGroup, OrganisationKind

from . import annex, export_jobs, grid, imports, selectors, services
from .forms import CommentForm, RoundForm, TaskRowForm, UploadForm
from .models import OptionKind, Proposal, ProposalStatus, Round, TaskRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _round(request, pk) -> Round:
    return get_object_or_404(permissions.scope(Round.objects.all(), request.user), pk=pk)


def _unit_context(request, pk, code):
    """The round and the unit's proposal; another unit's officer gets 404."""
    round_obj = _round(request, pk)
    organisation = get_object_or_404(Organisation, code=code)
    if not permissions.can_view_unit(request.user, organisation) or not round_obj.invited.filter(pk=organisation.pk).exists():
        raise Http404
    proposal = Proposal.objects.filter(round=round_obj, organisation=organisation).first()
    return round_obj, organisation, proposal


def public_list(request):
    """Open rounds and their deadlines, for everyone (linked from the public portal)."""
    today = clock.today()
    return render(request, "rounds/public_list.html", {"rounds": selectors.open_rounds(today), "today": today})


@login_required
def round_list(request):
    rounds = permissions.scope(Round.objects.all(), request.user).select_related("call__programme")
    unit = permissions.unit_of(request.user)
    return render(request, "rounds/round_list.html", {"rounds": rounds, "unit": unit, "today": clock.today()})


@office_admin_required
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_obj = services.open_round(
                programme=data["programme"], title=data["title"], plan_year=data["plan_year"], opens_on=data["opens_on"],
                deadline=data["deadline"], invited=data["invited_all"], accepts_late=data["accepts_late"],
                closes_on=data["closes_on"],
                instructions=data["instructions"], money_unit=data["money_unit"], reminder_days=data["reminder_days"],
                letter_number=data["letter_number"], senders=data["senders"],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Đã mở đợt đề xuất."))
            return redirect("rounds:board", pk=round_obj.pk)
    return render(request, "rounds/round_form.html", {"form": form})


@office_admin_required
def round_edit(request, pk):
    round_obj = get_object_or_404(Round, pk=pk)
    initial = {
        "programme": round_obj.programme, "title": round_obj.title, "plan_year": round_obj.plan_year,
        "opens_on": round_obj.opens_on, "deadline": round_obj.deadline, "accepts_late": round_obj.accepts_late,
        "closes_on": round_obj.closes_on,
        "money_unit": round_obj.money_unit, "instructions": round_obj.instructions,
        "reminder_days": round_obj.reminder_days, "letter_number": round_obj.letter_number,
        "senders": round_obj.call.senders,
    }
    form = RoundForm(request.POST or None, initial=initial, invited_already=round_obj.invited.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_round(
                round_obj=round_obj, plan_year=data["plan_year"], money_unit=data["money_unit"],
                letter_number=data["letter_number"], invite_more=data["invited_all"], title=data["title"],
                opens_on=data["opens_on"], deadline=data["deadline"], accepts_late=data["accepts_late"],
                closes_on=data["closes_on"],
                instructions=data["instructions"], reminder_days=data["reminder_days"], senders=data["senders"],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Đã lưu đợt đề xuất."))
            return redirect("rounds:board", pk=round_obj.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": round_obj,
                                                      "invited_count": round_obj.invited.count()})


@login_required
def round_detail(request, pk):
    """The office goes to the board; a unit to its own proposal."""
    round_obj = _round(request, pk)
    if permissions.is_office(request.user):
        return redirect("rounds:board", pk=round_obj.pk)
    unit = permissions.unit_of(request.user)
    return redirect("rounds:proposal", pk=round_obj.pk, code=unit.code)


@office_required
def board(request, pk):
    round_obj = get_object_or_404(Round, pk=pk)
    group = request.GET.get("group") if request.GET.get("group") in OrganisationGroup.values else None
    kind = request.GET.get("kind") if request.GET.get("kind") in OrganisationKind.values else None
    return render(request, "rounds/board.html", {
        "round": round_obj, "board": selectors.completeness_board(round_obj, group=group, kind=kind),
        "groups": OrganisationGroup.choices, "group": group, "states": STATES,
        "kinds": [(k, label) for k, label in OrganisationKind.choices if k != OrganisationKind.OFFICE], "kind": kind,
    })


@office_required
def consolidation(request, pk):
    round_obj = get_object_or_404(Round, pk=pk)
    return render(request, "rounds/consolidation.html", {"round": round_obj, "data": selectors.consolidation(round_obj)})


@office_required
def export_all(request, pk):
    """The consolidated workbook; a large one is written by a background job whose page this redirects to."""
    round_obj = get_object_or_404(Round, pk=pk)
    filename = export_jobs.consolidated_filename(round_obj)
    rows = selectors.export_row_count(round_obj)
    if export_services.too_large(rows):
        job = export_services.start(owner=request.user, kind=export_jobs.CONSOLIDATED, parameters={"round": round_obj.pk},
                                    title=_("Tổng hợp đề xuất — %(round)s") % {"round": round_obj.title},
                                    filename=filename, rows_total=rows)
        return redirect("exports:job", job.pk)
    return _xlsx(export_jobs.write_consolidated(round_obj), filename)


@login_required
def export_unit(request, pk, code):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    filename = export_jobs.unit_filename(round_obj, organisation)
    rows = selectors.export_row_count(round_obj, organisation_ids=[organisation.pk])
    if export_services.too_large(rows):
        job = export_services.start(owner=request.user, kind=export_jobs.UNIT,
                                    parameters={"round": round_obj.pk, "organisation": organisation.pk},
                                    title=export_jobs.unit_title(round_obj, organisation), filename=filename, rows_total=rows)
        return redirect("exports:job", job.pk)
    return _xlsx(export_jobs.write_unit(round_obj, organisation), filename)


@never_cache  # Back to the grid shows the rows as saved, never a copy from before the last edits
@login_required
def proposal_detail(request, pk, code):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    rows = proposal.rows.select_related("priority", "component") if proposal else []
    can_edit = permissions.can_edit_unit_drafts(request.user, organisation) and (proposal is None or proposal.is_editable)
    can_edit = can_edit and round_obj.is_open()
    rows = list(rows)
    return render(request, "rounds/proposal.html", {
        "round": round_obj, "organisation": organisation, "proposal": proposal, "rows": rows,
        "grid": grid.table(round_obj, organisation, proposal, rows, editable=can_edit), "grid_texts": core_grid.page_texts(),
        "versions": proposal.versions.select_related("submitted_by") if proposal else [],
        "events": _events(proposal, rows),
        "can_edit": can_edit,
        "sending": sending.panel(request.user, proposal.submission if proposal else None),
        "can_review": permissions.is_office(request.user) and proposal is not None and proposal.status == ProposalStatus.SUBMITTED,
        "comment_form": CommentForm(), "upload_form": UploadForm(), "unit": round_obj.money_unit,
    })


def _events(proposal, rows) -> list:
    """The proposal's history, each comment on a row carrying that row."""
    if proposal is None:
        return []
    by_id = {row.pk: row for row in rows}
    events = list(proposal.events.select_related("actor"))
    for event in events:
        event.row = by_id.get(event.item_id)
    return events


def _editable_proposal(request, round_obj, organisation) -> Proposal:
    if not permissions.can_edit_unit_drafts(request.user, organisation):
        raise PermissionDenied
    return services.proposal_for(round_obj=round_obj, organisation=organisation)


@login_required
def row_edit(request, pk, code, row_id=None):
    round_obj, organisation, _proposal = _unit_context(request, pk, code)
    proposal = _editable_proposal(request, round_obj, organisation)
    row = get_object_or_404(TaskRow, pk=row_id, proposal=proposal) if row_id else None
    client_key = None
    if row is None and request.method == "GET":
        client_key, elsewhere = core_grid.new_row_page(request, proposal.rows.all(), lambda row_id: reverse(
            "rounds:row_edit", kwargs={"pk": round_obj.pk, "code": organisation.code, "row_id": row_id}))
        if elsewhere:
            return elsewhere
    initial = {"version": proposal.lock_version, "client_key": client_key}
    if row:
        initial.update({key: getattr(row, key) for key in services.ROW_FIELDS})
    form = TaskRowForm(request.POST or None, initial=initial, round_obj=round_obj)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, client_key = data.pop("version"), data.pop("client_key")
        try:
            services.save_row(proposal=proposal, user=request.user, data=data, row=row, expected_version=version,
                              client_key=None if row else client_key)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)
    return render(request, "rounds/row_form.html", {"round": round_obj, "organisation": organisation, "form": form, "row": row})


@require_POST
@login_required
def grid_action(request, pk, code):
    """The proposal grid's saves (core/static/core/grid.js): one action per request (rounds.grid.handle), in
    JSON or as a form post.
    409 with the saved row when the row changed elsewhere, so the page shows both versions."""
    round_obj, organisation, _proposal = _unit_context(request, pk, code)
    proposal = _editable_proposal(request, round_obj, organisation)
    return core_grid.respond(request, lambda body: grid.handle(proposal=proposal, user=request.user, body=body),
                             lambda row: grid.row_payload(row, round_obj.money_unit))


@require_POST
@login_required
def row_delete(request, pk, code, row_id):
    round_obj, organisation, _proposal = _unit_context(request, pk, code)
    proposal = _editable_proposal(request, round_obj, organisation)
    row = get_object_or_404(TaskRow, pk=row_id, proposal=proposal)
    try:
        services.delete_row(proposal=proposal, user=request.user, row=row, expected_version=request.POST.get("version"))
        messages.success(request, _("Đã xóa nhiệm vụ."))
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)


@login_required
def template_download(request, pk, code):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    rows = services.snapshot(proposal) if proposal else []
    content = annex.write_template(
        round_title=round_obj.title, plan_year=round_obj.plan_year,
        unit_name=organisation.working_body or organisation.name_vi, money_unit=round_obj.money_unit,
        identity={"round": round_obj.pk, "organisation": organisation.code},
        priorities=[o.name_vi for o in round_obj.options(OptionKind.PRIORITY)],
        components=[o.name_vi for o in round_obj.options(OptionKind.COMPONENT)], rows=rows,
    )
    return _xlsx(content, f"phu-luc-de-xuat-{round_obj.plan_year}-{organisation.code}.xlsx")


@login_required
def upload(request, pk, code):
    """Upload → preview of every row, warning and ignored column → import on confirmation, in one transaction.

    Between the two steps the file is kept as a staged import (never its rows in the session)."""
    round_obj, organisation, _proposal = _unit_context(request, pk, code)
    proposal = _editable_proposal(request, round_obj, organisation)
    form = UploadForm(request.POST or None, request.FILES or None)
    intake, staged, problem = None, None, None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        try:
            count = imports.confirm_upload(proposal=proposal, user=request.user, staged_id=request.POST.get("staged", ""),
                                           confirmed=request.POST.get("confirm_amounts") == "yes")
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("rounds:upload", pk=round_obj.pk, code=organisation.code)
        messages.success(request, _("Đã nhập %(count)s nhiệm vụ từ tệp.") % {"count": count})
        return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            if upload_file.size > annex.MAX_FILE_BYTES:
                raise annex.AnnexFileError(_("Tệp quá lớn; tối đa 5 MB."))
            intake, staged = imports.stage_upload(proposal=proposal, user=request.user, data=upload_file.read(),
                                                  filename=upload_file.name)
        except annex.AnnexFileError as error:
            problem = str(error)
    result = intake.result if intake else None
    totals = result.totals() if result else None
    return render(request, "rounds/upload.html", {
        "round": round_obj, "organisation": organisation, "form": form, "intake": intake, "result": result,
        "staged": staged, "problem": problem, "totals": totals, "unit": round_obj.money_unit,
        "max_mb": annex.MAX_FILE_BYTES // 1024 // 1024,
    })


@require_POST
@login_required
def submit(request, pk, code):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    if proposal is None or not permissions.can_submit_for_unit(request.user, organisation):
        raise PermissionDenied
    try:
        version = services.submit(proposal=proposal, user=request.user, expected_version=request.POST.get("version"))
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Đã gửi đề xuất (lần %(n)s) lúc %(at)s.") % {
            "n": version.number, "at": clock.now().astimezone().strftime("%d/%m/%Y %H:%M")})
    return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)


@require_POST
@login_required
def comment(request, pk, code):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    if proposal is None:
        raise Http404
    form = CommentForm(request.POST)
    row = None
    if request.POST.get("row"):
        row = get_object_or_404(TaskRow, pk=vn.whole_number(request.POST["row"], max_digits=18) or 0, proposal=proposal)
    try:
        if not form.is_valid():
            raise ValidationError(_("Nội dung góp ý không được để trống."))
        services.add_comment(proposal=proposal, user=request.user, text=form.cleaned_data["text"], row=row)
    except ValidationError as error:
        flash_service_error(request, error)
    return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)


@office_required
def review(request, pk, code):
    """Every field of every row with its warnings; accept with approved amounts, approve all as requested, or
    return. Opened from the review queue, the reviewer then goes on to the next unit of the same queue."""
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    if proposal is None:
        raise Http404
    rows = {row.pk: row for row in proposal.rows.all()}
    carried = queue.carried(request.GET)
    if request.method == "POST":
        try:
            _decide(request, round_obj, proposal, rows)
            if carried is not None:
                return redirect(queue.place_after(carried, proposal.submission))
            return redirect("rounds:proposal", pk=round_obj.pk, code=organisation.code)
        except ValidationError as error:
            flash_service_error(request, error)
    summary = sending.summary(proposal.submission)
    for line in summary.lines:
        row = rows.get(line.row.get("id"))
        typed = request.POST.get(f"approved-{row.pk}") if row and request.method == "POST" else None
        line.task = row
        line.approved = typed if typed is not None else vn.format_money(row.central_vnd, round_obj.money_unit) if row else ""
    return render(request, "rounds/review.html", {
        "round": round_obj, "organisation": organisation, "proposal": proposal, "summary": summary,
        "unit": round_obj.money_unit, "can_decide": proposal.status == ProposalStatus.SUBMITTED,
        "queue_filter": carried, "comment": request.POST.get("comment", ""),
    })


def _decide(request, round_obj, proposal, rows) -> None:
    action, comment = request.POST.get("action"), request.POST.get("comment", "")
    if action == "return":
        services.return_for_revision(proposal=proposal, user=request.user, comment=comment)
        messages.success(request, _("Đã trả lại đề xuất để đơn vị hoàn thiện."))
    elif action == "approve_all":
        services.accept_as_requested(proposal=proposal, user=request.user, comment=comment)
        messages.success(request, _("Đã duyệt tất cả nhiệm vụ như đề xuất."))
    elif action == "accept":
        approved = {}
        for row in rows.values():
            raw = request.POST.get(f"approved-{row.pk}", "").strip()
            try:
                approved[row.pk] = vn.parse_amount(raw, round_obj.money_unit) if raw else row.central_vnd
            except ValueError as error:
                raise ValidationError(f"{row.name}: {error}") from None
        services.accept(proposal=proposal, user=request.user, approved=approved, comment=comment)
        messages.success(request, _("Đã chấp nhận đề xuất."))
    else:
        raise ValidationError(_("Hãy chọn chấp nhận, duyệt tất cả hoặc trả lại."))


@login_required
def version_detail(request, pk, code, number):
    round_obj, organisation, proposal = _unit_context(request, pk, code)
    if proposal is None:
        raise Http404
    version = get_object_or_404(proposal.versions, number=number)
    return render(request, "rounds/version.html", {"round": round_obj, "organisation": organisation, "version": version,
                                                   "unit": round_obj.money_unit})
