"""Files for the demo portal, made by code so nothing is downloaded: cover images (PNG) and the documents
of the library (Word files with the text's heading and a summary)."""
import io
import struct
import zlib

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

# (sky, ground, building) colours of each cover; the covers differ so the home page does not repeat itself.
PALETTES = [
    ((186, 222, 240), (120, 178, 96), (70, 90, 110)),
    ((250, 214, 165), (96, 150, 90), (110, 70, 60)),
    ((200, 230, 210), (60, 130, 80), (40, 80, 120)),
    ((225, 225, 245), (140, 170, 90), (90, 60, 120)),
    ((240, 235, 200), (90, 160, 130), (120, 110, 60)),
]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def cover_png(variant: int, width: int = 480, height: int = 320) -> bytes:
    """A flat illustration of a factory with a chimney and a tree: sky, ground, building, in RGB."""
    sky, ground, building = PALETTES[variant % len(PALETTES)]
    horizon = height * 2 // 3
    left, right, roof = width // 5 + (variant * 23) % 60, width // 2 + (variant * 37) % 80, height * 2 // 5
    chimney = (right - 40, right - 20, height // 5)
    tree_x, tree_y, tree_r = width * 4 // 5, horizon - 30, 34
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(width):
            colour = sky if y < horizon else ground
            if left <= x < right and roof <= y < horizon:
                colour = building
            elif chimney[0] <= x < chimney[1] and chimney[2] <= y < roof:
                colour = building
            elif (x - tree_x) ** 2 + (y - tree_y) ** 2 < tree_r ** 2:
                colour = (46, 125, 50)
            row += bytes(colour)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + _chunk(b"IEND", b""))


def document_docx(*, issuer: str, number: str, place_date: str, title: str, paragraphs: list[str],
                  table: list[list[str]] | None = None) -> bytes:
    """A short Word document: issuing body and number, place and date, title, body (and an optional table)."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for text, bold in ((issuer.upper(), True), (f"Số: {number}", False)):
        document.add_paragraph().add_run(text).bold = bold
    date_line = document.add_paragraph()
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_line.add_run(place_date).italic = True
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title.upper()).bold = True
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        grid.style = "Table Grid"
        for r, cells in enumerate(table):
            for c, text in enumerate(cells):
                grid.cell(r, c).text = text
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
