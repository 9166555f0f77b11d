"""Upload checks: the real content type from magic bytes, a size limit, and a generated file name."""
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# kind -> list of (magic prefix, extension)
SIGNATURES = {
    "image": [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif")],
    "pdf": [(b"%PDF-", "pdf")],
    "video": [(b"\x1a\x45\xdf\xa3", "webm")],
}
MAX_BYTES = {"image": 5 * 1024 * 1024, "pdf": 30 * 1024 * 1024, "video": 500 * 1024 * 1024}


def _sniff(head: bytes, kind: str):
    if kind == "video" and head[4:8] == b"ftyp":
        return "mp4"
    for magic, extension in SIGNATURES.get(kind, []):
        if head.startswith(magic):
            return extension
    return None


def check(upload, *, kind: str):
    """Validate `upload` (a Django UploadedFile) as `kind`; give it a generated name. Returns the upload."""
    if upload.size > MAX_BYTES[kind]:
        raise ValidationError(_("Tệp quá lớn."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = _sniff(head, kind)
    if extension is None:
        raise ValidationError(_("Loại tệp không được chấp nhận."))
    upload.name = f"{uuid.uuid4().hex}.{extension}"
    return upload
