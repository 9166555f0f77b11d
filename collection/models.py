"""One cycle for every "the office asks, units send, the office decides" of letter 4108: a Call with
one Submission per invited unit, a frozen version at every send and typed events.

A kind (proposals in `rounds`, dossiers in `plans`, indicator reports in `evaluation`, progress reports in
`execution`) keeps only its
own content in a model with a OneToOne to Call or Submission; see docs/DEVELOPING.md."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from organisations.models import Organisation
from programmes.models import Programme

from .kinds import CallKind  # noqa: F401 (the kinds of call, importable from the models)


class Senders(models.TextChoices):
    """Who may send a unit's submission (letter 4108: the head of the unit signs)."""

    LEADER = "leader", _("Lãnh đạo đơn vị")
    OFFICERS = "officers", _("Cán bộ đầu mối hoặc lãnh đạo đơn vị")


# A call accepting late sending and opened without a closing date takes late sends for this many days
# after its deadline (migration 0003 gave existing calls the same).
LATE_SENDING_DAYS = 30


class CallQuerySet(models.QuerySet):
    def open_on(self, day):
        """Calls accepting submissions on `day`."""
        """Calls accepting submissions on `day`: opened, and by the deadline or, when late sending is
        accepted, by the closing date (every such call has one, so a past call is never open)."""
        late_open = models.Q(accepts_late=True, closes_on__gte=day)
        return self.filter(opens_on__lte=day).filter(models.Q(deadline__gte=day) | late_open)


class Call(models.Model):
    """The office asks the invited units for something by a deadline."""

    kind = models.CharField(_("loại"), max_length=16, choices=CallKind.choices)
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="calls")
    title = models.CharField(_("tên đợt"), max_length=255)
    opens_on = models.DateField(_("ngày mở"))
    deadline = models.DateField(_("hạn gửi"))
    accepts_late = models.BooleanField(_("nhận bản gửi muộn"), default=True)
    # Late sending is accepted until this day: set whenever late sending is accepted (default: the deadline
    # + LATE_SENDING_DAYS), empty otherwise.
    closes_on = models.DateField(_("nhận bản gửi muộn đến ngày"), null=True, blank=True)
    # Fixed at opening from the registry valid on `opens_on`; editing a call only ever adds units.
    invited = models.ManyToManyField(Organisation, verbose_name=_("đơn vị được mời"), related_name="calls", blank=True)
    scoped_by = "invited"  # a unit sees the calls it is invited to (accounts.permissions.scope)
    reminder_days = models.CharField(_("nhắc trước hạn (ngày)"), max_length=64, blank=True, default="14,7,2")
    senders = models.CharField(_("người được gửi"), max_length=16, choices=Senders.choices, default=Senders.LEADER)
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    created_at = models.DateTimeField(default=clock.now)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt thu nhận")
        verbose_name_plural = _("đợt thu nhận")
        ordering = ["-deadline", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(deadline__gte=models.F("opens_on")), name="call_deadline_after_opening"),
            models.CheckConstraint(
                condition=models.Q(accepts_late=False, closes_on__isnull=True)
                | models.Q(accepts_late=True, closes_on__isnull=False, closes_on__gte=models.F("deadline")),
                name="call_late_sending_has_a_closing_date"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, day=None) -> bool:
        """The same rule as `Call.objects.open_on(day)`."""
        day = day or clock.today()
        return self.opens_on <= day and (day <= self.deadline or self.accepts_late_on(day))

    def accepts_late_on(self, day) -> bool:
        return self.accepts_late and self.closes_on is not None and day <= self.closes_on

    def reminder_offsets(self) -> list[int]:
        """The reminder days ("14,7,2"), largest first; bad entries are ignored."""
        return sorted({int(p.strip()) for p in (self.reminder_days or "").split(",") if p.strip().isdigit()}, reverse=True)


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để hoàn thiện")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")


