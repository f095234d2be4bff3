"""教职工花名册 as personnel offices export them: birth dates stated only by the 身份证号, the post in a
岗位 column, posts written with their office (教务处主任), and a teacher whose age no cell states."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import csv_bytes, xls_bytes, xlsx_bytes

TERM = "2024-2025-2"
#: name, group, post, id number, birth date written in the file (or ""), the birth date to read
PEOPLE = [("周明", "语文组", "教师", "330602198503120011", "", dt.date(1985, 3, 12)),
          ("吴芳", "数学组", "数学教研组长", "33060219950718002X", "", dt.date(1995, 7, 18)),
          ("郑强", "数学组", "教务处主任", "330602197001010033", "1971.02", dt.date(1971, 2, 1)),
          ("李静", "英语组", "班主任", "330602850312001", "", dt.date(1985, 3, 12)),
          ("王丽", "英语组", "教师", "3306021", "", None)]


def _layouts():
    titled = [["实验中学2025年春季教职工花名册"], ["序号", "姓名", "性别", "身份证号码", "部门", "岗位", "职称"]]
    titled += [[n, name, "女", number, group, post, "一级教师"]
               for n, (name, group, post, number, _, _) in enumerate(PEOPLE, start=1)]
    plain = [["姓名", "教研组", "职务", "出生年月", "身份证号", "学期"]]
    plain += [[name, group, post, written, number, TERM] for name, group, post, number, written, _ in PEOPLE]
    old = [["公民身份号码", "教师姓名", "学科组", "行政职务"]] + [[number, name, group, post] for name, group, post, number, _, _ in PEOPLE]
    return [("教职工花名册2025春.xlsx", xlsx_bytes(titled), {}), ("名册.csv", csv_bytes(plain), {}),
            ("人事导出.xls", xls_bytes(old), {"term": TERM})]


@pytest.mark.parametrize("name,data,options", _layouts(), ids=["身份证号码+岗位", "出生年月 partly blank", "xls 公民身份号码"])
def test_the_birth_date_an_id_number_states_and_the_post(name, data, options, tmp_path):
    result = load_file(data, name, **options)
    assert result.kind == "roster", [p.message for p in result.problems]
    frame = result.frame
    assert "id_number" not in frame.columns  # read for the birth date, never kept as a field
    expected = [person[5] for person in PEOPLE]  # a written 出生年月 wins over the id number (郑强: 1971.02)
    if name != "名册.csv":  # no 出生年月 column: 郑强's comes from his id number too
        expected[2] = dt.date(1970, 1, 1)
    assert [None if value is None or value != value else value for value in frame["birth_date"]] == expected
    said = [p for p in result.problems if "取自" in p.message]
    assert len(said) == 1 and said[0].severity == "info" and "原始文件照常存档" in said[0].message
    assert list(frame["role"]) == [person[2] for person in PEOPLE]

    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.import_result(result)
    teachers = metrics.observation_counts(store.dataset(), TERM).teachers.set_index("name_key")
    assert teachers.loc["吴芳", "quota"] == 15 and teachers.loc["郑强", "quota"] == 20  # 数学教研组长, 教务处主任
    assert teachers.loc["李静", "quota"] == 10  # a 班主任 is no 主任 (born 1985: 40 at the term's start)
    assert teachers.loc["王丽", "quota_rule"].startswith("出生年月不明，暂按")  # no cell states her age: said
