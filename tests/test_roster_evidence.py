"""Roster names confirm a header: a form export with many questions of its own is read when the
person column under its header names teachers of the roster, and only then."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import importing, metrics
from dashboard.cli import main
from dashboard.loaders import load_file
from dashboard.problems import ImportRejected
from dashboard.store import Store
from dashboard.tables import header_evidence

from .conftest import layout_file, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["2024-2025学年第一学期教师名册"], ["姓名", "教研组"],
          ["王莉", "语文组"], ["张伟", "数学组"], ["李娜", "英语组"]]
KNOWN = frozenset({"王莉", "张伟", "李娜"})
#: A 听课 form whose header names only three of its seven columns, by core words alone
#: (您的名字 = the observer, 被听课老师, 听课的日期); the other four are the form's own questions.
HEADER = ["您的名字", "被听课老师", "听课的日期", "本节课的亮点", "存在的不足", "改进建议", "总体评价"]
ANSWERS = [["王莉", "张伟", "2024-10-12", "导入自然", "时间偏紧", "多给学生练习", "好"],
           ["王莉", "李娜 老师", "2024-10-15", "互动充分", "板书较乱", "规划板书", "较好"],
           ["张伟", "王莉", "2024-11-02", "目标清楚", "无", "无", "好"],
           ["李娜", "张伟", "2024-12-01", "情境真实", "提问偏多", "精简提问", "好"]]
#: The same words in a row above notes: nobody of the roster under it.
NOTES = [HEADER, ["请填写本人真实姓名", "请写全名", "按实际填写", "不少于十个字", "如实填写", "可不填", "五选一"],
         ["本表由教科室统一收集", "", "", "", "", "", ""]]
LAYOUTS = ["xlsx", "xls", "csv with a title"]


def _form(layout: str, rows: list[list]) -> tuple[str, bytes]:
    return layout_file(layout, rows, "听课反馈", title="2024学年第一学期听课反馈（问卷导出）")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_roster_names_under_the_person_column_make_the_form_header(layout):
    name, data = _form(layout, [HEADER, *ANSWERS])
    with pytest.raises(ImportRejected):  # without the roster, three columns of seven are too few
        load_file(data, name, kind="observations")
    result = load_file(data, name, kind="observations", known_names=KNOWN)
    assert list(result.frame["observer_key"]) == ["王莉", "王莉", "张伟", "李娜"]
    assert list(result.frame["teacher"]) == ["张伟", "李娜", "王莉", "张伟"]
    assert list(result.frame["date"]) == [dt.date(2024, 10, 12), dt.date(2024, 10, 15), dt.date(2024, 11, 2),
                                          dt.date(2024, 12, 1)]
    assert [table.header_row for table in result.tables] == [1 if layout != "csv with a title" else 2]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_same_words_above_notes_are_no_header_even_with_the_roster(layout):
    name, data = _form(layout, NOTES)
    with pytest.raises(ImportRejected) as caught:
        load_file(data, name, kind="observations", known_names=KNOWN)
    assert "听课" in str(caught.value)


def test_header_evidence_counts_a_roster_name_under_a_person_field():
    rows = [["教师", "评语"], ["张伟 老师", "好"], ["请写全名", "好"], ["2024-10-12", "好"]]
    assert header_evidence(rows, 0, {"name": 0}) == (2, 1)  # any short text is a plausible person
    assert header_evidence(rows, 0, {"name": 0}, known_names=KNOWN) == (2, 1)
    long_list = [["作者"], ["王莉、张伟、李娜，以及区内外十余所学校的三十多位参与这一课题研究并撰写了阶段报告的骨干教师和教研员"]]
    assert header_evidence(long_list, 0, {"authors": 0}) == (0, 1)  # too long for names alone
    assert header_evidence(long_list, 0, {"authors": 0}, known_names=KNOWN) == (1, 0)  # roster names in it


def test_the_import_flow_and_the_cli_pass_the_stores_roster(tmp_path, write, capsys):
    url = f"sqlite:///{tmp_path / 'flow.db'}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx"))
    assert importing.known_names(store) == KNOWN
    name, data = _form("xlsx", [HEADER, *ANSWERS])
    preview = importing.prepare(data, name, importing.Options(kind="observations"), store.mappings(),
                                importing.known_names(store))
    assert preview.rejected is None and preview.rows == 4
    assert {column.header: column.field for column in preview.columns}["您的名字"] == "name"
    assert importing.prepare(data, name, importing.Options(kind="observations")).rejected  # no roster given
    path = write(name, data)
    assert main(["import", str(path), "--kind", "observations", "--db", url]) == 0
    assert "4 行" in capsys.readouterr().out
    figures = metrics.figures(Store(url).dataset(), TERM)
    assert figures["observations"]["total"] == 4


def test_a_roster_of_another_school_does_not_confirm(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'district.db'}")
    store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx"), school="一中")
    assert importing.known_names(store, "一中") == KNOWN
    assert importing.known_names(store, "二中") == frozenset()
