from itertools import chain

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Membership
from accounts.permissions import login_required, office_required

from . import selectors, services
from .forms import ContactFormSet, FocalTableFilter, FocalUnitForm
from .models import FocalContact, FocalUnit, Organisation


def _visible_organisation(request, code) -> Organisation:
    """404 rather than 403 for another unit: its existence is not a secret, its records are."""
    organisation = get_object_or_404(Organisation, code=code)
    if not permissions.can_view_unit(request.user, organisation):
        raise Http404
    return organisation


@office_required
def organisation_list(request):
    """The office's table of every unit in force with its focal-unit status and the shares."""
    filters = FocalTableFilter(request.GET or None)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound else {}
    units = selectors.focal_unit_table(group=data.get("group"), status=data.get("status"), query=data.get("q", ""))
    return render(
        request,
        "organisations/organisation_list.html",
        {"units": units, "filters": filters, "shares": selectors.focal_unit_shares()},
    )


@login_required
def organisation_detail(request, code):
    organisation = _visible_organisation(request, code)
    focal_unit = FocalUnit.objects.filter(organisation=organisation).prefetch_related("contacts").first()
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "focal_unit": focal_unit,
            "members": organisation.memberships.select_related("user").order_by("user__full_name"),
            "can_edit": permissions.can_edit_registry(request.user, organisation),
        },
    )


@login_required
def focal_unit_edit(request, code):
    organisation = _visible_organisation(request, code)
    if not permissions.can_edit_registry(request.user, organisation):
        raise PermissionDenied
    focal_unit = FocalUnit.objects.filter(organisation=organisation).first() or FocalUnit(organisation=organisation)
    form = FocalUnitForm(request.POST or None, request.FILES or None, instance=focal_unit)
    formset = ContactFormSet(request.POST or None, instance=focal_unit if focal_unit.pk else None, prefix="contacts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        contacts = [
            {"id": f.instance.pk,
             **{k: f.cleaned_data[k] for k in ("full_name", "position", "email", "phone", "is_public")}}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("full_name")
        ]
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            services.save_focal_unit(organisation=organisation, data=data, contacts=contacts)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị đầu mối."))
            return redirect("organisations:detail", code=organisation.code)
    return render(
        request,
        "organisations/focal_unit_form.html",
        {"organisation": organisation, "form": form, "formset": formset},
    )


@login_required
def organisation_history(request, code):
    """Who changed what and when: the organisation, its focal unit, contacts and accounts."""
    organisation = _visible_organisation(request, code)
    focal = FocalUnit.objects.filter(organisation=organisation).first()
    records = chain(
        organisation.history.all(),
        FocalUnit.history.filter(organisation_id=organisation.pk),
        FocalContact.history.filter(focal_unit_id=focal.pk) if focal else [],
        Membership.history.filter(organisation_id=organisation.pk),
    )
    entries = []
    for record in records:
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        entries.append({"record": record, "model": record.instance._meta.verbose_name, "changes": changes})
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return render(request, "organisations/organisation_history.html", {"organisation": organisation, "entries": entries[:200]})
