"""Signed-in pages as each role sees them: a 教研组长 never meets another group's names."""

from __future__ import annotations

import io

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.accounts import User
from dashboard.cli import demo_files, import_files
from dashboard.navigation import pages_for
from dashboard.store import Store

from .conftest import ROOT, sign_in

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('scoped') / 'demo.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    return url, store.dataset().roster


def _everything_shown(at: AppTest) -> str:
    """All text a user can read on the page: text elements, tables, metrics, options, charts."""
    parts = [element.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning",
                                        "success", "error", "text") for element in getattr(at, kind)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    parts += [f"{metric.label} {metric.value}" for metric in at.metric]
    parts += [" ".join(map(str, box.options)) for box in at.selectbox]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    parts += [area.value for area in at.text_area]
    return "\n".join(map(str, parts))


#: Lazy tabs and expanders (their content runs only once opened), opened by the checks below.
OPENED = {"overview.py": [("overview_drill_open", True), ("tab", "各组听课节数"), ("tab", "各组论文"), ("tab", "各学期趋势")],
          "observations.py": [("obs_not_counted_open", True), ("obs_tab", "各教研组达标率"), ("obs_tab", "每周听课节数")],
          "papers.py": [("papers_all_open", True), ("papers_other_open", True), ("papers_tab", "各教研组"),
                        ("papers_tab", "各教师"), ("papers_tab", "各学期论文篇数")],
          "projects.py": [("projects_drill_open", True), ("projects_all_open", True), ("projects_other_open", True),
                          ("projects_tab", "在研课题级别"), ("projects_tab", "逾期未结题"), ("projects_tab", "各学期课题情况")],
          "mentoring.py": [("mentoring_other_open", True)], "tasks.py": [("tasks_records_open", True)],
          "open_lessons.py": [("open_lessons_rows_open", True), ("open_others_open", True), ("open_lessons_tab", "各教研组公开课"),
                              ("open_lessons_tab", "课型")],
          "training.py": [("training_records_open", True), ("training_unknown_open", True), ("training_other_open", True)],
          "activities.py": [("activities_records_open", True), ("activities_other_open", True)],
          "district.py": [("district_tab", "各校听课达标率"), ("district_tab", "各校论文（按级别）")],
          "report.py": [("report_tables_open", True), ("report_charts_open", True)],
          "import_data.py": [("import_aliases_open", True)]}


def test_group_leader_never_sees_another_groups_teacher(demo, monkeypatch):
    url, roster = demo
    monkeypatch.setenv("DASHBOARD_DB", url)
    ours = set(roster.loc[roster["group"] == "语文组", "name_key"])
    others = set(roster["name_key"]) - ours
    leader = User("语文组长", "教研组长", group="语文组")
    entries = pages_for(leader)
    assert [e.title for e in entries] == ["总览", "听课达标", "获奖与发表", "课题管理", "公开课", "培训学时", "教研活动", "师徒结对",
                                        "个人任务", "教师档案", "工作总结"]
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["user"] = leader
    at.run()
    for entry in entries:
        at.switch_page(f"pages/{entry.file}").run()
        assert not at.exception, (entry.title, [e.value for e in at.exception])
        for term in ("2023-2024-1", "2024-2025-1"):
            box = next(b for b in at.selectbox if b.label == "学期")
            box.set_value(term).run()
            shown = _everything_shown(at)
            assert [name for name in others if name in shown] == [], (entry.title, term)
            assert any(name in shown for name in ours) or entry.file == "teacher.py", entry.title
            for key, value in OPENED.get(entry.file, []):  # what is drawn only once opened
                at.session_state[key] = value
                at.run()
                shown = _everything_shown(at)
                assert [name for name in others if name in shown] == [], (entry.title, term, key)
                assert any(name in shown for name in ours), (entry.title, key)


