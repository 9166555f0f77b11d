from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import LATE_SENDING_DAYS, Senders


def senders_field() -> forms.TypedChoiceField:
    """Who may send for the call: the unit's leader unless the office opens it to its officers."""
    return forms.TypedChoiceField(label=_("Người được gửi"), choices=Senders.choices, initial=Senders.LEADER,
                                  required=False, empty_value=Senders.LEADER)


def closes_on_field() -> forms.DateField:
    """The last day late sending is taken (collection.services: the deadline + LATE_SENDING_DAYS when empty)."""
    return forms.DateField(label=_("Nhận bản gửi muộn đến ngày"), required=False,
                           widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                           help_text=format_lazy(_("Để trống: {n} ngày sau hạn gửi. Sau ngày này đợt đóng, không nhận "
                                                   "bản gửi nữa."), n=LATE_SENDING_DAYS))
