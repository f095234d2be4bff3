"""The level of an award or project from who issued it; a level nothing states is 级别不明, never a default."""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard import breakdowns, metrics
from dashboard.loaders import load_file

from .conftest import LAYOUTS, layout_file, xlsx_bytes

TERM = "2024-2025-1"
ISSUERS = {"教育部": "国家级", "中国教育学会": "国家级", "四川省教育厅": "省级", "上海市教育委员会": "省级",
           "广西壮族自治区教育厅": "省级", "内江市教育局": "市级", "绍兴市教科所": "市级", "越城区教师发展中心": "区县级",
           "新都县教研室": "区县级", "学校": "校级", "广东省高级技工学校": "校级"}


def _file(layout: str, rows: list[list], stem: str) -> tuple[str, bytes]:
    return layout_file(layout, rows, stem, title=f"2024学年第一学期{stem}")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("header", ["颁发单位", "主办单位", "评比单位"])
def test_award_level_from_the_issuing_body_column(layout, header):
    rows = [["论文题目", "作者", header, "获奖等级"],
            *[[f"论文{i}", "杨宁", issuer, "一等奖"] for i, issuer in enumerate(ISSUERS)]]
    name, data = _file(layout, rows, "论文获奖")
    frame = load_file(data, name, kind="papers", term=TERM).frame
    assert list(frame["level"]) == list(ISSUERS.values())


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("header", ["项目来源", "立项单位", "课题类别"])
def test_project_level_from_the_issuing_body_and_not_from_a_caption_naming_several(layout, header):
    caption = [["各级课题19项，其中部省级以上7项，校级12项。"]]
    rows = [*caption, ["课题名称", "负责人", header, "立项时间"],
            *[[f"课题{i}", "杨宁", issuer, "2024-09-01"] for i, issuer in enumerate(ISSUERS)]]
    name, data = _file(layout, rows, "课题")
    frame = load_file(data, name, kind="projects").frame
    assert list(frame["level"]) == list(ISSUERS.values())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_level_inside_the_award_name_or_title(layout):
    rows = [["奖励名称", "获奖项目名称", "完成人", "获奖时间", "获奖等级"],
            ["教育部第六届优秀成果奖", "成果一", "杨宁", "2024-10-01", "二等奖"],
            ["上海市第十届优秀成果奖", "成果二", "杨宁", "2024-10-01", "三等奖"],
            ["广西壮族自治区优秀成果奖", "成果三", "杨宁", "2024-10-01", "三等奖"]]
    name, data = _file(layout, rows, "获奖名单")
    frame = load_file(data, name, kind="papers").frame
    assert list(frame["level"]) == ["国家级", "省级", "省级"]
    works = [["第二届全国优秀科普作品获奖名单"], ["姓名", "作品名称", "等级"], ["杨宁", "作品一", "特等奖"], ["汪欣刚", "作品二", "一等奖"]]
    name, data = _file(layout, works, "附表")
    frame = load_file(data, name, kind="papers", term=TERM).frame
    assert list(frame["level"]) == ["国家级", "国家级"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_unknown_level_is_never_defaulted_and_is_reported_where_it_is(layout):
    rows = [["题目", "刊物名称", "作者", "发表时间"],
            ["论文一", "实验科学与技术", "杨宁", "2024.10.12"],
            ["论文二", "通信与信息技术", "杨宁", "2024.11.12"]]
    name, data = _file(layout, rows, "教改论文")
    result = load_file(data, name, kind="papers")
    assert result.frame["level"].isna().all()
    unknown = [p for p in result.problems if p.message.startswith("级别不明")]
    first_row = 3 if layout == "xlsx with a title" else 2
    assert [(p.file, p.row, p.column) for p in unknown] == [(name, first_row, "刊物名称"), (name, first_row + 1, "刊物名称")]
    assert all(p.sheet for p in unknown)


def test_unknown_level_keeps_the_total_and_shows_as_jibie_buming(store):
    store.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["杨宁", "数学组"]]), "教师名册.xlsx", term=TERM))
    rows = [["论文题目", "作者", "颁发单位", "获奖等级", "获奖时间"],
            ["论文一", "杨宁", "四川省教育厅", "一等奖", "2024-10-01"],
            ["论文二", "杨宁", "某杂志社", "二等奖", "2024-10-01"],
            ["论文三", "杨宁", "", "发表", "2024-10-01"]]
    store.import_result(load_file(xlsx_bytes(rows), "论文.xlsx", kind="papers"))
    ds = store.dataset()
    figures = metrics.figures(ds, TERM)["papers"]
    assert figures["total"] == 3
    assert figures["by_level"] == {"国家级": 0, "省级": 1, "市级": 0, "区县级": 0, "校级": 0}
    records = metrics.paper_records(ds, TERM, metrics.roster_for(ds, TERM)).records
    matrix = breakdowns.level_grade_matrix(records)
    assert matrix.loc["级别不明", "合计"] == 2 and matrix.loc["合计", "合计"] == 3
    shown = breakdowns.display(records, breakdowns.PAPER_COLUMNS)
    assert Counter(shown["级别"]) == {"省级": 1, "级别不明": 2}


