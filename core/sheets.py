"""Read the first table of a spreadsheet (.xlsx, .xls, .ods) or Word document (.docx) into plain rows.

Spreadsheets are read with python-calamine (cached formula values, merged cells as one value and
blanks). Before any reader runs, the work is bounded from what the file declares: its size, the
unpacked size, the declared sheet dimension, the shared strings and the text the cells point to, so a
small hostile file is refused cheaply instead of unfolding into gigabytes."""
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import chain
from xml.etree import ElementTree

import docx
from docx.opc.exceptions import PackageNotFoundError
from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a zip bomb unpacks to far more than this
MAX_RATIO = 100
MAX_COLUMNS = 256  # the widest sheet .xls allows; an annex has about ten columns
MAX_SHEET_ROWS = 200_000
MAX_CELLS = 2_000_000
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 10_000_000  # all the text the cells of a sheet point to, counted before reading

CHUNK_BYTES = 1024 * 1024  # a sheet's XML is checked in pieces of this size, never held whole
SCAN_BYTES = 64 * 1024  # pieces that stay in the processor's cache, for the plain search of every file
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and old .doc) compound files
FORMAT_HINT = "Hệ thống nhận tệp .xlsx, .xls, .ods hoặc .docx (bảng trong Word)."


class SheetFileError(Exception):
    """The file cannot be read as a table at all (message in Vietnamese, for the user)."""


@dataclass
class Table:
    """Rows of cell values (str, int, float, bool, date; "" for blanks) and where they came from."""

    rows: object  # an iterable of lists, read lazily
    kind: str = "sheet"  # "sheet": rows and column letters; "docx": table rows and column numbers
    preamble: list = field(default_factory=list)  # text above a Word table (unit name, money unit)
    hidden_rows: set = field(default_factory=set)  # 1-based sheet rows hidden in the file
    merged: list = field(default_factory=list)  # merged ranges as ((first row, first col), (last row, last col)), 0-based
    extra_sheets: dict = field(default_factory=dict)  # other sheets asked for by name, as rows

    def column_name(self, column: int) -> str:
        return str(column + 1) if self.kind == "docx" else get_column_letter(column + 1)


def read_table(data: bytes, *, skip_sheets=(), extra_sheets=(), max_rows: int = MAX_SHEET_ROWS) -> Table:
    """The first sheet not in `skip_sheets` (or a Word document's first table) of an uploaded file.

    `max_rows` refuses a sheet from its declared size, before its rows are read."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetFileError(f"Tệp quá lớn ({len(data) // 1024} KB); tối đa {MAX_FILE_BYTES // 1024 // 1024} MB.")
    if data.startswith(OLE_MAGIC):
        return _calamine(data, skip_sheets, extra_sheets, set(), max_rows)
    if not data.startswith(b"PK\x03\x04"):
        raise SheetFileError(f"Tệp không phải là bảng tính Excel hay văn bản Word. {FORMAT_HINT}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            _check_unpacked(archive, len(data))
            if "word/document.xml" in names:
                return _docx(data)
            if "content.xml" in names and "mimetype" in names:
                _check_ods(archive, max_rows)
                return _calamine(data, skip_sheets, extra_sheets, set(), max_rows)
            if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
                raise SheetFileError(f"Tệp không phải là bảng tính Excel (.xlsx). {FORMAT_HINT}")
            hidden = _check_xlsx(archive, data, names, skip_sheets, max_rows)
    except zipfile.BadZipFile:
        raise SheetFileError(f"Tệp bị hỏng hoặc không phải là bảng tính Excel (.xlsx). {FORMAT_HINT}") from None
    return _calamine(data, skip_sheets, extra_sheets, hidden, max_rows)


def _check_unpacked(archive: zipfile.ZipFile, size: int) -> None:
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(size, 1):
        raise SheetFileError("Tệp nén bất thường (giải nén quá lớn); hệ thống từ chối để bảo đảm an toàn.")


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_ROW_OPEN = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_HIDDEN_WORD = re.compile(b'hidden="')  # the regular expression engine finds a literal faster than `in`
_SEAM = len(_HIDDEN_WORD.pattern)
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*\bt="s"[^>]*>\s*<(?:\w+:)?v>(\d+)<')


def _check_xlsx(archive: zipfile.ZipFile, data: bytes, names: set, skip_sheets, max_rows: int) -> set:
    """Refuse what the workbook declares beyond the bounds; return the hidden rows of the first sheet."""
    shared = _shared_strings_xml(archive, names)
    # No string is longer than the bytes between two "<si>": a bound that costs one split.
    longest = max(map(len, shared.split(b"<si>")), default=0)
    string_lengths = None
    hidden = set()
    for index, path in enumerate(_sheet_paths(archive, names, skip_sheets)):
        # A cell that points to a shared string takes at least 20 bytes of XML: when even that many cells
        # could not pass the text limit, the exact count is not needed.
        if archive.getinfo(path).file_size // 20 * longest > MAX_TEXT_CHARS:
            if string_lengths is None:
                string_lengths = _shared_string_lengths(shared)
            rows = _scan_cells(archive, path, max_rows, string_lengths)
        elif index == 0 and _mentions_hidden(_inflated_pieces(archive, data, path), max_rows):
            rows = _scan_cells(archive, path, max_rows, None)
        else:
            with archive.open(path) as handle:
                _check_dimension(handle.read(4096), max_rows)
            continue
        if index == 0:
            hidden = rows
    return hidden


def _mentions_hidden(pieces, max_rows: int) -> bool:
    """Whether a sheet's XML says hidden="..." anywhere: a plain search, the cheap check that spares most files
    the parsing of row tags."""
    previous = b""
    for index, piece in enumerate(pieces):
        if index == 0:
            _check_dimension(piece[:4096], max_rows)
        # The word may straddle two pieces: look at the seam too.
        if _HIDDEN_WORD.search(piece) or _HIDDEN_WORD.search(previous[-_SEAM:] + piece[:_SEAM]):
            return True
        previous = piece
    return False


def _inflated_pieces(archive: zipfile.ZipFile, data: bytes, path: str):
    """A member's bytes in pieces of SCAN_BYTES, inflated straight from the file (the archive's own reader
    checks a CRC and copies through buffers, which doubles the cost of the search); never much more than its
    declared size. A member stored otherwise goes through the archive's reader."""
    info = archive.getinfo(path)
    header = data[info.header_offset:info.header_offset + 30]
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1 or not header.startswith(b"PK\x03\x04"):
        with archive.open(info) as handle:
            while piece := handle.read(SCAN_BYTES):
                yield piece
        return
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    inflater, left = zlib.decompressobj(-zlib.MAX_WBITS), info.file_size
    try:
        piece = inflater.decompress(memoryview(data)[start:start + info.compress_size], SCAN_BYTES)
        while piece and left > 0:
            left -= len(piece)
            yield piece
            piece = inflater.decompress(inflater.unconsumed_tail, SCAN_BYTES)
    except zlib.error:
        raise SheetFileError(f"Không đọc được bảng tính; tệp có thể bị hỏng. {FORMAT_HINT}") from None


