"""获奖与发表 by category: detection (column, title, section text, option, none), three unseen layouts
through the store on SQLite and PostgreSQL, the figures and the hooks, ``import --category``, the page."""

from __future__ import annotations

import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import awards, metrics
from dashboard.cli import demo_files, import_files, main
from dashboard.contract import AWARD_CATEGORIES, GRADES, LEVELS
from dashboard.kinds import KINDS, hook
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, sign_in, xls_bytes, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["2024-2025学年第一学期教师名册"], ["姓名", "教研组"], ["王芳", "语文组"], ["李强", "语文组"],
          ["张敏", "数学组"], ["赵磊", "数学组"], ["陈静", "英语组"]]


def _load(rows, name="获奖.xlsx", **options):
    return load_file(xlsx_bytes(rows), name, **options)


def _store_with(store, *files):
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    for data, name, options in files:
        store.import_result(load_file(data, name, **options))
    return store.dataset()


# ------------------------------------------------------------------ detection

HEADER = ["作者", "作品名称", "级别", "等次"]


@pytest.mark.parametrize("case,rows,options,expected", [
    ("column", [["2024学年第一学期获奖登记"], ["作者", "作品名称", "类别", "级别", "等次"],
                ["王芳", "春", "多媒体课件", "市级", "一等奖"], ["李强", "秋", "赛课", "区级", "二等奖"]], {},
     ["课件", "优质课"]),
    ("title", [["2024年区优质课评比获奖名单"], ["参赛教师", "参赛课题", "奖次"], ["王芳", "《背影》", "一等奖"]],
     {"term": TERM}, ["优质课"]),
    ("section", [["2024学年第一学期教师获奖"], HEADER, ["一、说课比赛"], ["王芳", "春", "市级", "一等奖"],
                 ["二、青年教师基本功大赛"], ["李强", "秋", "区级", "三等奖"]], {}, ["说课", "基本功"]),
    ("option", [["2024学年第一学期教师获奖"], HEADER, ["王芳", "春", "市级", "一等奖"]], {"category": "微课"},
     ["微课"]),
    ("论文 header", [["2024学年第一学期获奖"], ["作者", "论文题目", "级别", "等次"], ["王芳", "春", "市级", "一等奖"]],
     {}, ["论文"]),
    ("none", [["2024学年第一学期教师获奖"], HEADER, ["王芳", "春", "市级", "一等奖"]], {}, [None]),
])
def test_category_comes_from_column_title_section_option_else_unknown(case, rows, options, expected):
    result = _load(rows, **options)
    assert result.kind == "papers"
    assert [None if c is None or c != c else c for c in result.frame["category"]] == expected
    unknown = [p for p in result.problems if "类别不明" in p.message]
    if expected == [None]:  # reported with file, sheet, row and column, and still imported
        assert [(p.file, p.sheet, p.row, p.column, p.severity) for p in unknown] == [
            ("获奖.xlsx", "Sheet1", 3, "类别", "warning")]
        assert "导入时可指定类别" in unknown[0].message
    else:
        assert not unknown


_COMPETITIONS = [("潘一", "2025年区初中语文优质课评比", "区教育局", "一等奖"),
                 ("沈二", "市中小学课堂教学评比", "市教育局", "二等奖"),
                 ("江三、彭四", "省多媒体课件制作大赛", "省电教馆", "一等奖"),
                 ("戴五", "区青年教师教学基本功大赛", "区教育局", "二等奖")]


