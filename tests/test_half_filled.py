"""Every page, for every role, on stores a school really has half-way through its first imports.

The stores are built once per module from tiny workbooks written here: empty; only a roster; only a
听课 log; no 课题; no 论文; a teacher without 出生年月 or 参加工作时间.  Each page a role may open must
run without an exception or an error, and where the store lacks what the page counts it says in
Chinese what is missing and that it is imported on the “数据导入” page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.accounts import User
from dashboard.loaders import load_file
from dashboard.navigation import all_pages, pages_for
from dashboard.store import Store

from .conftest import ROOT, xlsx_bytes
from .test_scoped_pages import OPENED

APP = str(ROOT / "app.py")
TERM_TITLE = "2024-2025学年第一学期"


def roster_rows(without_dates: str | None = None) -> list[list]:
    rows = [[f"{TERM_TITLE}教师名册"], ["姓名", "教研组", "出生年月", "参加工作时间"]]
    for name, group, born, started in (("张三", "语文组", dt.date(1980, 3, 1), dt.date(2002, 9, 1)),
                                       ("李四", "语文组", dt.date(1990, 5, 1), dt.date(2013, 9, 1)),
                                       ("王五", "数学组", dt.date(1975, 1, 1), dt.date(1998, 9, 1))):
        rows.append([name, group, None, None] if name == without_dates else [name, group, born, started])
    return rows


OBSERVATIONS = [[f"{TERM_TITLE}听课记录"], ["日期", "听课人", "授课教师", "学科", "班级", "节次"],
                [dt.date(2024, 9, 10), "张三", "王五", "数学", "初一(1)班", "第1节"],
                [dt.date(2024, 9, 11), "李四", "张三", "语文", "初一(2)班", "第2节"],
                [dt.date(2024, 9, 12), "王五", "李四", "语文", "初一(3)班", "第3节"]]
PAPERS = [[f"{TERM_TITLE}论文获奖"], ["作者", "论文题目", "级别", "等次"],
          ["李四", "群文阅读的课堂实践", "市级", "一等奖"], ["王五", "函数概念的教学", "区县级", "二等奖"]]
PROJECTS = [["课题研究管理台账"], ["课题名称", "负责人", "成员", "级别", "阶段", "立项时间", "计划结题时间"],
            ["整本书阅读研究", "李四", "张三", "市级", "立项", dt.date(2024, 3, 1), dt.date(2026, 6, 30)],
            ["数学建模活动研究", "王五", "", "区县级", "开题", dt.date(2023, 9, 1), dt.date(2025, 6, 30)]]

MENTORING = [["2024学年师徒结对名单"], ["师傅", "徒弟"], ["张三", "李四"]]
TASKS = [[f"{TERM_TITLE}个人任务统计"], ["姓名", "读书笔记", "教学反思"], ["李四", 2, 3], ["王五", 1, 4]]

FILES = {"roster": ("教师名册.xlsx", roster_rows()), "observations": ("听课记录.xlsx", OBSERVATIONS),
         "papers": ("论文获奖.xlsx", PAPERS), "projects": ("课题台账.xlsx", PROJECTS),
         "mentoring": ("师徒结对.xlsx", MENTORING), "tasks": ("个人任务.xlsx", TASKS)}
STATES = {
    "空库": (),
    "只有名册": ("roster",),
    "只有听课记录": ("observations",),
    "没有课题": ("roster", "observations", "papers"),
    "没有论文": ("roster", "observations", "projects"),
    "缺出生年月": ("roster", "observations", "papers", "projects"),
}
#: What the user reads for a kind that is missing.
LABELS = {"roster": "教师名册", "observations": "听课记录", "papers": "获奖与发表记录", "projects": "课题记录"}
#: The kinds each page counts (a page lacking one of them must say so).
PAGE_KINDS = {"overview.py": ("roster", "observations", "papers", "projects"),
              "observations.py": ("roster", "observations"),
              "papers.py": ("roster", "papers"),
              "projects.py": ("roster", "projects"),
              "teacher.py": ("roster",),
              "report.py": ("roster", "observations", "papers", "projects")}
TITLES = {entry.file: entry.title for entry in all_pages()}  # the declared kinds' pages too
ROLES = {"管理员": {}, "教科室": {}, "校长": {}, "教研组长": {"group": "语文组"}, "教师": {"teacher_key": "李四"}}


def build_store(url: str, kinds: tuple[str, ...], without_dates: str | None = None) -> None:
    store = Store(url)
    for kind in kinds:
        name, rows = FILES[kind]
        if kind == "roster":
            rows = roster_rows(without_dates)
        outcome = store.import_result(load_file(xlsx_bytes(rows), name, kind=kind))
        assert outcome.batch_id is not None
    store.engine.dispose()


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("half_filled")
    urls = {}
    for state, kinds in STATES.items():
        urls[state] = f"sqlite:///{folder / f'{state}.db'}"
        build_store(urls[state], kinds, "李四" if state == "缺出生年月" else None)
    return urls


def shown_texts(at: AppTest) -> list[str]:
    return [element.value for kind in ("info", "warning", "markdown", "caption", "success") for element in getattr(at, kind)]


STATE_IDS = {"空库": "empty", "只有名册": "roster_only", "只有听课记录": "log_only", "没有课题": "no_projects",
             "没有论文": "no_papers", "缺出生年月": "no_birth_date"}
ROLE_IDS = {"管理员": "admin", "教科室": "office", "校长": "principal", "教研组长": "leader", "教师": "teacher"}
CASES = [pytest.param(state, role, entry.file, id=f"{STATE_IDS[state]}-{ROLE_IDS[role]}-{entry.file[:-3]}")
         for state in STATES for role in ROLES for entry in pages_for(User("x", role, **ROLES[role]))]


@pytest.mark.parametrize("state,role,page", CASES)
def test_every_page_renders_for_every_role_on_a_half_filled_store(stores, monkeypatch, state, role, page):
    monkeypatch.setenv("DASHBOARD_DB", stores[state])
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = User(f"测试{role}", role, **ROLES[role])
    if page == "teacher.py" and role != "教师":  # a teacher's own profile opens without choosing
        at.query_params["teacher"] = "李四"
    if page == "import_data.py":  # AppTest finds a page before the first run by its file name (url path "import")
        at.run()
    at.switch_page(f"pages/{page}").run()  # straight to the page, as a link to it opens
    assert at.title and at.title[0].value == TITLES[page]
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page == "teacher.py" and "roster" in STATES[state]:  # the profile is shown, what the roster omits as such
        facts = [m.value for m in at.markdown if "**年龄**" in m.value]
        assert facts, shown_texts(at)
        if state == "缺出生年月":
            assert "**年龄**：未注明（名册未填出生年月）" in facts[0] and "**教龄**：未注明（名册未填参加工作时间）" in facts[0]
        else:
            assert "未注明" not in facts[0]
    missing = [kind for kind in PAGE_KINDS.get(page, ()) if kind not in STATES[state]]
    notes = [text for text in shown_texts(at) if "还没有" in text and "数据导入" in text]
    for key, value in OPENED.get(page, []):  # each lazy tab and fold, opened: it renders on this store too
        at.session_state[key] = value
        at.run()
        assert not at.exception, (key, [e.value for e in at.exception])
        assert not at.error, (key, [e.value for e in at.error])
    for kind in missing:  # says what to import next, and where
        assert any(LABELS[kind] in note for note in notes), (kind, shown_texts(at))
    if not missing and page in PAGE_KINDS:
        assert not notes, notes


# ------------------------------------------------------------ school scope

def _school_store(url: str, school: str) -> None:
    store = Store(url)
    for kind, (name, rows) in FILES.items():
        store.import_result(load_file(xlsx_bytes(rows), f"{school}{name}", kind=kind), school=school)
    store.engine.dispose()


@pytest.fixture(scope="module")
def school_stores(tmp_path_factory):
    """A store holding only 第二中学's data, and one holding only 第一中学's."""
    folder = tmp_path_factory.mktemp("schools")
    urls = {}
    for school in ("第一中学", "第二中学"):
        urls[school] = f"sqlite:///{folder / f'{school}.db'}"
        _school_store(urls[school], school)
    return urls


#: What a page would show of the stored school: its teachers, paper and project titles, file names.
STORED = ("张三", "李四", "王五", "群文阅读", "函数概念", "整本书阅读", "数学建模", "教师名册.xlsx", "听课记录.xlsx")
SCHOOL_CASES = [pytest.param(role, entry.file, id=f"{ROLE_IDS[role]}-{entry.file[:-3]}") for role in ROLES
                for entry in pages_for(User("x", role, school="第一中学", **ROLES[role]))]


@pytest.mark.parametrize("role,page", SCHOOL_CASES)
def test_a_school_account_sees_nothing_of_a_store_holding_only_another_school(school_stores, monkeypatch, role, page):
    from .test_scoped_pages import _everything_shown

    for school, ours in (("第二中学", False), ("第一中学", True)):
        monkeypatch.setenv("DASHBOARD_DB", school_stores[school])
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["user"] = User(f"测试{role}", role, school="第一中学", **ROLES[role])
        if page == "teacher.py":
            at.query_params["teacher"] = "李四"
        at.run()
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, [e.value for e in at.exception]
        shown = _everything_shown(at) + " ".join(str(b.options) for b in at.selectbox)
        own_name = ROLES[role].get("teacher_key")  # a teacher's account carries its own name
        seen = [text for text in STORED if text in shown and text != own_name]
        if ours:  # its own school's store: the page shows it (the check above can fail)
            assert seen or page in ("accounts.py",), (school, page)
        else:
            assert seen == [], (school, page)
            if page in PAGE_KINDS:  # nothing of its own yet: says so, not that the database is empty
                assert any("数据库里还没有第一中学的数据" in text for text in shown_texts(at)), shown_texts(at)
            if page == "import_data.py":
                assert not [frame for frame in at.dataframe if "批次" in frame.value.columns and len(frame.value)]
