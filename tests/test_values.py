"""Values read as what they are: stage words, dates that give only a year, and the unit column."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dashboard import metrics
from dashboard.loaders import load_file

from .conftest import LAYOUTS, xlsx_bytes
from .conftest import layout_file as _file

TERM = "2024-2025-1"


# ------------------------------------------------------------------- stages

STAGE_WORDS = {"撤项": "终止", "撤销": "终止", "终止研究": "终止", "延期结题": "延期", "已开题": "开题", "已立项": "立项"}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("header", ["状态", "研究阶段", "课题状态"])
def test_stage_words(layout, header):
    rows = [["课题名称", "负责人", "级别", "立项时间", header],
            *[[f"课题{i}", "杨宁", "市级", "2023-09-01", word] for i, word in enumerate(STAGE_WORDS)]]
    name, data = _file(layout, rows, "课题")
    frame = load_file(data, name, kind="projects").frame
    assert list(frame["stage"]) == list(STAGE_WORDS.values())


def test_stopped_projects_are_not_in_progress(store):
    store.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["杨宁", "数学组"]]), "教师名册.xlsx", term=TERM))
    rows = [["课题名称", "负责人", "级别", "立项时间", "状态"],
            *[[f"课题{i}", "杨宁", "市级", "2023-09-01", word] for i, word in enumerate(STAGE_WORDS)]]
    store.import_result(load_file(xlsx_bytes(rows), "课题.xlsx", kind="projects"))
    assert metrics.figures(store.dataset(), TERM)["projects"]["in_progress"] == 3  # 3 of the 6 are 终止


# -------------------------------------------------------------------- dates

@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_bare_year_takes_the_term_of_the_import_and_says_so(layout):
    rows = [["题目", "刊物名称", "作者", "发表时间"],
            ["论文一", "实验科学与技术", "杨宁", "2005"],
            ["论文二", "实验科学与技术", "杨宁", 2006],
            ["论文三", "实验科学与技术", "杨宁", "2006～2007"],
            ["论文四", "实验科学与技术", "杨宁", "2012.08.28"]]
    name, data = _file(layout, rows, "教改论文")
    refused = load_file(data, name, kind="papers")
    assert list(refused.frame["title"]) == ["论文四"]
    assert sum("只写了年份" in p.message and p.severity == "error" for p in refused.problems) == 3
    result = load_file(data, name, kind="papers", term=TERM)
    assert list(result.frame["term"]) == [TERM, TERM, TERM, "2011-2012-2"]
    warned = [p for p in result.problems if "只写了年份" in p.message]
    assert len(warned) == 3 and all(p.severity == "warning" and p.column == "发表时间" for p in warned)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_span_of_years_gives_the_approval_year(layout):
    rows = [["项目名称", "负责人", "级别", "起止时间"],
            ["项目一", "杨宁", "省级", "2005-2008"],
            ["项目二", "杨宁", "省级", "2006～2007"],
            ["项目三", "杨宁", "省级", "2004"]]
    name, data = _file(layout, rows, "教改项目")
    result = load_file(data, name, kind="projects")
    assert list(result.frame["approved_date"]) == [dt.date(2005, 1, 1), dt.date(2006, 1, 1), dt.date(2004, 1, 1)]
    said = [p for p in result.problems if p.column == "起止时间"]
    assert len(said) == 3 and all("只写了" in p.message and p.severity == "warning" for p in said)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_time_of_day_after_a_date_keeps_the_day(layout):
    """Form tools and Excel write "2024-10-12 14:30": the day is the 12th, not the 1st of the month."""
    rows = [["课题名称", "负责人", "级别", "立项时间", "计划结题时间"],
            ["课题一", "杨宁", "市级", "2024-10-12 14:30", "2026/6/30 8:05:00"],
            ["课题二", "杨宁", "市级", dt.datetime(2024, 10, 13, 9, 30), "2026年6月29日 14时30分"]]
    name, data = _file(layout, rows, "课题")
    frame = load_file(data, name, kind="projects").frame
    assert list(frame["approved_date"]) == [dt.date(2024, 10, 12), dt.date(2024, 10, 13)]
    assert list(frame["planned_end_date"]) == [dt.date(2026, 6, 30), dt.date(2026, 6, 29)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_paper_dated_with_a_time_of_day_falls_in_the_term_of_its_day(layout):
    """The award day is kept (not the 1st of its month), and the term is the day's."""
    rows = [["论文题目", "作者", "级别", "获奖等级", "获奖时间"],
            ["论文一", "杨宁", "市级", "一等奖", "2024-08-31 23:00"],
            ["论文二", "杨宁", "市级", "一等奖", "2024/9/1 8:00:00"]]
    name, data = _file(layout, rows, "论文获奖")
    frame = load_file(data, name, kind="papers").frame
    assert list(frame["date"]) == [dt.date(2024, 8, 31), dt.date(2024, 9, 1)]
    assert list(frame["term"]) == ["2023-2024-2", "2024-2025-1"]


