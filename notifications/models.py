from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock


class Kind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("Mở đợt đề xuất")
    REMINDER = "reminder", _("Nhắc hạn gửi")
    OVERDUE = "overdue", _("Quá hạn gửi")
    DIGEST = "digest", _("Tổng hợp hằng ngày")
    RETURNED = "returned", _("Trả lại để hoàn thiện")
    DECIDED = "decided", _("Kết quả xem xét")
    SEND_REQUESTED = "send_requested", _("Đề nghị lãnh đạo gửi")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One event told to one person, shown in the system; its e-mail, if any, is a Delivery.

    The unique key (kind, subject, recipient, event date) is what keeps the scheduler from telling
    anyone the same thing twice, however often it runs."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    subject_key = models.CharField(max_length=64)  # what the event is about: "round:12", "office"
    event_date = models.DateField(_("ngày của sự kiện"))
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("đơn vị"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="notifications")
    round = models.ForeignKey("rounds.Round", verbose_name=_("đợt đề xuất"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=clock.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_key", "recipient", "event_date"], name="one_notification_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class Delivery(models.Model):
    """The e-mail of a notification: to whom, attempts, the last error, when it went out."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="delivery")
    to_address = models.EmailField(_("gửi tới"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=clock.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("thư điện tử đã gửi")
        verbose_name_plural = _("thư điện tử đã gửi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.to_address}: {self.notification.title}"
