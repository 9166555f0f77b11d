"""Form fields shared by the apps."""
from django import forms

from core import vn


class MoneyField(forms.CharField):
    """An amount typed the Vietnamese way in the round's unit, cleaned to whole đồng."""

    def __init__(self, *args, unit="trieu", **kwargs):
        self.unit = unit
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return vn.format_money(value, self.unit)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return 0
        try:
            return vn.parse_amount(value, self.unit)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def flash_service_error(request, error) -> None:
    """A service's refusal after a POST that redirects: one error message with all it said."""
    from django.contrib import messages

    messages.error(request, " ".join(error.messages))
