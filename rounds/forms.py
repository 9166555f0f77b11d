from django import forms
from django.utils.translation import gettext_lazy as _

from collection.forms import closes_on_field, senders_field
from core.forms import MoneyField  # noqa: F401 (kept importable from here)
from organisations.models import Organisation, OrganisationGroup, kinds_of_group
from programmes.models import Programme

from .models import MoneyUnit, OptionKind, RoundOption


class RoundForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.all())
    title = forms.CharField(label=_("Tên đợt"), max_length=255)
    plan_year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Ngày mở"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    deadline = forms.DateField(label=_("Hạn gửi"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    accepts_late = forms.BooleanField(label=_("Nhận đề xuất gửi muộn"), required=False, initial=True)
    closes_on = closes_on_field()
    money_unit = forms.ChoiceField(label=_("Đơn vị tiền tệ"), choices=MoneyUnit.choices, initial=MoneyUnit.TRIEU)
    invited_groups = forms.MultipleChoiceField(label=_("Mời theo nhóm"), choices=OrganisationGroup.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    invited = forms.ModelMultipleChoiceField(label=_("Mời từng đơn vị"), queryset=Organisation.objects.none(), required=False)
    instructions = forms.CharField(label=_("Hướng dẫn"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reminder_days = forms.CharField(label=_("Nhắc trước hạn (ngày, cách nhau bởi dấu phẩy)"), required=False, initial="14,7,2")
    letter_number = forms.CharField(label=_("Số công văn"), required=False)
    senders = senders_field()

    def __init__(self, *args, invited_already=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = Organisation.objects.reporting_units().current().in_letter_order()
        # Editing a round only adds units: the ones invited at opening stay invited whatever is ticked.
        self.editing = invited_already is not None
        if self.editing:
            self.fields["invited"].queryset = self.fields["invited"].queryset.exclude(pk__in=invited_already)
            self.fields["invited"].label = _("Mời thêm từng đơn vị")
            self.fields["programme"].disabled = True
            self.fields["invited_groups"].label = _("Mời thêm theo nhóm")
        if not self.initial.get("programme"):
            self.initial["programme"] = Programme.objects.order_by("-end_year").first()

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error("deadline", _("Hạn gửi phải sau ngày mở đợt."))
        invited = set(data.get("invited") or [])
        for group in data.get("invited_groups") or []:
            invited |= set(Organisation.objects.reporting_units().valid_on(data.get("opens_on")).filter(kind__in=kinds_of_group(group))) \
                if data.get("opens_on") else set()
        if not invited and not self.errors and not self.editing:
            raise forms.ValidationError(_("Cần mời ít nhất một đơn vị."))
        data["invited_all"] = invited
        return data


class TaskRowForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # A new row's form carries its own key (also in its address, see views.row_edit), so posting it again
    # (Back, then save) changes that row.
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Tên nhiệm vụ"), max_length=1000)
    objectives = forms.CharField(label=_("Mục tiêu và nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    products = forms.CharField(label=_("Sản phẩm dự kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    period = forms.CharField(label=_("Thời gian thực hiện"), max_length=255, required=False,
                             help_text=_("Ví dụ: 03/2017 - 11/2017"))
    period_from = forms.DateField(label=_("Từ tháng"), required=False, input_formats=["%m/%Y", "%d/%m/%Y"],
                                  widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy"}))
    period_to = forms.DateField(label=_("Đến tháng"), required=False, input_formats=["%m/%Y", "%d/%m/%Y"],
                                widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy"}))
    central_vnd = MoneyField(label=_("Kinh phí đề nghị từ NSTW"))
    other_vnd = MoneyField(label=_("Kinh phí đối ứng từ nguồn khác"), required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    priority = forms.ModelChoiceField(label=_("Hoạt động ưu tiên"), queryset=RoundOption.objects.none(), required=False)
    component = forms.ModelChoiceField(label=_("Đề án thành phần"), queryset=RoundOption.objects.none(), required=False)

    def __init__(self, *args, round_obj, **kwargs):
        super().__init__(*args, **kwargs)
        unit_label = round_obj.money_label
        for key in ("central_vnd", "other_vnd"):
            self.fields[key].unit = round_obj.money_unit
            self.fields[key].label = f"{self.fields[key].label} ({unit_label})"
        self.fields["priority"].queryset = RoundOption.objects.filter(round=round_obj, kind=OptionKind.PRIORITY)
        self.fields["component"].queryset = RoundOption.objects.filter(round=round_obj, kind=OptionKind.COMPONENT)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp phụ lục (.xlsx, .xls, .ods hoặc .docx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.docx"}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Góp ý"), widget=forms.Textarea(attrs={"rows": 3}))
