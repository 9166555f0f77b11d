from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FocalContact, FocalUnit, FocalUnitStatus, OrganisationGroup


class FocalUnitForm(forms.ModelForm):
    class Meta:
        model = FocalUnit
        fields = ["status", "name", "decision_number", "decision_date", "decision_signer", "address", "phone", "email", "note"]
        widgets = {
            "decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class FocalContactForm(forms.ModelForm):
    class Meta:
        model = FocalContact
        fields = ["full_name", "position", "email", "phone"]


ContactFormSet = forms.inlineformset_factory(
    FocalUnit, FocalContact, form=FocalContactForm, extra=2, can_delete=True, max_num=20
)


class FocalTableFilter(forms.Form):
    group = forms.ChoiceField(label=_("Nhóm đơn vị"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    q = forms.CharField(label=_("Tìm"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("Tất cả"))] + list(OrganisationGroup.choices)
        self.fields["status"].choices = [("", _("Tất cả"))] + list(FocalUnitStatus.choices)