def _scan_cells(archive: zipfile.ZipFile, path: str, max_rows: int, string_lengths) -> set:
    """Stream a sheet's XML cut after whole cells: count the text its cells point to (when `string_lengths`
    is given) and return its hidden rows."""
    text, tail, first, hidden = 0, b"", True, set()
    with archive.open(path) as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            buffer = tail + chunk
            if first:
                _check_dimension(buffer[:4096], max_rows)
                first = False
            cut = len(buffer) if not chunk else buffer.rfind(b"</c>") + 4 if b"</c>" in buffer else 0
            part, tail = buffer[:cut], buffer[cut:]
            if string_lengths is not None:
                for cell in _SHARED_CELL.finditer(part):
                    position = int(cell.group(1))
                    text += string_lengths[position] if position < len(string_lengths) else 0
                if text > MAX_TEXT_CHARS:
                    raise SheetFileError("Bảng tính chứa quá nhiều chữ (các ô lặp lại những đoạn văn rất dài); "
                                         "hệ thống từ chối để bảo đảm an toàn.")
            if _HIDDEN_WORD.search(part):
                for row in _ROW_OPEN.finditer(part):
                    number = _ROW_NUMBER.search(row.group(1))
                    if number and _HIDDEN.search(row.group(1)):
                        hidden.add(int(number.group(1)))
            if not chunk:
                break
    return hidden