def _competition_layouts():
    """The same four awards written three ways, each row naming its competition in a column of its own,
    under a title that names one category only (the column, not the title, says what each row is)."""
    titled = [["明远中学2025年春季学期教师获奖情况统计（优质课评比等）"], ["填报单位：教科室", None, "填报时间：2025年6月"],
              ["序号", "获奖教师", "任教学科", "评比名称", "主办单位", "获奖等第"]]
    titled += [[n, who, "语文", what, by, grade] for n, (who, what, by, grade) in enumerate(_COMPETITIONS, start=1)]
    plain = [["比赛名称", "获奖等次", "参赛教师", "颁发单位"]] + [[what, grade, who, by] for who, what, by, grade in _COMPETITIONS]
    csv = [["2024-2025学年第二学期教师竞赛获奖"], ["姓名", "赛事名称", "奖次", "组织单位"]]
    csv += [[who, what, grade, by] for who, what, by, grade in _COMPETITIONS]
    return [("titled.xlsx", xlsx_bytes(titled), {"term": "2024-2025-2"}),
            ("plain.xls", xls_bytes(plain), {"term": "2024-2025-2"}),
            ("form.csv", csv_bytes(csv), {})]


@pytest.mark.parametrize("name,data,options", _competition_layouts(), ids=["title+评比名称", "比赛名称", "csv 赛事名称"])
def test_a_competition_name_column_gives_each_rows_category(name, data, options):
    result = load_file(data, name, **options)
    assert result.kind == "papers", [p.message for p in result.problems]
    frame = result.frame
    assert list(frame["category"]) == ["优质课", "优质课", "课件", "基本功"]
    assert list(frame["level"]) == ["区县级", "市级", "省级", "区县级"]
    assert list(frame["grade"]) == ["一等奖", "二等奖", "一等奖", "二等奖"]
    assert not [p for p in result.problems if p.severity == "error"]


def test_column_wins_over_title_and_title_over_option():
    rows = [["2024年区优质课评比获奖名单"], ["作者", "作品名称", "类别", "等次"], ["王芳", "春", "教案", "一等奖"],
            ["李强", "秋", "", "二等奖"]]
    frame = _load(rows, term=TERM, category="课件").frame
    assert list(frame["category"]) == ["教学设计", "优质课"]  # the blank cell says nothing: the title does


def test_a_category_of_no_kind_of_ours_is_other_and_said():
    rows = [["2024学年第一学期获奖"], ["作者", "作品名称", "评比项目", "等次"], ["王芳", "春", "班主任技能比赛", "市一等奖"]]
    result = _load(rows)
    assert list(result.frame["category"]) == ["其他"]
    assert any(p.row == 3 and p.column == "评比项目" and "记为“其他”" in p.message for p in result.problems)


def test_honours_list_imports_a_named_category_and_still_refuses_other_honours():
    rows = [["王五老师荣誉一览表"], ["年度", "奖项", "颁发单位"], ["2024.10", "优秀班主任", "某某中学"],
            ["2024.11", "市优质课评比一等奖", "某市教育局"], ["2024.12", "论文评比二等奖", "某区教研室"]]
    result = _load(rows)
    assert result.frame[["category", "level", "grade"]].values.tolist() == [
        ["优质课", "市级", "一等奖"], ["论文", "区县级", "二等奖"]]
    assert [p.row for p in result.problems if p.message.startswith("不是论文")] == [3]


# ------------------------------------------------------------------ unseen layouts, through the store

def courseware():
    """A city's 课件 results: 奖项名称 | 获奖者 | 级别 | 等次 under the title 2024年市课件评比结果."""
    return xlsx_bytes([["2024年市课件评比结果"], ["奖项名称", "获奖者", "级别", "等次"],
                       ["《岳阳楼记》多媒体课件", "王芳、李强", "市级", "一等奖"],
                       ["函数图像动态演示", "张敏", "市级", "二等奖"],
                       ["Unit 5 课件", "外校老师", "市级", "二等奖"]], merged={"Sheet1": ["A1:D1"]})


