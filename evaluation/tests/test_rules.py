"""Aggregation rules with hand-computed expectations, and every validation message."""
from decimal import Decimal as D

import pytest

from evaluation import rules
from evaluation.rules import Sums

UNITS = [
    {"value": D("10"), "numerator": D("30"), "denominator": D("100")},
    {"value": D("0"), "numerator": D("10"), "denominator": D("50")},
    {"value": D("4"), "numerator": D("0"), "denominator": D("50")},
    {"value": None, "numerator": None, "denominator": None},  # not entered: ignored by every rule
]


def test_ratio_of_sums_divides_the_sum_of_numerators_by_the_sum_of_denominators():
    # (30 + 10 + 0) / (100 + 50 + 50) = 40 / 200 = 20%, not the mean of 30%, 20%, 0% (16.67%)
    assert rules.combine("ratio_of_sums", Sums.of(UNITS)) == D(20)


def test_weighted_mean_weights_each_value_by_its_denominator():
    # (10×100 + 0×50 + 4×50) / 200 = 1200 / 200 = 6
    assert rules.combine("weighted_mean", Sums.of(UNITS)) == D(6)


def test_average_is_the_plain_mean_of_units_that_entered_a_value():
    # (10 + 0 + 4) / 3
    assert rules.combine("average", Sums.of(UNITS)) == D(14) / 3


def test_sum_adds_the_values():
    assert rules.combine("sum", Sums.of(UNITS)) == D(14)


def test_count_units_counts_units_answering_yes():
    assert rules.combine("count_units", Sums.of(UNITS)) == D(2)


def test_share_of_units_is_the_share_answering_yes_among_those_reporting():
    # 2 of the 3 units that reported
    assert rules.combine("share_of_units", Sums.of(UNITS)) == D(200) / 3


def test_computed_indicators_add_numerators_and_denominators_like_ratios():
    sums = Sums(units=3, numerator=D(2), denominator=D(3))
    assert rules.combine("computed", sums) == D(200) / 3


@pytest.mark.parametrize("rule", ["ratio_of_sums", "weighted_mean", "average", "sum", "count_units", "share_of_units", "computed"])
def test_no_reports_give_no_value(rule):
    assert rules.combine(rule, Sums()) is None


def test_sums_of_parts_combine_to_the_sums_of_the_whole():
    whole = Sums.of(UNITS)
    parts = Sums.of(UNITS[:2]) + Sums.of(UNITS[2:])
    assert whole == parts


def test_gap_against_a_target_and_a_target_range():
    assert rules.gap(D(45), D(50)) == D(-5)
    assert rules.gap(D(55), D(50)) == D(5)
    assert rules.gap(D(6), D(5), D(8)) == D(0)
    assert rules.gap(D(4), D(5), D(8)) == D(-1)
    assert rules.gap(D(9), D(5), D(8)) == D(1)
    assert rules.gap(None, D(5)) is None


def check(**kwargs):
    defaults = {"entry": "pair", "is_percent": True}
    return rules.check_entry(**{**defaults, **kwargs})


def test_numerator_may_not_exceed_denominator():
    result = check(numerator=120, denominator=100)
    assert result.errors["numerator"] == ["Tử số (120) không được lớn hơn mẫu số (100)."]


def test_ratio_needs_both_parts_and_a_positive_denominator():
    assert check(numerator=5).errors["denominator"] == ["Cần nhập cả tử số và mẫu số."]
    assert "Mẫu số phải lớn hơn 0." in check(numerator=0, denominator=0).errors["denominator"]


def test_counts_are_whole_and_not_negative():
    assert check(numerator=D("2.5"), denominator=10).errors["numerator"] == ["Phải là số nguyên (số cơ sở, số đơn vị…)."]
    assert check(numerator=-3, denominator=10).errors["numerator"] == ["Không được là số âm."]
    result = rules.check_entry(entry="value", is_percent=False, is_count=True, value=D("3.5"))
    assert result.errors["value"] == ["Phải là số nguyên (số cơ sở, số đơn vị…)."]


def test_percentages_lie_between_0_and_100():
    result = rules.check_entry(entry="value", is_percent=True, value=D("120"))
    assert result.errors["value"] == ["Tỷ lệ phần trăm phải nằm trong khoảng từ 0 đến 100."]
    assert rules.check_entry(entry="value", is_percent=True, value=D("100")).ok


def test_savings_outside_plausible_bounds_give_a_warning_not_an_error():
    result = rules.check_entry(entry="weighted", is_percent=True, value=D("45"), denominator=4,
                               plausible_min=D(0), plausible_max=D(30))
    assert result.ok
    assert result.warnings == ["Giá trị 45,0 nằm ngoài khoảng thường gặp (0 – 30); đề nghị kiểm tra lại số liệu."]
    assert not rules.check_entry(entry="weighted", is_percent=True, value=D("7"), denominator=4,
                                 plausible_min=D(0), plausible_max=D(30)).warnings


def test_weighted_values_need_a_weight():
    result = rules.check_entry(entry="weighted", is_percent=True, value=D("7"))
    assert result.errors["denominator"] == ["Cần nhập số cơ sở làm quyền số."]


def test_yes_no_accepts_only_0_or_1():
    assert rules.check_entry(entry="yes_no", is_percent=True, value=2).errors["value"] == ["Chỉ chọn Có hoặc Không."]


def test_a_value_far_from_the_previous_period_needs_a_confirmation_comment():
    # 30% before, 80% now: +50 points, more than half of 30 and more than 10
    result = check(numerator=80, denominator=100, previous=D(30))
    assert result.errors["comment"] == ["Giá trị khác nhiều so với kỳ trước (30,0); đề nghị ghi chú xác nhận số liệu."]
    assert check(numerator=80, denominator=100, previous=D(30), comment="Khảo sát mở rộng năm 2015").ok
    assert check(numerator=40, denominator=100, previous=D(30)).ok  # +10: not far
    assert check(numerator=80, denominator=100, previous=None).ok  # no previous period


def test_far_from_previous_uses_half_the_previous_value_or_ten():
    assert rules.far_from_previous(D(200), D(100)) is True
    assert rules.far_from_previous(D(150), D(100)) is False
    assert rules.far_from_previous(D(12), D(3)) is False  # 9 < 10
    assert rules.far_from_previous(D(14), D(3)) is True
