"""The opening letter of a round ("công văn") as .docx, laid out as Decree 30/2020/NĐ-CP asks and as
letter 4108/BCT-KHCN is: agency and number top left, national motto and place/date top right, the
subject ("V/v"), "Kính gửi:", the body, "Nơi nhận:" and the signature block, in Times New Roman.

`write_letter(data)` takes plain data and returns bytes, so it is tested without a database;
`letter_data(round)` builds that data from a round."""
import io
import zipfile
from datetime import date

from django.conf import settings

from core import docx as admin_docx
from organisations.models import KIND_GROUP
from rounds.annex import write_template
from rounds.models import OptionKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def number_line(number: str) -> str:
    number = (number or "").strip()
    if not number:
        return f"Số:        /{SYMBOL}"  # left blank for the registry clerk, as drafts are
    return f"Số: {number}" if "/" in number else f"Số: {number}/{SYMBOL}"


def _vn_long_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def letter_data(round_obj) -> dict:
    """The letter of a round as plain data (see write_letter)."""
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


def write_letter(data: dict) -> bytes:
    """A Decree 30 official letter (công văn) from plain data: agency, number, date, subject,
    addressees, body paragraphs, recipients, signature lines and signer (layout: core.docx)."""
    document = admin_docx.new_document()
    admin_docx.add_letterhead(document, admin_docx.Letterhead(
        issuer=data["agency"], number=number_line(data.get("number", ""))[len("Số: "):], day=data["date"],
        subject=data["subject"]))
    admin_docx.add_addressees(document, data["addressees"])
    admin_docx.add_body(document, "\n".join(data["body"]))
    *authority, title = data["signature"]
    admin_docx.add_closing(document, admin_docx.Closing(
        recipients=data["recipients"],
        signature=admin_docx.Signature(authority=" ".join(authority), title=title, name=data.get("signer") or "")))
    return admin_docx.to_bytes(document)


def letter_filename(round_obj) -> str:
    return f"cong-van-mo-dot-{round_obj.plan_year}-{round_obj.pk}.docx"


def annex_filename(round_obj, organisation=None) -> str:
    suffix = f"-{organisation.code}" if organisation is not None else ""
    return f"phu-luc-de-xuat-{round_obj.plan_year}{suffix}.xlsx"


def annex_for(round_obj, organisation=None) -> bytes:
    """The round's annex template (rounds.annex), named for one unit or left blank for all."""
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