def district_quality_lessons():
    """A district's 优质课 list, every school's teachers, with a 学校 column and 获奖等级 words."""
    return xlsx_bytes([["2024年秋季区高中优质课评比获奖名单"], ["说明：按获奖等级排列"],
                       ["序号", "学校", "姓名", "学科", "参赛课题", "获奖等级"],
                       [1, "明远中学", "陈静", "英语", "Unit 3 Reading", "一等奖"],
                       [2, "城南中学", "刘洋", "英语", "Unit 1", "一等奖"],
                       [3, "明远中学", "赵磊", "数学", "等差数列", "二等奖"],
                       [4, "育才中学", "孙丽", "语文", "《背影》", "三等奖"],
                       ["合计", "", "", "", "", "4人"]], merged={"Sheet1": ["A1:F1", "A2:F2"]})


def design_sections():
    """A 教学设计 list whose grades are section rows 一等奖 / 二等奖 between the records."""
    return xlsx_bytes([["2024-2025学年第一学期区教学设计评比获奖名单"], ["序号", "作者", "作品名称", "学校"],
                       ["一等奖"], [1, "王芳", "《春》教学设计", "明远中学"],
                       ["二等奖"], [1, "张敏", "函数的单调性", "明远中学"], [2, "李强、王芳", "《秋天》", "明远中学"]],
                      merged={"Sheet1": ["A1:D1", "A3:D3", "A5:D5"]})


def test_three_unseen_layouts_give_the_figures(store):
    ds = _store_with(store, (courseware(), "2024年市课件评比结果.xlsx", {"term": TERM}),
                     (district_quality_lessons(), "区优质课.xlsx", {}),
                     (design_sections(), "教学设计评比.xlsx", {}))
    assert ds.schools == []  # the 学校 column names the authors' units
    got = metrics.figures(ds, TERM)
    by = got["awards"]["by_category"]
    assert set(by) == set(AWARD_CATEGORIES)
    assert all(set(c["by_level"]) == set(LEVELS) and set(c["by_grade"]) == set(GRADES) for c in by.values())
    assert (by["课件"]["total"], by["课件"]["person_times"]) == (2, 3)  # 外校老师 not counted; 王芳、李强 = 2 人次
    assert by["课件"]["by_level"]["市级"] == 2 and by["课件"]["by_grade"] == {**dict.fromkeys(GRADES, 0), "一等奖": 1, "二等奖": 1}
    assert (by["优质课"]["total"], by["优质课"]["by_level"]["区县级"]) == (2, 2)  # 陈静 一等奖, 赵磊 二等奖
    assert by["优质课"]["by_grade"]["一等奖"] == 1 and by["优质课"]["by_grade"]["二等奖"] == 1
    assert (by["教学设计"]["total"], by["教学设计"]["person_times"]) == (3, 4)
    assert by["教学设计"]["by_grade"]["一等奖"] == 1 and by["教学设计"]["by_grade"]["二等奖"] == 2
    assert by["教学设计"]["by_level"]["区县级"] == 3
    assert got["awards"]["total"] == 7 and got["awards"]["person_times"] == 9
    assert got["papers"]["total"] == 0 and by["论文"]["total"] == 0  # none of these lists is a 论文 list
    group = metrics.figures(ds, TERM, "语文组")["awards"]  # --group restricts as for papers; 人次 of the group
    assert (group["total"], group["person_times"]) == (3, 5)
    assert group["by_category"]["教学设计"]["person_times"] == 3


def test_a_quality_lesson_csv_named_only_by_its_file_name():
    """执教者 | 课题 | 获奖 (no title row): a 获奖与发表 list, not a 课题 list; the file name gives 优质课."""
    data = csv_bytes([["序号", "单位", "执教者", "课题", "学段", "获奖"], [1, "明远中学", "陈静", "Unit 3 Reading", "高中", "市一等奖"],
                      [2, "城南中学", "刘洋", "Unit 1", "高中", "市二等奖"]])
    result = load_file(data, "2025年市优质课获奖.csv", term=TERM)
    assert result.kind == "papers"
    assert result.frame[["category", "authors", "title", "level", "grade"]].values.tolist() == [
        ["优质课", "陈静", "Unit 3 Reading", "市级", "一等奖"], ["优质课", "刘洋", "Unit 1", "市级", "二等奖"]]


