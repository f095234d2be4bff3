"""Person cells: one reading for every kind (老师, 等, a bracketed role and another person, role words)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import metrics
from dashboard.loaders import load_file

from .conftest import csv_bytes, layout_file, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["姓名", "教研组"], ["汪欣刚", "语文组"], ["杨宁", "数学组"], ["王莉(大)", "英语组"], ["王莉(小)", "英语组"],
          ["蔡晓庆", "科学组"], ["孙玉林", "科学组"], ["王五", "语文组"], ["赵六", "数学组"]]


def _write(layout: str, rows: list[list]) -> tuple[str, bytes]:
    return layout_file(layout, rows, "表", title="2024学年第一学期")


LAYOUTS = ["xlsx", "xls", "csv with a title"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_observer_written_with_a_space_before_laoshi_is_counted_for_that_teacher(store, layout):
    log = [["日期", "听课人", "授课教师", "班级"],
           [dt.date(2024, 10, 8), "汪欣刚 老师", "杨宁", "高一(1)班"],
           [dt.date(2024, 10, 9), "汪欣刚老师", "杨宁", "高一(2)班"],
           [dt.date(2024, 10, 10), "汪欣刚（老师）", "杨宁", "高一(3)班"]]
    if layout == "xls":  # dates as text: xlwt writes date cells only through a style
        log = [log[0]] + [[row[0].isoformat(), *row[1:]] for row in log[1:]]
    store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx", term=TERM))
    name, data = _write(layout, log)
    result = load_file(data, f"听课{name}", kind="observations")
    assert list(result.frame["observer_key"]) == ["汪欣刚"] * 3
    store.import_result(result)
    teachers = metrics.observation_counts(store.dataset(), TERM).teachers.set_index("name_key")
    assert teachers.loc["汪欣刚", "count"] == 3
    assert "老师" not in set(teachers.index)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_deng_ends_the_named_authors_with_a_note(layout):
    rows = [["论文题目", "作者", "获奖等级"],
            ["论文甲", "杨宁等", "市级一等奖"],
            ["论文乙", "杨宁 等", "市级二等奖"],
            ["论文丙", "汪欣刚、杨宁 等", "市级三等奖"],
            ["论文丁", "汪欣刚、杨宁", "市级三等奖"]]
    name, data = _write(layout, rows)
    result = load_file(data, f"论文{name}", kind="papers", term=TERM)
    assert list(result.frame["authors"]) == ["杨宁", "杨宁", "汪欣刚、杨宁", "汪欣刚、杨宁"]
    notes = [p for p in result.problems if "以“等”结尾" in p.message]
    assert [p.row for p in notes] == [row + (1 if layout == "csv with a title" else 0) for row in (2, 3, 4)]
    assert all(p.column == "作者" and p.file == f"论文{name}" for p in notes)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_bracketed_role_and_another_person_are_not_part_of_the_name(store, layout):
    rows = [["作品名称", "姓名", "等级"],
            ["作品一", "蔡晓庆(指导老师:孙玉林)", "一等奖"],
            ["作品二", "王五（执笔）、赵六（排名2）", "二等奖"],
            ["作品三", "王莉（大）", "三等奖"]]
    name, data = _write(layout, rows)
    result = load_file(data, f"全国论文评比{name}", kind="papers", term=TERM)
    assert list(result.frame["authors"]) == ["蔡晓庆", "王五、赵六", "王莉(大)"]
    assert any("孙玉林" in p.message and "不是作者" in p.message for p in result.problems)
    store.import_result(load_file(xlsx_bytes(ROSTER), "教师名册.xlsx", term=TERM))
    store.import_result(result)
    ds = store.dataset()
    roster = metrics.roster_for(ds, TERM)
    counted = metrics.paper_records(ds, TERM, roster).records
    per_teacher = counted["matched_authors"].str.split("、").explode().value_counts()
    assert per_teacher.to_dict() == {"蔡晓庆": 1, "王五": 1, "赵六": 1, "王莉(大)": 1}  # 孙玉林 is not an author


@pytest.mark.parametrize("layout", LAYOUTS)
def test_role_words_alone_are_never_names(layout):
    projects = [["课题名称", "负责人", "级别", "立项时间", "状态"],
                ["课题一", "主研", "市级", "2024-09-01", "在研"],
                ["课题二", "负责、主研", "市级", "2024-09-01", "在研"],
                ["课题三", "杨宁", "市级", "2024-09-01", "在研"]]
    name, data = _write(layout, projects)
    result = load_file(data, f"课题{name}", kind="projects")
    frame = result.frame
    assert len(frame) == 3 and frame["leader_key"].notna().sum() == 1
    assert not {"主研", "负责"} & set(frame["leader_key"].dropna())
    assert sum("（角色）" in p.message for p in result.problems) == 2
    papers = [["论文题目", "作者", "获奖等级"], ["论文甲", "执笔", "市级一等奖"], ["论文乙", "杨宁", "市级一等奖"]]
    name, data = _write(layout, papers)
    result = load_file(data, f"论文{name}", kind="papers", term=TERM)
    assert list(result.frame["authors"]) == ["杨宁"]
    assert [p.severity for p in result.problems if "（角色）" in p.message] == ["error"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_observer_cell_with_only_a_role_word_is_reported_as_not_a_name(layout):
    log = [["日期", "听课人", "授课教师", "班级"],
           ["2024-10-08", "成员", "杨宁", "高一(1)班"],
           ["2024-10-09", "汪欣刚", "杨宁", "高一(2)班"]]
    name, data = _write(layout, log)
    result = load_file(data, f"听课{name}", kind="observations")
    assert list(result.frame["observer_key"]) == ["汪欣刚"]
    assert [p.message for p in result.problems if p.severity == "error"] == ["听课人“成员”不是姓名（是角色或称呼），未导入。"]


def test_control_characters_in_a_person_cell_do_not_break_the_import():
    rows = [["论文题目", "作者", "获奖等级"], ["论文甲", "杨宁 \x01x、汪欣刚", "市级一等奖"]]
    result = load_file(csv_bytes(rows), "论文.csv", kind="papers", term=TERM)  # .xlsx cannot hold them
    assert result.frame["authors"].str.contains("汪欣刚").all()
