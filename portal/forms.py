from django import forms

from .models import BodyImage, Item

FIELDS = ["category", "title", "summary", "body", "tags", "province", "number", "file", "cover", "external_url",
          "sector", "measures", "investment", "saving_energy_kwh", "saving_water_m3", "saving_materials_t",
          "saving_money", "payback_months", "level", "starts_on", "ends_on", "place", "audience"]


class ItemForm(forms.ModelForm):
    external_url = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Item
        fields = FIELDS
        widgets = {"body": forms.Textarea(attrs={"rows": 16, "data-editor": "body"}),
                   "starts_on": forms.DateInput(attrs={"type": "date"}), "ends_on": forms.DateInput(attrs={"type": "date"})}


class BodyImageForm(forms.ModelForm):
    class Meta:
        model = BodyImage
        fields = ["file", "alt"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif"})}
