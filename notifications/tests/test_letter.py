"""The opening letter, re-opened as a .docx: Decree 30 layout as in letter 4108."""
import io
import zipfile
from datetime import date, datetime

from docx import Document
from openpyxl import load_workbook

from core.testing.world import OTHER_OFFICER
from notifications import letter
from rounds.tests.factories import open_2017_round

DATA = {
    "agency": "BỘ CÔNG THƯƠNG", "number": "4108/BCT-KHCN", "date": date(2016, 5, 13),
    "subject": "V/v xây dựng kế hoạch 2017 thực hiện Chiến lược sản xuất sạch hơn trong công nghiệp",
    "addressees": ["Các Bộ, ngành, cơ quan ngang Bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                   "Các tập đoàn, tổng công ty"],
    "body": ["Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020 đã được Thủ tướng Chính phủ phê duyệt.",
             "Đề nghị gửi về Bộ trước ngày 15 tháng 6 năm 2016."],
    "recipients": ["Như trên", "Lưu: VT, KHCN"], "signature": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "signer": "Cao Quốc Hưng",
}


def reopen(content: bytes):
    return Document(io.BytesIO(content))


def cell_lines(cell):
    return [p.text for p in cell.paragraphs]


def test_header_number_date_addressees_body_and_signature():
    document = reopen(letter.write_letter(DATA))
    header, footer = document.tables
    left, right = header.rows[0].cells
    assert cell_lines(left)[0] == "BỘ CÔNG THƯƠNG"
    assert "Số: 4108/BCT-KHCN" in cell_lines(left)
    assert DATA["subject"] in cell_lines(left)
    assert cell_lines(right)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Hà Nội, ngày 13 tháng 5 năm 2016" in cell_lines(right)
    motto = right.paragraphs[1].runs[0]
    assert motto.bold and motto.underline
    assert [r.italic for p in right.paragraphs if p.text.startswith("Hà Nội") for r in p.runs] == [True]
    assert left.paragraphs[0].runs[0].bold

    texts = [p.text for p in document.paragraphs]
    start = texts.index("Kính gửi:")
    assert texts[start + 1:start + 4] == [
        "- Các Bộ, ngành, cơ quan ngang Bộ;", "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;",
        "- Các tập đoàn, tổng công ty.",
    ]
    for paragraph in DATA["body"]:
        assert paragraph in texts

    recipients, signature = footer.rows[0].cells
    assert cell_lines(recipients) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KHCN."]
    assert cell_lines(signature)[:2] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"] and cell_lines(signature)[-1] == "Cao Quốc Hưng"
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts <= {None, "Times New Roman"}  # runs inherit Times New Roman from the document defaults


def test_number_left_blank_or_completed_with_the_symbol():
    assert letter.number_line("") == "Số:        /BCT-KHCN"
    assert letter.number_line("512") == "Số: 512/BCT-KHCN"
    assert letter.number_line("4108/BCT-KHCN") == "Số: 4108/BCT-KHCN"


def test_a_single_addressee_stands_on_the_kinh_gui_line():
    document = reopen(letter.write_letter({**DATA, "addressees": ["UBND Thành phố Hà Nội"]}))
    assert "Kính gửi: UBND Thành phố Hà Nội." in [p.text for p in document.paragraphs]


def test_round_letter_is_built_from_the_round(world, clock):
    clock.set_now(datetime(2016, 5, 13, 9))
    round_obj = open_2017_round(world, letter_number="4108/BCT-KHCN",
                                instructions="Căn cứ các hoạt động ưu tiên, các địa phương đề xuất nhu cầu.\nGửi kèm Phụ lục.")
    data = letter.letter_data(round_obj)
    assert data["addressees"] == ["UBND Thành phố Hà Nội", "UBND Tỉnh Quảng Ninh"]  # two provinces: named one by one
    document = reopen(letter.write_letter(data))
    texts = [p.text for p in document.paragraphs]
    assert "Căn cứ các hoạt động ưu tiên, các địa phương đề xuất nhu cầu." in texts and "Gửi kèm Phụ lục." in texts
    assert any("trước ngày 15 tháng 6 năm 2016" in text for text in texts)
    assert "Số: 4108/BCT-KHCN" in cell_lines(document.tables[0].rows[0].cells[0])
    assert "V/v đề xuất nhiệm vụ năm 2017" in cell_lines(document.tables[0].rows[0].cells[0])


def test_invited_unit_downloads_the_letter_and_its_annex(world, clock, client):
    clock.set_now(datetime(2016, 5, 13, 9))
    round_obj = open_2017_round(world)
    client.force_login(world.user(OTHER_OFFICER))
    response = client.get(f"/notifications/rounds/{round_obj.pk}/letter.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == [f"cong-van-mo-dot-2017-{round_obj.pk}.docx", "phu-luc-de-xuat-2017.xlsx"]
    reopen(archive.read(names[0]))
    sheet = load_workbook(io.BytesIO(archive.read(names[1])))["Phụ lục"]
    assert sheet["A3"].value == "TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM 2017"
    docx = client.get(f"/notifications/rounds/{round_obj.pk}/letter.docx")
    assert docx["Content-Type"] == letter.DOCX
