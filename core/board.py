"""The completeness board shared by proposal rounds and reporting periods: who was asked, who sent on
time, late, is drafting or has not started."""
from dataclasses import dataclass, field


@dataclass
class BoardLine:
    """One invited unit. Subclasses set STATES (state -> label) and may add their own counters."""

    STATES = {}

    organisation_id: int
    code: str
    name: str
    kind: object  # the organisation kind as its TextChoices member, so the board shows its label
    state: str
    submitted_at: object = None

    @property
    def state_label(self):
        return self.STATES[self.state]

    @property
    def kind_label(self):
        return self.kind.label


@dataclass
class Board:
    lines: list
    counts: dict = field(default_factory=dict)
    expected: int = 0
    actual: int = 0
    actual_on_time: int = 0

    @property
    def reporting_rate(self):
        return round(100 * self.actual / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self):
        return round(100 * self.actual_on_time / self.expected, 1) if self.expected else None
