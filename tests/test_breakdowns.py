"""The pure parts behind the pages: breakdowns (scopes, pace, matrices, trends, profiles), charts and the Excel export."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest

from dashboard import breakdowns as bd
from dashboard import charts, metrics
from dashboard.cli import DEMO_DIR, demo_files, import_files
from dashboard.contract import GRADES, LEVELS
from dashboard.excel import excel_bytes
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["XX中学2024学年第一学期教师名册"],
          ["姓名", "教研组", "职务", "出生年月"],
          ["赵校长", "语文组", "校长", "1970.01"],
          ["钱组长", "语文组", "教研组长", "1992.01"],
          ["曾青年", "数学组", "", "1995.03"],
          ["李备课", "数学组", "备课组长", "1980.01"],
          ["安静", "英语组", "", "1975.03"]]
LOG = [["日期", "听课人", "授课教师", "班级", "节次", "节数"],
       ["2024.09.02", "曾青年", "甲", "1班", "1", 1],
       ["2024.09.03", "曾青年", "甲", "1班", "2", 2],
       ["2024.09.18", "钱组长", "甲", "2班", "3", 1],
       ["2024.10.08", "赵校长", "乙", "3班", "1", 1],
       ["2024.09.05", "外校客人", "甲", "2班", "3", 1],
       ["2025.03.03", "曾青年", "乙", "1班", "1", 1]]
SUMMARY = [["2024-2025学年第一学期听课统计"], ["姓名", "听课节数"], ["李备课", 12], ["合计", 12]]
PAPERS = [["作者", "论文题目", "获奖级别", "获奖时间"],
          ["曾青年、钱组长", "论文一", "省一等奖", "2024.10"],
          ["李备课", "论文二", "市二等奖", "2024.11"],
          ["安静", "论文三", "区三等奖", "2024.12"],
          ["外校作者", "论文四", "市一等奖", "2024.11"],
          ["赵校长", "论文五", "发表", "2025.03"]]
PROJECTS = [["课题名称", "负责人", "成员", "级别", "状态", "立项时间", "计划结题时间", "结题时间"],
            ["课题一", "赵校长", "曾青年、安静", "省级", "在研", "2023.03", "2025.06", ""],
            ["课题二", "钱组长", "", "市级", "已结题", "2022.09", "2024.06", "2024.12.20"],
            ["课题三", "李备课", "曾青年", "区级", "中期", "2024.10", "2024.12", ""],
            ["课题四", "外校人", "李备课", "市级", "在研", "2024.03", "", ""]]


@pytest.fixture
def school(store):
    for rows, name in ((ROSTER, "名册.xlsx"), (LOG, "听课记录.xlsx"), (SUMMARY, "听课统计.xlsx"), (PAPERS, "论文.xlsx"),
                       (PROJECTS, "课题.xlsx")):
        store.import_result(load_file(xlsx_bytes(rows), name))
    return store


@pytest.fixture
def view(school):
    return bd.term_view(school.dataset(), TERM)


@pytest.fixture(scope="session")
def demo_ds(tmp_path_factory):
    if not DEMO_DIR.is_dir() or not demo_files():
        pytest.skip("data/demo 还没有示例数据")
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    import_files(store, demo_files(), out=io.StringIO())
    return store.dataset()


# ------------------------------------------------------------------ scopes

def _declared_keys() -> set[str]:
    """The figures keys of kinds with a figures hook (metrics.declared_figures adds those; a TermView
    holds only the first four kinds)."""
    from dashboard.kinds import KINDS

    return {key for kind in KINDS.values() if kind.figures_hook for key in kind.figures}


def test_scoped_figures_equal_metrics_for_every_group(school, view):
    ds = school.dataset()
    for group in [None, "语文组", "数学组", "英语组"]:
        got, want = bd.scoped_figures(view, group), metrics.figures(ds, TERM, group)
        # the keys of the declared kinds' figures hooks (awards …) come from metrics.figures alone
        assert got == {key: want[key] for key in got} and set(want) - set(got) <= _declared_keys()


def test_scoped_figures_equal_metrics_on_the_demo(demo_ds):
    for term in metrics.data_terms(demo_ds):
        view = bd.term_view(demo_ds, term)
        for group in [None, *bd.group_order(view.roster)]:
            got, want = bd.scoped_figures(view, group), metrics.figures(demo_ds, term, group)
            assert got == {key: want[key] for key in got} and set(want) - set(got) <= _declared_keys(), (term, group)


def test_teacher_scope(view):
    figures = bd.scoped_figures(view, teacher="曾青年")
    assert figures["teachers"] == 1 and figures["observations"]["total"] == 3
    assert figures["papers"]["total"] == 1  # 论文一, co-written
    # 课题一 as member, 课题三 as member: projects involving the teacher
    assert set(bd.scope_projects(view, teacher="曾青年")["title"]) == {"课题一", "课题三"}
    assert set(bd.scope_projects(view, teacher="李备课")["title"]) == {"课题三"}  # 课题四's leader is not ours
    assert bd.scoped_figures(view, "语文组", "曾青年")["teachers"] == 0


def test_kpis_and_delta(view):
    kpi = bd.kpis(bd.scoped_figures(view))
    assert kpi["teachers"] == 5 and kpi["lessons"] == 3 + 1 + 1 + 12
    assert kpi["met_rate"] == pytest.approx(1 / 5)  # only 李备课 (12 ≥ 10)
    assert (kpi["papers"], kpi["awards"], kpi["published"]) == (3, 3, 0)
    assert kpi["close_rate"] == pytest.approx(1 / 2)  # 课题二 concluded, 课题三 overdue
    assert bd.delta(5, 3) == 2 and bd.delta(None, 3) is None and bd.rate(1, 0) is None


def test_kpi_rows_add_up_to_the_kpis(view):
    kpi = bd.kpis(bd.scoped_figures(view))
    assert len(bd.kpi_rows(view, "teachers")) == kpi["teachers"]
    lessons = bd.kpi_rows(view, "lessons")
    assert int(lessons["节数"].sum()) == kpi["lessons"] and "听课统计.xlsx" in set(lessons["来源文件"])  # summary row too
    assert (bd.kpi_rows(view, "met_rate")["是否达标"] == "达标").sum() == kpi["met"]
    assert len(bd.kpi_rows(view, "papers")) == kpi["papers"]
    for name in ("in_progress", "new", "concluded", "overdue"):
        assert len(bd.kpi_rows(view, name)) == kpi[name]
    assert list(bd.kpi_rows(view, "lessons", teacher="曾青年")["节数"]) == [1, 2]


# -------------------------------------------------------------------- pace

def test_pace_is_deterministic_for_an_injected_today(view):
    early = bd.pace(view.teachers, TERM, dt.date(2024, 11, 15))  # 76 of 153 days
    row = early.set_index("name_key").loc["曾青年"]
    assert row["quota"] == 20 and row["count"] == 3
    assert row["expected"] == round(20 * 76 / 153) == 10 and row["pace_gap"] == 7 and row["owed"] == 17
    assert row["progress"] == pytest.approx(3 / 20)
    gaps = list(early["pace_gap"])
    assert gaps == sorted(gaps, reverse=True)  # behind pace first
    assert early.iloc[-1]["name_key"] == "李备课"  # met: nothing owed, last
    late = bd.pace(view.teachers, TERM, dt.date(2030, 1, 1)).set_index("name_key")
    assert (late["expected"] == late["quota"]).all() and (late["pace_gap"] == late["owed"]).all()
    before = bd.pace(view.teachers, TERM, dt.date(2024, 1, 1)).set_index("name_key")
    assert before.loc["曾青年", "expected"] == 0  # 1 day of 153 rounds to 0


def test_term_progress_clips_to_the_term():
    assert bd.term_progress(TERM, dt.date(2024, 1, 1)) == (1 / 153, dt.date(2024, 9, 1))
    assert bd.term_progress("2024-2025-2", dt.date(2025, 2, 1))[1] == dt.date(2025, 2, 1)


def test_group_rates_in_roster_order(view):
    rates = bd.group_rates(view.teachers, bd.group_order(view.roster))
    assert list(rates["group"]) == ["语文组", "数学组", "英语组"]
    maths = rates.set_index("group").loc["数学组"]
    assert (maths["teachers"], maths["met"], maths["lessons"]) == (2, 1, 15) and maths["rate"] == 0.5


def test_teacher_rows_are_the_log_else_the_summary(view):
    assert list(bd.teacher_rows(view, "曾青年")["节数"]) == [1, 2]
    summary = bd.teacher_rows(view, "李备课")
    assert list(summary["汇总节数"]) == [12] and summary["来源文件"].iloc[0] == "听课统计.xlsx"


def test_weekly_timeline_zero_fills_and_sums_to_the_log(view):
    weekly = bd.weekly_lessons(view.lessons, TERM)
    assert weekly["week_start"].iloc[0] == dt.date(2024, 8, 26)  # the week 2024-09-01 (a Sunday) is in
    assert weekly["lessons"].sum() == view.lessons["lessons"].sum() == 5
    assert list(weekly["lessons"][:4]) == [0, 3, 0, 1] and weekly["label"].iloc[1] == "第2周"
    assert len(bd.lessons_in_week(view.lessons, dt.date(2024, 9, 2))) == 2
    assert bd.weekly_lessons(view.lessons.iloc[0:0], TERM).empty


# ------------------------------------------------------------------ papers

def test_level_grade_matrix_and_its_cells(view):
    matrix = bd.level_grade_matrix(view.papers)
    assert list(matrix.index) == [*LEVELS, bd.TOTAL] and list(matrix.columns) == [*GRADES, bd.TOTAL]
    assert matrix.loc["省级", "一等奖"] == 1 and matrix.loc[bd.TOTAL, bd.TOTAL] == 3
    for level in matrix.index:
        for grade in matrix.columns:
            assert len(bd.paper_cell(view.papers, level, grade)) == matrix.loc[level, grade]


def test_papers_by_group_and_teacher_credit_every_author(view):
    by_group = bd.papers_by(view.papers, "groups", bd.group_order(view.roster))
    assert by_group[bd.TOTAL].to_dict() == {"语文组": 1, "数学组": 2, "英语组": 1}
    by_teacher = bd.papers_by(view.papers, "matched_authors")
    assert list(by_teacher.index) == ["安静", "李备课", "钱组长", "曾青年"]  # all 1: pinyin order
    assert len(bd.papers_of(view.papers, "groups", "数学组")) == 2


# ---------------------------------------------------------------- projects

def test_stage_level_and_overdue(view):
    stages = bd.stage_counts(view.projects).set_index("stage")["projects"]
    assert stages["中期"] == 1 and stages["结题"] == 1 and stages.sum() == 3
    levels = bd.level_counts(view.projects).set_index("level")["projects"]
    assert levels["省级"] == 1 and levels["市级"] == 1
    overdue = bd.overdue_list(view.projects, TERM, dt.date(2024, 12, 31))
    assert list(overdue["title"]) == ["课题三"] and overdue["days_overdue"].iloc[0] == 30
    assert view.projects.set_index("title").loc["课题一", "member_keys"] == "曾青年、安静"


# ------------------------------------------------------ trends and profile

def test_trends_match_figures_per_term(demo_ds):
    terms = metrics.data_terms(demo_ds)
    views = [bd.term_view(demo_ds, term) for term in terms]
    trend = bd.term_trends(views, "数学组")
    assert list(trend["term"]) == terms
    for row, term in zip(trend.itertuples(), terms):
        figures = metrics.figures(demo_ds, term, "数学组")
        assert row.lessons == figures["observations"]["total"] and row.papers == figures["papers"]["total"]
        assert row.in_progress == figures["projects"]["in_progress"]


def test_teacher_profile_across_terms(school):
    later = [["课题名称", "负责人", "状态", "结题时间"], ["课题一", "赵校长", "已结题", "2025.05.10"]]
    school.import_result(load_file(xlsx_bytes(later), "课题结题.xlsx", term="2024-2025-2"))
    ds = school.dataset()
    views = [bd.term_view(ds, term) for term in metrics.data_terms(ds)]
    profile = bd.teacher_profile(views, "曾青年")
    assert list(profile.observations["term"]) == ["2024-2025-1", "2024-2025-2"]
    assert list(profile.observations["count"]) == [3, 1] and list(profile.observations["quota"]) == [20, 20]
    assert len(profile.lessons) == 3 and list(profile.papers["title"]) == ["论文一"]
    assert profile.led.empty and set(profile.member["title"]) == {"课题一", "课题三"}
    assert list(bd.teacher_profile(views, "赵校长").led["title"]) == ["课题一"]


def test_teacher_options_pinyin_order_with_initials(view):
    options = bd.teacher_options(view.roster)
    assert [key for key, _ in options] == ["安静", "李备课", "钱组长", "曾青年", "赵校长"]  # 曾 as a surname: zeng
    assert dict(options)["曾青年"] == "曾青年 · 数学组 · zqn"
    assert [key for key, _ in bd.teacher_options(view.roster, "数学组")] == ["李备课", "曾青年"]


def test_term_choices_offer_each_groups_teachers(view):
    """The sidebar's 教师 list for a 教研组 is that group's teachers, in the same order as for all."""
    choices = bd.term_choices(view.roster)
    assert choices.groups == tuple(bd.group_order(view.roster))
    assert list(choices.teachers[None]) == ["安静", "李备课", "钱组长", "曾青年", "赵校长"]
    assert list(choices.teachers["数学组"]) == ["李备课", "曾青年"]
    assert choices.teachers["数学组"]["曾青年"] == "曾青年 · 数学组 · zqn"
    assert sorted(k for g in choices.groups for k in choices.teachers[g]) == sorted(choices.teachers[None])


# ------------------------------------------------------------------ charts

def test_charts_use_fixed_colours_cjk_font_and_chinese_hover(view):
    matrix = bd.level_grade_matrix(view.papers).drop(index=bd.TOTAL, columns=bd.TOTAL)
    fig = charts.stacked(matrix, title="各级别论文篇数", category_title="级别", series_title="等次", value_title="论文篇数",
                         colors=charts.GRADE_COLORS)
    spec = json.loads(fig.to_json())
    assert "Noto Sans CJK SC" in spec["layout"]["font"]["family"]
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert {trace["name"]: trace["marker"]["color"] for trace in bars} == {
        name: charts.GRADE_COLORS[name] for name in ("一等奖", "二等奖", "三等奖")}
    assert all("论文篇数：" in trace["hovertemplate"] for trace in bars)
    assert spec["layout"]["xaxis"]["title"]["text"] == "级别" and bars[0]["x"] == list(LEVELS)  # plain lists
    rate = json.loads(charts.bar(["甲"], [0.5], title="达标率", x_title="教研组", y_title="达标率", percent=True).to_json())
    assert rate["data"][0]["y"] == [50.0] and rate["data"][0]["text"] == ["50.0%"]


# ------------------------------------------------------------------- excel

def test_excel_states_filters_and_never_writes_formulas():
    frame = pd.DataFrame({"题目": ["=1+2", "+cmd", "-x", "@SUM(A1)", "\tA", "\rB", "正常"],
                          "节数": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
                          "日期": [dt.date(2024, 9, 2)] * 7})
    data = excel_bytes(frame, [("学期", "2024-2025学年第一学期"), ("教研组", "=cmd|' /C calc'!A0"), ("教师", "全部教师")],
                       title="测试", exported_at=dt.datetime(2025, 1, 2, 3, 4, 5))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[:5]] == ["测试", "学期：2024-2025学年第一学期", "教研组：=cmd|' /C calc'!A0", "教师：全部教师",
                                            "导出时间：2025-01-02 03:04:05"]
    assert rows[6] == ("题目", "节数", "日期")
    assert [row[0] for row in rows[7:]] == list(frame["题目"])
    assert rows[8][1] is None and rows[7][2] == dt.datetime(2024, 9, 2)
    for row in sheet.iter_rows(min_row=8):
        assert row[0].data_type == "s"
        assert row[0].quotePrefix == (row[0].value != "正常")
