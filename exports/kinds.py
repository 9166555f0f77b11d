"""What can be exported in the background, filled in by the apps that own the data in their AppConfig.ready
(rounds: the consolidated export and a unit's export; reports: the annex of the report to the Prime
Minister), so this app never imports them."""
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportKind:
    # write(parameters, output, track): writes the file into `output` (a binary file), passing every
    # streamed row source through `track` (it counts the rows for the progress shown to the user).
    write: Callable
    office: bool  # an office export: every office user may follow and download it, not only who asked


_kinds: dict[str, ExportKind] = {}


def register(key: str, *, write, office: bool) -> None:
    _kinds[key] = ExportKind(write=write, office=office)


def get(key: str) -> ExportKind:
    return _kinds[key]
