"""Public portal content: one Item per published piece, with a category and a few typed fields."""
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise(text: str) -> str:
    """Lower-case text without Vietnamese diacritics ("Sản xuất" -> "san xuat", "đ" -> "d")."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


class Category(models.TextChoices):
    NEWS = "news", _("Tin hoạt động")
    NEWSLETTER = "newsletter", _("Bản tin")
    FILM = "film", _("Phim")
    LEAFLET = "leaflet", _("Tờ rơi")
    MODEL_CASE = "model_case", _("Mô hình điểm")
    TRAINING = "training", _("Khóa đào tạo")
    DOCUMENT = "document", _("Văn bản pháp lý")


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
    search_text = models.TextField(editable=False, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="portal_item_latest")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(" ".join([self.title, self.summary, self.tags, self.province, self.sector,
                                               self.measures, _strip_tags(self.body)]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:detail", kwargs={"pk": self.pk})


def _strip_tags(html):
    from django.utils.html import strip_tags

    return strip_tags(html or "")


class Version(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=16)
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
        from django.utils.html import escape

        return str(f'<img src="{escape(self.file.url)}" alt="{escape(self.alt)}">')
