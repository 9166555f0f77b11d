"""Template filters for Vietnamese conventions. Registered as builtins in settings."""
from django import template
from django.utils import translation

from core import vn

register = template.Library()


@register.filter
def money(vnd, unit="dong"):
    """{{ amount|money }} -> 1.500.000 ; {{ amount|money:"trieu" }} -> 1,5"""
    return vn.format_money(vnd, unit or "dong")


@register.filter
def number(value, decimals=0):
    return vn.format_number(value, int(decimals))


@register.filter
def percent(value, decimals=1):
    if value is None:
        return "—"
    return vn.format_number(value, int(decimals)) + "%"


@register.filter
def vndate(value):
    return vn.format_date(value)


@register.filter
def localized(obj, field="name"):
    """The English field (name_en) when the UI is in English and it is filled, else Vietnamese."""
    if obj is None:
        return ""
    if translation.get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, f"{field}_vi", None) or getattr(obj, field, "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
