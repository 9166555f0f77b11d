"""The annex corpus (rounds/tests/corpus, made by build.py): every file read as its expected read says,
every field of every row, with each error and warning at its row and column."""
import json
from pathlib import Path

import pytest

from rounds import annex

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xls", ".ods", ".docx"))


def test_the_corpus_covers_every_format_and_at_least_25_files():
    assert len(FILES) >= 25
    assert {Path(name).suffix for name in FILES} == {".xlsx", ".xls", ".ods", ".docx"}
    assert all((CORPUS / f"{name}.expected.json").exists() for name in FILES)


def located(items):
    return [(item["row"], item["field"], item["column"]) for item in items]


@pytest.mark.parametrize("name", FILES)
def test_each_corpus_file_reads_as_expected(name):
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    actual = annex.parse_annex((CORPUS / name).read_bytes(), filename=name).as_json()
    for key in ("unit_name", "money_unit", "tasks", "totals", "ignored_columns"):
        assert actual[key] == expected[key], key
    for key in ("errors", "warnings"):
        assert located(actual[key]) == located(expected[key]), key
        for got, wanted in zip(actual[key], expected[key]):
            assert wanted["message"] in got["message"]
