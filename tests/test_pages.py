"""The pages in Streamlit's AppTest: every page runs, and what they show equals dashboard.metrics for the same filters."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import breakdowns as bd
from dashboard import metrics
from dashboard.cli import DEMO_DIR, demo_files, import_files
from dashboard.contract import GRADES, LEVELS, term_label
from dashboard.loaders import load_file
from dashboard.normalize import previous_term
from dashboard.navigation import all_pages
from dashboard.store import Store

from .conftest import ROOT, xlsx_bytes, sign_in

APP = ROOT / "app.py"
PAGES = [entry.file for entry in all_pages()]  # every page, the declared kinds' own too
MY_PAGES = ["overview.py", "observations.py", "papers.py", "projects.py", "teacher.py"]
TIMEOUT = 60


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """A SQLite store with the demo school loaded once for the session: (url, dataset)."""
    if not DEMO_DIR.is_dir() or not demo_files():
        pytest.skip("data/demo 还没有示例数据")
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'demo.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    ds = store.dataset()
    store.engine.dispose()
    return url, ds


def run_app(monkeypatch, url: str, page: str | None = None, **query) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(APP), default_timeout=TIMEOUT))
    for name, value in query.items():
        at.query_params[name] = value
    at.run(timeout=TIMEOUT)
    if page is not None:
        at.switch_page(f"pages/{page}")
        at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str):
    found = [m for m in at.metric if m.label == label]
    assert found, f"没有指标「{label}」"
    return found[0]


def chart(at: AppTest, key: str) -> dict:
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert found, f"没有图表 {key}"
    return json.loads(found[0].proto.spec)


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def frame(at: AppTest, key: str):
    """The table shown by ``ui.table(key=…)``: the dataframe just before its Excel button
    (a table without selection carries no key of its own)."""
    last = None
    for node in _walk(at._tree):
        if node.type == "dataframe":
            last = node
        elif node.type == "download_button" and node.key == f"{key}_xlsx":
            assert last is not None
            return last.value
    raise KeyError(f"没有表格 {key}")


def sidebar(at: AppTest) -> dict:
    return {box.key: box.value for box in at.selectbox if box.key and box.key.startswith("flt_")}


def percent(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%"


# -------------------------------------------------------------------- smoke

@pytest.mark.parametrize("page", PAGES)
def test_every_registered_page_runs(monkeypatch, demo, page):
    at = run_app(monkeypatch, demo[0], page)
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", MY_PAGES)
def test_empty_store_points_to_the_import_page_and_the_demo_command(monkeypatch, tmp_path, page):
    at = run_app(monkeypatch, f"sqlite:///{tmp_path / 'empty.db'}", page)
    assert any("python -m dashboard demo" in info.value for info in at.info)
    assert at.get("page_link") and at.get("page_link")[0].proto.page.startswith("import")
    assert not at.get("plotly_chart")


def test_a_term_without_papers_says_so(monkeypatch, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'no_papers.db'}")
    store.import_result(load_file(xlsx_bytes([["2024-2025学年第一学期教师名册"], ["姓名", "教研组"], ["甲老师", "语文组"]]),
                                  "名册.xlsx"))
    at = run_app(monkeypatch, str(store.engine.url), "papers.py")
    assert [info.value for info in at.info][:1] == ["还没有获奖与发表记录：请在“数据导入”页上传获奖与发表记录。"]  # none imported yet
    store.import_result(load_file(xlsx_bytes([["2024-2025学年第二学期论文获奖"], ["作者", "论文题目", "级别", "等次"],
                                              ["甲老师", "一篇论文", "市级", "一等奖"]]), "论文.xlsx"))
    store.engine.dispose()
    at = run_app(monkeypatch, str(store.engine.url), "papers.py", term="2024-2025-1")
    assert [info.value for info in at.info][:1] == ["本学期暂无获奖与发表记录"]  # some imported, none of this term
    assert not at.error


# ------------------------------------------------------------------ 总览

@pytest.mark.parametrize("term,group", [(None, None), ("2023-2024-2", None), ("2024-2025-1", "数学组"), ("2023-2024-1", "英语组")])
def test_overview_kpis_equal_metrics(monkeypatch, demo, term, group):
    url, ds = demo
    query = {k: v for k, v in (("term", term), ("group", group)) if v}
    at = run_app(monkeypatch, url, **query)
    term = term or metrics.data_terms(ds)[-1]
    figures = metrics.figures(ds, term, group)
    obs, projects = figures["observations"], figures["projects"]
    assert metric(at, "教师数").value == str(figures["teachers"])
    assert metric(at, "听课总节数").value == str(obs["total"])
    assert metric(at, "听课达标率").value == percent(obs["quota_met"], obs["quota_teachers"])
    assert metric(at, "论文获奖/发表篇数").value == str(figures["papers"]["total"])
    assert metric(at, "在研课题").value == str(projects["in_progress"])
    assert metric(at, "本学期结题").value == str(projects["concluded"])
    before = previous_term(term)
    if before in metrics.data_terms(ds):
        previous = metrics.figures(ds, before, group)
        assert metric(at, "听课总节数").proto.delta == f"{obs['total'] - previous['observations']['total']:+d}"
        assert metric(at, "在研课题").proto.delta == f"{projects['in_progress'] - previous['projects']['in_progress']:+d}"
    else:
        assert metric(at, "听课总节数").proto.delta == ""
    groups = frame(at, "overview_groups").set_index("教研组")
    assert groups["听课节数"].to_dict() == obs["by_group"]
    assert int(groups["达标人数"].sum()) == obs["quota_met"]
    at.session_state["tab"] = "各组听课节数"  # the user clicks the second tab
    at.run(timeout=TIMEOUT)
    lessons = chart(at, "overview_group_lessons")["data"][0]
    assert dict(zip(lessons["x"], lessons["y"])) == obs["by_group"]
    at.session_state["tab"] = "各学期趋势"  # and the last one
    at.run(timeout=TIMEOUT)
    trend = frame(at, "overview_trends")
    assert list(trend["学期"]) == [term_label(t) for t in metrics.data_terms(ds)]
    assert trend.set_index("学期").loc[term_label(term), "听课总节数"] == obs["total"]


def test_overview_tabs_and_drill_down_run_only_when_opened(monkeypatch, demo):
    """What a closed expander or tab holds is not built: the first view draws one chart, the 教研组'
    达标率 (their 听课节数 have a tab of their own); a link with ?tab= opens the trends, and the
    expander's rows appear once it is opened."""
    url, ds = demo
    at = run_app(monkeypatch, url)
    keys = [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]
    assert keys == ["overview_group_rate"]
    at = run_app(monkeypatch, url, tab="各组听课节数")
    keys = [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]
    assert keys == ["overview_group_lessons"]
    at = run_app(monkeypatch, url)
    assert not [b for b in at.selectbox if b.key == "overview_drill"]
    first = frame(at, "overview_groups")["教研组"].iloc[0]  # a row picked: that group's teachers
    at.session_state["overview_groups"] = {"selection": {"rows": [0]}}
    at.run(timeout=TIMEOUT)
    term = metrics.data_terms(ds)[-1]
    assert len(frame(at, "overview_group_members")) == metrics.figures(ds, term, first)["teachers"]
    at = run_app(monkeypatch, url, tab="各组论文")
    papers = chart(at, "overview_group_papers")
    assert sum(sum(trace["y"]) for trace in papers["data"] if trace["type"] == "bar") >= metrics.figures(ds, term)["papers"]["total"]
    at = run_app(monkeypatch, url, tab="各学期趋势")
    keys = [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]
    assert keys == ["overview_trend_lessons", "overview_trend_rate", "overview_trend_papers", "overview_trend_projects"]
    assert len(frame(at, "overview_trends")) == len(metrics.data_terms(ds))
    at.session_state["overview_drill_open"] = True  # the user opens the expander
    at.run(timeout=TIMEOUT)
    assert len(frame(at, "overview_drill_rows")) == metrics.figures(ds, term)["teachers"]


