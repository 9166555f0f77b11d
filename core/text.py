"""Text as it is stored: Unicode NFC, and no C0 control characters except tab and newline (a carriage
return becomes a newline); a CharField is one line (its line breaks become spaces: a round's title
goes into e-mail subjects). Pastes from Word carry vertical tabs and the like, which no XML file, e-mail
header or spreadsheet cell can hold. And never longer than its field's max_length, or TEXT_MAX_CHARS
for a TextField (SQLite enforces neither). Applied to every CharField/TextField of every model (history
tables included) just before it is saved, by `clean_instance` connected to pre_save in CoreConfig; so
forms, the API, uploads and the admin all pass here, and a service's ValidationError names the field."""
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .vn import format_number

TEXT_MAX_CHARS = 50_000  # about 20 pages; a pasted report, not a dump

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def clean_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", value))


def one_line(value: str) -> str:
    value = clean_text(value)
    return _LINE_BREAKS.sub(" ", value).replace("\t", " ").strip() if "\n" in value or "\t" in value else value


def clean_instance(instance):
    """Clean every text field of a model instance in place and return it (bulk_create sends no signal);
    ValidationError naming each field that is too long."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                value = clean_text(value) if isinstance(field, models.TextField) else one_line(value)
                setattr(instance, field.attname, value)
                limit = field.max_length or TEXT_MAX_CHARS
                if len(value) > limit:
                    errors[field.name] = _("%(field)s dài quá %(limit)s ký tự.") % {
                        "field": str(field.verbose_name).capitalize(), "limit": format_number(limit)}
    if errors:
        raise ValidationError(errors)
    return instance


def clean_on_save(sender, instance, raw=False, **kwargs) -> None:
    # raw: loaddata writes a backup back exactly as it was taken.
    if not raw:
        clean_instance(instance)
