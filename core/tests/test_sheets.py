"""Bounded reading of uploaded tables: hostile files are refused from what they declare, fast and cheap."""
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from core import sheets

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')


def raw_xlsx(sheet_data: str, *, dimension: str = "", strings=("a",), compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .xlsx written by hand, so it can declare what a real file would not."""
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml",
                         f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>')
        archive.writestr("xl/worksheets/sheet1.xml",
                         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         + (f'<dimension ref="{dimension}"/>' if dimension else "")
                         + f"<sheetData>{sheet_data}</sheetData></worksheet>")
    return out.getvalue()


def declared_huge() -> bytes:
    """About 1 KB, declaring A1:XFD5000 (82 million cells) with one value in the far corner."""
    return raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="5000"><c r="XFD5000"><v>1</v></c></row>',
                    dimension="A1:XFD5000")


def shared_string_bomb() -> bytes:
    """Thousands of cells pointing to one 30.000-character shared string: 120 million characters to read."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}" t="s"><v>0</v></c>' for col in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, 401))
    return raw_xlsx(rows, dimension="A1:J400", strings=("x" * 30_000,))


def refuse_cheaply(data: bytes, match: str):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(sheets.SheetFileError, match=match):
        sheets.read_table(data)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def test_a_small_workbook_declaring_a_huge_sheet_is_refused_before_reading():
    data = declared_huge()
    assert len(data) < 2048
    elapsed, peak = refuse_cheaply(data, "khai báo vùng dữ liệu quá lớn")
    assert elapsed < 0.5 and peak < 5 * 1024 * 1024


def test_cells_pointing_to_one_huge_shared_string_are_refused_before_reading():
    data = shared_string_bomb()
    assert len(data) < 40 * 1024
    elapsed, peak = refuse_cheaply(data, "quá nhiều chữ")
    assert elapsed < 0.5 and peak < 10 * 1024 * 1024


def test_a_declared_size_past_the_callers_row_cap_is_refused_early():
    data = raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:J20000")
    with pytest.raises(sheets.SheetFileError, match="tối đa 256 cột và 10.500 dòng"):
        sheets.read_table(data, max_rows=10_500)
    assert sheets.read_table(data, max_rows=20_000) is not None


def test_an_oversized_shared_strings_part_is_refused():
    data = raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=[f"s{i}" * 50 for i in range(100_000)])
    with pytest.raises(sheets.SheetFileError, match="bảng chữ dùng chung quá lớn"):
        sheets.read_table(data)


def test_hidden_rows_are_reported_and_still_read():
    data = raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" hidden="1"><c r="A2"><v>5</v></c></row>',
                    dimension="A1:A2")
    table = sheets.read_table(data)
    assert table.hidden_rows == {2}
    assert [row for row in table.rows] == [["a"], [5.0]]


@pytest.mark.parametrize("shift", range(-9, 2))
def test_a_hidden_row_is_found_where_its_mark_straddles_two_pieces_of_the_scan(shift):
    head = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A3"/>'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
    padding = sheets.SCAN_BYTES + shift - len(head) - len('</t></is></c></row><row r="2" ')
    rows = (f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"x" * padding}</t></is></c></row>'
            '<row r="2" hidden="1"><c r="A2"><v>5</v></c></row><row r="3"><c r="A3"><v>6</v></c></row>')
    data = raw_xlsx(rows, dimension="A1:A3")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert sheet_xml.index(b'hidden="') == sheets.SCAN_BYTES + shift
    table = sheets.read_table(data)
    assert table.hidden_rows == {2}
    assert [row[0] for row in table.rows][1:] == [5.0, 6.0]


def test_hidden_rows_are_found_in_a_sheet_stored_without_compression():
    data = raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" hidden="true"><c r="A2"><v>5</v></c></row>',
                    dimension="A1:A2", compression=zipfile.ZIP_STORED)
    assert sheets.read_table(data).hidden_rows == {2}


def test_a_sheet_whose_compressed_data_is_broken_is_refused_with_a_message():
    data = bytearray(raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', dimension="A1:A1"))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start] = 0xFF  # a deflate block of the reserved type
    with pytest.raises(sheets.SheetFileError, match="tệp có thể bị hỏng"):
        sheets.read_table(bytes(data))


def test_a_legacy_or_unknown_file_gets_a_message_naming_the_accepted_formats():
    for data in (b"%PDF-1.4", b"\x00" * 100, b"PK\x03\x04 broken"):
        with pytest.raises(sheets.SheetFileError, match=r"\.xlsx"):
            sheets.read_table(data)


def test_an_ods_repeating_a_filled_row_past_the_bounds_is_refused_before_reading():
    source = Path(__file__).resolve().parents[2] / "rounds" / "tests" / "corpus" / "c14-letter.ods"
    bomb_row = ('<table:table-row table:number-rows-repeated="40000"><table:table-cell table:number-columns-repeated="250" '
                'office:value-type="string"><text:p>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</text:p></table:table-cell>'
                "</table:table-row>")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "content.xml":
                text = data.decode()
                end = text.index("</table:table>")
                data = (text[:end] + bomb_row + text[end:]).encode()
            bomb.writestr(info, data)
    assert len(out.getvalue()) < 30 * 1024
    elapsed, peak = refuse_cheaply(out.getvalue(), "vùng dữ liệu quá lớn")
    assert elapsed < 0.5 and peak < 10 * 1024 * 1024
    assert len(list(sheets.read_table(source.read_bytes()).rows)) == 9  # the real file still reads
