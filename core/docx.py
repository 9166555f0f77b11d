"""Documents in the Vietnamese administrative layout of Decree 30/2020/NĐ-CP (Appendix I).

Every official document the system writes (the report to the Prime Minister, a round's opening
letter, the evaluation report) is built from these pieces so they share one layout: A4, margins
20/20/30/15 mm, Times New Roman, the agency header on the left and the national motto on the right,
the number and symbol, place and date, the title, the body, "Nơi nhận:" and the signature block."""
import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(11)
NO_SPACE = Pt(0)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Letterhead:
    issuer: str  # e.g. "BỘ CÔNG THƯƠNG"
    number: str  # e.g. "4108/BCT-KHCN"; the "Số:" prefix is added
    day: date
    place: str = "Hà Nội"
    superior: str = ""  # the governing agency above the issuer, when there is one
    subject: str = ""  # a letter's subject line, written as given ("V/v ...")


@dataclass
class Signature:
    title: str  # e.g. "THỨ TRƯỞNG"
    name: str
    authority: str = ""  # e.g. "KT. BỘ TRƯỞNG"


@dataclass
class Closing:
    signature: Signature
    recipients: list = field(default_factory=list)


def place_and_date(place: str, day: date) -> str:
    """'Hà Nội, ngày 05 tháng 02 năm 2021', 'Hà Nội, ngày 13 tháng 5 năm 2016': Decree 30 pads days
    below 10 and the months January and February with a 0, and no others."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def _set_font(run, size=BODY_SIZE, bold=False, italic=False, underline=False):
    """Only what differs from the document default (Times New Roman, 14 pt) is written on the run:
    a table of a few hundred cells stays small and quick to build."""
    if size is not None and size != BODY_SIZE:
        run.font.size = size
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True
    if underline:
        run.font.underline = True


def _paragraph(container, text="", *, size=BODY_SIZE, bold=False, italic=False, underline=False,
               align=WD_ALIGN_PARAGRAPH.LEFT, space_after=NO_SPACE, first_line=None):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = space_after
    paragraph.paragraph_format.space_before = Pt(0)
    if first_line is not None:
        paragraph.paragraph_format.first_line_indent = first_line
    if text:
        _set_font(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths):
    """Fixed column widths, in the grid (LibreOffice reads it) and in every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _first_paragraph(cell, text, **style):
    """Write into a cell's existing empty paragraph rather than leaving a blank line above."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(0)
    _set_font(paragraph.add_run(text), **style)
    return paragraph


def new_document(*, landscape=False):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # Times New Roman for every script, as the document default and on Normal, with the theme fonts
    # of the stock template removed (a theme font would win over the named one).
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for target in (defaults, document.styles["Normal"].element.get_or_add_rPr()):
        fonts = target.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            target.insert(0, fonts)
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
    document.styles["Normal"].font.size = BODY_SIZE
    return document


def add_letterhead(document, head: Letterhead):
    """The two-column header: agency, number (and V/v) on the left; motto, place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Mm(62), Mm(103)])
    left, right = table.rows[0].cells
    if head.superior:
        _first_paragraph(left, head.superior.upper(), size=Pt(13))
        _paragraph(left, head.issuer.upper(), size=Pt(13), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _first_paragraph(left, head.issuer.upper(), size=Pt(13), bold=True)
    _paragraph(left, "-------", size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(left, f"Số: {head.number}", size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER)
    if head.subject:
        _paragraph(left, head.subject, size=Pt(12), align=WD_ALIGN_PARAGRAPH.CENTER)
    _first_paragraph(right, NATIONAL_NAME, size=Pt(12), bold=True)
    _paragraph(right, MOTTO, size=Pt(14), bold=True, underline=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(right, "")
    _paragraph(right, place_and_date(head.place, head.day), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "")
    return table


def add_title(document, kind: str, title: str = ""):
    """A document's kind ("BÁO CÁO", "KẾ HOẠCH") in bold capitals, then its summary line in bold."""
    _paragraph(document, kind.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if title:
        _paragraph(document, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "-----------", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(6))


def add_addressees(document, addressees: list[str]):
    if len(addressees) == 1:
        _paragraph(document, f"Kính gửi: {addressees[0]}.", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(6))
        return
    _paragraph(document, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.CENTER)
    for index, addressee in enumerate(addressees):
        end = "." if index == len(addressees) - 1 else ";"
        paragraph = _paragraph(document, f"- {addressee}{end}")
        paragraph.paragraph_format.left_indent = Mm(45)
    _paragraph(document, "", space_after=Pt(6))


def add_heading(document, text: str):
    return _paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=Pt(6), first_line=Mm(10))


def add_body(document, text: str):
    """Body text: each line of `text` a justified paragraph with a first-line indent."""
    paragraphs = []
    for line in (text or "").splitlines():
        if line.strip():
            paragraphs.append(_paragraph(document, line.strip(), align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                                         space_after=Pt(6), first_line=Mm(10)))
    return paragraphs


# Estimating rendered widths without a font engine: an average Times New Roman glyph is about half an
# em wide (a bold one a little more), and a cell has 1.9 mm of padding each side in Word and LibreOffice.
GLYPH_EM = 0.6
CELL_PADDING_MM = 4.5
MM_PER_PT = 25.4 / 72


def text_width_mm(document) -> float:
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def fitted_widths(headers: list, rows: list[list], total_mm: float, size_pt: float) -> list[float]:
    """Column widths (mm) summing to `total_mm` that fit the content, by levels: no column narrower than its
    longest word (so a label never wraps one word per line); then room for each body cell on one line; then
    for each header on one line; the room at the first level not reached is shared by what each column lacks."""
    glyph_mm = size_pt * MM_PER_PT * GLYPH_EM

    def width(chars):
        return CELL_PADDING_MM + glyph_mm * max(chars, 1)

    columns = list(zip(headers, *rows))
    least = [width(max(len(word) for text in column for word in str(text or "").split() or [""])) for column in columns]
    body = [max(low, width(max((len(str(text or "")) for text in column[1:]), default=1)))
            for low, column in zip(least, columns)]
    full = [max(need, width(len(str(header or "")))) for need, header in zip(body, headers)]
    if sum(full) <= total_mm:
        return [total_mm * want / sum(full) for want in full]
    for lower, upper in ((body, full), (least, body)):
        if sum(lower) <= total_mm:
            spare, lack = total_mm - sum(lower), [up - low for up, low in zip(upper, lower)]
            return [low + spare * more / sum(lack) for low, more in zip(lower, lack)]
    return [total_mm * low / sum(least) for low in least]


def _table_text_style(document, size) -> str:
    """The id of a paragraph style for table cells of `size` (no space after), made once per document."""
    name = f"SXSH Table {size.pt:g}"
    styles = document.styles
    if name not in [style.name for style in styles]:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = size
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
    return styles[name].style_id


def add_table(document, headers: list[str], rows: list[list], *, widths_mm: list | None = None, total: list | None = None,
              size=TABLE_SIZE, numeric_columns=()):
    """A bordered data table; `total` is written as a last bold row. Cells are written as given (text).
    Without `widths_mm` the columns are sized to their content across the text width."""
    if widths_mm is None:
        widths_mm = fitted_widths(headers, [*rows, *([total] if total else [])], text_width_mm(document), size.pt)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers):
        _first_paragraph(cell, str(header), size=size, bold=True)
    style_id = _table_text_style(document, size)
    numeric = set(numeric_columns)
    for values, bold in [(row, False) for row in rows] + ([(total, True)] if total else []):
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values)):
            # The size and spacing come from one paragraph style: a table of a thousand rows stays quick.
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = style_id
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run("" if value is None else str(value))
            if bold:
                run.font.bold = True
    _widths(table, [Mm(width) for width in widths_mm])
    _paragraph(document, "", space_after=Pt(6))
    return table


def add_closing(document, closing: Closing):
    """'Nơi nhận:' with the recipients on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    _first_paragraph(left, "Nơi nhận:", size=Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, recipient in enumerate(closing.recipients):
        end = "." if index == len(closing.recipients) - 1 else ";"
        _paragraph(left, f"- {recipient}{end}", size=Pt(11))
    signature = closing.signature
    if signature.authority:
        _first_paragraph(right, signature.authority.upper(), bold=True)
        _paragraph(right, signature.title.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _first_paragraph(right, signature.title.upper(), bold=True)
    for _ in range(4):  # room for the signature and seal
        _paragraph(right, "")
    _paragraph(right, signature.name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    return table


def _tidy_end(document):
    """No blank last page: drop trailing empty paragraphs (spacers after a table) and, where the body then
    ends with a table, close it with a 1-pt paragraph (Word and LibreOffice need a paragraph last)."""
    body = document.element.body
    while True:
        blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]
        last = blocks[-1] if blocks else None
        if last is None or last.tag != qn("w:p") or "".join(last.itertext()).strip() or last.findall(".//" + qn("w:br")):
            break
        body.remove(last)
    if last is not None and last.tag == qn("w:tbl"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(1)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "2")
        mark = OxmlElement("w:rPr")
        mark.append(size)
        paragraph._p.get_or_add_pPr().append(mark)


def to_bytes(document) -> bytes:
    _tidy_end(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_text(document) -> str:
    """All text of a document, tables included, one paragraph a line: what tests and search read."""
    lines = [paragraph.text for paragraph in document.paragraphs]

    def walk(table):
        for row in table.rows:
            for cell in row.cells:
                lines.extend(paragraph.text for paragraph in cell.paragraphs)
                for inner in cell.tables:
                    walk(inner)

    for table in document.tables:
        walk(table)
    return "\n".join(lines)


def add_caption(document, text: str):
    """A table's caption ("Bảng 1. ..."), bold and centred."""
    return _paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(3))