# --------------------------------------------------------------------- unit

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("header", ["学校", "学校名称", "单位"])
def test_a_school_column_of_an_award_list_is_the_authors_unit(store, layout, header):
    rows = [["姓名", header, "作品名称", "等级"],
            ["杨宁", "成都市新都区桂湖小学、广东技术师范大学", "作品一", "一等奖"],
            ["汪欣刚", "英德市第二中学", "作品二", "二等奖"],
            ["王五", "肇庆市怀集中学", "作品三", "三等奖"]]
    name, data = _file(layout, rows, "全国科普作品获奖名单")
    result = load_file(data, name, kind="papers", term=TERM)
    assert result.frame["school"].isna().all()
    assert list(result.frame["unit"]) == [row[1] for row in rows[1:]]
    store.import_result(result)
    assert store.dataset().schools == []


@pytest.mark.parametrize("header", ["学校", "单位", "所在学校"])
def test_a_school_column_of_a_project_list_is_the_unit_but_a_roster_still_names_its_school(store, header):
    projects = [["课题名称", "负责人", "级别", "立项时间", header],
                ["课题一", "杨宁", "市级", "2024-09-01", "第一中学"], ["课题二", "汪欣刚", "市级", "2024-09-01", "第二中学"]]
    result = load_file(xlsx_bytes(projects), "课题.xlsx", kind="projects")
    assert result.frame["school"].isna().all() and list(result.frame["unit"]) == ["第一中学", "第二中学"]
    store.import_result(result)
    assert store.dataset().schools == []
    roster = [["姓名", "教研组", "学校"], ["杨宁", "数学组", "第一中学"], ["汪欣刚", "语文组", "第二中学"]]
    store.import_result(load_file(xlsx_bytes(roster), "名册.xlsx", term=TERM))
    assert Counter(store.dataset().roster["school"]) == {"第一中学": 1, "第二中学": 1}
    assert store.dataset().schools == ["第一中学", "第二中学"]


# ------------------------------------------------------------------- 序号

@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_row_number_is_not_a_project_code(layout):
    numbered = [["序号", "课题名称", "负责人", "级别", "立项时间"],
                [1, "课题一", "杨宁", "市级", "2024-09-01"], [2, "课题二", "汪欣刚", "市级", "2024-09-01"]]
    name, data = _file(layout, numbered, "课题")
    assert load_file(data, name, kind="projects").frame["code"].isna().all()
    coded = [["课题编号", "课题名称", "负责人", "级别", "立项时间"],
             ["SX2024-01", "课题一", "杨宁", "市级", "2024-09-01"], ["SX2024-02", "课题二", "汪欣刚", "市级", "2024-09-01"]]
    name, data = _file(layout, coded, "课题")
    assert list(load_file(data, name, kind="projects").frame["code"]) == ["SX2024-01", "SX2024-02"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_in_district_mode_a_district_award_list_counts_for_the_school_its_unit_names(store, layout):
    from dashboard.district import district_table

    roster = [["姓名", "教研组", "学校"], ["杨宁", "数学组", "第一中学"], ["汪欣刚", "语文组", "第二中学"],
              ["王五", "语文组", "第二中学"]]
    store.import_result(load_file(xlsx_bytes(roster), "名册.xlsx", term=TERM))
    awards = [["论文题目", "作者", "学校", "获奖等级", "获奖时间"],
              ["论文一", "杨宁", "第一中学", "区一等奖", "2024-10-01"],
              ["论文二", "汪欣刚", "第二中学", "区二等奖", "2024-10-01"],
              ["论文三", "王五、杨宁", "第二中学、第一中学", "区三等奖", "2024-10-01"]]
    name, data = _file(layout, awards, "区论文获奖")
    store.import_result(load_file(data, name, kind="papers"))
    ds = store.dataset()
    assert ds.schools == ["第一中学", "第二中学"]  # the award list named no new school
    table = district_table(ds, TERM).set_index("学校")
    assert table["论文总数"].to_dict() == {"第一中学": 2, "第二中学": 2}
    assert table["论文·区县级"].to_dict() == {"第一中学": 2, "第二中学": 2}


# --------------------------------------------------------------- honours lists

@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_paper_award_in_a_list_without_authors_is_reported_as_such(layout):
    rows = [["成果名称", "获奖等级", "授予单位", "时间"],
            ["通信原理", "国家级精品课程", "教育部", "2008"],
            ["某论文", "全国教学研讨会一等奖论文", "教育部", "2013"]]
    name, data = _file(layout, rows, "教学成果")
    result = load_file(data, name, kind="papers", term=TERM)
    assert result.rows == 0
    said = {p.row - (1 if layout == "xlsx with a title" else 0): p.message for p in result.problems}
    assert said[2].startswith("这一部分不是论文名单") and "像是论文获奖" in said[3] and "没有作者列" in said[3]
