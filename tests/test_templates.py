"""Every downloadable template round-trips: filled in, it imports with no error or warning."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.kinds import KINDS
from dashboard.templates import TEMPLATES, template_bytes, unrecognised_headers

EXPECTED = {
    "roster": ("roster", None),
    "observations_log": ("observations", "log"),
    "observations_summary": ("observations", "summary"),
    "papers": ("papers", None),
    "projects": ("projects", None),
}


def test_one_template_per_kind_with_recognised_headers():
    assert set(EXPECTED) <= set(TEMPLATES)
    assert set(KINDS) <= {template.kind for template in TEMPLATES.values()}  # every declared kind has one
    assert unrecognised_headers() == []


@pytest.mark.parametrize("key", sorted(EXPECTED))
@pytest.mark.parametrize("filename", ["template", "上传.xlsx"])
def test_template_round_trip(key, filename):
    """The template as downloaded (its example row filled in) imports cleanly, under its own name or any other."""
    template = TEMPLATES[key]
    name = template.filename if filename == "template" else filename
    result = load_file(template_bytes(key), name)
    kind, shape = EXPECTED[key]
    assert result.kind == kind
    assert len(result.frame) == 1
    assert [p for p in result.problems if p.severity in ("error", "warning")] == []
    if shape:
        assert result.frame["shape"].iloc[0] == shape


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_filled_template_with_more_rows(key):
    """A user's rows typed under the headers (example row replaced) import as typed."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(key)))
    sheet = book.active
    example = [cell.value for cell in sheet[2]]
    headers = [cell.value for cell in sheet[1]]
    names = ["赵一", "钱二", "孙三"]
    for row, name in enumerate(names, start=2):
        values = list(example)
        for column, header in enumerate(headers):
            if header in ("姓名", "听课人", "作者", "负责人"):
                values[column] = name
            if header in ("论文题目", "课题名称"):
                values[column] = f"{example[column]}（{name}）"
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_file(buffer.getvalue(), "填好的.xlsx")
    assert len(result.frame) == 3
    assert [p for p in result.problems if p.severity in ("error", "warning")] == []
    key_column = {"roster": "name_key", "observations": "observer_key", "papers": "authors",
                  "projects": "leader_key"}[result.kind]
    assert [value.split("、")[0] for value in result.frame[key_column]] == names


def test_templates_together_give_figures(store):
    """Roster + log + paper + project templates: the example teacher counts everywhere."""
    for key in ("roster", "observations_log", "papers", "projects"):
        store.import_result(load_file(template_bytes(key), TEMPLATES[key].filename))
    result = metrics.figures(store.dataset(), "2024-2025-1")
    assert result["teachers"] == 1
    assert result["observations"]["total"] == 1
    assert result["papers"]["total"] == 1
    assert result["projects"]["in_progress"] == 1