def test_a_table_never_shows_another_frames_rows():
    """Tables are converted for display once per frame object; a new frame (even one that got a
    dead frame's memory address) is shown with its own rows."""
    import pandas as pd

    from dashboard.ui import arrow_table

    kept = pd.DataFrame({"教研组": ["语文组", "数学组"], "教师数": [3, 4]})
    assert arrow_table(kept) is arrow_table(kept)
    for number in range(50):
        frame_ = pd.DataFrame({"教研组": [f"组{number}"], "教师数": [number]})
        assert arrow_table(frame_).to_pandas().equals(frame_)
        del frame_
    assert arrow_table(kept).to_pandas().equals(kept)


def test_overview_drill_down_rows_add_up(monkeypatch, demo):
    url, ds = demo
    at = run_app(monkeypatch, url, term="2024-2025-1")
    at.session_state["overview_drill_open"] = True
    at.run(timeout=TIMEOUT)
    figures = metrics.figures(ds, "2024-2025-1")
    assert len(frame(at, "overview_drill_rows")) == figures["teachers"]
    at.selectbox(key="overview_drill").select("论文获奖/发表篇数").run(timeout=TIMEOUT)
    rows = frame(at, "overview_drill_rows")
    assert len(rows) == figures["papers"]["total"] and {"来源文件", "工作表", "行号"} <= set(rows.columns)
    at.selectbox(key="overview_drill").select("听课总节数").run(timeout=TIMEOUT)
    assert int(frame(at, "overview_drill_rows")["节数"].sum()) == figures["observations"]["total"]
    at.selectbox(key="overview_drill").select("在研课题").run(timeout=TIMEOUT)
    assert len(frame(at, "overview_drill_rows")) == figures["projects"]["in_progress"]

    terms = metrics.data_terms(ds)  # a term of the trend table: the rows behind its numbers
    at.session_state["tab"] = "各学期趋势"
    at.run(timeout=TIMEOUT)
    at.session_state["overview_trends"] = {"selection": {"rows": [0]}}
    at.run(timeout=TIMEOUT)
    at.selectbox(key="overview_trend_drill").select("听课总节数").run(timeout=TIMEOUT)
    earliest = metrics.figures(ds, terms[0])["observations"]["total"]
    assert int(frame(at, "overview_trend_rows")["节数"].sum()) == earliest


