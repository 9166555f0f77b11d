from datetime import date
from decimal import Decimal

import pytest

from core import docx, vn


@pytest.mark.parametrize("value,decimals,text", [(0, 0, "0"), (1234567, 0, "1.234.567"), (-1500, 0, "-1.500"),
                                                 (1234.5, 1, "1.234,5"), (999, 0, "999")])
def test_numbers_are_written_the_vietnamese_way(value, decimals, text):
    assert vn.format_number(value, decimals) == text


def test_money_is_shown_in_dong_or_trieu_dong_exactly():
    assert vn.format_money(1_500_000) == "1.500.000"
    assert vn.format_money(1_500_000, "trieu") == "1,5"
    assert vn.format_money(450_500_000, "trieu") == "450,5"
    assert vn.format_money(1_200_000_000, "trieu") == "1.200"


@pytest.mark.parametrize("text,value", [("1.500.000", Decimal("1500000")), ("1,5", Decimal("1.5")), ("1 500", Decimal("1500")),
                                        ("1.200", Decimal("1200")), ("45,25", Decimal("45.25")), ("1.500,5", Decimal("1500.5")),
                                        ("1\u00a0500\u00a0000", Decimal("1500000")), (120, Decimal("120")), (450.5, Decimal("450.5")),
                                        (300.00000000000006, Decimal("300")), ("-50", Decimal("-50"))])
def test_numbers_typed_as_text_are_parsed(text, value):
    assert vn.parse_decimal(text) == value


@pytest.mark.parametrize("text", ["khoảng 20", "", "1,2,3x", "NaN", "1.2.3", "1e3", "１２３", "1.5", "1,500,000", "12.34",
                                  "1.5000", "Infinity", "1..500", ".5", "5,", float("inf")])
def test_non_numbers_raise_a_vietnamese_message(text):
    with pytest.raises(ValueError) as error:
        vn.parse_decimal(text)
    assert "số" in str(error.value)


@pytest.mark.parametrize("text", ["1.2.3", "1e3", "１２３", "1.5", "1,500,000"])
def test_a_refused_number_shows_how_to_write_it(text):
    with pytest.raises(ValueError, match="Hãy viết như 1.500.000 hoặc 1,5"):
        vn.parse_decimal(text)


def test_one_amount_check_for_every_path():
    assert vn.parse_amount("1.500,5", "trieu") == 1_500_500_000
    assert vn.parse_amount(" 2 ", "nghin") == 2_000
    assert vn.parse_amount("1.000.000.000", "trieu") == 10**15
    for bad, message in (("-1", "không được âm"), ("1.000.000.001", "quá lớn"), ("0,5", "lẻ dưới 1 đồng"),
                         (9 * 10**18, "quá lớn"), ("99.999.999.999.999", "quá lớn")):
        with pytest.raises(ValueError, match=message):
            vn.parse_amount(bad, "trieu" if bad != "0,5" else "dong")
    assert vn.check_amount(10**15) == 10**15
    for bad in (10**15 + 1, -1, "5", 1.0, True):
        with pytest.raises(ValueError):
            vn.check_amount(bad)


def test_amounts_convert_to_whole_dong_and_refuse_fractions_of_a_dong():
    assert vn.to_whole_dong(Decimal("450.5"), "trieu") == 450_500_000
    with pytest.raises(ValueError):
        vn.to_whole_dong(Decimal("0.5"), "dong")


def test_dates_are_written_dd_mm_yyyy():
    assert vn.format_date(date(2016, 6, 15)) == "15/06/2016"


def test_place_and_date_line_pads_days_below_10_and_months_below_3():
    assert docx.place_and_date("Hà Nội", date(2021, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2021"
    assert docx.place_and_date("Hà Nội", date(2016, 5, 13)) == "Hà Nội, ngày 13 tháng 5 năm 2016"
    assert docx.place_and_date("Hà Nội", date(2016, 12, 1)) == "Hà Nội, ngày 01 tháng 12 năm 2016"


def test_fold_drops_diacritics_case_and_extra_spaces():
    assert vn.fold("Sản xuất  SẠCH hơn —\nĐà Nẵng ") == "san xuat sach hon — da nang"
    assert vn.fold(None) == ""


@pytest.mark.parametrize("text,span", [
    ("04/2017 - 06/2017", ((2017, 4), (2017, 6))),
    ("01/04/2017 đến 30/06/2017", ((2017, 4), (2017, 6))),
    ("Từ tháng 3/2017 đến tháng 9/2017", ((2017, 3), (2017, 9))),
    ("Tháng 4-6/2017", ((2017, 4), (2017, 6))),
    ("T4 – T6/2017", ((2017, 4), (2017, 6))),
    ("Quý II/2017", ((2017, 4), (2017, 6))),
    ("Quý I - Quý III/2017", ((2017, 1), (2017, 9))),
    ("Quý 2 năm 2017", ((2017, 4), (2017, 6))),
    ("6 tháng đầu năm 2017", ((2017, 1), (2017, 6))),
    ("6 tháng cuối năm 2017", ((2017, 7), (2017, 12))),
    ("Năm 2017", ((2017, 1), (2017, 12))),
    ("2017-2018", ((2017, 1), (2018, 12))),
    ("05/2017", ((2017, 5), (2017, 5))),
])
def test_a_period_text_gives_its_months(text, span):
    (y1, m1), (y2, m2) = span
    assert vn.parse_period(text) == (date(y1, m1, 1), date(y2, m2, 1))


@pytest.mark.parametrize("text", ["", "Cả năm", "12/2017 - 03/2017", "Quý V/2017", "13/2017", "Theo tiến độ dự án"])
def test_a_period_text_without_a_clear_span_gives_no_months(text):
    assert vn.parse_period(text) == (None, None)


def test_months_are_written_back_as_the_annex_period_text():
    assert vn.format_period(date(2017, 4, 1), date(2017, 6, 1)) == "04/2017 - 06/2017"
    assert vn.format_period(date(2017, 4, 1), date(2017, 4, 1)) == "04/2017"
    assert vn.format_period(date(2017, 4, 1), None) == "04/2017"
    assert vn.format_period(None, None) == ""
    start, end = date(2017, 3, 1), date(2017, 9, 1)
    assert vn.parse_period(vn.format_period(start, end)) == (start, end)