def test_papers_page_shows_jibie_buming_and_keeps_the_total(monkeypatch, tmp_path):
    from dashboard.store import Store

    from .test_pages import frame, metric, run_app

    store = Store(f"sqlite:///{tmp_path / 'levels.db'}")
    store.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["杨宁", "数学组"], ["汪欣刚", "语文组"]]),
                                  "教师名册.xlsx", term=TERM))
    rows = [["题目", "刊物名称", "作者", "发表时间"],
            ["论文一", "实验科学与技术", "杨宁", "2024.10.12"], ["论文二", "通信与信息技术", "汪欣刚", "2024.11.12"]]
    store.import_result(load_file(xlsx_bytes(rows), "教改论文.xlsx", kind="papers"))
    awards = [["论文题目", "作者", "颁发单位", "获奖等级", "获奖时间"], ["论文三", "杨宁", "四川省教育厅", "一等奖", "2024-10-01"]]
    store.import_result(load_file(xlsx_bytes(awards), "论文获奖.xlsx", kind="papers"))
    store.engine.dispose()
    at = run_app(monkeypatch, str(store.engine.url), "papers.py", term=TERM)
    assert metric(at, "获奖与发表（项）").value == "3"
    matrix = frame(at, "papers_matrix")
    assert int(matrix.loc["级别不明", "项"]) == 2 and int(matrix.loc["省级", "项"]) == 1
    at.session_state["papers_matrix"] = {"selection": {"rows": [list(matrix.index).index("合计")], "columns": [], "cells": []}}  # the 合计 row: every record
    at.run()
    assert Counter(frame(at, "papers_cell_rows")["级别"]) == {"级别不明": 2, "省级": 1}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_section_heading_gives_the_level_of_the_rows_under_it_only(layout):
    papers = [["论文题目", "作者", "获奖等级"], ["一、省级获奖"], ["论文1", "杨宁", "一等奖"], ["论文2", "杨宁", "二等奖"],
              ["二、市级获奖"], ["论文3", "杨宁", "二等奖"], ["三、教育部评选"], ["论文4", "杨宁", "三等奖"]]
    name, data = _file(layout, papers, "论文获奖")
    frame = load_file(data, name, kind="papers", term=TERM).frame
    assert list(frame["level"]) == ["省级", "省级", "市级", "国家级"]
    projects = [["课题名称", "负责人", "立项时间"], ["一、省级课题（已结题）"], ["课题1", "杨宁", "2020-09-01"],
                ["二、县级课题（在研）"], ["课题2", "杨宁", "2021-09-01"]]
    name, data = _file(layout, projects, "课题")
    frame = load_file(data, name, kind="projects").frame
    assert frame[["level", "stage"]].values.tolist() == [["省级", "结题"], ["区县级", "立项"]]
