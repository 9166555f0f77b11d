from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Senders


def senders_field() -> forms.TypedChoiceField:
    """Who may send for the call: the unit's leader unless the office opens it to its officers."""
    return forms.TypedChoiceField(label=_("Người được gửi"), choices=Senders.choices, initial=Senders.LEADER,
                                  required=False, empty_value=Senders.LEADER)