def test_papers_figures_are_the_论文_category_only(store):
    paper = xlsx_bytes([["2024学年第一学期论文获奖"], ["作者", "论文题目", "级别", "等次"], ["王芳", "春", "市级", "一等奖"]])
    ds = _store_with(store, (paper, "论文.xlsx", {}), (courseware(), "课件.xlsx", {"term": TERM}))
    got = metrics.figures(ds, TERM)
    assert got["papers"]["total"] == 1 and got["papers"]["by_level"]["市级"] == 1
    assert {k: got["awards"]["by_category"]["论文"][k] for k in ("total", "by_level", "by_grade")} == got["papers"]
    assert got["awards"]["total"] == 3


def test_unknown_category_counts_in_the_total_only(store):
    unknown = xlsx_bytes([["2024学年第一学期教师获奖"], HEADER, ["王芳", "春", "市级", "一等奖"]])
    ds = _store_with(store, (unknown, "获奖.xlsx", {}))
    got = metrics.figures(ds, TERM)["awards"]
    assert got["total"] == 1 and sum(c["total"] for c in got["by_category"].values()) == 0


# ------------------------------------------------------------------ hooks

@pytest.fixture
def demo_like(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    ds = _store_with(store, (courseware(), "课件.xlsx", {"term": TERM}), (district_quality_lessons(), "区优质课.xlsx", {}),
                     (design_sections(), "教学设计评比.xlsx", {}))
    yield ds
    store.engine.dispose()


def test_hooks_are_declared_and_the_figures_hook_is_what_figures_adds(demo_like):
    kind = KINDS["papers"]
    assert kind.label == "获奖与发表" and "category" in kind.columns
    assert hook(kind, "figures_hook")(demo_like, TERM, None) == {"awards": metrics.figures(demo_like, TERM)["awards"]}


def test_overview_card_report_section_and_profile(demo_like):
    figures = metrics.figures(demo_like, TERM)
    [card] = awards.overview_hook(figures)
    assert card.label == "获奖与发表" and card.value == "7 项 / 9 人次"
    assert awards.overview_hook(metrics.figures(demo_like, "2023-2024-1")) == []
    [section] = awards.report_hook(demo_like, TERM, None, figures, None)
    assert section.text.startswith("本学期我校教师在教学设计评比中获区一等奖1人次、区二等奖3人次（共3项）；")
    assert "在课件评比中获市一等奖2人次、市二等奖1人次（共2项）" in section.text
    assert "在优质课评比中获区一等奖1人次、区二等奖1人次（共2项）" in section.text
    table = section.table.set_index("类别")
    assert int(table.loc["合计", "合计项"]) == 7 and int(table.loc["合计", "合计人次"]) == 9
    assert int(table.loc["课件", "市级人次"]) == 3
    [group_section] = awards.report_hook(demo_like, TERM, "数学组", metrics.figures(demo_like, TERM, "数学组"), None)
    assert group_section.text.startswith("本学期数学组教师在教学设计评比中获区二等奖1人次")
    [profile] = awards.profile_hook(demo_like, "王芳")
    assert profile.text == "各学期共 3 项：教学设计 2 项、课件 1 项。"
    assert set(profile.table["类别"]) == {"教学设计", "课件"} and set(profile.table["学期"]) == {"2024-2025学年第一学期"}
    assert awards.profile_hook(demo_like, "陈静")[0].table["类别"].tolist() == ["优质课"]


def test_report_has_no_competitions_section_for_论文_alone(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'p.db'}")
    paper = xlsx_bytes([["2024学年第一学期论文获奖"], ["作者", "论文题目", "级别", "等次"], ["王芳", "春", "市级", "一等奖"]])
    ds = _store_with(store, (paper, "论文.xlsx", {}))
    assert awards.report_hook(ds, TERM, None, metrics.figures(ds, TERM), None) == []
    store.engine.dispose()


# ------------------------------------------------------------------ command line

def test_import_category_option(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    listed = tmp_path / "获奖名单.xlsx"
    listed.write_bytes(xlsx_bytes([["2024学年第一学期教师获奖"], HEADER, ["王芳", "春", "市级", "一等奖"]]))
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(xlsx_bytes(ROSTER))
    assert main(["import", str(roster), str(listed), "--category", "优课", "--db", url]) == 0
    capsys.readouterr()
    assert main(["figures", "--term", TERM, "--db", url]) == 0
    got = json.loads(capsys.readouterr().out)["awards"]["by_category"]
    assert got["优质课"]["total"] == 1 and got["优质课"]["by_level"]["市级"] == 1 and got["论文"]["total"] == 0
    with pytest.raises(SystemExit) as wrong:
        main(["import", str(listed), "--category", "合唱", "--db", url])
    assert wrong.value.code == 2 and "无法识别的类别“合唱”" in capsys.readouterr().err


# ------------------------------------------------------------------ the page

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('awards') / 'demo.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    ds = store.dataset()
    store.engine.dispose()
    return url, ds


def _page(monkeypatch, url, role, **fields):
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=90), role, **fields)
    at.query_params["term"] = TERM
    at.run()
    at.switch_page("pages/papers.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at, key, tab=None):
    """The table ``key``; with ``tab``, after opening that tab of the page (the tabs run only when shown)."""
    from .test_pages import frame

    if tab is not None:
        at.session_state["papers_tab"] = tab
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return frame(at, key)


def test_page_for_the_principal_filters_by_category(monkeypatch, demo):
    url, ds = demo
    at = _page(monkeypatch, url, "校长")
    figures = metrics.figures(ds, TERM)["awards"]
    box = at.selectbox(key="awards_category")
    assert box.options == ["全部", "论文", "优质课"]
    matrix = _table(at, "papers_matrix")
    assert int(matrix.loc["合计", "项"]) == figures["total"] and int(matrix.loc["合计", "人次"]) == figures["person_times"]
    box.set_value("优质课").run()
    quality = figures["by_category"]["优质课"]
    matrix = _table(at, "papers_matrix")
    assert {level: int(matrix.loc[level, "项"]) for level in matrix.index if level in LEVELS} == {
        level: n for level, n in quality["by_level"].items() if n}
    assert int(matrix.loc["合计", "人次"]) == quality["person_times"]
    assert [m.value for m in at.metric if m.label == "优质课（项）"] == [str(quality["total"])]
    at.session_state["papers_matrix"] = {"selection": {"rows": [list(matrix.index).index("合计")], "columns": [], "cells": []}}  # the 合计 row: every record
    at.run()
    assert set(_table(at, "papers_cell_rows")["类别"]) == {"优质课"}
    assert "papers_groups_xlsx" not in {b.key for b in at.get("download_button")}  # a closed tab draws nothing
    groups = _table(at, "papers_groups", tab="各教研组")
    assert int(groups["项"].sum()) >= quality["total"] and int(groups["人次"].sum()) == quality["person_times"]
    assert "papers_matrix_xlsx" not in {b.key for b in at.get("download_button")}


def test_page_for_a_group_leader_shows_only_the_groups_awards(monkeypatch, demo):
    url, ds = demo
    at = _page(monkeypatch, url, "教研组长", group="数学组")
    figures = metrics.figures(ds, TERM, "数学组")["awards"]
    assert "优质课" in at.selectbox(key="awards_category").options
    matrix = _table(at, "papers_matrix")
    assert int(matrix.loc["合计", "项"]) == figures["total"] and int(matrix.loc["合计", "人次"]) == figures["person_times"]
    assert set(_table(at, "papers_groups", tab="各教研组").index) == {"数学组"}
    roster = metrics.roster_for(ds, TERM)
    members = set(roster.loc[roster["group"] == "数学组", "name_key"])
    assert set(_table(at, "papers_teachers", tab="各教师").index) <= members