def test_changing_filters_changes_figures_and_the_url(monkeypatch, demo):
    url, ds = demo
    at = run_app(monkeypatch, url)
    latest = metrics.data_terms(ds)[-1]
    assert sidebar(at) == {"flt_term": latest, "flt_group": "", "flt_teacher": ""}  # default: latest term
    assert at.query_params == {"term": latest}

    at.selectbox(key="flt_term").select("2023-2024-1").run(timeout=TIMEOUT)
    assert metric(at, "听课总节数").value == str(metrics.figures(ds, "2023-2024-1")["observations"]["total"])
    at.selectbox(key="flt_group").select("科学组").run(timeout=TIMEOUT)
    figures = metrics.figures(ds, "2023-2024-1", "科学组")
    assert metric(at, "教师数").value == str(figures["teachers"])
    assert metric(at, "论文获奖/发表篇数").value == str(figures["papers"]["total"])
    assert at.query_params == {"term": "2023-2024-1", "group": "科学组"}
    teachers = at.selectbox(key="flt_teacher").options
    roster = metrics.roster_for(ds, "2023-2024-1")
    assert len(teachers) == 1 + int((roster["group"] == "科学组").sum())  # only the group's teachers

    science = roster[roster["group"] == "科学组"]
    name = sorted(science["name_key"], key=bd.pinyin_key)[0]
    at.selectbox(key="flt_teacher").select(name).run(timeout=TIMEOUT)
    counts = metrics.observation_counts(ds, "2023-2024-1").teachers.set_index("name_key")
    assert metric(at, "教师数").value == "1"
    assert metric(at, "听课总节数").value == str(counts.loc[name, "count"])
    assert at.query_params["teacher"] == name

    at.switch_page("pages/observations.py").run(timeout=TIMEOUT)  # the filters follow to another page
    assert sidebar(at) == {"flt_term": "2023-2024-1", "flt_group": "科学组", "flt_teacher": name}
    assert list(frame(at, "obs_teachers")["姓名"]) == [name]
    at.selectbox(key="flt_group").select("数学组").run(timeout=TIMEOUT)  # teacher not in the new group: reset
    assert sidebar(at)["flt_teacher"] == "" and "teacher" not in at.query_params


