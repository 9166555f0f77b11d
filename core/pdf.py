"""PDF copies of generated documents through LibreOffice, where it is installed."""
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed: the .docx is still there to download."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, name: str = "document") -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable("LibreOffice không được cài đặt trên máy chủ.")
    with tempfile.TemporaryDirectory(prefix="sxsh-pdf-") as folder:
        folder = Path(folder)
        source = folder / f"{name}.docx"
        source.write_bytes(content)
        # A profile of its own per call, so that two conversions at once do not lock each other out.
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                 "--outdir", str(folder), str(source)],
                check=True, capture_output=True, timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(f"Không chuyển được sang PDF: {error}") from error
        target = folder / f"{name}.pdf"
        if not target.exists():
            raise PdfUnavailable("LibreOffice không tạo ra tệp PDF.")
        return target.read_bytes()
