"""Upload checks: the real content type from the file's own bytes (never its name), a size limit per
kind, and a generated file name. Used by the portal (images, PDFs, videos), by plans (signed
decisions and dossier attachments: PDF or Word) and by execution (evidence files, also Excel lists of
trainees). `attachment` serves a stored private file back."""
import mimetypes
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

MB = 1024 * 1024
# kind -> list of (magic prefix, extension)
SIGNATURES = {
    "image": [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif")],
    "pdf": [(b"%PDF-", "pdf")],
    "video": [(b"\x1a\x45\xdf\xa3", "webm")],
    "document": [(b"%PDF-", "pdf")],  # and .docx, recognised by _is_office
    "sheet": [],  # .xlsx only, recognised by _is_office
}
MAX_BYTES = {"image": 5 * MB, "pdf": 30 * MB, "video": 500 * MB, "document": 20 * MB, "sheet": 20 * MB}
# The part an Office Open XML file of each kind must hold, and the extension it is stored under.
OFFICE_PARTS = {"document": ("word/document.xml", "docx"), "sheet": ("xl/workbook.xml", "xlsx")}


def _refused(kind: str) -> str:
    if kind == "document":
        return _("Chỉ nhận tệp PDF hoặc Word (.docx).")
    if kind == "sheet":
        return _("Chỉ nhận bảng tính Excel (.xlsx) không chứa macro.")
    return _("Loại tệp không được chấp nhận.")


def _is_office(upload, part: str) -> bool:
    """A Word document is a zip holding word/document.xml, a workbook one holding xl/workbook.xml; any
    other zip is neither. A macro-enabled one (.docm/.xlsm, or one carrying a VBA project) is refused."""
    try:
        with zipfile.ZipFile(upload.file) as archive:
            names = archive.namelist()
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return False
            if "[Content_Types].xml" in names and b"macroEnabled" in archive.read("[Content_Types].xml"):
                return False
            return part in names
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _sniff(upload, head: bytes, kind: str):
    if kind == "video" and head[4:8] == b"ftyp":
        return "mp4"
    if kind in OFFICE_PARTS and head.startswith(b"PK\x03\x04") and _is_office(upload, OFFICE_PARTS[kind][0]):
        return OFFICE_PARTS[kind][1]
    for magic, extension in SIGNATURES.get(kind, []):
        if head.startswith(magic):
            return extension
    return None


def check(upload, *, kind: str):
    """Validate `upload` (a Django UploadedFile) as `kind`; give it a generated name. Returns the upload."""
    if upload.size > MAX_BYTES[kind]:
        raise ValidationError(_("Tệp quá lớn; tối đa %(mb)s MB.") % {"mb": MAX_BYTES[kind] // MB})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = _sniff(upload, head, kind)
    if extension is None:
        raise ValidationError(_refused(kind))
    upload.name = f"{uuid.uuid4().hex}.{extension}"
    return upload


@contextmanager
def stored(field, upload):
    """Write a checked upload into a FileField, and remove it again if the row that refers to it is
    not saved (the block raises): no file is left behind that no row points to."""
    field.save(upload.name, upload, save=False)
    try:
        yield field
    except BaseException:
        field.storage.delete(field.name)
        raise


def attachment(field, original_name: str) -> FileResponse:
    """A stored private file as a download: the name the user gave it but the extension of its checked
    content (the stored name's), never rendered by the browser."""
    stored = PurePosixPath(field.name)
    stem = PurePosixPath(original_name or "").stem.strip() or "tep"
    response = FileResponse(field.open("rb"), as_attachment=True, filename=f"{stem}{stored.suffix}",
                            content_type=mimetypes.guess_type(stored.name)[0] or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
