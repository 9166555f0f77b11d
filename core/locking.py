"""The version guard of a record edited by several people: a page sends the lock version it showed."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

STALE_ITEM_MESSAGE = gettext_lazy("Dòng này vừa được sửa ở nơi khác.")
GONE_ITEM_MESSAGE = gettext_lazy("Dòng này vừa bị xóa ở nơi khác.")


class StaleItem(ValidationError):
    """One item of a list (a task row) changed or was deleted since the page showed it; `saved` is the item
    as it is now, or None when it is gone, so the page can show both versions and let the person choose."""

    def __init__(self, saved):
        super().__init__(STALE_ITEM_MESSAGE if saved is not None else GONE_ITEM_MESSAGE)
        self.saved = saved


def is_stale(expected, current: int) -> bool:
    """True when the version sent is not the record's current one. None or "" means no guard; a
    value that is not a whole number is stale (the person reloads), never an error."""
    if expected is None or expected == "":
        return False
    text = str(expected).strip()
    return not (text.isdigit() and len(text) <= 18 and int(text) == current)
