"""Text as it is stored: Unicode NFC, and no C0 control characters except tab and newline (a carriage
return becomes a newline). Pastes from Word carry vertical tabs and the like, which no XML file, e-mail
header or spreadsheet cell can hold. Applied to every CharField/TextField of every model (history
tables included) just before it is saved, by `clean_instance` connected to pre_save in CoreConfig."""
import re
import unicodedata

from django.db import models

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", value))


def clean_instance(instance):
    """Clean every text field of a model instance in place and return it (bulk_create sends no signal)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_text(value))
    return instance


def clean_on_save(sender, instance, raw=False, **kwargs) -> None:
    # raw: loaddata writes a backup back exactly as it was taken.
    if not raw:
        clean_instance(instance)
