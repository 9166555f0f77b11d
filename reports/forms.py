from django import forms
from django.utils.translation import gettext as _

from .models import REPORT_NUMBER, PrimeMinisterReport


class ReportTextForm(forms.ModelForm):
    """Only words: numbers in the report are always computed from the data."""

    class Meta:
        model = PrimeMinisterReport
        fields = ["number", "report_date", "title", "introduction", "assessment", "difficulties", "proposals",
                  "recipients", "signer_authority", "signer_title", "signer_name"]
        widgets = {
            "report_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "introduction": forms.Textarea(attrs={"rows": 4}), "assessment": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 3}), "proposals": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not REPORT_NUMBER.match(number):
            raise forms.ValidationError(_("Số báo cáo gồm số thứ tự và ký hiệu, ví dụ 35/BC-BCT."))
        return number