def test_managing_pages_refuse_other_roles(demo, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", demo[0])
    at = sign_in(AppTest.from_file(APP, default_timeout=60), "校长").run()
    assert {"数据导入", "数据质量", "账号管理"}.isdisjoint(e.title for e in pages_for(at.session_state["user"]))
    for file in ("import_data.py", "quality.py", "accounts.py"):  # not in the menu; opened directly all the same
        at = sign_in(AppTest.from_file(str(ROOT / "pages" / file), default_timeout=60), "校长").run()
        assert not at.exception
        assert any("不能打开此页面" in w.value or "只有" in w.value for w in at.warning), file
        assert not at.dataframe and not at.get("file_uploader")


def test_teacher_sees_only_their_own_profile(demo, monkeypatch):
    url, roster = demo
    monkeypatch.setenv("DASHBOARD_DB", url)
    me = roster["name_key"].iloc[10]
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = User("t", "教师", teacher_key=me)
    at.run()
    assert not at.exception
    box = next(b for b in at.selectbox if b.label == "教师")
    assert [option for option in box.options if option != "全部教师"] and all(me in str(o) or o == "全部教师" for o in box.options)
    shown = _everything_shown(at)
    assert [name for name in set(roster["name_key"]) - {me} if len(name) > 2 and name in shown] == []


def test_district_page_compares_two_schools(tmp_path, monkeypatch):
    import json

    from dashboard.cli import main
    from dashboard.district import district_table

    url = f"sqlite:///{tmp_path / 'district.db'}"
    main(["demo", "--school", "第一中学", "--db", url])
    main(["demo", "--school", "第二中学", "--db", url])
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(APP, default_timeout=120), "教科室").run()
    at.switch_page("pages/district.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value
    term = next(b for b in at.selectbox if b.label == "学期").value
    expected = district_table(Store(url).dataset(), term)
    assert list(shown["学校"]) == ["第一中学", "第二中学"] and list(shown["论文总数"]) == list(expected["论文总数"])
    assert not at.get("plotly_chart")  # the charts' tabs run once opened
    at.session_state["district_tab"] = "各校听课达标率"
    at.run()
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bars["x"] == ["第一中学", "第二中学"]
    school_box = next(b for b in at.selectbox if b.label == "学校")
    assert school_box.options == ["第一中学", "第二中学"]
    at.switch_page("pages/overview.py").run()
    assert not at.exception


def test_a_schools_account_meets_only_its_own_files(tmp_path, monkeypatch):
    """District mode: a 教科室 account of 第一中学 sees, downloads and may undo only 第一中学's batches,
    and 数据质量 lists no rejected rows of another school's files."""
    from dashboard.cli import main
    from dashboard.loaders import load_file

    from .conftest import xlsx_bytes

    url = f"sqlite:///{tmp_path / 'district.db'}"
    main(["demo", "--school", "第一中学", "--db", url])
    main(["demo", "--school", "第二中学", "--db", url])
    store = Store(url)
    for school, name in (("第一中学", "一中补充论文.xlsx"), ("第二中学", "二中专用论文.xlsx")):  # each with a row left out
        rows = [["2024-2025学年第一学期论文获奖"], ["作者", "论文题目", "级别", "等次"],
                [f"{school}老师", f"{school}的论文", "市级", "一等奖"], ["", f"{school}没写作者的论文", "市级", "二等奖"]]
        store.import_result(load_file(xlsx_bytes(rows), name), school=school)
    store.set_alias("二中来宾", None, school="第二中学")  # a name correction of the other school
    store.set_alias("一中来宾", None, school="第一中学")
    history = store.history()
    ours = set(history.loc[history["school"] == "第一中学", "id"])
    assert len(ours) == len(demo_files()) + 1 and len(history) == 2 * len(demo_files()) + 2

    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(APP, default_timeout=120), "教科室", school="第一中学")
    at.query_params["term"] = "2024-2025-1"
    at.run()
    at.switch_page("pages/import_data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _everything_shown(at)
    assert "二中专用" not in shown and "二中来宾" not in shown and "一中来宾" in shown
    assert set(at.dataframe[-1].value["批次"]) == ours  # the history table
    for key in ("import_download_choice", "import_undo_choice"):  # options read 批次 N：文件名（…）
        assert {int(option.split("：")[0].removeprefix("批次 ")) for option in at.selectbox(key=key).options} == ours

    at.switch_page("pages/quality.py").run()
    assert not at.exception, [e.value for e in at.exception]
    rejected = [frame.value for frame in at.dataframe if "批次" in frame.value.columns]
    assert rejected and "一中补充论文.xlsx" in set(rejected[0]["文件"]) and set(rejected[0]["批次"]) <= ours
    assert "二中专用" not in _everything_shown(at)

    district = sign_in(AppTest.from_file(APP, default_timeout=120), "教科室").run()  # a district account
    district.switch_page("pages/import_data.py").run()
    assert set(district.dataframe[-1].value["批次"]) == set(history["id"])
    assert "学校" in district.dataframe[-1].value.columns


def _moving_teachers_store(url: str) -> Store:
    """Two terms; 李四 leaves 语文组 for 数学组 in the second, 王五 joins 语文组 from 数学组."""
    import datetime as dt

    from dashboard.loaders import load_file

    from .conftest import xlsx_bytes

    store = Store(url)
    groups = {"2024-2025学年第一学期": {"张三": "语文组", "李四": "语文组", "王五": "数学组", "赵六": "数学组"},
              "2024-2025学年第二学期": {"张三": "语文组", "李四": "数学组", "王五": "语文组", "赵六": "数学组"}}
    days = {"2024-2025学年第一学期": dt.date(2024, 10, 8), "2024-2025学年第二学期": dt.date(2025, 3, 11)}
    for title, members in groups.items():
        roster = [[f"{title}教师名册"], ["姓名", "教研组"], *[[name, group] for name, group in members.items()]]
        log = [[f"{title}听课记录"], ["日期", "听课人", "授课教师", "学科", "班级", "节次"],
               *[[days[title], name, "赵六" if name != "赵六" else "张三", "语文", "初一(1)班", f"第{n}节"]
                 for n, name in enumerate(members, 1)]]
        papers = [[f"{title}论文获奖"], ["作者", "论文题目", "级别", "等次"],
                  *[[name, f"{name}{title[:9]}的论文", "市级", "一等奖"] for name in members]]
        for kind, rows in (("roster", roster), ("observations", log), ("papers", papers)):
            store.import_result(load_file(xlsx_bytes(rows), f"{title}{kind}.xlsx", kind=kind))
    projects = [["课题研究管理台账"], ["课题名称", "负责人", "成员", "级别", "阶段", "立项时间", "计划结题时间"],
                *[[f"{name}主持的课题", name, "", "市级", "立项", dt.date(2024, 3, 1), dt.date(2026, 6, 30)]
                  for name in ("张三", "李四", "王五", "赵六")]]
    store.import_result(load_file(xlsx_bytes(projects), "课题台账.xlsx", kind="projects"))
    return store


#: term -> (the 语文组 members of that term's roster, the teachers the 语文组长 must not meet that term)
MEMBERS_BY_TERM = {"2024-2025-1": ({"张三", "李四"}, {"王五", "赵六"}),
                   "2024-2025-2": ({"张三", "王五"}, {"李四", "赵六"})}


def test_a_group_leaders_scope_is_each_terms_roster(tmp_path):
    from dashboard.breakdowns import term_view
    from pandas.testing import assert_frame_equal

    from dashboard.scope import scope_dataset, with_term_projects

    store = _moving_teachers_store(f"sqlite:///{tmp_path / 'moving.db'}")
    leader = User("语文组长", "教研组长", group="语文组")
    ds = store.dataset()
    for term, (ours, theirs) in MEMBERS_BY_TERM.items():
        scoped = scope_dataset(ds, leader.scope, term)
        assert_frame_equal(with_term_projects(scope_dataset(ds, leader.scope), ds, leader.scope, term).projects,
                           scoped.projects)  # what the pages' cache builds per term
        view = term_view(scoped, term)
        assert set(view.teachers["name_key"]) == ours
        assert set(view.lessons["observer_key"]) == ours and set(view.papers["matched_authors"]) == ours
        assert set(view.projects["teacher_key"]) == ours
        frames = (view.teachers, view.lessons, view.unmatched, view.duplicates, view.papers, view.other_papers,
                  view.projects, view.other_projects)
        shown = "\n".join(frame.to_string() for frame in frames)
        assert [name for name in theirs if name in shown] == [], term


def test_a_group_leader_meets_each_terms_members_on_every_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'moving.db'}"
    _moving_teachers_store(url).engine.dispose()
    monkeypatch.setenv("DASHBOARD_DB", url)
    leader = User("语文组长", "教研组长", group="语文组")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["user"] = leader
    at.run()
    for entry in pages_for(leader):
        at.switch_page(f"pages/{entry.file}").run()
        for term, (ours, theirs) in MEMBERS_BY_TERM.items():
            next(b for b in at.selectbox if b.label == "学期").set_value(term).run()
            assert not at.exception, (entry.title, [e.value for e in at.exception])
            teachers = next(b for b in at.selectbox if b.label == "教师")
            assert {str(option).split(" · ")[0] for option in teachers.options} - {"全部教师"} == ours, term
            checks = [None, *OPENED.get(entry.file, [])]
            for opened in checks:
                if opened is not None:
                    at.session_state[opened[0]] = opened[1]
                    at.run()
                shown = _everything_shown(at)
                assert [name for name in theirs if name in shown] == [], (entry.title, term, opened)
                if entry.file == "observations.py":
                    assert all(name in shown for name in ours), term
