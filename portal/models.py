"""Public portal content: one Item per published piece, with a category and a few typed fields;
messages the public sends through the contact form."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from core.vn import fold


class Category(models.TextChoices):
    NEWS = "news", _("Tin hoạt động")
    NEWSLETTER = "newsletter", _("Bản tin")
    FILM = "film", _("Phim")
    LEAFLET = "leaflet", _("Tờ rơi")
    MODEL_CASE = "model_case", _("Mô hình điểm")
    TRAINING = "training", _("Khóa đào tạo")
    DOCUMENT = "document", _("Văn bản pháp lý")


class DocumentKind(models.TextChoices):
    """Kinds of text in the documents library (legal texts and the office's guidance)."""
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    DECISION = "decision", _("Quyết định")
    CIRCULAR = "circular", _("Thông tư")
    LETTER = "letter", _("Công văn")
    GUIDANCE = "guidance", _("Tài liệu hướng dẫn")
    TEMPLATE = "template", _("Biểu mẫu")


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    REJECTED = "rejected", _("Từ chối")
    PUBLISHED = "published", _("Đã đăng")


class ItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Item(models.Model):
    visible_to_everyone = models.Q(status=Status.PUBLISHED)  # besides the unit's own (accounts.permissions.scope)

    category = models.CharField(_("chuyên mục"), max_length=16, choices=Category.choices, db_index=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="portal_items")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    tags = models.CharField(_("từ khóa"), max_length=255, blank=True)
    province = models.CharField(_("tỉnh, thành phố"), max_length=128, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    moderation_comment = models.TextField(_("ý kiến của Văn phòng"), blank=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Typed fields (used by some categories only).
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="public/portal/files/", blank=True)
    cover = models.FileField(_("ảnh bìa"), upload_to="public/portal/images/", blank=True)
    external_url = models.URLField(_("liên kết ngoài"), blank=True)
    sector = models.CharField(_("ngành"), max_length=128, blank=True)
    measures = models.TextField(_("giải pháp đã thực hiện"), blank=True)
    investment = models.BigIntegerField(_("vốn đầu tư (đồng)"), null=True, blank=True)
    saving_energy_kwh = models.BigIntegerField(_("tiết kiệm năng lượng (kWh/năm)"), null=True, blank=True)
    saving_water_m3 = models.BigIntegerField(_("tiết kiệm nước (m³/năm)"), null=True, blank=True)
    saving_materials_t = models.BigIntegerField(_("tiết kiệm nguyên liệu (tấn/năm)"), null=True, blank=True)
    saving_money = models.BigIntegerField(_("tiết kiệm chi phí (đồng/năm)"), null=True, blank=True)
    payback_months = models.PositiveIntegerField(_("thời gian hoàn vốn (tháng)"), null=True, blank=True)
    level = models.CharField(_("cấp độ"), max_length=16, blank=True, choices=[("basic", _("Cơ bản")), ("advanced", _("Nâng cao"))])
    starts_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    audience = models.CharField(_("đối tượng"), max_length=255, blank=True)
    # Documents library (category "document").
    doc_number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True, help_text=_("Ví dụ: 1419/QĐ-TTg"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    doc_kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="portal_item_latest")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_text(self, self.organisation.name_vi if self.organisation_id else "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:detail", kwargs={"pk": self.pk})


def search_text(item, organisation_name: str = "") -> str:
    """What search compares, folded: titles, bodies, document numbers, places and the unit's name; padded
    with spaces so that every word, the first and last too, stands between spaces."""
    return " " + fold(" ".join([item.title, item.doc_number, item.summary, item.tags, item.province, item.place,
                          item.audience, item.sector, item.measures, item.issuer, organisation_name,
                          strip_tags(item.body or "")])) + " "


class Version(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]


class BodyImage(models.Model):
    """An image uploaded with a post and shown inside its body (the sanitiser keeps only such images)."""
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("ảnh"), upload_to="public/portal/body/")
    alt = models.CharField(_("mô tả ảnh"), max_length=255,
                           help_text=_("Mô tả ngắn nội dung ảnh cho người không xem được ảnh."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.alt

    def tag(self) -> str:
        """The HTML to put in a post's body for this image (a plain string: templates escape it to show it)."""
        return str(f'<img src="{escape(self.file.url)}" alt="{escape(self.alt)}">')


class ContactMessage(models.Model):
    """A message sent through the public contact form: stored for the office, never mailed anywhere."""
    name = models.CharField(_("họ và tên"), max_length=128)
    email = models.EmailField(_("thư điện tử"))
    organisation = models.CharField(_("cơ quan, doanh nghiệp"), max_length=255, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    message = models.TextField(_("nội dung"), max_length=5000)
    sent_at = models.DateTimeField(_("gửi lúc"))
    handled_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject
