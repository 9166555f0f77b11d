"""The opening letter of a round ("công văn") as .docx, laid out as Decree 30/2020/NĐ-CP asks and as
letter 4108/BCT-KHCN is: agency and number top left, national motto and place/date top right, the
subject ("V/v"), "Kính gửi:", the body, "Nơi nhận:" and the signature block, in Times New Roman.

`write_letter(data)` takes plain data and returns bytes, so it is tested without a database;
`letter_data(round)` builds that data from a round."""
import io
import zipfile
from datetime import date

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
AGENCY = "BỘ CÔNG THƯƠNG"
SYMBOL = "BCT-KHCN"
PLACE = "Hà Nội"

# The addressees of letter 4108, by organisation group: a group with this many invited units or
# more is addressed as a whole, a smaller one unit by unit.
GROUP_ADDRESSEES = {
    "ministries": "Các Bộ, ngành, cơ quan ngang Bộ",
    "provinces": "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    "enterprises": "Các tập đoàn, tổng công ty",
}
GROUP_THRESHOLD = 3


def decree30_date(day: date, place: str = PLACE) -> str:
    """"Hà Nội, ngày 05 tháng 02 năm 2021": Decree 30 pads days below 10 and months below 3 with a 0."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def number_line(number: str) -> str:
    number = (number or "").strip()
    if not number:
        return f"Số:        /{SYMBOL}"  # left blank for the registry clerk, as drafts are
    return f"Số: {number}" if "/" in number else f"Số: {number}/{SYMBOL}"


def _vn_long_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def letter_data(round_obj) -> dict:
    """The letter of a round as plain data (see write_letter)."""
    from organisations.models import KIND_GROUP

    invited = list(round_obj.invited.order_by("name_vi"))
    groups = {}
    for unit in invited:
        groups.setdefault(KIND_GROUP.get(unit.kind), []).append(unit)
    addressees = []
    for group, phrase in GROUP_ADDRESSEES.items():
        units = groups.get(group, [])
        if len(units) >= GROUP_THRESHOLD:
            addressees.append(phrase)
        else:
            addressees += [unit.name_vi for unit in units]
    addressees += [unit.name_vi for unit in groups.get(None, [])]
    body = [part.strip() for part in (round_obj.instructions or "").splitlines() if part.strip()]
    body.append(
        f"Đề nghị Quý cơ quan, đơn vị đề xuất nhiệm vụ năm {round_obj.plan_year} (chi tiết theo mẫu tại Phụ lục kèm theo "
        f"Công văn này) và gửi trên Hệ thống thông tin sản xuất sạch hơn ({settings.SITE_URL}) trước "
        f"{_vn_long_date(round_obj.deadline)}."
    )
    body += [
        "Thông tin chi tiết đề nghị liên hệ: Văn phòng giúp việc Ban điều hành Chiến lược, Vụ Khoa học và Công nghệ, "
        "Bộ Công Thương, 54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội./.",
    ]
    return {
        "agency": AGENCY,
        "number": round_obj.letter_number,
        "date": round_obj.opens_on,
        "subject": f"V/v {round_obj.title[:1].lower()}{round_obj.title[1:]}",
        "addressees": addressees,
        "body": body,
        "recipients": ["Như trên", "Bộ trưởng (để b/c)", "Văn phòng giúp việc Ban điều hành Chiến lược", "Lưu: VT, KHCN"],
        "signature": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
        "signer": getattr(settings, "LETTER_SIGNER_NAME", ""),
    }


def _style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word otherwise falls back for Vietnamese
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _line(cell_or_doc, text, *, bold=False, italic=False, underline=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER,
          first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    return paragraph


def _borderless_table(document, widths):
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    return table.rows[0].cells


def write_letter(data: dict) -> bytes:
    """A Decree 30 official letter (công văn) from plain data: agency, number, date, subject,
    addressees, body paragraphs, recipients, signature lines and signer."""
    document = Document()
    _style(document)
    left, right = _borderless_table(document, [Cm(6.5), Cm(10)])
    _line(left, data["agency"], bold=True, size=13, first=True)
    _line(left, "———", size=8)
    _line(left, number_line(data.get("number", "")), size=13)
    _line(left, data["subject"], size=12)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, first=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=14)
    _line(right, "")
    _line(right, decree30_date(data["date"]), italic=True, size=14)

    document.add_paragraph()
    addressees = data["addressees"]
    if len(addressees) == 1:
        _line(document, f"Kính gửi: {addressees[0]}.", align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _line(document, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.CENTER)
        for index, name in enumerate(addressees):
            end = "." if index == len(addressees) - 1 else ";"
            paragraph = _line(document, f"- {name}{end}", align=WD_ALIGN_PARAGRAPH.LEFT)
            paragraph.paragraph_format.left_indent = Cm(4)
    document.add_paragraph()
    for text in data["body"]:
        paragraph = _line(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
        paragraph.paragraph_format.line_spacing = 1.15

    document.add_paragraph()
    left, right = _borderless_table(document, [Cm(8), Cm(8.5)])
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    recipients = data["recipients"]
    for index, name in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        _line(left, f"- {name}{end}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = data["signature"]
    _line(right, signature[0], bold=True, first=True)
    for text in signature[1:]:
        _line(right, text, bold=True)
    for _blank in range(4):
        _line(right, "")
    _line(right, data.get("signer") or "", bold=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def letter_filename(round_obj) -> str:
    return f"cong-van-mo-dot-{round_obj.plan_year}-{round_obj.pk}.docx"


def annex_filename(round_obj, organisation=None) -> str:
    suffix = f"-{organisation.code}" if organisation is not None else ""
    return f"phu-luc-de-xuat-{round_obj.plan_year}{suffix}.xlsx"


def annex_for(round_obj, organisation=None) -> bytes:
    """The round's annex template (rounds.annex), named for one unit or left blank for all."""
    from rounds.annex import write_template
    from rounds.models import OptionKind

    # The upload checks a named template's identity; a blank one carries none, so any unit may use it.
    identity = {"round": round_obj.pk, "organisation": organisation.code} if organisation is not None else {}
    return write_template(
        round_title=round_obj.title, plan_year=round_obj.plan_year,
        unit_name=(organisation.working_body or organisation.name_vi) if organisation is not None else "...............",
        money_unit=round_obj.money_unit, identity=identity,
        priorities=[o.name_vi for o in round_obj.options(OptionKind.PRIORITY)],
        components=[o.name_vi for o in round_obj.options(OptionKind.COMPONENT)],
    )


def letter_zip(round_obj) -> bytes:
    """The letter and its blank annex in one archive, for the office to send by post or e-mail."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(letter_filename(round_obj), write_letter(letter_data(round_obj)))
        archive.writestr(annex_filename(round_obj), annex_for(round_obj))
    return output.getvalue()