EDITABLE = (Status.DRAFT, Status.RETURNED)
# Sent and not sent back: what the office counts as received and consolidates.
RECEIVED = (Status.SUBMITTED, Status.ACCEPTED, Status.ACKNOWLEDGED)
# The unit has nothing left to do.
DONE = RECEIVED


class Submission(models.Model):
    """What one invited unit sends for one call, through all its versions."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    lock_version = models.PositiveIntegerField(default=0)  # bumped on every change: guards concurrent edits
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_late = models.BooleanField(_("gửi muộn"), default=False)
    submitted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The office's reason when it last returned the submission; kept until the unit sends again.
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    updated_at = models.DateTimeField(default=clock.now)


    class Meta:
        verbose_name = _("bản gửi của đơn vị")
        verbose_name_plural = _("bản gửi của đơn vị")
        constraints = [models.UniqueConstraint(fields=["call", "organisation"], name="one_submission_per_unit_and_call")]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return f"{self.call} — {self.organisation}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_received(self) -> bool:
        return self.status in RECEIVED


class SubmissionVersion(models.Model):
    """A frozen send: the content as it was sent (the kind's snapshot), kept readable forever."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(default=False)
    content = models.JSONField()
    # The money requested in this version, whole đồng (empty for kinds without money).
    total_vnd = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="unique_submission_version_number")]


class EventKind(models.TextChoices):
    IMPORT = "import", _("Nhập từ tệp")
    SUBMIT = "submit", _("Gửi")
    RETURN = "return", _("Trả lại để hoàn thiện")
    ACCEPT = "accept", _("Chấp nhận")
    ACKNOWLEDGE = "acknowledge", _("Tiếp nhận")
    COMMENT = "comment", _("Góp ý")
    ASK_TO_SEND = "ask_to_send", _("Đề nghị lãnh đạo gửi")


class SubmissionEvent(models.Model):
    """What happened to a submission, by whom and when."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=EventKind.choices)
    # Empty for the office's command-line imports and the demo.
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    # The kind's content item the event is about (e.g. a task row's id for a comment on that row).
    item_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created_at", "id"]


def _delegate(holder, name):
    return property(lambda self: getattr(getattr(self, holder), name))


class CallContent(models.Model):
    """Base of a kind's call model (Round, DossierCall, ReportingPeriod): the kind's own fields, with the
    calendar and the unit universe read from its Call."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="%(class)s")

    class Meta:
        abstract = True

    programme = _delegate("call", "programme")
    programme_id = _delegate("call", "programme_id")
    title = _delegate("call", "title")
    opens_on = _delegate("call", "opens_on")
    deadline = _delegate("call", "deadline")
    accepts_late = _delegate("call", "accepts_late")
    closes_on = _delegate("call", "closes_on")
    instructions = _delegate("call", "instructions")
    reminder_days = _delegate("call", "reminder_days")
    invited = _delegate("call", "invited")
    created_at = _delegate("call", "created_at")

    def is_open(self, day=None) -> bool:
        return self.call.is_open(day)


class SubmissionContent(models.Model):
    """Base of a kind's submission model (Proposal, Dossier, UnitReport): the kind's content hangs on
    it, with the state, sending and history read from its Submission."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="%(class)s")

    class Meta:
        abstract = True

    status = _delegate("submission", "status")
    lock_version = _delegate("submission", "lock_version")
    submitted_at = _delegate("submission", "submitted_at")
    submitted_late = _delegate("submission", "submitted_late")
    submitted_by = _delegate("submission", "submitted_by")
    return_reason = _delegate("submission", "return_reason")
    updated_at = _delegate("submission", "updated_at")
    is_editable = _delegate("submission", "is_editable")
    is_received = _delegate("submission", "is_received")
    versions = _delegate("submission", "versions")
    events = _delegate("submission", "events")

    def get_status_display(self):
        return self.submission.get_status_display()