def test_a_link_opens_the_same_view(monkeypatch, demo):
    url, ds = demo
    roster = metrics.roster_for(ds, "2024-2025-1")
    name = roster.loc[roster["group"] == "英语组", "name_key"].iloc[0]
    at = run_app(monkeypatch, url, "observations.py", term="2024-2025-1", group="英语组", teacher=name)
    assert sidebar(at) == {"flt_term": "2024-2025-1", "flt_group": "英语组", "flt_teacher": name}
    assert list(frame(at, "obs_teachers")["姓名"]) == [name]
    bad = run_app(monkeypatch, url, term="1999-2000-1", group="不存在组")  # unknown values fall back
    assert sidebar(bad) == {"flt_term": metrics.data_terms(ds)[-1], "flt_group": "", "flt_teacher": ""}


# -------------------------------------------------------------- 听课达标

@pytest.mark.parametrize("term,group", [("2024-2025-2", None), ("2023-2024-2", "艺体组"), ("2024-2025-1", "数学组")])
def test_observations_page_equals_metrics(monkeypatch, demo, term, group):
    url, ds = demo
    query = {k: v for k, v in (("term", term), ("group", group)) if v}
    at = run_app(monkeypatch, url, "observations.py", **query)
    figures = metrics.figures(ds, term, group)
    obs = figures["observations"]
    table = frame(at, "obs_teachers")
    assert len(table) == figures["teachers"] and int(table["已听节数"].sum()) == obs["total"]
    assert metric(at, "达标人数").value == f"{obs['quota_met']} / {obs['quota_teachers']}"
    behind = {(b["name"], b["count"], b["quota"]) for b in obs["behind"]}
    assert {(r.姓名, r.已听节数, r.任务节数) for r in table.itertuples() if r.已听节数 < r.任务节数} == behind
    teachers = metrics.observation_counts(ds, term).teachers
    if group:
        teachers = teachers[teachers["group"] == group]
    expected = bd.pace(teachers, term, dt.date.today())
    assert list(table["姓名"]) == list(expected["name_key"])  # behind-first order
    assert list(table["落后进度节数"]) == list(expected["pace_gap"]) and list(table["尚欠节数"]) == list(expected["owed"])
    assert list(table["任务依据"]) == list(expected["quota_rule"])
    assert not at.get("plotly_chart")  # the other tabs run once opened
    at.session_state["obs_tab"] = "各教研组达标率"
    at.run(timeout=TIMEOUT)
    rate = chart(at, "obs_group_rate")["data"][0]
    by_group = {g: teachers[teachers["group"] == g] for g in rate["x"]}
    assert rate["y"] == [round(m["met"].sum() / len(m) * 100, 1) for m in by_group.values()]
    lessons = metrics.observation_counts(ds, term).lessons
    counted = lessons[lessons["teacher_key"].isin(set(teachers["name_key"]))]
    at.session_state["obs_tab"] = "每周听课节数"
    at.run(timeout=TIMEOUT)
    if counted.empty:  # e.g. 艺体组 in 2023-2024-2 has only the summary table
        assert any("没有带日期的听课明细" in info.value for info in at.info)
    else:
        assert sum(chart(at, "obs_weekly")["data"][0]["y"]) == int(counted["lessons"].sum())
    assert "obs_unmatched_xlsx" not in {button.key for button in at.download_button}  # closed: not drawn
    at.session_state["obs_not_counted_open"] = True  # the rows not counted appear once the expander is opened
    at.run(timeout=TIMEOUT)
    result = metrics.observation_counts(ds, term)
    assert len(frame(at, "obs_unmatched")) == len(result.unmatched)
    assert len(frame(at, "obs_duplicates")) == len(result.duplicates)