def _check_dimension(head: bytes, max_rows: int) -> None:
    match = _DIMENSION.search(head)
    if match and match.group(3):
        columns = column_index_from_string(match.group(3).decode())
        rows = int(match.group(4))
        if columns > MAX_COLUMNS or rows > max_rows or columns * rows > MAX_CELLS:
            raise SheetFileError(
                f"Bảng tính khai báo vùng dữ liệu quá lớn ({match.group(3).decode()}{rows}: {rows:,} dòng × {columns} cột); "
                f"tối đa {MAX_COLUMNS} cột và {max_rows:,} dòng. Hãy xóa các dòng, cột thừa rồi lưu lại.".replace(",", "."))


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _check_ods(archive: zipfile.ZipFile, max_rows: int) -> None:
    """An .ods repeats rows and cells by count ("number-rows-repeated"): bound the filled area and its text
    from those counts, streaming content.xml, before calamine lays the sheet out."""
    row = text = 0
    try:
        with archive.open("content.xml") as handle:
            for _event, element in ElementTree.iterparse(handle):
                if element.tag == TABLE + "table":
                    row = 0
                    element.clear()
                elif element.tag == TABLE + "table-row":
                    repeat = int(element.get(TABLE + "number-rows-repeated", "1"))
                    col = filled = 0
                    for cell in element:
                        cells = int(cell.get(TABLE + "number-columns-repeated", "1"))
                        if len(cell) or cell.get(OFFICE + "value-type"):
                            filled = col + cells
                            text += sum(len(part) for part in cell.itertext()) * cells * repeat
                        col += cells
                    row += repeat
                    if filled and (filled > MAX_COLUMNS or row > max_rows or filled * row > MAX_CELLS or text > MAX_TEXT_CHARS):
                        raise SheetFileError(f"Bảng tính có vùng dữ liệu quá lớn (đến dòng {row}, cột {filled}); "
                                             f"tối đa {MAX_COLUMNS} cột và {max_rows:,} dòng.".replace(",", "."))
                    element.clear()
    except (ElementTree.ParseError, ValueError):
        raise SheetFileError(f"Không đọc được bảng tính; tệp có thể bị hỏng. {FORMAT_HINT}") from None


def _shared_strings_xml(archive: zipfile.ZipFile, names: set) -> bytes:
    path = "xl/sharedStrings.xml"
    if path not in names:
        return b""
    if archive.getinfo(path).file_size > MAX_SHARED_STRINGS_BYTES:
        raise SheetFileError("Bảng tính có bảng chữ dùng chung quá lớn; hệ thống từ chối để bảo đảm an toàn.")
    return archive.read(path)


def _shared_string_lengths(shared: bytes) -> list[int]:
    """The length in characters of each shared string, in order."""
    lengths = []
    try:
        for _event, element in ElementTree.iterparse(io.BytesIO(shared)):
            if element.tag.endswith("}si") or element.tag == "si":
                lengths.append(sum(len(text) for text in element.itertext()))
                element.clear()
    except ElementTree.ParseError:
        raise SheetFileError(f"Không đọc được bảng tính; tệp có thể bị hỏng. {FORMAT_HINT}") from None
    return lengths


def _sheet_paths(archive: zipfile.ZipFile, names: set, skip_sheets) -> list[str]:
    """Worksheet parts in workbook order, the ones named in `skip_sheets` left out."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return sorted(name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = []
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)
        target = targets.get(rid, "").lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        if path in names and sheet.get("name") not in skip_sheets:
            paths.append(path)
    return paths


def _calamine(data: bytes, skip_sheets, extra_sheets, hidden_rows: set, max_rows: int) -> Table:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [name for name in workbook.sheet_names if name not in skip_sheets]
        if not names:
            raise SheetFileError("Bảng tính không có trang nào.")
        sheet = workbook.get_sheet_by_name(names[0])
        if sheet.total_width > MAX_COLUMNS or sheet.total_height > max_rows:
            raise SheetFileError(f"Bảng tính quá lớn ({sheet.total_height} dòng × {sheet.total_width} cột).")
        extras = {}
        for name in extra_sheets:
            if name in workbook.sheet_names:
                extras[name] = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        # Row 1 of the sheet is row 1 of the table even when the used area starts lower.
        offset = sheet.start[0] if sheet.start else 0
        rows = _offset_rows(offset, sheet.iter_rows())
        merged = list(sheet.merged_cell_ranges or [])
    except CalamineError:
        raise SheetFileError(f"Không đọc được bảng tính; tệp có thể bị hỏng. {FORMAT_HINT}") from None
    return Table(rows=rows, hidden_rows=hidden_rows, extra_sheets=extras, merged=merged)


def _offset_rows(offset: int, rows):
    return chain(([] for _ in range(offset)), rows)  # the rows themselves pass through without a Python frame each


def _docx(data: bytes) -> Table:
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, ElementTree.ParseError):
        raise SheetFileError(f"Không đọc được văn bản Word; tệp có thể bị hỏng. {FORMAT_HINT}") from None
    if not document.tables:
        raise SheetFileError("Văn bản Word không có bảng nào; phụ lục cần được trình bày trong một bảng.")
    table = document.tables[0]
    preamble = []
    for block in document.element.body.iterchildren():
        if block is table._tbl:
            break
        if block.tag.endswith("}p"):
            preamble.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
    return Table(rows=_docx_rows(table), kind="docx", preamble=preamble)


def _docx_rows(table):
    for row in table.rows:
        values, previous = [], None
        for cell in row.cells:
            # A cell merged across columns comes back once per grid column: keep its text once.
            values.append("" if cell._tc is previous else cell.text.strip())
            previous = cell._tc
        yield values
