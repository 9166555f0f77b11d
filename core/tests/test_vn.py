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
                                        ("1.200", Decimal("1200")), ("45,25", Decimal("45.25")), ("1,500,000", Decimal("1500000")),
                                        (120, Decimal("120")), (450.5, Decimal("450.5")), ("-50", Decimal("-50"))])
def test_numbers_typed_as_text_are_parsed(text, value):
    assert vn.parse_decimal(text) == value


@pytest.mark.parametrize("text", ["khoảng 20", "", "1,2,3x", "NaN"])
def test_non_numbers_raise_a_vietnamese_message(text):
    with pytest.raises(ValueError) as error:
        vn.parse_decimal(text)
    assert "số" in str(error.value)


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
