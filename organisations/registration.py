"""The unit picker of the sign-up form in accounts (a lower layer), found there through core.registry."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KIND_GROUP, Organisation, OrganisationGroup


def unit_field(**kwargs) -> forms.ModelChoiceField:
    """The reporting units in force today, grouped as in letter 4108: ministries, provinces, enterprises."""
    units = Organisation.objects.current().reporting_units().order_by("name_vi")
    field = forms.ModelChoiceField(
        queryset=units,
        error_messages={"invalid_choice": _("Đơn vị này không có trong danh mục. Hãy chọn một đơn vị trong danh sách.")},
        **kwargs,
    )
    groups = {group: [] for group in OrganisationGroup}
    for organisation in units:
        groups[KIND_GROUP[organisation.kind]].append((organisation.pk, organisation.name_vi))
    field.widget.choices = [("", "---------")] + [(group.label, options) for group, options in groups.items() if options]
    return field