def test_observations_row_selection_shows_the_rows_behind_a_count(monkeypatch, demo):
    url, ds = demo
    at = run_app(monkeypatch, url, "observations.py", term="2023-2024-2")
    table = frame(at, "obs_teachers")
    at.session_state["obs_teachers"] = {"selection": {"rows": [0]}}
    at.run(timeout=TIMEOUT)
    rows = frame(at, "obs_teacher_rows")
    name, count = table["姓名"].iloc[0], int(table["已听节数"].iloc[0])
    if "节数" in rows:
        assert int(rows["节数"].sum()) == count and set(rows["计入教师"]) == {name}
    else:
        assert list(rows["汇总节数"]) == [count]
    assert {"来源文件", "工作表", "行号"} <= set(rows.columns)


# ---------------------------------------------------------------- 论文成果

@pytest.mark.parametrize("term,group", [("2024-2025-1", None), ("2023-2024-1", "数学组"), ("2024-2025-2", "语文组")])
def test_papers_page_equals_metrics(monkeypatch, demo, term, group):
    url, ds = demo
    query = {k: v for k, v in (("term", term), ("group", group)) if v}
    at = run_app(monkeypatch, url, "papers.py", **query)
    papers = metrics.figures(ds, term, group)["papers"]
    at.selectbox(key="awards_category").set_value("论文").run(timeout=TIMEOUT)  # 论文, one category of 获奖与发表
    assert metric(at, "论文（项）").value == str(papers["total"])
    matrix = frame(at, "papers_matrix")
    assert {level: int(matrix.loc[level, "项"]) if level in matrix.index else 0 for level in LEVELS} == papers["by_level"]
    assert {grade: int(matrix.loc[bd.TOTAL, grade]) if grade in matrix else 0 for grade in GRADES} == papers["by_grade"]
    stacked = chart(at, "papers_matrix_chart")
    for trace in stacked["data"]:
        if trace["type"] == "bar":
            assert trace["y"] == [int(matrix.loc[level, trace["name"]]) for level in trace["x"]]
    assert not [b for b in at.get("download_button") if b.key == "papers_cell_rows_xlsx"]  # nothing picked, no list
    at.session_state["papers_matrix"] = {"selection": {"rows": [list(matrix.index).index(bd.TOTAL)], "columns": [], "cells": []}}
    at.run(timeout=TIMEOUT)
    assert len(frame(at, "papers_cell_rows")) == papers["total"]  # the 合计 row: every record
    at.session_state["papers_tab"] = "各学期论文篇数"  # the trend is drawn once its tab is opened
    at.run(timeout=TIMEOUT)
    trend = frame(at, "papers_trend")
    assert int(trend.loc[term_label(term), "合计"]) == papers["total"]


