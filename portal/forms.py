from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BodyImage, ContactMessage, DocumentKind, Item

FIELDS = ["category", "title", "summary", "body", "tags", "province", "number", "file", "cover", "external_url",
          "sector", "measures", "investment", "saving_energy_kwh", "saving_water_m3", "saving_materials_t",
          "saving_money", "payback_months", "level", "starts_on", "ends_on", "place", "audience", "doc_number",
          "issued_on", "issuer", "doc_kind"]


class ItemForm(forms.ModelForm):
    external_url = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Item
        fields = FIELDS
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "data-editor": "body"}),
                   "starts_on": forms.DateInput(attrs={"type": "date"}), "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "issued_on": forms.DateInput(attrs={"type": "date"})}


class BodyImageForm(forms.ModelForm):
    class Meta:
        model = BodyImage
        fields = ["file", "alt"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif"})}


class ContactForm(forms.ModelForm):
    # A field people do not see (hidden by CSS, skipped by screen readers): robots fill it in.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}


class DocumentFilter(forms.Form):
    q = forms.CharField(label=_("Số, ký hiệu hoặc từ khóa"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Loại văn bản"), required=False,
                             choices=[("", _("Tất cả"))] + list(DocumentKind.choices))
