"""The version guard of a record edited by several people: a page sends the lock version it showed."""


def is_stale(expected, current: int) -> bool:
    """True when the version sent is not the record's current one. None or "" means no guard; a
    value that is not a whole number is stale (the person reloads), never an error."""
    if expected is None or expected == "":
        return False
    text = str(expected).strip()
    return not (text.isdigit() and len(text) <= 18 and int(text) == current)