def test_papers_cell_selection_lists_the_records_behind_it(monkeypatch, demo):
    url, ds = demo
    at = run_app(monkeypatch, url, "papers.py", term="2024-2025-1")
    matrix = frame(at, "papers_matrix")
    at.session_state["papers_matrix"] = {"selection": {"cells": [[list(matrix.index).index("区县级"), "二等奖"]]}}
    at.run(timeout=TIMEOUT)
    rows = frame(at, "papers_cell_rows")
    assert len(rows) == int(matrix.loc["区县级", "二等奖"]) > 0
    assert set(rows["级别"]) == {"区县级"} and set(rows["等次"]) == {"二等奖"}


# ---------------------------------------------------------------- 课题管理

@pytest.mark.parametrize("term,group", [("2024-2025-2", None), ("2023-2024-1", None), ("2024-2025-1", "人文组")])
def test_projects_page_equals_metrics(monkeypatch, demo, term, group):
    url, ds = demo
    query = {k: v for k, v in (("term", term), ("group", group)) if v}
    at = run_app(monkeypatch, url, "projects.py", **query)
    projects = metrics.figures(ds, term, group)["projects"]
    for label, flag in (("在研课题", "in_progress"), ("新立项", "new"), ("本学期结题", "concluded"), ("逾期未结题", "overdue")):
        assert metric(at, label).value == str(projects[flag])
    assert chart(at, "projects_stage_chart") and not at.get("plotly_chart")[1:]  # the first tab only

    def opened(tab):
        at.session_state["projects_tab"] = tab
        at.run(timeout=TIMEOUT)
        assert not at.exception, [e.value for e in at.exception]

    opened("在研课题级别")
    levels = chart(at, "projects_level_chart")["data"][0]
    assert {level: count for level, count in zip(levels["x"], levels["y"]) if level in LEVELS} == projects["by_level"]
    opened("逾期未结题")
    if projects["overdue"]:
        overdue = frame(at, "projects_overdue")
        assert len(overdue) == projects["overdue"] and {"计划结题时间", "负责人"} <= set(overdue.columns)
    opened("各学期课题情况")
    trend = frame(at, "projects_trend").set_index("学期")
    assert trend.loc[term_label(term), "在研课题"] == projects["in_progress"]


# ---------------------------------------------------------------- 教师档案

def test_teacher_page_asks_for_a_teacher_then_shows_every_term(monkeypatch, demo):
    url, ds = demo
    at = run_app(monkeypatch, url, "teacher.py")
    assert any("请在左侧" in info.value for info in at.info)
    name = "徐欣"
    at.selectbox(key="flt_teacher").select(name).run(timeout=TIMEOUT)
    table = frame(at, "teacher_obs")
    terms = [t for t in metrics.data_terms(ds) if name in set(metrics.roster_for(ds, t)["name_key"])]
    assert list(table["学期"]) == [term_label(t) for t in terms]
    for term, count, quota in zip(terms, table["已听节数"], table["任务节数"]):
        row = metrics.observation_counts(ds, term).teachers.set_index("name_key").loc[name]
        assert (count, quota) == (row["count"], row["quota"])
    bars = chart(at, "teacher_obs_chart")["data"][0]
    assert bars["y"] == list(table["已听节数"])
    papers = sum(metrics.paper_records(ds, t, metrics.roster_for(ds, t)).records["matched_authors"]
                 .str.split("、").map(lambda keys: name in keys).sum() for t in metrics.data_terms(ds))
    assert metric(at, "论文（全部学期）").value == str(papers)
    assert metric(at, "参与的课题").value == str(len(frame(at, "teacher_member")))


def test_every_table_has_an_excel_download(monkeypatch, demo):
    url, _ = demo
    for page in MY_PAGES:
        at = run_app(monkeypatch, url, page, teacher="徐欣")
        nodes = [node for node in _walk(at._tree) if node.type in ("dataframe", "download_button")]
        tables = [i for i, node in enumerate(nodes) if node.type == "dataframe"]
        assert tables, page
        for i in tables:  # every table is followed by its Excel download
            assert nodes[i + 1].type == "download_button" and nodes[i + 1].key.endswith("_xlsx"), page
