from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator
from django.utils.translation import gettext_lazy as _

from collection.forms import closes_on_field, senders_field
from core import vn
from organisations.models import Organisation, OrganisationGroup, kinds_of_group
from programmes.models import Programme


class NumberField(forms.CharField):
    """A number typed the Vietnamese way ('1.250', '45,5'), cleaned to a Decimal or None, within what the
    values' DecimalFields hold (20 digits, 4 after the comma)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(DecimalValidator(max_digits=20, decimal_places=4))

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return vn.format_exact(value)

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            return vn.parse_decimal(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class PeriodForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.all())
    title = forms.CharField(label=_("Tên kỳ báo cáo"), max_length=255)
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Ngày mở"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    deadline = forms.DateField(label=_("Hạn gửi"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    accepts_late = forms.BooleanField(label=_("Nhận báo cáo gửi muộn"), required=False, initial=True)
    closes_on = closes_on_field()
    invited_groups = forms.MultipleChoiceField(label=_("Mời theo nhóm"), choices=OrganisationGroup.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    instructions = forms.CharField(label=_("Hướng dẫn"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    senders = senders_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.initial.get("programme"):
            self.initial["programme"] = Programme.objects.order_by("-end_year").first()

    def invited_units(self):
        data = self.cleaned_data
        kinds = [kind for group in data.get("invited_groups") or [] for kind in kinds_of_group(group)]
        return Organisation.objects.reporting_units().valid_on(data["opens_on"]).filter(kind__in=kinds)


def entry_fields(indicator) -> list[tuple[str, forms.Field]]:
    """The fields a unit fills for one indicator, named "<code>__<field>"."""
    code, entry = indicator.code, indicator.entry
    fields = []
    if entry == "pair":
        fields += [(f"{code}__numerator", NumberField(label=_("Tử số"), required=False)),
                   (f"{code}__denominator", NumberField(label=_("Mẫu số"), required=False))]
    elif entry == "weighted":
        fields += [(f"{code}__value", NumberField(label=_("Giá trị (%s)") % indicator.unit, required=False)),
                   (f"{code}__denominator", NumberField(label=_("Số cơ sở (quyền số)"), required=False))]
    elif entry == "yes_no":
        fields.append((f"{code}__value", forms.TypedChoiceField(
            label=_("Đạt"), required=False, coerce=Decimal, empty_value=None,
            choices=[("", "—"), ("1", _("Có")), ("0", _("Không"))])))
    else:
        fields.append((f"{code}__value", NumberField(label=_("Giá trị (%s)") % indicator.unit, required=False)))
    fields.append((f"{code}__comment", forms.CharField(label=_("Ghi chú"), required=False,
                                                        widget=forms.Textarea(attrs={"rows": 1}))))
    return fields


class ReportForm(forms.Form):
    """Generated from the catalogue: a pair for ratio indicators, a single value for the others."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.groups = []
        for indicator in indicators:
            names = []
            for name, field in entry_fields(indicator):
                self.fields[name] = field
                names.append(name)
            self.groups.append((indicator, names))

    def grouped(self):
        """[(indicator, [bound fields])] for the template."""
        return [(indicator, [self[name] for name in names]) for indicator, names in self.groups]

    def entries(self) -> dict:
        return {indicator.code: self.entry(indicator.code) for indicator, _names in self.groups}

    def names_of(self, code: str) -> list[str]:
        """The field names of one indicator ([] for a code not in the form)."""
        return next((names for indicator, names in self.groups if indicator.code == code), [])

    def entry(self, code: str) -> dict:
        return {name.split("__", 1)[1]: self.cleaned_data.get(name) for name in self.names_of(code)}

    @staticmethod
    def initial_from(values) -> dict:
        initial = {}
        for row in values:
            for field in ("value", "numerator", "denominator", "comment"):
                initial[f"{row.indicator.code}__{field}"] = getattr(row, field)
            if row.indicator.entry == "yes_no" and row.value is not None:
                initial[f"{row.indicator.code}__value"] = "1" if row.value else "0"
        return initial
